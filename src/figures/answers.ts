/**
 * The answers behind `/who`, `/figures`, `/story` and `/search`, over a NewsIndex. Decides which
 * person a name means: the full name, else the one person who goes by it, else a clear favourite;
 * otherwise it answers with "Did you mean ..." suggestions instead of guessing.
 */
import type { PersonAnswer, Services } from '../core/command.ts';
import { nameKey } from '../core/name-match.ts';
import type { NewsIndex, PersonMatch } from '../core/ports.ts';
import type { Person, Quote, Story, StoryRef } from '../core/types.ts';

export type FigureAnswers = Pick<Services, 'person' | 'people' | 'figures' | 'suggestPeople' | 'findStory' | 'searchStories'>;

/** Matches weighed for one `/who`. */
const CANDIDATES = 10;
const QUOTES_SHOWN = 5;
/** No fewer than QUOTES_SHOWN, so the story of every quote shown fits among them. */
const STORIES_SHOWN = 5;
const SUGGESTIONS_SHOWN = 5;
const FIGURES_SHOWN = 25;
const SUGGEST_MAX = 25;
const SEARCH_MAX = 25;
/** Scores of the full name, an alias or a surname (see PersonMatch.score). */
const STRONG_SCORE = 0.9;
/** A near miss this close (about one slip in six letters) is taken as meant, when it stands out. */
const TYPO_ANSWER_SCORE = 0.7;
const TYPO_MARGIN = 0.05;
/** A surname shared by several people means the one in this many times more stories than the next. */
const FAVOURITE_RATIO = 5;
const FAVOURITE_MIN_MENTIONS = 5;

interface Choice {
  id?: string;
  suggestions: string[];
}

const names = (matches: readonly PersonMatch[], typed: string): string[] =>
  [...new Set(matches.filter((m) => nameKey(m.name) !== typed).map((m) => m.name))].slice(0, SUGGESTIONS_SHOWN);

/** Which person a typed name means, or the names to suggest instead. */
export function choosePerson(typed: string, matches: readonly PersonMatch[]): Choice {
  const strong = matches.filter((m) => m.score >= STRONG_SCORE);
  const fullName = strong.find((m) => m.kind === 'exact' && typed.includes(' '));
  if (fullName) return { id: fullName.id, suggestions: [] };
  if (strong.length === 1) return { id: strong[0]?.id, suggestions: [] };
  if (strong.length > 1) {
    const [top, next] = [...strong].sort((a, b) => b.mentions - a.mentions);
    if (top && next && top.mentions >= FAVOURITE_MIN_MENTIONS && top.mentions >= FAVOURITE_RATIO * next.mentions) {
      return { id: top.id, suggestions: names(strong.filter((m) => m !== top), typed) };
    }
    return { suggestions: names(strong, typed) };
  }
  const partial = matches.filter((m) => m.kind !== 'fuzzy');
  if (partial.length === 1) return { id: partial[0]?.id, suggestions: [] };
  if (partial.length > 1) return { suggestions: names(partial, typed) };
  const [top, next] = matches;
  if (top && top.score >= TYPO_ANSWER_SCORE && (!next || top.score - next.score >= TYPO_MARGIN)) {
    return { id: top.id, suggestions: names(matches.slice(1), typed) };
  }
  return { suggestions: names(matches, typed) };
}

/**
 * The stories a `/who` answer names, newest first, at most `max`: the story of each quote shown
 * first (so every quote can say where it was said, even an old one), then the newest others.
 * `storyIds` is newest first; a quote's story missing from it goes last.
 */
export function storiesToShow(storyIds: readonly string[], quotes: readonly Quote[], max: number): string[] {
  const chosen = new Set<string>();
  for (const id of [...quotes.map((q) => q.storyId), ...storyIds]) {
    if (chosen.size >= max) break;
    chosen.add(id);
  }
  const age = (id: string): number => {
    const at = storyIds.indexOf(id);
    return at < 0 ? storyIds.length : at;
  };
  return [...chosen].sort((a, b) => age(a) - age(b));
}

/** A story as a reply cites it: the headline, and the first source that has a link. */
function storyRef(story: Story): StoryRef {
  const url = story.sources.find((s) => s.url)?.url;
  return { id: story.id, headline: story.headline, ...(url ? { url } : {}) };
}

export function createFigureAnswers(index: NewsIndex): FigureAnswers {
  return {
    async person(name: string): Promise<PersonAnswer> {
      const typed = nameKey(name);
      if (!typed) return { suggestions: [], stories: [], mentions: 0 };
      const { id, suggestions } = choosePerson(typed, await index.findPeople(name, CANDIDATES));
      const record = id === undefined ? undefined : await index.getPerson(id);
      if (!record) return { suggestions, stories: [], mentions: 0 };
      const person: Person = { ...record.person, quotes: record.person.quotes.slice(0, QUOTES_SHOWN) };
      const stories = await index.getStories(storiesToShow(record.person.storyIds, person.quotes, STORIES_SHOWN));
      return { person, suggestions, stories: stories.map(storyRef), mentions: record.mentions };
    },

    async figures(storyOrTopic?: string) {
      const asked = storyOrTopic?.trim() ?? '';
      const found = await index.figuresFor(asked || undefined);
      const figures = found.figures.slice(0, FIGURES_SHOWN);
      switch (found.scope) {
        case 'story':
          return { title: found.stories[0]?.headline ?? asked, figures };
        case 'topic': {
          const topic = found.topic ?? asked;
          return { title: figures.length ? `Key figures: ${topic}` : `No figures yet in ${topic}`, figures };
        }
        case 'latest':
          return { title: figures.length ? 'Key figures in the latest stories' : 'No figures in the news yet', figures };
        case 'none':
          return { title: `No story or topic matches "${asked}"`, figures };
      }
    },

    async people(storyId: string) {
      const people = await index.peopleInStory(storyId);
      if (people.length) return people;
      const story = await index.findStory(storyId);
      return story && story.id !== storyId ? index.peopleInStory(story.id) : [];
    },

    suggestPeople: (prefix, limit) => index.suggestPeople(prefix, Math.max(1, Math.min(limit, SUGGEST_MAX))),
    findStory: (search) => index.findStory(search),
    searchStories: (words, limit) => index.searchStories(words, Math.max(1, Math.min(limit, SEARCH_MAX))),
  };
}
