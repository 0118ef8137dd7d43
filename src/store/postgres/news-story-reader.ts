/** Rows of the news index back into core shapes: stories with figures and people, quotes, aliases. */
import type { Figure, Quote, Story, StorySource } from '../../core/types.ts';
import type { Queryable } from './pool.ts';

/** The story columns readers need (never the search vector). */
export const STORY_COLUMNS = 'id, headline, bullets, sources, people, topic, first_seen';

export interface StoryRow {
  id: string;
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
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async stories(rows: readonly StoryRow[]): Promise<Story[]> {
    if (!rows.length) return [];
    const ids = rows.map((r) => r.id);
    const [figures, names] = await Promise.all([
      this.figures(ids),
      this.#db.query<{ story_id: string; name: string }>(
        `SELECT ps.story_id, p.name FROM person_stories ps JOIN people p ON p.id = ps.person_id
         WHERE ps.story_id = ANY($1::text[]) ORDER BY ps.story_id, ps.ord`,
        [ids],
      ),
    ]);
    const people = new Map<string, string[]>();
    for (const { story_id, name } of names.rows) people.set(story_id, [...(people.get(story_id) ?? []), name]);
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
  async figures(storyIds: readonly string[]): Promise<Map<string, Figure[]>> {
    const byStory = new Map<string, Figure[]>();
    if (!storyIds.length) return byStory;
    const { rows } = await this.#db.query<FigureRow>(
      'SELECT story_id, value, kind, context, resolved FROM story_figures WHERE story_id = ANY($1::text[]) ORDER BY story_id, ord',
      [storyIds],
    );
    for (const row of rows) {
      const figure: Figure = { value: row.value, kind: row.kind, context: row.context, storyId: row.story_id };
      if (row.resolved) figure.resolved = row.resolved;
      byStory.set(row.story_id, [...(byStory.get(row.story_id) ?? []), figure]);
    }
    return byStory;
  }

  /** Names as written in the stories, other than the index name. */
  async aliases(personId: number, name: string): Promise<string[]> {
    const { rows } = await this.#db.query<{ alias: string }>('SELECT alias FROM person_aliases WHERE person_id = $1 ORDER BY alias COLLATE "C"', [personId]);
    return rows.map((r) => r.alias).filter((alias) => alias !== name);
  }

  /** Latest first; only one story's quotes when `storyId` is given. */
  async quotes(personId: number, storyId: string | undefined, limit: number): Promise<Quote[]> {
    const { rows } =
      storyId === undefined
        ? await this.#db.query<Quote>(
            'SELECT text, kind, sentence, story_id AS "storyId" FROM person_quotes WHERE person_id = $1 ORDER BY seen_at DESC, story_id COLLATE "C", ord LIMIT $2',
            [personId, limit],
          )
        : await this.#db.query<Quote>(
            'SELECT text, kind, sentence, story_id AS "storyId" FROM person_quotes WHERE person_id = $1 AND story_id = $2 ORDER BY ord LIMIT $3',
            [personId, storyId, limit],
          );
    return rows.map((r) => ({ text: r.text, kind: r.kind, sentence: r.sentence, storyId: r.storyId }));
  }

  /** Newest first. */
  async storyIds(personId: number, limit: number): Promise<string[]> {
    const { rows } = await this.#db.query<{ story_id: string }>(
      'SELECT story_id FROM person_stories WHERE person_id = $1 ORDER BY seen_at DESC, saved_at DESC LIMIT $2',
      [personId, limit],
    );
    return rows.map((r) => r.story_id);
  }
}
