/**
 * Article page HTML → clean main text and metadata. Pure: no fetching (meta refresh, <base>
 * and canonical links are never followed), bounded on hostile input (see bound-html.ts).
 */
import { Readability } from '@mozilla/readability';
import { boundHtml } from './bound-html.ts';
import { filterBoilerplate } from './boilerplate.ts';
import { parseDocument } from './dom.ts';
import type { DomDocument, DomNode } from './dom.ts';
import { htmlToParagraphs } from './html-to-paragraphs.ts';
import { largestTextBlock } from './largest-text-block.ts';
import { cleanInline, cleanText } from './clean-text.ts';
import { readPageMetadata } from './page-metadata.ts';
import { pickStandfirst } from './pick-standfirst.ts';
import { stripMarkedBoilerplate } from './strip-marked-boilerplate.ts';

export interface ExtractedArticle {
  /** Headline; '' when the page has none. */
  title: string;
  byline?: string;
  /** Only when the page gives a valid date in [1990, now + 1 day]. */
  publishedAt?: Date;
  /**
   * Main text as plain paragraphs separated by "\n\n", boilerplate removed. '' when the page
   * has no article in its HTML (e.g. a script-rendered app): fall back to the feed summary.
   */
  text: string;
  /** Publisher summary or on-page standfirst, when distinct from the first paragraph. */
  standfirst?: string;
}

export interface ExtractOptions {
  /** The page's URL. Output is plain text without links, so it is only carried for callers' symmetry. */
  url?: string;
  /** Reference time for rejecting future publication dates (default: the current time). */
  now?: Date;
}

/** Larger documents skip Readability for the linear fallback (real articles stay under ~5,000). */
export const READABILITY_MAX_ELEMENTS = 30_000;
const BYLINE_MAX_WORDS = 12;
const BYLINE_PREFIX_RE = /^[\s|/•·,:;–—-]*(?:(?:written |posted |article |story )?by\s+)?/i;
const BYLINE_TRAILING_MONTH_RE =
  /\s*\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?$|\s*\b(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?$/i;
/** Not a name: a date label, a placeholder, or only a month left after the date was cut. */
const BYLINE_REJECT_RE =
  /^(?:(?:last )?(?:updated|published|posted|modified)\b.*|no author|unknown|admin|by|article by|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?)$/i;

/** Trims what pages glue onto an author name: "By", separators, a trailing date or time. */
function cleanByline(byline: string | null | undefined): string | undefined {
  let clean = cleanInline(byline).replace(BYLINE_PREFIX_RE, '');
  // A trailing date: cut from its first digit, then a month or weekday name left before it.
  if (/\d/.test(clean)) clean = clean.replace(/\d.*$/, '').trim().replace(BYLINE_TRAILING_MONTH_RE, '');
  clean = clean.replace(/[\s|/•·,:;–—-]+$/, '').trim();
  if (!clean || BYLINE_REJECT_RE.test(clean) || /^https?:|[{}<>]/i.test(clean)) return undefined;
  if (clean.split(' ').length > BYLINE_MAX_WORDS) return undefined;
  return clean;
}

function runReadability(doc: DomDocument): { title: string; byline: string; content?: DomNode } | undefined {
  // linkedom's getElementsByTagName('*') is empty, so Readability's own maxElemsToParse never fires.
  if (doc.querySelectorAll('*').length > READABILITY_MAX_ELEMENTS) return undefined;
  try {
    const result = new Readability<DomNode>(doc as never, {
      keepClasses: true,
      serializer: (node) => node as DomNode,
    }).parse();
    const out: { title: string; byline: string; content?: DomNode } = {
      title: cleanInline(result?.title),
      byline: cleanInline(result?.byline),
    };
    if (result?.content) out.content = result.content;
    return out;
  } catch {
    // A document Readability cannot walk: the fallback takes over.
    return { title: '', byline: '' };
  }
}

/** Extracts the main article text and metadata from a page's HTML (already decoded to a string). */
export function extractArticle(html: string, options: ExtractOptions = {}): ExtractedArticle {
  try {
    return extractFromBounded(boundHtml(html), options.now ?? new Date());
  } catch {
    // linkedom can still trip over markup we did not foresee; "no article" is the honest answer.
    return { title: '', text: '' };
  }
}

function extractFromBounded(bounded: string, now: Date): ExtractedArticle {
  const doc = parseDocument(bounded);
  const metadata = readPageMetadata(doc, now);
  stripMarkedBoilerplate(doc);
  const reader = runReadability(doc);
  let text = reader?.content ? cleanText(filterBoilerplate(htmlToParagraphs(reader.content).join('\n\n'))) : '';
  if (!text) {
    // Readability rewrites the document it reads, so its fallback gets a fresh one.
    const fallbackDoc = reader ? parseDocument(bounded) : doc;
    text = cleanText(filterBoilerplate(largestTextBlock(fallbackDoc).join('\n\n')));
  }
  const article: ExtractedArticle = { title: reader?.title || metadata.title || '', text };
  const byline = cleanByline(reader?.byline || metadata.byline);
  if (byline) article.byline = byline;
  if (metadata.publishedAt) article.publishedAt = metadata.publishedAt;
  const standfirst = pickStandfirst([metadata.description, metadata.lede], text, article.title);
  if (standfirst) article.standfirst = standfirst;
  return article;
}
