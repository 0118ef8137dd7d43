/**
 * bench:fanout — one digest slot fanned out to 1,000 channels (half Slack, half Discord) through
 * the real adapters and Herald's scheduler, against the loopback stand-ins enforcing the platforms'
 * documented limits: Slack about one message a second per channel, Discord 50 requests a second
 * for the whole bot, each answering 429 when exceeded.
 *
 * Side by side in one run:
 * - herald: the scheduler as `herald start` runs it (outbox claims, pacing per platform, retries);
 * - no pacing: the same adapters, outbox and retry policy, but without the pacing limiter, so only
 *   429s (and discord.js's own window) slow it down: what the limiter buys.
 *
 * The floor is the fastest any client could deliver without a single 429 against these stand-ins:
 * Slack, (messages in one channel − 1) seconds, channels in parallel; Discord, (requests − 50
 * burst) / 50 seconds; the two platforms run at once, so the larger of the two. Goal: herald within
 * 1.2 × the floor, no 429 provoked, no duplicate or missing digest.
 *
 *   npx tsx bench/fanout.ts [--channels 1000] [--stories 1] [--only herald]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { commands } from '../commands/index.ts';
import { createDiscordAdapter } from '../src/chat/discord/adapter.ts';
import { createSlackAdapter } from '../src/chat/slack/adapter.ts';
import type { ChatAdapter, Logger } from '../src/core/ports.ts';
import { systemClock } from '../src/core/ports.ts';
import type { Briefing } from '../src/core/types.ts';
import { digestKey } from '../src/deliver/digest-slots.ts';
import { PLATFORM_LIMITS } from '../src/deliver/platform-limits.ts';
import { createScheduler, type DigestChannel } from '../src/deliver/scheduler.ts';
import { SqliteOutbox } from '../src/store/sqlite/outbox.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { APPLICATION_ID, BOT_TOKEN, startDiscordStandIn } from '../tests/support/discord-server.ts';
import { fixtureServices } from '../tests/support/services-fixture.ts';
import { startSlackStandIn } from '../tests/support/slack-server.ts';

const { values } = parseArgs({ options: { channels: { type: 'string', default: '1000' }, stories: { type: 'string', default: '1' }, only: { type: 'string' } } });
const CHANNELS = Number(values.channels);
const STORIES = Number(values.stories);
const SLACK_CHANNELS = Math.ceil(CHANNELS / 2);
const DISCORD_CHANNELS = CHANNELS - SLACK_CHANNELS;
const DISCORD_PER_SECOND = 50;
/** Slack's stand-in lets a message through up to this early, for network jitter; no burst. */
const SLACK_TOLERANCE_MS = 250;

const quiet: Logger = { debug() {}, info() {}, warn() {}, error() {}, child: () => quiet };

function digest(channelId: string, now: Date): Briefing {
  return {
    channelId,
    title: `Morning briefing for ${channelId}`,
    createdAt: now,
    stories: Array.from({ length: STORIES }, (_, i) => ({
      id: `s${i}`,
      headline: `Harbour authority approves expansion plan ${i + 1}`,
      bullets: ['The authority voted 7 to 2 in favour.', 'Work is due to start in the spring.'],
      sources: [{ title: 'Plan approved', url: `https://news.example/plan-${i}`, feed: 'Example News' }],
      people: [],
      figures: [],
      firstSeen: now,
    })),
  };
}

interface Row {
  name: string;
  seconds: number;
  floor: number;
  slack429: number;
  discord429: number;
  duplicates: number;
  missing: number;
  retries: number;
}

