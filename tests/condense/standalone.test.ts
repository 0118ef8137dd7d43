import { describe, expect, it } from 'vitest';
import { isBracketed, isQuestion, leavesQuoteOpen, opensWithDanglingPronoun } from '../../src/condense/standalone.ts';
import { isBoilerplate } from '../../src/condense/boilerplate.ts';

describe('opensWithDanglingPronoun', () => {
  it.each([
    'She broke the record by 48 seconds.',
    'But he denied the charge.',
    "It's the third closure this year.",
    'Their lawyers filed an appeal.',
    'This is the largest fine ever imposed.',
    'That was before the vote.',
    'No verdict can make up for the loss, she said.',
  ])('flags %j', (s) => expect(opensWithDanglingPronoun(s)).toBe(true));

  it.each([
    'This week the council voted to close the library.',
    'The mayor said it would reopen.',
    '"We will win," said Ana Cole.',
    'There were 40 people inside.',
  ])('accepts %j', (s) => expect(opensWithDanglingPronoun(s)).toBe(false));
});

describe('other stand-alone checks', () => {
  it('recognises questions, bracketed asides and open quotations', () => {
    expect(isQuestion('What happens next?')).toBe(true);
    expect(isQuestion('Who will pay for the repairs?"')).toBe(true);
    expect(isQuestion('The vote was close.')).toBe(false);
    expect(isBracketed('(HBO, like this site, is owned by the same group.)')).toBe(true);
    expect(isBracketed('The vote (held on Monday) was close.')).toBe(false);
    expect(leavesQuoteOpen('He said: "We will win.')).toBe(true);
    expect(leavesQuoteOpen('He said: "We will win."')).toBe(false);
  });
});

describe('isBoilerplate', () => {
  it.each([
    "CNN's Jane Doe contributed to this report.",
    'Click here to read the full statement.',
    'Sign up for our newsletter to get the latest updates.',
    'Follow us on Twitter for live coverage.',
    'Photo: Getty Images',
    'All rights reserved.',
    'Scroll down for video.',
  ])('flags %j', (s) => expect(isBoilerplate(s)).toBe(true));

  it.each([
    'The council voted 9 to 4 to approve the budget.',
    'The photographer was arrested on Monday.',
    'Readers wrote more than 300 letters to the mayor.',
  ])('accepts %j', (s) => expect(isBoilerplate(s)).toBe(false));
});
