/**
 * The NewsIndex on SQLite: stories with their figures, a word index over headlines and bullets
 * (FTS5, newest first by rowid), and the people index (news-people-writer.ts, news-people-lookup.ts).
 * Takes the handle of a migrated SqliteStore; statements are prepared on first use.
 */
import type Database from 'better-sqlite3';
import { foldText } from '../../core/name-match.ts';
import type { NewsIndex, PersonMatch, PersonRecord, StoryFigures } from '../../core/ports.ts';
import type { Person, Story } from '../../core/types.ts';
import { NameCache } from './news-name-cache.ts';
import { PeopleLookup } from './news-people-lookup.ts';
import { PeopleWriter } from './news-people-writer.ts';
import { StoryReader, type StoryRow } from './news-story-reader.ts';
import { StatementCache } from './statement-cache.ts';

/** Stories a story's seq can tell apart within one millisecond of firstSeen. */
const SEQ_PER_MS = 1024;
/** Words of a search that reach the text index. */
const SEARCH_WORDS_MAX = 12;
/** Latest matching stories that `findStory` ranks by relevance. */
const FIND_STORY_RANKED = 500;
/** Latest stories `/figures` draws on for a topic or for the news in general. */
const FIGURE_STORIES = 5;
const PERSON_QUOTES_MAX = 20;
const PERSON_STORY_IDS_MAX = 100;

/** Words for the FTS5 query, quoted so that none reads as an operator. */
function searchTerms(words: string): string[] {
  const terms = words.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return [...new Set(terms)].slice(0, SEARCH_WORDS_MAX).map((t) => `"${t}"`);
}

interface Parts {
  writer: PeopleWriter;
  lookup: PeopleLookup;
  reader: StoryReader;
  save: (story: Story, people: readonly Person[], at: Date) => void;
}

export class SqliteNewsIndex implements NewsIndex {
  readonly #db: Database.Database;
  readonly #sql: StatementCache;
  #parts: Parts | undefined;

  constructor(db: Database.Database) {
    this.#db = db;
    this.#sql = new StatementCache(db);
  }

