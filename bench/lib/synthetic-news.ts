/**
 * Synthetic news for the index bench: people named from syllables (shared surnames, some accents,
 * some family-name-first), stories with headlines and bullets drawn from a news vocabulary with
 * word frequencies that fall off like real text, figures, quotes and topics. Seeded, so every run
 * indexes the same data.
 */
import type { Figure, Person, Story } from '../../src/core/types.ts';

const SYLLABLES = ('ka lo mi ra ne to vi sa ren dor lin mar tek zu fa bel gor an is ol va che shi ya po du ri mon ta ke ' +
  'jo el na vo ber kin son ler ham wic bru ga hel tro vin sel pak')
  .split(' ');
const FAMILY_FIRST = ['Lee', 'Kim', 'Park', 'Wang', 'Li', 'Zhang', 'Chen', 'Nguyen', 'Tran', 'Xi'];
const ROLES = ['President', 'Prime Minister', 'finance minister', 'chief executive', 'spokesperson', 'governor', 'senator', 'coach', 'professor', 'chair', 'mayor', 'ambassador'];
const ORGS = ['Ministry of Finance', 'Acme Holdings', 'Northern University', 'City Council', 'Central Bank', 'United Harbour Authority', 'National Assembly', 'Rovers FC', 'Green Party', 'Helix Labs', 'World Food Agency', 'Port Authority'];
export const TOPICS = ['World', 'Politics', 'Business', 'Markets', 'Technology', 'Science', 'Health', 'Sport', 'Climate', 'Culture', 'Energy', 'Transport'];
export const VOCABULARY = (
  'government minister election vote parliament budget tax tariff trade deal talks summit leaders war ceasefire troops ' +
  'border refugees aid crisis protest police court judge ruling appeal law bill reform plan policy inflation rates bank ' +
  'interest economy growth recession jobs unemployment wages strike union workers company shares market stocks investors ' +
  'profit losses revenue quarter earnings merger acquisition chief executive board launch product phone software chip ' +
  'data privacy hack cyber attack security military missile drone navy army soldiers killed injured wounded hospital ' +
  'doctors patients vaccine virus outbreak cases health study scientists research climate emissions carbon energy oil ' +
  'gas prices fuel power grid solar wind nuclear plant flood storm wildfire drought heatwave earthquake rescue ' +
  'victims damage city council mayor housing rent homes school students teachers university funding report survey poll ' +
  'campaign candidate party opposition coalition president prime leader spokesperson statement warning sanctions embassy ' +
  'ambassador foreign relations alliance treaty exports imports farmers food supply shortage airline flights airport ' +
  'train rail transport road crash investigation charges trial verdict prison sentence fraud corruption scandal resigns ' +
  'appointed named record high low rise fall jump drop surge slump cut raise boost ban approve reject delay expand ' +
  'final match win defeat title league cup season coach players fans stadium goal injury transfer olympic medal race ' +
  'film festival award music album tour museum exhibition book author artist space rocket satellite mission moon ocean ' +
  'species wildlife forest river water pollution plastic recycling electric cars batteries factory production sales ' +
  'consumers retail online platform users app ai model regulators fine lawsuit settlement agreement negotiations ' +
  'deadline vote results turnout polls debate speech visit meeting conference report data figures official sources'
).split(' ');

