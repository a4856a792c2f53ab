/**
 * The suggestions of a workspace, as the suggestion worker serves them (jobs/worker.ts): each
 * article's on request, with the tagger kept in the workspace, which learns again after answering
 * whenever the annotations have changed enough since it last learned.
 */
import type { ArticleSuggestions } from '../../schema/suggestions';
import type { Workspace } from '../store/workspace';
import { suggestArticle } from './article-suggestions';
import { learn, loadModel, saveModel, shouldLearn, type LearnedModel } from './learned-model';

export class SuggestionService {
  private readonly ws: Workspace;
  private learned: LearnedModel | null;

  constructor(ws: Workspace) {
    this.ws = ws;
    this.learned = loadModel(ws);
  }

  /** The tagger learned so far; null until the workspace has enough to learn from. */
  get model(): LearnedModel | null {
    return this.learned;
  }

  suggest(documentId: string): ArticleSuggestions {
    return suggestArticle(this.ws, documentId, this.learned);
  }

  /** Learns from the workspace if it changed enough since the last time; whether it did. */
  learnIfDue(): boolean {
    if (!shouldLearn(this.ws, this.learned)) return false;
    this.learned = learn(this.ws);
    saveModel(this.ws, this.learned);
    return true;
  }
}
