/**
 * Suites over the public data in ../shared/data (beside the checkout, as in CI). When the data is
 * missing they print one skip line and register one test that records why; that test fails under
 * CI, where the data is always present, so a broken path can never pass as a skip.
 */
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

export const SHARED_DATA = resolve(process.cwd(), '../shared/data');

export function sharedDataPath(...parts: string[]): string {
  return resolve(SHARED_DATA, ...parts);
}

/** `describe(name, suite)` when `available`; otherwise one skip line and one test saying what is missing. */
export function describeWithData(name: string, available: boolean, suite: () => void): void {
  if (available) {
    describe(name, suite);
    return;
  }
  console.log(`skip: ${name}: ${SHARED_DATA} not found (it sits beside the checkout in CI)`);
  describe(name, () => {
    it('needs ../shared/data, which is not present here', () => {
      expect(process.env.CI, 'CI always has ../shared/data: check the path').toBeFalsy();
      expect(available).toBe(false);
    });
  });
}

export { existsSync };
