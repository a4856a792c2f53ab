import { v7 as uuidv7 } from 'uuid';
import { describe, expect, it } from 'vitest';
import type { AnalyticsBar, AnalyticsFilters } from '../../schema/analytics';
import type { AttributeValue, Fragment } from '../../schema/model';
import { workspacesClosedAfterEach } from '../testing/workspace';
import { createAnnotation, putAnnotation } from '../store/annotations';
import { addToCollection, createCollection } from '../store/collections';
import { insertDocument } from '../store/documents';
import { createLabel, listLabels } from '../store/labels';
import { createRelation, putRelation } from '../store/relations';
import { Workspace } from '../store/workspace';
import { ensureFacts, sourceKey, writeKeepingFacts } from './facts';
import { analyticsSpans, computeAnalytics } from './figures';
import { mergeSources, unmergeSource } from './source-merges';

const open = workspacesClosedAfterEach();

/** The `occurrence`-th (from 0) place of `phrase` in `text`, in code points (the texts are ASCII). */
function at(text: string, phrase: string, occurrence = 0): Fragment {
  let index = -1;
  for (let k = 0; k <= occurrence; k++) {
    index = text.indexOf(phrase, index + 1);
    if (index === -1) throw new Error(`“${phrase}” (${occurrence}) is not in “${text}”`);
  }
  return { start: index, end: index + phrase.length };
}

const ALL: AnalyticsFilters = { scope: { kind: 'all' }, layerId: null, outlets: [], from: null, to: null, claimLabelIds: null };
const filters = (patch: Partial<AnalyticsFilters>): AnalyticsFilters => ({ ...ALL, ...patch });
const counts = (named: number, anonymous: number, unsourced: number) => ({ named, anonymous, unsourced });

const TEXTS = {
  d1: 'The mayor said the bridge will reopen in May. Officials said the cost doubled. Repairs began in March.',
  d2: 'The budget passed narrowly, the mayor told reporters. The vote was rigged, according to a council aide who spoke on condition of anonymity. Mayor Jane Smith called it fair.',
  d3: 'Said the mayor and a source close to the port: the harbour will be dredged. Sources said nothing. A spokesman declined to comment.',
  d4: 'The ferry strike will end Friday, the union told members. Officials said talks continue.',
  d5: 'Notes from the council: the mayor said rates rise. Nothing else was reported.',
};

/**
 * The fixture: five articles of two outlets (and one without), dated 2024-01-15, 2024-02-03,
 * 2024-01-20, undated, 2024-03-09; the default schema plus a Cue and a second claim-like label
 * "Quote"; tags by the local annotator (layer A) and by a colleague, Ben (layer B).
 *
 *   claim                              layer doc outlet  month    sources                                 kind  cue
 *   c1  the bridge will reopen in May  A     d1  Gazette 2024-01  s1 "The mayor"                          named  said
 *   c2  the cost doubled               A     d1  Gazette 2024-01  a2 "Officials" (anon)                   anon   said (2nd)
 *   c3  Repairs began in March         A     d1  Gazette 2024-01  -                                       unsrc  -
 *   c15 the cost doubled               B     d1  Gazette 2024-01  -                                       unsrc  -
 *   c4  The budget passed narrowly     A     d2  Gazette 2024-02  s4 "the mayor" (through cue "told")     named  told
 *   c5  The vote was rigged            A     d2  Gazette 2024-02  a5 "a council aide who…" (anon)         anon   according to (cue → claim)
 *   c6  it fair                        A     d2  Gazette 2024-02  s6 "Mayor Jane Smith" (source → claim)  named  -
 *   c7  the harbour will be dredged    A     d3  Herald  2024-01  s7 "the mayor" + a7 "a source close…"   named  Said
 *   c9  A spokesman declined to comment A    d3  Herald  2024-01  -                                       unsrc  -
 *   c10 The ferry strike will end Friday B   d4  Herald  ''       s10 "the union"                         named  told
 *   c11 talks continue                 B     d4  Herald  ''       a11 "Officials" (anon)                  anon   -
 *   c12 The ferry strike will end Friday A   d4  Herald  ''       s12 "the union"                         named  -
 *   c13 rates rise                     A     d5  ''      2024-03  s13 "the mayor"                         named  said
 *   c14 Nothing else was reported (Quote) A  d5  ''      2024-03  s13 "the mayor"                         named  -
 *   a8 "Sources" (anon, A, d3) is linked to nothing.
 *
 * Anonymous attributions and their attributes (descriptor: the attribute, else the head word):
 *   a2  d1 A {justification: false}        → descriptor "officials",   justification false
 *   a5  d2 A {justification: true}         → descriptor "aide",        justification true
 *   a7  d3 A {descriptor: " Port source "} → descriptor "port source", justification unrecorded
 *   a8  d3 A {}                            → descriptor "sources",     justification unrecorded
 *   a11 d4 B {justification: true}         → descriptor "officials",   justification true
 */
