/**
 * Maximal Marginal Relevance selection: take the best-scoring sentence, then the next best
 * after discounting what repeats the ones already taken, until the word budget is spent.
 */
import type { ScoredSentence } from './score-sentences.ts';
import { isBoilerplate } from './boilerplate.ts';
import { cosine } from './term-vectors.ts';
import type { TermVector } from './term-vectors.ts';

export interface SelectOptions {
  minBullets: number;
  maxBullets: number;
  /** Stop once this many words are taken (and minBullets reached). */
  targetWords: number;
  /** Trade-off between relevance (1) and novelty (0). */
  lambda: number;
  /** A sentence this similar to a taken one is a repeat and never taken. */
  maxSimilarity: number;
  /** Bullets decided elsewhere (a publisher standfirst): repeats of them count as redundant. */
  pinned?: readonly TermVector[];
  /** Words already in the pinned bullets, counted against `targetWords`. */
  pinnedWords?: number;
}

/**
 * A publisher's standfirst usually restates the lede in other words, so a sentence this close to
 * it is a repeat even though it shares fewer exact terms than two article sentences would.
 */
const PINNED_MAX_SIMILARITY = 0.3;

export const SELECT_DEFAULTS: Readonly<Pick<SelectOptions, 'targetWords' | 'lambda' | 'maxSimilarity'>> = Object.freeze({
  targetWords: 45,
  lambda: 0.7,
  maxSimilarity: 0.6,
});

/** A pronoun opener may follow its antecedent's sentence, never stand without it. */
function canStand(c: ScoredSentence, taken: ReadonlySet<number>): boolean {
  return !c.danglingPronoun || taken.has(c.info.index - 1);
}

/**
 * Pick sentences by MMR; returned in reading order. Boilerplate is tested only on the sentences
 * about to be taken: the regex pass is the costliest check and most sentences never get there.
 */
export function selectSentences(scored: readonly ScoredSentence[], options: SelectOptions): ScoredSentence[] {
  let pool = scored.filter((s) => s.eligible);
  const chosen: ScoredSentence[] = [];
  const taken = new Set<number>();
  let words = options.pinnedWords ?? 0;
  while (chosen.length < options.maxBullets) {
    if (chosen.length >= options.minBullets && words >= options.targetWords) break;
    let best: ScoredSentence | undefined;
    let bestValue = -Infinity;
    for (const c of pool) {
      if (taken.has(c.info.index) || !canStand(c, taken)) continue;
      let redundancy = 0;
      for (const s of chosen) redundancy = Math.max(redundancy, cosine(c.vector, s.vector));
      let pinnedRedundancy = 0;
      for (const v of options.pinned ?? []) pinnedRedundancy = Math.max(pinnedRedundancy, cosine(c.vector, v));
      if (redundancy > options.maxSimilarity || pinnedRedundancy > PINNED_MAX_SIMILARITY) continue;
      redundancy = Math.max(redundancy, pinnedRedundancy);
      const value = options.lambda * c.score - (1 - options.lambda) * redundancy;
      if (value > bestValue) {
        bestValue = value;
        best = c;
      }
    }
    if (best === undefined) break;
    if (isBoilerplate(best.info.text)) {
      const drop = best;
      pool = pool.filter((s) => s !== drop);
      continue;
    }
    chosen.push(best);
    taken.add(best.info.index);
    words += best.info.words.length;
  }
  return chosen.sort((a, b) => a.info.index - b.info.index);
}
