import { describe, expect, it } from 'vitest';
import { compressSentence, fitToLength } from '../../src/condense/compress-sentence.ts';

const opts = { maxChars: 280 };

describe('compressSentence', () => {
  it('drops a leading conjunction and capitalises', () => {
    expect(compressSentence('But the council rejected the plan by 7 votes to 2.', opts)).toBe('The council rejected the plan by 7 votes to 2.');
  });

  it('drops a trailing "according to" a document', () => {
    expect(compressSentence('The ferry carried 212 passengers and 40 cars, according to a statement from the operator.', opts))
      .toBe('The ferry carried 212 passengers and 40 cars.');
  });

  it('drops a trailing official reporting source from a report of events', () => {
    expect(compressSentence('Two men were arrested near the stadium on Saturday night, police said.', opts))
      .toBe('Two men were arrested near the stadium on Saturday night.');
  });

  it('keeps the source of an allegation, an opinion or a quotation', () => {
    const alleged = 'The two men are suspected of planning the robbery for months, police said.';
    expect(compressSentence(alleged, opts)).toBe(alleged);
    const opinion = 'The plan is the best deal the city has had in decades, Mayor Ortiz said.';
    expect(compressSentence(opinion, opts)).toBe(opinion);
    const quoted = '"We have arrested two men," police said.';
    expect(compressSentence(quoted, opts)).toBe(quoted);
  });

  it('drops a parenthetical without numbers but keeps one with a figure', () => {
    expect(compressSentence('The International Criminal Court (ICC) opened an inquiry into the shelling of the port.', opts))
      .toBe('The International Criminal Court opened an inquiry into the shelling of the port.');
    const money = 'The fund raised $40 million (£31 million) in its first week of trading.';
    expect(compressSentence(money, opts)).toBe(money);
  });

  it('closes a quotation that the sentence leaves open', () => {
    expect(compressSentence('The mayor told the crowd: "We will rebuild every home.', opts)).toBe('The mayor told the crowd: "We will rebuild every home."');
  });

  it('turns a double hyphen into a dash', () => {
    expect(compressSentence('The storm -- the worst in decades -- closed 40 schools.', opts)).toBe('The storm — the worst in decades — closed 40 schools.');
  });
});

describe('fitToLength', () => {
  it('leaves short text alone and cuts long text at a clause boundary with an ellipsis', () => {
    expect(fitToLength('Short enough.', 280)).toBe('Short enough.');
    const long = `The plan adds ${'new bus routes and school repairs, '.repeat(8)}and flood defences.`;
    const cut = fitToLength(long, 120);
    expect(cut.length).toBeLessThanOrEqual(120);
    expect(cut).toMatch(/repairs…$/u);
  });
});

describe('compressSentence openers', () => {
  it('drops "However," but keeps openers that carry meaning', () => {
    expect(compressSentence('However, the bridge will stay closed until June.', opts)).toBe('The bridge will stay closed until June.');
    expect(compressSentence('So far, 20 people have been rescued from the flats.', opts)).toBe('So far, 20 people have been rescued from the flats.');
    expect(compressSentence('Now 85, the actor still performs twice a week.', opts)).toBe('Now 85, the actor still performs twice a week.');
  });
});
