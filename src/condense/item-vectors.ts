/**
 * Items as TF-IDF vectors over their title and lede, the representation clustering compares.
 * The lede carries the event (who, what, where, how many); the rest of an article drifts into
 * background that other events share.
 */
import { addTermCounts, type TermCounts } from './story-terms.ts';

/** Sparse term → weight vector. */
export type Vector = Map<string, number>;

const LEDE_CHARS = 600;
const TITLE_WEIGHT = 2;
/**
 * Numbers tell events apart ("kills 3" vs "kills 40"). Names get no boost beyond their idf: a
 * running story repeats the same names across days of separate events.
 */
const NUMBER_BOOST = 1.6;

function lede(text: string): string {
  if (text.length <= LEDE_CHARS) return text;
  const cut = text.lastIndexOf(' ', LEDE_CHARS);
  return text.slice(0, cut > 0 ? cut : LEDE_CHARS);
}

/** Weighted terms of an item's title and lede. */
export function termCounts(item: { title: string; text: string }): TermCounts {
  const tc: TermCounts = new Map();
  addTermCounts(tc, item.title, TITLE_WEIGHT);
  addTermCounts(tc, lede(item.text), 1);
  return tc;
}

/** TF-IDF vectors (sublinear tf, smoothed idf, numbers boosted), unit length. */
export function vectorize(all: TermCounts[]): Vector[] {
  const df = new Map<string, number>();
  for (const tc of all) for (const term of tc.keys()) df.set(term, (df.get(term) ?? 0) + 1);
  const n = all.length;
  return all.map((tc) => {
    const v: Vector = new Map();
    let norm2 = 0;
    for (const [term, count] of tc) {
      const idf = Math.log((n + 1) / ((df.get(term) ?? 0) + 1)) + 1;
      const w = (1 + Math.log(count)) * idf * (term.startsWith('#') ? NUMBER_BOOST : 1);
      v.set(term, w);
      norm2 += w * w;
    }
    const norm = Math.sqrt(norm2) || 1;
    for (const [term, w] of v) v.set(term, w / norm);
    return v;
  });
}

/** Dot product; the cosine for unit vectors. */
export function cosine(a: Vector, b: Vector): number {
  let dot = 0;
  for (const [term, w] of a) dot += w * (b.get(term) ?? 0);
  return dot;
}
