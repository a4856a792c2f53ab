/** Longest name an annotator may have, in characters (code points), as the host allows. */
export const MAX_NAME = 100;

/** Why the host would refuse this name for the person, or null when it is fine. */
export function nameProblem(name: string): string | null {
  const trimmed = name.trim();
  if (trimmed === '') return 'Your name cannot be blank: colleagues see it on your layer.';
  const length = [...trimmed].length;
  if (length > MAX_NAME) return `Your name can be at most ${MAX_NAME} characters; this one has ${length}.`;
  return null;
}
