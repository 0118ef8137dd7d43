/**
 * PER precision/recall/F1 (exact spans) and speed on CoNLL-2003 test, side by side with compromise's
 * `.people()` and a capitalised-runs baseline. Input: each sentence's tokens joined by single spaces,
 * a document's sentences given together. Predicted character spans are mapped back to token spans.
 * Run: npm run bench:people (add `-- --split dev` to score dev instead, e.g. while tuning).
 */
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import nlp from 'compromise';
import { findPersonSpansInDocument } from '../src/figures/person-spans.ts';
import type { Span } from '../src/figures/person-spans.ts';
import { defaultModel, MODEL_URL } from '../src/figures/ner/load-model.ts';
import { readConll, scoreSpans, spanKeys } from '../scripts/ner/conll.ts';
import type { ConllDoc, SpanScore } from '../scripts/ner/conll.ts';

const DATA_DIR = path.resolve(process.cwd(), '../shared/data/conll2003');
const TIMED_PASSES = 5;
const SPLIT = process.argv.includes('--split') ? process.argv[process.argv.indexOf('--split') + 1] ?? 'test' : 'test';

type DocTagger = (sentences: string[]) => Span[][];

interface Run {
  score: SpanScore;
  seconds: number;
  cpuSeconds: number;
}

function evaluate(docs: readonly ConllDoc[], tag: DocTagger): Run {
  const gold = new Set<string>();
  const pred = new Set<string>();
  const texts = docs.map((d) => d.sentences.map((s) => s.tokens.join(' ')));
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const found = texts.map((sentences) => tag(sentences));
  const cpu = process.cpuUsage(c0);
  const seconds = (performance.now() - t0) / 1000;
  docs.forEach((d, di) => d.sentences.forEach((s, si) => {
    const key = `${di}:${si}`;
    spanKeys(key, s.tags, 'PER', gold);
    const starts = new Map<number, number>();
    const ends = new Map<number, number>();
    let at = 0;
    s.tokens.forEach((t, i) => {
      starts.set(at, i);
      ends.set(at + t.length, i + 1);
      at += t.length + 1;
    });
    for (const span of found[di]?.[si] ?? []) {
      const a = starts.get(span.start);
      const b = ends.get(span.end);
      pred.add(a === undefined || b === undefined ? `${key}:chars:${span.start}:${span.end}` : `${key}:${a}:${b}`);
    }
  }));
  return { score: scoreSpans(gold, pred), seconds, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
}

/** compromise reads the document as one text, a sentence a line; its spans are cut back per sentence. */
const compromise: DocTagger = (sentences) => {
  const text = sentences.join('\n');
  const out: Span[][] = sentences.map(() => []);
  const starts: number[] = [];
  let at = 0;
  for (const s of sentences) {
    starts.push(at);
    at += s.length + 1;
  }
  for (const m of nlp(text).people().json({ offset: true }) as { offset: { start: number; length: number } }[]) {
    const { start, length } = m.offset;
    let i = starts.length - 1;
    while (i > 0 && (starts[i] as number) > start) i--;
    const base = starts[i] as number;
    out[i]?.push({ text: text.slice(start, start + length), start: start - base, end: start + length - base });
  }
  return out;
};

/** Capitalised runs of two or more words (the placeholder this tagger replaced). */
const capitalisedRuns: DocTagger = (sentences) => sentences.map((s) =>
  [...s.matchAll(/\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)+/gu)].map((m) => ({ text: m[0], start: m.index, end: m.index + m[0].length })));

const herald: DocTagger = (sentences) => findPersonSpansInDocument(sentences);

if (SPLIT !== 'test' && SPLIT !== 'dev') throw new Error(`--split must be test or dev, not ${SPLIT}`);
if (!existsSync(path.join(DATA_DIR, `${SPLIT}.jsonl`))) {
  console.log(`bench:people skipped: ${DATA_DIR}/${SPLIT}.jsonl not found`);
  process.exit(0);
}
const modelFile = fileURLToPath(MODEL_URL);
const loadStart = performance.now();
defaultModel();
const loadMs = performance.now() - loadStart;
const modelBytes = statSync(modelFile).size;

const dev = readConll(path.join(DATA_DIR, 'dev.jsonl'));
const test = readConll(path.join(DATA_DIR, `${SPLIT}.jsonl`));
const testTokens = test.reduce((n, d) => n + d.sentences.reduce((m, s) => m + s.tokens.length, 0), 0);

const devRun = evaluate(dev, herald); // also warms the JIT, on text other than the test set
const first = evaluate(test, herald);
const repeats: Run[] = [];
for (let i = 0; i < TIMED_PASSES; i++) repeats.push(evaluate(test, herald));
const median = (xs: number[]): number => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
const steadyCpu = testTokens / median(repeats.map((r) => r.cpuSeconds));
const steadyWall = testTokens / median(repeats.map((r) => r.seconds));
const peer = evaluate(test, compromise);
const caps = evaluate(test, capitalisedRuns);

const f = (x: number): string => x.toFixed(4);
const rate = (r: Run): string => Math.round(testTokens / r.cpuSeconds).toLocaleString('en-US');
console.log(`CoNLL-2003 ${SPLIT}: ${test.length} documents, ${testTokens} tokens; PER exact-span scores\n`);
console.log('| system | precision | recall | F1 | tokens/s (CPU, one pass) |');
console.log('|---|---|---|---|---|');
for (const [name, r] of [['herald tagger', first], ['compromise .people()', peer], ['capitalised runs', caps]] as const) {
  console.log(`| ${name} | ${f(r.score.precision)} | ${f(r.score.recall)} | ${f(r.score.f1)} | ${rate(r)} |`);
}
console.log(`\nherald tagger steady state (median of ${TIMED_PASSES} passes): ${Math.round(steadyCpu).toLocaleString('en-US')} tokens/s per core (CPU time), ${Math.round(steadyWall).toLocaleString('en-US')} wall`);
console.log(`herald tagger dev PER F1 (for reference): ${f(devRun.score.f1)} (P ${f(devRun.score.precision)}, R ${f(devRun.score.recall)})`);
console.log(`model: ${(modelBytes / 1024).toFixed(0)} KiB, loaded in ${loadMs.toFixed(0)} ms`);
const summary = (r: Run): Record<string, number> => ({
  precision: Number(f(r.score.precision)), recall: Number(f(r.score.recall)), f1: Number(f(r.score.f1)), tokensPerSecondCpu: Math.round(testTokens / r.cpuSeconds),
});
console.log(JSON.stringify({
  bench: 'people', split: SPLIT, documents: test.length, tokens: testTokens,
  herald: { ...summary(first), tokensPerSecondSteadyCpu: Math.round(steadyCpu), tokensPerSecondSteadyWall: Math.round(steadyWall), devF1: Number(f(devRun.score.f1)) },
  compromise: summary(peer), capitalisedRuns: summary(caps),
  model: { bytes: modelBytes, loadMs: Math.round(loadMs) },
}));
