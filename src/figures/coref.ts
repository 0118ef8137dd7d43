/**
 * Light coreference for attribution: "he"/"she"/"his"/"her" resolve to the subject (first
 * non-possessive mention outside quotes) of the nearest sentence that names a compatible person;
 * "the minister" resolves to the person most recently named whose role has that noun.
 */
import { type Doc, sentenceIndexAt } from './doc.ts';
import type { Gender } from './lexicon/titles.ts';

const MAX_SENTENCES_BACK = 8;

export function pronounGender(word: string): Gender | undefined {
  const w = word.toLowerCase();
  if (w === 'he' || w === 'his' || w === 'him' || w === 'himself') return 'm';
  if (w === 'she' || w === 'her' || w === 'hers' || w === 'herself') return 'f';
  return undefined;
}

function compatible(doc: Doc, person: number, gender: Gender | undefined): boolean {
  const g = doc.people[person]?.gender;
  return g === undefined || gender === undefined || g === gender;
}

/** The person a pronoun at offset `at` refers to, if any; without a gender, any person ("the German"). */
export function resolvePronoun(doc: Doc, at: number, gender: Gender | undefined): number | undefined {
  const here = sentenceIndexAt(doc, at);
  for (let s = here; s >= 0 && s >= here - MAX_SENTENCES_BACK; s -= 1) {
    const sentence = doc.sentences[s];
    if (sentence === undefined) continue;
    const limit = s === here ? at : sentence.end;
    const candidates = doc.mentions.filter((m) => m.start >= sentence.start && m.end <= limit && !m.inQuote);
    const subject = candidates.find((m) => !m.possessive && compatible(doc, m.person, gender))
      ?? candidates.find((m) => compatible(doc, m.person, gender));
    if (subject !== undefined) return subject.person;
  }
  return undefined;
}

/** "the minister", "the chief executive": the most recently mentioned person whose role ends so. */
export function resolveRoleNoun(doc: Doc, at: number, noun: string): number | undefined {
  const lower = noun.toLowerCase();
  const before = doc.mentions.filter((m) => m.start < at).reverse();
  for (const m of before) {
    const role = doc.people[m.person]?.role?.toLowerCase();
    if (role !== undefined && (role === lower || role.endsWith(` ${lower}`) || role.includes(lower))) return m.person;
  }
  return undefined;
}
