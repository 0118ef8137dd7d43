/**
 * Clustering bench: 10,000 items (real articles re-told by several simulated outlets over two
 * weeks) clustered with the inverted index, scored by pairwise precision/recall against the known
 * grouping; the same items packed into 72 hours as a stress case (running stories crowd together);
 * and on 2,000 items the exhaustive centroid pass and an all-pairs single-link baseline, to show
 * how each scales. Goal: 10,000 items in under 10 s. Times are wall clock and CPU (the machine
 * may be shared).
 *
 *   npx tsx bench/cluster.ts [--n 10000] [--small 2000]
 */
import {
  CLUSTER_THRESHOLD,
  CLUSTER_WINDOW_MS,
  clusterItems,
  itemTimeMs,
  termCounts,
  vectorize,
  type ClusterItem,
  type ClusterOptions,
} from '../src/condense/cluster.ts';
import { buildCorpus, type LabelledItem } from './cluster-corpus.ts';

const arg = (name: string, fallback: number): number => {
  const i = process.argv.indexOf(`--${name}`);
  const v = i >= 0 ? Number(process.argv[i + 1]) : NaN;
  return Number.isFinite(v) && v > 0 ? v : fallback;
};
const N = arg('n', 10_000);
const SMALL = arg('small', 2_000);
const GOAL_MS = 10_000;

interface Quality {
  clusters: number;
  groups: number;
  precision: number;
  recall: number;
  f1: number;
}

const pairs = (n: number): number => (n * (n - 1)) / 2;

/** Pairwise precision/recall of predicted labels against true labels, from the contingency table. */
function score(predicted: number[], truth: number[]): Quality {
  const cell = new Map<string, number>();
  const byPred = new Map<number, number>();
  const byTrue = new Map<number, number>();
  predicted.forEach((p, i) => {
    const t = truth[i] ?? -1;
    cell.set(`${p}:${t}`, (cell.get(`${p}:${t}`) ?? 0) + 1);
    byPred.set(p, (byPred.get(p) ?? 0) + 1);
    byTrue.set(t, (byTrue.get(t) ?? 0) + 1);
  });
  let tp = 0, pp = 0, tt = 0;
  for (const n of cell.values()) tp += pairs(n);
  for (const n of byPred.values()) pp += pairs(n);
  for (const n of byTrue.values()) tt += pairs(n);
  const precision = pp === 0 ? 1 : tp / pp;
  const recall = tt === 0 ? 1 : tp / tt;
  return { clusters: byPred.size, groups: byTrue.size, precision, recall, f1: (2 * precision * recall) / (precision + recall || 1) };
}

interface Run {
  ms: number;
  cpuMs: number;
  labels: number[];
}

function timed<T>(work: () => T): { value: T; ms: number; cpuMs: number } {
  const cpu = process.cpuUsage();
  const started = performance.now();
  const value = work();
  const ms = performance.now() - started;
  const used = process.cpuUsage(cpu);
  return { value, ms, cpuMs: (used.user + used.system) / 1000 };
}

function runCentroid(corpus: LabelledItem[], options: ClusterOptions): Run {
  const items = corpus.map((x) => x.item);
  const { value: clusters, ms, cpuMs } = timed(() => clusterItems(items, options));
  const label = new Map<string, number>();
  clusters.forEach((c, ci) => c.items.forEach((it) => label.set(it.id, ci)));
  return { ms, cpuMs, labels: corpus.map((x) => label.get(x.item.id) ?? -1) };
}

/** The naive baseline: cosine for every pair of items, joined when above the threshold (single link). */
function runAllPairs(corpus: LabelledItem[]): Run {
  const items = corpus.map((x) => x.item);
  const { value: labels, ms, cpuMs } = timed(() => allPairsLabels(items));
  return { ms, cpuMs, labels };
}

function allPairsLabels(items: ClusterItem[]): number[] {
  const vectors = vectorize(items.map(termCounts));
  const times = items.map(itemTimeMs);
  const parent = items.map((_, i) => i);
  const find = (i: number): number => {
    let r = i;
    while (parent[r] !== r) r = parent[r] ?? r;
    parent[i] = r;
    return r;
  };
  for (let i = 0; i < items.length; i += 1) {
    const vi = vectors[i] ?? new Map<string, number>();
    for (let j = i + 1; j < items.length; j += 1) {
      if (Math.abs((times[i] ?? 0) - (times[j] ?? 0)) > CLUSTER_WINDOW_MS) continue;
      const same = items[i]?.url !== '' && items[i]?.url === items[j]?.url;
      let dot = 0;
      if (!same) for (const [t, w] of vectors[j] ?? []) dot += w * (vi.get(t) ?? 0);
      if (same || dot >= CLUSTER_THRESHOLD) parent[find(i)] = find(j);
    }
  }
  return items.map((_, i) => find(i));
}

