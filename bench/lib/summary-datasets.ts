/**
 * Loaders for the summarisation sets under ../shared/data (read-only, never copied into the repo).
 * Each case is an article with its reference bullets joined by newlines.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface SummaryCase {
  id: string;
  title: string;
  article: string;
  /** Reference sentences or bullets, one per line. */
  reference: string;
}

export function sharedDataDir(): string {
  return path.resolve(process.cwd(), '../shared/data');
}

function readJsonl(file: string): unknown[] {
  return readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as unknown);
}

function field(row: unknown, name: string): string {
  const value = (row as Record<string, unknown>)[name];
  return typeof value === 'string' ? value : '';
}

function load(file: string, limit: number): SummaryCase[] | undefined {
  if (!existsSync(file)) return undefined;
  return readJsonl(file)
    .slice(0, limit)
    .map((row) => ({ id: field(row, 'id'), title: field(row, 'title'), article: field(row, 'article'), reference: field(row, 'reference') }))
    .filter((c) => c.article !== '' && c.reference !== '');
}

/** The 500 CNN test stories (no titles in this set). */
export function loadCnnDailyMail(dataDir = sharedDataDir(), limit = Infinity): SummaryCase[] | undefined {
  return load(path.join(dataDir, 'cnn_dailymail', 'test.jsonl'), limit);
}

/** BBC News Summary: 2,225 articles with titles and long extractive references. */
export function loadBbcNewsSummary(dataDir = sharedDataDir(), limit = Infinity): SummaryCase[] | undefined {
  return load(path.join(dataDir, 'bbc_news_summary', 'all.jsonl'), limit);
}
