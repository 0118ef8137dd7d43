/**
 * Bytes → text for feeds and pages. Precedence (documented, tested):
 *   1. a byte order mark (UTF-8, UTF-16LE/BE, UTF-32LE/BE);
 *   2. the UTF-16/32 byte pattern of `<` without a BOM (an ASCII-compatible label cannot be right);
 *   3. the HTTP Content-Type charset;
 *   4. the XML declaration's encoding, or an HTML meta charset;
 *   5. UTF-8, falling back to windows-1252 when the bytes are clearly not UTF-8.
 * A label iconv-lite does not know falls through to the next rule. ISO-8859-1 and US-ASCII are
 * decoded as windows-1252, as browsers do; a windows-1252 label on bytes that are valid UTF-8 with
 * multi-byte sequences is taken as UTF-8 (the common "declared Latin-1, really UTF-8" mistake).
 */
import iconv from 'iconv-lite';
import { isUtf8 } from 'node:buffer';

export interface DecodedDocument {
  text: string;
  /** The encoding actually used, lower-case (e.g. 'utf-8', 'windows-1251', 'utf-16le'). */
  encoding: string;
}

/** How far into the document to look for an XML declaration or meta charset. */
const PRESCAN_BYTES = 2048;

/** Labels whose WHATWG decoder differs from iconv-lite's codec of the same name. */
const LABEL_ALIASES: Record<string, string> = {
  'iso-8859-1': 'windows-1252',
  'iso8859-1': 'windows-1252',
  'iso_8859-1': 'windows-1252',
  latin1: 'windows-1252',
  'l1': 'windows-1252',
  'us-ascii': 'windows-1252',
  ascii: 'windows-1252',
  'cp1252': 'windows-1252',
  'x-cp1252': 'windows-1252',
  gb2312: 'gbk',
  'x-gbk': 'gbk',
  'gb_2312-80': 'gbk',
  big5: 'big5hkscs',
  'x-sjis': 'shift_jis',
  sjis: 'shift_jis',
  'x-euc-jp': 'euc-jp',
  utf8: 'utf-8',
  unicode: 'utf-16le',
};

const WIDE = new Set(['utf-16', 'utf-16le', 'utf-16be', 'utf-32', 'utf-32le', 'utf-32be', 'ucs-2', 'utf16', 'utf32']);

/** Decode a document's bytes to a string following the precedence above. */
export function decodeDocument(body: Buffer, contentType?: string): DecodedDocument {
  const bom = sniffBom(body);
  if (bom) return decodeWith(body.subarray(bom.length), bom.encoding);

  const wide = sniffWide(body);
  if (wide) return decodeWith(body, wide);

  const fromHeader = usableLabel(charsetFromContentType(contentType));
  if (fromHeader) return decodeLabelled(body, fromHeader);

  const fromDocument = usableLabel(charsetFromDocument(body));
  if (fromDocument) return decodeLabelled(body, fromDocument);

  return decodeUtf8OrFallback(body);
}

