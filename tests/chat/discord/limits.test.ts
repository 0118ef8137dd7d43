import { afterEach, describe, expect, it } from 'vitest';
import { renderDigest, renderReply, renderStoryThread } from '../../../src/chat/discord/render.ts';
import type { Person, Story } from '../../../src/core/types.ts';
import { fixtureServices } from '../../support/services-fixture.ts';
import { discordHarness, type DiscordHarness } from './harness.ts';
import { limitViolations } from './limit-check.ts';

const HUGE = 100 * 1024;

function bigStory(i: number, titleChars: number): Story {
  const word = (n: number) => `word${i}-${n}`;
  return {
    id: `story-${i}`,
    headline: `Story ${i}: ${Array.from({ length: Math.ceil(titleChars / 12) }, (_, n) => word(n)).join(' ')}`.slice(0, titleChars),
    bullets: Array.from({ length: 4 }, (_, b) => `Bullet ${b} of story ${i}: ${'figures and context '.repeat(80)}`),
    sources: Array.from({ length: 60 }, (_, s) => ({ title: `Source ${s} ${'t'.repeat(300)}`, url: `https://outlet${s}.example/news/${i}?q=${'x'.repeat(100)}`, feed: `Outlet ${s} ${'f'.repeat(120)}` })),
    people: Array.from({ length: 30 }, (_, p) => `Person ${p} ${'n'.repeat(50)}`),
    figures: Array.from({ length: 40 }, (_, f) => ({ value: `${f * 1.5}bn`, kind: 'money' as const, context: `Context ${f} ${'c'.repeat(600)}`, storyId: `story-${i}` })),
    firstSeen: new Date('2026-11-28T06:00:00Z'),
  };
}

function bigPerson(i: number): Person {
  return { name: `Person ${i} ${'n'.repeat(HUGE / 10)}`, aliases: ['A'.repeat(2000)], role: 'r'.repeat(3000), organisation: 'o'.repeat(3000), quotes: Array.from({ length: 30 }, (_, q) => ({ text: `Quote ${q} ${'q'.repeat(2000)}`, kind: 'direct' as const, sentence: 's', storyId: 'x' })), storyIds: ['x'] };
}

const briefing = (count: number, titleChars: number) => ({ channelId: 'C1', title: 'T'.repeat(HUGE), createdAt: new Date('2026-11-28T08:00:00Z'), stories: Array.from({ length: count }, (_, i) => bigStory(i, titleChars)) });

describe('Discord limits', () => {
  it('keeps a 30-story digest with 100 KB titles within every limit', () => {
    const plan = renderDigest(briefing(30, HUGE));
    const messages = [plan.header, ...plan.stories.map((s) => s.message), ...plan.stories.flatMap((s) => renderStoryThread(s.story, Array.from({ length: 25 }, (_, p) => bigPerson(p))))];
    for (const m of messages) expect(limitViolations(m)).toEqual([]);
    expect(plan.stories).toHaveLength(30);
    for (const s of plan.stories) expect(s.threadName.length).toBeLessThanOrEqual(100);
  });

  it('keeps every reply kind within every limit, splitting into several messages', () => {
    const replies = [
      renderReply({ kind: 'briefing', briefing: briefing(30, HUGE) }),
      renderReply({ kind: 'stories', stories: briefing(30, 500).stories, title: 'S'.repeat(HUGE) }),
      renderReply({ kind: 'person', person: bigPerson(1), stories: Array.from({ length: 8 }, (_, i) => ({ id: i ? `s${i}` : 'x', headline: `Headline ${i} ${'[h]'.repeat(HUGE / 3)}`, url: `https://outlet.example/${i}?q=${'(x)'.repeat(600)}` })) }),
      renderReply({ kind: 'figures', figures: bigStory(1, 10).figures.concat(bigStory(2, 10).figures), title: 'F'.repeat(HUGE) }),
      renderReply({ kind: 'text', text: Array.from({ length: 400 }, (_, i) => `line ${i} ${'z'.repeat(100)}`).join('\n') }),
    ];
    for (const messages of replies) for (const m of messages) expect(limitViolations(m)).toEqual([]);
    expect(replies[0]!.length).toBeGreaterThanOrEqual(3);
    expect(replies[0]!.flatMap((m) => m.embeds)).toHaveLength(30);
  });
});

describe('Discord limits through the adapter', () => {
  let harness: DiscordHarness | undefined;
  afterEach(async () => {
    await harness?.close();
    harness = undefined;
  });

  it('posts a 30-story digest (a message and a thread per story) and answers a 30-story /brief within limits', async () => {
    const services = fixtureServices();
    const big = briefing(30, HUGE);
    services.briefing = async () => big;
    harness = await discordHarness(services);
    const { payloads, threads } = await harness.postDigest(big);
    expect(Object.keys(threads)).toHaveLength(30);
    expect(payloads.length).toBeGreaterThan(31);
    for (const p of payloads) expect(limitViolations(p)).toEqual([]);
    const threadNames = harness.discord.requests.filter((r) => r.path.endsWith('/threads')).map((r) => (r.body as { name: string }).name);
    expect(threadNames).toHaveLength(30);
    for (const name of threadNames) expect(name.length).toBeLessThanOrEqual(100);

    const result = await harness.invoke('brief', {}, { admin: false });
    expect(result.messages.length).toBeGreaterThanOrEqual(3);
    for (const m of result.messages) expect(limitViolations(m)).toEqual([]);
    expect(result.ephemeral).toBe(false);
  }, 60_000);
});
