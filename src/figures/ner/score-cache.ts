import type { Emit } from './features.ts';
import { T } from './features.ts';
import type { NerModel } from './model.ts';
import {
  BOS, CONTEXTS, EOS, LENGTH_BUCKETS, NEIGHBOUR_OFFSETS, PAIR_SEPARATOR,
  emitAsNeighbour, emitDocCase, emitLength, emitWord, emitWordInContext,
} from './token-features.ts';
import { wordForm } from './word-form.ts';
import type { WordForm } from './word-form.ts';

/**
 * Precomputed emission scores, so that tagging a token adds a handful of vectors instead of looking
 * up forty features. Everything here is derived from the same emit functions that training uses.
 */

/** Summed emission scores: stage one's tags, then stage two's (2 × tag count). */
export type Scores = Float32Array;

/** Distinct token texts remembered per model before the memory starts over (about 1 KB each). */
const WORD_CACHE_MAX_ENTRIES = 50_000;
const CAPS = 'ialmdp';
const MID_CASES = ['-', 'C', 'l', 'Cl'];

/** Blocks of a word's `scores`, each 2 × tag count long. */
export const OWN_BLOCK = 0;
/** Block LENT_BLOCK + o: what the word lends to the token at -NEIGHBOUR_OFFSETS[o] from it. */
export const LENT_BLOCK = 1;
/** Block CONTEXT_BLOCK + ctx, LENGTH_BLOCK + bucket: filled on first use. */
export const CONTEXT_BLOCK = LENT_BLOCK + NEIGHBOUR_OFFSETS.length;
export const LENGTH_BLOCK = CONTEXT_BLOCK + CONTEXTS.length;
const BLOCKS = LENGTH_BLOCK + LENGTH_BUCKETS.length;

export interface WordEntry {
  form: WordForm;
  scores: Scores;
  /** Bit b set: block b of `scores` is filled. */
  ready: number;
  /** Ids in the bigram vocabulary and the shape vocabulary, -1 when the model has no pair with them. */
  pairId: number;
  shapeId: number;
}

export interface ScoreCache {
  model: NerModel;
  k: number;
  words: Map<string, WordEntry>;
  /** Block o: what the sentence edge lends to the token at -NEIGHBOUR_OFFSETS[o]. */
  edges: Scores;
  docCase: (Scores | undefined)[];
  pairVocab: Map<string, number>;
  shapeVocab: Map<string, number>;
  bigramL: Map<number, number>;
  bigramR: Map<number, number>;
  shape3: Map<number, number>;
  /** Key of a pair (a, b) is a × base + b; of a triple, (a × base + b) × base + c. */
  pairBase: number;
  shapeBase: number;
  edgeIds: { bosPair: number; eosPair: number; bosShape: number; eosShape: number };
}

const caches = new WeakMap<NerModel, ScoreCache>();

/** Sums the rows of the features `fill` emits into block `block` of `out`, both stages. */
export function scoreInto(model: NerModel, out: Scores, block: number, fill: (emit: Emit) => void): void {
  const k = model.tags.length;
  const at = block * 2 * k;
  const [one, two] = model.stages;
  fill((template, value) => {
    const row = model.rows[template]?.get(value);
    if (row === undefined) return;
    for (let t = 0; t < k; t++) {
      out[at + t] = (out[at + t] as number) + (one.emission[row * k + t] as number);
      out[at + k + t] = (out[at + k + t] as number) + (two.emission[row * k + t] as number);
    }
  });
}

