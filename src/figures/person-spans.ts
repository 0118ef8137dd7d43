import { applyHonorifics } from './ner/honorifics.ts';
import { entitySpans } from './ner/lexicon.ts';
import { defaultModel } from './ner/load-model.ts';
import type { NerModel } from './ner/model.ts';
import { splitSentences } from './ner/split-sentences.ts';
import { tagDocument } from './ner/tag-document.ts';
import { tokenize } from './ner/tokenize.ts';
import type { Token } from './ner/tokenize.ts';

/** A person's name as it appears in the text: `text === source.slice(start, end)`. */
export interface Span {
  text: string;
  start: number;
  end: number;
}

/**
 * Finds the people named in a text with the trained tagger (models/ner-per.json.gz, loaded on first
 * use). The text is read as one document, so a surname alone is recognised after the full name.
 * Titles stay outside the span ("Mr Putin" gives "Putin"), as do possessives ("Putin's" gives "Putin").
 */
export function findPersonSpans(text: string, model: NerModel = defaultModel()): Span[] {
  const sentences = splitSentences(text, tokenize(text));
  return personSpans(model, text, sentences);
}

/**
 * The people in each sentence of one document (sentences in order, each a string of its own):
 * result[i] holds spans with offsets into sentences[i].
 */
export function findPersonSpansInDocument(sentences: readonly string[], model: NerModel = defaultModel()): Span[][] {
  const tokens = sentences.map((s) => tokenize(s));
  const tags = tagDocument(model, tokens.map((ts) => ts.map((t) => t.text)));
  return tokens.map((ts, i) => toSpans(sentences[i] ?? '', ts, tags[i] ?? []));
}

function personSpans(model: NerModel, text: string, sentences: Token[][]): Span[] {
  const tags = tagDocument(model, sentences.map((ts) => ts.map((t) => t.text)));
  return sentences.flatMap((ts, i) => toSpans(text, ts, tags[i] ?? []));
}

function toSpans(text: string, tokens: readonly Token[], tags: readonly string[]): Span[] {
  const spans: Span[] = [];
  for (const [a, b, type] of entitySpans(applyHonorifics(tokens.map((t) => t.text), tags))) {
    const first = tokens[a];
    const last = tokens[b - 1];
    if (type !== 'PER' || first === undefined || last === undefined) continue;
    spans.push({ text: text.slice(first.start, last.end), start: first.start, end: last.end });
  }
  return spans;
}
