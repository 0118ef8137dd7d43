import { afterEach, describe, expect, it } from 'vitest';
import type { Fetcher, StoredItem } from '../../src/core/ports.ts';
import { enrichItems } from '../../src/extract/enrich-items.ts';
import { silentLogger } from '../../src/ops/logger.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

const noFetch: Fetcher = {
  fetch: async () => {
    throw new Error('no page fetch expected');
  },
};

describe('enrichItems', () => {
  let store: SqliteStore;
  afterEach(() => store.close());

  async function saved(texts: string[]): Promise<StoredItem[]> {
    store = new SqliteStore(':memory:');
    await store.migrate();
    await store.upsertFeed({ id: 'f', url: 'https://news.example/rss', weight: 1 });
    const items = texts.map((text, n) => ({ feedId: 'f', guid: `g${n}`, url: `https://news.example/${n}`, title: `Council story number ${n} today`, text }));
    return (await store.saveItems(items, new Date('2026-11-20T08:00:00Z'))).inserted;
  }

  it('stores the filtered text where the filter changed it, and nothing where the feed text was clean', async () => {
    const clean = 'The council approved the budget on Tuesday. Members said the vote was close.';
    const trailed = `${clean}\nThe post Council approves budget appeared first on City News.`;
    const items = await saved([clean, trailed]);
    await enrichItems(items, { fetcher: noFetch, store, logger: silentLogger, teaserWords: 5, fetchPages: false });

    expect(items.map((i) => i.articleText)).toEqual([clean, clean]);
    const stored = new Map((await store.listItems({})).map((i) => [i.guid, i]));
    expect(stored.get('g0')?.articleText).toBeUndefined();
    expect(stored.get('g0')?.text).toBe(clean);
    expect(stored.get('g1')?.articleText).toBe(clean);
  });
});
