-- Text versions made by editing an article: each records the version it was made from, the
-- edits that made it (schema/text-edits.ts, JSON), who made it and how the app describes it.
-- Versions from an import or a colleague's file have no base and no edits.
ALTER TABLE document_versions ADD COLUMN base_version INTEGER;
ALTER TABLE document_versions ADD COLUMN edits TEXT CHECK (edits IS NULL OR json_valid(edits));
ALTER TABLE document_versions ADD COLUMN annotator_id TEXT REFERENCES annotators (id);
ALTER TABLE document_versions ADD COLUMN description TEXT;

-- Search follows the current version: inserting a version that is not current yet (an edit
-- commits its row first, then points the document at it) leaves the search row to this trigger.
CREATE TRIGGER search_document_version AFTER UPDATE OF version ON documents
BEGIN
  DELETE FROM search WHERE rowid = NEW.rowid;
  INSERT INTO search (rowid, title, body, notes)
    SELECT NEW.rowid, NEW.title, v.text,
           coalesce((SELECT group_concat(a.note, ' ') FROM annotations a
                     WHERE a.document_id = NEW.id AND a.note IS NOT NULL), '')
    FROM document_versions v WHERE v.document_id = NEW.id AND v.version = NEW.version;
END;

-- The search row stays with the current version: a version row added that is not current (an
-- edit's, before the document points at it) no longer takes the document out of search.
DROP TRIGGER search_document_text;
CREATE TRIGGER search_document_text AFTER INSERT ON document_versions
WHEN NEW.version = (SELECT version FROM documents WHERE id = NEW.document_id)
BEGIN
  DELETE FROM search WHERE rowid = (SELECT rowid FROM documents WHERE id = NEW.document_id);
  INSERT INTO search (rowid, title, body, notes)
    SELECT d.rowid, d.title, NEW.text,
           coalesce((SELECT group_concat(a.note, ' ') FROM annotations a
                     WHERE a.document_id = d.id AND a.note IS NOT NULL), '')
    FROM documents d WHERE d.id = NEW.document_id;
END;
