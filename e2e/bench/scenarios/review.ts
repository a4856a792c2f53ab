/**
 * The review scenarios. `review.agreement.1000`: agreement between two layers over 1,000
 * generated articles of news length (4,000-6,000 characters), each layer with 50 annotations per
 * article and links between them, the second layer a colleague's version of the first (most
 * spans the same, some with other boundaries, another label, or elsewhere; some links and
 * attribute values differ). Measured as `byline agreement --json` runs it, in a process of its
 * own under e2e/bench/cli-probe.ts: the figure is the command's own time from the bundle loaded
 * to the process exiting (opening the workspace, reading, tokenizing, matching, printing), the
 * median of RUNS runs. The report is checked (articles, spans per layer, figures in range) so a
 * broken computation shows as a problem, not as a fast figure.
 */
import { v7 as uuidv7 } from 'uuid';
import { corpusWriters, newsArticle, openSeedTarget, randomAttributes } from '../bulk-seed.ts';
import { copyCli, runCli, type CliFixture } from '../cli-run.ts';
import { planAnnotations, type AnnotationPlan, type LabelKey, type PlannedSpan } from '../plan-annotations.ts';
import { createRandom } from '../random.ts';
import type { Measurement, Scenario, ScenarioGroup } from '../scenario.ts';
import { median, round1 } from '../stats.ts';

const DOCUMENTS = 1000;
const ANNOTATIONS_PER_LAYER = 50;
const LINKS_PER_LAYER = 10;
const RUNS = 5;

interface Fixture extends CliFixture {
  /** The two layers' annotator ids. */
  layers: [string, string];
  seeded: { annotations: number; relations: number; characters: number };
}

/** The part of the agreement report (schema/review.ts AgreementReport) the scenario checks. */
interface Report {
  documents: number;
  alpha: number | null;
  pairs: {
    documents: number;
    tokens: number;
    tokenKappa: number | null;
    spans: { micro: { exact: { a: number; b: number; f1: number | null }; overlap: { f1: number | null } } };
    links: { a: number; b: number; f1: number | null };
  }[];
}

export function reviewScenarios(): ScenarioGroup {
  const cleanups: (() => unknown)[] = [];
  let fixture: Promise<Fixture> | null = null;
  const scenarios: Scenario[] = [
    {
      id: 'review.agreement.1000',
      unit: 'ms',
      target: 2000,
      run: async () => measureAgreement(await (fixture ??= createFixture(cleanups))),
    },
  ];
  return {
    scenarios,
    async close() {
      await fixture?.catch(() => undefined);
      for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    },
  };
}

async function measureAgreement(fixture: Fixture): Promise<Measurement> {
  const commandMs: number[] = [];
  const wallMs: number[] = [];
  const peakMb: number[] = [];
  const cpuMs: number[] = [];
  let report: Report | null = null;
  const problems: string[] = [];
  for (let run = 0; run < RUNS; run++) {
    const measured = await runCli(fixture, ['agreement', '--annotators', fixture.layers.join(','), '--json', '--workspace', fixture.workspace]);
    commandMs.push(measured.commandMs);
    wallMs.push(measured.wallMs);
    peakMb.push(measured.peakMb);
    cpuMs.push(measured.cpuMs);
    const parsed = JSON.parse(measured.stdout) as Report;
    if (report && JSON.stringify(parsed) !== JSON.stringify(report)) problems.push(`run ${run + 1} reported other figures than run 1`);
    report ??= parsed;
  }
  const pair = report!.pairs[0]!;
  const expected = DOCUMENTS * ANNOTATIONS_PER_LAYER;
  if (report!.documents !== DOCUMENTS || pair.documents !== DOCUMENTS) problems.push(`${report!.documents} articles compared, not ${DOCUMENTS}`);
  if (pair.spans.micro.exact.a !== expected || pair.spans.micro.exact.b !== expected) {
    problems.push(`${pair.spans.micro.exact.a} and ${pair.spans.micro.exact.b} spans counted, not ${expected} in each layer`);
  }
  const inRange = (x: number | null, low: number) => x !== null && x > low && x < 1;
  if (!inRange(pair.tokenKappa, 0.3) || !inRange(report!.alpha, 0.3) || !inRange(pair.spans.micro.exact.f1, 0.3) || !inRange(pair.links.f1, 0.3)) {
    problems.push(`figures out of range for two mostly agreeing layers: ${JSON.stringify({ kappa: pair.tokenKappa, alpha: report!.alpha, f1: pair.spans.micro.exact.f1, links: pair.links.f1 })}`);
  }
  const f = (x: number | null) => (x === null ? '-' : x.toFixed(3));
  return {
    value: Math.round(median(commandMs)),
    n: commandMs.length,
    runs: commandMs,
    detail:
      `CPU ${cpuMs.map((ms) => Math.round(ms)).join(', ')} ms; the whole command ${(median(wallMs) / 1000).toFixed(2)} s; ` +
      `peak ${round1(median(peakMb))} MB; ${pair.tokens} token pairs, ${fixture.seeded.annotations} annotations, ${fixture.seeded.relations} links; ` +
      `span F1 ${f(pair.spans.micro.exact.f1)} exact / ${f(pair.spans.micro.overlap.f1)} overlap, kappa ${f(pair.tokenKappa)}, ` +
      `alpha ${f(report!.alpha)}, link F1 ${f(pair.links.f1)}`,
    problem: problems.length > 0 ? problems.join('; ') : undefined,
  };
}

