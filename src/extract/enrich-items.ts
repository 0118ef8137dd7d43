/**
 * Gives each new item its article text: the feed's own text after the boilerplate filter, or, when
 * that is only a teaser, the main text of the linked page fetched through the same safe client.
 */
import type { Fetcher, Logger, Store, StoredItem } from '../core/ports.ts';
import { decodeDocument } from '../ingest/charset.ts';
import { filterBoilerplate } from './boilerplate.ts';
import { extractArticle } from './extract-article.ts';

export interface EnrichDeps {
  fetcher: Fetcher;
  store: Store;
  logger: Logger;
  /** Feed text shorter than this many words counts as a teaser. */
  teaserWords: number;
  fetchPages: boolean;
  concurrency?: number;
}

const PAGE_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';

export function wordCount(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}

/** Returns the text chosen for one item (also saved to the store when it differs from the item's own text). */
export async function enrichItem(item: StoredItem, deps: EnrichDeps): Promise<string> {
  const feedText = filterBoilerplate(item.text ?? '');
  let text = feedText;
  if (deps.fetchPages && item.url && wordCount(feedText) < deps.teaserWords) {
    try {
      const page = await deps.fetcher.fetch({ url: item.url, accept: PAGE_ACCEPT });
      if (page.status === 200 && page.body.length > 0) {
        const { text: html } = decodeDocument(page.body, page.contentType);
        const article = extractArticle(html, { url: page.url });
        const pageText = filterBoilerplate(article.text);
        if (wordCount(pageText) > wordCount(feedText)) text = pageText;
      }
    } catch (error) {
      deps.logger.info({ item: item.id, url: item.url, err: error }, 'article page not used; keeping the feed text');
    }
  }
  // Readers take the article text, else the item's own text: an unchanged feed text is not stored twice.
  if (text && text !== item.text) await deps.store.saveArticleText(item.id, text);
  return text;
}

export async function enrichItems(items: StoredItem[], deps: EnrichDeps): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < items.length) {
      const item = items[next++]!;
      item.articleText = await enrichItem(item, deps);
    }
  };
  await Promise.all(Array.from({ length: Math.min(deps.concurrency ?? 4, items.length) }, worker));
}
