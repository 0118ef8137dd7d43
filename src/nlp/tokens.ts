import { getNlp, stem } from './wink.ts';

/** A token as wink reads it. */
export interface Token {
  value: string;
  /** wink type: word, number, punctuation, currency, ordinal, time, decade, url, email, ... */
  type: string;
  /** Lower-cased stem for words, lower-cased value otherwise. */
  stem: string;
}

/** Tokens of a text, with stems for words. */
export function tokenize(text: string): Token[] {
  const nlp = getNlp();
  const doc = nlp.readDoc(text);
  const values = doc.tokens().out() as string[];
  const types = doc.tokens().out(nlp.its.type) as string[];
  return values.map((value, i) => {
    const type = types[i] ?? 'word';
    return { value, type, stem: type === 'word' ? stem(value) : value.toLowerCase() };
  });
}

/** Entities wink finds (DATE, TIME, MONEY, PERCENT, CARDINAL, ORDINAL, URL, EMAIL, HASHTAG, ...). */
export function findEntities(text: string): { value: string; type: string }[] {
  const nlp = getNlp();
  const doc = nlp.readDoc(text);
  const values = doc.entities().out() as string[];
  const types = doc.entities().out(nlp.its.type) as string[];
  return values.map((value, i) => ({ value, type: types[i] ?? 'UNKNOWN' }));
}
