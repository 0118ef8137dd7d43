import { describe, expect, it } from 'vitest';
import { porterStem } from '../../bench/lib/porter-stemmer.ts';
import { rouge, rougeTokens } from '../../bench/lib/rouge.ts';

describe('porterStem (NLTK flavour, as rouge_score uses)', () => {
  it('follows the examples of Porter (1980)', () => {
    const examples: Record<string, string> = {
      caresses: 'caress', ponies: 'poni', cats: 'cat', feed: 'feed', agreed: 'agre', plastered: 'plaster',
      motoring: 'motor', sing: 'sing', conflated: 'conflat', troubled: 'troubl', sized: 'size', hopping: 'hop',
      falling: 'fall', filing: 'file', happy: 'happi', relational: 'relat', conditional: 'condit',
      rational: 'ration', digitizer: 'digit', vietnamization: 'vietnam', predication: 'predic',
      operator: 'oper', hopefulness: 'hope', formaliti: 'formal', triplicate: 'triplic', formative: 'form',
      electrical: 'electr', goodness: 'good', revival: 'reviv', allowance: 'allow', adjustment: 'adjust',
      adoption: 'adopt', effective: 'effect', controll: 'control', roll: 'roll', generalizations: 'gener',
    };
    for (const [word, stem] of Object.entries(examples)) expect(porterStem(word), word).toBe(stem);
  });

  it('applies the NLTK departures', () => {
    expect(porterStem('dies')).toBe('die'); // ies -> ie on four-letter words
    expect(porterStem('flies')).toBe('fli');
    expect(porterStem('died')).toBe('die');
    expect(porterStem('spied')).toBe('spi');
    expect(porterStem('dying')).toBe('die'); // irregular forms
    expect(porterStem('news')).toBe('news');
    expect(porterStem('enjoy')).toBe('enjoy'); // y -> i only after a consonant
    expect(porterStem('constructor')).toBe('constructor'); // not an object-prototype lookup
  });
});

describe('rougeTokens', () => {
  it('lower-cases, splits on anything outside [a-z0-9] and stems only words longer than 3 letters', () => {
    // "u" "s" "led": all short, unstemmed; forces -> forc; troops -> troop; 3,000 -> 3 000
    expect(rougeTokens("U.S.-led forces' 3,000 troops")).toEqual(['u', 's', 'led', 'forc', '3', '000', 'troop']);
    expect(rougeTokens('Café news')).toEqual(['caf', 'news']);
  });
});

describe('rouge', () => {
  it('scores a one-word substitution by hand', () => {
    // ref:  the cat sat on the mat (6 tokens, none stemmed: all <= 3 letters)
    // cand: the cat lay on the mat
    // R1: overlap the x2, cat, on, mat = 5 -> P = R = 5/6 -> F = 0.8333
    // R2: ref bigrams {the cat, cat sat, sat on, on the, the mat}; shared: the cat, on the, the mat = 3 of 5 -> F = 0.6
    // Lsum: one sentence each, LCS = the cat on the mat = 5 -> F = 5/6
    const s = rouge('the cat sat on the mat', 'the cat lay on the mat');
    expect(s.rouge1.f1).toBeCloseTo(5 / 6, 10);
    expect(s.rouge2.f1).toBeCloseTo(0.6, 10);
    expect(s.rougeLsum.f1).toBeCloseTo(5 / 6, 10);
  });

  it('matches through stemming and counts precision against the candidate', () => {
    // ref tokens:  polic arrest two men                 (4)
    // cand tokens: two men were arrest by polic         (6; "were" stems to itself)
    // R1: 4 shared -> P = 4/6, R = 4/4 -> F = 2(2/3)(1)/(5/3) = 0.8
    // R2: ref {polic arrest, arrest two, two men}, cand has 5 bigrams; shared: two men -> P = 1/5, R = 1/3 -> F = 0.25
    // Lsum: LCS(ref, cand) = "two men" = 2 -> P = 2/6, R = 2/4 -> F = 0.4
    const s = rouge('Police arrested two men.', 'Two men were arrested by police');
    expect(s.rouge1.precision).toBeCloseTo(4 / 6, 10);
    expect(s.rouge1.recall).toBeCloseTo(1, 10);
    expect(s.rouge1.f1).toBeCloseTo(0.8, 10);
    expect(s.rouge2.f1).toBeCloseTo(0.25, 10);
    expect(s.rougeLsum.f1).toBeCloseTo(0.4, 10);
  });

  it('takes the union LCS over candidate sentences for ROUGE-Lsum (ROUGE paper, section 3.2)', () => {
    // ref r = w1 w2 w3 w4 w5; c1 = w1 w2 w6 w7 w8; c2 = w1 w3 w8 w9 w5
    // LCS(r, c1) = w1 w2; LCS(r, c2) = w1 w3 w5; union = w1 w2 w3 w5 = 4 hits
    // R = 4/5, P = 4/10 -> F = 2(0.4)(0.8)/1.2 = 0.5333
    const s = rouge('w1 w2 w3 w4 w5', 'w1 w2 w6 w7 w8\nw1 w3 w8 w9 w5');
    expect(s.rougeLsum.recall).toBeCloseTo(0.8, 10);
    expect(s.rougeLsum.precision).toBeCloseTo(0.4, 10);
    expect(s.rougeLsum.f1).toBeCloseTo(0.8 / 1.5, 10);
  });

  it('counts a token at most as often as both sides have it in ROUGE-Lsum', () => {
    // ref: "a b" / "a b"; cand: "a b" -> each ref sentence's LCS is a b, but the candidate has one a and one b:
    // hits = 2, R = 2/4, P = 2/2 -> F = 2/3
    const s = rouge('a b\na b', 'a b');
    expect(s.rougeLsum.f1).toBeCloseTo(2 / 3, 10);
  });

  it('gives 0, not NaN, for an empty candidate', () => {
    const s = rouge('the cat sat', '');
    expect(s.rouge1.f1).toBe(0);
    expect(s.rouge2.f1).toBe(0);
    expect(s.rougeLsum.f1).toBe(0);
  });
});
