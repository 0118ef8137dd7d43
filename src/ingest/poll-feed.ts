/**
 * One poll of one feed: conditional fetch, parse, dedupe into the store, and the feed's next poll
 * time (backoff after failures, Retry-After, Cache-Control and TTL respected). Never throws for a
 * feed's own failure: the outcome carries it, so one broken feed never stops the others.
 */
import { FeedFetchError, FeedParseError } from '../core/errors.ts';
import type { Clock, Fetcher, FetchState, Logger, Store, StoredItem } from '../core/ports.ts';
import type { FeedSource } from '../core/types.ts';
import { parseFeed } from './parse-feed.ts';
import { planNextPoll } from './poll-policy.ts';

export interface PollDeps {
  fetcher: Fetcher;
  store: Store;
  clock: Clock;
  logger: Logger;
  intervalMs: number;
  maxBackoffMs: number;
}

export interface PollOutcome {
  feedId: string;
  status: 'updated' | 'not-modified' | 'failed';
  inserted: StoredItem[];
  duplicates: number;
  skipped: number;
  /** The feed's title from the document, when it parsed. */
  title?: string;
  error?: FeedFetchError | FeedParseError;
  nextPollAt: Date;
}

/** Feeds given as a local file path (CLI `--feed FILE`) are read from disk instead of fetched. */
export type ReadLocal = (path: string) => Promise<Buffer>;

/** `known`: the feed's fetch state when the caller already holds it (a lease claim returns it), saving a read. */
export async function pollFeed(feed: FeedSource, deps: PollDeps, readLocal?: ReadLocal, known?: FetchState): Promise<PollOutcome> {
  const { store, clock, logger } = deps;
  const previous = known ?? (await store.getFetchState(feed.id)) ?? { feedId: feed.id, failures: 0 };
  const startedAt = clock.now();
  const log = logger.child({ feed: feed.id });
  try {
    const isLocal = readLocal && !/^https?:\/\//i.test(feed.url);
    const result = isLocal
      ? { status: 200 as const, url: feed.url, body: await readLocal(feed.url) }
      : await deps.fetcher.fetch({ url: feed.url, ...(previous.etag ? { etag: previous.etag } : {}), ...(previous.lastModified ? { lastModified: previous.lastModified } : {}) });
    const base: FetchState = { feedId: feed.id, failures: 0, lastSuccessAt: startedAt };
    if ('etag' in result && result.etag) base.etag = result.etag;
    else if (previous.etag && result.status === 304) base.etag = previous.etag;
    if ('lastModified' in result && result.lastModified) base.lastModified = result.lastModified;
    else if (previous.lastModified && result.status === 304) base.lastModified = previous.lastModified;
    const maxAgeSeconds = 'maxAgeSeconds' in result ? result.maxAgeSeconds : undefined;

    if (result.status === 304) {
      base.nextPollAt = planNextPoll({ now: startedAt, intervalMs: deps.intervalMs, failures: 0, maxBackoffMs: deps.maxBackoffMs, ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}) });
      await store.saveFetchState(base);
      log.debug({ status: 304 }, 'feed not modified');
      return { feedId: feed.id, status: 'not-modified', inserted: [], duplicates: 0, skipped: 0, nextPollAt: base.nextPollAt };
    }

    const parsed = await parseFeed(result.body, {
      source: feed.url,
      feedId: feed.id,
      baseUrl: result.url,
      ...('contentType' in result && result.contentType ? { contentType: result.contentType } : {}),
    });
    for (const skip of parsed.skipped) log.info({ reason: skip.reason, title: skip.title }, 'item skipped');
    const saved = await store.saveItems(parsed.items, startedAt);
    base.nextPollAt = planNextPoll({
      now: startedAt,
      intervalMs: deps.intervalMs,
      failures: 0,
      maxBackoffMs: deps.maxBackoffMs,
      ...(maxAgeSeconds !== undefined ? { maxAgeSeconds } : {}),
      ...(parsed.feed.ttlMinutes !== undefined ? { ttlMinutes: parsed.feed.ttlMinutes } : {}),
    });
    await store.saveFetchState(base);
    if (!feed.title && parsed.feed.title) await store.upsertFeed({ ...feed, title: parsed.feed.title });
    log.info({ items: parsed.items.length, new: saved.inserted.length, duplicates: saved.duplicates.length }, 'feed polled');
    return {
      feedId: feed.id,
      status: 'updated',
      inserted: saved.inserted,
      duplicates: saved.duplicates.length,
      skipped: parsed.skipped.length,
      title: parsed.feed.title,
      nextPollAt: base.nextPollAt,
    };
  } catch (error) {
    if (!(error instanceof FeedFetchError) && !(error instanceof FeedParseError)) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT' || (error as NodeJS.ErrnoException).code === 'EISDIR') {
        return fail(new FeedParseError('empty', feed.url, 'no such file'));
      }
      throw error;
    }
    return fail(error);
  }

  async function fail(error: FeedFetchError | FeedParseError): Promise<PollOutcome> {
    const failures = previous.failures + 1;
    const state: FetchState = {
      ...previous,
      failures,
      lastErrorAt: startedAt,
      lastError: error.message,
      failingSince: previous.failingSince ?? startedAt,
    };
    const retryAfterMs = error instanceof FeedFetchError ? error.retryAfterMs : undefined;
    state.nextPollAt = planNextPoll({ now: startedAt, intervalMs: deps.intervalMs, failures, maxBackoffMs: deps.maxBackoffMs, ...(retryAfterMs !== undefined ? { retryAfterMs } : {}) });
    await store.saveFetchState(state);
    log.warn({ reason: error.reason, failures, nextPollAt: state.nextPollAt.toISOString() }, error.message);
    return { feedId: feed.id, status: 'failed', inserted: [], duplicates: 0, skipped: 0, error, nextPollAt: state.nextPollAt };
  }
}

/** Poll many feeds with bounded concurrency; one feed's failure never affects another. */
export async function pollFeeds(feeds: FeedSource[], deps: PollDeps & { concurrency: number }, readLocal?: ReadLocal): Promise<PollOutcome[]> {
  const outcomes: PollOutcome[] = new Array(feeds.length);
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < feeds.length) {
      const index = next++;
      outcomes[index] = await pollFeed(feeds[index]!, deps, readLocal);
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency, feeds.length) }, worker));
  return outcomes;
}

/** Feeds whose next poll time has come (or that were never polled). */
export async function dueFeeds(feeds: FeedSource[], store: Store, now: Date): Promise<FeedSource[]> {
  const due: FeedSource[] = [];
  for (const feed of feeds) {
    const state = await store.getFetchState(feed.id);
    if (!state?.nextPollAt || state.nextPollAt <= now) due.push(feed);
  }
  return due;
}
