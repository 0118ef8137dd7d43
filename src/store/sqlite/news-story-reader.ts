/** Rows of the news index back into core shapes: stories with figures and people, quotes, aliases. */
import type Database from 'better-sqlite3';
import type { Figure, Quote, Story, StorySource } from '../../core/types.ts';
import { StatementCache } from './statement-cache.ts';

export interface StoryRow {
  id: string;
  seq: number;
  headline: string;
  bullets: string;
  sources: string;
  people: string;
  topic: string | null;
  first_seen: number;
}

interface FigureRow {
  story_id: string;
  value: string;
  kind: Figure['kind'];
  context: string;
  resolved: string | null;
}

const parseList = <T>(json: string): T[] => {
  const value: unknown = JSON.parse(json);
  return Array.isArray(value) ? (value as T[]) : [];
};

export class StoryReader {
  readonly #sql: StatementCache;

  constructor(db: Database.Database) {
    this.#sql = new StatementCache(db);
  }

  stories(rows: readonly StoryRow[]): Story[] {
    const ids = rows.map((r) => r.id);
    const figures = this.figures(ids);
    const people = new Map<string, string[]>();
    const names = this.#sql
      .get<[string], { story_id: string; name: string }>(
        `SELECT ps.story_id, p.name FROM person_stories ps JOIN people p ON p.id = ps.person_id
         WHERE ps.story_id IN (SELECT value FROM json_each(?)) ORDER BY ps.story_id, ps.ord`,
      )
      .all(JSON.stringify(ids));
    for (const { story_id, name } of names) people.set(story_id, [...(people.get(story_id) ?? []), name]);
    return rows.map((row) => {
      const story: Story = {
        id: row.id,
        headline: row.headline,
        bullets: parseList<string>(row.bullets),
        sources: parseList<StorySource>(row.sources),
        people: people.get(row.id) ?? parseList<string>(row.people),
        figures: figures.get(row.id) ?? [],
        firstSeen: new Date(row.first_seen),
      };
      if (row.topic) story.topic = row.topic;
      return story;
    });
  }

  /** Figures per story id, in the order each story gave them. */
  figures(storyIds: readonly string[]): Map<string, Figure[]> {
    const byStory = new Map<string, Figure[]>();
    if (!storyIds.length) return byStory;
    const rows = this.#sql
      .get<[string], FigureRow>(
        'SELECT story_id, value, kind, context, resolved FROM story_figures WHERE story_id IN (SELECT value FROM json_each(?)) ORDER BY story_id, ord',
      )
      .all(JSON.stringify(storyIds));
    for (const row of rows) {
      const figure: Figure = { value: row.value, kind: row.kind, context: row.context, storyId: row.story_id };
      if (row.resolved) figure.resolved = row.resolved;
      byStory.set(row.story_id, [...(byStory.get(row.story_id) ?? []), figure]);
    }
    return byStory;
  }

  /** Names as written in the stories, other than the index name. */
  aliases(personId: number, name: string): string[] {
    const rows = this.#sql.get<[number], string>('SELECT alias FROM person_aliases WHERE person_id = ? ORDER BY alias').pluck().all(personId);
    return rows.filter((alias) => alias !== name);
  }

  /** Latest first; only one story's quotes when `storyId` is given. */
  quotes(personId: number, storyId: string | undefined, limit: number): Quote[] {
    const rows =
      storyId === undefined
        ? this.#sql
            .get<[number, number], Quote>('SELECT text, kind, sentence, story_id AS storyId FROM person_quotes WHERE person_id = ? ORDER BY seen_at DESC, story_id, ord LIMIT ?')
            .all(personId, limit)
        : this.#sql
            .get<[number, string, number], Quote>('SELECT text, kind, sentence, story_id AS storyId FROM person_quotes WHERE person_id = ? AND story_id = ? ORDER BY ord LIMIT ?')
            .all(personId, storyId, limit);
    return rows.map((r) => ({ text: r.text, kind: r.kind, sentence: r.sentence, storyId: r.storyId }));
  }

  /** Newest first. */
  storyIds(personId: number, limit: number): string[] {
    return this.#sql
      .get<[number, number], string>('SELECT story_id FROM person_stories WHERE person_id = ? ORDER BY seen_at DESC, saved_at DESC LIMIT ?')
      .pluck()
      .all(personId, limit);
  }
}
