/**
 * Word statistics of one article, gathered in a single pass over its sentences' terms: document
 * frequency (for IDF), position-weighted importance, and the TF-IDF centroid.
 */
import type { TermVector } from './term-vectors.ts';

export interface ArticleStatistics {
  idf: Map<string, number>;
  /** IDF for a term the article never uses (a headline word, say). */
  unseenIdf: number;
  /** Sum over the sentences containing the term of 1 / (1 + index / importanceScale). */
  importance: Map<string, number>;
  /** The sum of all sentence TF-IDF vectors. */
  centroid: TermVector;
}

/** `termLists` in reading order: candidate sentences, then the tail. */
export function articleStatistics(termLists: readonly (readonly string[])[], importanceScale: number): ArticleStatistics {
  const df = new Map<string, number>();
  const tf = new Map<string, number>();
  const importance = new Map<string, number>();
  termLists.forEach((terms, j) => {
    const weight = 1 / (1 + j / importanceScale);
    const seen = new Set<string>();
    for (const t of terms) {
      tf.set(t, (tf.get(t) ?? 0) + 1);
      if (seen.has(t)) continue;
      seen.add(t);
      df.set(t, (df.get(t) ?? 0) + 1);
      importance.set(t, (importance.get(t) ?? 0) + weight);
    }
  });
  const n = termLists.length;
  const idf = new Map<string, number>();
  const weights = new Map<string, number>();
  let sq = 0;
  for (const [t, d] of df) {
    const v = Math.log((1 + n) / (1 + d)) + 1;
    idf.set(t, v);
    const c = (tf.get(t) ?? 0) * v;
    weights.set(t, c);
    sq += c * c;
  }
  return { idf, unseenIdf: Math.log(1 + n) + 1, importance, centroid: { weights, norm: Math.sqrt(sq) } };
}
