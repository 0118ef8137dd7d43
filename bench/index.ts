/**
 * bench:index — the news index at the scale of issue 5: 100,000 stories and 20,000 people in a
 * SQLite file. Latency (p50/p95/p99) of the lookups behind /who, /search, /figures and
 * autocomplete, side by side with naive baselines in the same run (LIKE '%…%' scans and a
 * full-table Levenshtein), plus how often each finds the person meant.
 *
 *   npx tsx bench/index.ts [--stories 100000] [--people 20000] [--samples 400]
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { editDistance, foldText } from '../src/core/name-match.ts';
import { createFigureAnswers } from '../src/figures/answers.ts';
import { SqliteNewsIndex } from '../src/store/sqlite/sqlite-news-index.ts';
import { SqliteStore } from '../src/store/sqlite/sqlite-store.ts';
import { makePeople, rng, storyMaker, TOPICS, VOCABULARY, zipf, type SyntheticPerson } from './lib/synthetic-news.ts';

const arg = (name: string, fallback: number): number => {
  const at = process.argv.indexOf(`--${name}`);
  return at > 0 ? Number(process.argv[at + 1]) : fallback;
};
const STORIES = arg('stories', 100_000);
const PEOPLE = arg('people', 20_000);
const SAMPLES = arg('samples', 400);
/** The slow baselines get fewer samples so the run stays short. */
const BASELINE_SAMPLES = Math.min(SAMPLES, 60);
const SPAN_MS = 365 * 86_400_000;
const START_MS = Date.parse('2025-06-01T00:00:00Z');

const random = rng(42);
const dir = mkdtempSync(join(tmpdir(), 'herald-bench-index-'));
const file = join(dir, 'index.db');
const store = new SqliteStore(file);
await store.migrate();
const db = store.db;
// A cache big enough for the one-transaction fill, so it does not spill pages to the WAL as it goes.
db.pragma('cache_size = -262144');
const index = new SqliteNewsIndex(db);
const answers = createFigureAnswers(index);

// Fill: one transaction, the index's own prepared statements.
const people = makePeople(PEOPLE, random);
const maker = storyMaker(people, STORIES, START_MS, SPAN_MS, random);
const fillStart = performance.now();
db.transaction(() => {
  for (let i = 0; i < STORIES; i += 1) {
    const { story, people: cited } = maker.story(i);
    index.saveStorySync(story, cited, story.firstSeen);
  }
})();
const fillMs = performance.now() - fillStart;
db.pragma('optimize');
const count = (table: string): number => Number(db.prepare(`SELECT COUNT(*) FROM ${table}`).pluck().get());
const stats = { stories: count('stories'), people: count('people'), links: count('person_stories'), quotes: count('person_quotes'), figures: count('story_figures') };
const warmStart = performance.now();
index.warmUp();
const warmUpMs = performance.now() - warmStart;
console.log(`filled ${stats.stories} stories, ${stats.people} people (${stats.links} links, ${stats.quotes} quotes, ${stats.figures} figures) in ${(fillMs / 1000).toFixed(1)} s; file ${(statSync(file).size / 1e6).toFixed(0)} MB; name index built in ${warmUpMs.toFixed(0)} ms`);

// Queries: the people readers ask about follow the news (popular people more often).
const asked = zipf(people.length, 0.8, random, 10);
const someone = (): SyntheticPerson => people[asked()] as SyntheticPerson;
function typo(name: string): string {
  const chars = [...name];
  const at = 1 + Math.floor(random() * (chars.length - 2));
  const op = Math.floor(random() * 3);
  if (op === 0) chars.splice(at, 1);
  else if (op === 1) [chars[at], chars[at + 1]] = [chars[at + 1] ?? '', chars[at] ?? ''];
  else chars[at] = 'e';
  return chars.join('');
}
const word = (): string => VOCABULARY[Math.floor(random() * VOCABULARY.length)] ?? 'news';

