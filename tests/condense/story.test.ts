import { describe, expect, it } from 'vitest';
import { buildStory, hasSignificantNewFact, storyFingerprint } from '../../src/condense/build-story.ts';
import { clusterItems, type ClusterItem, type ItemCluster } from '../../src/condense/cluster.ts';
import { condense } from '../../src/condense/condense.ts';
import { findNumbers } from '../../src/condense/fact-tokens.ts';
import type { Story } from '../../src/core/types.ts';
import { FEEDS, takeoverBbc, takeoverCnbc, takeoverGuardian } from './story-fixtures.ts';

/** A predictable bullet source, so these tests pin story assembly rather than sentence scoring. */
const firstTwoSentences = (item: ClusterItem): string[] =>
  item.text.split(/(?<=[.!?])\s+(?=[A-Z])/u).slice(0, 2);

function onlyCluster(items: ClusterItem[]): ItemCluster {
  const clusters = clusterItems(items);
  expect(clusters).toHaveLength(1);
  const [cluster] = clusters;
  if (!cluster) throw new Error('no cluster');
  return cluster;
}

const takeover = (): ItemCluster => onlyCluster([takeoverBbc, takeoverGuardian, takeoverCnbc]);

describe('buildStory', () => {
  it('turns the same event from three feeds into one story with three sources', () => {
    const story = buildStory(takeover(), { feeds: FEEDS, bulletsFor: firstTwoSentences });
    expect(story.sources).toHaveLength(3);
    expect(story.sources.map((s) => s.feed).sort()).toEqual(['bbc-business', 'cnbc', 'guardian-business']);
    expect(story.sources.map((s) => s.url).sort()).toEqual(
      [takeoverBbc.url, takeoverCnbc.url, takeoverGuardian.url].sort(),
    );
    expect(story.firstSeen).toEqual(takeoverBbc.publishedAt);
    expect(story.topic).toBe('business');
  });

  it('takes the headline and bullets from the best-covered article and lists it first', () => {
    const story = buildStory(takeover(), { feeds: FEEDS, bulletsFor: firstTwoSentences });
    expect(story.headline).toBe(takeoverBbc.title);
    expect(story.sources[0]?.url).toBe(takeoverBbc.url);
    expect(story.bullets.slice(0, 2)).toEqual(firstTwoSentences(takeoverBbc));
  });

  it('adds one new fact from another outlet, with a number the chosen bullets lack', () => {
    const story = buildStory(takeover(), { feeds: FEEDS, bulletsFor: firstTwoSentences });
    expect(story.bullets).toHaveLength(3);
    const extra = story.bullets[2] ?? '';
    expect(takeoverBbc.text.includes(extra)).toBe(false);
    expect(takeoverGuardian.text.includes(extra) || takeoverCnbc.text.includes(extra)).toBe(true);
    const before = new Set(findNumbers(story.bullets.slice(0, 2).join(' ')).map((n) => n.value));
    expect(findNumbers(extra).some((n) => !before.has(n.value))).toBe(true);
  });

  it('adds nothing when the other outlets only repeat the chosen bullets', () => {
    const copy: ClusterItem = { ...takeoverBbc, id: 'copy', feedId: 'cnbc', url: 'https://cnbc.example/copy' };
    const story = buildStory(onlyCluster([takeoverBbc, copy]), { feeds: FEEDS, bulletsFor: firstTwoSentences });
    expect(story.bullets).toEqual(firstTwoSentences(takeoverBbc));
    expect(story.sources).toHaveLength(2);
  });

  it('lists a syndicated copy under one URL once', () => {
    const syndicated: ClusterItem = { ...takeoverGuardian, id: 'synd', feedId: 'wire-world' };
    const story = buildStory(onlyCluster([takeoverBbc, takeoverGuardian, takeoverCnbc, syndicated]), { feeds: FEEDS });
    expect(story.sources).toHaveLength(3);
  });

  it('keeps the story id across runs and input orders', () => {
    const a = buildStory(takeover(), { feeds: FEEDS });
    const b = buildStory(onlyCluster([takeoverCnbc, takeoverBbc, takeoverGuardian]), { feeds: FEEDS });
    expect(b.id).toBe(a.id);
    expect(a.id).toMatch(/^st-[0-9a-f]{16}$/u);
  });

  it('uses condense() for bullets by default', () => {
    const story = buildStory(takeover(), { feeds: FEEDS });
    const own = condense({ title: takeoverBbc.title, text: takeoverBbc.text });
    expect(story.bullets.slice(0, own.length)).toEqual(own);
    expect(story.bullets.length).toBeLessThanOrEqual(own.length + 1);
  });

  it('leaves the topic unset when no feed has one', () => {
    const story = buildStory(takeover());
    expect(story.topic).toBeUndefined();
  });
});

const baseStory = (bullets: string[]): Story => ({
  id: 'st-1',
  headline: 'Halvorsen Foods to buy Brightwater Dairy',
  bullets,
  sources: [{ title: 't', url: 'https://bbc-business.example/news/bbc-1', feed: 'bbc-business' }],
  people: [],
  figures: [],
  firstSeen: new Date(0),
});

describe('storyFingerprint', () => {
  const sent = storyFingerprint(baseStory(['Halvorsen Foods agreed to buy Brightwater Dairy for $4.2bn.']));

  it('holds numbers by value and the words of names', () => {
    expect(sent.facts).toContain('#4200000000');
    expect(sent.facts).toContain('@halvorsen');
    expect(sent.urls).toEqual(['https://bbc-business.example/news/bbc-1']);
  });

  it('sees no new fact in a rewording of the same facts', () => {
    const again = storyFingerprint(baseStory(['Brightwater Dairy is being bought by Halvorsen Foods for $4.2 billion.']));
    expect(hasSignificantNewFact(sent, again)).toBe(false);
  });

  it('sees a new number as a significant new fact', () => {
    const later = storyFingerprint(
      baseStory(['Halvorsen Foods agreed to buy Brightwater Dairy for $4.2bn.', 'Shares in Brightwater rose 24%.']),
    );
    expect(hasSignificantNewFact(sent, later)).toBe(true);
  });

  it('needs a whole new name, not one capitalised word, to call it new', () => {
    const oneWord = storyFingerprint(baseStory(['Halvorsen Foods agreed to buy Brightwater Dairy for $4.2bn in Oslo.']));
    expect(hasSignificantNewFact(sent, oneWord)).toBe(false);
    const person = storyFingerprint(
      baseStory(['Halvorsen Foods agreed to buy Brightwater Dairy for $4.2bn, said Ingrid Solberg.']),
    );
    expect(hasSignificantNewFact(sent, person)).toBe(true);
  });
});
