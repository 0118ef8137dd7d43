/**
 * Herald's extractive condenser against Lead-3, Lead-2 (same sentence splitter) and ts-textrank
 * (the npm TextRank peer), side by side in one run, scored with ROUGE-1/2/Lsum F1 (rouge_score
 * conventions, Porter stemming). CNN test stories first, BBC News Summary as a second view.
 *
 *   npx tsx bench/condense.ts [--limit N] [--bbc-limit N]
 *
 * Speed is articles per CPU-second of this process while condensing (one core; robust to other
 * processes sharing the machine), next to the wall-clock rate. Each system makes one untimed
 * warm-up pass; scoring and file reading are outside the timed loop.
 */
import { AbsoluteSummarizerConfig, DefaultTextParser, NullLogger, SorensenDiceSimilarity, Summarizer } from 'ts-textrank';
import { condense } from '../src/condense/condense.ts';
import { stripDateline } from '../src/nlp/dateline.ts';
import { splitSentences } from '../src/nlp/split-sentences.ts';
import { analyzeText } from '../src/nlp/analyze-text.ts';
import { rouge } from './lib/rouge.ts';
import { loadBbcNewsSummary, loadCnnDailyMail, sharedDataDir } from './lib/summary-datasets.ts';
import type { SummaryCase } from './lib/summary-datasets.ts';

type System = { name: string; run: (c: SummaryCase) => string[] };

interface Row {
  system: string;
  r1: number;
  r2: number;
  rlsum: number;
  bullets: number;
  words: number;
  perCpuSecond: number;
  perWallSecond: number;
}

const TEXTRANK_SENTENCES = 3;

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(name);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
}

function lead(k: number): System {
  return { name: `Lead-${k}`, run: (c) => splitSentences(stripDateline(c.article)).slice(0, k) };
}

function textRank(): System {
  const config = new AbsoluteSummarizerConfig(
    TEXTRANK_SENTENCES, new SorensenDiceSimilarity(), new DefaultTextParser(), 0.85, Summarizer.SORT_OCCURENCE,
  );
  const summarizer = new Summarizer(config, new NullLogger());
  return {
    name: 'ts-textrank',
    run: (c) => {
      try {
        return summarizer.summarize(stripDateline(c.article), 'en');
      } catch {
        return []; // it throws on texts shorter than its sentence count
      }
    },
  };
}

const herald: System = { name: 'Herald', run: (c) => condense({ title: c.title, text: c.article }) };

function evaluate(system: System, cases: readonly SummaryCase[]): Row {
  // One untimed pass first: JIT, wink's token cache and the stem cache reach the steady state a
  // long-running process has, whichever system happens to run first.
  for (const c of cases) system.run(c);
  const cpu0 = process.cpuUsage();
  const wall0 = performance.now();
  const outputs = cases.map((c) => system.run(c));
  const wallMs = performance.now() - wall0;
  const cpu = process.cpuUsage(cpu0);
  let r1 = 0, r2 = 0, rlsum = 0, bullets = 0, words = 0;
  cases.forEach((c, i) => {
    const out = outputs[i]!.map((b) => b.replace(/\s+/gu, ' ').trim()).filter(Boolean);
    const s = rouge(c.reference, out.join('\n'));
    r1 += s.rouge1.f1;
    r2 += s.rouge2.f1;
    rlsum += s.rougeLsum.f1;
    bullets += out.length;
    words += out.reduce((n, b) => n + b.split(' ').length, 0);
  });
  const n = cases.length;
  return {
    system: system.name,
    r1: (100 * r1) / n,
    r2: (100 * r2) / n,
    rlsum: (100 * rlsum) / n,
    bullets: bullets / n,
    words: words / n,
    perCpuSecond: n / ((cpu.user + cpu.system) / 1e6),
    perWallSecond: n / (wallMs / 1000),
  };
}

