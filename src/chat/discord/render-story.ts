/**
 * One story as Discord embeds: the story card (headline, bullets, a few sources) and the details
 * that go into its thread (people, key figures, every source).
 *
 * Links are only ever `[host](url)` built from {@link safeLink}: the label is the URL's real host,
 * never feed text, and a source whose URL is not http(s) is shown without a link.
 */
import type { APIEmbed } from 'discord.js';
import type { Person, Story, StorySource } from '../../core/types.ts';
import { safeLink } from '../safe-text.ts';
import { fitMarkdown, fitPlain } from './escape.ts';
import { chunkLines, EMBED_DESCRIPTION_MAX_CHARS, EMBED_TITLE_MAX_CHARS, embedsFromFields, fieldsFromLines, THREAD_NAME_MAX_CHARS } from './limits.ts';

export const EMBED_COLOR = 0x2b6cb0;
const BULLET_MAX_CHARS = 700;
const SOURCE_TITLE_MAX_CHARS = 200;
const FEED_NAME_MAX_CHARS = 80;
const QUOTE_MAX_CHARS = 400;
const CONTEXT_MAX_CHARS = 400;
/** More than this many sources in one thread would be noise; the rest are counted. */
const THREAD_SOURCES_MAX = 40;
const THREAD_PEOPLE_MAX = 20;
const THREAD_FIGURES_MAX = 30;

/** `[host](url)` with the real host as its label, or undefined for a URL that is not safe to link. */
export function hostLink(url: string): string | undefined {
  const link = safeLink(url);
  return link ? `[${fitMarkdown(link.host, 253)}](${link.url})` : undefined;
}

function sourceLabel(source: StorySource): string {
  return hostLink(source.url) ?? (fitMarkdown(source.feed, FEED_NAME_MAX_CHARS) || 'source');
}

function sourcesLine(sources: readonly StorySource[], shown: number, more: string): string | undefined {
  if (sources.length === 0) return undefined;
  const labels = sources.slice(0, shown).map(sourceLabel);
  const rest = sources.length - labels.length;
  return `${sources.length === 1 ? 'Source' : 'Sources'}: ${labels.join(' · ')}${rest > 0 ? ` (+${rest} ${more})` : ''}`;
}

function headline(story: Story, max: number): string {
  const prefix = story.update ? 'Update: ' : '';
  return `${prefix}${fitMarkdown(story.headline, max - prefix.length) || 'Untitled story'}`;
}

export interface StoryEmbedOptions {
  /** Sources linked on the card; the rest are counted. */
  sources: number;
  /** Where the other sources are, e.g. "in the thread". */
  more: string;
  /** Also list the story's people by name. */
  people?: boolean;
}

/** The story card: headline, bullets and a few sources, within the description limit. */
export function storyEmbed(story: Story, options: StoryEmbedOptions): APIEmbed {
  const lines = story.bullets.map((b) => fitMarkdown(b, BULLET_MAX_CHARS)).filter(Boolean).map((b) => `• ${b}`);
  if (options.people && story.people.length) lines.push(`People: ${fitMarkdown(story.people.join(', '), 500)}`);
  const sources = sourcesLine(story.sources, options.sources, options.more);
  if (sources) lines.push('', sources);
  const description = chunkLines(lines, EMBED_DESCRIPTION_MAX_CHARS)[0];
  const time = story.firstSeen instanceof Date && !Number.isNaN(story.firstSeen.getTime()) ? story.firstSeen.toISOString() : undefined;
  return {
    title: headline(story, EMBED_TITLE_MAX_CHARS),
    color: EMBED_COLOR,
    ...(description ? { description } : {}),
    ...(time ? { timestamp: time } : {}),
  };
}

/** The thread's name: plain text (Discord parses no markdown there), within 100 characters. */
export function threadName(story: Story): string {
  return fitPlain(story.headline, THREAD_NAME_MAX_CHARS) || 'Story';
}

function personLine(person: Person): string[] {
  const role = [person.role, person.organisation].filter(Boolean).join(', ');
  const lines = [`**${fitMarkdown(person.name, 100)}**${role ? ` — ${fitMarkdown(role, 300)}` : ''}`];
  const quote = person.quotes.find((q) => q.text);
  if (quote) lines.push(`“${fitMarkdown(quote.text, QUOTE_MAX_CHARS)}”`);
  return lines;
}

/**
 * The thread's details: people (from the people index when given, else the story's names), key
 * figures with their context, and every source. Always at least one embed.
 */
export function storyDetailEmbeds(story: Story, people: readonly Person[]): APIEmbed[] {
  const peopleLines = people.length
    ? people.slice(0, THREAD_PEOPLE_MAX).flatMap(personLine)
    : story.people.slice(0, THREAD_PEOPLE_MAX).map((name) => `**${fitMarkdown(name, 100)}**`);
  const figureLines = story.figures.slice(0, THREAD_FIGURES_MAX).map((f) => `**${fitMarkdown(f.value, 100)}** — ${fitMarkdown(f.context, CONTEXT_MAX_CHARS)}`);
  const sourceLines = story.sources.slice(0, THREAD_SOURCES_MAX).map((s) => {
    const title = fitMarkdown(s.title, SOURCE_TITLE_MAX_CHARS);
    const feed = fitMarkdown(s.feed, FEED_NAME_MAX_CHARS);
    return [feed, hostLink(s.url), title].filter(Boolean).join(' · ') || 'source';
  });
  if (story.sources.length > THREAD_SOURCES_MAX) sourceLines.push(`… and ${story.sources.length - THREAD_SOURCES_MAX} more`);
  const fields = [...fieldsFromLines('People', peopleLines), ...fieldsFromLines('Key figures', figureLines), ...fieldsFromLines('Sources', sourceLines)];
  const head: APIEmbed = { title: `Details: ${fitMarkdown(story.headline, EMBED_TITLE_MAX_CHARS - 9) || 'this story'}`, color: EMBED_COLOR };
  if (fields.length === 0) head.description = 'No further details yet. Mention me here to ask about this story.';
  return embedsFromFields(head, fields);
}
