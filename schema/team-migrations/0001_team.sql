-- The team server's schema, in the PostgreSQL schema "byline". Run by `byline team init` as a
-- role that may create roles (a superuser, or an admin with CREATEROLE).
--
-- Three group roles, each holding the one before: byline_analyst reads everything and writes
-- only its own layers; byline_reviewer also writes reviewed layers and verdicts; byline_admin also
-- manages the label schema and the articles. Every analyst logs in as their own role, a member of one.
--
-- Every row carries `seq`, from one sequence, taken under a transaction-wide lock: rows commit in
-- the order of their seq, so a client that has pulled every row up to seq N has missed none below
-- it. Deletions are rows too (`deleted`), so that they reach every workspace.

DO $$
BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'byline_analyst') THEN CREATE ROLE byline_analyst NOLOGIN; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'byline_reviewer') THEN CREATE ROLE byline_reviewer NOLOGIN IN ROLE byline_analyst; END IF;
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'byline_admin') THEN CREATE ROLE byline_admin NOLOGIN IN ROLE byline_reviewer; END IF;
END
$$;

CREATE SCHEMA byline;
GRANT USAGE ON SCHEMA byline TO byline_analyst;

CREATE TABLE byline.migrations (
  version     integer PRIMARY KEY,
  name        text NOT NULL,
  applied_at  timestamptz NOT NULL DEFAULT now()
);

CREATE SEQUENCE byline.change_seq;

CREATE FUNCTION byline.stamp() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  -- One writer at a time from here to commit: seq order is commit order.
  PERFORM pg_advisory_xact_lock(hashtext('byline.change_seq'));
  NEW.seq := nextval('byline.change_seq');
  NEW.changed_by := current_user;
  PERFORM pg_notify('byline_changes', '');
  RETURN NEW;
END
$$;

CREATE TABLE byline.labels (
  id          uuid PRIMARY KEY,
  name        text NOT NULL,
  color       text NOT NULL,
  hotkey      text,
  kind        text NOT NULL CHECK (kind IN ('span', 'relation')),
  position    integer NOT NULL,
  attributes  jsonb NOT NULL DEFAULT '[]',
  seq         bigint NOT NULL,
  changed_by  name NOT NULL
);

-- A layer: one analyst's annotations in one workspace (a reviewed layer when reviewed_by is set).
CREATE TABLE byline.annotators (
  id           uuid PRIMARY KEY,
  name         text NOT NULL,
  owner_role   name NOT NULL DEFAULT current_user,
  reviewed_by  uuid REFERENCES byline.annotators (id),
  seq          bigint NOT NULL,
  changed_by   name NOT NULL
);

CREATE TABLE byline.articles (
  id             uuid PRIMARY KEY,
  title          text NOT NULL,
  outlet         text,
  author         text,
  published_at   text,
  url            text,
  origin_file    text,
  origin_format  text NOT NULL,
  created_at     text NOT NULL,
  version        integer NOT NULL CHECK (version > 0),
  text           text NOT NULL,
  sha256         text NOT NULL CHECK (length(sha256) = 64),
  seq            bigint NOT NULL,
  changed_by     name NOT NULL
);

CREATE TABLE byline.annotations (
  id            uuid PRIMARY KEY,
  article_id    uuid NOT NULL REFERENCES byline.articles (id),
  annotator_id  uuid NOT NULL REFERENCES byline.annotators (id),
  label_id      uuid NOT NULL REFERENCES byline.labels (id),
  fragments     jsonb NOT NULL,
  quote         text NOT NULL,
  note          text,
  attributes    jsonb NOT NULL DEFAULT '{}',
  created_at    text NOT NULL,
  updated_at    text NOT NULL,
  external_ref  text,
  extras        jsonb NOT NULL DEFAULT '{}',
  deleted       boolean NOT NULL DEFAULT false,
  seq           bigint NOT NULL,
  changed_by    name NOT NULL
);