async function run(name: string, paced: boolean): Promise<Row> {
  const dir = mkdtempSync(join(tmpdir(), 'herald-fanout-'));
  const slack = await startSlackStandIn({ rateLimit: { intervalMs: 1_000, toleranceMs: SLACK_TOLERANCE_MS } });
  const discordIds = Array.from({ length: DISCORD_CHANNELS }, (_, i) => String(900_000_000_000_000_000n + BigInt(i)));
  const discord = await startDiscordStandIn({ channels: discordIds, globalRateLimit: { perSecond: DISCORD_PER_SECOND } });
  const store = new SqliteStore(join(dir, 'fanout.db'));
  await store.migrate();
  const services = fixtureServices();
  const slackAdapter: ChatAdapter = createSlackAdapter({ botToken: 'xoxb-bench', appToken: 'xapp-bench', commands, services, logger: quiet, slackApiUrl: slack.apiUrl });
  const discordAdapter: ChatAdapter = createDiscordAdapter({ token: BOT_TOKEN, applicationId: APPLICATION_ID, commands, services, logger: quiet, restApi: discord.apiUrl });
  const schedule = { time: new Date().toISOString().slice(11, 16), timezone: 'UTC', weekdays: [] };
  const channels: DigestChannel[] = [
    ...Array.from({ length: SLACK_CHANNELS }, (_, i) => ({ id: `slack-${i}`, adapter: slackAdapter, target: `C${String(i).padStart(8, '0')}`, schedule })),
    ...discordIds.map((id, i) => ({ id: `discord-${i}`, adapter: discordAdapter, target: id, schedule })),
  ];
  // The ablation: the same policy with no pacing (platform limits set to "no limit").
  const saved = { slack: PLATFORM_LIMITS.slack!, discord: PLATFORM_LIMITS.discord! };
  if (!paced) for (const platform of ['slack', 'discord'] as const) PLATFORM_LIMITS[platform] = { ...saved[platform], post: { intervalMs: 0, burst: 1 } };
  const scheduler = createScheduler({
    clock: systemClock,
    logger: quiet,
    outbox: new SqliteOutbox(store.db),
    owner: 'bench',
    graceMs: 3 * 3_600_000,
    channels: async () => channels,
    buildDigest: async (channel) => digest(channel.target, new Date()),
    recordDigest: async () => undefined,
  });
  const started = performance.now();
  await scheduler.tick();
  const seconds = (performance.now() - started) / 1000;
  Object.assign(PLATFORM_LIMITS, saved);

  const slot = new Date(`${new Date().toISOString().slice(0, 11)}${schedule.time}:00.000Z`);
  let duplicates = 0;
  let missing = 0;
  let slackMessagesPerChannel = 0;
  for (const channel of channels) {
    const key = digestKey(channel.id, slot);
    const headers =
      channel.adapter === slackAdapter
        ? slack.messagesIn(channel.target).filter((m) => (m.metadata as { event_payload?: { digest_key?: string } } | undefined)?.event_payload?.digest_key === key && (m.metadata as { event_type?: string }).event_type === 'herald_digest').length
        : discord.messagesIn(channel.target).filter((m) => String(m.content).endsWith(`ref ${key}`)).length;
    if (headers === 0) missing += 1;
    if (headers > 1) duplicates += headers - 1;
    if (channel.adapter === slackAdapter) slackMessagesPerChannel = Math.max(slackMessagesPerChannel, slack.messagesIn(channel.target).length);
  }
  const discordRequests = discord.requests.filter((r) => r.method === 'POST').length - discord.rateLimited;
  const floor = Math.max(slackMessagesPerChannel - 1, Math.max(0, discordRequests - DISCORD_PER_SECOND) / DISCORD_PER_SECOND);
  const row = { name, seconds, floor, slack429: slack.rateLimited, discord429: discord.rateLimited, duplicates, missing, retries: scheduler.stats.retries };
  await slack.close();
  await discord.close();
  await store.close();
  rmSync(dir, { recursive: true, force: true });
  return row;
}

const rows: Row[] = [await run('herald', true)];
if (values.only !== 'herald') rows.push(await run('no pacing (429-driven)', false));

const pad = (text: string, width: number): string => text.padEnd(width);
console.log(`\nfan-out: ${CHANNELS} channels (${SLACK_CHANNELS} Slack, ${DISCORD_CHANNELS} Discord), ${STORIES} story per digest\n`);
console.log(`${pad('run', 24)}${pad('time s', 9)}${pad('floor s', 9)}${pad('× floor', 9)}${pad('429 Slack', 11)}${pad('429 Discord', 13)}${pad('retries', 9)}${pad('dupes', 7)}missing`);
for (const r of rows) {
  console.log(`${pad(r.name, 24)}${pad(r.seconds.toFixed(1), 9)}${pad(r.floor.toFixed(1), 9)}${pad((r.seconds / r.floor).toFixed(2), 9)}${pad(String(r.slack429), 11)}${pad(String(r.discord429), 13)}${pad(String(r.retries), 9)}${pad(String(r.duplicates), 7)}${r.missing}`);
}
const herald = rows[0]!;
console.log(
  JSON.stringify({
    bench: 'fanout',
    channels: CHANNELS,
    slackChannels: SLACK_CHANNELS,
    discordChannels: DISCORD_CHANNELS,
    storiesPerDigest: STORIES,
    seconds: Number(herald.seconds.toFixed(2)),
    floorSeconds: Number(herald.floor.toFixed(2)),
    ratioToFloor: Number((herald.seconds / herald.floor).toFixed(3)),
    provoked429: herald.slack429 + herald.discord429,
    duplicates: herald.duplicates,
    missing: herald.missing,
    ...(rows[1] ? { noPacing: { seconds: Number(rows[1].seconds.toFixed(2)), provoked429: rows[1].slack429 + rows[1].discord429, duplicates: rows[1].duplicates, missing: rows[1].missing } } : {}),
  }),
);
