/**
 * The briefing for a channel, from what the store holds: recent items clustered into stories
 * across feeds, condensed, ranked, and filtered against what the channel was already told.
 */
import type { Store, Summarizer } from '../core/ports.ts';
import type { Briefing, FeedSource, Story } from '../core/types.ts';
import { buildBriefing } from './build-briefing.ts';
import { currentStories, type CurrentStories } from './current-stories.ts';
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
  /** Channel filters: keep stories with any `include` word (when set) and none of the `exclude` words. */
  include?: string[];
  exclude?: string[];
  /** Stories already built this round (e.g. by the indexer), to avoid building them twice. */
  current?: CurrentStories;
}

function wordFilter(include: string[] = [], exclude: string[] = []): (story: Story) => boolean {
  const words = (list: string[]) => list.map((w) => w.toLowerCase()).filter(Boolean);
  const inc = words(include);
  const exc = words(exclude);
  const has = (text: string, word: string) => new RegExp(`(?<![\\p{L}\\p{N}])${word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`, 'iu').test(text);
  return (story) => {
    const text = `${story.headline}\n${story.bullets.join('\n')}`;
    if (inc.length && !inc.some((w) => has(text, w))) return false;
    return !exc.some((w) => has(text, w));
  };
}

/** The fingerprint of each briefed story as built, before any LLM rewrite (read by recordBriefing). */
const sentFingerprints = new WeakMap<object, StoryFingerprint>();

function isFingerprint(value: unknown): value is StoryFingerprint {
  const v = value as StoryFingerprint | null;
  return !!v && Array.isArray(v.facts) && Array.isArray(v.urls);
}

function briefingTitle(now: Date): string {
  return `Herald briefing, ${now.toLocaleDateString('en-GB', { weekday: 'long', day: 'numeric', month: 'long', timeZone: 'UTC' })}`;
}

export async function assembleBriefing(input: AssembleBriefingInput): Promise<Briefing> {
  const current =
    input.current ??
    (await currentStories({ store: input.store, windowStart: input.windowStart, feeds: input.feeds, bulletsPerStory: input.bulletsPerStory, ...(input.feedIds ? { feedIds: input.feedIds } : {}) }));
  const feeds = new Map(input.feeds.map((feed) => [feed.id, feed]));
  const stories = current.stories.filter(wordFilter(input.include, input.exclude));

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
    for (const story of briefing.stories) {
      const lead = current.leads.get(story.id);
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
