/**
 * The Porter stemmer (Porter 1980) with NLTK's extensions, i.e. what
 * `nltk.stem.porter.PorterStemmer()` does in its default NLTK_EXTENSIONS mode, which is the
 * stemmer rouge_score uses. Written from the published algorithm; the NLTK departures are
 * marked. Input is expected lower case.
 */

const IRREGULAR = new Map<string, string>(Object.entries({
  sky: 'sky', skies: 'sky', dying: 'die', lying: 'lie', tying: 'tie', news: 'news',
  innings: 'inning', inning: 'inning', outings: 'outing', outing: 'outing',
  cannings: 'canning', canning: 'canning', howe: 'howe',
  proceed: 'proceed', exceed: 'exceed', succeed: 'succeed',
}));

function isConsonant(word: string, i: number): boolean {
  const ch = word[i];
  if (ch === 'a' || ch === 'e' || ch === 'i' || ch === 'o' || ch === 'u') return false;
  if (ch === 'y') return i === 0 ? true : !isConsonant(word, i - 1);
  return true;
}

/** m in [C](VC){m}[V]: the number of vowel-consonant transitions. */
function measure(stem: string): number {
  let m = 0;
  for (let i = 1; i < stem.length; i += 1) {
    if (!isConsonant(stem, i - 1) && isConsonant(stem, i)) m += 1;
  }
  return m;
}

function containsVowel(stem: string): boolean {
  for (let i = 0; i < stem.length; i += 1) if (!isConsonant(stem, i)) return true;
  return false;
}

function endsDoubleConsonant(word: string): boolean {
  const n = word.length;
  return n >= 2 && word[n - 1] === word[n - 2] && isConsonant(word, n - 1);
}

/** *o: ends consonant-vowel-consonant, last not w, x or y (NLTK: also a two-letter vowel-consonant word). */
function endsCvc(word: string): boolean {
  const n = word.length;
  if (n >= 3) {
    const last = word[n - 1];
    return isConsonant(word, n - 3) && !isConsonant(word, n - 2) && isConsonant(word, n - 1)
      && last !== 'w' && last !== 'x' && last !== 'y';
  }
  return n === 2 && !isConsonant(word, 0) && isConsonant(word, 1);
}

type Condition = ((stem: string) => boolean) | null;
type Rule = readonly [suffix: string, replacement: string, condition: Condition];

const positive = (stem: string): boolean => measure(stem) > 0;
const aboveOne = (stem: string): boolean => measure(stem) > 1;

/** First rule whose suffix matches decides: applied when its condition holds, else the word stays. */
function applyRules(word: string, rules: readonly Rule[]): string {
  for (const [suffix, replacement, condition] of rules) {
    if (suffix === '*d') {
      if (!endsDoubleConsonant(word)) continue;
      const stem = word.slice(0, -2);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
    if (word.endsWith(suffix)) {
      const stem = word.slice(0, word.length - suffix.length);
      return condition === null || condition(stem) ? stem + replacement : word;
    }
  }
  return word;
}

function step1a(word: string): string {
  if (word.endsWith('ies') && word.length === 4) return `${word.slice(0, -3)}ie`; // NLTK: dies -> die
  return applyRules(word, [['sses', 'ss', null], ['ies', 'i', null], ['ss', 'ss', null], ['s', '', null]]);
}

function step1b(word: string): string {
  if (word.endsWith('ied')) return word.length === 4 ? `${word.slice(0, -3)}ie` : `${word.slice(0, -3)}i`; // NLTK
  if (word.endsWith('eed')) {
    const stem = word.slice(0, -3);
    return measure(stem) > 0 ? `${stem}ee` : word;
  }
  let stem: string | null = null;
  for (const suffix of ['ed', 'ing']) {
    if (word.endsWith(suffix)) {
      const candidate = word.slice(0, word.length - suffix.length);
      if (containsVowel(candidate)) stem = candidate;
      break;
    }
  }
  if (stem === null) return word;
  const last = stem[stem.length - 1] ?? '';
  return applyRules(stem, [
    ['at', 'ate', null],
    ['bl', 'ble', null],
    ['iz', 'ize', null],
    ['*d', last, () => last !== 'l' && last !== 's' && last !== 'z'],
    ['', 'e', (s) => measure(s) === 1 && endsCvc(s)],
  ]);
}

/** NLTK: y -> i only after a consonant that is not the first letter. */
function step1c(word: string): string {
  return applyRules(word, [['y', 'i', (s) => s.length > 1 && isConsonant(s, s.length - 1)]]);
}

function step2(word: string): string {
  // NLTK: ALLI -> AL first, then step 2 again on the result.
  if (word.endsWith('alli') && positive(word.slice(0, -4))) return step2(`${word.slice(0, -4)}al`);
  return applyRules(word, [
    ['ational', 'ate', positive], ['tional', 'tion', positive], ['enci', 'ence', positive],
    ['anci', 'ance', positive], ['izer', 'ize', positive], ['bli', 'ble', positive],
    ['alli', 'al', positive], ['entli', 'ent', positive], ['eli', 'e', positive],
    ['ousli', 'ous', positive], ['ization', 'ize', positive], ['ation', 'ate', positive],
    ['ator', 'ate', positive], ['alism', 'al', positive], ['iveness', 'ive', positive],
    ['fulness', 'ful', positive], ['ousness', 'ous', positive], ['aliti', 'al', positive],
    ['iviti', 'ive', positive], ['biliti', 'ble', positive],
    ['fulli', 'ful', positive],
    ['logi', 'log', () => positive(word.slice(0, -3))], // NLTK: the l stays with the stem
  ]);
}

function step3(word: string): string {
  return applyRules(word, [
    ['icate', 'ic', positive], ['ative', '', positive], ['alize', 'al', positive],
    ['iciti', 'ic', positive], ['ical', 'ic', positive], ['ful', '', positive], ['ness', '', positive],
  ]);
}

function step4(word: string): string {
  return applyRules(word, [
    ['al', '', aboveOne], ['ance', '', aboveOne], ['ence', '', aboveOne], ['er', '', aboveOne],
    ['ic', '', aboveOne], ['able', '', aboveOne], ['ible', '', aboveOne], ['ant', '', aboveOne],
    ['ement', '', aboveOne], ['ment', '', aboveOne], ['ent', '', aboveOne],
    ['ion', '', (s) => measure(s) > 1 && (s.endsWith('s') || s.endsWith('t'))],
    ['ou', '', aboveOne], ['ism', '', aboveOne], ['ate', '', aboveOne], ['iti', '', aboveOne],
    ['ous', '', aboveOne], ['ive', '', aboveOne], ['ize', '', aboveOne],
  ]);
}

function step5a(word: string): string {
  if (!word.endsWith('e')) return word;
  const stem = word.slice(0, -1);
  const m = measure(stem);
  if (m > 1 || (m === 1 && !endsCvc(stem))) return stem;
  return word;
}

function step5b(word: string): string {
  return applyRules(word, [['ll', 'l', () => measure(word.slice(0, -1)) > 1]]);
}

/** Stem one lower-case word. */
export function porterStem(word: string): string {
  const irregular = IRREGULAR.get(word);
  if (irregular !== undefined) return irregular;
  if (word.length <= 2) return word;
  return step5b(step5a(step4(step3(step2(step1c(step1b(step1a(word))))))));
}
