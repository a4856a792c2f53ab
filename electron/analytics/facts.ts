/**
 * The attributions of a workspace as two tables of facts, which every figure (figures.ts) counts:
 *   claims:  one row per claim: its article, layer, label, outlet, day, the kind of its source
 *            and its cue;
 *   sources: one row per source span and claim it is attributed to (claim -1 for a source
 *            nothing is attributed to): its case-folded name, anonymity and attributes.
 * A claim's sources are the source spans linked to it, or linked to a span that only ties the parts
 * together (PolNeAR's Attribution event, or a cue); its cue is a cue span found the same way.
 * A claim is `named` when any of its sources is, `anonymous` when all are anonymous, `unsourced`
 * when it has none. A source is anonymous by its label where the workspace uses a label of its own
 * for them, and otherwise by its words (attribution-rules.ts anonymousHead).
 *
 * SQL finds them (in the connection's TEMP schema); they are then kept as columns of integers, the
 * strings coded, ordered by article and claim. A filter change counts them in one pass each, which
 * on a million annotations takes milliseconds where grouped queries took a second. They are built
 * once and again only after the workspace changed.
 */
import type Database from 'better-sqlite3';
import type { AnalyticsReport } from '../../schema/analytics';
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

/** Strings as small integers, so the facts are columns of numbers. */
export class Codes {
  readonly values: string[] = [];
  private readonly index = new Map<string, number>();

  /** The string's code, given now if it had none. */
  code(value: string): number {
    let code = this.index.get(value);
    if (code === undefined) {
      code = this.values.length;
      this.values.push(value);
      this.index.set(value, code);
    }
    return code;
  }

  /** The string's code; -1 when no fact has it. */
  find(value: string): number {
    return this.index.get(value) ?? -1;
  }
}

/** The columns every fact has, which the filters test. */
export interface FactRows {
  length: number;
  doc: Int32Array;
  annotator: Int32Array;
  outlet: Int32Array;
  /** YYYYMMDD; 0 when the article has no date. */
  day: Int32Array;
  /** The claim's label; -1 for a source nothing is attributed to. */
  label: Int32Array;
}

export interface ClaimRows extends FactRows {
  /** The claim's annotation rowid. */
  id: Int32Array;
  month: Int32Array;
  kind: Uint8Array;
  /** -1 when the claim has no cue. */
  cue: Int32Array;
  cueSpan: Int32Array;
}

export interface SourceRows extends FactRows {
  /** The claim's annotation rowid; -1 when nothing is attributed to it. */
  claim: Int32Array;
  span: Int32Array;
  key: Int32Array;
  name: Int32Array;
  anonymous: Uint8Array;
  /** An anonymous source's descriptor in lower case ("" when none). */
  descriptor: Int32Array;
  /** 1 given, 0 not given, -1 not recorded. */
  justification: Int8Array;
}

export interface Facts {
  roles: LabelRoles;
  /** How anonymity is told: the schema's own label, or the words of a source. */
  anonymityBy: 'label' | 'words';
  codes: Record<'annotators' | 'labels' | 'outlets' | 'months' | 'keys' | 'names' | 'cues' | 'descriptors', Codes>;
  claims: ClaimRows;
  sources: SourceRows;
  /** What the filters can choose from, per scope (figures.ts), while these facts hold. */
  choices: Map<string, Choices>;
}

/** What the filters can choose from in a scope (the claim labels are the same in every one). */
export type Choices = Omit<AnalyticsReport['choices'], 'claimLabels'>;

const built = new WeakMap<Workspace, { stamp: string; facts: Facts }>();

/** What changes whenever the workspace does: another connection's commit (data_version) or one of this connection's writes. */
const stampOf = (db: Database.Database) => `${db.pragma('data_version', { simple: true })}:${db.prepare('SELECT total_changes()').pluck().get()}`;

