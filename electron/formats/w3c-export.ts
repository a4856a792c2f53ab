/**
 * W3C Web Annotation Data Model (https://www.w3.org/TR/annotation-model/) as JSON-LD: one
 * AnnotationCollection whose `first` page holds every annotation in `items`. It streams: the
 * header, then the items one per line separated by commas, then a footer that closes the page and
 * gives the collection's `total` (JSON keys have no order, so the count can come last).
 *
 * A span annotation is an Annotation `urn:uuid:<id>`:
 * - `motivation` "tagging", or "commenting" when it has a note;
 * - `body`: a TextualBody with purpose "tagging" and the label as its value; a TextualBody with
 *   purpose "commenting" for the note; and one `schema:PropertyValue` per attribute
 *   (`schema:propertyID` the attribute's key, `schema:value` its value, as JSON types it). The
 *   `schema:` prefix is part of anno.jsonld, so no context beyond the standard one is needed;
 * - `creator` the annotator (a Person, `urn:uuid:<annotator id>`), `created` and `modified`;
 * - `target`: the document's text by its hash (`urn:sha256:<hex>`, the text Byline hashes: UTF-8,
 *   LF, NFC), with `schema:sameAs` its URL if it has one, and two selectors for the same span, a
 *   TextQuoteSelector (`exact`, and up to 32 code points of `prefix` and `suffix`) and a
 *   TextPositionSelector (`start`, `end`). A discontinuous annotation has one target per fragment.
 * Positions count Unicode code points, as the model requires of TextPositionSelector (and as the
 * collection's description repeats).
 *
 * A link is a linking Annotation: `motivation` "linking", a TextualBody with purpose "tagging"
 * naming the link type (plus attribute bodies), and `target` [`urn:uuid:<from>`, `urn:uuid:<to>`]
 * in that order.
 */
import type { AttributeValue, Fragment } from '../../schema/model';
import { OffsetMap, sliceCodePoints } from '../../schema/text';
import type { ExportAnnotation, ExportContext, ExportDocument, ExportRelation, ExportWriter, TextSink } from './export-types';

export const ANNO_CONTEXT = 'http://www.w3.org/ns/anno.jsonld';
/** Code points of context kept on each side of a quote. */
export const QUOTE_CONTEXT = 32;
const CHUNK = 64 * 1024;

export const OFFSET_STATEMENT =
  'TextPositionSelector start and end count Unicode code points of the document text (UTF-8, LF line ends, NFC), whose sha-256 is the source id';

const urn = (id: string) => `urn:uuid:${id}`;

const agent = (id: string, name: string) => ({ id: urn(id), type: 'Person', name });

const attributeBodies = (attributes: Record<string, AttributeValue>) =>
  Object.entries(attributes).map(([key, value]) => ({ type: 'schema:PropertyValue', 'schema:propertyID': key, 'schema:value': value }));

function spanAnnotation(doc: ExportDocument, map: OffsetMap, source: object, a: ExportAnnotation) {
  const body: object[] = [{ type: 'TextualBody', purpose: 'tagging', value: a.label }];
  if (a.note !== null) body.push({ type: 'TextualBody', purpose: 'commenting', value: a.note, format: 'text/plain' });
  body.push(...attributeBodies(a.attributes));
  const targets = a.fragments.map((f) => ({ source, selector: selectors(doc.text, map, f) }));
  return {
    id: urn(a.id),
    type: 'Annotation',
    motivation: a.note !== null ? 'commenting' : 'tagging',
    creator: agent(a.annotatorId, a.annotator),
    created: a.createdAt,
    modified: a.updatedAt,
    body,
    target: targets.length === 1 ? targets[0] : targets,
  };
}

function selectors(text: string, map: OffsetMap, { start, end }: Fragment) {
  const prefix = sliceCodePoints(text, map, Math.max(0, start - QUOTE_CONTEXT), start);
  const suffix = sliceCodePoints(text, map, end, Math.min(map.codePointLength, end + QUOTE_CONTEXT));
  return [
    {
      type: 'TextQuoteSelector',
      exact: sliceCodePoints(text, map, start, end),
      ...(prefix !== '' ? { prefix } : {}),
      ...(suffix !== '' ? { suffix } : {}),
    },
    { type: 'TextPositionSelector', start, end },
  ];
}

function linkAnnotation(r: ExportRelation) {
  return {
    id: urn(r.id),
    type: 'Annotation',
    motivation: 'linking',
    creator: agent(r.annotatorId, r.annotator),
    created: r.createdAt,
    modified: r.updatedAt,
    body: [{ type: 'TextualBody', purpose: 'tagging', value: r.type }, ...attributeBodies(r.attributes)],
    target: [urn(r.fromId), urn(r.toId)],
  };
}

/** Per export (one sink each): how many items are written, for the commas and the total. */
const counts = new WeakMap<TextSink, number>();

export const w3cExport: ExportWriter = {
  async begin(out: TextSink, context: ExportContext) {
    counts.set(out, 0);
    const header = {
      '@context': ANNO_CONTEXT,
      id: urn(crypto.randomUUID()),
      type: 'AnnotationCollection',
      label: 'Byline annotations',
      'schema:description': OFFSET_STATEMENT,
      generator: { type: 'Software', name: 'Byline' },
      generated: context.exportedAt,
    };
    const page = { id: urn(crypto.randomUUID()), type: 'AnnotationPage', startIndex: 0 };
    // Both objects are left open: the page's items follow, then the footer closes them.
    await out.write(`${JSON.stringify(header).slice(0, -1)},\n"first":${JSON.stringify(page).slice(0, -1)},"items":[`);
  },

  async document(out: TextSink, doc: ExportDocument) {
    const map = new OffsetMap(doc.text);
    const source = { id: `urn:sha256:${doc.sha256}`, type: 'Text', format: 'text/plain', ...(doc.url ? { 'schema:sameAs': doc.url } : {}) };
    let written = counts.get(out) ?? 0;
    let chunk = '';
    const add = async (item: object) => {
      chunk += `${written === 0 ? '' : ','}\n${JSON.stringify(item)}`;
      written++;
      if (chunk.length >= CHUNK) {
        await out.write(chunk);
        chunk = '';
      }
    };
    for (const a of doc.annotations) await add(spanAnnotation(doc, map, source, a));
    for (const r of doc.relations) await add(linkAnnotation(r));
    if (chunk !== '') await out.write(chunk);
    counts.set(out, written);
  },

  async end(out: TextSink) {
    const total = counts.get(out) ?? 0;
    counts.delete(out);
    await out.write(`\n]},\n"total":${total}}\n`);
  },
};