export function cacheOf(model: NerModel): ScoreCache {
  let c = caches.get(model);
  if (c !== undefined) return c;
  const pairVocab = new Map<string, number>();
  const shapeVocab = new Map<string, number>();
  const idIn = (vocab: Map<string, number>, w: string): number => {
    let id = vocab.get(w);
    if (id === undefined) vocab.set(w, (id = vocab.size));
    return id;
  };
  const split = (template: number, vocab: Map<string, number>): (readonly [number[], number])[] =>
    [...(model.rows[template] ?? new Map<string, number>())].map(([v, row]) => [v.split(PAIR_SEPARATOR).map((p) => idIn(vocab, p)), row] as const);
  const index = (entries: (readonly [number[], number])[], base: number): Map<number, number> =>
    new Map(entries.map(([ids, row]) => [ids.reduce((key, id) => key * base + id, 0), row]));
  const l = split(T.bigramL, pairVocab);
  const r = split(T.bigramR, pairVocab);
  const sh = split(T.shape3, shapeVocab);
  const pairBase = Math.max(1, pairVocab.size);
  const shapeBase = Math.max(1, shapeVocab.size);
  const bigramL = index(l, pairBase);
  const bigramR = index(r, pairBase);
  const shape3 = index(sh, shapeBase);
  c = {
    model, k: model.tags.length, words: new Map(), docCase: [], pairVocab, shapeVocab, bigramL, bigramR, shape3, pairBase, shapeBase,
    edges: edgeScores(model),
    edgeIds: {
      bosPair: pairVocab.get(BOS) ?? -1, eosPair: pairVocab.get(EOS) ?? -1,
      bosShape: shapeVocab.get(BOS) ?? -1, eosShape: shapeVocab.get(EOS) ?? -1,
    },
  };
  caches.set(model, c);
  return c;
}

function edgeScores(model: NerModel): Scores {
  const out = new Float32Array(NEIGHBOUR_OFFSETS.length * 2 * model.tags.length);
  NEIGHBOUR_OFFSETS.forEach((off, o) => scoreInto(model, out, o, (emit) => emitAsNeighbour(undefined, -off, model.lexicon, emit)));
  return out;
}

export function entryOf(c: ScoreCache, raw: string): WordEntry {
  let e = c.words.get(raw);
  if (e !== undefined) return e;
  if (c.words.size >= WORD_CACHE_MAX_ENTRIES) c.words.clear();
  const form = wordForm(raw);
  const lex = c.model.lexicon;
  const scores = new Float32Array(BLOCKS * 2 * c.k);
  scoreInto(c.model, scores, OWN_BLOCK, (emit) => emitWord(form, raw, lex, emit));
  NEIGHBOUR_OFFSETS.forEach((off, o) => scoreInto(c.model, scores, LENT_BLOCK + o, (emit) => emitAsNeighbour(form, -off, lex, emit)));
  e = {
    form, scores, ready: 0,
    pairId: c.pairVocab.get(form.lower) ?? -1,
    shapeId: c.shapeVocab.get(form.shape) ?? -1,
  };
  c.words.set(raw, e);
  return e;
}

/** Fills block CONTEXT_BLOCK + ctx of the word's scores if not yet filled; returns its index. */
export function contextBlock(c: ScoreCache, e: WordEntry, ctx: number): number {
  const block = CONTEXT_BLOCK + ctx;
  if ((e.ready & (1 << block)) === 0) {
    scoreInto(c.model, e.scores, block, (emit) => emitWordInContext(e.form, ctx, c.model.lexicon, emit));
    e.ready |= 1 << block;
  }
  return block;
}

/** Fills block LENGTH_BLOCK + bucket of the word's scores if not yet filled; returns its index. */
export function lengthBlock(c: ScoreCache, e: WordEntry, bucket: number): number {
  const block = LENGTH_BLOCK + bucket;
  if ((e.ready & (1 << block)) === 0) {
    scoreInto(c.model, e.scores, block, (emit) => emitLength(e.form, bucket, emit));
    e.ready |= 1 << block;
  }
  return block;
}

export function docCaseScores(c: ScoreCache, caps: string, ctx: number, midCase: string): Scores {
  const key = (ctx * CAPS.length + CAPS.indexOf(caps)) * MID_CASES.length + MID_CASES.indexOf(midCase);
  let scores = c.docCase[key];
  if (scores === undefined) {
    scores = new Float32Array(2 * c.k);
    scoreInto(c.model, scores, 0, (emit) => emitDocCase(caps, ctx, midCase, emit));
    c.docCase[key] = scores;
  }
  return scores;
}

/** Row of a pair feature, or -1 (an id of -1 never matches). */
export function pairRow(index: Map<number, number>, base: number, a: number, b: number): number {
  return a < 0 || b < 0 ? -1 : (index.get(a * base + b) ?? -1);
}

/** Row of a triple feature, or -1. */
export function tripleRow(index: Map<number, number>, base: number, a: number, b: number, c: number): number {
  return a < 0 || b < 0 || c < 0 ? -1 : (index.get((a * base + b) * base + c) ?? -1);
}
