/**
 * Rows of the feeds, fetch_state and items tables (either engine) to domain objects, and fetch
 * state to column values. The engines store times as epoch milliseconds and text as text, so one
 * mapping serves both. No driver here.
 */
import type { ClaimedFeed, FetchState, StoredItem } from '../core/ports.ts';

export type Row = Record<string, unknown>;

const toDate = (value: unknown): Date | undefined => (typeof value === 'number' ? new Date(value) : undefined);
const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

export function rowToItem(row: Row): StoredItem {
  const item: StoredItem = {
    id: String(row.id),
    feedId: String(row.feed_id),
    guid: String(row.guid),
    url: String(row.url),
    title: String(row.title),
    fetchedAt: new Date(Number(row.fetched_at)),
  };
  const publishedAt = toDate(row.published_at);
  if (publishedAt) item.publishedAt = publishedAt;
  for (const [key, column] of [['author', 'author'], ['html', 'html'], ['text', 'text'], ['summary', 'summary'], ['articleText', 'article_text']] as const) {
    const value = str(row[column]);
    if (value !== undefined) item[key] = value;
  }
  const categories = str(row.categories);
  if (categories) item.categories = JSON.parse(categories) as string[];
  return item;
}

/** A fetch_state row (or a join that carries its columns) as FetchState. */
export function rowToFetchState(row: Row, feedId: string): FetchState {
  const state: FetchState = { feedId, failures: Number(row.failures) };
  if (typeof row.etag === 'string') state.etag = row.etag;
  if (typeof row.last_modified === 'string') state.lastModified = row.last_modified;
  if (typeof row.last_error === 'string') state.lastError = row.last_error;
  for (const [key, column] of [['nextPollAt', 'next_poll_at'], ['lastSuccessAt', 'last_success_at'], ['lastErrorAt', 'last_error_at'], ['failingSince', 'failing_since']] as const) {
    const date = toDate(row[column]);
    if (date) state[key] = date;
  }
  return state;
}

/** A feeds row joined with its fetch_state columns, as claimed by a poll lease. */
export function rowToClaimed(row: Row): ClaimedFeed {
  const feedId = String(row.id);
  const claimed: ClaimedFeed = { feed: { id: feedId, url: String(row.url), weight: Number(row.weight) }, state: rowToFetchState(row, feedId) };
  if (typeof row.title === 'string') claimed.feed.title = row.title;
  if (typeof row.topic === 'string') claimed.feed.topic = row.topic;
  return claimed;
}

/** FetchState as the values of the fetch_state columns, by name. */
export function fetchStateValues(state: FetchState) {
  return {
    feedId: state.feedId,
    etag: state.etag ?? null,
    lastModified: state.lastModified ?? null,
    failures: state.failures,
    nextPollAt: state.nextPollAt?.getTime() ?? null,
    lastSuccessAt: state.lastSuccessAt?.getTime() ?? null,
    lastErrorAt: state.lastErrorAt?.getTime() ?? null,
    lastError: state.lastError ?? null,
    failingSince: state.failingSince?.getTime() ?? null,
  };
}
