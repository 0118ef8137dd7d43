/**
 * An in-memory trigram index over people's names, for near-miss lookups ("Vladmir Putin") without
 * a scan. Built from person_names on first use, kept current by writes through this connection,
 * and rebuilt when another connection has committed (PRAGMA data_version). One per connection, so
 * every SqliteNewsIndex on the same handle shares it.
 */
import type Database from 'better-sqlite3';
import { trigrams } from '../../core/name-match.ts';

/** person_names.kind at or below which a name feeds the trigram index (full names and aliases). */
const GRAM_KINDS_MAX = 1;
const SORTED_KIND = 2;

export interface CachedName {
  key: string;
  kind: number;
}

const caches = new WeakMap<Database.Database, NameCache>();

export class NameCache {
  readonly #db: Database.Database;
  readonly #version: Database.Statement<[], number>;
  #builtAt: number | undefined;
  #names = new Map<number, CachedName[]>();
  #postings = new Map<string, number[]>();
  #counts = new Uint8Array(0);

  static of(db: Database.Database): NameCache {
    let cache = caches.get(db);
    if (!cache) {
      cache = new NameCache(db);
      caches.set(db, cache);
    }
    return cache;
  }

  private constructor(db: Database.Database) {
    this.#db = db;
    this.#version = db.prepare<[], number>('PRAGMA data_version').pluck();
  }

  /**
   * The names of up to `limit` people sharing the most trigrams with the query, most shared first.
   * Ids may belong to people deleted since; callers drop those when they read the people.
   */
  candidates(query: string, limit: number): Map<number, CachedName[]> {
    this.#fresh();
    const counts = this.#counts;
    const touched: number[] = [];
    for (const gram of trigrams(query)) {
      for (const id of this.#postings.get(gram) ?? []) {
        if (counts[id] === 0) touched.push(id);
        counts[id] = Math.min(255, (counts[id] ?? 0) + 1);
      }
    }
    // Bucket by shared count, then take from the top: linear, no sort of every touched id.
    const buckets: number[][] = [];
    for (const id of touched) {
      const c = counts[id] ?? 0;
      (buckets[c] ??= []).push(id);
      counts[id] = 0;
    }
    const out = new Map<number, CachedName[]>();
    for (let c = buckets.length - 1; c > 0 && out.size < limit; c -= 1) {
      for (const id of buckets[c] ?? []) {
        const names = this.#names.get(id);
        if (names) out.set(id, names);
        if (out.size >= limit) break;
      }
    }
    return out;
  }

  /** Build now rather than on the first lookup. */
  warm(): void {
    this.#fresh();
  }

  /** A name was recorded (or its kind strengthened) through this connection. */
  added(id: number, key: string, kind: number): void {
    if (this.#builtAt === undefined || kind === SORTED_KIND) return;
    const names = this.#names.get(id) ?? [];
    const had = names.find((n) => n.key === key);
    const gramsBefore = this.#gramsOf(names);
    if (had) had.kind = Math.min(had.kind, kind);
    else names.push({ key, kind });
    this.#names.set(id, names);
    this.#ensureCounter(id);
    for (const gram of this.#gramsOf(names)) if (!gramsBefore.has(gram)) this.#post(gram, id);
  }

  /** A person was deleted or merged away; stale postings are dropped by `candidates`. */
  removed(id: number): void {
    this.#names.delete(id);
  }

  /** Re-read one person's names, after a merge gave them another's. */
  reload(id: number): void {
    if (this.#builtAt === undefined) return;
    this.#names.delete(id);
    const rows = this.#db.prepare<[number], { key: string; kind: number }>('SELECT key, kind FROM person_names WHERE person_id = ?').all(id);
    for (const row of rows) this.added(id, row.key, row.kind);
  }

  /** Forget everything, e.g. after a rolled-back write; rebuilt on next use. */
  invalidate(): void {
    this.#builtAt = undefined;
  }

  #fresh(): void {
    const version = this.#version.get() ?? 0;
    if (this.#builtAt === version) return;
    this.#names = new Map();
    this.#postings = new Map();
    const rows = this.#db.prepare<[], { id: number; key: string; kind: number }>(`SELECT person_id AS id, key, kind FROM person_names WHERE kind <> ${SORTED_KIND}`).all();
    for (const { id, key, kind } of rows) {
      const names = this.#names.get(id);
      if (names) names.push({ key, kind });
      else this.#names.set(id, [{ key, kind }]);
    }
    let maxId = 0;
    for (const [id, names] of this.#names) {
      maxId = Math.max(maxId, id);
      for (const gram of this.#gramsOf(names)) this.#post(gram, id);
    }
    this.#counts = new Uint8Array(maxId + 1);
    this.#builtAt = version;
  }

  #gramsOf(names: readonly CachedName[]): Set<string> {
    const grams = new Set<string>();
    for (const n of names) if (n.kind <= GRAM_KINDS_MAX) for (const g of trigrams(n.key)) grams.add(g);
    return grams;
  }

  #post(gram: string, id: number): void {
    const list = this.#postings.get(gram);
    if (list) list.push(id);
    else this.#postings.set(gram, [id]);
  }

  #ensureCounter(id: number): void {
    if (id < this.#counts.length) return;
    const grown = new Uint8Array(Math.max(id + 1, this.#counts.length * 2));
    grown.set(this.#counts);
    this.#counts = grown;
  }
}
