import type { Lexicon } from './lexicon.ts';

/** The tags the model predicts; only PER spans leave the tagger, the others sharpen the PER boundary. */
export const TAGS: readonly string[] = ['O', 'B-PER', 'I-PER', 'B-ORG', 'I-ORG', 'B-LOC', 'I-LOC', 'B-MISC', 'I-MISC'];

export const MODEL_FORMAT = 'herald-ner-per';
export const MODEL_VERSION = 1;

/** Weights of one pass: emission rows shared by both passes, one matrix each. */
export interface StageWeights {
  /** rowCount × tags.length. */
  emission: Float32Array;
  /** (tags.length + 1) × tags.length; the last row scores the first tag of a sentence. */
  transition: Float32Array;
}

/** A loaded two-pass tagger: pass one reads the sentence, pass two also what pass one said elsewhere in the document. */
export interface NerModel {
  tags: readonly string[];
  /** Per template: feature value → emission row. */
  rows: Map<string, number>[];
  lexicon: Lexicon;
  stages: [StageWeights, StageWeights];
}
