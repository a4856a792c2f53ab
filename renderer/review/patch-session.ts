import type { ReviewSession, ReviewUpdate } from '../../schema/review';

/** The session after an update: the verdicts it names replaced, the rest the same objects. */
export function patchSession(session: ReviewSession, update: ReviewUpdate): ReviewSession {
  const changed = new Map(update.resolutions.map((r) => [r.key, r.resolution]));
  return {
    ...session,
    reviewed: update.reviewed,
    differences: changed.size === 0 ? session.differences : session.differences.map((d) => (changed.has(d.key) ? { ...d, resolution: changed.get(d.key)! } : d)),
    resolved: update.resolved,
    total: update.total,
    status: update.status,
  };
}
