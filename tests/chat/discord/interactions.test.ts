import { GatewayIntentBits } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { UserFacingError } from '../../../src/core/errors.ts';
import type { Story } from '../../../src/core/types.ts';
import { fixtureServices, fixtureStories } from '../../support/services-fixture.ts';
import { BOT_USER_ID } from '../../support/discord-server.ts';
import { mentionsBlocked, messageBody } from './discord-text.ts';
import { CHANNEL, discordHarness, type DiscordHarness } from './harness.ts';

type Json = Record<string, unknown>;
const EPHEMERAL = 64;

let harness: DiscordHarness | undefined;
afterEach(async () => {
  await harness?.close();
  harness = undefined;
});

describe('Discord gateway connection', () => {
  it('identifies with Guilds and GuildMessages only, and logs the invite URL', async () => {
    harness = await discordHarness(fixtureServices());
    const identify = harness.discord.gateway.sent(2);
    expect(identify).toHaveLength(1);
    const intents = (identify[0]!.d as { intents: number }).intents;
    expect(intents).toBe(GatewayIntentBits.Guilds | GatewayIntentBits.GuildMessages);
    expect(intents & GatewayIntentBits.MessageContent).toBe(0);
    const started = harness.logger.entries.find((e) => e.level === 'info' && typeof e.obj === 'object' && 'inviteUrl' in e.obj);
    expect(String((started?.obj as { inviteUrl?: string }).inviteUrl)).toMatch(/^https:\/\/discord\.com\/oauth2\/authorize\?.*scope=bot\+applications\.commands/);
  });

  it('resumes after the connection drops, and still serves commands', async () => {
    harness = await discordHarness(fixtureServices());
    harness.discord.gateway.drop(4000);
    await harness.discord.waitFor(() => (harness!.discord.gateway.sent(6).length > 0 && harness!.discord.gateway.liveSessions > 0 ? true : undefined));
    expect(harness.discord.gateway.sent(2)).toHaveLength(1);
    const result = await harness.invoke('who', { name: 'Lukin' }, { admin: false });
    expect(result.text).toContain('Artyom Lukin');
  });
});

describe('Discord autocomplete', () => {
  it('suggests people for /who from the people index', async () => {
    harness = await discordHarness(fixtureServices());
    expect(await harness.autocomplete('who', 'name', 'Luk')).toEqual([{ name: 'Artyom Lukin', value: 'Artyom Lukin' }]);
    expect(await harness.autocomplete('who', 'name', 'zzz')).toEqual([]);
  });

  it('answers with at most 25 choices, each within 100 characters, and drops what cannot be a value', async () => {
    const services = fixtureServices();
    services.suggestPeople = async (prefix) => [...Array.from({ length: 40 }, (_, i) => `${prefix} Person ${i}`), 'x'.repeat(101), '@everyone'];
    harness = await discordHarness(services);
    const choices = await harness.autocomplete('who', 'name', 'Ann');
    expect(choices).toHaveLength(25);
    expect(choices[0]).toEqual({ name: 'Ann Person 0', value: 'Ann Person 0' });
    for (const choice of choices) expect(choice.name.length).toBeLessThanOrEqual(100);
  });

  it('answers with no choices when the index fails', async () => {
    const services = fixtureServices();
    services.suggestPeople = async () => {
      throw new Error('index down');
    };
    harness = await discordHarness(services);
    expect(await harness.autocomplete('who', 'name', 'Luk')).toEqual([]);
    expect(harness.logger.entries.some((e) => e.level === 'error' && e.msg === 'autocomplete failed')).toBe(true);
  });
});

describe('Discord command replies', () => {
  it('defers a slow command and keeps a private outcome private: ephemeral follow-up, deferred reply deleted', async () => {
    const services = fixtureServices();
    services.briefing = async () => {
      await new Promise((r) => setTimeout(r, 300));
      throw new UserFacingError('no-topic', 'No topic called "zzz". Try /brief with one of: business, world.');
    };
    harness = await discordHarness(services, { deferAfterMs: 20 });
    const result = await harness.invoke('brief', { topic: 'zzz' }, { admin: false });
    expect(result.deferred).toBe(true);
    expect(result.ephemeral).toBe(true);
    expect(result.text).toContain('No topic called');
    const kinds = result.requests.map((r) => `${r.method} ${r.path.replace(/\/webhooks\/\d+\/[^/]+/, '/webhooks/app/token').replace(/\/interactions\/.*/, '/interactions/callback')}`);
    expect(kinds).toEqual(['POST /interactions/callback', 'POST /webhooks/app/token', 'DELETE /webhooks/app/token/messages/@original']);
    expect(Number((result.requests[1]!.body as Json).flags) & EPHEMERAL).toBe(EPHEMERAL);
  });

  it('defers a slow public answer, edits the deferred reply, and sends the rest as follow-ups', async () => {
    const services = fixtureServices();
    const many: Story[] = Array.from({ length: 25 }, (_, i) => ({ ...fixtureStories()[0]!, id: `s${i}`, headline: `Story number ${i}`, bullets: ['x'.repeat(600)] }));
    services.briefing = async (channelId) => {
      await new Promise((r) => setTimeout(r, 200));
      return { channelId, title: 'Herald briefing', createdAt: new Date(), stories: many };
    };
    harness = await discordHarness(services, { deferAfterMs: 20 });
    const result = await harness.invoke('brief', {}, { admin: false });
    expect(result.deferred).toBe(true);
    expect(result.ephemeral).toBe(false);
    expect(result.requests.filter((r) => r.method === 'PATCH' && r.path.endsWith('/@original'))).toHaveLength(1);
    expect(result.messages.length).toBeGreaterThanOrEqual(3);
    for (let i = 0; i < 25; i += 1) expect(result.text).toContain(`Story number ${i}`);
  });

  it('turns an internal failure into a private apology with an error id', async () => {
    const services = fixtureServices();
    services.feeds = async () => {
      throw new Error('database is locked');
    };
    harness = await discordHarness(services);
    const result = await harness.invoke('feeds', {}, { admin: true });
    expect(result.ephemeral).toBe(true);
    expect(result.deferred).toBe(false);
    expect(result.text).toMatch(/error [0-9a-f]{8}/);
    expect(result.text).not.toContain('database is locked');
  });

  it('splits a long private text into several private messages', async () => {
    const services = fixtureServices();
    services.feeds = async () => Array.from({ length: 60 }, (_, i) => ({ id: `f${i}`, url: `https://feeds${i}.example/${'p'.repeat(40)}`, title: `Feed ${i}`, weight: 1, failures: 0, lastSuccessAt: new Date() }));
    harness = await discordHarness(services);
    const result = await harness.invoke('feeds', {}, { admin: true });
    expect(result.messages.length).toBeGreaterThan(1);
    expect(result.ephemeral).toBe(true);
    for (const m of result.messages) expect(String(m.content).length).toBeLessThanOrEqual(2000);
    expect(result.text).toContain('Feed 59');
  });
});

