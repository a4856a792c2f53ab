/**
 * Suggestions: spans and links Byline proposes in an article (electron/suggest), which the person
 * accepts into their layer or rejects. Offsets are code points, as everywhere.
 */
import { z } from 'zod';
import { Fragment, Id, type AttributeValue } from './model';

export interface Suggestion {
  /** `labelId:start-end`: names the suggestion within its article and version. */
  key: string;
  labelId: string;
  fragment: Fragment;
  quote: string;
  /** What the text says of it, for the label's attributes (an anonymous source's descriptor, number, justification). */
  attributes: Record<string, AttributeValue>;
}

/** A link the rules propose, from a suggestion to another suggestion or to an annotation of the person's layer. */
export interface SuggestedLink {
  labelId: string;
  /** A suggestion's key, or an annotation's id. */
  from: string;
  to: string;
}

/** Where an article's suggestions come from. */
export type SuggestionSource =
  | { kind: 'rules' }
  /** The tagger learned from the workspace, for the labels it has seen enough of; the rules for the rest. */
  | { kind: 'learned'; texts: number; spans: number; trainedAt: string; labels: string[] };

export interface ArticleSuggestions {
  documentId: string;
  /** The version of the text the offsets are in. */
  version: number;
  /** In text order. */
  suggestions: Suggestion[];
  links: SuggestedLink[];
  source: SuggestionSource;
  /** The person turned suggestions off for this article (then `suggestions` is empty). */
  off: boolean;
}

export const suggestionKey = (labelId: string, fragment: Fragment) => `${labelId}:${fragment.start}-${fragment.end}`;

const AcceptedSpan = z
  .object({
    key: z.string().min(1).max(200),
    labelId: Id,
    fragment: Fragment,
    attributes: z.record(z.string(), z.union([z.string().max(10_000), z.number().finite(), z.boolean()])).default({}),
  })
  .strict();

/** Takes suggestions into the person's layer, with the links among them and to annotations there, as one undoable action. */
export const AcceptSuggestions = z
  .object({
    documentId: Id,
    version: z.int().positive(),
    spans: z.array(AcceptedSpan).min(1).max(10_000),
    links: z
      .array(z.object({ labelId: Id, from: z.string().min(1).max(200), to: z.string().min(1).max(200) }).strict())
      .max(10_000)
      .default([]),
  })
  .strict();
export type AcceptSuggestions = z.infer<typeof AcceptSuggestions>;

/** Turns suggestions down, for good: they are not proposed again where the same words are. */
export const RejectSuggestions = z
  .object({
    documentId: Id,
    version: z.int().positive(),
    spans: z.array(z.object({ labelId: Id, fragment: Fragment }).strict()).min(1).max(10_000),
  })
  .strict();
export type RejectSuggestions = z.infer<typeof RejectSuggestions>;