/** The `charset` parameter of a Content-Type header, if any. */
export function charsetFromContentType(contentType: string | undefined): string | undefined {
  if (!contentType) return undefined;
  const match = /;\s*charset\s*=\s*["']?([^"';\s]+)/i.exec(contentType);
  return match?.[1];
}

/** The encoding named by an XML declaration or an HTML meta tag near the start of the bytes. */
export function charsetFromDocument(body: Buffer): string | undefined {
  const head = body.subarray(0, PRESCAN_BYTES).toString('latin1');
  const xml = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([^"']{1,40})["']/i.exec(head);
  if (xml) return xml[1];
  const meta = /<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9._:-]{1,40})/i.exec(head);
  return meta?.[1];
}

function sniffBom(body: Buffer): { length: number; encoding: string } | undefined {
  const [b0, b1, b2, b3] = [body[0], body[1], body[2], body[3]];
  if (b0 === 0xef && b1 === 0xbb && b2 === 0xbf) return { length: 3, encoding: 'utf-8' };
  if (b0 === 0xff && b1 === 0xfe && b2 === 0 && b3 === 0) return { length: 4, encoding: 'utf-32le' };
  if (b0 === 0 && b1 === 0 && b2 === 0xfe && b3 === 0xff) return { length: 4, encoding: 'utf-32be' };
  if (b0 === 0xff && b1 === 0xfe) return { length: 2, encoding: 'utf-16le' };
  if (b0 === 0xfe && b1 === 0xff) return { length: 2, encoding: 'utf-16be' };
  return undefined;
}

/** UTF-16/32 without a BOM: ASCII characters (normally `<?xml`) padded with NUL bytes. */
function sniffWide(body: Buffer): string | undefined {
  if (body.length < 4) return undefined;
  const [b0, b1, b2, b3] = [body[0]!, body[1]!, body[2]!, body[3]!];
  const ascii = (b: number): boolean => b > 0 && b < 0x80;
  if (ascii(b0) && b1 === 0 && b2 === 0 && b3 === 0) return 'utf-32le';
  if (b0 === 0 && b1 === 0 && b2 === 0 && ascii(b3)) return 'utf-32be';
  if (ascii(b0) && b1 === 0 && ascii(b2) && b3 === 0) return 'utf-16le';
  if (b0 === 0 && ascii(b1) && b2 === 0 && ascii(b3)) return 'utf-16be';
  return undefined;
}

/** Normalise a label to one iconv-lite decodes; undefined for bogus or impossible labels. */
function usableLabel(label: string | undefined): string | undefined {
  if (!label) return undefined;
  const lower = label.trim().toLowerCase();
  // A wide encoding label on bytes that had neither a BOM nor the wide pattern is a lie.
  if (WIDE.has(lower)) return undefined;
  const name = LABEL_ALIASES[lower] ?? lower;
  return iconv.encodingExists(name) ? name : undefined;
}

function decodeLabelled(body: Buffer, encoding: string): DecodedDocument {
  if (encoding === 'utf-8') return decodeUtf8OrFallback(body);
  if (encoding === 'windows-1252' && hasMultibyteUtf8(body)) return { text: body.toString('utf8'), encoding: 'utf-8' };
  return decodeWith(body, encoding);
}

function decodeWith(body: Buffer, encoding: string): DecodedDocument {
  if (encoding === 'utf-8') return { text: stripBom(body.toString('utf8')), encoding };
  return { text: stripBom(iconv.decode(body, encoding)), encoding };
}

function decodeUtf8OrFallback(body: Buffer): DecodedDocument {
  if (isUtf8(body) || !looksLikeCp1252(body)) return { text: stripBom(body.toString('utf8')), encoding: 'utf-8' };
  return { text: iconv.decode(body, 'windows-1252'), encoding: 'windows-1252' };
}

function stripBom(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/** Valid UTF-8 that actually uses multi-byte sequences (so it is not plain ASCII). */
function hasMultibyteUtf8(body: Buffer): boolean {
  if (!isUtf8(body)) return false;
  for (let i = 0; i < body.length; i++) if (body[i]! >= 0x80) return true;
  return false;
}

/**
 * Invalid UTF-8 with not one well-formed multi-byte sequence: the high bytes are single-byte
 * characters (windows-1252 smart quotes, accented letters), not damaged UTF-8.
 */
function looksLikeCp1252(body: Buffer): boolean {
  let validMultibyte = 0;
  let invalid = 0;
  for (let i = 0; i < body.length; i++) {
    const b = body[i]!;
    if (b < 0x80) continue;
    const len = b >= 0xc2 && b <= 0xdf ? 2 : b >= 0xe0 && b <= 0xef ? 3 : b >= 0xf0 && b <= 0xf4 ? 4 : 0;
    let ok = len > 0 && i + len <= body.length;
    for (let k = 1; ok && k < len; k++) ok = (body[i + k]! & 0xc0) === 0x80;
    if (ok) {
      validMultibyte++;
      i += len - 1;
    } else {
      invalid++;
    }
  }
  return invalid > 0 && validMultibyte === 0;
}
