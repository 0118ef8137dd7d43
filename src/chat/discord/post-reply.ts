/**
 * Posting to a channel over REST. A briefing is a header message, then one message per story with a
 * thread started on it, into which go the story's people, key figures and every source. Other
 * replies are sent as their rendered messages.
 *
 * Delivery uses a REST client of its own that neither retries nor waits out rate limits (see
 * adapter.ts): each call goes through `run` (the deliver stage's rate limit and retry policy) and
 * fails as a classified ChatDeliveryError. With a digest key, the header carries a small
 * `ref <key>` line and each story card a `<key> · n/total` footer, so find-digest.ts can read a digest
 * back after a crash; every message also carries a nonce with `enforce_nonce`, so Discord itself
 * drops a retried message whose first try did arrive.
 */
import { Routes, ThreadAutoArchiveDuration, type REST } from 'discord.js';
import type { Services } from '../../core/command.ts';
import { ChatDeliveryError } from '../../core/errors.ts';
import type { CallRunner, Logger, PostedMessage, PostOptions } from '../../core/ports.ts';
import type { Briefing, Person, Reply } from '../../core/types.ts';
import { discordCall } from './delivery-errors.ts';
import { waitOutRateLimits } from '../wait-rate-limits.ts';
import type { DiscordMessage } from './limits.ts';
import { renderDigest, renderReply, renderStoryThread } from './render.ts';

export interface PostDeps {
  rest: REST;
  services: Services;
  logger: Logger;
  run?: CallRunner;
}

/** Discord keeps nonces to 25 characters. */
const NONCE_MAX_CHARS = 25;


/** The footer of a story card in a keyed digest: `<key> · n/total`. */
export function storyMarker(key: string, index: number, total: number): string {
  return `${key} · ${index + 1}/${total}`;
}

/** The last line of a keyed digest's header. */
export function headerMarker(key: string): string {
  return `-# ref ${key}`;
}

async function send(deps: PostDeps, channelId: string, message: DiscordMessage, nonce?: string): Promise<string> {
  const body = { ...message, ...(nonce && nonce.length <= NONCE_MAX_CHARS ? { nonce, enforce_nonce: true } : {}) };
  const sent = (await (deps.run ?? waitOutRateLimits)(() => discordCall(() => deps.rest.post(Routes.channelMessages(channelId), { body })))) as { id: string };
  return sent.id;
}

async function peopleOf(services: Services, storyId: string, logger: Logger): Promise<Person[]> {
  try {
    return await services.people(storyId);
  } catch (error) {
    logger.warn({ err: error, story: storyId }, 'people for a story thread unavailable; listing names only');
    return [];
  }
}

/** A thread that cannot be opened (channel type, permission) is not worth failing the digest for. */
function threadRefused(error: unknown): boolean {
  return error instanceof ChatDeliveryError && (error.kind === 'permanent' || error.kind === 'rejected');
}

async function postBriefing(deps: PostDeps, channelId: string, briefing: Briefing, options: PostOptions): Promise<PostedMessage> {
  const log = deps.logger.child({ channel: channelId });
  const run = deps.run ?? waitOutRateLimits;
  const key = options.digestKey;
  const plan = renderDigest(briefing);
  let messageId = options.resume?.messageId;
  if (!messageId) {
    const header = key ? { ...plan.header, content: `${plan.header.content ?? ''}\n${headerMarker(key)}` } : plan.header;
    messageId = await send(deps, channelId, header, key && `${key}.h`);
  }
  const threads: Record<string, string> = { ...options.resume?.threads };
  let canThread = true;
  for (const [index, item] of plan.stories.entries()) {
    if (threads[item.story.id]) continue;
    const card = key ? { ...item.message, embeds: item.message.embeds.map((e, i) => (i === 0 ? { ...e, footer: { text: storyMarker(key, index, plan.stories.length) } } : e)) } : item.message;
    const storyMessage = await send(deps, channelId, card, key && `${key}.s${index}`);
    threads[item.story.id] = storyMessage;
    if (!canThread) continue;
    let thread: string;
    try {
      const body = { name: item.threadName, auto_archive_duration: ThreadAutoArchiveDuration.OneDay };
      thread = ((await run(() => discordCall(() => deps.rest.post(Routes.threads(channelId, storyMessage), { body })))) as { id: string }).id;
    } catch (error) {
      if (!threadRefused(error)) throw error;
      log.warn({ err: error, story: item.story.id }, 'could not open a thread for a story (needs Create Public Threads, in a text or announcement channel)');
      canThread = false;
      continue;
    }
    threads[item.story.id] = thread;
    try {
      const details = renderStoryThread(item.story, await peopleOf(deps.services, item.story.id, log));
      for (const [part, detail] of details.entries()) await send(deps, thread, detail, key && `${key}.t${index}.${part}`);
    } catch (error) {
      if (!threadRefused(error)) throw error;
      log.warn({ err: error, story: item.story.id, thread }, 'could not post the story details in its thread (needs Send Messages in Threads)');
    }
  }
  return { channelId, messageId, threads };
}

export async function postReply(deps: PostDeps, channelId: string, reply: Reply, options: PostOptions = {}): Promise<PostedMessage> {
  const withRun: PostDeps = options.run ? { ...deps, run: options.run } : deps;
  if (reply.kind === 'briefing') return postBriefing(withRun, channelId, reply.briefing, options);
  let first: string | undefined;
  for (const message of renderReply(reply)) {
    const id = await send(withRun, channelId, message);
    first ??= id;
  }
  return { channelId, messageId: first ?? '' };
}
