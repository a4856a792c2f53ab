import { parse as parseCsv } from 'csv-parse/sync';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { v7 as uuidv7 } from 'uuid';
import { afterEach, describe, expect, it } from 'vitest';
import type { Fragment } from '../../schema/model';
import type { ReviewSession, ReviewUpdate } from '../../schema/review';
import { runExport } from '../export/run-export';
import { readExchange } from '../formats/exchange';
import { span } from '../testing/rich-workspace';
import { tempDir } from '../testing/temp';
import { workspaceWithDocument } from '../testing/workspace';
import { createAnnotation, putAnnotation, updateAnnotation } from './annotations';
import { listAnnotators, renameLocalAnnotator } from './annotators';
import { historyState, recordAction } from './history';
import { createRelation, putRelation } from './relations';
import { acceptAgreements, openReview, putImportedReview, reviewArticle, resolveDifference, reviewedLayer, unresolveDifference, verdictsInDocument } from './review';
import type { Workspace } from './workspace';

const TEXT = 'Officials said the bridge is safe, according to the city council on Monday. 👍 Others disagreed.';

const opened: Workspace[] = [];
afterEach(() => {
  for (const ws of opened.splice(0)) ws.close();
});

/**
 * The reviewer's workspace: their own layer (A, the local annotator "Tester") and a colleague's
 * (B, "Ben"), both with tags on one article.
 */
function reviewSetup() {
  const setup = workspaceWithDocument(TEXT);
  opened.push(setup.ws);
  const { ws, documentId, labels } = setup;
  const ben = uuidv7();
  ws.db.prepare("INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, 'Ben', 0, 't')").run(ben);
  const mine = (label: keyof typeof labels, phrase: string) =>
    createAnnotation(ws, { documentId, labelId: labels[label], fragments: [span(TEXT, phrase)] });
  const theirs = (label: keyof typeof labels, fragments: Fragment[], attributes: Record<string, unknown> = {}, note: string | null = null) => {
    const id = uuidv7();
    const quote = fragments.map((f) => Array.from(TEXT).slice(f.start, f.end).join('')).join(' ');
    const now = new Date().toISOString();
    putAnnotation(ws, id, { id, documentId, annotatorId: ben, labelId: labels[label], fragments, quote, note, attributes, createdAt: now, updatedAt: now });
    return id;
  };
  const theirLink = (fromId: string, toId: string) => {
    const id = uuidv7();
    const now = new Date().toISOString();
    putRelation(ws, id, { id, documentId, annotatorId: ben, labelId: labels['attributed to'], fromId, toId, attributes: {}, createdAt: now, updatedAt: now });
    return id;
  };
  const target = { documentId, layerA: ws.localAnnotator.id, layerB: ben };
  return { ws, documentId, labels, ben, mine, theirs, theirLink, target };
}

/** The ids of the reviewed layer's annotations, or of its links. */
function reviewedIds(ws: Workspace, session: ReviewSession | ReviewUpdate, table: 'annotations' | 'relations' = 'annotations') {
  return new Set(ws.db.prepare(`SELECT id FROM ${table} WHERE annotator_id = ?`).pluck().all(session.reviewed.id) as string[]);
}

/** The reviewed layer's links as the quotes of their two ends, and the layer of each end. */
function reviewedLinks(ws: Workspace, session: ReviewSession | ReviewUpdate) {
  return ws.db
    .prepare(
      `SELECT f.quote AS fromQuote, t.quote AS toQuote, f.annotator_id AS fromLayer, t.annotator_id AS toLayer
       FROM relations r JOIN annotations f ON f.id = r.from_id JOIN annotations t ON t.id = r.to_id WHERE r.annotator_id = ?`,
    )
    .all(session.reviewed.id) as { fromQuote: string; toQuote: string; fromLayer: string; toLayer: string }[];
}

