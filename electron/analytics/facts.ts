/**
 * The attributions of a workspace as two tables of facts, in the connection's TEMP schema, which
 * every figure (figures.ts) counts with SQL:
 *   an_claims:  one row per claim: its article, layer, label, outlet, day, the kind of its source
 *               and its cue;
 *   an_sources: one row per source span and claim it is attributed to (claim NULL for a source
 *               nothing is attributed to): its case-folded name, anonymity and attributes.
 * A claim's sources are the source spans linked to it, or linked to a span that only ties the parts
 * together (PolNeAR's Attribution event, or a cue); its cue is a cue span found the same way.
 * A claim is `named` when any of its sources is, `anonymous` when all are anonymous, `unsourced`
 * when it has none. A source is anonymous by its label where the workspace uses a label of its own
 * for them, and otherwise by its words (attribution-rules.ts anonymousHead). The facts are built once and again only after the workspace changed.
 */
import type Database from 'better-sqlite3';
import { listLabels } from '../store/labels';
import type { Workspace } from '../store/workspace';
import { anonymousHead } from '../suggest/attribution-rules';
import { labelRoles, type LabelRoles } from './roles';

export const KIND_CODES = { unsourced: 0, named: 1, anonymous: 2 } as const;

/** A source's name as merges and counts take it: case-folded, spaces collapsed, without the quotes and punctuation around it. */
export function sourceKey(quote: string): string {
  return quote
    .normalize('NFKC')
    .toLowerCase()
    .replaceAll('’', "'")
    .replace(/\s+/gu, ' ')
    .replace(/^[\s\p{P}]+|[\s\p{P}]+$/gu, '');
}

export interface Facts {
  roles: LabelRoles;
  /** How anonymity is told: the schema's own label, or the words of a source. */
  anonymityBy: 'label' | 'words';
}

const built = new WeakMap<Workspace, { stamp: string; facts: Facts }>();

/** The workspace's facts, built now if they never were or the workspace changed since. */
export function ensureFacts(ws: Workspace): Facts {
  const db = ws.db;
  const stamp = () => `${db.pragma('data_version', { simple: true })}:${db.prepare('SELECT total_changes()').pluck().get()}`;
  const known = built.get(ws);
  if (known && known.stamp === stamp()) return known.facts;
  const facts = buildFacts(db, labelRoles(listLabels(ws)));
  built.set(ws, { stamp: stamp(), facts });
  return facts;
}

/** An article's day of publication as YYYYMMDD, where its date has one. */
const DAY = `CASE WHEN d.published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
  THEN CAST(replace(substr(d.published_at, 1, 10), '-', '') AS INTEGER) END`;

const list = (ids: readonly string[]) => (ids.length ? ids.map((id) => `'${id.replaceAll("'", "''")}'`).join(',') : 'NULL');

