/**
 * The hostile corpus (../shared/data/hostile) as the oracle: every file whose MANIFEST row expects
 * "sanitized output" (plus the no-identity items) is parsed with parseFeed, turned into stories,
 * people and figures, and sent through the real adapter. Every body the stand-in receives must be
 * unable to ping (even if allowed_mentions were ignored), link anywhere but the host it shows,
 * carry a Discord token, or break a limit. A second pass uses the raw XML strings, undecoded.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Person, Story } from '../../../src/core/types.ts';
import { parseFeed } from '../../../src/ingest/parse-feed.ts';
import { fixtureServices } from '../../support/services-fixture.ts';
import { hasDiscordToken, links, mentionsBlocked, textCouldPing, textPieces, visibleText } from './discord-text.ts';
import { discordHarness, type DiscordHarness } from './harness.ts';
import { limitViolations } from './limit-check.ts';
import { describeWithData } from '../../support/shared-data.ts';

const DATA = path.resolve(process.cwd(), '../shared/data');
const HOSTILE = path.join(DATA, 'hostile');
const exists = existsSync(path.join(HOSTILE, 'MANIFEST.tsv'));
if (!exists) console.log(`discord hostile corpus: skipped, ${HOSTILE} is missing`);

function corpusFiles(): string[] {
  const rows = readFileSync(path.join(HOSTILE, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1).map((line) => line.split('\t'));
  return rows.filter(([file, category, , expected]) => file && !file.includes('#') && (expected?.startsWith('sanitized output') || category === 'identity')).map(([file]) => path.join(DATA, file!));
}

function storyFrom(id: string, title: string, text: string, url: string, feed: string, extra: string[]): Story {
  return {
    id,
    headline: title,
    bullets: [text.slice(0, 3000), ...extra].filter(Boolean),
    sources: [{ title, url, feed }, { title: feed, url: 'https://feed.example.test/', feed: extra[0] ?? feed }],
    people: extra,
    figures: [{ value: title.slice(0, 60), kind: 'number', context: text.slice(0, 400), storyId: id }],
    firstSeen: new Date('2024-01-01T00:00:00Z'),
    ...(extra[1] ? { topic: extra[1] } : {}),
  };
}

async function parsedStories(file: string): Promise<Story[]> {
  // A document the parser refuses is covered by the raw pass below.
  const parsed = await parseFeed(readFileSync(file), { source: file, baseUrl: 'https://feed.example.test/' }).catch(() => undefined);
  if (!parsed) return [];
  return parsed.items.map((item, i) => storyFrom(`${path.basename(file)}#${i}`, item.title, item.text ?? item.summary ?? '', item.url, parsed.feed.title, [item.author ?? '', ...(item.categories ?? [])].filter(Boolean)));
}

/** The same files without a parser: every <title>, <description>, <link> as raw (still entity-encoded) text. */
function rawStories(file: string): Story[] {
  const xml = readFileSync(file, 'utf8');
  const grab = (tag: string) => [...xml.matchAll(new RegExp(`<${tag}[^>]*>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => m[1]!.slice(0, 5000));
  const titles = grab('title');
  const bodies = [...grab('description'), ...grab('summary')];
  const urls = grab('link');
  return titles.map((title, i) => storyFrom(`raw:${path.basename(file)}#${i}`, title, bodies[i] ?? '', urls[i] ?? '', titles[0] ?? '', [grab('author')[0] ?? '', grab('category')[0] ?? ''].filter(Boolean)));
}

function personFrom(story: Story): Person {
  return {
    name: story.people[0] ?? story.headline,
    aliases: story.people.slice(1),
    role: story.headline,
    organisation: story.sources[0]?.feed ?? '',
    quotes: story.bullets.map((b) => ({ text: b, kind: 'direct' as const, sentence: b, storyId: story.id })),
    storyIds: [story.id],
  };
}

function expectHarmless(payload: unknown, where: string): void {
  expect(mentionsBlocked(payload), `${where}: allowed_mentions`).toBe(true);
  for (const piece of textPieces(payload)) {
    expect(textCouldPing(piece), `${where}: ping in ${JSON.stringify(piece.slice(0, 200))}`).toBe(false);
    expect(hasDiscordToken(piece), `${where}: token in ${JSON.stringify(piece.slice(0, 200))}`).toBe(false);
  }
  for (const link of links(payload)) {
    expect(link.url, `${where}: link scheme`).toMatch(/^https?:\/\//);
    expect(link.shownHost, `${where}: link label for ${link.url}`).toBe(new URL(link.url).host);
  }
  expect(limitViolations(payload), where).toEqual([]);
  expect(visibleText(payload), where).not.toMatch(/\b(?:undefined|null|NaN)\b/);
}

describeWithData('Discord: the hostile corpus cannot ping or spoof', exists, () => {
  let harness: DiscordHarness;
  let services: ReturnType<typeof fixtureServices>;
  let stories: Story[] = [];
  beforeAll(async () => {
    const files = corpusFiles();
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      if (file.endsWith('.xml') || file.endsWith('.json')) stories.push(...(await parsedStories(file)));
      if (file.endsWith('.xml')) stories.push(...rawStories(file));
    }
    stories = stories.filter((s) => s.headline || s.bullets.length);
    services = fixtureServices();
    services.people = async (storyId) => stories.filter((s) => s.id === storyId).map(personFrom);
    services.searchStories = async () => stories.slice(0, 40);
    // The person's stories are hostile items too: headlines and links beside each quote and in the list.
    const refs = stories.slice(0, 8).map((s) => ({ id: s.id, headline: s.headline, ...(s.sources[0]?.url ? { url: s.sources[0].url } : {}) }));
    services.person = async () => ({ person: personFrom(stories[0]!), suggestions: [], stories: refs, mentions: 1 });
    services.figures = async () => ({ title: stories[1]!.headline, figures: stories.flatMap((s) => s.figures).slice(0, 60) });
    services.answer = async (storyId, question) => {
      services.calls.push({ name: 'answer', args: [storyId, question] });
      return stories.find((s) => s.id === storyId)?.bullets.join(' ') ?? '';
    };
    harness = await discordHarness(services);
  }, 60_000);
  afterAll(async () => {
    await harness?.close();
  });

  it('posts every hostile item as a story with a thread, and every body is harmless', async () => {
    expect(stories.length).toBeGreaterThan(50);
    const start = harness.discord.requests.length;
    const { payloads, threads } = await harness.postDigest({ channelId: 'C1', title: stories[0]!.headline, createdAt: new Date('2024-01-01T08:00:00Z'), stories });
    expect(Object.keys(threads)).toHaveLength(stories.length);
    expect(payloads.length).toBeGreaterThan(stories.length * 2);
    payloads.forEach((p, i) => expectHarmless(p, `digest body ${i}`));
    const names = harness.discord.requests.slice(start).filter((r) => r.path.endsWith('/threads')).map((r) => (r.body as { name: string }).name);
    expect(names).toHaveLength(stories.length);
    for (const name of names) {
      expect(textCouldPing(name), name).toBe(false);
      expect(hasDiscordToken(name), name).toBe(false);
      expect(name.length).toBeGreaterThan(0);
    }
  }, 120_000);

  it('keeps command replies built from hostile stories harmless too', async () => {
    for (const [command, options] of [['search', { words: 'x' }], ['who', { name: 'x' }], ['figures', {}], ['brief', {}]] as const) {
      const result = await harness.invoke(command, options, { admin: false });
      expect(result.messages.length, `/${command}`).toBeGreaterThan(0);
      result.messages.forEach((m, i) => expectHarmless(m, `/${command} message ${i}`));
    }
  }, 60_000);

  it('answers a question in a hostile story thread harmlessly', async () => {
    const target = stories.find((s) => s.bullets.some((b) => /@everyone|<@/.test(b)))!;
    const { threads } = await harness.postDigest({ channelId: 'C1', title: 'again', createdAt: new Date(), stories: [target] });
    await services.recordThreads('C1', threads);
    const threadId = threads[target.id]!;
    const reply = await harness.ask(threadId, 'what happened? @everyone');
    expect(reply.threadId).toBe(threadId);
    expect(services.calls.find((c) => c.name === 'answer')?.args).toEqual([target.id, 'what happened? @everyone']);
    const body = harness.discord.requests.filter((r) => r.method === 'POST' && r.path === `/channels/${threadId}/messages`).at(-1)!.body;
    expectHarmless(body, 'answer');
  }, 60_000);
});
