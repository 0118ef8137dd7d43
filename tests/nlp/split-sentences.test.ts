import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/nlp/split-sentences.ts';
import { splitParagraphs } from '../../src/nlp/paragraphs.ts';

describe('splitSentences', () => {
  it('does not split after U.S., Mr., Jan., Gen. or Sen.', () => {
    const text =
      'The U.S. Senate voted on Jan. 5 to approve the treaty. Mr. Smith, a former Gen. in the Army, disagreed. ' +
      'Sen. Mary Jones of Ohio said the U.S. would honour it. Dr. Lee arrived on Sept. 12 with Gov. Brown.';
    expect(splitSentences(text)).toEqual([
      'The U.S. Senate voted on Jan. 5 to approve the treaty.',
      'Mr. Smith, a former Gen. in the Army, disagreed.',
      'Sen. Mary Jones of Ohio said the U.S. would honour it.',
      'Dr. Lee arrived on Sept. 12 with Gov. Brown.',
    ]);
  });

  it('still ends a sentence on U.S. when a new sentence follows', () => {
    expect(splitSentences('The company moved its headquarters to the U.S. It hired 200 people.')).toEqual([
      'The company moved its headquarters to the U.S.',
      'It hired 200 people.',
    ]);
  });

  it('keeps numbers, decimals and times inside their sentence', () => {
    expect(splitSentences('Shares rose 2.5% to $3.50 by 4 p.m. Friday. Trading was heavy.')).toEqual([
      'Shares rose 2.5% to $3.50 by 4 p.m. Friday.',
      'Trading was heavy.',
    ]);
  });

  it('splits on paragraph breaks first, even without end punctuation', () => {
    const text = 'Storm closes schools\n\nThe storm closed 40 schools on Monday. Roads were flooded.\n\nCrews worked overnight';
    expect(splitSentences(text)).toEqual([
      'Storm closes schools',
      'The storm closed 40 schools on Monday.',
      'Roads were flooded.',
      'Crews worked overnight',
    ]);
  });

  it('keeps the short tail of a multi-sentence quotation with the sentence before it', () => {
    const sentences = splitSentences('The mayor was defiant. "We will rebuild. We will not give up. Never." Then she left the podium.');
    expect(sentences).toContain('We will not give up. Never."');
    expect(sentences[sentences.length - 1]).toBe('Then she left the podium.');
    expect(sentences.some((s) => s === 'Never."')).toBe(false);
  });

  it('joins a split before a lower-case continuation', () => {
    expect(splitSentences('"Help!" she screamed as the water rose. Neighbours came running.')).toEqual([
      '"Help!" she screamed as the water rose.',
      'Neighbours came running.',
    ]);
  });

  it('returns nothing for blank text', () => {
    expect(splitSentences('  \n\n ')).toEqual([]);
  });
});

describe('splitParagraphs', () => {
  it('rejoins hard-wrapped lines but keeps real line breaks', () => {
    expect(splitParagraphs('The council met on\nTuesday and voted.\nA second paragraph.')).toEqual([
      'The council met on Tuesday and voted.',
      'A second paragraph.',
    ]);
  });
});
