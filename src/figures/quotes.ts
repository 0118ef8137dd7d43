/**
 * Attributes quoted passages to people: '"...," Lukin said', '"...," said Lukin', 'Raman told
 * reporters: "..."', partial quotes inside a sentence with the speaker's verb, quotations that run
 * over several sentences or paragraphs, and unattributed follow-on quotes from the last speaker.
 */
import { type Doc, sentenceIndexAt } from './doc.ts';
import type { QuoteSegment } from './quote-marks.ts';
import { endsWithAbbreviation } from './text-spans.ts';
import { ADVERBS, SPEECH_VERBS, type SpeakerHit, speakerAtStart, speakerEndingAt } from './speakers.ts';

export interface FoundQuote {
  person: number;
  text: string;
  kind: 'direct' | 'partial';
  sentence: string;
  start: number;
}

const PARTIAL_VERBS = String.raw`(?:${SPEECH_VERBS}|described|describing|called|calling|termed|branded|dubbed|labell?ed|dismissed|praised|hailed|critici[sz]ed|accused|denounced|condemned|likened|referred|characteri[sz]ed|saying|adding|warning|insisting|arguing|vowing|promising|urging|telling|calling)`;
const PARTICIPLE = /ing$/u;
const MAX_AFTER_CHARS = 220;

interface Attribution { hit: SpeakerHit | undefined; direct: boolean }

function afterText(doc: Doc, q: QuoteSegment, nextOpen: number): { text: string; at: number } | undefined {
  if (q.close === undefined) return undefined;
  const at = q.close + 1;
  let text = doc.text.slice(at, Math.min(nextOpen, at + MAX_AFTER_CHARS)).split('\n')[0] ?? '';
  for (const stop of text.matchAll(/[.!?](?:\s|$)/gu)) {
    if (stop[0].startsWith('.') && endsWithAbbreviation(text.slice(0, stop.index + 1))) continue;
    text = text.slice(0, stop.index);
    break;
  }
  return { text, at };
}

/** '"...," Lukin said' / '"...," said Lukin' / '"...," Lukin, an analyst, said'. */
function attributionAfter(doc: Doc, q: QuoteSegment, nextOpen: number): SpeakerHit | undefined {
  const after = afterText(doc, q, nextOpen);
  if (after === undefined) return undefined;
  const lastInside = doc.text.slice(q.start, q.end).trimEnd().slice(-1);
  const lead = /^\s*(?:,|—|–|-)?\s*/u.exec(after.text)?.[0] ?? '';
  if (!/[,!?…—–-]/u.test(lastInside) && !lead.includes(',')) return undefined;
  const body = after.text.slice(lead.length);
  const verbFirst = new RegExp(`^${ADVERBS}${SPEECH_VERBS}\\b\\s*`, 'u').exec(body);
  if (verbFirst !== null) return speakerAtStart(doc, after.at + lead.length + verbFirst[0].length);
  const subject = speakerAtStart(doc, after.at + lead.length);
  if (subject === undefined) return undefined;
  const tail = doc.text.slice(subject.end, after.at + after.text.length);
  return new RegExp(`^\\s*(?:,[^,]{1,140},\\s*)?${ADVERBS}${SPEECH_VERBS}\\b`, 'u').test(tail) ? subject : undefined;
}

/** 'Raman told reporters: "..."' or 'Lukin said the deal was "a turning point"'. */
function attributionBefore(doc: Doc, q: QuoteSegment, floor: number, sentenceStart: number): Attribution | undefined {
  const before = doc.text.slice(floor, q.open);
  const verbs = [...before.matchAll(new RegExp(`\\b${PARTIAL_VERBS}\\b`, 'gu'))];
  for (const v of verbs.reverse()) {
    const verbAt = floor + v.index;
    let hit = speakerEndingAt(doc, verbAt, floor);
    // "..., calling it", "... and called it", "..., but said": the verb shares the sentence's subject.
    const shared = PARTICIPLE.test(v[0]) || /\b(?:and|but|then)\s+$/u.test(doc.text.slice(Math.max(sentenceStart, verbAt - 8), verbAt));
    if ((hit === undefined || hit.person === null) && shared) hit = subjectOfSentence(doc, sentenceStart, verbAt) ?? hit;
    if (hit === undefined) continue;
    const between = before.slice(v.index + v[0].length);
    const direct = /[:,]\s*$/u.test(between) && between.length < 90 && /^\p{Lu}/u.test(doc.text.slice(q.start, q.start + 1));
    return { hit, direct };
  }
  return undefined;
}

