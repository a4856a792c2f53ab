/**
 * The brat importer and writer over the PolNeAR subset in ../shared (brat 1.3 files of real
 * annotators). The folder is not part of the repository; without it these tests are skipped.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OffsetMap, sliceCodePoints } from '../../schema/text';
import { annotatorFromFileName, parseAnn, writeAnn, type BratAnnotationExtras } from './brat';
import type { ImportedDocument } from './types';

const corpus = new URL('../../../shared/corpora/polnear', import.meta.url).pathname;
const present = existsSync(corpus);
if (!present) console.warn(`PolNeAR tests skipped: ${corpus} is absent (the shared corpora are not checked out).`);

interface AnnFile {
  compartment: string;
  name: string;
  article: string;
  annotator: string | null;
  ann: string;
  txt: string;
}

function load(): AnnFile[] {
  const files: AnnFile[] = [];
  for (const compartment of ['dev', 'annotator-training']) {
    const texts = new Set(readdirSync(join(corpus, compartment, 'text')).map((n) => n.replace(/\.txt$/, '')));
    for (const name of readdirSync(join(corpus, compartment, 'attributions')).sort()) {
      const annotator = annotatorFromFileName(join(corpus, compartment, 'attributions', name), texts);
      const article = annotator === null ? name : name.slice(0, -`_${annotator}.ann`.length);
      files.push({
        compartment,
        name,
        article,
        annotator,
        ann: readFileSync(join(corpus, compartment, 'attributions', name), 'utf8'),
        txt: readFileSync(join(corpus, compartment, 'text', `${article}.txt`), 'utf8'),
      });
    }
  }
  return files;
}

/** T and E lines as the file has them. */
const structuralLines = (ann: string) => ann.split('\n').filter((l) => /^[TE]\d/.test(l));

/** The two articles whose .txt is not in NFC (mojibake with combining marks), by file: stored as they are. */
const NON_NFC = [
  'usa-today_2016-10-03_my-father-would-have-loved-trump_6b86.ann',
  'wash-post_2016-09-18_e-u-leaders-weigh-plans-for-grea_5fec.ann',
];

