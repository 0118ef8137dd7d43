/**
 * The chat adapter contract: every platform (Slack, Discord) runs every command through its real
 * client library against a loopback stand-in, and must behave the same way.
 *
 * A platform test supplies a harness built on its adapter and stand-in. Visible text is the text a
 * person would see: for Slack, blocks/text with mrkdwn entities decoded; for Discord, content and
 * embed fields.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import type { Briefing } from '../../src/core/types.ts';
import { fixtureServices, fixtureStories, type FixtureServices } from '../support/services-fixture.ts';

export interface CommandResult {
  /** Everything the invoker saw in reply, concatenated. */
  text: string;
  ephemeral: boolean;
  /** True when the adapter acknowledged first and answered later (Slack ack+respond, Discord deferReply). */
  deferred: boolean;
}

export interface ChatHarness {
  /** Invoke a slash command as a user (options as the user typed them). */
  invoke(command: string, options: Record<string, string>, user: { admin: boolean }): Promise<CommandResult>;
  /** Post a digest to the channel; returns the raw request bodies the stand-in received, and the thread per story. */
  postDigest(briefing: Briefing): Promise<{ payloads: unknown[]; threads: Record<string, string> }>;
  /** Ask a question mentioning the bot inside a thread; resolves with the reply and the thread it landed in. */
  ask(threadId: string, question: string): Promise<{ text: string; threadId: string }>;
  /** True when a payload could ping anyone: @everyone/@here/channel/user/role mentions that would resolve. */
  canPing(payload: unknown): boolean;
  /** Links a person could click in a payload, with the host they would see. */
  links(payload: unknown): { url: string; shownHost?: string }[];
  close(): Promise<void>;
}

export function chatAdapterContract(platform: string, makeHarness: (services: FixtureServices) => Promise<ChatHarness>): void {
  describe(`chat adapter contract: ${platform}`, () => {
    let services: FixtureServices;
    let harness: ChatHarness;
    beforeEach(async () => {
      services = fixtureServices({ briefingDelayMs: 0 });
      harness = await makeHarness(services);
    });
    afterEach(async () => {
      await harness.close();
    });

    it('serves every command in commands/index.ts', async () => {
      for (const command of commands) {
        const result = await harness.invoke(command.name, {}, { admin: true });
        expect(result.text.length, `/${command.name}`).toBeGreaterThan(0);
      }
    });

    it('answers /who with role, organisation and a quote', async () => {
      const result = await harness.invoke('who', { name: 'Lukin' }, { admin: false });
      expect(result.text).toContain('Artyom Lukin');
      expect(result.text).toContain('associate professor');
      expect(result.text).toContain('This is a turning point');
    });

    it("names the story of each /who quote and lists the person's stories in the news", async () => {
      const result = await harness.invoke('who', { name: 'Lukin' }, { admin: false });
      const quote = result.text.split('\n').find((line) => line.includes('This is a turning point'));
      expect(quote).toMatch(/turning point” — in [_*]?Parliament passes the budget after an all-night session[_*]? .*news\.example/);
      const news = result.text.split('\n');
      const heading = news.findIndex((line) => line.includes('In the news:'));
      expect(heading).toBeGreaterThan(news.indexOf(quote!));
      expect(news[heading + 1]).toMatch(/^• [_*]?Parliament passes the budget after an all-night session[_*]? .*news\.example/);
    });

    it('suggests names privately on a near miss', async () => {
      const result = await harness.invoke('who', { name: 'Lukn' }, { admin: false });
      expect(result.ephemeral).toBe(true);
      expect(result.text).toContain('Did you mean Artyom Lukin?');
    });

    it('refuses a non-admin /subscribe privately and does not subscribe', async () => {
      const result = await harness.invoke('subscribe', { url: 'https://feeds.example/rss' }, { admin: false });
      expect(result.ephemeral).toBe(true);
      expect(result.text).toMatch(/Only admins/);
      expect(services.calls.filter((c) => c.name === 'subscribe')).toHaveLength(0);
    });

    it('lets an admin /subscribe', async () => {
      const result = await harness.invoke('subscribe', { url: 'https://feeds.example/rss', topic: 'tech' }, { admin: true });
      expect(result.text).toContain('Subscribed');
      expect(services.calls.find((c) => c.name === 'subscribe')?.args.slice(1)).toEqual(['https://feeds.example/rss', 'tech']);
    });

    it('explains a mistake privately, with the fix', async () => {
      const result = await harness.invoke('brief', { since: 'last blue moon' }, { admin: false });
      expect(result.ephemeral).toBe(true);
      expect(result.text).toContain('8h');
    });

    it('still answers a /brief that takes 5 s, deferred', async () => {
      await harness.close();
      services = fixtureServices({ briefingDelayMs: 5_000 });
      harness = await makeHarness(services);
      const result = await harness.invoke('brief', {}, { admin: false });
      expect(result.deferred).toBe(true);
      expect(result.text).toContain('Parliament passes the budget');
    }, 20_000);

    it('posts a digest with one thread per story, and no payload can ping or spoof a link', async () => {
      const stories = fixtureStories();
      const { payloads, threads } = await harness.postDigest({ channelId: 'C1', title: 'Herald briefing', createdAt: new Date('2026-11-28T08:00:00Z'), stories });
      expect(Object.keys(threads).sort()).toEqual(stories.map((s) => s.id).sort());
      expect(payloads.length).toBeGreaterThan(0);
      for (const payload of payloads) {
        expect(harness.canPing(payload)).toBe(false);
        for (const link of harness.links(payload)) {
          expect(link.url).toMatch(/^https?:\/\//);
          if (link.shownHost) expect(new URL(link.url).host).toBe(link.shownHost);
        }
      }
    });

    it('answers a question in a story thread, in that thread', async () => {
      const { threads } = await harness.postDigest({ channelId: 'C1', title: 'Herald briefing', createdAt: new Date('2026-11-28T08:00:00Z'), stories: fixtureStories() });
      await services.recordThreads('C1', threads);
      const threadId = threads['story-budget']!;
      const reply = await harness.ask(threadId, 'what did Lukin say?');
      expect(reply.threadId).toBe(threadId);
      expect(reply.text).toContain('turning point');
      expect(services.calls.find((c) => c.name === 'answer')?.args[0]).toBe('story-budget');
    });
  });
}
