/**
 * Extractive bullets for one article: a pure, unsupervised function. Sentences are scored on
 * salience, position, headline/lede similarity and name/number density, picked by MMR within a
 * word budget, cleanly compressed and returned in reading order. A publisher summary, when
 * given, is preferred.
 */
import { analyzeText } from '../nlp/analyze-text.ts';
import { contentTerms } from '../nlp/content-terms.ts';
import { stripDateline } from '../nlp/dateline.ts';
import { splitHead } from './article-head.ts';
import { isBoilerplate } from './boilerplate.ts';
import { compressSentence } from './compress-sentence.ts';
import { SELECT_DEFAULTS, selectSentences } from './mmr.ts';
import { publisherBullets } from './publisher-summary.ts';
import { scoreSentences } from './score-sentences.ts';
import type { ScoredSentence } from './score-sentences.ts';

export interface CondenseInput {
  title: string;
  text: string;
  /** Publisher-supplied summary or standfirst, preferred when present. */
  summary?: string;
  /** The article's lede or feed teaser, when known apart from the text. */
  lede?: string;
}

export interface CondenseOptions {
  /** At most this many bullets (default 4, never above 4). */
  maxBullets?: number;
  /** At least this many bullets when the article has enough sentences (default 2). */
  minBullets?: number;
  /** Characters per bullet (default 280). */
  maxChars?: number;
  /** Words to aim for across all bullets (default 45; references average about 35). */
  targetWords?: number;
}

export const BULLETS_MAX = 4;
export const BULLETS_MIN = 2;
export const BULLET_MAX_CHARS = 280;

function limits(options: CondenseOptions): { min: number; max: number; maxChars: number } {
  const max = Math.max(1, Math.min(BULLETS_MAX, options.maxBullets ?? BULLETS_MAX));
  const min = Math.max(1, Math.min(max, options.minBullets ?? BULLETS_MIN));
  return { min, max, maxChars: Math.max(40, options.maxChars ?? BULLET_MAX_CHARS) };
}

/** When the picks run short (tiny articles), fall back to any non-boilerplate sentence in order. */
function topUp(picked: ScoredSentence[], scored: readonly ScoredSentence[], min: number): ScoredSentence[] {
  if (picked.length >= min) return picked;
  const have = new Set(picked.map((p) => p.info.index));
  const extra = scored
    .filter((s) => !have.has(s.info.index) && s.eligible && !isBoilerplate(s.info.text))
    .slice(0, min - picked.length);
  return [...picked, ...extra].sort((a, b) => a.info.index - b.info.index);
}

/**
 * Condense an article into 2 to 4 bullets (fewer only when the article has fewer usable
 * sentences), each at most `maxChars` characters, in reading order.
 */
export function condense(input: CondenseInput, options: CondenseOptions = {}): string[] {
  const { min, max, maxChars } = limits(options);
  const summary = input.summary?.trim() ? publisherBullets(input.summary, { maxBullets: max, maxChars }) : [];
  if (summary.length >= min) return summary.slice(0, max);

  const { head, tail } = splitHead(stripDateline(input.text));
  const { sentences } = analyzeText(head);
  if (sentences.length === 0) return summary;
  const { sentences: scored, pinned } = scoreSentences(sentences, {
    titleTerms: contentTerms(input.title),
    ledeTerms: contentTerms(input.lede ?? input.summary ?? ''),
    tailTerms: tail.map(contentTerms),
    pinnedTerms: summary.map(contentTerms),
  });
  const want = Math.max(0, min - summary.length);
  const picked = topUp(
    selectSentences(scored, {
      ...SELECT_DEFAULTS,
      ...(options.targetWords !== undefined ? { targetWords: options.targetWords } : {}),
      minBullets: want,
      maxBullets: max - summary.length,
      pinned,
      pinnedWords: summary.reduce((n, b) => n + b.split(/\s+/u).length, 0),
    }),
    scored,
    want,
  );
  const seen = new Set(summary.map((b) => b.toLowerCase()));
  const bullets = [...summary];
  for (const p of picked) {
    const bullet = compressSentence(p.info.text, { maxChars });
    if (!seen.has(bullet.toLowerCase())) bullets.push(bullet);
    seen.add(bullet.toLowerCase());
  }
  return bullets.slice(0, max);
}
