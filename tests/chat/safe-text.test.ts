import { describe, expect, it } from 'vitest';
import { safeLink, stripInvisible, truncate } from '../../src/chat/safe-text.ts';

describe('safe text', () => {
  it('strips zero-width, bidi and control characters but keeps emoji joiners', () => {
    expect(stripInvisible('@\u200Beveryone \u202Egnp.exe\u202C ok\u0007')).toBe('@everyone gnp.exe ok');
    expect(stripInvisible('👩\u200D💻')).toBe('👩\u200D💻');
  });

  it('truncates on grapheme boundaries', () => {
    const family = '👨\u200D👩\u200D👧';
    const text = `ab${family}${family}`;
    const cut = truncate(text, 11);
    expect(cut.endsWith('…')).toBe(true);
    expect(cut.length).toBeLessThanOrEqual(11);
    expect(truncate(text, 10)).toBe("ab…");
    expect(cut).toBe(`ab${family}…`);
    expect(/[\uD800-\uDBFF]$/.test(cut.slice(0, -1))).toBe(false);
    expect(truncate('short', 10)).toBe('short');
  });

  it('keeps only http(s) links without credentials, and shows the real host', () => {
    expect(safeLink('javascript:alert(1)')).toBeUndefined();
    expect(safeLink(' JaVaScRiPt:alert(1)')).toBeUndefined();
    expect(safeLink('data:text/html,hi')).toBeUndefined();
    expect(safeLink('https://google.com@evil.example/x')).toBeUndefined();
    expect(safeLink('https://bücher.example/a')?.host).toBe('xn--bcher-kva.example');
    expect(safeLink('https://news.example/a|b>c)')?.url).toBe('https://news.example/a%7Cb%3Ec%29');
    expect(safeLink('http://[::1]:8080/x[1]')).toEqual({ url: 'http://[::1]:8080/x%5B1%5D', host: '[::1]:8080' });
  });
});
