/**
 * Platform-neutral replies → Discord message bodies, each inside Discord's limits (2000 characters
 * of content, 256 per title, 4096 per description, 25 fields, 10 embeds and 6000 characters per
 * message) and each with `allowed_mentions: { parse: [] }`. All feed text goes through escape.ts.
 *
 * A reply may need several messages; the caller sends the first as the reply and the rest after it.
 */
import type { APIEmbed } from 'discord.js';
import type { Briefing, Figure, Person, Quote, Reply, Story, StoryRef } from '../../core/types.ts';
import { fitMarkdown } from './escape.ts';
import { chunkLines, CONTENT_MAX_CHARS, contentMessages, EMBED_DESCRIPTION_MAX_CHARS, EMBED_TITLE_MAX_CHARS, packMessages, type DiscordMessage } from './limits.ts';
import { EMBED_COLOR, hostLink, storyDetailEmbeds, storyEmbed, threadName } from './render-story.ts';

export type { DiscordMessage } from './limits.ts';

const TEXT_MESSAGES_MAX = 5;
const PERSON_QUOTES_MAX = 10;
const QUOTE_MAX_CHARS = 500;
/** Stories listed under "In the news"; the service sends about this many, this only bounds it. */
const PERSON_STORIES_MAX = 5;
const STORY_HEADLINE_MAX_CHARS = 300;
/** A quote names its story in a shorter headline than the list does. */
const QUOTE_HEADLINE_MAX_CHARS = 200;
const FIGURE_CONTEXT_MAX_CHARS = 500;
const TITLE_IN_CONTENT_MAX_CHARS = 200;

function describedEmbeds(title: string | undefined, lines: readonly string[]): APIEmbed[] {
  const chunks = chunkLines(lines, EMBED_DESCRIPTION_MAX_CHARS);
  if (chunks.length === 0) return title ? [{ title, color: EMBED_COLOR }] : [];
  return chunks.map((description, index) => ({ ...(index === 0 && title ? { title } : {}), description, color: EMBED_COLOR }));
}

function when(date: Date): string {
  if (Number.isNaN(date.getTime())) return '';
  return `${date.toLocaleString('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' })} UTC`;
}

/** The digest's first message: its title, time and story count. */
export function briefingHeader(briefing: Briefing): DiscordMessage {
  const count = briefing.stories.length;
  const parts = [`**${fitMarkdown(briefing.title, TITLE_IN_CONTENT_MAX_CHARS) || 'Herald briefing'}**`, when(briefing.createdAt), count ? `${count} ${count === 1 ? 'story' : 'stories'}` : 'no new stories'];
  return { content: parts.filter(Boolean).join(' · '), embeds: [], allowed_mentions: { parse: [] } };
}

export interface DigestPlan {
  header: DiscordMessage;
  /** One message per story, on which a thread is started, and what goes into that thread. */
  stories: { story: Story; message: DiscordMessage; threadName: string }[];
}

/** A digest posted to a channel: a header, then one card per story (threads are opened on them). */
export function renderDigest(briefing: Briefing): DigestPlan {
  return {
    header: briefingHeader(briefing),
    stories: briefing.stories.map((story) => ({
      story,
      message: { embeds: [storyEmbed(story, { sources: 3, more: 'in the thread' })], allowed_mentions: { parse: [] } },
      threadName: threadName(story),
    })),
  };
}

/** What goes into a story's thread: people, key figures and all sources. */
export function renderStoryThread(story: Story, people: readonly Person[]): DiscordMessage[] {
  return packMessages(undefined, storyDetailEmbeds(story, people));
}

/**
 * A story a person reply cites: its headline in italics, then a `[host](url)` link to its article.
 * The link label stays the real host, never the headline (a feed could title a story "bank.example"
 * and link elsewhere), so the headline is shown beside the link rather than as its label.
 */
