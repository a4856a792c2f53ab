/**
 * The Byline exchange file (.byline.json, or .byline.json.gz): the one format colleagues swap. It
 * carries everything a workspace knows about a set of articles (texts and metadata, the label
 * schema, who annotated, every annotation and link with its id, timestamps and what it was
 * imported from), so that another workspace takes it in without losing anything. Ids are kept on
 * import (UUID v7, so files from several people merge without clashes).
 *
 * This is version 2: version 1 and, per document, an optional list of review verdicts (`reviews`),
 * so that a review sent back shows a colleague the verdict and comment on each of their tags.
 * Readers take versions 1 and 2 (a version 1 file is a version 2 file without reviews); they
 * refuse a file of a version newer than they know, rather than drop what they cannot read.
 *
 * Layout on disk (see electron/formats/exchange.ts): valid JSON, and line by line streamable.
 * Line 1 is the header up to and including `"documents":[`, then one document per line (each but
 * the last followed by a comma), then `]}`.
 *
 * This module imports with explicit `.ts` extensions so that build/exchange-schema.ts can load it
 * with plain Node (type stripping), which resolves only the paths it is given.
 */
import { z } from 'zod';
import { DocumentStatus, Fragment, Label } from './model.ts';
import { DifferenceKind, Verdict } from './review.ts';
import { OffsetMap, sliceCodePoints, storedText, textHash } from './text.ts';

export const EXCHANGE_FORMAT = 'byline-exchange';
export const EXCHANGE_VERSION = 2;
/** Every version this reader takes. */
export const EXCHANGE_VERSIONS = [1, 2] as const;
/** Every export states its unit (DESIGN.md): offsets are code points, as in storage. */
export const EXCHANGE_OFFSET_UNIT = 'codepoint';

/** Titles, descriptions and $defs names for the generated JSON Schema (kept out of zod's global registry). */
const exchangeMetadata = z.registry<{ id?: string; title?: string; description?: string }>();

function described<T extends z.ZodType>(schema: T, description: string, id?: string): T {
  exchangeMetadata.add(schema, id ? { id, description } : { description });
  return schema;
}

const uuid = (description: string) => described(z.uuid(), description);
const timestamp = (description: string) =>
  described(z.iso.datetime({ offset: true, error: 'must be an ISO 8601 date and time' }), description);
const nullableText = (description: string) => described(z.string().nullable(), description);
const attributeValues = (description: string) =>
  described(z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])), description);
const extras = (description: string) => described(z.record(z.string(), z.unknown()), description);
const externalRef = (description: string) => described(z.string().nullable(), description);

export const ExchangeAnnotator = described(
  z.strictObject({
    id: uuid('The annotator’s id, the same in every workspace that has their work.'),
    name: z.string(),
  }),
  'A person whose annotations and links the file carries.',
  'Annotator',
);
export type ExchangeAnnotator = z.infer<typeof ExchangeAnnotator>;

export const ExchangeLabel = described(
  z.strictObject(Label.shape),
  'A label for spans or a link type, with the attributes its annotations or links can carry.',
  'Label',
);
export type ExchangeLabel = z.infer<typeof ExchangeLabel>;

exchangeMetadata.add(Fragment, {
  id: 'Fragment',
  description: '[start, end) in Unicode code points of the document’s text; start < end.',
});

export const ExchangeAnnotation = described(
  z.strictObject({
    id: uuid('Kept on import: the same annotation has the same id in every workspace.'),
    annotatorId: uuid('One of the file’s annotators.'),
    labelId: uuid('One of the file’s span labels.'),
    fragments: described(
      z.array(Fragment).min(1),
      'In text order, not overlapping; more than one for a discontinuous span.',
    ),
    quote: described(z.string(), 'The fragments’ text joined by one space.'),
    note: nullableText('A free-text note.'),
    attributes: attributeValues('Values of the label’s attributes, by key.'),
    createdAt: timestamp('When the annotation was made.'),
    updatedAt: timestamp('When it last changed.'),
    externalRef: externalRef('Its id in the file it was first imported from ("T4" in brat), if any.'),
    extras: extras('What that file said that Byline has no field for, kept as it was.'),
  }),
  'A tagged span (or several fragments) of the document.',
  'Annotation',
);
export type ExchangeAnnotation = z.infer<typeof ExchangeAnnotation>;