/** The text layer alone over whole articles: sentences + tokens, then with wink entities. */
function textLayerRates(cases: readonly SummaryCase[]): { sentences: number; withEntities: number } {
  const rate = (f: (text: string) => unknown): number => {
    for (const c of cases) f(c.article);
    const cpu0 = process.cpuUsage();
    for (const c of cases) f(c.article);
    const cpu = process.cpuUsage(cpu0);
    return Math.round(cases.length / ((cpu.user + cpu.system) / 1e6));
  };
  return { sentences: rate((t) => analyzeText(t)), withEntities: rate((t) => analyzeText(t, { entities: true })) };
}

function table(title: string, rows: readonly Row[]): void {
  console.log(`\n${title}`);
  console.log('system        R1     R2     RLsum  bullets  words  art/s(cpu)  art/s(wall)');
  for (const r of rows) {
    console.log(
      `${r.system.padEnd(12)} ${r.r1.toFixed(2).padStart(6)} ${r.r2.toFixed(2).padStart(6)} ${r.rlsum.toFixed(2).padStart(6)}` +
        `  ${r.bullets.toFixed(2).padStart(7)}  ${r.words.toFixed(1).padStart(5)}  ${r.perCpuSecond.toFixed(0).padStart(10)}  ${r.perWallSecond.toFixed(0).padStart(11)}`,
    );
  }
}

function round(rows: readonly Row[]): Record<string, Record<string, number>> {
  return Object.fromEntries(rows.map((r) => [r.system, {
    r1: +r.r1.toFixed(2), r2: +r.r2.toFixed(2), rlsum: +r.rlsum.toFixed(2), bullets: +r.bullets.toFixed(2),
    words: +r.words.toFixed(1), articlesPerCpuSecond: Math.round(r.perCpuSecond), articlesPerWallSecond: Math.round(r.perWallSecond),
  }]));
}

function main(): void {
  const dataDir = sharedDataDir();
  const cnn = loadCnnDailyMail(dataDir, arg('--limit', Infinity));
  if (cnn === undefined) {
    console.log(`bench:condense skipped: ${dataDir}/cnn_dailymail/test.jsonl not found`);
    console.log(JSON.stringify({ bench: 'condense', skipped: true }));
    return;
  }
  const systems = [herald, lead(3), lead(2), textRank()];
  const cnnRows = systems.map((s) => evaluate(s, cnn));
  table(`CNN test stories (${cnn.length}), ROUGE F1 x100 vs highlights`, cnnRows);

  const textLayer = textLayerRates(cnn);
  console.log(`\nText layer on whole CNN articles (articles per CPU-second): sentences+tokens+stems ${textLayer.sentences}, with entities ${textLayer.withEntities}`);

  const bbc = loadBbcNewsSummary(dataDir, arg('--bbc-limit', Infinity));
  const bbcRows = bbc === undefined ? [] : systems.map((s) => evaluate(s, bbc));
  if (bbc !== undefined) table(`BBC News Summary (${bbc.length}), ROUGE F1 x100 vs extractive summaries (long: ~8 sentences)`, bbcRows);

  const h = cnnRows[0]!;
  const lead3 = cnnRows[1]!;
  const goals = {
    r1OverLead3: +(h.r1 - lead3.r1).toFixed(2),
    r1Goal: h.r1 >= lead3.r1 + 2,
    r2Goal: h.r2 >= lead3.r2,
    speedGoal: h.perCpuSecond >= 300,
  };
  console.log(`\nGoals on CNN: R1 ${goals.r1OverLead3 >= 0 ? '+' : ''}${goals.r1OverLead3} over Lead-3 (need +2.0): ${goals.r1Goal ? 'met' : 'NOT met'}; ` +
    `R2 >= Lead-3: ${goals.r2Goal ? 'met' : 'NOT met'}; >= 300 articles/s per core: ${goals.speedGoal ? 'met' : 'NOT met'}`);
  console.log(JSON.stringify({ bench: 'condense', cnn: round(cnnRows), bbc: round(bbcRows), textLayer, goals }));
}

main();
