/**
 * One pass over an article for the figures stage: its people and its key figures.
 */
import type { Figure, Person } from '../core/types.ts';
import { findFigures } from './find-figures.ts';
import { findPeople } from './find-people.ts';
import { splitSentenceSpans } from './text-spans.ts';

export interface ArticleToAnalyze {
  title?: string;
  text: string;
  storyId?: string;
  publishedAt?: Date;
}

export interface ArticleAnalysis {
  people: Person[];
  /** Most important first. */
  figures: Figure[];
}

/** People (with roles and quotes) and key figures of one article. Pure: no I/O. */
export function analyzeArticle(article: ArticleToAnalyze): ArticleAnalysis {
  const sentences = splitSentenceSpans(article.text);
  return { people: findPeople(article, { sentences }), figures: findFigures(article, { sentences }) };
}
