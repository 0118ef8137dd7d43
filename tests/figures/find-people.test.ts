import { describe, expect, it } from 'vitest';
import type { Person } from '../../src/core/types.ts';
import { findPeople } from '../../src/figures/find-people.ts';
import type { Span } from '../../src/figures/person-spans.ts';

const byName = (people: Person[], name: string): Person => {
  const found = people.find((p) => p.name === name);
  if (found === undefined) throw new Error(`no person "${name}" in ${people.map((p) => p.name).join(', ')}`);
  return found;
};
const names = (people: Person[]): string[] => people.map((p) => p.name);
const quoteTexts = (p: Person): string[] => p.quotes.map((q) => q.text);

/** A stand-in for a different tagger: every occurrence of the given strings, as exact spans. */
function spansOf(...strings: string[]): (text: string) => Span[] {
  return (text) => strings.flatMap((s) => [...text.matchAll(new RegExp(s.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'), 'gu'))]
    .map((m) => ({ text: s, start: m.index, end: m.index + s.length })));
}

const SUMMIT = `Chinese President Xi Jinping met his Russian counterpart Vladimir Putin in Moscow on Monday.
Photo: Reuters
Advertisement
Xi and Putin signed agreements on energy and trade, officials said.
"Our friendship has no limits," Xi told reporters after the talks.
Artyom Lukin, an associate professor at Russia's Far Eastern Federal University, said the visit was a signal to Washington.
"It is a marriage of convenience. Neither side fully trusts the other.
"But for now they need each other," Lukin said.
According to Lukin, the partnership will last at least until the end of the decade.
Former Chinese leader Jiang Zemin once described the relationship as "the best in history".
The Kremlin said in a statement that the talks were "constructive".`;

describe('findPeople: names and aliases', () => {
  const people = findPeople({ text: SUMMIT, storyId: 's1' });

  it('lists each person once, in order of first mention', () => {
    expect(names(people)).toEqual(['Xi Jinping', 'Vladimir Putin', 'Artyom Lukin', 'Jiang Zemin']);
  });

  it('gives a family-name-first name its family name as alias, and a Western name its surname', () => {
    expect(byName(people, 'Xi Jinping').aliases).toContain('Xi');
    expect(byName(people, 'Vladimir Putin').aliases).toContain('Putin');
    expect(byName(people, 'Artyom Lukin').aliases).toContain('Lukin');
  });

  it('records honorific and title aliases as written', () => {
    const text = 'Prime Minister Helen Marsh spoke first. Ms Marsh said the plan was fair. Later, President Marsh — as critics called her — left.';
    const marsh = byName(findPeople({ text }), 'Helen Marsh');
    expect(marsh.aliases).toEqual(expect.arrayContaining(['Marsh', 'Ms Marsh']));
  });

  it('links a Korean family name written first, and a Vietnamese given name written last', () => {
    const text = `Finance Minister Choi Sang-mok met Prime Minister Pham Minh Tuan in Seoul.
Choi said the two countries would double trade. Tuan said Vietnam welcomed the investment.`;
    const people = findPeople({ text });
    expect(byName(people, 'Choi Sang-mok').aliases).toContain('Choi');
    expect(byName(people, 'Pham Minh Tuan').aliases).toContain('Tuan');
  });

  it('fills storyIds and quote storyIds from the article', () => {
    const xi = byName(people, 'Xi Jinping');
    expect(xi.storyIds).toEqual(['s1']);
    expect(xi.quotes.every((q) => q.storyId === 's1')).toBe(true);
  });
});

describe('findPeople: no false people', () => {
  it('ignores boilerplate lines, places, organisations and days', () => {
    const text = `Photo: Getty Images
Advertisement
On Monday New York officials and the European Central Bank said Wall Street was calm.
Reporting by Jane Porter; Editing by Mark Hollis
Analyst Rosa Lindqvist of Harrow Securities said markets were calm.`;
    expect(names(findPeople({ text }))).toEqual(['Rosa Lindqvist']);
  });

  it('splits two names joined by "and" even when the tagger returns them as one span', () => {
    const text = 'Priya Raman and Tom Hale signed the deal. "It is done," Raman said. Hale declined to comment.';
    const people = findPeople({ text }, { findSpans: spansOf('Priya Raman and Tom Hale') });
    expect(names(people)).toEqual(['Priya Raman', 'Tom Hale']);
  });

  it('drops capitalised titles of films, teams and journals that have no sign of being a person', () => {
    const text = `Director Hana Mori won the prize for The Winter Orchard, and her rival film Harbour Lights came second.
The study in Planetary Science Letters was led by Dr Amara Okafor.`;
    expect(names(findPeople({ text }))).toEqual(['Hana Mori', 'Amara Okafor']);
  });

  it('does not take a company that owns things, or a company that "said", for a person', () => {
    const text = `Quarry Interactive won its case on Thursday. Quarry's founder, Samuel Adeyemi, called it a great day.
Brightline said it would appeal.`;
    const people = findPeople({ text }, { findSpans: spansOf('Quarry Interactive', 'Quarry', 'Samuel Adeyemi', 'Brightline') });
    expect(names(people)).toEqual(['Samuel Adeyemi']);
  });
});

describe('findPeople: roles and organisations', () => {
  const people = findPeople({ text: SUMMIT });

  it('takes the role from a title chain before the name', () => {
    expect(byName(people, 'Xi Jinping').role).toBe('Chinese President');
    expect(byName(people, 'Jiang Zemin').role).toBe('former Chinese leader');
  });

  it('takes role and organisation from an appositive after the name', () => {
    const lukin = byName(people, 'Artyom Lukin');
    expect(lukin.role).toBe('associate professor');
    expect(lukin.organisation).toBe("Russia's Far Eastern Federal University");
  });

  it('resolves "his Russian counterpart" from the other person\'s title', () => {
    expect(byName(people, 'Vladimir Putin').role).toBe('Russian President');
  });

  it('reads an organisation before the role, a possessive appositive, and "of" after the name', () => {
    const text = `Apple chief executive Tim Cook met Sundar Pillai, Alphabet's chief executive, in Paris.
Chief executive Priya Raman of Northwind said her firm would expand. Bank of Westland Governor Andrew Fairbanks said rates would stay on hold.`;
    const people = findPeople({ text });
    expect(byName(people, 'Tim Cook')).toMatchObject({ role: 'chief executive', organisation: 'Apple' });
    expect(byName(people, 'Sundar Pillai')).toMatchObject({ role: 'chief executive', organisation: 'Alphabet' });
    expect(byName(people, 'Priya Raman')).toMatchObject({ role: 'chief executive', organisation: 'Northwind' });
    expect(byName(people, 'Andrew Fairbanks')).toMatchObject({ role: 'Governor', organisation: 'Bank of Westland' });
  });

  it('reads a role written before a comma ("the company\'s chief financial officer, Ana Souza,")', () => {
    const text = "The company's chief financial officer, Ana Souza, said margins would improve.";
    const souza = byName(findPeople({ text }), 'Ana Souza');
    expect(souza.role).toBe('chief financial officer');
    expect(souza.organisation).toBeUndefined();
  });
});

describe('findPeople: quotes', () => {
  const people = findPeople({ text: SUMMIT });

  it('attributes a direct quote with "X told reporters" after it', () => {
    expect(byName(people, 'Xi Jinping').quotes).toEqual([
      expect.objectContaining({ text: 'Our friendship has no limits', kind: 'direct' }),
    ]);
  });

  it('keeps a quote that runs over two paragraphs with the speaker named at its end', () => {
    const lukin = quoteTexts(byName(people, 'Artyom Lukin'));
    expect(lukin).toContain('It is a marriage of convenience. Neither side fully trusts the other.');
    expect(lukin).toContain('But for now they need each other');
  });

  it('finds reported speech: "X said ...", "according to X"', () => {
    const lukin = byName(people, 'Artyom Lukin').quotes.filter((q) => q.kind === 'reported').map((q) => q.text);
    expect(lukin).toEqual(['the visit was a signal to Washington', 'the partnership will last at least until the end of the decade']);
  });

  it('attributes a partial quote to the subject of the speaking verb', () => {
    expect(byName(people, 'Jiang Zemin').quotes).toEqual([
      expect.objectContaining({ text: 'the best in history', kind: 'partial', sentence: expect.stringContaining('Former Chinese leader') }),
    ]);
  });

  it('gives no one the words of an organisation', () => {
    expect(people.flatMap(quoteTexts)).not.toContain('constructive');
  });

  it('handles "said X" after the quote and "X said:" before it', () => {
    const text = `Mei Tanaka is an analyst at Harrow Securities.
"Two clients make up a fifth of revenue," said Tanaka.
Tanaka said: "If one of them walks, the story changes."`;
    expect(quoteTexts(byName(findPeople({ text }), 'Mei Tanaka'))).toEqual([
      'Two clients make up a fifth of revenue',
      'If one of them walks, the story changes.',
    ]);
  });

  it('resolves "he" and "she" to the most recent person of that gender', () => {
    const text = `Ms Raman met Tom Hale on Tuesday. Hale runs the rival firm.
"We are ready to invest," she said.
"We will see," he said.`;
    const people = findPeople({ text }, { findSpans: spansOf('Raman', 'Tom Hale', 'Hale') });
    expect(quoteTexts(byName(people, 'Raman'))).toEqual(['We are ready to invest']);
    expect(quoteTexts(byName(people, 'Tom Hale'))).toEqual(['We will see']);
  });

  it('continues an unattributed quote paragraph from the last speaker', () => {
    const text = `"We will not back down," said Priya Raman, the chief executive.
"The market is bigger than any one rival."`;
    expect(quoteTexts(byName(findPeople({ text }), 'Priya Raman'))).toEqual([
      'We will not back down',
      'The market is bigger than any one rival.',
    ]);
  });

  it('attributes a quote split by its attribution ("A," she said, "B.")', () => {
    const text = 'Dr Amara Okafor led the study. "The ice is real," she said, "and there is a lot of it."';
    expect(quoteTexts(byName(findPeople({ text }), 'Amara Okafor'))).toEqual(['The ice is real', 'and there is a lot of it.']);
  });
});

describe('findPeople: robustness to the tagger', () => {
  it('gives the same people whether the tagger returns full names only or also lone surnames and titles', () => {
    const fullOnly = findPeople({ text: SUMMIT }, { findSpans: spansOf('Xi Jinping', 'Vladimir Putin', 'Artyom Lukin', 'Jiang Zemin') });
    const noisy = findPeople({ text: SUMMIT }, {
      findSpans: spansOf('Chinese President Xi Jinping', 'Vladimir Putin in Moscow', 'Xi', 'Putin', 'Lukin', "Russia's Far Eastern",
        'Artyom Lukin', 'Former Chinese', 'Jiang Zemin', 'Kremlin', 'Reuters', 'Photo'),
    });
    const shape = (ps: Person[]) => ps.map((p) => ({ name: p.name, role: p.role, quotes: p.quotes.length }));
    expect(shape(noisy)).toEqual(shape(fullOnly));
  });

  it('returns no one for a text without people', () => {
    expect(findPeople({ text: 'Shares rose 4% on Monday as the Bank of England held rates in London.' })).toEqual([]);
  });
});
