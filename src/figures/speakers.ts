/**
 * Who is speaking at a given point of the text: a named mention (after an optional title chain),
 * "he"/"she" resolved to a person, or "the minister" resolved by role. `null` means a speaker is
 * written there but is not a known person (an organisation, "officials"), `undefined` that no
 * speaker is written there at all.
 */
import { pronounGender, resolvePronoun, resolveRoleNoun } from './coref.ts';
import { type Doc, mentionEndingAt } from './doc.ts';
import { isFunctionWord, isHonorific, isNationality, isRoleHead, isRoleWord } from './name-words.ts';

export const SPEECH_VERBS = String.raw`(?:said|says|say|told|tells|added|adds|asked|asks|explained|noted|argued|insisted|warned|claimed|declared|announced|replied|responded|wrote|writes|tweeted|posted|commented|continued|remarked|recalled|acknowledged|admitted|conceded|cautioned|urged|predicted|suggested|stressed|emphasi[sz]ed|observed|countered|confirmed|maintained|joked|shouted|vowed|pledged|promised|complained|boasted|concluded|explains|notes|argues|insists|warns|claims|adds)`;
export const ADVERBS = String.raw`(?:(?:also|later|then|previously|once|recently|repeatedly|earlier|again|simply|flatly|firmly|bluntly|separately|has|had|have|was|would|will|went\s+on\s+to|had\s+previously)\s+)*`;

export interface SpeakerHit {
  person: number | null;
  /** Offset just after the speaker phrase. */
  end: number;
}

const SKIPPABLE_BEFORE_NAME = 8;
const DESCRIBED = /^the\s+(?:(\p{Lu}\p{Ll}+)|\d{1,3}-year-old(?:\s+\p{Ll}+)?)(?=\s|,)/u;
const DEMONYMS = /^(?:Spaniard|Briton|Frenchman|Frenchwoman|Dane|Swede|Finn|Pole|Scot|Welshman|Irishman|Dutchman|Argentine|Brazilian|Kenyan|Nigerian)$/u;

/** A speaker phrase starting at `at` (leading spaces allowed). */
export function speakerAtStart(doc: Doc, at: number): SpeakerHit | undefined {
  const rest = doc.text.slice(at, at + 160);
  const lead = /^\s*/u.exec(rest)?.[0].length ?? 0;
  const from = at + lead;
  const pronoun = /^(he|she)\b/iu.exec(rest.slice(lead));
  if (pronoun !== null) {
    const gender = pronounGender(pronoun[1] ?? '');
    const person = gender === undefined ? undefined : resolvePronoun(doc, from, gender);
    return { person: person ?? null, end: from + (pronoun[1]?.length ?? 0) };
  }
  // "the German", "the 24-year-old": a description of someone already named.
  const described = DESCRIBED.exec(rest.slice(lead));
  if (described !== null && (described[1] === undefined || isNationality(described[1]) || DEMONYMS.test(described[1]))) {
    return { person: resolvePronoun(doc, from, undefined) ?? null, end: from + described[0].length };
  }
  // Skip a title chain ("Russian President", "the company's chief executive") up to a mention.
  let pos = from;
  for (let k = 0; k <= SKIPPABLE_BEFORE_NAME; k += 1) {
    const mention = doc.mentions.find((m) => m.start === pos && !m.inQuote);
    if (mention !== undefined && !mention.possessive) return { person: mention.person, end: mention.end };
    const word = /^([\p{L}\p{M}'’.-]+),?\s+/u.exec(doc.text.slice(pos, pos + 60));
    if (word === null) break;
    const w = word[1] ?? '';
    if (!(isRoleWord(w) || isNationality(w) || isHonorific(w) || /^(?:the|a|an|his|her|its|of|for|and|&)$/iu.test(w) || /['’]s$/u.test(w) || /^\p{Lu}/u.test(w))) break;
    pos += word[0].length;
  }
  // "the minister said", "the company said in a statement": the noun phrase ends at the verb.
  const role = new RegExp(`^the\\s+((?:[\\p{Ll}'’-]+\\s+){0,3}?[\\p{Ll}-]+)(?=\\s+${ADVERBS}${SPEECH_VERBS}\\b)`, 'u').exec(rest.slice(lead))
    ?? /^the\s+([\p{Ll}-]+)/u.exec(rest.slice(lead));
  if (role !== null) {
    const words = (role[1] ?? '').split(/\s+/u);
    const head = words[words.length - 1] ?? '';
    if (isRoleHead(head)) return { person: resolveRoleNoun(doc, from, head) ?? null, end: from + role[0].length };
    return { person: null, end: from + role[0].length };
  }
  const other = /^(\p{Lu}[\p{L}\p{M}'’-]*(?:\s+\p{Lu}[\p{L}\p{M}'’-]*){0,4})/u.exec(rest.slice(lead));
  if (other !== null && !isFunctionWord(other[1] ?? '')) return { person: null, end: from + (other[1]?.length ?? 0) };
  return undefined;
}

/** A speaker phrase ending at `at` (the subject of a verb that starts at `at`), not before `floor`. */
export function speakerEndingAt(doc: Doc, at: number, floor: number): SpeakerHit | undefined {
  const before = doc.text.slice(floor, at);
  const trimmed = before.replace(new RegExp(`\\s+${ADVERBS}$`, 'u'), '').replace(/\s+$/u, '');
  const end = floor + trimmed.length;
  const mention = mentionEndingAt(doc, end);
  if (mention !== undefined && !mention.inQuote && !mention.possessive) return { person: mention.person, end };
  const pronoun = /\b(he|she)$/iu.exec(trimmed);
  if (pronoun !== null) {
    const gender = pronounGender(pronoun[1] ?? '');
    const p = floor + pronoun.index;
    return { person: gender === undefined ? null : resolvePronoun(doc, p, gender) ?? null, end };
  }
  const described = /\bthe\s+(?:(\p{Lu}\p{Ll}+)|\d{1,3}-year-old(?:\s+\p{Ll}+)?)$/u.exec(trimmed);
  if (described !== null && (described[1] === undefined || isNationality(described[1]) || DEMONYMS.test(described[1]))) {
    return { person: resolvePronoun(doc, floor + described.index, undefined) ?? null, end };
  }
  const role = /\bthe\s+(?:[\p{Ll}-]+\s+){0,3}([\p{Ll}-]+)$/u.exec(trimmed);
  if (role !== null) {
    const head = role[1] ?? '';
    const p = floor + role.index;
    return { person: isRoleHead(head) ? resolveRoleNoun(doc, p, head) ?? null : null, end };
  }
  // "Lukin, an associate professor at ..., said": look through an appositive.
  if (trimmed.endsWith(',')) {
    const named = mentionEndingAt(doc, end - 1);
    if (named !== undefined && !named.inQuote) return { person: named.person, end };
    for (let c = trimmed.lastIndexOf(',', trimmed.length - 2); c > 0; c = trimmed.lastIndexOf(',', c - 1)) {
      const inner = mentionEndingAt(doc, floor + c);
      if (inner !== undefined && !inner.inQuote) return { person: inner.person, end };
      if (trimmed.length - c > 140) break;
    }
  }
  if (/\p{Lu}[\p{L}\p{M}'’-]*$/u.test(trimmed) || /\b(?:officials?|police|spokesman|spokeswoman|statement|ministry|government|company|it|they|we)$/iu.test(trimmed)) {
    return { person: null, end };
  }
  return undefined;
}
