import { describe, expect, it } from 'vitest';
import { buildBriefing } from '../../src/condense/build-briefing.ts';
import { buildStory, storyFingerprint, type StoryFingerprint } from '../../src/condense/build-story.ts';
import { clusterItems, type ClusterItem } from '../../src/condense/cluster.ts';
import { rankStories } from '../../src/condense/rank-stories.ts';
import type { Story } from '../../src/core/types.ts';
import {
  ALL_ITEMS,
  FEEDS,
  NOW,
  phoneLaunch,
  quakePeruWire,
  takeoverBbc,
  takeoverCnbc,
  takeoverGuardian,
} from './story-fixtures.ts';

const firstTwoSentences = (item: ClusterItem): string[] =>
  item.text.split(/(?<=[.!?])\s+(?=[A-Z])/u).slice(0, 2);

function storiesOf(items: ClusterItem[]): Story[] {
  return clusterItems(items).map((c) => buildStory(c, { feeds: FEEDS, bulletsFor: firstTwoSentences }));
}

const storyWith = (stories: Story[], item: ClusterItem): Story => {
  const story = stories.find((s) => s.sources.some((src) => src.url === item.url));
  if (!story) throw new Error(`no story for ${item.id}`);
  return story;
};

const brief = (stories: Story[], extra: Partial<Parameters<typeof buildBriefing>[0]> = {}) =>
  buildBriefing({ channelId: 'C1', stories, now: NOW, maxStories: 10, ...extra });

describe('buildBriefing', () => {
  it('prints stories, not items: three outlets of one event give one entry', () => {
    const briefing = brief(storiesOf(ALL_ITEMS));
    expect(briefing.stories).toHaveLength(5);
    const takeover = briefing.stories.find((s) => s.headline === takeoverBbc.title);
    expect(takeover?.sources).toHaveLength(3);
    expect(briefing.channelId).toBe('C1');
    expect(briefing.createdAt).toEqual(NOW);
  });

  it('groups stories by topic, groups ordered by their best story', () => {
    const briefing = brief(storiesOf(ALL_ITEMS));
    const topics = briefing.stories.map((s) => s.topic);
    const groups = topics.filter((t, i) => i === 0 || topics[i - 1] !== t);
    expect(new Set(groups).size).toBe(groups.length);
    expect(groups[0]).toBe('business');
    expect(briefing.stories[0]?.headline).toBe(takeoverBbc.title);
  });

  it('keeps the top stories only, by rank', () => {
    const stories = storiesOf(ALL_ITEMS);
    const briefing = brief(stories, { maxStories: 2 });
    const best = rankStories(stories, { now: NOW }).slice(0, 2).map((r) => r.story.id);
    expect(briefing.stories.map((s) => s.id).sort()).toEqual([...best].sort());
  });

  it('filters by topic', () => {
    const briefing = brief(storiesOf(ALL_ITEMS), { topic: 'World' });
    expect(briefing.stories.length).toBeGreaterThan(0);
    expect(briefing.stories.every((s) => s.topic === 'world')).toBe(true);
    expect(briefing.title).toContain('World');
  });

  it('leaves out a story already sent to the channel', () => {
    const stories = storiesOf(ALL_ITEMS);
    const takeover = storyWith(stories, takeoverBbc);
    const sent = new Map<string, StoryFingerprint>([[takeover.id, storyFingerprint(takeover)]]);
    const briefing = brief(stories, { sent });
    expect(briefing.stories.map((s) => s.id)).not.toContain(takeover.id);
    expect(briefing.stories).toHaveLength(4);
    expect(brief(stories, { channelId: 'C2' }).stories.map((s) => s.id)).toContain(takeover.id);
  });

  it('brings a sent story back as an update when another outlet adds a new fact', () => {
    const early = storyWith(storiesOf([takeoverBbc, phoneLaunch]), takeoverBbc);
    const sent = new Map<string, StoryFingerprint>([[early.id, storyFingerprint(early)]]);
    const later = storiesOf([takeoverBbc, takeoverGuardian, phoneLaunch]);
    const briefing = brief(later, { sent });
    const update = briefing.stories.find((s) => s.id === early.id);
    expect(update?.update).toBe(true);
    expect(update?.bullets.length).toBeGreaterThan(early.bullets.length);
    expect(briefing.stories.find((s) => s.id !== early.id)?.update).toBeUndefined();
  });

  it('recognises a sent story by its source URL when its id changed', () => {
    const stories = storiesOf([takeoverBbc, takeoverCnbc, quakePeruWire]);
    const takeover = storyWith(stories, takeoverCnbc);
    const sent = new Map<string, StoryFingerprint>([['st-older-id', storyFingerprint(takeover)]]);
    expect(brief(stories, { sent }).stories.map((s) => s.id)).not.toContain(takeover.id);
  });

  it('leaves out stories first seen before `since`, unless they are updates', () => {
    const stories = storiesOf(ALL_ITEMS);
    const since = new Date((phoneLaunch.publishedAt?.getTime() ?? 0) - 60_000);
    const briefing = brief(stories, { since });
    expect(briefing.stories.map((s) => s.headline)).toEqual([phoneLaunch.title]);
    expect(briefing.since).toEqual(since);
  });
});

describe('rankStories', () => {
  const story = (id: string, feeds: string[], hoursOld: number): Story => ({
    id,
    headline: `Headline ${id}`,
    bullets: ['A plain bullet without figures.'],
    sources: feeds.map((feed, i) => ({ title: id, url: `https://${feed}.example/${id}/${i}`, feed })),
    people: [],
    figures: [],
    firstSeen: new Date(NOW.getTime() - hoursOld * 3_600_000),
  });

  it('ranks more outlets above fewer, fresher above older', () => {
    const ranked = rankStories([story('a', ['x'], 1), story('b', ['x', 'y', 'z'], 1), story('c', ['x'], 20)], { now: NOW });
    expect(ranked.map((r) => r.story.id)).toEqual(['b', 'a', 'c']);
  });

  it('counts distinct feeds, not links', () => {
    const ranked = rankStories([story('a', ['x', 'x', 'x'], 1), story('b', ['x', 'y'], 1)], { now: NOW });
    expect(ranked[0]?.story.id).toBe('b');
  });

  it('lifts a story from a weightier feed', () => {
    const feedWeights = new Map([['vip', 3]]);
    const ranked = rankStories([story('a', ['x', 'y'], 1), story('b', ['vip'], 1)], { now: NOW, feedWeights });
    expect(ranked[0]?.story.id).toBe('b');
  });

  it('breaks ties deterministically', () => {
    const input = [story('b', ['x'], 2), story('a', ['x'], 2)];
    expect(rankStories(input, { now: NOW }).map((r) => r.story.id)).toEqual(['a', 'b']);
    expect(rankStories([...input].reverse(), { now: NOW }).map((r) => r.story.id)).toEqual(['a', 'b']);
  });
});
