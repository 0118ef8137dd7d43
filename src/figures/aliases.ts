/**
 * Names and their aliases: merges name candidates into person drafts, works out each name's short
 * form (surname, or family name written first: "Xi Jinping" → "Xi"), and finds every mention of a
 * person in the text, full or short, with the aliases actually written ("Mr Putin", "President Xi").
 */
import type { Mention, PersonDraft } from './doc.ts';
import { FAMILY_FIRST_SURNAMES, NAME_PARTICLES, NAME_SUFFIXES, VIETNAMESE_SURNAMES, givenNameGender } from './lexicon/names.ts';
import { HONORIFICS } from './lexicon/titles.ts';
import { bare, isFunctionWord, isHonorific, isMonth, isRoleWord, isTitleWord } from './name-words.ts';
import type { NameCandidate } from './person-candidates.ts';

/** Short forms a name can be referred to by, most likely first. */
export function shortFormsOf(tokens: readonly string[]): string[] {
  const core = tokens.filter((t, i) => i === 0 || !NAME_SUFFIXES.has(bare(t)));
  const first = core[0];
  const last = core[core.length - 1];
  if (first === undefined || last === undefined) return [];
  if (core.length === 1) return [first];
  const firstLower = first.toLowerCase();
  // Korean given names are hyphenated ("Rhee Chang-ho", "Moon Jae-in"): the family name comes first.
  const koreanGiven = core.length === 2 && /^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(last);
  if ((FAMILY_FIRST_SURNAMES.has(firstLower) || koreanGiven) && core.length <= 3) {
    return VIETNAMESE_SURNAMES.has(firstLower) ? [last, first] : [first, last];
  }
  const particle = core.findIndex((t, i) => i > 0 && NAME_PARTICLES.has(t.toLowerCase()));
  if (particle > 0 && particle < core.length - 1) return [core.slice(particle).join(' '), last];
  return [last];
}

function initialOf(a: string, b: string): boolean {
  return /^\p{Lu}\.?$/u.test(a) && b.startsWith(a.replace('.', ''));
}

/** Two full names of one person: same surname, and same or initial-compatible first name. */
function sameName(a: readonly string[], b: readonly string[]): boolean {
  if (a.join(' ') === b.join(' ')) return true;
  const sa = shortFormsOf(a);
  const sb = shortFormsOf(b);
  if (sa[0] !== sb[0] || a.length < 2 || b.length < 2) return false;
  const fa = a[0] ?? '';
  const fb = b[0] ?? '';
  if (!(fa === fb || initialOf(fa, fb) || initialOf(fb, fa))) return false;
  // Middle names or initials may differ in presence but not contradict.
  const [short, long] = a.length <= b.length ? [a, b] : [b, a];
  return short.every((t) => long.some((u) => u === t || initialOf(t, u) || initialOf(u, t)));
}

/** Merge multi-word candidates into drafts; single words are returned apart for linking later. */
export function buildDrafts(candidates: readonly NameCandidate[]): { drafts: PersonDraft[]; singles: NameCandidate[] } {
  const drafts: PersonDraft[] = [];
  const singles: NameCandidate[] = [];
  for (const c of [...candidates].sort((x, y) => x.start - y.start)) {
    if (c.tokens.length < 2) { singles.push(c); continue; }
    const found = drafts.find((d) => sameName(d.tokens, c.tokens));
    if (found === undefined) {
      drafts.push({ name: c.text, tokens: c.tokens, forms: new Set([c.text]), shortForms: shortFormsOf(c.tokens), aliases: new Set() });
      continue;
    }
    found.forms.add(c.text);
    if (c.tokens.length > found.tokens.length) {
      found.name = c.text;
      found.tokens = c.tokens;
    }
  }
  return { drafts, singles };
}

const MONTH_CONTEXT = /\b(?:in|on|since|until|by|of|last|next|early|late|mid|from|through|during|this)\s+$/iu;
interface WordIndex { words: { text: string; start: number; end: number }[]; byText: Map<string, number[]> }