CREATE TABLE byline.relations (
  id            uuid PRIMARY KEY,
  article_id    uuid NOT NULL REFERENCES byline.articles (id),
  annotator_id  uuid NOT NULL REFERENCES byline.annotators (id),
  label_id      uuid NOT NULL REFERENCES byline.labels (id),
  from_id       uuid NOT NULL REFERENCES byline.annotations (id),
  to_id         uuid NOT NULL REFERENCES byline.annotations (id),
  attributes    jsonb NOT NULL DEFAULT '{}',
  created_at    text NOT NULL,
  updated_at    text NOT NULL,
  external_ref  text,
  extras        jsonb NOT NULL DEFAULT '{}',
  deleted       boolean NOT NULL DEFAULT false,
  seq           bigint NOT NULL,
  changed_by    name NOT NULL
);

-- Where each analyst is with each article (not started, in progress, done): agreement counts an
-- annotator who marked an article done, even without a tag in it.
CREATE TABLE byline.statuses (
  article_id    uuid NOT NULL REFERENCES byline.articles (id),
  annotator_id  uuid NOT NULL REFERENCES byline.annotators (id),
  status        text NOT NULL CHECK (status IN ('not started', 'in progress', 'done')),
  updated_at    text NOT NULL,
  seq           bigint NOT NULL,
  changed_by    name NOT NULL,
  PRIMARY KEY (article_id, annotator_id)
);

-- A reviewer's verdict on a difference between two layers of an article, as the exchange file
-- carries it (schema/exchange.ts, Review), so that the analysts see the verdict and comment on
-- their tags. A withdrawn verdict keeps its row, without the review, so that it leaves everyone.
CREATE TABLE byline.reviews (
  article_id   uuid NOT NULL REFERENCES byline.articles (id),
  reviewer_id  uuid NOT NULL REFERENCES byline.annotators (id),
  layer_a      uuid NOT NULL,
  layer_b      uuid NOT NULL,
  key          text NOT NULL,
  review       jsonb,
  seq          bigint NOT NULL,
  changed_by   name NOT NULL,
  PRIMARY KEY (article_id, reviewer_id, layer_a, layer_b, key)
);

CREATE INDEX labels_by_seq ON byline.labels (seq);
CREATE INDEX reviews_by_seq ON byline.reviews (seq);
CREATE INDEX statuses_by_seq ON byline.statuses (seq);
CREATE INDEX annotators_by_seq ON byline.annotators (seq);
CREATE INDEX articles_by_seq ON byline.articles (seq);
CREATE INDEX annotations_by_seq ON byline.annotations (seq);
CREATE INDEX relations_by_seq ON byline.relations (seq);

CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON byline.labels FOR EACH ROW EXECUTE FUNCTION byline.stamp();
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON byline.annotators FOR EACH ROW EXECUTE FUNCTION byline.stamp();
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON byline.articles FOR EACH ROW EXECUTE FUNCTION byline.stamp();
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON byline.annotations FOR EACH ROW EXECUTE FUNCTION byline.stamp();
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON byline.relations FOR EACH ROW EXECUTE FUNCTION byline.stamp();
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON byline.statuses FOR EACH ROW EXECUTE FUNCTION byline.stamp();
CREATE TRIGGER stamp BEFORE INSERT OR UPDATE ON byline.reviews FOR EACH ROW EXECUTE FUNCTION byline.stamp();

-- May the current role write into layer `layer`? Its own layers; reviewed ones only as a reviewer.
CREATE FUNCTION byline.writes_layer(layer uuid) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT EXISTS (
    SELECT 1 FROM byline.annotators a
    WHERE a.id = layer AND a.owner_role = current_user
      AND (a.reviewed_by IS NULL OR pg_has_role(current_user, 'byline_reviewer', 'MEMBER'))
  )
$$;