/** The reviewed layer's annotations as label name, quote, attributes and note. */
function reviewedSpans(ws: Workspace, session: ReviewSession | ReviewUpdate) {
  const names = new Map((ws.db.prepare('SELECT id, name FROM labels').all() as { id: string; name: string }[]).map((l) => [l.id, l.name]));
  const rows = ws.db
    .prepare(
      `SELECT a.id, a.label_id AS labelId, a.quote, a.attributes, a.note FROM annotations a
       WHERE a.annotator_id = ? ORDER BY (SELECT min(start) FROM fragments WHERE annotation_id = a.id), a.quote`,
    )
    .all(session.reviewed.id) as { labelId: string; quote: string; attributes: string; note: string | null }[];
  return rows.map((r) => ({ label: names.get(r.labelId), quote: r.quote, attributes: JSON.parse(r.attributes) as unknown, note: r.note }));
}

const byKind = (session: ReviewSession, kind: string) => session.differences.filter((d) => d.kind === kind);

/** The verdicts an update says changed, by key. */
const changed = (update: ReviewUpdate) => new Map(update.resolutions.map((r) => [r.key, r.resolution]));

describe('openReview', () => {
  it('lists the differences with nothing resolved, and makes the reviewer’s reviewed layer, which exports like any layer', async () => {
    const { ws, mine, theirs, target, documentId } = reviewSetup();
    mine('Claim', 'the bridge is safe');
    theirs('Claim', [span(TEXT, 'the bridge is safe')]);
    mine('Source', 'Officials');

    const session = openReview(ws, target);
    expect(session).toMatchObject({ resolved: 0, total: 2, status: 'not reviewed', layerA: { name: 'Tester' }, layerB: { name: 'Ben' } });
    expect(session.reviewed).toEqual({ id: expect.any(String), name: 'Tester (reviewed)', isLocal: false });
    expect(session.differences.map((d) => [d.kind, d.summary, d.resolution])).toEqual([
      ['only_a', 'Source “Officials” only in A', null],
      ['agree', 'Claim “the bridge is safe” in both', null],
    ]);
    expect(ws.db.prepare('SELECT reviewed_by FROM annotators WHERE id = ?').pluck().get(session.reviewed.id)).toBe(ws.localAnnotator.id);
    // Opening again finds the same layer; the export dialog and the command line list it.
    expect(openReview(ws, target).reviewed.id).toBe(session.reviewed.id);
    expect(listAnnotators(ws).map((a) => a.name)).toEqual(['Tester', 'Ben', 'Tester (reviewed)']);

    resolveDifference(ws, { ...target, key: session.differences[1]!.key, verdict: 'take_a' });
    const path = join(tempDir(), 'reviewed.csv');
    const result = await runExport(ws, { format: 'csv', path, scope: { kind: 'all' }, annotatorIds: [session.reviewed.id], onlyDone: false });
    expect(result).toMatchObject({ documents: 1, annotations: 1 });
    const rows = parseCsv(readFileSync(path, 'utf8'), { columns: true, bom: true }) as Record<string, string>[];
    expect(rows.map((r) => [r.document_id, r.annotator, r.label, r.quote])).toEqual([[documentId, 'Tester (reviewed)', 'Claim', 'the bridge is safe']]);
  });

  it('exports the verdicts with the layers they involve in an exchange file, and only there', async () => {
    const { ws, mine, theirs, target, documentId } = reviewSetup();
    mine('Claim', 'the bridge is safe');
    theirs('Source', [span(TEXT, 'the bridge is safe')]);
    const { key } = openReview(ws, target).differences[0]!;
    const { reviewed } = resolveDifference(ws, { ...target, key, verdict: 'take_b', comment: 'a source 👍' });
    const exported = async (annotatorIds: string[] | null) => {
      const path = join(tempDir(), 'review.byline.json');
      await runExport(ws, { format: 'exchange', path, scope: { kind: 'all' }, annotatorIds, onlyDone: false });
      return readExchange(readFileSync(path, 'utf8'), path).documents.find((d) => d.id === documentId)!;
    };
    const withReviewed = await exported([reviewed.id]);
    expect(withReviewed.annotations.map((a) => a.quote)).toEqual(['the bridge is safe']);
    expect(withReviewed.reviews).toEqual([
      {
        layerA: { id: target.layerA, name: 'Tester' },
        layerB: { id: target.layerB, name: 'Ben' },
        key,
        kind: 'label',
        verdict: 'take_b',
        comment: 'a source 👍',
        reviewer: { id: ws.localAnnotator.id, name: 'Tester' },
        reviewedLayer: { id: reviewed.id, name: 'Tester (reviewed)' },
        a: openReview(ws, target).differences[0]!.a,
        b: openReview(ws, target).differences[0]!.b,
        reviewed: withReviewed.annotations.map((a) => a.id),
        resolvedAt: expect.any(String),
      },
    ]);
    expect((await exported([target.layerB])).reviews).toHaveLength(1);
    expect((await exported(null)).reviews).toHaveLength(1);
    // A layer no review involves carries none.
    const other = uuidv7();
    ws.db.prepare("INSERT INTO annotators (id, name, is_local, created_at) VALUES (?, 'Cy', 0, 't')").run(other);
    expect((await exported([other])).reviews).toBeUndefined();
  });

  it('refuses the same layer twice, the reviewed layer as A or B, and unknown layers or articles', () => {
    const { ws, target, ben } = reviewSetup();
    expect(() => openReview(ws, { ...target, layerB: target.layerA })).toThrow('Choose two different layers to review: A and B are the same layer.');
    const reviewed = reviewedLayer(ws);
    expect(() => openReview(ws, { ...target, layerA: reviewed.id })).toThrow('“Tester (reviewed)” is where this review writes its verdicts: compare two other layers.');
    const nobody = uuidv7();
    expect(() => openReview(ws, { ...target, layerB: nobody })).toThrow(`There is no annotator with id ${nobody} to review as layer B.`);
    expect(() => openReview(ws, { ...target, documentId: ben })).toThrow(/no document/);
  });

  it('names the reviewed layer after the reviewer, also once they rename themselves', () => {
    const { ws, target } = reviewSetup();
    openReview(ws, target);
    renameLocalAnnotator(ws, 'Tess');
    expect(openReview(ws, target).reviewed.name).toBe('Tess (reviewed)');
    expect(listAnnotators(ws).map((a) => a.name)).toContain('Tess (reviewed)');
  });
});

