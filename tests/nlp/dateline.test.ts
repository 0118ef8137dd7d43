import { describe, expect, it } from 'vitest';
import { stripDateline } from '../../src/nlp/dateline.ts';

describe('stripDateline', () => {
  it.each([
    ['(CNN)The river burst its banks.', 'The river burst its banks.'],
    ['(CNN) -- The river burst its banks.', 'The river burst its banks.'],
    ['LONDON, England (CNN) -- The river burst its banks.', 'The river burst its banks.'],
    ['Sao Paulo, Brazil (CNN)Brazil\'s president spoke.', 'Brazil\'s president spoke.'],
    ['WASHINGTON (Reuters) - The White House said on Monday.', 'The White House said on Monday.'],
    ['BEIJING, March 3 (AFP) — China set its growth target.', 'China set its growth target.'],
    ['NEW YORK — Stocks fell sharply.', 'Stocks fell sharply.'],
    ['(The Hollywood Reporter)The film opened on Friday.', 'The film opened on Friday.'],
    [
      'By . Jane Doe . PUBLISHED: . 12:01 EST, 3 March 2014 . | . UPDATED: . 13:20 EST, 3 March 2014 . A man was arrested.',
      'A man was arrested.',
    ],
    ['By . Jane Doe . and . John Smith . The mayor resigned.', 'The mayor resigned.'],
    ['By Jane Doe, CNN\nThe mayor resigned.', 'The mayor resigned.'],
  ])('strips %j', (input, expected) => {
    expect(stripDateline(input)).toBe(expected);
  });

  it.each([
    'Apple (AAPL) shares fell 3% on Monday.',
    'The U.S. (and Canada) agreed to talks.',
    'April 23, 2015 . Some questions remain.',
    'Police said the road was closed.',
  ])('leaves ordinary openings alone: %j', (input) => {
    expect(stripDateline(input)).toBe(input);
  });
});
