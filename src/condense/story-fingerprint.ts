/**
 * What a channel was told about a story: the numbers and names in its headline and bullets, and its
 * source URLs. A later version of the story that carries a number or a name the channel has not
 * seen is worth sending again, as an update.
 */
import type { Story } from '../core/types.ts';
import { findNames, findNumbers, words } from './fact-tokens.ts';
import { STOP_WORDS, stem } from './story-terms.ts';

/** Plain JSON-able data, so a store can keep it per channel and story. */
export interface StoryFingerprint {
  /** "#<value>" for numbers, "@<stemmed word>" for words of names; sorted. */
  facts: string[];
  /** Source URLs; lets a story be recognised even if its id changed between runs. */
  urls: string[];
}

/** A new number, or at least this many new name words (a new person, place or organisation). */
const NEW_NAME_WORDS_FOR_UPDATE = 2;

/** Numbers and name words of a text; a sentence-opening word that also appears in lower case is not a name. */
export function factsOf(text: string): Set<string> {
  const lower = new Set(words(text.replace(/(?<![\p{L}\p{N}])\p{Lu}[\p{L}\p{M}\p{N}'’-]*/gu, ' ')));
  const common = (w: string): boolean => STOP_WORDS.has(w) || lower.has(w);
  const facts = new Set<string>();
  for (const n of findNumbers(text)) facts.add(`#${n.value}`);
  for (const name of findNames(text, common)) {
    for (const part of name.parts) if (!STOP_WORDS.has(part)) facts.add(`@${stem(part)}`);
  }
  return facts;
}

export function storyFingerprint(story: Story): StoryFingerprint {
  const facts = new Set<string>();
  for (const f of factsOf(story.bullets.join('\n'))) facts.add(f);
  for (const f of findNumbers(story.headline)) facts.add(`#${f.value}`);
  return {
    facts: [...facts].sort(),
    urls: [...new Set(story.sources.map((s) => s.url).filter((u) => u.length > 0))].sort(),
  };
}

/** The facts in `current` that `previous` did not have. */
export function newFacts(previous: StoryFingerprint, current: StoryFingerprint): string[] {
  const seen = new Set(previous.facts);
  return current.facts.filter((f) => !seen.has(f));
}

/** True when `current` adds a number, or a new name, to what was sent as `previous`. */
export function hasSignificantNewFact(previous: StoryFingerprint, current: StoryFingerprint): boolean {
  const added = newFacts(previous, current);
  if (added.some((f) => f.startsWith('#'))) return true;
  return added.filter((f) => f.startsWith('@')).length >= NEW_NAME_WORDS_FOR_UPDATE;
}
