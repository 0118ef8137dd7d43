/**
 * Offsets-preserving text helpers for the figures stage: paragraphs, sentences and word tokens.
 * Sentences come from src/nlp's splitter, mapped back to offsets; the simple splitter here is the
 * fallback when a sentence cannot be found in the text as written.
 */
import { splitSentences } from '../nlp/split-sentences.ts';

export interface TextSpan {
  text: string;
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set(`mr mrs ms dr prof st jr sr gen gov sen rep lt col capt sgt rev hon
inc ltd corp co no vs etc jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m
mt ft fig approx est dept univ cf al`.split(/\s+/));

/** Lines of the text (a line break always ends a sentence in extracted article text). */
export function splitParagraphSpans(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(/[^\n]+/gu)) {
    const trimmed = m[0].trim();
    if (trimmed === '') continue;
    const start = m.index + m[0].indexOf(trimmed);
    out.push({ text: trimmed, start, end: start + trimmed.length });
  }
  return out;
}

/** Whether the text ends with an abbreviation or an initial (so a following dot ends no sentence). */
export function endsWithAbbreviation(before: string): boolean {
  const word = /([\p{L}.]+)$/u.exec(before)?.[1] ?? '';
  const bare = word.replace(/\.+$/u, '');
  if (bare === '') return false;
  if (ABBREVIATIONS.has(bare.toLowerCase())) return true;
  // An initial ("J. K. Rowling") or a dotted acronym in the middle of a sentence.
  return /^\p{Lu}$/u.test(bare) || /^(?:\p{L}\.)+\p{L}$/u.test(bare);
}

/** Sentences with offsets into `text`, from src/nlp's splitter; the simple splitter if mapping fails. */
export function splitSentenceSpans(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  let cursor = 0;
  for (const sentence of splitSentences(text)) {
    const words = sentence.split(/\s+/u).filter(Boolean).map((w) => w.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'));
    if (words.length === 0) continue;
    const re = new RegExp(words.join('\\s+'), 'gu');
    re.lastIndex = cursor;
    const m = re.exec(text);
    if (m === null) return splitSentenceSpansSimply(text);
    out.push({ text: m[0], start: m.index, end: m.index + m[0].length });
    cursor = m.index + m[0].length;
  }
  return out;
}

/**
 * Sentences with their offsets, without src/nlp. Ends at . ! ? (optionally followed by closing quotes or brackets)
 * when the next word starts with a capital, a digit or an opening quote; never after a known
 * abbreviation or an initial; always at a line break.
 */
export function splitSentenceSpansSimply(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const para of splitParagraphSpans(text)) {
    let from = 0;
    const body = para.text;
    for (const m of body.matchAll(/[.!?…]+["'”’)\]]*\s+(?=["“‘'(\[]?[\p{Lu}\d])/gu)) {
      const punctEnd = m.index + m[0].trimEnd().length;
      if (m[0].startsWith('.') && endsWithAbbreviation(body.slice(from, m.index + 1))) continue;
      push(out, body, para.start, from, punctEnd);
      from = m.index + m[0].length;
    }
    push(out, body, para.start, from, body.length);
  }
  return out;
}

function push(out: TextSpan[], body: string, base: number, from: number, to: number): void {
  const piece = body.slice(from, to).trim();
  if (piece === '') return;
  const start = base + from + body.slice(from, to).indexOf(piece);
  out.push({ text: piece, start, end: start + piece.length });
}

/** Word-like tokens (letters with inner apostrophes, dots or hyphens; numbers) and punctuation. */
export function tokenize(text: string, offset = 0): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}](?:[\p{L}\p{M}\d]|['’.-](?=[\p{L}\p{M}]))*|\d[\d,.]*\d|\d|[^\s\p{L}\p{M}\d]/gu)) {
    out.push({ text: m[0], start: offset + m.index, end: offset + m.index + m[0].length });
  }
  return out;
}

/** The span in `spans` that contains offset `at`, if any (spans sorted by start). */
export function spanAt<T extends { start: number; end: number }>(spans: readonly T[], at: number): T | undefined {
  return spans.find((s) => s.start <= at && at < s.end);
}

export const isCapitalised = (word: string): boolean => /^\p{Lu}/u.test(word);
