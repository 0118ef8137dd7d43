/**
 * Turns raw person spans (from the tagger, plus a few precise patterns of our own) into clean
 * name candidates: snapped to whole words, without titles, possessives or boilerplate, split
 * at "and", and rejected when they name a place, an organisation or a day.
 */
import type { Span } from './person-spans.ts';
import { KNOWN_NON_PERSON_PHRASES } from './lexicon/non-person.ts';
import { FAMILY_FIRST_SURNAMES, NAME_SUFFIXES, givenNameGender } from './lexicon/names.ts';
import {
  NAME_TOKEN, bare, isAcronym, isRoleHead, isBoilerplateWord, isDay, isFunctionWord, isMonth, isNationality, isOrgMarker,
  isPlace, isPlaceMarker, isTitleWord,
} from './name-words.ts';
import type { TextSpan } from './text-spans.ts';

export interface NameCandidate {
  /** The name as written, without title or possessive. */
  text: string;
  tokens: string[];
  start: number;
  end: number;
}

const WORD_CHAR = /[\p{L}\p{M}]/u;
const PARTICLE_TAIL = /^(?:\s+(?:(?:van|von|der|den|de|del|da|di|du|ten|ter|bin|ibn|dos|das)\s+)+\p{Lu}[\p{L}\p{M}'’-]*|\s+(?:al|el)-\p{Lu}[\p{L}\p{M}'’-]*)/u;

/** Lines that are page furniture: captions, credits, bylines, ads. */
const BOILERPLATE_LINE = /^(?:photo|photograph|image|picture|video|credit|source|caption|advertisement|sponsored|reporting by|additional reporting|editing by|writing by|by\s+\p{Lu}[\p{L}'’-]+(?:\s+\p{Lu}[\p{L}'’-]+){0,3}\s*(?:[,|]|$)|(?:getty|reuters|afp|ap|epa)\b|read more|related|watch:?|listen:?|sign up|share this|follow us)/iu;

