/**
 * `/who` on Slack: who the person is, each quote with the story it came from, and the stories they
 * are in, each headline beside a `<url|host>` link to its article. Feed text (headlines, URLs) is
 * hostile: it must not ping, format, or put anything but the real host on a link.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { renderReply } from '../../../src/chat/slack/render.ts';
import type { Person, StoryRef } from '../../../src/core/types.ts';
import { fixtureServices, HOSTILE_TITLE, LUKIN } from '../../support/services-fixture.ts';
import { MEMBER_USER, slackHarness, type SlackHarness } from './harness.ts';
import { allStrings, canPing, limitProblems, links, visibleText } from './slack-text.ts';

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
const BRIDGE: StoryRef = { id: 'bridge', headline: 'Bridge *reopens* & <traffic> returns', url: 'https://news.example/bridge?a=1&b=2' };
const FERRY: StoryRef = { id: 'ferry', headline: 'Ferry strike called off', url: 'https://other.example/ferry' };

const lines = (reply: Parameters<typeof renderReply>[0]): string[] => renderReply(reply).flatMap((m) => visibleText(m).split('\n'));

describe('Slack /who rendering', () => {
  it("links each quote to its story's article, the headline beside a link showing the real host", () => {
    const messages = renderReply({ kind: 'person', person: ROLAND, stories: [BRIDGE, FERRY] });
    const raw = allStrings(messages).join('\n');
    // The quote's own line names its story (escaped) and carries the link, `&` escaped inside it.
    expect(raw).toContain('“The cables are sound” — in _Bridge ∗reopens∗ &amp; &lt;traffic&gt; returns_ <https://news.example/bridge?a=1&amp;b=2|news.example>');
    const seen = lines({ kind: 'person', person: ROLAND, stories: [BRIDGE, FERRY] });
    expect(seen.find((l) => l.includes('The cables are sound'))).toContain('Bridge ∗reopens∗ & <traffic> returns');
    // A quote whose story the reply does not carry is shown without one.
    expect(seen.find((l) => l.includes('ferries will run late'))).toBe('• “ferries will run late” (partial)');
    expect(seen).toContain('*In the news:*');
    expect(seen).toContain('• _Ferry strike called off_ other.example');
    expect(messages.flatMap(links)).toEqual([
      { url: 'https://news.example/bridge?a=1&b=2', shownHost: 'news.example' },
      { url: 'https://news.example/bridge?a=1&b=2', shownHost: 'news.example' },
      { url: 'https://other.example/ferry', shownHost: 'other.example' },
    ]);
  });

  it('neutralises a hostile headline and drops a link that is not http(s)', () => {
    const hostile: StoryRef = { id: 'bridge', headline: HOSTILE_TITLE, url: 'javascript:alert(1)' };
    const spoof: StoryRef = { id: 'ferry', headline: 'bank.example', url: 'https://evil.example/login' };
    const messages = renderReply({ kind: 'person', person: ROLAND, stories: [hostile, spoof] });
    for (const message of messages) {
      expect(canPing(message)).toBe(false);
      expect(limitProblems(message)).toEqual([]);
    }
    // The only link is the spoofing story's, and it shows where it really goes.
    expect(messages.flatMap(links)).toEqual([{ url: 'https://evil.example/login', shownHost: 'evil.example' }]);
    expect(allStrings(messages).join('\n')).not.toMatch(/javascript:|<!channel>|<@U123>/);
    expect(lines({ kind: 'person', person: ROLAND, stories: [hostile, spoof] }).find((l) => l.includes('The cables are sound'))).toContain('everyone');
  });

  it('lists at most 5 stories, and cuts very long headlines within the limits', () => {
    const many = Array.from({ length: 9 }, (_, i): StoryRef => ({ id: `s${i}`, headline: `Story ${i} ${'& long headline '.repeat(i === 0 ? 20_000 : 1)}`, url: `https://news.example/s${i}?q=${'&x'.repeat(300)}` }));
    const person: Person = { ...ROLAND, quotes: Array.from({ length: 5 }, (_, i) => ({ text: 'q'.repeat(5000), kind: 'direct' as const, sentence: 'x', storyId: `s${i}` })) };
    const messages = renderReply({ kind: 'person', person, stories: many });
    for (const message of messages) expect(limitProblems(message)).toEqual([]);
    const listed = lines({ kind: 'person', person, stories: many }).filter((l) => /^• _Story \d/.test(l));
    expect(listed.map((l) => l.slice(0, 10))).toEqual(['• _Story 0', '• _Story 1', '• _Story 2', '• _Story 3', '• _Story 4']);
    expect(listed[0]!.length).toBeLessThan(1000);
  });

  it('renders a person reply without stories as before', () => {
    const seen = lines({ kind: 'person', person: LUKIN });
    expect(seen).toContain('• “This is a turning point”');
    expect(seen.join('\n')).not.toContain('In the news');
  });
});

describe('Slack /who through the adapter', () => {
  let harness: SlackHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it("answers with the quote's story and the stories the person is in, linked to their articles", async () => {
    harness = await slackHarness(fixtureServices());
    const result = await harness.invokeAs('who', 'Lukin', MEMBER_USER);
    expect(result.text).toContain('“This is a turning point” — in _Parliament passes the budget after an all-night session_ news.example');
    expect(result.text).toContain('In the news:');
    expect(result.messages.flatMap(links)).toEqual([
      { url: 'https://news.example/budget', shownHost: 'news.example' },
      { url: 'https://news.example/budget', shownHost: 'news.example' },
    ]);
  });
});
