/**
 * The briefing for a channel, from what the store holds: recent items clustered into stories
 * across feeds, condensed, ranked, and filtered against what the channel was already told.
 */
import type { Store, StoredItem, Summarizer } from '../core/ports.ts';
import type { Briefing, FeedSource } from '../core/types.ts';
import { buildBriefing } from './build-briefing.ts';
import { buildStory, rankMembers } from './build-story.ts';
import { clusterItems, type ClusterItem } from './cluster.ts';
import { condense } from './condense.ts';
import { storyFingerprint, type StoryFingerprint } from './story-fingerprint.ts';

export interface AssembleBriefingInput {
  store: Store;
  now: Date;
  channelId: string;
  /** Items older than this are not considered at all. */
  windowStart: Date;
  /** Stories first seen before this are left out (unless they come back as updates). */
  since?: Date;
  topic?: string;
  topics?: string[];
  feedIds?: string[];
  feeds: FeedSource[];
  maxStories: number;
  bulletsPerStory: number;
  /** An LLM summarizer may rewrite the chosen stories' bullets; extractive bullets are the default. */
  summarizer?: Summarizer;
}

const ITEM_LIMIT = 5_000;

/** The fingerprint of each briefed story as built, before any LLM rewrite (read by recordBriefing). */
const sentFingerprints = new WeakMap<object, StoryFingerprint>();

function textOf(item: StoredItem): string {
  return item.articleText ?? item.text ?? item.summary ?? '';
}

function isFingerprint(value: unknown): value is StoryFingerprint {
  const v = value as StoryFingerprint | null;
  return !!v && Array.isArray(v.facts) && Array.isArray(v.urls);
}

function briefingTitle(now: Date): string {
  return `Herald briefing, ${now.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })}`;
}

export async function assembleBriefing(input: AssembleBriefingInput): Promise<Briefing> {
  const items = await input.store.listItems({ since: input.windowStart, limit: ITEM_LIMIT, ...(input.feedIds ? { feedIds: input.feedIds } : {}) });
  const byId = new Map(items.map((item) => [item.id, item]));
  const clusterInput: ClusterItem[] = items.map((item) => ({
    id: item.id,
    feedId: item.feedId,
    url: item.url,
    title: item.title,
    text: textOf(item),
    fetchedAt: item.fetchedAt,
    ...(item.publishedAt ? { publishedAt: item.publishedAt } : {}),
  }));
  const feeds = new Map(input.feeds.map((feed) => [feed.id, feed]));
  const bulletsFor = (member: ClusterItem): string[] => {
    const summary = byId.get(member.id)?.summary;
    return condense({ title: member.title, text: member.text, ...(summary ? { summary } : {}) }, { maxBullets: input.bulletsPerStory });
  };
  const clusters = clusterItems(clusterInput);
  const stories = clusters.map((cluster) => buildStory(cluster, { feeds, bulletsFor }));

  const sent = new Map<string, StoryFingerprint>();
  for (const [storyId, fingerprint] of await input.store.listSent(input.channelId)) {
    if (isFingerprint(fingerprint)) sent.set(storyId, fingerprint);
  }
  const topic = input.topic ?? input.topics;
  const briefing = buildBriefing({
    channelId: input.channelId,
    stories,
    now: input.now,
    maxStories: input.maxStories,
    sent,
    title: briefingTitle(input.now),
    feedWeights: new Map(input.feeds.map((feed) => [feed.id, feed.weight])),
    ...(input.since ? { since: input.since } : {}),
    ...(topic ? { topic } : {}),
  });

  for (const story of briefing.stories) {
    // Fingerprint what the extractive path says, so a model's rewording never looks like a new fact.
    sentFingerprints.set(story, storyFingerprint(story));
    story.sources = story.sources.map((source) => ({ ...source, feed: feeds.get(source.feed)?.title ?? source.feed }));
  }

  if (input.summarizer) {
    const clusterById = new Map(clusters.map((cluster) => [cluster.id, cluster]));
    for (const story of briefing.stories) {
      const cluster = clusterById.get(story.id);
      const lead = cluster ? rankMembers(cluster, feeds).find((m) => m.text.trim()) : undefined;
      if (!lead) continue;
      const result = await input.summarizer.summarize({ title: lead.title, text: lead.text });
      if (result.bullets.length > 0) story.bullets = result.bullets;
    }
  }
  return briefing;
}

/** Remember what a channel was told so the next briefing leaves it out (or marks an update). */
export async function recordBriefing(store: Store, channelId: string, briefing: Briefing, at: Date): Promise<void> {
  const sent = briefing.stories.map((story) => ({ storyId: story.id, fingerprint: sentFingerprints.get(story) ?? storyFingerprint(story) }));
  await store.recordSent(channelId, sent, at);
}
