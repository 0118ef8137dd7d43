/**
 * A question in a story thread: a message that mentions the bot, inside a thread Herald opened,
 * gets an answer from that story in the same thread.
 *
 * Threads are keyed as post() returns them: (parent channel id, thread id). A thread started on a
 * message has that message's id, so the key also matches a record made from the story message.
 */
import type { Message } from 'discord.js';
import type { Services } from '../../core/command.ts';
import type { Logger } from '../../core/ports.ts';
import { fitMarkdown } from './escape.ts';
import { CONTENT_MAX_CHARS, noMentions } from './limits.ts';

const QUESTION_MAX_CHARS = 500;
const HINT = 'Ask me about this story, e.g. "what did they say?" or "how much?".';

export interface MentionDeps {
  services: Services;
  logger: Logger;
  botUserId: string;
}

/** The message text without the bot's mentions, whitespace collapsed. */
export function questionText(content: string, botUserId: string): string {
  const id = botUserId.replace(/[^\w]/g, '');
  return content.replace(new RegExp(`<@!?${id}>`, 'g'), ' ').replace(/\s+/g, ' ').trim().slice(0, QUESTION_MAX_CHARS);
}

export async function answerMention(message: Message, deps: MentionDeps): Promise<void> {
  if (message.author.bot || message.webhookId) return;
  if (!message.mentions.users.has(deps.botUserId)) return;
  let channel = message.channel;
  // An uncached thread arrives as a bare channel (id and type only): fetch it to learn its parent.
  if (channel.isThread() && !channel.parentId) channel = await channel.fetch();
  if (!channel.isThread() || !channel.parentId) return;
  const storyId = await deps.services.storyForThread(channel.parentId, channel.id);
  const log = deps.logger.child({ thread: channel.id, channel: channel.parentId, story: storyId });
  if (!storyId) {
    log.debug('mention in a thread Herald did not open; ignored');
    return;
  }
  const question = questionText(message.content, deps.botUserId);
  let text: string;
  if (!question) text = HINT;
  else {
    try {
      text = fitMarkdown(await deps.services.answer(storyId, question), CONTENT_MAX_CHARS, { multiline: true }) || 'I could not find an answer in this story.';
    } catch (error) {
      log.error({ err: error }, 'answering a question failed');
      text = 'Sorry, I could not answer that just now. Please try again in a moment.';
    }
  }
  await message.reply({ content: text, allowedMentions: { ...noMentions(), repliedUser: false }, failIfNotExists: false });
  log.info('question answered');
}
