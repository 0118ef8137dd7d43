/**
 * The scheduler on a controllable clock, posting to the console adapter over a real SQLite outbox:
 * on time across DST, catch-up after downtime, skipped slots, /schedule honoured, shutdown.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ConsoleAdapter } from '../../src/chat/console/console-adapter.ts';
import { createChannelResolver } from '../../src/deliver/digest-channels.ts';
import { SqliteOutbox } from '../../src/store/sqlite/outbox.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { channel, FakeClock, recordingLogger, testScheduler, textSink } from '../support/deliver-fixtures.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-schedule-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const LONDON_8AM = { time: '08:00', timezone: 'Europe/London', weekdays: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] };
const MINUTE_MS = 60_000;

describe('digest schedule', () => {
  let store: SqliteStore;
  let outbox: SqliteOutbox;
  let file: string;

  beforeEach(async () => {
    file = join(dir, `s${n++}.db`);
    store = new SqliteStore(file);
    await store.migrate();
    outbox = new SqliteOutbox(store.db);
  });
  afterEach(async () => {
    await store.close();
  });

  /** Tick once a minute from `from` to `to`, as node-cron would. */
  async function walk(scheduler: { tick(): Promise<void> }, clock: FakeClock, from: string, to: string): Promise<void> {
    for (clock.set(from); clock.now() <= new Date(to); clock.advance(MINUTE_MS)) await scheduler.tick();
  }

  it('posts at 08:00 Europe/London every day on both sides of the March and October changes', async () => {
    const clock = new FakeClock('2026-03-27T06:00:00Z');
    const sink = textSink();
    const scheduler = testScheduler({ outbox, clock, channels: [channel('news', new ConsoleAdapter(sink), LONDON_8AM)] });
    for (const day of ['2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30', '2026-10-24', '2026-10-25', '2026-10-26']) {
      await walk(scheduler, clock, `${day}T06:30:00Z`, `${day}T08:30:00Z`);
    }
    const times = scheduler.records.map((r) => r.at.toISOString());
    expect(times).toEqual([
      '2026-03-27T08:00:00.000Z', '2026-03-28T08:00:00.000Z', '2026-03-29T07:00:00.000Z', '2026-03-30T07:00:00.000Z',
      '2026-10-24T07:00:00.000Z', '2026-10-25T08:00:00.000Z', '2026-10-26T08:00:00.000Z',
    ]);
    expect(sink.text().match(/\[news\]/g)).toHaveLength(7);
  });

  it('after downtime, sends one late digest for a slot within the grace period', async () => {
    const clock = new FakeClock('2026-03-30T06:59:00Z');
    const first = testScheduler({ outbox, clock, channels: [channel('news', new ConsoleAdapter(textSink()), LONDON_8AM)] });
    await walk(first, clock, '2026-03-30T06:59:00Z', '2026-03-30T07:01:00Z');
    expect(first.records).toHaveLength(1);
    await first.stop();

    // Down from Monday 08:01 to Tuesday 09:30 London: Tuesday's 08:00 is 1.5 h ago.
    clock.set('2026-03-31T08:30:00Z');
    const sink = textSink();
    const second = testScheduler({ outbox, clock, channels: [channel('news', new ConsoleAdapter(sink), LONDON_8AM)] });
    await second.tick();
    await second.tick();
    clock.advance(MINUTE_MS);
    await second.tick();
    expect(second.records).toHaveLength(1);
    expect(second.records[0]!.briefing.title).toMatch(/delayed; due at 08:00 Europe\/London/);
    expect(sink.text()).toMatch(/delayed; due at 08:00/);
    const entry = await outbox.get('news', new Date('2026-03-31T07:00:00Z'));
    expect(entry).toMatchObject({ status: 'sent', late: true });
  });

  it('skips and logs slots missed by more than the grace period, and sends nothing for them', async () => {
    const clock = new FakeClock('2026-03-30T07:00:00Z');
    const first = testScheduler({ outbox, clock, channels: [channel('news', new ConsoleAdapter(textSink()), LONDON_8AM)] });
    await first.tick();
    expect(first.records).toHaveLength(1);

    // Back on Thursday at 12:00 London: Tuesday, Wednesday and Thursday 08:00 are more than 3 h ago.
    clock.set('2026-04-02T11:00:00Z');
    const logger = recordingLogger();
    const second = testScheduler({ outbox, clock, logger, channels: [channel('news', new ConsoleAdapter(textSink()), LONDON_8AM)] });
    await second.tick();
    await second.tick();
    expect(second.records).toHaveLength(0);
    const skipped = logger.lines.filter((l) => l.msg.includes('missed by more than the grace period'));
    expect(skipped.map((l) => (l.obj as { slot: string }).slot)).toEqual(['2026-03-31T07:00:00.000Z', '2026-04-01T07:00:00.000Z', '2026-04-02T07:00:00.000Z']);
    expect((await outbox.get('news', new Date('2026-04-01T07:00:00Z')))?.status).toBe('skipped');
  });

  it('gives a channel seen for the first time no back-dated digest', async () => {
    const clock = new FakeClock('2026-03-30T07:30:00Z');
    const scheduler = testScheduler({ outbox, clock, channels: [channel('fresh', new ConsoleAdapter(textSink()), LONDON_8AM)] });
    await scheduler.tick();
    expect(scheduler.records).toHaveLength(0);
    await walk(scheduler, clock, '2026-03-31T06:58:00Z', '2026-03-31T07:01:00Z');
    expect(scheduler.records.map((r) => r.at.toISOString())).toEqual(['2026-03-31T07:00:00.000Z']);
  });

  it('honours a schedule set with /schedule over the configured one, from the next tick on', async () => {
    const clock = new FakeClock('2026-03-30T04:00:00Z');
    const adapters = new Map([['console', new ConsoleAdapter(textSink())]]);
    const resolve = createChannelResolver([{ id: 'console', platform: 'console', schedule: LONDON_8AM }], adapters, recordingLogger());
    const scheduler = testScheduler({ outbox, clock, channels: async () => resolve(await outbox.scheduledChannels()) });
    await scheduler.tick();
    await store.saveChannelSettings({ channelId: 'console', schedule: { time: '07:15', timezone: 'Europe/Paris', weekdays: ['mon'] }, include: [], exclude: [] });
    await walk(scheduler, clock, '2026-03-30T05:00:00Z', '2026-03-30T08:00:00Z');
    // 07:15 in Paris (UTC+2 in summer) is 05:15 UTC; 08:00 London no longer applies.
    expect(scheduler.records.map((r) => r.at.toISOString())).toEqual(['2026-03-30T05:15:00.000Z']);
  });

  it('posts each slot once when ticks overlap, in one instance or in two sharing the database', async () => {
    const clock = new FakeClock('2026-03-30T07:00:00Z');
    const sink = textSink();
    const adapter = new ConsoleAdapter(sink);
    const one = testScheduler({ outbox, clock, owner: 'instance-a', channels: [channel('news', adapter, LONDON_8AM)] });
    const other = new SqliteStore(file);
    const two = testScheduler({ outbox: new SqliteOutbox(other.db), clock, owner: 'instance-b', channels: [channel('news', adapter, LONDON_8AM)] });
    await Promise.all([one.tick(), one.tick(), two.tick(), two.tick()]);
    expect(one.records.length + two.records.length).toBe(1);
    expect(sink.text().match(/\[news\]/g)).toHaveLength(1);
    await other.close();
  });

  it('stops ticking and polling at shutdown, after the post in flight', async () => {
    const clock = new FakeClock('2026-03-30T07:00:00Z');
    let polls = 0;
    let release: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const scheduler = testScheduler({
      outbox,
      clock,
      channels: [channel('news', new ConsoleAdapter(textSink()), LONDON_8AM)],
      buildDigest: async () => {
        await gate;
        const { digestFor } = await import('../support/deliver-fixtures.ts');
        return digestFor('news', clock.now());
      },
      polls: { budget: { intervalMs: 15 * MINUTE_MS, tickMs: MINUTE_MS, minPerTick: 8 }, feedCount: async () => 10, pollDue: async () => void (polls += 1) },
    });
    const ticking = scheduler.tick();
    await new Promise((r) => setTimeout(r, 20));
    const stopping = scheduler.stop();
    release();
    await Promise.all([ticking, stopping]);
    expect(scheduler.records).toHaveLength(1);
    expect((await outbox.get('news', new Date('2026-03-30T07:00:00Z')))?.status).toBe('sent');
    const before = polls;
    clock.advance(MINUTE_MS);
    await scheduler.tick();
    expect(polls).toBe(before);
  });
});
