/**
 * Chooses the publisher's summary (og/meta description or an on-page standfirst) when it adds
 * something: not boilerplate, not the headline again, not a cut-down copy of the first paragraph.
 */
import { filterBoilerplate } from './boilerplate.ts';

const STANDFIRST_MIN_WORDS = 5;
/** Share of the summary's words found at the start of the text above which it is a copy. */
const COPY_OVERLAP = 0.8;
/** Share of the summary's longer words that must occur in the text (else it is a site slogan). */
const TOPICAL_OVERLAP = 0.25;

function words(text: string): string[] {
  return text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? [];
}

function overlap(part: string[], whole: Set<string>): number {
  if (part.length === 0) return 0;
  return part.filter((w) => whole.has(w)).length / part.length;
}

/** The first candidate that is a real, distinct summary of `text`, or undefined. */
export function pickStandfirst(candidates: (string | undefined)[], text: string, title: string): string | undefined {
  const textWords = words(text);
  const allWords = new Set(textWords);
  const titleKey = words(title).join(' ');
  for (const candidate of candidates) {
    if (!candidate) continue;
    const clean = filterBoilerplate(candidate).replace(/\s+/g, ' ').trim();
    const own = words(clean);
    if (own.length < STANDFIRST_MIN_WORDS || own.join(' ') === titleKey) continue;
    const opening = new Set(textWords.slice(0, Math.ceil(own.length * 1.5) + 5));
    if (overlap(own, opening) >= COPY_OVERLAP) continue;
    const longWords = own.filter((w) => w.length >= 4);
    if (textWords.length > 0 && longWords.length > 0 && overlap(longWords, allWords) < TOPICAL_OVERLAP) continue;
    return clean;
  }
  return undefined;
}
