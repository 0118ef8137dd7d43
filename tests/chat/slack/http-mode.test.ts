import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../../commands/index.ts';
import { createSlackAdapter, type SlackAdapter } from '../../../src/chat/slack/adapter.ts';
import { fixtureServices, type FixtureServices } from '../../support/services-fixture.ts';
import { startSlackStandIn, TEAM_ID, type SlackStandIn } from '../../support/slack-server.ts';
import { ADMIN_USER, MEMBER_USER, recordingLogger } from './harness.ts';
import { visibleText } from './slack-text.ts';

const SECRET = 'test-signing-secret';

function sign(body: string, timestamp: number, secret = SECRET): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

describe('Slack adapter in HTTP mode (signed requests)', () => {
  let slack: SlackStandIn;
  let adapter: SlackAdapter;
  let services: FixtureServices;
  let url: string;

  beforeEach(async () => {
    slack = await startSlackStandIn();
    slack.users.set(ADMIN_USER, { is_owner: true });
    slack.users.set(MEMBER_USER, {});
    services = fixtureServices();
    adapter = createSlackAdapter({ mode: 'http', port: 0, botToken: 'xoxb-test', signingSecret: SECRET, commands, services, logger: recordingLogger(), slackApiUrl: slack.apiUrl, retryConfig: { retries: 0 } });
    await adapter.start();
    url = `http://127.0.0.1:${adapter.port}/slack/events`;
  });
  afterEach(async () => {
    await adapter.stop();
    await slack.close();
  });

  function command(name: string, text: string, user = MEMBER_USER): string {
    return new URLSearchParams({ token: 'unused', team_id: TEAM_ID, team_domain: 'herald-test', channel_id: 'C1', channel_name: 'news', user_id: user, user_name: user.toLowerCase(), command: `/${name}`, text, api_app_id: 'A0HERALD', is_enterprise_install: 'false', response_url: slack.responseUrl('http-1'), trigger_id: '1.2.3' }).toString();
  }

  async function post(body: string, headers: Record<string, string>): Promise<Response> {
    return fetch(url, { method: 'POST', body, headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers } });
  }

  it('answers a correctly signed slash command in the HTTP response', async () => {
    const body = command('who', 'Lukin');
    const now = Math.floor(Date.now() / 1000);
    const response = await post(body, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(body, now) });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as Record<string, unknown>;
    expect(visibleText(answer)).toContain('Artyom Lukin');
    expect(answer.response_type).toBe('in_channel');
  });

  it('rejects a bad signature with 401 and runs nothing', async () => {
    const body = command('subscribe', 'https://feeds.example/rss', ADMIN_USER);
    const now = Math.floor(Date.now() / 1000);
    const response = await post(body, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(body, now, 'not-the-secret') });
    expect(response.status).toBe(401);
    expect(services.calls.filter((c) => c.name === 'subscribe')).toHaveLength(0);
  });

  it('rejects a signature over a different body with 401', async () => {
    const signed = command('help', '');
    const sent = command('subscribe', 'https://feeds.example/rss', ADMIN_USER);
    const now = Math.floor(Date.now() / 1000);
    const response = await post(sent, { 'x-slack-request-timestamp': String(now), 'x-slack-signature': sign(signed, now) });
    expect(response.status).toBe(401);
    expect(services.calls.filter((c) => c.name === 'subscribe')).toHaveLength(0);
  });

  it('rejects a correctly signed but stale request (timestamp 10 minutes old) with 401', async () => {
    const body = command('subscribe', 'https://feeds.example/rss', ADMIN_USER);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    const response = await post(body, { 'x-slack-request-timestamp': String(stale), 'x-slack-signature': sign(body, stale) });
    expect(response.status).toBe(401);
    expect(services.calls.filter((c) => c.name === 'subscribe')).toHaveLength(0);
  });

  it('rejects a request with no signature headers with 401', async () => {
    const response = await post(command('help', ''), {});
    expect(response.status).toBe(401);
  });
});
