-- Review: a reviewed layer per reviewer, and the reviewer's verdicts on the differences between
-- two layers of an article (see electron/review/diff.ts for the differences and their keys).

-- A reviewed layer is an annotator of its own, so that it exports like any other layer; this says
-- whose it is (the reviewer, usually a workspace's local annotator). NULL for everyone else.
ALTER TABLE annotators ADD COLUMN reviewed_by TEXT REFERENCES annotators (id);
CREATE UNIQUE INDEX annotators_one_reviewed_layer ON annotators (reviewed_by) WHERE reviewed_by IS NOT NULL;

-- One verdict per difference (by its key) of a review of layer A against layer B, per reviewer.
-- Resolving again replaces the row; unresolving deletes it. `written` is what the verdict put into
-- the reviewed layer: [{"id": annotation or link id, "from": [the ids of A and B it stands for]}].
-- `a_ids` / `b_ids` are the annotation (or link) ids of each side, so that a colleague who gets the
-- review back sees the verdicts on their own tags.
CREATE TABLE review_verdicts (
  document_id     TEXT NOT NULL REFERENCES documents (id) ON DELETE CASCADE,
  layer_a         TEXT NOT NULL REFERENCES annotators (id),
  layer_b         TEXT NOT NULL REFERENCES annotators (id),
  key             TEXT NOT NULL,
  reviewer_id     TEXT NOT NULL REFERENCES annotators (id),
  reviewed_layer  TEXT NOT NULL REFERENCES annotators (id),
  kind            TEXT NOT NULL CHECK (kind IN ('agree', 'label', 'boundaries', 'only_a', 'only_b', 'attribute', 'link')),
  verdict         TEXT NOT NULL CHECK (verdict IN ('take_a', 'take_b', 'take_both', 'edit', 'reject')),
  comment         TEXT,
  a_ids           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(a_ids)),
  b_ids           TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(b_ids)),
  written         TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(written)),
  resolved_at     TEXT NOT NULL,
  PRIMARY KEY (document_id, layer_a, layer_b, reviewer_id, key),
  CHECK (layer_a <> layer_b)
) WITHOUT ROWID;
