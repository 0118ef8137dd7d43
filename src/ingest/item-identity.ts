/**
 * Stable item identity and the fingerprints dedupe uses. The store dedupes across polls and
 * feeds; parseFeed only collapses repeats inside one document.
 */
import { createHash } from 'node:crypto';
import { canonicalUrl } from './canonical-url.ts';

/** GUIDs longer than this are hashed so keys stay indexable. */
const GUID_MAX_CHARS = 512;

export interface IdentityInput {
  /** The raw guid / id / rdf:about, any type (only non-empty strings count). */
  guid?: unknown;
  /** The item's canonical link, '' or undefined when it has none. */
  url?: string;
  title?: string;
  text?: string;
}

/**
 * The item's stable identity: the guid (trimmed, whitespace collapsed, case-folded unless it is
 * a URL, in which case its canonical form), else the canonical link, else `sha1:` of title+text.
 * Returns undefined when there is nothing to identify the item by.
 */
export function itemGuid(raw: IdentityInput): string | undefined {
  const guid = typeof raw.guid === 'string' ? normaliseGuid(raw.guid) : undefined;
  if (guid) return guid;
  if (raw.url) return raw.url;
  const title = raw.title?.trim() ?? '';
  const text = raw.text?.trim() ?? '';
  if (title === '' && text === '') return undefined;
  return `sha1:${sha1(`${title}\n${text}`)}`;
}

/** Normalise a publisher guid; '' and whitespace-only guids are no guid at all. */
export function normaliseGuid(guid: string): string | undefined {
  const collapsed = guid.replace(/\s+/g, ' ').trim();
  if (collapsed === '') return undefined;
  const asUrl = /^https?:\/\//i.test(collapsed) ? canonicalUrl(collapsed) : undefined;
  const key = asUrl ?? collapsed.normalize('NFC').toLowerCase();
  return key.length > GUID_MAX_CHARS ? `sha1:${sha1(key)}` : key;
}

/**
 * A title fingerprint that survives the edits publishers make when they re-publish an item:
 * case, accents, punctuation, quotes, whitespace and "UPDATED:"-style prefixes.
 */
export function titleKey(title: string): string {
  return title
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/^\s*(?:updated?|update \d+|breaking|live|watch|exclusive|correction|corrected)\s*[:|–—-]\s*/u, '')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/**
 * Similarity of two titles from 0 to 1 (Dice coefficient over word sets of their titleKeys),
 * for spotting an item re-published with an edited title.
 */
export function titleSimilarity(a: string, b: string): number {
  const wordsA = new Set(titleKey(a).split(' ').filter(Boolean));
  const wordsB = new Set(titleKey(b).split(' ').filter(Boolean));
  if (wordsA.size === 0 || wordsB.size === 0) return 0;
  let shared = 0;
  for (const w of wordsA) if (wordsB.has(w)) shared++;
  return (2 * shared) / (wordsA.size + wordsB.size);
}

function sha1(text: string): string {
  return createHash('sha1').update(text).digest('hex');
}
