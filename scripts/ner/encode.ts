import type { DocView, Emit } from '../../src/figures/ner/features.ts';
import type { EncodedSentence } from './perceptron.ts';

/** Interns (template, value) features as dense ids, counting how often each was seen while growing. */
export class FeatureIndex {
  readonly ids = new Map<string, number>();
  readonly keys: string[] = [];
  readonly counts: number[] = [];

  id(template: number, value: string, grow: boolean): number {
    const key = String(template) + '\u0001' + value;
    let id = this.ids.get(key);
    if (id === undefined) {
      if (!grow) return -1;
      id = this.keys.length;
      this.ids.set(key, id);
      this.keys.push(key);
      this.counts.push(0);
    }
    if (grow) this.counts[id] = (this.counts[id] ?? 0) + 1;
    return id;
  }
}

export type TokenEmitter = (doc: DocView, s: number, i: number, emit: Emit) => void;

/** Encodes every sentence of a document; `grow` adds unseen features (training), else they are dropped. */
export function encodeDocument(
  doc: DocView,
  gold: readonly (readonly number[])[],
  emitters: readonly TokenEmitter[],
  index: FeatureIndex,
  grow: boolean,
): EncodedSentence[] {
  return doc.sentences.map((sent, s) => {
    const feats: number[] = [];
    const offsets = new Int32Array(sent.words.length + 1);
    const emit: Emit = (t, v) => {
      const id = index.id(t, v, grow);
      if (id >= 0) feats.push(id);
    };
    for (let i = 0; i < sent.words.length; i++) {
      offsets[i] = feats.length;
      for (const e of emitters) e(doc, s, i, emit);
    }
    offsets[sent.words.length] = feats.length;
    return { feats: Int32Array.from(feats), offsets, gold: Uint8Array.from(gold[s] ?? []) };
  });
}

/** Keeps only ids whose feature was seen at least minCount times (others are dropped from the sentences). */
export function pruneRare(data: EncodedSentence[], index: FeatureIndex, minCount: number): EncodedSentence[] {
  return data.map((sent) => {
    const feats: number[] = [];
    const offsets = new Int32Array(sent.offsets.length);
    for (let i = 0; i + 1 < sent.offsets.length; i++) {
      offsets[i] = feats.length;
      for (let j = sent.offsets[i] as number; j < (sent.offsets[i + 1] as number); j++) {
        const f = sent.feats[j] as number;
        if ((index.counts[f] ?? 0) >= minCount) feats.push(f);
      }
    }
    offsets[sent.offsets.length - 1] = feats.length;
    return { feats: Int32Array.from(feats), offsets, gold: sent.gold };
  });
}
