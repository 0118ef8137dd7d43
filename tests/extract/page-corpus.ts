/**
 * Loader and scorer for the article page corpus in ../shared/data/pages (shared by the
 * pages-corpus test and bench/extract.ts). Reads files only; never writes or fetches.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseHTML } from 'linkedom';

export const PAGES_DIR = path.resolve(process.cwd(), '../shared/data/pages');

export interface CorpusPage {
  /** Folder relative to the corpus root, e.g. "readability/bbc-1". */
  dir: string;
  source: 'readability' | 'scrapinghub-aeb' | 'trafilatura';
  url?: string;
  html: string;
  /** Full expected main text, when the upstream gives one. */
  expectedText?: string;
  /** Snippets that must appear (trafilatura). */
  mustHave: string[];
  /** Boilerplate snippets that must not appear (trafilatura). */
  mustNot: string[];
  /** Not an article at all (a homepage). */
  notArticle: boolean;
  /** A small synthetic page written to test one Readability behaviour, not a real article. */
  synthetic: boolean;
}

export function pagesCorpusExists(): boolean {
  return existsSync(path.join(PAGES_DIR, 'MANIFEST.tsv'));
}

const BLOCK_TAGS = new Set([
  'P', 'DIV', 'LI', 'UL', 'OL', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'BLOCKQUOTE', 'PRE', 'TABLE', 'TR', 'TD', 'TH',
  'FIGURE', 'FIGCAPTION', 'SECTION', 'ARTICLE', 'BR', 'DD', 'DT', 'HEADER', 'FOOTER', 'ASIDE',
]);

/** Plain text of an HTML fragment, with a space at every block boundary (ground truth only). */
export function htmlToPlainText(html: string): string {
  const { document } = parseHTML(`<!doctype html><html><body>${html}</body></html>`);
  const parts: string[] = [];
  const walk = (node: { nodeType: number; nodeName: string; textContent: string | null; childNodes: ArrayLike<unknown> }): void => {
    if (node.nodeType === 3) { parts.push(node.textContent ?? ''); return; }
    if (node.nodeName === 'SCRIPT' || node.nodeName === 'STYLE') return;
    const block = BLOCK_TAGS.has(node.nodeName);
    if (block) parts.push(' ');
    for (const child of Array.from(node.childNodes)) walk(child as typeof node);
    if (block) parts.push(' ');
  };
  walk(document.body as unknown as Parameters<typeof walk>[0]);
  return parts.join('').replace(/\s+/g, ' ').trim();
}

function readJson(file: string): Record<string, unknown> {
  return JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
}

function strings(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}

/** Every page listed in MANIFEST.tsv, with its ground truth. */
export function loadPages(): CorpusPage[] {
  const rows = readFileSync(path.join(PAGES_DIR, 'MANIFEST.tsv'), 'utf8').split('\n').slice(1);
  const pages: CorpusPage[] = [];
  for (const row of rows) {
    const cols = row.split('\t');
    const dirCol = cols[0];
    if (!dirCol) continue;
    const dir = dirCol.replace(/^pages\//, '').replace(/\/$/, '');
    const abs = path.join(PAGES_DIR, dir);
    const source = dir.split('/')[0] as CorpusPage['source'];
    const html = readFileSync(path.join(abs, 'source.html'), 'utf8');
    const kind = cols[7] ?? '';
    const page: CorpusPage = {
      dir, source, html, mustHave: [], mustNot: [], notArticle: /NOT an article/i.test(kind), synthetic: /synthetic/i.test(kind),
    };
    if (source === 'readability') {
      page.expectedText = htmlToPlainText(readFileSync(path.join(abs, 'expected.html'), 'utf8'));
    } else if (source === 'scrapinghub-aeb') {
      const meta = readJson(path.join(abs, 'expected.json'));
      if (typeof meta.url === 'string') page.url = meta.url;
      page.expectedText = readFileSync(path.join(abs, 'expected.txt'), 'utf8');
    } else {
      const meta = readJson(path.join(abs, 'expected.json'));
      if (typeof meta.url === 'string' && /^https?:/.test(meta.url)) page.url = meta.url;
      page.mustHave = strings(meta.with);
      page.mustNot = strings(meta.without);
    }
    pages.push(page);
  }
  return pages;
}

// CJK scripts have no spaces: count each character as a token there.
const TOKEN_RE = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}]|[\p{L}\p{N}]+/gu;

export function tokens(text: string): string[] {
  return text.normalize('NFKC').toLowerCase().match(TOKEN_RE) ?? [];
}

function bag(list: string[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of list) counts.set(t, (counts.get(t) ?? 0) + 1);
  return counts;
}

/** Bag-of-tokens overlap: precision, recall and F1 of `got` against `expected`. */
export function tokenScores(got: string, expected: string): { precision: number; recall: number; f1: number } {
  const g = tokens(got);
  const e = tokens(expected);
  if (e.length === 0) return { precision: g.length === 0 ? 1 : 0, recall: 1, f1: g.length === 0 ? 1 : 0 };
  const gBag = bag(g);
  let common = 0;
  for (const [t, n] of bag(e)) common += Math.min(n, gBag.get(t) ?? 0);
  const precision = g.length === 0 ? 0 : common / g.length;
  const recall = common / e.length;
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Whitespace- and case-insensitive containment, so line breaks do not decide a snippet check. */
export function containsSnippet(text: string, snippet: string): boolean {
  const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, ' ').trim().toLowerCase();
  return norm(text).includes(norm(snippet));
}
