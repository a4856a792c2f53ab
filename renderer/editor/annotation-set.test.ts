import { describe, expect, it } from 'vitest';
import type { Annotation, Relation } from '../../schema/model';
import { annotationSet, applyAnnotationChanges, applyRelationChanges } from './annotation-set';

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
  const set = annotationSet([annotation('c', 20), annotation('a', 0), annotation('b', 10)]);

  it('keeps annotations in document order, by id too', () => {
    expect(set.list.map((a) => a.id)).toEqual(['a', 'b', 'c']);
    expect(set.byId.get('b')?.fragments[0]?.start).toBe(10);
  });

  it('inserts new annotations in document order', () => {
    const next = applyAnnotationChanges(set, { put: [annotation('x', 15), annotation('y', 0)], deleted: [] });
    expect(next.list.map((a) => a.id)).toEqual(['a', 'y', 'b', 'x', 'c']);
    expect([...next.byId.keys()].sort()).toEqual(['a', 'b', 'c', 'x', 'y']);
    expect(next.byId.get('a')).toBe(set.byId.get('a'));
  });

  it('replaces a changed annotation, moving it if its start moved, and drops deleted ones', () => {
    const next = applyAnnotationChanges(set, { put: [annotation('a', 25)], deleted: ['b'] });
    expect(next.list.map((a) => `${a.id}@${a.fragments[0]!.start}`)).toEqual(['c@20', 'a@25']);
    expect(next.byId.has('b')).toBe(false);
    expect(next.byId.get('a')?.fragments[0]?.start).toBe(25);
  });

  it('returns the same set when nothing changed', () => {
    expect(applyAnnotationChanges(set, { put: [], deleted: [] })).toBe(set);
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
