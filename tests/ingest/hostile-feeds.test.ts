/**
 * ../shared/data/hostile (categories xml, structure, encoding, items, jsonfeed, urls; chat files
 * must at least parse): each case meets its manifest `expected` and `assertion` columns, and no
 * parse makes a network request or reads a file.
 */
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { FeedParseError } from '../../src/core/errors.ts';
import { describeWithData, SHARED_DATA } from '../support/shared-data.ts';
import type { FeedItem, ParsedFeed } from '../../src/core/types.ts';
import { parseFeed } from '../../src/ingest/parse-feed.ts';
import { TEXT_MAX_CHARS, TITLE_MAX_CHARS } from '../../src/ingest/normalise-item.ts';
import { withoutIo } from './io-guard.ts';

const dataDir = SHARED_DATA;
const manifest = path.join(dataDir, 'hostile/MANIFEST.tsv');
const exists = fs.existsSync(manifest);
const FOLDERS = new Set(['xml', 'structure', 'encoding', 'items', 'jsonfeed', 'urls', 'chat']);
const FEED_URL = 'https://feed.example.test/feed.xml';
const NOW = new Date('2026-01-01T00:00:00Z');
/** A hang bound, not a speed claim. */
const HANG_BOUND_MS = 15_000;

interface Row {
  file: string;
  folder: string;
  expected: string;
  assertion: string;
}

function rows(): Row[] {
  return fs
    .readFileSync(manifest, 'utf8')
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [file = '', , , expected = '', assertion = ''] = line.split('\t');
      return { file, folder: file.split('/')[1] ?? '', expected, assertion };
    })
    .filter((row) => !row.file.includes('#') && FOLDERS.has(row.folder));
}

type Outcome = { feed: ParsedFeed; error?: undefined } | { feed?: undefined; error: unknown };

async function parseGuarded(row: Row): Promise<Outcome> {
  const bytes = fs.readFileSync(path.join(dataDir, row.file));
  // Warm up once outside the guard so lazily loaded code (iconv tables) is not counted as I/O.
  await parseFeed(bytes, { source: row.file, baseUrl: FEED_URL, now: NOW }).catch(() => undefined);
  const result = await withoutIo(() => parseFeed(bytes, { source: row.file, baseUrl: FEED_URL, now: NOW }));
  expect(result.attempts, 'network or file access during parse').toEqual([]);
  return result.value ? { feed: result.value } : { error: result.error };
}

const textsOf = (item: FeedItem): string[] => [item.title, item.text ?? '', item.summary ?? '', item.author ?? '', ...(item.categories ?? [])];

/** What every successful parse must satisfy, whatever the file. */
function expectSafe(feed: ParsedFeed): void {
  const json = JSON.stringify(feed);
  expect(json).not.toMatch(/root:x?:0:0|daemon:|\/bin\/(?:ba)?sh/);
  expect(json).not.toMatch(/(?:lol){20}/);
  expect(json.length).toBeLessThan(8_000_000);
  const feedTexts = [feed.feed.title, feed.feed.description ?? ''];
  for (const item of feed.items) {
    expect(typeof item.title).toBe('string');
    expect(item.title.length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
    expect((item.text ?? '').length).toBeLessThanOrEqual(TEXT_MAX_CHARS);
    expect(item.url === '' || /^https?:\/\/[^\s]+$/.test(item.url), item.url.slice(0, 80)).toBe(true);
    expect(item.guid).not.toBe('');
    if (item.publishedAt) {
      expect(item.publishedAt.getTime()).toBeGreaterThanOrEqual(Date.UTC(1990, 0, 1));
      expect(item.publishedAt.getTime()).toBeLessThanOrEqual(NOW.getTime() + 86_400_000);
    }
    feedTexts.push(...textsOf(item));
  }
  for (const text of feedTexts) {
    expect(text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u202A-\u202E\u2066-\u2069\u200B\uFEFF]/);
    expect(text).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    expect(text).not.toMatch(/^(?:undefined|null)$/);
  }
}

function expectClearError(outcome: Outcome, row: Row): FeedParseError {
  expect(outcome.error, `${row.file} should fail clearly`).toBeInstanceOf(FeedParseError);
  const error = outcome.error as FeedParseError;
  expect(error.message).toContain(row.file);
  return error;
}

