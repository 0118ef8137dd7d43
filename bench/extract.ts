/**
 * Herald's article extraction vs plain Readability (linkedom + Readability textContent, no
 * filter) over ../shared/data/pages, in the same run.
 *
 * Reports token precision, recall and F1 against each page's expected text (readability and
 * scrapinghub-aeb pages), must-have snippets found and must-not snippets present (trafilatura
 * pages), and time per page; plus Herald's time on the hostile html/ pages.
 * Note: on the readability pages the expected text is Readability.js's own output (headings,
 * captions and comments included), so plain Readability scores ~1.0 there by construction; the
 * human-annotated scrapinghub-aeb pages are the fair measure of extraction quality.
 *
 * Run: npm run bench:extract   (ends with one JSON line)
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Readability } from '@mozilla/readability';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/extract/extract-article.ts';
import { containsSnippet, loadPages, pagesCorpusExists, PAGES_DIR, tokenScores } from '../tests/extract/page-corpus.ts';
import type { CorpusPage } from '../tests/extract/page-corpus.ts';

const NOW = new Date('2030-01-01T00:00:00Z');
const HOSTILE_HTML_DIR = path.resolve(process.cwd(), '../shared/data/hostile/html');
const HOSTILE_FILES = ['deeply-nested-divs.html', 'unclosed-tags-flood.html', 'huge-inline-data-uri.html', 'script-only-spa.html', 'meta-refresh-and-base.html', 'charset-conflict.html'];

interface Output { text: string; snippetText: string; ms: number }
type Extractor = (page: CorpusPage) => Output;

function timed(fn: () => { text: string; snippetText: string }): Output {
  const start = performance.now();
  const out = fn();
  return { ...out, ms: performance.now() - start };
}

const herald: Extractor = (page) => timed(() => {
  const article = extractArticle(page.html, { ...(page.url ? { url: page.url } : {}), now: NOW });
  return { text: article.text, snippetText: `${article.standfirst ?? ''}\n\n${article.text}` };
});

const plainReadability: Extractor = (page) => timed(() => {
  let text = '';
  try {
    const { document } = parseHTML(page.html);
    text = new Readability(document as never).parse()?.textContent ?? '';
  } catch {
    text = '';
  }
  return { text, snippetText: text };
});

interface Stats { pages: number; precision: number; recall: number; f1: number }
interface SnippetStats { found: number; mustHave: number; violations: number; mustNot: number }
interface Summary { readability: Stats; human: Stats; allFullText: Stats; snippets: SnippetStats; msPerPage: number; msMax: number }

function mean(values: number[]): number {
  return values.reduce((a, b) => a + b, 0) / Math.max(1, values.length);
}

function stats(rows: { precision: number; recall: number; f1: number }[]): Stats {
  return { pages: rows.length, precision: mean(rows.map((r) => r.precision)), recall: mean(rows.map((r) => r.recall)), f1: mean(rows.map((r) => r.f1)) };
}

function run(pages: CorpusPage[], extract: Extractor): Summary {
  const scored: { source: string; precision: number; recall: number; f1: number }[] = [];
  const snippets: SnippetStats = { found: 0, mustHave: 0, violations: 0, mustNot: 0 };
  const times: number[] = [];
  for (const page of pages) {
    const out = extract(page);
    times.push(out.ms);
    if (page.expectedText) scored.push({ source: page.source, ...tokenScores(out.text, page.expectedText) });
    snippets.mustHave += page.mustHave.length;
    snippets.found += page.mustHave.filter((s) => containsSnippet(out.snippetText, s)).length;
    snippets.mustNot += page.mustNot.length;
    snippets.violations += page.mustNot.filter((s) => containsSnippet(out.snippetText, s)).length;
  }
  return {
    readability: stats(scored.filter((s) => s.source === 'readability')),
    human: stats(scored.filter((s) => s.source === 'scrapinghub-aeb')),
    allFullText: stats(scored),
    snippets,
    msPerPage: mean(times),
    msMax: Math.max(...times),
  };
}

const f3 = (n: number): string => n.toFixed(3);

function printTable(rows: [string, Summary][]): void {
  const line = (cells: string[]): void => console.log(cells.map((c, i) => (i === 0 ? c.padEnd(48) : c.padStart(13))).join(''));
  line(['measure', ...rows.map(([name]) => name)]);
  const sets: [string, (s: Summary) => Stats][] = [
    ['human-annotated (scrapinghub-aeb)', (s) => s.human],
    ['Readability.js output as truth (readability)', (s) => s.readability],
    ['all full-text pages', (s) => s.allFullText],
  ];
  for (const [label, pick] of sets) {
    const first = rows[0];
    console.log(`\n${label}, ${first ? pick(first[1]).pages : 0} pages`);
    line(['  token precision', ...rows.map(([, s]) => f3(pick(s).precision))]);
    line(['  token recall', ...rows.map(([, s]) => f3(pick(s).recall))]);
    line(['  token F1', ...rows.map(([, s]) => f3(pick(s).f1))]);
  }
  console.log('\nsnippets (trafilatura)');
  line(['  must-have found', ...rows.map(([, s]) => `${s.snippets.found}/${s.snippets.mustHave}`)]);
  line(['  must-not violations', ...rows.map(([, s]) => `${s.snippets.violations}/${s.snippets.mustNot}`)]);
  console.log('\ntime');
  line(['  ms per page (mean)', ...rows.map(([, s]) => s.msPerPage.toFixed(1))]);
  line(['  ms per page (max)', ...rows.map(([, s]) => s.msMax.toFixed(1))]);
}

function hostileTimes(): Record<string, number> {
  const times: Record<string, number> = {};
  if (!existsSync(HOSTILE_HTML_DIR)) return times;
  for (const file of HOSTILE_FILES) {
    const html = readFileSync(path.join(HOSTILE_HTML_DIR, file), 'utf8');
    const start = performance.now();
    extractArticle(html, { now: NOW });
    times[file] = Math.round(performance.now() - start);
  }
  return times;
}

function main(): void {
  if (!pagesCorpusExists()) {
    console.log(`bench:extract needs ${PAGES_DIR}/MANIFEST.tsv (the shared data folder beside the checkout)`);
    console.log(JSON.stringify({ bench: 'extract', skipped: 'pages corpus missing' }));
    return;
  }
  const pages = loadPages();
  // Warm both paths once so the first page does not carry JIT and module start-up.
  const warm = pages[0];
  if (warm) { herald(warm); plainReadability(warm); }
  const heraldSummary = run(pages, herald);
  const plainSummary = run(pages, plainReadability);
  console.log(`bench:extract over ${pages.length} pages in ${PAGES_DIR}\n`);
  printTable([['herald', heraldSummary], ['readability', plainSummary]]);
  const hostile = hostileTimes();
  if (Object.keys(hostile).length > 0) {
    console.log('\nhostile html/ pages, herald ms');
    for (const [file, ms] of Object.entries(hostile)) console.log(`  ${file.padEnd(46)}${String(ms).padStart(13)}`);
  }
  const goals = {
    higherHumanF1: heraldSummary.human.f1 > plainSummary.human.f1,
    fewerViolations: heraldSummary.snippets.violations < plainSummary.snippets.violations,
  };
  console.log(`\ngoals: higher F1 on human-annotated pages: ${goals.higherHumanF1 ? 'yes' : 'NO'}; fewer must-not violations: ${goals.fewerViolations ? 'yes' : 'NO'}`);
  const round = (s: Summary): unknown => JSON.parse(JSON.stringify(s, (_k, v: unknown) => (typeof v === 'number' ? Number(v.toFixed(4)) : v)));
  console.log(JSON.stringify({ bench: 'extract', pages: pages.length, herald: round(heraldSummary), readability: round(plainSummary), hostileMs: hostile, goals }));
}

main();
