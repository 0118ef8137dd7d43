import type { DocView, Emit, SentenceView } from './features.ts';
import { T } from './features.ts';
import type { Lexicon } from './lexicon.ts';
import type { WordForm } from './word-form.ts';

/**
 * The stage-one feature templates, grouped by what they depend on so that tagging can cache each
 * group (per word, per word and position, per document) while training calls them all per token.
 */
const NONE = '<none>';
export const BOS = '<s>';
export const EOS = '</s>';
/** Joins the parts of a pair feature value; tokens never contain a space. */
export const PAIR_SEPARATOR = ' ';

/** Where a token sits: F(irst in sentence), in an A(ll-caps sentence), or N(ormal). */
export const CONTEXTS = ['F', 'A', 'N'] as const;
/** Sentence length buckets: 1, 2, 3 tokens, m(edium, 4-7), L(ong). */
export const LENGTH_BUCKETS = ['1', '2', '3', 'm', 'L'] as const;
/** Relative positions of the neighbours a token describes: two to the left, two to the right. */
export const NEIGHBOUR_OFFSETS = [-2, -1, 1, 2] as const;

export function contextOf(sent: SentenceView, i: number): number {
  return i === 0 ? 0 : sent.allCaps ? 1 : 2;
}

export function lengthBucket(len: number): number {
  return len < 4 ? Math.max(0, len - 1) : len < 8 ? 3 : 4;
}

/** The word itself, and the bias. */
export function emitWord(form: WordForm, raw: string, lex: Lexicon, emit: Emit): void {
  const w = form.lower;
  emit(T.bias, '');
  emit(T.word, w);
  emit(T.raw, raw);
  const n = w.length;
  for (let k = 1; k <= 4 && k < n; k++) {
    emit(T.prefix, w.slice(0, k));
    emit(T.suffix, w.slice(n - k));
  }
  emit(T.shape, form.shape);
  const slots = lex.slots.get(w);
  if (slots !== undefined) for (const slot of slots) emit(T.slot, slot);
  else emit(T.slot, NONE);
}

/** What a word lends to the token `offset` places away from it (form undefined: past the sentence edge). */
export function emitAsNeighbour(form: WordForm | undefined, offset: number, lex: Lexicon, emit: Emit): void {
  const edge = offset < 0 ? BOS : EOS;
  const lower = form?.lower ?? edge;
  const shape = form?.shape ?? edge;
  const slots = form === undefined ? undefined : lex.slots.get(form.lower);
  // the token sits on the other side: for the token two places right of a word, the word is its L2
  if (offset === 2) {
    emit(T.wordL2, lower);
    emit(T.shapeL2, shape);
  } else if (offset === 1) {
    emit(T.wordL1, lower);
    emit(T.shapeL1, shape);
    if (slots !== undefined) for (const slot of slots) emit(T.slotL1, slot);
  } else if (offset === -1) {
    emit(T.wordR1, lower);
    emit(T.shapeR1, shape);
    if (slots !== undefined) for (const slot of slots) emit(T.slotR1, slot);
  } else {
    emit(T.wordR2, lower);
    emit(T.shapeR2, shape);
  }
}

/** The word joined with where it sits (CONTEXTS[ctx]). */
export function emitWordInContext(form: WordForm, ctx: number, lex: Lexicon, emit: Emit): void {
  const c = CONTEXTS[ctx] as string;
  emit(T.ctxShape, c + form.shape);
  emit(T.ctxWord, c + form.lower);
  emit(T.caseClass, c + form.caps + (lex.caseClass.get(form.lower) ?? NONE));
}

/** The word's capitalisation joined with its sentence's length (LENGTH_BUCKETS[bucket]). */
export function emitLength(form: WordForm, bucket: number, emit: Emit): void {
  emit(T.lenShape, (LENGTH_BUCKETS[bucket] as string) + form.caps);
}

/** How a word with letters is written elsewhere mid-sentence in the document ('-', 'C', 'l' or 'Cl'). */
export function emitDocCase(caps: string, ctx: number, midCase: string, emit: Emit): void {
  emit(T.docCase, (CONTEXTS[ctx] as string) + caps + midCase);
}

/** Word bigrams and the shape trigram around the token. */
export function emitPairs(left: WordForm | undefined, cur: WordForm, right: WordForm | undefined, emit: Emit): void {
  const sep = PAIR_SEPARATOR;
  emit(T.bigramL, (left?.lower ?? BOS) + sep + cur.lower);
  emit(T.bigramR, cur.lower + sep + (right?.lower ?? EOS));
  emit(T.shape3, (left?.shape ?? BOS) + sep + cur.shape + sep + (right?.shape ?? EOS));
}

/** All stage-one features of token i of sentence s: the training path, and the reference for tagging. */
export function emitLocal(doc: DocView, lex: Lexicon, s: number, i: number, emit: Emit): void {
  const sent = doc.sentences[s] as SentenceView;
  const f = sent.forms;
  const cur = f[i] as WordForm;
  const ctx = contextOf(sent, i);
  emitWord(cur, sent.words[i] ?? '', lex, emit);
  for (const off of NEIGHBOUR_OFFSETS) emitAsNeighbour(f[i + off], -off, lex, emit);
  emitWordInContext(cur, ctx, lex, emit);
  emitLength(cur, lengthBucket(f.length), emit);
  if (cur.hasLetter) emitDocCase(cur.caps, ctx, doc.midCase.get(cur.lower) ?? '-', emit);
  emitPairs(f[i - 1], cur, f[i + 1], emit);
  const ph = sent.phrase[i] ?? '';
  if (ph !== '') emit(T.phrase, ph);
}