describe('reviewArticle', () => {
  it('is the article the session shows, before the layers are compared; an unknown article is refused', () => {
    const { ws, documentId, mine, theirs, target } = reviewSetup();
    mine('Claim', 'the bridge is safe');
    theirs('Claim', [span(TEXT, 'bridge is safe')]);
    const article = reviewArticle(ws, documentId);
    expect(article).toEqual({ id: documentId, title: expect.any(String), text: TEXT });
    expect(openReview(ws, target).document).toEqual(article);
    expect(() => reviewArticle(ws, uuidv7())).toThrow(/no document|not found|There is no/i);
  });
});

describe('resolveDifference', () => {
  it('takes A, B, both, the reviewer’s own span, or nothing into the reviewed layer, with the comment', () => {
    const { ws, mine, theirs, target, labels } = reviewSetup();
    const claim = mine('Claim', 'the bridge is safe');
    updateAnnotation(ws, claim, { attributes: { checkworthiness: 'check-worthy' }, note: 'my note' });
    theirs('Source', [span(TEXT, 'the bridge is safe')]); // label differs
    mine('Source', 'Officials');
    theirs('Source', [span(TEXT, 'Officials said')], { kind: 'organization' }, 'their note'); // boundaries
    theirs('Claim', [span(TEXT, 'Others disagreed')]); // only in B
    mine('Source', 'the city council'); // only in A
    theirs('Source', [span(TEXT, 'on Monday')]); // only in B

    let session = openReview(ws, target);
    expect(session.differences.map((d) => [d.kind, d.a.length, d.b.length])).toEqual([
      ['boundaries', 1, 1],
      ['label', 1, 1],
      ['only_a', 1, 0],
      ['only_b', 0, 1],
      ['only_b', 0, 1],
    ]);
    const [boundaries, label, onlyA, onlyMonday, onlyOthers] = session.differences.map((d) => d.key);
    let update = resolveDifference(ws, { ...target, key: label!, verdict: 'take_a', comment: 'a claim, not a source' });
    expect(update).toMatchObject({ resolved: 1, total: 5, status: 'in review', reviewed: session.reviewed });
    expect([...changed(update).keys()]).toEqual([label]);
    resolveDifference(ws, { ...target, key: boundaries!, verdict: 'take_b' });
    resolveDifference(ws, { ...target, key: onlyA!, verdict: 'reject', comment: 'not a source' });
    resolveDifference(ws, { ...target, key: onlyOthers!, verdict: 'take_both' });
    const edited = span(TEXT, 'Monday');
    update = resolveDifference(ws, { ...target, key: onlyMonday!, verdict: 'edit', edit: { labelId: labels.Claim, fragments: [edited] } });

    expect(update).toMatchObject({ resolved: 5, total: 5, status: 'reviewed' });
    session = openReview(ws, target);
    expect(session).toMatchObject({ resolved: 5, total: 5, status: 'reviewed' });
    // The update carries the verdict the difference has from now on.
    expect(update.resolutions).toEqual([{ key: onlyMonday, resolution: session.differences.find((d) => d.key === onlyMonday)!.resolution }]);
    expect(reviewedSpans(ws, session)).toEqual([
      { label: 'Source', quote: 'Officials said', attributes: { kind: 'organization' }, note: 'their note' },
      { label: 'Claim', quote: 'the bridge is safe', attributes: { checkworthiness: 'check-worthy' }, note: 'my note' },
      { label: 'Claim', quote: 'Monday', attributes: {}, note: null },
      { label: 'Claim', quote: 'Others disagreed', attributes: {}, note: null },
    ]);
    const resolution = session.differences.find((d) => d.key === label)!.resolution!;
    expect(resolution).toMatchObject({ verdict: 'take_a', comment: 'a claim, not a source', reviewerId: ws.localAnnotator.id });
    expect(resolution.reviewedIds).toHaveLength(1);
    expect(session.differences.find((d) => d.key === onlyA)!.resolution).toMatchObject({ verdict: 'reject', comment: 'not a source', reviewedIds: [] });
    // The verdicts name what they wrote: the reviewed layer's four spans.
    expect(new Set(session.differences.flatMap((d) => d.resolution!.reviewedIds))).toEqual(reviewedIds(ws, session));
    expect(reviewedIds(ws, session).size).toBe(4);

    const rows = ws.db.prepare('SELECT key, verdict, comment, reviewer_id AS reviewer, kind FROM review_verdicts ORDER BY resolved_at, key').all();
    expect(rows).toHaveLength(5);
    expect(rows[0]).toEqual({ key: label, verdict: 'take_a', comment: 'a claim, not a source', reviewer: ws.localAnnotator.id, kind: 'label' });
  });

  it('replaces an earlier verdict and what it wrote; unresolve takes both back; all of it logged, none of it in Undo', () => {
    const { ws, mine, theirs, target, documentId } = reviewSetup();
    recordAction(ws, documentId, 'Tag “the bridge is safe” as Claim', () => mine('Claim', 'the bridge is safe'));
    theirs('Source', [span(TEXT, 'the bridge is safe')]);
    const undoBefore = historyState(ws, documentId);
    const { key } = openReview(ws, target).differences[0]!;

    let session = resolveDifference(ws, { ...target, key, verdict: 'take_both', comment: 'both' });
    expect(reviewedSpans(ws, session).map((s) => s.label)).toEqual(['Claim', 'Source']);
    const first = changed(session).get(key)!.reviewedIds;
    expect(new Set(first)).toEqual(reviewedIds(ws, session));
    session = resolveDifference(ws, { ...target, key, verdict: 'take_b', comment: null });
    expect(reviewedSpans(ws, session).map((s) => s.label)).toEqual(['Source']);
    expect(ws.db.prepare(`SELECT count(*) FROM annotations WHERE id IN (${first.map(() => '?').join(',')})`).pluck().get(...first)).toBe(0);
    expect(changed(session).get(key)).toMatchObject({ verdict: 'take_b', comment: null });
    expect(openReview(ws, target).differences[0]!.resolution).toMatchObject({ verdict: 'take_b', comment: null });
    expect(session.resolved).toBe(1);

    session = unresolveDifference(ws, { ...target, key });
    expect(session).toMatchObject({ resolved: 0, total: 1, status: 'not reviewed' });
    expect(session.resolutions).toEqual([{ key, resolution: null }]);
    expect(openReview(ws, target).differences[0]!.resolution).toBeNull();
    expect(reviewedSpans(ws, session)).toEqual([]);
    expect(ws.db.prepare('SELECT count(*) FROM review_verdicts').pluck().get()).toBe(0);
    expect(() => unresolveDifference(ws, { ...target, key })).toThrow(`The difference ${key} has no verdict to withdraw.`);

    // The log has every copy made and removed, and each verdict's before and after.
    const events = ws.db
      .prepare(
        `SELECT e.entity, e.action, e.before, e.after, a.state FROM events e JOIN actions a ON a.id = e.action_id
         WHERE a.description LIKE 'Review:%' ORDER BY e.seq`,
      )
      .all() as { entity: string; action: string; before: string | null; after: string | null; state: string }[];
    expect(events.map((e) => `${e.entity} ${e.action}`)).toEqual([
      'annotation create', 'annotation create', 'document change', // take both
      'annotation delete', 'annotation delete', 'annotation create', 'document change', // take B instead
      'annotation delete', 'document change', // withdrawn
    ]);
    expect(new Set(events.map((e) => e.state))).toEqual(new Set(['discarded']));
    const verdicts = events.filter((e) => e.entity === 'document').map((e) => [JSON.parse(e.before!), JSON.parse(e.after!)] as { review: { verdict: string } | null }[]);
    expect(verdicts.map(([before, after]) => [before!.review?.verdict ?? null, after!.review?.verdict ?? null])).toEqual([
      [null, 'take_both'],
      ['take_both', 'take_b'],
      ['take_b', null],
    ]);
    expect(historyState(ws, documentId)).toEqual(undoBefore);
  });

  it('takes a link between the copies of its ends, only once the ends are resolved, and drops it with them', () => {
    const { ws, mine, theirs, theirLink, target, labels, documentId } = reviewSetup();
    const claimA = mine('Claim', 'the bridge is safe');
    const sourceA = mine('Source', 'Officials');
    createRelation(ws, { fromId: claimA, toId: sourceA, labelId: labels['attributed to'] });
    const claimB = theirs('Claim', [span(TEXT, 'the bridge is safe')]);
    const sourceB = theirs('Source', [span(TEXT, 'the city council')]);
    theirs('Source', [span(TEXT, 'Officials')]);
    theirLink(claimB, sourceB);

    const session = openReview(ws, target);
    const links = session.differences.filter((d) => d.key.startsWith('link:'));
    expect(links.map((d) => [d.kind, d.a.length, d.b.length])).toEqual([
      ['link', 1, 0],
      ['link', 0, 1],
    ]);
    const [linkA, linkB] = links.map((d) => d.key);
    expect(() => resolveDifference(ws, { ...target, key: linkB!, verdict: 'take_b' })).toThrow(
      'Resolve the span “the bridge is safe” first: a link is taken between the spans the reviewed layer has at its ends.',
    );
    expect(() => resolveDifference(ws, { ...target, key: linkA!, verdict: 'edit', edit: { labelId: labels.Claim, fragments: [{ start: 0, end: 3 }] } })).toThrow(
      'A link difference cannot be edited into a span',
    );
    const key = (kind: string, quote: string) => session.differences.find((d) => d.kind === kind && d.summary.includes(quote))!.key;
    const claimKey = key('agree', 'the bridge is safe');
    const cityKey = key('only_b', 'the city council');
    resolveDifference(ws, { ...target, key: claimKey, verdict: 'take_a' });
    resolveDifference(ws, { ...target, key: cityKey, verdict: 'reject' });
    expect(() => resolveDifference(ws, { ...target, key: linkB!, verdict: 'take_b' })).toThrow(
      'The reviewed layer has nothing at “the city council” (its verdict: reject), so a link to it cannot be taken.',
    );
    resolveDifference(ws, { ...target, key: cityKey, verdict: 'take_b' });
    let update = resolveDifference(ws, { ...target, key: linkB!, verdict: 'take_b', comment: 'the council said it' });
    expect(reviewedLinks(ws, update)).toEqual([
      { fromQuote: 'the bridge is safe', toQuote: 'the city council', fromLayer: update.reviewed.id, toLayer: update.reviewed.id },
    ]);
    expect(new Set(changed(update).get(linkB!)!.reviewedIds)).toEqual(reviewedIds(ws, update, 'relations'));

    // Taking B instead of A for the claim replaces its copy: the link written to it goes, and its verdict.
    update = resolveDifference(ws, { ...target, key: claimKey, verdict: 'take_b' });
    expect(reviewedLinks(ws, update)).toEqual([]);
    expect(changed(update).get(linkB!)).toBeNull();
    expect(changed(update).get(claimKey)).toMatchObject({ verdict: 'take_b' });
    expect(update.resolutions).toHaveLength(2);
    expect(openReview(ws, target).differences.find((d) => d.key === linkB)!.resolution).toBeNull();
    expect(verdictsInDocument(ws, documentId).map((v) => v.key).sort()).toEqual([claimKey, cityKey].sort());
  });

  it('refuses a key the review does not have, an edit without a span, a span past the end, and a link type as label', () => {
    const { ws, mine, target, labels } = reviewSetup();
    mine('Claim', 'the bridge is safe');
    const { key } = openReview(ws, target).differences[0]!;
    expect(() => resolveDifference(ws, { ...target, key: 'span:x|', verdict: 'take_a' })).toThrow(
      'This review has no difference span:x| (the layers may have changed since it was opened): open the review again.',
    );
    expect(() => resolveDifference(ws, { ...target, key, verdict: 'edit' })).toThrow('An edit verdict needs the span to store instead: its label and fragments.');
    const length = Array.from(TEXT).length;
    expect(() => resolveDifference(ws, { ...target, key, verdict: 'edit', edit: { labelId: labels.Claim, fragments: [{ start: 90, end: length + 1 }] } })).toThrow(
      `Fragment 90–${length + 1} ends past the end of the document (${length} characters).`,
    );
    expect(() => resolveDifference(ws, { ...target, key, verdict: 'edit', edit: { labelId: labels['attributed to'], fragments: [{ start: 0, end: 3 }] } })).toThrow(
      '“attributed to” is a link type, not a label for spans.',
    );
    expect(() => resolveDifference(ws, { ...target, key, verdict: 'take_a', edit: { labelId: labels.Claim, fragments: [{ start: 0, end: 3 }] } })).toThrow(
      'A span to store is given only with the verdict edit, not take_a.',
    );
    expect(ws.db.prepare('SELECT count(*) FROM review_verdicts').pluck().get()).toBe(0);
    expect(ws.db.prepare("SELECT count(*) FROM annotations WHERE annotator_id <> ?").pluck().get(ws.localAnnotator.id)).toBe(0);
  });
});

