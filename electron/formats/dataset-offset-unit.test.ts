import { describe, expect, it } from 'vitest';
import { parseDataset } from './datasets';

// 👍 is one code point and two UTF-16 units, so “Ana” is at 2–5 in code points and 3–6 in UTF-16.
const TEXT = '\u{1F44D} Ana said so.';
const ANA = [{ start: 2, end: 5 }];
const entities = (start: number, end: number, meta: Record<string, unknown>) =>
  JSON.stringify({ text: TEXT, entities: [{ id: 1, label: 'Source', start_offset: start, end_offset: end }], meta });
const labels = (start: number, end: number, meta: Record<string, unknown>) => JSON.stringify({ text: TEXT, label: [[start, end, 'Source']], meta });
const spans = (start: number, end: number, meta: Record<string, unknown>) =>
  JSON.stringify({ text: TEXT, spans: [{ start, end, label: 'Source', text: 'Ana' }], meta });
const fragments = (line: string, options = {}) => parseDataset(line, 'unit.jsonl', options)[0]!.annotations[0]!.fragments;

describe('parseDataset: the offset unit a record states (meta.offset_unit)', () => {
  it('doccano entities: "code_point" overrides the UTF-16 default of their shape, and the option', () => {
    expect(fragments(entities(3, 6, {}))).toEqual(ANA);
    expect(fragments(entities(2, 5, { offset_unit: 'code_point' }))).toEqual(ANA);
    expect(fragments(entities(2, 5, { offset_unit: 'code_point' }), { doccanoOffsets: 'utf-16' })).toEqual(ANA);
  });

  it('doccano label lists: "utf16" overrides their code point default', () => {
    expect(fragments(labels(2, 5, {}))).toEqual(ANA);
    expect(fragments(labels(3, 6, { offset_unit: 'utf16' }))).toEqual(ANA);
    expect(fragments(labels(3, 6, { offset_unit: 'UTF-16' }), { doccanoOffsets: 'code-points' })).toEqual(ANA);
  });

  it('Prodigy spans: code points unless the record says "utf16"', () => {
    expect(fragments(spans(2, 5, {}))).toEqual(ANA);
    expect(fragments(spans(2, 5, { offset_unit: 'code_point' }))).toEqual(ANA);
    expect(fragments(spans(3, 6, { offset_unit: 'utf16' }))).toEqual(ANA);
    // The span's own text is checked in the stated unit.
    expect(() => fragments(spans(2, 5, { offset_unit: 'utf16' }))).toThrow('unit.jsonl, line 1: span 1 (“Source”)\'s text “Ana” is not what the article has at 2–5');
  });

  it('refuses a unit it does not know, naming the line', () => {
    expect(() => fragments(entities(2, 5, { offset_unit: 'grapheme' }))).toThrow(
      'unit.jsonl, line 1: its offset_unit "grapheme" is not one Byline reads (“code_point” or “utf16”).',
    );
  });
});
