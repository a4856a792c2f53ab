/**
 * The reference data for the agreement test: the PolNeAR annotator-training articles (4 articles,
 * 6 annotators) imported with the app's importer into a temporary workspace, and every
 * annotator's label for every word token, written as JSON for nltk_agreement.py.
 *
 *   node --import ./electron/review/reference/resolve-ts.mjs electron/review/reference/dump-tokens.ts > /tmp/polnear-tokens.json
 *   /usr/bin/python3 electron/review/reference/nltk_agreement.py /tmp/polnear-tokens.json electron/review/reference/polnear-agreement.json
 *
 * It labels tokens on its own, the plain way (every span against every token), not with the
 * metric code (../agreement*.ts), so that the test's check of the label sequences' hash also
 * checks the app's labelling. The rule is the app's: a token is under a span when a fragment
 * shares a code point with it; under several spans of one annotator the shortest span (total
 * length of its fragments) wins, then the label first in the label list (position, then name).
 * An annotator who has no annotation in an article and did not mark it done is left out of it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { wordTokens } from '../../formats/export-tokens';
import { runImport } from '../../import/run-import';
import { findImportUnits } from '../../import/sources';
import { listAnnotations } from '../../store/annotations';
import { listAnnotators } from '../../store/annotators';
import { listLabels } from '../../store/labels';
import { Workspace } from '../../store/workspace';
import { POLNEAR_TRAINING, type TokenDump } from './polnear';

const folder = mkdtempSync(join(tmpdir(), 'byline-reference-'));
const ws = Workspace.open(join(folder, 'ws.sqlite'), { userName: 'Reference' });
try {
  const outcomes = await runImport(ws, await findImportUnits([resolve(POLNEAR_TRAINING)]), { annotator: 'Reference' });
  const failed = outcomes.filter((o) => o.status === 'failed');
  if (failed.length > 0) throw new Error(`PolNeAR did not import: ${JSON.stringify(failed)}`);

  const labels = listLabels(ws).filter((l) => l.kind === 'span');
  const rank = new Map(labels.map((l, k) => [l.id, k]));
  const annotators = listAnnotators(ws).filter((a) => !a.isLocal);
  const documents = ws.db
    .prepare(
      `SELECT d.id, d.sha256, d.title, v.text FROM documents d JOIN document_versions v ON v.document_id = d.id AND v.version = d.version
       ORDER BY d.sha256`,
    )
    .all() as { id: string; sha256: string; title: string; text: string }[];
  const done = ws.db.prepare("SELECT 1 FROM document_status WHERE document_id = ? AND annotator_id = ? AND status = 'done'");

  const dump: TokenDump = { articles: [] };
  for (const document of documents) {
    const tokens = wordTokens(document.text);
    const annotations = listAnnotations(ws, document.id);
    const sequences: Record<string, string[]> = {};
    for (const annotator of annotators) {
      const own = annotations.filter((a) => a.annotatorId === annotator.id);
      if (own.length === 0 && !done.get(document.id, annotator.id)) continue;
      sequences[annotator.name] = tokens.map((token) => {
        let best: { length: number; rank: number; name: string } | null = null;
        for (const annotation of own) {
          if (!annotation.fragments.some((f) => f.start < token.end && token.start < f.end)) continue;
          const length = annotation.fragments.reduce((sum, f) => sum + f.end - f.start, 0);
          const label = labels[rank.get(annotation.labelId)!]!;
          const candidate = { length, rank: rank.get(annotation.labelId)!, name: label.name };
          if (!best || candidate.length < best.length || (candidate.length === best.length && candidate.rank < best.rank)) best = candidate;
        }
        return best?.name ?? 'O';
      });
    }
    dump.articles.push({ sha256: document.sha256, title: document.title, tokens: tokens.length, sequences });
  }
  process.stdout.write(`${JSON.stringify(dump, null, 1)}\n`);
} finally {
  ws.close();
  rmSync(folder, { recursive: true, force: true });
}
