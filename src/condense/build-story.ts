/**
 * A cluster of items becomes one Story: headline and bullets from the best-covered article, at
 * most one new fact that another outlet adds, and every source.
 */
import type { FeedSource, Story, StorySource } from '../core/types.ts';
import { condense } from './condense.ts';
import { itemTimeMs, type ClusterItem, type ItemCluster } from './cluster.ts';
import { factsOf } from './story-fingerprint.ts';
import { contentTerms } from './story-terms.ts';

export { storyFingerprint, hasSignificantNewFact, type StoryFingerprint } from './story-fingerprint.ts';

export type FeedInfo = Pick<FeedSource, 'weight'> & Partial<Pick<FeedSource, 'topic' | 'title'>>;

export interface BuildStoryOptions {
  /** Feed config by feed id: topic and weight. */
  feeds?: ReadonlyMap<string, FeedInfo>;
  /** Bullets for one item; defaults to the extractive `condense()`. */
  bulletsFor?: (item: ClusterItem) => string[];
}

/** Words of text at which an article counts as fully covered rather than a teaser. */
const FULL_ARTICLE_WORDS = 400;
/** Other articles searched for a new fact, most central first. */
const NEW_FACT_SOURCES = 6;
/** Share of a candidate's content words that must be absent from the chosen bullets. */
const NEW_FACT_MIN_NOVELTY = 0.5;

const defaultBullets = (item: ClusterItem): string[] =>
  condense({ title: item.title, text: item.text, ...(item.summary ? { summary: item.summary } : {}) });

function wordCount(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}

/** Central, long, from a weighty feed; the earlier of two equals wins. */
function coverageScore(item: ClusterItem, centrality: number, feeds: BuildStoryOptions['feeds']): number {
  const length = Math.min(1, Math.log1p(wordCount(item.text)) / Math.log1p(FULL_ARTICLE_WORDS));
  const weight = feeds?.get(item.feedId)?.weight ?? 1;
  return centrality + 0.5 * length + 0.1 * Math.log(weight);
}

/** Members ranked best-covered first (ties: earlier, then id). */
export function rankMembers(cluster: ItemCluster, feeds?: BuildStoryOptions['feeds']): ClusterItem[] {
  const scored = cluster.items.map((item, i) => ({
    item,
    score: Math.round(coverageScore(item, cluster.centrality[i] ?? 0, feeds) * 100) / 100,
  }));
  scored.sort(
    (a, b) => b.score - a.score || itemTimeMs(a.item) - itemTimeMs(b.item) || (a.item.id < b.item.id ? -1 : 1),
  );
  return scored.map((s) => s.item);
}

/** A sentence from another article whose facts and most of whose words the bullets lack. */
function findNewFact(covered: string, others: ClusterItem[], bulletsFor: (item: ClusterItem) => string[]): string | undefined {
  const coveredTerms = new Set(contentTerms(covered));
  const coveredFacts = factsOf(covered);
  let best: { sentence: string; score: number } | undefined;
  for (const item of others.slice(0, NEW_FACT_SOURCES)) {
    for (const sentence of bulletsFor(item)) {
      const terms = [...new Set(contentTerms(sentence))];
      if (terms.length === 0) continue;
      const unseen = terms.filter((t) => !coveredTerms.has(t)).length;
      const novelty = unseen / terms.length;
      const fresh = [...factsOf(sentence)].filter((f) => !coveredFacts.has(f)).length;
      const related = unseen < terms.length;
      if (fresh === 0 || novelty < NEW_FACT_MIN_NOVELTY || !related) continue;
      const score = fresh * 2 + novelty;
      if (!best || score > best.score) best = { sentence, score };
    }
  }
  return best?.sentence;
}

function sourcesOf(ranked: ClusterItem[]): StorySource[] {
  const seen = new Set<string>();
  const sources: StorySource[] = [];
  for (const item of ranked) {
    const key = item.url || `id:${item.id}`;
    if (seen.has(key)) continue;
    seen.add(key);
    sources.push({ title: item.title, url: item.url, feed: item.feedId });
  }
  return sources;
}

/** The topic most members' feeds share; the representative's feed breaks a tie. */
function topicOf(ranked: ClusterItem[], feeds: BuildStoryOptions['feeds']): string | undefined {
  const votes = new Map<string, number>();
  for (const item of ranked) {
    const topic = feeds?.get(item.feedId)?.topic;
    if (topic) votes.set(topic, (votes.get(topic) ?? 0) + 1);
  }
  let best: string | undefined;
  for (const [topic, n] of votes) if (best === undefined || n > (votes.get(best) ?? 0)) best = topic;
  return best;
}

/** Build the Story for one cluster. Pure; the id is the cluster's stable id. */
export function buildStory(cluster: ItemCluster, options: BuildStoryOptions = {}): Story {
  const bulletsFor = options.bulletsFor ?? defaultBullets;
  const ranked = rankMembers(cluster, options.feeds);
  const withText = ranked.find((item) => item.text.trim().length > 0);
  const representative = withText ?? ranked[0];
  const headline = (representative?.title ?? '').trim();
  const bullets = representative ? [...bulletsFor(representative)] : [];
  const others = ranked.filter((item) => item !== representative && item.url !== representative?.url);
  const fact = findNewFact([headline, ...bullets].join('\n'), others, bulletsFor);
  if (fact !== undefined) bullets.push(fact);

  const times = cluster.items.map(itemTimeMs);
  const story: Story = {
    id: cluster.id,
    headline: headline || (bullets[0] ?? ''),
    bullets,
    sources: sourcesOf(representative ? [representative, ...ranked.filter((i) => i !== representative)] : ranked),
    people: [],
    figures: [],
    firstSeen: new Date(times.length > 0 ? Math.min(...times) : 0),
  };
  const topic = topicOf(ranked, options.feeds);
  if (topic !== undefined) story.topic = topic;
  return story;
}
