import Database from 'better-sqlite3';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestSchemaVersion, migrations } from '../../schema/migrations';
import { matchHash, textHash } from '../../schema/text';
import { tempDir } from '../testing/temp';
import { listAnnotations } from './annotations';
import { findDocumentByMatchHash } from './documents';
import { ingest } from './ingest';
import { migrate } from './migrate';
import { commitTextEdit, editsSinceVersion, listVersions } from './text-versions';
import { Workspace } from './workspace';

/** A workspace file at schema version `version`, as an older Byline left it. */
function workspaceAt(version: number): { path: string; db: Database.Database } {
  const path = join(tempDir(), `v${version}.sqlite`);
  const db = new Database(path);
  db.pragma('foreign_keys = ON');
  migrate(db, migrations.slice(0, version));
  return { path, db };
}

describe('migration 0002: links, attributes, history', () => {
  it('keeps every document, annotation and event of a version 1 workspace', () => {
    const { path, db } = workspaceAt(1);
    db.exec(`
      INSERT INTO annotators VALUES ('01a21703-0000-7000-8000-00000000000a', 'Ana', 1, 't');
      INSERT INTO documents (id, title, origin_format, created_at, updated_at)
        VALUES ('01a21703-0000-7000-8000-00000000000d', 'Doc', 'text', 't', 't');
      INSERT INTO document_versions VALUES ('01a21703-0000-7000-8000-00000000000d', 1, 'Hello world',
        '64ec88ca00b268e5ba1a35678a1b5316d212f4f366b2477232534a8aeca37f3c', 11, 't');
      INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, created_at, updated_at)
        VALUES ('01a21703-0000-7000-8000-0000000000a1', '01a21703-0000-7000-8000-00000000000d',
                '01a21703-0000-7000-8000-00000000000a', '01a21703-b102-74fb-bc80-b099fb9705bc', 'Hello', 't', 't');
      INSERT INTO fragments VALUES ('01a21703-0000-7000-8000-0000000000a1', 0, 0, 5);
      INSERT INTO events (at, annotator_id, document_id, entity, entity_id, action, after)
        VALUES ('t', '01a21703-0000-7000-8000-00000000000a', '01a21703-0000-7000-8000-00000000000d',
                'annotation', '01a21703-0000-7000-8000-0000000000a1', 'create', '{}');
    `);
    db.close();

    const ws = Workspace.open(path);
    try {
      expect(ws.schemaVersion).toBe(latestSchemaVersion);
      expect(ws.db.prepare('SELECT id, label_id FROM annotations').all()).toEqual([
        { id: '01a21703-0000-7000-8000-0000000000a1', label_id: '01a21703-b102-74fb-bc80-b099fb9705bc' },
      ]);
      expect(ws.db.prepare('SELECT action, action_id FROM events').all()).toEqual([
        { action: 'create', action_id: null },
      ]);
      const claim = ws.db.prepare("SELECT attributes FROM labels WHERE name = 'Claim'").pluck().get() as string;
      expect(JSON.parse(claim)).toEqual([
        {
          key: 'checkworthiness',
          name: 'Check-worthiness',
          type: 'choice',
          options: ['not factual', 'unimportant factual', 'check-worthy'],
        },
      ]);
      expect(ws.db.prepare("SELECT name FROM labels WHERE kind = 'relation'").pluck().all()).toEqual(['attributed to']);
    } finally {
      ws.close();
    }
  });

  it('refuses a link from an annotation to itself in the table itself', () => {
    const { db } = workspaceAt(2);
    expect(() =>
      db.exec(`
        INSERT INTO relations (id, document_id, annotator_id, label_id, from_id, to_id, created_at, updated_at)
        VALUES ('r', 'd', 'a', 'l', 'x', 'x', 't', 't')`),
    ).toThrow(/CHECK constraint failed|FOREIGN KEY/);
    db.close();
  });
});

