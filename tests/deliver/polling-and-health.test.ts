/**
 * Feed polling spread over the interval, never overlapping itself, and feed health: a feed failing
 * for a day is reported once, with the reason, in the channels that get it, and kept.
 */
import { describe, expect, it } from 'vitest';
import feedsCommand from '../../commands/feeds.ts';
import { ConsoleAdapter } from '../../src/chat/console/console-adapter.ts';
import type { FeedHealth, Services } from '../../src/core/command.ts';
import { SqliteJobClaims } from '../../src/store/sqlite/job-claims.ts';
import { SqliteOutbox } from '../../src/store/sqlite/outbox.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { pollBudget } from '../../src/deliver/poll-spread.ts';
import { channel, FakeClock, testScheduler, textSink } from '../support/deliver-fixtures.ts';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;
const BUDGET = { intervalMs: 15 * MINUTE_MS, tickMs: MINUTE_MS, minPerTick: 8 };
const NEVER = { time: '08:00', timezone: 'UTC', weekdays: ['sun'] };

async function memoryOutbox(): Promise<{ store: SqliteStore; outbox: SqliteOutbox }> {
  const store = new SqliteStore(':memory:');
  await store.migrate();
  return { store, outbox: new SqliteOutbox(store.db) };
}

describe('feed polling', () => {
  it('allows each tick about a fifteenth of the feeds, with headroom, and a floor for small installs', () => {
    expect(pollBudget(1000, BUDGET)).toBe(84);
    expect(pollBudget(10, BUDGET)).toBe(8);
  });

  it('spreads a thousand feeds due at once over the interval, and keeps them spread', async () => {
    const { store, outbox } = await memoryOutbox();
    const clock = new FakeClock('2026-03-30T06:00:00Z');
    const next = new Map<string, number>(Array.from({ length: 1000 }, (_, i) => [`feed-${i}`, 0]));
    const perTick: number[] = [];
    const early: string[] = [];
    const scheduler = testScheduler({
      outbox, clock, channels: [],
      polls: {
        budget: BUDGET,
        feedCount: async () => next.size,
        // Stands in for ingest's claim: the most overdue first, each feed's next time after its poll.
        pollDue: async (limit) => {
          const now = clock.now().getTime();
          const due = [...next].filter(([, at]) => at <= now).sort((a, b) => a[1] - b[1]).slice(0, limit);
          for (const [id, at] of due) {
            if (at > now) early.push(id);
            next.set(id, now + BUDGET.intervalMs);
          }
          perTick.push(due.length);
        },
      },
    });
    for (let minute = 0; minute < 60; minute += 1, clock.advance(MINUTE_MS)) await scheduler.tick();
    expect(Math.max(...perTick)).toBe(84);
    // Every feed was polled within the first interval...
    expect(perTick.slice(0, 12).reduce((a, b) => a + b, 0)).toBe(1000);
    // ...and afterwards no minute carries more than its share plus the headroom.
    expect(Math.max(...perTick.slice(15))).toBeLessThanOrEqual(84);
    expect(perTick.slice(15, 30).reduce((a, b) => a + b, 0)).toBe(1000);
    expect(early).toEqual([]);
    await store.close();
  });

  it('never starts a poll round while the last one runs', async () => {
    const { store, outbox } = await memoryOutbox();
    const clock = new FakeClock('2026-03-30T06:00:00Z');
    let rounds = 0;
    let finish: () => void = () => undefined;
    const scheduler = testScheduler({
      outbox, clock, channels: [],
      polls: { budget: BUDGET, feedCount: async () => 10, pollDue: () => ((rounds += 1), new Promise<void>((r) => (finish = r))) },
    });
    const first = scheduler.tick();
    await new Promise((r) => setTimeout(r, 10));
    clock.advance(MINUTE_MS);
    await scheduler.tick();
    expect(rounds).toBe(1);
    finish();
    await first;
    clock.advance(MINUTE_MS);
    const third = scheduler.tick();
    await new Promise((r) => setTimeout(r, 10));
    finish();
    await third;
    expect(rounds).toBe(2);
    await store.close();
  });
});

