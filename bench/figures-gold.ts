/**
 * Accuracy of people, roles, organisations and quote attribution on the hand-written gold set,
 * side by side with the baseline (capitalised runs, nearest-name quotes) and with our layer over
 * the bare capitalised-runs tagger. Prints a table, then one JSON line.
 * Run: npx tsx bench/figures-gold.ts  (npm run bench:figures-gold)
 */
import { findPeople } from '../src/figures/find-people.ts';
import {
  type Counts, type Summary, addCounts, baseline, capitalisedRuns, emptyCounts, loadGold, scoreArticle, summarise,
} from './lib/figures-gold.ts';

const gold = loadGold();
const systems: Record<string, (text: string) => { name: string; role?: string; organisation?: string; quotes: { text: string; kind: string }[] }[]> = {
  'baseline (capitalised runs + nearest name)': (text) => baseline(text),
  'herald layer over capitalised runs': (text) => findPeople({ text }, { findSpans: capitalisedRuns }),
  'herald findPeople (shipped tagger)': (text) => findPeople({ text }),
};

if (process.argv.includes('--caps')) delete systems['herald findPeople (shipped tagger)'];
const results: Record<string, Summary> = {};
const bySplit: Record<string, Summary> = {};
const perArticle: Record<string, Record<string, Counts>> = {};
for (const [name, run] of Object.entries(systems)) {
  let total = emptyCounts();
  const splitTotals: Record<string, Counts> = {};
  for (const article of gold) {
    const counts = scoreArticle(article, run(article.text));
    (perArticle[article.id] ??= {})[name] = counts;
    total = addCounts(total, counts);
    const split = article.split ?? 'dev';
    splitTotals[split] = addCounts(splitTotals[split] ?? emptyCounts(), counts);
  }
  results[name] = summarise(total);
  for (const [split, counts] of Object.entries(splitTotals)) bySplit[`${name} [${split}]`] = summarise(counts);
}

const pct = (x: number): string => `${(x * 100).toFixed(1)}%`.padStart(7);
const cols: [keyof Summary, string][] = [
  ['peoplePrecision', 'ppl P'], ['peopleRecall', 'ppl R'], ['peopleF1', 'ppl F1'], ['roleAccuracy', 'role'],
  ['roleLenientAccuracy', 'role~'], ['organisationAccuracy', 'org'], ['quoteAttributionRecall', 'quote R'],
  ['quoteAttributionPrecision', 'quote P'], ['quoteKindAccuracy', 'kind'],
];
console.log(`figures gold set: ${gold.length} articles, ${gold.reduce((n, a) => n + a.people.length, 0)} people, ${gold.reduce((n, a) => n + a.quotes.length, 0)} quotes`);
console.log(`${'system'.padEnd(44)}${cols.map(([, h]) => h.padStart(8)).join('')}`);
for (const [name, s] of Object.entries(results)) console.log(`${name.padEnd(44)}${cols.map(([k]) => ` ${pct(s[k])}`).join('')}`);
console.log('\nby split (dev: the rules were written against them; heldout, fresh: written later, scored, then also used for fixes)');
for (const [name, s] of Object.entries(bySplit)) if (!name.startsWith('baseline')) console.log(`${name.replace(/^herald /u, '').padEnd(44)}${cols.map(([k]) => ` ${pct(s[k])}`).join('')}`);
if (process.argv.includes('--per-article')) {
  for (const [id, bySystem] of Object.entries(perArticle)) {
    const which = process.argv.includes('--caps') ? 'herald layer over capitalised runs' : 'herald findPeople (shipped tagger)';
    const ours = bySystem[which];
    if (ours !== undefined) console.log(`${id.padEnd(30)} people ${ours.matchedPeople}/${ours.goldPeople} (pred ${ours.predPeople})  role ${ours.roleStrict}  org ${ours.orgStrict}  quotes ${ours.quotesAttributed}/${ours.goldQuotes} (pred ${ours.predQuotes}, ok ${ours.predQuotesCorrect})`);
  }
}
const round = (s: Summary): Record<string, number> => Object.fromEntries(Object.entries(s).map(([k, v]) => [k, Math.round(v * 1000) / 1000]));
console.log(JSON.stringify({
  bench: 'figures-gold', articles: gold.length,
  systems: Object.fromEntries(Object.entries(results).map(([k, v]) => [k, round(v)])),
  bySplit: Object.fromEntries(Object.entries(bySplit).map(([k, v]) => [k, round(v)])),
}));
