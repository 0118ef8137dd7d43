import { describe, expect, it } from 'vitest';
import { filterBoilerplate } from '../../src/extract/boilerplate.ts';

const BODY_A = 'The council voted 7-2 on Tuesday to approve the new transit budget, officials said.';
const BODY_B = 'The plan adds 40 buses and extends night service on three routes from next spring.';
const BODY_C = 'Opponents argued the fare increase would fall hardest on low-income riders.';

/** An article with `noise` between two real paragraphs; the filter must leave only the real ones. */
function around(noise: string): string {
  return `${BODY_A}\n\n${noise}\n\n${BODY_B}`;
}

function expectDropped(noise: string): void {
  expect(filterBoilerplate(around(noise))).toBe(`${BODY_A}\n\n${BODY_B}`);
}

describe('filterBoilerplate', () => {
  it('drops advertisement markers', () => {
    for (const noise of ['Advertisement', 'ADVERTISEMENT', 'Sponsored', 'Skip advert', 'Story continues below advertisement', 'Anzeige']) {
      expectDropped(noise);
    }
  });

  it('drops photo captions and credits', () => {
    for (const noise of [
      'Photo: Jane Smith/Reuters',
      'Image caption The minister arrived at the summit on Monday',
      'Image source, Getty Images',
      '(Photo by Chip Somodevilla/Getty Images)',
      'Credit: Ana Lopez for The Daily Planet',
      'AP Photo/Evan Vucci',
      'Getty Images',
      'Natalie Naccache | Bloomberg | Getty Images',
      'Crowds gathered outside parliament on Wednesday. Photograph: Andy Rain/EPA',
      'Rescue teams searched the collapsed building overnight (Image: © City Fire Service)',
      'Photograph by Ed Marshall, Island Restoration Programme',
    ]) {
      expectDropped(noise);
    }
  });

  it('drops the video timestamp line and the repeated video titles around it', () => {
    const text = `${BODY_A}\n\nWatch the moment the bridge opened\n02:13\nWatch the moment the bridge opened\n\n${BODY_B}`;
    expect(filterBoilerplate(text)).toBe(`${BODY_A}\n\n${BODY_B}`);
    expectDropped('Duration 2:31');
    expectDropped('0:45');
  });

  it('drops "Read more" and "Related" lines and headings', () => {
    for (const noise of ['Read more: Mayor unveils housing plan', 'Related: Why fares keep rising', 'RELATED ARTICLES', 'More on this story', 'Most read', 'China warns over trade [INSIGHT]']) {
      expectDropped(noise);
    }
  });

  it('drops newsletter prompts', () => {
    for (const noise of ['Sign up for our newsletter', 'Subscribe to our daily briefing', 'Get our morning newsletter delivered to your inbox every weekday.']) {
      expectDropped(noise);
    }
  });

  it('drops paywall prompts', () => {
    for (const noise of ['To view the full story, please subscribe to The Daily Planet.', "If you're already a subscriber, you can log in for immediate access."]) {
      expectDropped(noise);
    }
  });

  it('drops share bars', () => {
    for (const noise of ['Share this article', 'Share on Facebook Twitter Email', 'Facebook | Twitter | WhatsApp | Copy link', 'Share']) {
      expectDropped(noise);
    }
  });

  it('drops print-edition lines', () => {
    expectDropped('This article appeared in the Britain section of the print edition under the headline "Fare wars"');
    expectDropped('A version of this article appears in print on March 3, 2024, Section A, Page 12 of the New York edition.');
  });

  it('drops trailing comment counts', () => {
    expect(filterBoilerplate(`${BODY_A}\n\n${BODY_B}\n\n123 comments`)).toBe(`${BODY_A}\n\n${BODY_B}`);
    expect(filterBoilerplate(`${BODY_A}\n\n${BODY_B}\n\nComments (45)`)).toBe(`${BODY_A}\n\n${BODY_B}`);
  });

  it('drops "Click here" lines', () => {
    expectDropped('Click here to read the full report');
  });

  it('drops cookie notices', () => {
    expectDropped('We use cookies to improve your browsing experience. By continuing you accept our privacy policy.');
  });

  it('drops "Follow us" lines', () => {
    expectDropped('Follow us on Twitter and Instagram');
  });

  it('drops copyright lines', () => {
    expectDropped('© 2024 The Daily Planet. All rights reserved.');
    expectDropped('Copyright 2019 The Associated Press. All rights reserved. This material may not be published, broadcast, rewritten or redistributed.');
  });

  it('drops byline and dateline lines', () => {
    expectDropped('By Jane Doe, Reuters');
    expectDropped('By JANE DOE and JOHN ROE');
    expectDropped('Updated: 11:05, Tue, Nov 19, 2019');
    expectDropped('March 3, 2024');
  });

  it('drops reporting credits and contact lines', () => {
    expectDropped('Reporting by Jane Doe; Editing by John Roe');
    expectDropped('Sam Lee contributed reporting from Hong Kong.');
    expectDropped('Write to Al Root at al.root@example.com');
  });

  it('drops feed footers', () => {
    expectDropped('The post Council approves budget appeared first on Daily Planet.');
  });

  it('cuts a trailing "Continue reading" tail but keeps the sentence', () => {
    expect(filterBoilerplate(`${BODY_A} Continue reading...`)).toBe(BODY_A);
    expect(filterBoilerplate(`${BODY_A} [&hellip;]`.replace('&hellip;', '…'))).toBe(BODY_A);
  });

  it('drops a paragraph that repeats an earlier one (a pull quote)', () => {
    expect(filterBoilerplate(`${BODY_A}\n\n${BODY_B}\n\n${BODY_A}\n\n${BODY_C}`)).toBe(`${BODY_A}\n\n${BODY_B}\n\n${BODY_C}`);
  });

  it('drops a lone Title Case headline between paragraphs of an article', () => {
    const text = `${BODY_A}\n\n11 Fascinating Facts About Our Galaxy\n\n${BODY_B}\n\n${BODY_C}`;
    expect(filterBoilerplate(text)).toBe(`${BODY_A}\n\n${BODY_B}\n\n${BODY_C}`);
  });

  it('keeps real sentences that mention photos, sharing, subscribers, cookies and reading', () => {
    const sentences = [
      'The photo, taken by a bystander, shows the driver leaving the scene.',
      'Photos of the damage were shared widely on Facebook and Twitter within hours.',
      'Shares in the company fell 12% after the announcement.',
      'Netflix added 5 million subscribers in the quarter, beating forecasts.',
      'If you subscribe to the premium tier, your bill will rise by $2 a month, the company said.',
      'Related research has linked the chemical to liver damage.',
      'By Monday, officials said, the water supply should be restored.',
      'The bakery sold 3,000 cookies at the fair, according to the organisers.',
      'Read more widely, the report suggests a slowdown is coming.',
      'Click-through rates on the ads fell by a third, the study found.',
      'Image-recognition software misidentified the suspect, his lawyers said.',
      'The newsletter, sent to investors on Friday, warned of weaker sales.',
      'Updated rules took effect in 2019 after a long consultation.',
      'Copyright law in the EU is being rewritten to cover AI training.',
      'Follow-up tests showed no further contamination.',
      'Theresa May said the deal was the best available.',
      'Watch this space, the minister told reporters.',
    ];
    const text = sentences.join('\n\n');
    expect(filterBoilerplate(text)).toBe(text);
  });

  it('keeps a short feed teaser whole', () => {
    const teaser = 'Storm Ciarán Batters Southern England';
    expect(filterBoilerplate(teaser)).toBe(teaser);
  });

  it('stays linear on adversarial lines (no regex backtracking blow-up)', () => {
    const lines = [
      `${'1'.repeat(5_000)}     ${'10'.repeat(2_000)}  ?`,
      `By ${'Aand'.repeat(2_000)}?`,
      `${'share '.repeat(2_000)}x?`,
      `Updated ${'Nov. 1'.repeat(1_000)}.`,
      `\n${' \n'.repeat(200_000)}x`,
    ];
    for (const line of lines) expect(typeof filterBoilerplate(line)).toBe('string');
  }, 20_000);

  it('returns an empty string when everything is boilerplate', () => {
    expect(filterBoilerplate('Advertisement\n\nShare this article\n\n12 comments')).toBe('');
  });
});
