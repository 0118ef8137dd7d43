import type { DocView, Emit } from './features.ts';
import { STAGE1_TEMPLATES } from './features.ts';
import { entitySpans } from './lexicon.ts';

/** Stage-two templates: what the first pass said about this word elsewhere in the document. */
export const T2 = {
  docMajority: STAGE1_TEMPLATES, docAny: STAGE1_TEMPLATES + 1, docInLonger: STAGE1_TEMPLATES + 2,
  first: STAGE1_TEMPLATES + 3, firstL: STAGE1_TEMPLATES + 4, firstR: STAGE1_TEMPLATES + 5,
} as const;
export const TEMPLATE_COUNT = STAGE1_TEMPLATES + 6;

const TYPES = ['PER', 'ORG', 'LOC', 'MISC'];

interface Mention {
  s: number;
  start: number;
  end: number;
  type: string;
}

/** Document-wide memory of the first pass, indexed by lower-cased word. */
export interface FirstPass {
  tags: readonly (readonly string[])[];
  /** lower → count per [O, PER, ORG, LOC, MISC] over the word's occurrences. */
  counts: Map<string, number[]>;
  /** lower → multi-word mentions that contain it. */
  inMentions: Map<string, Mention[]>;
}

export function summariseFirstPass(doc: DocView, tags: readonly (readonly string[])[]): FirstPass {
  const counts = new Map<string, number[]>();
  const inMentions = new Map<string, Mention[]>();
  doc.sentences.forEach((sent, s) => {
    const st = tags[s] ?? [];
    sent.forms.forEach((f, i) => {
      if (!f.hasLetter || f.caps === 'l') return;
      const c = counts.get(f.lower) ?? [0, 0, 0, 0, 0];
      const tag = st[i] ?? 'O';
      const slot = tag === 'O' ? 0 : 1 + TYPES.indexOf(tag.slice(2));
      c[slot] = (c[slot] ?? 0) + 1;
      counts.set(f.lower, c);
    });
    for (const [start, end, type] of entitySpans(st)) {
      if (end - start < 2) continue;
      for (let i = start; i < end; i++) {
        const f = sent.forms[i];
        if (f === undefined || !f.hasLetter || f.caps === 'l') continue;
        const list = inMentions.get(f.lower) ?? [];
        list.push({ s, start, end, type });
        inMentions.set(f.lower, list);
      }
    }
  });
  return { tags, counts, inMentions };
}

/** Emits the stage-two features of token i of sentence s. */
export function emitDocument(doc: DocView, first: FirstPass, s: number, i: number, emit: Emit): void {
  const sent = doc.sentences[s];
  const f = sent?.forms[i];
  const st = first.tags[s] ?? [];
  const own = st[i] ?? 'O';
  emit(T2.first, own);
  emit(T2.firstL, (st[i - 1] ?? '<s>') + ' ' + own);
  emit(T2.firstR, own + ' ' + (st[i + 1] ?? '</s>'));
  if (f === undefined || !f.hasLetter || f.caps === 'l') return;
  const c = first.counts.get(f.lower);
  if (c !== undefined) {
    const others = c.slice();
    const slot = own === 'O' ? 0 : 1 + TYPES.indexOf(own.slice(2));
    others[slot] = (others[slot] ?? 0) - 1;
    let best = -1;
    let bestN = 0;
    for (let k = 0; k < others.length; k++) {
      const n = others[k] as number;
      if (n > 0 && k > 0) emit(T2.docAny, TYPES[k - 1] as string);
      if (n > bestN) {
        best = k;
        bestN = n;
      }
    }
    if (best >= 0) emit(T2.docMajority, best === 0 ? 'O' : (TYPES[best - 1] as string));
  }
  const mentions = first.inMentions.get(f.lower);
  if (mentions !== undefined) {
    const seen = new Set<string>();
    for (const m of mentions) {
      if (m.s === s && i >= m.start && i < m.end) continue;
      if (seen.has(m.type)) continue;
      seen.add(m.type);
      emit(T2.docInLonger, m.type);
    }
  }
}
