import { describe, expect, it } from 'vitest';
import { condense } from '../../src/condense/condense.ts';
import { splitSentences } from '../../src/nlp/split-sentences.ts';
import { opensWithDanglingPronoun } from '../../src/condense/standalone.ts';

// Articles written for these tests (invented events, no third-party text).

const DAM = {
  title: 'Springfield dam failure floods 300 homes',
  text: [
    'SPRINGFIELD, Ohio (CNN) -- The Lake Marion dam failed early Tuesday, flooding about 300 homes in Springfield and forcing 1,200 residents to evacuate, county officials said.',
    'Sign up for our newsletter to get the latest on the Springfield dam failure and the flooding.',
    'The dam, built in 1931, had been listed as high-risk by state inspectors in 2019.',
    'It was the worst flooding in the county in 40 years.',
    'Follow us on Twitter for live updates on the Springfield flooding and the dam.',
    'Governor Ellen Park declared a state of emergency for Clark County and sent 150 National Guard troops to help with rescues.',
    'They rescued 85 people from rooftops by Tuesday evening, the Guard said.',
    'Photo: Getty Images. Floodwater from the Lake Marion dam covers homes in Springfield.',
    'Engineers said heavy rain over the weekend, more than 6 inches in 48 hours, had pushed the reservoir past its limit.',
    'What happens next?',
    'State inspectors will review every high-risk dam in Ohio, Park said.',
    "CNN's Jane Doe contributed to this report.",
  ].join(' '),
};

const PRONOUNS = {
  title: 'Rivera wins Lisbon marathon in course record',
  text: [
    'Maria Rivera of Mexico won the Lisbon marathon on Sunday in a course record of 2 hours 19 minutes.',
    'The crowd along the river cheered as the leaders passed the old town.',
    'She broke the previous record, set in 2011, by 48 seconds.',
    'Her coach, Tomas Vidal, said the course record had been the goal for two years.',
    'Kenya\'s Ruth Chebet finished second, 31 seconds behind Rivera, and Ethiopia\'s Alem Bekele was third.',
    'It was Rivera\'s third marathon win and her first in Europe.',
    'They will meet again at the world championships in August, where Rivera is the favourite for the marathon record.',
    'Organisers said 32,000 runners started the Lisbon marathon, a record field.',
  ].join(' '),
};

const QUOTE = {
  title: 'Port strike ends after 12 days',
  text: [
    'Dock workers at the port of Halden ended a 12-day strike on Friday after the port authority agreed to a 6% pay rise.',
    'The union leader, Ola Berg, spoke to reporters outside the port gates.',
    '"This is a win for every worker on these docks. The port authority said it could not pay. It found the money.',
    'We stayed out for 12 days and we won," Berg said.',
    'Shipping lines had diverted 40 vessels to other ports during the strike, costing the port an estimated $18 million.',
    'Is the deal enough to prevent another strike next year?',
    'The agreement runs for three years and adds two extra days of annual leave.',
  ].join(' '),
};

const LONG_SENTENCE = {
  title: 'Council approves budget',
  text: [
    'The city council on Thursday approved a $2.4 billion budget for next year that raises property taxes by 3%, adds 120 police officers, expands bus service on 14 routes, funds repairs at 30 schools, creates a new housing office to handle 5,000 pending applications, and sets aside $40 million for flood defences along the river after two years of record rainfall and repeated flooding in the eastern districts of the city.',
    'The vote was 9 to 4.',
    'Mayor Lena Ortiz said the budget balanced safety and services.',
    'Opponents said the tax rise would hurt renters and small businesses across the city.',
  ].join(' '),
};

const ALL = [DAM, PRONOUNS, QUOTE, LONG_SENTENCE];

