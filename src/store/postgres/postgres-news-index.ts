/**
 * The NewsIndex on PostgreSQL: stories with their figures, a GIN-indexed tsvector over headlines
 * (weight A) and bullets (weight D), and the people index (news-people-writer.ts, news-people-lookup.ts).
 * Takes the pool of a migrated PostgresStore. Saves take one advisory lock per schema, so instances
 * merging the same new person at once cannot create two entries for them.
 */
import type pg from 'pg';
import { foldText } from '../../core/name-match.ts';
import type { NewsIndex, PersonMatch, PersonRecord, StoryFigures } from '../../core/ports.ts';
import type { Person, Story } from '../../core/types.ts';
import { ADVISORY_LOCK_NAMESPACE } from './migrate.ts';
import { PeopleLookup } from './news-people-lookup.ts';
import { PeopleWriter } from './news-people-writer.ts';
import { STORY_COLUMNS, StoryReader, type StoryRow } from './news-story-reader.ts';
import { inTransaction } from './pool.ts';
import { SEARCH_CONFIG, searchTerms, searchText, tsQuery } from './story-search.ts';

/** Latest matching stories that `findStory` ranks by relevance. */
const FIND_STORY_RANKED = 500;
/** Latest stories `/figures` draws on for a topic or for the news in general. */
const FIGURE_STORIES = 5;
const PERSON_QUOTES_MAX = 20;
const PERSON_STORY_IDS_MAX = 100;
/** ts_rank weights {D, C, B, A}: a headline word counts four times a bullet word, as SQLite's bm25 weights. */
const RANK_WEIGHTS = '{0.25, 0, 0, 1}';
/** ts_rank normalisation 1: divide by 1 + log(document length), so long bullets do not win by size. */
const RANK_NORMALISATION = 1;
const NEWEST = 'ORDER BY first_seen DESC, tick DESC';
const INDEX_WRITE_LOCK = ADVISORY_LOCK_NAMESPACE + 2;

interface PersonHead {
  id: number;
  name: string;
  role: string | null;
  organisation: string | null;
}

