/**
 * The write side of the people index on PostgreSQL, the same rules as SQLite's: resolves each person
 * of a story to one entry across stories (full name, alias, word order, compatible initials; a lone
 * surname only when unambiguous), records the names they go by and the trigrams of their full names
 * and aliases, links them to the story with its quotes, and keeps each entry's totals. Runs inside
 * the caller's transaction, which holds the index's write lock.
 */
import type pg from 'pg';
import { compatibleNames, foldText, fullNameKey, keyTokens, nameKey, sortedKey, surnameKeys, trigrams } from '../../core/name-match.ts';
import type { Person, Quote } from '../../core/types.ts';

/** person_names.kind, strongest first. */
export const NAME_KIND = { full: 0, alias: 1, sorted: 2, surname: 3, given: 4 } as const;
/** Names at or below this kind feed the trigram table (full names and aliases). */
export const GRAM_KINDS_MAX = NAME_KIND.alias;

interface NameHit {
  id: number;
  kind: number;
  tokens: number;
  name_key: string;
  org_key: string | null;
  mentions: number;
}

interface Link {
  ord: number;
  role?: string;
  organisation?: string;
  quotes: Quote[];
}

const orgKey = (organisation: string | undefined): string | null => (organisation ? foldText(organisation) || null : null);

export class PeopleWriter {
  readonly #db: pg.PoolClient;

  constructor(client: pg.PoolClient) {
    this.#db = client;
  }

