/**
 * Orders stories for a briefing: more outlets, fresher, from weightier feeds and richer in facts
 * first. Deterministic: equal scores fall back to newer first, then id.
 */
import type { Story } from '../core/types.ts';
import { factsOf } from './story-fingerprint.ts';

export interface RankOptions {
  now: Date;
  /** Feed weight by feed id (config `weight`, 1 = normal). */
  feedWeights?: ReadonlyMap<string, number>;
  /** Age at which recency counts half. */
  halfLifeHours?: number;
}

export interface RankedStory {
  story: Story;
  score: number;
  /** The parts of the score, for logs and tuning. */
  parts: { sources: number; recency: number; weight: number; salience: number };
}

export const RANK_HALF_LIFE_HOURS = 12;
/** Facts (numbers, name words) at which salience saturates. */
const SALIENT_FACTS = 8;
const HOUR_MS = 3_600_000;

/** Distinct feeds that carried the story. */
export function distinctFeeds(story: Story): number {
  return new Set(story.sources.map((s) => s.feed)).size;
}

export function scoreStory(story: Story, options: RankOptions): RankedStory {
  const halfLife = options.halfLifeHours ?? RANK_HALF_LIFE_HOURS;
  const ageHours = Math.max(0, (options.now.getTime() - story.firstSeen.getTime()) / HOUR_MS);
  const feeds = [...new Set(story.sources.map((s) => s.feed))];
  const weights = feeds.map((f) => options.feedWeights?.get(f) ?? 1);
  const parts = {
    sources: Math.log2(1 + Math.max(1, feeds.length)),
    recency: 0.5 ** (ageHours / halfLife),
    weight: weights.length > 0 ? Math.max(...weights) : 1,
    salience: Math.min(1, factsOf([story.headline, ...story.bullets].join('\n')).size / SALIENT_FACTS),
  };
  // A floor under recency keeps a day-old story that many outlets carry in contention with
  // fresh single-source items instead of decaying it to nothing.
  const score = parts.weight * (parts.sources + 0.5 * parts.salience) * (0.2 + 0.8 * parts.recency);
  return { story, score, parts };
}

/** Stories best first. */
export function rankStories(stories: readonly Story[], options: RankOptions): RankedStory[] {
  return stories
    .map((s) => scoreStory(s, options))
    .sort(
      (a, b) =>
        b.score - a.score ||
        b.story.firstSeen.getTime() - a.story.firstSeen.getTime() ||
        (a.story.id < b.story.id ? -1 : a.story.id > b.story.id ? 1 : 0),
    );
}
