import { describe, expect, it } from 'vitest';
import { createAnnotation, deleteAnnotation, updateAnnotation } from './annotations';
import { createRelation } from './relations';
import { forgetTeamConnection, outbox, outboxSize, saveTeamConnection } from './team';
import { workspaceWithDocument } from '../testing/workspace';

const TEXT = 'Officials said the bridge will reopen, according to people familiar with the matter.';

describe('the team outbox (migration 0010)', () => {
  it('records nothing until the workspace is connected, then everything of its own layers, in the same transaction', () => {
    const { ws, documentId, labels } = workspaceWithDocument(TEXT);
    const before = createAnnotation(ws, { documentId, labelId: labels.Source, fragments: [{ start: 0, end: 9 }] });
    expect(outboxSize(ws, ['annotation', 'relation', 'label', 'document', 'annotator'])).toBe(0);

    saveTeamConnection(ws, 'postgres://ana@127.0.0.1:5432/team', 'ana', null, false);
    // What it had before connecting is to be sent; an analyst does not send labels or articles.
    expect(outbox(ws, 'annotation').map((e) => e.id)).toEqual([before]);
    expect(outbox(ws, 'annotator').map((e) => e.id)).toEqual([ws.localAnnotator.id]);
    expect(outboxSize(ws, ['label', 'document'])).toBe(0);

    const claim = createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: [{ start: 15, end: 37 }] });
    const link = createRelation(ws, { fromId: claim, toId: before });
    updateAnnotation(ws, claim, { note: 'checked' });
    const [entry] = outbox(ws, 'annotation').filter((e) => e.id === claim);
    // Created, its fragment written, then changed: one entry, counting its changes.
    expect(entry!.change).toBeGreaterThan(1);
    expect(outbox(ws, 'relation').map((e) => e.id)).toEqual([link]);

    deleteAnnotation(ws, claim);
    expect(outbox(ws, 'annotation').map((e) => e.id).sort()).toEqual([before, claim].sort());

    // A colleague's layer (as a pull writes it) is not this workspace's to send.
    const colleague = '01a21710-0000-7000-8000-0000000000c0';
    ws.db.prepare(`INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, 'Ben', 0, 't')`).run(colleague);
    ws.db
      .prepare(
        `INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, created_at, updated_at)
         VALUES ('01a21710-0000-7000-8000-0000000000c1', ?, ?, ?, 'Officials', 't', 't')`,
      )
      .run(documentId, colleague, labels.Source);
    expect(outbox(ws, 'annotation').map((e) => e.id)).not.toContain('01a21710-0000-7000-8000-0000000000c1');

    forgetTeamConnection(ws);
    expect(outboxSize(ws, ['annotation', 'relation', 'annotator'])).toBe(0);
    createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: [{ start: 15, end: 37 }] });
    expect(outboxSize(ws, ['annotation'])).toBe(0);
    ws.close();
  });

  it('puts the labels and articles into an admin’s outbox', () => {
    const { ws, documentId } = workspaceWithDocument(TEXT);
    saveTeamConnection(ws, 'postgres://ada@127.0.0.1:5432/team', 'ada', null, true);
    expect(outbox(ws, 'document').map((e) => e.id)).toEqual([documentId]);
    expect(outbox(ws, 'label')).toHaveLength(4);
    ws.close();
  });
});