/** Every word of the text once (a possessive 's left off), so each name form is found by lookup. */
function indexWords(text: string): WordIndex {
  const words: WordIndex['words'] = [];
  const byText = new Map<string, number[]>();
  for (const m of text.matchAll(/[\p{L}\p{M}]+(?:[-'’.][\p{L}\p{M}]+)*/gu)) {
    const word = m[0].replace(/['’]s$/u, '');
    const at = words.push({ text: word, start: m.index, end: m.index + word.length }) - 1;
    const list = byText.get(word);
    if (list === undefined) byText.set(word, [at]);
    else list.push(at);
  }
  return { words, byText };
}

/** Where a name form is written as whole words, separated only by spaces. */
function occurrences(text: string, index: WordIndex, form: string): { start: number; end: number }[] {
  const parts = form.split(/\s+/u).map((p) => p.replace(/\.$/u, ''));
  const out: { start: number; end: number }[] = [];
  for (const at of index.byText.get(parts[0] ?? '') ?? []) {
    let ok = true;
    for (let k = 1; k < parts.length && ok; k += 1) {
      const prev = index.words[at + k - 1];
      const next = index.words[at + k];
      ok = prev !== undefined && next !== undefined && next.text === parts[k] && /^\.?\s+$/u.test(text.slice(prev.end, next.start));
    }
    const first = index.words[at];
    const last = index.words[at + parts.length - 1];
    if (ok && first !== undefined && last !== undefined) out.push({ start: first.start, end: last.end });
  }
  return out;
}

function wordBefore(text: string, at: number): string {
  return /([\p{L}\p{M}.'’-]+)[ \t]+$/u.exec(text.slice(Math.max(0, at - 40), at))?.[1] ?? '';
}

function wordAfter(text: string, at: number): string {
  return /^[ \t]+([\p{L}\p{M}'’-]+)/u.exec(text.slice(at, at + 40))?.[1] ?? '';
}

/** Whether a short-form hit stands alone, not inside someone else's name ("Spike Lee"). */
function standsAlone(text: string, start: number, end: number): boolean {
  const before = wordBefore(text, start);
  if (/^\p{Lu}/u.test(before) && !isTitleWord(before) && !isFunctionWord(before) && !/[.]$/u.test(before)) return false;
  const after = wordAfter(text, end);
  return !(/^\p{Lu}/u.test(after) && !isFunctionWord(after));
}

/**
 * Every mention of every draft: full forms first, then short forms where they stand alone. A
 * short form shared by two people goes to the one named in full most recently.
 */
export function findMentions(text: string, drafts: readonly PersonDraft[]): Mention[] {
  const hits: Mention[] = [];
  const forms: { person: number; form: string; short: boolean; afterHonorific?: boolean }[] = [];
  drafts.forEach((d, person) => {
    for (const f of d.forms) forms.push({ person, form: f, short: false });
    for (const f of d.shortForms) forms.push({ person, form: f, short: true });
    // "Sir Geoffrey", "Sheikh Khalid": an honorific before the given name.
    const given = d.tokens[0];
    if (d.tokens.length >= 2 && given !== undefined && !d.shortForms.includes(given)) forms.push({ person, form: given, short: true, afterHonorific: true });
  });
  forms.sort((a, b) => b.form.length - a.form.length);
  const index = indexWords(text);
  const taken = (s: number, e: number): boolean => hits.some((h) => s < h.end && h.start < e);
  for (const { person, form, short, afterHonorific } of forms) {
    for (const { start, end } of occurrences(text, index, form)) {
      if (taken(start, end)) continue;
      if (short && (!standsAlone(text, start, end) || isFunctionWord(form))) continue;
      if (afterHonorific === true && !isHonorific(wordBefore(text, start))) continue;
      if (short && isMonth(form) && (MONTH_CONTEXT.test(text.slice(Math.max(0, start - 12), start)) || /^\s*\d/u.test(text.slice(end, end + 3)))) continue;
      const possessive = /^['’]s?\b/u.test(text.slice(end, end + 2));
      hits.push({ person, start, end, possessive, short, inQuote: false });
    }
  }
  hits.sort((a, b) => a.start - b.start);
  reassignShared(text, hits, drafts);
  return hits;
}

function reassignShared(text: string, hits: Mention[], drafts: readonly PersonDraft[]): void {
  const lastFull = new Map<string, number>();
  for (const h of hits) {
    const d = drafts[h.person];
    if (d === undefined) continue;
    if (!h.short) {
      for (const f of d.shortForms) lastFull.set(f, h.person);
      continue;
    }
    const owner = lastFull.get(text.slice(h.start, h.end));
    if (owner !== undefined) h.person = owner;
  }
}

/** Aliases as written next to each mention, and gender from honorifics or the given name. */
export function collectAliasesAndGender(text: string, drafts: PersonDraft[], mentions: readonly Mention[]): void {
  for (const m of mentions) {
    const d = drafts[m.person];
    if (d === undefined) continue;
    const written = text.slice(m.start, m.end);
    if (written !== d.name) d.aliases.add(written);
    const before = wordBefore(text, m.start);
    const honorific = HONORIFICS.get(bare(before));
    if (honorific !== undefined && d.gender === undefined) d.gender = honorific;
    if (m.short && /^\p{Lu}/u.test(before) && (isHonorific(before) || isRoleWord(before))) {
      d.aliases.add(`${before} ${written}`);
    }
  }
  for (const d of drafts) {
    if (d.gender !== undefined) continue;
    for (const t of d.tokens) {
      const g = givenNameGender(t);
      if (g !== undefined) { d.gender = g; break; }
    }
  }
}
