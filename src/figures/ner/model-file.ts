import type { Lexicon } from './lexicon.ts';
import { MODEL_FORMAT, MODEL_VERSION } from './model.ts';
import type { NerModel, StageWeights } from './model.ts';

/**
 * The model as stored: JSON (gzipped on disk). Features are listed per template in row order. Each
 * stage's emission weights are sparse int16 (times `scale`): `mask` holds one little-endian uint16
 * per row whose bit t says the row has a weight for tag t, `values` the weights in row and tag order.
 */
export interface ModelFile {
  format: typeof MODEL_FORMAT;
  version: number;
  tags: string[];
  /** features[template] = values; rows are numbered across templates in this order. */
  features: string[][];
  lexicon: { caseClass: Record<string, string>; slots: Record<string, string>; phrases: Record<string, string> };
  stages: { scale: number; mask: string; values: string; transition: number[] }[];
  /** Free-form provenance: data, epochs, dev scores. */
  trained: Record<string, string | number>;
}

export function serialiseModel(file: ModelFile): string {
  return JSON.stringify(file);
}

/** Checks the shape of a parsed model file and builds the runtime model; throws with the field at fault. */
export function parseModel(raw: unknown): NerModel {
  const f = asRecord(raw, 'model');
  if (f.format !== MODEL_FORMAT) throw new Error(`model: format is not ${MODEL_FORMAT}`);
  if (f.version !== MODEL_VERSION) throw new Error(`model: version ${String(f.version)} is not ${MODEL_VERSION}`);
  const tags = asStrings(f.tags, 'tags');
  const k = tags.length;
  if (!Array.isArray(f.features)) throw new Error('model: features is not an array');
  const rows: Map<string, number>[] = [];
  let rowCount = 0;
  f.features.forEach((values: unknown, t) => {
    const m = new Map<string, number>();
    for (const v of asStrings(values, `features[${t}]`)) m.set(v, rowCount++);
    rows.push(m);
  });
  const lex = asRecord(f.lexicon, 'lexicon');
  const lexicon: Lexicon = {
    caseClass: new Map(Object.entries(asStringRecord(lex.caseClass, 'lexicon.caseClass'))),
    slots: new Map(Object.entries(asStringRecord(lex.slots, 'lexicon.slots')).map(([w, s]) => [w, s.split(',')])),
    phrases: new Map(Object.entries(asStringRecord(lex.phrases, 'lexicon.phrases'))),
  };
  if (!Array.isArray(f.stages) || f.stages.length !== 2) throw new Error('model: stages must hold two passes');
  const stages = f.stages.map((s: unknown, i) => parseStage(s, `stages[${i}]`, rowCount, k)) as [StageWeights, StageWeights];
  return { tags, rows, lexicon, stages };
}

function parseStage(raw: unknown, where: string, rowCount: number, k: number): StageWeights {
  const s = asRecord(raw, where);
  if (typeof s.scale !== 'number' || typeof s.mask !== 'string' || typeof s.values !== 'string') throw new Error(`model: ${where} scale/mask/values`);
  const mask = int16s(s.mask);
  const values = int16s(s.values);
  if (mask.length !== rowCount) throw new Error(`model: ${where}.mask has ${mask.length} rows, want ${rowCount}`);
  const emission = new Float32Array(rowCount * k);
  let v = 0;
  for (let row = 0; row < rowCount; row++) {
    const bits = (mask[row] as number) & 0xffff;
    for (let t = 0; t < k; t++) if ((bits & (1 << t)) !== 0) emission[row * k + t] = (values[v++] ?? 0) * s.scale;
  }
  if (v !== values.length) throw new Error(`model: ${where}.values has ${values.length} weights, mask says ${v}`);
  if (!Array.isArray(s.transition) || s.transition.length !== (k + 1) * k || !s.transition.every((x) => typeof x === 'number')) {
    throw new Error(`model: ${where}.transition`);
  }
  return { emission, transition: Float32Array.from(s.transition as number[]) };
}

/** base64 → int16 (little-endian, as every platform Node runs on stores it). */
function int16s(base64: string): Int16Array {
  const bytes = Buffer.from(base64, 'base64');
  return new Int16Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length - (bytes.length % 2)));
}

function asRecord(v: unknown, where: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`model: ${where} is not an object`);
  return v as Record<string, unknown>;
}

function asStrings(v: unknown, where: string): string[] {
  if (!Array.isArray(v) || !v.every((x) => typeof x === 'string')) throw new Error(`model: ${where} is not a list of strings`);
  return v as string[];
}

function asStringRecord(v: unknown, where: string): Record<string, string> {
  const r = asRecord(v, where);
  for (const [key, value] of Object.entries(r)) if (typeof value !== 'string') throw new Error(`model: ${where}.${key}`);
  return r as Record<string, string>;
}