/** Checks for the manifest's per-file `assertion` column. */
const specific: Record<string, (outcome: Outcome, row: Row) => void> = {
  'structure/deeply-nested-elements.xml': (o, row) => {
    if (o.error) expect(expectClearError(o, row).reason).toBe('malformed');
  },
  'structure/deeply-nested-html-in-cdata.xml': (o) => expect(o.feed?.items[0]?.text).toBe('text'),
  'structure/truncated.xml': (o, row) => expectClearError(o, row),
  'structure/mismatched-tags.xml': (o, row) => expect(expectClearError(o, row).reason).toBe('malformed'),
  'structure/empty.xml': (o, row) => expect(expectClearError(o, row).reason).toBe('empty'),
  'structure/whitespace-only.xml': (o, row) => expect(expectClearError(o, row).reason).toBe('empty'),
  'structure/not-a-feed-html.html': (o, row) => expect(expectClearError(o, row).reason).toBe('not-a-feed'),
  'structure/json-error-body.json': (o, row) => expect(expectClearError(o, row).reason).toBe('not-a-feed'),
  'structure/rss-no-channel.xml': (o, row) => {
    if (o.feed) expect(o.feed.items).toEqual([]);
    else expectClearError(o, row);
  },
  'structure/bom-then-whitespace.xml': (o) => expect(o.feed?.items.map((i) => i.title)).toEqual(['bom']),
  'structure/two-roots.xml': (o) => expect(o.feed?.items.map((i) => i.title)).toEqual(['a']),
  'structure/trailing-garbage.xml': (o) => expect(JSON.stringify(o.feed)).not.toContain('<script'),
  'structure/channel-is-array-like.xml': (o) => {
    expect(typeof o.feed?.feed.title).toBe('string');
    expect(typeof o.feed?.items[0]?.url).toBe('string');
  },
  'encoding/utf16le-no-bom.xml': (o) => expect(o.feed?.items[0]?.title).toBe('UTF-16LE without BOM'),
  'encoding/unicode-spoofing.xml': (o) => expect(JSON.stringify(o.feed)).not.toContain('\u202E'),
  'xml/undeclared-html-entities.xml': (o) => expect(o.feed?.items[0]?.title).toBe('Café – news © … ’quoted’'),
  'xml/entity-injects-markup.xml': (o) => expect(JSON.stringify(o.feed?.items.map(textsOf))).not.toMatch(/<script|onerror=/),
  'xml/quadratic-blowup.xml': (o) => expect((o.feed?.items[0]?.text ?? '').length).toBeLessThan(100_000),
  'items/duplicate-guids.xml': (o) => {
    expect(o.feed?.items.filter((i) => i.guid === 'dup-guid-1')).toHaveLength(1);
    const guids = o.feed?.items.map((i) => i.guid) ?? [];
    expect(new Set(guids).size).toBe(guids.length);
    expect(o.feed?.items.filter((i) => /repeated/i.test(i.title))).toHaveLength(1);
  },
  'items/no-link-no-guid.xml': (o) => {
    expect(o.feed?.skipped.length).toBeGreaterThan(0);
    for (const item of o.feed?.items ?? []) expect(item.title !== '' || item.url !== '' || (item.text ?? '') !== '').toBe(true);
  },
  'items/hostile-dates.xml': (o) => {
    const farFuture = o.feed?.items.find((i) => /far future/i.test(i.title));
    const epoch = o.feed?.items.find((i) => /epoch/i.test(i.title));
    expect(farFuture?.publishedAt).toBeUndefined();
    expect(epoch?.publishedAt).toBeUndefined();
    for (const item of o.feed?.items ?? []) expect(() => item.publishedAt?.toISOString()).not.toThrow();
  },
  'jsonfeed/hostile.json': (o) => expect(o.feed?.items.every((i) => typeof i.title === 'string')).toBe(true),
  'jsonfeed/proto-pollution.json': () => {
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
  },
  'jsonfeed/not-really-json.json': (o, row) => expect(expectClearError(o, row).reason).toBe('malformed'),
  'urls/hostile-links-atom.xml': (o) => {
    expect(o.feed?.items.find((i) => /relative link/.test(i.title))?.url).toBe('https://feed.example.test/relative/path');
  },
};

describeWithData('hostile inputs (../shared/data/hostile)', exists, () => {
  const all = exists ? rows() : [];

  it('covers every category the brief names', () => {
    expect(new Set(all.map((r) => r.folder))).toEqual(FOLDERS);
  });

  it.each(all.map((r) => [r.file, r]))('%s meets its expected outcome', async (_name, row) => {
    const outcome = await parseGuarded(row);
    if (outcome.feed) expectSafe(outcome.feed);
    else expectClearError(outcome, row);

    if (row.folder === 'chat') expect(outcome.feed, 'chat files must parse').toBeDefined();
    else if (row.expected.startsWith('sanitized output') || row.expected.startsWith('skipped item')) expect(outcome.feed).toBeDefined();
    specific[row.file.replace(/^hostile\//, '')]?.(outcome, row);
  }, HANG_BOUND_MS);
});