/** A copy of the built command line, a workspace it created, and the two layers written into it. */
async function createFixture(cleanups: (() => unknown)[]): Promise<Fixture> {
  const partial = await copyCli('byline-bench-review-', cleanups);
  const started = performance.now();
  const { layers, seeded } = seedLayers(partial.workspace);
  process.stderr.write(
    `[bench] seeded ${DOCUMENTS} articles (${round1(seeded.characters / 1e6)} M characters), two layers: ` +
      `${seeded.annotations} annotations, ${seeded.relations} links in ${Math.round((performance.now() - started) / 1000)} s\n`,
  );
  return { ...partial, layers, seeded };
}

interface SeedSpan {
  start: number;
  end: number;
  label: LabelKey;
  attributes: string;
}

/**
 * Writes the articles and both layers straight into the workspace in one transaction, as the
 * other scenarios do (the store has no bulk API): the local annotator's layer from the planner,
 * and a colleague's: of its 50 spans about 70% the same, 12% with the end moved back a word, 8%
 * with another label and 10% elsewhere in the text; its links the same but for one in five, and
 * one attribute value in five differs.
 */
function seedLayers(workspacePath: string): { layers: [string, string]; seeded: Fixture['seeded'] } {
  const { db, local, spanLabel, linkLabel } = openSeedTarget(workspacePath);
  try {
    const colleague = uuidv7();
    db.prepare('INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, ?, 0, ?)').run(colleague, 'Colleague', new Date().toISOString());

    const { insertArticle, insertAnnotation, insertFragment, insertRelation } = corpusWriters(db);

    const seeded = { annotations: 0, relations: 0, characters: 0 };
    const random = createRandom(6);
    db.transaction(() => {
      for (let i = 0; i < DOCUMENTS; i++) {
        const { title, text } = newsArticle(4000 + ((i * 7919) % 2000), 30_000 + i);
        const at = new Date(Date.UTC(2024, 0, 1) + i * 60_000).toISOString();
        const documentId = uuidv7();
        insertArticle(documentId, title, text, at);

        const plan = planFor(text, i);
        const elsewhere = planFor(text, i + DOCUMENTS).spans;
        const mine = plan.spans.map((s): SeedSpan => ({ ...s, attributes: randomAttributes(s.label, random) }));
        const theirs = mine.map((s, k): SeedSpan => {
          const r = random.next();
          if (r < 0.7) return random.chance(0.2) ? { ...s, attributes: randomAttributes(s.label, random) } : s;
          if (r < 0.82) return { ...s, end: shorter(text, s) };
          if (r < 0.9) return { ...s, label: s.label === 'claim' ? 'source' : 'claim', attributes: '{}' };
          const other = elsewhere[k % elsewhere.length]!;
          return { ...other, attributes: randomAttributes(other.label, random) };
        });
        for (const [annotator, spans, links] of [
          [local, mine, plan.links],
          [colleague, theirs, plan.links.filter(() => !random.chance(0.2))],
        ] as const) {
          const ids = spans.map((span) => {
            const id = uuidv7();
            insertAnnotation.run(id, documentId, annotator, spanLabel[span.label], text.slice(span.start, span.end), span.attributes, at, at);
            insertFragment.run(id, span.start, span.end);
            return id;
          });
          for (const [from, to] of links) insertRelation.run(uuidv7(), documentId, annotator, linkLabel, ids[from], ids[to], at, at);
          seeded.annotations += spans.length;
          seeded.relations += links.length;
        }
        seeded.characters += text.length;
      }
    })();
    return { layers: [local, colleague], seeded };
  } finally {
    db.close();
  }
}

function planFor(text: string, seed: number): AnnotationPlan {
  for (let attempt = 0; ; attempt++) {
    try {
      const plan = planAnnotations(text, { annotations: ANNOTATIONS_PER_LAYER, overlapping: 5, links: LINKS_PER_LAYER, seed: seed + attempt * 7 * DOCUMENTS });
      if (plan.links.every(([from, to]) => plan.spans[from] && plan.spans[to])) return plan;
    } catch (error) {
      if (attempt === 9) throw error;
    }
    if (attempt === 9) throw new Error(`No plan of ${ANNOTATIONS_PER_LAYER} annotations with links for seed ${seed}.`);
  }
}

/** The span without its last word, when it has more than one. */
function shorter(text: string, span: PlannedSpan): number {
  const cut = text.lastIndexOf(' ', span.end - 1);
  return cut > span.start ? cut : span.end;
}
