/**
 * A PostgreSQL for the store suites: HERALD_TEST_DATABASE_URL (set by `source .ci/services.sh`).
 * Every store gets a schema of its own, dropped when the file's tests end.
 */
import { randomBytes } from 'node:crypto';
import pg from 'pg';

export const TEST_DATABASE_URL = process.env.HERALD_TEST_DATABASE_URL ?? '';

export const MISSING_DATABASE_REASON =
  'PostgreSQL suites need HERALD_TEST_DATABASE_URL; get one with `source .ci/services.sh` (or `bash .ci/services.sh start`)';

export class TestSchemas {
  readonly #admin = new pg.Pool({ connectionString: TEST_DATABASE_URL, max: 2 });
  readonly #run = `herald_t_${process.pid}_${randomBytes(3).toString('hex')}`;
  readonly #created: string[] = [];

  /** A new, empty schema's name. */
  async create(): Promise<string> {
    const name = `${this.#run}_${this.#created.length}`;
    await this.#admin.query(`CREATE SCHEMA ${name}`);
    this.#created.push(name);
    return name;
  }

  async query<R extends pg.QueryResultRow>(sql: string, params: unknown[] = []): Promise<R[]> {
    return (await this.#admin.query<R>(sql, params)).rows;
  }

  async dropAll(): Promise<void> {
    for (const name of this.#created.splice(0)) await this.#admin.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
    await this.#admin.end();
  }
}
