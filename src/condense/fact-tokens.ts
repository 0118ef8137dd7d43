/**
 * Facts a reader would notice if they changed: numbers (as values, so "4.5bn", "4.5 billion" and
 * "4,500,000,000" agree) and names (runs of capitalised words). Used to cluster items, to
 * fingerprint stories and to check that model bullets are grounded in the article.
 */

const SCALES: Record<string, number> = {
  k: 1e3,
  thousand: 1e3,
  m: 1e6,
  mn: 1e6,
  mln: 1e6,
  million: 1e6,
  b: 1e9,
  bn: 1e9,
  billion: 1e9,
  tn: 1e12,
  trillion: 1e12,
};

// "one" is left out on purpose: as a pronoun ("one of the ...") it is rarely a figure.
const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10,
  eleven: 11, twelve: 12, thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17,
  eighteen: 18, nineteen: 19, twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60,
  seventy: 70, eighty: 80, ninety: 90, hundred: 100, dozen: 12,
};

const DIGITS_RE =
  /(?<![\p{L}\p{N}.,])(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?(?:\s(thousand|million|billion|trillion|mn|bn|tn)\b|(k|m|mn|mln|bn|b|tn)(?![\p{L}\p{N}]))?(?:st|nd|rd|th|s)?(?![\p{L}\p{N}])/giu;
// Matched against lower-cased text, without the i flag: several times faster on long texts.
const WORD_NUMBER_RE = new RegExp(
  `\\b(${Object.keys(NUMBER_WORDS).join('|')})(?:\\s(thousand|million|billion|trillion))?\\b`,
  'g',
);

export interface NumberMention {
  /** Canonical value, e.g. "4500000000" for "$4.5bn". */
  value: string;
  /** The text as written. */
  text: string;
}

/** Canonical key for a numeric value (6 significant digits, no exponent for ordinary sizes). */
export function numberKey(value: number): string {
  const rounded = Number(value.toPrecision(6));
  return Number.isInteger(rounded) ? BigInt(Math.round(rounded)).toString() : String(rounded);
}

/** Every number written in digits or as a common number word, with its scale applied. */
export function findNumbers(text: string): NumberMention[] {
  const found: NumberMention[] = [];
  for (const m of text.matchAll(DIGITS_RE)) {
    const whole = (m[1] ?? '').replaceAll(',', '');
    const base = Number(m[2] ? `${whole}.${m[2]}` : whole);
    const scaleWord = (m[3] ?? m[4] ?? '').toLowerCase();
    const scale = SCALES[scaleWord] ?? 1;
    if (Number.isFinite(base)) found.push({ value: numberKey(base * scale), text: m[0] });
  }
  for (const m of text.toLowerCase().matchAll(WORD_NUMBER_RE)) {
    const base = NUMBER_WORDS[m[1] ?? ''] ?? 0;
    const scale = SCALES[m[2] ?? ''] ?? 1;
    found.push({ value: numberKey(base * scale), text: m[0] });
  }
  return found;
}

/** Lower-case, accents folded, curly apostrophes straightened, possessive dropped. */
export function foldWord(word: string): string {
  const ascii = !/[^ -~]/u.test(word);
  let w = ascii ? word.toLowerCase() : word.normalize('NFKD').replace(/\p{M}+/gu, '').toLowerCase().replace(/[’‘`]/gu, "'");
  if (w.endsWith("'s")) w = w.slice(0, -2);
  if (w.includes("'") || w.includes('-')) w = w.replace(/^['-]+|['-]+$/gu, '');
  return w;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{M}\p{N}'’-]*/gu;

/** Folded words of a text (letters and digits, hyphens and apostrophes kept inside a word). */
export function words(text: string): string[] {
  return Array.from(text.matchAll(WORD_RE), (m) => foldWord(m[0])).filter((w) => w.length > 0);
}

export interface NameMention {
  /** The name as written, e.g. "Riad al-Malki". */
  text: string;
  /** Its folded words. */
  parts: string[];
}

const CAPITALISED_RE = /^\p{Lu}/u;
const SENTENCE_START_RE = /(^|[.!?:;]["'”’)]*\s+|["“‘(\[]|\n)$/u;

/**
 * Runs of capitalised words. A capitalised word that opens a sentence only counts when
 * `isCommonWord` says it is not an ordinary word (so "The", "Officials" and "Shares" are not names).
 */
export function findNames(text: string, isCommonWord: (folded: string) => boolean): NameMention[] {
  const names: NameMention[] = [];
  let current: { start: number; end: number; parts: string[] } | undefined;
  const flush = (): void => {
    if (current && current.parts.length > 0) {
      names.push({ text: text.slice(current.start, current.end), parts: current.parts });
    }
    current = undefined;
  };
  for (const m of text.matchAll(WORD_RE)) {
    const raw = m[0];
    const start = m.index;
    const capitalised = CAPITALISED_RE.test(raw);
    const gap = current ? text.slice(current.end, start) : '';
    if (current && (!/^\s$/u.test(gap) || !capitalised)) flush();
    if (!capitalised) continue;
    const folded = foldWord(raw);
    const opensSentence = SENTENCE_START_RE.test(text.slice(Math.max(0, start - 4), start));
    if (!current && opensSentence && isCommonWord(folded)) continue;
    if (!current) current = { start, end: start, parts: [] };
    current.parts.push(folded);
    current.end = start + raw.length;
  }
  flush();
  return names;
}
