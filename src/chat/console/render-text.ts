/**
 * Plain-text rendering of replies for the terminal and the console adapter.
 * Feed text is already free of markup and control characters; this only lays it out.
 */
import type { Briefing, Figure, Person, Reply, Story, StoryRef } from '../../core/types.ts';
import { safeLink } from '../safe-text.ts';

/** Stories listed under "In the news"; the service sends about this many, this only bounds it. */
const STORIES_SHOWN = 5;

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return '';
  }
}

export function renderStoryText(story: Story, index?: number): string {
  const lines: string[] = [];
  const prefix = index === undefined ? '' : `${index + 1}. `;
  lines.push(`${prefix}${story.update ? '[update] ' : ''}${story.headline}`);
  for (const bullet of story.bullets) lines.push(`   • ${bullet}`);
  const sources = story.sources.map((s) => `${s.feed || hostOf(s.url)}${s.url ? ` <${s.url}>` : ''}`);
  if (sources.length === 1) lines.push(`   Source: ${sources[0]}`);
  else if (sources.length > 1) lines.push(`   Sources (${sources.length}): ${sources.join(', ')}`);
  return lines.join('\n');
}

export function renderBriefingText(briefing: Briefing): string {
  const header = `${briefing.title} (${briefing.createdAt.toISOString().slice(0, 16).replace('T', ' ')} UTC)`;
  if (briefing.stories.length === 0) return `${header}\n\nNo new stories.`;
  const blocks: string[] = [header];
  let topic: string | undefined;
  briefing.stories.forEach((story, index) => {
    if (story.topic && story.topic !== topic) {
      topic = story.topic;
      blocks.push(`== ${topic[0]!.toUpperCase()}${topic.slice(1)} ==`);
    }
    blocks.push(renderStoryText(story, index));
  });
  return blocks.join('\n\n');
}

/** A story as a person reply cites it: the headline, then its link when it is http(s). */
function storyRefText(story: StoryRef): string {
  const link = safeLink(story.url)?.url;
  return `${story.headline || 'untitled story'}${link ? ` <${link}>` : ''}`;
}

/** Who the person is, what they said and where, and the stories they are in (`stories` newest first). */
export function renderPersonText(person: Person, stories: readonly StoryRef[] = []): string {
  const lines = [person.name];
  const role = [person.role, person.organisation].filter(Boolean).join(', ');
  if (role) lines.push(`   ${role}`);
  if (person.aliases.length) lines.push(`   Also: ${person.aliases.join(', ')}`);
  const byId = new Map(stories.map((story) => [story.id, story]));
  for (const quote of person.quotes.slice(0, 5)) {
    const story = byId.get(quote.storyId);
    lines.push(`   “${quote.text}” (${quote.kind})${story ? ` — in ${storyRefText(story)}` : ''}`);
  }
  if (stories.length) lines.push('   In the news:', ...stories.slice(0, STORIES_SHOWN).map((story) => `   • ${storyRefText(story)}`));
  if (person.storyIds.length) lines.push(`   In ${person.storyIds.length} ${person.storyIds.length === 1 ? 'story' : 'stories'}`);
  return lines.join('\n');
}

export function renderFiguresText(figures: Figure[]): string {
  if (figures.length === 0) return 'No key figures.';
  return figures.map((f) => `• ${f.value} (${f.kind}${f.resolved ? `, ${f.resolved}` : ''}): ${f.context}`).join('\n');
}

export function renderReplyText(reply: Reply): string {
  switch (reply.kind) {
    case 'briefing':
      return renderBriefingText(reply.briefing);
    case 'person':
      return renderPersonText(reply.person, reply.stories);
    case 'figures':
      return `${reply.title ? `${reply.title}\n` : ''}${renderFiguresText(reply.figures)}`;
    case 'stories':
      return [reply.title, ...reply.stories.map((s, i) => renderStoryText(s, i))].filter(Boolean).join('\n\n');
    case 'text':
      return reply.text;
  }
}
