import { describe, expect, it } from 'vitest';
import type { FeedItem } from '../../src/core/types.ts';
import { HTML_MAX_CHARS, normaliseItem, TEXT_MAX_CHARS, TITLE_MAX_CHARS, type RawItem } from '../../src/ingest/normalise-item.ts';

const ctx = { feedId: 'feed-1', now: new Date('2024-06-01T12:00:00Z') };

function normalised(raw: RawItem): FeedItem {
  const result = normaliseItem(raw, ctx);
  if (!('item' in result)) throw new Error(`skipped: ${result.skipped.reason}`);
  return result.item;
}

describe('normaliseItem', () => {
  it('type-checks every field: wrong types count as missing, XML node objects give their text', () => {
    const item = normalised({
      title: { _: 'Node title', $: { type: 'text' } },
      link: ['https://n.example.test/a', 'https://n.example.test/b'],
      guid: { nested: true },
      dates: [42, ['2024-05-01T00:00:00Z']],
      author: { name: ['Ada'] },
      categories: ['News', { _: 'World', $: { domain: 'x' } }, { $: { term: 'econ', label: 'Economy' } }, 7, null, 'News'],
      contentHtml: 12345,
      summaryHtml: '<p>Summary</p>',
    });
    expect(item).toMatchObject({ feedId: 'feed-1', guid: 'https://n.example.test/a', url: 'https://n.example.test/a', title: 'Node title', author: 'Ada', categories: ['News', 'World', 'Economy'], text: 'Summary' });
    expect(item.publishedAt?.toISOString()).toBe('2024-05-01T00:00:00.000Z');
    expect(item.summary).toBeUndefined();
  });

  it('returns plain text without markup, controls or bidi overrides', () => {
    const item = normalised({ title: '<b>Bold</b>\u0000 \u001B[31mred \u202Egnp.exe', link: 'https://n.example.test/x', contentHtml: '<p>Body\u0007 text</p><script>steal()</script>' });
    expect(item.title).toBe('Bold red gnp.exe');
    expect(item.text).toBe('Body text');
    expect(item.html).toContain('<script>');
  });

  it('keeps the summary as plain text when a separate body exists', () => {
    const item = normalised({ title: 't', link: 'https://n.example.test/s', contentHtml: '<p>Full body text.</p>', summaryHtml: 'A <i>standfirst</i>.' });
    expect(item.text).toBe('Full body text.');
    expect(item.summary).toBe('A standfirst.');
    const repeated = normalised({ title: 't', link: 'https://n.example.test/r', contentHtml: '<p>Lead paragraph.</p><p>More.</p>', summaryHtml: 'Lead paragraph.' });
    expect(repeated.summary).toBeUndefined();
  });

  it('keeps only absolute http(s) links, resolved against the base', () => {
    expect(normalised({ title: 't', link: 'javascript:alert(1)' }).url).toBe('');
    expect(normalised({ title: 't', link: '/a/b', base: 'https://n.example.test/feed' }).url).toBe('https://n.example.test/a/b');
    expect(normalised({ title: 't', link: '/a/b' }).url).toBe('');
  });

  it('caps absurd sizes', () => {
    const item = normalised({ title: 'T'.repeat(100_000), link: 'https://n.example.test/big', contentHtml: `<p>${'word '.repeat(300_000)}</p>` });
    expect(item.title.length).toBeLessThanOrEqual(TITLE_MAX_CHARS);
    expect(item.text!.length).toBeLessThanOrEqual(TEXT_MAX_CHARS);
    expect(item.html!.length).toBeLessThanOrEqual(HTML_MAX_CHARS);
  });

  it('derives a title from the text when the item has none', () => {
    expect(normalised({ guid: 'g1', contentText: 'First line of the story.\nMore.' }).title).toBe('First line of the story.');
  });

  it('skips an item with nothing to identify or show, with a reason', () => {
    expect(normaliseItem({ summaryHtml: 'only a description' }, ctx)).toEqual({ skipped: { reason: 'no link, guid or title' } });
    expect(normaliseItem({ guid: 'g2' }, ctx)).toEqual({ skipped: { reason: 'nothing to show: no title, link or text' } });
  });
});