  /**
   * Link the story's people, merging each into the index. `fresh` means the story had no links
   * before, so totals can be bumped; otherwise the caller refreshes every touched person.
   */
  async link(storyId: string, people: readonly Person[], storyTime: number, savedAt: number, fresh: boolean): Promise<Set<number>> {
    const links = new Map<number, Link>();
    // Full names first, so a lone "Putin" in the same story finds "Vladimir Putin".
    const ordered = people.map((person, ord) => ({ person, ord, key: fullNameKey(person.name) }));
    ordered.sort((a, b) => Number(!a.key.includes(' ')) - Number(!b.key.includes(' ')) || a.ord - b.ord);
    for (const { person, ord, key } of ordered) {
      if (!key) continue;
      const found = await this.#resolve(person, key);
      const id = found ?? (await this.#create(person, key, storyTime));
      await this.#remember(id, person, key, found === undefined);
      if (found === undefined && key.includes(' ')) await this.#absorbLoneSurnames(id, person);
      const entry = links.get(id) ?? { ord, quotes: [] };
      entry.ord = Math.min(entry.ord, ord);
      entry.role ??= person.role;
      entry.organisation ??= person.organisation;
      for (const q of person.quotes) if (!entry.quotes.some((e) => e.text === q.text)) entry.quotes.push(q);
      links.set(id, entry);
    }
    for (const [id, entry] of links) {
      await this.#db.query(
        'INSERT INTO person_stories (person_id, story_id, ord, seen_at, saved_at, role, organisation) VALUES ($1, $2, $3, $4, $5, $6, $7)',
        [id, storyId, entry.ord, storyTime, savedAt, entry.role ?? null, entry.organisation ?? null],
      );
      if (entry.quotes.length) {
        await this.#db.query(
          `INSERT INTO person_quotes (story_id, person_id, ord, seen_at, text, kind, sentence)
           SELECT $1, $2, ord - 1, $3, text, kind, sentence FROM unnest($4::text[], $5::text[], $6::text[]) WITH ORDINALITY AS q (text, kind, sentence, ord)`,
          [storyId, id, storyTime, entry.quotes.map((q) => q.text), entry.quotes.map((q) => q.kind), entry.quotes.map((q) => q.sentence)],
        );
      }
      if (fresh) await this.#bump(id, storyTime, entry.role ?? null, entry.organisation ?? null);
    }
    return new Set(links.keys());
  }

  /** Recount a person's totals and latest role from their story links; drop them when none are left. */
  async refresh(id: number): Promise<void> {
    const { rows } = await this.#db.query<{ n: number; first: number | null; last: number | null }>(
      'SELECT COUNT(*) AS n, MIN(seen_at) AS first, MAX(seen_at) AS last FROM person_stories WHERE person_id = $1',
      [id],
    );
    const totals = rows[0];
    if (!totals || totals.n === 0) {
      await this.#delete(id);
      return;
    }
    const latest = async (column: 'role' | 'organisation'): Promise<{ value: string; at: number } | undefined> =>
      (
        await this.#db.query<{ value: string; at: number }>(
          `SELECT ${column} AS value, seen_at AS at FROM person_stories WHERE person_id = $1 AND ${column} IS NOT NULL ORDER BY seen_at DESC, saved_at DESC LIMIT 1`,
          [id],
        )
      ).rows[0];
    const role = await latest('role');
    const org = await latest('organisation');
    await this.#db.query(
      `UPDATE people SET mentions = $2, first_seen = $3, last_seen = $4, role = $5, role_at = $6,
         organisation = $7, org_key = $8, org_at = $9 WHERE id = $1`,
      [id, totals.n, totals.first, totals.last, role?.value ?? null, role?.at ?? null, org?.value ?? null, orgKey(org?.value), org?.at ?? null],
    );
  }

  async #byKey(key: string): Promise<NameHit[]> {
    const { rows } = await this.#db.query<NameHit>(
      `SELECT n.person_id AS id, n.kind, p.tokens, p.name_key, p.org_key, p.mentions
       FROM person_names n JOIN people p ON p.id = n.person_id WHERE n.key = $1 ORDER BY n.kind, p.mentions DESC, p.id`,
      [key],
    );
    return rows;
  }

  async #bump(id: number, t: number, role: string | null, org: string | null): Promise<void> {
    await this.#db.query(
      `UPDATE people SET mentions = mentions + 1, first_seen = LEAST(first_seen, $2), last_seen = GREATEST(last_seen, $2),
         role = CASE WHEN $3::text IS NOT NULL AND (role_at IS NULL OR $2 >= role_at) THEN $3 ELSE role END,
         role_at = CASE WHEN $3::text IS NOT NULL AND (role_at IS NULL OR $2 >= role_at) THEN $2 ELSE role_at END,
         organisation = CASE WHEN $4::text IS NOT NULL AND (org_at IS NULL OR $2 >= org_at) THEN $4 ELSE organisation END,
         org_key = CASE WHEN $4::text IS NOT NULL AND (org_at IS NULL OR $2 >= org_at) THEN $5 ELSE org_key END,
         org_at = CASE WHEN $4::text IS NOT NULL AND (org_at IS NULL OR $2 >= org_at) THEN $2 ELSE org_at END
       WHERE id = $1`,
      [id, t, role, org, orgKey(org ?? undefined)],
    );
  }

  async #resolve(person: Person, key: string): Promise<number | undefined> {
    const tokens = keyTokens(key);
    if (tokens.length === 1) return this.#resolveSurname(key, orgKey(person.organisation));
    const strong = async (k: string): Promise<NameHit | undefined> => (await this.#byKey(k)).find((h) => h.kind <= NAME_KIND.alias);
    let direct = await strong(key);
    for (const alias of this.#multiWordAliases(person, key)) direct ??= await strong(alias);
    if (direct) return direct.id;
    if (tokens.length >= 3) {
      const sorted = (await this.#byKey(sortedKey(key))).find((h) => h.kind === NAME_KIND.sorted);
      if (sorted) return sorted.id;
    }
    const compatible = new Set<number>();
    for (const surname of surnameKeys(person.name, person.aliases)) {
      for (const hit of await this.#byKey(surname)) {
        if (hit.tokens >= 2 && compatibleNames(keyTokens(hit.name_key), tokens)) compatible.add(hit.id);
      }
    }
    return compatible.size === 1 ? [...compatible][0] : undefined;
  }

  /** A name said alone joins the one person who goes by it, or the one from the same organisation. */
  async #resolveSurname(key: string, org: string | null): Promise<number | undefined> {
    const hits = await this.#byKey(key);
    const named = [...new Map(hits.filter((h) => h.tokens >= 2 && (h.kind === NAME_KIND.alias || h.kind === NAME_KIND.surname)).map((h) => [h.id, h])).values()];
    if (named.length === 1) return named[0]?.id;
    if (named.length > 1 && org) {
      const sameOrg = named.filter((h) => h.org_key === org);
      if (sameOrg.length === 1) return sameOrg[0]?.id;
    }
    return hits.find((h) => h.tokens === 1 && h.kind === NAME_KIND.full)?.id;
  }

  #multiWordAliases(person: Person, key: string): string[] {
    return person.aliases.map(nameKey).filter((a) => a.includes(' ') && a !== key);
  }

  async #create(person: Person, key: string, storyTime: number): Promise<number> {
    const { rows } = await this.#db.query<{ id: number }>(
      'INSERT INTO people (name, name_key, tokens, first_seen, last_seen, mentions) VALUES ($1, $2, $3, $4, $4, 0) RETURNING id',
      [person.name.trim(), key, keyTokens(key).length, storyTime],
    );
    return rows[0]!.id;
  }

  /** Record every name the person went by in this story, for lookups, merging and autocomplete. */
  async #remember(id: number, person: Person, key: string, created: boolean): Promise<void> {
    const tokens = keyTokens(key);
    const multi = tokens.length >= 2;
    await this.#addName(id, key, created ? NAME_KIND.full : multi ? NAME_KIND.alias : NAME_KIND.surname);
    if (tokens.length >= 3) await this.#addName(id, sortedKey(key), NAME_KIND.sorted);
    const surnames = surnameKeys(person.name, person.aliases);
    for (const s of surnames) await this.#addName(id, s, NAME_KIND.surname);
    if (multi) for (const t of tokens) if (t.length > 2 && !surnames.includes(t)) await this.#addName(id, t, NAME_KIND.given);
    for (const alias of person.aliases) {
      const k = nameKey(alias);
      if (k && k !== key && !tokens.includes(k)) await this.#addName(id, k, NAME_KIND.alias);
    }
    const labels = [...new Set([person.name, ...person.aliases].map((l) => l.trim()).filter(Boolean))];
    await this.#db.query('INSERT INTO person_aliases (person_id, alias) SELECT $1, unnest($2::text[]) ON CONFLICT DO NOTHING', [id, labels]);
  }

  async #addName(id: number, key: string, kind: number): Promise<void> {
    const { rows } = await this.#db.query<{ kind: number }>('SELECT kind FROM person_names WHERE key = $1 AND person_id = $2', [key, id]);
    const had = rows[0];
    if (had && had.kind <= kind) return;
    await this.#db.query(
      'INSERT INTO person_names (key, person_id, kind) VALUES ($1, $2, $3) ON CONFLICT (key, person_id) DO UPDATE SET kind = LEAST(person_names.kind, excluded.kind)',
      [key, id, kind],
    );
    if (!had) await this.#db.query("UPDATE people SET search_text = search_text || $1 || ' ' WHERE id = $2", [key, id]);
    if (kind <= GRAM_KINDS_MAX) {
      await this.#db.query('INSERT INTO person_grams (gram, person_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [[...trigrams(key)], id]);
    }
  }

  /**
   * A lone surname entry made before anyone by that name was known joins the first full name that
   * claims it, unless someone else goes by that surname too or the organisations disagree.
   */
  async #absorbLoneSurnames(id: number, person: Person): Promise<void> {
    const org = orgKey(person.organisation);
    for (const surname of surnameKeys(person.name, person.aliases)) {
      const hits = await this.#byKey(surname);
      const lone = hits.find((h) => h.tokens === 1 && h.kind === NAME_KIND.full);
      if (!lone || hits.some((h) => h.tokens >= 2 && h.id !== id)) continue;
      if (lone.org_key && org && lone.org_key !== org) continue;
      await this.#merge(lone.id, id);
    }
  }

  async #merge(from: number, to: number): Promise<void> {
    const db = this.#db;
    // Links and quotes `to` already has for a story stay; `from`'s copies go with `from`.
    await db.query(
      'UPDATE person_stories SET person_id = $1 WHERE person_id = $2 AND story_id NOT IN (SELECT story_id FROM person_stories WHERE person_id = $1)',
      [to, from],
    );
    await db.query(
      `UPDATE person_quotes q SET person_id = $1 WHERE q.person_id = $2
       AND NOT EXISTS (SELECT 1 FROM person_quotes x WHERE x.person_id = $1 AND x.story_id = q.story_id AND x.ord = q.ord)`,
      [to, from],
    );
    await db.query(
      `INSERT INTO person_names (key, person_id, kind) SELECT key, $1, CASE WHEN kind = 0 THEN 3 ELSE kind END FROM person_names WHERE person_id = $2
       ON CONFLICT (key, person_id) DO UPDATE SET kind = LEAST(person_names.kind, excluded.kind)`,
      [to, from],
    );
    await db.query('INSERT INTO person_aliases (person_id, alias) SELECT $1, alias FROM person_aliases WHERE person_id = $2 ON CONFLICT DO NOTHING', [to, from]);
    await db.query(
      "UPDATE people SET search_text = (SELECT ' ' || string_agg(key, ' ') || ' ' FROM person_names WHERE person_id = $1 AND kind <> 2) WHERE id = $1",
      [to],
    );
    await this.#delete(from);
    await this.#regram(to);
    await this.refresh(to);
  }

  /** Rebuild a person's trigrams from their full names and aliases. */
  async #regram(id: number): Promise<void> {
    const { rows } = await this.#db.query<{ key: string }>('SELECT key FROM person_names WHERE person_id = $1 AND kind <= $2', [id, GRAM_KINDS_MAX]);
    const grams = new Set<string>();
    for (const { key } of rows) for (const gram of trigrams(key)) grams.add(gram);
    await this.#db.query('DELETE FROM person_grams WHERE person_id = $1', [id]);
    await this.#db.query('INSERT INTO person_grams (gram, person_id) SELECT unnest($1::text[]), $2 ON CONFLICT DO NOTHING', [[...grams], id]);
  }

  async #delete(id: number): Promise<void> {
    for (const table of ['person_stories', 'person_quotes', 'person_names', 'person_aliases', 'person_grams']) {
      await this.#db.query(`DELETE FROM ${table} WHERE person_id = $1`, [id]);
    }
    await this.#db.query('DELETE FROM people WHERE id = $1', [id]);
  }
}
