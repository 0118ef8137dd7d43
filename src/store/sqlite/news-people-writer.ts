/**
 * The write side of the people index: resolves each person of a story to one entry across stories
 * (full name, alias, word order, compatible initials; a lone surname only when unambiguous), records
 * the names they go by, links them to the story with its quotes, and keeps each entry's totals.
 */
import type Database from 'better-sqlite3';
import { compatibleNames, foldText, fullNameKey, keyTokens, nameKey, sortedKey, surnameKeys } from '../../core/name-match.ts';
import type { Person, Quote } from '../../core/types.ts';
import { NameCache } from './news-name-cache.ts';
import { StatementCache } from './statement-cache.ts';

/** person_names.kind, strongest first. */
export const NAME_KIND = { full: 0, alias: 1, sorted: 2, surname: 3, given: 4 } as const;

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
  readonly #sql: StatementCache;
  readonly #names: NameCache;
  readonly #s;

  constructor(db: Database.Database) {
    this.#sql = new StatementCache(db);
    this.#names = NameCache.of(db);
    this.#s = {
      byKey: db.prepare<[string], NameHit>(
        `SELECT n.person_id AS id, n.kind, p.tokens, p.name_key, p.org_key, p.mentions
         FROM person_names n JOIN people p ON p.id = n.person_id WHERE n.key = ? ORDER BY n.kind, p.mentions DESC, p.id`,
      ),
      nameKind: db.prepare<[string, number], { kind: number }>('SELECT kind FROM person_names WHERE key = ? AND person_id = ?'),
      upsertName: db.prepare(
        'INSERT INTO person_names (key, person_id, kind) VALUES (?, ?, ?) ON CONFLICT (key, person_id) DO UPDATE SET kind = MIN(kind, excluded.kind)',
      ),
      addSearchKey: db.prepare("UPDATE people SET search_text = search_text || ? || ' ' WHERE id = ?"),
      addAlias: db.prepare('INSERT OR IGNORE INTO person_aliases (person_id, alias) VALUES (?, ?)'),
      createPerson: db.prepare(
        `INSERT INTO people (name, name_key, tokens, first_seen, last_seen, mentions) VALUES (?, ?, ?, ?, ?, 0)`,
      ),
      link: db.prepare(
        'INSERT INTO person_stories (person_id, story_id, ord, seen_at, saved_at, role, organisation) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      quote: db.prepare(
        'INSERT INTO person_quotes (story_id, person_id, ord, seen_at, text, kind, sentence) VALUES (?, ?, ?, ?, ?, ?, ?)',
      ),
      bump: db.prepare(
        `UPDATE people SET mentions = mentions + 1, first_seen = MIN(first_seen, @t), last_seen = MAX(last_seen, @t),
           role = CASE WHEN @role IS NOT NULL AND (role_at IS NULL OR @t >= role_at) THEN @role ELSE role END,
           role_at = CASE WHEN @role IS NOT NULL AND (role_at IS NULL OR @t >= role_at) THEN @t ELSE role_at END,
           organisation = CASE WHEN @org IS NOT NULL AND (org_at IS NULL OR @t >= org_at) THEN @org ELSE organisation END,
           org_key = CASE WHEN @org IS NOT NULL AND (org_at IS NULL OR @t >= org_at) THEN @orgKey ELSE org_key END,
           org_at = CASE WHEN @org IS NOT NULL AND (org_at IS NULL OR @t >= org_at) THEN @t ELSE org_at END
         WHERE id = @id`,
      ),
      totals: db.prepare<[number], { n: number; first: number | null; last: number | null }>(
        'SELECT COUNT(*) AS n, MIN(seen_at) AS first, MAX(seen_at) AS last FROM person_stories WHERE person_id = ?',
      ),
      latestRole: db.prepare<[number], { value: string; at: number }>(
        'SELECT role AS value, seen_at AS at FROM person_stories WHERE person_id = ? AND role IS NOT NULL ORDER BY seen_at DESC, saved_at DESC LIMIT 1',
      ),
      latestOrg: db.prepare<[number], { value: string; at: number }>(
        'SELECT organisation AS value, seen_at AS at FROM person_stories WHERE person_id = ? AND organisation IS NOT NULL ORDER BY seen_at DESC, saved_at DESC LIMIT 1',
      ),
      setTotals: db.prepare(
        `UPDATE people SET mentions = @n, first_seen = @first, last_seen = @last, role = @role, role_at = @roleAt,
           organisation = @org, org_key = @orgKey, org_at = @orgAt WHERE id = @id`,
      ),
    };
  }

  /**
   * Link the story's people, merging each into the index. `fresh` means the story had no links
   * before, so totals can be bumped; otherwise the caller refreshes every touched person.
   */
  link(storyId: string, people: readonly Person[], storyTime: number, savedAt: number, fresh: boolean): Set<number> {
    const links = new Map<number, Link>();
    // Full names first, so a lone "Putin" in the same story finds "Vladimir Putin".
    const ordered = people.map((person, ord) => ({ person, ord, key: fullNameKey(person.name) }));
    ordered.sort((a, b) => Number(!a.key.includes(' ')) - Number(!b.key.includes(' ')) || a.ord - b.ord);
    for (const { person, ord, key } of ordered) {
      if (!key) continue;
      const found = this.#resolve(person, key);
      const id = found ?? this.#create(person, key, storyTime);
      this.#remember(id, person, key, found === undefined);
      if (found === undefined && key.includes(' ')) this.#absorbLoneSurnames(id, person);
      const entry = links.get(id) ?? { ord, quotes: [] };
      entry.ord = Math.min(entry.ord, ord);
      entry.role ??= person.role;
      entry.organisation ??= person.organisation;
      for (const q of person.quotes) if (!entry.quotes.some((e) => e.text === q.text)) entry.quotes.push(q);
      links.set(id, entry);
    }
    for (const [id, entry] of links) {
      this.#s.link.run(id, storyId, entry.ord, storyTime, savedAt, entry.role ?? null, entry.organisation ?? null);
      entry.quotes.forEach((q, i) => this.#s.quote.run(storyId, id, i, storyTime, q.text, q.kind, q.sentence));
      if (fresh) {
        const org = entry.organisation ?? null;
        this.#s.bump.run({ id, t: storyTime, role: entry.role ?? null, org, orgKey: orgKey(org ?? undefined) });
      }
    }
    return new Set(links.keys());
  }

  /** Recount a person's totals and latest role from their story links; drop them when none are left. */
  refresh(id: number): void {
    const totals = this.#s.totals.get(id);
    if (!totals || totals.n === 0) {
      this.#delete(id);
      return;
    }
    const role = this.#s.latestRole.get(id);
    const org = this.#s.latestOrg.get(id);
    this.#s.setTotals.run({
      id, n: totals.n, first: totals.first, last: totals.last,
      role: role?.value ?? null, roleAt: role?.at ?? null,
      org: org?.value ?? null, orgKey: orgKey(org?.value), orgAt: org?.at ?? null,
    });
  }

  #resolve(person: Person, key: string): number | undefined {
    const tokens = keyTokens(key);
    if (tokens.length === 1) return this.#resolveSurname(key, orgKey(person.organisation));
    const strong = (k: string): NameHit | undefined => this.#s.byKey.all(k).find((h) => h.kind <= NAME_KIND.alias);
    const direct = strong(key) ?? this.#multiWordAliases(person, key).map(strong).find((h) => h !== undefined);
    if (direct) return direct.id;
    if (tokens.length >= 3) {
      const sorted = this.#s.byKey.all(sortedKey(key)).find((h) => h.kind === NAME_KIND.sorted);
      if (sorted) return sorted.id;
    }
    const compatible = new Set<number>();
    for (const surname of surnameKeys(person.name, person.aliases)) {
      for (const hit of this.#s.byKey.all(surname)) {
        if (hit.tokens >= 2 && compatibleNames(keyTokens(hit.name_key), tokens)) compatible.add(hit.id);
      }
    }
    return compatible.size === 1 ? [...compatible][0] : undefined;
  }

  /** A name said alone joins the one person who goes by it, or the one from the same organisation. */
  #resolveSurname(key: string, org: string | null): number | undefined {
    const hits = this.#s.byKey.all(key);
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

  #create(person: Person, key: string, storyTime: number): number {
    const result = this.#s.createPerson.run(person.name.trim(), key, keyTokens(key).length, storyTime, storyTime);
    return Number(result.lastInsertRowid);
  }

  /** Record every name the person went by in this story, for lookups, merging and autocomplete. */
  #remember(id: number, person: Person, key: string, created: boolean): void {
    const tokens = keyTokens(key);
    const multi = tokens.length >= 2;
    this.#addName(id, key, created ? NAME_KIND.full : multi ? NAME_KIND.alias : NAME_KIND.surname);
    if (tokens.length >= 3) this.#addName(id, sortedKey(key), NAME_KIND.sorted);
    const surnames = surnameKeys(person.name, person.aliases);
    for (const s of surnames) this.#addName(id, s, NAME_KIND.surname);
    if (multi) for (const t of tokens) if (t.length > 2 && !surnames.includes(t)) this.#addName(id, t, NAME_KIND.given);
    for (const alias of person.aliases) {
      const k = nameKey(alias);
      if (k && k !== key && !tokens.includes(k)) this.#addName(id, k, NAME_KIND.alias);
    }
    for (const label of [person.name, ...person.aliases]) if (label.trim()) this.#s.addAlias.run(id, label.trim());
  }

  #addName(id: number, key: string, kind: number): void {
    const had = this.#s.nameKind.get(key, id);
    if (had && had.kind <= kind) return;
    this.#s.upsertName.run(key, id, kind);
    if (!had) this.#s.addSearchKey.run(key, id);
    this.#names.added(id, key, kind);
  }

  /**
   * A lone surname entry made before anyone by that name was known joins the first full name that
   * claims it, unless someone else goes by that surname too or the organisations disagree.
   */
  #absorbLoneSurnames(id: number, person: Person): void {
    const org = orgKey(person.organisation);
    for (const surname of surnameKeys(person.name, person.aliases)) {
      const hits = this.#s.byKey.all(surname);
      const lone = hits.find((h) => h.tokens === 1 && h.kind === NAME_KIND.full);
      if (!lone || hits.some((h) => h.tokens >= 2 && h.id !== id)) continue;
      if (lone.org_key && org && lone.org_key !== org) continue;
      this.#merge(lone.id, id);
    }
  }

  #merge(from: number, to: number): void {
    const sql = this.#sql;
    sql.get('UPDATE OR IGNORE person_stories SET person_id = ? WHERE person_id = ?').run(to, from);
    sql.get('UPDATE OR IGNORE person_quotes SET person_id = ? WHERE person_id = ?').run(to, from);
    sql.get(
      `INSERT INTO person_names (key, person_id, kind) SELECT key, ?, CASE WHEN kind = 0 THEN 3 ELSE kind END FROM person_names WHERE person_id = ?
       ON CONFLICT (key, person_id) DO UPDATE SET kind = MIN(kind, excluded.kind)`,
    ).run(to, from);
    sql.get('INSERT OR IGNORE INTO person_aliases (person_id, alias) SELECT ?, alias FROM person_aliases WHERE person_id = ?').run(to, from);
    sql.get(
      "UPDATE people SET search_text = (SELECT ' ' || group_concat(key, ' ') || ' ' FROM person_names WHERE person_id = ? AND kind <> 2) WHERE id = ?",
    ).run(to, to);
    this.#delete(from);
    this.#names.reload(to);
    this.refresh(to);
  }

  #delete(id: number): void {
    this.#names.removed(id);
    for (const table of ['person_stories', 'person_quotes', 'person_names', 'person_aliases']) {
      this.#sql.get(`DELETE FROM ${table} WHERE person_id = ?`).run(id);
    }
    this.#sql.get('DELETE FROM people WHERE id = ?').run(id);
  }
}
