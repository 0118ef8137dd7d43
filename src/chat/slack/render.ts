/**
 * Platform-neutral replies → Slack messages (Block Kit within its limits). Every piece of text that
 * could come from a feed or a user goes through escape.ts; links are `<url|host>` with the real host.
 *
 * A reply too long for one message becomes several; the caller sends them in order (a command via
 * its response_url, a post as a message and then replies in its thread).
 */
import type { Briefing, Figure, Person, Quote, Reply, Story, StoryRef } from '../../core/types.ts';
import { context, divider, header, MAX_FALLBACK_CHARS, MAX_HEADER_CHARS, packMessages, sections, type SlackBlock, type SlackMessage } from './blocks.ts';
import { fitMrkdwn, fitPlainText } from './escape.ts';
import { figureLine, HEADLINE_MAX_CHARS, sourceLink, storyBlocks } from './render-story.ts';

const QUOTES_SHOWN = 5;
/** Stories listed under "In the news"; the service sends about this many, this only bounds it. */
const STORIES_SHOWN = 5;
/** A quote names its story in a shorter headline than the list does. */
const QUOTE_HEADLINE_MAX_CHARS = 200;
const LINE_MAX_CHARS = 2900;

export function renderReply(reply: Reply): SlackMessage[] {
  switch (reply.kind) {
    case 'briefing':
      return renderBriefing(reply.briefing);
    case 'person':
      return renderPerson(reply.person, reply.stories);
    case 'figures':
      return renderFigures(reply.figures, reply.title);
    case 'stories':
      return renderStories(reply.stories, reply.title);
    case 'text':
      return renderText(reply.text);
  }
}

export function fallback(raw: string): string {
  return fitMrkdwn(raw, MAX_FALLBACK_CHARS) || 'Herald';
}

export function renderText(raw: string): SlackMessage[] {
  const lines = raw.split(/\r?\n/).map((line) => fitMrkdwn(line, LINE_MAX_CHARS));
  return packMessages(fallback(raw), [sections(lines)]);
}

/** The header of a digest: its title as a header block and a line on what follows. */
export function briefingHeader(briefing: Briefing, note: string): SlackBlock[] {
  const when = briefing.createdAt.toISOString().slice(0, 16).replace('T', ' ');
  const count = briefing.stories.length;
  const summary = `${count} ${count === 1 ? 'story' : 'stories'} · ${when} UTC${briefing.since ? ` · since ${briefing.since.toISOString().slice(0, 16).replace('T', ' ')} UTC` : ''}`;
  return [header(fitPlainText(briefing.title || 'Herald briefing', MAX_HEADER_CHARS) || 'Herald briefing'), context(summary, ...(note ? [note] : []))];
}

/** A whole briefing as a command reply: header, then each story with its bullets and sources. */
export function renderBriefing(briefing: Briefing): SlackMessage[] {
  const text = fallback(`${briefing.title}: ${briefing.stories.length} stories`);
  if (briefing.stories.length === 0) {
    return packMessages(text, [briefingHeader(briefing, ''), sections(['No new stories since the last briefing.'])]);
  }
  const groups = briefing.stories.map((story, index) => [divider, ...storyBlocks(story, index)]);
  return packMessages(text, [briefingHeader(briefing, ''), ...groups]);
}

/**
 * A story a person reply cites: its headline in italics, then a `<url|host>` link to its article.
 * The link label stays the real host, never the headline (a feed could title a story "bank.example"
 * and link elsewhere), so the headline is shown beside the link rather than as its label.
 */
function storyRefText(story: StoryRef, max: number): string {
  const headline = `_${fitMrkdwn(story.headline, max) || 'untitled story'}_`;
  const link = story.url ? sourceLink(story.url) : undefined;
  return link ? `${headline} ${link}` : headline;
}

function quoteLine(quote: Quote, story: StoryRef | undefined): string {
  const kind = quote.kind === 'direct' ? '' : ` (${quote.kind})`;
  const where = story ? ` — in ${storyRefText(story, QUOTE_HEADLINE_MAX_CHARS)}` : '';
  return `• “${fitMrkdwn(quote.text, 1000)}”${kind}${where}`;
}

/** Who the person is, what they said and where, and the stories they are in (`stories` newest first). */
export function renderPerson(person: Person, stories: readonly StoryRef[] = []): SlackMessage[] {
  const about = [person.role, person.organisation].filter(Boolean).join(', ');
  const lines = [`*${fitMrkdwn(person.name, 200)}*`];
  if (about) lines.push(fitMrkdwn(about, 500));
  if (person.aliases.length) lines.push(`Also known as: ${fitMrkdwn(person.aliases.join(', '), 500)}`);
  const byId = new Map(stories.map((story) => [story.id, story]));
  const quotes = person.quotes.slice(0, QUOTES_SHOWN).map((q) => quoteLine(q, byId.get(q.storyId)));
  const inTheNews = stories.slice(0, STORIES_SHOWN).map((story) => `• ${storyRefText(story, HEADLINE_MAX_CHARS)}`);
  const groups = [sections(lines), ...(quotes.length ? [sections(['*Latest quotes*', ...quotes])] : [])];
  if (inTheNews.length) groups.push(sections(['*In the news:*', ...inTheNews]));
  const count = person.storyIds.length;
  if (count) groups.push([context(`In ${count} ${count === 1 ? 'story' : 'stories'}`)]);
  return packMessages(fallback(person.name), groups);
}

export function renderFigures(figures: readonly Figure[], title?: string): SlackMessage[] {
  const heading = `*${fitMrkdwn(title ?? 'Key figures', 200) || 'Key figures'}*`;
  if (figures.length === 0) return packMessages(fallback(title ?? 'Key figures'), [sections([heading, 'No key figures found.'])]);
  return packMessages(fallback(title ?? 'Key figures'), [sections([heading, ...figures.map(figureLine)])]);
}

export function renderStories(stories: readonly Story[], title?: string): SlackMessage[] {
  const text = fallback(title ?? stories[0]?.headline ?? 'Stories');
  const groups: SlackBlock[][] = title ? [sections([`*${fitMrkdwn(title, 200)}*`])] : [];
  if (stories.length === 0) groups.push(sections(['No matching stories.']));
  stories.forEach((story, index) => groups.push([...(index || title ? [divider] : []), ...storyBlocks(story, stories.length > 1 ? index : undefined)]));
  // One story on its own (/story) also names its people.
  const only = stories.length === 1 ? stories[0] : undefined;
  if (only?.people.length) groups.push(sections([`People: ${fitMrkdwn(only.people.join(', '), 2000)}`]));
  return packMessages(text, groups);
}
