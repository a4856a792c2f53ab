-- Suggestions (electron/suggest): what the person turned down, where they turned them off, and
-- the tagger learned from the workspace.

-- Where a change came from: NULL for what a person made by hand, 'suggested' for an accepted
-- suggestion (the audit trail says which tags a person only confirmed).
ALTER TABLE events ADD COLUMN origin TEXT CHECK (origin IS NULL OR origin IN ('suggested'));

-- A suggestion the person rejected, by its label and place; with its quote, so that after an edit
-- of the text a rejection holds only where the same words still are.
CREATE TABLE suggestion_rejections (
  document_id  TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  label_id     TEXT NOT NULL REFERENCES labels (id) ON DELETE CASCADE,
  start        INTEGER NOT NULL CHECK (start >= 0),
  "end"        INTEGER NOT NULL CHECK ("end" > start),
  quote        TEXT NOT NULL,
  annotator_id TEXT NOT NULL REFERENCES annotators (id),
  at           TEXT NOT NULL,
  PRIMARY KEY (document_id, label_id, start, "end")
) WITHOUT ROWID;

-- The articles whose suggestions the person turned off.
CREATE TABLE suggestions_off (
  document_id TEXT PRIMARY KEY REFERENCES documents (id) ON DELETE CASCADE,
  at          TEXT NOT NULL
) WITHOUT ROWID;

-- The tagger learned from this workspace's annotations (one row: the newest). `features` is a
-- JSON array of feature names, `tags` of tags; `weights` holds a float32 per feature and tag, in
-- that order. `annotations` is how many span annotations the workspace had when it learned, so
-- that it knows when to learn again.
CREATE TABLE suggestion_model (
  id          INTEGER PRIMARY KEY CHECK (id = 1),
  trained_at  TEXT NOT NULL,
  texts       INTEGER NOT NULL,
  spans       INTEGER NOT NULL,
  label_spans TEXT NOT NULL CHECK (json_valid(label_spans)),  -- {labelId: spans learned from}
  annotations INTEGER NOT NULL,
  tags        TEXT NOT NULL CHECK (json_valid(tags)),
  features    TEXT NOT NULL CHECK (json_valid(features)),
  weights     BLOB NOT NULL
);
