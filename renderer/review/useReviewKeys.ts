import { useWindowKeys } from '../common/useWindowKeys';
import type { Verdict } from '../../schema/review';

export interface ReviewKeys {
  step(direction: 1 | -1): void;
  verdict(verdict: Verdict): void;
  withdraw(): void;
  comment(): void;
  shortcuts(): void;
}

/** Keys and what they do, for the shortcut list and the buttons' aria-keyshortcuts. */
export const VERDICT_KEYS: Record<Verdict, string> = { take_a: 'a', take_b: 'b', take_both: 't', edit: 'e', reject: 'r' };

const VERDICT_OF_KEY = new Map(Object.entries(VERDICT_KEYS).map(([verdict, key]) => [key, verdict as Verdict]));

/** The review view's keyboard, for the whole window except where the person is typing. */
export function useReviewKeys(keys: ReviewKeys): void {
  useWindowKeys((event) => {
    if (event.ctrlKey || event.metaKey || event.altKey) return;
    const key = event.key.length === 1 ? event.key.toLowerCase() : event.key;
    const verdict = VERDICT_OF_KEY.get(key);
    if (key === 'n' || key === 'p') keys.step(key === 'n' ? 1 : -1);
    else if (verdict) keys.verdict(verdict);
    else if (key === 'u') keys.withdraw();
    else if (key === 'c') keys.comment();
    else if (key === '?') keys.shortcuts();
    else return;
    event.preventDefault();
  });
}
