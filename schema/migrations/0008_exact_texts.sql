-- Texts are stored exactly as decoded from their files (only a BOM removed), no longer in NFC
-- with LF line ends. "The same article" is now found by the hash of a text's comparison form
-- (CRLF and CR as LF, NFC: schema/text.ts comparisonText), kept beside the exact text's hash.
--
-- Every text stored before this migration was in that form already (the previous version
-- stored nothing else), so its comparison hash is its hash, and nothing else changes: texts,
-- offsets and annotations stay exactly as they are.
ALTER TABLE document_versions ADD COLUMN match_sha256 TEXT CHECK (match_sha256 IS NULL OR length(match_sha256) = 64);
UPDATE document_versions SET match_sha256 = sha256;
CREATE INDEX document_versions_by_match_hash ON document_versions (match_sha256);

