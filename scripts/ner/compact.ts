import type { Lexicon } from '../../src/figures/ner/lexicon.ts';
import { TAGS, MODEL_FORMAT, MODEL_VERSION } from '../../src/figures/ner/model.ts';
import type { ModelFile } from '../../src/figures/ner/model-file.ts';
import { TEMPLATE_COUNT } from '../../src/figures/ner/doc-features.ts';
import type { FeatureIndex } from './encode.ts';
import type { Weights } from './perceptron.ts';

export interface CompactInput {
  index: FeatureIndex;
  lexicon: Lexicon;
  stages: [Weights, Weights];
  /** Weights below this (absolute) are dropped; a feature with none left is dropped. */
  keepWeight: number;
  tagCount: number;
  trained: Record<string, string | number>;
}

const INT16_MAX = 32767;

/** Prunes small weights, quantises to int16 and lays the model out as its file. */
export function compactModel(o: CompactInput): ModelFile {
  const k = o.tagCount;
  const features: string[][] = Array.from({ length: TEMPLATE_COUNT }, () => []);
  const kept: number[][] = Array.from({ length: TEMPLATE_COUNT }, () => []);
  o.index.keys.forEach((key, id) => {
    const cut = key.indexOf('\u0001');
    const template = Number(key.slice(0, cut));
    let keep = false;
    for (const st of o.stages) for (let t = 0; t < k; t++) if (Math.abs(st.emission[id * k + t] as number) >= o.keepWeight) keep = true;
    if (!keep) return;
    (features[template] as string[]).push(key.slice(cut + 1));
    (kept[template] as number[]).push(id);
  });
  const order = kept.flat();
  const stages = o.stages.map((st) => {
    let max = 0;
    for (const v of st.emission) max = Math.max(max, Math.abs(v));
    const scale = max / INT16_MAX || 1;
    const mask = new Uint16Array(order.length);
    const values: number[] = [];
    order.forEach((id, row) => {
      for (let t = 0; t < k; t++) {
        const q = Math.round((st.emission[id * k + t] as number) / scale);
        if (Math.abs(q * scale) < o.keepWeight || q === 0) continue;
        mask[row] = (mask[row] as number) | (1 << t);
        values.push(q);
      }
    });
    return {
      scale,
      mask: Buffer.from(mask.buffer).toString('base64'),
      values: Buffer.from(Int16Array.from(values).buffer).toString('base64'),
      transition: [...st.transition].map((x) => Math.round(x * 1000) / 1000),
    };
  });
  return {
    format: MODEL_FORMAT,
    version: MODEL_VERSION,
    tags: [...TAGS],
    features,
    lexicon: {
      caseClass: Object.fromEntries(o.lexicon.caseClass),
      slots: Object.fromEntries([...o.lexicon.slots].map(([w, s]) => [w, s.join(',')])),
      phrases: Object.fromEntries(o.lexicon.phrases),
    },
    stages,
    trained: o.trained,
  };
}
