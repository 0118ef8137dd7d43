/**
 * Is a model bullet grounded in its article? Every number (compared by value, so "4.5bn",
 * "4.5 billion" and "4,500,000,000" agree) and every word of every name (compared without case)
 * must occur in the article. A word-level check: it catches invented figures and people, not a
 * real first name paired with another real surname.
 */
import { findNames, findNumbers, words } from './fact-tokens.ts';
import { STOP_WORDS } from './story-terms.ts';

export interface GroundingIndex {
  numbers: ReadonlySet<string>;
  words: ReadonlySet<string>;
}

export interface GroundingProblem {
  reason: 'ungrounded-number' | 'ungrounded-name';
  /** The number or name as the model wrote it. */
  detail: string;
}

/** Index the article text (title, body, standfirst) once; check many bullets against it. */
export function indexArticle(text: string): GroundingIndex {
  const numbers = new Set(findNumbers(text).map((n) => n.value));
  const vocabulary = new Set<string>();
  for (const w of words(text)) {
    vocabulary.add(w);
    for (const part of w.split('-')) if (part) vocabulary.add(part);
  }
  if (vocabulary.has('one')) numbers.add('1');
  return { numbers, words: vocabulary };
}

function nameIsGrounded(parts: string[], index: GroundingIndex): boolean {
  return parts.every(
    (part) => STOP_WORDS.has(part) || index.words.has(part) || part.split('-').every((p) => !p || index.words.has(p)),
  );
}

/** The first ungrounded number or name in a bullet, or undefined when the bullet is grounded. */
export function findUngrounded(bullet: string, index: GroundingIndex): GroundingProblem | undefined {
  for (const n of findNumbers(bullet)) {
    if (!index.numbers.has(n.value)) return { reason: 'ungrounded-number', detail: n.text.trim() };
  }
  const common = (w: string): boolean => STOP_WORDS.has(w) || index.words.has(w);
  for (const name of findNames(bullet, common)) {
    if (!nameIsGrounded(name.parts, index)) return { reason: 'ungrounded-name', detail: name.text };
  }
  return undefined;
}
