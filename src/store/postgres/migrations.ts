/**
 * PostgreSQL schema, as ordered migrations mirroring src/store/sqlite/migrations.ts (same versions,
 * same tables). Times are BIGINT milliseconds, JSON is TEXT (as SQLite keeps it), and keys compared
 * by range or prefix use the "C" collation so they sort by code point whatever the database locale.
 */
export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export const POSTGRES_MIGRATIONS: Migration[] = [
  {
    version: 1,
    name: 'feeds, fetch state and items',
    sql: `
      CREATE TABLE feeds (
        id TEXT PRIMARY KEY,
        url TEXT NOT NULL,
        title TEXT,
        topic TEXT,
        weight DOUBLE PRECISION NOT NULL DEFAULT 1,
        created_at BIGINT NOT NULL
      );
      CREATE TABLE fetch_state (
        feed_id TEXT PRIMARY KEY,
        etag TEXT,
        last_modified TEXT,
        failures INTEGER NOT NULL DEFAULT 0,
        next_poll_at BIGINT,
        last_success_at BIGINT,
        last_error_at BIGINT,
        last_error TEXT,
        failing_since BIGINT
      );
      CREATE TABLE items (
        id TEXT PRIMARY KEY,
        feed_id TEXT NOT NULL,
        guid TEXT NOT NULL,
        url TEXT NOT NULL,
        title TEXT NOT NULL,
        title_key TEXT NOT NULL,
        published_at BIGINT,
        fetched_at BIGINT NOT NULL,
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
      CREATE INDEX items_time ON items ((COALESCE(published_at, fetched_at)) DESC, id);
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
        sent_at BIGINT NOT NULL,
        PRIMARY KEY (channel_id, story_id)
      );
      CREATE INDEX sent_stories_time ON sent_stories (channel_id, sent_at);
    `,
  },
  {
    version: 3,
    name: 'news index: stories, figures and people across stories',
    // stories.tick orders stories first seen in the same millisecond by when they were saved; it is
    // drawn from a sequence, so instances saving at once never collide. stories.search is built from
    // text folded by the application (case, accents), stemmed without stop words, headline weighted A.
    // person_names.kind: 0 full name, 1 alias, 2 sorted words, 3 surname, 4 given name.
    // person_grams: trigrams of full names and aliases, for near-miss lookups without an extension.
    sql: `
      CREATE TEXT SEARCH DICTIONARY herald_stem (TEMPLATE = snowball, LANGUAGE = english);
      CREATE TEXT SEARCH CONFIGURATION herald_search (COPY = pg_catalog.simple);
      ALTER TEXT SEARCH CONFIGURATION herald_search
        ALTER MAPPING FOR asciiword, word, numword, asciihword, hword, numhword, hword_asciipart, hword_part, hword_numpart
        WITH herald_stem;
      CREATE SEQUENCE story_ticks;
      CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        tick BIGINT NOT NULL,
        headline TEXT NOT NULL,
        bullets TEXT NOT NULL,
        sources TEXT NOT NULL,
        people TEXT NOT NULL,
        topic TEXT,
        topic_key TEXT COLLATE "C",
        first_seen BIGINT NOT NULL,
        updated_at BIGINT NOT NULL,
        figure_count INTEGER NOT NULL DEFAULT 0,
        search TSVECTOR NOT NULL
      );
      CREATE INDEX stories_time ON stories (first_seen DESC, tick DESC);
      CREATE INDEX stories_topic ON stories (topic_key, first_seen DESC, tick DESC);
      CREATE INDEX stories_with_figures ON stories (first_seen DESC, tick DESC) WHERE figure_count > 0;
      CREATE INDEX stories_search ON stories USING GIN (search);
      CREATE TABLE story_figures (
        story_id TEXT NOT NULL,
        ord INTEGER NOT NULL,
        value TEXT NOT NULL,
        kind TEXT NOT NULL,
        context TEXT NOT NULL,
        resolved TEXT,
        PRIMARY KEY (story_id, ord)
      );
      CREATE TABLE people (
        id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        name TEXT NOT NULL,
        name_key TEXT COLLATE "C" NOT NULL,
        tokens INTEGER NOT NULL,
        role TEXT,
        role_at BIGINT,
        organisation TEXT,
        org_key TEXT,
        org_at BIGINT,
        first_seen BIGINT NOT NULL,
        last_seen BIGINT NOT NULL,
        mentions INTEGER NOT NULL DEFAULT 0,
        search_text TEXT NOT NULL DEFAULT ' '
      );
      CREATE INDEX people_mentions ON people (mentions DESC, last_seen DESC);
      CREATE TABLE person_names (
        key TEXT COLLATE "C" NOT NULL,
        person_id BIGINT NOT NULL,
        kind SMALLINT NOT NULL,
        PRIMARY KEY (key, person_id)
      );
      CREATE INDEX person_names_person ON person_names (person_id);
      CREATE TABLE person_grams (
        gram TEXT COLLATE "C" NOT NULL,
        person_id BIGINT NOT NULL,
        PRIMARY KEY (gram, person_id)
      );
      CREATE INDEX person_grams_person ON person_grams (person_id);
      CREATE TABLE person_aliases (
        person_id BIGINT NOT NULL,
        alias TEXT NOT NULL,
        PRIMARY KEY (person_id, alias)
      );
      CREATE TABLE person_stories (
        person_id BIGINT NOT NULL,
        story_id TEXT NOT NULL,
        ord INTEGER NOT NULL,
        seen_at BIGINT NOT NULL,
        saved_at BIGINT NOT NULL,
        role TEXT,
        organisation TEXT,
        PRIMARY KEY (person_id, story_id)
      );
      CREATE INDEX person_stories_story ON person_stories (story_id, ord);
      CREATE INDEX person_stories_time ON person_stories (person_id, seen_at DESC, saved_at DESC);
      CREATE TABLE person_quotes (
        story_id TEXT NOT NULL,
        person_id BIGINT NOT NULL,
        ord INTEGER NOT NULL,
        seen_at BIGINT NOT NULL,
        text TEXT NOT NULL,
        kind TEXT NOT NULL,
        sentence TEXT NOT NULL,
        PRIMARY KEY (story_id, person_id, ord)
      );
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
        created_at BIGINT NOT NULL,
        PRIMARY KEY (channel_id, feed_id)
      );
      CREATE TABLE channel_settings (
        channel_id TEXT PRIMARY KEY,
        schedule TEXT,
        include_words TEXT NOT NULL DEFAULT '[]',
        exclude_words TEXT NOT NULL DEFAULT '[]',
        updated_at BIGINT NOT NULL
      );
      CREATE TABLE story_threads (
        channel_id TEXT NOT NULL,
        thread_id TEXT NOT NULL,
        story_id TEXT NOT NULL,
        created_at BIGINT NOT NULL,
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
      ALTER TABLE fetch_state ADD COLUMN lease_until BIGINT NOT NULL DEFAULT 0;
      CREATE INDEX fetch_state_due ON fetch_state (next_poll_at);
      CREATE TABLE job_claims (
        key TEXT PRIMARY KEY,
        holder TEXT NOT NULL,
        claimed_at BIGINT NOT NULL,
        expires_at BIGINT NOT NULL
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
        slot_at BIGINT NOT NULL,
        digest_key TEXT NOT NULL,
        status TEXT NOT NULL,
        late BOOLEAN NOT NULL DEFAULT FALSE,
        attempts INTEGER NOT NULL DEFAULT 0,
        owner TEXT,
        lease_until BIGINT,
        retry_at BIGINT,
        briefing TEXT,
        message_id TEXT,
        threads TEXT,
        error TEXT,
        updated_at BIGINT NOT NULL,
        sent_at BIGINT,
        PRIMARY KEY (channel_id, slot_at)
      );
      CREATE INDEX digest_outbox_slot ON digest_outbox (slot_at);
      CREATE TABLE delivery_notices (
        key TEXT PRIMARY KEY,
        created_at BIGINT NOT NULL
      );
    `,
  },
  {
    version: 31,
    name: 'a fetch_state row with every feed, and an index claims walk in order',
    // upsertFeed now writes a feed's fetch_state row with it, so a claim no longer checks every feed
    // for a missing one; feeds saved before this get theirs here. The claim takes the soonest due
    // feeds in this index's order (hosts mixed by hashtext), reading only the rows it hands out.
    sql: `
      INSERT INTO fetch_state (feed_id, failures)
        SELECT f.id, 0 FROM feeds f WHERE NOT EXISTS (SELECT 1 FROM fetch_state s WHERE s.feed_id = f.id)
        ON CONFLICT (feed_id) DO NOTHING;
      CREATE INDEX fetch_state_claim ON fetch_state ((COALESCE(next_poll_at, 0)), hashtext(feed_id), feed_id);
    `,
  },
];
