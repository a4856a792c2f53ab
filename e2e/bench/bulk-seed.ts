/**
 * What the command-line scenarios share in writing their corpus straight into a workspace the
 * command line created (the store has no bulk API): the connection with the local annotator and
 * the default labels' ids, the generated articles, and the labels' attribute values.
 */
import Database from 'better-sqlite3';
import { createHash } from 'node:crypto';
import { comparisonText } from '../../schema/text.ts';
import { generateArticle } from './generate-article.ts';
import type { LabelKey } from './plan-annotations.ts';
import type { Random } from './random.ts';

export interface SeedTarget {
  /** Open in WAL mode with foreign keys on; the caller closes it. */
  db: Database.Database;
  /** The local annotator's id. */
  local: string;
  spanLabel: Record<LabelKey, string>;
  /** The 'attributed to' link type. */
  linkLabel: string;
}

export function openSeedTarget(workspacePath: string): SeedTarget {
  const db = new Database(workspacePath, { fileMustExist: true });
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    const local = db.prepare('SELECT id FROM annotators WHERE is_local = 1').pluck().get() as string | undefined;
    if (!local) throw new Error(`${workspacePath} has no local annotator: the command line should have made one.`);
    const labels = new Map(
      (db.prepare('SELECT id, name, kind FROM labels').all() as { id: string; name: string; kind: string }[]).map((l) => [`${l.kind}:${l.name}`, l.id]),
    );
    const labelId = (key: string) => {
      const id = labels.get(key);
      if (!id) throw new Error(`The workspace has no label ${key}.`);
      return id;
    };
    return {
      db,
      local,
      spanLabel: { claim: labelId('span:Claim'), source: labelId('span:Source'), anonymous: labelId('span:Anonymous attribution') },
      linkLabel: labelId('relation:attributed to'),
    };
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * Writes an article's first text version as the store does (store/documents.ts insertDocument):
 * its hash and its comparison form's, and its length in code points.
 */
export function versionWriter(db: Database.Database): (documentId: string, text: string, createdAt: string) => void {
  const insert = db.prepare(
    `INSERT INTO document_versions (document_id, version, text, sha256, match_sha256, length, created_at)
     VALUES (?, 1, ?, ?, ?, ?, ?)`,
  );
  const hash = (value: string) => createHash('sha256').update(value, 'utf8').digest('hex');
  return (documentId, text, createdAt) => {
    const sha256 = hash(text);
    const comparison = comparisonText(text);
    insert.run(documentId, text, sha256, comparison === text ? sha256 : hash(comparison), Array.from(text).length, createdAt);
  };
}

/**
 * The statements that write a generated corpus: a 'bench' article with its first text, and
 * single-fragment annotations and links (attributes as JSON).
 */
export function corpusWriters(db: Database.Database) {
  const insertDocument = db.prepare(
    `INSERT INTO documents (id, title, origin_format, version, word_count, created_at, updated_at) VALUES (?, ?, 'bench', 1, ?, ?, ?)`,
  );
  const insertVersion = versionWriter(db);
  return {
    /** An article and its first text version. */
    insertArticle(documentId: string, title: string, text: string, at: string): void {
      insertDocument.run(documentId, title, text.split(/\s+/).length, at, at);
      insertVersion(documentId, text, at);
    },
    insertAnnotation: db.prepare(
      `INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, attributes, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
    insertFragment: db.prepare('INSERT INTO fragments (annotation_id, seq, start, "end") VALUES (?, 0, ?, ?)'),
    insertRelation: db.prepare(
      `INSERT INTO relations (id, document_id, annotator_id, label_id, from_id, to_id, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    ),
  };
}

/** A generated article of about `length` characters, its headline cut from its first sentence. */
export function newsArticle(length: number, seed: number): { title: string; text: string } {
  // Each its own headline: the generator's first paragraph is the same for every seed.
  const generated = generateArticle(length, seed);
  const body = generated.slice(generated.indexOf('\n\n') + 2);
  const title = body.slice(0, body.search(/[,.;—]/)).slice(0, 90);
  const text = `${title}\n\n${body}`;
  // Offsets are code points in storage; the generator keeps to the BMP, where they equal UTF-16.
  if (/[\uD800-\uDFFF]/.test(text)) throw new Error('The generated article has astral characters.');
  return { title, text };
}

/** The label's attributes (migrations/0002) on about four annotations in ten, as JSON. */
export function randomAttributes(label: LabelKey, random: Random): string {
  if (!random.chance(0.4)) return '{}';
  if (label === 'claim') return JSON.stringify({ checkworthiness: random.pick(['not factual', 'unimportant factual', 'check-worthy']) });
  if (label === 'source') return JSON.stringify({ kind: random.pick(['person', 'organization', 'document', 'media']) });
  return JSON.stringify({ descriptor: 'officials', justification: random.chance(0.5), sources: random.int(1, 3) });
}
