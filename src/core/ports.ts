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
  post(channelId: string, reply: import('./types.ts').Reply): Promise<PostedMessage>;
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
