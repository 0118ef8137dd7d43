/**
 * Reads text once with wink, paragraph by paragraph, and repairs the sentence boundaries that
 * news copy trips on: a title abbreviation before a name, a month before a day, a split before a
 * lower-case word, and the "Never."-sized tail of a quotation.
 */
import { getNlp } from './wink.ts';
import { splitParagraphs } from './paragraphs.ts';
import { MAY_END_SENTENCE, MONTH_ABBREVIATIONS, TITLE_ABBREVIATIONS } from './abbreviations.ts';

/** A sentence as a token range of its paragraph. */
export interface SentenceSpan {
  /** First and last token index, inclusive. */
  start: number;
  end: number;
  text: string;
  /** True when the sentence begins inside a quotation opened by an earlier sentence. */
  quoteOpenAtStart: boolean;
}

export interface EntitySpan {
  start: number;
  end: number;
  type: string;
  value: string;
}

export interface ParagraphSegments {
  text: string;
  tokens: string[];
  /** wink token types: word, number, punctuation, currency, ordinal, time, url, ... */
  types: string[];
  sentences: SentenceSpan[];
  entities: EntitySpan[];
}

/** A quote tail this short joins the sentence before it ("... give up. Never."). */
const QUOTE_TAIL_MAX_WORDS = 3;

function isWordish(type: string | undefined): boolean {
  return type !== undefined && type !== 'punctuation' && type !== 'symbol';
}

function startsLowerCase(tokens: readonly string[], types: readonly string[], start: number, end: number): boolean {
  for (let i = start; i <= end; i += 1) {
    if (!isWordish(types[i])) continue;
    const t = tokens[i] ?? '';
    // "iPhone", "eBay": a brand, not a continuation.
    return types[i] === 'word' && /^\p{Ll}/u.test(t) && !/\p{Lu}/u.test(t);
  }
  return false;
}

function wordCount(types: readonly string[], start: number, end: number): number {
  let n = 0;
  for (let i = start; i <= end; i += 1) if (isWordish(types[i])) n += 1;
  return n;
}

function lastWordToken(tokens: readonly string[], end: number): string {
  const last = (tokens[end] ?? '').toLowerCase();
  if (last === '.' && end > 0) return `${(tokens[end - 1] ?? '').toLowerCase()}.`;
  return last;
}

function shouldJoin(p: { tokens: string[]; types: string[] }, prevEnd: number, next: [number, number], quoteOpen: boolean): boolean {
  const { tokens, types } = p;
  const [start, end] = next;
  const last = lastWordToken(tokens, prevEnd);
  if (TITLE_ABBREVIATIONS.has(last) && !MAY_END_SENTENCE.has(last)) return true;
  const firstWordish = tokens.slice(start, end + 1).find((_, k) => isWordish(types[start + k])) ?? '';
  if (MONTH_ABBREVIATIONS.has(last) && /^\d/u.test(firstWordish)) return true;
  if (startsLowerCase(tokens, types, start, end)) return true;
  const words = wordCount(types, start, end);
  if (words === 0) return true;
  return quoteOpen && words <= QUOTE_TAIL_MAX_WORDS;
}

function sliceText(tokens: readonly string[], spaces: readonly string[], start: number, end: number): string {
  let s = tokens[start] ?? '';
  for (let i = start + 1; i <= end; i += 1) s += (spaces[i] ?? '') + (tokens[i] ?? '');
  return s;
}

/** Quote state after each token range: straight quotes toggle, curly quotes say which side. */
function quoteStateAfter(tokens: readonly string[], start: number, end: number, open: boolean): boolean {
  let state = open;
  for (let i = start; i <= end; i += 1) {
    const t = tokens[i];
    if (t === '"') state = !state;
    else if (t === '“') state = true;
    else if (t === '”') state = false;
  }
  return state;
}

/** Segment one paragraph; entity spans are read only when asked for (they cost a pass). */
export function segmentParagraph(text: string, withEntities = false): ParagraphSegments {
  const nlp = getNlp();
  const its = nlp.its;
  const doc = nlp.readDoc(text);
  const tokens = doc.tokens().out() as string[];
  const types = doc.tokens().out(its.type) as string[];
  const spaces = doc.tokens().out(its.precedingSpaces) as string[];
  const rawSpans = doc.sentences().out(its.span) as unknown as [number, number][];
  const entitySpans = withEntities ? (doc.entities().out(its.span) as unknown as [number, number][]) : [];
  const entityTypes = withEntities ? (doc.entities().out(its.type) as string[]) : [];
  const p = { tokens, types };

  const merged: [number, number][] = [];
  const openAtStart: boolean[] = [];
  let quoteOpen = false;
  for (const span of rawSpans) {
    const prev = merged[merged.length - 1];
    if (prev !== undefined && shouldJoin(p, prev[1], span, quoteOpen)) {
      prev[1] = span[1];
    } else {
      merged.push([span[0], span[1]]);
      openAtStart.push(quoteOpen);
    }
    quoteOpen = quoteStateAfter(tokens, span[0], span[1], quoteOpen);
  }

  const sentences: SentenceSpan[] = merged.map(([start, end], k) => ({
    start,
    end,
    text: sliceText(tokens, spaces, start, end),
    quoteOpenAtStart: openAtStart[k] ?? false,
  }));
  const entities: EntitySpan[] = entitySpans.map(([start, end], k) => ({
    start,
    end,
    type: entityTypes[k] ?? 'UNKNOWN',
    value: sliceText(tokens, spaces, start, end),
  }));
  return { text, tokens, types, sentences, entities };
}

/** Segment a whole text: paragraphs first, then sentences within each. */
export function segmentText(text: string, withEntities = false): ParagraphSegments[] {
  return splitParagraphs(text).map((p) => segmentParagraph(p, withEntities));
}
