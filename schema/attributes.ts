import { BylineError } from './errors';
import type { AttributeDef, AttributeValue, Label } from './model';

/** Why a value does not fit an attribute definition, or null when it fits. */
export function attributeProblem(def: AttributeDef, value: unknown): string | null {
  switch (def.type) {
    case 'choice':
      return typeof value === 'string' && def.options.includes(value)
        ? null
        : `must be one of ${def.options.map((o) => `“${o}”`).join(', ')}`;
    case 'boolean':
      return typeof value === 'boolean' ? null : 'must be yes or no (true or false)';
    case 'text':
      return typeof value === 'string' && value.length <= 10_000 ? null : 'must be text of at most 10,000 characters';
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? null : 'must be a number';
  }
}

/**
 * Applies a patch of attribute values (null clears one) to an annotation's or link's values,
 * refusing any key the label does not define and any value outside its definition.
 */
export function patchAttributes(
  label: Label,
  current: Record<string, unknown>,
  patch: Record<string, AttributeValue | null>,
): Record<string, unknown> {
  const next = { ...current };
  for (const [key, value] of Object.entries(patch)) {
    const def = label.attributes.find((d) => d.key === key);
    if (!def) {
      throw new BylineError('invalid_request', `The label “${label.name}” has no attribute “${key}”.`);
    }
    if (value === null) {
      delete next[key];
      continue;
    }
    const problem = attributeProblem(def, value);
    if (problem) {
      throw new BylineError(
        'invalid_request',
        `“${def.name}” of “${label.name}” ${problem}; ${JSON.stringify(value)} is not.`,
      );
    }
    next[key] = value;
  }
  return next;
}

/** The values that still fit when an annotation moves to another label. */
export function keepFittingAttributes(label: Label, values: Record<string, unknown>): Record<string, unknown> {
  const kept: Record<string, unknown> = {};
  for (const def of label.attributes) {
    if (def.key in values && attributeProblem(def, values[def.key]) === null) kept[def.key] = values[def.key];
  }
  return kept;
}

/** `ours` with the attributes of `theirs` it lacks, and the choices it lacks for the ones it has. */
export function mergeAttributes(ours: AttributeDef[], theirs: AttributeDef[]): AttributeDef[] {
  const merged = [...ours];
  for (const def of theirs) {
    const at = merged.findIndex((d) => d.key === def.key);
    const mine = merged[at];
    if (!mine) merged.push(def);
    else if (mine.type === 'choice' && def.type === 'choice') {
      merged[at] = { ...mine, options: [...mine.options, ...def.options.filter((o) => !mine.options.includes(o))] };
    }
  }
  return merged;
}