export const ExchangeRelation = described(
  z.strictObject({
    id: uuid('Kept on import.'),
    annotatorId: uuid('One of the file’s annotators.'),
    labelId: uuid('One of the file’s link types (labels of kind "relation").'),
    fromId: uuid('An annotation of the same document.'),
    toId: uuid('Another annotation of the same document.'),
    attributes: attributeValues('Values of the link type’s attributes, by key.'),
    createdAt: timestamp('When the link was made.'),
    updatedAt: timestamp('When it last changed.'),
    externalRef: externalRef('Its id in the file it was first imported from ("R2", "E1"), if any.'),
    extras: extras('What that file said that Byline has no field for.'),
  }),
  'A typed link from one annotation to another of the same document.',
  'Relation',
);
export type ExchangeRelation = z.infer<typeof ExchangeRelation>;

const person = (description: string) => described(z.strictObject({ id: z.uuid(), name: z.string() }), description);

export const ExchangeReview = described(
  z.strictObject({
    layerA: person('Layer A of the review: the annotator whose annotations (or links) are listed in `a`.'),
    layerB: person('Layer B of the review, whose annotations (or links) are listed in `b`.'),
    key: described(
      z.string().min(1).max(200),
      'The difference the verdict is on: "span:<id in A>|<id in B>" or "link:<id in A>|<id in B>" (a side may be empty).',
    ),
    kind: described(DifferenceKind, 'How the two layers differ there (agree, label, boundaries, only_a, only_b, attribute, link).'),
    verdict: described(Verdict, 'What the reviewer decided: take_a, take_b, take_both, edit (their own span) or reject.'),
    comment: nullableText('The reviewer’s comment.'),
    reviewer: person('Who gave the verdict.'),
    reviewedLayer: person('The reviewer’s reviewed layer, where the verdict wrote what it took.'),
    a: described(z.array(z.uuid()), 'Annotation ids of layer A involved (link ids for a link difference).'),
    b: described(z.array(z.uuid()), 'Annotation ids of layer B involved (link ids for a link difference).'),
    reviewed: described(z.array(z.uuid()), 'What the verdict put into the reviewed layer: annotation (or link) ids.'),
    resolvedAt: timestamp('When the verdict was given.'),
  }),
  'A reviewer’s verdict on one difference between two layers of the document.',
  'Review',
);
export type ExchangeReview = z.infer<typeof ExchangeReview>;

export const ExchangeDocument = described(
  z
    .strictObject({
      id: uuid('Kept on import; a workspace with the same text under another id maps it to its own.'),
      title: z.string(),
      outlet: nullableText('The outlet that published the article.'),
      author: nullableText('The article’s author(s).'),
      publishedAt: nullableText('ISO 8601 date or date and time, as precise as the source said.'),
      url: nullableText('Where the article was published.'),
      originFile: nullableText('The file the article was first imported from.'),
      originFormat: described(z.string().min(1), 'How it was first imported: "text", "html", "brat"...'),
      createdAt: timestamp('When the article entered its first workspace.'),
      version: described(z.int().positive(), 'The number of the text version below (texts can be corrected).'),
      text: described(z.string(), 'The article’s text exactly as decoded from the file it came from (line ends and Unicode normalization as that file has them), without a BOM. Every offset counts its code points.'),
      sha256: described(
        z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lowercase hexadecimal digits'),
        'Hex SHA-256 of the text’s UTF-8 bytes. A reader finds the same article by its text with CRLF and CR read as LF, in NFC: copies that differ only in line ends or normalization are one article.',
      ),
      status: described(DocumentStatus, 'The status the exporting annotator (exportedBy) gave the article.'),
      annotations: z.array(ExchangeAnnotation),
      relations: z.array(ExchangeRelation),
      reviews: described(z.array(ExchangeReview), 'Review verdicts on the document (version 2; absent: none).').optional(),
    })
    .superRefine((doc, ctx) => {
      for (const problem of documentProblems(doc)) ctx.addIssue({ code: 'custom', ...problem });
    }),
  'An article with its annotations and links.',
  'Document',
);
export type ExchangeDocument = z.infer<typeof ExchangeDocument>;

const headerShape = {
  format: described(z.literal(EXCHANGE_FORMAT), 'Always "byline-exchange".'),
  version: described(z.literal(EXCHANGE_VERSIONS), 'The version of this format; readers refuse newer ones.'),
  offsetUnit: described(
    z.literal(EXCHANGE_OFFSET_UNIT),
    'Fragments count Unicode code points of the document’s text (not UTF-16 code units, not bytes).',
  ),
  exportedAt: timestamp('When the file was written.'),
  exportedBy: described(
    z.strictObject({ id: z.uuid(), name: z.string() }),
    'The local annotator of the workspace that wrote the file (whose document status it carries).',
  ),
  labels: described(z.array(ExchangeLabel), 'The whole label schema: span labels and link types.'),
  annotators: described(z.array(ExchangeAnnotator), 'The annotators whose layers the file carries.'),
};

