/**
 * Long articles are read in two parts. Bullets come from the head, which wink reads in full;
 * the tail only feeds word statistics, so a cheap split is enough there. News puts what matters
 * first, and this keeps condensing fast on 2,000-word features.
 */

/** Characters of an article that wink reads in full (about 330 words). */
export const HEAD_CHARS = 2000;

const ROUGH_SENTENCE_END = /(?<=[.!?]["”’)]?)\s+(?=["“‘(]?[\p{Lu}\d])|\n+/u;

export interface ArticleParts {
  head: string;
  /** The rest, roughly split into sentences. */
  tail: string[];
}

/** Cut after the first paragraph or sentence end past `headChars`. */
export function splitHead(text: string, headChars = HEAD_CHARS): ArticleParts {
  if (text.length <= headChars) return { head: text, tail: [] };
  const paragraph = text.indexOf('\n', headChars);
  const sentence = text.slice(headChars).search(/[.!?]["”’)]?\s+["“‘(]?\p{Lu}/u);
  const candidates = [paragraph, sentence >= 0 ? headChars + sentence + 1 : -1].filter((i) => i >= 0);
  if (candidates.length === 0) return { head: text, tail: [] };
  let cut = Math.min(...candidates);
  while (cut < text.length && /["”’)]/u.test(text[cut] ?? '')) cut += 1;
  return {
    head: text.slice(0, cut),
    tail: text.slice(cut).split(ROUGH_SENTENCE_END).map((s) => s.trim()).filter(Boolean),
  };
}
