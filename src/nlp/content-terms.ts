import { STOPWORDS } from './stopwords.ts';
import { stemLower } from './wink.ts';

const WORD = /[\p{L}\p{N}]+(?:(?:['’.-]|,(?=\d{3}\b))[\p{L}\p{N}]+)*/gu;

/**
 * Content-word stems of a short text (a headline, a standfirst) without a full wink read:
 * the same vocabulary `analyzeText` gives sentences, at a fraction of the cost.
 */
export function contentTerms(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(WORD)) {
    const lower = m[0].toLowerCase().replace(/’/gu, "'");
    if (/^\d/u.test(lower)) out.push(lower);
    else if (lower.length > 1 && !STOPWORDS.has(lower)) out.push(stemLower(lower));
  }
  return out;
}
