import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Channel, RequestOf } from '../schema/api';
import { dispatch } from './dispatch';
import type { Handlers } from './handlers';
import { openAppWorkspace } from './open-app-workspace';
import type { Workspace } from './store/workspace';
import { handlersFor, valueOf, type Caller } from './testing/handlers';
import { tempDir } from './testing/temp';

let ws: Workspace;
let handlers: Handlers;
let value: Caller;

beforeEach(() => {
  ws = openAppWorkspace(join(tempDir(), 'ws.sqlite'), 'Tester');
  handlers = handlersFor(ws);
  value = valueOf(handlers);
});
afterEach(() => ws.close());

describe('dispatch', () => {
  it('answers a valid request with the handler result', async () => {
    const reply = await dispatch(handlers, 'library.query', { offset: 0, limit: 10, sort: 'added', descending: true });
    expect(reply.ok).toBe(true);
    // A new workspace holds the built-in sample article.
    expect(reply.ok && (reply.value as { rows: { title: string }[] }).rows.map((d) => d.title)).toEqual([
      'Harbor city weighs bridge toll as repair bill climbs',
    ]);
  });

  it('refuses an unknown channel', async () => {
    expect(await dispatch(handlers, 'documents.dropAll', {})).toEqual({
      ok: false,
      error: { code: 'invalid_request', message: 'There is no channel named "documents.dropAll".' },
    });
  });

  it('refuses a request that does not match its schema, naming the field', async () => {
    const reply = await dispatch(handlers, 'annotations.create', {
      documentId: 'not-an-id',
      labelId: '01a21703-b102-74fb-bc80-b099fb9705bc',
      fragments: [{ start: 5, end: 2 }],
    });
    expect(reply.ok).toBe(false);
    const message = !reply.ok ? reply.error.message : '';
    expect(message).toMatch(/^annotations\.create: /);
    expect(message).toContain('documentId: Invalid UUID');
    expect(message).toContain('fragments.0: start must be before end');
  });

  it('refuses unexpected fields', async () => {
    const reply = await dispatch(handlers, 'library.outlets', { sql: 'DROP TABLE documents' });
    expect(!reply.ok && reply.error.code).toBe('invalid_request');
  });

  it('passes a handler’s own error message and code through', async () => {
    const reply = await dispatch(handlers, 'documents.open', { id: '01a21703-0000-7000-8000-000000000000' });
    expect(reply).toEqual({
      ok: false,
      error: { code: 'not_found', message: 'There is no document with id 01a21703-0000-7000-8000-000000000000.' },
    });
  });

  it('starts no import when the dialog is cancelled', async () => {
    expect(await dispatch(handlers, 'imports.start', { what: 'folder', annotator: 'Me' })).toEqual({ ok: true, value: null });
  });

  it('refuses a link from an annotation to itself, and an attribute value outside its schema', async () => {
    const documentId = (await value('library.query', { offset: 0, limit: 1, sort: 'added', descending: true })).rows[0]!.id;
    const source = (await value('labels.list', {})).find((l) => l.name === 'Source')!.id;
    const created = await value('annotations.create', { documentId, labelId: source, fragments: [{ start: 0, end: 6 }] });
    const id = created.changes.annotations.put[0]!.id;

    expect(await dispatch(handlers, 'relations.create', { fromId: id, toId: id })).toEqual({
      ok: false,
      error: { code: 'bad_input', message: 'An annotation cannot be linked to itself (“Harbor”).' },
    });
    expect(await dispatch(handlers, 'annotations.update', { id, attributes: { kind: 'rumor' } })).toEqual({
      ok: false,
      error: {
        code: 'invalid_request',
        message: '“Kind” of “Source” must be one of “person”, “organization”, “document”, “media”; "rumor" is not.',
      },
    });
    expect(await dispatch(handlers, 'annotations.update', { id, attributes: { kind: { nested: true } } })).toMatchObject({
      ok: false,
      error: { code: 'invalid_request' },
    });
  });
});

describe("a colleague's layer", () => {
  it('cannot be changed by hand: relabel, delete and linking are refused with the owner named, and nothing changes', async () => {
    const { rows } = await value('library.query', { offset: 0, limit: 1, sort: 'added', descending: true });
    const documentId = rows[0]!.id;
    const [claim, source] = (await value('labels.list', {})).filter((l) => l.kind === 'span');
    await value('annotations.create', { documentId, labelId: claim!.id, fragments: [{ start: 0, end: 6 }] });
    await value('annotations.create', { documentId, labelId: source!.id, fragments: [{ start: 10, end: 20 }] });
    const [theirs, ours] = (await value('documents.open', { id: documentId })).annotations;
    // The first becomes Ana's, as an import of her file would store it.
    const ana = '01a21703-0000-7000-8000-0000000000a1';
    ws.db.prepare("INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, 'Ana', 0, 't')").run(ana);
    ws.db.prepare('UPDATE annotations SET annotator_id = ? WHERE id = ?').run(ana, theirs!.id);
    const before = ws.db.prepare('SELECT id, label_id, annotator_id FROM annotations ORDER BY id').all();

    const refused = async <C extends Channel>(channel: C, request: RequestOf<C>, message: string) => {
      expect(await dispatch(handlers, channel, request)).toEqual({ ok: false, error: { code: 'bad_input', message } });
    };
    const readOnly = 'in Ana’s layer, which is read-only here: review it to take or reject it.';
    await refused('annotations.update', { id: theirs!.id, labelId: source!.id }, `This annotation is ${readOnly}`);
    await refused('annotations.delete', { id: theirs!.id }, `This annotation is ${readOnly}`);
    await refused('relations.create', { fromId: ours!.id, toId: theirs!.id }, `The annotation the link ends at is ${readOnly}`);
    await refused('relations.create', { fromId: theirs!.id, toId: ours!.id }, `The annotation the link starts at is ${readOnly}`);
    expect(ws.db.prepare('SELECT id, label_id, annotator_id FROM annotations ORDER BY id').all()).toEqual(before);
    expect(ws.db.prepare('SELECT count(*) FROM relations').pluck().get()).toBe(0);

    // One's own stays editable.
    await value('annotations.update', { id: ours!.id, labelId: claim!.id });
  });
});
