import { describe, expect, it } from 'vitest';
import { answerQuestion, type StoryFacts } from '../../src/figures/answer-question.ts';

const facts: StoryFacts = {
  story: { headline: 'Port deal signed in Vladivostok', bullets: ['Russia and China signed a port deal worth $4.5bn.', 'Work starts in March.'] },
  people: [
    {
      name: 'Artyom Lukin',
      aliases: ['Lukin'],
      role: 'associate professor',
      organisation: "Russia's Far Eastern Federal University",
      quotes: [{ text: 'This is a turning point for the region', kind: 'direct', sentence: '"This is a turning point for the region," Lukin said.', storyId: 's1' }],
      storyIds: ['s1'],
    },
    { name: 'Xi Jinping', aliases: ['Xi'], role: 'Chinese President', quotes: [], storyIds: ['s1'] },
  ],
  figures: [
    { value: '$4.5bn', kind: 'money', context: 'Russia and China signed a port deal worth $4.5bn.', storyId: 's1' },
    { value: '12%', kind: 'percent', context: 'Trade through the port rose 12% last year.', storyId: 's1' },
    { value: 'March', kind: 'date', context: 'Work starts in March.', storyId: 's1', resolved: '2027-03' },
  ],
};

describe('answerQuestion', () => {
  it('quotes the person asked about, citing the sentence', () => {
    const answer = answerQuestion('what did Lukin say?', facts);
    expect(answer).toContain('Artyom Lukin (associate professor');
    expect(answer).toContain('This is a turning point for the region');
    expect(answer).toContain('> "This is a turning point for the region," Lukin said.');
  });

  it('says who someone is, and that they were not quoted', () => {
    expect(answerQuestion('who is Xi?', facts)).toBe('Xi Jinping (Chinese President) is named in this story but not quoted.');
  });

  it('answers "how much?" with the money figure and its context', () => {
    expect(answerQuestion('how much?', facts)).toBe('$4.5bn\n> Russia and China signed a port deal worth $4.5bn.');
  });

  it('answers "when" with the resolved date', () => {
    expect(answerQuestion('when does work start?', facts)).toContain('March (2027-03)');
  });

  it('falls back to the closest sentence, and never invents', () => {
    expect(answerQuestion('what about trade?', facts)).toContain('Trade through the port rose 12% last year.');
    expect(answerQuestion('is it raining in Paris', facts)).toMatch(/I can only answer from this story/);
  });
});
