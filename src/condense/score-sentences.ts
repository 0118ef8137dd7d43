/**
 * Scores each sentence of an article as a bullet candidate: salience (how important its words
 * are across the article, and closeness to the TF-IDF centroid), position, similarity to the
 * headline and lede, density of names and numbers, minus penalties for sentences that read badly
 * on their own.
 */
import type { SentenceInfo } from '../nlp/analyze-text.ts';
import { isBracketed, isQuestion, opensWithDanglingPronoun } from './standalone.ts';
import { articleStatistics } from './article-statistics.ts';
import { cosine, vectorize } from './term-vectors.ts';
import type { TermVector } from './term-vectors.ts';

export interface ScoredSentence {
  info: SentenceInfo;
  vector: TermVector;
  score: number;
  /** Opens with a pronoun whose antecedent is in an earlier sentence. */
  danglingPronoun: boolean;
  /** False for stubs, questions, bracketed asides and sentences opening inside a quotation (boilerplate is checked on selection). */
  eligible: boolean;
}

export interface ScoreContext {
  titleTerms: readonly string[];
  /** Terms of a lede given apart from the text (a standfirst or teaser); empty when unknown. */
  ledeTerms: readonly string[];
  /** Terms of the sentences after the candidates (the article's tail): statistics only. */
  tailTerms: readonly (readonly string[])[];
  /** Terms of bullets already decided (a publisher standfirst), for redundancy checks. */
  pinnedTerms?: readonly (readonly string[])[];
}

export interface ScoredArticle {
  sentences: ScoredSentence[];
  /** Vectors of the pinned bullets, in the same space as the sentences'. */
  pinned: TermVector[];
}

/**
 * Feature weights. Set by hand on the general behaviour of news copy (lead bias, repeated
 * names and numbers, asides that read badly alone), checked on the bench, not fitted per article.
 */
export const SCORE_WEIGHTS = Object.freeze({
  /** Mean importance of the sentence's terms (see `termImportance`), scaled to the article's best. */
  importance: 1.5,
  /** Cosine to the article's TF-IDF centroid. */
  centrality: 1.0,
  position: 1.0,
  /** The position prior is 1 / (1 + index / positionScale). */
  positionScale: 6,
  /** Terms count for more in earlier sentences: weight 1 / (1 + index / importanceScale). */
  importanceScale: 6,
  title: 1.0,
  lede: 0.4,
  density: 0.6,
  shortPenalty: 0.5,
  longPenalty: 0.4,
  quoteOpenerPenalty: 0.15,
  personalPenalty: 0.3,
});

/** Below this many words a sentence is a stub; above LONG_WORDS it is hard to read as a bullet. */
export const MIN_BULLET_WORDS = 6;
const SHORT_WORDS = 10;
const LONG_WORDS = 45;

/** First and second person: the writer or a speaker talking, rarely the news itself. */
const PERSONAL = /\b(?:I|I'm|I've|my|me|we|we're|our|us|you|you're|your)\b/u;
const QUOTE_OPENER = /^\s*["“]/u;

/** Mean importance of the sentence's distinct terms (its vector's keys). */
function meanImportance(vector: TermVector, importance: ReadonlyMap<string, number>): number {
  if (vector.weights.size === 0) return 0;
  let sum = 0;
  for (const t of vector.weights.keys()) sum += importance.get(t) ?? 0;
  return sum / vector.weights.size;
}

function lengthPenalty(words: number): number {
  const w = SCORE_WEIGHTS;
  if (words < SHORT_WORDS) return (w.shortPenalty * (SHORT_WORDS - words)) / SHORT_WORDS;
  if (words > LONG_WORDS) return Math.min(1, (w.longPenalty * (words - LONG_WORDS)) / LONG_WORDS);
  return 0;
}

/** Score every sentence; `eligible` marks the ones that may become bullets. */
export function scoreSentences(sentences: readonly SentenceInfo[], context: ScoreContext): ScoredArticle {
  const w = SCORE_WEIGHTS;
  const stats = articleStatistics([...sentences.map((s) => s.terms), ...context.tailTerms], w.importanceScale);
  const { idf, unseenIdf, importance, centroid } = stats;
  const vectors = sentences.map((s) => vectorize(s.terms, idf, unseenIdf));
  const title = vectorize(context.titleTerms, idf, unseenIdf);
  const lede = vectorize(context.ledeTerms, idf, unseenIdf);
  const imp = vectors.map((v) => meanImportance(v, importance));
  const maxImp = Math.max(1e-9, ...imp);
  const pinned = (context.pinnedTerms ?? []).map((t) => vectorize(t, idf, unseenIdf));

  const scored = sentences.map((info, i): ScoredSentence => {
    const vector = vectors[i]!;
    const words = info.words.length;
    const density = words > 0 ? Math.min(1, (info.nameCount + 2 * info.numberCount) / words) : 0;
    let score =
      (w.importance * imp[i]!) / maxImp +
      w.centrality * cosine(vector, centroid) +
      w.position / (1 + info.index / w.positionScale) +
      w.title * cosine(vector, title) +
      w.lede * cosine(vector, lede) +
      w.density * density -
      lengthPenalty(words);
    if (QUOTE_OPENER.test(info.text)) score -= w.quoteOpenerPenalty;
    if (PERSONAL.test(info.text)) score -= w.personalPenalty;
    const eligible = words >= MIN_BULLET_WORDS && !info.quoteOpenAtStart && !isQuestion(info.text) && !isBracketed(info.text);
    return { info, vector, score, danglingPronoun: opensWithDanglingPronoun(info.text), eligible };
  });
  return { sentences: scored, pinned };
}
