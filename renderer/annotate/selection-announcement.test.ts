import { describe, expect, it } from 'vitest';
import { selectionAnnouncement } from './selection-announcement';

describe('selectionAnnouncement', () => {
  it('says the label, the quote and the place', () => {
    expect(selectionAnnouncement({ label: 'Claim', quote: 'We are patching a structure', owner: null, position: 2, total: 12 })).toBe(
      'Claim: “We are patching a structure”, 3 of 12',
    );
  });

  it('names a colleague’s annotation, and leaves out a place it does not have yet', () => {
    expect(selectionAnnouncement({ label: 'Source', quote: 'Ana', owner: 'Ben', position: -1, total: 4 })).toBe('Source: “Ana”, by Ben');
  });

  it('cuts a long quote at 80 characters, keeping an emoji sequence whole, and folds line breaks', () => {
    const quote = `${'word '.repeat(15)}👩‍👩‍👧 and\nmore ${'text '.repeat(20)}`;
    const said = selectionAnnouncement({ label: 'Claim', quote, owner: null, position: 0, total: 1 });
    const shown = said.slice('Claim: “'.length, said.indexOf('”'));
    expect(Array.from(new Intl.Segmenter().segment(shown)).length).toBeLessThanOrEqual(80);
    expect(shown.endsWith('…')).toBe(true);
    expect(shown).not.toContain('\n');
    expect(shown).toContain('👩‍👩‍👧');
  });
});
