/**
 * Webhook mode: digests go to a Discord webhook URL from config, for teams that want digests
 * without installing the bot. A webhook cannot open threads or receive commands, so a briefing is
 * sent in its compact form (story cards packed into as few messages as the limits allow) and each
 * story's details stay out. Everything is escaped and sent with `allowed_mentions: { parse: [] }`.
 */
import { WebhookClient } from 'discord.js';
import type { ChatAdapter, Logger, PostedMessage, PostOptions } from '../../core/ports.ts';
import { waitOutRateLimits } from '../wait-rate-limits.ts';
import { discordCall } from './delivery-errors.ts';
import type { Reply } from '../../core/types.ts';
import { noMentions } from './limits.ts';
import { renderReply } from './render.ts';

export interface DiscordWebhookOptions {
  /** https://discord.com/api/webhooks/{id}/{token} */
  url: string;
  logger: Logger;
  /** REST base URL, e.g. a proxy (default https://discord.com/api). */
  restApi?: string;
}

/** A post-only adapter; the channel id given to post() is ignored (a webhook belongs to one channel). */
export function createDiscordWebhook(options: DiscordWebhookOptions): ChatAdapter {
  const logger = options.logger.child({ platform: 'discord-webhook' });
  let client: WebhookClient;
  try {
    // As for the bot's digests: no library retries or rate-limit waits; the caller's runner decides.
    client = new WebhookClient({ url: options.url }, { allowedMentions: noMentions(), rest: { retries: 0, rejectOnRateLimit: () => true, ...(options.restApi ? { api: options.restApi } : {}) } });
  } catch {
    throw new Error('DISCORD_WEBHOOK_URL is not a Discord webhook URL: copy it from Server Settings → Integrations → Webhooks (https://discord.com/api/webhooks/ID/TOKEN)');
  }
  return {
    platform: 'discord-webhook',
    async start() {},
    async post(channelId: string, reply: Reply, postOptions: PostOptions = {}): Promise<PostedMessage> {
      const run = postOptions.run ?? waitOutRateLimits;
      let first: { id: string; channel_id: string } | undefined;
      for (const message of renderReply(reply)) {
        const sent = await run(() => discordCall(() => client.send({ ...(message.content ? { content: message.content } : {}), embeds: message.embeds, allowedMentions: noMentions() })));
        first ??= { id: sent.id, channel_id: sent.channel_id };
      }
      logger.info({ channel: first?.channel_id ?? channelId }, 'posted to the Discord webhook');
      return { channelId: first?.channel_id ?? channelId, messageId: first?.id ?? '' };
    },
    async stop() {
      client.destroy();
    },
  };
}