function fixture() {
  const ws = open('Tester');
  const labels = Object.fromEntries(listLabels(ws).map((l) => [l.name, l.id])) as Record<string, string>;
  const cue = createLabel(ws, { name: 'Cue', color: '#888888', kind: 'span', hotkey: null, attributes: [] }).id;
  const quote = createLabel(ws, { name: 'Quote', color: '#777777', kind: 'span', hotkey: null, attributes: [] }).id;
  const L = { claim: labels.Claim!, source: labels.Source!, anonymous: labels['Anonymous attribution']!, link: labels['attributed to']!, cue, quote };
  const ben = uuidv7();
  ws.db.prepare("INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, 'Ben', 0, 't')").run(ben);

  const doc = (title: string, text: string, outlet: string | null, publishedAt: string | null) =>
    insertDocument(ws, { title, text, originFormat: 'text', outlet, publishedAt }).id;
  const d1 = doc('Bridge reopens', TEXTS.d1, 'Gazette', '2024-01-15');
  const d2 = doc('Budget vote', TEXTS.d2, 'Gazette', '2024-02-03');
  const d3 = doc('Harbour plan', TEXTS.d3, 'Herald', '2024-01-20');
  const d4 = doc('Ferry strike', TEXTS.d4, 'Herald', null);
  const d5 = doc('Council notes', TEXTS.d5, null, '2024-03-09');
  const texts: Record<string, string> = { [d1]: TEXTS.d1, [d2]: TEXTS.d2, [d3]: TEXTS.d3, [d4]: TEXTS.d4, [d5]: TEXTS.d5 };

  const mine = (documentId: string, labelId: string, phrase: string, occurrence = 0, attributes?: Record<string, AttributeValue>) =>
    createAnnotation(ws, { documentId, labelId, fragments: [at(texts[documentId]!, phrase, occurrence)], attributes });
  const link = (fromId: string, toId: string) => createRelation(ws, { fromId, toId, labelId: L.link });
  const theirs = (documentId: string, labelId: string, phrase: string, attributes: Record<string, unknown> = {}) => {
    const id = uuidv7();
    const now = new Date().toISOString();
    const fragment = at(texts[documentId]!, phrase);
    putAnnotation(ws, id, { id, documentId, annotatorId: ben, labelId, fragments: [fragment], quote: phrase, note: null, attributes, createdAt: now, updatedAt: now });
    return id;
  };
  const theirLink = (documentId: string, fromId: string, toId: string) => {
    const id = uuidv7();
    const now = new Date().toISOString();
    putRelation(ws, id, { id, documentId, annotatorId: ben, labelId: L.link, fromId, toId, attributes: {}, createdAt: now, updatedAt: now });
  };

  // d1
  const s1 = mine(d1, L.source, 'The mayor');
  const k1 = mine(d1, L.cue, 'said');
  const c1 = mine(d1, L.claim, 'the bridge will reopen in May');
  link(c1, s1);
  link(c1, k1);
  const a2 = mine(d1, L.anonymous, 'Officials', 0, { justification: false });
  const k2 = mine(d1, L.cue, 'said', 1);
  const c2 = mine(d1, L.claim, 'the cost doubled');
  link(c2, a2);
  link(c2, k2);
  const c3 = mine(d1, L.claim, 'Repairs began in March');
  const c15 = theirs(d1, L.claim, 'the cost doubled');
  // d2
  const c4 = mine(d2, L.claim, 'The budget passed narrowly');
  const k4 = mine(d2, L.cue, 'told');
  const s4 = mine(d2, L.source, 'the mayor');
  link(c4, k4);
  link(k4, s4);
  const c5 = mine(d2, L.claim, 'The vote was rigged');
  const k5 = mine(d2, L.cue, 'according to');
  const a5 = mine(d2, L.anonymous, 'a council aide who spoke on condition of anonymity', 0, { justification: true });
  link(k5, c5);
  link(c5, a5);
  const s6 = mine(d2, L.source, 'Mayor Jane Smith');
  const c6 = mine(d2, L.claim, 'it fair');
  link(s6, c6);
  // d3
  const k7 = mine(d3, L.cue, 'Said');
  const s7 = mine(d3, L.source, 'the mayor');
  const a7 = mine(d3, L.anonymous, 'a source close to the port', 0, { descriptor: ' Port source ' });
  const c7 = mine(d3, L.claim, 'the harbour will be dredged');
  link(c7, s7);
  link(c7, a7);
  link(c7, k7);
  const a8 = mine(d3, L.anonymous, 'Sources');
  const c9 = mine(d3, L.claim, 'A spokesman declined to comment');
  // d4
  const c10 = theirs(d4, L.claim, 'The ferry strike will end Friday');
  const s10 = theirs(d4, L.source, 'the union');
  const k10 = theirs(d4, L.cue, 'told');
  theirLink(d4, c10, s10);
  theirLink(d4, c10, k10);
  const c11 = theirs(d4, L.claim, 'talks continue');
  const a11 = theirs(d4, L.anonymous, 'Officials', { justification: true });
  theirLink(d4, c11, a11);
  const c12 = mine(d4, L.claim, 'The ferry strike will end Friday');
  const s12 = mine(d4, L.source, 'the union');
  link(c12, s12);
  // d5
  const s13 = mine(d5, L.source, 'the mayor');
  const k13 = mine(d5, L.cue, 'said');
  const c13 = mine(d5, L.claim, 'rates rise');
  link(c13, s13);
  link(c13, k13);
  const c14 = mine(d5, L.quote, 'Nothing else was reported');
  link(c14, s13);

  const ids = { c1, c2, c3, c4, c5, c6, c7, c9, c10, c11, c12, c13, c14, c15, s1, s4, s6, s7, s10, s12, s13, a2, a5, a7, a8, a11, k1, k2, k4, k5, k7, k10, k13 };
  return { ws, L, ben, docs: { d1, d2, d3, d4, d5 }, ids, mine, link };
}

/** An unsourced claim ("talks continue", in d4) written by another connection to the workspace's file. */
function claimFromAnotherConnection(ws: Workspace, d4: string, claimLabel: string): void {
  const other = Workspace.open(ws.path, { userName: 'Tester' });
  try {
    createAnnotation(other, { documentId: d4, labelId: claimLabel, fragments: [at(TEXTS.d4, 'talks continue')] });
  } finally {
    other.close();
  }
}

const spanIds = (ws: Workspace, bar: AnalyticsBar, withFilters: AnalyticsFilters = ALL) => {
  const list = analyticsSpans(ws, { filters: withFilters, bar });
  return { ids: list.spans.map((s) => s.annotationId), total: list.total };
};

