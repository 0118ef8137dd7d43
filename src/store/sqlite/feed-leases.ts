/**
 * Feed poll leases on SQLite. SQLite runs one writer at a time, so a claim is one IMMEDIATE
 * transaction (pick the soonest due fetch_state rows, lease them; upsertFeed gives every feed its row); processes
 * sharing the file wait on busy_timeout instead of interleaving.
 */
import { createHash } from 'node:crypto';
import type Database from 'better-sqlite3';
import type { ClaimedFeed, FeedLeases, FetchState } from '../../core/ports.ts';
import { fetchStateValues, rowToClaimed, type Row } from '../feed-rows.ts';

type Claim = (holder: string, until: number, now: number, limit: number) => ClaimedFeed[];
type Release = (holder: string, feedIds: readonly string[], states: readonly FetchState[]) => void;

/** A stable pseudo-random order for feeds due at the same moment, so one claim mixes hosts. */
function shuffleKey(feedId: string): number {
  return createHash('sha1').update(feedId).digest().readInt32BE(0);
}



export class SqliteFeedLeases implements FeedLeases {
  readonly #db: Database.Database;
  #claim?: Claim;
  #release?: Release;

  /** Takes the handle of a SqliteStore; its statements are prepared on first use, after migrate(). */
  constructor(db: Database.Database) {
    this.#db = db;
  }

  #claimer(): Claim {
    if (this.#claim) return this.#claim;
    const db = this.#db;
    db.function('herald_shuffle', { deterministic: true }, (id: unknown) => shuffleKey(String(id)));
    const due = db.prepare(
      `SELECT s.feed_id FROM fetch_state s JOIN feeds f ON f.id = s.feed_id
       WHERE COALESCE(s.next_poll_at, 0) <= ? AND s.lease_until <= ?
       ORDER BY COALESCE(s.next_poll_at, 0), herald_shuffle(s.feed_id), s.feed_id
       LIMIT ?`,
    );
    const lease = db.prepare('UPDATE fetch_state SET lease_holder = ?, lease_until = ? WHERE feed_id IN (SELECT value FROM json_each(?))');
    const read = db.prepare(
      `SELECT f.id, f.url, f.title, f.topic, f.weight, s.* FROM feeds f JOIN fetch_state s ON s.feed_id = f.id
       WHERE f.id IN (SELECT value FROM json_each(?))`,
    );
    this.#claim = db.transaction((holder: string, until: number, now: number, limit: number) => {
      const ids = due.pluck().all(now, now, limit) as string[];
      if (!ids.length) return [];
      const list = JSON.stringify(ids);
      lease.run(holder, until, list);
      const rows = new Map((read.all(list) as Row[]).map((r) => [String(r.id), r]));
      return ids.flatMap((id) => {
        const row = rows.get(id);
        return row ? [rowToClaimed(row)] : [];
      });
    }).immediate;
    return this.#claim;
  }

  #releaser(): Release {
    if (this.#release) return this.#release;
    const db = this.#db;
    // The poll's state and the lease's end in one write, and only while the holder still holds it.
    const save = db.prepare(
      `INSERT INTO fetch_state (feed_id, etag, last_modified, failures, next_poll_at, last_success_at, last_error_at, last_error, failing_since)
       VALUES (@feedId, @etag, @lastModified, @failures, @nextPollAt, @lastSuccessAt, @lastErrorAt, @lastError, @failingSince)
       ON CONFLICT (feed_id) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, failures = excluded.failures,
         next_poll_at = excluded.next_poll_at, last_success_at = excluded.last_success_at, last_error_at = excluded.last_error_at,
         last_error = excluded.last_error, failing_since = excluded.failing_since, lease_holder = NULL, lease_until = 0
       WHERE fetch_state.lease_holder = @holder`,
    );
    const free = db.prepare('UPDATE fetch_state SET lease_holder = NULL, lease_until = 0 WHERE lease_holder = ? AND feed_id IN (SELECT value FROM json_each(?))');
    this.#release = db.transaction((holder: string, feedIds: readonly string[], states: readonly FetchState[]) => {
      for (const state of states) {
        save.run({ holder, ...fetchStateValues(state) });
      }
      const saved = new Set(states.map((s) => s.feedId));
      const rest = feedIds.filter((id) => !saved.has(id));
      if (rest.length) free.run(holder, JSON.stringify(rest));
    });
    return this.#release;
  }

  async claimDue(request: { holder: string; now: Date; leaseMs: number; limit: number }): Promise<ClaimedFeed[]> {
    const now = request.now.getTime();
    if (request.limit < 1) return [];
    return this.#claimer()(request.holder, now + request.leaseMs, now, Math.floor(request.limit));
  }

  async renew(holder: string, feedIds: readonly string[], now: Date, leaseMs: number): Promise<string[]> {
    if (!feedIds.length) return [];
    const rows = this.#db
      .prepare('UPDATE fetch_state SET lease_until = ? WHERE lease_holder = ? AND feed_id IN (SELECT value FROM json_each(?)) RETURNING feed_id')
      .all(now.getTime() + leaseMs, holder, JSON.stringify(feedIds)) as { feed_id: string }[];
    return rows.map((r) => r.feed_id);
  }

  async release(holder: string, feedIds: readonly string[], states: readonly FetchState[] = []): Promise<void> {
    if (!feedIds.length && !states.length) return;
    this.#releaser()(holder, feedIds, states);
  }
}
