import { afterEach, describe, expect, it } from 'vitest';
import { handlersFor, valueOf } from '../testing/handlers';
import { markedSpans } from '../testing/marked-spans';
import { workspaceWithDocument } from '../testing/workspace';
import { createAnnotation, listAnnotations } from '../store/annotations';
import { insertDocument } from '../store/documents';
import { createLabel } from '../store/labels';
import { Workspace } from '../store/workspace';
import type { Suggestion } from '../../schema/suggestions';
import { loadModel } from './learned-model';
import { SuggestionService } from './suggestion-service';

const TEXT =
  'According to people familiar with the situation, the port will close on Friday. ' +
  'The mayor said the ferry will sail as planned.';

const opened: Workspace[] = [];
afterEach(() => {
  for (const ws of opened.splice(0)) ws.close();
});

function setUp(text = TEXT) {
  const fixture = workspaceWithDocument(text);
  opened.push(fixture.ws);
  const call = valueOf(handlersFor(fixture.ws));
  const suggest = () => new SuggestionService(fixture.ws).suggest(fixture.documentId);
  return { ...fixture, call, suggest };
}

const spanOf = (s: Suggestion) => ({ key: s.key, labelId: s.labelId, fragment: s.fragment, attributes: s.attributes });

describe('the suggestions of an article', () => {
  it('names the rules’ spans with the default labels, fills in the anonymous source’s attributes, and links claims to sources', () => {
    const { suggest, labels } = setUp();
    const found = suggest();
    expect(found.source).toEqual({ kind: 'rules' });
    expect(found.off).toBe(false);
    const byLabel = (id: string) => found.suggestions.filter((s) => s.labelId === id).map((s) => s.quote);
    expect(byLabel(labels['Anonymous attribution'])).toEqual(['people familiar with the situation']);
    expect(byLabel(labels.Source)).toEqual(['The mayor']);
    expect(byLabel(labels.Claim)).toEqual(['the port will close on Friday', 'the ferry will sail as planned']);
    const anonymous = found.suggestions.find((s) => s.labelId === labels['Anonymous attribution'])!;
    expect(anonymous.attributes).toEqual({ descriptor: 'people', justification: false });
    const quoteOf = (key: string) => found.suggestions.find((s) => s.key === key)?.quote;
    expect(found.links.map((l) => [quoteOf(l.from), quoteOf(l.to), l.labelId])).toEqual([
      ['the port will close on Friday', 'people familiar with the situation', labels['attributed to']],
      ['the ferry will sail as planned', 'The mayor', labels['attributed to']],
    ]);
  });

  it('accepts a suggestion into the person’s layer as one undoable action logged as suggested, with its link to an accepted source', async () => {
    const { ws, documentId, suggest, call, labels } = setUp();
    const first = suggest();
    const mayor = first.suggestions.find((s) => s.quote === 'The mayor')!;
    await call('suggestions.accept', { documentId, version: first.version, spans: [spanOf(mayor)], links: [] });
    const [source] = listAnnotations(ws, documentId);
    expect(source).toMatchObject({ quote: 'The mayor', labelId: labels.Source, annotatorId: ws.localAnnotator.id });

    // Accepted: it is no longer suggested, and the claim's link now goes to the annotation.
    const second = suggest();
    expect(second.suggestions.map((s) => s.quote)).not.toContain('The mayor');
    const claim = second.suggestions.find((s) => s.quote === 'the ferry will sail as planned')!;
    const link = second.links.find((l) => l.from === claim.key)!;
    expect(link.to).toBe(source!.id);
    const result = await call('suggestions.accept', { documentId, version: second.version, spans: [spanOf(claim)], links: [link] });
    expect(result.changes.relations.put).toHaveLength(1);
    expect(result.changes.relations.put[0]).toMatchObject({ toId: source!.id, labelId: labels['attributed to'] });

    const origins = ws
      .statement("SELECT entity, origin FROM events WHERE document_id = ? AND action = 'create' AND entity <> 'document' ORDER BY seq")
      .all(documentId);
    expect(origins).toEqual([
      { entity: 'annotation', origin: 'suggested' },
      { entity: 'annotation', origin: 'suggested' },
      { entity: 'relation', origin: 'suggested' },
    ]);
    await call('history.undo', { documentId });
    expect(listAnnotations(ws, documentId).map((a) => a.quote)).toEqual(['The mayor']);
  });

  it('leaves out what the person tagged there already, and what they rejected, for good', async () => {
    const { ws, documentId, suggest, call, labels } = setUp();
    createAnnotation(ws, { documentId, labelId: labels.Claim, fragments: [{ start: 50, end: 60 }] });
    const found = suggest();
    expect(found.suggestions.map((s) => s.quote)).not.toContain('the port will close on Friday');
    const mayor = found.suggestions.find((s) => s.quote === 'The mayor')!;
    await call('suggestions.reject', { documentId, version: found.version, spans: [{ labelId: mayor.labelId, fragment: mayor.fragment }] });
    expect(suggest().suggestions.map((s) => s.quote)).not.toContain('The mayor');

    // An edit before it moves its words: the rejection goes with them.
    await call('documents.editText', { id: documentId, baseVersion: found.version, edits: [{ start: 0, end: 0, text: 'On Monday: ' }] });
    const moved = suggest();
    expect(moved.version).toBe(found.version + 1);
    expect(moved.suggestions.map((s) => s.quote)).not.toContain('The mayor');
    // Words that are gone hold no rejection: the same label on other words is suggested.
    expect(moved.suggestions.map((s) => s.quote)).toContain('the ferry will sail as planned');

    const path = ws.path;
    ws.close();
    const again = Workspace.open(path, { userName: 'Tester' });
    opened.push(again);
    expect(new SuggestionService(again).suggest(documentId).suggestions.map((s) => s.quote)).not.toContain('The mayor');
  });

  it('refuses to accept or reject suggestions made for an earlier text of the article', async () => {
    const { documentId, suggest, call } = setUp();
    const found = suggest();
    const stale = { documentId, version: found.version + 1, spans: [spanOf(found.suggestions[0]!)], links: [] };
    await expect(call('suggestions.accept', stale)).rejects.toThrow(/version 1 now, not 2/);
  });

  it('is off for an article the person turned it off for, until they turn it on again', async () => {
    const { documentId, suggest, call } = setUp();
    await call('suggestions.setOff', { documentId, off: true });
    expect(suggest()).toMatchObject({ off: true, suggestions: [], links: [] });
    await call('suggestions.setOff', { documentId, off: false });
    expect(suggest().suggestions.length).toBeGreaterThan(0);
  });
});

