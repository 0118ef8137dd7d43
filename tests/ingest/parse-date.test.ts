import { describe, expect, it } from 'vitest';
import { parseFeedDate } from '../../src/ingest/parse-date.ts';

const NOW = new Date('2024-06-01T12:00:00Z');
const iso = (value: unknown) => parseFeedDate(value, NOW)?.toISOString();

describe('parseFeedDate', () => {
  it('reads RFC 822 and ISO 8601 dates, with and without zones', () => {
    expect(iso('Fri, 31 May 2024 08:00:00 GMT')).toBe('2024-05-31T08:00:00.000Z');
    expect(iso('Fri, 31 May 2024 08:00:00 +0200')).toBe('2024-05-31T06:00:00.000Z');
    expect(iso('Fri, 31 May 2024 08:00:00 EDT')).toBe('2024-05-31T12:00:00.000Z');
    expect(iso('31 May 24 08:00 CEST')).toBe('2024-05-31T06:00:00.000Z');
    expect(iso('2024-05-31T08:00:00.123-05:00')).toBe('2024-05-31T13:00:00.000Z');
    expect(iso('2024-05-31 08:00:00')).toBe('2024-05-31T08:00:00.000Z');
    expect(iso('2024-05-31')).toBe('2024-05-31T00:00:00.000Z');
    expect(iso('May 31, 2024 8:00 AM')).toBe('2024-05-31T08:00:00.000Z');
  });

  it('returns undefined for hostile or impossible values', () => {
    for (const bad of ['', '0', '-1', 'NaN', '1e400', 'Tomorrow', '2024-02-30T10:00:00Z', 'Fri, 30 Feb 2024 10:00:00 GMT', 'Mon, 32 Jan 2024 25:61:61 +2500', '+275760-09-14T00:00:00Z', 'Di, 31 Mär 2024 08:00:00', '2024年5月31日', 'Fri, 31 May 2024 08:00:00 GMT Fri, 31 May 2024 08:00:00 GMT', 42, null, {}]) {
      expect(iso(bad), String(bad)).toBeUndefined();
    }
  });

  it('treats dates before 1990 or more than a day after now as unknown', () => {
    expect(iso('Thu, 01 Jan 1970 00:00:00 GMT')).toBeUndefined();
    expect(iso('1989-12-31T23:59:59Z')).toBeUndefined();
    expect(iso('1990-01-01T00:00:00Z')).toBe('1990-01-01T00:00:00.000Z');
    expect(iso('2024-06-02T11:00:00Z')).toBe('2024-06-02T11:00:00.000Z');
    expect(iso('2024-06-02T13:00:00Z')).toBeUndefined();
    expect(iso('9999-12-31T23:59:59Z')).toBeUndefined();
  });
});
