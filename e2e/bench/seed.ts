/**
 * Writes a benchmark article and its annotations straight into a workspace file the app has
 * already created and migrated (the store has no bulk API), in one transaction. It seeds state
 * only: no event log rows, as if the history had been compacted.
 */
import Database from 'better-sqlite3';
import { v7 as uuidv7 } from 'uuid';
import { versionWriter } from './bulk-seed.ts';
import type { AnnotationPlan, LabelKey } from './plan-annotations.ts';

const SPAN_LABELS: Record<LabelKey, string> = {
  claim: 'Claim',
  source: 'Source',
  anonymous: 'Anonymous attribution',
};

export interface SeededDocument {
  id: string;
  annotationIds: string[];
}

export function seedDocument(
  workspacePath: string,
  article: { title: string; text: string },
  plan: AnnotationPlan,
): SeededDocument {
  const { title, text } = article;
  // Offsets are code points in storage; the generator keeps to the BMP, where they equal UTF-16.
  if (/[\uD800-\uDFFF]/.test(text)) throw new Error('seedDocument expects text without astral characters.');

  const db = new Database(workspacePath, { fileMustExist: true });
  try {
    db.pragma('foreign_keys = ON');
    const annotator = db.prepare('SELECT id FROM annotators WHERE is_local = 1').get() as { id: string } | undefined;
    if (!annotator) throw new Error(`${workspacePath} has no local annotator: let the app create it first.`);
    const labelIds = new Map(
      (db.prepare('SELECT id, name, kind FROM labels').all() as { id: string; name: string; kind: string }[]).map(
        (l) => [l.kind === 'relation' ? `relation:${l.name}` : l.name, l.id],
      ),
    );
    const labelId = (name: string) => {
      const id = labelIds.get(name);
      if (!id) throw new Error(`The workspace has no label ${name}.`);
      return id;
    };
    const relationLabel = labelId('relation:attributed to');

    const now = new Date().toISOString();
    const documentId = uuidv7();
    const annotationIds = plan.spans.map(() => uuidv7());
    const insertDocument = db.prepare(
      `INSERT INTO documents (id, title, origin_format, version, created_at, updated_at)
       VALUES (?, ?, 'bench', 1, ?, ?)`,
    );
    const insertVersion = versionWriter(db);
    const insertAnnotation = db.prepare(
      `INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?)`,
    );
    const insertFragment = db.prepare(
      'INSERT INTO fragments (annotation_id, seq, start, "end") VALUES (?, 0, ?, ?)',
    );
    const insertRelation = db.prepare(
      `INSERT INTO relations (id, document_id, annotator_id, label_id, from_id, to_id, created_at, updated_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
    );

    db.transaction(() => {
      insertDocument.run(documentId, title, now, now);
      insertVersion(documentId, text, now);
      plan.spans.forEach((span, i) => {
        const id = annotationIds[i]!;
        const quote = text.slice(span.start, span.end);
        insertAnnotation.run(id, documentId, annotator.id, labelId(SPAN_LABELS[span.label]), quote, now, now);
        insertFragment.run(id, span.start, span.end);
      });
      for (const [from, to] of plan.links) {
        insertRelation.run(uuidv7(), documentId, annotator.id, relationLabel, annotationIds[from], annotationIds[to], now, now);
      }
    })();
    return { id: documentId, annotationIds };
  } finally {
    db.close();
  }
}

/** Counts rows of a workspace table through a read-only connection of its own. */
export function countRows(workspacePath: string, table: 'annotations' | 'relations', documentId: string): number {
  const db = new Database(workspacePath, { readonly: true, fileMustExist: true });
  try {
    return (db.prepare(`SELECT count(*) AS n FROM ${table} WHERE document_id = ?`).get(documentId) as { n: number }).n;
  } finally {
    db.close();
  }
}

/** The current text of a document, as the workspace has it now. */
export function currentText(workspacePath: string, documentId: string): string {
  const db = new Database(workspacePath, { readonly: true, fileMustExist: true });
  try {
    const row = db
      .prepare(
        `SELECT v.text FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
         WHERE d.id = ?`,
      )
      .get(documentId) as { text: string };
    return row.text;
  } finally {
    db.close();
  }
}
