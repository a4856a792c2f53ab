-- Attribution links, attribute schemas per label, a status per document and annotator, and the
-- undo history (actions grouping the events they wrote).

-- Each label's attributes: [{ "key", "name", "type": "choice"|"boolean"|"text"|"number",
-- "options": [...] for choices }]. Values live in annotations.attributes / relations.attributes.
ALTER TABLE labels ADD COLUMN attributes TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(attributes));

UPDATE labels SET attributes = json('[
  {"key": "checkworthiness", "name": "Check-worthiness", "type": "choice",
   "options": ["not factual", "unimportant factual", "check-worthy"]}
]') WHERE id = '01a21703-b102-74fb-bc80-b099fb9705bc';
UPDATE labels SET attributes = json('[
  {"key": "kind", "name": "Kind", "type": "choice",
   "options": ["person", "organization", "document", "media"]}
]') WHERE id = '01a21703-b104-704f-82a9-1655f708d110';
UPDATE labels SET attributes = json('[
  {"key": "descriptor", "name": "Descriptor", "type": "text"},
  {"key": "justification", "name": "Justification given", "type": "boolean"},
  {"key": "sources", "name": "Number of sources", "type": "number"}
]') WHERE id = '01a21703-b104-704f-82a9-199eaceecd1b';

-- The default relation type: a claim is attributed to a source or an anonymous attribution.
INSERT INTO labels (id, name, color, hotkey, kind, position, attributes)
VALUES ('01a2171a-0689-750e-859f-8c2d398dc0e0', 'attributed to', '#5b6270', NULL, 'relation', 100, '[]');

-- A link between two annotations of one document. Deleting an annotation deletes its links in
-- code (so that the log records it), so these references do not cascade.
CREATE TABLE relations (
  id            TEXT PRIMARY KEY,
  document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  annotator_id  TEXT NOT NULL REFERENCES annotators (id),
  label_id      TEXT NOT NULL REFERENCES labels (id),
  from_id       TEXT NOT NULL REFERENCES annotations (id),
  to_id         TEXT NOT NULL REFERENCES annotations (id),
  attributes    TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(attributes)),
  created_at    TEXT NOT NULL,
  updated_at    TEXT NOT NULL,
  CHECK (from_id <> to_id)
);
CREATE INDEX relations_by_document ON relations (document_id);
CREATE INDEX relations_by_from ON relations (from_id);
CREATE INDEX relations_by_to ON relations (to_id);

CREATE TABLE document_status (
  document_id   TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  annotator_id  TEXT NOT NULL REFERENCES annotators (id),
  status        TEXT NOT NULL CHECK (status IN ('not started', 'in progress', 'done')),
  updated_at    TEXT NOT NULL,
  PRIMARY KEY (document_id, annotator_id)
) WITHOUT ROWID;

-- One row per thing a person did (tag, relabel, link, undo...). Its events carry its id. The
-- undo history is the 'edit' actions of a document: 'done' ones can be undone (newest first),
-- 'undone' ones redone (most recently undone first); a new edit discards what could be redone.
CREATE TABLE actions (
  seq           INTEGER PRIMARY KEY AUTOINCREMENT,
  id            TEXT NOT NULL UNIQUE,
  document_id   TEXT REFERENCES documents (id) ON DELETE CASCADE,
  annotator_id  TEXT NOT NULL REFERENCES annotators (id),
  kind          TEXT NOT NULL CHECK (kind IN ('edit', 'undo', 'redo')),
  description   TEXT NOT NULL,
  state         TEXT NOT NULL DEFAULT 'done' CHECK (state IN ('done', 'undone', 'discarded')),
  at            TEXT NOT NULL
);
CREATE INDEX actions_history ON actions (document_id, annotator_id, kind, state, seq);

-- No foreign key: like document_id, the log outlives what it describes.
ALTER TABLE events ADD COLUMN action_id TEXT;
CREATE INDEX events_by_action ON events (action_id) WHERE action_id IS NOT NULL;
