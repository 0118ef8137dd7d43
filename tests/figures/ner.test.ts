import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { findPersonSpans, findPersonSpansInDocument } from '../../src/figures/person-spans.ts';
import { emitDocument, summariseFirstPass, TEMPLATE_COUNT } from '../../src/figures/ner/doc-features.ts';
import { viewDocument } from '../../src/figures/ner/features.ts';
import type { Emit } from '../../src/figures/ner/features.ts';
import { applyHonorifics } from '../../src/figures/ner/honorifics.ts';
import { defaultModel, MODEL_URL } from '../../src/figures/ner/load-model.ts';
import { MODEL_FORMAT, MODEL_VERSION, TAGS } from '../../src/figures/ner/model.ts';
import type { NerModel } from '../../src/figures/ner/model.ts';
import { parseModel } from '../../src/figures/ner/model-file.ts';
import { splitSentences } from '../../src/figures/ner/split-sentences.ts';
import { tagDocument } from '../../src/figures/ner/tag-document.ts';
import { emitLocal } from '../../src/figures/ner/token-features.ts';
import { tokenize } from '../../src/figures/ner/tokenize.ts';
import { bioConstraints, viterbi } from '../../src/figures/ner/viterbi.ts';
import { describeWithData } from '../support/shared-data.ts';

const words = (text: string): string[] => tokenize(text).map((t) => t.text);
const names = (text: string): string[] => findPersonSpans(text).map((s) => s.text);

describe('tokenize', () => {
  const samples = [
    'Chinese President Xi Jinping\u2019s visit, which began on Monday, "went well," he said.',
    'Shares in U.S. Steel Corp. fell 3.5% to $41.20 (a 52-week low) -- traders didn\'t expect it.',
    '  Jean-Claude Juncker\u2014the former EU chief\u2014said: \u201cWe\'re ready.\u201d\n\nPhoto: Reuters',
  ];

  it('gives offsets that slice back to each token', () => {
    for (const text of samples) {
      const tokens = tokenize(text);
      expect(tokens.length).toBeGreaterThan(5);
      for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    }
  });

  it('splits punctuation, possessives and contractions the CoNLL way', () => {
    expect(words('Putin\'s aides didn\'t say, "No."')).toEqual(['Putin', '\'s', 'aides', 'did', 'n\'t', 'say', ',', '"', 'No', '.', '"']);
    expect(words('Xi Jinping\u2019s plan.')).toEqual(['Xi', 'Jinping', '\u2019s', 'plan', '.']);
    expect(words('He paid $4.5bn (about 10%).')).toEqual(['He', 'paid', '$', '4.5bn', '(', 'about', '10', '%', ')', '.']);
  });

  it('keeps hyphenated words, initials and abbreviations whole', () => {
    expect(words('Ngozi Okonjo-Iweala met J. Smith of Acme Inc. in the U.S. on Friday.')).toEqual(
      ['Ngozi', 'Okonjo-Iweala', 'met', 'J.', 'Smith', 'of', 'Acme', 'Inc.', 'in', 'the', 'U.S.', 'on', 'Friday', '.'],
    );
    expect(words('Left-back Mr. O\'Brien scored a 2-1 win')).toEqual(['Left-back', 'Mr.', 'O\'Brien', 'scored', 'a', '2-1', 'win']);
  });

  it('splits dashes that join words', () => {
    expect(words('Paris\u2014and Rome')).toEqual(['Paris', '\u2014', 'and', 'Rome']);
  });
});

describe('splitSentences', () => {
  it('breaks after end punctuation and at line breaks, not after abbreviations', () => {
    const text = 'Mr. Smith met Dr. Jones in the U.S. on Monday. "It went well," he said.\nHeadline Here';
    const sentences = splitSentences(text, tokenize(text)).map((s) => text.slice(s[0]?.start, s[s.length - 1]?.end));
    expect(sentences).toEqual(['Mr. Smith met Dr. Jones in the U.S. on Monday.', '"It went well," he said.', 'Headline Here']);
  });
});

