/**
 * Reads a response body as a stream, decompressing it ourselves so that the byte cap applies to the
 * decompressed size: a gzip bomb stops at the cap instead of filling memory.
 */
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { FetchFailure } from './fetch-failure.ts';

/** Compressed input is fed to zlib in slices this small, so one network chunk cannot inflate to ~1000x its size at once. */
const INFLATE_SLICE_BYTES = 4 * 1024;
/** zlib output chunk size; with the slice size this bounds the memory a bomb can take before the counter sees it. */
const INFLATE_CHUNK_BYTES = 16 * 1024;

/** The encodings we advertise in Accept-Encoding and can undo. */
export const ACCEPT_ENCODING = 'gzip, deflate, br';

type Decoder = NodeJS.ReadWriteStream;

function decoderFor(encoding: string): Decoder | null {
  switch (encoding) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip({ chunkSize: INFLATE_CHUNK_BYTES });
    case 'deflate':
      // createUnzip reads the zlib wrapper HTTP "deflate" should carry (and gzip, which some servers send instead).
      return zlib.createUnzip({ chunkSize: INFLATE_CHUNK_BYTES });
    case 'br':
      return zlib.createBrotliDecompress({ chunkSize: INFLATE_CHUNK_BYTES });
    case 'identity':
    case '':
      return null;
    default:
      throw new FetchFailure('network', `unsupported content-encoding "${encoding.slice(0, 40)}"`);
  }
}

/** Decoders for a Content-Encoding header, outermost first (codings are listed in the order applied). */
export function decodersFor(contentEncoding: string | undefined): Decoder[] {
  if (!contentEncoding) return [];
  const codings = contentEncoding.split(',').map((c) => c.trim().toLowerCase());
  if (codings.length > 3) throw new FetchFailure('network', 'too many content-encodings');
  return codings.reverse().map(decoderFor).filter((d): d is Decoder => d !== null);
}

async function* slices(source: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    for (let offset = 0; offset < chunk.length; offset += INFLATE_SLICE_BYTES) {
      yield chunk.subarray(offset, offset + INFLATE_SLICE_BYTES);
    }
  }
}

/**
 * Collects `body` into one Buffer of at most `maxBytes` decoded bytes. Over the cap it rejects with a
 * `too-large` FetchFailure and destroys the source, which closes the connection. Decoding errors reject
 * with a `network` FetchFailure.
 */
export async function readBody(body: Readable, contentEncoding: string | undefined, maxBytes: number): Promise<Buffer> {
  const decoders = decodersFor(contentEncoding);
  const chunks: Buffer[] = [];
  let total = 0;
  const sink = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      total += chunk.length;
      if (total > maxBytes) {
        callback(new FetchFailure('too-large', `body exceeds ${maxBytes} bytes${decoders.length ? ' after decompression' : ''}`));
        return;
      }
      chunks.push(chunk);
      callback();
    },
  });
  try {
    if (decoders.length === 0) await pipeline(body, sink);
    else await pipeline(body, slices, ...(decoders as [Decoder]), sink);
  } catch (error) {
    body.destroy();
    if (error instanceof FetchFailure) throw error;
    const code = (error as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('Z_')) {
      throw new FetchFailure('network', `could not decode ${contentEncoding ?? ''} body (${code})`);
    }
    throw error;
  }
  return Buffer.concat(chunks, total);
}
