import type { Lexicon } from './lexicon.ts';
import { PHRASE_MAX_TOKENS } from './lexicon.ts';
import { isAllCapsSentence, wordForm } from './word-form.ts';
import type { WordForm } from './word-form.ts';

/** Feature templates; a feature is a (template, value) pair. Stage-two templates are in doc-features.ts. */
export const T = {
  bias: 0, word: 1, raw: 2, prefix: 3, suffix: 4, shape: 5, shapeL1: 6, shapeR1: 7, shapeL2: 8, shapeR2: 9,
  wordL1: 10, wordR1: 11, wordL2: 12, wordR2: 13, bigramL: 14, bigramR: 15, shape3: 16, ctxShape: 17,
  caseClass: 18, slot: 19, slotL1: 20, slotR1: 21, phrase: 22, docCase: 23, lenShape: 24, ctxWord: 25,
} as const;
export const STAGE1_TEMPLATES = 26;

export type Emit = (template: number, value: string) => void;

/** One sentence with everything the templates read, computed once per document. */
export interface SentenceView {
  words: readonly string[];
  forms: readonly WordForm[];
  allCaps: boolean;
  /** Per token: "B-PER"/"I-PER"... when a known multi-word entity covers it, else '' or missing. */
  phrase: string[];
}

export interface DocView {
  sentences: SentenceView[];
  /** lower form → 'C' seen capitalised mid-sentence, 'l' seen lower-case mid-sentence, 'Cl' both. */
  midCase: Map<string, string>;
}

export function viewDocument(
  doc: readonly (readonly string[])[],
  lex: Lexicon,
  knownForms?: readonly (readonly WordForm[])[],
): DocView {
  const midCase = new Map<string, string>();
  const sentences = doc.map((words, s) => {
    const forms = knownForms?.[s] ?? words.map(wordForm);
    const allCaps = isAllCapsSentence(forms);
    if (!allCaps) {
      for (let i = 1; i < forms.length; i++) {
        const f = forms[i] as WordForm;
        if (!f.hasLetter) continue;
        const seen = midCase.get(f.lower) ?? '';
        const mark = f.capitalised ? 'C' : 'l';
        if (!seen.includes(mark)) midCase.set(f.lower, mark === 'C' ? 'C' + seen : seen + 'l');
      }
    }
    return { words, forms, allCaps, phrase: matchPhrases(forms, lex) };
  });
  return { sentences, midCase };
}

const phraseStarts = new WeakMap<Lexicon, Set<string>>();

function startsOf(lex: Lexicon): Set<string> {
  let starts = phraseStarts.get(lex);
  if (starts === undefined) {
    starts = new Set([...lex.phrases.keys()].map((p) => p.slice(0, p.indexOf(' '))));
    phraseStarts.set(lex, starts);
  }
  return starts;
}

function matchPhrases(forms: readonly WordForm[], lex: Lexicon): string[] {
  const out: string[] = [];
  const starts = startsOf(lex);
  for (let i = 0; i < forms.length; ) {
    const first = forms[i] as WordForm;
    let matched = 0;
    if (starts.has(first.lower)) {
      for (let n = Math.min(PHRASE_MAX_TOKENS, forms.length - i); n >= 2 && matched === 0; n--) {
        let key = first.lower;
        for (let k = 1; k < n; k++) key += ' ' + (forms[i + k] as WordForm).lower;
        const type = lex.phrases.get(key);
        if (type === undefined) continue;
        out[i] = 'B-' + type;
        for (let k = 1; k < n; k++) out[i + k] = 'I-' + type;
        matched = n;
      }
    }
    i += matched > 0 ? matched : 1;
  }
  return out;
}
