import { describe, expect, test } from 'vitest';
import type { Difference, Resolution, ReviewSession } from '../../schema/review';
import { patchSession } from './patch-session';

const person = (id: string, name: string) => ({ id, name, isLocal: false });
const difference = (key: string, resolution: Resolution | null = null): Difference => ({
  key,
  kind: 'only_a',
  start: 0,
  end: 1,
  a: [key.slice(5, -1)],
  b: [],
  summary: `Claim “${key}” only in A`,
  resolution,
});
const verdict = (reviewedIds: string[]): Resolution => ({
  verdict: 'take_a',
  comment: null,
  reviewerId: 'me',
  resolvedAt: '2026-01-01T00:00:00.000Z',
  reviewedIds,
});

const session: ReviewSession = {
  document: { id: 'd', title: 'T', text: 'x' },
  layerA: person('a', 'A'),
  layerB: person('b', 'B'),
  reviewed: person('r', 'Me (reviewed)'),
  spans: { a: [], b: [] },
  links: { a: [], b: [] },
  differences: [difference('span:1|'), difference('span:2|', verdict(['c2'])), difference('span:3|')],
  resolved: 1,
  total: 3,
  status: 'in review',
};

describe('patchSession', () => {
  test('sets the verdicts an update names, withdraws those it clears, keeps every other difference as it was', () => {
    const next = patchSession(session, {
      reviewed: person('r', 'Me2 (reviewed)'),
      resolutions: [
        { key: 'span:1|', resolution: verdict(['c1']) },
        { key: 'span:2|', resolution: null },
      ],
      resolved: 1,
      total: 3,
      status: 'in review',
    });
    expect(next.differences.map((d) => d.resolution?.reviewedIds ?? null)).toEqual([['c1'], null, null]);
    expect(next.differences[2]).toBe(session.differences[2]);
    expect(next.reviewed.name).toBe('Me2 (reviewed)');
    expect(next.spans).toBe(session.spans);
    // The session it patched is left as it was.
    expect(session.differences.map((d) => d.resolution?.reviewedIds ?? null)).toEqual([null, ['c2'], null]);
  });

  test('takes the counts and status from the update', () => {
    const next = patchSession(session, { reviewed: session.reviewed, resolutions: [{ key: 'span:1|', resolution: verdict([]) }, { key: 'span:3|', resolution: verdict([]) }], resolved: 3, total: 3, status: 'reviewed' });
    expect(next).toMatchObject({ resolved: 3, total: 3, status: 'reviewed' });
    expect(next.differences.every((d) => d.resolution)).toBe(true);
  });
});
