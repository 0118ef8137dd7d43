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
  {
    version: 3,
    name: 'news index: stories, figures and people across stories',
    // stories.seq is firstSeen in ms * 1024 + a tie-breaker: the text index uses it as its rowid, so
    // "newest first" is a walk down the rowids that stops at the limit.
    // person_names.kind: 0 full name, 1 alias, 2 sorted words, 3 surname, 4 given name.
    sql: `
      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        seq INTEGER NOT NULL UNIQUE,
        headline TEXT NOT NULL,
        bullets TEXT NOT NULL,
        sources TEXT NOT NULL,
        people TEXT NOT NULL,
        topic TEXT,
        topic_key TEXT,
        first_seen INTEGER NOT NULL,
        updated_at INTEGER NOT NULL,
        figure_count INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX stories_topic ON stories (topic_key, seq);
      CREATE INDEX stories_with_figures ON stories (seq) WHERE figure_count > 0;
      CREATE VIRTUAL TABLE story_text USING fts5 (
        headline, bullets, content = '', contentless_delete = 1, tokenize = 'porter unicode61 remove_diacritics 2'
      );
      CREATE TABLE story_figures (
        story_id TEXT NOT NULL,
        ord INTEGER NOT NULL,
        value TEXT NOT NULL,
        kind TEXT NOT NULL,
        context TEXT NOT NULL,
        resolved TEXT,
        PRIMARY KEY (story_id, ord)
      ) WITHOUT ROWID;
      CREATE TABLE people (
        id INTEGER PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT NOT NULL,
        tokens INTEGER NOT NULL,
        role TEXT,
        role_at INTEGER,
        organisation TEXT,
        org_key TEXT,
        org_at INTEGER,
        first_seen INTEGER NOT NULL,
        last_seen INTEGER NOT NULL,
        mentions INTEGER NOT NULL DEFAULT 0,
        search_text TEXT NOT NULL DEFAULT ' '
      );
      CREATE INDEX people_mentions ON people (mentions DESC, last_seen DESC);
      CREATE TABLE person_names (
        key TEXT NOT NULL,
        person_id INTEGER NOT NULL,
        kind INTEGER NOT NULL,
        PRIMARY KEY (key, person_id)
      ) WITHOUT ROWID;
      CREATE INDEX person_names_person ON person_names (person_id);
      CREATE TABLE person_aliases (
        person_id INTEGER NOT NULL,
        alias TEXT NOT NULL,
        PRIMARY KEY (person_id, alias)
      ) WITHOUT ROWID;
      CREATE TABLE person_stories (
        person_id INTEGER NOT NULL,
        story_id TEXT NOT NULL,
        ord INTEGER NOT NULL,
        seen_at INTEGER NOT NULL,
        saved_at INTEGER NOT NULL,
        role TEXT,
        organisation TEXT,
        PRIMARY KEY (person_id, story_id)
      ) WITHOUT ROWID;
      CREATE INDEX person_stories_story ON person_stories (story_id, ord);
      CREATE INDEX person_stories_time ON person_stories (person_id, seen_at DESC, saved_at DESC);
      CREATE TABLE person_quotes (
        story_id TEXT NOT NULL,
        person_id INTEGER NOT NULL,
        ord INTEGER NOT NULL,
        seen_at INTEGER NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        sentence TEXT NOT NULL,
        PRIMARY KEY (story_id, person_id, ord)
      ) WITHOUT ROWID;
      CREATE INDEX person_quotes_person ON person_quotes (person_id, seen_at DESC);
    `,
  },
  {
    version: 10,
    name: 'channels: subscriptions, settings, story threads',
    sql: `
      CREATE TABLE channel_feeds (
        channel_id TEXT NOT NULL,
        feed_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (channel_id, feed_id)
      );
      CREATE TABLE channel_settings (
        channel_id TEXT PRIMARY KEY,
        schedule TEXT,
        include_words TEXT NOT NULL DEFAULT '[]',
        exclude_words TEXT NOT NULL DEFAULT '[]',
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE story_threads (
        channel_id TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        story_id TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (channel_id, thread_id)
      );
    `,
  },
  {
    version: 30,
    name: 'feed poll leases and job claims for several instances',
    // Leases live on the feed's fetch_state row, next to its next poll time, so one row says whether
    // a feed is due and whether someone is polling it. saveFetchState leaves these columns alone.
    sql: `
      ALTER TABLE fetch_state ADD COLUMN lease_holder TEXT;
      ALTER TABLE fetch_state ADD COLUMN lease_until INTEGER NOT NULL DEFAULT 0;
      CREATE INDEX fetch_state_due ON fetch_state (next_poll_at);
      CREATE TABLE job_claims (
        key TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        claimed_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX job_claims_expiry ON job_claims (expires_at);
    `,
  },
  {
    version: 20,
    name: 'digest outbox and one-time delivery notices',
    // One row per (channel, slot), claimed before posting: the primary key is what makes a digest go
    // out once, whichever instance claims it. Notices (a feed failing for a day, a channel gone) are
    // keys taken once.
    sql: `
      CREATE TABLE digest_outbox (
        channel_id TEXT NOT NULL,
        slot_at INTEGER NOT NULL,
        digest_key TEXT NOT NULL,
        status TEXT NOT NULL,
        late INTEGER NOT NULL DEFAULT 0,
        attempts INTEGER NOT NULL DEFAULT 0,
        owner TEXT,
        lease_until INTEGER,
        retry_at INTEGER,
        briefing TEXT,
        message_id TEXT,
        threads TEXT,
        error TEXT,
        updated_at INTEGER NOT NULL,
        sent_at INTEGER,
        PRIMARY KEY (channel_id, slot_at)
      );
      CREATE INDEX digest_outbox_slot ON digest_outbox (slot_at);
      CREATE TABLE delivery_notices (
        key TEXT PRIMARY KEY,
        created_at INTEGER NOT NULL
      );
    `,
  },
  {
    version: 31,
    name: 'a fetch_state row with every feed',
    // upsertFeed now writes a feed's fetch_state row with it, so a claim no longer checks every feed
    // for a missing one; feeds saved before this get theirs here.
    sql: `
      INSERT INTO fetch_state (feed_id, failures)
        SELECT id, 0 FROM feeds WHERE id NOT IN (SELECT feed_id FROM fetch_state)
        ON CONFLICT (feed_id) DO NOTHING;
    `,
  },
];
