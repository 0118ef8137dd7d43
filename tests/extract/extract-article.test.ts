import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article.ts';

const NOW = new Date('2024-06-01T00:00:00Z');
const NEWS_PAGE = readFileSync(new URL('../fixtures/extract/news-page.html', import.meta.url), 'utf8');

const PROSE =
  'The committee heard evidence from residents, engineers and the operator over three days of hearings, ' +
  'and its report will be published before the summer recess, the chair said on Thursday afternoon.';

/** A minimal article page; `head` and `body` are spliced in. */
function page(head: string, body: string): string {
  return `<!doctype html><html><head><title>Test page</title>${head}</head><body>${body}</body></html>`;
}

function paragraphs(n: number): string {
  return Array.from({ length: n }, (_, i) => `<p>Paragraph ${i + 1}. ${PROSE}</p>`).join('');
}

describe('extractArticle on a news page with boilerplate', () => {
  const article = extractArticle(NEWS_PAGE, { url: 'https://planet.example.test/city/bridge', now: NOW });

  it('keeps every body paragraph, in order, as plain paragraphs separated by blank lines', () => {
    const parts = article.text.split('\n\n');
    expect(parts).toHaveLength(6);
    expect(parts[0]).toMatch(/^The harbour bridge reopened to traffic on Tuesday morning/);
    expect(parts[0]).toContain('£412 million');
    expect(parts[3]).toMatch(/^"It has been a long two years/);
    expect(parts[5]).toMatch(/^Traffic engineers expect journey times/);
  });

  it('drops navigation, ads, captions, share bars, related links, newsletter box, print note, comments and footer', () => {
    for (const noise of [
      'Home', 'Advertisement', 'ADVERTISEMENT', 'Photo: Sam Lee', 'Share on Facebook', 'Why the bridge bill doubled',
      'Read more', 'Sign up for our daily newsletter', 'print edition', '128 comments', 'About time!',
      'All rights reserved', 'Follow us', 'tracking pixel', 'font-family', 'By Jane Doe',
    ]) {
      expect(article.text).not.toContain(noise);
    }
  });

  it('reads the title, byline and publication date', () => {
    expect(article.title).toBe('Harbour bridge reopens after two-year repair');
    expect(article.byline).toBe('Jane Doe');
    expect(article.publishedAt?.toISOString()).toBe('2024-03-05T09:30:00.000Z');
  });

  it('takes the publisher summary as the standfirst when it differs from the first paragraph', () => {
    expect(article.standfirst).toBe('Commuters get their shortest route back, but the final bill is nearly double the original estimate.');
  });

  it('produces no markup or entities', () => {
    expect(article.text).not.toMatch(/<[a-z/!]|&[a-z]+;|&#\d+;/i);
  });
});

describe('extractArticle metadata rules', () => {
  it('omits the standfirst when the description is a cut-down copy of the first paragraph', () => {
    const html = page(`<meta property="og:description" content="Paragraph 1. The committee heard evidence from residents, engineers and the operator...">`, `<article>${paragraphs(5)}</article>`);
    expect(extractArticle(html, { now: NOW }).standfirst).toBeUndefined();
  });

  it('uses an on-page standfirst element when there is no description', () => {
    const html = page('', `<header><h1>Runway decision due</h1><div class="article-standfirst">Ministers promise a decision on the new runway before the end of the year.</div></header><div class="story-body"><p>The runway plan has divided the region for a decade. ${PROSE}</p>${paragraphs(4)}</div>`);
    expect(extractArticle(html, { now: NOW }).standfirst).toBe('Ministers promise a decision on the new runway before the end of the year.');
  });

  it('omits an on-page standfirst that is already the first paragraph of the text', () => {
    const html = page('', `<article><p class="standfirst">Ministers promise a decision on the new runway before the end of the year.</p>${paragraphs(5)}</article>`);
    const article = extractArticle(html, { now: NOW });
    expect(article.text).toMatch(/^Ministers promise a decision/);
    expect(article.standfirst).toBeUndefined();
  });

  it('reads the date from JSON-LD, then from <time datetime>', () => {
    const ld = page('<script type="application/ld+json">{"@graph":[{"@type":"NewsArticle","datePublished":"2023-11-02T08:00:00Z"}]}</script>', `<article>${paragraphs(4)}</article>`);
    expect(extractArticle(ld, { now: NOW }).publishedAt?.toISOString()).toBe('2023-11-02T08:00:00.000Z');
    const time = page('', `<article><time datetime="2023-10-01T12:00:00Z">1 Oct</time>${paragraphs(4)}</article>`);
    expect(extractArticle(time, { now: NOW }).publishedAt?.toISOString()).toBe('2023-10-01T12:00:00.000Z');
  });

  it('leaves the date unknown when it is invalid, before 1990 or more than a day ahead', () => {
    for (const value of ['not a date', '1989-12-31T00:00:00Z', '2024-06-03T00:00:00Z']) {
      const html = page(`<meta property="article:published_time" content="${value}">`, `<article>${paragraphs(4)}</article>`);
      expect(extractArticle(html, { now: NOW }).publishedAt).toBeUndefined();
    }
  });

  it('cleans a byline glued to its date', () => {
    const html = page('', `<article><div class="byline">By Lucas Nolan 22 Dec 2016, 3:15 PM</div>${paragraphs(5)}</article>`);
    expect(extractArticle(html, { now: NOW }).byline).toBe('Lucas Nolan');
  });
});

describe('extractArticle on pages without an article', () => {
  it('returns empty text for a script-rendered app, never the noscript notice', () => {
    const html = page('<meta name="description" content="Live scores and news from every league, updated all day.">', '<div id="root"></div><noscript>You need to enable JavaScript to run this app.</noscript><script>window.__DATA__={"article":"only in JS"}</script>');
    const article = extractArticle(html, { now: NOW });
    expect(article.text).toBe('');
    expect(JSON.stringify(article)).not.toMatch(/enable JavaScript|only in JS/);
    expect(article.standfirst).toBe('Live scores and news from every league, updated all day.');
  });

  it('falls back to the largest block of paragraphs when the page is too large for Readability', () => {
    const filler = '<span></span>'.repeat(31_000);
    const html = page('', `<div class="menu">${filler}</div><div class="content">${paragraphs(3)}</div><div><p>Short line.</p></div>`);
    const article = extractArticle(html, { now: NOW });
    expect(article.text.split('\n\n')).toHaveLength(3);
    expect(article.text).toMatch(/^Paragraph 1\. The committee heard evidence/);
  });

  it('returns an empty article for empty input', () => {
    expect(extractArticle('', { now: NOW })).toEqual({ title: '', text: '' });
  });
});

describe('extractArticle on hostile markup', () => {
  it('survives 20,000 nested divs and keeps the text inside them', () => {
    const html = page('', `<article>${'<div>'.repeat(20_000)}<p>${PROSE}</p>${'</div>'.repeat(20_000)}</article>`);
    expect(extractArticle(html, { now: NOW }).text).toBe(PROSE);
  });

  it('drops inline data: URIs and script bodies from the text', () => {
    const blob = 'A'.repeat(500_000);
    const html = page('', `<article><p>${PROSE}</p><img src="data:image/png;base64,${blob}"><script>var x = "${blob}";</script></article>`);
    const article = extractArticle(html, { now: NOW });
    expect(article.text).toBe(PROSE);
  });

  it('finds the article after a 3 MB inline image (the size cap counts markup kept, not blobs)', () => {
    const blob = 'A'.repeat(3_000_000);
    const html = page('', `<img src="data:image/png;base64,${blob}"><article>${paragraphs(3)}</article>`);
    expect(extractArticle(html, { now: NOW }).text.split('\n\n')).toHaveLength(3);
  });

  it('stays linear on long whitespace runs broken by <br> tags', () => {
    const html = page('', `<article><p>${PROSE}</p><div>${`word${' '.repeat(2_000)}<br>`.repeat(500)}</div></article>`);
    expect(extractArticle(html, { now: NOW }).text).toContain(PROSE);
  }, 20_000);

  it('strips control characters and keeps the text valid Unicode', () => {
    const html = page('', `<article><p>Caf\u00e9 \u0007bell\u0000 and a lone surrogate \ud800 here. ${PROSE}</p></article>`);
    const { text } = extractArticle(html, { now: NOW });
    expect(text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
    expect(text).toContain('Café bell and a lone surrogate \ufffd here.');
  });

  it('never fetches: meta refresh, <base>, canonical, images and iframes pointing at a live server get no request', async () => {
    let requests = 0;
    const server = createServer((_req, res) => { requests++; res.end('<html><body><p>fetched</p></body></html>'); });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const html = page(
        `<base href="${origin}/base/"><meta http-equiv="refresh" content="0;url=${origin}/refresh"><link rel="canonical" href="${origin}/canonical"><link rel="stylesheet" href="${origin}/style.css">`,
        `<article><p>${PROSE}</p><img src="${origin}/img.png"><iframe src="${origin}/frame"></iframe><script src="${origin}/app.js"></script></article>`,
      );
      const article = extractArticle(html, { url: `${origin}/page`, now: NOW });
      expect(article.text).toBe(PROSE);
      // Give any stray request time to arrive before counting.
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(requests).toBe(0);
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