describe('computeAnalytics', () => {
  it('counts claims by the kind of their sources, by outlet and by month', () => {
    const { ws, L } = fixture();
    const report = computeAnalytics(ws, ALL);

    expect(report.roles).toEqual({
      claims: [{ id: L.claim, name: 'Claim' }],
      sources: [{ id: L.source, name: 'Source' }],
      anonymous: { id: L.anonymous, name: 'Anonymous attribution' },
      cue: { id: L.cue, name: 'Cue' },
      // The workspace tags with "Anonymous attribution", so its label tells.
      anonymityBy: 'label',
    });
    expect(report.choices).toEqual({
      outlets: ['', 'Gazette', 'Herald'],
      claimLabels: [
        { id: L.claim, name: 'Claim' },
        { id: L.quote, name: 'Quote' },
      ],
      firstDay: '2024-01-15',
      lastDay: '2024-03-09',
    });

    // Claims (label Claim; c14 is a Quote): c1 c2 c3 c15 c4 c5 c6 c7 c9 c10 c11 c12 c13 = 13.
    // named: c1 c4 c6 c7 c10 c12 c13 = 7 (c7 has a named and an anonymous source: named);
    // anonymous: c2 c5 c11 = 3; unsourced: c3 c9 c15 = 3; 7 + 3 + 3 = 13. Articles: d1..d5 = 5.
    expect(report.totals.articles).toBe(5);
    expect(report.totals.claims).toBe(13);
    expect(report.totals.counts).toEqual(counts(7, 3, 3));
    // 7 of 13 = 0.5385
    expect(report.totals.shares.named.share).toBeCloseTo(7 / 13, 10);

    // Gazette: c1 n, c2 a, c3 u, c15 u, c4 n, c5 a, c6 n → 3 named, 2 anonymous, 2 unsourced = 7.
    // Herald:  c7 n, c9 u, c10 n, c11 a, c12 n → 3, 1, 1 = 5.   '': c13 n → 1.   Most claims first.
    expect(report.byOutlet.map((r) => [r.key, r.counts, r.total])).toEqual([
      ['Gazette', counts(3, 2, 2), 7],
      ['Herald', counts(3, 1, 1), 5],
      ['', counts(1, 0, 0), 1],
    ]);
    // 2024-01: d1 (c1 n, c2 a, c3 u, c15 u) + d3 (c7 n, c9 u) → 2, 1, 3 = 6.
    // 2024-02: d2 (c4 n, c5 a, c6 n) → 2, 1, 0 = 3.   2024-03: d5 c13 n → 1.
    // undated '': d4 (c10 n, c11 a, c12 n) → 2, 1, 0 = 3; last.   6 + 3 + 1 + 3 = 13.
    expect(report.byMonth.map((r) => [r.key, r.counts, r.total])).toEqual([
      ['2024-01', counts(2, 1, 3), 6],
      ['2024-02', counts(2, 1, 0), 3],
      ['2024-03', counts(1, 0, 0), 1],
      ['', counts(2, 1, 0), 3],
    ]);
    expect(report.byOutlet[0]!.shares.anonymous.share).toBeCloseTo(2 / 7, 10);
  });

  it('lists the sources under one case-folded key, most claims first', () => {
    const { ws } = fixture();
    // Source spans of claims labelled Claim (s13's link to the Quote c14 does not count):
    //   the mayor:  s1 c1 (d1 Gazette), s4 c4 (d2 Gazette), s7 c7 (d3 Herald), s13 c13 (d5 '') → 4 claims, 4 articles;
    //               outlets Gazette 2, then '' 1 and Herald 1 by name; spelled "The mayor" once, "the mayor" 3 times.
    //   officials:  a2 c2 (d1 Gazette), a11 c11 (d4 Herald) → 2 claims, 2 articles, anonymous.
    //   the union:  s10 c10 (B), s12 c12 (A), both d4 Herald → 2 claims, 1 article.
    //   a council aide who spoke on condition of anonymity: c5 d2 Gazette → 1, anonymous.
    //   a source close to the port: c7 d3 Herald → 1, anonymous.
    //   mayor jane smith: c6 d2 Gazette → 1.
    // 4, then the 2s and the 1s by key.
    expect(computeAnalytics(ws, ALL).sources).toEqual([
      { key: 'the mayor', name: 'the mayor', kind: 'named', claims: 4, articles: 4, merged: [], outlets: [{ outlet: 'Gazette', claims: 2 }, { outlet: '', claims: 1 }, { outlet: 'Herald', claims: 1 }] },
      { key: 'officials', name: 'Officials', kind: 'anonymous', claims: 2, articles: 2, merged: [], outlets: [{ outlet: 'Gazette', claims: 1 }, { outlet: 'Herald', claims: 1 }] },
      { key: 'the union', name: 'the union', kind: 'named', claims: 2, articles: 1, merged: [], outlets: [{ outlet: 'Herald', claims: 2 }] },
      { key: 'a council aide who spoke on condition of anonymity', name: 'a council aide who spoke on condition of anonymity', kind: 'anonymous', claims: 1, articles: 1, merged: [], outlets: [{ outlet: 'Gazette', claims: 1 }] },
      { key: 'a source close to the port', name: 'a source close to the port', kind: 'anonymous', claims: 1, articles: 1, merged: [], outlets: [{ outlet: 'Herald', claims: 1 }] },
      { key: 'mayor jane smith', name: 'Mayor Jane Smith', kind: 'named', claims: 1, articles: 1, merged: [], outlets: [{ outlet: 'Gazette', claims: 1 }] },
    ]);
  });

  it('counts cues by the kind of their claim, and the anonymous attributions by justification and descriptor', () => {
    const { ws } = fixture();
    const report = computeAnalytics(ws, ALL);
    // said: c1 n (k1), c2 a (k2), c7 n ("Said", k7), c13 n (k13) → named 3, anonymous 1 = 4.
    // told: c4 n (k4), c10 n (k10) → 2.   according to: c5 a (k5, linked cue → claim) → 1.
    expect(report.cues).toEqual([
      { cue: 'said', counts: counts(3, 1, 0), total: 4 },
      { cue: 'told', counts: counts(2, 0, 0), total: 2 },
      { cue: 'according to', counts: counts(0, 1, 0), total: 1 },
    ]);
    // Anonymous spans, linked or not: a2 false, a5 true, a7 unrecorded, a8 unrecorded, a11 true.
    // Descriptors: officials a2 + a11 = 2; aide, port source (the attribute, trimmed and lowered), sources: 1 each, by name.
    expect(report.anonymity).toEqual({
      justification: { given: 2, notGiven: 1, unrecorded: 2 },
      descriptors: [
        { descriptor: 'officials', count: 2 },
        { descriptor: 'aide', count: 1 },
        { descriptor: 'port source', count: 1 },
        { descriptor: 'sources', count: 1 },
      ],
    });
  });

  it('keeps one layer', () => {
    const { ws, ben } = fixture();
    // Ben: c15 u (d1 Gazette), c10 n, c11 a (d4 Herald) → 1, 1, 1 = 3 in 2 articles.
    const theirs = computeAnalytics(ws, filters({ layerId: ben }));
    expect(theirs.totals).toMatchObject({ articles: 2, claims: 3, counts: counts(1, 1, 1) });
    expect(theirs.byOutlet.map((r) => [r.key, r.counts])).toEqual([
      ['Herald', counts(1, 1, 0)],
      ['Gazette', counts(0, 0, 1)],
    ]);
    expect(theirs.byMonth.map((r) => [r.key, r.counts])).toEqual([
      ['2024-01', counts(0, 0, 1)],
      ['', counts(1, 1, 0)],
    ]);
    expect(theirs.sources.map((s) => [s.key, s.claims])).toEqual([
      ['officials', 1],
      ['the union', 1],
    ]);
    expect(theirs.cues).toEqual([{ cue: 'told', counts: counts(1, 0, 0), total: 1 }]);
    expect(theirs.anonymity).toEqual({ justification: { given: 1, notGiven: 0, unrecorded: 0 }, descriptors: [{ descriptor: 'officials', count: 1 }] });

    // The local layer: 13 - 3 = 10 claims; named 7 - 1 = 6, anonymous 3 - 1 = 2, unsourced 3 - 1 = 2; d1..d5 (d4 has c12).
    const mine = computeAnalytics(ws, filters({ layerId: ws.localAnnotator.id }));
    expect(mine.totals).toMatchObject({ articles: 5, claims: 10, counts: counts(6, 2, 2) });
    // the union: only s12 → 1 claim now.
    expect(mine.sources.find((s) => s.key === 'the union')).toMatchObject({ claims: 1, articles: 1 });
    // a2 false, a5 true, a7 and a8 unrecorded.
    expect(mine.anonymity.justification).toEqual({ given: 1, notGiven: 1, unrecorded: 2 });
  });

  it('keeps the outlets asked for, the article without one as ""', () => {
    const { ws } = fixture();
    const report = computeAnalytics(ws, filters({ outlets: ['Herald', ''] }));
    // Herald 3, 1, 1 + '' 1, 0, 0 → 4, 1, 1 = 6 claims in d3, d4, d5.
    expect(report.totals).toMatchObject({ articles: 3, claims: 6, counts: counts(4, 1, 1) });
    expect(report.byOutlet.map((r) => r.key)).toEqual(['Herald', '']);
    // the mayor: c7 (Herald), c13 ('') → 2; the union 2; then a source close to the port 1, officials (c11) 1.
    expect(report.sources.map((s) => [s.key, s.claims])).toEqual([
      ['the mayor', 2],
      ['the union', 2],
      ['a source close to the port', 1],
      ['officials', 1],
    ]);
    // a7 unrecorded, a8 unrecorded (d3 Herald), a11 true (d4 Herald).
    expect(report.anonymity).toEqual({
      justification: { given: 1, notGiven: 0, unrecorded: 2 },
      descriptors: [
        { descriptor: 'officials', count: 1 },
        { descriptor: 'port source', count: 1 },
        { descriptor: 'sources', count: 1 },
      ],
    });
    expect(computeAnalytics(ws, filters({ outlets: ['Gazette'] })).totals.counts).toEqual(counts(3, 2, 2));
  });

  it('keeps the days asked for, inclusive, and leaves out undated articles', () => {
    const { ws } = fixture();
    // 2024-01-16 … 2024-02-28: d2 (02-03) and d3 (01-20); not d1 (01-15), d5 (03-09), nor undated d4.
    // d2 c4 n, c5 a, c6 n + d3 c7 n, c9 u → 3, 1, 1 = 5.
    const between = computeAnalytics(ws, filters({ from: '2024-01-16', to: '2024-02-28' }));
    expect(between.totals).toMatchObject({ articles: 2, claims: 5, counts: counts(3, 1, 1) });
    expect(between.byMonth.map((r) => [r.key, r.counts])).toEqual([
      ['2024-01', counts(1, 0, 1)],
      ['2024-02', counts(2, 1, 0)],
    ]);
    // From 2024-02-03: d2 (c4, c5, c6) and d5 (c13) = 4 claims; 3 named, 1 anonymous.
    expect(computeAnalytics(ws, filters({ from: '2024-02-03' })).totals).toMatchObject({ articles: 2, claims: 4, counts: counts(3, 1, 0) });
    // To 2024-01-15 (its own day counts): d1 only, c1 n, c2 a, c3 u, c15 u.
    expect(computeAnalytics(ws, filters({ to: '2024-01-15' })).totals).toMatchObject({ articles: 1, claims: 4, counts: counts(1, 1, 2) });
    // Anonymous spans between: a5 (d2) true, a7 and a8 (d3) unrecorded.
    expect(between.anonymity.justification).toEqual({ given: 1, notGiven: 0, unrecorded: 2 });
  });

  it('counts the labels picked as claims', () => {
    const { ws, L } = fixture();
    // Quote: c14 only, attributed to s13 "the mayor" → 1 named claim in d5, without a cue.
    const quotes = computeAnalytics(ws, filters({ claimLabelIds: [L.quote] }));
    expect(quotes.roles.claims).toEqual([{ id: L.quote, name: 'Quote' }]);
    expect(quotes.totals).toMatchObject({ articles: 1, claims: 1, counts: counts(1, 0, 0) });
    expect(quotes.sources).toEqual([{ key: 'the mayor', name: 'the mayor', kind: 'named', claims: 1, articles: 1, merged: [], outlets: [{ outlet: '', claims: 1 }] }]);
    expect(quotes.cues).toEqual([]);
    // Both: 13 + 1 = 14 claims, 7 + 1 = 8 named; the mayor 4 + 1 = 5 claims (c1 c4 c7 c13 c14), still 4 articles.
    const both = computeAnalytics(ws, filters({ claimLabelIds: [L.claim, L.quote] }));
    expect(both.totals).toMatchObject({ articles: 5, claims: 14, counts: counts(8, 3, 3) });
    expect(both.sources[0]).toMatchObject({ key: 'the mayor', claims: 5, articles: 4 });
    // None: nothing counts.
    expect(computeAnalytics(ws, filters({ claimLabelIds: [] })).totals.claims).toBe(0);
  });

  it('counts a collection', () => {
    const { ws, docs } = fixture();
    const collection = createCollection(ws, 'Sample');
    addToCollection(ws, collection.id, [docs.d2, docs.d4]);
    // d2 c4 n, c5 a, c6 n + d4 c10 n, c11 a, c12 n → 4, 2, 0 = 6.
    const report = computeAnalytics(ws, filters({ scope: { kind: 'collection', id: collection.id } }));
    expect(report.totals).toMatchObject({ articles: 2, claims: 6, counts: counts(4, 2, 0) });
    expect(report.choices).toMatchObject({ outlets: ['Gazette', 'Herald'], firstDay: '2024-02-03', lastDay: '2024-02-03' });
    // a5 (d2) and a11 (d4), both justified.
    expect(report.anonymity).toEqual({
      justification: { given: 2, notGiven: 0, unrecorded: 0 },
      descriptors: [
        { descriptor: 'aide', count: 1 },
        { descriptor: 'officials', count: 1 },
      ],
    });
    expect(() => computeAnalytics(ws, filters({ scope: { kind: 'collection', id: uuidv7() } }))).toThrow(/no collection/);
  });

  it('counts the articles a library search finds', () => {
    const { ws } = fixture();
    // "harbour" is in d3 alone: c7 n, c9 u.
    expect(computeAnalytics(ws, filters({ scope: { kind: 'search', search: 'harbour' } })).totals).toMatchObject({ articles: 1, claims: 2, counts: counts(1, 0, 1) });
    // The last word is also a prefix: "harb" finds d3 too.
    expect(computeAnalytics(ws, filters({ scope: { kind: 'search', search: 'harb' } })).totals.claims).toBe(2);
    // "mayor": d1 (1, 1, 2), d2 (2, 1, 0), d3 (1, 0, 1), d5 (1, 0, 0) → 5, 2, 3 = 10 in 4 articles; not d4.
    const mayor = computeAnalytics(ws, filters({ scope: { kind: 'search', search: 'mayor' } }));
    expect(mayor.totals).toMatchObject({ articles: 4, claims: 10, counts: counts(5, 2, 3) });
    expect(mayor.choices.outlets).toEqual(['', 'Gazette', 'Herald']);
    // Nothing to search for: nothing counts.
    const none = computeAnalytics(ws, filters({ scope: { kind: 'search', search: '!!!' } }));
    expect(none.totals).toMatchObject({ articles: 0, claims: 0, counts: counts(0, 0, 0) });
    expect(none.choices).toMatchObject({ outlets: [], firstDay: null, lastDay: null });
  });

  it('counts what changed since the last report', () => {
    const { ws, docs, L, mine, link, ids } = fixture();
    expect(computeAnalytics(ws, ALL).totals.counts).toEqual(counts(7, 3, 3));
    // A new claim in d5, unsourced: 3 + 1 = 4 unsourced, 14 claims.
    const c16 = mine(docs.d5, L.claim, 'Notes from the council');
    const after = computeAnalytics(ws, ALL);
    expect(after.totals).toMatchObject({ claims: 14, counts: counts(7, 3, 4) });
    expect(after.byOutlet.find((r) => r.key === '')!.counts).toEqual(counts(1, 0, 1));
    // Then linked to the mayor: named 8, unsourced 3; the mayor has 5 claims.
    link(c16, ids.s13);
    const linked = computeAnalytics(ws, ALL);
    expect(linked.totals.counts).toEqual(counts(8, 3, 3));
    expect(linked.sources[0]).toMatchObject({ key: 'the mayor', claims: 5 });
  });

  it('counts what another connection to the workspace wrote', () => {
    const { ws, docs, L } = fixture();
    expect(computeAnalytics(ws, ALL).totals.claims).toBe(13);
    claimFromAnotherConnection(ws, docs.d4, L.claim);
    // 13 + 1 unsourced claim in d4 (Herald, undated).
    expect(computeAnalytics(ws, ALL).totals).toMatchObject({ claims: 14, counts: counts(7, 3, 4) });
  });
});

