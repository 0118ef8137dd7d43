import { afterAll, expect, it } from 'vitest';
import { PostgresFeedLeases } from '../../src/store/postgres/feed-leases.ts';
import { PostgresJobClaims } from '../../src/store/postgres/job-claims.ts';
import { PostgresStore } from '../../src/store/postgres/postgres-store.ts';
import { feedLeasesContract, type LeaseInstance } from '../contract/feed-leases.contract.ts';
import { MISSING_DATABASE_REASON, TEST_DATABASE_URL, TestSchemas } from './postgres-test-db.ts';

if (TEST_DATABASE_URL) {
  const schemas = new TestSchemas();
  afterAll(() => schemas.dropAll());
  // Two pools on one schema, as two instances sharing the database would have.
  const open = (schema: string): LeaseInstance => {
    const store = new PostgresStore({ connectionString: TEST_DATABASE_URL, schema, max: 4 });
    return { store, leases: new PostgresFeedLeases(store.pool), jobs: new PostgresJobClaims(store.pool) };
  };
  feedLeasesContract('PostgreSQL', async () => {
    const schema = await schemas.create();
    return [open(schema), open(schema)];
  });
} else {
  console.log(`postgres-feed-leases: ${MISSING_DATABASE_REASON}`);
  it('needs a PostgreSQL (HERALD_TEST_DATABASE_URL); CI always provides one', () => {
    expect(process.env.CI, `CI must run the PostgreSQL suites: ${MISSING_DATABASE_REASON}`).toBeFalsy();
    expect(TEST_DATABASE_URL).toBe('');
  });
}
