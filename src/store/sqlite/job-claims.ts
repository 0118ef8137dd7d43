/**
 * Job claims on SQLite: one upsert that takes the key only when it is free, expired, or already
 * the holder's. Claims far past their expiry are pruned now and then.
 */
import type Database from 'better-sqlite3';
import type { JobClaims } from '../../core/ports.ts';
import { StatementCache } from './statement-cache.ts';

/** Expired claims are kept this long (a late instance must not re-run a slot), then pruned. */
export const JOB_CLAIM_RETENTION_MS = 7 * 24 * 3_600_000;
/** One claim in this many also prunes old ones. */
const PRUNE_EVERY_CLAIMS = 100;

export class SqliteJobClaims implements JobClaims {
  readonly #statements: StatementCache;
  #claims = 0;

  constructor(db: Database.Database) {
    this.#statements = new StatementCache(db);
  }

  async claim(key: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const at = now.getTime();
    if (this.#claims++ % PRUNE_EVERY_CLAIMS === 0) this.#statements.get('DELETE FROM job_claims WHERE expires_at < ?').run(at - JOB_CLAIM_RETENTION_MS);
    const row = this.#statements
      .get(
        `INSERT INTO job_claims (key, holder, claimed_at, expires_at) VALUES (?, ?, ?, ?)
         ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
         WHERE job_claims.holder = excluded.holder OR job_claims.expires_at <= excluded.claimed_at
         RETURNING holder`,
      )
      .get(key, holder, at, at + ttlMs);
    return row !== undefined;
  }
}
