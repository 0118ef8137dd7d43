/**
 * The Store on PostgreSQL (pg), for several instances sharing one database. Same schema versions
 * and semantics as SqliteStore; every write that SQLite wraps in a transaction is one here too, and
 * upserts use ON CONFLICT so instances writing at once do not fail.
 */
import pg from 'pg';
import type { ChannelSettings, FetchState, SaveItemsResult, SentStory, Store, StoredItem } from '../../core/ports.ts';
import type { FeedItem, FeedSource } from '../../core/types.ts';
import { fetchStateValues, rowToFetchState, rowToItem, type Row } from '../feed-rows.ts';
import { runMigrations } from './migrate.ts';
import { POSTGRES_MIGRATIONS, type Migration } from './migrations.ts';
import { createPool, inTransaction, type PostgresOptions } from './pool.ts';
import { allKnown, saveItems } from './save-items.ts';

/** listItems without a limit returns at most this many items, as SQLite does. */
const LIST_ITEMS_DEFAULT = 10_000;



export class PostgresStore implements Store {
  readonly #pool: pg.Pool;
  #closed = false;

  /** Opens a pool of its own from options, or shares a pool the caller owns (closed by `close`). */
  constructor(options: PostgresOptions | pg.Pool) {
    this.#pool = options instanceof pg.Pool ? options : createPool(options);
  }

  /** The pool, for this engine's own modules (e.g. PostgresNewsIndex). */
  get pool(): pg.Pool {
    return this.#pool;
  }

  async migrate(migrations: readonly Migration[] = POSTGRES_MIGRATIONS): Promise<void> {
    await runMigrations(this.#pool, migrations);
  }

  async close(): Promise<void> {
    if (this.#closed) return;
    this.#closed = true;
    await this.#pool.end();
  }

  async upsertFeed(feed: FeedSource): Promise<void> {
    // The feed's fetch_state row comes with it: poll leases live on that row.
    await this.#pool.query(
      `WITH feed AS (
         INSERT INTO feeds (id, url, title, topic, weight, created_at) VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = COALESCE(excluded.title, feeds.title), topic = excluded.topic, weight = excluded.weight
         RETURNING id)
       INSERT INTO fetch_state (feed_id, failures) SELECT id, 0 FROM feed ON CONFLICT (feed_id) DO NOTHING`,
      [feed.id, feed.url, feed.title ?? null, feed.topic ?? null, feed.weight, Date.now()],
    );
  }

  async listFeeds(): Promise<FeedSource[]> {
    const { rows } = await this.#pool.query<Row>('SELECT * FROM feeds ORDER BY created_at, id COLLATE "C"');
    return rows.map((row) => {
      const feed: FeedSource = { id: String(row.id), url: String(row.url), weight: Number(row.weight) };
      if (typeof row.title === 'string') feed.title = row.title;
      if (typeof row.topic === 'string') feed.topic = row.topic;
      return feed;
    });
  }

  async removeFeed(feedId: string): Promise<boolean> {
    return inTransaction(this.#pool, async (client) => {
      await client.query('DELETE FROM fetch_state WHERE feed_id = $1', [feedId]);
      const { rowCount } = await client.query('DELETE FROM feeds WHERE id = $1', [feedId]);
      return (rowCount ?? 0) > 0;
    });
  }

  async getFetchState(feedId: string): Promise<FetchState | undefined> {
    const { rows } = await this.#pool.query<Row>('SELECT * FROM fetch_state WHERE feed_id = $1', [feedId]);
    const row = rows[0];
    return row ? rowToFetchState(row, feedId) : undefined;
  }

