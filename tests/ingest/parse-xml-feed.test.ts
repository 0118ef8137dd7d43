import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FeedParseError } from '../../src/core/errors.ts';
import { parseFeed } from '../../src/ingest/parse-feed.ts';
import { startTrapServer, withoutIo, type TrapServer } from './io-guard.ts';

const NOW = new Date('2024-06-01T12:00:00Z');
const parse = (xml: string, baseUrl = 'https://news.example.test/feed.xml') =>
  parseFeed(Buffer.from(xml), { source: 'fixture.xml', baseUrl, now: NOW });

async function parseError(xml: string): Promise<FeedParseError> {
  const error = await parse(xml).then(() => undefined, (e: unknown) => e);
  expect(error).toBeInstanceOf(FeedParseError);
  expect((error as FeedParseError).message).toContain('fixture.xml');
  return error as FeedParseError;
}

const rss = (items: string, channelExtra = '') =>
  `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/" xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel><title>World desk</title><link>https://news.example.test/</link><description>Top stories</description>${channelExtra}
${items}
</channel></rss>`;

describe('RSS 2.0', () => {
  it('reads feed metadata and item fields as plain strings', async () => {
    const feed = await parse(
      rss(
        `<item><title>Markets rally</title><link>https://news.example.test/a?utm_source=rss#top</link>
         <guid isPermaLink="false">ID-1</guid><pubDate>Fri, 31 May 2024 08:00:00 GMT</pubDate>
         <dc:creator>Ana Ruiz</dc:creator><category>Business</category><category domain="x">Markets</category>
         <description>Shares &lt;b&gt;climbed&lt;/b&gt; as bonds fell.</description>
         <content:encoded><![CDATA[<p>Stocks rose on Friday.</p><p>Bonds fell.</p>]]></content:encoded></item>`,
        '<ttl>30</ttl>',
      ),
    );
    expect(feed.feed).toEqual({ title: 'World desk', link: 'https://news.example.test/', description: 'Top stories', format: 'rss', ttlMinutes: 30 });
    expect(feed.items).toHaveLength(1);
    const item = feed.items[0]!;
    expect(item).toMatchObject({
      guid: 'id-1',
      url: 'https://news.example.test/a',
      title: 'Markets rally',
      author: 'Ana Ruiz',
      categories: ['Business', 'Markets'],
      text: 'Stocks rose on Friday.\n\nBonds fell.',
      summary: 'Shares climbed as bonds fell.',
    });
    expect(item.publishedAt?.toISOString()).toBe('2024-05-31T08:00:00.000Z');
    expect(item.html).toContain('<p>Bonds fell.</p>');
  });

  it('parses <rss> without a version attribute', async () => {
    const feed = await parse('<rss><channel><title>No version</title><item><title>t</title><link>https://x.example.test/1</link></item></channel></rss>');
    expect(feed.feed.title).toBe('No version');
    expect(feed.items.map((i) => i.url)).toEqual(['https://x.example.test/1']);
  });

  it('maps HTML named entities, keeps unknown ones as text and escapes bare ampersands', async () => {
    const feed = await parse(rss('<item><title>Caf&eacute; &ndash;&nbsp;news &copy; &hellip; &rsquo;q&rsquo; &bogus; AT&T</title><link>https://x.example.test/e?a=1&b=2</link></item>'));
    expect(feed.items[0]!.title).toBe('Café – news © … ’q’ &bogus; AT&T');
    expect(feed.items[0]!.url).toBe('https://x.example.test/e?a=1&b=2');
  });

  it('keeps entity-like text inside CDATA untouched', async () => {
    const feed = await parse(rss('<item><title>cdata</title><link><![CDATA[https://x.example.test/p?a=1&b=2]]></link></item>'));
    expect(feed.items[0]!.url).toBe('https://x.example.test/p?a=1&b=2');
  });

  it('replaces character references XML forbids instead of failing', async () => {
    const feed = await parse(rss('<item><title>sur &#xD800; non &#xFFFE; nul &#0; esc &#x1B;[31mred &#x110000;</title><link>https://x.example.test/c</link></item>'));
    const title = feed.items[0]!.title;
    expect(title).not.toMatch(/[\u0000\u001B]|\[31m/);
    expect(title).not.toMatch(/[\uD800-\uDFFF]/);
    expect(title).toContain('red');
  });

  it('accepts a BOM and whitespace before the XML declaration', async () => {
    const feed = await parse(`\uFEFF\n\n  <?xml version="1.0" encoding="UTF-8"?>\n${rss('<item><title>bom</title><link>https://x.example.test/b</link></item>')}`);
    expect(feed.items[0]!.title).toBe('bom');
  });

  it('returns strings where elements are duplicated', async () => {
    const feed = await parse('<rss version="2.0"><channel><title>A</title><title>B</title><link>https://a.example.test/</link><link>https://b.example.test/</link><item><title>t1</title><title>t2</title><link>https://x.example.test/1</link><link>https://x.example.test/2</link></item></channel></rss>');
    expect(typeof feed.feed.title).toBe('string');
    expect(feed.items[0]!.title).toBe('t1');
    expect(feed.items[0]!.url).toBe('https://x.example.test/1');
  });

  it('treats items outside any <channel> as an empty feed, with a note', async () => {
    const feed = await parse('<rss version="2.0"><item><title>orphan</title><link>https://x.example.test/o</link></item></rss>');
    expect(feed.items).toEqual([]);
    expect(feed.skipped.map((s) => s.reason).join()).toMatch(/outside a <channel>/);
  });

  it('reads the first of two concatenated documents', async () => {
    const one = rss('<item><title>first</title><link>https://x.example.test/1</link></item>');
    const feed = await parse(`${one}\n${one.replace('first', 'second').replace(/<\?xml[^>]*>/, '')}\n<script>x</script>\u0000`);
    expect(feed.items.map((i) => i.title)).toEqual(['first']);
  });

  it('rejects mismatched tags even right after a document with trailing garbage', async () => {
    await parse(`${rss('<item><title>a</title><link>https://x.example.test/1</link></item>')}<junk>`);
    const error = await parseError('<rss version="2.0"><channel><title>M</title><item><title>Bad <b>nesting</title></b><link>https://x.example.test/m</link></item></channel></rss>');
    expect(error.reason).toBe('malformed');
  });

  it('rejects a truncated document', async () => {
    const error = await parseError(rss('<item><title>cut off').slice(0, 200));
    expect(error.reason).toBe('malformed');
  });
});

describe('Atom', () => {
  const atom = (entries: string, feedAttrs = '') =>
    `<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"${feedAttrs}><title>Atom desk</title><link rel="alternate" href="https://atom.example.test/"/><id>urn:x</id>${entries}</feed>`;

  it('reads entries, preferring the alternate link over self and enclosure links', async () => {
    const feed = await parse(atom(`<entry><title type="html">Rates &lt;em&gt;hold&lt;/em&gt;</title><id>urn:e1</id>
      <link rel="enclosure" href="https://cdn.example.test/a.mp3"/><link rel="alternate" type="text/html" href="https://atom.example.test/e1"/>
      <published>2024-05-30T10:00:00+02:00</published><updated>2024-05-31T00:00:00Z</updated><author><name>Li Wei</name></author>
      <category term="economy" label="Economy"/><summary>Short.</summary><content type="html">&lt;p&gt;Long body.&lt;/p&gt;</content></entry>`));
    expect(feed.feed).toMatchObject({ title: 'Atom desk', link: 'https://atom.example.test/', format: 'atom' });
    expect(feed.items[0]).toMatchObject({ guid: 'urn:e1', url: 'https://atom.example.test/e1', title: 'Rates hold', author: 'Li Wei', categories: ['Economy'], text: 'Long body.', summary: 'Short.' });
    expect(feed.items[0]!.publishedAt?.toISOString()).toBe('2024-05-30T08:00:00.000Z');
  });

  it('reads namespaced Atom (<atom:feed xmlns:atom=...>)', async () => {
    const feed = await parse(`<atom:feed xmlns:atom="http://www.w3.org/2005/Atom"><atom:title>Prefixed</atom:title>
      <atom:entry><atom:id>urn:p1</atom:id><atom:title>Entry one</atom:title><atom:link href="https://p.example.test/1"/></atom:entry></atom:feed>`);
    expect(feed.feed.title).toBe('Prefixed');
    expect(feed.items.map((i) => [i.title, i.url])).toEqual([['Entry one', 'https://p.example.test/1']]);
  });

  it('flattens XHTML titles and content to text, in document order', async () => {
    const feed = await parse(atom(`<entry><id>urn:x1</id><link href="https://atom.example.test/x1"/>
      <title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">Hello <b>bold</b> world &amp; more</div></title>
      <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First <a href="/x">link</a> after.</p></div></content></entry>`));
    expect(feed.items[0]!.title).toBe('Hello bold world & more');
    expect(feed.items[0]!.text).toBe('First link after.');
  });

  it('survives invalid dates and a bare <link>url</link>', async () => {
    const feed = await parse(atom('<entry><id>urn:d</id><title>d</title><link>https://atom.example.test/bare</link><published>not a date</published><updated>Feb 30 2024</updated></entry>'));
    expect(feed.items[0]!.url).toBe('https://atom.example.test/bare');
    expect(feed.items[0]!.publishedAt).toBeUndefined();
  });

  it('resolves relative links against the feed URL, never against a javascript: xml:base', async () => {
    const feed = await parse(
      atom(`<entry><id>urn:r1</id><title>rel</title><link href="/relative/path"/></entry>
        <entry><id>urn:r2</id><title>data</title><link rel="alternate" href="data:text/html,x"/></entry>
        <entry xml:base="https://other.example.test/dir/"><id>urn:r3</id><title>base</title><link href="article"/></entry>`,
        ' xml:base="javascript:alert(1)//"'),
    );
    expect(feed.items.map((i) => i.url)).toEqual(['https://news.example.test/relative/path', '', 'https://other.example.test/dir/article']);
  });
});

describe('RDF (RSS 1.0)', () => {
  const rdf = (body: string) =>
    `<?xml version="1.0"?><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/">${body}</rdf:RDF>`;

  it('reads items beside the channel', async () => {
    const feed = await parse(rdf('<channel rdf:about="https://r.example.test/"><title>RDF desk</title><link>https://r.example.test/</link></channel><item rdf:about="https://r.example.test/1"><title>One</title><link>https://r.example.test/1</link></item>'));
    expect(feed.feed).toMatchObject({ title: 'RDF desk', format: 'rdf' });
    expect(feed.items.map((i) => i.title)).toEqual(['One']);
  });

  it('fails clearly on an RDF document with items but no channel', async () => {
    const error = await parseError(rdf('<item rdf:about="https://r.example.test/1"><title>One</title></item>'));
    expect(error.reason).toBe('malformed');
    expect(error.message).toMatch(/no <channel>/);
  });

  it('reads an RDF document with no channel and no items as an empty feed', async () => {
    const feed = await parse(rdf(''));
    expect(feed).toEqual({ feed: { title: '', format: 'rdf' }, items: [], skipped: [] });
  });

  it('unprefixes RSS 1.0 elements bound to a non-default prefix', async () => {
    const feed = await parse('<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:rss="http://purl.org/rss/1.0/"><rss:channel><rss:title>Pfx</rss:title></rss:channel><rss:item><rss:title>i</rss:title><rss:link>https://r.example.test/i</rss:link></rss:item></rdf:RDF>');
    expect(feed.feed.title).toBe('Pfx');
    expect(feed.items.map((i) => i.url)).toEqual(['https://r.example.test/i']);
  });
});

describe('not a feed', () => {
  it('classifies an HTML page as not-a-feed', async () => {
    const error = await parseError('<!DOCTYPE html><html><head><title>Just a moment...</title></head><body><h1>Checking your browser</h1></body></html>');
    expect(error.reason).toBe('not-a-feed');
  });

  it('reads an Atom feed wrapped in an XHTML page', async () => {
    const feed = await parse('<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><body><feed xmlns="http://www.w3.org/2005/Atom"><title>Wrapped</title><entry><id>urn:w</id><title>w</title><link href="https://w.example.test/1"/></entry></feed></body></html>');
    expect(feed.feed.title).toBe('Wrapped');
    expect(feed.items).toHaveLength(1);
  });

  it('classifies other XML roots as not-a-feed', async () => {
    expect((await parseError('<?xml version="1.0"?><note><to>x</to></note>')).reason).toBe('not-a-feed');
  });

  it('reads a CDF channel as RSS', async () => {
    const feed = await parse('<CHANNEL HREF="http://c.example.test/"><TITLE>CDF</TITLE><ITEM HREF="http://c.example.test/1"><TITLE>One</TITLE><ABSTRACT>Short</ABSTRACT></ITEM><ITEM HREF=\'http://c.example.test/2\'/></CHANNEL>');
    expect(feed.feed).toMatchObject({ title: 'CDF', link: 'http://c.example.test/' });
    expect(feed.items.map((i) => [i.title, i.url, i.text])).toEqual([['One', 'http://c.example.test/1', 'Short'], ['', 'http://c.example.test/2', undefined]]);
  });

  it('reports a document of only a prolog and comments as empty', async () => {
    expect((await parseError('<?xml version="1.0"?>\n<!-- nothing here -->\n')).reason).toBe('empty');
  });
});

describe('XML security', () => {
  let trap: TrapServer;
  let secretFile: string;
  const secret = `SECRET-${process.pid}-${Date.now()}`;

  beforeAll(async () => {
    trap = await startTrapServer();
    secretFile = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'herald-xxe-')), 'secret.txt');
    fs.writeFileSync(secretFile, secret);
  });
  afterAll(async () => {
    await trap.close();
    fs.rmSync(path.dirname(secretFile), { recursive: true, force: true });
  });

  const withDoctype = (doctype: string, title: string) =>
    `<?xml version="1.0"?>\n<!DOCTYPE rss ${doctype}>\n${rss(`<item><title>${title}</title><link>https://x.example.test/s</link><description>${title}</description></item>`)}`;

  const cases = () => [
    { name: 'an external entity naming a local file', xml: withDoctype(`[<!ENTITY xxe SYSTEM "file://${secretFile}">]`, 'XXE &xxe;') },
    { name: 'an external entity naming an HTTP URL', xml: withDoctype(`[<!ENTITY ssrf SYSTEM "${trap.url}/ssrf">]`, 'SSRF &ssrf;') },
    { name: 'a parameter entity loading a remote DTD', xml: withDoctype(`[<!ENTITY % remote SYSTEM "${trap.url}/evil.dtd"> %remote;]`, 'pe &leak;') },
    { name: 'an external DTD', xml: withDoctype(`SYSTEM "${trap.url}/rss.dtd"`, 'dtd &leak;') },
    { name: 'XInclude', xml: rss(`<item><title>xi</title><link>https://x.example.test/xi</link><content xmlns:xi="http://www.w3.org/2001/XInclude"><xi:include href="file://${secretFile}" parse="text"/></content><description>&lt;xi:include href="file://${secretFile}" parse="text"/&gt;</description></item>`) },
  ];

  it.each([0, 1, 2, 3, 4])('does not resolve, read or fetch anything for case %i', async (index) => {
    const { name, xml } = cases()[index]!;
    const outcome = await withoutIo(() => parse(xml));
    expect(outcome.attempts, name).toEqual([]);
    expect(JSON.stringify(outcome.value ?? null)).not.toContain(secret);
    expect(JSON.stringify(outcome.value ?? null)).not.toContain('TRAP-SERVER-WAS-FETCHED');
    if (outcome.error !== undefined) expect(outcome.error).toBeInstanceOf(FeedParseError);
    expect(trap.hits).toBe(0);
  });

  it('does not expand internal entities (billion laughs, quadratic blowup)', async () => {
    const laughs = Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i};`.repeat(10)}">`).join('');
    const bigEntity = 'x'.repeat(20_000);
    for (const xml of [
      withDoctype(`[<!ENTITY lol0 "lol">${laughs}]`, '&lol9;'),
      withDoctype(`[<!ENTITY a "${bigEntity}">]`, '&a;'.repeat(4000)),
    ]) {
      const feed = await parse(xml);
      const json = JSON.stringify(feed);
      expect(json).not.toMatch(/(?:lol){20}/);
      expect(json.length).toBeLessThan(200_000);
    }
  });

  it('keeps an entity whose text is markup as inert literal text', async () => {
    const feed = await parse(withDoctype('[<!ENTITY inj "&lt;script&gt;alert(1)&lt;/script&gt;">]', '&inj;'));
    expect(feed.items[0]!.title).toBe('&inj;');
  });

  it('converts a body of 40,000 unclosed "<" (quadratic for rss-parser\'s snippet regex)', async () => {
    const feed = await parse(rss(`<item><title>lt</title><link>https://x.example.test/lt</link><description>${'&lt;x'.repeat(40_000)}</description></item>`));
    expect(feed.items[0]!.text).toMatch(/^(?:<x){40000}$/);
  });

  it('fails cleanly on 50,000 nested elements', async () => {
    const deep = `${'<a>'.repeat(50_000)}x${'</a>'.repeat(50_000)}`;
    const error = await parseError(rss(`<item><title>deep</title><link>https://x.example.test/d</link><x>${deep}</x></item>`));
    expect(error.reason).toBe('malformed');
    expect(error.message).toMatch(/nested deeper/);
  });

  it('parses an element with 30,000 attributes and a root with 20,000 namespace declarations', async () => {
    const attrs = Array.from({ length: 30_000 }, (_, i) => `a${i}="${i}"`).join(' ');
    const ns = Array.from({ length: 20_000 }, (_, i) => `xmlns:n${i}="urn:x:${i}"`).join(' ');
    const many = await parse(rss(`<item><title>attrs</title><link>https://x.example.test/a</link><x ${attrs}/></item>`));
    expect(many.items[0]!.title).toBe('attrs');
    const wide = await parse(`<rss version="2.0" ${ns}><channel><title>ns</title><item><title>n</title><link>https://x.example.test/n</link></item></channel></rss>`);
    expect(wide.items[0]!.title).toBe('n');
  });
});