describe('sourceKey', () => {
  it('case-folds, collapses spaces and drops the quotes and punctuation around a name', () => {
    expect(sourceKey('  \u201cThe   Mayor,\u201d ')).toBe('the mayor');
    expect(sourceKey('The mayor')).toBe(sourceKey('the mayor'));
    expect(sourceKey('the Mayor\u2019s office')).toBe("the mayor's office");
  });
});

describe('analyticsSpans', () => {
  it('lists the claims of an outlet or month bar, by date, title and place', () => {
    const { ws, ids, docs } = fixture();
    // Gazette named: c1 (d1, 01-15), then c4 and c6 (d2, 02-03) in text order.
    expect(spanIds(ws, { figure: 'outlet', outlet: 'Gazette', kind: 'named' })).toEqual({ ids: [ids.c1, ids.c4, ids.c6], total: 3 });
    expect(spanIds(ws, { figure: 'outlet', outlet: '', kind: 'named' })).toEqual({ ids: [ids.c13], total: 1 });
    expect(spanIds(ws, { figure: 'outlet', outlet: '', kind: 'anonymous' })).toEqual({ ids: [], total: 0 });
    // 2024-01 unsourced: d1 (01-15) c15 "the cost doubled" before c3 "Repairs…", then d3 (01-20) c9.
    expect(spanIds(ws, { figure: 'month', month: '2024-01', kind: 'unsourced' })).toEqual({ ids: [ids.c15, ids.c3, ids.c9], total: 3 });
    expect(spanIds(ws, { figure: 'month', month: '', kind: 'anonymous' })).toEqual({ ids: [ids.c11], total: 1 });
    // Undated named: c10 and c12 cover the same words of d4; both are listed.
    expect(spanIds(ws, { figure: 'month', month: '', kind: 'named' }).total).toBe(2);
    expect(analyticsSpans(ws, { filters: ALL, bar: { figure: 'outlet', outlet: '', kind: 'named' } }).spans).toEqual([
      { annotationId: ids.c13, documentId: docs.d5, title: 'Council notes', outlet: null, publishedAt: '2024-03-09', quote: 'rates rise' },
    ]);
    // The local layer: its unsourced Gazette claim is c3 alone (c15 is Ben's).
    expect(spanIds(ws, { figure: 'outlet', outlet: 'Gazette', kind: 'unsourced' }, filters({ layerId: ws.localAnnotator.id }))).toEqual({ ids: [ids.c3], total: 1 });
  });

  it('lists the source spans of a source bar, the cue spans of a cue bar', () => {
    const { ws, ids, ben } = fixture();
    // the mayor: s1 (d1 01-15), s7 (d3 01-20), s4 (d2 02-03), s13 (d5 03-09).
    expect(spanIds(ws, { figure: 'source', key: 'the mayor' })).toEqual({ ids: [ids.s1, ids.s7, ids.s4, ids.s13], total: 4 });
    expect(spanIds(ws, { figure: 'source', key: 'the union' }, filters({ layerId: ben }))).toEqual({ ids: [ids.s10], total: 1 });
    // said, named: k1 (d1), k7 (d3), k13 (d5); anonymous: k2 (d1).
    expect(spanIds(ws, { figure: 'cue', cue: 'said', kind: 'named' })).toEqual({ ids: [ids.k1, ids.k7, ids.k13], total: 3 });
    expect(spanIds(ws, { figure: 'cue', cue: 'said', kind: 'anonymous' })).toEqual({ ids: [ids.k2], total: 1 });
    // told: k4 (d2 02-03), k10 (undated d4, last).
    expect(spanIds(ws, { figure: 'cue', cue: 'told', kind: 'named' })).toEqual({ ids: [ids.k4, ids.k10], total: 2 });
    expect(spanIds(ws, { figure: 'cue', cue: 'according to', kind: 'anonymous' })).toEqual({ ids: [ids.k5], total: 1 });
  });

  it('lists the anonymous attributions of a justification or descriptor bar', () => {
    const { ws, ids } = fixture();
    // given: a5 (d2), a11 (undated d4, last); not given: a2; unrecorded: a7 before a8 in d3.
    expect(spanIds(ws, { figure: 'justification', given: true })).toEqual({ ids: [ids.a5, ids.a11], total: 2 });
    expect(spanIds(ws, { figure: 'justification', given: false })).toEqual({ ids: [ids.a2], total: 1 });
    expect(spanIds(ws, { figure: 'justification', given: null })).toEqual({ ids: [ids.a7, ids.a8], total: 2 });
    expect(spanIds(ws, { figure: 'descriptor', descriptor: 'officials' })).toEqual({ ids: [ids.a2, ids.a11], total: 2 });
    expect(spanIds(ws, { figure: 'descriptor', descriptor: 'port source' })).toEqual({ ids: [ids.a7], total: 1 });
    expect(spanIds(ws, { figure: 'descriptor', descriptor: 'sources' })).toEqual({ ids: [ids.a8], total: 1 });
    expect(spanIds(ws, { figure: 'descriptor', descriptor: 'officials' }, filters({ outlets: ['Gazette'] }))).toEqual({ ids: [ids.a2], total: 1 });
  });
});

