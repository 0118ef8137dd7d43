import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_BLOCKS } from '../../../src/chat/slack/blocks.ts';
import { renderReply } from '../../../src/chat/slack/render.ts';
import { MAX_RESPONSE_MESSAGES } from '../../../src/chat/slack/serve-command.ts';
import type { Briefing, Person, Reply, Story } from '../../../src/core/types.ts';
import { fixtureServices } from '../../support/services-fixture.ts';
import { CHANNEL, MEMBER_USER, slackHarness, type SlackHarness } from './harness.ts';
import { limitProblems, visibleText } from './slack-text.ts';

const KB = 1024;
const at = new Date('2026-11-28T08:00:00Z');

/** Text of about `size` characters mixing words, ampersands (which grow when escaped) and emoji. */
function longText(size: number, seed: string): string {
  const unit = `${seed} & co 🇺🇦 👨‍👩‍👧 <b> `;
  return unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
}

function story(index: number, size: { title: number; bullet: number; bullets: number; sources: number }): Story {
  const id = `s${index}`;
  return {
    id,
    headline: longText(size.title, `Headline ${index}`),
    bullets: Array.from({ length: size.bullets }, (_, b) => longText(size.bullet, `Bullet ${index}.${b}`)),
    sources: Array.from({ length: size.sources }, (_, s) => ({ title: longText(300, `Source ${s}`), url: `https://outlet${s}.example/${index}/story?a=1&b=${'x'.repeat(200)}`, feed: `Outlet ${s}` })),
    people: [`Person ${index}`],
    figures: Array.from({ length: 20 }, (_, f) => ({ value: `${f}%`, kind: 'percent' as const, context: longText(600, `Figure ${f}`), storyId: id })),
    firstSeen: at,
    topic: index % 2 ? 'business' : 'world',
  };
}

function briefing(stories: Story[]): Briefing {
  return { channelId: CHANNEL, title: longText(400, 'Herald briefing'), createdAt: at, stories };
}

const everyday = { title: 120, bullet: 280, bullets: 4, sources: 6 };
const huge = { title: 100 * KB, bullet: 100 * KB, bullets: 200, sources: 40 };

describe('Slack Block Kit limits', () => {
  it('keeps every reply kind within the limits, even with 100 KB fields', () => {
    const person: Person = { name: longText(100 * KB, 'Name'), aliases: [longText(100 * KB, 'Alias')], role: longText(100 * KB, 'Role'), organisation: longText(100 * KB, 'Org'), quotes: Array.from({ length: 10 }, () => ({ text: longText(100 * KB, 'Quote'), kind: 'direct' as const, sentence: 'x', storyId: 's0' })), storyIds: ['s0'] };
    const replies: Reply[] = [
      { kind: 'briefing', briefing: briefing(Array.from({ length: 30 }, (_, i) => story(i, i === 0 ? huge : everyday))) },
      { kind: 'person', person, stories: Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, headline: longText(100 * KB, `Headline ${i}`), url: `https://outlet.example/${i}?a=1&b=${'&'.repeat(400)}` })) },
      { kind: 'figures', figures: story(0, huge).figures, title: longText(100 * KB, 'Figures') },
      { kind: 'stories', stories: [story(0, huge), story(1, everyday)], title: longText(100 * KB, 'Results') },
      { kind: 'text', text: longText(100 * KB, 'Line\n') },
    ];
    for (const reply of replies) {
      const messages = renderReply(reply);
      for (const message of messages) expect(limitProblems(message), reply.kind).toEqual([]);
    }
  });

  describe('through the real adapter', () => {
    let harness: SlackHarness;
    beforeAll(async () => {
      const services = fixtureServices();
      const stories = Array.from({ length: 30 }, (_, i) => story(i, everyday));
      services.briefing = async () => briefing(stories);
      harness = await slackHarness(services);
    });
    afterAll(async () => {
      await harness.close();
    });

    it('posts a 30-story digest: header, one message per story, details in each thread, all within limits', async () => {
      const stories = Array.from({ length: 30 }, (_, i) => story(i, everyday));
      const { payloads, threads } = await harness.postDigest(briefing(stories));
      expect(Object.keys(threads)).toHaveLength(30);
      for (const payload of payloads) expect(limitProblems(payload)).toEqual([]);
      const inChannel = payloads.filter((p) => !(p as Record<string, unknown>).thread_ts);
      expect(inChannel).toHaveLength(31);
      for (const s of stories) {
        const details = payloads.filter((p) => (p as Record<string, unknown>).thread_ts === threads[s.id]);
        expect(details.map(visibleText).join('\n')).toContain('Outlet 5');
      }
    });

    it('continues a story too long for one message (100 KB headline and bullets) in its thread', async () => {
      const { payloads, threads } = await harness.postDigest(briefing([story(0, huge), story(1, everyday)]));
      for (const payload of payloads) expect(limitProblems(payload)).toEqual([]);
      const thread = payloads.filter((p) => (p as Record<string, unknown>).thread_ts === threads.s0);
      const bulletsInThread = thread.map(visibleText).join('\n').match(/Bullet 0\.\d+/g) ?? [];
      expect(bulletsInThread.length).toBeGreaterThan(0);
      expect(payloads.every((p) => ((p as { blocks?: unknown[] }).blocks?.length ?? 0) <= MAX_BLOCKS)).toBe(true);
    });

    it('answers /brief with 30 stories in at most five messages within the limits', async () => {
      const result = await harness.invokeAs('brief', '', MEMBER_USER);
      expect(result.messages.length).toBeGreaterThan(1);
      expect(result.messages.length).toBeLessThanOrEqual(MAX_RESPONSE_MESSAGES);
      for (const message of result.messages) expect(limitProblems(message)).toEqual([]);
      expect(result.text).toContain('Headline 29');
      expect(result.ephemeral).toBe(false);
    });
  });
});
