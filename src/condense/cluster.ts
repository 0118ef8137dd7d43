/**
 * Groups items about the same event, from any feeds, within a time window. Single pass in time
 * order: each item joins the open cluster whose centroid it is most similar to (and whose seed,
 * the item that opened it, it is also similar to), or starts one.
 * Candidate clusters come from an inverted index over each item's most telling terms, so the work
 * grows with the number of items, not with its square. Comparing against the centroid (not against
 * any one member) keeps a chain of loosely related items from gluing two events together.
 */
import { createHash } from 'node:crypto';
import type { StoredItem } from '../core/ports.ts';
import { cosine, termCounts, vectorize, type Vector } from './item-vectors.ts';

export { termCounts, vectorize, type Vector } from './item-vectors.ts';

export interface ClusterItem {
  id: string;
  feedId: string;
  /** Canonical URL, or '' when unknown. */
  url: string;
  title: string;
  text: string;
  /** Publisher summary or standfirst, passed on to condense(). */
  summary?: string;
  publishedAt?: Date;
  fetchedAt: Date;
}

/** A stored item as clustering sees it: the fetched article text when there is one. */
export function clusterItemFrom(item: StoredItem): ClusterItem {
  const out: ClusterItem = {
    id: item.id,
    feedId: item.feedId,
    url: item.url,
    title: item.title,
    text: item.articleText ?? item.text ?? '',
    fetchedAt: item.fetchedAt,
  };
  if (item.summary) out.summary = item.summary;
  if (item.publishedAt) out.publishedAt = item.publishedAt;
  return out;
}

export interface ItemCluster {
  /** Stable across runs: derived from the id of the earliest item (the seed). */
  id: string;
  seedId: string;
  /** Members, earliest first. */
  items: ClusterItem[];
  /** Cosine of each member (same order as `items`) to the cluster centroid, 0..1. */
  centrality: number[];
}

export interface ClusterOptions {
  /** Only items at most this far from a cluster's latest item may join it. */
  windowMs?: number;
  /** Minimum cosine similarity between an item and both a cluster's centroid and its seed item. */
  threshold?: number;
  /**
   * 'index' (default) looks up candidate clusters by shared terms; 'exhaustive' compares every
   * open cluster, which is quadratic and exists as a baseline for benchmarks.
   */
  candidates?: 'index' | 'exhaustive';
}

export const CLUSTER_WINDOW_MS = 36 * 60 * 60 * 1000;
export const CLUSTER_THRESHOLD = 0.35;
const SIGNATURE_TERMS = 12;
const MAX_CANDIDATES = 12;

interface OpenCluster {
  index: number;
  /** The first member's vector: the event the cluster was opened for. */
  seed: Vector;
  members: number[];
  /** Signature terms already posted for this cluster. */
  posted: Set<string>;
  centroid: Vector;
  norm2: number;
  lastMs: number;
}

/** When an item was published, else when it was fetched. */
export function itemTimeMs(item: ClusterItem): number {
  return (item.publishedAt ?? item.fetchedAt).getTime();
}

/** A short stable id for a story seeded by the item with this id. */
export function stableStoryId(seedId: string): string {
  return `st-${createHash('sha1').update(seedId).digest('hex').slice(0, 16)}`;
}

function signature(v: Vector): string[] {
  return [...v.entries()]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, SIGNATURE_TERMS)
    .map(([term]) => term);
}

function similarity(v: Vector, c: OpenCluster): number {
  if (c.norm2 === 0) return 0;
  let dot = 0;
  for (const [term, w] of v) dot += w * (c.centroid.get(term) ?? 0);
  return dot / Math.sqrt(c.norm2);
}

function addToCentroid(c: OpenCluster, v: Vector): void {
  for (const [term, w] of v) {
    const old = c.centroid.get(term) ?? 0;
    const next = old + w;
    c.centroid.set(term, next);
    c.norm2 += next * next - old * old;
  }
}

/**
 * Open clusters sharing most signature terms with the item. Postings are pruned of closed clusters
 * as they are read: items come in time order, so a cluster that closed stays closed.
 */
function indexedCandidates(
  sig: string[],
  postings: Map<string, number[]>,
  clusters: OpenCluster[],
  isOpen: (c: OpenCluster | undefined) => c is OpenCluster,
): OpenCluster[] {
  const hits = new Map<number, number>();
  for (const term of sig) {
    const list = postings.get(term);
    if (!list) continue;
    let kept = 0;
    for (const ci of list) {
      if (!isOpen(clusters[ci])) continue;
      list[kept++] = ci;
      hits.set(ci, (hits.get(ci) ?? 0) + 1);
    }
    list.length = kept;
  }
  return [...hits.entries()]
    .sort((a, b) => b[1] - a[1] || a[0] - b[0])
    .slice(0, MAX_CANDIDATES)
    .map(([ci]) => clusters[ci])
    .filter(isOpen);
}

/** Cluster items about the same event. Deterministic for the same input, whatever its order. */
export function clusterItems(items: readonly ClusterItem[], options: ClusterOptions = {}): ItemCluster[] {
  const windowMs = options.windowMs ?? CLUSTER_WINDOW_MS;
  const threshold = options.threshold ?? CLUSTER_THRESHOLD;
  const exhaustive = options.candidates === 'exhaustive';
  const sorted = [...items].sort((a, b) => itemTimeMs(a) - itemTimeMs(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const vectors = vectorize(sorted.map(termCounts));

  const clusters: OpenCluster[] = [];
  const postings = new Map<string, number[]>();
  const byUrl = new Map<string, number>();

  sorted.forEach((item, i) => {
    const v = vectors[i] ?? new Map<string, number>();
    const t = itemTimeMs(item);
    const isOpen = (c: OpenCluster | undefined): c is OpenCluster => c !== undefined && t - c.lastMs <= windowMs;
    const sig = signature(v);

    let best: OpenCluster | undefined;
    const sameUrl = item.url ? clusters[byUrl.get(item.url) ?? -1] : undefined;
    if (isOpen(sameUrl)) best = sameUrl;
    else {
      const candidates = exhaustive ? clusters.filter(isOpen) : indexedCandidates(sig, postings, clusters, isOpen);
      let bestSim = threshold;
      for (const c of candidates) {
        const sim = similarity(v, c);
        // The seed check stops drift: a centroid pulled along by one development after another
        // would otherwise absorb the next article of a running story as the same event.
        if (sim >= bestSim && cosine(v, c.seed) < threshold) continue;
        if (sim >= bestSim && (sim > bestSim || !best || c.index < best.index)) {
          best = c;
          bestSim = sim;
        }
      }
    }

    if (!best) {
      best = { index: clusters.length, seed: v, members: [], posted: new Set(), centroid: new Map(), norm2: 0, lastMs: t };
      clusters.push(best);
    }
    best.members.push(i);
    best.lastMs = Math.max(best.lastMs, t);
    addToCentroid(best, v);
    if (item.url) byUrl.set(item.url, best.index);
    for (const term of sig) {
      if (best.posted.has(term)) continue;
      best.posted.add(term);
      const list = postings.get(term);
      if (list) list.push(best.index);
      else postings.set(term, [best.index]);
    }
  });

  return clusters.map((c) => {
    const members = c.members.map((i) => sorted[i]).filter((x): x is ClusterItem => x !== undefined);
    const seed = members[0];
    return {
      id: stableStoryId(seed?.id ?? ''),
      seedId: seed?.id ?? '',
      items: members,
      centrality: c.members.map((i) => similarity(vectors[i] ?? new Map(), c)),
    };
  });
}
