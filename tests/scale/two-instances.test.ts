/**
 * Two Herald processes share one PostgreSQL: 200 feeds (100 from config, 100 subscribed by 50
 * channels) on the loopback feed server. Every feed is polled once per interval, split between
 * the instances; a scheduled job runs on one of them per slot; when one instance is killed, the
 * other polls its feeds once its leases expire.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { startFeedFarm, type FeedFarm } from '../support/feed-farm.ts';
import { startInstance, type InstanceEvent, type InstanceProcess } from '../support/instance-process.ts';
import { MISSING_DATABASE_REASON, TEST_DATABASE_URL, TestSchemas } from '../store/postgres-test-db.ts';

const LEASE_MS = 3_000;
/** Longer than the suite: one interval is one phase, and the suite starts the next by hand. */
const INTERVAL_MS = 10 * 60_000;
const CHANNELS = 50;
const agentOf = (id: string): string => `herald-suite/${id}`;

if (TEST_DATABASE_URL) {
  describe('two Herald instances on one PostgreSQL', () => {
    const schemas = new TestSchemas();
    let farm: FeedFarm;
    let schema: string;
    let a: InstanceProcess;
    let b: InstanceProcess;
    let release: () => void = () => undefined;

    const query = <R extends Record<string, unknown>>(sql: string, params: unknown[] = []): Promise<R[]> => schemas.query<R>(sql.replaceAll('$schema', schema), params);
    const everyFeedPolled = async (times: number, agent?: string): Promise<void> => {
      while (farm.feeds.some((f) => (farm.countsPerFeed(agent).get(f.url) ?? 0) < times)) await new Promise((resolve) => setTimeout(resolve, 50));
    };
    /** Waits until each running instance has finished `count` more poll rounds. */
    const moreRounds = async (count: number): Promise<void> => {
      const running = [a, b].filter((i) => !i.exited);
      const marks = running.map((i) => i.events.length);
      const rounds = (i: InstanceProcess, from: number): number => i.events.slice(from).filter((e) => e.event === 'round').length;
      while (running.some((i, n) => !i.exited && rounds(i, marks[n]!) < count)) await new Promise((resolve) => setTimeout(resolve, 20));
    };
    const polledBy = (instance: InstanceProcess, from = 0): string[] =>
      instance.events.slice(from).filter((e): e is InstanceEvent & { feed: string } => e.event === 'polled').map((e) => e.feed);

    beforeAll(async () => {
      farm = await startFeedFarm({ hosts: 4, feedsPerHost: 50, slowMs: 300 });
      schema = await schemas.create();
      const store = new PostgresStore({ connectionString: TEST_DATABASE_URL, schema, max: 2 });
      await store.migrate();
      // Half the feeds come from config, half from the channels' own subscriptions.
      const subscribed = farm.feeds.slice(100);
      for (let c = 0; c < CHANNELS; c++) {
        const channelId = `C${String(c).padStart(3, '0')}`;
        for (const feed of subscribed.slice(c * 2, c * 2 + 2)) {
          await store.upsertFeed({ id: feed.id, url: feed.url, weight: 1 });
          await store.subscribeChannel(channelId, feed.id);
        }
        await store.saveChannelSettings({ channelId, include: [], exclude: [], schedule: { time: '08:00', timezone: 'Europe/London', weekdays: ['mon'] } });
      }
      await store.close();
      const settings = (id: string) => ({
        instanceId: id,
        databaseUrl: TEST_DATABASE_URL,
        schema,
        allowHosts: farm.allowHosts,
        userAgent: agentOf(id),
        intervalMs: INTERVAL_MS,
        leaseMs: LEASE_MS,
        tickMs: 150,
        concurrency: 8,
        perHostConcurrency: 2,
        feeds: farm.feeds.slice(0, 100).map((f) => f.url),
      });
      a = startInstance(settings('A'));
      b = startInstance(settings('B'));
      await Promise.all([a.waitFor((e) => e.event === 'ready'), b.waitFor((e) => e.event === 'ready')]);
    }, 60_000);

    afterAll(async () => {
      release();
      await Promise.all([a?.kill(), b?.stop()]);
      await farm?.close();
      await schemas.dropAll();
    }, 30_000);

    it('polls every feed exactly once per interval, the two instances sharing the work', async () => {
      a.send('loop');
      b.send('loop');
      await everyFeedPolled(1);
      await moreRounds(3);
      expect([...farm.countsPerFeed().values()].filter((n) => n !== 1)).toEqual([]);
      expect(farm.countsPerFeed().size).toBe(200);
      const [byA, byB] = [polledBy(a), polledBy(b)];
      expect(byA.length).toBeGreaterThan(0);
      expect(byB.length).toBeGreaterThan(0);
      expect(byA.filter((id) => byB.includes(id))).toEqual([]);
      expect(byA.length + byB.length).toBe(200);

      // The next interval: every feed is due again, and fresh feeds have published.
      const marks = [a.events.length, b.events.length] as const;
      farm.nextCycle();
      await query('UPDATE $schema.fetch_state SET next_poll_at = 0');
      await everyFeedPolled(2);
      await moreRounds(3);
      expect([...farm.countsPerFeed().values()].filter((n) => n !== 2)).toEqual([]);
      const second = [...a.events.slice(marks[0]), ...b.events.slice(marks[1])].filter((e) => e.event === 'polled');
      expect(second).toHaveLength(200);
      const statusOf = new Map(second.map((e) => [String(e.feed), e]));
      for (const feed of farm.feeds) {
        const outcome = statusOf.get(feed.id)!;
        if (feed.kind === 'static') expect(outcome.status).toBe('not-modified');
        if (feed.kind === 'fresh') expect(outcome).toMatchObject({ status: 'updated', items: 3 });
        if (feed.kind === 'failing') expect(outcome.status).toBe('failed');
      }
    }, 60_000);

    it('runs the scheduled job on one instance per slot', () => {
      const runs = [...a.events, ...b.events].filter((e) => e.event === 'job').map((e) => String(e.key));
      expect(runs.length).toBeGreaterThan(0);
      expect(runs.length).toBe(new Set(runs).size);
    });

    it('polls a killed instance\'s feeds from the other once its leases expire', async () => {
      farm.resetStats();
      const hung = new Promise<void>((resolve) => {
        release = resolve;
      });
      // A's requests never get an answer: it is mid-poll when it dies.
      farm.setGate((req) => (req.headers['user-agent'] === agentOf('A') ? hung : undefined));
      farm.nextCycle();
      await query('UPDATE $schema.fetch_state SET next_poll_at = 0');
      while (farm.requests.filter((r) => r.agent === agentOf('A')).length < 3) await new Promise((resolve) => setTimeout(resolve, 20));
      await a.kill('SIGKILL');
      const leased = await query<{ feed_id: string; lease_until: string }>('SELECT feed_id, lease_until FROM $schema.fetch_state WHERE lease_holder = $1', ['A']);
      expect(leased.length).toBeGreaterThan(0);

      await everyFeedPolled(1, agentOf('B'));
      await moreRounds(2);
      const byB = farm.countsPerFeed(agentOf('B'));
      expect([...byB.values()].filter((n) => n !== 1)).toEqual([]);
      const firstByB = new Map<string, number>();
      for (const r of farm.requests) if (r.agent === agentOf('B') && !firstByB.has(r.url)) firstByB.set(r.url, r.at);
      // Not a moment before A's lease ran out.
      for (const { feed_id, lease_until } of leased) expect(firstByB.get(feed_id)).toBeGreaterThanOrEqual(Number(lease_until));
      const rows = await query<{ n: number }>('SELECT count(*)::int AS n FROM $schema.fetch_state WHERE lease_holder = $1', ['A']);
      expect(rows[0]!.n).toBe(0);
    }, LEASE_MS + 45_000);
  });
} else {
  console.log(`two-instances: ${MISSING_DATABASE_REASON}`);
  it('needs a PostgreSQL (HERALD_TEST_DATABASE_URL); CI always provides one', () => {
    expect(process.env.CI, `CI must run the PostgreSQL suites: ${MISSING_DATABASE_REASON}`).toBeFalsy();
    expect(TEST_DATABASE_URL).toBe('');
  });
}
