/**
 * Key figures of an article: money, percentages, dates (resolved against the publication date),
 * durations, ordinals and significant numbers, each with the trimmed sentence that gives it meaning,
 * ranked by importance and de-duplicated.
 */
import type { Figure } from '../core/types.ts';
import { matchFigures } from './figure-patterns.ts';
import { dedupeKey, resolveOverlaps, scoreFigure, trimContext } from './rank-figures.ts';
import { type TextSpan, splitSentenceSpans } from './text-spans.ts';

export interface FiguresArticle {
  text: string;
  storyId?: string;
  publishedAt?: Date;
}

/** Lines that carry page furniture (timestamps, counters, captions), never figures. */
const BOILERPLATE_LINE = /^(?:(?:last\s+)?updated|published|posted|first published|photo|image|video|credit|caption|advertisement|copyright|©|share|comments?|watch|listen|read more|related|sign up)\b|^\(?\d+\s*(?:\/|of)\s*\d+\)?$|^\d{1,2}:\d{2}(?::\d{2})?$|^\d[\d,]*\s+comments?$/iu;

export function isFigureBoilerplate(line: string): boolean {
  return BOILERPLATE_LINE.test(line.trim());
}

/** Figures of the article, most important first, each value once. */
export function findFigures(article: FiguresArticle, options: { sentences?: TextSpan[] } = {}): Figure[] {
  const storyId = article.storyId ?? '';
  const sentences = (options.sentences ?? splitSentenceSpans(article.text)).filter((s) => !isFigureBoilerplate(s.text));
  const scored: { figure: Figure; score: number; key: string; at: number }[] = [];
  sentences.forEach((s, index) => {
    const raw = resolveOverlaps(matchFigures(s.text, s.start, article.publishedAt));
    for (const r of raw) {
      const figure: Figure = {
        value: r.value.trim(),
        kind: r.kind,
        context: trimContext(s.text, r.start - s.start, r.end - s.start),
        storyId,
      };
      if (r.resolved !== undefined) figure.resolved = r.resolved;
      scored.push({ figure, score: scoreFigure(r, index, sentences.length), key: dedupeKey(r), at: r.start });
    }
  });
  scored.sort((a, b) => b.score - a.score || a.at - b.at);
  const seen = new Set<string>();
  const out: Figure[] = [];
  for (const s of scored) {
    if (seen.has(s.key)) continue;
    seen.add(s.key);
    out.push(s.figure);
  }
  return out;
}
