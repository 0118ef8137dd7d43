import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, fitMrkdwn, fitPlainText, linkToken } from '../../../src/chat/slack/escape.ts';
import { safeLink } from '../../../src/chat/safe-text.ts';
import { canPing, links, readMrkdwn } from './slack-text.ts';

const section = (text: string) => ({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text, verbatim: true } }] });

describe('Slack escaping of feed text', () => {
  it('escapes & < > so no special token can form', () => {
    for (const token of ['<!channel>', '<!here>', '<!everyone>', '<@U123>', '<@U123|admin>', '<!subteam^S123|@oncall>', '<#C123|general>', '<!date^0^{date_short}|Jan 1 1970>']) {
      const escaped = escapeMrkdwn(`breaking ${token} news`);
      expect(escaped).not.toMatch(/[<>]/);
      expect(canPing(section(escaped))).toBe(false);
      // Reads the same, bar the look-alike for the underscore.
      expect(readMrkdwn(escaped)).toContain(token.replace(/_/g, '\u02CD'));
    }
    expect(escapeMrkdwn('AT&T &amp; co')).toBe('AT&amp;T &amp;amp; co');
  });

  it('breaks broadcast words, also when hidden by zero-width characters, full-width at signs or case', () => {
    for (const raw of ['@everyone', '@here now', 'to @channel:', '@\u200Beveryone', '@\u2060here', '\uFF20everyone', '@EVERYONE', '@Here', '\uFE6Bchannel']) {
      const escaped = escapeMrkdwn(raw);
      expect(canPing(section(escaped)), raw).toBe(false);
      expect(escaped.replace(/\u2060/g, '').normalize('NFKC').toLowerCase()).toMatch(/@(everyone|here|channel)/);
    }
    expect(escapeMrkdwn('the @heretic and @channels')).not.toContain('\u2060');
  });

  it('the ping detector does catch what the escaping prevents', () => {
    expect(canPing(section('<!channel> hello'))).toBe(true);
    expect(canPing(section('hello @here'))).toBe(true);
    expect(canPing(section('hello \uFF20everyone'))).toBe(true);
    expect(canPing({ text: 'plain', link_names: true })).toBe(true);
    expect(canPing({ blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'ask @bob' } }] })).toBe(true);
  });

  it('neutralises mrkdwn markers and a leading quote without hiding the words', () => {
    const escaped = escapeMrkdwn('*bold* _italic_ ~strike~ `code` ```fence```', { multiline: true });
    expect(escaped).not.toMatch(/[*_~`]/);
    expect(escaped).toContain('bold');
    expect(escapeMrkdwn('> quoted\n> again', { multiline: true })).toBe('\u203A quoted\n\u203A again');
    expect(escapeMrkdwn('a > b')).toBe('a &gt; b');
  });

  it('collapses whitespace in single-line text and keeps paragraphs in multiline text', () => {
    expect(escapeMrkdwn('# Heading\n\n\n\n\nflood\tend ')).toBe('# Heading flood end');
    expect(escapeMrkdwn('one\n\n\n\ntwo\r\nthree', { multiline: true })).toBe('one\n\ntwo\nthree');
  });

  it('cuts to a limit counted after escaping, on a grapheme boundary, never inside an entity', () => {
    const text = '&'.repeat(100);
    const cut = fitMrkdwn(text, 23);
    expect(cut.length).toBeLessThanOrEqual(23);
    expect(cut).toBe(`${'&amp;'.repeat(4)}…`);
    const family = '👨\u200D👩\u200D👧';
    const emoji = fitMrkdwn(family.repeat(50), 30);
    expect(emoji.length).toBeLessThanOrEqual(30);
    expect(emoji.slice(0, -1)).toBe(family.repeat(Math.floor(29 / family.length)));
    expect(fitMrkdwn('short', 10)).toBe('short');
  });

  it('keeps header text plain: no angle brackets, no entity that a client could decode', () => {
    const text = fitPlainText('<!channel> &lt;b&gt; @here', 150);
    expect(text).not.toMatch(/[<>]/);
    expect(text).not.toMatch(/&(?=#?\w+;)/);
    expect(canPing({ blocks: [{ type: 'header', text: { type: 'plain_text', text } }] })).toBe(false);
    expect(fitPlainText('x'.repeat(1000), 150)).toHaveLength(150);
  });

  it('builds links that show their real host and cannot be split', () => {
    for (const raw of ['https://evil.example/a|https://google.com', 'https://evil.example/a>https://google.com', 'https://news.example/q?a=1&b=<2>']) {
      const link = safeLink(raw)!;
      const found = links(section(`see ${linkToken(link)}`));
      expect(found).toHaveLength(1);
      expect(new URL(found[0]!.url).host).toBe(found[0]!.shownHost);
    }
    expect(linkToken(safeLink('https://news.example/q?a=1&b=2')!)).toBe('<https://news.example/q?a=1&amp;b=2|news.example>');
  });
});
