/**
 * Token-level kappa and alpha against NLTK on real annotations: the PolNeAR annotator-training
 * articles (4 articles, 6 annotators), imported as the app imports them. The reference figures
 * are committed in reference/polnear-agreement.json (see reference/dump-tokens.ts and
 * nltk_agreement.py for how they were made). The corpus is in ../shared, not in the repository;
 * without it this test is skipped.
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runImport } from '../import/run-import';
import { findImportUnits } from '../import/sources';
import { listAnnotators } from '../store/annotators';
import { workspacesClosedAfterEach } from '../testing/workspace';
import { computeAgreement, labelledDocuments } from './agreement';
import { POLNEAR_TRAINING, sequencesHash, type ReferenceFixture } from './reference/polnear';

const corpus = new URL(`../../${POLNEAR_TRAINING}`, import.meta.url).pathname;
const present = existsSync(corpus);
if (!present) console.warn(`PolNeAR agreement test skipped: ${corpus} is absent (the shared corpora are not checked out).`);

const fixture = JSON.parse(readFileSync(new URL('./reference/polnear-agreement.json', import.meta.url), 'utf8')) as ReferenceFixture;
const open = workspacesClosedAfterEach();

describe.skipIf(!present)(`agreement on PolNeAR against NLTK (${present ? corpus : 'absent: skipped'})`, () => {
  it('labels the tokens as the reference did, and every kappa and alpha equals NLTK’s to 1e-9', { timeout: 60_000 }, async () => {
    const ws = open('Reviewer');
    const outcomes = await runImport(ws, await findImportUnits([resolve(corpus)]), { annotator: 'Reviewer' });
    expect(outcomes.filter((o) => o.status === 'failed')).toEqual([]);
    const byName = new Map(listAnnotators(ws).map((a) => [a.name, a.id]));
    const annotatorIds = fixture.annotators.map((name) => byName.get(name)!);
    expect(annotatorIds.every(Boolean)).toBe(true);

    // The label sequences the metric code works on hash to those NLTK was given.
    const { labels, each } = labelledDocuments(ws, { annotatorIds, scope: { kind: 'all' } });
    const sha256Of = ws.db.prepare('SELECT sha256 FROM documents WHERE id = ?').pluck();
    const articles: { sha256: string; sequences: Record<string, string[]> }[] = [];
    for (const document of each) {
      const sequences: Record<string, string[]> = {};
      document.layers.forEach((layer, k) => {
        if (layer) sequences[fixture.annotators[k]!] = Array.from(layer.tokens, (label) => labels[label]!.name);
      });
      articles.push({ sha256: sha256Of.get(document.id) as string, sequences });
    }
    expect(articles).toHaveLength(4);
    expect(sequencesHash(articles)).toBe(fixture.sequencesSha256);

    const check = (report: Awaited<ReturnType<typeof computeAgreement>>, reference: { alpha: number; pairs: ReferenceFixture['pairs'] }) => {
      expect(report.pairs).toHaveLength(15);
      for (const expected of reference.pairs) {
        const pair = report.pairs.find((p) => p.a === byName.get(expected.a) && p.b === byName.get(expected.b))!;
        expect(Math.abs(pair.tokenKappa! - expected.kappa), `kappa ${expected.a}–${expected.b}: ${pair.tokenKappa} vs NLTK ${expected.kappa}`).toBeLessThan(1e-9);
      }
      expect(Math.abs(report.alpha! - reference.alpha), `alpha ${report.alpha} vs NLTK ${reference.alpha}`).toBeLessThan(1e-9);
    };

    check(await computeAgreement(ws, { annotatorIds, scope: { kind: 'all' } }), fixture);
    const idOf = ws.db.prepare('SELECT id FROM documents WHERE sha256 = ?').pluck();
    for (const article of fixture.articles) {
      check(await computeAgreement(ws, { annotatorIds, scope: { kind: 'document', id: idOf.get(article.sha256) as string } }), article);
    }
  });
});