describe('mergeSources', () => {
  it('counts merged sources as one, follows chains, and unmerges', () => {
    const { ws, ids } = fixture();
    mergeSources(ws, { keys: ['mayor jane smith'], into: 'the mayor' });
    // the mayor 4 + Mayor Jane Smith 1 (c6) = 5 claims; articles d1 d2 d3 d5 = 4 (c6 is in d2 already);
    // Gazette 2 + 1 = 3, '' 1, Herald 1. The spelling of its own spans wins: "the mayor".
    let sources = computeAnalytics(ws, ALL).sources;
    expect(sources[0]).toEqual({
      key: 'the mayor',
      name: 'the mayor',
      kind: 'named',
      claims: 5,
      articles: 4,
      outlets: [{ outlet: 'Gazette', claims: 3 }, { outlet: '', claims: 1 }, { outlet: 'Herald', claims: 1 }],
      merged: ['mayor jane smith'],
    });
    expect(sources.map((s) => s.key)).toEqual(['the mayor', 'officials', 'the union', 'a council aide who spoke on condition of anonymity', 'a source close to the port']);
    // s1 (d1), s7 (d3), s4 and s6 (d2, in text order), s13 (d5).
    expect(spanIds(ws, { figure: 'source', key: 'the mayor' })).toEqual({ ids: [ids.s1, ids.s7, ids.s4, ids.s6, ids.s13], total: 5 });
    expect(spanIds(ws, { figure: 'source', key: 'mayor jane smith' })).toEqual({ ids: [], total: 0 });

    // A chain: the mayor into the union; Mayor Jane Smith follows. 4 + 1 + 2 = 7 claims in all five articles.
    mergeSources(ws, { keys: ['the mayor'], into: 'the union' });
    sources = computeAnalytics(ws, ALL).sources;
    expect(sources[0]).toMatchObject({ key: 'the union', name: 'the union', claims: 7, articles: 5, merged: ['mayor jane smith', 'the mayor'] });
    expect(sources.some((s) => s.key === 'the mayor' || s.key === 'mayor jane smith')).toBe(false);
    // Into an alias: into its target.
    mergeSources(ws, { keys: ['officials'], into: 'the mayor' });
    expect(computeAnalytics(ws, ALL).sources[0]).toMatchObject({ key: 'the union', claims: 9, merged: ['mayor jane smith', 'officials', 'the mayor'] });
    unmergeSource(ws, 'officials');

    // Unmerging the mayor: it counts on its own (4), Mayor Jane Smith stays with the union (2 + 1 = 3).
    unmergeSource(ws, 'the mayor');
    sources = computeAnalytics(ws, ALL).sources;
    expect(sources.map((s) => [s.key, s.claims, s.merged])).toEqual([
      ['the mayor', 4, []],
      ['the union', 3, ['mayor jane smith']],
      ['officials', 2, []],
      ['a council aide who spoke on condition of anonymity', 1, []],
      ['a source close to the port', 1, []],
    ]);
    unmergeSource(ws, 'mayor jane smith');
    expect(computeAnalytics(ws, ALL).sources.map((s) => [s.key, s.claims])).toEqual([
      ['the mayor', 4],
      ['officials', 2],
      ['the union', 2],
      ['a council aide who spoke on condition of anonymity', 1],
      ['a source close to the port', 1],
      ['mayor jane smith', 1],
    ]);
  });

  it('refuses to merge a source into itself', () => {
    const { ws } = fixture();
    expect(() => mergeSources(ws, { keys: ['the mayor'], into: 'the mayor' })).toThrow('“the mayor” cannot be merged into itself.');
    mergeSources(ws, { keys: ['mayor jane smith'], into: 'the mayor' });
    // "mayor jane smith" is "the mayor" now.
    expect(() => mergeSources(ws, { keys: ['the mayor'], into: 'mayor jane smith' })).toThrow(
      '“mayor jane smith” is merged into “the mayor” already: unmerge it first to count it on its own.',
    );
    expect(ws.db.prepare('SELECT alias, into_key FROM source_merges').all()).toEqual([{ alias: 'mayor jane smith', into_key: 'the mayor' }]);
  });
});

