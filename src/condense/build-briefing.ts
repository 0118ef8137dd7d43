/**
 * A channel's briefing: the top stories it has not been told yet, grouped by topic. A story the
 * channel already got comes back only when it has gained a significant new fact, marked `update`.
 */
import type { Briefing, Story } from '../core/types.ts';
import { rankStories } from './rank-stories.ts';
import { hasSignificantNewFact, storyFingerprint, type StoryFingerprint } from './story-fingerprint.ts';

export interface BuildBriefingInput {
  channelId: string;
  stories: readonly Story[];
  now: Date;
  /** Leave out stories first seen before this, unless they come back as updates. */
  since?: Date;
  /** Keep only stories of this topic (or these topics), compared case-insensitively. */
  topic?: string | readonly string[];
  maxStories: number;
  /** What this channel was sent before: story id → fingerprint at the time. */
  sent?: ReadonlyMap<string, StoryFingerprint>;
  title?: string;
  /** Feed weight by feed id, for ranking. */
  feedWeights?: ReadonlyMap<string, number>;
  /** Recency half-life for ranking, in hours. */
  halfLifeHours?: number;
}

/** The fingerprint this channel was sent for the story: by id, else by a shared source URL. */
function sentVersion(
  story: Story,
  sent: ReadonlyMap<string, StoryFingerprint>,
  byUrl: ReadonlyMap<string, StoryFingerprint>,
): StoryFingerprint | undefined {
  const direct = sent.get(story.id);
  if (direct) return direct;
  for (const source of story.sources) {
    const match = source.url ? byUrl.get(source.url) : undefined;
    if (match) return match;
  }
  return undefined;
}

function topicFilter(topic: BuildBriefingInput['topic']): (story: Story) => boolean {
  if (topic === undefined) return () => true;
  const wanted = new Set((typeof topic === 'string' ? [topic] : [...topic]).map((t) => t.toLowerCase()));
  return (story) => story.topic !== undefined && wanted.has(story.topic.toLowerCase());
}

/** Stories in rank order regrouped so each topic's stories sit together; groups by their best story, untopical last. */
function groupByTopic(ranked: Story[]): Story[] {
  const groups = new Map<string, Story[]>();
  for (const story of ranked) {
    const key = story.topic ?? '';
    const group = groups.get(key);
    if (group) group.push(story);
    else groups.set(key, [story]);
  }
  const keys = [...groups.keys()].filter((k) => k !== '');
  if (groups.has('')) keys.push('');
  return keys.flatMap((k) => groups.get(k) ?? []);
}

export function buildBriefing(input: BuildBriefingInput): Briefing {
  const sent = input.sent ?? new Map<string, StoryFingerprint>();
  const byUrl = new Map<string, StoryFingerprint>();
  for (const fp of sent.values()) for (const url of fp.urls) byUrl.set(url, fp);
  const inTopic = topicFilter(input.topic);

  const eligible: Story[] = [];
  for (const story of input.stories) {
    if (!inTopic(story)) continue;
    const previous = sentVersion(story, sent, byUrl);
    if (previous) {
      if (hasSignificantNewFact(previous, storyFingerprint(story))) eligible.push({ ...story, update: true });
      continue;
    }
    if (input.since && story.firstSeen.getTime() < input.since.getTime()) continue;
    const fresh = { ...story };
    delete fresh.update;
    eligible.push(fresh);
  }

  const ranked = rankStories(eligible, {
    now: input.now,
    ...(input.feedWeights ? { feedWeights: input.feedWeights } : {}),
    ...(input.halfLifeHours !== undefined ? { halfLifeHours: input.halfLifeHours } : {}),
  });
  const top = ranked.slice(0, Math.max(0, input.maxStories)).map((r) => r.story);
  const briefing: Briefing = {
    channelId: input.channelId,
    title: input.title ?? defaultTitle(input.topic),
    createdAt: input.now,
    stories: groupByTopic(top),
  };
  if (input.since) briefing.since = input.since;
  return briefing;
}

function defaultTitle(topic: BuildBriefingInput['topic']): string {
  if (typeof topic === 'string') return `${topic} briefing`;
  if (topic && topic.length > 0) return `${topic.join(', ')} briefing`;
  return 'News briefing';
}
