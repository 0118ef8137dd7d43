/**
 * The composition root: builds every part from the config and hands out the app's verbs.
 * The only file that knows every implementation; it holds wiring, not logic.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import type { HeraldConfig } from './config/schema.ts';
import type { Services } from './core/command.ts';
import type { Clock, FeedLeases, Fetcher, JobClaims, Logger, NewsIndex, Outbox, Store } from './core/ports.ts';
import { systemClock } from './core/ports.ts';
import type { Briefing, FeedSource } from './core/types.ts';
import { assembleBriefing, recordBriefing } from './condense/briefing-service.ts';
import { currentStories, type CurrentStories } from './condense/current-stories.ts';
import { createStoryIndexer } from './condense/index-stories.ts';
import { createLlmSummarizer } from './condense/llm-summarizer.ts';
import { createServices } from './app-services.ts';
import { enrichItems } from './extract/enrich-items.ts';
import { canonicalUrl } from './ingest/canonical-url.ts';
import { createFetcher } from './ingest/fetcher.ts';
import { pollClaimed } from './ingest/poll-claimed.ts';
import { pollFeeds, dueFeeds, type PollOutcome } from './ingest/poll-feed.ts';
import { withStoreOverrides } from './ingest/store-overrides.ts';
import { countPolls, metrics } from './ops/metrics.ts';
import { saveArticleTexts } from './store/postgres/article-texts.ts';
import { PostgresFeedLeases } from './store/postgres/feed-leases.ts';
import { PostgresJobClaims } from './store/postgres/job-claims.ts';
import { PostgresOutbox } from './store/postgres/outbox.ts';
import { PostgresNewsIndex } from './store/postgres/postgres-news-index.ts';
import { PostgresStore } from './store/postgres/postgres-store.ts';
import { SqliteFeedLeases } from './store/sqlite/feed-leases.ts';
import { SqliteJobClaims } from './store/sqlite/job-claims.ts';
import { SqliteOutbox } from './store/sqlite/outbox.ts';
import { SqliteNewsIndex } from './store/sqlite/sqlite-news-index.ts';
import { SqliteStore } from './store/sqlite/sqlite-store.ts';

/** A store with its news index, and the claims that let several instances share it. */
export interface Storage {
  store: Store;
  index: NewsIndex;
  /** Without leases, a poll round lists the due feeds itself (one instance only). */
  leases?: FeedLeases;
  jobs?: JobClaims;
  /** The digest outbox (exactly once per channel and slot); `herald start` needs it. */
  outbox?: Outbox;
  /** 'sqlite' or 'postgres', for logs and /healthz. */
  engine?: string;
  /** Many items' article texts in one write, where one write per item costs a round trip. */
  saveArticleTexts?: (entries: ArticleText[]) => Promise<void>;
}

export interface AppOverrides {
  logger: Logger;
  clock?: Clock;
  /** A store and its news index, together; default: PostgreSQL when config.databaseUrl is set, else SQLite at config.storage.sqlitePath. */
  storage?: Storage;
  fetcher?: Fetcher;
  /** This instance's lease holder name; default config.instanceId, else host, pid and a random part. */
  instanceId?: string;
}

/** An item's article text, as enrichment gives it. */
type ArticleText = { itemId: string; text: string };
/** A poll round writes its new items' article texts at least this often (and at every lease release). */
const ARTICLE_TEXT_BATCH = 500;
/** How long the stories of the moment are reused between polls, and how many variants are kept. */
const STORY_CACHE_MS = 60_000;
const STORY_CACHE_ENTRIES = 64;

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
  /** The name this instance holds feed leases and job claims under. */
  instanceId: string;
  /** The storage engine in use ('sqlite', 'postgres' or the override's). */
  engine: string;
  /** The digest outbox, when the storage has one. */
  outbox?: Outbox;
  /** What slash commands call. */
  services: Services;
  /** Feeds from config plus subscriptions in the store. */
  feeds(): Promise<FeedSource[]>;
  /**
   * Poll the given feeds, or else the due feeds this instance claims (instances sharing the database
   * never poll one feed at once), and give new items their article text. Local paths are read from disk.
   * A claimed round's outcomes list their new items by id only (the store has the rest), so a round
   * over thousands of feeds does not hold every article in memory.
   */
  poll(feeds?: FeedSource[], options?: { limit?: number }): Promise<PollOutcome[]>;
  /**
   * Claim a scheduled job's slot (`key` names the job and its time slot) so it runs on one instance.
   * True when this instance should run it (always, when the storage has no job claims).
   */
  claimJob(key: string, ttlMs: number): Promise<boolean>;
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
export function sqliteStorage(path: string): Storage {
  const store = new SqliteStore(path);
  return { store, index: new SqliteNewsIndex(store.db), leases: new SqliteFeedLeases(store.db), jobs: new SqliteJobClaims(store.db), outbox: new SqliteOutbox(store.db), engine: 'sqlite' };
}

