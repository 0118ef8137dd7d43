/**
 * saveItems on PostgreSQL, in a fixed number of round trips per batch. Most polls that return 200
 * bring nothing new, so one lookup without a transaction settles those: items are never deleted,
 * so an item found known stays known. Otherwise, in one transaction: lock the identities the batch
 * touches, look up known guids, links and headlines at once (one query), decide in batch order (as
 * SQLite does, item by item), then insert the new ones together.
 */
import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { SaveItemsResult, StoredItem } from '../../core/ports.ts';
import { titleKey } from '../../core/title-key.ts';
import type { FeedItem } from '../../core/types.ts';
import { ADVISORY_LOCK_NAMESPACE } from './migrate.ts';
import type { Queryable } from './pool.ts';

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

interface Known {
  guids: Set<string>;
  urls: Set<string>;
  titles: Set<string>;
}

const titled = (c: Candidate): boolean => c.key.split(' ').length >= TITLE_DUPLICATE_MIN_WORDS;

function candidates(items: readonly FeedItem[]): Candidate[] {
  return items.map((item) => ({ item, feedId: noNul(item.feedId), guid: noNul(item.guid), url: noNul(item.url), key: titleKey(noNul(item.title)) }));
}

/** The batch's guids, links and recent headlines the table already holds, in one query. */
async function lookupKnown(db: Queryable, batch: readonly Candidate[], fetchedAt: Date): Promise<Known> {
  const withTitle = batch.filter(titled);
  const { rows } = await db.query<{ k: string; a: string; b: string }>({
    // Named, so each connection parses and plans it once: every poll that brings items runs it.
    name: 'herald-items-known',
    text: `SELECT 'g' AS k, feed_id AS a, guid AS b FROM items WHERE (feed_id, guid) IN (SELECT * FROM unnest($1::text[], $2::text[]))
     UNION ALL (SELECT DISTINCT 'u', url, '' FROM items WHERE url = ANY($3::text[]) AND url <> '')
     UNION ALL (SELECT DISTINCT 't', feed_id, title_key FROM items
       WHERE (feed_id, title_key) IN (SELECT * FROM unnest($4::text[], $5::text[])) AND fetched_at >= $6)`,
    values: [
      batch.map((c) => c.feedId),
      batch.map((c) => c.guid),
      [...new Set(batch.map((c) => c.url).filter(Boolean))],
      withTitle.map((c) => c.feedId),
      withTitle.map((c) => c.key),
      fetchedAt.getTime() - TITLE_DUPLICATE_WINDOW_MS,
    ],
  });
  const known: Known = { guids: new Set(), urls: new Set(), titles: new Set() };
  for (const row of rows) {
    if (row.k === 'g') known.guids.add(`${row.a}\u0000${row.b}`);
    else if (row.k === 'u') known.urls.add(row.a);
    else known.titles.add(`${row.a}\u0000${row.b}`);
  }
  return known;
}

/** Decides in batch order: an item is new unless the table or an earlier new item has its guid, link or headline. */
function decide(batch: readonly Candidate[], known: Known, result: SaveItemsResult): Candidate[] {
  const fresh: Candidate[] = [];
  for (const c of batch) {
    const guid = `${c.feedId}\u0000${c.guid}`;
    const title = `${c.feedId}\u0000${c.key}`;
    if (known.guids.has(guid)) result.duplicates.push({ item: c.item, reason: 'guid' });
    else if (c.url && known.urls.has(c.url)) result.duplicates.push({ item: c.item, reason: 'url' });
    else if (titled(c) && known.titles.has(title)) result.duplicates.push({ item: c.item, reason: 'title' });
    else {
      fresh.push(c);
      known.guids.add(guid);
      if (c.url) known.urls.add(c.url);
      known.titles.add(title);
    }
  }
  return fresh;
}

/**
 * Settles a batch whose items are all known, without a transaction; undefined when some item may
 * be new (then {@link saveItems} decides under the lock).
 */
export async function allKnown(db: Queryable, items: readonly FeedItem[], fetchedAt: Date): Promise<SaveItemsResult | undefined> {
  const result: SaveItemsResult = { inserted: [], duplicates: [] };
  if (!items.length) return result;
  const batch = candidates(items);
  return decide(batch, await lookupKnown(db, batch, fetchedAt), result).length ? undefined : result;
}

export async function saveItems(client: pg.PoolClient, items: readonly FeedItem[], fetchedAt: Date): Promise<SaveItemsResult> {
  const result: SaveItemsResult = { inserted: [], duplicates: [] };
  if (!items.length) return result;
  const batch = candidates(items);

  // Another instance saving the same guid, link or headline waits here until this batch commits,
  // then finds it. Locks are taken in one sorted order, so two batches cannot deadlock.
  const identities = new Set<string>();
  for (const c of batch) {
    identities.add(`g\u001f${c.feedId}\u001f${c.guid}`);
    if (c.url) identities.add(`u\u001f${c.url}`);
    if (titled(c)) identities.add(`t\u001f${c.feedId}\u001f${c.key}`);
  }
  await client.query({
    name: 'herald-items-lock',
    text: `SELECT pg_advisory_xact_lock($1, h) FROM (SELECT DISTINCT hashtext(i) AS h FROM unnest($2::text[]) AS i ORDER BY h) AS locks`,
    values: [ADVISORY_LOCK_NAMESPACE + 1, [...identities]],
  });
  const fresh = decide(batch, await lookupKnown(client, batch, fetchedAt), result);
  if (!fresh.length) return result;

  const column = <T>(pick: (c: Candidate) => T): T[] => fresh.map(pick);
  await client.query({
    name: 'herald-items-insert',
    text: `INSERT INTO items (id, feed_id, guid, url, title, title_key, published_at, fetched_at, author, categories, html, text, summary)
     SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::bigint[], $8::bigint[],
       $9::text[], $10::text[], $11::text[], $12::text[], $13::text[])
     ON CONFLICT (feed_id, guid) DO NOTHING`,
    values: [
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
  });
  for (const c of fresh) {
    const stored: StoredItem = { ...c.item, id: itemId(c.item.feedId, c.item.guid), fetchedAt };
    result.inserted.push(stored);
  }
  return result;
}
