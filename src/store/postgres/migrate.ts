/**
 * The migrations runner for PostgreSQL, with SQLite's semantics: a schema_migrations table, each
 * pending version applied once, in its own transaction, in version order. A session advisory lock
 * per schema makes instances that start together take turns; the later ones find nothing to do.
 */
import type pg from 'pg';
import type { Migration } from './migrations.ts';

/** First key of Herald's advisory locks (the second is per schema); "HRLD" in ASCII. */
export const ADVISORY_LOCK_NAMESPACE = 0x48524c44;

export async function runMigrations(pool: pg.Pool, migrations: readonly Migration[]): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query("SELECT pg_advisory_lock($1, hashtext(COALESCE(current_schema(), '')))", [ADVISORY_LOCK_NAMESPACE]);
    try {
      await client.query('CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at BIGINT NOT NULL)');
      const { rows } = await client.query<{ version: number }>('SELECT version FROM schema_migrations');
      const applied = new Set(rows.map((r) => r.version));
      for (const migration of [...migrations].sort((a, b) => a.version - b.version)) {
        if (applied.has(migration.version)) continue;
        await client.query('BEGIN');
        try {
          await client.query(migration.sql);
          await client.query('INSERT INTO schema_migrations (version, name, applied_at) VALUES ($1, $2, $3)', [migration.version, migration.name, Date.now()]);
          await client.query('COMMIT');
        } catch (error) {
          await client.query('ROLLBACK');
          throw new Error(`migration ${migration.version} (${migration.name}) failed: ${(error as Error).message}`, { cause: error });
        }
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1, hashtext(COALESCE(current_schema(), '')))", [ADVISORY_LOCK_NAMESPACE]);
    }
  } catch (error) {
    // A connection that failed mid-way may still hold the lock or a transaction: close it, which frees both.
    broken = error instanceof Error ? error : new Error(String(error));
    throw error;
  } finally {
    client.release(broken);
  }
}