describe('what the worker keeps between requests', () => {
  it('finds again only when the text or the labels changed, and leaves out what was tagged since without finding again', async () => {
    const { ws, documentId, call, labels } = setUp();
    const service = new SuggestionService(ws);
    const first = service.findingsOf(documentId);
    expect(service.findingsOf(documentId)).toBe(first);
    createAnnotation(ws, { documentId, labelId: labels.Source, fragments: [{ start: 80, end: 89 }] });
    expect(service.findingsOf(documentId)).toBe(first);
    expect(service.suggest(documentId).suggestions.map((s) => s.quote)).not.toContain('The mayor');

    await call('labels.update', { id: labels.Claim, name: 'Statement' });
    const renamed = service.findingsOf(documentId);
    expect(renamed).not.toBe(first);
    await call('documents.editText', { id: documentId, baseVersion: 1, edits: [{ start: 0, end: 0, text: 'Today: ' }] });
    expect(service.findingsOf(documentId)).not.toBe(renamed);
    expect(service.suggest(documentId).version).toBe(2);
  });
});

describe('the tagger learned from the workspace', () => {
  const TAGGED = [
    '[Cue According to] [Source the union], the strike will go on.',
    '[Source The mayor] [Cue said] the budget is balanced.',
    '[Source Maria Lindqvist] [Cue told] reporters the ferry will sail.',
    '[Source Police] [Cue said] the road was closed.',
    '[Source A spokesman] [Cue added] that prices will rise.',
    '[Source The minister] [Cue said] nothing.',
    '[Source The company] [Cue said] profits fell.',
    '[Source The court] [Cue said] the law stands.',
  ];

  it('learns a label the rules do not know from the annotations, keeps the model in the workspace, and suggests with it', () => {
    const { ws } = setUp('Nothing here.');
    const cue = createLabel(ws, { name: 'Cue', color: '#117733', kind: 'span', hotkey: null, attributes: [] });
    const source = createLabel(ws, { name: 'Speaker', color: '#882255', kind: 'span', hotkey: null, attributes: [] });
    const ids: Record<string, string> = { Cue: cue.id, Source: source.id };
    for (const [k, sentence] of [...TAGGED, ...TAGGED, ...TAGGED, ...TAGGED].entries()) {
      const { text, spans } = markedSpans(sentence.replace('.', ` (${k}).`));
      const documentId = insertDocument(ws, { title: `T${k}`, text, originFormat: 'text' }).id;
      for (const span of spans) createAnnotation(ws, { documentId, labelId: ids[span.label]!, fragments: [span] });
    }
    const service = new SuggestionService(ws);
    expect(service.learnIfDue()).toBe(true);
    expect(service.learnIfDue()).toBe(false);
    expect(loadModel(ws)?.model.examples).toMatchObject({ texts: 32, spans: 64 });

    const documentId = insertDocument(ws, { title: 'New', text: 'The council said the school will close.', originFormat: 'text' }).id;
    const found = new SuggestionService(ws).suggest(documentId);
    expect(found.source).toMatchObject({ kind: 'learned', texts: 32, spans: 64, labels: ['Cue', 'Speaker'] });
    const named = (labelId: string) => found.suggestions.filter((s) => s.labelId === labelId).map((s) => s.quote);
    expect(named(cue.id)).toEqual(['said']);
    expect(named(source.id)).toEqual(['The council']);
  });
});
