/** Sparse TF-IDF vectors over sentence terms, with IDF taken from the article's own sentences. */

export interface TermVector {
  weights: Map<string, number>;
  norm: number;
}

/** TF-IDF vector of one term list; terms missing from `idf` get `unseenIdf`. */
export function vectorize(terms: readonly string[], idf: ReadonlyMap<string, number>, unseenIdf: number): TermVector {
  const weights = new Map<string, number>();
  for (const t of terms) weights.set(t, (weights.get(t) ?? 0) + 1);
  let sq = 0;
  for (const [t, tf] of weights) {
    const w = tf * (idf.get(t) ?? unseenIdf);
    weights.set(t, w);
    sq += w * w;
  }
  return { weights, norm: Math.sqrt(sq) };
}

export function cosine(a: TermVector, b: TermVector): number {
  if (a.norm === 0 || b.norm === 0) return 0;
  const [small, large] = a.weights.size <= b.weights.size ? [a, b] : [b, a];
  let dot = 0;
  for (const [t, w] of small.weights) {
    const v = large.weights.get(t);
    if (v !== undefined) dot += w * v;
  }
  return dot / (a.norm * b.norm);
}
