/**
 * The composition root: builds every part from the config and hands out the app's verbs.
 * The only file that knows every implementation; it holds wiring, not logic.
 */
import { readFile } from 'node:fs/promises';
import type { HeraldConfig } from './config/schema.ts';
import type { Clock, Fetcher, Logger, Store } from './core/ports.ts';
import { systemClock } from './core/ports.ts';
import type { Briefing, FeedSource } from './core/types.ts';
import { assembleBriefing, recordBriefing } from './condense/briefing-service.ts';
import { enrichItems } from './extract/enrich-items.ts';
import { canonicalUrl } from './ingest/canonical-url.ts';
import { createFetcher } from './ingest/fetcher.ts';
import { pollFeeds, dueFeeds, type PollOutcome } from './ingest/poll-feed.ts';
import { SqliteStore } from './store/sqlite/sqlite-store.ts';

export interface AppOverrides {
  logger: Logger;
  clock?: Clock;
  store?: Store;
  fetcher?: Fetcher;
}

export interface App {
  config: HeraldConfig;
  logger: Logger;
  clock: Clock;
  store: Store;
  fetcher: Fetcher;
  /** Feeds from config plus subscriptions in the store. */
  feeds(): Promise<FeedSource[]>;
  /** Poll the given feeds (default: those due), give new items their article text. Local paths are read from disk. */
  poll(feeds?: FeedSource[]): Promise<PollOutcome[]>;
  briefing(channelId: string, options?: { since?: Date; topic?: string; maxStories?: number; feedIds?: string[] }): Promise<Briefing>;
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

export async function createApp(config: HeraldConfig, overrides: AppOverrides): Promise<App> {
  const { logger } = overrides;
  const clock = overrides.clock ?? systemClock;
  const store = overrides.store ?? new SqliteStore(config.storage.sqlitePath);
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
  const pollDeps = {
    fetcher,
    store,
    clock,
    logger,
    intervalMs: config.poll.intervalMinutes * 60_000,
    maxBackoffMs: config.poll.maxBackoffMinutes * 60_000,
    concurrency: config.poll.concurrency,
  };

  const app: App = {
    config,
    logger,
    clock,
    store,
    fetcher,
    feeds: () => store.listFeeds(),
    async poll(feeds) {
      const targets = feeds ?? (await dueFeeds(await store.listFeeds(), store, clock.now()));
      for (const feed of feeds ?? []) await store.upsertFeed(feed);
      const outcomes = await pollFeeds(targets, pollDeps, readLocal);
      const inserted = outcomes.flatMap((o) => o.inserted);
      await enrichItems(inserted, { fetcher, store, logger, teaserWords: config.extract.teaserWords, fetchPages: config.extract.fetchPages });
      return outcomes;
    },
    async briefing(channelId, options = {}) {
      const now = clock.now();
      const channel = config.channels.find((c) => c.id === channelId);
      return assembleBriefing({
        store,
        now,
        channelId,
        windowStart: new Date(now.getTime() - config.briefing.windowHours * 3_600_000),
        maxStories: options.maxStories ?? channel?.maxStories ?? config.briefing.maxStories,
        bulletsPerStory: config.briefing.bulletsPerStory,
        feeds: await store.listFeeds(),
        ...(options.since ? { since: options.since } : {}),
        ...(options.topic ? { topic: options.topic } : channel?.topics ? { topics: channel.topics } : {}),
        ...(options.feedIds ? { feedIds: options.feedIds } : {}),
      });
    },
    markSent: (channelId, briefing) => recordBriefing(store, channelId, briefing, clock.now()),
    close: () => store.close(),
  };
  return app;
}
