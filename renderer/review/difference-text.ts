import type { Difference, DifferenceKind, Verdict } from '../../schema/review';

export const KIND_NAMES: Record<DifferenceKind, string> = {
  agree: 'Agree',
  label: 'Label differs',
  boundaries: 'Boundaries differ',
  only_a: 'Only in A',
  only_b: 'Only in B',
  attribute: 'Attribute differs',
  link: 'Link differs',
};

export const VERDICT_NAMES: Record<Verdict, string> = {
  take_a: 'Took A',
  take_b: 'Took B',
  take_both: 'Took both',
  edit: 'Edited',
  reject: 'Rejected',
};

/** What the list says of a difference's verdict. */
export function verdictText(difference: Difference): string {
  return difference.resolution ? VERDICT_NAMES[difference.resolution.verdict] : 'No verdict yet';
}
