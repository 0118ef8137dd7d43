/**
 * People named in an article, with aliases, role, organisation and attributed quotes.
 * Person spans come from `findPersonSpans` (the tagger); this layer cleans and merges them, so an
 * imperfect tagger still yields one entry per person and no false people.
 */
import type { Person, Quote } from '../core/types.ts';
import { buildDrafts, collectAliasesAndGender, findMentions, shortFormsOf } from './aliases.ts';
import { completeName } from './complete-name.ts';
import type { Doc, PersonDraft } from './doc.ts';
import { bare, isHonorific, isRoleHead } from './name-words.ts';
import { cleanCandidates, isBoilerplateLine, patternSpans, type NameCandidate } from './person-candidates.ts';
import { type Span, findPersonSpans } from './person-spans.ts';
import { findQuoteSegments } from './quote-marks.ts';
import { attributeQuotes } from './quotes.ts';
import { findReportedSpeech } from './reported.ts';
import { appositiveAfter, assignRoles, titleChainBefore } from './roles.ts';
import { FAMILY_FIRST_SURNAMES, givenNameGender } from './lexicon/names.ts';
import { SPEECH_VERBS } from './speakers.ts';
import { type TextSpan, splitParagraphSpans, splitSentenceSpans } from './text-spans.ts';

export interface PeopleArticle {
  title?: string;
  text: string;
  storyId?: string;
}

export interface FindPeopleOptions {
  /** Person-span finder; defaults to the project's tagger. Tests pass others to check robustness. */
  findSpans?: (text: string) => Span[];
  /** Sentences of the text with offsets, when the caller has already split them. */
  sentences?: TextSpan[];
}

const SPEECH_AFTER = new RegExp(`^\\s+(?:also\\s+|later\\s+|has\\s+|had\\s+)?${SPEECH_VERBS}\\b`, 'u');
// "told X" and "asked X" name the listener, not the speaker.
const SPEECH_BEFORE = new RegExp(`\\b(?!told\\b|tells\\b|asked\\b|asks\\b)${SPEECH_VERBS}\\s+$`, 'u');

/** Single-word names that are part of a multi-word name (a first name used alone) join that person. */
function attachSingles(text: string, drafts: PersonDraft[], singles: readonly NameCandidate[]): PersonDraft[] {
  const loose: PersonDraft[] = [];
  for (const s of singles) {
    const word = s.tokens[0] ?? '';
    const full = drafts.some((d) => d.tokens.includes(word)) ? undefined : completeName(text, word);
    if (full !== undefined && !loose.some((d) => d.tokens.includes(word))) {
      const name = full.join(' ');
      loose.push({ name, tokens: full, forms: new Set([name]), shortForms: shortFormsOf(full), aliases: new Set() });
      continue;
    }
    if (drafts.some((d) => d.shortForms.includes(word))) continue;
    const owners = drafts.filter((d) => d.tokens.includes(word));
    if (owners.length === 1 && owners[0] !== undefined) { owners[0].shortForms.push(word); continue; }
    if (owners.length > 1 || loose.some((d) => d.name === word)) continue;
    loose.push({ name: word, tokens: [word], forms: new Set(), shortForms: shortFormsOf([word]), aliases: new Set() });
  }
  return loose;
}

function looksLikeName(d: PersonDraft): boolean {
  const first = d.tokens[0]?.toLowerCase() ?? '';
  return d.tokens.length >= 2 && (d.tokens.some((t) => givenNameGender(t) !== undefined) || FAMILY_FIRST_SURNAMES.has(first)
    || /^\p{Lu}\p{Ll}+-\p{Ll}+$/u.test(d.tokens[d.tokens.length - 1] ?? ''));
}

