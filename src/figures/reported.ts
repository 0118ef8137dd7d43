/**
 * Reported speech in sentences without quotation marks: "according to X, ...", "X said (that) ...",
 * "..., X said." The quote text is the reported clause.
 */
import { type Doc } from './doc.ts';
import { ADVERBS, type SpeakerHit, speakerAtStart } from './speakers.ts';
import type { TextSpan } from './text-spans.ts';

export interface ReportedQuote {
  person: number;
  text: string;
  sentence: string;
  start: number;
}

const REPORT_VERBS = String.raw`(?:said|says|told|tells|added|adds|warned|warns|argued|argues|insisted|insists|claimed|claims|stressed|noted|notes|announced|confirmed|explained|predicted|acknowledged|admitted|believes|suggested|maintained|estimated|estimates|reckons|thinks|wrote|writes|expects)`;
const LEADING_ADVERBIAL = /^(?:(?:But|And|Yet|However|Meanwhile|Still|Separately|Earlier|Later|Now|On \p{Lu}\p{Ll}+|In [^,"“]{1,40}|At [^,"“]{1,40}|\p{Lu}\p{Ll}+ing\b[^,"“]{0,60}|Last \p{Ll}+|This \p{Ll}+),\s*|(?:But|And|Yet|Now)\s+)?/u;
/** Between the speaker and the verb: an appositive, "of Boğaziçi University", or "thanked his cast and". */
const BEFORE_VERB = String.raw`(?:\s+(?:of|at|from)\s+(?:the\s+)?\p{Lu}[\p{L}\p{M}'’&-]*(?:\s+(?:of\s+|&\s+)?\p{Lu}[\p{L}\p{M}'’-]*)*)?(?:\s*,[^,]{1,140},|\s*,|\s+[^,.;"“]{1,60}?\s+and)?`;
const OBJECT = String.raw`(?:(?:reporters|journalists|lawmakers|legislators|investors|analysts|supporters|delegates|students|staff|parliament|me|us|him|her|them|the\s+[\p{L}-]+(?:\s+[\p{L}-]+)?|\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,3})\s+)?`;
const TIME = String.raw`(?:(?:separately|also|later|repeatedly|again|privately|publicly|on\s+\p{Lu}\p{Ll}+|yesterday|today|last\s+\p{Ll}+|earlier\s+this\s+\p{Ll}+|this\s+\p{Ll}+|in\s+a\s+(?:statement|interview|speech|post|letter|briefing|note)(?:\s+(?:on|to|with)\s+[^,]{1,30}?)?|at\s+a\s+[\p{Ll}\s]{1,30}?(?:conference|briefing|meeting|summit|rally|event))\s+)*`;
const MIN_CLAUSE_WORDS = 4;

function clean(text: string): string {
  return text.replace(/\s+/gu, ' ').replace(/^[\s,;:]+|[\s,;:.]+$/gu, '').trim();
}

function words(text: string): number {
  return text.split(/\s+/u).filter(Boolean).length;
}

function accordingTo(doc: Doc, s: TextSpan): ReportedQuote | undefined {
  const m = /\baccording to\s+/iu.exec(s.text);
  if (m === null) return undefined;
  const hit = speakerAtStart(doc, s.start + m.index + m[0].length);
  if (hit?.person === null || hit === undefined) return undefined;
  let phraseEnd = hit.end - s.start;
  // "according to X, an analyst at Y," — drop the appositive with the phrase.
  const appositive = /^,\s*(?:an?|the)\s[^,]+,/u.exec(s.text.slice(phraseEnd));
  if (appositive !== null) phraseEnd += appositive[0].length;
  const text = clean(`${s.text.slice(0, m.index)} ${s.text.slice(phraseEnd)}`);
  return words(text) >= MIN_CLAUSE_WORDS ? { person: hit.person, text, sentence: s.text, start: s.start } : undefined;
}

function saidThat(doc: Doc, s: TextSpan): ReportedQuote | undefined {
  const lead = LEADING_ADVERBIAL.exec(s.text)?.[0] ?? '';
  const hit = speakerAtStart(doc, s.start + lead.length);
  if (hit?.person === null || hit === undefined) return undefined;
  const rest = doc.text.slice(hit.end, s.end);
  const verb = new RegExp(`^${BEFORE_VERB}\\s+${ADVERBS}${REPORT_VERBS}\\s+`, 'u').exec(rest);
  if (verb === null) return undefined;
  const afterVerb = rest.slice(verb[0].length);
  const object = /told|tells|warned|warns/u.test(verb[0]) ? OBJECT : '';
  // "told the control room in Bengaluru that ...": a place or occasion may come before "that".
  const clause = afterVerb.replace(new RegExp(`^${object}${TIME}(?:(?:(?:in|at|from|during|after)\\s+[^,]{1,40}?\\s+)?that\\s+)?`, 'u'), '');
  if (/^(?:to|it\s+was\s+time|on|in|at|of|by)\b/u.test(clause)) return undefined;
  const text = clean(clause);
  return words(text) >= MIN_CLAUSE_WORDS ? { person: hit.person, text, sentence: s.text, start: s.start } : undefined;
}

function trailingSaid(doc: Doc, s: TextSpan): ReportedQuote | undefined {
  const comma = s.text.lastIndexOf(',');
  if (comma <= 0) return undefined;
  const tail = s.text.slice(comma + 1);
  const at = s.start + comma + 1;
  let hit: SpeakerHit | undefined;
  const verbFirst = new RegExp(`^\\s*${REPORT_VERBS}\\s+`, 'u').exec(tail);
  if (verbFirst !== null) hit = speakerAtStart(doc, at + verbFirst[0].length);
  else {
    const subject = speakerAtStart(doc, at);
    const rest = subject === undefined ? '' : doc.text.slice(subject.end, s.end);
    if (subject !== undefined && new RegExp(`^\\s+${ADVERBS}${REPORT_VERBS}\\b[^,]{0,60}$`, 'u').test(rest)) hit = subject;
  }
  if (hit === undefined || hit.person === null) return undefined;
  // The speaker phrase must end the sentence, apart from a short tail ("on Tuesday").
  if (words(doc.text.slice(hit.end, s.end)) > 8) return undefined;
  const text = clean(s.text.slice(0, comma));
  return words(text) >= MIN_CLAUSE_WORDS ? { person: hit.person, text, sentence: s.text, start: s.start } : undefined;
}

/** "Previous rounds collapsed within hours, she said, but this time ...". */
function parenthetical(doc: Doc, s: TextSpan): ReportedQuote | undefined {
  for (const c of s.text.matchAll(/,\s+/gu)) {
    const hit = speakerAtStart(doc, s.start + c.index + c[0].length);
    if (hit === undefined || hit.person === null) continue;
    const verb = new RegExp(`^\\s+${ADVERBS}${REPORT_VERBS},\\s*`, 'u').exec(doc.text.slice(hit.end, s.end));
    if (verb === null) continue;
    const text = clean(`${s.text.slice(0, c.index)}, ${doc.text.slice(hit.end + verb[0].length, s.end)}`);
    if (words(s.text.slice(0, c.index)) >= 3) return { person: hit.person, text, sentence: s.text, start: s.start };
  }
  return undefined;
}

/** Reported speech from every sentence that has no quotation marks. */
export function findReportedSpeech(doc: Doc): ReportedQuote[] {
  const out: ReportedQuote[] = [];
  for (const s of doc.sentences) {
    if (doc.quotes.some((q) => q.open < s.end && s.start < q.end) || /["“”]/u.test(s.text)) continue;
    const found = accordingTo(doc, s) ?? saidThat(doc, s) ?? trailingSaid(doc, s) ?? parenthetical(doc, s);
    if (found !== undefined) out.push(found);
  }
  return out;
}
