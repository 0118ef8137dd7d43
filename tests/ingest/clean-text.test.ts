import { describe, expect, it } from 'vitest';
import { cleanLine, cleanText, htmlToText, lineText, truncate } from '../../src/ingest/clean-text.ts';

describe('htmlToText', () => {
  it('drops tags, turns blocks into lines and decodes entities', () => {
    expect(htmlToText('<div><p>First&nbsp;<b>bold</b> para.</p><p>Second &amp; last<br/>line</p></div>')).toBe('First bold para.\n\nSecond & last\nline');
  });

  it('drops script, style and comment content', () => {
    expect(htmlToText('<p>keep</p><script>alert("x")</script><style>p{color:red}</style><!-- hidden --><SCRIPT type="x">y()</SCRIPT>end')).toBe('keep\nend');
  });

  it('leaves a lone < as text and copes with unclosed tags', () => {
    expect(htmlToText('a < b and 3<4')).toBe('a < b and 3<4');
    expect(htmlToText('text <b unclosed')).toBe('text <b unclosed');
  });

  it('does not decode a legacy entity that is part of a query string', () => {
    expect(htmlToText('?page=1&copy=2;mode=x &amp; done &copy 2024')).toBe('?page=1&copy=2;mode=x & done © 2024');
  });

  it('handles 20,000 nested divs and floods of unclosed tags without recursion', () => {
    expect(htmlToText(`${'<div>'.repeat(20_000)}text${'</div>'.repeat(20_000)}`)).toBe('text');
    const flood = htmlToText('<b x'.repeat(50_000));
    expect(flood.length).toBeGreaterThan(0);
  });
});

describe('cleanText', () => {
  it('removes C0 controls, NUL, DEL and ANSI escape sequences', () => {
    expect(cleanText('a\u0000b\u0007c\u001B[31mred\u001B[0m\u007Fd')).toBe('abcredd');
  });

  it('maps C1 controls to the windows-1252 characters they stand for', () => {
    expect(cleanText('don\u0092t \u0093quote\u0094 \u0080')).toBe('don’t “quote” €');
  });

  it('removes bidi overrides and isolates, and zero-width characters', () => {
    expect(cleanText('Invoice \u202Egpj.exe\u202C \u2066x\u2069 zero\u200Bwidth\uFEFF \u00ADsoft')).toBe('Invoice gpj.exe x zerowidth soft');
  });

  it('keeps ZWJ inside emoji sequences only', () => {
    const family = '👨\u200D👩\u200D👧';
    expect(cleanText(`${family} a\u200Db`)).toBe(`${family} ab`);
  });

  it('replaces lone surrogates and caps combining-mark floods', () => {
    expect(cleanText('x\uD800y\uDC00z')).toBe('x\uFFFDy\uFFFDz');
    const zalgo = cleanText(`Z${'\u0301\u0302\u0303'.repeat(10)}a`);
    expect(zalgo.length).toBeLessThanOrEqual(1 + 4 + 1);
    expect(cleanText('e\u0301')).toBe('e\u0301');
  });

  it('normalises whitespace: CRLF, tabs, no-break spaces, blank-line runs', () => {
    expect(cleanText('  a\t\tb\u00A0\u00A0c \r\n\r\n\r\n\r\n d  \n e  ')).toBe('a b c\n\nd\ne');
  });

  it('cleanLine joins lines into one', () => {
    expect(cleanLine(' one\n\ntwo \n three ')).toBe('one two three');
  });
});

describe('lineText', () => {
  it('cleans titles with markup and keeps plain ones as they are', () => {
    expect(lineText('Plain “title” – ok', 100)).toBe('Plain “title” – ok');
    expect(lineText('<b>Bold</b> &amp; \u202Eflipped', 100)).toBe('Bold & flipped');
    expect(lineText('x'.repeat(5000), 1000)).toHaveLength(1000);
  });
});

describe('truncate', () => {
  it('cuts on a grapheme boundary', () => {
    const family = '👨\u200D👩\u200D👧\u200D👦';
    expect(truncate(`ab${family}cd`, 5)).toBe('ab');
    expect(truncate('abc😀', 4)).toBe('abc');
    expect(truncate('short', 10)).toBe('short');
  });
});
