/**
 * A tokenizer for raw news text that splits the way CoNLL-2003 (Reuters, Penn Treebank style) does:
 * punctuation apart, clitics ("'s", "n't") apart, hyphenated words and abbreviations ("U.S.", "Inc.",
 * "J.") kept whole. Every token carries exact character offsets: `text.slice(start, end) === token.text`.
 */

export interface Token {
  text: string;
  start: number;
  end: number;
}

/** Abbreviations that keep their final period (lowercased, without the period). */
const ABBREVIATIONS = new Set([
  'mr', 'mrs', 'ms', 'dr', 'st', 'jr', 'sr', 'prof', 'rev', 'gen', 'lt', 'col', 'sgt', 'capt', 'cmdr', 'adm',
  'gov', 'sen', 'rep', 'pres', 'messrs', 'mt', 'ft', 'inc', 'corp', 'co', 'ltd', 'bros', 'vs', 'vol',
  'jan', 'feb', 'mar', 'apr', 'jun', 'jul', 'aug', 'sep', 'sept', 'oct', 'nov', 'dec', 'calif', 'fla',
  'conn', 'ariz', 'colo', 'kan', 'mich', 'minn', 'tenn', 'okla', 'neb', 'nev', 'etc', 'approx', 'dept',
  'fig', 'gen\'l',
]);

const CLITIC = /(?:n't|N'T|'s|'S|'re|'RE|'ve|'VE|'ll|'LL|'d|'D|'m|'M)$/u;
const OPENERS = new Set(['"', '(', '[', '{', '`', '\u201c', '\u2018', '\u00ab', '\'']);
const CLOSERS = new Set(['"', ')', ']', '}', ',', ';', ':', '!', '?', '\u201d', '\u2019', '\u00bb', '\'', '%', '\u2026']);
const DASHES = /[\u2013\u2014]|--+/u;

/** Splits text[from, to) into tokens; offsets are into `text`. */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  const re = /\S+/gu;
  re.lastIndex = from;
  let prevEnd = from;
  for (let m = re.exec(text); m !== null && m.index < to; m = re.exec(text)) {
    const end = Math.min(m.index + m[0].length, to);
    const startsLine = out.length === 0 || text.slice(prevEnd, m.index).includes('\n');
    splitChunk(text, m.index, end, out, startsLine);
    prevEnd = end;
  }
  return out;
}

function push(text: string, start: number, end: number, out: Token[]): void {
  if (end > start) out.push({ text: text.slice(start, end), start, end });
}

function splitChunk(text: string, start: number, end: number, out: Token[], first: boolean): void {
  const chunk = text.slice(start, end);
  const dash = DASHES.exec(chunk);
  if (dash !== null && chunk !== dash[0]) {
    const at = start + dash.index;
    splitChunk(text, start, at, out, first);
    push(text, at, at + dash[0].length, out);
    splitChunk(text, at + dash[0].length, end, out, false);
    return;
  }
  let s = start;
  let e = end;
  const head: [number, number][] = [];
  while (s < e && OPENERS.has(text[s] ?? '') && !isLeadingClitic(text, s, e)) {
    head.push([s, s + 1]);
    s++;
  }
  if (s < e && text[s] === '$' && e - s > 1) {
    head.push([s, s + 1]);
    s++;
  }
  const tail: [number, number][] = [];
  for (;;) {
    if (e <= s) break;
    const c = text[e - 1] ?? '';
    if (c === '.' && e - s > 1) {
      if (/^\.+$/u.test(text.slice(s, e))) break;
      if (text.slice(e - 3, e) === '...' && e - s > 3) {
        tail.push([e - 3, e]);
        e -= 3;
        continue;
      }
      if (keepsPeriod(text.slice(s, e - 1), first && head.length === 0)) break;
      tail.push([e - 1, e]);
      e--;
      continue;
    }
    if (CLOSERS.has(c) && e - s > 1) {
      tail.push([e - 1, e]);
      e--;
      continue;
    }
    break;
  }
  for (const [a, b] of head) push(text, a, b, out);
  const core = text.slice(s, e).replace(/\u2019/gu, '\'');
  const clitic = CLITIC.exec(core);
  if (clitic !== null && clitic.index > 0) {
    push(text, s, s + clitic.index, out);
    push(text, s + clitic.index, e, out);
  } else {
    push(text, s, e, out);
  }
  for (let i = tail.length - 1; i >= 0; i--) {
    const t = tail[i];
    if (t !== undefined) push(text, t[0], t[1], out);
  }
}

function isLeadingClitic(text: string, s: number, e: number): boolean {
  const c = text[s];
  if (c !== '\'' && c !== '\u2019') return false;
  return /^['\u2019](?:s|S|re|ve|ll|d|m|em|n|70s|80s|90s|\d\d)\b/u.test(text.slice(s, e));
}

/** True when a word followed by "." is an abbreviation, an initial or a list number, not a sentence end. */
function keepsPeriod(word: string, chunkStartsSentence: boolean): boolean {
  if (/^[A-Za-z]$/u.test(word)) return true;
  if (/^(?:[A-Za-z]\.)+[A-Za-z]$/u.test(word)) return true;
  if (ABBREVIATIONS.has(word.toLowerCase())) return true;
  if (chunkStartsSentence && /^\d{1,3}$/u.test(word)) return true;
  return false;
}
