/**
 * Word classes used when deciding whether a capitalised word belongs to a name.
 */
import { HONORIFICS, NATIONALITIES, ROLE_HEADS, ROLE_MODIFIERS } from './lexicon/titles.ts';
import { BOILERPLATE, DAYS, FUNCTION_WORDS, MONTHS, ORG_MARKERS, PLACE_MARKERS, PLACES } from './lexicon/non-person.ts';

/** Lower case without a trailing dot or possessive: "Mr." → "mr", "Apple's" → "apple". */
export function bare(word: string): string {
  return word.replace(/['’]s$/u, '').replace(/\.$/u, '').toLowerCase();
}

export const isHonorific = (word: string): boolean => HONORIFICS.has(bare(word));

/** A nationality only when capitalised, so the pronoun "us" never counts. */
export const isNationality = (word: string): boolean => /^\p{Lu}/u.test(word) && NATIONALITIES.has(bare(word));

function everyPart(word: string, test: (part: string) => boolean): boolean {
  const parts = bare(word).split('-').filter(Boolean);
  return parts.length > 0 && parts.every(test);
}

/** A role head ("president"), hyphenated ones included ("vice-president", "ex-president"). */
/** Abbreviated titles ("Capt. Thomas Grenz", "Sen. Maria Castillo") read as the role they abbreviate. */
const TITLE_ABBREVIATIONS: Record<string, string> = {
  capt: 'captain', gen: 'general', lt: 'lieutenant', col: 'colonel', sgt: 'sergeant', gov: 'governor', sen: 'senator',
  rep: 'representative', adm: 'admiral', det: 'detective', insp: 'inspector', supt: 'superintendent', cmdr: 'commander',
  pres: 'president', amb: 'ambassador', atty: 'attorney', maj: 'major', cpl: 'corporal', pvt: 'private',
};

const ROLE_SUFFIX = /^\p{L}{3,}(?:ologist|onomist|ician|(?<![qk]v|qu)ist)$/u;

export const isRoleHead = (word: string): boolean =>
  ROLE_HEADS.has(bare(word)) || (/^\p{Lu}/u.test(word) && TITLE_ABBREVIATIONS[bare(word)] !== undefined) || ROLE_SUFFIX.test(bare(word)) || (everyPart(word, (p) => ROLE_HEADS.has(p) || ROLE_MODIFIERS.has(p) || /^(?:ex|in|of|at|large)$/u.test(p))
    && bare(word).split('-').some((p) => ROLE_HEADS.has(p)));

export const isRoleModifier = (word: string): boolean =>
  ROLE_MODIFIERS.has(bare(word)) || everyPart(word, (p) => ROLE_MODIFIERS.has(p) || p === 'ex');

export const isRoleWord = (word: string): boolean => isRoleHead(word) || isRoleModifier(word);

/** Title-like words that end the non-name prefix of a capitalised run. */
export const isTitleWord = (word: string): boolean => isHonorific(word) || isRoleWord(word) || isNationality(word);

export const isCalendarWord = (word: string): boolean => DAYS.has(bare(word)) || MONTHS.has(bare(word));
export const isDay = (word: string): boolean => DAYS.has(bare(word));
export const isMonth = (word: string): boolean => MONTHS.has(bare(word));
export const isFunctionWord = (word: string): boolean => FUNCTION_WORDS.has(bare(word));
export const isBoilerplateWord = (word: string): boolean => BOILERPLATE.has(bare(word));
export const isOrgMarker = (word: string): boolean => ORG_MARKERS.has(bare(word));
export const isPlaceMarker = (word: string): boolean => PLACE_MARKERS.has(bare(word));
export const isPlace = (phrase: string): boolean => PLACES.has(bare(phrase));

/** An acronym such as "BBC" or "NATO" (not an initial like "J."). */
export const isAcronym = (word: string): boolean => /^\p{Lu}{2,}$/u.test(word.replace(/['’]s$/u, ''));

/** One token of a name: capitalised, possibly hyphenated or with an apostrophe ("O'Brien", "Jae-in"). */
export const NAME_TOKEN = String.raw`\p{Lu}[\p{L}\p{M}]*(?:['’-][\p{L}\p{M}]+)*`;
