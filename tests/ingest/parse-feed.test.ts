import fs from 'node:fs';
import net from 'node:net';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/core/errors.ts';
import { PARSE_MAX_BYTES, parseFeed } from '../../src/ingest/parse-feed.ts';
import { withoutIo } from './io-guard.ts';

const NOW = new Date('2024-06-01T12:00:00Z');
const rss = (items: string) => `<rss version="2.0"><channel><title>Desk</title><link>https://d.example.test/</link>${items}</channel></rss>`;
const item = (fields: Record<string, string>) => `<item>${Object.entries(fields).map(([k, v]) => `<${k}>${v}</${k}>`).join('')}</item>`;

async function rejection(input: Buffer | string, source = 'doc-under-test'): Promise<FeedParseError> {
  const error = await parseFeed(input, { source }).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FeedParseError);
  expect((error as FeedParseError).source).toBe(source);
  expect((error as FeedParseError).message).toContain(source);
  return error as FeedParseError;
}

describe('parseFeed: sniffing and errors', () => {
  it('rejects an empty or whitespace-only body as empty', async () => {
    expect((await rejection(Buffer.alloc(0))).reason).toBe('empty');
    expect((await rejection(Buffer.from(' \n\t \r\n'))).reason).toBe('empty');
  });

  it('rejects a body that is neither XML nor JSON as not-a-feed', async () => {
    expect((await rejection('Service Unavailable')).reason).toBe('not-a-feed');
  });

  it('refuses documents over the size limit before parsing', async () => {
    expect((await rejection(Buffer.alloc(PARSE_MAX_BYTES + 1, 0x20))).reason).toBe('too-large');
  });

  it('rejects garbage of every kind with FeedParseError only', async () => {
    let seed = 7;
    const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const pieces = ['<rss>', '<channel>', '<item>', '</item>', '<title>', '&', '&amp;', '<![CDATA[', ']]>', '{', '"items":[', '<!DOCTYPE x [', '<?xml', '\u0000', 'é', '<feed xmlns="http://www.w3.org/2005/Atom">', '<entry>'];
    for (let n = 0; n < 200; n++) {
      const doc = Array.from({ length: 1 + Math.floor(random() * 30) }, () => pieces[Math.floor(random() * pieces.length)]).join('');
      const outcome = await parseFeed(doc, { source: `garbage-${n}` }).then(() => 'ok', (e: unknown) => e);
      if (outcome !== 'ok') expect(outcome, doc).toBeInstanceOf(FeedParseError);
    }
  });

  it('accepts a string as well as bytes, and decodes bytes with the HTTP charset', async () => {
    const xml = rss(item({ title: 'Привет мир', link: 'https://d.example.test/1' }));
    expect((await parseFeed(xml, { source: 's' })).items[0]!.title).toBe('Привет мир');
    const bytes = iconv.encode(xml, 'windows-1251');
    expect((await parseFeed(bytes, { source: 'b', contentType: 'application/rss+xml; charset=windows-1251' })).items[0]!.title).toBe('Привет мир');
  });

  it('has an I/O guard that really catches file reads and connects', async () => {
    const outcome = await withoutIo(async () => {
      const attempts = [() => fs.readFileSync('/etc/passwd'), () => new net.Socket().connect(9, '127.0.0.1')];
      for (const attempt of attempts) {
        try {
          attempt();
        } catch {
          // blocked, as intended
        }
      }
    });
    expect(outcome.attempts).toEqual(['fs.readFileSync /etc/passwd', 'net.connect 9']);
  });

  it('makes no network request and reads no file', async () => {
    const outcome = await withoutIo(() => parseFeed(Buffer.from(rss(item({ title: 't', link: 'https://d.example.test/io' }))), { source: 'io' }));
    expect(outcome.attempts).toEqual([]);
    expect(outcome.value?.items).toHaveLength(1);
  });
});

