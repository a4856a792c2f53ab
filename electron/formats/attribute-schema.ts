/**
 * Attribute schemas that importers infer from the values a file carries: the attribute key
 * Byline stores a value under (schema/model.ts allows only letters, digits and underscores) and
 * the AttributeDef each label ends up with.
 */
import type { AttributeDef, AttributeValue } from '../../schema/model';

/** A key for an attribute named `name` in a file: the name with every other character as `_`. */
export function attributeKey(name: string): string {
  let key = name.replace(/[^A-Za-z0-9_]/g, '_');
  if (!/^[A-Za-z]/.test(key)) key = `a_${key}`;
  return key.slice(0, 40);
}

interface Seen {
  name: string;
  booleans: boolean;
  numbers: boolean;
  strings: string[];
  /** Free text (a note-like field) rather than one of a few values. */
  text: boolean;
}

/** Collects, per label, the attributes seen and their values, and turns them into AttributeDefs. */
export class AttributeSchema {
  private readonly byLabel = new Map<string, Map<string, Seen>>();

  /** Records that an annotation of `label` has attribute `key` (shown as `name`) set to `value`. */
  add(label: string, key: string, name: string, value: AttributeValue, options: { text?: boolean } = {}): void {
    let attributes = this.byLabel.get(label);
    if (!attributes) this.byLabel.set(label, (attributes = new Map()));
    let seen = attributes.get(key);
    if (!seen) attributes.set(key, (seen = { name, booleans: false, numbers: false, strings: [], text: false }));
    if (options.text) seen.text = true;
    if (typeof value === 'boolean') seen.booleans = true;
    else if (typeof value === 'number') seen.numbers = true;
    else if (!seen.strings.includes(value)) seen.strings.push(value);
  }

  defs(label: string): AttributeDef[] {
    const attributes = this.byLabel.get(label);
    if (!attributes) return [];
    return [...attributes.entries()].map(([key, seen]) => toDef(key, seen));
  }
}

function toDef(key: string, seen: Seen): AttributeDef {
  const name = seen.name.slice(0, 60).trim() || key;
  if (seen.strings.length === 0) {
    if (seen.numbers) return { key, name, type: 'number' };
    return { key, name, type: seen.text ? 'text' : 'boolean' };
  }
  // A choice needs a short list of short values; anything else is kept as free text.
  const fitsChoice =
    !seen.text && seen.strings.length <= 50 && seen.strings.every((s) => s.trim() !== '' && s.trim().length <= 80);
  if (!fitsChoice) return { key, name, type: 'text' };
  return { key, name, type: 'choice', options: [...seen.strings] };
}
