import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import type { NerModel } from './model.ts';
import { parseModel } from './model-file.ts';

/** Where `npm run train:ner` writes the model, relative to this file. */
export const MODEL_URL = new URL('../../../models/ner-per.json.gz', import.meta.url);

let cached: NerModel | undefined;

/**
 * The shipped person tagger, read once per process on first use. This is the one file read in
 * src/figures: the weights are data that ships with the code, like a table of constants.
 */
export function defaultModel(): NerModel {
  cached ??= readModel(fileURLToPath(MODEL_URL));
  return cached;
}

/** Reads and checks a gzipped model file (as written by scripts/train-ner.ts). */
export function readModel(file: string): NerModel {
  return parseModel(JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as unknown);
}
