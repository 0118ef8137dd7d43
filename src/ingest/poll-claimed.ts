/**
 * A poll round over claimed feeds: claim due feeds in small batches (so instances sharing the
 * database split the work), poll them with bounded concurrency, renew the leases while they are in
 * hand, and release them with each feed's new fetch state (next poll time included), in one write
 * per batch. A feed is started only when its host has a free slot, so one busy host never holds up
 * the workers meant for the others.
 */
import type { ClaimedFeed, FeedLeases, FetchState, Store, StoredItem } from '../core/ports.ts';
import type { FeedSource } from '../core/types.ts';
import { pollFeed, type PollDeps, type PollOutcome, type ReadLocal } from './poll-feed.ts';
import { withStoreOverrides } from './store-overrides.ts';

export interface ClaimedPollDeps extends PollDeps {
  leases: FeedLeases;
  /** This instance's id, unique among the instances sharing the database. */
  holder: string;
  /** How long a claim lasts without renewal; renewed every third of it while the round runs. */
  leaseMs: number;
  /** Feeds polled at once. */
  concurrency: number;
  /** Feeds polled at once per host (the fetcher's own limit, mirrored here to pick free hosts). */
  perHostConcurrency: number;
  /** Feeds claimed per claim; default twice the concurrency. */
  claimBatch?: number;
  /**
   * Runs as each feed's poll finishes (e.g. giving its new items their article text), still within
   * the round's concurrency but after the feed's host slot is free.
   */
  afterPoll?: (outcome: PollOutcome) => Promise<void>;
  /**
   * Runs before each lease release (every claim, and at the end of the round), e.g. to write what
   * `afterPoll` buffered in one statement for the whole batch of feeds.
   */
  beforeRelease?: () => Promise<void>;
}

/** Renewals per lease period: a lease survives two missed renewals. */
const RENEWALS_PER_LEASE = 3;

function hostOf(feed: FeedSource): string {
  try {
    return new URL(feed.url).host.toLowerCase();
  } catch {
    return '';
  }
}

/** The store as a poll sees it, with fetch-state saves kept for the lease release instead of written one by one. */
function bufferedStore(store: Store, pending: Map<string, FetchState>): Store {
  return withStoreOverrides(store, { saveFetchState: async (state) => void pending.set(state.feedId, state) });
}

/**
 * A round can bring tens of thousands of new items, and strings cut from a feed document keep the
 * whole document alive: once `afterPoll` has seen an outcome, the round keeps only its counts, its
 * error and its new items' ids (guid, url and title left empty; the store has them).
 */
function compact(outcome: PollOutcome): PollOutcome {
  const { feedId, status, duplicates, skipped, nextPollAt, error } = outcome;
  const inserted = outcome.inserted.map((item): StoredItem => ({ id: item.id, feedId, guid: '', url: '', title: '', fetchedAt: item.fetchedAt }));
  return { feedId, status, inserted, duplicates, skipped, nextPollAt, ...(error ? { error } : {}) };
}

/**
 * Polls due feeds until none is left to claim; resolves with every outcome of the round, compacted
 * (new items by id only, no feed title) once `afterPoll` has seen it.
 */
export async function pollClaimed(deps: ClaimedPollDeps, readLocal?: ReadLocal): Promise<PollOutcome[]> {
  const { leases, holder, leaseMs } = deps;
  const batch = Math.max(1, deps.claimBatch ?? deps.concurrency * 2);
  const queue: (ClaimedFeed & { host: string })[] = [];
  const held = new Set<string>();
  const done: string[] = [];
  const states = new Map<string, FetchState>();
  const pollDeps = { ...deps, store: bufferedStore(deps.store, states) };
  const perHost = new Map<string, number>();
  const running = new Set<Promise<void>>();
  const outcomes: PollOutcome[] = [];
  let claiming: Promise<void> | undefined;
  let exhausted = false;
  let failure: unknown;

  const releaseDone = async (): Promise<void> => {
    await deps.beforeRelease?.();
    const ids = done.splice(0);
    const saved = ids.flatMap((id) => {
      const state = states.get(id);
      states.delete(id);
      return state ? [state] : [];
    });
    if (ids.length) await leases.release(holder, ids, saved);
  };
  const claimMore = async (): Promise<void> => {
    await releaseDone();
    const claimed = await leases.claimDue({ holder, now: deps.clock.now(), leaseMs, limit: batch });
    if (!claimed.length) exhausted = true;
    for (const entry of claimed) {
      held.add(entry.feed.id);
      queue.push({ ...entry, host: hostOf(entry.feed) });
    }
  };
  const start = ({ feed, state, host }: ClaimedFeed & { host: string }): void => {
    perHost.set(host, (perHost.get(host) ?? 0) + 1);
    let hostHeld = true;
    const freeHost = (): void => {
      if (hostHeld) perHost.set(host, (perHost.get(host) ?? 1) - 1);
      hostHeld = false;
    };
    const task = pollFeed(feed, pollDeps, readLocal, state)
      .then(async (outcome) => {
        freeHost();
        await deps.afterPoll?.(outcome);
        outcomes.push(compact(outcome));
      })
      .catch((error: unknown) => {
        failure ??= error;
      })
      .finally(() => {
        freeHost();
        held.delete(feed.id);
        done.push(feed.id);
        running.delete(task);
      });
    running.add(task);
  };
  const dispatch = (): void => {
    for (let i = 0; i < queue.length && running.size < deps.concurrency; ) {
      const entry = queue[i]!;
      if ((perHost.get(entry.host) ?? 0) < deps.perHostConcurrency) {
        queue.splice(i, 1);
        start(entry);
      } else i += 1;
    }
  };

  const renewal = setInterval(() => {
    if (held.size) void leases.renew(holder, [...held], deps.clock.now(), leaseMs).catch(() => undefined);
  }, Math.max(1, Math.floor(leaseMs / RENEWALS_PER_LEASE)));
  renewal.unref();
  try {
    for (;;) {
      if (failure === undefined && !exhausted && !claiming && queue.length < deps.concurrency) {
        claiming = claimMore()
          .catch((error: unknown) => {
            failure ??= error;
          })
          .finally(() => {
            claiming = undefined;
          });
      }
      if (failure === undefined) dispatch();
      const waits = [...running, ...(claiming ? [claiming] : [])];
      if (!waits.length) break;
      await Promise.race(waits);
    }
  } finally {
    clearInterval(renewal);
  }
  // Feeds claimed but never started (the round failed) go back to the pool at once.
  done.push(...queue.map((entry) => entry.feed.id));
  await releaseDone();
  if (failure !== undefined) throw failure;
  return outcomes;
}
