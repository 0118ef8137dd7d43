/**
 * `/who` on Discord: who the person is, each quote with the story it came from, and the stories
 * they are in, each headline beside a `[host](url)` link to its article. Feed text (headlines,
 * URLs) is hostile: it must not ping, form tokens or markdown, or put anything but the real host
 * on a link.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/chat/discord/render.ts';
import type { Person, StoryRef } from '../../../src/core/types.ts';
import { fixtureServices, HOSTILE_TITLE, LUKIN } from '../../support/services-fixture.ts';
import { hasDiscordToken, links, mentionsBlocked, textCouldPing, textPieces, visibleText } from './discord-text.ts';
import { discordHarness, type DiscordHarness } from './harness.ts';
import { limitViolations } from './limit-check.ts';

const ROLAND: Person = {
  name: 'Ines Roland',
  aliases: [],
  role: 'Harbour master',
  organisation: 'Port Elliot',
  quotes: [
    { text: 'The cables are sound', kind: 'direct', sentence: '"The cables are sound," Roland said.', storyId: 'bridge' },
    { text: 'ferries will run late', kind: 'partial', sentence: 'Ferries will run late, she said.', storyId: 'gone' },
  ],
  storyIds: ['bridge', 'ferry'],
};
const BRIDGE: StoryRef = { id: 'bridge', headline: 'Bridge *reopens* as [traffic] returns', url: 'https://news.example/bridge?a=1&b=(2)' };
const FERRY: StoryRef = { id: 'ferry', headline: 'Ferry strike called off', url: 'https://other.example/ferry' };

const lines = (reply: Parameters<typeof renderReply>[0]): string[] => renderReply(reply).flatMap((m) => visibleText(m).split('\n'));

describe('Discord /who rendering', () => {
  it("links each quote to its story's article, the headline beside a link showing the real host", () => {
    const messages = renderReply({ kind: 'person', person: ROLAND, stories: [BRIDGE, FERRY] });
    const description = messages.flatMap((m) => m.embeds.map((e) => e.description ?? '')).join('\n');
    // The quote's own line names its story (markdown escaped) and carries the link, brackets encoded.
    expect(description).toContain('“The cables are sound” — in *Bridge \\*reopens\\* as \\[traffic\\] returns* · [news.example](https://news.example/bridge?a=1&b=%282%29)');
    // A quote whose story the reply does not carry is shown without one.
    expect(lines({ kind: 'person', person: ROLAND, stories: [BRIDGE, FERRY] }).find((l) => l.includes('ferries will run late'))).toBe('“ferries will run late” (partial)');
    expect(description).toContain('**In the news:**\n• *Bridge \\*reopens');
    expect(description).toContain('\n• *Ferry strike called off* · [other.example](https://other.example/ferry)');
    expect(messages.flatMap(links)).toEqual([
      { url: 'https://news.example/bridge?a=1&b=%282%29', shownHost: 'news.example' },
      { url: 'https://news.example/bridge?a=1&b=%282%29', shownHost: 'news.example' },
      { url: 'https://other.example/ferry', shownHost: 'other.example' },
    ]);
  });

  it('neutralises a hostile headline and drops a link that is not http(s)', () => {
    const hostile: StoryRef = { id: 'bridge', headline: `${HOSTILE_TITLE} <@&42> <t:0:R>`, url: 'javascript:alert(1)' };
    const spoof: StoryRef = { id: 'ferry', headline: 'bank.example', url: 'https://evil.example/login' };
    const messages = renderReply({ kind: 'person', person: ROLAND, stories: [hostile, spoof] });
    for (const message of messages) {
      expect(mentionsBlocked(message)).toBe(true);
      expect(limitViolations(message)).toEqual([]);
      for (const piece of textPieces(message)) {
        expect(textCouldPing(piece), piece).toBe(false);
        expect(hasDiscordToken(piece), piece).toBe(false);
      }
    }
    // The hostile title's own `[click](http://evil.example)` is escaped: Discord shows its URL as
    // itself. Every link shows its real host; javascript: is never linked.
    for (const link of messages.flatMap(links)) expect(link.shownHost).toBe(new URL(link.url).host);
    expect(messages.flatMap(links)).toContainEqual({ url: 'https://evil.example/login', shownHost: 'evil.example' });
    expect(JSON.stringify(messages)).not.toContain('javascript:');
  });

  it('lists at most 5 stories, and cuts very long headlines within the limits', () => {
    const many = Array.from({ length: 9 }, (_, i): StoryRef => ({ id: `s${i}`, headline: `Story ${i} ${'*long* headline '.repeat(i === 0 ? 20_000 : 1)}`, url: `https://news.example/s${i}?q=${'x'.repeat(1500)}` }));
    const person: Person = { ...ROLAND, quotes: Array.from({ length: 10 }, (_, i) => ({ text: 'q'.repeat(5000), kind: 'direct' as const, sentence: 'x', storyId: `s${i % 5}` })) };
    const messages = renderReply({ kind: 'person', person, stories: many });
    for (const message of messages) expect(limitViolations(message)).toEqual([]);
    const listed = lines({ kind: 'person', person, stories: many }).filter((l) => /^• \*Story \d/.test(l));
    expect(listed.map((l) => l.slice(0, 10))).toEqual(['• *Story 0', '• *Story 1', '• *Story 2', '• *Story 3', '• *Story 4']);
    expect(listed[0]!.length).toBeLessThan(2000);
  });

  it('renders a person reply without stories as before', () => {
    const seen = lines({ kind: 'person', person: LUKIN });
    expect(seen).toContain('“This is a turning point”');
    expect(seen.join('\n')).not.toContain('In the news');
  });
});

describe('Discord /who through the adapter', () => {
  let harness: DiscordHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it("answers with the quote's story and the stories the person is in, linked to their articles", async () => {
    harness = await discordHarness(fixtureServices());
    const result = await harness.invoke('who', { name: 'Lukin' }, { admin: false });
    expect(result.text).toContain('“This is a turning point” — in *Parliament passes the budget after an all-night session* · [news.example](https://news.example/budget)');
    expect(result.text).toContain('In the news:');
    expect(result.messages.flatMap(links)).toEqual([
      { url: 'https://news.example/budget', shownHost: 'news.example' },
      { url: 'https://news.example/budget', shownHost: 'news.example' },
    ]);
  });
});
