import { describe, expect, it } from 'vitest';
import { authorName, cleanField, isoDate, webUrl } from './metadata';

describe('metadata fields', () => {
  it('keeps ISO dates as precise as written', () => {
    expect(isoDate('2024-03-05')).toBe('2024-03-05');
    expect(isoDate('2024-03')).toBe('2024-03');
    expect(isoDate('2024-03-05T18:42:00Z')).toBe('2024-03-05T18:42:00Z');
    expect(isoDate('2024-06-12 09:15:00+02:00')).toBe('2024-06-12T09:15:00+02:00');
    expect(isoDate(' 2024-03-05T18:42:00.000+0000 ')).toBe('2024-03-05T18:42:00.000+0000');
  });

  it('turns other dates into ISO ones, and refuses what is not a date', () => {
    expect(isoDate('March 5, 2024')).toBe('2024-03-05');
    expect(isoDate('Tue, 05 Mar 2024 18:42:00 GMT')).toBe('2024-03-05T18:42:00.000Z');
    expect(isoDate(new Date('2024-03-05T18:42:00Z'))).toBe('2024-03-05T18:42:00.000Z');
    expect(isoDate('2024-13-45')).toBeNull();
    expect(isoDate('last Tuesday')).toBeNull();
    expect(isoDate(20240305)).toBeNull();
    expect(isoDate(undefined)).toBeNull();
  });

  it('names authors from strings, lists and objects, without "By" or profile links', () => {
    expect(authorName('By  Marta Okafor ')).toBe('Marta Okafor');
    expect(authorName([{ name: 'Samir Haddad' }, 'Ines Park', { url: 'x' }])).toBe('Samir Haddad, Ines Park');
    expect(authorName('https://social.example/northernledger')).toBeNull();
    expect(authorName(['', null])).toBeNull();
  });

  it('cleans single-line fields and keeps only absolute web addresses', () => {
    expect(cleanField('  The\nHarbor   Gazette ')).toBe('The Harbor Gazette');
    expect(cleanField('   ')).toBeNull();
    expect(cleanField(2024)).toBe('2024');
    expect(webUrl('https://example.org/a?b=1')).toBe('https://example.org/a?b=1');
    expect(webUrl('/news/relative')).toBeNull();
    expect(webUrl('javascript:alert(1)')).toBeNull();
    expect(webUrl('file:///etc/passwd')).toBeNull();
  });
});
