/**
 * The digest outbox on PostgreSQL, for several instances sharing one database. A claim is one
 * INSERT ... ON CONFLICT DO UPDATE ... WHERE: the row lock it takes makes racing claimers queue, and
 * the WHERE is judged on the newest committed row, so only one of them gets an unfinished slot.
 */
import type pg from 'pg';
import type { ChannelSettings, Outbox, OutboxEntry, OutboxLease } from '../../core/ports.ts';
import { rowToEntry, scheduledSettings, type Row } from '../outbox-rows.ts';

const CLAIM_SQL = `
  INSERT INTO digest_outbox (channel_id, slot_at, digest_key, status, late, attempts, owner, lease_until, updated_at)
  VALUES ($1, $2, $3, 'posting', $4, 1, $5, $6, $7)
  ON CONFLICT (channel_id, slot_at) DO UPDATE SET
    status = 'posting', owner = excluded.owner, lease_until = excluded.lease_until, retry_at = NULL,
    attempts = digest_outbox.attempts + 1, late = digest_outbox.late OR excluded.late, updated_at = excluded.updated_at
  WHERE (digest_outbox.status = 'posting' AND COALESCE(digest_outbox.lease_until, 0) <= excluded.updated_at)
     OR (digest_outbox.status = 'pending' AND COALESCE(digest_outbox.retry_at, 0) <= excluded.updated_at)
  RETURNING *`;

/** PostgreSQL TEXT cannot hold NUL; ids and errors from platforms should never carry one, but may. */
const clean = (value: string): string => value.replaceAll('\u0000', '');

export class PostgresOutbox implements Outbox {
  readonly #pool: pg.Pool;

  constructor(pool: pg.Pool) {
    this.#pool = pool;
  }

  async #changed(sql: string, params: unknown[]): Promise<boolean> {
    return ((await this.#pool.query(sql, params)).rowCount ?? 0) > 0;
  }

  async claim(request: Parameters<Outbox['claim']>[0]): Promise<OutboxEntry | undefined> {
    const { rows } = await this.#pool.query<Row>(CLAIM_SQL, [
      clean(request.channelId),
      request.slotAt.getTime(),
      clean(request.key),
      request.late,
      clean(request.owner),
      request.leaseUntil.getTime(),
      request.now.getTime(),
    ]);
    return rows[0] ? rowToEntry(rows[0]) : undefined;
  }

  renew(lease: OutboxLease, leaseUntil: Date): Promise<boolean> {
    return this.#changed(`UPDATE digest_outbox SET lease_until = $1 WHERE channel_id = $2 AND slot_at = $3 AND owner = $4 AND status = 'posting'`, [
      leaseUntil.getTime(), clean(lease.channelId), lease.slotAt.getTime(), clean(lease.owner),
    ]);
  }

  saveBriefing(lease: OutboxLease, briefing: string): Promise<boolean> {
    return this.#changed(
      `UPDATE digest_outbox SET briefing = $1 WHERE channel_id = $2 AND slot_at = $3 AND owner = $4 AND status = 'posting' AND briefing IS NULL`,
      [clean(briefing), clean(lease.channelId), lease.slotAt.getTime(), clean(lease.owner)],
    );
  }

  complete(lease: OutboxLease, posted: { messageId: string; threads: Record<string, string> }, at: Date): Promise<boolean> {
    return this.#changed(
      `UPDATE digest_outbox SET status = 'sent', message_id = $1, threads = $2, sent_at = $3, updated_at = $3, lease_until = NULL, error = NULL
       WHERE channel_id = $4 AND slot_at = $5 AND owner = $6 AND status = 'posting'`,
      [clean(posted.messageId), clean(JSON.stringify(posted.threads)), at.getTime(), clean(lease.channelId), lease.slotAt.getTime(), clean(lease.owner)],
    );
  }

  release(lease: OutboxLease, failure: { error: string; retryAt: Date }, at: Date): Promise<boolean> {
    return this.#changed(
      `UPDATE digest_outbox SET status = 'pending', error = $1, retry_at = $2, lease_until = NULL, updated_at = $3
       WHERE channel_id = $4 AND slot_at = $5 AND owner = $6 AND status = 'posting'`,
      [clean(failure.error), failure.retryAt.getTime(), at.getTime(), clean(lease.channelId), lease.slotAt.getTime(), clean(lease.owner)],
    );
  }

  fail(lease: OutboxLease, error: string, at: Date): Promise<boolean> {
    return this.#changed(
      `UPDATE digest_outbox SET status = 'failed', error = $1, lease_until = NULL, updated_at = $2
       WHERE channel_id = $3 AND slot_at = $4 AND owner = $5 AND status = 'posting'`,
      [clean(error), at.getTime(), clean(lease.channelId), lease.slotAt.getTime(), clean(lease.owner)],
    );
  }

  skip(entry: { channelId: string; slotAt: Date; key: string; reason: string }, at: Date): Promise<boolean> {
    return this.#changed(
      `INSERT INTO digest_outbox (channel_id, slot_at, digest_key, status, error, updated_at) VALUES ($1, $2, $3, 'skipped', $4, $5)
       ON CONFLICT (channel_id, slot_at) DO NOTHING`,
      [clean(entry.channelId), entry.slotAt.getTime(), clean(entry.key), clean(entry.reason), at.getTime()],
    );
  }

  async get(channelId: string, slotAt: Date): Promise<OutboxEntry | undefined> {
    const { rows } = await this.#pool.query<Row>('SELECT * FROM digest_outbox WHERE channel_id = $1 AND slot_at = $2', [clean(channelId), slotAt.getTime()]);
    return rows[0] ? rowToEntry(rows[0]) : undefined;
  }

  async since(slotAt: Date): Promise<OutboxEntry[]> {
    const { rows } = await this.#pool.query<Row>('SELECT * FROM digest_outbox WHERE slot_at >= $1 ORDER BY slot_at, channel_id COLLATE "C"', [slotAt.getTime()]);
    return rows.map(rowToEntry);
  }

  async latest(channelId: string): Promise<OutboxEntry | undefined> {
    const { rows } = await this.#pool.query<Row>('SELECT * FROM digest_outbox WHERE channel_id = $1 ORDER BY slot_at DESC LIMIT 1', [clean(channelId)]);
    return rows[0] ? rowToEntry(rows[0]) : undefined;
  }

  claimNotice(key: string, at: Date): Promise<boolean> {
    return this.#changed('INSERT INTO delivery_notices (key, created_at) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [clean(key), at.getTime()]);
  }

  async clearNotice(key: string): Promise<void> {
    await this.#pool.query('DELETE FROM delivery_notices WHERE key = $1', [clean(key)]);
  }

  async scheduledChannels(): Promise<ChannelSettings[]> {
    const { rows } = await this.#pool.query<Row>('SELECT * FROM channel_settings WHERE schedule IS NOT NULL ORDER BY channel_id COLLATE "C"');
    return scheduledSettings(rows);
  }
}
