/**
 * Posting to a channel. A digest is a header message, then one message per story whose ts becomes
 * that story's thread; the story's details (people, key figures, every source) and anything that did
 * not fit in its message go in that thread. Other replies are one message, continued in its thread.
 *
 * Every message carries metadata (event_type herald_digest / herald_story) so a later reconcile step
 * can find, in conversations.history, which stories of a digest already went out.
 */
import type { App } from '@slack/bolt';
import type { Services } from '../../core/command.ts';
import type { Logger, PostedMessage } from '../../core/ports.ts';
import type { Briefing, Person, Reply } from '../../core/types.ts';
import { packMessages, sections, type SlackMessage } from './blocks.ts';
import { briefingHeader, fallback, renderReply } from './render.ts';
import { storyBlocks, storyDetailGroups } from './render-story.ts';

const DIGEST_NOTE = 'Each story has its own thread with its people, figures and sources. Mention Herald in a thread to ask about that story.';

export interface PostDeps {
  client: App['client'];
  services: Services;
  logger: Logger;
}

interface Metadata {
  event_type: string;
  event_payload: Record<string, string | number>;
}

async function send(deps: PostDeps, channel: string, message: SlackMessage, extra: { thread_ts?: string; metadata?: Metadata } = {}): Promise<string> {
  const result = await deps.client.chat.postMessage({
    channel,
    text: message.text,
    blocks: message.blocks,
    unfurl_links: false,
    unfurl_media: false,
    ...(extra.thread_ts ? { thread_ts: extra.thread_ts } : {}),
    ...(extra.metadata ? { metadata: extra.metadata } : {}),
  });
  if (!result.ts) throw new Error(`chat.postMessage to ${channel} returned no ts`);
  return result.ts;
}

async function peopleOf(deps: PostDeps, storyId: string): Promise<Person[]> {
  try {
    return await deps.services.people(storyId);
  } catch (error) {
    deps.logger.warn({ err: error, storyId }, 'people lookup failed; the thread lists names only');
    return [];
  }
}

export async function postBriefing(deps: PostDeps, channel: string, briefing: Briefing): Promise<PostedMessage> {
  const digest = { event_type: 'herald_digest', event_payload: { created_at: briefing.createdAt.toISOString(), stories: briefing.stories.length } };
  const headerGroups = [briefingHeader(briefing, briefing.stories.length ? DIGEST_NOTE : '')];
  if (!briefing.stories.length) headerGroups.push(sections(['No new stories since the last briefing.']));
  const [head] = packMessages(fallback(briefing.title || 'Herald briefing'), headerGroups);
  const messageId = await send(deps, channel, head!, { metadata: digest });
  const threads: Record<string, string> = {};
  for (const [index, story] of briefing.stories.entries()) {
    const [main, ...overflow] = packMessages(fallback(`${index + 1}. ${story.headline}`), [storyBlocks(story, index)]);
    const ts = await send(deps, channel, main!, { metadata: { event_type: 'herald_story', event_payload: { story_id: story.id, digest_ts: messageId } } });
    threads[story.id] = ts;
    const details = storyDetailGroups(story, await peopleOf(deps, story.id));
    const replies = [...overflow, ...(details.length ? packMessages(fallback(`Details: ${story.headline}`), details) : [])];
    for (const reply of replies) await send(deps, channel, reply, { thread_ts: ts });
  }
  return { channelId: channel, messageId, threads };
}

export async function postReply(deps: PostDeps, channel: string, reply: Reply): Promise<PostedMessage> {
  if (reply.kind === 'briefing') return postBriefing(deps, channel, reply.briefing);
  const [first, ...rest] = renderReply(reply);
  const messageId = await send(deps, channel, first!);
  for (const message of rest) await send(deps, channel, message, { thread_ts: messageId });
  return { channelId: channel, messageId };
}
