import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel } from '../../schema/api';
import { dispatch } from '../dispatch';
import type { Handlers } from '../handlers';
import { openAppWorkspace } from '../open-app-workspace';
import { putAnnotation } from '../store/annotations';
import type { Workspace } from '../store/workspace';
import { handlersFor, valueOf, type Caller } from '../testing/handlers';
import { tempDir } from '../testing/temp';

let ws: Workspace;
let handlers: Handlers;
let value: Caller;

beforeEach(() => {
  ws = openAppWorkspace(join(tempDir(), 'ws.sqlite'), 'Tester');
  handlers = handlersFor(ws);
  value = valueOf(handlers);
});
afterEach(() => ws.close());

/** The sample article, tagged by the local annotator and by a colleague, Ben, at the same place. */
async function twoLayers() {
  const { rows } = await value('library.query', { offset: 0, limit: 1, sort: 'added', descending: true });
  const documentId = rows[0]!.id;
  const labels = await value('labels.list', {});
  const claim = labels.find((l) => l.name === 'Claim')!.id;
  const source = labels.find((l) => l.name === 'Source')!.id;
  await value('annotations.create', { documentId, labelId: claim, fragments: [{ start: 0, end: 6 }] });
  await value('annotations.create', { documentId, labelId: claim, fragments: [{ start: 10, end: 20 }] });
  const ben = uuidv7();
  ws.db.prepare("INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, 'Ben', 0, 't')").run(ben);
  const { text } = (await value('documents.open', { id: documentId })).document;
  for (const [labelId, start, end] of [[claim, 0, 6], [source, 10, 20]] as const) {
    const id = uuidv7();
    const quote = Array.from(text).slice(start, end).join('');
    putAnnotation(ws, id, { id, documentId, annotatorId: ben, labelId, fragments: [{ start, end }], quote, note: null, attributes: {}, createdAt: 't', updatedAt: 't' });
  }
  return { documentId, target: { documentId, layerA: ws.localAnnotator.id, layerB: ben }, claim };
}

describe('the review channels', () => {
  it('open, resolve, accept agreements and unresolve, and the article shows the verdicts', async () => {
    const { documentId, target } = await twoLayers();
    const session = await value('review.open', target);
    expect(session.differences.map((d) => d.kind)).toEqual(['agree', 'label']);
    // One reply has what the view shows: the article and both layers' spans.
    expect(session.document).toEqual({ id: documentId, title: expect.any(String), text: (await value('documents.open', { id: documentId })).document.text });
    expect([session.spans.a.length, session.spans.b.length]).toEqual([2, 2]);
    expect(session).toMatchObject({ resolved: 0, total: 2, status: 'not reviewed', reviewed: { name: 'Tester (reviewed)' } });

    const label = session.differences[1]!;
    let next = await value('review.resolve', { ...target, key: label.key, verdict: 'take_b', comment: 'a source' });
    expect(next).toMatchObject({ resolved: 1, status: 'in review' });
    next = await value('review.acceptAgreements', target);
    expect(next).toMatchObject({ resolved: 2, total: 2, status: 'reviewed' });
    expect(next.resolutions.map((r) => [r.key, r.resolution?.verdict])).toEqual([[session.differences[0]!.key, 'take_a']]);
    expect(ws.db.prepare('SELECT count(*) FROM annotations WHERE annotator_id = ?').pluck().get(next.reviewed.id)).toBe(2);

    const opened = await value('documents.open', { id: documentId });
    expect(opened.verdicts.map((v) => [v.key, v.verdict, v.comment, v.reviewer.name])).toEqual(
      expect.arrayContaining([
        [label.key, 'take_b', 'a source', 'Tester'],
        [session.differences[0]!.key, 'take_a', null, 'Tester'],
      ]),
    );
    // The reviewed layer is a layer like any other: the export dialog lists it.
    expect((await value('annotators.list', {})).map((a) => a.name)).toContain('Tester (reviewed)');

    next = await value('review.unresolve', { ...target, key: label.key });
    expect(next).toMatchObject({ resolved: 1, status: 'in review' });
    expect((await value('documents.open', { id: documentId })).verdicts).toHaveLength(1);
  });

  it('refuses requests that do not fit, naming the field, and stores nothing', async () => {
    const { target, claim } = await twoLayers();
    const { differences } = await value('review.open', target);
    const key = differences[0]!.key;
    const refused = async (channel: Channel, request: unknown) => {
      const reply = await dispatch(handlers, channel, request);
      return reply.ok ? 'accepted' : reply.error.message;
    };
    expect(await refused('review.resolve', { ...target, key, verdict: 'maybe' })).toMatch(/^review\.resolve: .*verdict/);
    expect(await refused('review.resolve', { ...target, key, verdict: 'edit', edit: { labelId: claim, fragments: [] } })).toMatch(/edit\.fragments/);
    expect(await refused('review.open', { ...target, layerA: 'Tester' })).toMatch(/layerA: Invalid UUID/);
    expect(await refused('review.unresolve', { ...target, key, extra: 1 })).toMatch(/Unrecognized key/);
    expect(await refused('review.unresolve', { ...target, key })).toBe(`The difference ${key} has no verdict to withdraw.`);
    expect(ws.db.prepare('SELECT count(*) FROM review_verdicts').pluck().get()).toBe(0);
  });
});