/** Everything before the documents: what a streaming reader gets from line 1. */
export const ExchangeHeader = z.strictObject(headerShape).superRefine((header, ctx) => {
  for (const problem of headerProblems(header)) ctx.addIssue({ code: 'custom', ...problem });
});
export type ExchangeHeader = z.infer<typeof ExchangeHeader>;

export const ExchangeFile = z
    .strictObject({
      ...headerShape,
      documents: z.array(ExchangeDocument),
    })
    .superRefine((file, ctx) => {
      const problems = headerProblems(file);
      for (const problem of problems) ctx.addIssue({ code: 'custom', ...problem });
      if (problems.length > 0) return;
      const references = new ExchangeReferences(file);
      file.documents.forEach((doc, index) => references.learn(doc, index));
      file.documents.forEach((doc, index) => {
        for (const { path, message } of references.check(doc, index)) {
          ctx.addIssue({ code: 'custom', path: ['documents', index, ...path], message });
        }
      });
    });
exchangeMetadata.add(ExchangeFile, {
  title: `Byline exchange file, version ${EXCHANGE_VERSION}`,
  description:
    'Beyond what this schema says, a valid file also has: ' +
    'sha256 equal to the SHA-256 of text; no byte order mark at the start of text; fragments inside the text, in ' +
    'order and not overlapping; every quote equal to its fragments’ text joined by one space; ' +
    'ids unique in the file; every annotatorId among the annotators, every labelId among the ' +
    'labels (span labels for annotations, link types for relations); both ends of every ' +
    'relation among the annotations of its own document; and one review per reviewer, pair of ' +
    'layers and key in a document.',
});
export type ExchangeFile = z.infer<typeof ExchangeFile>;

/** A rule a file breaks, at a path inside the part being checked. */
export interface ExchangeProblem {
  path: (string | number)[];
  message: string;
}

/** What the schema alone cannot say about the header: ids unique, label names unique per kind. */
function headerProblems(header: Pick<ExchangeHeader, 'labels' | 'annotators'>): ExchangeProblem[] {
  const problems: ExchangeProblem[] = [];
  const labelIds = new Set<string>();
  const labelNames = new Set<string>();
  header.labels.forEach((label, i) => {
    if (labelIds.has(label.id)) problems.push({ path: ['labels', i, 'id'], message: `another label has the id ${label.id}` });
    const name = `${label.kind}\n${label.name.toLowerCase()}`;
    if (labelNames.has(name)) {
      problems.push({ path: ['labels', i, 'name'], message: `another ${kindName(label.kind)} is named “${label.name}”` });
    }
    labelIds.add(label.id);
    labelNames.add(name);
  });
  const annotatorIds = new Set<string>();
  header.annotators.forEach((annotator, i) => {
    if (annotatorIds.has(annotator.id)) {
      problems.push({ path: ['annotators', i, 'id'], message: `another annotator has the id ${annotator.id}` });
    }
    annotatorIds.add(annotator.id);
  });
  return problems;
}

/** What one document must meet on its own: a text without a BOM, its hash, fragments and quotes. */
function documentProblems(doc: Pick<ExchangeDocument, 'text' | 'sha256' | 'annotations' | 'reviews'>): ExchangeProblem[] {
  const problems: ExchangeProblem[] = [];
  const reviews = new Set<string>();
  doc.reviews?.forEach((review, i) => {
    const id = `${review.reviewer.id}|${review.layerA.id}|${review.layerB.id}|${review.key}`;
    if (reviews.has(id)) {
      problems.push({ path: ['reviews', i, 'key'], message: `another review of ${review.reviewer.name} has the key ${review.key} for the same layers` });
    }
    reviews.add(id);
  });
  if (storedText(doc.text) !== doc.text) {
    problems.push({ path: ['text'], message: 'starts with a byte order mark, which a stored text never has' });
  }
  const actual = textHash(doc.text);
  if (actual !== doc.sha256) {
    problems.push({ path: ['sha256'], message: `does not match the text (its SHA-256 is ${actual})` });
  }
  const offsets = new OffsetMap(doc.text);
  const length = offsets.codePointLength;
  doc.annotations.forEach((annotation, i) => {
    let placed = true;
    annotation.fragments.forEach((f, j) => {
      const previous = annotation.fragments[j - 1];
      const at = ['annotations', i, 'fragments', j];
      // The Fragment schema reports these; zod still runs this check after a negative start.
      if (f.start < 0 || f.start >= f.end) placed = false;
      else if (f.end > length) {
        problems.push({ path: at, message: `${f.start}–${f.end} ends past the end of the text (${length} characters)` });
        placed = false;
      } else if (previous && f.start < previous.end) {
        problems.push({
          path: at,
          message: `${f.start}–${f.end} overlaps or comes before the fragment before it (${previous.start}–${previous.end})`,
        });
        placed = false;
      }
    });
    if (!placed) return;
    const quote = annotation.fragments.map((f) => sliceCodePoints(doc.text, offsets, f.start, f.end)).join(' ');
    if (quote !== annotation.quote) {
      problems.push({
        path: ['annotations', i, 'quote'],
        message: `“${shorten(annotation.quote)}” is not the text of its fragments (“${shorten(quote)}”)`,
      });
    }
  });
  return problems;
}

