/**
 * The FeedLeases and JobClaims contract: every engine (SQLite, PostgreSQL) runs this same suite.
 * Each test opens two "instances" (two connections to one database), as two Herald processes would.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ClaimedFeed, FeedLeases, JobClaims, Store } from '../../src/core/ports.ts';

export interface LeaseInstance {
  store: Store;
  leases: FeedLeases;
  jobs: JobClaims;
}

/** Two instances on one fresh, empty database; both are closed by the suite. */
export type OpenShared = () => Promise<[LeaseInstance, LeaseInstance]>;

export function feedLeasesContract(name: string, openShared: OpenShared): void {
  describe(`FeedLeases contract: ${name}`, () => {
    let a: LeaseInstance;
    let b: LeaseInstance;
    const t0 = new Date('2026-11-20T08:00:00Z');
    const at = (ms: number): Date => new Date(t0.getTime() + ms);
    const LEASE_MS = 60_000;
    const ids = (claimed: ClaimedFeed[]): string[] => claimed.map((c) => c.feed.id).sort();
    const addFeeds = async (count: number, prefix = 'https://news.example/'): Promise<string[]> => {
      const made: string[] = [];
      for (let i = 0; i < count; i++) {
        const id = `${prefix}${String(i).padStart(3, '0')}`;
        await a.store.upsertFeed({ id, url: id, weight: 1 });
        made.push(id);
      }
      return made.sort();
    };

    beforeEach(async () => {
      [a, b] = await openShared();
      await a.store.migrate();
      await b.store.migrate();
    });
    afterEach(async () => {
      await a.store.close();
      await b.store.close();
    });

    it('claims never-polled feeds once: a second holder gets none of them while they are leased', async () => {
      const feeds = await addFeeds(5);
      const first = await a.leases.claimDue({ holder: 'A', now: t0, leaseMs: LEASE_MS, limit: 10 });
      expect(ids(first)).toEqual(feeds);
      expect(await b.leases.claimDue({ holder: 'B', now: at(1), leaseMs: LEASE_MS, limit: 10 })).toEqual([]);
      expect(await a.leases.claimDue({ holder: 'A', now: at(2), leaseMs: LEASE_MS, limit: 10 })).toEqual([]);
    });

    it('returns the feed as stored with its fetch state, and never a removed feed', async () => {
      await a.store.upsertFeed({ id: 'f1', url: 'https://a.example/rss', title: 'A news', topic: 'world', weight: 2 });
      await a.store.upsertFeed({ id: 'f2', url: 'https://b.example/rss', weight: 1 });
      await a.store.upsertFeed({ id: 'f3', url: 'https://c.example/rss', weight: 1 });
      await a.store.removeFeed('f2');
      const state = { feedId: 'f3', failures: 2, etag: '"e"', lastModified: 'Fri, 20 Nov 2026 07:00:00 GMT', nextPollAt: at(-1), lastErrorAt: at(-60_000), lastError: 'HTTP 500', failingSince: at(-120_000), lastSuccessAt: at(-600_000) };
      await a.store.saveFetchState(state);
      const claimed = await a.leases.claimDue({ holder: 'A', now: t0, leaseMs: LEASE_MS, limit: 10 });
      expect(claimed.sort((x, y) => x.feed.id.localeCompare(y.feed.id))).toEqual([
        { feed: { id: 'f1', url: 'https://a.example/rss', title: 'A news', topic: 'world', weight: 2 }, state: { feedId: 'f1', failures: 0 } },
        { feed: { id: 'f3', url: 'https://c.example/rss', weight: 1 }, state },
      ]);
    });

    it('saves the polls\' states as it releases their leases, only where the holder still holds them', async () => {
      await addFeeds(2);
      await a.leases.claimDue({ holder: 'A', now: t0, leaseMs: 1_000, limit: 2 });
      // A's leases expire; B takes one of the feeds before A reports.
      const [taken] = await b.leases.claimDue({ holder: 'B', now: at(1_000), leaseMs: LEASE_MS, limit: 1 });
      const stolen = taken!.feed.id;
      const kept = (await a.store.listFeeds()).map((f) => f.id).find((id) => id !== stolen)!;
      await a.leases.release('A', [kept, stolen], [
        { feedId: kept, failures: 0, etag: '"a"', nextPollAt: at(60_000), lastSuccessAt: at(500) },
        { feedId: stolen, failures: 0, etag: '"stale"', nextPollAt: at(60_000), lastSuccessAt: at(500) },
      ]);
      expect(await b.store.getFetchState(kept)).toMatchObject({ etag: '"a"', nextPollAt: at(60_000), lastSuccessAt: at(500) });
      expect((await b.store.getFetchState(stolen))?.etag).toBeUndefined();
      // The kept feed is free until it is due; the stolen one is still B's.
      expect(await b.leases.claimDue({ holder: 'C', now: at(59_999), leaseMs: LEASE_MS, limit: 5 })).toEqual([]);
      expect(ids(await b.leases.claimDue({ holder: 'C', now: at(60_000), leaseMs: LEASE_MS, limit: 5 }))).toEqual([kept]);
    });

    it('claims only due feeds, soonest due first, up to the limit', async () => {
      const [f0, f1, f2, f3] = await addFeeds(4);
      await a.store.saveFetchState({ feedId: f0!, failures: 0, nextPollAt: at(-1_000) });
      await a.store.saveFetchState({ feedId: f1!, failures: 0, nextPollAt: at(-5_000) });
      await a.store.saveFetchState({ feedId: f2!, failures: 0, nextPollAt: at(10_000) });
      await a.store.saveFetchState({ feedId: f3!, failures: 0, nextPollAt: at(-3_000) });
      const claimed = await a.leases.claimDue({ holder: 'A', now: t0, leaseMs: LEASE_MS, limit: 2 });
      expect(claimed.map((c) => c.feed.id)).toEqual([f1, f3]);
      expect((await b.leases.claimDue({ holder: 'B', now: t0, leaseMs: LEASE_MS, limit: 10 })).map((c) => c.feed.id)).toEqual([f0]);
      expect(await b.leases.claimDue({ holder: 'B', now: at(9_999), leaseMs: LEASE_MS, limit: 10 })).toEqual([]);
      expect((await b.leases.claimDue({ holder: 'B', now: at(10_000), leaseMs: LEASE_MS, limit: 10 })).map((c) => c.feed.id)).toEqual([f2]);
    });

    it('returns an expired lease to the pool, and not a moment before', async () => {
      const [feed] = await addFeeds(1);
      await a.leases.claimDue({ holder: 'A', now: t0, leaseMs: 1_000, limit: 1 });
      expect(await b.leases.claimDue({ holder: 'B', now: at(999), leaseMs: 1_000, limit: 1 })).toEqual([]);
      expect(ids(await b.leases.claimDue({ holder: 'B', now: at(1_000), leaseMs: 1_000, limit: 1 }))).toEqual([feed]);
    });

    it('renews only the holder\'s own leases', async () => {
      const feeds = await addFeeds(2);
      const mine = await a.leases.claimDue({ holder: 'A', now: t0, leaseMs: 1_000, limit: 1 });
      const theirs = await b.leases.claimDue({ holder: 'B', now: t0, leaseMs: 1_000, limit: 1 });
      expect(ids([...mine, ...theirs])).toEqual(feeds);
      expect(await a.leases.renew('A', feeds, at(900), 1_000)).toEqual([mine[0]!.feed.id]);
      expect(await a.leases.claimDue({ holder: 'A', now: at(1_500), leaseMs: 1_000, limit: 5 })).toEqual(theirs);
      expect(await b.leases.claimDue({ holder: 'B', now: at(1_500), leaseMs: 1_000, limit: 5 })).toEqual([]);
      expect(ids(await b.leases.claimDue({ holder: 'B', now: at(1_900), leaseMs: 1_000, limit: 5 }))).toEqual([mine[0]!.feed.id]);
    });

    it('after a poll and release, the saved next poll time decides when the feed is due again', async () => {
      const [feed] = await addFeeds(1);
      await a.leases.claimDue({ holder: 'A', now: t0, leaseMs: LEASE_MS, limit: 1 });
      await a.store.saveFetchState({ feedId: feed!, failures: 0, lastSuccessAt: t0, nextPollAt: at(5_000), etag: '"v1"' });
      // The poll's own write leaves the lease in place.
      expect(await b.leases.claimDue({ holder: 'B', now: at(6_000), leaseMs: LEASE_MS, limit: 1 })).toEqual([]);
      await a.leases.release('A', [feed!]);
      expect(await b.leases.claimDue({ holder: 'B', now: at(4_999), leaseMs: LEASE_MS, limit: 1 })).toEqual([]);
      expect(ids(await b.leases.claimDue({ holder: 'B', now: at(5_000), leaseMs: LEASE_MS, limit: 1 }))).toEqual([feed]);
      expect(await b.store.getFetchState(feed!)).toMatchObject({ etag: '"v1"', failures: 0, nextPollAt: at(5_000) });
    });

    it('ignores a release by a holder that no longer holds the lease', async () => {
      const [feed] = await addFeeds(1);
      await a.leases.claimDue({ holder: 'A', now: t0, leaseMs: 1_000, limit: 1 });
      await b.leases.claimDue({ holder: 'B', now: at(2_000), leaseMs: LEASE_MS, limit: 1 });
      await a.leases.release('A', [feed!]);
      expect(await a.leases.claimDue({ holder: 'A', now: at(3_000), leaseMs: LEASE_MS, limit: 1 })).toEqual([]);
    });

    it('never hands one feed to two holders claiming at the same moment', async () => {
      const feeds = await addFeeds(120);
      const rounds = await Promise.all(
        Array.from({ length: 12 }, (_, i) => (i % 2 ? b : a).leases.claimDue({ holder: i % 2 ? 'B' : 'A', now: t0, leaseMs: LEASE_MS, limit: 7 })),
      );
      let claimed = rounds.flat().map((c) => c.feed.id);
      expect(new Set(claimed).size).toBe(claimed.length);
      // Whatever is left is claimed by later calls, still without overlap.
      for (let more = await a.leases.claimDue({ holder: 'A', now: t0, leaseMs: LEASE_MS, limit: 50 }); more.length; more = await b.leases.claimDue({ holder: 'B', now: t0, leaseMs: LEASE_MS, limit: 50 })) {
        claimed = [...claimed, ...more.map((c) => c.feed.id)];
      }
      expect(claimed.sort()).toEqual(feeds);
    });

    it('keeps leases across a second run of the migrations', async () => {
      await addFeeds(2);
      await a.leases.claimDue({ holder: 'A', now: t0, leaseMs: LEASE_MS, limit: 1 });
      await a.store.migrate();
      await b.store.migrate();
      expect(await b.leases.claimDue({ holder: 'B', now: at(1), leaseMs: LEASE_MS, limit: 5 })).toHaveLength(1);
    });
  });

  describe(`JobClaims contract: ${name}`, () => {
    let a: LeaseInstance;
    let b: LeaseInstance;
    const t0 = new Date('2026-11-20T08:00:00Z');
    const at = (ms: number): Date => new Date(t0.getTime() + ms);

    beforeEach(async () => {
      [a, b] = await openShared();
      await a.store.migrate();
      await b.store.migrate();
    });
    afterEach(async () => {
      await a.store.close();
      await b.store.close();
    });

    it('gives a key to its first claimer until the claim expires', async () => {
      expect(await a.jobs.claim('index-stories:08:00', 'A', t0, 30_000)).toBe(true);
      expect(await b.jobs.claim('index-stories:08:00', 'B', at(10), 30_000)).toBe(false);
      expect(await a.jobs.claim('index-stories:08:00', 'A', at(20), 30_000)).toBe(true);
      expect(await b.jobs.claim('index-stories:08:01', 'B', at(20), 30_000)).toBe(true);
      expect(await b.jobs.claim('index-stories:08:00', 'B', at(30_019), 30_000)).toBe(false);
      expect(await b.jobs.claim('index-stories:08:00', 'B', at(30_020), 30_000)).toBe(true);
    });

    it('lets exactly one of many instances racing for a key win it', async () => {
      const results = await Promise.all(
        Array.from({ length: 10 }, (_, i) => (i % 2 ? b : a).jobs.claim('digest:console:2026-11-20T08:00', `holder-${i}`, t0, 30_000)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });
  });
}
