/**
 * The Services that commands call, wired from the app's parts. Part of the composition root
 * (imported by src/app.ts only): each method delegates to a stage and adds no logic of its own
 * beyond turning stage errors into messages a user can act on.
 */
import type { FeedHealth, Services } from './core/command.ts';
import { FeedFetchError, FeedParseError, UserFacingError } from './core/errors.ts';
import type { Fetcher, NewsIndex, Store } from './core/ports.ts';
import type { Briefing, FeedSource } from './core/types.ts';
import { answerQuestion } from './figures/answer-question.ts';
import { createFigureAnswers } from './figures/answers.ts';
import { canonicalUrl } from './ingest/canonical-url.ts';
import { probeFeed } from './ingest/probe-feed.ts';

export interface ServiceDeps {
  store: Store;
  index: NewsIndex;
  fetcher: Fetcher;
  /** Feeds from the config file: every channel gets them. */
  configFeeds: () => FeedSource[];
  briefing(channelId: string, options: { topic?: string; since?: Date; feedIds?: string[]; include?: string[]; exclude?: string[] }): Promise<Briefing>;
  /** Called after a channel's schedule changed, so the scheduler can pick it up. */
  scheduleChanged?(channelId: string): void;
}

const FETCH_HINTS: Partial<Record<string, string>> = {
  'private-address': 'it points at a private or local address, which Herald does not fetch',
  timeout: 'the server took too long to answer',
  'too-large': 'the document is larger than the size limit',
  'bad-status': 'the server answered with an error status',
  dns: 'the host name does not resolve',
  'bad-scheme': 'only http and https links can be feeds',
  'invalid-url': 'it is not a valid URL',
};

function subscribeError(url: string, error: unknown): UserFacingError {
  if (error instanceof FeedFetchError) {
    const hint = FETCH_HINTS[error.reason] ?? `it could not be fetched (${error.reason})`;
    return new UserFacingError('feed-unreachable', `Could not subscribe to ${url}: ${hint}. Check that the URL opens in a browser and try again.`);
  }
  if (error instanceof FeedParseError) {
    return new UserFacingError('not-a-feed', `${url} is not an RSS, Atom or JSON feed (${error.reason}). Look for the site's feed link (often /rss, /feed or /atom.xml) and subscribe to that.`);
  }
  throw error;
}

export function createServices(deps: ServiceDeps): Services {
  const { store, index } = deps;
  const answers = createFigureAnswers(index);

  async function channelFeedIds(channelId: string): Promise<string[]> {
    return [...new Set([...deps.configFeeds().map((f) => f.id), ...(await store.channelFeeds(channelId))])];
  }

  async function settingsOf(channelId: string) {
    return (await store.getChannelSettings(channelId)) ?? { channelId, include: [], exclude: [] };
  }

  return {
    ...answers,
    async briefing(channelId, options) {
      const settings = await settingsOf(channelId);
      return deps.briefing(channelId, { ...options, feedIds: await channelFeedIds(channelId), include: settings.include, exclude: settings.exclude });
    },
    async subscribe(channelId, url, topic) {
      const canonical = canonicalUrl(url.trim());
      if (!canonical) throw new UserFacingError('bad-url', `"${url}" is not a feed URL: it must start with http:// or https://.`);
      let title: string | undefined;
      try {
        title = (await probeFeed(url.trim(), deps.fetcher)).feed.title || undefined;
      } catch (error) {
        throw subscribeError(url, error);
      }
      const feed: FeedSource = { id: canonical, url: url.trim(), weight: 1, ...(title ? { title } : {}), ...(topic ? { topic } : {}) };
      await store.upsertFeed(feed);
      await store.subscribeChannel(channelId, feed.id);
      return feed;
    },
    async unsubscribe(channelId, wanted) {
      const key = wanted.trim().toLowerCase();
      const canonical = canonicalUrl(wanted.trim())?.toLowerCase();
      const feeds = await store.listFeeds();
      for (const feedId of await store.channelFeeds(channelId)) {
        const feed = feeds.find((f) => f.id === feedId);
        const names = [feedId, feed?.url, feed?.title].filter((n): n is string => !!n).map((n) => n.toLowerCase());
        if (names.includes(key) || (canonical && names.includes(canonical))) return store.unsubscribeChannel(channelId, feedId);
      }
      return false;
    },
    async feeds(channelId) {
      const ids = new Set(await channelFeedIds(channelId));
      const feeds = (await store.listFeeds()).filter((f) => ids.has(f.id));
      const health: FeedHealth[] = [];
      for (const feed of feeds) {
        const state = await store.getFetchState(feed.id);
        health.push({
          ...feed,
          failures: state?.failures ?? 0,
          ...(state?.lastSuccessAt ? { lastSuccessAt: state.lastSuccessAt } : {}),
          ...(state?.lastErrorAt ? { lastErrorAt: state.lastErrorAt } : {}),
          ...(state?.lastError ? { lastError: state.lastError } : {}),
          ...(state?.failingSince ? { failingSince: state.failingSince } : {}),
          ...(state?.nextPollAt ? { nextPollAt: state.nextPollAt } : {}),
        });
      }
      return health;
    },
    async setSchedule(channelId, schedule) {
      await store.saveChannelSettings({ ...(await settingsOf(channelId)), schedule });
      deps.scheduleChanged?.(channelId);
    },
    async setFilter(channelId, mode, words) {
      await store.saveChannelSettings({ ...(await settingsOf(channelId)), [mode]: words });
    },
    storyForThread: (channelId, threadId) => store.storyForThread(channelId, threadId),
    recordThreads: (channelId, threads) => store.recordThreads(channelId, threads),
    async answer(storyId, question) {
      const story = await index.getStory(storyId);
      if (!story) return 'I no longer have this story, so I cannot answer from it.';
      return answerQuestion(question, { story, people: await index.peopleInStory(storyId), figures: story.figures });
    },
  };
}
