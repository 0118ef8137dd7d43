/**
 * Slack incoming-webhook mode: digests without installing a bot. A webhook belongs to one channel
 * and cannot open threads, so a briefing goes out as its rendered messages, in order.
 */
import { request } from 'undici';
import { ChatDeliveryError } from '../../core/errors.ts';
import type { ChatAdapter, Logger, PostedMessage, PostOptions } from '../../core/ports.ts';
import type { Reply } from '../../core/types.ts';
import { waitOutRateLimits } from '../wait-rate-limits.ts';
import { renderReply } from './render.ts';

export interface SlackWebhookOptions {
  /** https://hooks.slack.com/services/T…/B…/… */
  url: string;
  logger: Logger;
  timeoutMs?: number;
}

const WEBHOOK_TIMEOUT_MS = 15_000;

/** Answers meaning the webhook or its channel is gone or disabled: retrying cannot help. */
const WEBHOOK_GONE = /^(no_service|no_team|team_disabled|channel_not_found|channel_is_archived|action_prohibited|invalid_token|no_active_hooks)\b/;

function webhookError(status: number, text: string): ChatDeliveryError {
  const reason = `HTTP ${status}: ${text.slice(0, 200)}`;
  if (status === 429) return new ChatDeliveryError('slack-webhook', 'rate-limited', reason, { status });
  if (status >= 500) return new ChatDeliveryError('slack-webhook', 'transient', reason, { status });
  return new ChatDeliveryError('slack-webhook', WEBHOOK_GONE.test(text) || status === 404 || status === 410 ? 'permanent' : 'rejected', reason, { status });
}

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
    async post(channelId: string, reply: Reply, postOptions: PostOptions = {}): Promise<PostedMessage> {
      const run = postOptions.run ?? waitOutRateLimits;
      for (const message of renderReply(reply)) {
        await run(async () => {
          let response;
          try {
            response = await request(url, {
              method: 'POST',
              headers: { 'content-type': 'application/json' },
              body: JSON.stringify({ ...message, unfurl_links: false, unfurl_media: false }),
              signal: AbortSignal.timeout(options.timeoutMs ?? WEBHOOK_TIMEOUT_MS),
            });
          } catch (error) {
            throw new ChatDeliveryError('slack-webhook', 'transient', (error as Error).message || 'network error', { cause: error });
          }
          const text = await response.body.text();
          // Slack answers errors in plain text (e.g. "invalid_payload", "channel_is_archived").
          if (response.statusCode >= 300) throw webhookError(response.statusCode, text);
        });
        sent += 1;
      }
      logger.debug({ channel: channelId, messages: sent }, 'webhook digest sent');
      return { channelId, messageId: `webhook-${sent}` };
    },
  };
}
