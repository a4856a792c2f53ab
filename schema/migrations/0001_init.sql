-- The first Byline workspace schema. Offsets are Unicode code points of the canonical text.

CREATE TABLE annotators (
  id          TEXT PRIMARY KEY,
  name        TEXT NOT NULL,
  is_local    INTEGER NOT NULL DEFAULT 0 CHECK (is_local IN (0, 1)),
  created_at  TEXT NOT NULL
);
-- At most one local annotator: the person using this workspace.
CREATE UNIQUE INDEX annotators_one_local ON annotators (is_local) WHERE is_local = 1;

CREATE TABLE documents (
  id             TEXT PRIMARY KEY,
  title          TEXT NOT NULL,
  outlet         TEXT,
  author         TEXT,
  published_at   TEXT,
  url            TEXT,
  origin_file    TEXT,
  origin_format  TEXT NOT NULL,
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     TEXT NOT NULL,
  updated_at     TEXT NOT NULL
);

-- Every committed text of a document. documents.version names the current one; every hash a
-- document ever had keeps identifying it for colleagues.
CREATE TABLE document_versions (
  document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  version      INTEGER NOT NULL CHECK (version > 0),
  text         TEXT NOT NULL,
  sha256       TEXT NOT NULL CHECK (length(sha256) = 64),
  length       INTEGER NOT NULL CHECK (length >= 0),
  created_at   TEXT NOT NULL,
  PRIMARY KEY (document_id, version)
) WITHOUT ROWID;
CREATE INDEX document_versions_by_hash ON document_versions (sha256);

CREATE TABLE labels (
  id        TEXT PRIMARY KEY,
  name      TEXT NOT NULL UNIQUE,
  color     TEXT NOT NULL,
  hotkey    TEXT UNIQUE,
  kind      TEXT NOT NULL CHECK (kind IN ('span', 'relation')),
  position  INTEGER NOT NULL
);

CREATE TABLE annotations (
  id            TEXT PRIMARY KEY,
  document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  annotator_id  TEXT NOT NULL REFERENCES annotators (id),
  label_id      TEXT NOT NULL REFERENCES labels (id),
  quote         TEXT NOT NULL,
  note          TEXT,
  attributes    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL
);
CREATE INDEX annotations_by_document ON annotations (document_id);
CREATE INDEX annotations_by_label ON annotations (label_id);

-- A discontinuous span has several fragments, in text order.
CREATE TABLE fragments (
  annotation_id  TEXT NOT NULL REFERENCES annotations (id) ON DELETE CASCADE,
  seq            INTEGER NOT NULL,
  start          INTEGER NOT NULL CHECK (start >= 0),
  "end"          INTEGER NOT NULL CHECK ("end" > start),
  PRIMARY KEY (annotation_id, seq)
) WITHOUT ROWID;

-- Append-only: every create, change and delete with its before and after (JSON). It is the
-- undo history and the audit trail.
CREATE TABLE events (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  at            TEXT NOT NULL,
  annotator_id  TEXT NOT NULL REFERENCES annotators (id),
  document_id   TEXT,  -- no foreign key: the log outlives what it describes
  entity        TEXT NOT NULL CHECK (entity IN ('document', 'annotation', 'relation', 'label')),
  entity_id     TEXT NOT NULL,
  action        TEXT NOT NULL CHECK (action IN ('create', 'change', 'delete')),
  before        TEXT CHECK (before IS NULL OR json_valid(before)),
  after         TEXT CHECK (after IS NULL OR json_valid(after))
);
CREATE INDEX events_by_document ON events (document_id, seq);

CREATE TRIGGER events_no_update BEFORE UPDATE ON events
BEGIN
  SELECT RAISE(ABORT, 'the event log is append-only');
END;
CREATE TRIGGER events_no_delete BEFORE DELETE ON events
BEGIN
  SELECT RAISE(ABORT, 'the event log is append-only');
END;

-- The default label schema for attribution in news.
INSERT INTO labels (id, name, color, hotkey, kind, position) VALUES
  ('01a21703-b102-74fb-bc80-b099fb9705bc', 'Claim', '#e5a100', '1', 'span', 1),
  ('01a21703-b104-704f-82a9-1655f708d110', 'Source', '#2f7fd8', '2', 'span', 2),
  ('01a21703-b104-704f-82a9-199eaceecd1b', 'Anonymous attribution', '#c2418a', '3', 'span', 3);
