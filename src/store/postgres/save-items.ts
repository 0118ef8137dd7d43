/**
 * saveItems on PostgreSQL, in one transaction and a fixed number of round trips per batch: lock the
 * identities the batch touches, look up known guids, links and headlines at once, decide in batch
 * order (as SQLite does, item by item), then insert the new ones together.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SaveItemsResult, StoredItem } from '../../core/ports.ts';
import { titleKey } from '../../core/title-key.ts';
import type { FeedItem } from '../../core/types.ts';
import { ADVISORY_LOCK_NAMESPACE } from './migrate.ts';

/** A re-published item with a new guid but the same headline counts as a duplicate within this window. */
const TITLE_DUPLICATE_WINDOW_MS = 72 * 3_600_000;
/** Headlines shorter than this many words are too generic ("Live updates") to dedupe on. */
const TITLE_DUPLICATE_MIN_WORDS = 4;

/** The same id SQLite gives, so both engines agree on an item's id. */
export function itemId(feedId: string, guid: string): string {
  return createHash('sha1').update(`${feedId}\u0000${guid}`).digest('hex').slice(0, 20);
}

/** PostgreSQL text cannot hold NUL; feeds should not carry it, but one bad feed must not fail a batch. */
const noNul = (text: string): string => (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text);
const optional = (text: string | undefined): string | null => (text === undefined ? null : noNul(text));

interface Candidate {
  item: FeedItem;
  feedId: string;
  guid: string;
  url: string;
  key: string;
}

export async function saveItems(client: pg.PoolClient, items: readonly FeedItem[], fetchedAt: Date): Promise<SaveItemsResult> {
  const result: SaveItemsResult = { inserted: [], duplicates: [] };
  if (!items.length) return result;
  const batch: Candidate[] = items.map((item) => ({ item, feedId: noNul(item.feedId), guid: noNul(item.guid), url: noNul(item.url), key: titleKey(noNul(item.title)) }));
  const titled = (c: Candidate): boolean => c.key.split(' ').length >= TITLE_DUPLICATE_MIN_WORDS;

  // Another instance saving the same guid, link or headline waits here until this batch commits,
  // then finds it. Locks are taken in one sorted order, so two batches cannot deadlock.
  const identities = new Set<string>();
  for (const c of batch) {
    identities.add(`g\u001f${c.feedId}\u001f${c.guid}`);
    if (c.url) identities.add(`u\u001f${c.url}`);
    if (titled(c)) identities.add(`t\u001f${c.feedId}\u001f${c.key}`);
  }
  await client.query(
    `SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(i) AS h FROM unnest($2::text[]) AS i ORDER BY h) AS locks`,
    [ADVISORY_LOCK_NAMESPACE + 1, [...identities]],
  );

  const pairs = (pick: (c: Candidate) => string, only: (c: Candidate) => boolean = () => true): [string[], string[]] => {
    const chosen = batch.filter(only);
    return [chosen.map((c) => c.feedId), chosen.map(pick)];
  };
  const [guidFeeds, guids] = pairs((c) => c.guid);
  const knownGuids = await client.query<{ feed_id: string; guid: string }>(
    'SELECT feed_id, guid FROM items WHERE (feed_id, guid) IN (SELECT * FROM unnest($1::text[], $2::text[]))',
    [guidFeeds, guids],
  );
  const urls = [...new Set(batch.map((c) => c.url).filter(Boolean))];
  const knownUrls = await client.query<{ url: string }>("SELECT DISTINCT url FROM items WHERE url = ANY($1::text[]) AND url <> ''", [urls]);
  const [titleFeeds, keys] = pairs((c) => c.key, titled);
  const knownTitles = await client.query<{ feed_id: string; title_key: string }>(
    'SELECT DISTINCT feed_id, title_key FROM items WHERE (feed_id, title_key) IN (SELECT * FROM unnest($1::text[], $2::text[])) AND fetched_at >= $3',
    [titleFeeds, keys, fetchedAt.getTime() - TITLE_DUPLICATE_WINDOW_MS],
  );

  const seenGuids = new Set(knownGuids.rows.map((r) => `${r.feed_id}\u0000${r.guid}`));
  const seenUrls = new Set(knownUrls.rows.map((r) => r.url));
  const seenTitles = new Set(knownTitles.rows.map((r) => `${r.feed_id}\u0000${r.title_key}`));
  const fresh: Candidate[] = [];
  for (const c of batch) {
    const guid = `${c.feedId}\u0000${c.guid}`;
    const title = `${c.feedId}\u0000${c.key}`;
    if (seenGuids.has(guid)) result.duplicates.push({ item: c.item, reason: 'guid' });
    else if (c.url && seenUrls.has(c.url)) result.duplicates.push({ item: c.item, reason: 'url' });
    else if (titled(c) && seenTitles.has(title)) result.duplicates.push({ item: c.item, reason: 'title' });
    else {
      fresh.push(c);
      seenGuids.add(guid);
      if (c.url) seenUrls.add(c.url);
      seenTitles.add(title);
    }
  }
  if (!fresh.length) return result;

  const column = <T>(pick: (c: Candidate) => T): T[] => fresh.map(pick);
  await client.query(
    `INSERT INTO items (id, feed_id, guid, url, title, title_key, published_at, fetched_at, author, categories, html, text, summary)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[],
       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
     ON CONFLICT (feed_id, guid) DO NOTHING`,
    [
      column((c) => itemId(c.item.feedId, c.item.guid)),
      column((c) => c.feedId),
      column((c) => c.guid),
      column((c) => c.url),
      column((c) => noNul(c.item.title)),
      column((c) => c.key),
      column((c) => c.item.publishedAt?.getTime() ?? null),
      column(() => fetchedAt.getTime()),
      column((c) => optional(c.item.author)),
      column((c) => (c.item.categories?.length ? noNul(JSON.stringify(c.item.categories)) : null)),
      column((c) => optional(c.item.html)),
      column((c) => optional(c.item.text)),
      column((c) => optional(c.item.summary)),
    ],
  );
  for (const c of fresh) {
    const stored: StoredItem = { ...c.item, id: itemId(c.item.feedId, c.item.guid), fetchedAt };
    result.inserted.push(stored);
  }
  return result;
}
