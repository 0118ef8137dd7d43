import { describe, expect, it } from 'vitest';
import { parseMaxAge, parseRetryAfter } from '../../src/ingest/http-hints.ts';
import { redactUrl } from '../../src/ingest/fetch-failure.ts';

describe('http hints', () => {
  const now = new Date('2026-12-01T12:00:00Z');

  it('reads Retry-After as seconds or as an HTTP date', () => {
    expect(parseRetryAfter('90', now)).toBe(90_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 12:05:00 GMT', now)).toBe(5 * 60_000);
    expect(parseRetryAfter('Tue, 01 Dec 2026 11:00:00 GMT', now)).toBe(0);
    expect(parseRetryAfter(['30', '60'], now)).toBe(30_000);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(undefined, now)).toBeUndefined();
  });

  it('reads max-age and ignores s-maxage', () => {
    expect(parseMaxAge('public, max-age=600')).toBe(600);
    expect(parseMaxAge('s-maxage=60, max-age="120"')).toBe(120);
    expect(parseMaxAge('s-maxage=60')).toBeUndefined();
    expect(parseMaxAge(['no-transform', 'max-age=30'])).toBe(30);
    expect(parseMaxAge(undefined)).toBeUndefined();
  });

  it('redacts credentials and secret-looking query values from URLs', () => {
    const redacted = redactUrl('https://me:pw123@feeds.example.test/rss?apikey=K1&access_token=T2&section=world');
    expect(redacted).not.toMatch(/pw123|K1|T2|me:/);
    expect(redacted).toContain('section=world');
  });
});
