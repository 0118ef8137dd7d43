/**
 * Slash commands, declared once as typed plain objects in commands/ and served unchanged by every
 * adapter. A command sees typed options and the app's services, never a platform object.
 */
import type { Briefing, FeedSource, Figure, Person, Reply, Story, StoryRef } from './types.ts';

export type OptionType = 'string' | 'integer' | 'boolean';

export interface OptionSpec {
  type: OptionType;
  description: string;
  required?: boolean;
  /** Discord offers suggestions from `autocomplete()` as the user types. */
  autocomplete?: boolean;
  choices?: readonly string[];
}

type ValueOf<S extends OptionSpec> = S['type'] extends 'integer' ? number : S['type'] extends 'boolean' ? boolean : string;

/** The parsed option values: required ones are always present. */
export type OptionValues<O extends Record<string, OptionSpec>> = {
  [K in keyof O]: O[K]['required'] extends true ? ValueOf<O[K]> : ValueOf<O[K]> | undefined;
};

export interface Invoker {
  id: string;
  name?: string;
  /** Decided by the adapter from platform permissions and the configured admin lists. */
  isAdmin: boolean;
}

export interface CommandContext<O extends Record<string, OptionSpec>> {
  options: OptionValues<O>;
  services: Services;
  user: Invoker;
  channel: { id: string; platform: string };
  now: Date;
}

export interface CommandDefinition<O extends Record<string, OptionSpec> = Record<string, OptionSpec>> {
  name: string;
  description: string;
  /** In order: Slack reads free text into them positionally, the last string option taking the rest. */
  options: O;
  permission: 'everyone' | 'admin';
  run(context: CommandContext<O>): Promise<Reply>;
  /** Suggestions for an option marked `autocomplete` (at most 25). */
  autocomplete?(context: { services: Services; option: keyof O & string; value: string }): Promise<string[]>;
}

export function defineCommand<const O extends Record<string, OptionSpec>>(definition: CommandDefinition<O>): CommandDefinition<O> {
  return definition;
}

/** A feed with its health, for `/feeds`. */
export interface FeedHealth extends FeedSource {
  lastSuccessAt?: Date;
  lastErrorAt?: Date;
  lastError?: string;
  failures: number;
  /** Start of the current run of failures (the feed is kept and retried with backoff). */
  failingSince?: Date;
  /** When the feed is polled next. */
  nextPollAt?: Date;
}

export interface PersonAnswer {
  person?: Person;
  /** Near misses, when no one matched exactly ("Did you mean ..."). */
  suggestions: string[];
  /**
   * Stories the person appears in, newest first, with their links: a few, always including the
   * story of each quote in `person.quotes`, so every quote can name where it was said.
   */
  stories: StoryRef[];
  mentions: number;
}

/** What commands may call. Implemented in src/app.ts from the stages. */
export interface Services {
  briefing(channelId: string, options: { topic?: string; since?: Date }): Promise<Briefing>;
  person(name: string): Promise<PersonAnswer>;
  suggestPeople(prefix: string, limit: number): Promise<string[]>;
  people(storyId: string): Promise<Person[]>;
  figures(storyOrTopic?: string): Promise<{ title: string; figures: Figure[] }>;
  findStory(search: string): Promise<Story | undefined>;
  searchStories(words: string, limit: number): Promise<Story[]>;
  subscribe(channelId: string, url: string, topic?: string): Promise<FeedSource>;
  unsubscribe(channelId: string, feed: string): Promise<boolean>;
  feeds(channelId: string): Promise<FeedHealth[]>;
  setSchedule(channelId: string, schedule: { time: string; timezone: string; weekdays: string[] }): Promise<void>;
  setFilter(channelId: string, mode: 'include' | 'exclude', words: string[]): Promise<void>;
  /** The story whose thread this is, when Herald opened it. */
  storyForThread(channelId: string, threadId: string): Promise<string | undefined>;
  /** Remember the thread (or story message) opened for each story of a digest. */
  recordThreads(channelId: string, threads: Record<string, string>): Promise<void>;
  /** Answer a question asked in a story's thread from its people, quotes and figures, citing the sentence. */
  answer(storyId: string, question: string): Promise<string>;
}
