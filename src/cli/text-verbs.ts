/**
 * CLI verbs over single documents: parse, extract, condense, figures, entities.
 * Each takes FILE|URL|- and prints text, or JSON with --json (one line per input).
 */
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { condense } from '../condense/condense.ts';
import type { Fetcher } from '../core/ports.ts';
import { filterBoilerplate } from '../extract/boilerplate.ts';
import { extractArticle } from '../extract/extract-article.ts';
import { analyzeArticle } from '../figures/analyze-article.ts';
import { findPersonSpans } from '../figures/person-spans.ts';
import { decodeDocument } from '../ingest/charset.ts';
import { parseFeed } from '../ingest/parse-feed.ts';
import { renderFiguresText } from '../chat/console/render-text.ts';
import { errorMessage, jsonError, printJson, readInput, UsageError, type Input, type Output } from './io.ts';

const HTML_ACCEPT = 'text/html,application/xhtml+xml;q=0.9,*/*;q=0.5';
const LOOKS_LIKE_HTML = /<(?:!doctype\s+html|html|head|body|article|main|p|div)\b/i;

export interface VerbContext extends Output {
  fetcher: Fetcher;
  json: boolean;
}

/** Plain article text from an input: HTML goes through extraction, text through the boilerplate filter. */
export function articleFromInput(input: Input): { title: string; text: string; byline?: string; publishedAt?: Date; standfirst?: string } {
  const { text } = decodeDocument(input.body, input.contentType);
  if (LOOKS_LIKE_HTML.test(text.slice(0, 5000))) {
    const article = extractArticle(text, input.url ? { url: input.url } : {});
    return { ...article, text: filterBoilerplate(article.text) };
  }
  const clean = filterBoilerplate(text);
  const firstLine = clean.split('\n').find((line) => line.trim())?.trim() ?? '';
  const title = firstLine.length <= 200 && !/[.!?]$/.test(firstLine) ? firstLine : '';
  return { title, text: title ? clean.slice(clean.indexOf(firstLine) + firstLine.length).trim() : clean };
}

export async function parseVerb(sources: string[], ctx: VerbContext): Promise<number> {
  if (sources.length === 0) throw new UsageError('parse needs at least one FILE or URL');
  let failed = 0;
  for (const source of sources) {
    try {
      const input = await readInput(source, ctx.fetcher);
      const parsed = await parseFeed(input.body, { source: input.name, ...(input.contentType ? { contentType: input.contentType } : {}), ...(input.url ? { baseUrl: input.url } : {}) });
      if (ctx.json) printJson(ctx, { source, feed: parsed.feed, items: parsed.items });
      else {
        ctx.out.write(`${parsed.feed.title || '(untitled feed)'} [${parsed.feed.format}] ${parsed.items.length} items — ${source}\n`);
        for (const item of parsed.items) ctx.out.write(`  • ${item.title}${item.url ? ` <${item.url}>` : ''}${item.publishedAt ? ` (${item.publishedAt.toISOString()})` : ''}\n`);
      }
    } catch (error) {
      failed += 1;
      if (ctx.json) printJson(ctx, { source, ...jsonError(error) });
      else ctx.err.write(`herald: ${source}: ${errorMessage(error)}\n`);
    }
  }
  return failed === 0 ? 0 : 1;
}

export async function extractVerb(source: string | undefined, ctx: VerbContext): Promise<number> {
  if (!source) throw new UsageError('extract needs a FILE or URL');
  const article = articleFromInput(await readInput(source, ctx.fetcher, HTML_ACCEPT));
  if (ctx.json) printJson(ctx, { title: article.title, byline: article.byline ?? null, publishedAt: article.publishedAt?.toISOString() ?? null, text: article.text });
  else ctx.out.write(`${article.title ? `${article.title}\n\n` : ''}${article.text}\n`);
  return 0;
}

export async function condenseVerb(source: string | undefined, ctx: VerbContext, bullets: number | undefined): Promise<number> {
  const article = articleFromInput(await readInput(source ?? '-', ctx.fetcher, HTML_ACCEPT));
  const result = condense({ title: article.title, text: article.text, ...(article.standfirst ? { summary: article.standfirst } : {}) }, bullets ? { maxBullets: bullets } : {});
  if (ctx.json) printJson(ctx, { bullets: result });
  else ctx.out.write(`${result.map((b) => `• ${b}`).join('\n')}\n`);
  return 0;
}

const jsonlLine = z.object({ id: z.union([z.string(), z.number()]), article: z.string().optional(), text: z.string().optional() });

/** Streams `{"id", <field>}` lines from stdin to one output line each; a bad line gets an error line, not a crash. */
async function streamJsonl(ctx: VerbContext, field: 'article' | 'text', handle: (id: string | number, text: string) => object): Promise<number> {
  const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
  let failed = 0;
  let lineNumber = 0;
  for await (const line of lines) {
    lineNumber += 1;
    if (!line.trim()) continue;
    let id: string | number = lineNumber;
    try {
      const parsed = jsonlLine.safeParse(JSON.parse(line));
      if (!parsed.success || typeof parsed.data[field] !== 'string') throw new UsageError(`line ${lineNumber}: expected {"id", "${field}": string}`);
      id = parsed.data.id;
      printJson(ctx, { id, ...handle(id, parsed.data[field]) });
    } catch (error) {
      failed += 1;
      printJson(ctx, { id, ...jsonError(error instanceof SyntaxError ? new UsageError(`line ${lineNumber}: not JSON`) : error) });
    }
  }
  return failed === 0 ? 0 : 1;
}

export function condenseJsonl(ctx: VerbContext): Promise<number> {
  return streamJsonl(ctx, 'article', (_id, article) => {
    const text = filterBoilerplate(article);
    return { summary: condense({ title: '', text }) };
  });
}

export function entitiesJsonl(ctx: VerbContext): Promise<number> {
  return streamJsonl(ctx, 'text', (_id, text) => ({ people: findPersonSpans(text).map(({ text: t, start, end }) => ({ text: t, start, end })) }));
}

export async function figuresVerb(source: string | undefined, ctx: VerbContext): Promise<number> {
  const article = articleFromInput(await readInput(source ?? '-', ctx.fetcher, HTML_ACCEPT));
  const { people, figures } = analyzeArticle({ title: article.title, text: article.text, storyId: 'cli', ...(article.publishedAt ? { publishedAt: article.publishedAt } : {}) });
  if (ctx.json) {
    printJson(ctx, {
      people: people.map((p) => ({ name: p.name, role: p.role ?? null, organisation: p.organisation ?? null, aliases: p.aliases, quotes: p.quotes.map((q) => ({ text: q.text, kind: q.kind })) })),
      figures: figures.map((f) => ({ value: f.value, kind: f.kind, context: f.context, ...(f.resolved ? { resolved: f.resolved } : {}) })),
    });
    return 0;
  }
  ctx.out.write('People\n');
  for (const p of people) {
    ctx.out.write(`• ${p.name}${p.role || p.organisation ? ` — ${[p.role, p.organisation].filter(Boolean).join(', ')}` : ''}\n`);
    for (const q of p.quotes) ctx.out.write(`    “${q.text}” (${q.kind})\n`);
  }
  ctx.out.write(`\nFigures\n${renderFiguresText(figures)}\n`);
  return 0;
}