describe('feed health', () => {
  it('reports a feed failing for a day once, with its reason, in the channels that get it, and keeps it', async () => {
    const { store, outbox } = await memoryOutbox();
    const clock = new FakeClock('2026-03-30T12:00:00Z');
    await store.upsertFeed({ id: 'feed-harbour', url: 'https://harbour.example/rss', title: 'Harbour News', weight: 1 });
    const failingSince = new Date(clock.now().getTime() - 25 * HOUR_MS);
    await store.saveFetchState({ feedId: 'feed-harbour', failures: 12, failingSince, lastErrorAt: clock.now(), lastError: 'bad-status: server answered 503', nextPollAt: new Date(clock.now().getTime() + 6 * HOUR_MS) });
    const gets = textSink();
    const other = textSink();
    const channels = [channel('gets-it', new ConsoleAdapter(gets), NEVER), channel('other', new ConsoleAdapter(other), NEVER)];
    const scheduler = testScheduler({
      outbox, clock, channels,
      polls: { budget: BUDGET, feedCount: async () => 1, pollDue: async () => undefined },
      feedHealth: {
        failingMs: 24 * HOUR_MS,
        failingFeeds: async (before) => {
          const feeds = await store.listFeeds();
          return (await store.listFailingSince(before)).map((state) => ({ feed: feeds.find((f) => f.id === state.feedId)!, state }));
        },
        channelFeeds: async (c) => (c.id === 'gets-it' ? ['feed-harbour'] : []),
      },
    });
    await scheduler.tick();
    expect(gets.text()).toMatch(/Harbour News" has failed for 25 h \(12 tries in a row\): bad-status: server answered 503/);
    expect(gets.text()).toMatch(/keeps retrying/);
    expect(other.text()).toBe('');

    clock.advance(HOUR_MS);
    await scheduler.tick();
    expect(gets.text().match(/has failed for/g)).toHaveLength(1);
    expect((await store.listFeeds()).map((f) => f.id)).toEqual(['feed-harbour']);

    // It recovers, then fails again for a day: a new run of failures is reported again.
    const again = new Date(clock.now().getTime() - 3 * HOUR_MS);
    await store.saveFetchState({ feedId: 'feed-harbour', failures: 9, failingSince: again, lastError: 'timeout: no answer in 20 s' });
    clock.advance(25 * HOUR_MS);
    await scheduler.tick();
    expect(gets.text().match(/has failed for/g)).toHaveLength(2);
    expect(gets.text()).toMatch(/timeout: no answer in 20 s/);
    await store.close();
  });

  it('checks on one instance per window when instances share a database, and reports each feed once', async () => {
    const { store, outbox } = await memoryOutbox();
    const clock = new FakeClock('2026-03-30T12:00:00Z');
    await store.upsertFeed({ id: 'feed-harbour', url: 'https://harbour.example/rss', title: 'Harbour News', weight: 1 });
    await store.saveFetchState({ feedId: 'feed-harbour', failures: 12, failingSince: new Date(clock.now().getTime() - 25 * HOUR_MS), lastError: 'bad-status: 503' });
    const jobs = new SqliteJobClaims(store.db);
    const sink = textSink();
    let checks = 0;
    const instance = (holder: string) =>
      testScheduler({
        outbox, clock,
        channels: [channel('gets-it', new ConsoleAdapter(sink), NEVER)],
        polls: { budget: BUDGET, feedCount: async () => 1, pollDue: async () => undefined },
        feedHealth: {
          failingMs: 24 * HOUR_MS,
          failingFeeds: async (before) => {
            checks += 1;
            return (await store.listFailingSince(before)).map((state) => ({ feed: { id: state.feedId, url: 'https://harbour.example/rss', title: 'Harbour News', weight: 1 }, state }));
          },
          channelFeeds: async () => ['feed-harbour'],
          claim: (key, ttlMs) => jobs.claim(key, holder, clock.now(), ttlMs),
        },
      });
    const [a, b] = [instance('a'), instance('b')];
    await Promise.all([a.tick(), b.tick()]);
    expect(checks).toBe(1);
    expect(sink.text().match(/has failed for/g)).toHaveLength(1);
    // The next window is checked again, by whichever instance claims it first.
    clock.advance(16 * MINUTE_MS);
    await b.tick();
    await a.tick();
    expect(checks).toBe(2);
    expect(sink.text().match(/has failed for/g)).toHaveLength(1);
    await store.close();
  });

  it('shows a failing feed in /feeds with when it started failing and when it is tried next', async () => {
    const now = new Date('2026-03-30T12:00:00Z');
    const feed: FeedHealth = {
      id: 'f', url: 'https://harbour.example/rss', title: 'Harbour News', weight: 1, failures: 12,
      failingSince: new Date(now.getTime() - 26 * HOUR_MS), lastErrorAt: new Date(now.getTime() - 5 * MINUTE_MS), lastError: 'bad-status: 503', nextPollAt: new Date(now.getTime() + 40 * MINUTE_MS),
    };
    const services = { feeds: async () => [feed] } as unknown as Services;
    const reply = await feedsCommand.run({ options: {}, services, user: { id: 'U1', isAdmin: true }, channel: { id: 'C1', platform: 'slack' }, now });
    expect(reply).toMatchObject({ kind: 'text' });
    expect((reply as { text: string }).text).toMatch(/failing since 26 h ago \(12×, last error 5 min ago: bad-status: 503; retrying in 40 min\)/);
  });
});