describe('putImportedReview', () => {
  it('takes verdicts of one reviewer with reviewed layers from two workspaces, keeping the first as theirs', () => {
    const { ws, documentId, target } = reviewSetup();
    const bea = { id: uuidv7(), name: 'Bea' };
    const review = (reviewedLayer: { id: string; name: string }, key: string) => ({
      layerA: { id: target.layerA, name: 'Tester' },
      layerB: { id: target.layerB, name: 'Ben' },
      key,
      kind: 'only_a' as const,
      verdict: 'reject' as const,
      comment: `from ${reviewedLayer.name}`,
      reviewer: bea,
      reviewedLayer,
      a: [],
      b: [],
      reviewed: [],
      resolvedAt: new Date().toISOString(),
    });
    const office = { id: uuidv7(), name: 'Bea (reviewed)' };
    const laptop = { id: uuidv7(), name: 'Bea (reviewed)' };
    expect(putImportedReview(ws, documentId, review(office, 'span:x|'))).toBe('added');
    const fromLaptop = review(laptop, 'span:y|');
    expect(putImportedReview(ws, documentId, fromLaptop)).toBe('added');
    expect(putImportedReview(ws, documentId, fromLaptop)).toBe('unchanged');
    expect(ws.db.prepare('SELECT id FROM annotators WHERE reviewed_by = ?').pluck().all(bea.id)).toEqual([office.id]);
    expect(verdictsInDocument(ws, documentId).map((v) => v.comment).sort()).toEqual(['from Bea (reviewed)', 'from Bea (reviewed)']);
    // Verdicts of other reviewers are not this reviewer's: the review view counts none of them.
    expect(openReview(ws, target).resolved).toBe(0);
  });
});

