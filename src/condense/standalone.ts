/**
 * Can a sentence stand alone as a bullet? Checks for what it leans on: a pronoun whose
 * antecedent sits in an earlier sentence, a quotation left open, a question, a bracketed aside.
 */

/** Personal and possessive pronouns that need an antecedent when they open a sentence. */
const OPENING_PRONOUNS: ReadonlySet<string> = new Set([
  'he', 'she', 'it', 'they', 'them', 'him', 'her', 'his', 'hers', 'its', 'their', 'theirs', 'we', 'our',
  "he's", "she's", "it's", "they're", "they've", "he'd", "she'd", "they'd", "he'll", "she'll", "they'll",
  'himself', 'herself', 'itself', 'themselves',
]);

/** Demonstratives are pronouns when a verb follows ("This is", "That was"), determiners otherwise. */
const DEMONSTRATIVES: ReadonlySet<string> = new Set(['this', 'that', 'these', 'those', "that's", 'such']);
const VERB_AFTER_DEMONSTRATIVE =
  /^(?:is|was|are|were|has|had|have|will|would|could|can|may|might|must|should|does|did|means|meant|comes|came|includes|included|shows|showed|makes|made|leads|led|left|gives|gave|seems|seemed|marks|marked|prompted|sparked|happened|'s|,)$/iu;

/**
 * Links to the previous sentence a bullet may drop: "And", "But", "Yet", or an adverb set off by
 * a comma ("However,", "Still,"). Without the comma "So far" or "Now 85" carry meaning.
 */
export const DROPPABLE_OPENERS =
  /^(?:(?:and|but|yet)\s+|(?:however|meanwhile|still|now|then|instead|indeed|moreover|besides|nonetheless|nevertheless|also|so|but|and|yet),\s+)/iu;

function openingWords(text: string): string[] {
  const body = text.replace(DROPPABLE_OPENERS, '');
  return body.split(/\s+/u, 3).map((w) => w.replace(/^[^\p{L}\d']+|[^\p{L}\d']+$/gu, '').toLowerCase());
}

/** ', she said.' closing a sentence: the speaker is named in an earlier sentence. */
const PRONOUN_SPEAKER = /[,"”]\s+(?:he|she|they)\s+(?:said|says|added|told|explained|wrote)\b[^,;]{0,40}$/iu;

/**
 * True when the sentence leans on an earlier one for who or what it is about: an opening
 * pronoun ("She broke the record", "This is", "It was") or a pronoun speaker ("..., she said.").
 */
export function opensWithDanglingPronoun(text: string): boolean {
  if (PRONOUN_SPEAKER.test(text)) return true;
  if (/^\s*["“‘']/u.test(text)) return false; // a quotation's "I" or "we" is the speaker's
  const [first = '', second = ''] = openingWords(text);
  if (OPENING_PRONOUNS.has(first)) return true;
  return DEMONSTRATIVES.has(first) && (first === "that's" || VERB_AFTER_DEMONSTRATIVE.test(second));
}

/** True when the sentence is a question (headline-style teasers and rhetorical asides). */
export function isQuestion(text: string): boolean {
  return /\?\s*["”’')\]]*\s*$/u.test(text);
}

/** True when the whole sentence sits in brackets: an aside or a disclosure. */
export function isBracketed(text: string): boolean {
  return /^\s*[([][^()[\]]*[)\]][.!?]?\s*$/u.test(text);
}

/** True when a quotation opens in the sentence and is not closed by its end. */
export function leavesQuoteOpen(text: string): boolean {
  const straight = (text.match(/"/gu) ?? []).length;
  const opens = (text.match(/“/gu) ?? []).length;
  const closes = (text.match(/”/gu) ?? []).length;
  return straight % 2 === 1 || opens > closes;
}