  /** Built on first use, when the migrations have run. */
  get #p(): Parts {
    this.#parts ??= {
      writer: new PeopleWriter(this.#db),
      lookup: new PeopleLookup(this.#db),
      reader: new StoryReader(this.#db),
      save: this.#db.transaction((story: Story, people: readonly Person[], at: Date) => this.#save(story, people, at)),
    };
    return this.#parts;
  }

  /** Build the in-memory name index now (at start), so the first `/who` does not wait for it. */
  warmUp(): void {
    NameCache.of(this.#db).warm();
  }

  async saveStory(story: Story, people: Person[], at: Date): Promise<void> {
    this.saveStorySync(story, people, at);
  }

  /** The synchronous body of `saveStory`, so a bulk load can wrap many saves in one transaction. */
  saveStorySync(story: Story, people: readonly Person[], at: Date): void {
    try {
      this.#p.save(story, people, at);
    } catch (error) {
      NameCache.of(this.#db).invalidate();
      throw error;
    }
  }

  #save(story: Story, people: readonly Person[], at: Date): void {
    const sql = this.#sql;
    const firstSeen = story.firstSeen.getTime();
    if (!Number.isFinite(firstSeen)) throw new RangeError(`story ${story.id} has no valid firstSeen`);
    this.#saveText(story, firstSeen, at.getTime());
    sql.get('DELETE FROM story_figures WHERE story_id = ?').run(story.id);
    const figure = sql.get('INSERT INTO story_figures (story_id, ord, value, kind, context, resolved) VALUES (?, ?, ?, ?, ?, ?)');
    story.figures.forEach((f, i) => figure.run(story.id, i, f.value, f.kind, f.context, f.resolved ?? null));
    const before = sql.get<[string], number>('SELECT person_id FROM person_stories WHERE story_id = ?').pluck().all(story.id);
    sql.get('DELETE FROM person_stories WHERE story_id = ?').run(story.id);
    sql.get('DELETE FROM person_quotes WHERE story_id = ?').run(story.id);
    const { writer } = this.#p;
    const fresh = before.length === 0;
    const linked = writer.link(story.id, people, firstSeen, at.getTime(), fresh);
    if (!fresh) for (const id of new Set([...before, ...linked])) writer.refresh(id);
  }

  /** The story row and its words in the text index, under a seq that sorts by firstSeen. */
  #saveText(story: Story, firstSeen: number, at: number): void {
    const sql = this.#sql;
    const old = sql.get<[string], { seq: number; first_seen: number }>('SELECT seq, first_seen FROM stories WHERE id = ?').get(story.id);
    if (old) sql.get('DELETE FROM story_text WHERE rowid = ?').run(old.seq);
    const seq = old && old.first_seen === firstSeen ? old.seq : this.#freeSeq(firstSeen);
    sql.get(
      `INSERT INTO stories (id, seq, headline, bullets, sources, people, topic, topic_key, first_seen, updated_at, figure_count)
       VALUES (@id, @seq, @headline, @bullets, @sources, @people, @topic, @topicKey, @firstSeen, @at, @figures)
       ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, headline = excluded.headline, bullets = excluded.bullets,
         sources = excluded.sources, people = excluded.people, topic = excluded.topic, topic_key = excluded.topic_key,
         first_seen = excluded.first_seen, updated_at = excluded.updated_at, figure_count = excluded.figure_count`,
    ).run({
      id: story.id, seq, headline: story.headline, bullets: JSON.stringify(story.bullets), sources: JSON.stringify(story.sources),
      people: JSON.stringify(story.people), topic: story.topic ?? null, topicKey: story.topic ? foldText(story.topic) : null,
      firstSeen, at, figures: story.figures.length,
    });
    sql.get('INSERT INTO story_text (rowid, headline, bullets) VALUES (?, ?, ?)').run(seq, story.headline, story.bullets.join('\n'));
  }

  async getStory(id: string): Promise<Story | undefined> {
    const row = this.#sql.get<[string], StoryRow>('SELECT * FROM stories WHERE id = ?').get(id);
    return row ? this.#p.reader.stories([row])[0] : undefined;
  }

  async getStories(ids: readonly string[]): Promise<Story[]> {
    const wanted = [...new Set(ids)];
    if (!wanted.length) return [];
    const rows = this.#sql.get<[string], StoryRow>('SELECT * FROM stories WHERE id IN (SELECT value FROM json_each(?))').all(JSON.stringify(wanted));
    const byId = new Map(this.#p.reader.stories(rows).map((story) => [story.id, story]));
    return wanted.flatMap((id) => byId.get(id) ?? []);
  }

  async searchStories(words: string, limit: number): Promise<Story[]> {
    const terms = searchTerms(words);
    if (!terms.length) return [];
    const max = Math.max(1, Math.min(limit, 100));
    const find = (match: string): number[] =>
      this.#sql.get<[string, number], { seq: number }>('SELECT rowid AS seq FROM story_text WHERE story_text MATCH ? ORDER BY rowid DESC LIMIT ?').all(match, max).map((r) => r.seq);
    let seqs = find(terms.join(' AND '));
    if (!seqs.length && terms.length > 1) seqs = find(terms.join(' OR '));
    return this.#storiesBySeq(seqs);
  }

  async findStory(search: string): Promise<Story | undefined> {
    const trimmed = search.trim();
    if (!trimmed) return undefined;
    const byId = await this.getStory(trimmed);
    if (byId) return byId;
    const terms = searchTerms(trimmed);
    if (!terms.length) return undefined;
    // Ranks only the latest matches, so common words stay fast; headline words weigh more than bullets.
    const best = (match: string): number | undefined =>
      this.#sql
        .get<[string], { seq: number }>(
          `SELECT seq FROM (SELECT rowid AS seq, bm25(story_text, 4.0, 1.0) AS score FROM story_text WHERE story_text MATCH ?
           ORDER BY rowid DESC LIMIT ${FIND_STORY_RANKED}) ORDER BY score, seq DESC LIMIT 1`,
        )
        .get(match)?.seq;
    const seq = best(terms.join(' AND ')) ?? (terms.length > 1 ? best(terms.join(' OR ')) : undefined);
    return seq === undefined ? undefined : this.#storiesBySeq([seq])[0];
  }

  async findPeople(query: string, limit: number): Promise<PersonMatch[]> {
    return this.#p.lookup.findPeople(query, limit);
  }

  async suggestPeople(prefix: string, limit: number): Promise<string[]> {
    return this.#p.lookup.suggestPeople(prefix, limit);
  }

  async getPerson(id: string): Promise<PersonRecord | undefined> {
    const row = this.#sql
      .get<[string], { id: number; name: string; role: string | null; organisation: string | null; first_seen: number; last_seen: number; mentions: number }>(
        'SELECT id, name, role, organisation, first_seen, last_seen, mentions FROM people WHERE id = ?',
      )
      .get(id);
    if (!row) return undefined;
    const { reader } = this.#p;
    const person: Person = {
      name: row.name,
      aliases: reader.aliases(row.id, row.name),
      quotes: reader.quotes(row.id, undefined, PERSON_QUOTES_MAX),
      storyIds: reader.storyIds(row.id, PERSON_STORY_IDS_MAX),
    };
    if (row.role) person.role = row.role;
    if (row.organisation) person.organisation = row.organisation;
    return { id: String(row.id), person, firstSeen: new Date(row.first_seen), lastSeen: new Date(row.last_seen), mentions: row.mentions };
  }

  async peopleInStory(storyId: string): Promise<Person[]> {
    const { reader } = this.#p;
    const rows = this.#sql
      .get<[string], { id: number; name: string; role: string | null; organisation: string | null }>(
        `SELECT p.id, p.name, COALESCE(ps.role, p.role) AS role, COALESCE(ps.organisation, p.organisation) AS organisation
         FROM person_stories ps JOIN people p ON p.id = ps.person_id WHERE ps.story_id = ? ORDER BY ps.ord`,
      )
      .all(storyId);
    return rows.map((row) => {
      const person: Person = {
        name: row.name,
        aliases: reader.aliases(row.id, row.name),
        quotes: reader.quotes(row.id, storyId, PERSON_QUOTES_MAX),
        storyIds: reader.storyIds(row.id, PERSON_STORY_IDS_MAX),
      };
      if (row.role) person.role = row.role;
      if (row.organisation) person.organisation = row.organisation;
      return person;
    });
  }

  async figuresFor(storyOrTopic?: string): Promise<StoryFigures> {
    const arg = storyOrTopic?.trim() ?? '';
    const withFigures = (where: string, ...params: unknown[]): StoryRow[] =>
      this.#sql.get<unknown[], StoryRow>(`SELECT * FROM stories WHERE ${where} AND figure_count > 0 ORDER BY seq DESC LIMIT ${FIGURE_STORIES}`).all(...params);
    if (!arg) return this.#figures('latest', withFigures('true'));
    const byId = this.#sql.get<[string], StoryRow>('SELECT * FROM stories WHERE id = ?').get(arg);
    if (byId) return this.#figures('story', [byId]);
    const topicKey = foldText(arg);
    const topical = withFigures('topic_key = ?', topicKey);
    const topic = this.#sql.get<[string], string>('SELECT topic FROM stories WHERE topic_key = ? ORDER BY seq DESC LIMIT 1').pluck().get(topicKey);
    if (topic !== undefined) return { ...this.#figures('topic', topical), topic };
    const story = await this.findStory(arg);
    const row = story && this.#sql.get<[string], StoryRow>('SELECT * FROM stories WHERE id = ?').get(story.id);
    return row ? this.#figures('story', [row]) : { scope: 'none', stories: [], figures: [] };
  }

  #figures(scope: StoryFigures['scope'], rows: StoryRow[]): StoryFigures {
    const stories = rows.map((r) => ({ id: r.id, headline: r.headline, firstSeen: new Date(r.first_seen), ...(r.topic ? { topic: r.topic } : {}) }));
    const byStory = this.#p.reader.figures(rows.map((r) => r.id));
    return { scope, stories, figures: rows.flatMap((r) => byStory.get(r.id) ?? []) };
  }

  #storiesBySeq(seqs: number[]): Story[] {
    if (!seqs.length) return [];
    const rows = this.#sql.get<[string], StoryRow>('SELECT * FROM stories WHERE seq IN (SELECT value FROM json_each(?)) ORDER BY seq DESC').all(JSON.stringify(seqs));
    return this.#p.reader.stories(rows);
  }

  /** firstSeen in ms times SEQ_PER_MS, plus the first tie-breaker not taken. */
  #freeSeq(firstSeen: number): number {
    const base = firstSeen * SEQ_PER_MS;
    const taken = this.#sql.get<[number, number], { seq: number }>('SELECT seq FROM stories WHERE seq >= ? AND seq < ? ORDER BY seq').all(base, base + SEQ_PER_MS);
    let seq = base;
    for (const row of taken) if (row.seq === seq) seq += 1;
    if (seq >= base + SEQ_PER_MS) throw new RangeError(`more than ${SEQ_PER_MS} stories first seen in one millisecond`);
    return seq;
  }
}
