import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceWithDocument } from '../testing/workspace';
import { createAnnotation, getAnnotation, updateAnnotation } from './annotations';
import { createLabel, getLabel, labelUsage, listLabels, updateLabel } from './labels';
import type { Workspace } from './workspace';

let ws: Workspace;
let documentId: string;
let labels: ReturnType<typeof workspaceWithDocument>['labels'];
beforeEach(() => {
  ({ ws, documentId, labels } = workspaceWithDocument('Officials said the bridge is safe.'));
});
afterEach(() => ws.close());

describe('the label schema', () => {
  it('renames and recolors a label in use without touching its annotations', () => {
    const id = createAnnotation(ws, { documentId, labelId: labels.Source, fragments: [{ start: 0, end: 9 }] });
    const before = getAnnotation(ws, id);
    updateLabel(ws, labels.Source, { name: 'Named source', color: '#112233' });
    expect(getLabel(ws, labels.Source)).toMatchObject({ name: 'Named source', color: '#112233', hotkey: '2' });
    expect(getAnnotation(ws, id)).toEqual(before);
    expect(labelUsage(ws, labels.Source)).toEqual({ annotations: 1, relations: 0, documents: 1 });
  });

  it('adds a label with attributes and a free hotkey', () => {
    const label = createLabel(ws, {
      name: 'Statistic',
      color: '#00aa88',
      kind: 'span',
      hotkey: '4',
      attributes: [{ key: 'verified', name: 'Verified', type: 'boolean' }],
    });
    expect(listLabels(ws).map((l) => l.name)).toContain('Statistic');
    expect(label.position).toBeGreaterThan(getLabel(ws, labels['attributed to']).position);
  });

  it('refuses a hotkey that another label has, a duplicate name, and hotkeys on link types', () => {
    expect(() => updateLabel(ws, labels.Claim, { hotkey: '2' })).toThrow('Hotkey 2 is already used by “Source”.');
    expect(() => createLabel(ws, { name: 'source', color: '#000000', kind: 'span', hotkey: null, attributes: [] })).toThrow(
      'There is already a label named “source”.',
    );
    expect(() => updateLabel(ws, labels['attributed to'], { hotkey: '5' })).toThrow('Link types have no hotkey');
  });

  it('checks attribute values against the label’s schema', () => {
    const id = createAnnotation(ws, { documentId, labelId: labels['Anonymous attribution'], fragments: [{ start: 0, end: 9 }] });
    updateAnnotation(ws, id, { attributes: { descriptor: 'officials', justification: false, sources: 2 } });
    expect(getAnnotation(ws, id).attributes).toEqual({ descriptor: 'officials', justification: false, sources: 2 });
    expect(() => updateAnnotation(ws, id, { attributes: { sources: 'two' } })).toThrow(
      '“Number of sources” of “Anonymous attribution” must be a number; "two" is not.',
    );
    expect(() => updateAnnotation(ws, id, { attributes: { checkworthiness: 'check-worthy' } })).toThrow(
      'The label “Anonymous attribution” has no attribute “checkworthiness”.',
    );
    updateAnnotation(ws, id, { attributes: { descriptor: null } });
    expect(getAnnotation(ws, id).attributes).toEqual({ justification: false, sources: 2 });
  });

  it('keeps only the values that fit when an annotation changes label', () => {
    const id = createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: [{ start: 0, end: 9 }] });
    updateAnnotation(ws, id, { attributes: { checkworthiness: 'check-worthy' }, note: 'keep me' });
    updateAnnotation(ws, id, { labelId: labels.Source });
    expect(getAnnotation(ws, id)).toMatchObject({ labelId: labels.Source, attributes: {}, note: 'keep me' });
  });
});
