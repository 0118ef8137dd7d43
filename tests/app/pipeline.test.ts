/**
 * The whole path with real parts: a loopback feed server, the safe fetcher, the parser, SQLite,
 * clustering and the briefing. Three outlets tell one story; one feed is broken.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { commands } from '../../commands/index.ts';
import { createApp, sqliteStorage, type App } from '../../src/app.ts';
import { runCommand } from '../../src/chat/run-command.ts';
import { parseConfig } from '../../src/config/load-config.ts';
import type { Clock } from '../../src/core/ports.ts';
import { silentLogger } from '../../src/ops/logger.ts';
import { startFeedServer, type FeedServer } from '../support/feed-server.ts';

const NOW = new Date('2026-11-28T07:30:00Z');

function rss(title: string, items: { guid: string; title: string; link: string; text: string; date: string }[]): string {
  const body = items
    .map((i) => `<item><guid>${i.guid}</guid><title>${i.title}</title><link>${i.link}</link><pubDate>${i.date}</pubDate><description><![CDATA[<p>${i.text}</p>]]></description></item>`)
    .join('');
  return `<?xml version="1.0"?><rss version="2.0"><channel><title>${title}</title><link>https://example.com/</link>${body}</channel></rss>`;
}

const BRIDGE = 'The Harbour Bridge in Port Elliot will close for eighteen months from 3 March for repairs costing $420m, the city council said on Friday. Mayor Dana Whitfield said the closure was unavoidable after engineers found corrosion in the main cables. About 60,000 vehicles cross the bridge each day, and ferries will add extra sailings during the works. The council said a temporary pedestrian crossing would open in April.';
const BRIDGE_2 = 'Port Elliot will shut its Harbour Bridge for eighteen months from 3 March, the council said, after engineers found cable corrosion. The $420m repairs will divert about 60,000 vehicles a day. Mayor Dana Whitfield called the closure unavoidable, and the ferry operator said it would double its morning sailings.';
const BRIDGE_3 = 'The Harbour Bridge in Port Elliot closes for 18 months from 3 March for $420m cable repairs, council officials said. Mayor Dana Whitfield said "there was no safe alternative" after corrosion was found in the main cables.';
const ORCHESTRA = 'The Port Elliot Symphony Orchestra named Keiko Tanaka as its new music director on Friday, the first woman to hold the post in its 90-year history. Tanaka, 41, will conduct her first season in September. She said she wanted to bring the orchestra to schools across the region.';

describe('poll, dedupe, cluster and brief', () => {
  let server: FeedServer;
  let app: App;
  const clock: Clock = { now: () => NOW };

  beforeEach(async () => {
    server = await startFeedServer();
    server.conditional('/a.xml', {
      body: rss('Daily Courier', [
        { guid: 'a-1', title: 'Harbour Bridge to close for 18 months for $420m repairs', link: 'https://courier.example/bridge?utm_source=rss', text: BRIDGE, date: 'Fri, 27 Nov 2026 18:00:00 GMT' },
        { guid: 'a-2', title: 'Orchestra names Keiko Tanaka music director', link: 'https://courier.example/orchestra', text: ORCHESTRA, date: 'Fri, 27 Nov 2026 17:00:00 GMT' },
      ]),
      etag: '"v1"',
      headers: { 'content-type': 'application/rss+xml; charset=utf-8' },
    });
    server.route('/b.xml', { headers: { 'content-type': 'application/rss+xml' }, body: rss('Evening Post', [{ guid: 'b-1', title: 'Port Elliot to shut Harbour Bridge for repairs', link: 'https://post.example/harbour-bridge', text: BRIDGE_2, date: 'Fri, 27 Nov 2026 19:00:00 GMT' }]) });
    server.route('/c.xml', {
      headers: { 'content-type': 'application/rss+xml' },
      body: rss('Coast Radio', [
        { guid: 'c-1', title: 'Harbour Bridge closure: 18 months, $420m', link: 'https://radio.example/bridge', text: BRIDGE_3, date: 'Fri, 27 Nov 2026 20:00:00 GMT' },
        // The same link as the Courier's (tracking parameters aside): one item, not two.
        { guid: 'c-2', title: 'Harbour Bridge to close for 18 months for $420m repairs', link: 'https://courier.example/bridge', text: BRIDGE, date: 'Fri, 27 Nov 2026 20:30:00 GMT' },
      ]),
    });
    server.route('/broken.xml', { headers: { 'content-type': 'text/html' }, body: '<html><body>Please enable JavaScript</body></html>' });
    const yaml = [
      'feeds:',
      `  - { url: "${server.url}/a.xml", topic: local }`,
      `  - { url: "${server.url}/b.xml", topic: local }`,
      `  - { url: "${server.url}/c.xml", topic: local }`,
      `  - { url: "${server.url}/broken.xml", topic: local }`,
      'extract: { fetchPages: false }',
      `fetch: { allowHosts: ["${server.host}"] }`,
    ].join('\n');
    const config = parseConfig(yaml, 'test.yaml', {});
    app = await createApp(config, { logger: silentLogger, clock, storage: sqliteStorage(':memory:') });
  });
  afterEach(async () => {
    await app.close();
    await server.close();
  });

  it('merges the three outlets into one story, keeps the other story apart, and isolates the broken feed', async () => {
    const outcomes = await app.poll(await app.feeds());
    const byUrl = (path: string) => outcomes.find((o) => o.feedId.endsWith(path))!;
    expect(byUrl('/a.xml').status).toBe('updated');
    expect(byUrl('/broken.xml')).toMatchObject({ status: 'failed', error: { reason: 'not-a-feed' } });
    expect(byUrl('/c.xml').duplicates).toBe(1);

    const briefing = await app.briefing('c1', {});
    const bridge = briefing.stories.find((s) => /Harbour Bridge/.test(s.headline))!;
    expect(bridge.sources.map((s) => s.feed).sort()).toEqual(['Coast Radio', 'Daily Courier', 'Evening Post']);
    expect(bridge.bullets.length).toBeGreaterThanOrEqual(2);
    expect(bridge.bullets.length).toBeLessThanOrEqual(4);
    expect(briefing.stories.filter((s) => /Tanaka|Orchestra/i.test(`${s.headline} ${s.bullets.join(' ')}`))).toHaveLength(1);
    expect(briefing.stories).toHaveLength(2);
  });

  it('asks again with the validators, and a 304 changes nothing', async () => {
    const feeds = await app.feeds();
    await app.poll(feeds);
    const second = await app.poll(feeds);
    expect(second.find((o) => o.feedId.endsWith('/a.xml'))?.status).toBe('not-modified');
    const conditional = server.requestsTo('/a.xml').at(-1)!;
    expect(conditional.headers['if-none-match']).toBe('"v1"');
    expect(second.every((o) => o.inserted.length === 0)).toBe(true);
  });

  it('leaves out what a channel was told, and indexes the people and figures for /who and /figures', async () => {
    await app.poll(await app.feeds());
    const first = await app.briefing('c1', {});
    await app.markSent('c1', first);
    expect((await app.briefing('c1', {})).stories).toHaveLength(0);
    expect((await app.briefing('c2', {})).stories).toHaveLength(2);

    const who = await app.services.person('Whitfield');
    expect(who.person?.name).toBe('Dana Whitfield');
    expect(who.person?.role?.toLowerCase()).toContain('mayor');
    // The /who reply carries the story she is in, with a link to one of its articles.
    const outcome = await runCommand({ command: commands.find((c) => c.name === 'who')!, options: { name: 'Whitfield' }, services: app.services, user: { id: 'U1', isAdmin: false }, channel: { id: 'c1', platform: 'test' }, now: NOW, logger: silentLogger });
    const reply = outcome.reply.kind === 'person' ? outcome.reply : undefined;
    expect(reply?.stories).toHaveLength(1);
    expect(reply?.stories?.[0]?.headline).toMatch(/Harbour Bridge/);
    expect(reply?.stories?.[0]?.url).toMatch(/^https:\/\/(courier|post|radio)\.example\//);
    for (const quote of reply?.person.quotes ?? []) expect(reply?.stories?.map((s) => s.id)).toContain(quote.storyId);
    const figures = await app.services.figures('Harbour Bridge');
    expect(figures.figures.map((f) => f.value)).toContain('$420m');
  });
});
