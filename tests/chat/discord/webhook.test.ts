import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDiscordWebhook } from '../../../src/chat/discord/webhook.ts';
import { fixtureStories } from '../../support/services-fixture.ts';
import { startDiscordStandIn, type DiscordStandIn } from '../../support/discord-server.ts';
import { canPing, links } from './discord-text.ts';
import { recordingLogger } from './harness.ts';
import { limitViolations } from './limit-check.ts';

describe('Discord webhook mode', () => {
  let discord: DiscordStandIn;
  beforeEach(async () => {
    discord = await startDiscordStandIn({ channels: ['C1'] });
  });
  afterEach(async () => {
    await discord.close();
  });

  it('posts a digest to the webhook URL, without the bot, harmlessly and within limits', async () => {
    const hook = discord.addWebhook('C1');
    const webhook = createDiscordWebhook({ url: hook.url, logger: recordingLogger(), restApi: discord.apiUrl });
    await webhook.start();
    const stories = Array.from({ length: 15 }, (_, i) => ({ ...fixtureStories()[i % 2]!, id: `s${i}` }));
    const posted = await webhook.post('ignored', { kind: 'briefing', briefing: { channelId: 'C1', title: 'Herald briefing', createdAt: new Date(), stories } });
    await webhook.stop();
    const sent = discord.requests.filter((r) => r.method === 'POST' && r.path === `/webhooks/${hook.id}/${hook.token}`);
    expect(sent.length).toBeGreaterThanOrEqual(2);
    expect(sent.every((r) => r.query.get('wait') === 'true' && r.authorization === undefined)).toBe(true);
    expect(posted.channelId).toBe('C1');
    expect(posted.messageId).toMatch(/^\d+$/);
    for (const r of sent) {
      expect(canPing(r.body)).toBe(false);
      expect(limitViolations(r.body)).toEqual([]);
      for (const link of links(r.body)) expect(new URL(link.url).host).toBe(link.shownHost);
    }
    expect(sent.flatMap((r) => (r.body as { embeds: unknown[] }).embeds)).toHaveLength(15);
  });

  it('refuses a URL that is not a Discord webhook, saying where to find one', () => {
    expect(() => createDiscordWebhook({ url: 'https://example.com/hook', logger: recordingLogger() })).toThrow(/Integrations → Webhooks/);
  });
});