describe('parseFeed: normalising items', () => {
  const parse = (xml: string, options: { feedId?: string; baseUrl?: string } = {}) => parseFeed(xml, { source: 'n', now: NOW, ...options });

  it('sets feedId from the option, else the base URL, else the source', async () => {
    const xml = rss(item({ title: 't', link: 'https://d.example.test/1' }));
    expect((await parse(xml, { feedId: 'world' })).items[0]!.feedId).toBe('world');
    expect((await parse(xml, { baseUrl: 'https://d.example.test/rss' })).items[0]!.feedId).toBe('https://d.example.test/rss');
    expect((await parse(xml)).items[0]!.feedId).toBe('n');
  });

  it('skips items with no link, no guid and no title, with a reason', async () => {
    const feed = await parse(rss(`${item({ description: 'description only' })}<item/>${item({ title: '  ', link: ' ', guid: ' ' })}${item({ title: 'Title only' })}`));
    expect(feed.items.map((i) => i.title)).toEqual(['Title only']);
    expect(feed.items[0]!.guid).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(feed.skipped).toHaveLength(3);
    for (const s of feed.skipped) expect(s.reason).toMatch(/no link, guid or title/);
  });

  it('uses the guid as link when it is a permalink URL', async () => {
    const feed = await parse(rss('<item><title>p</title><guid>https://d.example.test/perma</guid></item><item><title>q</title><guid isPermaLink="false">https://d.example.test/not</guid></item>'));
    expect(feed.items.map((i) => i.url)).toEqual(['https://d.example.test/perma', '']);
  });

  it('drops dates before 1990 or more than a day ahead of now, keeps the rest', async () => {
    const dates = ['Fri, 31 May 2024 23:00:00 GMT', 'Sun, 02 Jun 2024 06:00:00 GMT', 'Thu, 01 Jan 1970 00:00:00 GMT', 'Fri, 01 Jan 2100 00:00:00 GMT', '2024-02-30T10:00:00Z', 'Tomorrow'];
    const feed = await parse(rss(dates.map((d, i) => item({ title: `d${i}`, link: `https://d.example.test/${i}`, pubDate: d })).join('')));
    expect(feed.items.map((i) => i.publishedAt?.toISOString())).toEqual(['2024-05-31T23:00:00.000Z', '2024-06-02T06:00:00.000Z', undefined, undefined, undefined, undefined]);
  });

  it('falls back to dc:date when pubDate is unusable', async () => {
    const feed = await parse(`<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>x</title><item><title>t</title><link>https://d.example.test/dc</link><pubDate>garbage</pubDate><dc:date>2024-05-01T00:00:00Z</dc:date></item></channel></rss>`);
    expect(feed.items[0]!.publishedAt?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
  });

  it('collapses repeats inside one document, first wins', async () => {
    const feed = await parse(
      rss(
        [
          item({ title: 'Original', guid: 'Dup-GUID-1', link: 'https://d.example.test/1' }),
          item({ title: 'Edited title, same guid', guid: 'Dup-GUID-1', link: 'https://d.example.test/1b' }),
          item({ title: 'Case and spacing variant', guid: '  dup-guid-1 \n', link: 'https://d.example.test/1c' }),
          item({ title: 'Same link, no guid', link: 'https://d.example.test/2' }),
          item({ title: 'Same link with trackers', link: 'https://d.example.test/2?utm_source=x&amp;fbclid=y#frag' }),
          item({ title: 'Same link over http with a slash', link: 'http://d.example.test/2/' }),
          item({ title: 'Different story', guid: 'other', link: 'https://d.example.test/2' }),
        ].join(''),
      ),
    );
    expect(feed.items.map((i) => i.title)).toEqual(['Original', 'Same link, no guid', 'Different story']);
    expect(feed.skipped.map((s) => s.title)).toEqual(['Edited title, same guid', 'Case and spacing variant', 'Same link with trackers', 'Same link over http with a slash']);
    for (const s of feed.skipped) expect(s.reason).toMatch(/duplicate/);
  });
});