/** The workspace's facts, built now if they never were or the workspace changed since. */
export function ensureFacts(ws: Workspace): Facts {
  const db = ws.db;
  const known = built.get(ws);
  if (known && known.stamp === stampOf(db)) return known.facts;
  const roles = labelRoles(listLabels(ws));
  const anonymityBy = findFacts(db, roles);
  const facts = loadFacts(db, roles, anonymityBy);
  db.exec('DROP TABLE temp.an_claims; DROP TABLE temp.an_sources;');
  built.set(ws, { stamp: stampOf(db), facts });
  return facts;
}

/**
 * Runs a write that changes no fact (the person's merges of sources, which figures.ts applies to
 * the facts as it counts) on `writer`: the facts `reader` built, if they held before the write,
 * are then `writer`'s, and hold after it. `writer` may be `reader`, or a writable connection
 * opened to take its place.
 */
export function writeKeepingFacts(reader: Workspace, writer: Workspace, write: () => void): void {
  const known = built.get(reader);
  let after: string | null = null;
  writer.db
    .transaction(() => {
      // While this transaction holds the write lock no other connection commits: the reader sees
      // every commit before it, and the writer's stamp taken now is the one after this write alone.
      const held = known !== undefined && known.stamp === stampOf(reader.db);
      write();
      if (held) after = stampOf(writer.db);
    })
    .immediate();
  if (known && after !== null) built.set(writer, { stamp: after, facts: known.facts });
}

/** An article's day of publication as YYYYMMDD, where its date has one. */
const DAY = `CASE WHEN d.published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]*'
  THEN CAST(replace(substr(d.published_at, 1, 10), '-', '') AS INTEGER) END`;

/** An annotation s's descriptor (in lower case) and justification (1, 0 or NULL), which loadFacts keeps for anonymous sources. */
const SOURCE_ATTRIBUTES = `lower(nullif(trim(json_extract(s.attributes, '$.descriptor')), '')),
  CASE json_type(s.attributes, '$.justification') WHEN 'true' THEN 1 WHEN 'false' THEN 0 END`;

const list = (ids: readonly string[]) => (ids.length ? ids.map((id) => `'${id.replaceAll("'", "''")}'`).join(',') : 'NULL');