function buildFacts(db: Database.Database, roles: LabelRoles): Facts {
  // The label tells where the workspace uses one of its own; a corpus without (PolNeAR) by the words.
  const anonymityBy =
    roles.anonymous && !roles.sources.some((l) => l.id === roles.anonymous!.id) && db.prepare('SELECT 1 FROM annotations WHERE label_id = ? LIMIT 1').get(roles.anonymous.id)
      ? 'label'
      : 'words';
  const claimLabels = list(roles.claimCandidates.map((l) => l.id));
  const sourceLabels = list([...roles.sources, ...(roles.anonymous ? [roles.anonymous] : [])].map((l) => l.id));
  const cueLabel = list(roles.cue ? [roles.cue.id] : []);
  const tieLabels = list([...roles.hubs, ...(roles.cue ? [roles.cue] : [])].map((l) => l.id));
  const anonymousLabel = list(roles.anonymous ? [roles.anonymous.id] : []);
  const isAnonymous = anonymityBy === 'label' ? `s.label_id IN (${anonymousLabel})` : 'byline_anonymous_head(s.quote) IS NOT NULL';
  db.function('byline_source_key', { deterministic: true }, (quote) => sourceKey(String(quote)));
  db.function('byline_anonymous_head', { deterministic: true }, (quote) => anonymousHead(String(quote)));
  db.transaction(() => {
    db.exec(`
      DROP TABLE IF EXISTS temp.an_near;
      DROP TABLE IF EXISTS temp.an_claims;
      DROP TABLE IF EXISTS temp.an_sources;

      -- Each claim's neighbours: linked to it either way, and linked to a span that ties (one hop further).
      CREATE TEMP TABLE an_near (claim INTEGER NOT NULL, other TEXT NOT NULL);
      INSERT INTO an_near
        SELECT c.rowid, r.to_id FROM annotations c JOIN relations r ON r.from_id = c.id WHERE c.label_id IN (${claimLabels})
        UNION ALL
        SELECT c.rowid, r.from_id FROM annotations c JOIN relations r ON r.to_id = c.id WHERE c.label_id IN (${claimLabels});
      INSERT INTO an_near
        SELECT n.claim, r.to_id FROM an_near n JOIN annotations t ON t.id = n.other AND t.label_id IN (${tieLabels})
          JOIN relations r ON r.from_id = t.id
        UNION ALL
        SELECT n.claim, r.from_id FROM an_near n JOIN annotations t ON t.id = n.other AND t.label_id IN (${tieLabels})
          JOIN relations r ON r.to_id = t.id;
      CREATE INDEX temp.an_near_by_claim ON an_near (claim);

      CREATE TEMP TABLE an_sources (
        claim INTEGER, span INTEGER NOT NULL, doc INTEGER NOT NULL, annotator TEXT NOT NULL,
        claim_label TEXT, outlet TEXT NOT NULL, day INTEGER, key TEXT NOT NULL, name TEXT NOT NULL, anonymous INTEGER NOT NULL,
        descriptor TEXT, justification INTEGER
      );
      INSERT INTO an_sources
        SELECT DISTINCT n.claim, s.rowid, d.rowid, s.annotator_id, c.label_id, coalesce(d.outlet, ''), ${DAY}, byline_source_key(s.quote), s.quote,
          ${isAnonymous}, NULL, NULL
        FROM an_near n JOIN annotations s ON s.id = n.other AND s.label_id IN (${sourceLabels})
        JOIN annotations c ON c.rowid = n.claim
        JOIN documents d ON d.id = s.document_id;
      -- A source nothing is attributed to still counts for its anonymity.
      INSERT INTO an_sources
        SELECT NULL, s.rowid, d.rowid, s.annotator_id, NULL, coalesce(d.outlet, ''), ${DAY}, byline_source_key(s.quote), s.quote,
          ${isAnonymous}, NULL, NULL
        FROM annotations s JOIN documents d ON d.id = s.document_id
        WHERE s.label_id IN (${sourceLabels}) AND s.rowid NOT IN (SELECT span FROM an_sources);
      UPDATE an_sources SET
        descriptor = (SELECT coalesce(nullif(trim(json_extract(a.attributes, '$.descriptor')), ''), byline_anonymous_head(a.quote))
                      FROM annotations a WHERE a.rowid = an_sources.span),
        justification = (SELECT CASE json_type(a.attributes, '$.justification') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END
                         FROM annotations a WHERE a.rowid = an_sources.span)
      WHERE anonymous = 1;
      CREATE INDEX temp.an_sources_by_claim ON an_sources (claim);

      CREATE TEMP TABLE an_claims (
        id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, annotator TEXT NOT NULL, label TEXT NOT NULL,
        outlet TEXT NOT NULL, day INTEGER, month TEXT NOT NULL, kind INTEGER NOT NULL, cue TEXT, cue_span INTEGER
      );
      INSERT INTO an_claims
        SELECT c.rowid, d.rowid, c.annotator_id, c.label_id, coalesce(d.outlet, ''), ${DAY},
          CASE WHEN d.published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(d.published_at, 1, 7) ELSE '' END,
          (SELECT CASE WHEN count(*) = 0 THEN ${KIND_CODES.unsourced} WHEN min(s.anonymous) = 0 THEN ${KIND_CODES.named} ELSE ${KIND_CODES.anonymous} END
           FROM an_sources s WHERE s.claim = c.rowid),
          NULL, NULL
        FROM annotations c JOIN documents d ON d.id = c.document_id
        WHERE c.label_id IN (${claimLabels});
      UPDATE an_claims SET cue_span = (
        SELECT min(u.rowid) FROM an_near n JOIN annotations u ON u.id = n.other AND u.label_id IN (${cueLabel}) WHERE n.claim = an_claims.id
      );
      UPDATE an_claims SET cue = (SELECT byline_source_key(u.quote) FROM annotations u WHERE u.rowid = an_claims.cue_span)
      WHERE cue_span IS NOT NULL;
      CREATE INDEX temp.an_claims_by_outlet ON an_claims (outlet, day);
      DROP TABLE an_near;
    `);
  })();
  return { roles, anonymityBy };
}
