/**
 * One pass of wink over a text, giving each sentence what extractive summarising needs: its
 * words, content-word stems, numbers, capitalised names and quote state; entities on request.
 */
import { segmentText } from './segment.ts';
import type { EntitySpan, ParagraphSegments, SentenceSpan } from './segment.ts';
import { stemLower } from './wink.ts';
import { STOPWORDS } from './stopwords.ts';

export interface SentenceInfo {
  text: string;
  /** Position in reading order across the whole text (0-based). */
  index: number;
  paragraph: number;
  indexInParagraph: number;
  /** Lower-cased word and number tokens, punctuation dropped. */
  words: string[];
  /** Stems of content words plus numbers: the sentence's vocabulary for similarity. */
  terms: string[];
  /** Number-like tokens: numbers, ordinals, decades, clock times. */
  numberCount: number;
  /** Capitalised words after the first word (a cheap proper-noun count). */
  nameCount: number;
  quoteOpenAtStart: boolean;
  /** wink entities (DATE, MONEY, PERCENT, CARDINAL, ...); filled only with `{ entities: true }`. */
  entities: { value: string; type: string }[];
}

export interface AnalyzedText {
  sentences: SentenceInfo[];
  paragraphCount: number;
}

export interface AnalyzeOptions {
  /** Also read wink's entities (slower). */
  entities?: boolean;
}

const NUMERIC_TYPES: ReadonlySet<string> = new Set(['number', 'ordinal', 'decade', 'time']);
/** A capital after these opens a quotation or clause, not a name. */
const OPENERS: ReadonlySet<string> = new Set(['"', '“', '‘', "'", ':', '(', '[', '—', '--', '-']);
const HAS_LETTER = /\p{L}/u;
const STARTS_UPPER = /^\p{Lu}/u;

/** Cheap checks first: almost every token is ASCII. */
function startsUpper(value: string): boolean {
  const c = value.charCodeAt(0);
  if (c < 128) return c >= 65 && c <= 90;
  return STARTS_UPPER.test(value);
}

function hasLetter(lower: string): boolean {
  for (let i = 0; i < lower.length; i += 1) {
    const c = lower.charCodeAt(i);
    if (c >= 97 && c <= 122) return true;
    if (c >= 128) return HAS_LETTER.test(lower);
  }
  return false;
}

type Features = Pick<SentenceInfo, 'words' | 'terms' | 'numberCount' | 'nameCount'>;

function describe(p: ParagraphSegments, s: SentenceSpan): Features {
  const words: string[] = [];
  const terms: string[] = [];
  let nameCount = 0;
  let numberCount = 0;
  let seenWord = false;
  for (let i = s.start; i <= s.end; i += 1) {
    const type = p.types[i] ?? '';
    const value = p.tokens[i] ?? '';
    if (type === 'word') {
      const lower = value.toLowerCase();
      words.push(lower);
      if (seenWord && startsUpper(value) && !OPENERS.has(p.tokens[i - 1] ?? '')) nameCount += 1;
      seenWord = true;
      if (lower.length > 1 && !STOPWORDS.has(lower) && hasLetter(lower)) terms.push(stemLower(lower));
    } else if (NUMERIC_TYPES.has(type)) {
      const lower = value.toLowerCase();
      words.push(lower);
      terms.push(lower);
      numberCount += 1;
      seenWord = true;
    }
  }
  return { words, terms, numberCount, nameCount };
}

function entitiesWithin(entities: readonly EntitySpan[], s: SentenceSpan): { value: string; type: string }[] {
  return entities.filter((e) => e.start >= s.start && e.end <= s.end).map((e) => ({ value: e.value, type: e.type }));
}

/** Sentences of `text` with their features, in reading order. */
export function analyzeText(text: string, options: AnalyzeOptions = {}): AnalyzedText {
  const withEntities = options.entities === true;
  const paragraphs = segmentText(text, withEntities);
  const sentences: SentenceInfo[] = [];
  paragraphs.forEach((p, paragraph) => {
    p.sentences.forEach((s, indexInParagraph) => {
      sentences.push({
        text: s.text,
        index: sentences.length,
        paragraph,
        indexInParagraph,
        ...describe(p, s),
        quoteOpenAtStart: s.quoteOpenAtStart,
        entities: withEntities ? entitiesWithin(p.entities, s) : [],
      });
    });
  });
  return { sentences, paragraphCount: paragraphs.length };
}
