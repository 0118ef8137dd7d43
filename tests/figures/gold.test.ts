import { describe, expect, it } from 'vitest';
import { findPeople } from '../../src/figures/find-people.ts';
import {
  type Summary, addCounts, baseline, capitalisedRuns, emptyCounts, loadGold, scoreArticle, summarise,
} from '../../bench/lib/figures-gold.ts';

const gold = loadGold();

function score(run: (text: string) => ReturnType<typeof baseline>): Summary {
  return summarise(gold.reduce((total, article) => addCounts(total, scoreArticle(article, run(article.text))), emptyCounts()));
}

/** Floors about ten points under what the code scores today (see `npm run bench:figures-gold`). */
const FLOORS: Partial<Record<keyof Summary, number>> = {
  peoplePrecision: 0.9, peopleRecall: 0.9, roleAccuracy: 0.85, organisationAccuracy: 0.85,
  quoteAttributionRecall: 0.85, quoteAttributionPrecision: 0.9, quoteKindAccuracy: 0.8,
};

describe('figures gold set', () => {
  it('has at least 12 hand-written articles, each with people and quotes', () => {
    expect(gold.length).toBeGreaterThanOrEqual(12);
    for (const a of gold) {
      expect(a.people.length, a.id).toBeGreaterThan(0);
      expect(a.quotes.length, a.id).toBeGreaterThan(0);
      for (const q of a.quotes) expect(a.text, `${a.id}: ${q.text}`).toContain(q.text);
    }
  });

  it.each([
    ['the shipped tagger', (text: string) => findPeople({ text })],
    ['the bare capitalised-runs tagger', (text: string) => findPeople({ text }, { findSpans: capitalisedRuns })],
  ])('meets the accuracy floors with %s', (_, run) => {
    const s = score(run);
    for (const [key, floor] of Object.entries(FLOORS)) expect(s[key as keyof Summary], key).toBeGreaterThanOrEqual(floor);
  });

  it('beats the capitalised-runs, nearest-name baseline by a wide margin', () => {
    const ours = score((text) => findPeople({ text }));
    const base = score(baseline);
    expect(ours.peopleF1 - base.peopleF1).toBeGreaterThan(0.3);
    expect(ours.quoteAttributionRecall - base.quoteAttributionRecall).toBeGreaterThan(0.5);
  });
});
