/**
 * The hostile chat oracle (../shared/data/hostile, MANIFEST.tsv rows for chat injection, URLs, sizes,
 * identity and encoding): each feed is parsed with the real parser, turned into stories, posted as a
 * digest and served through slash commands and a thread question, all through the real Bolt. Every
 * payload Slack would receive must be unable to ping, show no spoofed or non-http(s) link, keep
 * Block Kit's limits and never hold half a surrogate pair.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedParseError } from '../../../src/core/errors.ts';
import type { Figure, Person, Story } from '../../../src/core/types.ts';
import { parseFeed } from '../../../src/ingest/parse-feed.ts';
import { fixtureServices, type FixtureServices } from '../../support/services-fixture.ts';
import { BOT_USER_ID } from '../../support/slack-server.ts';
import { ADMIN_USER, CHANNEL, MEMBER_USER, slackHarness, type SlackHarness } from './harness.ts';
import { canPing, limitProblems, links, visibleText } from './slack-text.ts';
import { describeWithData } from '../../support/shared-data.ts';

const DATA = path.resolve(process.cwd(), '../shared/data');
const exists = existsSync(path.join(DATA, 'hostile/MANIFEST.tsv'));
const CATEGORIES = new Set(['chat-injection', 'urls', 'size', 'identity', 'encoding']);

if (!exists) console.log(`hostile chat corpus not found at ${DATA}/hostile: skipping the Slack hostile-feed suite`);

async function oracleFiles(): Promise<string[]> {
  const manifest = await readFile(path.join(DATA, 'hostile/MANIFEST.tsv'), 'utf8');
  return manifest
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .filter(([file, category]) => file && category && CATEGORIES.has(category) && !file.includes('#') && existsSync(path.join(DATA, file)))
    .map(([file]) => file!);
}

async function storiesOf(file: string): Promise<Story[]> {
  const parsed = await parseFeed(await readFile(path.join(DATA, file)), { source: file, baseUrl: 'https://feed.example.test/feed.xml', now: new Date('2026-11-28T08:00:00Z') });
  return parsed.items.map((item, index) => ({
    id: `${path.basename(file)}#${index}`,
    headline: item.title,
    bullets: [item.summary, item.text].filter((t): t is string => Boolean(t)),
    sources: [{ title: item.title, url: item.url, feed: parsed.feed.title }],
    people: item.author ? [item.author] : [],
    figures: [{ value: item.title.slice(0, 40), kind: 'number', context: item.text ?? item.title, storyId: `${path.basename(file)}#${index}` }],
    firstSeen: item.publishedAt ?? new Date('2026-11-28T06:00:00Z'),
    ...(item.categories?.[0] ? { topic: item.categories[0] } : {}),
  }));
}

function hostileServices(stories: Story[]): FixtureServices {
  const services = fixtureServices();
  const first = stories[0]!;
  const person: Person = { name: first.headline, aliases: first.people, role: first.bullets[0] ?? 'reporter', organisation: first.sources[0]?.feed ?? 'feed', quotes: stories.slice(0, 5).map((s) => ({ text: s.headline, kind: 'direct', sentence: s.headline, storyId: s.id })), storyIds: stories.map((s) => s.id) };
  const figures: Figure[] = stories.flatMap((s) => s.figures);
  services.searchStories = async () => stories;
  services.findStory = async () => first;
  const refs = stories.slice(0, 8).map((s) => ({ id: s.id, headline: s.headline, ...(s.sources[0]?.url ? { url: s.sources[0].url } : {}) }));
  services.person = async () => ({ person, suggestions: [], stories: refs, mentions: 1 });
  services.people = async () => [person];
  services.figures = async () => ({ title: first.headline, figures });
  services.answer = async () => stories.map((s) => s.headline).join('\n');
  services.briefing = async (channelId) => ({ channelId, title: first.headline, createdAt: new Date('2026-11-28T08:00:00Z'), stories });
  return services;
}

function expectSafe(payloads: unknown[], where: string): void {
  expect(payloads.length, where).toBeGreaterThan(0);
  for (const payload of payloads) {
    expect(canPing(payload), `${where}: can ping`).toBe(false);
    expect(limitProblems(payload), `${where}: limits`).toEqual([]);
    for (const link of links(payload)) {
      expect(link.url, `${where}: link scheme`).toMatch(/^https?:\/\//);
      expect(link.shownHost, `${where}: link label`).toBe(new URL(link.url).host);
    }
    expect(visibleText(payload), `${where}: placeholder text`).not.toMatch(/\bundefined\b|\[object Object\]/);
  }
}

describeWithData('Slack: hostile feeds render with no pings and no spoofed links', exists, () => {
  let files: string[] = [];
  beforeAll(async () => {
    files = await oracleFiles();
  });

  it('covers the chat rows of the manifest', () => {
    expect(files).toEqual(expect.arrayContaining(['hostile/chat/mention-injection.xml', 'hostile/chat/mention-injection-atom.xml', 'hostile/urls/hostile-links.xml', 'hostile/items/extremely-long-fields.xml']));
  });

  describe('through the real adapter', () => {
    let harness: SlackHarness | undefined;
    afterAll(async () => {
      await harness?.close();
    });

    it('posts every hostile feed as a digest, serves it through commands and answers in its threads, safely', async () => {
      let checked = 0;
      for (const file of files) {
        let stories: Story[];
        try {
          stories = await storiesOf(file);
        } catch (error) {
          // A feed the parser refuses never reaches chat; that is the ingest suite's business.
          expect(error, file).toBeInstanceOf(FeedParseError);
          continue;
        }
        if (!stories.length) continue;
        await harness?.close();
        const services = hostileServices(stories);
        harness = await slackHarness(services);

        const digest = await harness.postDigest({ channelId: CHANNEL, title: stories[0]!.headline, createdAt: new Date('2026-11-28T08:00:00Z'), stories });
        expect(Object.keys(digest.threads), file).toHaveLength(stories.length);
        expectSafe(digest.payloads, `${file} digest`);

        for (const [command, text] of [['search', 'anything'], ['story', 'anything'], ['who', 'anyone'], ['figures', ''], ['brief', '']] as const) {
          const result = await harness.invokeAs(command, text, MEMBER_USER);
          expectSafe(result.messages, `${file} /${command}`);
        }
        const refused = await harness.invokeAs('subscribe', `${stories[0]!.sources[0]!.url || 'https://x.example'} ${stories[0]!.headline.slice(0, 200)}`, ADMIN_USER);
        expectSafe(refused.messages, `${file} /subscribe`);

        await services.recordThreads(CHANNEL, digest.threads);
        const before = harness.slack.calls.length;
        harness.slack.pushEvent({ type: 'app_mention', user: MEMBER_USER, text: `<@${BOT_USER_ID}> what happened?`, ts: harness.slack.nextTs(), channel: CHANNEL, thread_ts: digest.threads[stories[0]!.id] });
        const answer = await harness.slack.waitFor(() => harness!.slack.calls.slice(before).find((c) => c.method === 'chat.postMessage'));
        expectSafe([answer.body], `${file} answer`);
        checked += 1;
      }
      expect(checked).toBeGreaterThanOrEqual(4);
    }, 120_000);
  });
});