/** A small seeded generator (mulberry32), so runs index the same data. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Draws indexes 0..n-1 with weight 1/(i+offset)^s, like word and name frequencies in the news. */
export function zipf(n: number, s: number, random: () => number, offset = 2): () => number {
  const cumulative = new Float64Array(n);
  let total = 0;
  for (let i = 0; i < n; i += 1) {
    total += 1 / (i + offset) ** s;
    cumulative[i] = total;
  }
  return () => {
    const x = random() * total;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

const capital = (word: string): string => word.charAt(0).toUpperCase() + word.slice(1);
const pick = <T>(items: readonly T[], random: () => number): T => items[Math.floor(random() * items.length)] as T;

export interface SyntheticPerson {
  name: string;
  surname: string;
  role: string;
  organisation: string;
}

export function makePeople(count: number, random: () => number): SyntheticPerson[] {
  const word = (syllables: number): string => capital(Array.from({ length: syllables }, () => pick(SYLLABLES, random)).join(''));
  const accent = (name: string): string => (random() < 0.06 ? name.replace('a', 'á').replace('l', 'ł') : name);
  const surnames = Array.from({ length: Math.ceil(count / 3) }, () => accent(word(2 + Math.floor(random() * 2))));
  const seen = new Set<string>();
  const people: SyntheticPerson[] = [];
  while (people.length < count) {
    const given = accent(word(2));
    const familyFirst = random() < 0.05;
    const surname = familyFirst ? pick(FAMILY_FIRST, random) : pick(surnames, random);
    const middle = random() < 0.1 ? ` ${word(1)}` : '';
    const name = familyFirst ? `${surname} ${given}${middle}` : `${given}${middle} ${surname}`;
    if (seen.has(name)) continue;
    seen.add(name);
    people.push({ name, surname, role: pick(ROLES, random), organisation: pick(ORGS, random) });
  }
  return people;
}

export interface StoryMaker {
  story(i: number): { story: Story; people: Person[] };
}

export function storyMaker(people: readonly SyntheticPerson[], stories: number, startMs: number, spanMs: number, random: () => number): StoryMaker {
  const nextWord = zipf(VOCABULARY.length, 1, random);
  const nextPerson = zipf(people.length, 0.8, random, 10);
  const words = (n: number): string[] => Array.from({ length: n }, () => VOCABULARY[nextWord()] ?? 'news');
  const sentence = (n: number, who?: string): string => {
    const w = words(n);
    if (who) w.splice(1 + Math.floor(random() * (n - 1)), 0, who);
    return `${capital(w.join(' '))}.`;
  };
  return {
    story(i) {
      const id = `st${i}`;
      const cast = [...new Set(Array.from({ length: 1 + Math.floor(random() * 3) }, () => nextPerson()))].map((k) => people[k] as SyntheticPerson);
      const lead = cast[0];
      const bullets = Array.from({ length: 2 + Math.floor(random() * 3) }, (_, b) => sentence(10 + Math.floor(random() * 8), b === 0 ? lead?.name : undefined));
      const figures: Figure[] = Array.from({ length: Math.floor(random() * 4) }, (_, f) => {
        const kind = pick(['money', 'percent', 'number', 'date'] as const, random);
        const value = kind === 'money' ? `$${(random() * 90 + 1).toFixed(1)}bn` : kind === 'percent' ? `${Math.floor(random() * 60)}%` : kind === 'number' ? String(Math.floor(random() * 90_000 + 1_000)) : `${1 + (f % 28)} March`;
        return { value, kind, context: sentence(12, value), storyId: id };
      });
      const cited: Person[] = cast.map((p) => ({
        name: p.name,
        aliases: [p.surname],
        role: random() < 0.02 ? pick(ROLES, random) : p.role,
        organisation: p.organisation,
        quotes: Array.from({ length: Math.floor(random() * 3) }, () => ({ text: sentence(9), kind: 'direct' as const, sentence: sentence(12, p.surname), storyId: id })),
        storyIds: [id],
      }));
      if (lead && random() < 0.05) cited.push({ name: lead.surname, aliases: [], quotes: [], storyIds: [id] });
      const story: Story = {
        id,
        headline: sentence(6 + Math.floor(random() * 5), lead?.surname).replace(/\.$/u, ''),
        bullets,
        sources: [{ title: 'Wire report', url: `https://news.example/${id}`, feed: 'wire' }],
        people: cited.map((p) => p.name),
        figures,
        firstSeen: new Date(startMs + Math.floor((i / stories) * spanMs + random() * 3_600_000)),
        topic: pick(TOPICS, random),
      };
      return { story, people: cited };
    },
  };
}
