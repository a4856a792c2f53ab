import { describe, expect, it } from 'vitest';
import type { Annotation, Label, Relation } from '../../schema/model';
import { diffLayers, overlapLength, type LayersToCompare } from './diff';

const DOC = '0190a1b2-0000-7000-8000-00000000000d';
const ANA = '0190a1b2-0000-7000-8000-0000000000a0';
const BEN = '0190a1b2-0000-7000-8000-0000000000b0';

const label = (id: string, name: string, kind: Label['kind'] = 'span', attributes: Label['attributes'] = []): Label => ({
  id,
  name,
  color: '#000000',
  hotkey: null,
  kind,
  position: 1,
  attributes,
});
const CLAIM = label('0190a1b2-0000-7000-8000-0000000000c1', 'Claim', 'span', [
  { key: 'checkworthiness', name: 'Check-worthiness', type: 'choice', options: ['not factual', 'check-worthy'] },
]);
const SOURCE = label('0190a1b2-0000-7000-8000-0000000000c2', 'Source', 'span', [
  { key: 'kind', name: 'Kind', type: 'choice', options: ['person', 'organization'] },
]);
const ATTRIBUTED = label('0190a1b2-0000-7000-8000-0000000000c3', 'attributed to', 'relation');
const SUPPORTS = label('0190a1b2-0000-7000-8000-0000000000c4', 'supports', 'relation');
const LABELS = [CLAIM, SOURCE, ATTRIBUTED, SUPPORTS];

const TEXT = 'Officials said the bridge is safe, according to the city council on Monday.';

function tag(id: string, annotatorId: string, labelId: string, fragments: [number, number][], attributes: Record<string, unknown> = {}): Annotation {
  return {
    id,
    documentId: DOC,
    annotatorId,
    labelId,
    fragments: fragments.map(([start, end]) => ({ start, end })),
    quote: fragments.map(([s, e]) => TEXT.slice(s, e)).join(' '),
    note: null,
    attributes,
    createdAt: 't',
    updatedAt: 't',
  };
}

function link(id: string, annotatorId: string, labelId: string, fromId: string, toId: string): Relation {
  return { id, documentId: DOC, annotatorId, labelId, fromId, toId, attributes: {}, createdAt: 't', updatedAt: 't' };
}

const layers = (a: Annotation[], b: Annotation[], relationsA: Relation[] = [], relationsB: Relation[] = []): LayersToCompare => ({
  a,
  b,
  relationsA,
  relationsB,
  labels: LABELS,
});

/** Kind, key and sides, the parts a test states by hand. */
const brief = (input: LayersToCompare) =>
  diffLayers(input).differences.map(({ kind, key, start, end, a, b }) => ({ kind, key, start, end, a, b }));

