/**
 * Ports: the small interfaces every stage depends on. Implementations are injected by src/app.ts.
 */
import type { FeedItem, FeedSource } from './types.ts';

/** Time, injectable so schedules and backoff can be tested with a controllable clock. */
export interface Clock {
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

/** Structured logger (pino-compatible subset). Core code never logs; it returns values and errors. */
export interface Logger {
  debug(obj: object | string, msg?: string): void;
  info(obj: object | string, msg?: string): void;
  warn(obj: object | string, msg?: string): void;
  error(obj: object | string, msg?: string): void;
  child(bindings: Record<string, unknown>): Logger;
}

export interface FetchRequest {
  url: string;
  /** Validators from the previous successful fetch, for a conditional GET. */
  etag?: string;
  lastModified?: string;
  /** Accept header; defaults to feed types for feeds and HTML for pages. */
  accept?: string;
  signal?: AbortSignal;
}

export interface FetchResult {
  /** 200 with a body, or 304 when the validators matched (no body). */
  status: 200 | 304;
  /** Final URL after redirects. */
  url: string;
  body: Buffer;
  contentType?: string;
  etag?: string;
  lastModified?: string;
  /** Cache-Control max-age, in seconds, when the server sent one. */
  maxAgeSeconds?: number;
}

/** Fetches feeds and pages safely; failures reject with FeedFetchError. */
export interface Fetcher {
  fetch(request: FetchRequest): Promise<FetchResult>;
}

/** Per-feed polling state. */
export interface FetchState {
  feedId: string;
  etag?: string;
  lastModified?: string;
  /** Consecutive failures, for exponential backoff. */
  failures: number;
  nextPollAt?: Date;
  lastSuccessAt?: Date;
  lastErrorAt?: Date;
  lastError?: string;
  /** When the current run of failures began (for the 24 h feed-health report). */
  failingSince?: Date;
}

/** An item as stored, with its store id and any fetched article text. */
export interface StoredItem extends FeedItem {
  id: string;
  fetchedAt: Date;
  articleText?: string;
}

export interface SaveItemsResult {
  /** Items that were new. */
  inserted: StoredItem[];
  /** Items already known (same identity, link or title in the feed), with the reason. */
  duplicates: { item: FeedItem; reason: 'guid' | 'url' | 'title' }[];
}

/**
 * Persistence. SQLite is the default; PostgreSQL serves several instances.
 * One contract suite (tests/contract/store.contract.ts) runs against every implementation.
 */
export interface Store {
  /** Apply pending migrations; running it twice is a no-op. */
  migrate(): Promise<void>;
  close(): Promise<void>;

  upsertFeed(feed: FeedSource): Promise<void>;
  listFeeds(): Promise<FeedSource[]>;
  removeFeed(feedId: string): Promise<boolean>;

  getFetchState(feedId: string): Promise<FetchState | undefined>;
  saveFetchState(state: FetchState): Promise<void>;
  /** Fetch states of the feeds whose current run of failures began at `before` or earlier (the feed-health report). */
  listFailingSince(before: Date): Promise<FetchState[]>;

  /** Store new items; duplicates (by guid, canonical URL, or title within the feed) are reported, not stored. */
  saveItems(items: FeedItem[], fetchedAt: Date): Promise<SaveItemsResult>;
  saveArticleText(itemId: string, text: string): Promise<void>;
  /** Items fetched or published since `since`, newest first. */
  listItems(query: { since?: Date; feedIds?: string[]; limit?: number }): Promise<StoredItem[]>;

  /** Remember what a channel was told about each story (the fingerprint is opaque JSON data). */
  recordSent(channelId: string, sent: SentStory[], at: Date): Promise<void>;
  /** What a channel was told, latest per story, since `since` when given. */
  listSent(channelId: string, since?: Date): Promise<Map<string, unknown>>;

