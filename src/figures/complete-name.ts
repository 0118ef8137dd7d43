/**
 * A tagger may return only the surname ("Persson") where the text gives the full name
 * ("Eva-Marie Persson"). This finds the fuller form: one or two name-like words written right
 * before the surname somewhere in the text.
 */
import { givenNameGender } from './lexicon/names.ts';
import {
  NAME_TOKEN, isAcronym, isBoilerplateWord, isCalendarWord, isFunctionWord, isOrgMarker, isPlace, isPlaceMarker, isTitleWord,
} from './name-words.ts';

function nameLike(word: string): boolean {
  return !(isTitleWord(word) || isFunctionWord(word) || isCalendarWord(word) || isPlace(word) || isOrgMarker(word)
    || isPlaceMarker(word) || isBoilerplateWord(word) || isAcronym(word));
}

/** The tokens of the fullest name ending in `surname` that the text writes, if any is longer. */
export function completeName(text: string, surname: string): string[] | undefined {
  const escaped = surname.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
  const re = new RegExp(String.raw`(?<![\p{L}\p{M}'’.-])(?:(${NAME_TOKEN})[ \t]+)?(${NAME_TOKEN})[ \t]+${escaped}(?![\p{L}\p{M}])`, 'gu');
  for (const m of text.matchAll(re)) {
    const given = m[2] ?? '';
    if (!nameLike(given) || /['’]s$/u.test(given)) continue;
    const before = m[1];
    // A second word only when the lists know it as a given name ("Mary Ann Smith"), not "Public Prosecution".
    const keepBefore = before !== undefined && nameLike(before) && givenNameGender(before) !== undefined;
    return keepBefore ? [before, given, surname] : [given, surname];
  }
  return undefined;
}