describe('applyHonorifics', () => {
  it('moves an honorific out of a person span', () => {
    expect(applyHonorifics(['Mr', 'Putin', 'said'], ['B-PER', 'I-PER', 'O'])).toEqual(['O', 'B-PER', 'O']);
  });

  it('tags a capitalised name after an honorific, replacing another entity type', () => {
    expect(applyHonorifics(['Ms', 'Ardern', 'Lee', 'left'], ['O', 'B-LOC', 'I-LOC', 'O'])).toEqual(['O', 'B-PER', 'I-PER', 'O']);
    expect(applyHonorifics(['Mrs', 'the', 'end'], ['O', 'O', 'O'])).toEqual(['O', 'O', 'O']);
  });

  it('leaves the verb "miss" alone', () => {
    expect(applyHonorifics(['will', 'miss', 'England', 'games'], ['O', 'O', 'B-LOC', 'O'])).toEqual(['O', 'O', 'B-LOC', 'O']);
  });
});

describe('the shipped model file', () => {
  it('exists and has the shape the training script writes', () => {
    const file = fileURLToPath(MODEL_URL);
    expect(existsSync(file)).toBe(true);
    const raw = JSON.parse(gunzipSync(readFileSync(file)).toString('utf8')) as Record<string, unknown>;
    expect(raw.format).toBe(MODEL_FORMAT);
    expect(raw.version).toBe(MODEL_VERSION);
    expect(raw.tags).toEqual([...TAGS]);
    expect(Array.isArray(raw.features) && raw.features.length).toBe(TEMPLATE_COUNT);
    expect(Array.isArray(raw.stages) && raw.stages.length).toBe(2);
    expect(typeof (raw.trained as Record<string, unknown>).devPerF1).toBe('number');
  });

  it('loads into a model with weights for every feature row', () => {
    const model = defaultModel();
    const rows = model.rows.reduce((n, m) => n + m.size, 0);
    expect(rows).toBeGreaterThan(1000);
    for (const stage of model.stages) expect(stage.emission.length).toBe(rows * model.tags.length);
  });

  it('rejects a file of another version, naming the field', () => {
    expect(() => parseModel({ format: MODEL_FORMAT, version: MODEL_VERSION + 1 })).toThrow(/version/);
    expect(() => parseModel({ format: 'something-else' })).toThrow(/format/);
  });
});

/** Scores every feature through the plain emit path, as training does, without the tagger's caches. */
function referenceTags(model: NerModel, doc: string[][]): string[][] {
  const view = viewDocument(doc, model.lexicon);
  const k = model.tags.length;
  const allowed = bioConstraints(model.tags);
  const pass = (stage: 0 | 1, extra?: (s: number, i: number, emit: Emit) => void): string[][] => doc.map((sent, s) => {
    const em = new Float64Array(sent.length * k);
    for (let i = 0; i < sent.length; i++) {
      const emit: Emit = (template, value) => {
        const row = model.rows[template]?.get(value);
        if (row === undefined) return;
        for (let t = 0; t < k; t++) em[i * k + t] = (em[i * k + t] as number) + (model.stages[stage].emission[row * k + t] as number);
      };
      emitLocal(view, model.lexicon, s, i, emit);
      extra?.(s, i, emit);
    }
    const out = new Uint8Array(sent.length);
    viterbi(em, sent.length, k, model.stages[stage].transition, allowed, out);
    return [...out].map((t) => model.tags[t] ?? 'O');
  });
  const summary = summariseFirstPass(view, pass(0));
  return pass(1, (s, i, emit) => emitDocument(view, summary, s, i, emit));
}