  async listFailingSince(before: Date): Promise<FetchState[]> {
    const { rows } = await this.#pool.query<Row>(
      'SELECT * FROM fetch_state WHERE failing_since IS NOT NULL AND failing_since <= $1 ORDER BY failing_since, feed_id COLLATE "C"',
      [before.getTime()],
    );
    return rows.map((row) => rowToFetchState(row, String(row.feed_id)));
  }

  async saveFetchState(state: FetchState): Promise<void> {
    const v = fetchStateValues(state);
    await this.#pool.query(
      `INSERT INTO fetch_state (feed_id, etag, last_modified, failures, next_poll_at, last_success_at, last_error_at, last_error, failing_since)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)
       ON CONFLICT (feed_id) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, failures = excluded.failures,
         next_poll_at = excluded.next_poll_at, last_success_at = excluded.last_success_at, last_error_at = excluded.last_error_at,
         last_error = excluded.last_error, failing_since = excluded.failing_since`,
      // PostgreSQL text cannot hold NUL.
      [v.feedId, v.etag, v.lastModified, v.failures, v.nextPollAt, v.lastSuccessAt, v.lastErrorAt, v.lastError?.replaceAll('\u0000', '') ?? null, v.failingSince],
    );
  }

  async saveItems(items: FeedItem[], fetchedAt: Date): Promise<SaveItemsResult> {
    return (await allKnown(this.#pool, items, fetchedAt)) ?? inTransaction(this.#pool, (client) => saveItems(client, items, fetchedAt));
  }

  async saveArticleText(itemId: string, text: string): Promise<void> {
    await this.#pool.query('UPDATE items SET article_text = $1 WHERE id = $2', [text.replaceAll('\u0000', ''), itemId]);
  }

  async listItems(query: { since?: Date; feedIds?: string[]; limit?: number }): Promise<StoredItem[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.since) {
      params.push(query.since.getTime());
      where.push(`COALESCE(published_at, fetched_at) >= $${params.length}`);
    }
    if (query.feedIds?.length) {
      params.push(query.feedIds);
      where.push(`feed_id = ANY($${params.length}::text[])`);
    }
    params.push(query.limit ?? LIST_ITEMS_DEFAULT);
    const sql = `SELECT * FROM items ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY COALESCE(published_at, fetched_at) DESC, id LIMIT $${params.length}`;
    const { rows } = await this.#pool.query<Row>(sql, params);
    return rows.map(rowToItem);
  }

  async recordSent(channelId: string, sent: SentStory[], at: Date): Promise<void> {
    if (!sent.length) return;
    // One statement for the batch; a story named twice keeps its last fingerprint, as SQLite's loop does.
    const latest = new Map(sent.map((entry) => [entry.storyId, JSON.stringify(entry.fingerprint ?? null)]));
    await this.#pool.query(
      `INSERT INTO sent_stories (channel_id, story_id, fingerprint, sent_at) SELECT $1, s, f, $4 FROM unnest($2::text[], $3::text[]) AS t (s, f)
       ON CONFLICT (channel_id, story_id) DO UPDATE SET fingerprint = excluded.fingerprint, sent_at = excluded.sent_at`,
      [channelId, [...latest.keys()], [...latest.values()], at.getTime()],
    );
  }

  async listSent(channelId: string, since?: Date): Promise<Map<string, unknown>> {
    const { rows } = await this.#pool.query<{ story_id: string; fingerprint: string }>(
      'SELECT story_id, fingerprint FROM sent_stories WHERE channel_id = $1 AND sent_at >= $2',
      [channelId, since?.getTime() ?? 0],
    );
    return new Map(rows.map((row) => [row.story_id, JSON.parse(row.fingerprint) as unknown]));
  }

  async subscribeChannel(channelId: string, feedId: string): Promise<void> {
    await this.#pool.query('INSERT INTO channel_feeds (channel_id, feed_id, created_at) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING', [channelId, feedId, Date.now()]);
  }

  async unsubscribeChannel(channelId: string, feedId: string): Promise<boolean> {
    const { rowCount } = await this.#pool.query('DELETE FROM channel_feeds WHERE channel_id = $1 AND feed_id = $2', [channelId, feedId]);
    return (rowCount ?? 0) > 0;
  }

  async channelFeeds(channelId: string): Promise<string[]> {
    const { rows } = await this.#pool.query<{ feed_id: string }>('SELECT feed_id FROM channel_feeds WHERE channel_id = $1 ORDER BY created_at, feed_id COLLATE "C"', [channelId]);
    return rows.map((r) => r.feed_id);
  }

  async getChannelSettings(channelId: string): Promise<ChannelSettings | undefined> {
    const { rows } = await this.#pool.query<Row>('SELECT * FROM channel_settings WHERE channel_id = $1', [channelId]);
    const row = rows[0];
    if (!row) return undefined;
    const settings: ChannelSettings = {
      channelId,
      include: JSON.parse(String(row.include_words)) as string[],
      exclude: JSON.parse(String(row.exclude_words)) as string[],
    };
    if (typeof row.schedule === 'string') settings.schedule = JSON.parse(row.schedule) as NonNullable<ChannelSettings['schedule']>;
    return settings;
  }

  async saveChannelSettings(settings: ChannelSettings): Promise<void> {
    await this.#pool.query(
      `INSERT INTO channel_settings (channel_id, schedule, include_words, exclude_words, updated_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (channel_id) DO UPDATE SET schedule = excluded.schedule, include_words = excluded.include_words,
         exclude_words = excluded.exclude_words, updated_at = excluded.updated_at`,
      [settings.channelId, settings.schedule ? JSON.stringify(settings.schedule) : null, JSON.stringify(settings.include), JSON.stringify(settings.exclude), Date.now()],
    );
  }

  async recordThreads(channelId: string, threads: Record<string, string>): Promise<void> {
    // Keyed by thread: a thread named twice keeps its last story, as SQLite's loop does.
    const byThread = new Map(Object.entries(threads).map(([storyId, threadId]) => [threadId, storyId]));
    if (!byThread.size) return;
    await this.#pool.query(
      `INSERT INTO story_threads (channel_id, thread_id, story_id, created_at) SELECT $1, t, s, $4 FROM unnest($2::text[], $3::text[]) AS x (t, s)
       ON CONFLICT (channel_id, thread_id) DO UPDATE SET story_id = excluded.story_id`,
      [channelId, [...byThread.keys()], [...byThread.values()], Date.now()],
    );
  }

  async storyForThread(channelId: string, threadId: string): Promise<string | undefined> {
    const { rows } = await this.#pool.query<{ story_id: string }>('SELECT story_id FROM story_threads WHERE channel_id = $1 AND thread_id = $2', [channelId, threadId]);
    return rows[0]?.story_id;
  }
}
