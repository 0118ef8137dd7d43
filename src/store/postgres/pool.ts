/**
 * The pg Pool every PostgreSQL part of Herald shares: BIGINT columns (times in ms, counts, ids)
 * arrive as numbers, and an optional schema is put first on the search_path of every connection.
 */
import pg from 'pg';

/** Oid of BIGINT (int8). Values stay below 2^53: ms timestamps, identity ids, counts. */
const INT8_OID = 20;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

export interface PostgresOptions {
  /** postgres://user:password@host:port/database (DATABASE_URL). */
  connectionString: string;
  /** Tables live in this schema (it must exist); default: the server's search_path. */
  schema?: string;
  /** Connections in the pool; default 10. */
  max?: number;
  /** Errors of idle connections (the server restarted, the network dropped); the pool replaces them. */
  onIdleError?: (error: Error) => void;
}

export type Queryable = Pick<pg.Pool, 'query'>;

export function createPool(options: PostgresOptions): pg.Pool {
  const types = new pg.TypeOverrides();
  types.setTypeParser(INT8_OID, 'text', (value: string) => Number(value));
  const config: pg.PoolConfig = {
    connectionString: options.connectionString,
    max: options.max ?? 10,
    types,
    application_name: 'herald',
  };
  if (options.schema !== undefined) {
    if (!SCHEMA_NAME.test(options.schema)) throw new RangeError(`invalid PostgreSQL schema name: ${options.schema}`);
    config.options = `-c search_path=${options.schema}`;
  }
  const pool = new pg.Pool(config);
  // Without a listener an idle connection's error would crash the process.
  pool.on('error', (error) => options.onIdleError?.(error));
  return pool;
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export async function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('BEGIN');
    const result = await work(client);
    await client.query('COMMIT');
    return result;
  } catch (error) {
    await client.query('ROLLBACK').catch((rollback: unknown) => {
      broken = rollback instanceof Error ? rollback : new Error(String(rollback));
    });
    throw error;
  } finally {
    client.release(broken);
  }
}
