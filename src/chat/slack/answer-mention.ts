/**
 * Questions: mentioning Herald inside a story's thread asks about that story. The answer comes from
 * the story's people, quotes and figures (Services.answer) and is posted in the same thread.
 * Anywhere else Herald replies in a thread with a short hint.
 */
import { randomUUID } from 'node:crypto';
import type { App } from '@slack/bolt';
import type { Services } from '../../core/command.ts';
import type { Logger } from '../../core/ports.ts';
import { renderText } from './render.ts';

export const HINT_TEXT = "Ask me inside a story's thread: every story in the digest has one. For example: what did they say? how much? Or try /brief, /who or /help.";
const EMPTY_QUESTION_TEXT = 'What would you like to know about this story? For example: who said what, or how much.';

export interface MentionEvent {
  channel: string;
  ts: string;
  thread_ts?: string;
  text: string;
  user?: string;
}

/** Slack message text (entities, `<@U…>`, `<url|label>`, `<#C…|name>`) → the plain question. */
export function questionText(text: string): string {
  return text
    .replace(/<@[A-Z0-9]+(?:\|[^>]*)?>/g, ' ')
    .replace(/<#[A-Z0-9]+\|([^>]*)>/g, '#$1')
    .replace(/<(?:https?:|mailto:)[^|>]*\|([^>]*)>/g, '$1')
    .replace(/<((?:https?:|mailto:)[^>]*)>/g, '$1')
    .replace(/<![^>]*>/g, ' ')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();
}

export async function answerMention(event: MentionEvent, deps: { services: Services; client: App['client']; logger: Logger }): Promise<void> {
  const thread = event.thread_ts ?? event.ts;
  const log = deps.logger.child({ channel: event.channel, thread });
  let text: string;
  try {
    const storyId = event.thread_ts ? await deps.services.storyForThread(event.channel, event.thread_ts) : undefined;
    const question = questionText(event.text);
    if (!storyId) text = HINT_TEXT;
    else if (!question) text = EMPTY_QUESTION_TEXT;
    else text = await deps.services.answer(storyId, question);
  } catch (error) {
    const id = randomUUID().slice(0, 8);
    log.error({ err: error, errorId: id }, 'could not answer a question in a thread');
    text = `Sorry, I could not answer that (error ${id}). Please try again in a moment.`;
  }
  for (const message of renderText(text)) {
    await deps.client.chat.postMessage({ channel: event.channel, thread_ts: thread, text: message.text, blocks: message.blocks, unfurl_links: false, unfurl_media: false });
  }
}
