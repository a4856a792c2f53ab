/**
 * Which of the workspace's labels play which part in an attribution, by name: the default schema's
 * (Claim, Source, Anonymous attribution, and a Cue where the person added one) or PolNeAR's
 * (Content, Source, Cue, and the Attribution event that ties them).
 */
import type { Label } from '../../schema/model';
import { ROLE_NAMES } from '../suggest/article-suggestions';

export interface LabelRoles {
  /** Every span label that can count as a claim; `claims` are those that do unless the person picks. */
  claimCandidates: Label[];
  claims: Label[];
  sources: Label[];
  /** The label of anonymous sources, where the schema has one of its own; otherwise their words tell. */
  anonymous: Label | null;
  cue: Label | null;
  /** Labels whose spans only tie the parts together (PolNeAR's Attribution event trigger). */
  hubs: Label[];
}

const HUB_NAMES = ['attribution'];

export function labelRoles(labels: readonly Label[]): LabelRoles {
  const span = labels.filter((l) => l.kind === 'span');
  const named = (names: readonly string[]) => span.filter((l) => names.includes(l.name.toLowerCase()));
  const sources = named(ROLE_NAMES.source);
  const anonymous = named(ROLE_NAMES.anonymous)[0] ?? null;
  const cue = named(ROLE_NAMES.cue)[0] ?? null;
  const hubs = named(HUB_NAMES);
  const taken = new Set([...sources, anonymous, cue, ...hubs].filter((l) => l !== null).map((l) => l.id));
  const claimCandidates = span.filter((l) => !taken.has(l.id));
  const claims = named(ROLE_NAMES.content);
  return { claimCandidates, claims: claims.length > 0 ? claims : claimCandidates, sources, anonymous, cue, hubs };
}
