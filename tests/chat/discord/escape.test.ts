import { describe, expect, it } from 'vitest';
import { escapeText, fitMarkdown, fitPlain, neutralise } from '../../../src/chat/discord/escape.ts';
import { hasDiscordToken, links, rendered, textCouldPing } from './discord-text.ts';

const ZWSP = '\u200B';
const asMessage = (text: string) => ({ content: text, embeds: [], allowed_mentions: { parse: [] } });

describe('Discord escaping of feed text', () => {
  it.each([
    ['@everyone look'],
    ['@here look'],
    ['@EVERYONE and @Here'],
    ['＠everyone full-width at'],
    ['﹫here small at'],
    ['@ｅｖｅｒｙｏｎｅ full-width letters'],
    ['@\u200Beveryone hidden by a zero-width space'],
    ['@\u2060here hidden by a word joiner'],
    ['@\u00ADeveryone hidden by a soft hyphen'],
    ['&#64;everyone numeric reference'],
    ['&#x40;here hex reference'],
    ['&amp;#64;everyone reference escaped twice'],
    ['&commat;everyone named reference'],
  ])('breaks the broadcast in %j', (raw) => {
    const out = escapeText(raw);
    expect(textCouldPing(out)).toBe(false);
    expect(out).toContain(ZWSP);
  });

  it.each([
    ['<@123456789012345678>'],
    ['<@!123456789012345678>'],
    ['<@&987654321098765432> role'],
    ['<#123456789012345678> channel'],
    ['<t:0:R> timestamp'],
    ['<:pepe:123456789012345678> <a:dance:1> emoji'],
    ['</help:123> command link'],
    ['&lt;@123456789012345678&gt; entity-encoded'],
    ['<\u200B@123> pre-broken by the feed'],
  ])('breaks the token in %j', (raw) => {
    const out = escapeText(raw);
    expect(hasDiscordToken(out)).toBe(false);
    expect(textCouldPing(out)).toBe(false);
  });

  it('keeps the words a person reads', () => {
    expect(rendered(escapeText('Budget: *bold* _it_ ~s~ `code` ||spoiler|| > quote # head'))).toBe('Budget: *bold* _it_ ~s~ `code` ||spoiler|| > quote # head');
    expect(rendered(escapeText('AT&amp;T buys &lt;b&gt;'))).toBe('AT&T buys <\u200Bb>');
  });

  it('never forms a masked link from feed text', () => {
    for (const raw of ['[google.com](https://evil.example/phish)', '[https://bank.example](https://evil.example)', 'a [b](<https://evil.example>) c']) {
      const found = links(asMessage(escapeText(raw)));
      for (const link of found) expect(new URL(link.url).host).toBe(link.shownHost);
    }
  });

  it('escapes code fences so text cannot break out of one', () => {
    const out = escapeText('```\n@everyone\n``` breakout', { multiline: true });
    expect(out).not.toMatch(/(?<!\\)`/);
    expect(textCouldPing(out)).toBe(false);
  });

  it('collapses a newline flood, and keeps at most one blank line when multiline', () => {
    expect(escapeText('# Heading\n\n\n\n\n-# subtext')).toBe('\\# Heading -\\# subtext');
    expect(escapeText('one\n\n\n\n\ntwo', { multiline: true })).toBe('one\n\ntwo');
  });

  it('cuts on grapheme boundaries, never inside an escape or an emoji', () => {
    const family = '👨‍👩‍👧‍👦';
    const out = fitMarkdown(`${family.repeat(20)}`, 30);
    expect(out.length).toBeLessThanOrEqual(30);
    expect(out.endsWith('…')).toBe(true);
    expect([...new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(out.slice(0, -1))].every((s) => s.segment === family)).toBe(true);
    const stars = fitMarkdown('*'.repeat(100), 11);
    expect(stars).toBe(`${'\\*'.repeat(5)}…`);
  });

  it('gives plain text for thread names and choices: no escapes, mentions still broken', () => {
    expect(fitPlain('Rates: *up* @everyone', 100)).toBe(`Rates: *up* @${ZWSP}everyone`);
    expect(fitPlain('x'.repeat(200), 100)).toHaveLength(100);
  });

  it('strips invisible and bidi characters before anything else', () => {
    expect(neutralise('a\u202Eb\u200Cc\u0007d')).toBe('abcd');
  });
});