/** The first speaker of the clause before `limit`: "Raman ..., calling it ...". */
function subjectOfSentence(doc: Doc, floor: number, limit: number): SpeakerHit | undefined {
  const lead = /^(?:\s*(?:But|And|Yet|However|Meanwhile|On \p{Lu}\p{Ll}+|In [^,]{1,40}|At [^,]{1,40}|\p{Lu}\p{Ll}+ing\b[^,]{0,60}),?\s*)?/u.exec(doc.text.slice(floor, limit))?.[0] ?? '';
  const hit = speakerAtStart(doc, floor + lead.length);
  return hit !== undefined && hit.end <= limit ? hit : undefined;
}

function sentenceOf(doc: Doc, q: QuoteSegment): string {
  const a = doc.sentences[sentenceIndexAt(doc, q.open)];
  const b = doc.sentences[sentenceIndexAt(doc, Math.max(q.open, (q.close ?? q.end) - 1))];
  if (a === undefined || b === undefined) return doc.text.slice(q.open, q.end);
  return doc.text.slice(a.start, Math.max(a.end, b.end));
}

function cleanQuote(text: string): string {
  return text.replace(/\s+/gu, ' ').replace(/[,;:—–-]+$/u, '').trim();
}

/** Attribute every quote segment of the document. */
export function attributeQuotes(doc: Doc): FoundQuote[] {
  const speakers: (number | null | undefined)[] = [];
  const kinds: ('direct' | 'partial')[] = [];
  doc.quotes.forEach((q, i) => {
    const sentence = doc.sentences[sentenceIndexAt(doc, q.open)];
    const prevClose = doc.quotes[i - 1]?.close ?? -1;
    const floor = Math.max(sentence?.start ?? 0, prevClose + 1);
    const nextOpen = doc.quotes[i + 1]?.open ?? doc.text.length;
    const atSentenceStart = doc.text.slice(floor, q.open).trim() === '';
    const after = attributionAfter(doc, q, nextOpen);
    const before = after === undefined ? attributionBefore(doc, q, floor, sentence?.start ?? 0) : undefined;
    speakers.push(after !== undefined ? after.person : before?.hit?.person);
    kinds.push(atSentenceStart || before?.direct === true ? 'direct' : 'partial');
  });
  inheritWithinChains(doc, speakers);
  continueFromLastSpeaker(doc, speakers, kinds);
  const out: FoundQuote[] = [];
  doc.quotes.forEach((q, i) => {
    const person = speakers[i];
    const text = cleanQuote(doc.text.slice(q.start, q.end));
    if (person === null || person === undefined || text === '') return;
    if (kinds[i] === 'partial' && text.split(/\s+/u).length < 2) return;
    out.push({ person, text, kind: kinds[i] ?? 'direct', sentence: sentenceOf(doc, q), start: q.start });
  });
  return out;
}

function inheritWithinChains(doc: Doc, speakers: (number | null | undefined)[]): void {
  const byChain = new Map<number, number | null>();
  doc.quotes.forEach((q, i) => {
    const s = speakers[i];
    if (s !== undefined && !byChain.has(q.chain)) byChain.set(q.chain, s);
  });
  doc.quotes.forEach((q, i) => {
    if (speakers[i] === undefined && byChain.has(q.chain)) speakers[i] = byChain.get(q.chain);
  });
}

/** A stand-alone quote with no attribution continues the last speaker if nobody else came between. */
function continueFromLastSpeaker(doc: Doc, speakers: (number | null | undefined)[], kinds: readonly string[]): void {
  let last: number | null | undefined;
  let lastEnd = 0;
  doc.quotes.forEach((q, i) => {
    const s = speakers[i];
    if (s !== undefined) { last = s; lastEnd = q.close ?? q.end; return; }
    if (kinds[i] !== 'direct') return;
    const between = doc.mentions.filter((m) => !m.inQuote && m.start >= lastEnd && m.end <= q.open);
    const others = new Set(between.map((m) => m.person));
    const colon = /:\s*$/u.test(doc.text.slice(lastEnd, q.open));
    const gapSentences = doc.text.slice(lastEnd, q.open).split(/[.!?]\s/u).length;
    if (others.size === 0 && last !== undefined) speakers[i] = last;
    else if (others.size === 1 && (colon || gapSentences <= 3)) speakers[i] = [...others][0];
    if (speakers[i] !== undefined) { last = speakers[i]; lastEnd = q.close ?? q.end; }
  });
}
