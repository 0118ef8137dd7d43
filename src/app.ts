/**
 * The composition root: builds every part from the config and hands out the app's verbs.
 * The only file that knows every implementation; it holds wiring, not logic.
 */
import { readFile } from 'node:fs/promises';
import type { HeraldConfig } from './config/schema.ts';
import type { Services } from './core/command.ts';
import type { Clock, Fetcher, Logger, NewsIndex, Store } from './core/ports.ts';
import { systemClock } from './core/ports.ts';
import type { Briefing, FeedSource } from './core/types.ts';
import { assembleBriefing, recordBriefing } from './condense/briefing-service.ts';
import { currentStories } from './condense/current-stories.ts';
import { createStoryIndexer } from './condense/index-stories.ts';
import { createLlmSummarizer } from './condense/llm-summarizer.ts';
import { createServices } from './app-services.ts';
import { enrichItems } from './extract/enrich-items.ts';
import { canonicalUrl } from './ingest/canonical-url.ts';
import { createFetcher } from './ingest/fetcher.ts';
import { pollFeeds, dueFeeds, type PollOutcome } from './ingest/poll-feed.ts';
import { SqliteNewsIndex } from './store/sqlite/sqlite-news-index.ts';
import { SqliteStore } from './store/sqlite/sqlite-store.ts';

export interface AppOverrides {
  logger: Logger;
  clock?: Clock;
  /** A store and its news index, together (e.g. PostgreSQL); default: SQLite at config.storage.sqlitePath. */
  storage?: { store: Store; index: NewsIndex };
  fetcher?: Fetcher;
}

export interface BriefingOptions {
  since?: Date;
  topic?: string;
  maxStories?: number;
  feedIds?: string[];
  include?: string[];
  exclude?: string[];
  /** Oldest items considered; default: the configured window before now. */
  windowStart?: Date;
}

export interface App {
  config: HeraldConfig;
  logger: Logger;
  clock: Clock;
  store: Store;
  index: NewsIndex;
  fetcher: Fetcher;
  /** What slash commands call. */
  services: Services;
  /** Feeds from config plus subscriptions in the store. */
  feeds(): Promise<FeedSource[]>;
  /** Poll the given feeds (default: those due), give new items their article text. Local paths are read from disk. */
  poll(feeds?: FeedSource[]): Promise<PollOutcome[]>;
  briefing(channelId: string, options?: BriefingOptions): Promise<Briefing>;
  /** Bring the news index (people, quotes, figures per story) up to date with the store. */
  indexStories(): Promise<number>;
  /** Remember what a channel was told so the next briefing leaves it out. */
  markSent(channelId: string, briefing: Briefing): Promise<void>;
  close(): Promise<void>;
}

/** A feed entry from config or the CLI becomes a FeedSource whose id is its canonical URL. */
export function feedSource(entry: { url: string; id?: string; title?: string; topic?: string; weight?: number }): FeedSource {
  const isUrl = /^https?:\/\//i.test(entry.url);
  const feed: FeedSource = { id: entry.id ?? (isUrl ? (canonicalUrl(entry.url) ?? entry.url) : entry.url), url: entry.url, weight: entry.weight ?? 1 };
  if (entry.title) feed.title = entry.title;
  if (entry.topic) feed.topic = entry.topic;
  return feed;
}

/** The embedded default: one SQLite file holding the store and the news index. */
export function sqliteStorage(path: string): { store: Store; index: NewsIndex } {
  const store = new SqliteStore(path);
  return { store, index: new SqliteNewsIndex(store.db) };
}

export async function createApp(config: HeraldConfig, overrides: AppOverrides): Promise<App> {
  const { logger } = overrides;
  const clock = overrides.clock ?? systemClock;
  const { store, index } = overrides.storage ?? sqliteStorage(config.storage.sqlitePath);
  await store.migrate();
  const fetcher =
    overrides.fetcher ??
    createFetcher({
      timeoutMs: config.fetch.timeoutMs,
      connectTimeoutMs: config.fetch.connectTimeoutMs,
      maxBytes: config.fetch.maxBytes,
      maxRedirects: config.fetch.maxRedirects,
      perHostConcurrency: config.fetch.perHostConcurrency,
      allowHosts: config.fetch.allowHosts,
      ...(config.fetch.userAgent ? { userAgent: config.fetch.userAgent } : {}),
    });
  for (const entry of config.feeds) await store.upsertFeed(feedSource(entry));

  const readLocal = (path: string): Promise<Buffer> => readFile(path);
  const configFeeds = config.feeds.map((entry) => feedSource(entry));
  const windowStart = (): Date => new Date(clock.now().getTime() - config.briefing.windowHours * 3_600_000);
  const storiesNow = async (feedIds?: string[], from: Date = windowStart()) =>
    currentStories({ store, windowStart: from, feeds: await store.listFeeds(), bulletsPerStory: config.briefing.bulletsPerStory, ...(feedIds ? { feedIds } : {}) });
  const indexer = createStoryIndexer(index);
  const pollDeps = {
    fetcher,
    store,
    clock,
    logger,
    intervalMs: config.poll.intervalMinutes * 60_000,
    maxBackoffMs: config.poll.maxBackoffMinutes * 60_000,
    concurrency: config.poll.concurrency,
  };

  const summarizer = config.llm
    ? createLlmSummarizer({ baseUrl: config.llm.url, model: config.llm.model, timeoutMs: config.llm.timeoutMs, maxBullets: config.briefing.bulletsPerStory, ...(config.secrets.llmApiKey ? { apiKey: config.secrets.llmApiKey } : {}) })
    : undefined;

  const briefing: App['briefing'] = async (channelId, options = {}) => {
    const now = clock.now();
    const channel = config.channels.find((c) => c.id === channelId);
    const current = await storiesNow(options.feedIds, options.windowStart);
    await indexer.update(current, now);
    return assembleBriefing({
      store,
      now,
      channelId,
      current,
      windowStart: options.windowStart ?? windowStart(),
      maxStories: options.maxStories ?? channel?.maxStories ?? config.briefing.maxStories,
      bulletsPerStory: config.briefing.bulletsPerStory,
      feeds: await store.listFeeds(),
      ...(summarizer ? { summarizer } : {}),
      ...(options.since ? { since: options.since } : {}),
      ...(options.topic ? { topic: options.topic } : channel?.topics ? { topics: channel.topics } : {}),
      ...(options.feedIds ? { feedIds: options.feedIds } : {}),
      ...(options.include ? { include: options.include } : {}),
      ...(options.exclude ? { exclude: options.exclude } : {}),
    });
  };

  const app: App = {
    config,
    logger,
    clock,
    store,
    index,
    fetcher,
    services: createServices({ store, index, fetcher, configFeeds: () => configFeeds, briefing }),
    feeds: () => store.listFeeds(),
    async poll(feeds) {
      const targets = feeds ?? (await dueFeeds(await store.listFeeds(), store, clock.now()));
      for (const feed of feeds ?? []) await store.upsertFeed(feed);
      const outcomes = await pollFeeds(targets, pollDeps, readLocal);
      const inserted = outcomes.flatMap((o) => o.inserted);
      await enrichItems(inserted, { fetcher, store, logger, teaserWords: config.extract.teaserWords, fetchPages: config.extract.fetchPages });
      return outcomes;
    },
    briefing,
    indexStories: async () => indexer.update(await storiesNow(), clock.now()),
    markSent: (channelId, sent) => recordBriefing(store, channelId, sent, clock.now()),
    close: () => store.close(),
  };
  return app;
}
