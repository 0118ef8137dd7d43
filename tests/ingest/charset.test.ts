import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { charsetFromContentType, decodeDocument } from '../../src/ingest/charset.ts';

const xmlIn = (encoding: string, body: string): string => `<?xml version="1.0" encoding="${encoding}"?><rss><channel><title>${body}</title></channel></rss>`;

describe('decodeDocument', () => {
  const cases: { name: string; label: string; codec: string; text: string }[] = [
    { name: 'windows-1251', label: 'windows-1251', codec: 'windows-1251', text: 'Новости дня' },
    { name: 'ISO-8859-1 (as windows-1252)', label: 'ISO-8859-1', codec: 'windows-1252', text: 'Café “quoted” – €5' },
    { name: 'EUC-KR', label: 'EUC-KR', codec: 'euc-kr', text: '뉴스 속보' },
    { name: 'Big5', label: 'Big5', codec: 'big5', text: '即時新聞' },
    { name: 'GB2312', label: 'GB2312', codec: 'gbk', text: '新闻头条' },
    { name: 'GBK', label: 'GBK', codec: 'gbk', text: '新闻头条' },
    { name: 'Shift_JIS', label: 'Shift_JIS', codec: 'shift_jis', text: '速報ニュース' },
    { name: 'EUC-JP', label: 'EUC-JP', codec: 'euc-jp', text: '速報ニュース' },
  ];

  for (const c of cases) {
    it(`decodes ${c.name} named by the XML declaration`, () => {
      const bytes = iconv.encode(xmlIn(c.label, c.text), c.codec);
      const decoded = decodeDocument(bytes);
      expect(decoded.text).toContain(`<title>${c.text}</title>`);
    });

    it(`decodes ${c.name} named by the HTTP Content-Type`, () => {
      const bytes = iconv.encode(`<rss><channel><title>${c.text}</title></channel></rss>`, c.codec);
      expect(decodeDocument(bytes, `application/rss+xml; charset=${c.label}`).text).toContain(c.text);
    });
  }

  it('reads a meta charset in an HTML page', () => {
    const bytes = iconv.encode('<html><head><meta charset="windows-1251"></head><body>Привет</body></html>', 'windows-1251');
    expect(decodeDocument(bytes).text).toContain('Привет');
  });

  for (const [codec, bom] of [['utf-16le', [0xff, 0xfe]], ['utf-16be', [0xfe, 0xff]]] as const) {
    it(`decodes ${codec} with a BOM and drops the BOM`, () => {
      const bytes = Buffer.concat([Buffer.from(bom), iconv.encode(xmlIn('UTF-16', 'Grüße ☃'), codec)]);
      const decoded = decodeDocument(bytes);
      expect(decoded.encoding).toBe(codec);
      expect(decoded.text.startsWith('<?xml')).toBe(true);
      expect(decoded.text).toContain('Grüße ☃');
    });

    it(`sniffs ${codec} without a BOM from the <?xml byte pattern`, () => {
      const decoded = decodeDocument(iconv.encode(xmlIn('UTF-16', 'ohne BOM'), codec));
      expect(decoded.encoding).toBe(codec);
      expect(decoded.text).toContain('<title>ohne BOM</title>');
    });
  }

  it('decodes UTF-32LE with a BOM', () => {
    const bytes = Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), iconv.encode(xmlIn('UTF-32', 'wide ✓'), 'utf-32le')]);
    expect(decodeDocument(bytes).text).toContain('wide ✓');
  });

  it('lets a BOM win over a contradicting HTTP charset', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xmlIn('UTF-8', 'Ünïcödé'))]);
    const decoded = decodeDocument(bytes, 'text/xml; charset=windows-1251');
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('Ünïcödé');
    expect(decoded.text.charCodeAt(0)).not.toBe(0xfeff);
  });

  it('lets the HTTP charset win over the XML declaration', () => {
    const bytes = iconv.encode(xmlIn('windows-1251', 'Привет'), 'koi8-r');
    expect(decodeDocument(bytes, 'application/xml; charset=KOI8-R').text).toContain('Привет');
  });

  it('falls through a bogus HTTP charset to the XML declaration', () => {
    const bytes = iconv.encode(xmlIn('windows-1251', 'Привет'), 'windows-1251');
    expect(decodeDocument(bytes, 'text/xml; charset=no-such-charset').text).toContain('Привет');
  });

  it('falls through a bogus declared encoding to UTF-8', () => {
    const decoded = decodeDocument(Buffer.from(xmlIn('bogus', 'naïve café')));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('naïve café');
  });

  it('ignores a UTF-16 declaration on bytes that are ASCII-compatible', () => {
    expect(decodeDocument(Buffer.from(xmlIn('utf-16', 'really UTF-8 – yes'))).text).toContain('really UTF-8 – yes');
  });

  it('takes UTF-8 when bytes declared ISO-8859-1 are valid multi-byte UTF-8', () => {
    const decoded = decodeDocument(Buffer.from(xmlIn('ISO-8859-1', 'Café — 日本')));
    expect(decoded.encoding).toBe('utf-8');
    expect(decoded.text).toContain('Café — 日本');
  });

  it('falls back to windows-1252 when undeclared bytes are clearly not UTF-8', () => {
    const bytes = iconv.encode(`<rss><channel><title>“Smart” – café</title></channel></rss>`, 'windows-1252');
    const decoded = decodeDocument(bytes);
    expect(decoded.encoding).toBe('windows-1252');
    expect(decoded.text).toContain('“Smart” – café');
  });

  it('replaces damaged UTF-8 sequences with U+FFFD and never yields lone surrogates', () => {
    const bytes = Buffer.concat([Buffer.from('<t>ok é '), Buffer.from([0xc3, 0x28, 0xed, 0xa0, 0x80, 0xe2, 0x82]), Buffer.from('</t>')]);
    const { text } = decodeDocument(bytes);
    expect(text).toContain('ok é');
    expect(text).toContain('\uFFFD');
    expect(/[\uD800-\uDFFF]/.test(text)).toBe(false);
  });
});

describe('charsetFromContentType', () => {
  it('reads quoted and unquoted charset parameters', () => {
    expect(charsetFromContentType('text/xml; charset="EUC-KR"')).toBe('EUC-KR');
    expect(charsetFromContentType('application/rss+xml;charset=big5')).toBe('big5');
    expect(charsetFromContentType('text/xml')).toBeUndefined();
    expect(charsetFromContentType(undefined)).toBeUndefined();
  });
});
