import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { questionText } from '../../../src/chat/slack/answer-mention.ts';
import { fixtureServices, fixtureStories, type FixtureServices } from '../../support/services-fixture.ts';
import { BOT_USER_ID } from '../../support/slack-server.ts';
import { CHANNEL, MEMBER_USER, slackHarness, type SlackHarness } from './harness.ts';
import { canPing, links, visibleText } from './slack-text.ts';

describe('Slack questions in story threads', () => {
  let services: FixtureServices;
  let harness: SlackHarness;
  beforeEach(async () => {
    services = fixtureServices();
    harness = await slackHarness(services);
  });
  afterEach(async () => {
    await harness.close();
  });

  async function mention(text: string, where: { thread_ts?: string }) {
    const before = harness.slack.calls.length;
    const ts = harness.slack.nextTs();
    harness.slack.pushEvent({ type: 'app_mention', user: MEMBER_USER, text, ts, channel: CHANNEL, ...where });
    const reply = await harness.slack.waitFor(() => harness.slack.calls.slice(before).find((c) => c.method === 'chat.postMessage'));
    return { ts, reply: reply.body };
  }

  it('passes the question without the mention to the story it was asked under', async () => {
    const { threads } = await harness.postDigest({ channelId: CHANNEL, title: 'Herald briefing', createdAt: new Date('2026-11-28T08:00:00Z'), stories: fixtureStories() });
    await services.recordThreads(CHANNEL, threads);
    const { reply } = await mention(`<@${BOT_USER_ID}> how much?`, { thread_ts: threads['story-budget']! });
    expect(services.calls.filter((c) => c.name === 'answer').map((c) => c.args)).toEqual([['story-budget', 'how much?']]);
    expect(reply.thread_ts).toBe(threads['story-budget']);
    expect(visibleText(reply)).toContain('$4.5bn');
  });

  it('answers a mention outside any story thread with a hint, in a thread on that message', async () => {
    const { ts, reply } = await mention(`<@${BOT_USER_ID}> what did Lukin say?`, {});
    expect(reply.thread_ts).toBe(ts);
    expect(visibleText(reply)).toMatch(/story's thread/);
    expect(services.calls.filter((c) => c.name === 'answer')).toHaveLength(0);
  });

  it('gives the hint in a thread Herald did not open', async () => {
    const { reply } = await mention(`<@${BOT_USER_ID}> what did Lukin say?`, { thread_ts: '1700000000.000100' });
    expect(reply.thread_ts).toBe('1700000000.000100');
    expect(visibleText(reply)).toMatch(/story's thread/);
  });

  it('escapes an answer that quotes hostile feed text', async () => {
    const { threads } = await harness.postDigest({ channelId: CHANNEL, title: 'Herald briefing', createdAt: new Date('2026-11-28T08:00:00Z'), stories: fixtureStories() });
    await services.recordThreads(CHANNEL, threads);
    services.answer = async () => 'They said: "<!channel> @here <https://evil.example|google.com>"';
    const { reply } = await mention(`<@${BOT_USER_ID}> what did they say?`, { thread_ts: threads['story-hostile']! });
    expect(canPing(reply)).toBe(false);
    expect(links(reply)).toEqual([]);
    expect(visibleText(reply)).toContain('<https://evil.example|google.com>');
  });

  it('reads the question out of Slack markup', () => {
    expect(questionText(`<@${BOT_USER_ID}> what about <https://news.example/a|news.example> &amp; <#C1|news>?`)).toBe('what about news.example & #news?');
    expect(questionText(`<@${BOT_USER_ID}>`)).toBe('');
  });
});
