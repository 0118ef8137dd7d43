/**
 * Clean compressions of one sentence: drop what a bullet does not need when the meaning survives,
 * and keep it at most `maxChars` long. Never rewrites words; only removes whole pieces.
 */
import { DROPPABLE_OPENERS, leavesQuoteOpen } from './standalone.ts';

/** A trailing source that is a document, not a person: the claim reads the same without it. */
const TRAILING_DOCUMENT_SOURCE =
  /,\s+according to (?:a |an |the )?(?:[\w'’-]+ ){0,5}(?:statement|report|release|study|survey|data|figures|website|filing|documents?|records|complaint|affidavit|transcript|poll|analysis|estimates?|tally|count)s?(?: (?:from|by|of|released|issued|posted|published|obtained|seen) [^,;"“]{1,50})?(?=[.!]$)/u;
/**
 * ", police said." / ", a Nebraska Medicine spokesman said in an email Wednesday." closing a
 * report of an event. Only official reporting sources: a named person's, a company's or a
 * government's "said" may carry a claim or an opinion, which must keep its owner.
 */
const TRAILING_SOURCE = new RegExp(
  String.raw`,\s+(?:(?:a|an|the|his|her|their|its)\s+)?(?:[\p{L}.'’-]+\s+){0,6}?` +
    String.raw`(?:police|officials?|authorities|spokes(?:man|woman|person)|coroner|sheriff|officers|fire\s+department|emergency\s+services)` +
    String.raw`(?:\s+[\p{L}.'’-]+){0,3}?\s+(?:said|says|reported|confirmed|announced|told\s+(?:CNN|reporters|the\s+[\p{L}]+))` +
    String.raw`(?:\s+(?:on\s+)?(?:\p{Lu}\p{Ll}+day|today|yesterday|last\s+\p{Ll}+|this\s+\p{Ll}+|in\s+an?\s+(?:statement|news\s+release|press\s+release|news\s+conference|tweet|email|post|interview)))*(?=[.!]$)`,
  'u',
);
/** A parenthetical with no digits (acronyms, "(pictured)", asides); numbers are kept as facts. */
const PARENTHETICAL = /\s*\((?![^()]*\d)[^()]{1,60}\)(?=[\s,.;:!?]|$)/gu;
const DASHES = /\s+--\s+/gu;
/** An over-long sentence is cut at a clause boundary no earlier than this share of the limit. */
const SENTENCE_END_CHARS = 0.55;
const MIN_WORDS_AFTER_SOURCE_CUT = 8;
/** Allegations, beliefs and forecasts need their source: the attribution stays. */
const NEEDS_SOURCE = /\b(?:alleg|accus|suspect|blam|believ|claim|think|fear|expect|should|must|would|could|may|might|likely|probabl|possibl|appear|seem)/iu;

function capitalise(text: string): string {
  return text.replace(/^(["“‘']?)(\p{Ll})/u, (_, q: string, c: string) => q + c.toUpperCase());
}

/** Parentheticals, unless removing them leaves a stub. */
function dropParentheticals(text: string): string {
  const out = text.replace(PARENTHETICAL, '');
  return out.split(/\s+/u).length >= 6 ? out : text;
}

/** End a bullet that opens a quotation and never closes it. */
function closeQuote(text: string): string {
  if (!leavesQuoteOpen(text)) return text;
  const curly = text.includes('“');
  return `${text}${curly ? '”' : '"'}`;
}

/** Cut an over-long sentence at the last clause boundary that keeps most of it. */
export function fitToLength(text: string, maxChars: number): string {
  if (text.length <= maxChars) return text;
  const head = text.slice(0, maxChars - 1);
  const boundaries = [...head.matchAll(/(?:,|;|\s—|\s–)\s+(?=\S)/gu)].map((m) => m.index);
  const cut = boundaries.filter((i) => i >= maxChars * SENTENCE_END_CHARS).pop();
  if (cut !== undefined) return closeQuote(`${head.slice(0, cut).trimEnd()}…`);
  const space = head.lastIndexOf(' ');
  return closeQuote(`${head.slice(0, space > 0 ? space : head.length).replace(/[,;:]$/u, '')}…`);
}

export interface CompressOptions {
  maxChars: number;
}

/** Compress one sentence into a bullet. */
export function compressSentence(sentence: string, options: CompressOptions): string {
  let s = sentence.replace(/\s+/gu, ' ').trim().replace(DASHES, ' — ');
  const withoutOpener = s.replace(DROPPABLE_OPENERS, '');
  if (withoutOpener !== s && withoutOpener.split(' ').length >= 5) s = capitalise(withoutOpener);
  s = s.replace(TRAILING_DOCUMENT_SOURCE, '');
  // A quotation's closing attribution names its speaker: it stays.
  if (!/^["“]/u.test(s) && !NEEDS_SOURCE.test(s)) {
    const cut = s.replace(TRAILING_SOURCE, '');
    if (cut !== s && cut.split(' ').length >= MIN_WORDS_AFTER_SOURCE_CUT) s = cut;
  }
  s = dropParentheticals(s);
  s = closeQuote(s);
  return fitToLength(s, options.maxChars);
}
