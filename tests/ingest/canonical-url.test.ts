import { describe, expect, it } from 'vitest';
import { canonicalUrl, urlKey } from '../../src/ingest/canonical-url.ts';

describe('canonicalUrl', () => {
  it('drops trackers, the fragment and default ports, lower-cases the host, keeps the path case', () => {
    expect(canonicalUrl('HTTPS://News.Example.TEST:443/World/Story-A?utm_source=rss&utm_Medium=x&id=7&fbclid=1&gclid=2#comments')).toBe(
      'https://news.example.test/World/Story-A?id=7',
    );
    expect(canonicalUrl('http://n.example.test:80/a?mc_cid=1&mc_eid=2&igshid=3&ref=4&ref_src=5')).toBe('http://n.example.test/a');
  });

  it('keeps other parameters in their order and encoding', () => {
    expect(canonicalUrl('https://n.example.test/s?q=a%20b&utm_campaign=z&page=2')).toBe('https://n.example.test/s?q=a%20b&page=2');
  });

  it('refuses anything but absolute http(s)', () => {
    for (const bad of ['javascript:alert(1)', 'JaVaScRiPt:alert(1)', ' java\tscript:alert(1)', 'data:text/html,x', 'vbscript:x', 'file:///etc/passwd', 'ftp://x.example.test/', 'mailto:a@b.test', '', '   ', 'not a url']) {
      expect(canonicalUrl(bad), bad).toBeUndefined();
    }
  });

  it('resolves relative links against an http(s) base only', () => {
    expect(canonicalUrl('../b?x=1', 'https://n.example.test/dir/sub/page')).toBe('https://n.example.test/dir/b?x=1');
    expect(canonicalUrl('/rel', 'javascript:alert(1)//')).toBeUndefined();
    expect(canonicalUrl('/rel', 'file:///etc/')).toBeUndefined();
    expect(canonicalUrl('https://abs.example.test/x', 'not a base')).toBe('https://abs.example.test/x');
  });

  it('removes credentials, shows IDNs as punycode and encodes chat link syntax', () => {
    expect(canonicalUrl('https://google.com@evil.example/p')).toBe('https://evil.example/p');
    expect(canonicalUrl('https://аррӏе.com/')).toBe('https://xn--80ak6aa92e.com/');
    expect(canonicalUrl('https://evil.example/|https://google.com')).toBe('https://evil.example/%7Chttps://google.com');
  });

  it('refuses absurdly long URLs', () => {
    expect(canonicalUrl(`https://n.example.test/${'a'.repeat(20_000)}`)).toBeUndefined();
  });
});

describe('urlKey', () => {
  it('matches the same article across scheme, www, trailing slash, trackers and parameter order', () => {
    const key = urlKey('https://www.n.example.test/story/1/?b=2&a=1');
    expect(urlKey('http://n.example.test/story/1?a=1&b=2&utm_source=x')).toBe(key);
    expect(urlKey('https://n.example.test/story/2?a=1&b=2')).not.toBe(key);
    expect(urlKey('javascript:alert(1)')).toBeUndefined();
  });
});
