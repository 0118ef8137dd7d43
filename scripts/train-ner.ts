/**
 * Trains the person-name tagger on CoNLL-2003 train.jsonl, picks epochs on dev.jsonl, writes
 * models/ner-per.json.gz. Never reads test.jsonl. Deterministic: same data, same bytes out.
 * Run: npm run train:ner (about 30 s of CPU). For experiments: NER_SEED, NER_EPOCHS (most per stage),
 * NER_MIN_COUNT (feature occurrences to keep), NER_KEEP_WEIGHT (smallest weight shipped), CONLL_DIR.
 *
 * Two passes, each a structured averaged perceptron over BIO tags of all four CoNLL types: pass one
 * reads sentences; pass two adds what pass one said about the same words elsewhere in the document.
 * Pass two learns from pass-one output on train documents it did not see (5-fold jackknife), and the
 * gazetteer and case counts behind a train document's features come from the other folds.
 */
import path from 'node:path';
import { writeFileSync, mkdirSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { viewDocument } from '../src/figures/ner/features.ts';
import { emitLocal } from '../src/figures/ner/token-features.ts';
import type { DocView } from '../src/figures/ner/features.ts';
import { emitDocument, summariseFirstPass } from '../src/figures/ner/doc-features.ts';
import { buildLexicon } from '../src/figures/ner/lexicon.ts';
import type { Lexicon } from '../src/figures/ner/lexicon.ts';
import { bioConstraints } from '../src/figures/ner/viterbi.ts';
import { TAGS } from '../src/figures/ner/model.ts';
import { serialiseModel } from '../src/figures/ner/model-file.ts';
import { readConll, scoreSpans, spanKeys } from './ner/conll.ts';
import type { ConllDoc } from './ner/conll.ts';
import { FeatureIndex, encodeDocument, pruneRare } from './ner/encode.ts';
import type { TokenEmitter } from './ner/encode.ts';
import { decode, trainPerceptron } from './ner/perceptron.ts';
import type { EncodedSentence, Weights } from './ner/perceptron.ts';
import { compactModel } from './ner/compact.ts';

const DATA_DIR = process.env.CONLL_DIR ?? path.resolve(process.cwd(), '../shared/data/conll2003');
const OUT_FILE = path.resolve(process.cwd(), 'models/ner-per.json.gz');
const FOLDS = 5;
const SEED = Number(process.env.NER_SEED ?? 20240607);
const MAX_EPOCHS = Number(process.env.NER_EPOCHS ?? 12);
const MIN_COUNT = Number(process.env.NER_MIN_COUNT ?? 1);
const KEEP_WEIGHT = Number(process.env.NER_KEEP_WEIGHT ?? 0.05);

const started = Date.now();
const log = (msg: string): void => console.log(`[${((Date.now() - started) / 1000).toFixed(1)}s] ${msg}`);
const k = TAGS.length;
const allowed = bioConstraints(TAGS);
const tagIndex = new Map(TAGS.map((t, i) => [t, i]));

const train = readConll(path.join(DATA_DIR, 'train.jsonl'));
const dev = readConll(path.join(DATA_DIR, 'dev.jsonl'));
log(`train ${train.length} docs, dev ${dev.length} docs`);

const sentencesOf = (docs: readonly ConllDoc[]): ConllDoc['sentences'] => docs.flatMap((d) => d.sentences);
const fold = (i: number): number => i % FOLDS;
const lexicon = buildLexicon(sentencesOf(train));
const foldLexicons: Lexicon[] = [];
for (let f = 0; f < FOLDS; f++) foldLexicons.push(buildLexicon(sentencesOf(train.filter((_, i) => fold(i) !== f))));

const words = (d: ConllDoc): string[][] => d.sentences.map((s) => [...s.tokens]);
const goldIds = (d: ConllDoc): number[][] => d.sentences.map((s) => s.tags.map((t) => tagIndex.get(t) ?? 0));
const trainViews = train.map((d, i) => ({ view: viewDocument(words(d), foldLexicons[fold(i)] as Lexicon), lex: foldLexicons[fold(i)] as Lexicon }));
const devViews = dev.map((d) => ({ view: viewDocument(words(d), lexicon), lex: lexicon }));

const index = new FeatureIndex();
const local = (lex: Lexicon): TokenEmitter => (doc, s, i, emit) => emitLocal(doc, lex, s, i, emit);
const trainLocal = trainViews.map(({ view, lex }, i) => encodeDocument(view, goldIds(train[i] as ConllDoc), [local(lex)], index, true));
const devLocal = devViews.map(({ view, lex }, i) => encodeDocument(view, goldIds(dev[i] as ConllDoc), [local(lex)], index, false));
log(`stage 1: ${index.keys.length} features`);

function perF1(docs: readonly ConllDoc[], predicted: readonly string[][][]): number {
  const gold = new Set<string>();
  const pred = new Set<string>();
  docs.forEach((d, di) => d.sentences.forEach((s, si) => {
    spanKeys(`${di}:${si}`, s.tags, 'PER', gold);
    spanKeys(`${di}:${si}`, predicted[di]?.[si] ?? [], 'PER', pred);
  }));
  const sc = scoreSpans(gold, pred);
  return sc.f1;
}

function predictDocs(data: readonly EncodedSentence[][], w: Weights): string[][][] {
  return data.map((doc) => doc.map((sent) => [...decode(sent, w.emission, w.transition, k, allowed)].map((t) => TAGS[t] ?? 'O')));
}

/** Trains on the given docs, choosing the epoch count on dev when `pickOn` is given. */
function fit(data: EncodedSentence[][], epochs: number, pickOn?: EncodedSentence[][]): { weights: Weights; epochs: number } {
  const flat = pruneRare(data.flat(), index, MIN_COUNT);
  let best = { weights: undefined as Weights | undefined, epochs: epochs, f1: -1 };
  const weights = trainPerceptron(flat, {
    epochs, seed: SEED, featureCount: index.keys.length, tagCount: k, allowed,
    onEpoch: pickOn === undefined ? undefined : (epoch, averaged) => {
      const w = averaged();
      const f1 = perF1(dev, predictDocs(pickOn, w));
      log(`  epoch ${epoch}: dev PER F1 ${f1.toFixed(4)}`);
      if (f1 > best.f1) best = { weights: w, epochs: epoch, f1 };
    },
  });
  return pickOn === undefined ? { weights, epochs } : { weights: best.weights ?? weights, epochs: best.epochs };
}

log('stage 1 on all of train, epochs picked on dev');
const stage1 = fit(trainLocal, MAX_EPOCHS, devLocal);
log(`stage 1: ${stage1.epochs} epochs`);

log('stage 1 jackknife over train folds');
const trainFirst: string[][][] = new Array<string[][]>(train.length);
for (let f = 0; f < FOLDS; f++) {
  const w = fit(trainLocal.filter((_, i) => fold(i) !== f), stage1.epochs).weights;
  const held = trainLocal.map((d, i) => (fold(i) === f ? d : undefined));
  held.forEach((d, i) => { if (d !== undefined) trainFirst[i] = predictDocs([d], w)[0] as string[][]; });
}
log(`jackknifed stage-1 train PER F1 ${perF1(train, trainFirst).toFixed(4)}`);
const devFirst = predictDocs(devLocal, stage1.weights);

const second = (views: { view: DocView }[], first: string[][][]): TokenEmitter[] => views.map(({ view }, i) => {
  const summary = summariseFirstPass(view, first[i] ?? []);
  return (doc, s, t, emit) => emitDocument(doc, summary, s, t, emit);
});
const merge = (a: EncodedSentence[][], b: EncodedSentence[][]): EncodedSentence[][] => a.map((doc, d) => doc.map((sa, s) => {
  const sb = (b[d] as EncodedSentence[])[s] as EncodedSentence;
  const feats: number[] = [];
  const offsets = new Int32Array(sa.offsets.length);
  for (let i = 0; i + 1 < sa.offsets.length; i++) {
    offsets[i] = feats.length;
    for (let j = sa.offsets[i] as number; j < (sa.offsets[i + 1] as number); j++) feats.push(sa.feats[j] as number);
    for (let j = sb.offsets[i] as number; j < (sb.offsets[i + 1] as number); j++) feats.push(sb.feats[j] as number);
  }
  offsets[sa.offsets.length - 1] = feats.length;
  return { feats: Int32Array.from(feats), offsets, gold: sa.gold };
}));
const trainEm2 = second(trainViews, trainFirst);
const devEm2 = second(devViews, devFirst);
const trainDoc = merge(trainLocal, trainViews.map(({ view }, i) => encodeDocument(view, goldIds(train[i] as ConllDoc), [trainEm2[i] as TokenEmitter], index, true)));
const devDoc = merge(devLocal, devViews.map(({ view }, i) => encodeDocument(view, goldIds(dev[i] as ConllDoc), [devEm2[i] as TokenEmitter], index, false)));
log(`stage 2: ${index.keys.length} features`);
const stage2 = fit(trainDoc, MAX_EPOCHS, devDoc);
const devSecond = predictDocs(devDoc, stage2.weights);
log(`dev PER F1: stage 1 ${perF1(dev, devFirst).toFixed(4)}, stage 2 ${perF1(dev, devSecond).toFixed(4)} (${stage2.epochs} epochs)`);

const trained = {
  data: 'CoNLL-2003 train.jsonl (epochs picked on dev.jsonl)', seed: SEED, minCount: MIN_COUNT, keepWeight: KEEP_WEIGHT,
  stage1Epochs: stage1.epochs, stage2Epochs: stage2.epochs,
  devPerF1Stage1: Number(perF1(dev, devFirst).toFixed(4)), devPerF1: Number(perF1(dev, devSecond).toFixed(4)),
};
const model = compactModel({ index, lexicon, stages: [stage1.weights, stage2.weights], keepWeight: KEEP_WEIGHT, tagCount: k, trained });
const bytes = gzipSync(serialiseModel(model), { level: 9 });
mkdirSync(path.dirname(OUT_FILE), { recursive: true });
writeFileSync(OUT_FILE, bytes);
log(`wrote ${OUT_FILE} (${(bytes.length / 1024).toFixed(0)} KiB)`);