function sentenceIndex(sentences: string[], bullet: string): number {
  const core = bullet.replace(/[…"”]+$/u, '').slice(0, 40);
  return sentences.findIndex((s) => s.includes(core));
}

describe('condense', () => {
  it('gives 2 to 4 bullets of at most 280 characters', () => {
    for (const article of ALL) {
      const bullets = condense(article);
      expect(bullets.length, article.title).toBeGreaterThanOrEqual(2);
      expect(bullets.length, article.title).toBeLessThanOrEqual(4);
      for (const b of bullets) {
        expect(b.length).toBeLessThanOrEqual(280);
        expect(b.split(/\s+/u).length).toBeGreaterThanOrEqual(6);
      }
    }
  });

  it('honours smaller bullet and character limits', () => {
    const bullets = condense(DAM, { maxBullets: 2, maxChars: 120 });
    expect(bullets.length).toBeLessThanOrEqual(2);
    for (const b of bullets) expect(b.length).toBeLessThanOrEqual(120);
  });

  it('cuts an over-long sentence cleanly at a clause boundary', () => {
    const bullets = condense(LONG_SENTENCE);
    const budget = bullets.find((b) => b.includes('$2.4 billion'));
    expect(budget).toBeDefined();
    expect(budget!.length).toBeLessThanOrEqual(280);
    expect(budget).toMatch(/…$/u);
    expect(budget).not.toMatch(/,…$/u);
  });

  it('never turns boilerplate into a bullet, even when it repeats the key words', () => {
    const bullets = condense(DAM, { maxBullets: 4, targetWords: 200 });
    for (const b of bullets) {
      expect(b).not.toMatch(/newsletter|Follow us|Getty|contributed to this report/iu);
    }
  });

  it('strips the dateline from the first bullet', () => {
    const bullets = condense(DAM);
    for (const b of bullets) expect(b).not.toMatch(/\(CNN\)|SPRINGFIELD, Ohio/u);
    expect(bullets[0]).toMatch(/^The Lake Marion dam failed/u);
  });

  it('opens a bullet with a pronoun only right after the sentence it refers to', () => {
    for (const article of ALL) {
      const sentences = splitSentences(article.text);
      const bullets = condense(article, { maxBullets: 4, targetWords: 200 });
      bullets.forEach((b, i) => {
        if (!opensWithDanglingPronoun(b)) return;
        expect(i, `${article.title}: ${b}`).toBeGreaterThan(0);
        expect(sentenceIndex(sentences, bullets[i - 1]!)).toBe(sentenceIndex(sentences, b) - 1);
      });
    }
  });

  it('drops pronoun-led sentences whose antecedent was not picked', () => {
    const bullets = condense(PRONOUNS, { maxBullets: 2 });
    for (const b of bullets) expect(b).not.toMatch(/^(?:She|Her|It|They)\b/u);
  });

  it('does not open a bullet inside a quotation or pick a question', () => {
    const bullets = condense(QUOTE, { maxBullets: 4, targetWords: 200 });
    for (const b of bullets) {
      expect(b).not.toMatch(/^We stayed out/u);
      expect(b).not.toMatch(/\?$/u);
      const quotes = (b.match(/"/gu) ?? []).length;
      expect(quotes % 2, b).toBe(0);
    }
  });

  it('keeps abbreviations inside their sentence', () => {
    const bullets = condense({
      title: 'Senate passes water bill',
      text:
        'The U.S. Senate on Jan. 14 passed a $9 billion bill to replace lead water pipes in 400 cities. ' +
        'Sen. Alma Reyes, who wrote the bill, said the pipes put 10 million children at risk. ' +
        'The House is expected to vote on the bill in March. ' +
        'Gen. Paul Odom of the Army Corps of Engineers will oversee the work.',
    });
    expect(bullets[0]).toBe('The U.S. Senate on Jan. 14 passed a $9 billion bill to replace lead water pipes in 400 cities.');
    for (const b of bullets) expect(b).not.toMatch(/^(?:S\.|Senate on|14 passed)/u);
  });

  it('prefers the publisher bullet summary', () => {
    const summary = '• The Lake Marion dam failed on Tuesday, flooding 300 homes.\n• Governor Ellen Park declared a state of emergency.\n• Inspectors will review every high-risk dam in Ohio.';
    expect(condense({ ...DAM, summary })).toEqual([
      'The Lake Marion dam failed on Tuesday, flooding 300 homes.',
      'Governor Ellen Park declared a state of emergency.',
      'Inspectors will review every high-risk dam in Ohio.',
    ]);
  });

  it('leads with a one-sentence standfirst and adds a non-repeating bullet from the text', () => {
    const summary = 'A dam failure in Ohio has flooded 300 homes and forced 1,200 people from Springfield.';
    const bullets = condense({ ...DAM, summary });
    expect(bullets[0]).toBe(summary);
    expect(bullets.length).toBeGreaterThanOrEqual(2);
    expect(bullets.slice(1).some((b) => b.includes('forcing 1,200 residents'))).toBe(false);
  });

  it('ignores a "summary" that is really the whole article', () => {
    const bullets = condense({ ...DAM, summary: DAM.text });
    expect(bullets.length).toBeLessThanOrEqual(4);
    for (const b of bullets) expect(b).not.toMatch(/newsletter/iu);
  });

  it('returns bullets in reading order', () => {
    const sentences = splitSentences(PRONOUNS.text);
    const order = condense(PRONOUNS).map((b) => sentenceIndex(sentences, b));
    expect(order.every((x) => x >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
  });

  it('gives what it can for a one-sentence item and nothing for an empty one', () => {
    expect(condense({ title: 'Brief', text: 'The bridge on Route 9 reopened on Monday after six weeks of repairs.' })).toEqual([
      'The bridge on Route 9 reopened on Monday after six weeks of repairs.',
    ]);
    expect(condense({ title: 'Empty', text: '' })).toEqual([]);
  });
});

describe('condense with a feed teaser as the summary', () => {
  it('drops the feed\'s "Continue reading" tail and "appeared first on" line', () => {
    const bullets = condense({
      ...DAM,
      summary: 'The Lake Marion dam failed on Tuesday, flooding 300 homes in Springfield. Continue reading…\nThe post Dam fails appeared first on Daily Ohio.',
    });
    expect(bullets[0]).toBe('The Lake Marion dam failed on Tuesday, flooding 300 homes in Springfield.');
    for (const b of bullets) expect(b).not.toMatch(/Continue reading|appeared first on/u);
  });
});

describe('condense with a truncated teaser', () => {
  it('keeps only the complete sentences of a teaser cut off mid-sentence', () => {
    const bullets = condense({
      ...DAM,
      summary: 'The Lake Marion dam failed on Tuesday, flooding 300 homes in Springfield. Governor Ellen Park declared a state of emergency and sent […]',
    });
    expect(bullets[0]).toBe('The Lake Marion dam failed on Tuesday, flooding 300 homes in Springfield.');
    for (const b of bullets) expect(b).not.toMatch(/sent\s*\[?…/u);
  });
});
