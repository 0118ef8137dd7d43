/** SQLite schema, as ordered migrations. Each runs once, inside a transaction. */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const SQLITE_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'feeds, fetch state and items',
    sql: `
      CREATE TABLE feeds (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        title TEXT,
        topic TEXT,
        weight REAL NOT NULL DEFAULT 1,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE fetch_state (
        feed_id TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at INTEGER,
        last_success_at INTEGER,
        last_error_at INTEGER,
        last_error TEXT,
        failing_since INTEGER
      );
      CREATE TABLE items (
        id TEXT PRIMARY KEY,
        feed_id TEXT NOT NULL,
        guid TEXT NOT NULL,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        title_key TEXT NOT NULL,
        published_at INTEGER,
        fetched_at INTEGER NOT NULL,
        author TEXT,
        categories TEXT,
        html TEXT,
        text TEXT,
        summary TEXT,
        article_text TEXT
      );
      CREATE UNIQUE INDEX items_feed_guid ON items (feed_id, guid);
      CREATE INDEX items_url ON items (url) WHERE url <> '';
      CREATE INDEX items_feed_title ON items (feed_id, title_key);
      CREATE INDEX items_fetched ON items (fetched_at);
    `,
  },
  {
    version: 2,
    name: 'stories sent per channel',
    sql: `
      CREATE TABLE sent_stories (
        channel_id TEXT NOT NULL,
        story_id TEXT NOT NULL,
        fingerprint TEXT NOT NULL,
        sent_at INTEGER NOT NULL,
        PRIMARY KEY (channel_id, story_id)
      );
      CREATE INDEX sent_stories_time ON sent_stories (channel_id, sent_at);
    `,
  },
];