describe('findPersonSpans', () => {
  it('finds family-name-first and Western names, then the short form later in the text', () => {
    const text = 'Chinese President Xi Jinping arrived in Moscow on Monday for talks with Vladimir Putin. ' +
      'Xi said the two countries would deepen trade ties, and Mr Putin agreed.';
    const spans = findPersonSpans(text);
    expect(spans.map((s) => s.text)).toEqual(['Xi Jinping', 'Vladimir Putin', 'Xi', 'Putin']);
    for (const s of spans) expect(text.slice(s.start, s.end)).toBe(s.text);
    expect(spans[3]?.start).toBe(text.lastIndexOf('Putin'));
  });

  it('finds names at the start of a sentence and hyphenated names', () => {
    expect(names('Angela Merkel told reporters in Berlin that the deal was fair.')).toEqual(['Angela Merkel']);
    expect(names('Former European Commission president Jean-Claude Juncker said Britain had been warned.')).toEqual(['Jean-Claude Juncker']);
    expect(names('Ngozi Okonjo-Iweala, director-general of the World Trade Organization, warned of slower growth.')).toEqual(['Ngozi Okonjo-Iweala']);
  });

  it('finds non-Western names and keeps titles and honorifics out of the span', () => {
    expect(names('Narendra Modi and Shinzo Abe signed the agreement in Tokyo on Friday.')).toEqual(['Narendra Modi', 'Shinzo Abe']);
    expect(names('Dr Tedros Adhanom Ghebreyesus, head of the World Health Organization, praised the response.')).toEqual(['Tedros Adhanom Ghebreyesus']);
    expect(names('Thai Prime Minister Prayuth Chan-ocha met Luiz Inacio Lula da Silva.')).toEqual(['Prayuth Chan-ocha', 'Luiz Inacio Lula da Silva']);
  });

  it('does not take days, places or organisations for people', () => {
    expect(names('Microsoft said on Tuesday it would open a new office in Paris next March.')).toEqual([]);
    expect(names('The United Nations Security Council met in New York on Thursday.')).toEqual([]);
    expect(names('Shares of Toyota and Samsung rose in Tokyo and Seoul on Wednesday.')).toEqual([]);
  });

  it('gives offsets per sentence when the sentences come separately', () => {
    const spans = findPersonSpansInDocument(['Priya Raman runs Northwind Holdings .', 'Raman said sales rose .']);
    expect(spans).toEqual([[{ text: 'Priya Raman', start: 0, end: 11 }], [{ text: 'Raman', start: 0, end: 5 }]]);
  });

  it('returns nothing for text without words', () => {
    expect(findPersonSpans('')).toEqual([]);
    expect(findPersonSpans(' \n -- 42 ')).toEqual([]);
  });
});

describe('tagDocument', () => {
  it('agrees with scoring every feature the way training does', () => {
    const model = defaultModel();
    const docs = [
      'Chinese President Xi Jinping met Vladimir Putin in Moscow . Xi praised Putin .',
      'SOCCER - LEEDS BEAT ARSENAL 2-1 . Ian Rush scored twice for Leeds at Highbury on Saturday .',
      'Ngozi Okonjo-Iweala said on Monday that the WTO would meet in Geneva . " We are ready , " she said .',
    ].map((d) => d.split(' . ').map((s) => s.split(' ')));
    for (const doc of docs) expect(tagDocument(model, doc)).toEqual(referenceTags(model, doc));
  });
});

const conllDir = path.resolve(process.cwd(), '../shared/data/conll2003');
const hasConll = existsSync(path.join(conllDir, 'train.jsonl'));
if (!hasConll) console.log(`ner tests: CoNLL-2003 not found at ${conllDir}; skipping the tokenizer check against it`);

describeWithData('tokenize on CoNLL-2003 text', hasConll, () => {
  it('gives back the CoNLL tokens of nearly every training sentence joined by spaces', () => {
    let same = 0;
    let total = 0;
    for (const line of readFileSync(path.join(conllDir, 'train.jsonl'), 'utf8').split('\n')) {
      if (line === '') continue;
      const { tokens } = JSON.parse(line) as { tokens: string[] };
      total++;
      if (words(tokens.join(' ')).join('\u0001') === tokens.join('\u0001')) same++;
    }
    expect(total).toBeGreaterThan(10_000);
    expect(same / total).toBeGreaterThan(0.998);
  });
});
