/**
 * Importance ranking, de-duplication and context trimming for figures.
 */
import type { RawFigure } from './figure-patterns.ts';

export const CONTEXT_MAX_CHARS = 200;

const KIND_WEIGHT: Record<string, number> = {
  money: 6, percent: 5, scaled: 5, number: 3.5, 'full-date': 3.2, weekday: 2.6, relative: 2.2, month: 2.4,
  year: 2, duration: 2.6, ordinal: 1.6, first: 0.8, age: 1, score: 3,
};

/** Importance: the kind of figure, how early its sentence comes, and its magnitude. */
export function scoreFigure(f: RawFigure, sentenceIndex: number, sentenceCount: number): number {
  const kind = KIND_WEIGHT[f.detail ?? ''] ?? KIND_WEIGHT[f.kind] ?? 1;
  const position = sentenceCount <= 1 ? 1 : 1 - sentenceIndex / (sentenceCount - 1);
  const lead = sentenceIndex === 0 ? 1 : 0;
  const magnitude = f.amount !== undefined && f.amount > 0 && (f.kind === 'money' || f.kind === 'number')
    ? Math.min(1.5, Math.log10(f.amount) / 6) : 0;
  return kind + 2.5 * position + lead + magnitude;
}

/** The key two figures are the same when they say the same thing ("$4.5bn" and "4.5 billion dollars"). */
export function dedupeKey(f: RawFigure): string {
  if (f.resolved !== undefined) return `${f.kind}:${f.resolved}`;
  if (f.amount !== undefined && Number.isFinite(f.amount)) return `${f.kind}:${f.unit ?? ''}:${Math.round(f.amount * 1000) / 1000}`;
  return `${f.kind}:${f.value.toLowerCase().replace(/\s+/gu, ' ')}`;
}

/** Keep the longest figure where two overlap (money over its number, a full date over its year). */
export function resolveOverlaps(figures: readonly RawFigure[]): RawFigure[] {
  const byLength = [...figures].sort((a, b) => (b.end - b.start) - (a.end - a.start));
  const kept: RawFigure[] = [];
  for (const f of byLength) {
    if (!kept.some((k) => f.start < k.end && k.start < f.end)) kept.push(f);
  }
  return kept.sort((a, b) => a.start - b.start);
}

/** The sentence, cut to at most CONTEXT_MAX_CHARS around the figure at word boundaries. */
export function trimContext(sentence: string, start: number, end: number, max = CONTEXT_MAX_CHARS): string {
  const s = sentence.replace(/\s+/gu, ' ').trim();
  if (s.length <= max) return s;
  const at = Math.max(0, Math.min(start, s.length));
  const span = Math.max(0, end - start);
  const room = max - 2;
  let from = Math.max(0, at - Math.floor((room - span) / 2));
  let to = Math.min(s.length, from + room);
  from = Math.max(0, to - room);
  if (from > 0) {
    const space = s.indexOf(' ', from);
    if (space >= 0 && space < at) from = space + 1;
  }
  if (to < s.length) {
    const space = s.lastIndexOf(' ', to);
    if (space > at + span) to = space;
  }
  return `${from > 0 ? '…' : ''}${s.slice(from, to).trim()}${to < s.length ? '…' : ''}`;
}
