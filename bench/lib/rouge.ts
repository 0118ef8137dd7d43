/**
 * ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 following Google's rouge_score (use_stemmer=True):
 * lower-case, every run of characters outside [a-z0-9] is a separator, tokens longer than
 * 3 characters are Porter-stemmed (NLTK flavour). ROUGE-Lsum splits both texts on newlines and
 * scores the union LCS of each reference sentence against all candidate sentences, counting
 * each token at most as often as it occurs on both sides (as ROUGE-1.5.5 does).
 */
import { porterStem } from './porter-stemmer.ts';

export interface RougeScore {
  precision: number;
  recall: number;
  f1: number;
}

export interface RougeScores {
  rouge1: RougeScore;
  rouge2: RougeScore;
  rougeLsum: RougeScore;
}

const stemCache = new Map<string, string>();

function stem(token: string): string {
  let s = stemCache.get(token);
  if (s === undefined) {
    s = porterStem(token);
    if (stemCache.size < 200_000) stemCache.set(token, s);
  }
  return s;
}

/** rouge_score's tokenizer with stemming on. */
export function rougeTokens(text: string): string[] {
  const tokens = text.toLowerCase().replace(/[^a-z0-9]+/g, ' ').split(/\s+/);
  const out: string[] = [];
  for (const t of tokens) {
    if (t === '') continue;
    out.push(t.length > 3 ? stem(t) : t);
  }
  return out;
}

function score(hits: number, candidateCount: number, referenceCount: number): RougeScore {
  const precision = candidateCount > 0 ? hits / candidateCount : 0;
  const recall = referenceCount > 0 ? hits / referenceCount : 0;
  const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
  return { precision, recall, f1 };
}

function ngramCounts(tokens: readonly string[], n: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (let i = 0; i + n <= tokens.length; i += 1) {
    const key = tokens.slice(i, i + n).join(' ');
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/** ROUGE-N between token lists (reference first, like rouge_score's target). */
export function rougeN(reference: readonly string[], candidate: readonly string[], n: number): RougeScore {
  const ref = ngramCounts(reference, n);
  const cand = ngramCounts(candidate, n);
  let hits = 0;
  let refTotal = 0;
  let candTotal = 0;
  for (const [gram, count] of ref) {
    hits += Math.min(count, cand.get(gram) ?? 0);
    refTotal += count;
  }
  for (const count of cand.values()) candTotal += count;
  // rouge_score divides by max(count, 1), so an empty side gives 0, never NaN.
  return score(hits, Math.max(candTotal, 1), Math.max(refTotal, 1));
}

/** Indices into `ref` of one LCS with `cand`, backtracked the way rouge_score does. */
function lcsIndices(ref: readonly string[], cand: readonly string[]): number[] {
  const rows = ref.length;
  const cols = cand.length;
  const table: Uint16Array[] = [];
  for (let i = 0; i <= rows; i += 1) table.push(new Uint16Array(cols + 1));
  for (let i = 1; i <= rows; i += 1) {
    const row = table[i]!;
    const prev = table[i - 1]!;
    for (let j = 1; j <= cols; j += 1) {
      row[j] = ref[i - 1] === cand[j - 1] ? prev[j - 1]! + 1 : Math.max(prev[j]!, row[j - 1]!);
    }
  }
  const picked: number[] = [];
  let i = rows;
  let j = cols;
  while (i > 0 && j > 0) {
    if (ref[i - 1] === cand[j - 1]) {
      picked.push(i - 1);
      i -= 1;
      j -= 1;
    } else if (table[i]![j - 1]! > table[i - 1]![j]!) {
      j -= 1;
    } else {
      i -= 1;
    }
  }
  return picked.reverse();
}

/** Summary-level LCS over newline-split sentences (ROUGE paper, section 3.2). */
export function rougeLsum(referenceSentences: readonly string[][], candidateSentences: readonly string[][]): RougeScore {
  const m = referenceSentences.reduce((acc, s) => acc + s.length, 0);
  const n = candidateSentences.reduce((acc, s) => acc + s.length, 0);
  if (m === 0 || n === 0) return { precision: 0, recall: 0, f1: 0 };
  const refLeft = new Map<string, number>();
  const candLeft = new Map<string, number>();
  for (const s of referenceSentences) for (const t of s) refLeft.set(t, (refLeft.get(t) ?? 0) + 1);
  for (const s of candidateSentences) for (const t of s) candLeft.set(t, (candLeft.get(t) ?? 0) + 1);
  let hits = 0;
  for (const r of referenceSentences) {
    const union = new Set<number>();
    for (const c of candidateSentences) for (const idx of lcsIndices(r, c)) union.add(idx);
    for (const idx of [...union].sort((a, b) => a - b)) {
      const t = r[idx]!;
      const inCand = candLeft.get(t) ?? 0;
      const inRef = refLeft.get(t) ?? 0;
      if (inCand > 0 && inRef > 0) {
        hits += 1;
        candLeft.set(t, inCand - 1);
        refLeft.set(t, inRef - 1);
      }
    }
  }
  return score(hits, n, m);
}

function sentences(text: string): string[][] {
  return text.split('\n').filter((s) => s.length > 0).map(rougeTokens);
}

/** Score a candidate against a reference; both are newline-separated sentences (bullets). */
export function rouge(reference: string, candidate: string): RougeScores {
  const refTokens = rougeTokens(reference);
  const candTokens = rougeTokens(candidate);
  return {
    rouge1: rougeN(refTokens, candTokens, 1),
    rouge2: rougeN(refTokens, candTokens, 2),
    rougeLsum: rougeLsum(sentences(reference), sentences(candidate)),
  };
}