describe('migration 0003: corpus', () => {
  it('rebuilds the labels table keeping every reference, and fills the counts and the search index', () => {
    const { path, db } = workspaceAt(2);
    db.exec(`
      INSERT INTO annotators VALUES ('01a21703-0000-7000-8000-00000000000a', 'Ana', 1, 't');
      INSERT INTO documents (id, title, origin_format, created_at, updated_at)
        VALUES ('01a21703-0000-7000-8000-00000000000d', 'Bridge toll', 'text', 't', 't');
      INSERT INTO document_versions VALUES ('01a21703-0000-7000-8000-00000000000d', 1, 'Officials said the bridge is safe',
        '64ec88ca00b268e5ba1a35678a1b5316d212f4f366b2477232534a8aeca37f3c', 33, 't');
      INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, note, created_at, updated_at)
        VALUES ('01a21703-0000-7000-8000-0000000000a1', '01a21703-0000-7000-8000-00000000000d',
                '01a21703-0000-7000-8000-00000000000a', '01a21703-b102-74fb-bc80-b099fb9705bc', 'Officials',
                'check the memo', 't', 't');
      INSERT INTO fragments VALUES ('01a21703-0000-7000-8000-0000000000a1', 0, 0, 9);
    `);
    db.close();

    const ws = Workspace.open(path);
    try {
      expect(ws.db.pragma('foreign_keys', { simple: true })).toBe(1);
      expect(ws.db.prepare('SELECT count(*) FROM labels').pluck().get()).toBe(4);
      expect(ws.db.pragma('foreign_key_check')).toEqual([]);
      expect(ws.db.prepare('SELECT annotation_count FROM documents').pluck().get()).toBe(1);
      const hit = (query: string) =>
        ws.db.prepare('SELECT d.title FROM search JOIN documents d ON d.rowid = search.rowid WHERE search MATCH ?').pluck().all(query);
      expect(hit('bridge')).toEqual(['Bridge toll']);
      expect(hit('memo')).toEqual(['Bridge toll']);
      // A span label and a link type may now share a name, as a brat event role and an entity do.
      ws.db.prepare(
        "INSERT INTO labels (id, name, color, hotkey, kind, position) VALUES ('x', 'Claim', '#000000', NULL, 'relation', 9)",
      ).run();
      expect(() =>
        ws.db.prepare("INSERT INTO labels (id, name, color, hotkey, kind, position) VALUES ('y', 'Claim', '#000000', NULL, 'span', 9)").run(),
      ).toThrow(/UNIQUE constraint failed/);
    } finally {
      ws.close();
    }
  });
});

describe('migration 0004: review', () => {
  it('keeps a version 3 workspace’s annotators, adds the reviewed-layer column and the verdicts table with its rules', () => {
    const { path, db } = workspaceAt(3);
    db.exec(`
      INSERT INTO annotators VALUES ('01a21703-0000-7000-8000-00000000000a', 'Ana', 1, 't');
      INSERT INTO annotators VALUES ('01a21703-0000-7000-8000-00000000000b', 'Ben', 0, 't');
      INSERT INTO documents (id, title, origin_format, created_at, updated_at)
        VALUES ('01a21703-0000-7000-8000-00000000000d', 'Doc', 'text', 't', 't');
    `);
    db.close();

    const ws = Workspace.open(path);
    try {
      expect(ws.db.prepare('SELECT name, reviewed_by FROM annotators ORDER BY name').all()).toEqual([
        { name: 'Ana', reviewed_by: null },
        { name: 'Ben', reviewed_by: null },
      ]);
      const verdict = (key: string, layerB: string, verdict = 'take_a') =>
        ws.db
          .prepare(
            `INSERT INTO review_verdicts (document_id, layer_a, layer_b, key, reviewer_id, reviewed_layer, kind, verdict, resolved_at)
             VALUES ('01a21703-0000-7000-8000-00000000000d', '01a21703-0000-7000-8000-00000000000a', ?, ?,
                     '01a21703-0000-7000-8000-00000000000a', '01a21703-0000-7000-8000-00000000000b', 'agree', ?, 't')`,
          )
          .run(layerB, key, verdict);
      verdict('span:x|y', '01a21703-0000-7000-8000-00000000000b');
      expect(() => verdict('span:x|y', '01a21703-0000-7000-8000-00000000000b')).toThrow(/UNIQUE constraint failed/);
      expect(() => verdict('span:z|', '01a21703-0000-7000-8000-00000000000a')).toThrow(/CHECK constraint failed/);
      expect(() => verdict('span:z|', '01a21703-0000-7000-8000-00000000000b', 'maybe')).toThrow(/CHECK constraint failed/);
      expect(() => verdict('span:z|', '01a21703-0000-7000-8000-0000000000ff')).toThrow(/FOREIGN KEY constraint failed/);
      // One reviewed layer per reviewer.
      ws.db.exec("UPDATE annotators SET reviewed_by = '01a21703-0000-7000-8000-00000000000a' WHERE name = 'Ben'");
      expect(() => ws.db.exec("INSERT INTO annotators (id, name, is_local, created_at, reviewed_by) VALUES ('c', 'Cy', 0, 't', '01a21703-0000-7000-8000-00000000000a')")).toThrow(
        /UNIQUE constraint failed/,
      );
      // Verdicts go with their article.
      ws.db.exec("DELETE FROM documents WHERE id = '01a21703-0000-7000-8000-00000000000d'");
      expect(ws.db.prepare('SELECT count(*) FROM review_verdicts').pluck().get()).toBe(0);
    } finally {
      ws.close();
    }
  });
});

