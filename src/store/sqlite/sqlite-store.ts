/**
 * The default Store: one SQLite file (better-sqlite3, WAL). Synchronous under the hood; the async
 * signatures match the PostgreSQL implementation so both pass one contract suite.
 */
import { createHash } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import type { ChannelSettings, FetchState, SaveItemsResult, SentStory, Store, StoredItem } from '../../core/ports.ts';
import { titleKey } from '../../core/title-key.ts';
import { fetchStateValues, rowToFetchState, rowToItem, type Row } from '../feed-rows.ts';
import type { FeedItem, FeedSource } from '../../core/types.ts';
import { SQLITE_MIGRATIONS, type Migration } from './migrations.ts';

/** A re-published item with a new guid but the same headline counts as a duplicate within this window. */
const TITLE_DUPLICATE_WINDOW_MS = 72 * 3_600_000;
/** Headlines shorter than this many words are too generic ("Live updates") to dedupe on. */
const TITLE_DUPLICATE_MIN_WORDS = 4;


export function itemId(feedId: string, guid: string): string {
  return createHash('sha1').update(`${feedId}\u0000${guid}`).digest('hex').slice(0, 20);
}


export class SqliteStore implements Store {
  readonly #db: Database.Database;

  constructor(path: string) {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    this.#db = new Database(path);
    this.#db.pragma('journal_mode = WAL');
    this.#db.pragma('synchronous = NORMAL');
    this.#db.pragma('foreign_keys = ON');
    this.#db.pragma('busy_timeout = 5000');
  }

  /** The raw handle, for this engine's own modules (e.g. the figures index). */
  get db(): Database.Database {
    return this.#db;
  }

