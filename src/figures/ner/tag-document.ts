import { T, viewDocument } from './features.ts';
import type { Emit, SentenceView } from './features.ts';
import { emitDocument, summariseFirstPass } from './doc-features.ts';
import type { NerModel } from './model.ts';
import {
  cacheOf, contextBlock, docCaseScores, entryOf, lengthBlock, LENT_BLOCK, OWN_BLOCK, pairRow, tripleRow,
} from './score-cache.ts';
import type { ScoreCache, Scores, WordEntry } from './score-cache.ts';
import { contextOf, lengthBucket, NEIGHBOUR_OFFSETS } from './token-features.ts';
import { bioConstraints, viterbi } from './viterbi.ts';

const constraints = new WeakMap<NerModel, Uint8Array>();
// module-local copies: tsx turns imported bindings into getter calls, too slow for the inner loop
const OFFSETS: readonly number[] = [...NEIGHBOUR_OFFSETS];
const PHRASE_TEMPLATE: number = T.phrase;
const OWN: number = OWN_BLOCK;
const LENT: number = LENT_BLOCK;

/**
 * Tags every token of a document (sentences of tokens) with BIO entity tags in two passes: the
 * second pass sees what the first said about the same words elsewhere in the document.
 * Scores both passes' local features at once (they share them) from precomputed score vectors.
 */
export function tagDocument(model: NerModel, doc: readonly (readonly string[])[]): string[][] {
  const c = cacheOf(model);
  const k = c.k;
  let allowed = constraints.get(model);
  if (allowed === undefined) constraints.set(model, (allowed = bioConstraints(model.tags)));
  const entries = doc.map((words) => words.map((w) => entryOf(c, w)));
  const view = viewDocument(doc, model.lexicon, entries.map((es) => es.map((e) => e.form)));
  const [one, two] = model.stages;
  const local = view.sentences.map((sent, s) => localScores(c, view.midCase, sent, entries[s] ?? []));
  const first = local.map((em, s) => decodeTags(model, em, entries[s]?.length ?? 0, one.transition, allowed, 0));
  const summary = summariseFirstPass(view, first);
  let em: Float32Array = new Float32Array(0);
  let base = 0;
  const addDoc: Emit = (template, value) => {
    const row = model.rows[template]?.get(value);
    if (row !== undefined) addRow(em, base, k, two.emission, row);
  };
  return view.sentences.map((sent, s) => {
    em = local[s] ?? new Float32Array(0);
    for (let i = 0; i < sent.words.length; i++) {
      base = i * 2 * k + k;
      emitDocument(view, summary, s, i, addDoc);
    }
    return decodeTags(model, em, sent.words.length, two.transition, allowed, k);
  });
}

/** n × (stage one's k scores, stage two's k scores) from every stage-one feature of the sentence. */
function localScores(c: ScoreCache, midCase: Map<string, string>, sent: SentenceView, entries: readonly WordEntry[]): Float32Array {
  const k = c.k;
  const w = 2 * k;
  const n = entries.length;
  const em = new Float32Array(n * w);
  const bucket = lengthBucket(n);
  const [one, two] = c.model.stages;
  const phrases = c.model.rows[PHRASE_TEMPLATE];
  const { bosPair, eosPair, bosShape, eosShape } = c.edgeIds;
  for (let i = 0; i < n; i++) {
    const e = entries[i] as WordEntry;
    const base = i * 2 * k;
    const ctx = contextOf(sent, i);
    addBlock(em, base, e.scores, OWN * w, w);
    for (let o = 0; o < OFFSETS.length; o++) {
      const nb = entries[i + (OFFSETS[o] as number)];
      if (nb === undefined) addBlock(em, base, c.edges, o * w, w);
      else addBlock(em, base, nb.scores, (LENT + o) * w, w);
    }
    addBlock(em, base, e.scores, contextBlock(c, e, ctx) * w, w);
    addBlock(em, base, e.scores, lengthBlock(c, e, bucket) * w, w);
    if (e.form.hasLetter) addBlock(em, base, docCaseScores(c, e.form.caps, ctx, midCase.get(e.form.lower) ?? '-'), 0, w);
    const left = entries[i - 1];
    const right = entries[i + 1];
    addBoth(em, base, k, one.emission, two.emission, pairRow(c.bigramL, c.pairBase, left === undefined ? bosPair : left.pairId, e.pairId));
    addBoth(em, base, k, one.emission, two.emission, pairRow(c.bigramR, c.pairBase, e.pairId, right === undefined ? eosPair : right.pairId));
    addBoth(em, base, k, one.emission, two.emission, tripleRow(c.shape3, c.shapeBase,
      left === undefined ? bosShape : left.shapeId, e.shapeId, right === undefined ? eosShape : right.shapeId));
    const phrase = sent.phrase[i] ?? '';
    if (phrase !== '') addBoth(em, base, k, one.emission, two.emission, phrases?.get(phrase) ?? -1);
  }
  return em;
}

function addBlock(em: Float32Array, base: number, scores: Scores, from: number, width: number): void {
  for (let t = 0; t < width; t++) em[base + t] = (em[base + t] as number) + (scores[from + t] as number);
}

function addBoth(em: Float32Array, base: number, k: number, one: Float32Array, two: Float32Array, row: number): void {
  if (row < 0) return;
  addRow(em, base, k, one, row);
  addRow(em, base + k, k, two, row);
}

function addRow(em: Float32Array, base: number, k: number, weights: Float32Array, row: number): void {
  const r = row * k;
  for (let t = 0; t < k; t++) em[base + t] = (em[base + t] as number) + (weights[r + t] as number);
}

function decodeTags(model: NerModel, em: Float32Array, n: number, transition: Float32Array, allowed: Uint8Array, offset: number): string[] {
  const k = model.tags.length;
  const out = new Uint8Array(n);
  viterbi(em, n, k, transition, allowed, out, 2 * k, offset);
  return [...out].map((t) => model.tags[t] ?? 'O');
}