export function isBoilerplateLine(line: string): boolean {
  const trimmed = line.trim();
  if (BOILERPLATE_LINE.test(trimmed)) return true;
  // A credit in brackets or after a slash at the end of a caption: "(Photo: Reuters/Jane Doe)".
  return /^\(?(?:reporting|editing|writing)\b/iu.test(trimmed);
}

const ROLE_BEFORE_COMMA = 'officer|executive|director|chairman|chairwoman|chair|founder|president|minister|secretary|spokesman|spokeswoman|spokesperson|manager|coach|captain|leader|head|chief|economist|analyst|editor|professor';

/** Spans found by patterns that almost always introduce a person: honorifics and quote attributions. */
export function patternSpans(text: string): Span[] {
  const name = String.raw`${NAME_TOKEN}(?:\s+(?:(?:van|von|der|de|da|di|du|la|le|ten|bin|al)\s+)?(?:${NAME_TOKEN}|(?:al|el)-${NAME_TOKEN})){0,3}`;
  const patterns = [
    new RegExp(String.raw`\b(?:Mr|Mrs|Ms|Dr|Prof|Sir|Dame|Mx|Sheikh|Sheik|Emir|Lord|Lady|Madame)\.?\s+(${name})`, 'gu'),
    new RegExp(String.raw`[,?!…]["”'’]\s+(?:said|says|asked|added|continued)\s+(${name})`, 'gu'),
    new RegExp(String.raw`[,?!…]["”'’]\s+(${name})\s+(?:said|says|asked|added|continued)\b`, 'gu'),
    // "The company's chief financial officer, Ana Souza, said"
    new RegExp(String.raw`\b(?:${ROLE_BEFORE_COMMA}),\s+(${name}),`, 'gu'),
  ];
  const out: Span[] = [];
  // A role word right before a name: "Mayor Ayşe Demir", "coach Sven Halvorsen".
  for (const m of text.matchAll(new RegExp(String.raw`(?<![\p{L}\p{M}'’-])([\p{L}-]+)\s+(?=(${name}))`, 'gu'))) {
    const role = m[1] ?? '';
    const found = m[2] ?? '';
    if (!isRoleHead(role) || (/^\p{Ll}/u.test(role) && !/\s/u.test(found))) continue;
    const start = m.index + m[0].length;
    out.push({ text: found, start, end: start + found.length });
  }
  // "Derriel Morris, a neighbour at the marina, ...": a name of two or more words with a role appositive.
  for (const m of text.matchAll(new RegExp(String.raw`(?<![\p{L}\p{M}'’-])(${name}),\s+(?:a|an|the)\s+(?:[\p{Ll}-]+\s+){0,3}?([\p{Ll}-]+)\s+(?:at|of|for|with|from|in|who)\b`, 'gu'))) {
    const found = m[1] ?? '';
    const noun = m[2] ?? '';
    if (!/\s/u.test(found) || !(isRoleHead(noun) || /(?:er|or|ist|ian)$/u.test(noun))) continue;
    out.push({ text: found, start: m.index, end: m.index + found.length });
  }
  for (const re of patterns) {
    for (const m of text.matchAll(re)) {
      const found = m[1];
      if (found === undefined) continue;
      const start = m.index + m[0].lastIndexOf(found);
      out.push({ text: found, start, end: start + found.length });
    }
  }
  return out;
}

function snap(text: string, span: Span): { start: number; end: number } {
  let { start, end } = span;
  while (start > 0 && WORD_CHAR.test(text[start - 1] ?? '')) start -= 1;
  // A known given or family name the tagger left outside: "Nguyen [Thi Lan]".
  const before = /(\p{Lu}[\p{L}\p{M}]+) $/u.exec(text.slice(Math.max(0, start - 30), start));
  const word = before?.[1] ?? '';
  if (before !== null && (FAMILY_FIRST_SURNAMES.has(word.toLowerCase()) || givenNameGender(word) !== undefined)) start -= before[0].length;
  // Surname particles the tagger left outside: "Marco [de Santis]", "Khalid [al-Mansouri]".
  const particles = PARTICLE_TAIL.exec(text.slice(end, end + 60));
  if (particles !== null) end += particles[0].length;
  for (;;) {
    const ch = text[end] ?? '';
    if (WORD_CHAR.test(ch)) end += 1;
    else if (/['’-]/u.test(ch) && WORD_CHAR.test(text[end + 1] ?? '') && !/^['’]s\b/u.test(text.slice(end, end + 3))) end += 1;
    else break;
  }
  return { start, end };
}

interface Piece { text: string; start: number }

function splitPieces(text: string, start: number, end: number): Piece[] {
  const raw = text.slice(start, end);
  const pieces: Piece[] = [];
  let from = 0;
  for (const m of raw.matchAll(/\s*(?:,|;|\band\b|&|\bor\b|\n)\s*/gu)) {
    pieces.push({ text: raw.slice(from, m.index), start: start + from });
    from = m.index + m[0].length;
  }
  pieces.push({ text: raw.slice(from), start: start + from });
  return pieces;
}

function tokensOf(piece: Piece): TextSpan[] {
  return [...piece.text.matchAll(/\S+/gu)].map((m) => ({ text: m[0], start: piece.start + m.index, end: piece.start + m.index + m[0].length }));
}

function stripPossessive(tokens: TextSpan[]): void {
  const last = tokens[tokens.length - 1];
  if (last === undefined) return;
  const m = /['’]s?$/u.exec(last.text);
  if (m === null) return;
  last.text = last.text.slice(0, m.index);
  last.end -= m[0].length;
  if (last.text === '') tokens.pop();
}

function stripPrefix(tokens: TextSpan[]): TextSpan[] {
  let t = tokens;
  let afterFunctionWord = false;
  // Sentence-initial function words, days, places and known phrases before the name.
  for (;;) {
    const [first, second] = t;
    if (first === undefined || t.length < 2) break;
    if (second !== undefined && KNOWN_NON_PERSON_PHRASES.has(`${bare(first.text)} ${bare(second.text)}`) && t.length > 2) {
      t = t.slice(2);
    } else if (isPlace(first.text) && (afterFunctionWord || t.length > 2)) {
      // "In Moscow Putin ...", "Moscow Sergei Sobyanin"; but keep "Jordan Henderson".
      t = t.slice(1);
    } else if (isFunctionWord(first.text) || isDay(first.text) || isMonth(first.text) || isBoilerplateWord(first.text)
      || isTitleWord(first.text) || isAcronym(first.text)) {
      afterFunctionWord = isFunctionWord(first.text);
      t = t.slice(1);
    } else break;
  }
  // A title inside the run ends everything before it: "Pentagon Press Secretary Pat Ryder".
  for (let i = t.length - 2; i >= 0; i -= 1) {
    const rest = t.slice(i + 1);
    if (isTitleWord(t[i]?.text ?? '') && !rest.every((r) => NAME_SUFFIXES.has(bare(r.text)))) return rest;
  }
  return t;
}

function rejects(tokens: TextSpan[]): boolean {
  if (tokens.length === 0) return true;
  const words = tokens.map((t) => t.text);
  const phrase = words.join(' ').toLowerCase();
  if (KNOWN_NON_PERSON_PHRASES.has(phrase) || isPlace(phrase)) return true;
  if (words.some((w) => !/^\p{Lu}/u.test(w) && !/^(?:(?:van|von|der|den|de|del|da|di|du|la|le|ten|ter|bin|ibn|al|el|abu|dos|das)|(?:al|el)-\p{Lu}.*)$/u.test(w))) return true;
  if (words.some((w) => isDay(w) || isBoilerplateWord(w) || isOrgMarker(w) || isPlaceMarker(w) || isAcronym(w))) return true;
  if (words.length === 1 && (isMonth(words[0] ?? '') || isFunctionWord(words[0] ?? '') || isTitleWord(words[0] ?? ''))) return true;
  return isNationality(words[words.length - 1] ?? '') || /\d/u.test(phrase);
}

/**
 * Clean spans into name candidates. Spans on boilerplate lines are dropped; the rest are snapped to
 * whole words, split at "and"/commas, stripped of leading titles and possessives, and rejected when
 * they look like places, organisations, days or page furniture.
 */
export function cleanCandidates(text: string, spans: readonly Span[], lines: readonly TextSpan[]): NameCandidate[] {
  const out: NameCandidate[] = [];
  for (const span of spans) {
    if (span.end <= span.start || span.start < 0 || span.end > text.length) continue;
    const line = lines.find((l) => l.start <= span.start && span.start < l.end);
    if (line !== undefined && isBoilerplateLine(line.text)) continue;
    const { start, end } = snap(text, span);
    for (const piece of splitPieces(text, start, end)) {
      const tokens = tokensOf(piece);
      stripPossessive(tokens);
      const kept = stripPrefix(tokens);
      if (rejects(kept)) continue;
      const first = kept[0];
      const last = kept[kept.length - 1];
      if (first === undefined || last === undefined) continue;
      out.push({ text: text.slice(first.start, last.end), tokens: kept.map((t) => t.text), start: first.start, end: last.end });
    }
  }
  return out;
}
