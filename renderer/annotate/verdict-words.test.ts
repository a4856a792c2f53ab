import { describe, expect, test } from 'vitest';
import type { VerdictRecord } from '../../schema/review';
import { newestVerdictByAnnotation, verdictWords, verdictsOn } from './verdict-words';

const ANA = '0190a1b2-c3d4-7001-8001-000000000001';
const BEN = '0190a1b2-c3d4-7002-8002-000000000002';
const names = new Map([
  [ANA, 'Ana'],
  [BEN, 'Ben'],
]);
const nameOf = (id: string) => names.get(id) ?? 'unknown';

/** Ben's layer is A, Ana's B: her annotation `ana-1` against his `ben-1`. */
const record = (patch: Partial<VerdictRecord>): VerdictRecord => ({
  key: 'span:ben-1|ana-1',
  kind: 'label',
  layerA: BEN,
  layerB: ANA,
  a: ['ben-1'],
  b: ['ana-1'],
  verdict: 'take_a',
  comment: null,
  reviewer: { id: BEN, name: 'Ben' },
  resolvedAt: '2025-05-01T10:00:00.000Z',
  reviewedIds: [],
  ...patch,
});

describe('verdictWords', () => {
  test('taking a side reads as taken on that side and as not taken, naming whose was kept, on the other', () => {
    expect(verdictWords(record({ verdict: 'take_b' }), 'ana-1', nameOf)).toEqual({ short: 'Taken', long: 'Taken' });
    expect(verdictWords(record({ verdict: 'take_a' }), 'ana-1', nameOf)).toEqual({
      short: 'Not taken',
      long: 'Not taken: Ben’s version was kept',
    });
    expect(verdictWords(record({ verdict: 'take_a' }), 'ben-1', nameOf).short).toBe('Taken');
    expect(verdictWords(record({ verdict: 'take_b' }), 'ben-1', nameOf).long).toBe('Not taken: Ana’s version was kept');
  });

  test('where both layers agreed, taking either side takes both', () => {
    expect(verdictWords(record({ kind: 'agree', verdict: 'take_a' }), 'ana-1', nameOf).short).toBe('Taken');
  });

  test('both, reject and edit read the same on either side', () => {
    for (const id of ['ana-1', 'ben-1']) {
      expect(verdictWords(record({ verdict: 'take_both' }), id, nameOf)).toEqual({ short: 'Both kept', long: 'Both kept' });
      expect(verdictWords(record({ verdict: 'reject' }), id, nameOf)).toEqual({ short: 'Rejected', long: 'Rejected' });
      expect(verdictWords(record({ verdict: 'edit' }), id, nameOf)).toEqual({
        short: 'Edited',
        long: 'Replaced by the reviewer’s edit',
      });
    }
  });
});

describe('verdictsOn and newestVerdictByAnnotation', () => {
  const older = record({ key: 'span:ben-1|ana-1', resolvedAt: '2025-05-01T10:00:00.000Z' });
  const newer = record({ key: 'span:|ana-1', a: [], b: ['ana-1', 'ana-2'], verdict: 'reject', resolvedAt: '2025-05-02T10:00:00.000Z' });
  const unrelated = record({ key: 'span:ben-3|', a: ['ben-3'], b: [] });

  test('finds the verdicts whose difference holds the annotation on either side', () => {
    expect(verdictsOn([newer, older, unrelated], 'ana-1')).toEqual([newer, older]);
    expect(verdictsOn([newer, older, unrelated], 'ben-1')).toEqual([older]);
    expect(verdictsOn([newer, older, unrelated], 'nobody')).toEqual([]);
  });

  test('marks each annotation with its newest verdict, whatever the order given', () => {
    for (const list of [
      [older, newer, unrelated],
      [unrelated, newer, older],
    ]) {
      const newest = newestVerdictByAnnotation(list);
      expect([...newest.keys()].sort()).toEqual(['ana-1', 'ana-2', 'ben-1', 'ben-3']);
      expect(newest.get('ana-1')).toBe(newer);
      expect(newest.get('ben-1')).toBe(older);
    }
  });
});
