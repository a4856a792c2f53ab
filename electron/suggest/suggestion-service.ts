/**
 * The suggestions of a workspace, as the suggestion worker serves them (jobs/worker.ts): each
 * article's on request, with the tagger kept in the workspace, which learns again after answering
 * whenever the annotations have changed enough since it last learned.
 */
import type { ArticleSuggestions } from '../../schema/suggestions';
import type { Workspace } from '../store/workspace';
import { findingsSignature, findInArticle, suggestArticle, type ArticleFindings } from './article-suggestions';
import { learn, loadModel, saveModel, shouldLearn, type LearnedModel } from './learned-model';

const KEPT_ARTICLES = 4;

export class SuggestionService {
  private readonly ws: Workspace;
  private learned: LearnedModel | null;
  /** The findings of the articles asked for last (a few: the one open, and those switched between). */
  private readonly findings = new Map<string, ArticleFindings>();

  constructor(ws: Workspace) {
    this.ws = ws;
    this.learned = loadModel(ws);
  }

  /** The tagger learned so far; null until the workspace has enough to learn from. */
  get model(): LearnedModel | null {
    return this.learned;
  }

  suggest(documentId: string): ArticleSuggestions {
    return suggestArticle(this.ws, this.findingsOf(documentId));
  }

  /** What the rules and the tagger find there, found again only when the text, the labels or the model changed. */
  findingsOf(documentId: string): ArticleFindings {
    const kept = this.findings.get(documentId);
    this.findings.delete(documentId);
    const found =
      kept && kept.signature === findingsSignature(this.ws, documentId, this.learned) ? kept : findInArticle(this.ws, documentId, this.learned);
    this.findings.set(documentId, found);
    for (const old of this.findings.keys()) if (this.findings.size > KEPT_ARTICLES) this.findings.delete(old);
    return found;
  }

  /** Learns from the workspace if it changed enough since the last time; whether it did. */
  learnIfDue(): boolean {
    if (!shouldLearn(this.ws, this.learned)) return false;
    this.learned = learn(this.ws);
    saveModel(this.ws, this.learned);
    return true;
  }
}
