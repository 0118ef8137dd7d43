import { afterEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { createSlackAdapter } from '../../../src/chat/slack/adapter.ts';
import { fixtureServices } from '../../support/services-fixture.ts';
import { startSlackStandIn, type SlackStandIn } from '../../support/slack-server.ts';
import { CHANNEL, MEMBER_USER, recordingLogger, slackHarness, type SlackHarness } from './harness.ts';
import { links, visibleText } from './slack-text.ts';

describe('Slack adapter', () => {
  let harness: SlackHarness | undefined;
  let slack: SlackStandIn | undefined;
  afterEach(async () => {
    await harness?.close();
    await slack?.close();
    harness = undefined;
    slack = undefined;
  });

  it('answers an internal failure privately with an apology and an id, and logs it', async () => {
    const services = fixtureServices();
    services.searchStories = async () => {
      throw new Error('database is on fire');
    };
    harness = await slackHarness(services);
    const result = await harness.invokeAs('search', 'budget', MEMBER_USER);
    expect(result.ephemeral).toBe(true);
    expect(result.text).toMatch(/Sorry, that did not work \(error [0-9a-f]{8}\)/);
    expect(result.text).not.toContain('database is on fire');
    expect(harness.logger.entries.some((e) => e.level === 'error' && e.msg === 'command failed')).toBe(true);
  });

  it('shows one story with its bullets, sources (real hosts) and people for /story', async () => {
    harness = await slackHarness(fixtureServices());
    const result = await harness.invokeAs('story', 'budget', MEMBER_USER);
    expect(result.text).toContain('Parliament passes the budget');
    expect(result.text).toContain('312 votes');
    expect(result.text).toContain('People: Priya Raman');
    expect(result.messages.flatMap(links)).toEqual([
      { url: 'https://news.example/budget', shownHost: 'news.example' },
      { url: 'https://other.example/mps-budget', shownHost: 'other.example' },
    ]);
  });

  it('posts a non-digest reply as one message, without link previews', async () => {
    harness = await slackHarness(fixtureServices());
    const posted = await harness.adapter.post(CHANNEL, { kind: 'text', text: 'Feeds checked: all well.' });
    const [call] = harness.slack.callsTo('chat.postMessage');
    expect(call?.body.channel).toBe(CHANNEL);
    expect(String(call?.body.unfurl_links)).toBe('false');
    expect(posted).toEqual({ channelId: CHANNEL, messageId: expect.stringMatching(/^\d+\.\d{6}$/) });
    expect(visibleText(call?.body)).toBe('Feeds checked: all well.');
  });

  it('finishes a command in progress before it stops', async () => {
    harness = await slackHarness(fixtureServices({ briefingDelayMs: 2_500 }));
    const responseUrl = harness.slack.responseUrl('slow');
    const envelopeId = harness.slack.pushSlashCommand({ command: '/brief', text: '', user_id: MEMBER_USER, channel_id: CHANNEL, response_url: responseUrl });
    const ack = await harness.slack.waitFor(() => harness!.slack.socket.acks.find((a) => a.envelopeId === envelopeId));
    expect(ack.payload).toBeUndefined();
    await harness.adapter.stop();
    const answer = harness.slack.responses.find((r) => r.id === 'slow');
    expect(visibleText(answer?.body)).toContain('Parliament passes the budget');
    expect(harness.slack.socket.open).toBe(0);
  }, 15_000);

  it('fails to start with a clear error when Slack refuses the bot token', async () => {
    slack = await startSlackStandIn();
    slack.failNext('auth.test', 'invalid_auth');
    const adapter = createSlackAdapter({ botToken: 'xoxb-revoked', appToken: 'xapp-test', commands, services: fixtureServices(), logger: recordingLogger(), slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    await expect(adapter.start()).rejects.toThrow(/invalid_auth/);
    await adapter.stop();
  });

  it('needs the token its mode uses', () => {
    const base = { botToken: 'xoxb-test', commands, services: fixtureServices(), logger: recordingLogger() };
    expect(() => createSlackAdapter({ ...base, mode: 'http' })).toThrow(/signing secret/);
    expect(() => createSlackAdapter({ ...base, mode: 'socket' })).toThrow(/app-level token/);
  });
});
