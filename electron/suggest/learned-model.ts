/**
 * The tagger learned from the workspace (span-tagger.ts, with the rules as features): which
 * annotations it learns from, when it should learn again, and how it is kept in the workspace
 * (table suggestion_model).
 */
import { listLabels } from '../store/labels';
import type { Workspace } from '../store/workspace';
import { ruleFeatures } from './rule-features';
import { trainTagger, type TaggerModel, type TrainingText } from './span-tagger';

/** The layer `byline suggest` writes into; never learned from (it would learn its own guesses). */
export const SUGGESTIONS_LAYER = 'Suggestions';

export interface LearnedModel {
  model: TaggerModel;
  trainedAt: string;
  /** How many span annotations the workspace had when it learned. */
  annotations: number;
}

/** It starts learning once the workspace has this many span annotations... */
const FIRST_LEARNING = 20;
/** ...and learns again when that many more (or a tenth more) were added or removed since. */
const RELEARN_AFTER = 10;
/** The articles it learns from, most recently changed first: enough to learn, few enough to take seconds. */
const MAX_TEXTS = 300;

/** How many annotations there are to learn from. */
export function learnableCount(ws: Workspace): number {
  const row = ws
    .statement(
      `SELECT count(*) AS n FROM annotations a JOIN annotators p ON p.id = a.annotator_id
       WHERE p.name <> ? OR p.is_local = 1`,
    )
    .get(SUGGESTIONS_LAYER) as { n: number };
  return row.n;
}

/** Whether the workspace has changed enough since the stored model (or has enough to learn a first one). */
export function shouldLearn(ws: Workspace, stored: LearnedModel | null): boolean {
  const count = learnableCount(ws);
  if (!stored) return count >= FIRST_LEARNING;
  return Math.abs(count - stored.annotations) >= Math.max(RELEARN_AFTER, stored.annotations / 10);
}

/**
 * The articles to learn from, each with one layer: the person's own when they tagged it,
 * else the layer with most annotations there. Labels are label ids.
 */
export function trainingTexts(ws: Workspace): TrainingText[] {
  const layers = ws
    .statement(
      `SELECT a.document_id AS documentId, a.annotator_id AS annotatorId, count(*) AS n, max(a.updated_at) AS at,
              max(p.is_local) AS local
       FROM annotations a JOIN annotators p ON p.id = a.annotator_id
       WHERE p.name <> ? OR p.is_local = 1
       GROUP BY a.document_id, a.annotator_id`,
    )
    .all(SUGGESTIONS_LAYER) as { documentId: string; annotatorId: string; n: number; at: string; local: number }[];
  const chosen = new Map<string, (typeof layers)[number]>();
  for (const layer of layers) {
    const best = chosen.get(layer.documentId);
    if (!best || layer.local > best.local || (layer.local === best.local && layer.n > best.n)) chosen.set(layer.documentId, layer);
  }
  const newest = [...chosen.values()].sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : 0)).slice(0, MAX_TEXTS);
  const spanLabels = new Set(listLabels(ws).filter((l) => l.kind === 'span').map((l) => l.id));
  const text = ws.statement(
    'SELECT v.text FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version WHERE d.id = ?',
  );
  // A span per fragment, as evaluate.ts reads brat files.
  const spans = ws.statement(
    `SELECT a.label_id AS label, f.start, f."end"
     FROM annotations a JOIN fragments f ON f.annotation_id = a.id
     WHERE a.document_id = ? AND a.annotator_id = ?`,
  );
  return newest.map((layer) => ({
    text: (text.get(layer.documentId) as { text: string }).text,
    spans: (spans.all(layer.documentId, layer.annotatorId) as { label: string; start: number; end: number }[]).filter((s) =>
      spanLabels.has(s.label),
    ),
  }));
}

/** Learns from the workspace as it is now. */
export function learn(ws: Workspace, seed = 1): LearnedModel {
  const annotations = learnableCount(ws);
  const model = trainTagger(trainingTexts(ws), { seed, extra: ruleFeatures });
  return { model, trainedAt: new Date().toISOString(), annotations };
}

export function saveModel(ws: Workspace, learned: LearnedModel): void {
  const { model } = learned;
  const features = [...model.weights.keys()];
  const weights = new Float32Array(features.length * model.tags.length);
  features.forEach((feature, k) => weights.set(model.weights.get(feature)!, k * model.tags.length));
  ws.statement(
    `INSERT OR REPLACE INTO suggestion_model (id, trained_at, texts, spans, label_spans, annotations, tags, features, weights)
     VALUES (1, ?, ?, ?, ?, ?, ?, ?, ?)`,
  ).run(
    learned.trainedAt,
    model.examples.texts,
    model.examples.spans,
    JSON.stringify(model.examples.perLabel),
    learned.annotations,
    JSON.stringify(model.tags),
    JSON.stringify(features),
    Buffer.from(weights.buffer),
  );
}

export function loadModel(ws: Workspace): LearnedModel | null {
  const row = ws.statement('SELECT * FROM suggestion_model WHERE id = 1').get() as
    | { trained_at: string; texts: number; spans: number; label_spans: string; annotations: number; tags: string; features: string; weights: Buffer }
    | undefined;
  if (!row) return null;
  const tags = JSON.parse(row.tags) as string[];
  const features = JSON.parse(row.features) as string[];
  const all = new Float32Array(row.weights.buffer.slice(row.weights.byteOffset, row.weights.byteOffset + row.weights.byteLength));
  const weights = new Map<string, Float64Array>();
  features.forEach((feature, k) => weights.set(feature, Float64Array.from(all.subarray(k * tags.length, (k + 1) * tags.length))));
  return {
    model: { tags, weights, examples: { texts: row.texts, spans: row.spans, perLabel: JSON.parse(row.label_spans) as Record<string, number> } },
    trainedAt: row.trained_at,
    annotations: row.annotations,
  };
}
