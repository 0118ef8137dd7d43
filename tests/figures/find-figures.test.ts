import { describe, expect, it } from 'vitest';
import type { Figure } from '../../src/core/types.ts';
import { findFigures } from '../../src/figures/find-figures.ts';
import { trimContext } from '../../src/figures/rank-figures.ts';

// Wednesday 20 March 2024, mid-morning UTC.
const PUBLISHED = new Date('2024-03-20T09:30:00Z');

const values = (figures: Figure[]): string[] => figures.map((f) => f.value);
const find = (figures: Figure[], value: string): Figure => {
  const f = figures.find((x) => x.value === value);
  if (f === undefined) throw new Error(`no figure "${value}" in ${values(figures).join(', ')}`);
  return f;
};

describe('findFigures: money and percentages', () => {
  const text = `Northwind agreed to buy Carrow for $4.5bn on Monday, its largest deal.
The price, about 4.5 billion dollars, values Carrow at £300 million more than last year.
Europe's packaged-food market is worth €2.1 trillion. Fuel duty rose by 5p a litre.
Sales rose 12% in the quarter, margins widened by 3 per cent and costs fell 7 percent.`;
  const figures = findFigures({ text, publishedAt: PUBLISHED, storyId: 'st' });

  it('finds money with symbols, scale words and abbreviations', () => {
    for (const v of ['$4.5bn', '£300 million', '€2.1 trillion', '5p']) expect(find(figures, v).kind).toBe('money');
  });

  it('counts "$4.5bn" and "4.5 billion dollars" once', () => {
    expect(values(figures)).not.toContain('4.5 billion dollars');
  });

  it('finds percentages written as %, "per cent" and "percent"', () => {
    for (const v of ['12%', '3 per cent', '7 percent']) expect(find(figures, v).kind).toBe('percent');
  });

  it('ranks money in the lead above everything else and tags figures with the story', () => {
    expect(figures[0]?.value).toBe('$4.5bn');
    expect(figures.every((f) => f.storyId === 'st')).toBe(true);
  });
});

describe('findFigures: dates resolved against publication', () => {
  const text = `Ministers met on Monday to agree the plan.
The committee will vote on Friday.
The deal was signed on 3 March and takes effect on March 28, 2025.
The inquiry opened yesterday and will report in June.
Talks began in 2019.`;
  const figures = findFigures({ text, publishedAt: PUBLISHED });

  it('puts a past-tense weekday on the most recent such day on or before publication', () => {
    expect(find(figures, 'Monday').resolved).toBe('2024-03-18');
  });

  it('puts a future-tense weekday on the next such day', () => {
    expect(find(figures, 'Friday').resolved).toBe('2024-03-22');
  });

  it('resolves day-month with and without a year, relative words, months and years', () => {
    expect(find(figures, '3 March').resolved).toBe('2024-03-03');
    expect(find(figures, 'March 28, 2025').resolved).toBe('2025-03-28');
    expect(find(figures, 'yesterday').resolved).toBe('2024-03-19');
    expect(find(figures, 'June').resolved).toBe('2024-06');
    expect(find(figures, '2019')).toMatchObject({ kind: 'date', resolved: '2019' });
  });

  it('leaves relative dates unresolved when the publication date is unknown', () => {
    const f = findFigures({ text: 'Ministers met on Monday to agree the plan.' });
    expect(f).toEqual([expect.objectContaining({ value: 'Monday', kind: 'date' })]);
    expect(f[0]?.resolved).toBeUndefined();
  });
});

describe('findFigures: durations, ordinals and numbers', () => {
  const text = `It was the third visit in three years, after 18 months of talks on a two-year deal.
The 21st summit drew 1,200 delegates and two million viewers.
Two people were hurt and 3 cars were damaged.`;
  const figures = findFigures({ text, publishedAt: PUBLISHED });

  it('finds durations written in words or digits', () => {
    for (const v of ['three years', '18 months', 'two-year']) expect(find(figures, v).kind).toBe('duration');
  });

  it('finds ordinals in words and digits', () => {
    expect(find(figures, 'third').kind).toBe('ordinal');
    expect(find(figures, '21st').kind).toBe('ordinal');
  });

  it('finds significant numbers, but not small counts', () => {
    expect(find(figures, '1,200').kind).toBe('number');
    expect(find(figures, 'two million').kind).toBe('number');
    expect(values(figures)).not.toEqual(expect.arrayContaining(['Two']));
    expect(values(figures).some((v) => /^(?:two|Two|3)$/u.test(v))).toBe(false);
  });
});

describe('findFigures: boilerplate', () => {
  it('ignores comment counts, video timestamps and update times', () => {
    const text = `Updated 10:32 GMT
0:45
123 comments
The council approved 450 new homes at 9:15pm.`;
    expect(values(findFigures({ text, publishedAt: PUBLISHED }))).toEqual(['450']);
  });

  it('never takes numbers inside names such as Covid-19 or F-35', () => {
    expect(findFigures({ text: 'Covid-19 delayed the F-35 programme.' })).toEqual([]);
  });
});

describe('findFigures: context', () => {
  it('gives the sentence, trimmed to 200 characters around the figure', () => {
    const long = `${'The committee heard evidence from residents, engineers and council officers about the state of the road. '.repeat(2)}In the end it approved £12m for repairs, ${'which campaigners said was far too little and far too late for the people living along it. '.repeat(2)}`;
    const [money] = findFigures({ text: long.replace(/\.\s(?=\S)/gu, ', ') });
    expect(money?.value).toBe('£12m');
    expect(money?.context.length).toBeLessThanOrEqual(200);
    expect(money?.context).toContain('approved £12m for repairs');
  });

  it('keeps a short sentence whole', () => {
    expect(trimContext('Sales rose 12%.', 11, 14)).toBe('Sales rose 12%.');
  });
});
