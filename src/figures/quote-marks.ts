/**
 * Finds quoted passages by their marks, paragraph by paragraph. A paragraph that ends inside an
 * open quote continues into the next paragraph's quote (the newspaper convention of re-opening
 * the quote at each paragraph without closing the previous one); both get the same chain id.
 */
import { splitParagraphSpans } from './text-spans.ts';

export interface QuoteSegment {
  /** Offsets of the quoted content, marks excluded. */
  start: number;
  end: number;
  /** Offset of the opening mark. */
  open: number;
  /** Offset of the closing mark; undefined when the quote runs on unclosed. */
  close: number | undefined;
  /** Segments of one quotation that runs over paragraphs share a chain id. */
  chain: number;
}

const OPENERS = new Set(['“', '«', '„']);
const CLOSERS = new Set(['”', '»']);

function isSpaceOrStart(ch: string | undefined): boolean {
  return ch === undefined || /[\s([{—–-]/u.test(ch);
}

/**
 * Whether the character at i opens or closes a quotation. Double marks are used when the paragraph
 * has any; otherwise single ones (British style), where an apostrophe inside a word ("don't") or
 * after a plural ("the players' union") is neither.
 */
function classify(body: string, i: number, open: boolean, usesDouble: boolean): 'open' | 'close' | undefined {
  const ch = body[i] ?? '';
  const prev = i > 0 ? body[i - 1] : undefined;
  const next = body[i + 1];
  if (usesDouble) {
    if (OPENERS.has(ch)) return 'open';
    if (CLOSERS.has(ch)) return 'close';
    if (ch !== '"') return undefined;
    const opener = isSpaceOrStart(prev) && next !== undefined && !/\s/u.test(next);
    const closer = !isSpaceOrStart(prev) || open;
    if (opener && closer) return open ? 'close' : 'open';
    return opener ? 'open' : closer ? 'close' : undefined;
  }
  if (ch === '‘') return 'open';
  if (ch !== '’' && ch !== "'") return undefined;
  if (ch === "'" && isSpaceOrStart(prev) && /[\p{L}]/u.test(next ?? '') && !open) return 'open';
  if (!open || /[\p{L}\d]/u.test(next ?? '') || isSpaceOrStart(prev)) return undefined;
  // "the players' union": a plural possessive inside the quotation, not its end.
  if (/\p{L}/u.test(prev ?? '') && /s$/u.test(body.slice(0, i)) && /^\s+\p{Ll}/u.test(body.slice(i + 1))) return undefined;
  return 'close';
}

export function findQuoteSegments(text: string): QuoteSegment[] {
  const out: QuoteSegment[] = [];
  let chain = 0;
  let carry = false;
  for (const para of splitParagraphSpans(text)) {
    const body = para.text;
    const usesDouble = /["“”«»„]/u.test(body);
    let openAt = -1;
    const startSegment = (i: number, continues: boolean): void => {
      if (!continues) chain += 1;
      openAt = i;
    };
    const endSegment = (i: number, closed: boolean): void => {
      pushSegment(out, body, para.start, openAt, i, closed, chain);
      openAt = -1;
    };
    for (let i = 0; i < body.length; i += 1) {
      const mark = classify(body, i, openAt >= 0, usesDouble);
      if (mark === undefined) continue;
      const opener = mark === 'open';
      const closer = mark === 'close';
      if (opener) {
        // A quote re-opened before it was closed continues the same quotation.
        const continues = openAt >= 0 || (carry && i === 0);
        if (openAt >= 0) endSegment(i, false);
        startSegment(i, continues);
        carry = false;
      } else if (closer && openAt >= 0) {
        endSegment(i, true);
      }
      if (i > 0) carry = false;
    }
    if (openAt >= 0) {
      endSegment(body.length, false);
      carry = true;
    } else {
      carry = false;
    }
  }
  return out;
}

function pushSegment(out: QuoteSegment[], body: string, base: number, openAt: number, endAt: number, closed: boolean, chain: number): void {
  const raw = body.slice(openAt + 1, endAt);
  const trimmed = raw.trim();
  if (trimmed === '') return;
  const start = base + openAt + 1 + raw.indexOf(trimmed);
  out.push({ start, end: start + trimmed.length, open: base + openAt, close: closed ? base + endAt : undefined, chain });
}
