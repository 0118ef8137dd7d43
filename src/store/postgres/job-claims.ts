/**
 * Job claims on PostgreSQL: one upsert that takes the key only when it is free, expired, or already
 * the holder's. ON CONFLICT judges the newest committed claim, so two instances racing for one key
 * cannot both win. Claims far past their expiry are pruned now and then.
 */
import type pg from 'pg';
import type { JobClaims } from '../../core/ports.ts';

/** Expired claims are kept this long (a late instance must not re-run a slot), then pruned. */
export const JOB_CLAIM_RETENTION_MS = 7 * 24 * 3_600_000;
/** One claim in this many also prunes old ones. */
const PRUNE_EVERY_CLAIMS = 100;

export class PostgresJobClaims implements JobClaims {
  readonly #pool: pg.Pool;
  #claims = 0;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async claim(key: string, holder: string, now: Date, ttlMs: number): Promise<boolean> {
    const at = now.getTime();
    if (this.#claims++ % PRUNE_EVERY_CLAIMS === 0) await this.#pool.query('DELETE FROM job_claims WHERE expires_at < $1', [at - JOB_CLAIM_RETENTION_MS]);
    const { rowCount } = await this.#pool.query(
      `INSERT INTO job_claims (key, holder, claimed_at, expires_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, claimed_at = excluded.claimed_at, expires_at = excluded.expires_at
       WHERE job_claims.holder = excluded.holder OR job_claims.expires_at <= excluded.claimed_at`,
      [key.replaceAll('\u0000', ''), holder, at, at + ttlMs],
    );
    return (rowCount ?? 0) > 0;
  }
}
