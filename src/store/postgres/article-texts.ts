/**
 * Article texts for many items in one statement: a poll's enrichment gives each new item its text,
 * and one round trip per item would cost more than the poll itself.
 */
import type { Queryable } from './pool.ts';

export async function saveArticleTexts(db: Queryable, entries: readonly { itemId: string; text: string }[]): Promise<void> {
  if (!entries.length) return;
  // The last text for an item wins, as consecutive saveArticleText calls would.
  const latest = new Map(entries.map((e) => [e.itemId, e.text.replaceAll('\u0000', '')]));
  await db.query({
    name: 'herald-article-texts',
    text: 'UPDATE items SET article_text = t.text FROM unnest($1::text[], $2::text[]) AS t (id, text) WHERE items.id = t.id',
    values: [[...latest.keys()], [...latest.values()]],
  });
}
