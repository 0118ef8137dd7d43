/**
 * First-order Viterbi over BIO tags. Token i's emission for tag t is emissions[offset + i × stride + t]
 * (stride defaults to tagCount); `transitions` is (tagCount + 1) × tagCount with the last row scoring
 * the first tag. Moves that break BIO (I-X after anything but B-X or I-X) are never taken.
 */
let score = new Float64Array(256);
let back = new Uint8Array(256);

export function viterbi(
  emissions: Float32Array | Float64Array,
  n: number,
  tagCount: number,
  transitions: Float32Array | Float64Array,
  allowed: Uint8Array,
  out: Uint8Array,
  stride = tagCount,
  offset = 0,
): void {
  if (n === 0) return;
  if (score.length < n * tagCount) {
    score = new Float64Array(n * tagCount * 2);
    back = new Uint8Array(n * tagCount * 2);
  }
  const startRow = tagCount * tagCount;
  for (let t = 0; t < tagCount; t++) {
    score[t] = allowed[startRow + t] === 1 ? (emissions[offset + t] as number) + (transitions[startRow + t] as number) : -Infinity;
  }
  for (let i = 1; i < n; i++) {
    const base = i * tagCount;
    const prevBase = base - tagCount;
    const em = offset + i * stride;
    for (let t = 0; t < tagCount; t++) {
      let best = -Infinity;
      let arg = 0;
      for (let p = 0; p < tagCount; p++) {
        if (allowed[p * tagCount + t] !== 1) continue;
        const v = (score[prevBase + p] as number) + (transitions[p * tagCount + t] as number);
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[base + t] = best + (emissions[em + t] as number);
      back[base + t] = arg;
    }
  }
  let last = 0;
  const lastBase = (n - 1) * tagCount;
  for (let t = 1; t < tagCount; t++) if ((score[lastBase + t] as number) > (score[lastBase + last] as number)) last = t;
  out[n - 1] = last;
  for (let i = n - 1; i > 0; i--) {
    last = back[i * tagCount + last] as number;
    out[i - 1] = last;
  }
}

/** allowed[(prev) * tagCount + cur], with prev = tagCount for the sentence start. */
export function bioConstraints(tags: readonly string[]): Uint8Array {
  const k = tags.length;
  const allowed = new Uint8Array((k + 1) * k);
  for (let p = 0; p <= k; p++) {
    const prev = p === k ? 'O' : (tags[p] as string);
    for (let c = 0; c < k; c++) {
      const cur = tags[c] as string;
      const ok = !cur.startsWith('I-') || (prev !== 'O' && prev.slice(2) === cur.slice(2));
      allowed[p * k + c] = ok ? 1 : 0;
    }
  }
  return allowed;
}