describe('migration 0007: text versions', () => {
  it('keeps a version 6 workspace’s texts and versions, which then take edits on top', () => {
    const { path, db } = workspaceAt(6);
    const doc = '01a21703-0000-7000-8000-00000000000d';
    const texts = ['Officials said the ferry is late.', 'Officials said the ferry is on time.'];
    db.exec(`
      INSERT INTO annotators (id, name, is_local, created_at, named_at) VALUES ('01a21703-0000-7000-8000-00000000000a', 'Ana', 1, 't', 't');
      INSERT INTO documents (id, title, origin_format, version, created_at, updated_at)
        VALUES ('${doc}', 'Crossing', 'exchange', 2, 't', 't');
    `);
    const version = db.prepare('INSERT INTO document_versions VALUES (?, ?, ?, ?, ?, ?)');
    texts.forEach((text, i) => version.run(doc, i + 1, text, textHash(text), text.length, `t${i + 1}`));
    db.exec(`
      INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, created_at, updated_at)
        VALUES ('01a21703-0000-7000-8000-0000000000a1', '${doc}', '01a21703-0000-7000-8000-00000000000a',
                '01a21703-b102-74fb-bc80-b099fb9705bc', 'on time', 't', 't');
      INSERT INTO fragments VALUES ('01a21703-0000-7000-8000-0000000000a1', 0, 28, 35);
    `);
    db.close();

    const ws = Workspace.open(path);
    try {
      expect(ws.schemaVersion).toBe(latestSchemaVersion);
      expect(ws.db.prepare('SELECT * FROM document_versions ORDER BY version').all()).toEqual(
        texts.map((text, i) => ({
          document_id: doc,
          version: i + 1,
          text,
          sha256: textHash(text),
          length: text.length,
          created_at: `t${i + 1}`,
          base_version: null,
          edits: null,
          annotator_id: null,
          description: null,
          match_sha256: textHash(text),
        })),
      );
      expect(listVersions(ws, doc).map((v) => [v.version, v.baseVersion, v.author, v.current])).toEqual([
        [2, null, null, true],
        [1, null, null, false],
      ]);
      // Texts that arrived whole are not edits of each other.
      expect(editsSinceVersion(ws, doc, 1)).toBeNull();
      expect(findDocumentByMatchHash(ws, matchHash(texts[0]!))?.id).toBe(doc);

      commitTextEdit(ws, { documentId: doc, baseVersion: 2, edits: [{ start: 15, end: 24, text: 'the hovercraft' }] });
      expect(listVersions(ws, doc)[0]).toMatchObject({ version: 3, baseVersion: 2, author: 'Ana', current: true });
      expect(listAnnotations(ws, doc).map((a) => [a.quote, a.fragments])).toEqual([['on time', [{ start: 33, end: 40 }]]]);
      const hits = (word: string) => ws.db.prepare('SELECT count(*) FROM search WHERE search MATCH ?').pluck().get(word);
      expect([hits('hovercraft'), hits('ferry')]).toEqual([1, 0]);
      // A version row that is not current leaves the search row alone.
      ws.db
        .prepare('INSERT INTO document_versions (document_id, version, text, sha256, length, created_at) VALUES (?, 9, ?, ?, 5, ?)')
        .run(doc, 'Other', textHash('Other'), 't');
      expect([hits('hovercraft'), hits('other')]).toEqual([1, 0]);
      expect(() => ws.db.prepare("UPDATE document_versions SET edits = 'not json' WHERE version = 1").run()).toThrow(
        /CHECK constraint failed/,
      );
    } finally {
      ws.close();
    }
  });
});

