/**
 * Posting to a channel. A digest is a header message, then one message per story whose ts becomes
 * that story's thread; the story's details (people, key figures, every source) and anything that did
 * not fit in its message go in that thread. Other replies are one message, continued in its thread.
 *
 * Every message carries metadata (event_type herald_digest / herald_story, with the digest's key
 * when the deliver stage gave one) so that, after a crash, find-digest.ts can read back from
 * conversations.history which parts of a digest already went out; `resume` skips those.
 *
 * Each Web API call goes through `run` (the deliver stage's rate limit and retries) and fails as a
 * classified ChatDeliveryError.
 */
import type { App } from '@slack/bolt';
import type { Services } from '../../core/command.ts';
import { ChatDeliveryError } from '../../core/errors.ts';
import type { CallRunner, Clock, Logger, PostedMessage, PostOptions } from '../../core/ports.ts';
import type { Briefing, Person, Reply } from '../../core/types.ts';
import { packMessages, sections, type SlackMessage } from './blocks.ts';
import { slackCall } from './delivery-errors.ts';
import { waitOutRateLimits } from '../wait-rate-limits.ts';
import { briefingHeader, fallback, renderReply } from './render.ts';
import { storyBlocks, storyDetailGroups } from './render-story.ts';

const DIGEST_NOTE = 'Each story has its own thread with its people, figures and sources. Mention Herald in a thread to ask about that story.';

export interface PostDeps {
  client: App['client'];
  services: Services;
  logger: Logger;
  /** Wraps each Web API call (rate limit, retries); default: wait out rate limits only. */
  run?: CallRunner;
  /** For the lost-answer check's time window; default the system clock. */
  clock?: Clock;
}

export const DIGEST_EVENT = 'herald_digest';
export const STORY_EVENT = 'herald_story';


interface Metadata {
  event_type: string;
  event_payload: Record<string, string | number>;
}

/** Messages this long before a lost answer are looked at when checking whether it went out. */
const LOST_ANSWER_LOOKBACK_MS = 60_000;

/** The ts of a top-level message in `channel` carrying exactly this keyed metadata, if any. */
async function alreadyPosted(deps: PostDeps, channel: string, metadata: Metadata, since: Date): Promise<string | undefined> {
  const history = await slackCall(() =>
    deps.client.conversations.history({ channel, limit: 50, include_all_metadata: true, oldest: ((since.getTime() - LOST_ANSWER_LOOKBACK_MS) / 1000).toFixed(6) }),
  );
  const wanted = JSON.stringify(metadata.event_payload);
  const found = (history.messages ?? []).find((m) => m.metadata?.event_type === metadata.event_type && JSON.stringify(m.metadata?.event_payload) === wanted);
  return found?.ts;
}

async function send(deps: PostDeps, channel: string, message: SlackMessage, extra: { thread_ts?: string; metadata?: Metadata } = {}): Promise<string> {
  const run = deps.run ?? waitOutRateLimits;
  const startedAt = deps.clock?.now() ?? new Date();
  // Slack has no idempotency key: when an answer was lost (network error, no HTTP status), the
  // message may have gone out, so a keyed message is looked for before it is sent again.
  let uncertain = false;
  const ts = await run(async () => {
    const keyed = extra.metadata?.event_payload.digest_key !== undefined;
    if (uncertain && keyed && extra.metadata) {
      const found = await alreadyPosted(deps, channel, extra.metadata, startedAt);
      if (found) return found;
    }
    try {
      const result = await slackCall(() =>
        deps.client.chat.postMessage({
          channel,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
          unfurl_media: false,
          ...(extra.thread_ts ? { thread_ts: extra.thread_ts } : {}),
          ...(extra.metadata ? { metadata: extra.metadata } : {}),
        }),
      );
      if (!result.ts) throw new Error(`chat.postMessage to ${channel} returned no ts`);
      return result.ts;
    } catch (error) {
      uncertain = error instanceof ChatDeliveryError && error.kind === 'transient' && error.status === undefined;
      throw error;
    }
  });
  return ts;
}

async function peopleOf(deps: PostDeps, storyId: string): Promise<Person[]> {
  try {
    return await deps.services.people(storyId);
  } catch (error) {
    deps.logger.warn({ err: error, storyId }, 'people lookup failed; the thread lists names only');
    return [];
  }
}

export async function postBriefing(deps: PostDeps, channel: string, briefing: Briefing, options: PostOptions = {}): Promise<PostedMessage> {
  const keyed: Record<string, string> = options.digestKey ? { digest_key: options.digestKey } : {};
  const resume = options.resume;
  let messageId = resume?.messageId;
  if (!messageId) {
    const digest = { event_type: DIGEST_EVENT, event_payload: { created_at: briefing.createdAt.toISOString(), stories: briefing.stories.length, ...keyed } };
    const headerGroups = [briefingHeader(briefing, briefing.stories.length ? DIGEST_NOTE : '')];
    if (!briefing.stories.length) headerGroups.push(sections(['No new stories since the last briefing.']));
    const [head] = packMessages(fallback(briefing.title || 'Herald briefing'), headerGroups);
    messageId = await send(deps, channel, head!, { metadata: digest });
  }
  const threads: Record<string, string> = { ...resume?.threads };
  for (const [index, story] of briefing.stories.entries()) {
    if (threads[story.id]) continue;
    const [main, ...overflow] = packMessages(fallback(`${index + 1}. ${story.headline}`), [storyBlocks(story, index)]);
    const ts = await send(deps, channel, main!, { metadata: { event_type: STORY_EVENT, event_payload: { story_id: story.id, digest_ts: messageId, ...keyed } } });
    threads[story.id] = ts;
    const details = storyDetailGroups(story, await peopleOf(deps, story.id));
    const replies = [...overflow, ...(details.length ? packMessages(fallback(`Details: ${story.headline}`), details) : [])];
    for (const reply of replies) await send(deps, channel, reply, { thread_ts: ts });
  }
  return { channelId: channel, messageId, threads };
}

export async function postReply(deps: PostDeps, channel: string, reply: Reply, options: PostOptions = {}): Promise<PostedMessage> {
  const withRun: PostDeps = options.run ? { ...deps, run: options.run } : deps;
  if (reply.kind === 'briefing') return postBriefing(withRun, channel, reply.briefing, options);
  const [first, ...rest] = renderReply(reply);
  const messageId = await send(withRun, channel, first!);
  for (const message of rest) await send(withRun, channel, message, { thread_ts: messageId });
  return { channelId: channel, messageId };
}
