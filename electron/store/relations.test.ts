import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { workspaceWithDocument } from '../testing/workspace';
import { createAnnotation, deleteAnnotation, findAnnotation } from './annotations';
import { insertDocument } from './documents';
import { createRelation, deleteRelation, findRelation, listRelations, setRelationType } from './relations';
import { createLabel } from './labels';
import type { Workspace } from './workspace';

const TEXT = 'The plan will fail, a senior official said, according to Reuters.';
let ws: Workspace;
let documentId: string;
let labels: ReturnType<typeof workspaceWithDocument>['labels'];
let claim: string;
let official: string;
let reuters: string;

beforeEach(() => {
  ({ ws, documentId, labels } = workspaceWithDocument(TEXT));
  const span = (phrase: string, labelId: string) => {
    const start = TEXT.indexOf(phrase);
    return createAnnotation(ws, { documentId, labelId, fragments: [{ start, end: start + phrase.length }] });
  };
  claim = span('The plan will fail', labels.Claim);
  official = span('a senior official', labels['Anonymous attribution']);
  reuters = span('Reuters', labels.Source);
});
afterEach(() => ws.close());

describe('relations', () => {
  it('links a claim to its source with the default link type', () => {
    const id = createRelation(ws, { fromId: claim, toId: reuters });
    expect(findRelation(ws, id)).toMatchObject({
      documentId,
      fromId: claim,
      toId: reuters,
      labelId: labels['attributed to'],
      annotatorId: ws.localAnnotator.id,
    });
    expect(listRelations(ws, documentId).map((r) => r.id)).toEqual([id]);
  });

  it('refuses a link from an annotation to itself', () => {
    expect(() => createRelation(ws, { fromId: claim, toId: claim })).toThrow(
      'An annotation cannot be linked to itself (“The plan will fail”).',
    );
    expect(listRelations(ws, documentId)).toEqual([]);
  });

  it('refuses a link between annotations of different documents', () => {
    const other = insertDocument(ws, { title: 'Other', text: 'Officials said so.', originFormat: 'text' }).id;
    const elsewhere = createAnnotation(ws, { documentId: other, labelId: labels.Source, fragments: [{ start: 0, end: 9 }] });
    expect(() => createRelation(ws, { fromId: claim, toId: elsewhere })).toThrow(
      '“The plan will fail” and “Officials” are in different documents: a link joins two annotations of one article.',
    );
  });

  it('refuses the same link twice, and a span label as link type', () => {
    createRelation(ws, { fromId: claim, toId: reuters });
    expect(() => createRelation(ws, { fromId: claim, toId: reuters })).toThrow(
      '“The plan will fail” is already attributed to “Reuters”.',
    );
    expect(() => createRelation(ws, { fromId: claim, toId: official, labelId: labels.Claim })).toThrow(
      '“Claim” is a label for spans, not a link type.',
    );
  });

  it('changes a link’s type', () => {
    const quotes = createLabel(ws, { name: 'quotes', color: '#123456', kind: 'relation', hotkey: null, attributes: [] });
    const id = createRelation(ws, { fromId: claim, toId: reuters });
    setRelationType(ws, id, quotes.id);
    expect(findRelation(ws, id)?.labelId).toBe(quotes.id);
  });

  it('deleting an annotation deletes its links, and logs each', () => {
    const toReuters = createRelation(ws, { fromId: claim, toId: reuters });
    const toOfficial = createRelation(ws, { fromId: claim, toId: official });
    deleteAnnotation(ws, reuters);
    expect(findAnnotation(ws, reuters)).toBeNull();
    expect(findRelation(ws, toReuters)).toBeNull();
    expect(findRelation(ws, toOfficial)).not.toBeNull();
    const log = ws.db
      .prepare('SELECT entity, entity_id, action FROM events WHERE action = ? ORDER BY seq')
      .all('delete');
    expect(log).toEqual([
      { entity: 'relation', entity_id: toReuters, action: 'delete' },
      { entity: 'annotation', entity_id: reuters, action: 'delete' },
    ]);
    deleteRelation(ws, toOfficial);
    expect(listRelations(ws, documentId)).toEqual([]);
  });
});
