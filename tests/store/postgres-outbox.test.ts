import { afterAll, expect, it } from 'vitest';
import { createPool } from '../../src/store/postgres/pool.ts';
import { PostgresOutbox } from '../../src/store/postgres/outbox.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { outboxContract } from '../contract/outbox.contract.ts';
import { MISSING_DATABASE_REASON, TEST_DATABASE_URL, TestSchemas } from './postgres-test-db.ts';

if (TEST_DATABASE_URL) {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());
  // Two pools on one schema, as two instances would hold.
  outboxContract('PostgreSQL', async () => {
    const schema = await schemas.create();
    const store = new PostgresStore({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
    const other = createPool({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
    return {
      store,
      a: new PostgresOutbox(store.pool),
      b: new PostgresOutbox(other),
      async close() {
        await other.end();
        await store.close();
      },
    };
  });
} else {
  console.log(`postgres-outbox: ${MISSING_DATABASE_REASON}`);
  it('needs a PostgreSQL (HERALD_TEST_DATABASE_URL); CI always provides one', () => {
    expect(process.env.CI, `CI must run the PostgreSQL suites: ${MISSING_DATABASE_REASON}`).toBeFalsy();
    expect(TEST_DATABASE_URL).toBe('');
  });
}
