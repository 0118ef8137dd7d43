import { isAllCapsSentence, wordForm } from './word-form.ts';

/**
 * What the tagger knows about words beyond the weights, all counted from labelled training text:
 * how often a word is written in lower case mid-sentence, and which entity slots a word or phrase filled.
 */
export interface Lexicon {
  /** lower form → case class: L (always lower), l (mostly), c (mostly capitalised), C (always), with a frequency digit. */
  caseClass: Map<string, string>;
  /** lower form → gazetteer flags such as "PER-F" (first token of a person name), "LOC-S" (a whole one-word place). */
  slots: Map<string, string[]>;
  /** "lower lower ..." (two to five tokens) → entity type of the phrase as a whole. */
  phrases: Map<string, string>;
}

export interface LabelledSentence {
  tokens: readonly string[];
  /** BIO tags: B-PER, I-ORG, O, ... */
  tags: readonly string[];
}

export const PHRASE_MAX_TOKENS = 5;

export function buildLexicon(sentences: Iterable<LabelledSentence>): Lexicon {
  const caseCounts = new Map<string, [number, number]>();
  const slotCounts = new Map<string, Map<string, number>>();
  const phraseCounts = new Map<string, Map<string, number>>();
  for (const s of sentences) {
    const forms = s.tokens.map(wordForm);
    if (!isAllCapsSentence(forms)) {
      for (let i = 1; i < forms.length; i++) {
        const f = forms[i];
        if (f === undefined || !f.hasLetter) continue;
        const c = caseCounts.get(f.lower) ?? [0, 0];
        c[f.capitalised ? 1 : 0]++;
        caseCounts.set(f.lower, c);
      }
    }
    for (const [start, end, type] of entitySpans(s.tags)) {
      const words = forms.slice(start, end).map((f) => f.lower);
      for (let i = 0; i < words.length; i++) {
        const pos = words.length === 1 ? 'S' : i === 0 ? 'F' : i === words.length - 1 ? 'L' : 'M';
        bump(slotCounts, words[i] ?? '', `${type}-${pos}`);
      }
      if (words.length > 1 && words.length <= PHRASE_MAX_TOKENS) bump(phraseCounts, words.join(' '), type);
    }
  }
  const caseClass = new Map<string, string>();
  for (const [w, [low, cap]] of caseCounts) {
    const r = low / (low + cap);
    const cls = r >= 0.95 ? 'L' : r >= 0.5 ? 'l' : r > 0.05 ? 'c' : 'C';
    const n = low + cap;
    caseClass.set(w, cls + (n === 1 ? '1' : n < 5 ? '2' : '3'));
  }
  const slots = new Map<string, string[]>();
  for (const [w, counts] of slotCounts) slots.set(w, [...counts.keys()].sort());
  const phrases = new Map<string, string>();
  for (const [p, counts] of phraseCounts) phrases.set(p, argmax(counts));
  return { caseClass, slots, phrases };
}

/** [start, end, type] for every entity in BIO tags (end exclusive). */
export function entitySpans(tags: readonly string[]): [number, number, string][] {
  const spans: [number, number, string][] = [];
  let start = -1;
  let type = '';
  for (let i = 0; i <= tags.length; i++) {
    const tag = tags[i] ?? 'O';
    const continues = tag.startsWith('I-') && tag.slice(2) === type;
    if (start >= 0 && !continues) {
      spans.push([start, i, type]);
      start = -1;
    }
    if (tag !== 'O' && !continues) {
      start = i;
      type = tag.slice(2);
    }
  }
  return spans;
}

function bump(m: Map<string, Map<string, number>>, key: string, value: string): void {
  const inner = m.get(key) ?? new Map<string, number>();
  inner.set(value, (inner.get(value) ?? 0) + 1);
  m.set(key, inner);
}

function argmax(counts: Map<string, number>): string {
  let best = '';
  let bestN = -1;
  for (const [k, n] of counts) {
    if (n > bestN) {
      best = k;
      bestN = n;
    }
  }
  return best;
}
