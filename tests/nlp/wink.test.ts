import { describe, expect, it } from 'vitest';
import { getNlp, stem } from '../../src/nlp/wink.ts';
import { findEntities, tokenize } from '../../src/nlp/tokens.ts';
import { contentTerms } from '../../src/nlp/content-terms.ts';

describe('the wink instance', () => {
  it('is created once per process', () => {
    expect(getNlp()).toBe(getNlp());
  });

  it('keeps custom entities learnt on it (nothing else replaces the instance)', () => {
    getNlp().learnCustomEntities([{ name: 'FLOOD_BARRIER', patterns: ['Thames Barrier'] }]);
    const doc = getNlp().readDoc('Engineers closed the Thames Barrier overnight.');
    expect(doc.customEntities().out()).toEqual(['Thames Barrier']);
  });
});

describe('tokens and stems', () => {
  it('types words, numbers and punctuation and stems words', () => {
    const tokens = tokenize('Floods closed 40 schools.');
    expect(tokens.map((t) => t.type)).toEqual(['word', 'word', 'number', 'word', 'punctuation']);
    expect(tokens.map((t) => t.stem)).toEqual(['flood', 'close', '40', 'school', '.']);
  });

  it('stems case-insensitively', () => {
    expect(stem('Running')).toBe('run');
    expect(stem('elections')).toBe(stem('Election'));
  });

  it('finds number, money and date entities', () => {
    const types = findEntities('The council spent $3.5 million on 12 March, 20% more than planned.').map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['MONEY', 'DATE', 'PERCENT']));
  });

  it('gives headline content terms without stopwords', () => {
    expect(contentTerms('The floods have closed 40 schools')).toEqual(['flood', 'close', '40', 'school']);
  });
});
