/**
 * Bullets from a publisher's own summary or standfirst, which Herald prefers to its own picks.
 */
import { splitSentences } from '../nlp/split-sentences.ts';
import { isBoilerplate } from './boilerplate.ts';
import { fitToLength } from './compress-sentence.ts';

const BULLET_MARK = /^\s*(?:[•●▪‣◦*–—-]|\d{1,2}[.)])\s+/u;
const MIN_SUMMARY_WORDS = 4;
/** Feed teasers end in "Continue reading…" or "Read more »": not part of the summary. */
const TEASER_TAIL = /\s*(?:continue reading|read more)\b[^.!?]*$/iu;
/** A teaser cut off mid-sentence ("… flooding […]", "… flooding…"). */
const TRUNCATED = /\s*(?:\[(?:…|\.\.\.)\]|…|\.\.\.)\s*$/u;

/** Drop a feed's "read more" tail, and the unfinished sentence of a truncated teaser. */
function completeText(line: string): string {
  const body = line.replace(TEASER_TAIL, '');
  if (!TRUNCATED.test(body)) return body.trim();
  const cut = body.replace(TRUNCATED, '');
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return end >= 0 ? cut.slice(0, end + 1).trim() : '';
}

/**
 * Split a summary into bullets: its own lines or bullet marks when it has them, else its
 * sentences. Returns [] when the summary is not a usable bullet summary (empty, boilerplate,
 * or longer than `maxBullets` sentences, i.e. really the article).
 */
export function publisherBullets(summary: string, options: { maxBullets: number; maxChars: number }): string[] {
  const lines = summary
    .split(/\n+/u)
    .map(completeText)
    .filter(Boolean);
  const marked = lines.length > 1 || lines.some((l) => BULLET_MARK.test(l));
  const pieces = marked ? lines.map((l) => l.replace(BULLET_MARK, '')) : splitSentences(lines.join(' '));
  const bullets = pieces
    .map((p) => p.trim())
    .filter((p) => p.split(/\s+/u).length >= MIN_SUMMARY_WORDS && !isBoilerplate(p));
  if (bullets.length === 0 || bullets.length > options.maxBullets) return [];
  return bullets.map((b) => fitToLength(b.replace(/\s+/gu, ' '), options.maxChars));
}
