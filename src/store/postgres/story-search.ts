/**
 * Words for PostgreSQL full-text search. Text is folded by the application (case, accents, the
 * letters decomposition leaves whole) before it reaches to_tsvector or to_tsquery, so "zurich" finds
 * "Zürich" whatever the database's locale and without the unaccent extension; the herald_search
 * configuration then stems the words (English Snowball, no stop words, as SQLite's porter tokenizer).
 */
import { foldText } from '../../core/name-match.ts';

/** Words of a search that reach the text index. */
const SEARCH_WORDS_MAX = 12;

/** The text search configuration made by migration 3, found on the search_path. */
export const SEARCH_CONFIG = 'herald_search';

/** Plain words (letters and digits only) for to_tsvector. */
export function searchText(text: string): string {
  return foldText(text);
}

/** The distinct words of a search, at most SEARCH_WORDS_MAX; letters and digits only, so none reads as an operator. */
export function searchTerms(words: string): string[] {
  return [...new Set(foldText(words).split(' ').filter(Boolean))].slice(0, SEARCH_WORDS_MAX);
}

/** A to_tsquery source holding all the terms, or any of them. */
export function tsQuery(terms: readonly string[], join: 'all' | 'any'): string {
  return terms.join(join === 'all' ? ' & ' : ' | ');
}