/** "Quarry's founder", "Brightline's shares": the possessor is a company, not a person. */
const ORG_POSSESSION = /^['’]s\s+(?:[\p{Ll}-]+\s+){0,2}(?:founder|co-founder|shares|stock|board|shareholders|headquarters|revenue|profits?|sales|customers|employees|staff|workforce|subsidiary|chief executive|chairman|ceo|cfo|products|services|platform|devices|stores?|website|app|apps|earnings|market value|valuation)\b/u;

/**
 * How strongly the text says this is a person. Strong: a known given name, a title or honorific,
 * a role in a title chain or appositive. Weak: a speech verb next to the name, or the surname used
 * alone. Capitalised runs with neither ("The Winter Orchard", "Harbour Lights") are titles, teams
 * or places; a single word, or one that owns shares or a founder, needs strong evidence.
 */
function isPerson(doc: Doc, person: number): boolean {
  const d = doc.people[person];
  if (d === undefined) return false;
  if (looksLikeName(d)) return true;
  const own = doc.mentions.filter((m) => m.person === person && !m.inQuote);
  const strong = own.some((m) => {
    const before = doc.text.slice(Math.max(0, m.start - 40), m.start);
    const word = /([\p{L}.]+)\s+$/u.exec(before)?.[1] ?? '';
    if ((isHonorific(word) || isRoleHead(word)) && (/^\p{Lu}/u.test(word) || d.tokens.length >= 2)) return true;
    return titleChainBefore(doc, m) !== undefined || appositiveAfter(doc, m) !== undefined;
  });
  if (strong) return true;
  if (d.tokens.length < 2 || own.some((m) => ORG_POSSESSION.test(doc.text.slice(m.end, m.end + 40)))) return false;
  return own.some((m) => (m.short && d.tokens.length >= 2)
    || SPEECH_AFTER.test(doc.text.slice(m.end, m.end + 40)) || SPEECH_BEFORE.test(doc.text.slice(Math.max(0, m.start - 40), m.start)));
}

function buildDoc(text: string, spans: readonly Span[], sentences: TextSpan[]): Doc {
  const lines = splitParagraphSpans(text);
  const candidates = cleanCandidates(text, spans, lines);
  const { drafts, singles } = buildDrafts(candidates);
  const loose = attachSingles(text, drafts, singles);
  const doc: Doc = { text, sentences, lines, quotes: findQuoteSegments(text), people: [...drafts, ...loose], mentions: [] };
  locateMentions(doc);
  const weak = new Set(doc.people.map((_, i) => (isPerson(doc, i) ? -1 : i)).filter((i) => i >= 0));
  if (weak.size > 0) {
    doc.people = doc.people.filter((_, i) => !weak.has(i));
    locateMentions(doc);
  }
  collectAliasesAndGender(text, doc.people, doc.mentions);
  return doc;
}

function locateMentions(doc: Doc): void {
  const boiler = doc.lines.filter((l) => isBoilerplateLine(l.text));
  doc.mentions = findMentions(doc.text, doc.people)
    .filter((m) => !boiler.some((l) => l.start <= m.start && m.start < l.end))
    .map((m) => ({ ...m, inQuote: doc.quotes.some((q) => q.start <= m.start && m.start < q.end) }));
}

/**
 * Every person named in the article, in order of first mention, each once: the fullest name, the
 * aliases written in the text, role and organisation when the text gives them, and the quotes
 * attributed to them (direct, partial and reported). The title is not used: headlines drop the
 * context (titles, attribution) this relies on.
 */
export function findPeople(article: PeopleArticle, options: FindPeopleOptions = {}): Person[] {
  const { text } = article;
  const storyId = article.storyId ?? '';
  const spans = [...(options.findSpans ?? findPersonSpans)(text), ...patternSpans(text)];
  const doc = buildDoc(text, spans, options.sentences ?? splitSentenceSpans(text));
  assignRoles(doc);
  const quotes = [
    ...attributeQuotes(doc).map((q) => ({ ...q })),
    ...findReportedSpeech(doc).map((q) => ({ ...q, kind: 'reported' as const })),
  ].sort((a, b) => a.start - b.start);
  const firstSeen = new Map<number, number>();
  for (const m of doc.mentions) if (!firstSeen.has(m.person)) firstSeen.set(m.person, m.start);
  const order = [...firstSeen.entries()].sort((a, b) => a[1] - b[1]).map(([p]) => p);
  return order.flatMap((p) => {
    const d = doc.people[p];
    if (d === undefined) return [];
    const own: Quote[] = [];
    for (const q of quotes) {
      if (q.person !== p || own.some((o) => o.text === q.text)) continue;
      own.push({ text: q.text, kind: q.kind, sentence: q.sentence, storyId });
    }
    const aliases = [...d.aliases].filter((a) => a !== d.name && bare(a) !== bare(d.name));
    const person: Person = { name: d.name, aliases, quotes: own, storyIds: storyId === '' ? [] : [storyId] };
    if (d.role !== undefined) person.role = d.role;
    if (d.organisation !== undefined) person.organisation = d.organisation;
    return [person];
  });
}