describe('Discord questions in story threads', () => {
  it('answers only mentions, only in threads Herald opened, never other bots', async () => {
    const services = fixtureServices();
    harness = await discordHarness(services);
    const { threads } = await harness.postDigest({ channelId: CHANNEL, title: 'Herald briefing', createdAt: new Date(), stories: fixtureStories() });
    await services.recordThreads(CHANNEL, threads);
    const thread = threads['story-budget']!;
    harness.discord.userMessage({ channelId: thread, content: 'what did Lukin say?' });
    harness.discord.userMessage({ channelId: CHANNEL, content: `<@${BOT_USER_ID}> what did Lukin say?`, mentionBot: true });
    const reply = await harness.ask(thread, 'how much?');
    expect(reply.text).toContain('$4.5bn');
    const replies = harness.discord.requests.filter((r) => r.method === 'POST' && (r.body as Json | undefined)?.message_reference);
    expect(replies).toHaveLength(1);
    expect(services.calls.filter((c) => c.name === 'answer').map((c) => c.args)).toEqual([['story-budget', 'how much?']]);
  });

  it('answers in a thread that was not cached (opened before a restart)', async () => {
    const services = fixtureServices();
    harness = await discordHarness(services);
    const threadId = '800000000000000001';
    harness.discord.channels.set(threadId, { id: threadId, type: 11, guild_id: '200000000000000001', parent_id: CHANNEL, name: 'old story', thread_metadata: { archived: true, auto_archive_duration: 1440, archive_timestamp: new Date().toISOString(), locked: false } });
    await services.recordThreads(CHANNEL, { 'story-budget': threadId });
    const reply = await harness.ask(threadId, 'what did Lukin say?');
    expect(reply.threadId).toBe(threadId);
    expect(reply.text).toContain('turning point');
    expect(harness.discord.requests.some((r) => r.method === 'GET' && r.path === `/channels/${threadId}`)).toBe(true);
  });
});

describe('allowed_mentions on everything', () => {
  it('is { parse: [] } on every message Herald sends: replies, edits, follow-ups, channel and thread messages', async () => {
    const services = fixtureServices();
    harness = await discordHarness(services, { deferAfterMs: 20 });
    const { commands } = await import('../../../commands/index.ts');
    for (const command of commands) await harness.invoke(command.name, {}, { admin: true });
    await harness.invoke('who', { name: 'Lukin' }, { admin: false });
    services.feeds = async () => Array.from({ length: 60 }, (_, i) => ({ id: `f${i}`, url: `https://feeds${i}.example/${'p'.repeat(40)}`, weight: 1, failures: 0 }));
    await harness.invoke('feeds', {}, { admin: true });
    services.briefing = async (channelId) => {
      await new Promise((r) => setTimeout(r, 100));
      return { channelId, title: 'Herald briefing', createdAt: new Date(), stories: fixtureStories() };
    };
    await harness.invoke('brief', {}, { admin: false });
    const { threads } = await harness.postDigest({ channelId: CHANNEL, title: 'Herald briefing', createdAt: new Date(), stories: fixtureStories() });
    await services.recordThreads(CHANNEL, threads);
    await harness.ask(threads['story-budget']!, 'what did Lukin say?');

    const carrying = harness.discord.requests.filter((r) => {
      const body = messageBody(r.body);
      return body !== undefined && ('content' in body || 'embeds' in body);
    });
    const seen = new Set(carrying.map((r) => `${r.method} ${r.path.split('/')[1]}${r.path.includes('@original') ? ' @original' : ''}`));
    expect([...seen].sort()).toEqual(['PATCH webhooks @original', 'POST channels', 'POST interactions', 'POST webhooks']);
    for (const r of carrying) expect(mentionsBlocked(r.body), `${r.method} ${r.path}`).toBe(true);
    expect(carrying.filter((r) => r.path.startsWith(`/channels/${threads['story-budget']}/`)).length).toBeGreaterThanOrEqual(2);
  });
});
