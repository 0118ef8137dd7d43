/**
 * Reads a digest back from a channel's history by its key: the header (metadata herald_digest) and
 * the story messages (herald_story, with their story ids). Thread replies are not in the channel's
 * history, and are not needed: a story message found counts as that story posted.
 */
import type { App } from '@slack/bolt';
import type { CallRunner, PostedMessage } from '../../core/ports.ts';
import { waitOutRateLimits } from '../wait-rate-limits.ts';
import { slackCall } from './delivery-errors.ts';
import { DIGEST_EVENT, STORY_EVENT } from './post-message.ts';

/** A digest is looked for among this many pages of history (200 messages each) after `since`. */
const HISTORY_PAGES_MAX = 5;
const HISTORY_PAGE_SIZE = 200;

interface Found {
  ts?: unknown;
  metadata?: { event_type?: unknown; event_payload?: Record<string, unknown> };
}

export async function findSlackDigest(
  client: App['client'],
  channel: string,
  key: string,
  options: { since?: Date; run?: CallRunner } = {},
): Promise<PostedMessage | undefined> {
  const run = options.run ?? waitOutRateLimits;
  let messageId: string | undefined;
  const threads: Record<string, string> = {};
  let cursor: string | undefined;
  for (let page = 0; page < HISTORY_PAGES_MAX; page += 1) {
    const result = await run(() =>
      slackCall(() =>
        client.conversations.history({
          channel,
          limit: HISTORY_PAGE_SIZE,
          include_all_metadata: true,
          ...(options.since ? { oldest: (options.since.getTime() / 1000).toFixed(6) } : {}),
          ...(cursor ? { cursor } : {}),
        }),
      ),
    );
    for (const message of (result.messages ?? []) as Found[]) {
      const payload = message.metadata?.event_payload;
      if (typeof message.ts !== 'string' || payload?.digest_key !== key) continue;
      if (message.metadata?.event_type === DIGEST_EVENT) messageId = message.ts;
      else if (message.metadata?.event_type === STORY_EVENT && typeof payload.story_id === 'string') threads[payload.story_id] = message.ts;
    }
    cursor = result.response_metadata?.next_cursor || undefined;
    if (!result.has_more || !cursor) break;
  }
  return messageId ? { channelId: channel, messageId, threads } : undefined;
}
