/**
 * Slash-command latency through the real adapters and the loopback stand-ins, on a SQLite store
 * filled with 100,000 stories and 20,000 people, from the event the platform sends to the reply it
 * receives. Slack (Socket Mode, Bolt) and Discord (gateway, discord.js) side by side, with the
 * service call alone as the baseline, so the adapters' share is visible. /brief is measured warm (the
 * stories of the moment reused, as between polls) and cold (rebuilt: clustered and condensed from
 * the window's items, as the first /brief after a poll brought new items).
 *
 *   npm run bench:commands [-- --stories 100000 --people 20000 --samples 200]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp, sqliteStorage } from '../src/app.ts';
import { parseConfig } from '../src/config/load-config.ts';
import type { Services } from '../src/core/command.ts';
import type { FeedItem } from '../src/core/types.ts';
import { silentLogger } from '../src/ops/logger.ts';
import type { SqliteNewsIndex } from '../src/store/sqlite/sqlite-news-index.ts';
import type { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { discordHarness } from '../tests/chat/discord/harness.ts';
import { slackHarness } from '../tests/chat/slack/harness.ts';
import { makePeople, rng, storyMaker, VOCABULARY } from './lib/synthetic-news.ts';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const STORIES = arg('stories', 100_000);
const PEOPLE = arg('people', 20_000);
const SAMPLES = arg('samples', 200);
const BRIEF_SAMPLES = Math.max(10, Math.floor(SAMPLES / 5));
const NOW = new Date('2026-11-28T08:00:00Z');
const RECENT_ITEMS = 400;

const random = rng(7);
const dir = mkdtempSync(join(tmpdir(), 'herald-bench-commands-'));
const storage = sqliteStorage(join(dir, 'herald.db'));
const feeds = Array.from({ length: 10 }, (_, i) => `  - { url: "https://feed${i}.example/rss", topic: ${['world', 'business', 'technology'][i % 3]} }`);
const config = parseConfig(['feeds:', ...feeds, 'extract: { fetchPages: false }'].join('\n'), 'bench.yaml', {});
// The clock stands still, but for the cold /brief case, which moves it past the story cache's minute.
let clockOffsetMs = 0;
const app = await createApp(config, { logger: silentLogger, clock: { now: () => new Date(NOW.getTime() + clockOffsetMs) }, storage });
const db = (storage.store as SqliteStore).db;
const index = storage.index as SqliteNewsIndex;

// The archive: 100,000 indexed stories over the past year, 20,000 people.
const people = makePeople(PEOPLE, random);
const maker = storyMaker(people, STORIES, NOW.getTime() - 365 * 86_400_000, 364 * 86_400_000, random);
const fillStart = performance.now();
db.transaction(() => {
  for (let i = 0; i < STORIES; i += 1) {
    const { story, people: cited } = maker.story(i);
    index.saveStorySync(story, cited, story.firstSeen);
  }
})();
// Today's items, for /brief: 400 items over the last 24 h from the ten feeds.
const words = (n: number) => Array.from({ length: n }, () => VOCABULARY[Math.floor(random() * 200)]).join(' ');
const items: FeedItem[] = Array.from({ length: RECENT_ITEMS }, (_, i) => ({
  feedId: config.feeds[i % 10]!.url,
  guid: `item-${i}`,
  url: `https://feed${i % 10}.example/story/${i}`,
  title: `${words(6)} ${people[i % people.length]!.surname}`,
  publishedAt: new Date(NOW.getTime() - Math.floor(random() * 24 * 3_600_000)),
  text: Array.from({ length: 8 }, (_, s) => `${s === 0 ? people[i % people.length]!.name : 'The'} ${words(14)}, officials said on Friday.`).join(' '),
}));
await storage.store.saveItems(items, NOW);
const fillSeconds = (performance.now() - fillStart) / 1000;
index.warmUp();
await app.indexStories();
console.log(`filled ${STORIES} stories, ${PEOPLE} people and ${RECENT_ITEMS} recent items in ${fillSeconds.toFixed(1)} s`);

const names = Array.from({ length: SAMPLES }, () => people[Math.floor(random() * people.length)]!).map((p, i) =>
  i % 3 === 0 ? p.name : i % 3 === 1 ? p.surname : `${p.name.slice(0, -2)}${p.name.at(-1)}${p.name.at(-2)}`,
);
const searches = Array.from({ length: SAMPLES }, () => `${VOCABULARY[Math.floor(random() * 300)]} ${VOCABULARY[Math.floor(random() * 300)]}`);

/** `cold`: each sample is the first /brief after the stories of the moment expired (as after a poll brings items). */
type Case = { command: string; label?: string; options: (i: number) => Record<string, string>; samples: number; cold?: boolean };
const CASES: Case[] = [
  { command: 'who', options: (i) => ({ name: names[i % names.length]! }), samples: SAMPLES },
  { command: 'search', options: (i) => ({ words: searches[i % searches.length]! }), samples: SAMPLES },
  { command: 'figures', options: (i) => ({ story: searches[i % searches.length]! }), samples: SAMPLES },
  { command: 'brief', options: () => ({}), samples: BRIEF_SAMPLES },
  { command: 'brief', label: 'brief cold', options: () => ({}), samples: BRIEF_SAMPLES, cold: true },
];
const STORY_CACHE_EXPIRY_MS = 61_000;
const caseName = (c: Case): string => c.label ?? c.command;

