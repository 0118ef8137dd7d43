/**
 * Domain types shared by every stage. Plain data only: no classes, no I/O.
 * See docs/architecture.md for the flow these shapes travel through.
 */

/** A feed as configured or subscribed. */
export interface FeedSource {
  /** Stable id: the canonical feed URL unless config names one. */
  id: string;
  url: string;
  title?: string;
  /** Topic or category used to group stories in a briefing. */
  topic?: string;
  /** Ranking weight from config (1 = normal). */
  weight: number;
}

/** One normalised item from a feed. All text is plain (no markup, no control characters). */
export interface FeedItem {
  feedId: string;
  /** Stable identity: normalised guid, else canonical URL, else content hash. */
  guid: string;
  /** Canonical absolute http(s) URL, or '' when the item has none. */
  url: string;
  title: string;
  /** Unknown (undefined) when missing, invalid, before 1990 or more than a day ahead. */
  publishedAt?: Date;
  author?: string;
  categories?: string[];
  /** The item's HTML body as the feed gave it (content:encoded, content, description). */
  html?: string;
  /** Plain text derived from html or the summary (the boilerplate filter runs on it when the item is enriched). */
  text?: string;
  /** A publisher-supplied summary/standfirst, plain text, when distinct from the body. */
  summary?: string;
}

/** Metadata of a parsed feed document. */
export interface FeedMeta {
  title: string;
  link?: string;
  description?: string;
  format: 'rss' | 'atom' | 'rdf' | 'json';
  /** Time to live in minutes, from RSS <ttl>, when given. */
  ttlMinutes?: number;
}

export interface ParsedFeed {
  feed: FeedMeta;
  items: FeedItem[];
  /** Items dropped during normalisation, with the reason (logged by the caller). */
  skipped: { reason: string; title?: string }[];
}

/** Article text ready for condensing. */
export interface Article {
  itemId: string;
  url: string;
  title: string;
  text: string;
  sentences: string[];
  publishedAt?: Date;
  /** Publisher summary or standfirst, when one exists. */
  summary?: string;
}

export interface Quote {
  text: string;
  kind: 'direct' | 'partial' | 'reported';
  /** The sentence the quote was taken from, for citation. */
  sentence: string;
  storyId: string;
}

export interface Person {
  name: string;
  aliases: string[];
  role?: string;
  organisation?: string;
  quotes: Quote[];
  storyIds: string[];
}

export interface Figure {
  value: string;
  kind: 'number' | 'money' | 'percent' | 'date' | 'duration' | 'ordinal';
  /** The trimmed sentence that gives the figure its meaning. */
  context: string;
  storyId: string;
  /** ISO date when a date figure was resolved against the publication date. */
  resolved?: string;
}

export interface StorySource {
  title: string;
  url: string;
  feed: string;
}

export interface Story {
  id: string;
  headline: string;
  bullets: string[];
  sources: StorySource[];
  people: string[];
  figures: Figure[];
  firstSeen: Date;
  topic?: string;
  /** Set when the story was sent before and comes back with a new fact. */
  update?: boolean;
}

export interface Briefing {
  channelId: string;
  title: string;
  createdAt: Date;
  stories: Story[];
  since?: Date;
}

/**
 * A story as a reply cites it: enough to name it and link to its article, without its bullets,
 * people or figures. The URL is feed text like any other: adapters still check it before linking.
 */
export interface StoryRef {
  id: string;
  headline: string;
  /** The story's first source with a URL, when it has one. */
  url?: string;
}

/** What a command returns; adapters render it per platform. */
export type Reply =
  | { kind: 'briefing'; briefing: Briefing }
  /** `stories`: those the person appears in, newest first, including the story of each quote shown. */
  | { kind: 'person'; person: Person; stories?: StoryRef[] }
  | { kind: 'figures'; figures: Figure[]; title?: string }
  | { kind: 'stories'; stories: Story[]; title?: string }
  | { kind: 'text'; text: string; ephemeral?: boolean };