/** PostgreSQL (DATABASE_URL), for several instances sharing one database; all parts share one pool. */
export function postgresStorage(url: string, options: { schema?: string; maxConnections?: number; logger?: Logger } = {}): Storage {
  const store = new PostgresStore({
    connectionString: url,
    ...(options.schema ? { schema: options.schema } : {}),
    ...(options.maxConnections ? { max: options.maxConnections } : {}),
    onIdleError: (error) => options.logger?.warn({ err: error }, 'PostgreSQL connection lost; the pool will reconnect'),
  });
  const pool = store.pool;
  return {
    store,
    index: new PostgresNewsIndex(pool),
    leases: new PostgresFeedLeases(pool),
    jobs: new PostgresJobClaims(pool),
    outbox: new PostgresOutbox(pool),
    engine: 'postgres',
    saveArticleTexts: (entries) => saveArticleTexts(pool, entries),
  };
}

/** An instance name unique among instances sharing a database: host, process id and a random part. */
export function defaultInstanceId(): string {
  return `${hostname()}-${process.pid}-${randomBytes(3).toString('hex')}`;
}

/** Connections a PostgreSQL instance opens: enough for every poll worker plus commands and digests. */
function postgresConnections(config: HeraldConfig): number {
  return Math.min(64, config.poll.concurrency + 4);
}