/**
 * The rules across a file: ids unique, annotators and labels known, links inside one document.
 * Documents are checked in order, so a streaming reader checks each as it arrives and keeps only
 * ids; a whole-file reader first `learn`s every document so that it can name where an annotation
 * linked from another document is.
 */
export class ExchangeReferences {
  private readonly labels = new Map<string, ExchangeLabel>();
  private readonly annotators = new Set<string>();
  private readonly documents = new Set<string>();
  private readonly annotations = new Set<string>();
  private readonly relations = new Set<string>();
  /** Which document each annotation id belongs to (its first one). */
  private readonly owner = new Map<string, number>();

  constructor(header: Pick<ExchangeHeader, 'labels' | 'annotators'>) {
    for (const label of header.labels) this.labels.set(label.id, label);
    for (const annotator of header.annotators) this.annotators.add(annotator.id);
  }

  learn(doc: Pick<ExchangeDocument, 'annotations'>, index: number): void {
    for (const annotation of doc.annotations) if (!this.owner.has(annotation.id)) this.owner.set(annotation.id, index);
  }

  /** Problems of the document at `index`, with paths inside that document. */
  check(doc: ExchangeDocument, index: number): ExchangeProblem[] {
    this.learn(doc, index);
    const problems: ExchangeProblem[] = [];
    if (this.documents.has(doc.id)) problems.push({ path: ['id'], message: `another document of the file has the id ${doc.id}` });
    this.documents.add(doc.id);
    const own = new Set<string>();
    doc.annotations.forEach((a, i) => {
      if (this.annotations.has(a.id)) problems.push({ path: ['annotations', i, 'id'], message: `another annotation of the file has the id ${a.id}` });
      this.annotations.add(a.id);
      own.add(a.id);
      problems.push(...this.whoAndWhat(a, 'span', ['annotations', i]));
    });
    doc.relations.forEach((r, i) => {
      const at = ['relations', i];
      if (this.relations.has(r.id)) problems.push({ path: [...at, 'id'], message: `another link of the file has the id ${r.id}` });
      this.relations.add(r.id);
      problems.push(...this.whoAndWhat(r, 'relation', at));
      for (const end of ['fromId', 'toId'] as const) {
        const id = r[end];
        if (own.has(id)) continue;
        const elsewhere = this.owner.get(id);
        problems.push({
          path: [...at, end],
          message:
            elsewhere === undefined
              ? `there is no annotation ${id} in this document`
              : `annotation ${id} is in documents.${elsewhere}, another document: a link joins two annotations of one document`,
        });
      }
      if (r.fromId === r.toId) problems.push({ path: [...at, 'toId'], message: 'a link cannot join an annotation to itself' });
    });
    return problems;
  }

  private whoAndWhat(
    item: { annotatorId: string; labelId: string },
    kind: ExchangeLabel['kind'],
    at: (string | number)[],
  ): ExchangeProblem[] {
    const problems: ExchangeProblem[] = [];
    if (!this.annotators.has(item.annotatorId)) {
      problems.push({ path: [...at, 'annotatorId'], message: `${item.annotatorId} is not one of the file’s annotators` });
    }
    const label = this.labels.get(item.labelId);
    if (!label) problems.push({ path: [...at, 'labelId'], message: `${item.labelId} is not one of the file’s labels` });
    else if (label.kind !== kind) {
      problems.push({ path: [...at, 'labelId'], message: `“${label.name}” is a ${kindName(label.kind)}, not a ${kindName(kind)}` });
    }
    return problems;
  }
}

const kindName = (kind: ExchangeLabel['kind']) => (kind === 'span' ? 'label for spans' : 'link type');

function shorten(text: string, max = 60): string {
  const points = Array.from(text);
  return points.length <= max ? text : `${points.slice(0, max - 1).join('')}…`;
}

/** The JSON Schema of the exchange file, as shipped in schema/exchange.schema.json. */
export function exchangeJsonSchema(): Record<string, unknown> {
  return z.toJSONSchema(ExchangeFile, { metadata: exchangeMetadata, target: 'draft-2020-12' });
}

/** The text of schema/exchange.schema.json. */
export function exchangeJsonSchemaText(): string {
  return `${JSON.stringify(exchangeJsonSchema(), null, 2)}\n`;
}