describe('writeKeepingFacts', () => {
  const merge = (ws: Workspace) => writeKeepingFacts(ws, ws, () => mergeSources(ws, { keys: ['mayor jane smith'], into: 'the mayor' }));

  it('keeps the facts it built across a merge, which the figures still count', () => {
    const { ws } = fixture();
    expect(computeAnalytics(ws, ALL).sources[0]).toMatchObject({ key: 'the mayor', claims: 4 });
    const facts = ensureFacts(ws);
    merge(ws);
    expect(ensureFacts(ws)).toBe(facts);
    expect(computeAnalytics(ws, ALL).sources[0]).toMatchObject({ key: 'the mayor', claims: 5, merged: ['mayor jane smith'] });
    writeKeepingFacts(ws, ws, () => unmergeSource(ws, 'mayor jane smith'));
    expect(ensureFacts(ws)).toBe(facts);
    expect(computeAnalytics(ws, ALL).sources[0]).toMatchObject({ key: 'the mayor', claims: 4, merged: [] });
  });

  it('builds them again when something else changed before the merge, on this connection or another', () => {
    const { ws, docs, L, mine } = fixture();
    const first = ensureFacts(ws);
    // This connection: a new unsourced claim (13 + 1).
    mine(docs.d5, L.claim, 'Notes from the council');
    merge(ws);
    const second = ensureFacts(ws);
    expect(second).not.toBe(first);
    expect(computeAnalytics(ws, ALL).totals.claims).toBe(14);

    claimFromAnotherConnection(ws, docs.d4, L.claim);
    writeKeepingFacts(ws, ws, () => unmergeSource(ws, 'mayor jane smith'));
    expect(ensureFacts(ws)).not.toBe(second);
    expect(computeAnalytics(ws, ALL).totals.claims).toBe(15);
  });

  it('hands the facts a read-only connection built to the writable one that takes its place', () => {
    const { ws } = fixture();
    const reader = Workspace.open(ws.path, { readOnly: true });
    const writer = Workspace.open(ws.path);
    try {
      const facts = ensureFacts(reader);
      writeKeepingFacts(reader, writer, () => mergeSources(writer, { keys: ['mayor jane smith'], into: 'the mayor' }));
      expect(ensureFacts(writer)).toBe(facts);
      expect(computeAnalytics(writer, ALL).sources[0]).toMatchObject({ key: 'the mayor', claims: 5 });
      // A later commit of another connection (here the fixture's) is seen.
      mergeSources(ws, { keys: ['officials'], into: 'the mayor' });
      expect(ensureFacts(writer)).not.toBe(facts);
      expect(computeAnalytics(writer, ALL).sources[0]).toMatchObject({ key: 'the mayor', claims: 7 });
    } finally {
      reader.close();
      writer.close();
    }
  });

  it('stores nothing of a refused merge, and the facts still hold', () => {
    const { ws } = fixture();
    const facts = ensureFacts(ws);
    expect(() => writeKeepingFacts(ws, ws, () => mergeSources(ws, { keys: ['the mayor'], into: 'the mayor' }))).toThrow('cannot be merged into itself');
    expect(ws.db.prepare('SELECT count(*) FROM source_merges').pluck().get()).toBe(0);
    expect(ensureFacts(ws)).toBe(facts);
  });
});

