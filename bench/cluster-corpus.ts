/**
 * Items for the clustering bench: each source article (BBC News Summary and CNN from
 * ../shared/data, or a vocabulary generator when that is missing) is an event, told by one to
 * seven "outlets" with their own headline, edits, teaser-only text, timing and URL. The event
 * index is the known grouping.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ClusterItem } from '../src/condense/cluster.ts';

export interface LabelledItem {
  item: ClusterItem;
  event: number;
}

interface SourceArticle {
  /** Headlines an outlet may use (the first is the original). */
  titles: string[];
  text: string;
}

export const DATA_DIR = path.resolve(process.cwd(), '../shared/data');

/** Deterministic PRNG (mulberry32). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function readJsonl(file: string): Record<string, unknown>[] {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

function loadArticles(): { articles: SourceArticle[]; origin: string } {
  const bbc = path.join(DATA_DIR, 'bbc_news_summary/all.jsonl');
  const cnn = path.join(DATA_DIR, 'cnn_dailymail/test.jsonl');
  const articles: SourceArticle[] = [];
  if (existsSync(bbc)) {
    for (const r of readJsonl(bbc)) articles.push({ titles: [String(r.title)], text: String(r.article).replace(/\s+/gu, ' ') });
  }
  if (existsSync(cnn)) {
    for (const r of readJsonl(cnn)) {
      const highlights = String(r.reference).split('\n').map((h) => h.replace(/\s+\.$/u, '').trim()).filter(Boolean);
      const text = String(r.article).replace(/^.{0,60}?\(CNN\)\s*(?:--\s*)?/u, '').replace(/\s+/gu, ' ');
      if (highlights.length > 0) articles.push({ titles: highlights, text });
    }
  }
  if (articles.length > 0) return { articles: distinct(articles), origin: 'bbc_news_summary + cnn_dailymail' };
  return { articles: syntheticArticles(3000, rng(7)), origin: 'synthetic vocabulary (shared data missing)' };
}

/** The BBC set holds ~160 re-filed copies under other ids; as one "event" each they would be mislabelled. */
function distinct(articles: SourceArticle[]): SourceArticle[] {
  const seen = new Set<string>();
  return articles.filter((a) => {
    const keys = [`t:${(a.titles[0] ?? '').toLowerCase().trim()}`, `x:${a.text.slice(0, 200)}`];
    if (keys.some((k) => seen.has(k))) return false;
    for (const k of keys) seen.add(k);
    return true;
  });
}

const PLACES = ['Lisbon', 'Ohio', 'Nairobi', 'Kyoto', 'Manitoba', 'Bavaria', 'Quito', 'Perth', 'Gdansk', 'Accra', 'Leeds', 'Texas'];
const ORGS = ['Acme', 'Zenith', 'Halvorsen', 'Orbitel', 'Marlow', 'Kestrel', 'Northwind', 'Bluepeak', 'Carrow', 'Vantor'];
const PEOPLE = ['Ana Silva', 'Tom Reddy', 'Amara Okafor', 'Ingrid Solberg', 'Kenji Mori', 'Lena Vogel', 'Raj Patel', 'Maria Lopez'];
const ACTS = ['fire', 'strike', 'merger', 'flood', 'election', 'trial', 'launch', 'recall', 'protest', 'outage', 'earthquake', 'budget'];
const FILLER = 'officials said the situation was under review and more details were expected later in the day as investigators worked'.split(' ');

function syntheticArticles(n: number, rand: () => number): SourceArticle[] {
  const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  return Array.from({ length: n }, () => {
    const place = pick(PLACES), org = pick(ORGS), person = pick(PEOPLE), act = pick(ACTS);
    const num = 2 + Math.floor(rand() * 5000);
    const s1 = `A ${act} involving ${org} in ${place} affected ${num} people on Tuesday, ${person} said.`;
    const s2 = `${person} said ${org} would publish a full account of the ${act} within ${2 + Math.floor(rand() * 30)} days.`;
    const s3 = Array.from({ length: 12 }, () => pick(FILLER)).join(' ') + '.';
    return { titles: [`${org} ${act} in ${place} hits ${num}`], text: `${s1} ${s2} ${s3}` };
  });
}

const SYNONYMS: [RegExp, string][] = [
  [/\bcompany\b/gu, 'firm'], [/\bfirm\b/gu, 'company'], [/\bgovernment\b/gu, 'administration'],
  [/\bannounced\b/gu, 'unveiled'], [/\bincrease\b/gu, 'rise'], [/\brose\b/gu, 'climbed'], [/\bfell\b/gu, 'dropped'],
  [/\bbig\b/gu, 'large'], [/\bbuy\b/gu, 'acquire'], [/\bsaid\b/gu, 'told reporters'], [/\bkilled\b/gu, 'left dead'],
  [/\bplans\b/gu, 'proposals'], [/\bcut\b/gu, 'reduce'], [/\bwarned\b/gu, 'cautioned'], [/\bshow\b/gu, 'reveal'],
];