export class PostgresNewsIndex implements NewsIndex {
  readonly #pool: pg.Pool;
  readonly #lookup: PeopleLookup;
  readonly #reader: StoryReader;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
    this.#lookup = new PeopleLookup(pool);
    this.#reader = new StoryReader(pool);
  }

  async saveStory(story: Story, people: Person[], at: Date): Promise<void> {
    const firstSeen = story.firstSeen.getTime();
    if (!Number.isFinite(firstSeen)) throw new RangeError(`story ${story.id} has no valid firstSeen`);
    await inTransaction(this.#pool, async (client) => {
      await client.query("SELECT pg_advisory_xact_lock($1, hashtext(COALESCE(current_schema(), '')))", [INDEX_WRITE_LOCK]);
      await this.#saveText(client, story, firstSeen, at.getTime());
      await client.query('DELETE FROM story_figures WHERE story_id = $1', [story.id]);
      if (story.figures.length) {
        const f = story.figures;
        await client.query(
          `INSERT INTO story_figures (story_id, ord, value, kind, context, resolved)
           SELECT $1, ord - 1, value, kind, context, resolved FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) WITH ORDINALITY AS f (value, kind, context, resolved, ord)`,
          [story.id, f.map((x) => x.value), f.map((x) => x.kind), f.map((x) => x.context), f.map((x) => x.resolved ?? null)],
        );
      }
      const before = (await client.query<{ person_id: number }>('SELECT person_id FROM person_stories WHERE story_id = $1', [story.id])).rows.map((r) => r.person_id);
      await client.query('DELETE FROM person_stories WHERE story_id = $1', [story.id]);
      await client.query('DELETE FROM person_quotes WHERE story_id = $1', [story.id]);
      const writer = new PeopleWriter(client);
      const fresh = before.length === 0;
      const linked = await writer.link(story.id, people, firstSeen, at.getTime(), fresh);
      if (!fresh) for (const id of new Set([...before, ...linked])) await writer.refresh(id);
    });
  }

  /** The story row with its search vector; a story keeps its tick while its firstSeen stays the same. */
  async #saveText(client: pg.PoolClient, story: Story, firstSeen: number, at: number): Promise<void> {
    await client.query(
      `INSERT INTO stories (id, tick, headline, bullets, sources, people, topic, topic_key, first_seen, updated_at, figure_count, search)
       VALUES ($1, nextval('story_ticks'), $2, $3, $4, $5, $6, $7, $8, $9, $10,
         setweight(to_tsvector('${SEARCH_CONFIG}', $11), 'A') || setweight(to_tsvector('${SEARCH_CONFIG}', $12), 'D'))
       ON CONFLICT (id) DO UPDATE SET tick = CASE WHEN stories.first_seen = excluded.first_seen THEN stories.tick ELSE excluded.tick END,
         headline = excluded.headline, bullets = excluded.bullets, sources = excluded.sources, people = excluded.people,
         topic = excluded.topic, topic_key = excluded.topic_key, first_seen = excluded.first_seen, updated_at = excluded.updated_at,
         figure_count = excluded.figure_count, search = excluded.search`,
      [
        story.id, story.headline, JSON.stringify(story.bullets), JSON.stringify(story.sources), JSON.stringify(story.people),
        story.topic ?? null, story.topic ? foldText(story.topic) : null, firstSeen, at, story.figures.length,
        searchText(story.headline), searchText(story.bullets.join('\n')),
      ],
    );
  }

  async getStory(id: string): Promise<Story | undefined> {
    const row = await this.#storyRow(id);
    return row ? (await this.#reader.stories([row]))[0] : undefined;
  }

  async getStories(ids: readonly string[]): Promise<Story[]> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return [];
    const { rows } = await this.#pool.query<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = ANY($1::text[])`, [wanted]);
    const byId = new Map((await this.#reader.stories(rows)).map((story) => [story.id, story]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  async searchStories(words: string, limit: number): Promise<Story[]> {
    const terms = searchTerms(words);
    if (!terms.length) return [];
    const max = Math.max(1, Math.min(limit, 100));
    const find = async (query: string): Promise<StoryRow[]> =>
      (await this.#pool.query<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories WHERE search @@ to_tsquery('${SEARCH_CONFIG}', $1) ${NEWEST} LIMIT $2`, [query, max])).rows;
    let rows = await find(tsQuery(terms, 'all'));
    if (!rows.length && terms.length > 1) rows = await find(tsQuery(terms, 'any'));
    return this.#reader.stories(rows);
  }

  async findStory(search: string): Promise<Story | undefined> {
    const trimmed = search.trim();
    if (!trimmed) return undefined;
    const byId = await this.getStory(trimmed);
    if (byId) return byId;
    const row = await this.#bestMatch(trimmed);
    return row ? (await this.#reader.stories([row]))[0] : undefined;
  }

  /** Ranks only the latest matches, so common words stay fast; headline words weigh more than bullets. */
  async #bestMatch(words: string): Promise<StoryRow | undefined> {
    const terms = searchTerms(words);
    if (!terms.length) return undefined;
    const best = async (query: string): Promise<StoryRow | undefined> =>
      (
        await this.#pool.query<StoryRow>(
          `SELECT ${STORY_COLUMNS} FROM (
             SELECT *, ts_rank('${RANK_WEIGHTS}', search, to_tsquery('${SEARCH_CONFIG}', $1), ${RANK_NORMALISATION}) AS score
             FROM stories WHERE search @@ to_tsquery('${SEARCH_CONFIG}', $1) ${NEWEST} LIMIT ${FIND_STORY_RANKED}
           ) AS latest ORDER BY score DESC, first_seen DESC, tick DESC LIMIT 1`,
          [query],
        )
      ).rows[0];
    return (await best(tsQuery(terms, 'all'))) ?? (terms.length > 1 ? await best(tsQuery(terms, 'any')) : undefined);
  }

  async findPeople(query: string, limit: number): Promise<PersonMatch[]> {
    return this.#lookup.findPeople(query, limit);
  }

  async suggestPeople(prefix: string, limit: number): Promise<string[]> {
    return this.#lookup.suggestPeople(prefix, limit);
  }

  async getPerson(id: string): Promise<PersonRecord | undefined> {
    if (!/^\d{1,15}$/.test(id)) return undefined;
    const { rows } = await this.#pool.query<PersonHead & { first_seen: number; last_seen: number; mentions: number }>(
      'SELECT id, name, role, organisation, first_seen, last_seen, mentions FROM people WHERE id = $1',
      [Number(id)],
    );
    const row = rows[0];
    if (!row) return undefined;
    const person = await this.#person(row, undefined);
    return { id: String(row.id), person, firstSeen: new Date(row.first_seen), lastSeen: new Date(row.last_seen), mentions: row.mentions };
  }

  async peopleInStory(storyId: string): Promise<Person[]> {
    const { rows } = await this.#pool.query<PersonHead>(
      `SELECT p.id, p.name, COALESCE(ps.role, p.role) AS role, COALESCE(ps.organisation, p.organisation) AS organisation
       FROM person_stories ps JOIN people p ON p.id = ps.person_id WHERE ps.story_id = $1 ORDER BY ps.ord`,
      [storyId],
    );
    return Promise.all(rows.map((row) => this.#person(row, storyId)));
  }

  async figuresFor(storyOrTopic?: string): Promise<StoryFigures> {
    const arg = storyOrTopic?.trim() ?? '';
    const withFigures = async (where: string, params: unknown[]): Promise<StoryRow[]> =>
      (await this.#pool.query<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories WHERE ${where} AND figure_count > 0 ${NEWEST} LIMIT ${FIGURE_STORIES}`, params)).rows;
    if (!arg) return this.#figures('latest', await withFigures('true', []));
    const byId = await this.#storyRow(arg);
    if (byId) return this.#figures('story', [byId]);
    const topicKey = foldText(arg);
    const topic = (await this.#pool.query<{ topic: string }>(`SELECT topic FROM stories WHERE topic_key = $1 ${NEWEST} LIMIT 1`, [topicKey])).rows[0]?.topic;
    if (topic !== undefined) return { ...(await this.#figures('topic', await withFigures('topic_key = $1', [topicKey]))), topic };
    const row = await this.#bestMatch(arg);
    return row ? this.#figures('story', [row]) : { scope: 'none', stories: [], figures: [] };
  }

  async #figures(scope: StoryFigures['scope'], rows: StoryRow[]): Promise<StoryFigures> {
    const stories = rows.map((r) => ({ id: r.id, headline: r.headline, firstSeen: new Date(r.first_seen), ...(r.topic ? { topic: r.topic } : {}) }));
    const byStory = await this.#reader.figures(rows.map((r) => r.id));
    return { scope, stories, figures: rows.flatMap((r) => byStory.get(r.id) ?? []) };
  }

  async #storyRow(id: string): Promise<StoryRow | undefined> {
    return (await this.#pool.query<StoryRow>(`SELECT ${STORY_COLUMNS} FROM stories WHERE id = $1`, [id])).rows[0];
  }

  /** A person with aliases, their quotes (of one story when given) and story ids. */
  async #person(row: PersonHead, storyId: string | undefined): Promise<Person> {
    const [aliases, quotes, storyIds] = await Promise.all([
      this.#reader.aliases(row.id, row.name),
      this.#reader.quotes(row.id, storyId, PERSON_QUOTES_MAX),
      this.#reader.storyIds(row.id, PERSON_STORY_IDS_MAX),
    ]);
    const person: Person = { name: row.name, aliases, quotes, storyIds };
    if (row.role) person.role = row.role;
    if (row.organisation) person.organisation = row.organisation;
    return person;
  }
}
