/**
 * Hostile payloads for the feed server, generated at run time (never stored): huge feeds, gzip bombs,
 * endless bodies. See ../shared/data/hostile/generated/README.md for the recipes.
 */
import { Readable } from 'node:stream';
import zlib from 'node:zlib';

export const MIB = 1024 * 1024;
export const GIB = 1024 * MIB;

/** Size of every `<item>` in {@link hugeFeedStream}, padding included. */
export const HUGE_FEED_ITEM_BYTES = 1000;
const RSS_HEAD = '<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>Huge test feed</title><link>https://feed.example.test/</link><description>generated</description>\n';
const RSS_TAIL = '</channel></rss>\n';
const ITEMS_PER_CHUNK = 64;

function itemXml(n: number): string {
  const open = `<item><title>Item ${n}</title><link>https://feed.example.test/${n}</link><guid>urn:herald-test:${n}</guid><description>`;
  const close = '</description></item>\n';
  return open + 'x'.repeat(Math.max(0, HUGE_FEED_ITEM_BYTES - open.length - close.length)) + close;
}

export interface HugeFeed {
  /** Exact byte length of the document (for Content-Length). */
  length: number;
  /** A fresh stream of the document each call. */
  stream(): Readable;
}

/**
 * A valid RSS 2.0 document of about `totalBytes`, streamed in chunks (never held whole in memory).
 * `singleField` puts all of it in one `<description>` text node instead of many 1 KB items.
 */
export function hugeFeed(totalBytes: number, singleField = false): HugeFeed {
  if (singleField) {
    const open = `${RSS_HEAD}<item><title>Big</title><description>`;
    const close = `</description></item>\n${RSS_TAIL}`;
    const fill = Math.max(0, totalBytes - open.length - close.length);
    return {
      length: open.length + fill + close.length,
      stream: () => Readable.from(generate()),
    };
    function* generate(): Generator<Buffer> {
      yield Buffer.from(open);
      const chunk = Buffer.alloc(64 * 1024, 'a');
      for (let left = fill; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
      yield Buffer.from(close);
    }
  }
  const count = Math.max(0, Math.floor((totalBytes - RSS_HEAD.length - RSS_TAIL.length) / HUGE_FEED_ITEM_BYTES));
  function* generate(): Generator<Buffer> {
    yield Buffer.from(RSS_HEAD);
    for (let n = 0; n < count; n += ITEMS_PER_CHUNK) {
      let text = '';
      for (let i = n; i < Math.min(count, n + ITEMS_PER_CHUNK); i++) text += itemXml(i);
      yield Buffer.from(text);
    }
    yield Buffer.from(RSS_TAIL);
  }
  return { length: RSS_HEAD.length + count * HUGE_FEED_ITEM_BYTES + RSS_TAIL.length, stream: () => Readable.from(generate()) };
}

/** `total` bytes of `fill` (Infinity for an endless stream), in 64 KiB chunks. */
export function fillStream(total: number, fill = 0x20): Readable {
  const chunk = Buffer.alloc(64 * 1024, fill);
  return Readable.from((function* () {
    for (let left = total; left > 0; left -= chunk.length) yield left >= chunk.length ? chunk : chunk.subarray(0, left);
  })());
}

let gzipMemberCache: Buffer | undefined;

/**
 * A gzip body of many concatenated members, each 1 MiB of zeros compressed (~1 KB): 1 GiB inflates from
 * about 1 MB. Optionally starts with a member holding `prefix` (e.g. a valid feed head).
 */
export function gzipBombBuffer(inflatedBytes: number, prefix?: string): Buffer {
  gzipMemberCache ??= zlib.gzipSync(Buffer.alloc(MIB), { level: 9 });
  const members = Math.max(1, Math.ceil(inflatedBytes / MIB));
  const parts: Buffer[] = prefix ? [zlib.gzipSync(Buffer.from(prefix))] : [];
  for (let i = 0; i < members; i++) parts.push(gzipMemberCache);
  return Buffer.concat(parts);
}

/**
 * A compressed stream of `inflatedBytes` zeros for encodings that cannot be concatenated (deflate, br),
 * compressed on the fly; backpressure means the server only compresses what the client reads.
 */
export function compressedZeros(inflatedBytes: number, encoding: 'gzip' | 'deflate' | 'br', prefix?: string): Readable {
  const compressor = encoding === 'br'
    ? zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: 4 } })
    : encoding === 'deflate' ? zlib.createDeflate({ level: 9 }) : zlib.createGzip({ level: 9 });
  const source = fillStream(inflatedBytes, 0);
  if (prefix) compressor.write(prefix);
  source.pipe(compressor);
  compressor.on('close', () => source.destroy());
  return compressor;
}