ALTER TABLE byline.labels ENABLE ROW LEVEL SECURITY;
ALTER TABLE byline.annotators ENABLE ROW LEVEL SECURITY;
ALTER TABLE byline.articles ENABLE ROW LEVEL SECURITY;
ALTER TABLE byline.annotations ENABLE ROW LEVEL SECURITY;
ALTER TABLE byline.relations ENABLE ROW LEVEL SECURITY;
ALTER TABLE byline.statuses ENABLE ROW LEVEL SECURITY;
ALTER TABLE byline.reviews ENABLE ROW LEVEL SECURITY;

CREATE POLICY team_reads ON byline.labels FOR SELECT TO byline_analyst USING (true);
CREATE POLICY team_reads ON byline.annotators FOR SELECT TO byline_analyst USING (true);
CREATE POLICY team_reads ON byline.articles FOR SELECT TO byline_analyst USING (true);
CREATE POLICY team_reads ON byline.annotations FOR SELECT TO byline_analyst USING (true);
CREATE POLICY team_reads ON byline.relations FOR SELECT TO byline_analyst USING (true);
CREATE POLICY team_reads ON byline.statuses FOR SELECT TO byline_analyst USING (true);
CREATE POLICY team_reads ON byline.reviews FOR SELECT TO byline_analyst USING (true);

CREATE POLICY admin_adds ON byline.labels FOR INSERT TO byline_admin WITH CHECK (true);
CREATE POLICY admin_changes ON byline.labels FOR UPDATE TO byline_admin USING (true);
CREATE POLICY admin_adds ON byline.articles FOR INSERT TO byline_admin WITH CHECK (true);
CREATE POLICY admin_changes ON byline.articles FOR UPDATE TO byline_admin USING (true);

CREATE POLICY own_layer_added ON byline.annotators FOR INSERT TO byline_analyst
  WITH CHECK (owner_role = current_user AND (reviewed_by IS NULL OR pg_has_role(current_user, 'byline_reviewer', 'MEMBER')));
CREATE POLICY own_layer_renamed ON byline.annotators FOR UPDATE TO byline_analyst
  USING (owner_role = current_user) WITH CHECK (owner_role = current_user);

CREATE POLICY own_layer_writes ON byline.annotations FOR INSERT TO byline_analyst WITH CHECK (byline.writes_layer(annotator_id));
CREATE POLICY own_layer_changes ON byline.annotations FOR UPDATE TO byline_analyst
  USING (byline.writes_layer(annotator_id)) WITH CHECK (byline.writes_layer(annotator_id));
CREATE POLICY own_layer_writes ON byline.relations FOR INSERT TO byline_analyst WITH CHECK (byline.writes_layer(annotator_id));
CREATE POLICY own_layer_changes ON byline.relations FOR UPDATE TO byline_analyst
  USING (byline.writes_layer(annotator_id)) WITH CHECK (byline.writes_layer(annotator_id));
CREATE POLICY own_layer_writes ON byline.statuses FOR INSERT TO byline_analyst WITH CHECK (byline.writes_layer(annotator_id));
CREATE POLICY own_layer_changes ON byline.statuses FOR UPDATE TO byline_analyst
  USING (byline.writes_layer(annotator_id)) WITH CHECK (byline.writes_layer(annotator_id));

CREATE POLICY own_verdicts ON byline.reviews FOR INSERT TO byline_reviewer WITH CHECK (byline.writes_layer(reviewer_id));
CREATE POLICY own_verdicts_changed ON byline.reviews FOR UPDATE TO byline_reviewer
  USING (byline.writes_layer(reviewer_id)) WITH CHECK (byline.writes_layer(reviewer_id));

GRANT SELECT ON ALL TABLES IN SCHEMA byline TO byline_analyst;
GRANT USAGE ON SEQUENCE byline.change_seq TO byline_analyst;
GRANT INSERT, UPDATE ON byline.annotators, byline.annotations, byline.relations, byline.statuses TO byline_analyst;
GRANT INSERT, UPDATE ON byline.reviews TO byline_reviewer;
GRANT INSERT, UPDATE ON byline.labels, byline.articles TO byline_admin;
