/**
 * The read side of the people index: `/who` lookups (exact, alias, surname, then near misses found
 * through shared trigrams and scored by edit distance) and autocomplete by word start.
 */
import type Database from 'better-sqlite3';
import { foldText, fullNameKey, nameKey, nameSimilarity, sortedKey } from '../../core/name-match.ts';
import type { PersonMatch } from '../../core/ports.ts';
import { NameCache } from './news-name-cache.ts';
import { NAME_KIND } from './news-people-writer.ts';
import { StatementCache } from './statement-cache.ts';

/** Score of a lookup hit by the kind of name it hit (person_names.kind order). */
const KIND_SCORE = [1, 0.95, 0.95, 0.9, 0.75] as const;
/** A full name, alias or surname hit: no near misses are looked for then. */
const STRONG_SCORE = 0.9;
/** Typos score below every alias; a word start below every typo. */
const FUZZY_WEIGHT = 0.85;
const PREFIX_SCORE = 0.5;
const PREFIX_MIN_CHARS = 3;
/** People sharing the most trigrams with the query that get an edit-distance check. */
const FUZZY_CANDIDATES = 300;
/** Below this many characters, autocomplete walks people by mentions instead of the name index. */
const SUGGEST_SCAN_BELOW_CHARS = 3;
export const SUGGEST_MAX = 25;

interface PersonRow {
  id: number;
  name: string;
  role: string | null;
  organisation: string | null;
  mentions: number;
  last_seen: number;
}

export class PeopleLookup {
  readonly #sql: StatementCache;
  readonly #names: NameCache;
  readonly #s;

  constructor(db: Database.Database) {
    this.#sql = new StatementCache(db);
    this.#names = NameCache.of(db);
    this.#s = {
      byKey: db.prepare<[string], { id: number; kind: number }>('SELECT person_id AS id, kind FROM person_names WHERE key = ?'),
      top: db.prepare<[number], { name: string }>('SELECT name FROM people ORDER BY mentions DESC, last_seen DESC LIMIT ?'),
      scan: db.prepare<[string, number], { name: string }>(
        'SELECT name FROM people WHERE instr(search_text, ?) > 0 ORDER BY mentions DESC, last_seen DESC LIMIT ?',
      ),
      range: db.prepare<[string, string, number], { name: string }>(
        `SELECT name FROM people WHERE id IN (SELECT person_id FROM person_names WHERE key >= ? AND key < ? AND kind <> ${NAME_KIND.sorted})
         ORDER BY mentions DESC, last_seen DESC LIMIT ?`,
      ),
    };
  }

  findPeople(query: string, limit: number): PersonMatch[] {
    const q = nameKey(query);
    const max = Math.max(1, Math.min(limit, 100));
    if (!q) return [];
    const hits = new Map<number, { score: number; kind: PersonMatch['kind'] }>();
    const add = (id: number, score: number, kind: PersonMatch['kind']): void => {
      if ((hits.get(id)?.score ?? -1) < score) hits.set(id, { score, kind });
    };
    // "King Charles" is a whole name to the index, "charles" to a reader: look up both.
    for (const key of new Set([fullNameKey(query), q])) {
      for (const hit of this.#s.byKey.all(key)) {
        if (hit.kind !== NAME_KIND.sorted) add(hit.id, KIND_SCORE[hit.kind as 0 | 1 | 3 | 4], hit.kind === NAME_KIND.full ? 'exact' : 'alias');
      }
    }
    if (q.includes(' ')) {
      for (const hit of this.#s.byKey.all(sortedKey(q))) if (hit.kind === NAME_KIND.sorted) add(hit.id, KIND_SCORE[2], 'alias');
    }
    const named = [...hits.values()].some((h) => h.score >= STRONG_SCORE);
    if (!named && hits.size < max) this.#addNearMisses(q, add);
    const people = this.#people([...hits.keys()]);
    return people
      .map((p): PersonMatch => {
        const hit = hits.get(p.id) ?? { score: 0, kind: 'fuzzy' as const };
        const match: PersonMatch = { id: String(p.id), name: p.name, mentions: p.mentions, lastSeen: new Date(p.last_seen), score: hit.score, kind: hit.kind };
        if (p.role) match.role = p.role;
        if (p.organisation) match.organisation = p.organisation;
        return match;
      })
      .sort((a, b) => b.score - a.score || b.mentions - a.mentions || b.lastSeen.getTime() - a.lastSeen.getTime() || a.name.localeCompare(b.name))
      .slice(0, max);
  }

  suggestPeople(prefix: string, limit: number): string[] {
    const max = Math.max(1, Math.min(limit, SUGGEST_MAX));
    const p = foldText(prefix);
    const rows = !p
      ? this.#s.top.all(max * 2)
      : p.length < SUGGEST_SCAN_BELOW_CHARS
        ? this.#s.scan.all(` ${p}`, max * 2)
        : this.#s.range.all(p, `${p}\uffff`, max * 2);
    return [...new Set(rows.map((r) => r.name))].slice(0, max);
  }

  /** People sharing trigrams with the query, kept when a name is within the allowed edits or starts with it. */
  #addNearMisses(q: string, add: (id: number, score: number, kind: PersonMatch['kind']) => void): void {
    const multiWord = q.includes(' ');
    for (const [id, names] of this.#names.candidates(q, FUZZY_CANDIDATES)) {
      for (const { key, kind } of names) {
        if (multiWord && kind > NAME_KIND.alias) continue;
        const similarity = nameSimilarity(q, key);
        if (similarity > 0) add(id, FUZZY_WEIGHT * similarity, 'fuzzy');
        else if (q.length >= PREFIX_MIN_CHARS && (key.startsWith(q) || key.includes(` ${q}`))) add(id, PREFIX_SCORE, 'fuzzy');
      }
    }
  }

  #people(ids: number[]): PersonRow[] {
    if (!ids.length) return [];
    return this.#sql
      .get<[string], PersonRow>('SELECT id, name, role, organisation, mentions, last_seen FROM people WHERE id IN (SELECT value FROM json_each(?))')
      .all(JSON.stringify(ids));
  }
}
