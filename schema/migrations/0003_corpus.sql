-- A corpus: annotations from other tools kept losslessly, label names unique per kind (a brat
-- event role can share its name with a span label), collections, counts for a library of
-- 100,000 articles, and full-text search.

-- Label names were unique across kinds; now per kind. The table is rebuilt (SQLite cannot drop
-- a column constraint), the way SQLite documents it: with foreign keys off, then checked.
-- byline: foreign keys off
CREATE TABLE labels_by_kind (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  color       TEXT NOT NULL,
  hotkey      TEXT UNIQUE,
  kind        TEXT NOT NULL CHECK (kind IN ('span', 'relation')),
  position    INTEGER NOT NULL,
  attributes  TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attributes)),
  UNIQUE (kind, name)
);
INSERT INTO labels_by_kind (id, name, color, hotkey, kind, position, attributes)
  SELECT id, name, color, hotkey, kind, position, attributes FROM labels;
DROP TABLE labels;
ALTER TABLE labels_by_kind RENAME TO labels;

-- The id an annotation or link had in the file it came from ("T4", "E1"), and what that file
-- said that Byline has no field for.
ALTER TABLE annotations ADD COLUMN external_ref TEXT;
ALTER TABLE annotations ADD COLUMN extras TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extras));
ALTER TABLE relations ADD COLUMN external_ref TEXT;
ALTER TABLE relations ADD COLUMN extras TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(extras));
CREATE INDEX annotations_by_annotator ON annotations (document_id, annotator_id);

-- The current version's hash and length beside the document: the library lists 100,000
-- documents without reading their texts (a version row holds the whole text).
ALTER TABLE documents ADD COLUMN sha256 TEXT;
ALTER TABLE documents ADD COLUMN length INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET
  sha256 = (SELECT sha256 FROM document_versions v WHERE v.document_id = documents.id AND v.version = documents.version),
  length = (SELECT length FROM document_versions v WHERE v.document_id = documents.id AND v.version = documents.version);
CREATE TRIGGER documents_current_version_added AFTER INSERT ON document_versions
BEGIN
  UPDATE documents SET sha256 = NEW.sha256, length = NEW.length WHERE id = NEW.document_id AND version = NEW.version;
END;
CREATE TRIGGER documents_current_version_changed AFTER UPDATE OF version ON documents
BEGIN
  UPDATE documents SET
    sha256 = (SELECT sha256 FROM document_versions v WHERE v.document_id = NEW.id AND v.version = NEW.version),
    length = (SELECT length FROM document_versions v WHERE v.document_id = NEW.id AND v.version = NEW.version)
  WHERE id = NEW.id;
END;

-- Counts the library sorts and shows without counting 100,000 articles each time.
ALTER TABLE documents ADD COLUMN word_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE documents ADD COLUMN annotation_count INTEGER NOT NULL DEFAULT 0;
UPDATE documents SET annotation_count = (SELECT count(*) FROM annotations WHERE document_id = documents.id);
CREATE TRIGGER annotations_count_insert AFTER INSERT ON annotations
BEGIN
  UPDATE documents SET annotation_count = annotation_count + 1 WHERE id = NEW.document_id;
END;
CREATE TRIGGER annotations_count_delete AFTER DELETE ON annotations
BEGIN
  UPDATE documents SET annotation_count = annotation_count - 1 WHERE id = OLD.document_id;
END;
CREATE INDEX documents_by_created ON documents (created_at);
CREATE INDEX documents_by_title ON documents (title COLLATE NOCASE);
CREATE INDEX documents_by_outlet ON documents (outlet COLLATE NOCASE);
CREATE INDEX documents_by_published ON documents (published_at);
CREATE INDEX documents_by_annotations ON documents (annotation_count);
CREATE INDEX documents_by_words ON documents (word_count);

-- Named sets of documents: an assignment batch, a sample to export.
CREATE TABLE collections (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  created_at  TEXT NOT NULL
);
CREATE TABLE collection_documents (
  collection_id  TEXT NOT NULL REFERENCES collections (id) ON DELETE CASCADE,
  document_id    TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  PRIMARY KEY (collection_id, document_id)
) WITHOUT ROWID;
CREATE INDEX collection_documents_by_document ON collection_documents (document_id);

-- Full-text search over titles, texts and notes; its rowid is the document's rowid. Kept in
-- step by triggers, so that every way a document changes updates it.
CREATE VIRTUAL TABLE search USING fts5(title, body, notes, tokenize = 'unicode61 remove_diacritics 2');
INSERT INTO search (rowid, title, body, notes)
  SELECT d.rowid, d.title, v.text,
         coalesce((SELECT group_concat(a.note, ' ') FROM annotations a
                   WHERE a.document_id = d.id AND a.note IS NOT NULL), '')
  FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version;

CREATE TRIGGER search_document_title AFTER UPDATE OF title ON documents
BEGIN
  UPDATE search SET title = NEW.title WHERE rowid = NEW.rowid;
END;
CREATE TRIGGER search_document_delete AFTER DELETE ON documents
BEGIN
  DELETE FROM search WHERE rowid = OLD.rowid;
END;
-- A document's text arrives with its version row (the document row comes first).
CREATE TRIGGER search_document_text AFTER INSERT ON document_versions
BEGIN
  DELETE FROM search WHERE rowid = (SELECT rowid FROM documents WHERE id = NEW.document_id);
  INSERT INTO search (rowid, title, body, notes)
    SELECT d.rowid, d.title, NEW.text,
           coalesce((SELECT group_concat(a.note, ' ') FROM annotations a
                     WHERE a.document_id = d.id AND a.note IS NOT NULL), '')
    FROM documents d WHERE d.id = NEW.document_id AND d.version = NEW.version;
END;
CREATE TRIGGER search_notes_insert AFTER INSERT ON annotations WHEN NEW.note IS NOT NULL
BEGIN
  UPDATE search SET notes = (SELECT group_concat(note, ' ') FROM annotations WHERE document_id = NEW.document_id AND note IS NOT NULL)
  WHERE rowid = (SELECT rowid FROM documents WHERE id = NEW.document_id);
END;
CREATE TRIGGER search_notes_update AFTER UPDATE OF note ON annotations WHEN OLD.note IS NOT NEW.note
BEGIN
  UPDATE search SET notes = coalesce((SELECT group_concat(note, ' ') FROM annotations WHERE document_id = NEW.document_id AND note IS NOT NULL), '')
  WHERE rowid = (SELECT rowid FROM documents WHERE id = NEW.document_id);
END;
CREATE TRIGGER search_notes_delete AFTER DELETE ON annotations WHEN OLD.note IS NOT NULL
BEGIN
  UPDATE search SET notes = coalesce((SELECT group_concat(note, ' ') FROM annotations WHERE document_id = OLD.document_id AND note IS NOT NULL), '')
  WHERE rowid = (SELECT rowid FROM documents WHERE id = OLD.document_id);
END;