  async migrate(migrations: Migration[] = SQLITE_MIGRATIONS): Promise<void> {
    const db = this.#db;
    db.exec('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at INTEGER NOT NULL)');
    const applied = new Set(db.prepare('SELECT version FROM schema_migrations').pluck().all() as number[]);
    for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
      if (applied.has(migration.version)) continue;
      db.transaction(() => {
        db.exec(migration.sql);
        db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(migration.version, migration.name, Date.now());
      })();
    }
  }

  async close(): Promise<void> {
    if (this.#db.open) this.#db.close();
  }

  async upsertFeed(feed: FeedSource): Promise<void> {
    const db = this.#db;
    // The feed's fetch_state row comes with it: poll leases live on that row.
    db.transaction(() => {
      db.prepare(
        `INSERT INTO feeds (id, url, title, topic, weight, created_at) VALUES (@id, @url, @title, @topic, @weight, @now)
         ON CONFLICT (id) DO UPDATE SET url = excluded.url, title = COALESCE(excluded.title, feeds.title), topic = excluded.topic, weight = excluded.weight`,
      ).run({ id: feed.id, url: feed.url, title: feed.title ?? null, topic: feed.topic ?? null, weight: feed.weight, now: Date.now() });
      db.prepare('INSERT INTO fetch_state (feed_id, failures) VALUES (?, 0) ON CONFLICT (feed_id) DO NOTHING').run(feed.id);
    })();
  }

  async listFeeds(): Promise<FeedSource[]> {
    const rows = this.#db.prepare('SELECT * FROM feeds ORDER BY created_at, id').all() as Row[];
    return rows.map((row) => {
      const feed: FeedSource = { id: String(row.id), url: String(row.url), weight: Number(row.weight) };
      if (typeof row.title === 'string') feed.title = row.title;
      if (typeof row.topic === 'string') feed.topic = row.topic;
      return feed;
    });
  }

  async removeFeed(feedId: string): Promise<boolean> {
    const db = this.#db;
    return db.transaction(() => {
      db.prepare('DELETE FROM fetch_state WHERE feed_id = ?').run(feedId);
      return db.prepare('DELETE FROM feeds WHERE id = ?').run(feedId).changes > 0;
    })();
  }

  async getFetchState(feedId: string): Promise<FetchState | undefined> {
    const row = this.#db.prepare('SELECT * FROM fetch_state WHERE feed_id = ?').get(feedId) as Row | undefined;
    return row ? rowToFetchState(row, feedId) : undefined;
  }

  async listFailingSince(before: Date): Promise<FetchState[]> {
    const rows = this.#db.prepare('SELECT * FROM fetch_state WHERE failing_since IS NOT NULL AND failing_since <= ? ORDER BY failing_since, feed_id').all(before.getTime()) as Row[];
    return rows.map((row) => rowToFetchState(row, String(row.feed_id)));
  }

  async saveFetchState(state: FetchState): Promise<void> {
    this.#db
      .prepare(
        `INSERT INTO fetch_state (feed_id, etag, last_modified, failures, next_poll_at, last_success_at, last_error_at, last_error, failing_since)
         VALUES (@feedId, @etag, @lastModified, @failures, @nextPollAt, @lastSuccessAt, @lastErrorAt, @lastError, @failingSince)
         ON CONFLICT (feed_id) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, failures = excluded.failures,
           next_poll_at = excluded.next_poll_at, last_success_at = excluded.last_success_at, last_error_at = excluded.last_error_at,
           last_error = excluded.last_error, failing_since = excluded.failing_since`,
      )
      .run(fetchStateValues(state));
  }

  async saveItems(items: FeedItem[], fetchedAt: Date): Promise<SaveItemsResult> {
    const db = this.#db;
    const byGuid = db.prepare('SELECT id FROM items WHERE feed_id = ? AND guid = ?');
    const byUrl = db.prepare("SELECT id FROM items WHERE url = ? AND url <> '' LIMIT 1");
    const byTitle = db.prepare('SELECT id FROM items WHERE feed_id = ? AND title_key = ? AND fetched_at >= ? LIMIT 1');
    const insert = db.prepare(
      `INSERT INTO items (id, feed_id, guid, url, title, title_key, published_at, fetched_at, author, categories, html, text, summary)
       VALUES (@id, @feedId, @guid, @url, @title, @titleKey, @publishedAt, @fetchedAt, @author, @categories, @html, @text, @summary)`,
    );
    const result: SaveItemsResult = { inserted: [], duplicates: [] };
    db.transaction(() => {
      for (const item of items) {
        const key = titleKey(item.title);
        if (byGuid.get(item.feedId, item.guid)) {
          result.duplicates.push({ item, reason: 'guid' });
          continue;
        }
        if (item.url && byUrl.get(item.url)) {
          result.duplicates.push({ item, reason: 'url' });
          continue;
        }
        if (key.split(' ').length >= TITLE_DUPLICATE_MIN_WORDS && byTitle.get(item.feedId, key, fetchedAt.getTime() - TITLE_DUPLICATE_WINDOW_MS)) {
          result.duplicates.push({ item, reason: 'title' });
          continue;
        }
        const id = itemId(item.feedId, item.guid);
        insert.run({
          id,
          feedId: item.feedId,
          guid: item.guid,
          url: item.url,
          title: item.title,
          titleKey: key,
          publishedAt: item.publishedAt?.getTime() ?? null,
          fetchedAt: fetchedAt.getTime(),
          author: item.author ?? null,
          categories: item.categories?.length ? JSON.stringify(item.categories) : null,
          html: item.html ?? null,
          text: item.text ?? null,
          summary: item.summary ?? null,
        });
        result.inserted.push({ ...item, id, fetchedAt });
      }
    })();
    return result;
  }

  async saveArticleText(itemId: string, text: string): Promise<void> {
    this.#db.prepare('UPDATE items SET article_text = ? WHERE id = ?').run(text, itemId);
  }

  async listItems(query: { since?: Date; feedIds?: string[]; limit?: number }): Promise<StoredItem[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.since) {
      where.push('COALESCE(published_at, fetched_at) >= ?');
      params.push(query.since.getTime());
    }
    if (query.feedIds?.length) {
      where.push(`feed_id IN (${query.feedIds.map(() => '?').join(', ')})`);
      params.push(...query.feedIds);
    }
    const sql = `SELECT * FROM items ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY COALESCE(published_at, fetched_at) DESC, id LIMIT ?`;
    params.push(query.limit ?? 10_000);
    return (this.#db.prepare(sql).all(...params) as Row[]).map(rowToItem);
  }

  async recordSent(channelId: string, sent: SentStory[], at: Date): Promise<void> {
    const upsert = this.#db.prepare(
      `INSERT INTO sent_stories (channel_id, story_id, fingerprint, sent_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (channel_id, story_id) DO UPDATE SET fingerprint = excluded.fingerprint, sent_at = excluded.sent_at`,
    );
    this.#db.transaction(() => {
      for (const entry of sent) upsert.run(channelId, entry.storyId, JSON.stringify(entry.fingerprint ?? null), at.getTime());
    })();
  }

  async listSent(channelId: string, since?: Date): Promise<Map<string, unknown>> {
    const rows = this.#db
      .prepare('SELECT story_id, fingerprint FROM sent_stories WHERE channel_id = ? AND sent_at >= ?')
      .all(channelId, since?.getTime() ?? 0) as Row[];
    return new Map(rows.map((row) => [String(row.story_id), JSON.parse(String(row.fingerprint)) as unknown]));
  }

  async subscribeChannel(channelId: string, feedId: string): Promise<void> {
    this.#db.prepare('INSERT INTO channel_feeds (channel_id, feed_id, created_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING').run(channelId, feedId, Date.now());
  }

  async unsubscribeChannel(channelId: string, feedId: string): Promise<boolean> {
    return this.#db.prepare('DELETE FROM channel_feeds WHERE channel_id = ? AND feed_id = ?').run(channelId, feedId).changes > 0;
  }

  async channelFeeds(channelId: string): Promise<string[]> {
    return this.#db.prepare('SELECT feed_id FROM channel_feeds WHERE channel_id = ? ORDER BY created_at, feed_id').pluck().all(channelId) as string[];
  }

  async getChannelSettings(channelId: string): Promise<ChannelSettings | undefined> {
    const row = this.#db.prepare('SELECT * FROM channel_settings WHERE channel_id = ?').get(channelId) as Row | undefined;
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
    this.#db
      .prepare(
        `INSERT INTO channel_settings (channel_id, schedule, include_words, exclude_words, updated_at) VALUES (?, ?, ?, ?, ?)
         ON CONFLICT (channel_id) DO UPDATE SET schedule = excluded.schedule, include_words = excluded.include_words,
           exclude_words = excluded.exclude_words, updated_at = excluded.updated_at`,
      )
      .run(settings.channelId, settings.schedule ? JSON.stringify(settings.schedule) : null, JSON.stringify(settings.include), JSON.stringify(settings.exclude), Date.now());
  }

  async recordThreads(channelId: string, threads: Record<string, string>): Promise<void> {
    const insert = this.#db.prepare(
      `INSERT INTO story_threads (channel_id, thread_id, story_id, created_at) VALUES (?, ?, ?, ?)
       ON CONFLICT (channel_id, thread_id) DO UPDATE SET story_id = excluded.story_id`,
    );
    this.#db.transaction(() => {
      for (const [storyId, threadId] of Object.entries(threads)) insert.run(channelId, threadId, storyId, Date.now());
    })();
  }

  async storyForThread(channelId: string, threadId: string): Promise<string | undefined> {
    const id = this.#db.prepare('SELECT story_id FROM story_threads WHERE channel_id = ? AND thread_id = ?').pluck().get(channelId, threadId);
    return typeof id === 'string' ? id : undefined;
  }
}
