-- Corrections of an article's text travel as versions, each with the edits from the text it was
-- made on (its parent), so that everyone's annotations move with them. The article's row holds
-- the team's current text: a version becomes current only when it was made on it (a
-- compare-and-swap in advance_article); one made on an older text, while its author was offline
-- and a colleague's correction came first, is kept beside it as a branch, for people to pick from.
--
-- An annotation says which text its offsets count in (text_sha256), so that a colleague whose copy
-- is at another version places it through the edits between the two.

CREATE TABLE byline.article_versions (
  article_id     uuid NOT NULL REFERENCES byline.articles (id),
  sha256         text NOT NULL CHECK (length(sha256) = 64),
  parent_sha256  text CHECK (parent_sha256 IS NULL OR length(parent_sha256) = 64),
  text           text NOT NULL,
  edits          jsonb,
  annotator_id   uuid NOT NULL REFERENCES byline.annotators (id),
  description    text,
  created_at     text NOT NULL,
  seq            bigint NOT NULL,
  changed_by     name NOT NULL,
  PRIMARY KEY (article_id, sha256)
);
CREATE INDEX article_versions_by_seq ON byline.article_versions (seq);
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON byline.article_versions FOR EACH ROW EXECUTE FUNCTION byline.stamp();

ALTER TABLE byline.article_versions ENABLE ROW LEVEL SECURITY;
CREATE POLICY team_reads ON byline.article_versions FOR SELECT TO byline_analyst USING (true);
CREATE POLICY own_versions ON byline.article_versions FOR INSERT TO byline_analyst WITH CHECK (byline.writes_layer(annotator_id));
GRANT SELECT, INSERT ON byline.article_versions TO byline_analyst;

-- Makes the version `head` current, if it was made on the current text `parent` and by the
-- calling role; false otherwise (another correction came first: `head` stays a branch).
CREATE FUNCTION byline.advance_article(article uuid, parent text, head text) RETURNS boolean
LANGUAGE plpgsql SECURITY DEFINER SET search_path = byline, pg_temp AS $$
DECLARE
  proposed byline.article_versions;
BEGIN
  SELECT * INTO proposed FROM byline.article_versions WHERE article_id = article AND sha256 = head;
  IF NOT FOUND OR proposed.changed_by <> session_user THEN
    RETURN false;
  END IF;
  UPDATE byline.articles SET text = proposed.text, sha256 = proposed.sha256, version = version + 1
  WHERE id = article AND sha256 = parent;
  RETURN FOUND;
END
$$;
REVOKE ALL ON FUNCTION byline.advance_article(uuid, text, text) FROM PUBLIC;
GRANT EXECUTE ON FUNCTION byline.advance_article(uuid, text, text) TO byline_analyst;

ALTER TABLE byline.annotations ADD COLUMN text_sha256 text CHECK (text_sha256 IS NULL OR length(text_sha256) = 64);
