/**
 * The boilerplate filter for article text, whether it came from a page or from a feed.
 * Works on lines: each line is checked against the rules in boilerplate-rules.ts, then a few
 * rules that need neighbours run (video titles next to a duration, repeated paragraphs), and
 * trailing "Continue reading…" tails are cut from otherwise good lines.
 */
import { lineBoilerplateKind } from './boilerplate-rules.ts';

/** A short line without a sentence ending reads like a headline (a video title, a related link). */
const HEADLINE_MAX_WORDS = 20;
const SENTENCE_END_RE = /[.!?…"”’»)]$/;
const TIMESTAMP_RE = /^(?:video\s+)?(?:duration\s*:?\s*)?(?:\d{1,2}:)?\d{1,2}:\d{2}$/i;
/** Tails that feeds and pages glue onto the last real sentence. */
const TRAILING_TAIL_RE =
  /\s*(?:\[(?:…|\.\.\.)\]|(?:continue reading|read more|read the full (?:story|article)|keep reading)\s*(?:\.\.\.|…|»|→|>>)?|\((?:advertisement|more\.{0,3})\))\s*$/i;

interface Line { text: string; paragraph: number; drop: boolean }

function wordCount(text: string): number {
  return text.split(/\s+/).length;
}

function isHeadlineLike(text: string): boolean {
  return wordCount(text) <= HEADLINE_MAX_WORDS && !SENTENCE_END_RE.test(text);
}

function normalise(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ');
}

/** Video players leave "Title / 02:13 / Title": drop the duration and the titles around it. */
function dropVideoTitles(lines: Line[]): void {
  lines.forEach((line, i) => {
    if (!TIMESTAMP_RE.test(line.text)) return;
    line.drop = true;
    const before = lines[i - 1];
    if (before && isHeadlineLike(before.text)) before.drop = true;
    for (let j = i + 1; j <= i + 2; j++) {
      const after = lines[j];
      if (!after || !isHeadlineLike(after.text)) break;
      after.drop = true;
      if (TIMESTAMP_RE.test(after.text)) break;
    }
  });
}

/** Lowercase words that do not break Title Case. */
const TITLE_STOPWORDS = new Set([
  'a', 'an', 'and', 'as', 'at', 'but', 'by', 'for', 'from', 'in', 'into', 'of', 'on', 'or', 'the', 'to', 'vs', 'with', 'is',
]);
/** A body with fewer paragraphs than this is left alone by the headline rule (a feed teaser). */
const HEADLINE_RULE_MIN_PARAGRAPHS = 3;
const TITLE_CASE_MIN_WORDS = 3;
const TITLE_CASE_MAX_WORDS = 14;
const TITLE_CASE_SHARE = 0.8;

/** "11 Facts About Our Galaxy" or "SCORES QUARANTINED": a link or heading, not prose. */
function isTitleCaseHeadline(text: string): boolean {
  if (SENTENCE_END_RE.test(text) || /[,:;–—-]$/.test(text) || /^[-–—"“'‘(]/.test(text)) return false;
  const words = text.split(/\s+/);
  if (words.length < TITLE_CASE_MIN_WORDS || words.length > TITLE_CASE_MAX_WORDS) return false;
  const letters = text.replace(/[^\p{L}]/gu, '');
  if (letters.length > 0 && letters === letters.toUpperCase() && letters !== letters.toLowerCase()) return true;
  const content = words.filter((w) => !TITLE_STOPWORDS.has(w.toLowerCase()));
  const capitalised = content.filter((w) => /^[^\p{L}\p{N}]*[\p{Lu}\p{N}]/u.test(w));
  return content.length > 0 && capitalised.length / content.length >= TITLE_CASE_SHARE;
}

/** Lone Title Case lines between paragraphs of an article are related links or headings. */
function dropHeadlineParagraphs(lines: Line[]): void {
  const perParagraph = new Map<number, number>();
  for (const line of lines) perParagraph.set(line.paragraph, (perParagraph.get(line.paragraph) ?? 0) + 1);
  if (perParagraph.size < HEADLINE_RULE_MIN_PARAGRAPHS) return;
  for (const line of lines) {
    if (perParagraph.get(line.paragraph) === 1 && isTitleCaseHeadline(line.text)) line.drop = true;
  }
}

/** A paragraph that repeats an earlier one is a pull quote, a caption or a video title again. */
function dropRepeats(lines: Line[]): void {
  const seen = new Set<string>();
  for (const line of lines) {
    const key = normalise(line.text);
    if (seen.has(key) && wordCount(key) >= 2) line.drop = true;
    seen.add(key);
  }
}

/**
 * Removes boilerplate lines (ads, captions and photo credits, video durations and titles,
 * "Read more"/"Related" links, newsletter and paywall prompts, share bars, print-edition notes,
 * comment counts, cookie notices, follow-us and copyright lines, bare bylines and datelines)
 * from plain text. Paragraphs stay separated by a blank line; lines inside a paragraph keep
 * their single line breaks. Pure and linear in the text length.
 */
export function filterBoilerplate(text: string): string {
  const lines: Line[] = [];
  // One pass over lines (a regex split on blank lines backtracks badly on long whitespace runs).
  let paragraph = 0;
  let open = false;
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[ \t\f\v\r\u00a0]+/g, ' ').trim();
    if (!line) {
      if (open) paragraph++;
      open = false;
      continue;
    }
    open = true;
    lines.push({ text: line, paragraph, drop: lineBoilerplateKind(line) !== undefined });
  }
  dropVideoTitles(lines);
  dropHeadlineParagraphs(lines);
  dropRepeats(lines);
  const paragraphs = new Map<number, string[]>();
  for (const line of lines) {
    if (line.drop) continue;
    const cut = line.text.replace(TRAILING_TAIL_RE, '').trim();
    if (!cut) continue;
    const list = paragraphs.get(line.paragraph) ?? [];
    list.push(cut);
    paragraphs.set(line.paragraph, list);
  }
  return [...paragraphs.values()].map((list) => list.join('\n')).join('\n\n');
}
