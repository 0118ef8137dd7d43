/**
 * The stories of the moment, from what the store holds: recent items clustered across feeds and
 * condensed. Shared by the briefing and the news index, so both see the same stories.
 */
import type { Store, StoredItem } from '../core/ports.ts';
import type { FeedSource, Story } from '../core/types.ts';
import { buildStory, rankMembers } from './build-story.ts';
import { clusterItems, type ClusterItem, type ItemCluster } from './cluster.ts';
import { condense } from './condense.ts';

export interface CurrentStoriesInput {
  store: Store;
  /** Items older than this are not considered at all. */
  windowStart: Date;
  feedIds?: string[];
  feeds: FeedSource[];
  bulletsPerStory: number;
}

export interface CurrentStories {
  stories: Story[];
  /** The article each story's headline and bullets come from, by story id. */
  leads: Map<string, ClusterItem & { publishedAt?: Date }>;
  clusters: ItemCluster[];
}

const ITEM_LIMIT = 5_000;

function textOf(item: StoredItem): string {
  return item.articleText ?? item.text ?? item.summary ?? '';
}

export async function currentStories(input: CurrentStoriesInput): Promise<CurrentStories> {
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
  const stories: Story[] = [];
  const leads = new Map<string, ClusterItem>();
  for (const cluster of clusters) {
    const story = buildStory(cluster, { feeds, bulletsFor });
    stories.push(story);
    const lead = rankMembers(cluster, feeds).find((member) => member.text.trim()) ?? cluster.items[0];
    if (lead) leads.set(story.id, lead);
  }
  return { stories, leads, clusters };
}
