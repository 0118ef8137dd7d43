/**
 * Content terms of news text: folded words without stop words, lightly stemmed, and numbers by
 * value. Own rules on purpose: fast, deterministic, no model.
 */
import { findNumbers, foldWord, words } from './fact-tokens.ts';

const STOP_LIST = `a about above after again against ago all almost also although am among an and another any
are around as at away back be became because become been before being below between both but by
can cannot could did do does doing done down during each either else even ever every few for from
further get gets got had has have having he her here hers herself him himself his how however i if
in into is it its itself just last least less let like made make many may me might more most much
must my myself near neither never new next no nor not now of off often on once one only or other
others our ours ourselves out over own per put quite rather said same say saying says see seen she
should since so some still such take than that the their theirs them themselves then there these
they this those though three through thus to today told too two under until up upon us very via
was we well were what when where whether which while who whom whose why will with within without
would yesterday yet you your yours yourself according week weeks year years day days time times
monday tuesday wednesday thursday friday saturday sunday mr mrs ms dr st people`;

/** Common English and newswire words that say nothing about which event an item covers. */
export const STOP_WORDS: ReadonlySet<string> = new Set(STOP_LIST.split(/\s+/u));

/** A light suffix stripper: plural, -ing, -ed, -ly; enough to match "kills"/"killed"/"killing". */
export function stem(word: string): string {
  let w = word;
  if (w.length <= 3 || /\d/u.test(w)) return w;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is|ous)$/u.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ing') && w.length > 5) w = w.slice(0, -3);
  else if (w.endsWith('ed') && w.length > 4) w = w.slice(0, -2);
  else if (w.endsWith('ly') && w.length > 5) w = w.slice(0, -2);
  if (/([^aeiouls])\1$/u.test(w)) w = w.slice(0, -1);
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

/** Stemmed content words of a text, stop words and one-letter words dropped. */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const w of words(text)) {
    if (w.length < 2 || STOP_WORDS.has(w) || /^\d/u.test(w)) continue;
    out.push(stem(w));
  }
  return out;
}

/** term → occurrences weighted by field; numbers are terms "#<value>". */
export type TermCounts = Map<string, number>;

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;
/** Raw word → its content term, or '' for a stop word; news vocabulary repeats, so this pays. */
const termCache = new Map<string, string>();
const TERM_CACHE_MAX = 200_000;

function termOfWord(raw: string): string {
  let term = termCache.get(raw);
  if (term === undefined) {
    const w = foldWord(raw);
    term = w.length < 2 || STOP_WORDS.has(w) || /^\d/u.test(w) ? '' : stem(w);
    if (termCache.size >= TERM_CACHE_MAX) termCache.clear();
    termCache.set(raw, term);
  }
  return term;
}

/** Add a field's content terms and numbers to `into`, each occurrence counting `fieldWeight`. */
export function addTermCounts(into: TermCounts, text: string, fieldWeight: number): void {
  for (const m of text.matchAll(WORD_RE)) {
    const term = termOfWord(m[0]);
    if (term) into.set(term, (into.get(term) ?? 0) + fieldWeight);
  }
  for (const n of findNumbers(text)) {
    const term = `#${n.value}`;
    into.set(term, (into.get(term) ?? 0) + fieldWeight);
  }
}