describe('acceptAgreements', () => {
  it('takes every agreement without a verdict, links with their ends, in one step, and leaves the rest', () => {
    const { ws, mine, theirs, theirLink, target, labels } = reviewSetup();
    const claimA = mine('Claim', 'the bridge is safe');
    const sourceA = mine('Source', 'Officials');
    createRelation(ws, { fromId: claimA, toId: sourceA, labelId: labels['attributed to'] });
    mine('Source', 'the city council');
    const claimB = theirs('Claim', [span(TEXT, 'the bridge is safe')]);
    const sourceB = theirs('Source', [span(TEXT, 'Officials')]);
    theirLink(claimB, sourceB);
    theirs('Claim', [span(TEXT, 'Others disagreed')]);
    const council = theirs('Claim', [span(TEXT, 'the city council')]);

    const before = openReview(ws, target);
    expect(before.differences.map((d) => d.kind)).toEqual(['agree', 'agree', 'agree', 'label', 'only_b']);
    // One agreement resolved by hand already keeps its verdict.
    const officials = before.differences.find((d) => d.summary.startsWith('Source “Officials”'))!;
    resolveDifference(ws, { ...target, key: officials.key, verdict: 'take_b', comment: 'theirs' });

    const update = acceptAgreements(ws, target);
    expect(update).toMatchObject({ resolved: 3, total: 5, status: 'in review' });
    // The update names the two it resolved, not the one resolved before.
    const agreements = byKind(before, 'agree').filter((d) => d.key !== officials.key).map((d) => d.key);
    expect(update.resolutions.map((r) => [r.key, r.resolution?.verdict])).toEqual(agreements.map((key) => [key, 'take_a']));
    const session = openReview(ws, target);
    expect(session.differences.filter((d) => d.kind === 'agree').map((d) => d.resolution?.verdict)).toEqual(['take_b', 'take_a', 'take_a']);
    expect(byKind(session, 'label')[0]!.resolution).toBeNull();
    expect(reviewedSpans(ws, session).map((s) => s.quote)).toEqual(['Officials', 'the bridge is safe']);
    expect(reviewedLinks(ws, session)).toEqual([
      { fromQuote: 'the bridge is safe', toQuote: 'Officials', fromLayer: session.reviewed.id, toLayer: session.reviewed.id },
    ]);
    expect(ws.db.prepare("SELECT count(*) FROM actions WHERE description = 'Review: accept 2 agreements'").pluck().get()).toBe(1);
    // Nothing left to accept: nothing is written.
    const events = ws.db.prepare('SELECT count(*) FROM events').pluck().get();
    expect(acceptAgreements(ws, target)).toMatchObject({ resolved: 3, resolutions: [] });
    expect(ws.db.prepare('SELECT count(*) FROM events').pluck().get()).toBe(events);

    // Resolving the rest marks the article reviewed.
    resolveDifference(ws, { ...target, key: byKind(session, 'label')[0]!.key, verdict: 'take_a' });
    const last = resolveDifference(ws, { ...target, key: byKind(session, 'only_b')[0]!.key, verdict: 'reject' });
    expect(last).toMatchObject({ resolved: 5, total: 5, status: 'reviewed' });
    expect(byKind(openReview(ws, target), 'label')[0]!.b).toEqual([council]);
  });
});
