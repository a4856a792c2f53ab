/**
 * Cleaning the metadata that article formats carry (front matter, meta tags, core properties)
 * into the shapes ImportedDocument stores.
 */

/** A single-line value: whitespace collapsed, trimmed; null when nothing is left or not text. */
export function cleanField(value: unknown): string | null {
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (typeof value !== 'string') return null;
  const cleaned = value.replace(/\s+/g, ' ').trim();
  return cleaned === '' ? null : cleaned;
}

/**
 * Who wrote it: a name, a list of names, or objects with a `name` (JSON-LD, front matter) become
 * "A, B". A leading "By" goes; a URL (some sites put a profile link in article:author) is not a
 * name.
 */
export function authorName(value: unknown): string | null {
  const names = (Array.isArray(value) ? value : [value])
    .map((item) => cleanField(isRecord(item) ? item.name : item))
    .filter((name): name is string => name !== null)
    .map((name) => name.replace(/^by\s+/i, '').trim())
    .filter((name) => name !== '' && !/^https?:\/\//i.test(name));
  return names.length > 0 ? names.join(', ') : null;
}

const ISO_DATE = /^\d{4}(-\d{2}(-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}(:?\d{2})?)?)?)?)?$/i;

/**
 * An ISO 8601 date or date-time, as precise as the source says: ISO values are kept as written
 * (a space before the time becomes "T"); other dates that JavaScript parses ("March 5, 2024",
 * RFC 2822) become a date, or a UTC date-time when they have a time of day. Anything else is null.
 */
export function isoDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : plainYear(value.toISOString());
  const text = cleanField(value);
  if (text === null) return null;
  if (ISO_DATE.test(text)) {
    const iso = text.replace(' ', 'T');
    return Number.isNaN(Date.parse(iso.length === 4 ? `${iso}-01-01` : iso)) ? null : iso;
  }
  const parsed = new Date(text);
  if (Number.isNaN(parsed.getTime())) return null;
  if (/\d{1,2}:\d{2}/.test(text)) return plainYear(parsed.toISOString());
  // Without a time of day the date was read as local midnight: keep that calendar day.
  const pad = (n: number) => String(n).padStart(2, '0');
  return plainYear(`${String(parsed.getFullYear()).padStart(4, '0')}-${pad(parsed.getMonth() + 1)}-${pad(parsed.getDate())}`);
}

/** Null for a year outside 0000–9999: ISO 8601 has no plain form for it ("+010000-…"), and no article has one. */
const plainYear = (iso: string) => (/^\d{4}-/.test(iso) ? iso : null);

/** An absolute http(s) URL, or null. */
export function webUrl(value: unknown): string | null {
  const text = cleanField(value);
  if (text === null) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
