/**
 * Keeps the news index current: each story's people, quotes and figures, taken from its lead
 * article, saved whenever the story is new or its membership changed.
 */
import type { NewsIndex } from '../core/ports.ts';
import type { Story } from '../core/types.ts';
import { analyzeArticle } from '../figures/analyze-article.ts';
import type { CurrentStories } from './current-stories.ts';

/** Longest lead text analysed; the people and numbers that matter are near the top. */
const ANALYSIS_MAX_CHARS = 20_000;

export interface StoryIndexer {
  /** Index the stories that changed since the last call; returns how many were (re)indexed. */
  update(current: CurrentStories, at: Date): Promise<number>;
}

function signature(story: Story): string {
  return [story.headline, ...story.bullets, ...story.sources.map((s) => s.url)].join('\u0000');
}

export function createStoryIndexer(index: NewsIndex): StoryIndexer {
  const seen = new Map<string, string>();
  return {
    async update(current, at) {
      let count = 0;
      for (const story of current.stories) {
        const sig = signature(story);
        if (seen.get(story.id) === sig) continue;
        const lead = current.leads.get(story.id);
        const { people, figures } = lead
          ? analyzeArticle({ title: lead.title, text: lead.text.slice(0, ANALYSIS_MAX_CHARS), storyId: story.id, ...(lead.publishedAt ? { publishedAt: lead.publishedAt } : {}) })
          : { people: [], figures: [] };
        story.people = people.map((p) => p.name);
        story.figures = figures;
        await index.saveStory(story, people, at);
        seen.set(story.id, sig);
        count += 1;
      }
      return count;
    },
  };
}