  /** Feeds a channel subscribed to with /subscribe (config feeds serve every channel). */
  subscribeChannel(channelId: string, feedId: string): Promise<void>;
  unsubscribeChannel(channelId: string, feedId: string): Promise<boolean>;
  channelFeeds(channelId: string): Promise<string[]>;
  getChannelSettings(channelId: string): Promise<ChannelSettings | undefined>;
  saveChannelSettings(settings: ChannelSettings): Promise<void>;
  /** Thread (or story message) ids per story, so questions in a thread find their story. */
  recordThreads(channelId: string, threads: Record<string, string>): Promise<void>;
  storyForThread(channelId: string, threadId: string): Promise<string | undefined>;
}

/** What admins set for a channel from chat: its digest schedule and word filters. */
export interface ChannelSettings {
  channelId: string;
  schedule?: { time: string; timezone: string; weekdays: string[] };
  include: string[];
  exclude: string[];
}

export interface SentStory {
  storyId: string;
  fingerprint: unknown;
}

/** Text to condense into bullets. */
export interface SummaryInput {
  title: string;
  text: string;
  /** Publisher-supplied summary or standfirst. */
  summary?: string;
}

export interface SummaryResult {
  bullets: string[];
  /** Which path produced each bullet. */
  source: 'extractive' | 'llm' | 'mixed';
  /** Why model bullets were replaced by extractive ones (ungrounded name/number, timeout, error). */
  fallbacks: { reason: string; detail?: string }[];
}

/** Turns article text into 2 to 4 bullets. Extractive by default; an LLM implementation is optional. */
export interface Summarizer {
  summarize(input: SummaryInput): Promise<SummaryResult>;
}

/** Where a posted message landed, so threads and follow-ups find it again. */
export interface PostedMessage {
  channelId: string;
  messageId: string;
  /** Thread (or story message) id per story id, when the platform opened one. */
  threads?: Record<string, string>;
}

/** One chat platform. Adapters render platform-neutral replies; nothing else knows the platform. */
export interface ChatAdapter {
  readonly platform: string;
  start(): Promise<void>;
  /** Platform failures reach the caller as ChatDeliveryError (src/core/errors.ts). */
  post(channelId: string, reply: import('./types.ts').Reply, options?: PostOptions): Promise<PostedMessage>;
  /**
   * The digest posted under `key` (PostOptions.digestKey), read back from the channel's recent
   * messages: its first message and the story messages found. Undefined when none is there.
   * Platforms that cannot read a channel back (console, webhooks) leave it out.
   */
  findDigest?(channelId: string, key: string, options?: FindDigestOptions): Promise<PostedMessage | undefined>;
  /** For /healthz readiness: false while the platform connection (gateway, socket) is down. Absent: connected once started. */
  isConnected?(): boolean;
  stop(): Promise<void>;
}

/** A person found by name for `/who` and autocomplete, best first. */
export interface PersonMatch {
  /** The index's id for the person, for `getPerson`. */
  id: string;
  name: string;
  role?: string;
  organisation?: string;
  /** Stories the person appears in. */
  mentions: number;
  lastSeen: Date;
  /**
   * 0..1: 1 for the full name; a little less for an alias, a surname or a given name alone;
   * a typo or a word start scores by how close it is, below every alias.
   */
  score: number;
  kind: 'exact' | 'alias' | 'fuzzy';
}

/** One person as the index knows them across every story. */
export interface PersonRecord {
  id: string;
  /** Latest role and organisation (by story time); quotes latest first; storyIds newest first. */
  person: import('./types.ts').Person;
  firstSeen: Date;
  lastSeen: Date;
  /** Stories the person appears in. */
  mentions: number;
}

/** The key numbers for `/figures`: of one story, of a topic's latest stories, or of the latest stories. */
export interface StoryFigures {
  /** 'none' when the argument matched no story or topic. */
  scope: 'story' | 'topic' | 'latest' | 'none';
  /** The stories the figures come from, newest first. */
  stories: { id: string; headline: string; firstSeen: Date; topic?: string }[];
  /** The topic as the stories spell it, for scope 'topic'. */
  topic?: string;
  /** In story order, then in the order the story gave them. */
  figures: import('./types.ts').Figure[];
}

/**
 * The persistent index of stories, people and figures behind `/who`, `/figures`, `/story` and
 * `/search`. People are merged across stories by folded full name and alias; a surname alone joins
 * a person only when that is unambiguous. One contract suite (tests/contract/news-index.contract.ts)
 * runs against every implementation.
 */
export interface NewsIndex {
  /**
   * Insert or replace a story (headline, bullets, sources, topic, firstSeen, figures) and merge its
   * people into the people index. Idempotent: saving a story again replaces its own quotes, figures
   * and people links instead of adding to them. Story time for people (role order, first and last
   * seen) is `story.firstSeen`; `at` is when this version was indexed.
   */
  saveStory(story: import('./types.ts').Story, people: import('./types.ts').Person[], at: Date): Promise<void>;
  /** The story with its figures, and its people by their index names. */
  getStory(id: string): Promise<import('./types.ts').Story | undefined>;
  /** Several stories by id in one read, in the order asked; ids not in the index are left out, repeats kept once. */
  getStories(ids: readonly string[]): Promise<import('./types.ts').Story[]>;
  /** Stories whose headline or bullets hold all the words (any of them when none holds all), newest first. */
  searchStories(words: string, limit: number): Promise<import('./types.ts').Story[]>;
  /** A story by id, else the best text match for the words among the most recent stories that hold them. */
  findStory(search: string): Promise<import('./types.ts').Story | undefined>;
  /**
   * People by name (accents, case and titles folded): the full name, an alias, a surname or a given
   * name; near misses (typos, word starts) only when no full name, alias or surname matched. Best first.
   */
  findPeople(query: string, limit: number): Promise<PersonMatch[]>;
  getPerson(id: string): Promise<PersonRecord | undefined>;
  /** Names starting with the prefix at any word (accents and case folded), most mentioned first; at most 25. */
  suggestPeople(prefix: string, limit: number): Promise<string[]>;
  /**
   * The people in a story, in the story's order: index name and aliases, role and organisation as
   * that story gave them (else the latest), the story's own quotes, and all their story ids.
   */
  peopleInStory(storyId: string): Promise<import('./types.ts').Person[]>;
  /**
   * Key figures of a story (by id, else by text match) or of a topic's latest stories; of the
   * latest stories when no argument is given.
   */
  figuresFor(storyOrTopic?: string): Promise<StoryFigures>;
}

/**
 * Feed poll leases, so several instances sharing one database never poll the same feed at once.
 * A feed is due when its next poll time has come (or it was never polled) and nobody holds an
 * unexpired lease on it. A lease that is not renewed expires, and the feed returns to the pool: a
 * killed instance's feeds are polled by another one within the lease time. One contract suite
 * (tests/contract/feed-leases.contract.ts) runs against every implementation.
 */
export interface FeedLeases {
  /**
   * Atomically claim up to `limit` due feeds for `holder` until `now + leaseMs`, soonest due first
   * (ties in a stable order that mixes hosts). Two holders never receive the same feed from
   * overlapping claims.
   */
  claimDue(request: { holder: string; now: Date; leaseMs: number; limit: number }): Promise<ClaimedFeed[]>;
  /** Extend the holder's leases on these feeds to `now + leaseMs`; returns the ids it still holds. */
  renew(holder: string, feedIds: readonly string[], now: Date, leaseMs: number): Promise<string[]>;
  /**
   * Give the holder's leases back. Each of `states` (the feeds' polls, with their next poll time)
   * is saved and its lease freed in one step, and only while the holder still holds that lease: a
   * holder whose lease expired and was claimed by another instance overwrites nothing.
   */
  release(holder: string, feedIds: readonly string[], states?: readonly FetchState[]): Promise<void>;
}

/** A claimed feed with its fetch state as of the claim (no other instance changes it while leased). */
export interface ClaimedFeed {
  feed: FeedSource;
  state: FetchState;
}

/**
 * Claims of scheduled work by a unique key (a job name and its time slot), so a job scheduled on
 * every instance runs on one. Implemented next to FeedLeases in each engine.
 */
export interface JobClaims {
  /**
   * Claim `key` for `holder` until `now + ttlMs`. True when the holder has it: nobody held it, the
   * holder already did, or the previous claim expired. A claim stays after the job finishes, so the
   * same slot does not run again while it lasts.
   */
  claim(key: string, holder: string, now: Date, ttlMs: number): Promise<boolean>;
}

/** Runs one platform call under the caller's policy (rate limit, retries); the default calls it once. */
export type CallRunner = <T>(call: () => Promise<T>) => Promise<T>;

/** How the deliver stage posts a digest. */
export interface PostOptions {
  /** The digest's key (channel and slot), written into what is posted so `findDigest` finds it again. */
  digestKey?: string;
  /** Parts of this digest already in the channel (from `findDigest`): not posted again. */
  resume?: PostedMessage;
  /** Wraps every platform call; the deliver stage's single retry and rate-limit policy. */
  run?: CallRunner;
}

export interface FindDigestOptions {
  /** Messages older than this are not read (the digest was claimed after it). */
  since?: Date;
  /** The digest as it was built, for platforms that mark stories by position. */
  briefing?: import('./types.ts').Briefing;
  run?: CallRunner;
}

/**
 * Where a digest slot stands. `posting`: claimed, its holder is posting it until the lease ends.
 * `pending`: a try failed, retried from `retryAt`. `sent`, `skipped` (missed by more than the grace
 * period) and `failed` (given up) are final.
 */
export type OutboxStatus = 'posting' | 'pending' | 'sent' | 'skipped' | 'failed';

/** One digest of one channel at one slot. */
export interface OutboxEntry {
  channelId: string;
  slotAt: Date;
  /** Stable key written into the posted messages, for reconciling after a crash. */
  key: string;
  status: OutboxStatus;
  /** Sent after its slot (catch-up after downtime, or after retries). */
  late: boolean;
  /** Claims so far; above 1 means an earlier try may have posted part of it. */
  attempts: number;
  owner?: string;
  leaseUntil?: Date;
  retryAt?: Date;
  /** The digest as first built (JSON), so every try posts the same stories. */
  briefing?: string;
  messageId?: string;
  threads?: Record<string, string>;
  error?: string;
  updatedAt: Date;
  sentAt?: Date;
}

/** Who holds a slot: the claim's channel, slot and owner. */
export interface OutboxLease {
  channelId: string;
  slotAt: Date;
  owner: string;
}

/**
 * The digest outbox: a row per (channel, slot), claimed atomically before posting so that one
 * instance posts each digest once, even when several share a database. Migrations come with the
 * engine's Store. One contract suite (tests/contract/outbox.contract.ts) runs on every engine.
 */
export interface Outbox {
  /**
   * Claim the slot for `owner` until `leaseUntil`: a new row, or an unfinished one (`posting` with
   * its lease over, `pending` with its retry time come). Returns the claimed entry (attempts
   * counted), or undefined when the slot is final or someone else holds it.
   */
  claim(request: OutboxLease & { key: string; now: Date; leaseUntil: Date; late: boolean }): Promise<OutboxEntry | undefined>;
  /** Extend the holder's lease; false when it no longer holds the slot. */
  renew(lease: OutboxLease, leaseUntil: Date): Promise<boolean>;
  /** Keep the digest as built on the first try (later tries keep the first). */
  saveBriefing(lease: OutboxLease, briefing: string): Promise<boolean>;
  /** Posted: record the platform message id and story threads; final. */
  complete(lease: OutboxLease, posted: { messageId: string; threads: Record<string, string> }, at: Date): Promise<boolean>;
  /** A try failed but may succeed later: back to `pending` until `retryAt`. */
  release(lease: OutboxLease, failure: { error: string; retryAt: Date }, at: Date): Promise<boolean>;
  /** Given up (permanent error, or the grace period passed): final. */
  fail(lease: OutboxLease, error: string, at: Date): Promise<boolean>;
  /** Record a slot missed by more than the grace period; false when the slot already has a row. */
  skip(entry: { channelId: string; slotAt: Date; key: string; reason: string }, at: Date): Promise<boolean>;
  get(channelId: string, slotAt: Date): Promise<OutboxEntry | undefined>;
  /** Every entry whose slot is at or after `slotAt`, oldest slot first. */
  since(slotAt: Date): Promise<OutboxEntry[]>;
  /** The channel's entry with the latest slot. */
  latest(channelId: string): Promise<OutboxEntry | undefined>;
  /** Take a one-time notice key (e.g. "feed-failing:<feed>:<since>"); true only for the first taker. */
  claimNotice(key: string, at: Date): Promise<boolean>;
  /** Forget a notice key, so the next occurrence is told again. */
  clearNotice(key: string): Promise<void>;
  /** Channels whose digest schedule was set from chat (/schedule), with their settings. */
  scheduledChannels(): Promise<ChannelSettings[]>;
}
