import { describe, expect, it } from 'vitest';
import type { Annotation, Relation } from '../../schema/model';
import { applyAnnotationChanges, applyRelationChanges } from './apply-changes';

const annotation = (id: string, start: number): Annotation => ({
  id,
  documentId: 'd',
  annotatorId: 'a',
  labelId: 'l',
  fragments: [{ start, end: start + 3 }],
  quote: 'abc',
  note: null,
  attributes: {},
  createdAt: 't',
  updatedAt: 't',
});

describe('applyAnnotationChanges', () => {
  const list = [annotation('a', 0), annotation('b', 10), annotation('c', 20)];

  it('inserts new annotations in document order', () => {
    const next = applyAnnotationChanges(list, { put: [annotation('x', 15), annotation('y', 0)], deleted: [] });
    expect(next.map((a) => a.id)).toEqual(['a', 'y', 'b', 'x', 'c']);
  });

  it('replaces a changed annotation, moving it if its start moved, and drops deleted ones', () => {
    const next = applyAnnotationChanges(list, { put: [annotation('a', 25)], deleted: ['b'] });
    expect(next.map((a) => `${a.id}@${a.fragments[0]!.start}`)).toEqual(['c@20', 'a@25']);
  });

  it('returns the same list when nothing changed', () => {
    expect(applyAnnotationChanges(list, { put: [], deleted: [] })).toBe(list);
  });
});

describe('applyRelationChanges', () => {
  const relation = (id: string, labelId = 'r'): Relation => ({
    id,
    documentId: 'd',
    annotatorId: 'a',
    labelId,
    fromId: 'a',
    toId: 'b',
    attributes: {},
    createdAt: 't',
    updatedAt: 't',
  });

  it('adds, replaces and removes links', () => {
    const next = applyRelationChanges([relation('1'), relation('2')], { put: [relation('2', 'q'), relation('3')], deleted: ['1'] });
    expect(next.map((r) => `${r.id}:${r.labelId}`)).toEqual(['2:q', '3:r']);
  });
});
