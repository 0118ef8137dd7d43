/**
 * Every document of ../shared/data/feeds: `parse ok` documents parse with string titles; every
 * other document parses or fails with a FeedParseError naming it. Files are read as bytes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { FeedParseError } from '../../src/core/errors.ts';
import { describeWithData, SHARED_DATA } from '../support/shared-data.ts';
import type { ParsedFeed } from '../../src/core/types.ts';
import { parseFeed } from '../../src/ingest/parse-feed.ts';

const dataDir = SHARED_DATA;
const manifest = path.join(dataDir, 'feeds/MANIFEST.tsv');
const exists = fs.existsSync(manifest);
/** A hang bound, not a speed claim (bench:feeds measures speed). */
const HANG_BOUND_MS = 15_000;

interface Row {
  file: string;
  expected: string;
  contentType?: string;
}

function rows(): Row[] {
  return fs.readFileSync(manifest, 'utf8').trim().split('\n').slice(1).map((line) => {
    const [file = '', , , , , exercises = '', expected = ''] = line.split('\t');
    const contentType = /\[needs HTTP header: Content-type: ([^\]]+)\]/i.exec(exercises)?.[1];
    return contentType === undefined ? { file, expected } : { file, expected, contentType };
  });
}

describeWithData('feed corpus (../shared/data/feeds)', exists, () => {
  const all = exists ? rows() : [];
  const parseOk = all.filter((r) => r.expected.startsWith('parse ok'));
  const others = all.filter((r) => !r.expected.startsWith('parse ok'));
  const read = (row: Row) => fs.readFileSync(path.join(dataDir, row.file));

  it('has the documents the manifest lists', () => {
    expect(parseOk.length).toBeGreaterThan(200);
    for (const row of all) expect(fs.existsSync(path.join(dataDir, row.file)), row.file).toBe(true);
  });

  it.each(parseOk.map((r) => [r.file, r]))('parses %s with string titles', async (_name, row) => {
    const feed = await parseFeed(read(row), { source: row.file, contentType: row.contentType });
    expect(typeof feed.feed.title).toBe('string');
    for (const item of feed.items) {
      expect(typeof item.title).toBe('string');
      expect(typeof item.guid).toBe('string');
      expect(item.guid).not.toBe('');
      expect(item.url === '' || /^https?:\/\//.test(item.url)).toBe(true);
    }
  }, HANG_BOUND_MS);

  it('parses at least 99% of the parse-ok documents', async () => {
    let parsed = 0;
    for (const row of parseOk) {
      if (await parseFeed(read(row), { source: row.file, contentType: row.contentType }).then(() => true, () => false)) parsed++;
    }
    expect(parsed / parseOk.length).toBeGreaterThanOrEqual(0.99);
  }, HANG_BOUND_MS * 4);

  it.each(others.map((r) => [r.file, r]))('parses %s or fails with a typed error naming it', async (_name, row) => {
    const outcome: ParsedFeed | Error = await parseFeed(read(row), { source: row.file, contentType: row.contentType }).then(
      (feed) => feed,
      (error: unknown) => (error instanceof Error ? error : new Error(String(error))),
    );
    if (outcome instanceof Error) {
      expect(outcome).toBeInstanceOf(FeedParseError);
      expect(outcome.message).toContain(row.file);
    } else {
      expect(typeof outcome.feed.title).toBe('string');
      for (const item of outcome.items) expect(typeof item.title).toBe('string');
    }
  }, HANG_BOUND_MS);
});
