import { viterbi } from '../../src/figures/ner/viterbi.ts';

/** A sentence as feature ids: token i owns feats[offsets[i] .. offsets[i + 1]). */
export interface EncodedSentence {
  feats: Int32Array;
  offsets: Int32Array;
  gold: Uint8Array;
}

export interface Weights {
  /** featureCount × tagCount. */
  emission: Float32Array;
  /** (tagCount + 1) × tagCount; last row scores the first tag. */
  transition: Float32Array;
}

export interface PerceptronOptions {
  epochs: number;
  seed: number;
  featureCount: number;
  tagCount: number;
  allowed: Uint8Array;
  /** Called after each epoch with the averaged weights so far (for picking the epoch on dev). */
  onEpoch?: (epoch: number, averaged: () => Weights) => void;
}

/** Structured averaged perceptron (Collins 2002) with first-order Viterbi decoding. */
export function trainPerceptron(data: readonly EncodedSentence[], o: PerceptronOptions): Weights {
  const k = o.tagCount;
  const w = new Float64Array(o.featureCount * k);
  const u = new Float64Array(o.featureCount * k);
  const tw = new Float64Array((k + 1) * k);
  const tu = new Float64Array((k + 1) * k);
  let c = 1;
  const order = data.map((_, i) => i);
  const rand = mulberry32(o.seed);
  const averaged = (): Weights => ({ emission: average(w, u, c), transition: average(tw, tu, c) });
  for (let epoch = 1; epoch <= o.epochs; epoch++) {
    shuffle(order, rand);
    for (const idx of order) {
      const sent = data[idx] as EncodedSentence;
      const n = sent.gold.length;
      const pred = decode(sent, w, tw, k, o.allowed);
      let prevG = k;
      let prevP = k;
      for (let i = 0; i < n; i++) {
        const g = sent.gold[i] as number;
        const p = pred[i] as number;
        if (g !== p) {
          for (let j = sent.offsets[i] as number; j < (sent.offsets[i + 1] as number); j++) {
            const f = (sent.feats[j] as number) * k;
            w[f + g] = (w[f + g] as number) + 1;
            u[f + g] = (u[f + g] as number) + c;
            w[f + p] = (w[f + p] as number) - 1;
            u[f + p] = (u[f + p] as number) - c;
          }
        }
        if (g !== p || prevG !== prevP) {
          tw[prevG * k + g] = (tw[prevG * k + g] as number) + 1;
          tu[prevG * k + g] = (tu[prevG * k + g] as number) + c;
          tw[prevP * k + p] = (tw[prevP * k + p] as number) - 1;
          tu[prevP * k + p] = (tu[prevP * k + p] as number) - c;
        }
        prevG = g;
        prevP = p;
      }
      c++;
    }
    o.onEpoch?.(epoch, averaged);
  }
  return averaged();
}

/** Best tag sequence for an encoded sentence under the given weights. */
export function decode(
  sent: EncodedSentence,
  w: Float32Array | Float64Array,
  tw: Float32Array | Float64Array,
  k: number,
  allowed: Uint8Array,
): Uint8Array {
  const n = sent.gold.length;
  const em = new Float64Array(n * k);
  for (let i = 0; i < n; i++) {
    for (let j = sent.offsets[i] as number; j < (sent.offsets[i + 1] as number); j++) {
      const f = (sent.feats[j] as number) * k;
      for (let t = 0; t < k; t++) em[i * k + t] = (em[i * k + t] as number) + (w[f + t] as number);
    }
  }
  const out = new Uint8Array(n);
  viterbi(em, n, k, tw, allowed, out);
  return out;
}

function average(w: Float64Array, u: Float64Array, c: number): Float32Array {
  const out = new Float32Array(w.length);
  for (let i = 0; i < w.length; i++) out[i] = (w[i] as number) - (u[i] as number) / c;
  return out;
}

export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(a: number[], rand: () => number): void {
  for (let i = a.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    const t = a[i] as number;
    a[i] = a[j] as number;
    a[j] = t;
  }
}
