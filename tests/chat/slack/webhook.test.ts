import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackWebhook } from '../../../src/chat/slack/webhook.ts';
import { silentLogger } from '../../../src/ops/logger.ts';
import { fixtureStories } from '../../support/services-fixture.ts';

describe('Slack incoming webhook', () => {
  let server: Server;
  let url: string;
  const bodies: { blocks?: unknown[]; text?: string }[] = [];
  let status = 200;
  beforeEach(async () => {
    bodies.length = 0;
    status = 200;
    server = createServer((req, res) => {
      let data = '';
      req.on('data', (c) => (data += c));
      req.on('end', () => {
        bodies.push(JSON.parse(data));
        res.writeHead(status, { 'content-type': 'text/plain' }).end(status === 200 ? 'ok' : 'channel_is_archived');
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/services/T1/B1/x`;
  });
  afterEach(() => new Promise<void>((r) => server.close(() => r())));

  it('posts a digest as Block Kit with nothing that can ping', async () => {
    const webhook = createSlackWebhook({ url, logger: silentLogger });
    await webhook.post('c1', { kind: 'briefing', briefing: { channelId: 'c1', title: 'Herald briefing', createdAt: new Date(), stories: fixtureStories() } });
    expect(bodies.length).toBeGreaterThan(0);
    const all = JSON.stringify(bodies);
    expect(all).toContain('Parliament passes the budget');
    expect(all).not.toMatch(/<!(channel|here|everyone)>|<@U|<!subteam/);
    expect(all).not.toContain('javascript:');
  });

  it('fails loudly, with Slack\'s reason, when the webhook refuses', async () => {
    status = 404;
    const webhook = createSlackWebhook({ url, logger: silentLogger });
    await expect(webhook.post('c1', { kind: 'text', text: 'hello' })).rejects.toThrow(/404: channel_is_archived/);
  });

  it('says how to fix a bad webhook URL', () => {
    expect(() => createSlackWebhook({ url: 'not a url', logger: silentLogger })).toThrow(/Incoming Webhooks/);
  });
});
