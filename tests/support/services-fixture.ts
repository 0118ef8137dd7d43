/**
 * An in-memory implementation of the Services port (our own interface, not a third-party module),
 * seeded with a small news day, for adapter tests. Records the calls that change state.
 */
import type { FeedHealth, Services } from '../../src/core/command.ts';
import type { Briefing, Person, Story } from '../../src/core/types.ts';

export const HOSTILE_TITLE = '@everyone <!channel> <@U123> [click](http://evil.example) ＠here @\u200Beveryone &#64;here';

export function fixtureStories(): Story[] {
  const firstSeen = new Date('2026-11-28T06:00:00Z');
  return [
    {
      id: 'story-budget',
      headline: 'Parliament passes the budget after an all-night session',
      bullets: ['The budget passed by 312 votes to 290.', 'Finance minister Priya Raman said it would cut borrowing by $4.5bn.'],
      sources: [
        { title: 'Budget passes', url: 'https://news.example/budget', feed: 'Example News' },
        { title: 'MPs back budget', url: 'https://other.example/mps-budget', feed: 'Other Times' },
      ],
      people: ['Priya Raman'],
      figures: [{ value: '$4.5bn', kind: 'money', context: 'It would cut borrowing by $4.5bn.', storyId: 'story-budget' }],
      firstSeen,
      topic: 'business',
    },
    {
      id: 'story-hostile',
      headline: HOSTILE_TITLE,
      bullets: ['Ping <!here> and @everyone and <@U999> now.', 'See [google.com](http://evil.example/steal) for more.'],
      sources: [{ title: HOSTILE_TITLE, url: 'javascript:alert(1)', feed: '@everyone feed' }],
      people: [],
      figures: [],
      firstSeen,
      topic: 'world',
    },
  ];
}

export const LUKIN: Person = {
  name: 'Artyom Lukin',
  aliases: ['Lukin'],
  role: 'associate professor',
  organisation: "Russia's Far Eastern Federal University",
  quotes: [{ text: 'This is a turning point', kind: 'direct', sentence: '"This is a turning point," Lukin said.', storyId: 'story-budget' }],
  storyIds: ['story-budget'],
};

export interface FixtureServices extends Services {
  calls: { name: string; args: unknown[] }[];
  threads: Map<string, string>;
}

export function fixtureServices(options: { briefingDelayMs?: number } = {}): FixtureServices {
  const stories = fixtureStories();
  const calls: FixtureServices['calls'] = [];
  const threads = new Map<string, string>();
  const feeds: FeedHealth[] = [{ id: 'https://news.example/rss', url: 'https://news.example/rss', title: 'Example News', weight: 1, failures: 0, lastSuccessAt: new Date('2026-11-28T07:45:00Z') }];
  const record = (name: string, ...args: unknown[]): void => void calls.push({ name, args });
  return {
    calls,
    threads,
    async briefing(channelId, opts): Promise<Briefing> {
      record('briefing', channelId, opts);
      if (options.briefingDelayMs) await new Promise((r) => setTimeout(r, options.briefingDelayMs));
      return { channelId, title: 'Herald briefing', createdAt: new Date('2026-11-28T08:00:00Z'), stories: stories.filter((s) => !opts.topic || s.topic === opts.topic) };
    },
    async person(name) {
      if (/lukin/i.test(name)) return { person: LUKIN, suggestions: [], stories: [{ id: stories[0]!.id, headline: stories[0]!.headline, url: stories[0]!.sources[0]!.url }], mentions: 3 };
      return { suggestions: /luk/i.test(name) ? ['Artyom Lukin'] : [], stories: [], mentions: 0 };
    },
    async suggestPeople(prefix) {
      return 'artyom lukin'.startsWith(prefix.toLowerCase()) || 'lukin'.startsWith(prefix.toLowerCase()) ? ['Artyom Lukin'] : [];
    },
    async people(storyId) {
      return storyId === 'story-budget' ? [LUKIN] : [];
    },
    async figures() {
      return { title: 'Key figures', figures: stories[0]!.figures };
    },
    async findStory(search) {
      return stories.find((s) => s.id === search || s.headline.toLowerCase().includes(search.toLowerCase()));
    },
    async searchStories(words, limit) {
      return stories.filter((s) => `${s.headline} ${s.bullets.join(' ')}`.toLowerCase().includes(words.toLowerCase())).slice(0, limit);
    },
    async subscribe(channelId, url, topic) {
      record('subscribe', channelId, url, topic);
      return { id: url, url, weight: 1, ...(topic ? { topic } : {}) };
    },
    async unsubscribe(channelId, feed) {
      record('unsubscribe', channelId, feed);
      return feed === 'https://news.example/rss';
    },
    async feeds() {
      return feeds;
    },
    async setSchedule(channelId, schedule) {
      record('setSchedule', channelId, schedule);
    },
    async setFilter(channelId, mode, words) {
      record('setFilter', channelId, mode, words);
    },
    async storyForThread(channelId, threadId) {
      return threads.get(`${channelId}/${threadId}`);
    },
    async recordThreads(channelId, map) {
      for (const [storyId, threadId] of Object.entries(map)) threads.set(`${channelId}/${threadId}`, storyId);
    },
    async answer(storyId, question) {
      record('answer', storyId, question);
      return /say/i.test(question) ? 'Artyom Lukin said: "This is a turning point" (from: "This is a turning point," Lukin said.)' : 'The key figure: $4.5bn (It would cut borrowing by $4.5bn.)';
    },
  };
}