/** Finds the facts with SQL, into the TEMP tables an_claims and an_sources; says how anonymity was told. */
function findFacts(db: Database.Database, roles: LabelRoles): Facts['anonymityBy'] {
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
  // By the words, loadFacts tells (anonymousHead, in JS, once per name).
  const isAnonymous = anonymityBy === 'label' ? `s.label_id IN (${anonymousLabel})` : 'NULL';
  // Join by rowid, not by the annotations' text ids, once the neighbours are found.
  const near = (other: 'r.to_id' | 'r.from_id') => `JOIN annotations o ON o.id = ${other}`;
  db.transaction(() => {
    db.exec(`
      DROP TABLE IF EXISTS temp.an_near;
      DROP TABLE IF EXISTS temp.an_claims;
      DROP TABLE IF EXISTS temp.an_sources;

      -- Each claim's neighbours (rowid and label): linked to it either way, and linked to a span that ties (one hop further).
      CREATE TEMP TABLE an_near (claim INTEGER NOT NULL, other INTEGER NOT NULL, label TEXT NOT NULL);
      INSERT INTO an_near
        SELECT c.rowid, o.rowid, o.label_id FROM annotations c JOIN relations r ON r.from_id = c.id ${near('r.to_id')} WHERE c.label_id IN (${claimLabels})
        UNION ALL
        SELECT c.rowid, o.rowid, o.label_id FROM annotations c JOIN relations r ON r.to_id = c.id ${near('r.from_id')} WHERE c.label_id IN (${claimLabels});
      INSERT INTO an_near
        SELECT n.claim, o.rowid, o.label_id FROM an_near n JOIN annotations t ON t.rowid = n.other
          JOIN relations r ON r.from_id = t.id ${near('r.to_id')} WHERE n.label IN (${tieLabels})
        UNION ALL
        SELECT n.claim, o.rowid, o.label_id FROM an_near n JOIN annotations t ON t.rowid = n.other
          JOIN relations r ON r.to_id = t.id ${near('r.from_id')} WHERE n.label IN (${tieLabels});

      -- name is the quote, which loadFacts makes the key; descriptor the attribute's (an anonymous
      -- source without one has its words' head, from loadFacts).
      CREATE TEMP TABLE an_sources (
        claim INTEGER, span INTEGER NOT NULL, doc INTEGER NOT NULL, annotator TEXT NOT NULL,
        claim_label TEXT, outlet TEXT NOT NULL, day INTEGER, name TEXT NOT NULL, anonymous INTEGER,
        descriptor TEXT, justification INTEGER
      );
      INSERT INTO an_sources
        SELECT n.claim, s.rowid, d.rowid, s.annotator_id, c.label_id, coalesce(d.outlet, ''), ${DAY}, s.quote, ${isAnonymous},
          ${SOURCE_ATTRIBUTES}
        FROM (SELECT DISTINCT claim, other FROM an_near WHERE label IN (${sourceLabels})) n
        JOIN annotations s ON s.rowid = n.other
        JOIN annotations c ON c.rowid = n.claim
        JOIN documents d ON d.id = s.document_id;
      -- A source nothing is attributed to still counts for its anonymity.
      INSERT INTO an_sources
        SELECT NULL, s.rowid, d.rowid, s.annotator_id, NULL, coalesce(d.outlet, ''), ${DAY}, s.quote, ${isAnonymous},
          ${SOURCE_ATTRIBUTES}
        FROM annotations s JOIN documents d ON d.id = s.document_id
        WHERE s.label_id IN (${sourceLabels}) AND s.rowid NOT IN (SELECT span FROM an_sources);

      -- The kind loadFacts counts from an_sources; the cue is the quote of cue_span.
      CREATE TEMP TABLE an_claims (
        id INTEGER PRIMARY KEY, doc INTEGER NOT NULL, annotator TEXT NOT NULL, label TEXT NOT NULL,
        outlet TEXT NOT NULL, day INTEGER, month TEXT NOT NULL, cue_span INTEGER
      );
      INSERT INTO an_claims
        SELECT c.rowid, d.rowid, c.annotator_id, c.label_id, coalesce(d.outlet, ''), ${DAY},
          CASE WHEN d.published_at GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]*' THEN substr(d.published_at, 1, 7) ELSE '' END,
          u.cue_span
        FROM annotations c JOIN documents d ON d.id = c.document_id
        LEFT JOIN (SELECT claim, min(other) AS cue_span FROM an_near WHERE label IN (${cueLabel}) GROUP BY claim) u ON u.claim = c.rowid
        WHERE c.label_id IN (${claimLabels});
      DROP TABLE an_near;
    `);
  })();
  return anonymityBy;
}

