-- A workspace connected to a team server (electron/team). Without a row in team_connection
-- nothing here does anything: the workspace works as before.

CREATE TABLE team_connection (
  id           INTEGER PRIMARY KEY CHECK (id = 1),
  server       TEXT NOT NULL,   -- postgres://role@host:port/database, never with a password
  role         TEXT NOT NULL,
  secret       BLOB,            -- the password as the OS keychain encrypted it; NULL: kept elsewhere
  pulled_seq   INTEGER NOT NULL DEFAULT 0,  -- every server row up to this seq is here
  connected_at TEXT NOT NULL,
  synced_at    TEXT,
  last_error   TEXT
);

-- What this workspace has to send: its own layers' annotations, links and text versions (and, for
-- an admin, the labels and articles), written by the triggers below in the transaction that changed them, so a
-- crash cannot lose one. `change` counts the changes, so that a push removes only what it sent.
CREATE TABLE team_outbox (
  entity  TEXT NOT NULL CHECK (entity IN ('annotation', 'relation', 'label', 'document', 'annotator', 'version', 'status', 'review')),
  id      TEXT NOT NULL,  -- a version's: "<document id>:<version>"; a status's: its document id
  change  INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (entity, id)
) WITHOUT ROWID;

-- The server's id of an article where this workspace had it first under its own id (found by text).
CREATE TABLE team_documents (
  document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  article_id  TEXT NOT NULL UNIQUE
) WITHOUT ROWID;

CREATE VIEW team_own_layers AS
  SELECT id FROM annotators
  WHERE is_local = 1 OR reviewed_by IN (SELECT id FROM annotators WHERE is_local = 1);

CREATE TRIGGER team_outbox_annotation_written AFTER INSERT ON annotations
WHEN EXISTS (SELECT 1 FROM team_connection) AND NEW.annotator_id IN (SELECT id FROM team_own_layers)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('annotation', NEW.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;
CREATE TRIGGER team_outbox_annotation_changed AFTER UPDATE ON annotations
WHEN EXISTS (SELECT 1 FROM team_connection) AND NEW.annotator_id IN (SELECT id FROM team_own_layers)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('annotation', NEW.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;
CREATE TRIGGER team_outbox_annotation_deleted AFTER DELETE ON annotations
WHEN EXISTS (SELECT 1 FROM team_connection) AND OLD.annotator_id IN (SELECT id FROM team_own_layers)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('annotation', OLD.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;
-- Fragments change without their annotation's row when only the span moves.
CREATE TRIGGER team_outbox_fragment_written AFTER INSERT ON fragments
WHEN EXISTS (SELECT 1 FROM team_connection)
  AND (SELECT annotator_id FROM annotations WHERE id = NEW.annotation_id) IN (SELECT id FROM team_own_layers)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('annotation', NEW.annotation_id) ON CONFLICT DO UPDATE SET change = change + 1;
END;

CREATE TRIGGER team_outbox_relation_written AFTER INSERT ON relations
WHEN EXISTS (SELECT 1 FROM team_connection) AND NEW.annotator_id IN (SELECT id FROM team_own_layers)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('relation', NEW.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;
CREATE TRIGGER team_outbox_relation_changed AFTER UPDATE ON relations
WHEN EXISTS (SELECT 1 FROM team_connection) AND NEW.annotator_id IN (SELECT id FROM team_own_layers)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('relation', NEW.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;
CREATE TRIGGER team_outbox_relation_deleted AFTER DELETE ON relations
WHEN EXISTS (SELECT 1 FROM team_connection) AND OLD.annotator_id IN (SELECT id FROM team_own_layers)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('relation', OLD.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;

CREATE TRIGGER team_outbox_label_written AFTER INSERT ON labels WHEN EXISTS (SELECT 1 FROM team_connection)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('label', NEW.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;
CREATE TRIGGER team_outbox_label_changed AFTER UPDATE ON labels WHEN EXISTS (SELECT 1 FROM team_connection)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('label', NEW.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;

CREATE TRIGGER team_outbox_document_written AFTER INSERT ON documents WHEN EXISTS (SELECT 1 FROM team_connection)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('document', NEW.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;
CREATE TRIGGER team_outbox_document_changed AFTER UPDATE OF title, outlet, author, published_at, url, version ON documents
WHEN EXISTS (SELECT 1 FROM team_connection)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('document', NEW.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;

CREATE TRIGGER team_outbox_annotator_written AFTER INSERT ON annotators
WHEN EXISTS (SELECT 1 FROM team_connection) AND NEW.id IN (SELECT id FROM team_own_layers)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('annotator', NEW.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;
CREATE TRIGGER team_outbox_annotator_changed AFTER UPDATE OF name, reviewed_by ON annotators
WHEN EXISTS (SELECT 1 FROM team_connection) AND NEW.id IN (SELECT id FROM team_own_layers)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('annotator', NEW.id) ON CONFLICT DO UPDATE SET change = change + 1;
END;

CREATE TRIGGER team_outbox_version_written AFTER INSERT ON document_versions
WHEN EXISTS (SELECT 1 FROM team_connection) AND NEW.annotator_id IN (SELECT id FROM team_own_layers)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('version', NEW.document_id || ':' || NEW.version) ON CONFLICT DO NOTHING;
END;

CREATE TRIGGER team_outbox_status_written AFTER INSERT ON document_status
WHEN EXISTS (SELECT 1 FROM team_connection) AND NEW.annotator_id IN (SELECT id FROM annotators WHERE is_local = 1)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('status', NEW.document_id) ON CONFLICT DO UPDATE SET change = change + 1;
END;
CREATE TRIGGER team_outbox_status_changed AFTER UPDATE ON document_status
WHEN EXISTS (SELECT 1 FROM team_connection) AND NEW.annotator_id IN (SELECT id FROM annotators WHERE is_local = 1)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('status', NEW.document_id) ON CONFLICT DO UPDATE SET change = change + 1;
END;

CREATE TRIGGER team_outbox_verdict_written AFTER INSERT ON review_verdicts
WHEN EXISTS (SELECT 1 FROM team_connection) AND NEW.reviewer_id IN (SELECT id FROM annotators WHERE is_local = 1)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('review', json_array(NEW.document_id, NEW.layer_a, NEW.layer_b, NEW.key))
  ON CONFLICT DO UPDATE SET change = change + 1;
END;
CREATE TRIGGER team_outbox_verdict_withdrawn AFTER DELETE ON review_verdicts
WHEN EXISTS (SELECT 1 FROM team_connection) AND OLD.reviewer_id IN (SELECT id FROM annotators WHERE is_local = 1)
BEGIN
  INSERT INTO team_outbox (entity, id) VALUES ('review', json_array(OLD.document_id, OLD.layer_a, OLD.layer_b, OLD.key))
  ON CONFLICT DO UPDATE SET change = change + 1;
END;
