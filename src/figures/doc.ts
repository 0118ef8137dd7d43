/**
 * The working model of one article while people are found: sentences, quote segments, person
 * drafts and their mentions, all by character offset into the article text.
 */
import type { Gender } from './lexicon/titles.ts';
import type { QuoteSegment } from './quote-marks.ts';
import type { TextSpan } from './text-spans.ts';

export interface PersonDraft {
  /** The fullest form of the name seen. */
  name: string;
  tokens: string[];
  /** Every full form written in the text ("Vladimir Putin", "Vladimir V. Putin"). */
  forms: Set<string>;
  /** Forms that refer to the person alone: the surname, or the family name when written first. */
  shortForms: string[];
  /** Aliases found in the text (surname alone, "Mr Putin", other full forms). */
  aliases: Set<string>;
  gender?: Gender;
  role?: string;
  organisation?: string;
  /** Role written as "counterpart": resolved from the possessor's role after all roles are known. */
  counterpart?: { possessorAt: number; possessor?: number; modifiers: string; organisation?: string };
}

export interface Mention {
  person: number;
  start: number;
  end: number;
  /** Followed by 's. */
  possessive: boolean;
  /** True when this is a short form (surname alone). */
  short: boolean;
  /** Inside a quotation (never a speaker, never an antecedent). */
  inQuote: boolean;
}

export interface Doc {
  text: string;
  sentences: TextSpan[];
  lines: TextSpan[];
  quotes: QuoteSegment[];
  people: PersonDraft[];
  /** Sorted by start offset. */
  mentions: Mention[];
}

export function sentenceIndexAt(doc: Doc, at: number): number {
  const i = doc.sentences.findIndex((s) => s.start <= at && at < s.end);
  if (i >= 0) return i;
  // Between sentences: the last one that starts before the offset.
  let last = 0;
  doc.sentences.forEach((s, k) => { if (s.start <= at) last = k; });
  return last;
}

export function insideQuote(doc: Doc, at: number): boolean {
  return doc.quotes.some((q) => q.start <= at && at < q.end);
}

export function mentionStartingAt(doc: Doc, at: number): Mention | undefined {
  return doc.mentions.find((m) => m.start === at);
}

export function mentionEndingAt(doc: Doc, at: number): Mention | undefined {
  return doc.mentions.find((m) => m.end === at || (m.possessive && m.end + 2 === at));
}