type Sample = { query: string; want?: string };
const samples = (n: number, make: () => Sample): Sample[] => Array.from({ length: n }, make);
const exact = samples(SAMPLES, () => { const p = someone(); return { query: p.name, want: p.name }; });
const surname = samples(SAMPLES, () => { const p = someone(); return { query: p.surname, want: p.name }; });
const typos = samples(SAMPLES, () => { const p = someone(); return { query: typo(p.name), want: p.name }; });
const prefix = (min: number, max: number) => (): Sample => {
  const p = someone();
  const w = random() < 0.5 ? p.surname : p.name;
  return { query: w.slice(0, min + Math.floor(random() * (max - min + 1))) };
};
const shortPrefixes = samples(SAMPLES, prefix(1, 2));
const prefixes = samples(SAMPLES, prefix(3, 6));
const searches = samples(SAMPLES, () => ({ query: random() < 0.5 ? word() : `${word()} ${word()}` }));
const figureArgs = samples(SAMPLES, () => {
  const r = random();
  return { query: r < 0.34 ? `st${Math.floor(random() * STORIES)}` : r < 0.67 ? (TOPICS[Math.floor(random() * TOPICS.length)] ?? 'World') : `${word()} ${word()}` };
});

interface Result { p50: number; p95: number; p99: number; found?: number }
async function measure(list: Sample[], run: (q: string) => Promise<string[]> | string[]): Promise<Result> {
  for (const s of list.slice(0, 5)) await run(s.query);
  const times: number[] = [];
  let found = 0;
  for (const s of list) {
    const start = performance.now();
    const names = await run(s.query);
    times.push(performance.now() - start);
    if (s.want !== undefined && names.slice(0, 5).includes(s.want)) found += 1;
  }
  times.sort((a, b) => a - b);
  const q = (p: number): number => Number((times[Math.min(times.length - 1, Math.floor(p * times.length))] ?? 0).toFixed(3));
  const result: Result = { p50: q(0.5), p95: q(0.95), p99: q(0.99) };
  if (list[0]?.want !== undefined) result.found = Number((found / list.length).toFixed(3));
  return result;
}

// Baselines: what a first version would do.
const like = db.prepare<[string], string>("SELECT name FROM people WHERE name LIKE '%' || ? || '%' ORDER BY mentions DESC LIMIT 10").pluck();
const allNames = db.prepare<[], { name: string }>('SELECT name FROM people');
function levenshteinScan(query: string): string[] {
  const q = foldText(query);
  const scored = allNames.all().map(({ name }) => {
    const key = foldText(name);
    const distance = Math.min(editDistance(q, key), ...key.split(' ').map((t) => editDistance(q, t)));
    return { name, distance };
  });
  return scored.sort((a, b) => a.distance - b.distance).slice(0, 10).map((s) => s.name);
}
const likePrefix = db.prepare<[string, string], string>("SELECT name FROM people WHERE name LIKE ? || '%' OR name LIKE '% ' || ? || '%' ORDER BY mentions DESC LIMIT 25").pluck();
function likeSearch(words: string): string[] {
  const terms = words.split(' ');
  const where = terms.map(() => "(headline LIKE '%' || ? || '%' OR bullets LIKE '%' || ? || '%')").join(' AND ');
  return db.prepare<string[], string>(`SELECT id FROM stories WHERE ${where} ORDER BY first_seen DESC LIMIT 10`).pluck().all(...terms.flatMap((t) => [t, t]));
}
function likeFigures(arg0: string): string[] {
  const id = db.prepare<[string, string], string>("SELECT id FROM stories WHERE id = ? OR lower(topic) = lower(?) ORDER BY first_seen DESC LIMIT 5").pluck().all(arg0, arg0);
  const ids = id.length ? id : likeSearch(arg0).slice(0, 1);
  return ids.flatMap((s) => db.prepare<[string], string>('SELECT value FROM story_figures WHERE story_id = ?').pluck().all(s));
}

