/**
 * The title chain written before a name: "former Chinese leader Jiang Zemin", "Apple chief
 * executive Tim Cook", "Bank of Korea Governor Rhee Chang-ho", "his Russian counterpart Vladimir Putin".
 */
import { resolvePronoun, pronounGender } from './coref.ts';
import { type Doc, type Mention, mentionEndingAt, sentenceIndexAt } from './doc.ts';
import { bare, isFunctionWord, isHonorific, isNationality, isOrgMarker, isPlace, isRoleHead, isRoleWord } from './name-words.ts';
import { type TextSpan, tokenize } from './text-spans.ts';

export interface RoleFinding {
  role?: string;
  organisation?: string;
  counterpart?: { possessorAt: number; possessor?: number; modifiers: string; organisation?: string };
}

const POSSESSIVE = /['’]s$/u;

function span(text: string, tokens: readonly TextSpan[]): string {
  const first = tokens[0];
  const last = tokens[tokens.length - 1];
  return first === undefined || last === undefined ? '' : text.slice(first.start, last.end);
}

/** The title chain written right before a mention. */
export function titleChainBefore(doc: Doc, mention: Mention): RoleFinding | undefined {
  const sentence = doc.sentences[sentenceIndexAt(doc, mention.start)];
  if (sentence === undefined) return undefined;
  const tokens = tokenize(doc.text.slice(sentence.start, mention.start), sentence.start);
  let i = tokens.length - 1;
  let honorific = '';
  if (tokens[i]?.text === '.' && isHonorific(tokens[i - 1]?.text ?? '')) { honorific = tokens[i - 1]?.text ?? ''; i -= 2; }
  else if (isHonorific(tokens[i]?.text ?? '')) { honorific = tokens[i]?.text ?? ''; i -= 1; }
  // "The company's chief financial officer, Ana Souza, said ..."
  if (tokens[i]?.text === ',' && /^(?:\s*,|\s+(?:of|at|from)\s)/u.test(doc.text.slice(mention.end))) {
    // "The UN envoy for the region, Lena Hartmann," — the complement stays out of the role.
    let k = i - 1;
    while (k > i - 6 && k >= 1 && !isRoleHead(tokens[k]?.text ?? '')) {
      if (/^(?:for|of|in|at)$/u.test(tokens[k]?.text ?? '') && isRoleHead(tokens[k - 1]?.text ?? '')) { k -= 1; break; }
      k -= 1;
    }
    if (isRoleHead(tokens[k]?.text ?? '')) i = k;
  }
  const role: TextSpan[] = [];
  while (i >= 0) {
    const t = tokens[i];
    if (t === undefined) break;
    const prev = tokens[i - 1]?.text ?? '';
    if (isRoleWord(t.text) || isNationality(t.text) || (t.text === '.' && isRoleHead(prev) && role.length === 0)) role.unshift(t);
    else if ((t.text === 'of' || t.text === 'for') && role.length > 0 && isRoleWord(prev)) role.unshift(t);
    else break;
    i -= 1;
  }
  if (role.length === 0) {
    // A title-case title with its complement: "Deputy Director of Public Prosecution Eva-Marie Persson".
    const run: TextSpan[] = [];
    for (let k = i; k >= 0; k -= 1) {
      const t = tokens[k];
      const joiner = /^(?:of|for)$/u.test(t?.text ?? '') && run.length > 0;
      if (t === undefined || !(joiner || (/^\p{Lu}/u.test(t.text) && !isFunctionWord(t.text)))) break;
      run.unshift(t);
    }
    if (run.some((t) => isRoleHead(t.text)) && run.some((t) => /^(?:of|for)$/u.test(t.text)) && isRoleWord(run[0]?.text ?? '')) {
      return { role: span(doc.text, run) };
    }
  }
  if (!role.some((t) => isRoleHead(t.text))) {
    // "Prof Lars Eriksen of the Norwegian Space Centre": the academic title is the role.
    if (!/^prof/iu.test(honorific)) return undefined;
    const organisation = orgAfterName(doc, mention);
    return { role: 'professor', ...(organisation !== undefined ? { organisation } : {}) };
  }
  const org: TextSpan[] = [];
  while (i >= 0) {
    const t = tokens[i];
    if (t === undefined) break;
    const connector = /^(?:of|for|and|&)$/u.test(t.text) && org.length > 0 && /^\p{Lu}/u.test(tokens[i - 1]?.text ?? '') && !isFunctionWord(tokens[i - 1]?.text ?? '');
    if (!connector && (!/^\p{Lu}/u.test(t.text) || isFunctionWord(t.text))) break;
    if (POSSESSIVE.test(t.text) && org.length > 0) break;
    org.unshift(t);
    i -= 1;
  }
  const head = role[role.length - 1];
  if (head !== undefined && bare(head.text) === 'counterpart') {
    const modifiers = span(doc.text, role.slice(0, -1));
    const possessorTok = tokens[i];
    const possessorAt = org[0]?.start ?? possessorTok?.start ?? role[0]?.start ?? mention.start;
    const owner = org.length > 0 ? mentionEndingAt(doc, (org[org.length - 1]?.end ?? 0) - 2) ?? mentionEndingAt(doc, org[org.length - 1]?.end ?? 0) : undefined;
    const gender = pronounGender(possessorTok?.text ?? '');
    const possessor = owner?.person ?? (gender !== undefined ? resolvePronoun(doc, possessorTok?.start ?? 0, gender) : undefined);
    const organisation = owner === undefined ? orgText(doc, org) : undefined;
    return { counterpart: { possessorAt, ...(possessor !== undefined ? { possessor } : {}), modifiers, ...(organisation !== undefined ? { organisation } : {}) } };
  }
  // A capitalised common word opening the sentence ("Rescue swimmer X", while the text also says
  // "a rescue boat") belongs to the role, not to an organisation.
  const lone = org.length === 1 ? org[0] : undefined;
  if (lone !== undefined && lone.start === sentence.start && !isOrgMarker(lone.text) && new RegExp(`\\b${lone.text.toLowerCase()}\\b`, 'u').test(doc.text)) {
    role.unshift(lone);
    org.length = 0;
  }
  const organisation = orgText(doc, org) ?? orgAfterName(doc, mention);
  // "Chief executive Priya Raman" reads "chief executive"; "Finance Minister" keeps its capitals.
  const atSentenceStart = role[0]?.start === sentence.start && !isNationality(role[0]?.text ?? '')
    && !role.slice(1).some((t) => /^\p{Lu}/u.test(t.text) && isRoleWord(t.text));
  const finalRole = span(doc.text, role);
  const written = atSentenceStart ? finalRole.charAt(0).toLowerCase() + finalRole.slice(1) : finalRole;
  return { role: written, ...(organisation !== undefined ? { organisation } : {}) };
}

/** "Chief executive Priya Raman of Northwind": the organisation written right after the name. */
function orgAfterName(doc: Doc, mention: Mention): string | undefined {
  if (mention.possessive) return undefined;
  const m = /^\s+of\s+(?:the\s+)?(\p{Lu}[\p{L}\p{M}'’&.-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?\p{Lu}[\p{L}\p{M}'’&.-]*){0,5})/u
    .exec(doc.text.slice(mention.end, mention.end + 120));
  const name = m?.[1]?.replace(/['’]s$/u, '');
  if (name === undefined || isPlace(name) || isFunctionWord(name)) return undefined;
  return doc.mentions.some((x) => x.start === mention.end + (m?.[0].length ?? 0) - (m?.[1]?.length ?? 0)) ? undefined : name;
}

function orgText(doc: Doc, org: readonly TextSpan[]): string | undefined {
  if (org.length === 0) return undefined;
  const first = org[0];
  const last = org[org.length - 1];
  if (first === undefined || last === undefined) return undefined;
  const text = doc.text.slice(first.start, last.end).replace(POSSESSIVE, '');
  // A person's name before a title ("Putin spokesman") is not an organisation; nor is a place.
  if (doc.mentions.some((m) => m.start < last.end && first.start < m.end)) return undefined;
  if (org.every((t) => isNationality(t.text))) return undefined;
  return text;
}
