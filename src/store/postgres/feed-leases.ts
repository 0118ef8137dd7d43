/**
 * Feed poll leases on PostgreSQL. A claim locks the soonest due fetch_state rows with
 * `FOR UPDATE SKIP LOCKED` and leases them in the same statement: instances claiming at once skip
 * each other's rows instead of waiting, and a row another instance leased or polled since this
 * statement began is re-checked against its newest version, so it is never handed out twice.
 * A release saves a batch of polls' fetch states and frees their leases in one statement.
 */
import type pg from 'pg';
import type { ClaimedFeed, FeedLeases, FetchState } from '../../core/ports.ts';
import { rowToClaimed, type Row } from '../feed-rows.ts';


// hashtext mixes hosts among feeds due at the same moment (feed ids are URLs, grouped by host).
const CLAIM = `WITH due AS (
    SELECT d.feed_id FROM fetch_state d JOIN feeds df ON df.id = d.feed_id
    WHERE COALESCE(d.next_poll_at, 0) <= $3 AND d.lease_until <= $3
    ORDER BY COALESCE(d.next_poll_at, 0), hashtext(d.feed_id), d.feed_id
    LIMIT $4
    FOR UPDATE OF d SKIP LOCKED)
  UPDATE fetch_state s SET lease_holder = $1, lease_until = $2
  FROM feeds f
  WHERE s.feed_id = ANY(ARRAY(SELECT feed_id FROM due)) AND f.id = s.feed_id
  RETURNING f.id, f.url, f.title, f.topic, f.weight, s.etag, s.last_modified, s.failures, s.next_poll_at, s.last_success_at,
    s.last_error_at, s.last_error, s.failing_since, hashtext(f.id) AS shuffle`;

// The polls' states and the leases' end in one statement, each only while the holder still holds
// it; leases released without a state (a poll that broke off) are freed alongside.
const RELEASE = `WITH saved AS (
    INSERT INTO fetch_state (feed_id, etag, last_modified, failures, next_poll_at, last_success_at, last_error_at, last_error, failing_since)
    SELECT * FROM unnest($2::text[], $3::text[], $4::text[], $5::int[], $6::bigint[], $7::bigint[], $8::bigint[], $9::text[], $10::bigint[])
    ON CONFLICT (feed_id) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, failures = excluded.failures,
      next_poll_at = excluded.next_poll_at, last_success_at = excluded.last_success_at, last_error_at = excluded.last_error_at,
      last_error = excluded.last_error, failing_since = excluded.failing_since, lease_holder = NULL, lease_until = 0
    WHERE fetch_state.lease_holder = $1
    RETURNING feed_id)
  UPDATE fetch_state SET lease_holder = NULL, lease_until = 0 WHERE lease_holder = $1 AND feed_id = ANY($11::text[])`;

const time = (value: Date | undefined): number | null => value?.getTime() ?? null;


export class PostgresFeedLeases implements FeedLeases {
  readonly #pool: pg.Pool;

  /** Takes the pool of a migrated PostgresStore. */
  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async claimDue(request: { holder: string; now: Date; leaseMs: number; limit: number }): Promise<ClaimedFeed[]> {
    if (request.limit < 1) return [];
    const now = request.now.getTime();
    const { rows } = await this.#pool.query<Row>({ name: 'herald-leases-claim', text: CLAIM, values: [request.holder, now + request.leaseMs, now, Math.floor(request.limit)] });
    // RETURNING promises no order: restore the claim's (soonest due first, then the shuffle).
    const due = (row: Row): number => Number(row.next_poll_at ?? 0);
    rows.sort((a, b) => due(a) - due(b) || Number(a.shuffle) - Number(b.shuffle) || (String(a.id) < String(b.id) ? -1 : 1));
    return rows.map(rowToClaimed);
  }

  async renew(holder: string, feedIds: readonly string[], now: Date, leaseMs: number): Promise<string[]> {
    if (!feedIds.length) return [];
    const { rows } = await this.#pool.query<{ feed_id: string }>(
      'UPDATE fetch_state SET lease_until = $1 WHERE lease_holder = $2 AND feed_id = ANY($3::text[]) RETURNING feed_id',
      [now.getTime() + leaseMs, holder, feedIds],
    );
    return rows.map((r) => r.feed_id);
  }

  async release(holder: string, feedIds: readonly string[], states: readonly FetchState[] = []): Promise<void> {
    if (!feedIds.length && !states.length) return;
    // One state per feed (the latest), so the upsert never touches a row twice.
    const latest = [...new Map(states.map((s) => [s.feedId, s])).values()];
    const saved = new Set(latest.map((s) => s.feedId));
    const column = <T>(pick: (s: FetchState) => T): T[] => latest.map(pick);
    await this.#pool.query({ name: 'herald-leases-release', text: RELEASE, values: [
      holder,
      column((s) => s.feedId),
      column((s) => s.etag ?? null),
      column((s) => s.lastModified ?? null),
      column((s) => s.failures),
      column((s) => time(s.nextPollAt)),
      column((s) => time(s.lastSuccessAt)),
      column((s) => time(s.lastErrorAt)),
      column((s) => s.lastError?.replaceAll('\u0000', '') ?? null),
      column((s) => time(s.failingSince)),
      feedIds.filter((id) => !saved.has(id)),
    ] });
  }
}