describe('a PolNeAR-shaped workspace', () => {
  it('ties content, source and cue through the Attribution event, and tells anonymity by the words', () => {
    const ws = open('Tester');
    const span = (name: string) => createLabel(ws, { name, color: '#666666', kind: 'span', hotkey: null, attributes: [] }).id;
    const relation = (name: string) => createLabel(ws, { name, color: '#555555', kind: 'relation', hotkey: null, attributes: [] }).id;
    const content = span('Content');
    const cue = span('Cue');
    const attribution = span('Attribution');
    const source = listLabels(ws).find((l) => l.name === 'Source' && l.kind === 'span')!.id;
    const toContent = relation('Content');
    const toSource = relation('Source');
    const toCue = relation('Cue');
    const text = 'The deal is close, a source said. Sources familiar with the talks said a vote is planned. The Post reported that the deal collapsed. Talks resume Monday.';
    const documentId = insertDocument(ws, { title: 'Talks', text, originFormat: 'brat', outlet: 'Post', publishedAt: '2016-10-05' }).id;
    const tag = (labelId: string, phrase: string, occurrence = 0) => createAnnotation(ws, { documentId, labelId, fragments: [at(text, phrase, occurrence)] });
    const event = (trigger: [string, number], parts: { content: string; source: string; cue: [string, number] }) => {
      const hub = tag(attribution, ...trigger);
      const ids = { content: tag(content, parts.content), source: tag(source, parts.source), cue: tag(cue, ...parts.cue) };
      createRelation(ws, { fromId: hub, toId: ids.content, labelId: toContent });
      createRelation(ws, { fromId: hub, toId: ids.source, labelId: toSource });
      createRelation(ws, { fromId: hub, toId: ids.cue, labelId: toCue });
      return ids;
    };
    const e1 = event(['said', 0], { content: 'The deal is close', source: 'a source', cue: ['said', 0] });
    const e2 = event(['said', 1], { content: 'a vote is planned', source: 'Sources familiar with the talks', cue: ['said', 1] });
    const e3 = event(['reported', 0], { content: 'the deal collapsed', source: 'The Post', cue: ['reported', 0] });
    tag(content, 'Talks resume Monday');

    const report = computeAnalytics(ws, ALL);
    // "Anonymous attribution" is in the schema but tags nothing: the words tell.
    expect(report.roles.anonymityBy).toBe('words');
    expect(report.roles.claims.map((l) => l.name)).toEqual(['Claim', 'Content']);
    // Content: "The deal is close" ← a source (anonymous: head "source"), "a vote is planned" ← Sources
    // familiar with the talks (anonymous: head "sources" before "familiar"), "the deal collapsed" ← The
    // Post (named: "post" is no anonymous head), "Talks resume Monday" unsourced → 1, 2, 1 = 4.
    expect(report.totals).toMatchObject({ articles: 1, claims: 4, counts: counts(1, 2, 1) });
    expect(report.byOutlet.map((r) => [r.key, r.counts])).toEqual([['Post', counts(1, 2, 1)]]);
    expect(report.byMonth.map((r) => [r.key, r.total])).toEqual([['2016-10', 4]]);
    // said: 2 anonymous; reported: 1 named.
    expect(report.cues).toEqual([
      { cue: 'said', counts: counts(0, 2, 0), total: 2 },
      { cue: 'reported', counts: counts(1, 0, 0), total: 1 },
    ]);
    expect(report.sources.map((s) => [s.key, s.name, s.kind, s.claims])).toEqual([
      ['a source', 'a source', 'anonymous', 1],
      ['sources familiar with the talks', 'Sources familiar with the talks', 'anonymous', 1],
      ['the post', 'The Post', 'named', 1],
    ]);
    expect(report.anonymity).toEqual({
      justification: { given: 0, notGiven: 0, unrecorded: 2 },
      descriptors: [
        { descriptor: 'source', count: 1 },
        { descriptor: 'sources', count: 1 },
      ],
    });
    expect(spanIds(ws, { figure: 'descriptor', descriptor: 'sources' })).toEqual({ ids: [e2.source], total: 1 });
    expect(spanIds(ws, { figure: 'cue', cue: 'said', kind: 'anonymous' })).toEqual({ ids: [e1.cue, e2.cue], total: 2 });
    expect(spanIds(ws, { figure: 'outlet', outlet: 'Post', kind: 'named' })).toEqual({ ids: [e3.content], total: 1 });
  });
});
