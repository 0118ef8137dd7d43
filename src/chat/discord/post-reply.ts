/**
 * Posting to a channel. A briefing is a header message, then one message per story with a thread
 * started on it (`startThread`), into which go the story's people, key figures and every source.
 * Other replies are sent as their rendered messages.
 */
import { ChannelType, ThreadAutoArchiveDuration, type Client, type MessageCreateOptions, type SendableChannels } from 'discord.js';
import type { Services } from '../../core/command.ts';
import type { Logger, PostedMessage } from '../../core/ports.ts';
import type { Person, Reply } from '../../core/types.ts';
import { noMentions, type DiscordMessage } from './limits.ts';
import { renderDigest, renderReply, renderStoryThread } from './render.ts';

export interface PostDeps {
  client: Client;
  services: Services;
  logger: Logger;
}

export function messageOptions(message: DiscordMessage): MessageCreateOptions {
  return { ...(message.content ? { content: message.content } : {}), embeds: message.embeds, allowedMentions: noMentions() };
}

async function sendableChannel(client: Client, channelId: string): Promise<SendableChannels> {
  const channel = await client.channels.fetch(channelId);
  if (!channel?.isSendable()) throw new Error(`Discord channel ${channelId} is unknown or Herald cannot send messages there (check the invite permissions)`);
  return channel;
}

async function peopleOf(services: Services, storyId: string, logger: Logger): Promise<Person[]> {
  try {
    return await services.people(storyId);
  } catch (error) {
    logger.warn({ err: error, story: storyId }, 'people for a story thread unavailable; listing names only');
    return [];
  }
}

export async function postReply(deps: PostDeps, channelId: string, reply: Reply): Promise<PostedMessage> {
  const channel = await sendableChannel(deps.client, channelId);
  if (reply.kind !== 'briefing') {
    let first: string | undefined;
    for (const message of renderReply(reply)) first ??= (await channel.send(messageOptions(message))).id;
    return { channelId, messageId: first ?? '' };
  }
  const log = deps.logger.child({ channel: channelId });
  const plan = renderDigest(reply.briefing);
  const header = await channel.send(messageOptions(plan.header));
  const canThread = channel.type === ChannelType.GuildText || channel.type === ChannelType.GuildAnnouncement;
  const threads: Record<string, string> = {};
  for (const item of plan.stories) {
    const message = await channel.send(messageOptions(item.message));
    if (!canThread) continue;
    let thread;
    try {
      thread = await message.startThread({ name: item.threadName, autoArchiveDuration: ThreadAutoArchiveDuration.OneDay });
    } catch (error) {
      log.warn({ err: error, story: item.story.id }, 'could not open a thread for a story (needs Create Public Threads)');
      continue;
    }
    threads[item.story.id] = thread.id;
    try {
      for (const detail of renderStoryThread(item.story, await peopleOf(deps.services, item.story.id, log))) await thread.send(messageOptions(detail));
    } catch (error) {
      log.warn({ err: error, story: item.story.id, thread: thread.id }, 'could not post the story details in its thread (needs Send Messages in Threads)');
    }
  }
  return { channelId, messageId: header.id, threads };
}