function storyRefText(story: StoryRef, max: number): string {
  const headline = `*${fitMarkdown(story.headline, max) || 'untitled story'}*`;
  const link = story.url ? hostLink(story.url) : undefined;
  return link ? `${headline} · ${link}` : headline;
}

function quoteLine(quote: Quote, story: StoryRef | undefined): string {
  const kind = quote.kind === 'direct' ? '' : ` (${quote.kind})`;
  const where = story ? ` — in ${storyRefText(story, QUOTE_HEADLINE_MAX_CHARS)}` : '';
  return `“${fitMarkdown(quote.text, QUOTE_MAX_CHARS)}”${kind}${where}`;
}

/** Who the person is, what they said and where, and the stories they are in (`stories` newest first). */
function personEmbeds(person: Person, stories: readonly StoryRef[]): APIEmbed[] {
  const lines: string[] = [];
  const role = [person.role, person.organisation].filter(Boolean).join(', ');
  if (role) lines.push(fitMarkdown(role, 500));
  if (person.aliases.length) lines.push(`Also known as: ${fitMarkdown(person.aliases.join(', '), 500)}`);
  const byId = new Map(stories.map((story) => [story.id, story]));
  const quotes = person.quotes.filter((q) => q.text).slice(0, PERSON_QUOTES_MAX);
  if (quotes.length) lines.push('', '**Latest quotes**', ...quotes.map((q) => quoteLine(q, byId.get(q.storyId))));
  const inTheNews = stories.slice(0, PERSON_STORIES_MAX).map((story) => `• ${storyRefText(story, STORY_HEADLINE_MAX_CHARS)}`);
  if (inTheNews.length) lines.push('', '**In the news:**', ...inTheNews);
  if (person.storyIds.length) lines.push('', `In ${person.storyIds.length} ${person.storyIds.length === 1 ? 'story' : 'stories'}.`);
  return describedEmbeds(fitMarkdown(person.name, EMBED_TITLE_MAX_CHARS) || 'Unknown', lines);
}

function figureLine(figure: Figure): string {
  const kind = figure.resolved ? `${figure.kind}, ${figure.resolved}` : figure.kind;
  return `• **${fitMarkdown(figure.value, 100)}** (${fitMarkdown(kind, 60)}): ${fitMarkdown(figure.context, FIGURE_CONTEXT_MAX_CHARS)}`;
}

function textMessages(text: string): DiscordMessage[] {
  const lines = text.split(/\r\n?|\n/).map((line) => fitMarkdown(line, CONTENT_MAX_CHARS));
  const messages = contentMessages(lines, TEXT_MESSAGES_MAX);
  return messages.length ? messages : [{ content: '(no text)', embeds: [], allowed_mentions: { parse: [] } }];
}

/** Any reply as one or more messages (a briefing here is the compact form for a command reply). */
export function renderReply(reply: Reply): DiscordMessage[] {
  switch (reply.kind) {
    case 'text':
      return textMessages(reply.text);
    case 'person':
      return packMessages(undefined, personEmbeds(reply.person, reply.stories ?? []));
    case 'figures':
      return packMessages(undefined, describedEmbeds(fitMarkdown(reply.title ?? 'Key figures', EMBED_TITLE_MAX_CHARS), reply.figures.length ? reply.figures.map(figureLine) : ['No key figures.']));
    case 'stories': {
      const title = reply.title ? `**${fitMarkdown(reply.title, TITLE_IN_CONTENT_MAX_CHARS)}**` : undefined;
      const embeds = reply.stories.map((story) => storyEmbed(story, { sources: 5, more: 'more', people: true }));
      return embeds.length ? packMessages(title, embeds) : textMessages('No stories.');
    }
    case 'briefing': {
      const header = briefingHeader(reply.briefing).content;
      return packMessages(header, reply.briefing.stories.map((story) => storyEmbed(story, { sources: 3, more: 'more' })));
    }
  }
}
