/**
 * The Store contract: every implementation (SQLite, PostgreSQL) runs this same suite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../src/core/ports.ts';
import type { FeedItem } from '../../src/core/types.ts';

export function storeContract(name: string, makeStore: () => Promise<Store>): void {
  describe(`Store contract: ${name}`, () => {
    let store: Store;
    const t0 = new Date('2026-11-20T08:00:00Z');
    const item = (over: Partial<FeedItem> = {}): FeedItem => ({
      feedId: 'feed-a',
      guid: 'guid-1',
      url: 'https://news.example.com/a/1',
      title: 'Parliament passes the budget after a long night',
      publishedAt: new Date('2026-11-20T07:00:00Z'),
      text: 'The budget passed.',
      ...over,
    });

    beforeEach(async () => {
      store = await makeStore();
      await store.migrate();
    });
    afterEach(async () => {
      await store.close();
    });

    it('runs the migrations twice as a no-op', async () => {
      await store.migrate();
      await store.upsertFeed({ id: 'f', url: 'https://example.com/rss', weight: 1 });
      await store.migrate();
      expect(await store.listFeeds()).toHaveLength(1);
    });

    it('upserts, lists and removes feeds', async () => {
      await store.upsertFeed({ id: 'f1', url: 'https://a.example/rss', topic: 'world', weight: 1 });
      await store.upsertFeed({ id: 'f2', url: 'https://b.example/rss', weight: 2 });
      await store.upsertFeed({ id: 'f1', url: 'https://a.example/rss', topic: 'business', weight: 3 });
      const feeds = await store.listFeeds();
      expect(feeds.map((f) => f.id)).toEqual(['f1', 'f2']);
      expect(feeds[0]).toMatchObject({ topic: 'business', weight: 3 });
      expect(await store.removeFeed('f1')).toBe(true);
      expect(await store.removeFeed('f1')).toBe(false);
      expect((await store.listFeeds()).map((f) => f.id)).toEqual(['f2']);
    });

    it('round-trips fetch state with dates', async () => {
      expect(await store.getFetchState('f1')).toBeUndefined();
      await store.saveFetchState({ feedId: 'f1', etag: '"abc"', lastModified: 'Fri, 20 Nov 2026 07:00:00 GMT', failures: 2, nextPollAt: t0, lastError: 'timeout: slow', lastErrorAt: t0, failingSince: t0 });
      const state = await store.getFetchState('f1');
      expect(state).toMatchObject({ feedId: 'f1', etag: '"abc"', failures: 2, lastError: 'timeout: slow' });
      expect(state?.nextPollAt?.getTime()).toBe(t0.getTime());
      await store.saveFetchState({ feedId: 'f1', failures: 0, lastSuccessAt: t0 });
      const cleared = await store.getFetchState('f1');
      expect(cleared?.etag).toBeUndefined();
      expect(cleared?.lastSuccessAt?.getTime()).toBe(t0.getTime());
    });

    it('lists the feeds failing since a time, oldest run of failures first', async () => {
      const hour = 3_600_000;
      await store.saveFetchState({ feedId: 'long', failures: 30, failingSince: new Date(t0.getTime() - 30 * hour), lastError: 'http-500' });
      await store.saveFetchState({ feedId: 'day', failures: 9, failingSince: new Date(t0.getTime() - 24 * hour), lastError: 'timeout' });
      await store.saveFetchState({ feedId: 'new', failures: 1, failingSince: new Date(t0.getTime() - hour) });
      await store.saveFetchState({ feedId: 'fine', failures: 0, lastSuccessAt: t0 });
      const failing = await store.listFailingSince(new Date(t0.getTime() - 24 * hour));
      expect(failing.map((s) => s.feedId)).toEqual(['long', 'day']);
      expect(failing[0]).toMatchObject({ failures: 30, lastError: 'http-500' });
      expect(failing[0]?.failingSince?.getTime()).toBe(t0.getTime() - 30 * hour);
      expect(await store.listFailingSince(new Date(t0.getTime() - 48 * hour))).toEqual([]);
    });

    it('gives a new feed a fetch state that is due at once, and keeps it when the feed is saved again', async () => {
      await store.upsertFeed({ id: 'f1', url: 'https://a.example/rss', weight: 1 });
      expect(await store.getFetchState('f1')).toMatchObject({ feedId: 'f1', failures: 0 });
      expect((await store.getFetchState('f1'))?.nextPollAt).toBeUndefined();
      await store.saveFetchState({ feedId: 'f1', etag: '"v2"', failures: 0, nextPollAt: t0 });
      await store.upsertFeed({ id: 'f1', url: 'https://a.example/rss', title: 'A', weight: 2 });
      expect(await store.getFetchState('f1')).toMatchObject({ etag: '"v2"', nextPollAt: t0 });
    });

    it('stores new items and reports a re-published item (same guid, new date and title) as a duplicate', async () => {
      const first = await store.saveItems([item()], t0);
      expect(first.inserted).toHaveLength(1);
      const again = await store.saveItems([item({ title: 'Parliament passes budget (updated)', publishedAt: new Date('2026-11-20T09:00:00Z') })], t0);
      expect(again.inserted).toHaveLength(0);
      expect(again.duplicates[0]?.reason).toBe('guid');
    });

    it('treats the same link in another feed as a duplicate', async () => {
      await store.saveItems([item()], t0);
      const other = await store.saveItems([item({ feedId: 'feed-b', guid: 'other-guid' })], t0);
      expect(other.duplicates.map((d) => d.reason)).toEqual(['url']);
    });

    it('treats the same headline under a new guid in the same feed as a duplicate, but not a generic one', async () => {
      await store.saveItems([item(), item({ guid: 'g-live', url: 'https://news.example.com/live', title: 'Live updates' })], t0);
      const later = new Date(t0.getTime() + 3_600_000);
      const result = await store.saveItems(
        [
          item({ guid: 'guid-2', url: 'https://news.example.com/a/1?v=2', title: 'Parliament passes the budget after a long night!' }),
          item({ guid: 'g-live-2', url: 'https://news.example.com/live-2', title: 'Live updates' }),
        ],
        later,
      );
      expect(result.duplicates.map((d) => d.reason)).toEqual(['title']);
      expect(result.inserted.map((i) => i.guid)).toEqual(['g-live-2']);
    });

    it('lists items newest first, filters by feed and time, and keeps article text', async () => {
      const { inserted } = await store.saveItems(
        [
          item({ guid: 'old', url: 'https://x.example/old', title: 'Old story about the harbour', publishedAt: new Date('2026-11-18T00:00:00Z') }),
          item({ guid: 'new', url: 'https://x.example/new', title: 'New story about the bridge', publishedAt: new Date('2026-11-20T06:00:00Z') }),
          item({ feedId: 'feed-b', guid: 'b', url: 'https://y.example/b', title: 'Another feed entirely here', publishedAt: undefined }),
        ],
        t0,
      );
      const newId = inserted.find((i) => i.guid === 'new')!.id;
      await store.saveArticleText(newId, 'Full article text.');
      const all = await store.listItems({});
      expect(all.map((i) => i.guid)).toEqual(['b', 'new', 'old']);
      const recent = await store.listItems({ since: new Date('2026-11-19T00:00:00Z'), feedIds: ['feed-a'] });
      expect(recent.map((i) => i.guid)).toEqual(['new']);
      expect(recent[0]?.articleText).toBe('Full article text.');
      expect(recent[0]?.publishedAt?.toISOString()).toBe('2026-11-20T06:00:00.000Z');
    });

    it('remembers what each channel was told, latest fingerprint per story', async () => {
      await store.recordSent('c1', [{ storyId: 's1', fingerprint: { facts: ['#1'] } }, { storyId: 's2', fingerprint: { facts: [] } }], t0);
      await store.recordSent('c1', [{ storyId: 's1', fingerprint: { facts: ['#1', '#2'] } }], new Date(t0.getTime() + 1000));
      await store.recordSent('c2', [{ storyId: 's3', fingerprint: null }], t0);
      const sent = await store.listSent('c1');
      expect([...sent.keys()].sort()).toEqual(['s1', 's2']);
      expect(sent.get('s1')).toEqual({ facts: ['#1', '#2'] });
      expect([...(await store.listSent('c1', new Date(t0.getTime() + 500))).keys()]).toEqual(['s1']);
    });

    it('keeps channel subscriptions, settings and story threads', async () => {
      await store.subscribeChannel('c1', 'f1');
      await store.subscribeChannel('c1', 'f1');
      await store.subscribeChannel('c1', 'f2');
      expect(await store.channelFeeds('c1')).toEqual(['f1', 'f2']);
      expect(await store.unsubscribeChannel('c1', 'f1')).toBe(true);
      expect(await store.unsubscribeChannel('c1', 'f1')).toBe(false);
      expect(await store.channelFeeds('c1')).toEqual(['f2']);

      expect(await store.getChannelSettings('c1')).toBeUndefined();
      await store.saveChannelSettings({ channelId: 'c1', include: ['budget'], exclude: [] });
      await store.saveChannelSettings({ channelId: 'c1', include: ['budget'], exclude: ['football'], schedule: { time: '08:00', timezone: 'Europe/London', weekdays: ['mon'] } });
      expect(await store.getChannelSettings('c1')).toEqual({ channelId: 'c1', include: ['budget'], exclude: ['football'], schedule: { time: '08:00', timezone: 'Europe/London', weekdays: ['mon'] } });

      await store.recordThreads('c1', { s1: '1700000000.000100', s2: '1700000000.000200' });
      expect(await store.storyForThread('c1', '1700000000.000200')).toBe('s2');
      expect(await store.storyForThread('c2', '1700000000.000200')).toBeUndefined();
    });
  });
}
