/**
 * Invented news items for the story, cluster and briefing tests: one takeover told by three
 * outlets, a look-alike takeover, two earthquakes, a product launch. Written for these tests.
 */
import type { ClusterItem } from '../../src/condense/cluster.ts';
import type { FeedInfo } from '../../src/condense/build-story.ts';

const T0 = Date.UTC(2025, 2, 4, 7, 0, 0);
const at = (hours: number): Date => new Date(T0 + hours * 3_600_000);

export const NOW = at(10);

export const FEEDS: ReadonlyMap<string, FeedInfo> = new Map<string, FeedInfo>([
  ['bbc-business', { topic: 'business', weight: 1 }],
  ['guardian-business', { topic: 'business', weight: 1 }],
  ['cnbc', { topic: 'business', weight: 1 }],
  ['wire-world', { topic: 'world', weight: 1 }],
  ['npr-world', { topic: 'world', weight: 1 }],
  ['verge', { topic: 'technology', weight: 1 }],
]);

function item(id: string, feedId: string, hours: number, title: string, text: string, url?: string): ClusterItem {
  return { id, feedId, url: url ?? `https://${feedId}.example/news/${id}`, title, text, publishedAt: at(hours), fetchedAt: at(hours + 0.2) };
}

export const takeoverBbc = item(
  'bbc-1',
  'bbc-business',
  0,
  'Halvorsen Foods to buy Brightwater Dairy in $4.2bn deal',
  'Halvorsen Foods has agreed to buy Brightwater Dairy for $4.2bn, creating the largest dairy group in northern Europe. ' +
    'The Oslo-based company said on Tuesday that the deal had been approved by both boards and would close by the end of March. ' +
    'Brightwater, which employs 6,300 people across 14 plants, said shareholders would receive 38 kroner a share. ' +
    "Chief executive Ingrid Solberg said the combined company would keep all of Brightwater's plants open for at least two years. " +
    'Analysts said competition regulators in Brussels were likely to examine the deal closely, given the overlap in butter and cheese.',
);

export const takeoverGuardian = item(
  'guardian-7',
  'guardian-business',
  1.5,
  'Brightwater Dairy sold to Norwegian rival Halvorsen for $4.2 billion',
  "Norway's Halvorsen Foods is buying Brightwater Dairy in a $4.2 billion takeover that will create northern Europe's biggest dairy business. " +
    "Brightwater shareholders will be paid 38 kroner for each share, a premium of 27% on Monday's closing price. " +
    "Halvorsen's chief executive, Ingrid Solberg, promised that none of Brightwater's 14 plants would close for two years. " +
    'The GMB union, which represents 2,100 Brightwater workers in Britain, said it wanted written guarantees.',
);

export const takeoverCnbc = item(
  'cnbc-33',
  'cnbc',
  2,
  'Halvorsen strikes $4.2B deal for Brightwater; shares jump',
  'Shares in Brightwater Dairy jumped 24% on Tuesday after Halvorsen Foods agreed to acquire the company for $4.2 billion. ' +
    'The deal values Brightwater at 38 kroner a share. ' +
    'Halvorsen, based in Oslo, expects the acquisition to close in March, subject to approval by European regulators.',
);

/** Same vocabulary, different companies and numbers: a different event. */
export const lookalikeTakeover = item(
  'bbc-2',
  'bbc-business',
  0.5,
  'Marlow Brewing to buy Kestrel Cider in $900m deal',
  'Marlow Brewing has agreed to buy Kestrel Cider for $900m, the brewer said on Tuesday. ' +
    'The deal, approved by both boards, is expected to close by the end of March. ' +
    'Kestrel shareholders will receive 12 pounds a share. ' +
    "Chief executive Tom Ashby said all of Kestrel's plants would stay open. " +
    'Analysts said competition regulators were unlikely to object.',
);

export const quakePeruWire = item(
  'wire-90',
  'wire-world',
  3,
  'Magnitude 6.1 earthquake strikes southern Peru',
  'A magnitude 6.1 earthquake struck southern Peru on Tuesday, damaging homes in the city of Arequipa, officials said. ' +
    'At least 11 people were injured and power was cut to parts of the region, according to the civil defence agency. ' +
    'The quake was centred 40km north of Arequipa at a depth of 95km, the US Geological Survey said.',
);

export const quakePeruNpr = item(
  'npr-12',
  'npr-world',
  4,
  'Earthquake in southern Peru injures 11 and damages homes in Arequipa',
  'An earthquake of magnitude 6.1 shook southern Peru on Tuesday, injuring 11 people and damaging dozens of homes around Arequipa. ' +
    'Peru\'s civil defence agency said rescue teams were checking older adobe buildings in the historic centre. ' +
    'President Dina Boluarte said the government would send emergency supplies.',
);

/** Another earthquake the same day, elsewhere: same vocabulary, different event. */
export const quakeChile = item(
  'wire-91',
  'wire-world',
  5,
  'Magnitude 5.4 earthquake hits central Chile',
  'A magnitude 5.4 earthquake struck central Chile on Tuesday, shaking buildings in Santiago, officials said. ' +
    'There were no immediate reports of injuries or damage, according to the national emergency office. ' +
    'The quake was centred 60km west of Talca at a depth of 30km, the US Geological Survey said.',
);

export const phoneLaunch = item(
  'verge-5',
  'verge',
  6,
  'Orbitel unveils the Nova X2, a folding phone with a week-long battery',
  'Orbitel on Tuesday unveiled the Nova X2, a folding phone it says can run for seven days on one charge. ' +
    'The phone goes on sale in Europe on 20 March for €1,299. ' +
    'Orbitel said its new silicon-carbon battery holds 30% more charge than the one in last year\'s model.',
);

export const ALL_ITEMS: ClusterItem[] = [
  takeoverBbc,
  takeoverGuardian,
  takeoverCnbc,
  lookalikeTakeover,
  quakePeruWire,
  quakePeruNpr,
  quakeChile,
  phoneLaunch,
];

/** Move an item in time, keeping everything else. */
export function shifted(source: ClusterItem, hours: number, id: string): ClusterItem {
  const ms = hours * 3_600_000;
  return {
    ...source,
    id,
    url: `${source.url}-later`,
    publishedAt: new Date((source.publishedAt ?? source.fetchedAt).getTime() + ms),
    fetchedAt: new Date(source.fetchedAt.getTime() + ms),
  };
}
