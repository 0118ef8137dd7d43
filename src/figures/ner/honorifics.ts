/**
 * Honorifics are not part of a name (CoNLL convention: "Mr Putin" tags only "Putin"), and news
 * text uses them far more than the 1996 wire copy the model learned from, so they get a rule:
 * the honorific leaves the span, and a capitalised word right after one is a person.
 */
const HONORIFICS = new Set(['mr', 'mrs', 'ms', 'miss', 'dr', 'mr.', 'mrs.', 'ms.', 'dr.', 'messrs', 'messrs.']);

/** Longest name run the rule will create after an honorific, in tokens. */
const NAME_MAX_TOKENS = 3;

const HONORIFIC_MAX_CHARS = 7;

/** "Mr", "Dr.", "MRS" (a lower-case "miss" is the verb). */
export function isHonorific(word: string): boolean {
  const first = word.charCodeAt(0);
  if (first < 65 || first > 90 || word.length > HONORIFIC_MAX_CHARS) return false;
  return HONORIFICS.has(word.toLowerCase());
}

/** Returns tags with honorifics moved out of PER spans and names after honorifics tagged PER. */
export function applyHonorifics(words: readonly string[], tags: readonly string[]): readonly string[] {
  if (!words.some(isHonorific)) return tags;
  const out = tags.slice();
  for (let i = 0; i + 1 < words.length; i++) {
    if (!isHonorific(words[i] ?? '') || !/^\p{Lu}/u.test(words[i + 1] ?? '')) continue;
    if (out[i] !== 'O' && out[i + 1] === 'I-PER') {
      out[i] = 'O';
      out[i + 1] = 'B-PER';
      continue;
    }
    if (out[i + 1] === 'B-PER' || out[i + 1] === 'I-PER') continue;
    let end = i + 1;
    while (end < words.length && end - i <= NAME_MAX_TOKENS && /^\p{Lu}/u.test(words[end] ?? '') && !isHonorific(words[end] ?? '')) end++;
    // the run replaces whatever entity the model saw there: clear its remainder so BIO stays valid
    let tail = end;
    while (tail < out.length && (out[tail] ?? '').startsWith('I-')) out[tail++] = 'O';
    for (let j = i + 1; j < end; j++) out[j] = j === i + 1 ? 'B-PER' : 'I-PER';
    out[i] = 'O';
  }
  return out;
}
