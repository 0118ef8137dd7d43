/**
 * Digests through the real Slack and Discord adapters to the loopback stand-ins when the platform
 * misbehaves: 429 then 500 then success, lost answers, a removed channel, a long outage.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { ConsoleAdapter } from '../../src/chat/console/console-adapter.ts';
import { createDiscordAdapter } from '../../src/chat/discord/adapter.ts';
import { createSlackAdapter } from '../../src/chat/slack/adapter.ts';
import type { ChatAdapter } from '../../src/core/ports.ts';
import { DEFAULT_RETRY_POLICY } from '../../src/deliver/call-runner.ts';
import { digestKey } from '../../src/deliver/digest-slots.ts';
import { SqliteOutbox } from '../../src/store/sqlite/outbox.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';
import { channel, clockSleep, FakeClock, recordingLogger, testScheduler, textSink } from '../support/deliver-fixtures.ts';
import { APPLICATION_ID, BOT_TOKEN, startDiscordStandIn, type DiscordStandIn } from '../support/discord-server.ts';
import { fixtureServices } from '../support/services-fixture.ts';
import { startSlackStandIn, type SlackStandIn } from '../support/slack-server.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-faults-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let n = 0;

const EVERY_DAY_8AM_UTC = { time: '08:00', timezone: 'UTC', weekdays: [] as string[] };
const SLOT = '2026-03-30T08:00:00Z';

type Json = Record<string, unknown>;
const meta = (m: Json): { event_type?: string; event_payload?: Json } => (m.metadata ?? {}) as { event_type?: string; event_payload?: Json };

describe('delivery when the platform misbehaves', () => {
  let store: SqliteStore;
  let outbox: SqliteOutbox;
  let slack: SlackStandIn;
  let discord: DiscordStandIn;
  let clock: FakeClock;

  beforeEach(async () => {
    store = new SqliteStore(join(dir, `f${n++}.db`));
    await store.migrate();
    outbox = new SqliteOutbox(store.db);
    clock = new FakeClock(SLOT);
    slack = await startSlackStandIn({ clock: () => clock.now() });
    discord = await startDiscordStandIn({ channels: ['C1', 'C2'], clock: () => clock.now() });
  });
  afterEach(async () => {
    await slack.close();
    await discord.close();
    await store.close();
  });

  const slackAdapter = (): ChatAdapter =>
    createSlackAdapter({ botToken: 'xoxb-test', appToken: 'xapp-test', commands, services: fixtureServices(), logger: recordingLogger(), slackApiUrl: slack.apiUrl, clock });
  const discordAdapter = (): ChatAdapter =>
    createDiscordAdapter({ token: BOT_TOKEN, applicationId: APPLICATION_ID, commands, services: fixtureServices(), logger: recordingLogger(), restApi: discord.apiUrl });
  const slackHeaders = (channelId: string, key: string) => slack.messagesIn(channelId).filter((m) => meta(m).event_type === 'herald_digest' && meta(m).event_payload?.digest_key === key);
  const discordHeaders = (channelId: string, key: string) => discord.messagesIn(channelId).filter((m) => String(m.content).endsWith(`ref ${key}`));

  it('Slack: 429, then 500, then success delivers the digest exactly once, waiting out Retry-After', async () => {
    slack.script('chat.postMessage', [{ status: 429, retryAfterS: 7 }, { status: 500 }]);
    const sleep = clockSleep(clock);
    const scheduler = testScheduler({ outbox, store, clock, sleep, channels: [channel('news', slackAdapter(), EVERY_DAY_8AM_UTC, 'C0NEWS')] });
    await scheduler.tick();
    const key = digestKey('news', new Date(SLOT));
    expect(slackHeaders('C0NEWS', key)).toHaveLength(1);
    expect(slack.messagesIn('C0NEWS').filter((m) => meta(m).event_type === 'herald_story')).toHaveLength(2);
    expect(scheduler.stats).toMatchObject({ retries: 2, rateLimited: 1 });
    expect(sleep.slept).toContain(7_000);
    const entry = await outbox.get('news', new Date(SLOT));
    expect(entry).toMatchObject({ status: 'sent', messageId: slackHeaders('C0NEWS', key)[0]!.ts });
    // The story threads are recorded, so questions land in the right thread.
    const [storyId, threadTs] = Object.entries(entry!.threads!)[0]!;
    expect(await store.storyForThread('C0NEWS', threadTs)).toBe(storyId);
  });

  it('Discord: 429, then 500, then success delivers the digest exactly once', async () => {
    discord.script({ method: 'POST', path: /^\/channels\/C1\/messages$/ }, [{ status: 429, retryAfterS: 0.25 }, { status: 500 }]);
    const sleep = clockSleep(clock);
    const scheduler = testScheduler({ outbox, store, clock, sleep, channels: [channel('news', discordAdapter(), EVERY_DAY_8AM_UTC, 'C1')] });
    await scheduler.tick();
    const key = digestKey('news', new Date(SLOT));
    expect(discordHeaders('C1', key)).toHaveLength(1);
    expect(discord.messagesIn('C1')).toHaveLength(3);
    expect(scheduler.stats).toMatchObject({ retries: 2, rateLimited: 1 });
    // Retry-After 0.25 s, plus the small offset discord.js adds to every rate-limit wait.
    expect(sleep.slept.some((ms) => ms >= 250 && ms < 1_000)).toBe(true);
    expect((await outbox.get('news', new Date(SLOT)))?.status).toBe('sent');
  });

  it('Discord: a lost answer is retried with the same nonce, and Discord keeps one message', async () => {
    discord.script({ method: 'POST', path: /^\/channels\/C1\/messages$/ }, [{ drop: true }]);
    const scheduler = testScheduler({ outbox, store, clock, sleep: clockSleep(clock), channels: [channel('news', discordAdapter(), EVERY_DAY_8AM_UTC, 'C1')] });
    await scheduler.tick();
    expect(scheduler.stats.retries).toBe(1);
    expect(discordHeaders('C1', digestKey('news', new Date(SLOT)))).toHaveLength(1);
    expect(discord.messagesIn('C1')).toHaveLength(3);
  });

  it('Slack: a lost answer is checked against the channel before the message is sent again', async () => {
    slack.script('chat.postMessage', [{ drop: true }]);
    const scheduler = testScheduler({ outbox, store, clock, sleep: clockSleep(clock), channels: [channel('news', slackAdapter(), EVERY_DAY_8AM_UTC, 'C0NEWS')] });
    await scheduler.tick();
    expect(scheduler.stats.retries).toBe(1);
    expect(slackHeaders('C0NEWS', digestKey('news', new Date(SLOT)))).toHaveLength(1);
    expect(slack.callsTo('conversations.history').length).toBeGreaterThan(0);
  });

  it('a removed channel stops its retries and tells the admins once', async () => {
    slack.removeChannel('C0GONE');
    discord.channels.delete('C2');
    const admin = textSink();
    const logger = recordingLogger();
    const channels = [channel('gone-slack', slackAdapter(), EVERY_DAY_8AM_UTC, 'C0GONE'), channel('gone-discord', discordAdapter(), EVERY_DAY_8AM_UTC, 'C2')];
    const options = { outbox, store, clock, logger, sleep: clockSleep(clock), channels, adminChannel: { adapter: new ConsoleAdapter(admin), target: 'admins' } };
    const scheduler = testScheduler(options);
    await scheduler.tick();
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0GONE')).toHaveLength(1);
    expect(discord.requests.filter((r) => r.method === 'POST' && r.path === '/channels/C2/messages')).toHaveLength(1);
    expect(scheduler.stats.retries).toBe(0);
    expect([...scheduler.stopped.keys()].sort()).toEqual(['gone-discord', 'gone-slack']);
    expect(admin.text()).toMatch(/stopped posting digests to slack channel C0GONE.*channel_not_found/);
    expect(admin.text()).toMatch(/stopped posting digests to discord channel C2.*Unknown Channel/);
    expect((await outbox.get('gone-slack', new Date(SLOT)))?.status).toBe('failed');

    // The next day: the stopped channels are left alone.
    clock.advance(86_400_000);
    await scheduler.tick();
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0GONE')).toHaveLength(1);

    // After a restart it tries once more, fails the same way, and does not tell the admins again.
    clock.advance(86_400_000);
    const restarted = testScheduler({ ...options, logger: recordingLogger() });
    await restarted.tick();
    expect(slack.callsTo('chat.postMessage').filter((c) => c.body.channel === 'C0GONE')).toHaveLength(2);
    expect(admin.text().match(/stopped posting digests/g)).toHaveLength(2);
    expect(logger.lines.filter((l) => l.level === 'error' && /stopped posting digests/.test(l.msg))).toHaveLength(2);
  });

  it('gives a call up at the deadline, leaves the slot pending, and delivers it once on a later tick', async () => {
    slack.script('chat.postMessage', [{ status: 503 }, { status: 503 }, { status: 503 }]);
    // Backoff with the jitter pinned at its middle: 0.75 s, 1.5 s, then 3 s would pass the 5 s deadline.
    const scheduler = testScheduler({
      outbox, store, clock, sleep: clockSleep(clock), random: () => 0.5, retry: { ...DEFAULT_RETRY_POLICY, deadlineMs: 5_000 },
      channels: [channel('news', slackAdapter(), EVERY_DAY_8AM_UTC, 'C0NEWS')],
    });
    await scheduler.tick();
    const key = digestKey('news', new Date(SLOT));
    expect(slackHeaders('C0NEWS', key)).toHaveLength(0);
    const pending = await outbox.get('news', new Date(SLOT));
    expect(pending).toMatchObject({ status: 'pending', error: expect.stringMatching(/HTTP 503/) });
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    await scheduler.tick();
    expect(slack.callsTo('chat.postMessage')).toHaveLength(3);
    clock.set(pending!.retryAt!);
    await scheduler.tick();
    expect(slackHeaders('C0NEWS', key)).toHaveLength(1);
    expect(await outbox.get('news', new Date(SLOT))).toMatchObject({ status: 'sent', attempts: 2 });
  });
});