describe.skipIf(!present)(`PolNeAR (${present ? corpus : 'absent: skipped'})`, () => {
  const files = present ? load() : [];
  const parsed = new Map<string, ImportedDocument>();
  const docOf = (f: AnnFile) => {
    let doc = parsed.get(f.name);
    if (!doc) parsed.set(f.name, (doc = parseAnn(f.ann, f.txt, { source: f.name, annotator: f.annotator })));
    return doc;
  };

  it('has 118 annotation files with 10,400 T and 2,642 E lines', () => {
    expect(files.filter((f) => f.compartment === 'dev')).toHaveLength(94);
    expect(files.filter((f) => f.compartment === 'annotator-training')).toHaveLength(24);
    const lines = files.flatMap((f) => structuralLines(f.ann));
    expect(lines.filter((l) => l.startsWith('T'))).toHaveLength(10400);
    expect(lines.filter((l) => l.startsWith('E'))).toHaveLength(2642);
  });

  it('takes each annotator from the file name, as metadata.tsv lists them', () => {
    const [, ...rows] = readFileSync(join(corpus, 'metadata.tsv'), 'utf8').trim().split('\n');
    const listed = new Set(
      rows.flatMap((row) => {
        const [compartment, article, , annotators] = row.split('\t');
        return annotators!.split('|').map((a) => `${compartment}/${article}_${a}.ann`);
      }),
    );
    const found = files.map((f) => `${f.compartment}/${f.article}_${f.annotator}.ann`);
    expect(new Set(found)).toEqual(listed);
    expect(files.map((f) => `${f.article}_${f.annotator}.ann`)).toEqual(files.map((f) => f.name));
  });

  it('stores every article exactly as its .txt, the two that are not in NFC too', () => {
    expect(files.filter((f) => f.txt.normalize('NFC') !== f.txt).map((f) => f.name)).toEqual(NON_NFC);
    for (const f of files) {
      expect(f.txt).not.toMatch(/^\uFEFF/);
      expect(docOf(f).text, f.name).toBe(f.txt);
      expect(docOf(f).warnings ?? [], f.name).toEqual([]);
    }
  });

  it('reads every file, every annotation quoting what brat recorded', () => {
    const reordered: string[] = [];
    let annotations = 0;
    let relations = 0;
    for (const f of files) {
      const doc = docOf(f);
      const map = new OffsetMap(doc.text);
      const tLines = structuralLines(f.ann).filter((l) => l.startsWith('T'));
      expect(doc.annotations.map((a) => a.ref)).toEqual(tLines.map((l) => l.split('\t')[0]));
      doc.annotations.forEach((a, i) => {
        const bratText = tLines[i]!.split('\t')[2]!;
        const quote = a.fragments.map((fr) => sliceCodePoints(doc.text, map, fr.start, fr.end)).join(' ');
        const order = (a.extras['brat'] as BratAnnotationExtras | undefined)?.fragmentOrder;
        if (order) {
          // brat joins the fragments in the order the file lists them; Byline keeps them sorted.
          reordered.push(`${f.name} ${a.ref}`);
          const inFileOrder = order.map((k) => a.fragments[k]!);
          expect(inFileOrder.map((fr) => sliceCodePoints(doc.text, map, fr.start, fr.end)).join(' ')).toBe(bratText);
          expect(quote).not.toBe(bratText);
        } else {
          expect(quote).toBe(bratText);
        }
        for (const fr of a.fragments) expect(fr.start).toBeLessThan(fr.end);
      });
      annotations += doc.annotations.length;
      relations += doc.relations.length;
      expect(doc.annotator).toBe(f.annotator);
      expect(doc.format).toBe('brat');
    }
    expect(annotations).toBe(10400);
    // One link per event argument: 2,490 events with 3 arguments, 140 with 2, 11 with 4, 1 with none.
    expect(relations).toBe(2490 * 3 + 140 * 2 + 11 * 4);
    expect(reordered).toEqual([
      'breitbart_2016-09-20_poll-wealthy-voters-abandon-repu_6b86.ann T7',
      'huff-post_2016-09-20_elizabeth-warren-hammers-wells-f_6b86.ann T28',
      'huff-post_2016-09-28_clinton-supporting-super-pacs-ta_5fec.ann T2',
      'nyt_2016-09-08_obama-on-climate-change-the-tren_5fec.ann T179',
      'nyt_2016-09-16_clinton-plan-for-taxes-is-expans_d473.ann T17',
      'politico_2016-09-15_trump-s-favorite-tv-doctor-has-a_6b86.ann T1',
      'politico_2016-09-23_partisan-fireworks-over-clinton-_5fec.ann T20',
      'politico_2016-10-04_trump-not-walking-the-walk-on-hi_4e07.ann T25',
      'west-journal_2016-09-26_popular-website-shows-bias-when-_ef2d.ann T20',
    ]);
  });

  it('maps E lines to role-typed links from the trigger, in argument order', () => {
    const f = files.find((x) => x.name === 'breitbart_2016-09-12_stealth-over-health-hillary-clin_ef2d.ann')!;
    const doc = docOf(f);
    expect(doc.relations.slice(0, 3)).toEqual([
      { ref: 'E1', type: 'Content', from: 'T4', to: 'T3', extras: {} },
      { ref: 'E1', type: 'Cue', from: 'T4', to: 'T2', extras: {} },
      { ref: 'E1', type: 'Source', from: 'T4', to: 'T1', extras: {} },
    ]);
    expect(doc.annotations.find((a) => a.ref === 'T4')!.extras).toEqual({ brat: { events: [{ id: 'E1', type: 'Attribution' }] } });
    expect(doc.labels).toEqual([
      { name: 'Source', kind: 'span', attributes: [] },
      { name: 'Cue', kind: 'span', attributes: [] },
      { name: 'Content', kind: 'span', attributes: [] },
      { name: 'Attribution', kind: 'span', attributes: [] },
      { name: 'Discard', kind: 'span', attributes: [] },
      { name: 'Content', kind: 'relation', attributes: [] },
      { name: 'Cue', kind: 'relation', attributes: [] },
      { name: 'Source', kind: 'relation', attributes: [] },
    ]);
  });

  it('writes every file back with the same T and E lines, in the same order but for 4 files', () => {
    // writeAnn puts each E line right after the last line it needs. In these 4 files an E line
    // comes before an argument defined later (an argument added after the event was made, which
    // brat writes into the E line where it stands): the same lines, in another order.
    const reordered = [
      'politico_2016-09-22_house-panel-votes-to-hold-clinto_4e07.ann',
      'breitbart_2016-03-11_activists-brick-up-entrance-to-m_5fec.ann',
      'breitbart_2016-03-11_activists-who-lit-syria-revolt-w_4e07.ann',
      'breitbart_2016-03-11_africa-builds-expertise-in-scien_4e07.ann',
    ];
    for (const f of files) {
      const written = structuralLines(writeAnn(docOf(f)));
      if (reordered.includes(f.name)) {
        expect(written, f.name).not.toEqual(structuralLines(f.ann));
        expect(written.sort(), f.name).toEqual(structuralLines(f.ann).sort());
      } else {
        expect(written, f.name).toEqual(structuralLines(f.ann));
      }
    }
  });
});
