/**
 * The appositive after a name: ", an associate professor at Russia's Far Eastern Federal
 * University," gives role and organisation; so does ", Apple's chief executive,".
 */
import { type Doc, type Mention, sentenceIndexAt } from './doc.ts';
import { OF_TITLES } from './lexicon/titles.ts';
import { isNationality, isOrgMarker, isPlace, isRoleHead, isRoleWord } from './name-words.ts';
import type { RoleFinding } from './title-chain.ts';

const MAX_ROLE_WORDS = 7;
const MAX_PLAIN_WORDS = 3;
const AUXILIARY = /\s(?:has|have|had|is|are|was|were|will|would|can|could|did|does|do|should|must|may)\s/u;

const APPOSITIVE_STOP = /^(?:who|which|whose|where|when|while|speaking|according|said|says|told|added|and|but|in|on|at)\b/iu;

/** The appositive right after a mention: ", an associate professor at X," or ", Apple's chief executive,". */
export function appositiveAfter(doc: Doc, mention: Mention): RoleFinding | undefined {
  if (mention.possessive) return undefined;
  const sentence = doc.sentences[sentenceIndexAt(doc, mention.start)];
  if (sentence === undefined) return undefined;
  const after = doc.text.slice(mention.end, sentence.end);
  const lead = /^\s*,\s*(?:(?:aged\s+)?\d{1,3}\s*,\s*)?/u.exec(after);
  if (lead === null || !after.trimStart().startsWith(',')) return undefined;
  let seg = after.slice(lead[0].length).split(/[,;:()"“”]|\s[-–—]\s|\.(?:\s|$)|\s(?:said|says|told|added|warned)\b/u)[0]?.trim() ?? '';
  if (seg === '' || APPOSITIVE_STOP.test(seg)) return undefined;
  // A missing comma: "Rajnath Singh, India's Home Minister has promised ..." ends at the verb.
  seg = seg.split(AUXILIARY)[0]?.trim() ?? '';
  if (seg === '') return undefined;
  // "a landlord who owns three flats": after "a"/"an", any plain noun phrase describes the person.
  const indefinite = /^an?\s/iu.test(seg);
  seg = seg.replace(/^(?:a|an|the)\s+/iu, '').replace(/^\p{Ll}[\p{L}-]*['’]s\s+/u, '');
  seg = seg.split(/\s(?:who|which|that|whose|where|since|after|before|when)(?:\s|$)/u)[0] ?? seg;
  const possessive = /^(\p{Lu}[\p{L}\p{M}\s.&'’-]*?)['’]s\s+(.+)$/u.exec(seg);
  if (possessive !== null) {
    // "Taylor Swift, Ellie's favourite singer": a person's possessive is no organisation.
    const owner = possessive[1] ?? '';
    const isPerson = doc.people.some((p) => p.forms.has(owner) || p.shortForms.includes(owner) || p.tokens[0] === owner);
    return checked(possessive[2] ?? '', isPerson ? undefined : owner, false, true);
  }
  let roleEnd = seg.length;
  let organisation: string | undefined;
  for (const m of seg.matchAll(/\s(at|of|for|with|from|in)\s+/gu)) {
    const left = seg.slice(0, m.index);
    const right = seg.slice(m.index + m[0].length);
    const prep = m[1] ?? '';
    if (OF_TITLES.some((re) => re.test(`${left} ${prep} ${right}`.toLowerCase()))) continue;
    if (!/^(?:the\s+)?\p{Lu}/u.test(right)) {
      // "professor of antitrust law" keeps its complement; "nurse at a clinic" does not.
      if (prep === 'of') continue;
      roleEnd = m.index;
      break;
    }
    roleEnd = m.index;
    const named = capitalisedRun(right.replace(/^the\s+/u, ''));
    if (prep === 'from' || prep === 'in') organisation = named.split(/\s+/u).some(isOrgMarker) ? named : undefined;
    else organisation = named;
    break;
  }
  return checked(seg.slice(0, roleEnd), organisation, indefinite);
}

/** The leading run of capitalised words, with "of", "for", "and", "&" between them. */
function capitalisedRun(text: string): string {
  const m = /^\p{Lu}[\p{L}\p{M}\d'’&.-]*(?:\s+(?:(?:of|for|and|&|de|du|des|del|di)\s+(?:the\s+)?)?\p{Lu}[\p{L}\p{M}\d'’&.-]*)*/u.exec(text);
  return (m?.[0] ?? '').replace(/[.,]+$/u, '');
}

/** A role worth keeping; a place is an organisation only as an owner ("India's Home Minister"). */
function checked(role: string, organisation: string | undefined, indefinite: boolean, placeIsOrg = false): RoleFinding | undefined {
  const words = role.trim().split(/\s+/u);
  const plain = indefinite && words.length <= MAX_PLAIN_WORDS && words.every((w) => /^\p{Ll}[\p{Ll}-]*$/u.test(w));
  if (words.length > MAX_ROLE_WORDS || !(plain || words.some(isRoleHead))) return undefined;
  if (!words.every((w) => /^[\p{Ll}\d]/u.test(w) || isRoleWord(w) || isNationality(w) || /^\p{Lu}{2,}$/u.test(w))) return undefined;
  const org = organisation?.trim();
  const keepOrg = org !== undefined && org !== '' && (placeIsOrg || !isPlace(org));
  return { role: role.trim(), ...(keepOrg ? { organisation: org } : {}) };
}