/** The TEMP tables as columns, ordered by article and claim (so a pass can count distinct articles and claims). */
function loadFacts(db: Database.Database, roles: LabelRoles, anonymityBy: Facts['anonymityBy']): Facts {
  const codes: Facts['codes'] = {
    annotators: new Codes(), labels: new Codes(), outlets: new Codes(), months: new Codes(),
    keys: new Codes(), names: new Codes(), cues: new Codes(), descriptors: new Codes(),
  };
  const count = (table: string) => db.prepare(`SELECT count(*) FROM temp.${table}`).pluck().get() as number;
  // Per distinct quote, not per row: a few thousand names and cues among a million spans.
  const cueKeys = new Map<string, number>();
  const nameKeys: number[] = [];
  const nameHeads: (string | null)[] = [];

  const n = count('an_claims');
  const claims: ClaimRows = {
    length: n, doc: new Int32Array(n), annotator: new Int32Array(n), outlet: new Int32Array(n), day: new Int32Array(n),
    label: new Int32Array(n), id: new Int32Array(n), month: new Int32Array(n), kind: new Uint8Array(n), cue: new Int32Array(n), cueSpan: new Int32Array(n),
  };
  const claimAt = new Map<number, number>();
  let i = 0;
  const claimRows = db
    .prepare(
      `SELECT c.id, c.doc, c.annotator, c.label, c.outlet, c.day, c.month, u.quote, c.cue_span
       FROM temp.an_claims c LEFT JOIN annotations u ON u.rowid = c.cue_span ORDER BY c.doc, c.id`,
    )
    .raw();
  for (const [id, doc, annotator, label, outlet, day, month, cue, cueSpan] of claimRows.iterate() as Iterable<unknown[]>) {
    claims.id[i] = id as number;
    claimAt.set(id as number, i);
    claims.doc[i] = doc as number;
    claims.annotator[i] = codes.annotators.code(annotator as string);
    claims.label[i] = codes.labels.code(label as string);
    claims.outlet[i] = codes.outlets.code(outlet as string);
    claims.day[i] = (day as number | null) ?? 0;
    claims.month[i] = codes.months.code(month as string);
    claims.kind[i] = KIND_CODES.unsourced;
    if (cue === null) claims.cue[i] = -1;
    else {
      let code = cueKeys.get(cue as string);
      if (code === undefined) cueKeys.set(cue as string, (code = codes.cues.code(sourceKey(cue as string))));
      claims.cue[i] = code;
    }
    claims.cueSpan[i] = (cueSpan as number | null) ?? -1;
    i++;
  }

  const m = count('an_sources');
  const sources: SourceRows = {
    length: m, doc: new Int32Array(m), annotator: new Int32Array(m), outlet: new Int32Array(m), day: new Int32Array(m),
    label: new Int32Array(m), claim: new Int32Array(m), span: new Int32Array(m), key: new Int32Array(m), name: new Int32Array(m),
    anonymous: new Uint8Array(m), descriptor: new Int32Array(m), justification: new Int8Array(m),
  };
  i = 0;
  const sourceRows = db
    .prepare('SELECT claim, span, doc, annotator, claim_label, outlet, day, name, anonymous, descriptor, justification FROM temp.an_sources ORDER BY doc, claim, span')
    .raw();
  for (const [claim, span, doc, annotator, label, outlet, day, quote, byLabel, descriptor, justification] of sourceRows.iterate() as Iterable<unknown[]>) {
    const name = codes.names.code(quote as string);
    if (nameKeys[name] === undefined) {
      nameKeys[name] = codes.keys.code(sourceKey(quote as string));
      nameHeads[name] = anonymousHead(quote as string);
    }
    const anonymous = anonymityBy === 'label' ? byLabel === 1 : nameHeads[name] !== null;
    sources.claim[i] = (claim as number | null) ?? -1;
    sources.span[i] = span as number;
    sources.doc[i] = doc as number;
    sources.annotator[i] = codes.annotators.code(annotator as string);
    sources.label[i] = label === null ? -1 : codes.labels.code(label as string);
    sources.outlet[i] = codes.outlets.code(outlet as string);
    sources.day[i] = (day as number | null) ?? 0;
    sources.key[i] = nameKeys[name];
    sources.name[i] = name;
    sources.anonymous[i] = anonymous ? 1 : 0;
    sources.descriptor[i] = codes.descriptors.code(anonymous ? ((descriptor as string | null) ?? nameHeads[name] ?? '') : '');
    sources.justification[i] = anonymous ? ((justification as number | null) ?? -1) : -1;
    // A claim is named when any of its sources is, anonymous when all are.
    const at = claim === null ? undefined : claimAt.get(claim as number);
    if (at !== undefined && !anonymous) claims.kind[at] = KIND_CODES.named;
    else if (at !== undefined && claims.kind[at] === KIND_CODES.unsourced) claims.kind[at] = KIND_CODES.anonymous;
    i++;
  }
  return { roles, anonymityBy, codes, claims, sources, choices: new Map() };
}