function percentiles(ms: number[]): { p50: number; p95: number; p99: number } {
  const sorted = [...ms].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), p99: at(0.99) };
}

async function direct(services: Services, c: Case, i: number): Promise<void> {
  const o = c.options(i);
  if (c.command === 'who') await services.person(o.name!);
  else if (c.command === 'search') await services.searchStories(o.words!, 10);
  else if (c.command === 'figures') await services.figures(o.story);
  else await services.briefing('C1', {});
}

const results: Record<string, Record<string, { p50: number; p95: number; p99: number }>> = {};
const slack = await slackHarness(app.services);
const discord = await discordHarness(app.services);
/**
 * Bolt may be (re)connecting its socket: after start, and every ~30 s here, since the stand-in never
 * pings and the Socket Mode client reconnects when the server has been silent that long. Wait for an
 * open connection rather than fail.
 */
async function whenSocketUp(): Promise<void> {
  for (let i = 0; i < 600 && slack.slack.socket.open === 0; i += 1) await new Promise((r) => setTimeout(r, 50));
}
const runners: [string, (c: Case, i: number) => Promise<unknown>][] = [
  ['service call (baseline)', (c, i) => direct(app.services, c, i)],
  ['Slack (Socket Mode)', async (c, i) => (await whenSocketUp(), slack.invoke(c.command, c.options(i), { admin: false }))],
  ['Discord (gateway)', (c, i) => discord.invoke(c.command, c.options(i), { admin: false })],
];
for (const c of CASES) {
  for (const [name, run] of runners) {
    await run(c, 0);
    const times: number[] = [];
    for (let i = 0; i < c.samples; i += 1) {
      if (c.cold) clockOffsetMs += STORY_CACHE_EXPIRY_MS;
      const start = performance.now();
      await run(c, i);
      times.push(performance.now() - start);
    }
    (results[name] ??= {})[caseName(c)] = percentiles(times);
  }
}
// More than one connection means Bolt reconnected during the run (a sample waited for it).
const slackConnections = slack.slack.socket.connections;
await slack.close();
await discord.close();
await app.close();
rmSync(dir, { recursive: true, force: true });

const GOALS: Record<string, number> = { who: 50, search: 50, figures: 50, brief: 500, 'brief cold': 500 };
console.log(`\n/command latency, ms (p50 / p95 / p99), ${SAMPLES} samples (${BRIEF_SAMPLES} for /brief; "cold": the first /brief after the stories of the moment expired, ${RECENT_ITEMS} items in the window)`);
console.log(`${'path'.padEnd(26)}${CASES.map((c) => `/${caseName(c)}`.padEnd(24)).join('')}`);
for (const [name, byCommand] of Object.entries(results)) {
  console.log(`${name.padEnd(26)}${CASES.map((c) => { const r = byCommand[caseName(c)]!; return `${r.p50.toFixed(1)} / ${r.p95.toFixed(1)} / ${r.p99.toFixed(1)}`.padEnd(24); }).join('')}`);
}
const worstP95 = (name: string) => Math.max(results['Slack (Socket Mode)']![name]!.p95, results['Discord (gateway)']![name]!.p95);
const goals = Object.fromEntries(CASES.map(caseName).map((name) => [name, { p95: Number(worstP95(name).toFixed(1)), goal: GOALS[name], met: worstP95(name) < GOALS[name]! }]));
console.log(`goals (worst platform p95 under the goal): ${Object.entries(goals).map(([k, v]) => `/${k} ${v.p95} < ${v.goal}: ${v.met ? 'met' : 'NOT met'}`).join('; ')}`);
console.log(`Slack Socket Mode connections opened during the run: ${slackConnections}`);
console.log(JSON.stringify({ bench: 'commands', stories: STORIES, people: PEOPLE, samples: SAMPLES, slackConnections, results, goals }));
