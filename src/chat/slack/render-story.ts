/**
 * One story as Block Kit: the message people see in the channel (headline, bullets, sources with
 * their real host) and the details that go in its thread (people, key figures, every source).
 */
import type { Figure, Person, Story, StorySource } from '../../core/types.ts';
import { safeLink } from '../safe-text.ts';
import { context, sections, type SlackBlock } from './blocks.ts';
import { escapeMrkdwn, fitMrkdwn, linkToken } from './escape.ts';

/** A headline longer than this is cut: a section could hold more, nobody reads it. */
export const HEADLINE_MAX_CHARS = 300;
export const BULLET_MAX_CHARS = 1000;
/** Source links under a story in the channel; the thread lists them all. */
export const SOURCES_IN_MESSAGE = 4;
const DETAIL_LINE_MAX_CHARS = 1500;
/** A link token longer than this (a URL full of `&`) is left out rather than break the section limit. */
const LINK_MAX_CHARS = 1400;

/**
 * `<url|host>` for an http(s) URL, else undefined. The link is dropped unless the URL as sent still
 * parses to the host it shows (safeLink's encoding turns an IPv6 host's brackets into %5B…%5D).
 */
export function sourceLink(url: string): string | undefined {
  const link = safeLink(url);
  if (!link || showsOtherHost(link.url, link.host)) return undefined;
  const token = linkToken(link);
  return token.length <= LINK_MAX_CHARS ? token : undefined;
}

function showsOtherHost(url: string, host: string): boolean {
  try {
    return new URL(url).host !== host;
  } catch {
    return true;
  }
}

export function headlineText(story: Story, index?: number): string {
  const number = index === undefined ? '' : `${index + 1}. `;
  const headline = fitMrkdwn(story.headline, HEADLINE_MAX_CHARS) || '(untitled story)';
  return `*${number}${headline}*${story.update ? ' (update)' : ''}`;
}

function uniqueSources(sources: readonly StorySource[]): StorySource[] {
  const seen = new Set<string>();
  return sources.filter((s) => {
    const key = s.url || `${s.feed}\u0000${s.title}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Headline, bullets, then a context line with the topic and the first sources as `<url|host>` links. */
export function storyBlocks(story: Story, index?: number): SlackBlock[] {
  const bullets = story.bullets.map((b) => fitMrkdwn(b, BULLET_MAX_CHARS)).filter(Boolean).map((b) => `• ${b}`);
  const blocks = sections([headlineText(story, index), ...bullets]);
  const links = uniqueSources(story.sources).flatMap((s) => sourceLink(s.url) ?? []);
  const shown = links.slice(0, SOURCES_IN_MESSAGE);
  const more = links.length - shown.length;
  const topic = story.topic ? [fitMrkdwn(story.topic, 100)] : [];
  const elements = [...topic, ...shown, ...(more > 0 ? [`+${more} more in the thread`] : [])];
  if (elements.length) blocks.push(context(...elements));
  return blocks;
}

function personLine(person: Person): string {
  const about = [person.role, person.organisation].filter(Boolean).join(', ');
  return `• ${fitMrkdwn(`${person.name}${about ? ` (${about})` : ''}`, DETAIL_LINE_MAX_CHARS)}`;
}

export function figureLine(figure: Figure): string {
  const value = fitMrkdwn(figure.value, 200);
  const kind = escapeMrkdwn(figure.resolved ? `${figure.kind}, ${figure.resolved}` : figure.kind);
  return `• *${value}* (${kind}): ${fitMrkdwn(figure.context, DETAIL_LINE_MAX_CHARS)}`;
}

function sourceLine(source: StorySource): string {
  const label = fitMrkdwn([source.feed, source.title].filter(Boolean).join(': '), DETAIL_LINE_MAX_CHARS);
  return `• ${[label, sourceLink(source.url) ?? ''].filter(Boolean).join(' ')}`;
}

/**
 * The story's details for its thread, as groups of blocks: people (with role and organisation when
 * the index knows them), key figures with their sentence, every source. Empty when there is nothing.
 */
export function storyDetailGroups(story: Story, people: readonly Person[]): SlackBlock[][] {
  const known = people.length ? people : story.people.map((name): Person => ({ name, aliases: [], quotes: [], storyIds: [story.id] }));
  const groups: SlackBlock[][] = [];
  if (known.length) groups.push(sections(['*People*', ...known.map(personLine)]));
  if (story.figures.length) groups.push(sections(['*Key figures*', ...story.figures.map(figureLine)]));
  const sources = uniqueSources(story.sources).map(sourceLine).filter((line) => line !== '• ');
  if (sources.length) groups.push(sections([`*Sources (${sources.length})*`, ...sources]));
  return groups;
}