const names = (list: { name: string }[]): string[] => list.map((m) => m.name);
const base = (list: Sample[]): Sample[] => list.slice(0, BASELINE_SAMPLES);
interface Row { op: string; ours?: Result; baseline?: string; base?: Result }
const rows: Row[] = [
  { op: 'findPeople exact', ours: await measure(exact, async (q) => names(await index.findPeople(q, 10))), baseline: "LIKE '%q%'", base: await measure(base(exact), (q) => like.all(q)) },
  { op: 'findPeople surname', ours: await measure(surname, async (q) => names(await index.findPeople(q, 10))), baseline: "LIKE '%q%'", base: await measure(base(surname), (q) => like.all(q)) },
  { op: 'findPeople typo', ours: await measure(typos, async (q) => names(await index.findPeople(q, 10))), baseline: 'Levenshtein scan', base: await measure(base(typos), levenshteinScan) },
  { op: 'findPeople typo', baseline: "LIKE '%q%'", base: await measure(base(typos), (q) => like.all(q)) },
  { op: 'suggestPeople 1-2', ours: await measure(shortPrefixes, (q) => index.suggestPeople(q, 25)), baseline: "LIKE 'q%'", base: await measure(base(shortPrefixes), (q) => likePrefix.all(q, q)) },
  { op: 'suggestPeople 3-6', ours: await measure(prefixes, (q) => index.suggestPeople(q, 25)), baseline: "LIKE 'q%'", base: await measure(base(prefixes), (q) => likePrefix.all(q, q)) },
  { op: 'searchStories', ours: await measure(searches, async (q) => (await index.searchStories(q, 10)).map((s) => s.id)), baseline: "LIKE '%w%'", base: await measure(base(searches), likeSearch) },
  { op: 'figuresFor', ours: await measure(figureArgs, async (q) => (await index.figuresFor(q)).figures.map((f) => f.value)), baseline: 'LIKE + scans', base: await measure(base(figureArgs), likeFigures) },
  {
    op: '/who answer (mix)',
    ours: await measure([...exact.slice(0, SAMPLES / 4), ...surname.slice(0, SAMPLES / 4), ...typos.slice(0, SAMPLES / 4)], async (q) => {
      const a = await answers.person(q);
      return a.person ? [a.person.name, ...a.suggestions] : a.suggestions;
    }),
  },
];

const fmt = (r: Result | undefined): string =>
  r ? `${r.p50.toFixed(2).padStart(7)} ${r.p95.toFixed(2).padStart(7)} ${r.p99.toFixed(2).padStart(7)} ${r.found === undefined ? '     ' : `${(r.found * 100).toFixed(0).padStart(4)}%`}` : ' '.repeat(29);
console.log(`\n${'operation'.padEnd(20)} ${'index p50 / p95 / p99 ms, found@5'.padEnd(34)}  ${'baseline'.padEnd(17)} p50 / p95 / p99 ms, found@5`);
for (const r of rows) console.log(`${r.op.padEnd(20)} ${fmt(r.ours).padEnd(34)}  ${(r.baseline ?? '').padEnd(17)} ${fmt(r.base)}`);
console.log(`\n${SAMPLES} samples per index query, ${BASELINE_SAMPLES} per baseline; goal: p95 < 50 ms for /who and /search`);

const json: Record<string, unknown> = { bench: 'index', ...stats, fillSeconds: Number((fillMs / 1000).toFixed(1)), warmUpMs: Math.round(warmUpMs), fileMB: Math.round(statSync(file).size / 1e6) };
for (const r of rows) {
  if (r.ours) json[r.op] = r.ours;
  if (r.base) json[`${r.op} | ${r.baseline}`] = r.base;
}
await store.close();
rmSync(dir, { recursive: true, force: true });
console.log(JSON.stringify(json));