const median = (runs: Run[]): Run => [...runs].sort((a, b) => a.ms - b.ms)[Math.floor(runs.length / 2)] ?? runs[0]!;

const SPREAD_HOURS = 14 * 24;
const DENSE_HOURS = 72;
const { items: corpus, origin } = buildCorpus(N, 42, SPREAD_HOURS);
const dense = buildCorpus(N, 42, DENSE_HOURS).items;
// The small set keeps the same items per hour, so the comparison isolates the effect of n.
const small = buildCorpus(SMALL, 42, (SPREAD_HOURS * SMALL) / N).items;
const truth = corpus.map((x) => x.event);

runCentroid(corpus.slice(0, 500), {}); // warm up the JIT
const big = median([0, 1, 2].map(() => runCentroid(corpus, {})));
const denseRun = runCentroid(dense, {});
const smallIndex = runCentroid(small, {});
const smallExhaustive = runCentroid(small, { candidates: 'exhaustive' });
const smallAllPairs = runAllPairs(small);

const smallSetting = `${((SPREAD_HOURS * SMALL) / N).toFixed(0)} h`;
const rows = [
  { method: 'index (centroid)', setting: '14 days', n: corpus.length, run: big, q: score(big.labels, truth) },
  { method: 'index (centroid)', setting: '72 h dense', n: dense.length, run: denseRun, q: score(denseRun.labels, dense.map((x) => x.event)) },
  { method: 'index (centroid)', setting: smallSetting, n: small.length, run: smallIndex, q: score(smallIndex.labels, small.map((x) => x.event)) },
  { method: 'exhaustive centroid', setting: smallSetting, n: small.length, run: smallExhaustive, q: score(smallExhaustive.labels, small.map((x) => x.event)) },
  { method: 'all-pairs single-link', setting: smallSetting, n: small.length, run: smallAllPairs, q: score(smallAllPairs.labels, small.map((x) => x.event)) },
];

const pct = (x: number): string => (x * 100).toFixed(1).padStart(6);
console.log(`corpus: ${origin}; ${corpus.length} items from ${new Set(truth).size} events; window 36 h, threshold ${CLUSTER_THRESHOLD}`);
console.log('method                 setting      items  wall ms   cpu ms  clusters  events    P %    R %   F1 %');
for (const r of rows) {
  console.log(
    [
      r.method.padEnd(22),
      r.setting.padEnd(11),
      String(r.n).padStart(6),
      r.run.ms.toFixed(0).padStart(8),
      r.run.cpuMs.toFixed(0).padStart(8),
      String(r.q.clusters).padStart(9),
      String(r.q.groups).padStart(7),
      pct(r.q.precision),
      pct(r.q.recall),
      pct(r.q.f1),
    ].join(' '),
  );
}
const scale = corpus.length / small.length;
// CPU time: the machine may be shared, and wall time then measures the neighbours too.
const allPairsAtN = smallAllPairs.cpuMs * scale * scale;
console.log(
  `scaling (cpu, same items per hour): index ${small.length}→${corpus.length} items ×${(big.cpuMs / smallIndex.cpuMs).toFixed(1)} ` +
    `(linear ×${scale.toFixed(1)}); at ${small.length} items exhaustive is ×${(smallExhaustive.cpuMs / smallIndex.cpuMs).toFixed(1)} ` +
    `and all-pairs ×${(smallAllPairs.cpuMs / smallIndex.cpuMs).toFixed(1)} the index; all-pairs extrapolated (quadratic) to ` +
    `${corpus.length}: ~${(allPairsAtN / 1000).toFixed(0)} s cpu vs ${(big.cpuMs / 1000).toFixed(2)} s measured`,
);
console.log(
  `goal: ${corpus.length} items under ${GOAL_MS / 1000} s: ${big.ms < GOAL_MS ? 'met' : 'NOT met'} ` +
    `(wall ${(big.ms / 1000).toFixed(2)} s, cpu ${(big.cpuMs / 1000).toFixed(2)} s)`,
);

const q = (r: (typeof rows)[number]) => ({
  ms: Math.round(r.run.ms),
  cpuMs: Math.round(r.run.cpuMs),
  clusters: r.q.clusters,
  events: r.q.groups,
  precision: Number(r.q.precision.toFixed(4)),
  recall: Number(r.q.recall.toFixed(4)),
  f1: Number(r.q.f1.toFixed(4)),
});
console.log(
  JSON.stringify({
    bench: 'cluster',
    corpus: origin,
    n: corpus.length,
    small: small.length,
    index: q(rows[0]!),
    indexDense72h: q(rows[1]!),
    indexSmall: q(rows[2]!),
    exhaustiveSmall: q(rows[3]!),
    allPairsSmall: q(rows[4]!),
    allPairsExtrapolatedCpuMs: Math.round(allPairsAtN),
    goalMs: GOAL_MS,
    goalMet: big.ms < GOAL_MS,
  }),
);