function reword(text: string, rand: () => number): string {
  let out = text;
  for (const [re, to] of SYNONYMS) if (rand() < 0.5) out = out.replace(re, to);
  return out;
}

const sentencesOf = (text: string): string[] => text.split(/(?<=[.!?]["”']?)\s+(?=["“A-Z])/u).filter(Boolean);
const BOILERPLATE = ['Sign up for our morning newsletter.', 'Follow us on social media for updates.', 'Read more: latest headlines.'];

function outletTitle(article: SourceArticle, outlet: number, rand: () => number): string {
  const base = article.titles[outlet % article.titles.length] ?? article.titles[0] ?? '';
  const roll = rand();
  if (outlet === 0 || roll < 0.3) return base;
  if (roll < 0.55) {
    const words = reword(base, rand).split(' ');
    if (words.length > 4) words.splice(1 + Math.floor(rand() * (words.length - 1)), 1);
    return words.join(' ');
  }
  if (roll < 0.75) return rand() < 0.5 ? `Live: ${base}` : `${base} - what we know`;
  const lede = sentencesOf(article.text)[0] ?? base;
  return lede.split(' ').slice(0, 12).join(' ');
}

function outletText(article: SourceArticle, outlet: number, rand: () => number): string {
  const sentences = sentencesOf(article.text);
  if (outlet === 0) return article.text;
  const roll = rand();
  let kept: string[];
  if (roll < 0.25) kept = sentences.slice(0, 1 + Math.floor(rand() * 2));
  else if (roll < 0.45) kept = [...sentences.slice(1, 4), ...sentences.slice(0, 1), ...sentences.slice(4)];
  else kept = sentences.filter((_, i) => i === 0 || rand() > 0.2);
  const text = reword(kept.join(' '), rand);
  return rand() < 0.3 ? `${text} ${BOILERPLATE[Math.floor(rand() * BOILERPLATE.length)]}` : text;
}

const OUTLET_COUNTS = [1, 1, 2, 2, 2, 3, 3, 3, 3, 4, 4, 4, 4, 5, 5, 5, 6, 6, 7, 7];
const FEEDS = 60;
const HOUR_MS = 3_600_000;

/**
 * `count` items, events spread over `spreadHours` (all within a briefing window or two, so an
 * exhaustive comparison really is quadratic), each outlet publishing within 12 h of the event.
 */
export function buildCorpus(count: number, seed = 42, spreadHours = 72): { items: LabelledItem[]; origin: string } {
  const rand = rng(seed);
  const { articles, origin } = loadArticles();
  const order = articles.map((_, i) => i);
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(rand() * (i + 1));
    [order[i], order[j]] = [order[j] ?? 0, order[i] ?? 0];
  }
  const t0 = Date.UTC(2025, 0, 6);
  const items: LabelledItem[] = [];
  for (let e = 0; items.length < count; e += 1) {
    const article = articles[order[e % order.length] ?? 0];
    if (!article) break;
    const eventTime = t0 + rand() * spreadHours * HOUR_MS;
    const outlets = OUTLET_COUNTS[Math.floor(rand() * OUTLET_COUNTS.length)] ?? 1;
    // Some events are syndicated: a second outlet carries the original's canonical URL.
    const syndicatedOutlet = outlets > 1 && rand() < 0.06 ? 1 + Math.floor(rand() * (outlets - 1)) : -1;
    const feedStart = Math.floor(rand() * FEEDS);
    for (let o = 0; o < outlets && items.length < count; o += 1) {
      const feed = `feed-${(feedStart + o * 7) % FEEDS}`;
      const published = new Date(eventTime + (o === 0 ? 0 : rand() * 12 * HOUR_MS));
      const canonical = o === 0 || o === syndicatedOutlet;
      items.push({
        event: e,
        item: {
          id: `${feed}/${e}-${o}`,
          feedId: feed,
          url: canonical ? `https://origin-${feedStart}.example/${e}` : `https://${feed}.example/${e}/${o}`,
          title: outletTitle(article, o, rand),
          text: outletText(article, o, rand),
          publishedAt: published,
          fetchedAt: new Date(published.getTime() + 600_000),
        },
      });
    }
  }
  return { items, origin };
}
