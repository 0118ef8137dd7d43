/**
 * The one wink-nlp instance of the process, created on first use. A second instance over the
 * same model silently drops custom entities learnt on the first, so everything goes through here.
 */
import winkNLP from 'wink-nlp';
import type { WinkMethods } from 'wink-nlp';
import model from 'wink-eng-lite-web-model';

/**
 * Annotations every document gets. POS tagging, negation and sentiment are left out: nothing
 * in Herald reads them and POS alone costs about a third of the reading time. `cer` stays so a
 * stage may learn custom entities on this instance.
 */
export const NLP_PIPE: readonly string[] = ['sbd', 'ner', 'cer'];

let instance: WinkMethods | undefined;

/** The shared wink instance (lazy singleton). */
export function getNlp(): WinkMethods {
  instance ??= winkNLP(model, [...NLP_PIPE]);
  return instance;
}

type StemFn = (word: string) => string;

function modelStemmer(): StemFn {
  const addon: unknown = (model as { addons?: { stem?: unknown } }).addons?.stem;
  if (typeof addon !== 'function') throw new Error('wink-eng-lite-web-model has no stem addon');
  return addon as StemFn;
}

let stemFn: StemFn | undefined;
const STEM_CACHE_MAX_ENTRIES = 100_000;
const stemCache = new Map<string, string>();

/** Words this short are their own stem in practice; skipping them saves a lookup per token. */
const SHORT_WORD_CHARS = 3;

/** Porter-style (Snowball English) stem of one word, lower-cased; memoised. */
export function stem(word: string): string {
  return stemLower(word.toLowerCase());
}

/** `stem` for a word already in lower case (the hot path of sentence analysis). */
export function stemLower(lower: string): string {
  if (lower.length <= SHORT_WORD_CHARS) return lower;
  let s = stemCache.get(lower);
  if (s === undefined) {
    stemFn ??= modelStemmer();
    s = stemFn(lower);
    if (stemCache.size >= STEM_CACHE_MAX_ENTRIES) stemCache.clear();
    stemCache.set(lower, s);
  }
  return s;
}
