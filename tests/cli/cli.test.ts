import { spawnSync } from 'node:child_process';
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli.ts';

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const out = new PassThrough();
  const err = new PassThrough();
  let stdout = '';
  let stderr = '';
  out.on('data', (c) => (stdout += c));
  err.on('data', (c) => (stderr += c));
  const code = await main(args, { out, err });
  return { code, out: stdout, err: stderr };
}

const lines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('herald CLI', () => {
  it('parse --json prints the normalised feed, one line per input, in order', async () => {
    const { code, out } = await run(['parse', 'tests/fixtures/cli/feed.xml', 'tests/fixtures/cli/missing.xml', '--json']);
    expect(code).toBe(1);
    const [first, second] = lines(out);
    expect(first).toMatchObject({ source: 'tests/fixtures/cli/feed.xml', feed: { title: 'Daily Courier', format: 'rss' } });
    const items = first!.items as { url: string; title: string }[];
    expect(items.map((i) => i.url)).toEqual(['https://courier.example/bridge', 'https://courier.example/orchestra']);
    expect(second).toEqual({ source: 'tests/fixtures/cli/missing.xml', error: { code: 'not-found', message: expect.stringContaining('no such file') } });
  });

  it('a single bad input exits 1 with an error object, never a stack trace', async () => {
    const { code, out, err } = await run(['extract', 'tests/fixtures/cli/nope.html', '--json']);
    expect(code).toBe(1);
    expect(lines(out)).toEqual([{ error: { code: 'not-found', message: expect.any(String) } }]);
    expect(err).toBe('');
    const plain = await run(['parse', 'package.json']);
    expect(plain.code).toBe(1);
    expect(plain.err).toMatch(/^herald: package\.json: /);
    expect(plain.err).not.toMatch(/\n\s+at /);
  });

  it('extract prints title, byline, date and clean text', async () => {
    const { code, out } = await run(['extract', 'tests/fixtures/cli/article.html', '--json']);
    expect(code).toBe(0);
    const [article] = lines(out) as [{ title: string; text: string; publishedAt: string | null }];
    expect(article.title).toMatch(/Harbour Bridge/);
    expect(article.publishedAt).toBe('2026-11-27T18:00:00.000Z');
    expect(article.text).toContain('serious corrosion');
    for (const junk of ['Advertisement', 'Photo: Daily Courier', 'Read more', 'Share this article', 'print edition', '45 comments', 'All rights reserved']) {
      expect(article.text).not.toContain(junk);
    }
  });

  it('condense --json gives 2 to 4 clean bullets', async () => {
    const { code, out } = await run(['condense', 'tests/fixtures/cli/article.html', '--json']);
    expect(code).toBe(0);
    const [{ bullets }] = lines(out) as [{ bullets: string[] }];
    expect(bullets.length).toBeGreaterThanOrEqual(2);
    expect(bullets.length).toBeLessThanOrEqual(4);
    for (const b of bullets) {
      expect(b.length).toBeLessThanOrEqual(280);
      expect(b).not.toMatch(/Advertisement|Read more|comments|print edition/);
    }
  });

  it('figures --json lists people with roles and quotes, and figures with context', async () => {
    const { code, out } = await run(['figures', 'tests/fixtures/cli/article.html', '--json']);
    expect(code).toBe(0);
    const [result] = lines(out) as [{ people: { name: string; role: string | null; quotes: { text: string; kind: string }[] }[]; figures: { value: string; kind: string; context: string }[] }];
    const mayor = result.people.find((p) => p.name === 'Dana Whitfield');
    expect(mayor?.role?.toLowerCase()).toContain('mayor');
    expect(mayor?.quotes.some((q) => q.text.includes('We cannot take risks'))).toBe(true);
    expect(result.people.filter((p) => p.name.includes('Whitfield'))).toHaveLength(1);
    expect(result.figures.find((f) => f.value === '$420m')).toMatchObject({ kind: 'money', context: expect.stringContaining('repairs') });
  });

  it('brief --feed FILE --json prints stories with headline, bullets and sources', async () => {
    const { code, out } = await run(['brief', '--feed', 'tests/fixtures/cli/feed.xml', '--json']);
    expect(code).toBe(0);
    const [briefing] = lines(out) as [{ title: string; stories: { id: string; headline: string; bullets: string[]; sources: { url: string; feed: string }[] }[] }];
    expect(briefing.stories).toHaveLength(2);
    expect(briefing.stories[0]!.sources[0]).toMatchObject({ feed: 'Daily Courier' });
    expect(briefing.stories.every((s) => s.bullets.length >= 1 && s.id.length > 0)).toBe(true);
  });

  it('says how to use it on a usage mistake', async () => {
    const unknown = await run(['frobnicate']);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toContain('unknown verb "frobnicate"');
    const badFlag = await run(['parse', '--nope']);
    expect(badFlag.code).toBe(2);
    const help = await run(['--help']);
    expect(help.out).toContain('Usage: herald <verb>');
  });

  it('lists every config problem by path', async () => {
    const { code, err } = await run(['brief', '--config', 'tests/fixtures/cli/bad-config.yaml']);
    expect(code).toBe(1);
    expect(err).toContain('feeds[0].url: must be http(s)');
    expect(err).toContain('poll.intervalMinutes');
  });

  it('streams condense --jsonl and entities --jsonl line by line, with an error line for a bad line', () => {
    const input = [
      JSON.stringify({ id: 'a', article: 'The council voted on Friday to close the bridge. Mayor Dana Whitfield said repairs would cost $420m. Work starts in March.' }),
      'not json',
      JSON.stringify({ id: 'b', article: 'Keiko Tanaka was named music director. She starts in September. The orchestra is 90 years old.' }),
    ].join('\n');
    const condense = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'condense', '--jsonl'], { input, encoding: 'utf8', timeout: 60_000 });
    const out = lines(condense.stdout);
    expect(out.map((l) => l.id)).toEqual(['a', 2, 'b']);
    expect((out[0]!.summary as string[]).length).toBeGreaterThanOrEqual(2);
    expect(out[1]).toMatchObject({ error: { code: 'usage' } });

    const text = 'Yesterday Dana Whitfield met Keiko Tanaka in Port Elliot.';
    const entities = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', 'entities', '--jsonl'], { input: JSON.stringify({ id: 1, text }), encoding: 'utf8', timeout: 60_000 });
    const [row] = lines(entities.stdout) as [{ id: number; people: { text: string; start: number; end: number }[] }];
    expect(row.people.map((p) => p.text)).toEqual(['Dana Whitfield', 'Keiko Tanaka']);
    for (const p of row.people) expect(text.slice(p.start, p.end)).toBe(p.text);
  }, 120_000);
});
