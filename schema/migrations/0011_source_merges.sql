-- Sources the person merged for sourcing analytics (electron/analytics): every span whose
-- case-folded name is `alias` counts as the source `into` ("President Trump" into "donald trump").
CREATE TABLE source_merges (
  alias       TEXT PRIMARY KEY CHECK (length(alias) > 0),
  into_key    TEXT NOT NULL CHECK (length(into_key) > 0 AND into_key <> alias),
  created_at  TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX source_merges_into ON source_merges (into_key);
