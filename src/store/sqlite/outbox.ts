/**
 * The digest outbox on SQLite. A claim is one upsert whose conflict branch only takes an unfinished
 * row (lease over, or retry time come), so two claimers never both get a slot; RETURNING says who won.
 */
import type Database from 'better-sqlite3';
import type { ChannelSettings, Outbox, OutboxEntry, OutboxLease } from '../../core/ports.ts';
import { rowToEntry, scheduledSettings, type Row } from '../outbox-rows.ts';
import { StatementCache } from './statement-cache.ts';

const CLAIM_SQL = `
  INSERT INTO digest_outbox (channel_id, slot_at, digest_key, status, late, attempts, owner, lease_until, updated_at)
  VALUES (@channelId, @slotAt, @key, 'posting', @late, 1, @owner, @leaseUntil, @now)
  ON CONFLICT (channel_id, slot_at) DO UPDATE SET
    status = 'posting', owner = excluded.owner, lease_until = excluded.lease_until, retry_at = NULL,
    attempts = digest_outbox.attempts + 1, late = MAX(digest_outbox.late, excluded.late), updated_at = excluded.updated_at
  WHERE (digest_outbox.status = 'posting' AND COALESCE(digest_outbox.lease_until, 0) <= excluded.updated_at)
     OR (digest_outbox.status = 'pending' AND COALESCE(digest_outbox.retry_at, 0) <= excluded.updated_at)
  RETURNING *`;

export class SqliteOutbox implements Outbox {
  readonly #statements: StatementCache;

  constructor(db: Database.Database) {
    this.#statements = new StatementCache(db);
  }

  #run(sql: string, ...params: unknown[]): boolean {
    return this.#statements.get(sql).run(...params).changes > 0;
  }

  async claim(request: Parameters<Outbox['claim']>[0]): Promise<OutboxEntry | undefined> {
    const row = this.#statements.get(CLAIM_SQL).get({
      channelId: request.channelId,
      slotAt: request.slotAt.getTime(),
      key: request.key,
      late: request.late ? 1 : 0,
      owner: request.owner,
      leaseUntil: request.leaseUntil.getTime(),
      now: request.now.getTime(),
    }) as Row | undefined;
    return row ? rowToEntry(row) : undefined;
  }

  async renew(lease: OutboxLease, leaseUntil: Date): Promise<boolean> {
    return this.#run(`UPDATE digest_outbox SET lease_until = ? WHERE channel_id = ? AND slot_at = ? AND owner = ? AND status = 'posting'`, leaseUntil.getTime(), lease.channelId, lease.slotAt.getTime(), lease.owner);
  }

  async saveBriefing(lease: OutboxLease, briefing: string): Promise<boolean> {
    return this.#run(
      `UPDATE digest_outbox SET briefing = ? WHERE channel_id = ? AND slot_at = ? AND owner = ? AND status = 'posting' AND briefing IS NULL`,
      briefing, lease.channelId, lease.slotAt.getTime(), lease.owner,
    );
  }

  async complete(lease: OutboxLease, posted: { messageId: string; threads: Record<string, string> }, at: Date): Promise<boolean> {
    return this.#run(
      `UPDATE digest_outbox SET status = 'sent', message_id = ?, threads = ?, sent_at = ?, updated_at = ?, lease_until = NULL, error = NULL
       WHERE channel_id = ? AND slot_at = ? AND owner = ? AND status = 'posting'`,
      posted.messageId, JSON.stringify(posted.threads), at.getTime(), at.getTime(), lease.channelId, lease.slotAt.getTime(), lease.owner,
    );
  }

  async release(lease: OutboxLease, failure: { error: string; retryAt: Date }, at: Date): Promise<boolean> {
    return this.#run(
      `UPDATE digest_outbox SET status = 'pending', error = ?, retry_at = ?, lease_until = NULL, updated_at = ?
       WHERE channel_id = ? AND slot_at = ? AND owner = ? AND status = 'posting'`,
      failure.error, failure.retryAt.getTime(), at.getTime(), lease.channelId, lease.slotAt.getTime(), lease.owner,
    );
  }

  async fail(lease: OutboxLease, error: string, at: Date): Promise<boolean> {
    return this.#run(
      `UPDATE digest_outbox SET status = 'failed', error = ?, lease_until = NULL, updated_at = ?
       WHERE channel_id = ? AND slot_at = ? AND owner = ? AND status = 'posting'`,
      error, at.getTime(), lease.channelId, lease.slotAt.getTime(), lease.owner,
    );
  }

  async skip(entry: { channelId: string; slotAt: Date; key: string; reason: string }, at: Date): Promise<boolean> {
    return this.#run(
      `INSERT INTO digest_outbox (channel_id, slot_at, digest_key, status, error, updated_at) VALUES (?, ?, ?, 'skipped', ?, ?)
       ON CONFLICT (channel_id, slot_at) DO NOTHING`,
      entry.channelId, entry.slotAt.getTime(), entry.key, entry.reason, at.getTime(),
    );
  }

  async get(channelId: string, slotAt: Date): Promise<OutboxEntry | undefined> {
    const row = this.#statements.get('SELECT * FROM digest_outbox WHERE channel_id = ? AND slot_at = ?').get(channelId, slotAt.getTime()) as Row | undefined;
    return row ? rowToEntry(row) : undefined;
  }

  async since(slotAt: Date): Promise<OutboxEntry[]> {
    const rows = this.#statements.get('SELECT * FROM digest_outbox WHERE slot_at >= ? ORDER BY slot_at, channel_id').all(slotAt.getTime()) as Row[];
    return rows.map(rowToEntry);
  }

  async latest(channelId: string): Promise<OutboxEntry | undefined> {
    const row = this.#statements.get('SELECT * FROM digest_outbox WHERE channel_id = ? ORDER BY slot_at DESC LIMIT 1').get(channelId) as Row | undefined;
    return row ? rowToEntry(row) : undefined;
  }

  async claimNotice(key: string, at: Date): Promise<boolean> {
    return this.#run('INSERT INTO delivery_notices (key, created_at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING', key, at.getTime());
  }

  async clearNotice(key: string): Promise<void> {
    this.#run('DELETE FROM delivery_notices WHERE key = ?', key);
  }

  async scheduledChannels(): Promise<ChannelSettings[]> {
    return scheduledSettings(this.#statements.get('SELECT * FROM channel_settings WHERE schedule IS NOT NULL ORDER BY channel_id').all() as Row[]);
  }
}