describe('diffLayers', () => {
  it('finds nothing between two empty layers', () => {
    expect(diffLayers(layers([], [])).differences).toEqual([]);
  });

  it('pairs the same fragments with the same label as agreement, keyed by both ids', () => {
    const diff = diffLayers(layers([tag('a1', ANA, CLAIM.id, [[15, 33]])], [tag('b1', BEN, CLAIM.id, [[15, 33]])]));
    expect(diff.differences).toEqual([
      { key: 'span:a1|b1', kind: 'agree', start: 15, end: 33, a: ['a1'], b: ['b1'], summary: 'Claim “the bridge is safe” in both' },
    ]);
    expect([...diff.spanKeyOf]).toEqual([
      ['a1', 'span:a1|b1'],
      ['b1', 'span:a1|b1'],
    ]);
  });

  it('tells the label, boundaries, only-in-A and only-in-B differences apart, in document order', () => {
    const a = [
      tag('a1', ANA, CLAIM.id, [[15, 33]]), // the bridge is safe
      tag('a2', ANA, SOURCE.id, [[0, 9]]), // Officials
      tag('a3', ANA, SOURCE.id, [[48, 64]]), // the city council
      tag('a4', ANA, CLAIM.id, [[65, 75]]), // on Monday.
    ];
    const b = [
      tag('b1', BEN, SOURCE.id, [[15, 33]]), // same span, another label
      tag('b2', BEN, SOURCE.id, [[0, 14]]), // Officials said: overlaps, same label
      tag('b3', BEN, SOURCE.id, [[52, 56]]), // city: overlaps a3, same label
      tag('b4', BEN, CLAIM.id, [[35, 47]]), // according to: only in B
    ];
    expect(brief(layers(a, b))).toEqual([
      { kind: 'boundaries', key: 'span:a2|b2', start: 0, end: 14, a: ['a2'], b: ['b2'] },
      { kind: 'label', key: 'span:a1|b1', start: 15, end: 33, a: ['a1'], b: ['b1'] },
      { kind: 'only_b', key: 'span:|b4', start: 35, end: 47, a: [], b: ['b4'] },
      { kind: 'boundaries', key: 'span:a3|b3', start: 48, end: 64, a: ['a3'], b: ['b3'] },
      { kind: 'only_a', key: 'span:a4|', start: 65, end: 75, a: ['a4'], b: [] },
    ]);
    const summaries = diffLayers(layers(a, b)).differences.map((d) => d.summary);
    expect(summaries).toEqual([
      'Source in both, with other boundaries: “Officials” in A, “Officials said” in B',
      'Claim in A, Source in B (“the bridge is safe”)',
      'Claim “according to” only in B',
      'Source in both, with other boundaries: “the city council” in A, “city” in B',
      'Claim “on Monday.” only in A',
    ]);
  });

  it('prefers the same label on the same fragments, and then another label', () => {
    // Both layers tagged "Officials" twice; A lists Claim first, B Source first.
    const a = [tag('a1', ANA, CLAIM.id, [[0, 9]]), tag('a2', ANA, SOURCE.id, [[0, 9]])];
    const b = [tag('b1', BEN, SOURCE.id, [[0, 9]]), tag('b2', BEN, CLAIM.id, [[0, 9]])];
    expect(brief(layers(a, b)).map((d) => [d.kind, d.key])).toEqual([
      ['agree', 'span:a1|b2'],
      ['agree', 'span:a2|b1'],
    ]);
  });

  it('pairs the largest overlap when several spans of the other layer overlap', () => {
    const a = [tag('a1', ANA, CLAIM.id, [[15, 47]])]; // the bridge is safe, according to
    const b = [tag('b1', BEN, CLAIM.id, [[10, 20]]), tag('b2', BEN, CLAIM.id, [[19, 40]])];
    expect(brief(layers(a, b)).map((d) => [d.kind, d.key])).toEqual([
      ['only_b', 'span:|b1'],
      ['boundaries', 'span:a1|b2'],
    ]);
  });

  it('does not pair overlapping spans of different labels, nor discontinuous spans that only interleave', () => {
    expect(overlapLength([{ start: 0, end: 5 }, { start: 10, end: 15 }], [{ start: 5, end: 10 }])).toBe(0);
    expect(overlapLength([{ start: 0, end: 5 }, { start: 10, end: 15 }], [{ start: 3, end: 12 }])).toBe(4);
    const a = [tag('a1', ANA, CLAIM.id, [[0, 9], [15, 33]]), tag('a2', ANA, SOURCE.id, [[48, 64]])];
    const b = [tag('b1', BEN, CLAIM.id, [[10, 14]]), tag('b2', BEN, CLAIM.id, [[52, 56]])];
    expect(brief(layers(a, b)).map((d) => [d.kind, d.key])).toEqual([
      ['only_a', 'span:a1|'],
      ['only_b', 'span:|b1'],
      ['only_a', 'span:a2|'],
      ['only_b', 'span:|b2'],
    ]);
  });

  it('reports attribute differences on agreed spans, naming each attribute and both values', () => {
    const a = [tag('a1', ANA, SOURCE.id, [[0, 9]], { kind: 'person' }), tag('a2', ANA, CLAIM.id, [[15, 33]], { checkworthiness: 'check-worthy' })];
    const b = [tag('b1', BEN, SOURCE.id, [[0, 9]], { kind: 'organization' }), tag('b2', BEN, CLAIM.id, [[15, 33]], { checkworthiness: 'check-worthy' })];
    const differences = diffLayers(layers(a, b)).differences;
    expect(differences.map((d) => [d.kind, d.key, d.summary])).toEqual([
      ['attribute', 'span:a1|b1', 'Kind: person in A, organization in B'],
      ['agree', 'span:a2|b2', 'Claim “the bridge is safe” in both'],
    ]);
    const unset = diffLayers(layers([tag('a1', ANA, SOURCE.id, [[0, 9]], { kind: 'person' })], [tag('b1', BEN, SOURCE.id, [[0, 9]])]));
    expect(unset.differences[0]!.summary).toBe('Kind: person in A, not set in B');
  });

  it('compares links through the paired spans: same type agrees, another type differs, the rest is one-sided', () => {
    const a = [tag('a1', ANA, CLAIM.id, [[15, 33]]), tag('a2', ANA, SOURCE.id, [[0, 9]]), tag('a3', ANA, SOURCE.id, [[48, 64]])];
    const b = [tag('b1', BEN, CLAIM.id, [[15, 33]]), tag('b2', BEN, SOURCE.id, [[0, 14]]), tag('b3', BEN, CLAIM.id, [[65, 75]])];
    const relationsA = [link('ra1', ANA, ATTRIBUTED.id, 'a1', 'a2'), link('ra2', ANA, ATTRIBUTED.id, 'a1', 'a3')];
    const relationsB = [link('rb1', BEN, ATTRIBUTED.id, 'b1', 'b2'), link('rb2', BEN, SUPPORTS.id, 'b3', 'b1')];
    const differences = diffLayers(layers(a, b, relationsA, relationsB)).differences;
    const links = differences.filter((d) => d.key.startsWith('link:'));
    expect(links.map(({ kind, key, start, end, summary }) => ({ kind, key, start, end, summary }))).toEqual([
      { kind: 'agree', key: 'link:ra1|rb1', start: 0, end: 33, summary: 'Link “the bridge is safe” → “Officials”, attributed to in both' },
      { kind: 'link', key: 'link:ra2|', start: 15, end: 64, summary: 'Link “the bridge is safe” → “the city council”, attributed to, only in A' },
      { kind: 'link', key: 'link:|rb2', start: 15, end: 75, summary: 'Link “on Monday.” → “the bridge is safe”, supports, only in B' },
    ]);

    // The same ends with another type: one difference with both links.
    const retyped = diffLayers(layers(a, b, [relationsA[0]!], [{ ...relationsB[0]!, labelId: SUPPORTS.id }])).differences;
    expect(retyped.filter((d) => d.key.startsWith('link:')).map((d) => [d.kind, d.a, d.b, d.summary])).toEqual([
      ['link', ['ra1'], ['rb1'], 'Link “the bridge is safe” → “Officials”: attributed to in A, supports in B'],
    ]);
    // The links' direction counts: B's link the other way round is another link.
    const reversed = diffLayers(layers(a, b, [relationsA[0]!], [link('rb1', BEN, ATTRIBUTED.id, 'b2', 'b1')])).differences;
    expect(reversed.filter((d) => d.key.startsWith('link:')).map((d) => d.key)).toEqual(['link:ra1|', 'link:|rb1']);
  });

  it('gives the same keys and order whatever order the annotations come in', () => {
    const a = [tag('a1', ANA, CLAIM.id, [[15, 33]]), tag('a2', ANA, SOURCE.id, [[0, 9]]), tag('a3', ANA, CLAIM.id, [[65, 75]])];
    const b = [tag('b1', BEN, CLAIM.id, [[15, 30]]), tag('b2', BEN, SOURCE.id, [[0, 9]])];
    const forward = diffLayers(layers(a, b)).differences;
    const backward = diffLayers(layers([...a].reverse(), [...b].reverse())).differences;
    expect(backward).toEqual(forward);
    expect(forward.map((d) => d.start)).toEqual([0, 15, 65]);
  });
});
