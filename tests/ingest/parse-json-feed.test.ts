import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/core/errors.ts';
import { parseFeed } from '../../src/ingest/parse-feed.ts';

const NOW = new Date('2024-06-01T12:00:00Z');
const parse = (json: string | object, baseUrl?: string) =>
  parseFeed(Buffer.from(typeof json === 'string' ? json : JSON.stringify(json)), { source: 'fixture.json', baseUrl, now: NOW });

async function parseError(json: string): Promise<FeedParseError> {
  const error = await parse(json).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FeedParseError);
  expect((error as FeedParseError).message).toContain('fixture.json');
  return error as FeedParseError;
}

describe('JSON Feed', () => {
  it('reads a JSON Feed 1.1 document', async () => {
    const feed = await parse({
      version: 'https://jsonfeed.org/version/1.1',
      title: 'JSON desk',
      home_page_url: 'https://j.example.test/',
      feed_url: 'https://j.example.test/feed.json',
      description: 'All the news',
      items: [
        {
          id: 'J-1',
          url: 'https://j.example.test/1?utm_medium=feed',
          title: 'Budget passes',
          content_html: '<p>The budget <b>passed</b>.</p>',
          summary: 'It passed.',
          date_published: '2024-05-31T09:30:00-04:00',
          authors: [{ name: 'Sam Okoro' }],
          tags: ['politics', 7, 'budget'],
        },
      ],
    });
    expect(feed.feed).toEqual({ title: 'JSON desk', link: 'https://j.example.test/', description: 'All the news', format: 'json' });
    expect(feed.items[0]).toMatchObject({
      guid: 'j-1',
      url: 'https://j.example.test/1',
      title: 'Budget passes',
      text: 'The budget passed.',
      summary: 'It passed.',
      author: 'Sam Okoro',
      categories: ['politics', 'budget'],
      html: '<p>The budget <b>passed</b>.</p>',
    });
    expect(feed.items[0]!.publishedAt?.toISOString()).toBe('2024-05-31T13:30:00.000Z');
  });

  it('reads JSON Feed 1.0 (author object, external_url) and a short version string', async () => {
    const feed = await parse({ version: '1', title: 'Old', items: [{ id: 'a', external_url: 'https://j.example.test/ext', content_text: 'a < b & c', author: { name: 'Kim' } }] });
    expect(feed.items[0]).toMatchObject({ url: 'https://j.example.test/ext', text: 'a < b & c', author: 'Kim', title: 'a < b & c' });
  });

  it('accepts a UTF-8 BOM', async () => {
    const feed = await parseFeed(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"version":"https://jsonfeed.org/version/1","title":"bom","items":[]}')]), { source: 'bom.json' });
    expect(feed.feed.title).toBe('bom');
  });

  it('rejects invalid JSON (trailing commas, comments) with a clear error', async () => {
    const error = await parseError('\uFEFF{"version":"https://jsonfeed.org/version/1","title":"t","items":[{"id":"1",},]} // comment');
    expect(error.reason).toBe('malformed');
    expect(error.message).toMatch(/invalid JSON/);
  });

  it('survives 100,000 nested arrays in an extension', async () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    const outcome = await parse(`{"version":"https://jsonfeed.org/version/1.1","title":"deep","items":[{"id":"d","url":"https://j.example.test/d","_ext":${deep}}]}`).then(
      (feed) => feed.items.length,
      (error: unknown) => error,
    );
    if (typeof outcome === 'number') expect(outcome).toBe(1);
    else expect(outcome).toBeInstanceOf(FeedParseError);
  });

  it('does not pollute Object.prototype through __proto__ or constructor keys', async () => {
    const feed = await parse('{"version":"https://jsonfeed.org/version/1.1","title":"proto","__proto__":{"polluted":"yes"},"constructor":{"prototype":{"polluted2":"yes"}},"items":[{"id":"p1","url":"https://j.example.test/p","content_text":"x","__proto__":{"isAdmin":true}}]}');
    expect(feed.items).toHaveLength(1);
    const probe: Record<string, unknown> = {};
    expect(probe.polluted).toBeUndefined();
    expect(probe.polluted2).toBeUndefined();
    expect(probe.isAdmin).toBeUndefined();
  });

  it('treats wrong-typed fields as missing', async () => {
    const feed = await parse({
      version: 'https://jsonfeed.org/version/1.1',
      title: ['not', 'a', 'string'],
      items: [
        { id: 42, url: 'https://j.example.test/num', title: 'numeric id' },
        { id: 'w', title: ['array'], url: { href: 'https://j.example.test/obj' }, content_html: 12345, date_published: 'not a date' },
        { id: 'ok', title: null, content_text: null, url: null, summary: 'only a summary' },
      ],
    });
    expect(feed.feed.title).toBe('');
    expect(feed.items[0]).toMatchObject({ guid: 'https://j.example.test/num', title: 'numeric id' });
    expect(feed.skipped.map((s) => s.reason)).toContain('nothing to show: no title, link or text');
    expect(feed.items.find((i) => i.guid === 'ok')?.text).toBe('only a summary');
  });

  it('keeps only http(s) links and resolves relative ones against feed_url', async () => {
    const feed = await parse({
      version: 'https://jsonfeed.org/version/1.1',
      feed_url: 'https://j.example.test/feeds/main.json',
      items: [
        { id: '1', title: 'js', url: 'javascript:alert(1)' },
        { id: '2', title: 'file', url: 'file:///etc/passwd' },
        { id: '3', title: 'rel', url: '../posts/3' },
      ],
    });
    expect(feed.items.map((i) => i.url)).toEqual(['', '', 'https://j.example.test/posts/3']);
  });

  it('classifies JSON that is not a feed as not-a-feed', async () => {
    expect((await parseError('{"error":{"code":429,"message":"Too Many Requests"}}')).reason).toBe('not-a-feed');
    expect((await parseError('[1,2,3]')).reason).toBe('not-a-feed');
  });
});
