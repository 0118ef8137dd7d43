/**
 * The read side of the people index on PostgreSQL: `/who` lookups (exact, alias, surname, then near
 * misses among the people sharing the most trigrams, scored by edit distance) and autocomplete by
 * word start. The same scores and order as SQLite's PeopleLookup.
 */
import { foldText, fullNameKey, nameKey, nameSimilarity, sortedKey, trigrams } from '../../core/name-match.ts';
import type { PersonMatch } from '../../core/ports.ts';
import { NAME_KIND } from './news-people-writer.ts';
import type { Queryable } from './pool.ts';

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

type Add = (id: number, score: number, kind: PersonMatch['kind']) => void;

export class PeopleLookup {
  readonly #db: Queryable;

  constructor(db: Queryable) {
    this.#db = db;
  }

  async findPeople(query: string, limit: number): Promise<PersonMatch[]> {
    const q = nameKey(query);
    const max = Math.max(1, Math.min(limit, 100));
    if (!q) return [];
    const hits = new Map<number, { score: number; kind: PersonMatch['kind'] }>();
    const add: Add = (id, score, kind) => {
      if ((hits.get(id)?.score ?? -1) < score) hits.set(id, { score, kind });
    };
    // "King Charles" is a whole name to the index, "charles" to a reader: look up both.
    const keys = [...new Set([fullNameKey(query), q])];
    const { rows } = await this.#db.query<{ id: number; kind: number }>('SELECT person_id AS id, kind FROM person_names WHERE key = ANY($1::text[])', [keys]);
    for (const hit of rows) {
      if (hit.kind !== NAME_KIND.sorted) add(hit.id, KIND_SCORE[hit.kind as 0 | 1 | 3 | 4], hit.kind === NAME_KIND.full ? 'exact' : 'alias');
    }
    if (q.includes(' ')) {
      const sorted = await this.#db.query<{ id: number }>('SELECT person_id AS id FROM person_names WHERE key = $1 AND kind = $2', [sortedKey(q), NAME_KIND.sorted]);
      for (const hit of sorted.rows) add(hit.id, KIND_SCORE[2], 'alias');
    }
    const named = [...hits.values()].some((h) => h.score >= STRONG_SCORE);
    if (!named && hits.size < max) await this.#addNearMisses(q, add);
    const people = await this.#people([...hits.keys()]);
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

  async suggestPeople(prefix: string, limit: number): Promise<string[]> {
    const max = Math.max(1, Math.min(limit, SUGGEST_MAX));
    const p = foldText(prefix);
    const order = 'ORDER BY mentions DESC, last_seen DESC, id LIMIT';
    const { rows } = !p
      ? await this.#db.query<{ name: string }>(`SELECT name FROM people ${order} $1`, [max * 2])
      : p.length < SUGGEST_SCAN_BELOW_CHARS
        ? await this.#db.query<{ name: string }>(`SELECT name FROM people WHERE strpos(search_text, $1) > 0 ${order} $2`, [` ${p}`, max * 2])
        : await this.#db.query<{ name: string }>(
            `SELECT name FROM people WHERE id IN (SELECT person_id FROM person_names WHERE key >= $1 AND key < $2 AND kind <> ${NAME_KIND.sorted}) ${order} $3`,
            [p, `${p}\uffff`, max * 2],
          );
    return [...new Set(rows.map((r) => r.name))].slice(0, max);
  }

  /** People sharing trigrams with the query, kept when a name is within the allowed edits or starts with it. */
  async #addNearMisses(q: string, add: Add): Promise<void> {
    const multiWord = q.includes(' ');
    const { rows } = await this.#db.query<{ id: number; key: string; kind: number }>(
      `WITH candidates AS (
         SELECT person_id FROM person_grams WHERE gram = ANY($1::text[]) GROUP BY person_id ORDER BY COUNT(*) DESC, person_id LIMIT $2
       )
       SELECT n.person_id AS id, n.key, n.kind FROM person_names n JOIN candidates c ON c.person_id = n.person_id WHERE n.kind <> $3`,
      [[...trigrams(q)], FUZZY_CANDIDATES, NAME_KIND.sorted],
    );
    for (const { id, key, kind } of rows) {
      if (multiWord && kind > NAME_KIND.alias) continue;
      const similarity = nameSimilarity(q, key);
      if (similarity > 0) add(id, FUZZY_WEIGHT * similarity, 'fuzzy');
      else if (q.length >= PREFIX_MIN_CHARS && (key.startsWith(q) || key.includes(` ${q}`))) add(id, PREFIX_SCORE, 'fuzzy');
    }
  }

  async #people(ids: number[]): Promise<PersonRow[]> {
    if (!ids.length) return [];
    const { rows } = await this.#db.query<PersonRow>('SELECT id, name, role, organisation, mentions, last_seen FROM people WHERE id = ANY($1::bigint[])', [ids]);
    return rows;
  }
}
