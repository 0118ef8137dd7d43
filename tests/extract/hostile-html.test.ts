/**
 * The html/ rows of ../shared/data/hostile/MANIFEST.tsv: each hostile page meets its
 * `expected` and `assertion` columns. Mention neutralising (`@everyone`, `<@U123>`) is the chat
 * renderer's job; here the text must be plain, bounded and free of anything the page tried to inject.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { extractArticle } from '../../src/extract/extract-article.ts';
import type { ExtractedArticle } from '../../src/extract/extract-article.ts';
import { describeWithData } from '../support/shared-data.ts';

const HOSTILE_DIR = path.resolve(process.cwd(), '../shared/data/hostile');
const MANIFEST = path.join(HOSTILE_DIR, 'MANIFEST.tsv');
const exists = existsSync(MANIFEST);
/** A hang bound, not a speed claim (bench/extract.ts measures speed). */
const HANG_BOUND_MS = 30_000;

interface Row { file: string; expected: string; assertion: string }

function htmlRows(): Row[] {
  return readFileSync(MANIFEST, 'utf8').split('\n').slice(1)
    .map((line) => line.split('\t'))
    .filter((cols) => cols[1] === 'html')
    .map((cols) => ({ file: (cols[0] ?? '').replace(/^hostile\//, ''), expected: cols[3] ?? '', assertion: cols[4] ?? '' }));
}

const LONE_SURROGATE_RE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

/** What every extraction must satisfy, whatever the page. */
function expectSaneOutput(article: ExtractedArticle): void {
  const all = JSON.stringify(article);
  expect(article.text).not.toMatch(/[\u0000-\u0008\u000b-\u001f]/);
  expect(all).not.toMatch(LONE_SURROGATE_RE);
  expect(all).not.toMatch(/javascript:|data:image|base64|file:\/\/|169\.254\.169\.254/i);
  expect(all).not.toMatch(/enable JavaScript/i);
}

/** The check for each file, written from its manifest row. */
const CHECKS: Record<string, (article: ExtractedArticle) => void> = {
  'html/deeply-nested-divs.html': (a) => {
    expect(a.text).toBe('The actual article text.');
  },
  'html/unclosed-tags-flood.html': (a) => {
    expect(a.text).toContain('Article body here.');
  },
  'html/script-only-spa.html': (a) => {
    expect(a.text).toBe('');
    expect(JSON.stringify(a)).not.toContain('text only in JS');
  },
  'html/meta-refresh-and-base.html': (a) => {
    expect(a.text).toBe('Body text with a relative link.');
    expect(a.text).not.toContain('Caption');
  },
  'html/charset-conflict.html': (a) => {
    expect(a.text).toContain('Café “quotes” — naïve');
  },
  'html/huge-inline-data-uri.html': (a) => {
    expect(a.text).toBe('Short article.');
    expect(JSON.stringify(a).length).toBeLessThan(1_000);
  },
};

describeWithData('hostile article pages (shared/data/hostile html/)', exists, () => {
  const rows = exists ? htmlRows() : [];

  it('has a check for every html/ row of the manifest', () => {
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.map((r) => r.file).sort()).toEqual(Object.keys(CHECKS).sort());
  });

  for (const row of rows) {
    it(`${row.file}: ${row.expected}`, () => {
      const html = readFileSync(path.join(HOSTILE_DIR, row.file), 'utf8');
      const article = extractArticle(html, { url: 'https://news.example.test/story', now: new Date('2024-06-01T00:00:00Z') });
      expectSaneOutput(article);
      CHECKS[row.file]?.(article);
    }, HANG_BOUND_MS);
  }
});