describe('migration 0008: exact texts', () => {
  it('gives every text of a version 7 workspace its comparison hash, changing nothing else; files of the original text then find it', () => {
    const { path, db } = workspaceAt(7);
    const doc = '01a21708-0000-7000-8000-00000000000d';
    // What the previous version stored for a file with decomposed accents and CRLF: its NFC, LF form.
    const original = 'Jose\u0301 Mari\u0301a said the ferry is late.\r\n\r\nOfficials agreed.';
    const stored = 'José María said the ferry is late.\n\nOfficials agreed.';
    db.exec(`
      INSERT INTO annotators (id, name, is_local, created_at, named_at) VALUES ('01a21708-0000-7000-8000-00000000000a', 'Ana', 1, 't', 't');
      INSERT INTO documents (id, title, origin_format, version, created_at, updated_at)
        VALUES ('${doc}', 'Ferry', 'text', 1, 't', 't');
      INSERT INTO annotations (id, document_id, annotator_id, label_id, quote, created_at, updated_at)
        VALUES ('01a21708-0000-7000-8000-0000000000a1', '${doc}', '01a21708-0000-7000-8000-00000000000a',
                '01a21703-b102-74fb-bc80-b099fb9705bc', 'María said', 't', 't');
      INSERT INTO fragments VALUES ('01a21708-0000-7000-8000-0000000000a1', 0, 5, 15);
    `);
    db.prepare('INSERT INTO document_versions (document_id, version, text, sha256, length, created_at) VALUES (?, 1, ?, ?, ?, ?)').run(
      doc,
      stored,
      textHash(stored),
      Array.from(stored).length,
      't',
    );
    const before = db.prepare('SELECT * FROM annotations JOIN fragments ON annotation_id = id').all();
    db.close();

    const ws = Workspace.open(path);
    try {
      expect(ws.db.prepare('SELECT text, sha256, match_sha256 FROM document_versions').all()).toEqual([
        { text: stored, sha256: textHash(stored), match_sha256: textHash(stored) },
      ]);
      expect(ws.db.prepare('SELECT * FROM annotations JOIN fragments ON annotation_id = id').all()).toEqual(before);
      // The original file's text finds the article, and its spans land on the same words of the stored text.
      expect(findDocumentByMatchHash(ws, matchHash(original))?.id).toBe(doc);
      const start = Array.from(original.slice(0, original.indexOf('Officials'))).length;
      const result = ingest(
        ws,
        {
          source: 'ferry.ann',
          format: 'brat',
          title: 'Ferry',
          text: original,
          outlet: null,
          author: null,
          publishedAt: null,
          url: null,
          annotator: 'Ben',
          annotations: [{ ref: 'T1', label: 'Source', fragments: [{ start, end: start + 9 }], attributes: {}, note: null, extras: {} }],
          relations: [],
          labels: [],
        },
        { annotator: 'Ana' },
      );
      expect(result.newDocument).toBe(false);
      const ben = listAnnotations(ws, doc).filter((a) => a.quote === 'Officials');
      expect(ben.map((a) => a.fragments)).toEqual([[{ start: stored.indexOf('Officials'), end: stored.indexOf('Officials') + 9 }]]);
    } finally {
      ws.close();
    }
  });
});