export async function createApp(config: HeraldConfig, overrides: AppOverrides): Promise<App> {
  const { logger } = overrides;
  const clock = overrides.clock ?? systemClock;
  const storage =
    overrides.storage ??
    (config.databaseUrl
      ? postgresStorage(config.databaseUrl, { maxConnections: postgresConnections(config), logger })
      : sqliteStorage(config.storage.sqlitePath));
  const { store, index } = storage;
  const instanceId = overrides.instanceId ?? config.instanceId ?? defaultInstanceId();
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
  // Building the stories of the moment (clustering, condensing) is the costly part of a briefing:
  // keep the result until this instance polls new items, or for a minute (another instance may have).
  const storyCache = new Map<string, { at: number; generation: number; value: Promise<CurrentStories> }>();
  let itemGeneration = 0;
  const storiesNow = (feedIds?: string[], from: Date = windowStart()): Promise<CurrentStories> => {
    const key = `${feedIds?.join('\u0000') ?? '*'}|${Math.floor(from.getTime() / 60_000)}`;
    const now = clock.now().getTime();
    const hit = storyCache.get(key);
    if (hit && hit.generation === itemGeneration && now - hit.at < STORY_CACHE_MS) return hit.value;
    const value = (async () =>
      currentStories({ store, windowStart: from, feeds: await store.listFeeds(), bulletsPerStory: config.briefing.bulletsPerStory, ...(feedIds ? { feedIds } : {}) }))();
    if (storyCache.size > STORY_CACHE_ENTRIES) storyCache.clear();
    storyCache.set(key, { at: now, generation: itemGeneration, value });
    value.catch(() => storyCache.delete(key));
    return value;
  };
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
  const leaseMs = config.poll.leaseSeconds * 1000;
  /**
   * Gives new items their article text. Where the engine saves texts in batches, the texts are added
   * to `texts` for the caller to write with {@link writeTexts}; otherwise each is saved as it comes.
   */
  const enrich = async (items: PollOutcome['inserted'], texts: ArticleText[]): Promise<void> => {
    const target = storage.saveArticleTexts ? withStoreOverrides(store, { saveArticleText: async (itemId, text) => void texts.push({ itemId, text }) }) : store;
    await enrichItems(items, { fetcher, store: target, logger, teaserWords: config.extract.teaserWords, fetchPages: config.extract.fetchPages });
  };
  /** Writes and empties `texts` (filled by {@link enrich}) in one statement. */
  const writeTexts = async (texts: ArticleText[]): Promise<void> => {
    const batch = texts.splice(0);
    if (batch.length) await storage.saveArticleTexts?.(batch);
  };
  /** At most `limit` feeds a round, when given (the scheduler spreads a large backlog over the interval). */
  const pollDue = async (limit = Number.POSITIVE_INFINITY): Promise<PollOutcome[]> => {
    if (!storage.leases) return pollFeeds((await dueFeeds(await store.listFeeds(), store, clock.now())).slice(0, limit), pollDeps, readLocal);
    const leases = storage.leases;
    let left = limit;
    const capped: FeedLeases = {
      ...leases,
      claimDue: async (request) => {
        if (left <= 0) return [];
        const claimed = await leases.claimDue({ ...request, limit: Math.min(request.limit, left) });
        left -= claimed.length;
        return claimed;
      },
      renew: (...args) => leases.renew(...args),
      release: (...args) => leases.release(...args),
    };
    // Each feed's new items get their text as its poll ends, so a large round holds no backlog of
    // them; the texts are written together before each lease release (one statement a batch, not a feed).
    const pending: ArticleText[] = [];
    const afterPoll = async (outcome: PollOutcome): Promise<void> => {
      countPolls([outcome]);
      await enrich(outcome.inserted, pending);
      if (pending.length >= ARTICLE_TEXT_BATCH) await writeTexts(pending);
    };
    return pollClaimed(
      { ...pollDeps, leases: capped, holder: instanceId, leaseMs, perHostConcurrency: config.fetch.perHostConcurrency, afterPoll, beforeRelease: () => writeTexts(pending) },
      readLocal,
    );
  };

  const summarizer = config.llm
    ? createLlmSummarizer({ baseUrl: config.llm.url, model: config.llm.model, timeoutMs: config.llm.timeoutMs, maxBullets: config.briefing.bulletsPerStory, ...(config.secrets.llmApiKey ? { apiKey: config.secrets.llmApiKey } : {}) })
    : undefined;

  const briefing: App['briefing'] = async (channelId, options = {}) => {
    const now = clock.now();
    // A config channel is known by its id, or by its platform channel id (what /schedule and /brief see).
    const channel = config.channels.find((c) => c.id === channelId) ?? config.channels.find((c) => c.target === channelId);
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
    instanceId,
    engine: storage.engine ?? 'custom',
    ...(storage.outbox ? { outbox: storage.outbox } : {}),
    services: createServices({ store, index, fetcher, configFeeds: () => configFeeds, briefing }),
    feeds: () => store.listFeeds(),
    async poll(feeds, options = {}) {
      const stopTimer = metrics.pollRoundDuration.startTimer();
      try {
        if (!feeds && storage.leases) {
          const claimed = await pollDue(options.limit);
          if (claimed.some((o) => o.inserted.length > 0)) itemGeneration += 1;
          return claimed;
        }
        for (const feed of feeds ?? []) await store.upsertFeed(feed);
        const outcomes = feeds ? await pollFeeds(feeds, pollDeps, readLocal) : await pollDue(options.limit);
        countPolls(outcomes);
        const texts: ArticleText[] = [];
        await enrich(outcomes.flatMap((o) => o.inserted), texts);
        await writeTexts(texts);
        if (outcomes.some((o) => o.inserted.length > 0)) itemGeneration += 1;
        return outcomes;
      } finally {
        stopTimer();
      }
    },
    async claimJob(key, ttlMs) {
      return storage.jobs ? storage.jobs.claim(key, instanceId, clock.now(), ttlMs) : true;
    },
    briefing,
    indexStories: async () => {
      const count = await indexer.update(await storiesNow(), clock.now());
      metrics.stories.inc(count);
      return count;
    },
    markSent: (channelId, sent) => recordBriefing(store, channelId, sent, clock.now()),
    close: () => store.close(),
  };
  return app;
}
