/**
 * Slack incoming-webhook mode: digests without installing a bot. A webhook belongs to one channel
 * and cannot open threads, so a briefing goes out as its rendered messages, in order.
 */
import { request } from 'undici';
import type { ChatAdapter, Logger, PostedMessage } from '../../core/ports.ts';
import type { Reply } from '../../core/types.ts';
import { renderReply } from './render.ts';

export interface SlackWebhookOptions {
  /** https://hooks.slack.com/services/T…/B…/… */
  url: string;
  logger: Logger;
  timeoutMs?: number;
}

const WEBHOOK_TIMEOUT_MS = 15_000;

export function createSlackWebhook(options: SlackWebhookOptions): ChatAdapter {
  let url: URL;
  try {
    url = new URL(options.url);
    if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new Error('scheme');
  } catch {
    throw new Error('SLACK_WEBHOOK_URL is not a Slack incoming webhook URL: copy it from your Slack app, Incoming Webhooks (https://hooks.slack.com/services/...)');
  }
  const logger = options.logger.child({ platform: 'slack-webhook' });
  let sent = 0;
  return {
    platform: 'slack-webhook',
    async start() {},
    async stop() {},
    async post(channelId: string, reply: Reply): Promise<PostedMessage> {
      for (const message of renderReply(reply)) {
        const response = await request(url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ ...message, unfurl_links: false, unfurl_media: false }),
          signal: AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
        });
        const text = await response.body.text();
        if (response.statusCode >= 300) {
          // Slack answers errors in plain text (e.g. "invalid_payload", "channel_is_archived").
          throw new Error(`Slack webhook answered ${response.statusCode}: ${text.slice(0, 200)}`);
        }
        sent += 1;
      }
      logger.debug({ channel: channelId, messages: sent }, 'webhook digest sent');
      return { channelId, messageId: `webhook-${sent}` };
    },
  };
}
