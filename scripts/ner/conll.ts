import { readFileSync } from 'node:fs';
import type { LabelledSentence } from '../../src/figures/ner/lexicon.ts';
import { entitySpans } from '../../src/figures/ner/lexicon.ts';

/** A CoNLL-2003 document: its sentences in order. */
export interface ConllDoc {
  id: number;
  sentences: LabelledSentence[];
}

/** Reads one of the normalised CoNLL-2003 jsonl files (fields: doc_id, tokens, tags). */
export function readConll(file: string): ConllDoc[] {
  const docs = new Map<number, ConllDoc>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.trim() === '') continue;
    const row: unknown = JSON.parse(line);
    if (typeof row !== 'object' || row === null) throw new Error(`${file}: not an object`);
    const { doc_id: docId, tokens, tags } = row as Record<string, unknown>;
    if (typeof docId !== 'number' || !isStrings(tokens) || !isStrings(tags) || tokens.length !== tags.length) {
      throw new Error(`${file}: bad row ${line.slice(0, 80)}`);
    }
    const doc = docs.get(docId) ?? { id: docId, sentences: [] };
    doc.sentences.push({ tokens, tags });
    docs.set(docId, doc);
  }
  return [...docs.values()].sort((a, b) => a.id - b.id);
}

function isStrings(v: unknown): v is string[] {
  return Array.isArray(v) && v.every((x) => typeof x === 'string');
}

export interface SpanScore {
  tp: number;
  fp: number;
  fn: number;
  precision: number;
  recall: number;
  f1: number;
}

/** Exact-span scores for one entity type, from gold and predicted token spans keyed "doc:sent:start:end". */
export function scoreSpans(gold: ReadonlySet<string>, predicted: ReadonlySet<string>): SpanScore {
  let tp = 0;
  for (const p of predicted) if (gold.has(p)) tp++;
  const fp = predicted.size - tp;
  const fn = gold.size - tp;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { tp, fp, fn, precision, recall, f1 };
}

/** Span keys of one type in BIO tags, prefixed by a sentence key. */
export function spanKeys(prefix: string, tags: readonly string[], type: string, into: Set<string>): void {
  for (const [start, end, t] of entitySpans(tags)) if (t === type) into.add(`${prefix}:${start}:${end}`);
}
