/**
 * The NewsIndex contract: every implementation (SQLite, PostgreSQL) runs this same suite.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewsIndex } from '../../src/core/ports.ts';
import type { Figure, Person, Quote, Story } from '../../src/core/types.ts';

export interface NewsIndexHandle {
  index: NewsIndex;
  close(): Promise<void>;
}

const DAY_MS = 86_400_000;
const t0 = new Date('2026-03-02T09:00:00Z').getTime();
const at = (day: number): Date => new Date(t0 + day * DAY_MS);

function story(id: string, day: number, over: Partial<Story> = {}): Story {
  return {
    id,
    headline: `Headline of ${id}`,
    bullets: [`First bullet of ${id}.`],
    sources: [{ title: `Source of ${id}`, url: `https://news.example.com/${id}`, feed: 'wire' }],
    people: [],
    figures: [],
    firstSeen: at(day),
    ...over,
  };
}

function person(name: string, over: Partial<Person> = {}): Person {
  return { name, aliases: [], quotes: [], storyIds: [], ...over };
}

const quote = (text: string, storyId: string): Quote => ({ text, kind: 'direct', sentence: `"${text}," the speaker said.`, storyId });
const figure = (value: string, kind: Figure['kind'], storyId: string): Figure => ({ value, kind, context: `It came to ${value}.`, storyId });

export function newsIndexContract(name: string, open: () => Promise<NewsIndexHandle>): void {
  describe(`NewsIndex contract: ${name}`, () => {
    let handle: NewsIndexHandle;
    let index: NewsIndex;

    beforeEach(async () => {
      handle = await open();
      index = handle.index;
    });
    afterEach(async () => {
      await handle.close();
    });

    const save = (s: Story, people: Person[] = [], savedAt = s.firstSeen): Promise<void> => index.saveStory(s, people, savedAt);
    const only = async (query: string): Promise<string> => {
      const [match] = await index.findPeople(query, 5);
      expect(match, `a match for ${query}`).toBeDefined();
      return match!.id;
    };

    it('keeps one entry for a person named in 20 stories, with every story, first and last seen', async () => {
      for (let day = 0; day < 20; day += 1) {
        const id = `s${day}`;
        const written = day % 2 ? 'VLADIMIR PUTIN' : 'Vladimir Putin';
        await save(story(id, day), [person(written, { aliases: ['Putin', 'Mr Putin'], role: 'President', organisation: 'Russia', quotes: [quote(`Remark ${day}`, id)] })]);
      }
      const matches = await index.findPeople('Vladimir Putin', 10);
      expect(matches.filter((m) => m.kind === 'exact')).toHaveLength(1);
      const record = await index.getPerson(matches[0]!.id);
      expect(record?.mentions).toBe(20);
      expect(record?.person.storyIds).toHaveLength(20);
      expect(record?.person.storyIds[0]).toBe('s19');
      expect(record?.firstSeen.getTime()).toBe(at(0).getTime());
      expect(record?.lastSeen.getTime()).toBe(at(19).getTime());
      expect(record?.person.quotes[0]).toMatchObject({ text: 'Remark 19', storyId: 's19' });
      expect(record?.person.aliases).toEqual(expect.arrayContaining(['Putin', 'Mr Putin']));
    });

    it('keeps two people called Lee apart and finds both by the surname', async () => {
      await save(story('kr', 0), [person('Lee Jae-myung', { aliases: ['Lee'], role: 'President', organisation: 'South Korea' })]);
      await save(story('sg', 1), [person('Lee Hsien Loong', { aliases: ['Lee'], role: 'Senior Minister', organisation: 'Singapore' })]);
      await save(story('sg2', 2), [person('Hsien Loong Lee', { organisation: 'Singapore' })]);
      const lees = await index.findPeople('Lee', 10);
      expect(lees.map((m) => m.name).sort()).toEqual(['Lee Hsien Loong', 'Lee Jae-myung']);
      expect(lees.every((m) => m.kind === 'alias')).toBe(true);
      const singapore = await index.getPerson(await only('Lee Hsien Loong'));
      expect(singapore?.mentions).toBe(2);
    });

    it('attaches a lone surname only when one person or one organisation fits', async () => {
      await save(story('a', 0), [person('Sarah Lee', { organisation: 'Acme Corp' }), person('Tom Lee', { organisation: 'Globex' })]);
      await save(story('b', 1), [person('Lee', { organisation: 'Acme Corp', quotes: [quote('Sales rose', 'b')] })]);
      await save(story('c', 2), [person('Lee', { quotes: [quote('Who knows', 'c')] })]);
      await save(story('d', 3), [person('Angela Merkel'), person('Merkel', { quotes: [quote('We can do this', 'd')] })]);
      const sarah = await index.getPerson(await only('Sarah Lee'));
      expect(sarah?.person.storyIds.sort()).toEqual(['a', 'b']);
      expect((await index.getPerson(await only('Tom Lee')))?.mentions).toBe(1);
      const lone = (await index.findPeople('Lee', 10)).find((m) => m.name === 'Lee');
      expect(lone?.mentions).toBe(1);
      const merkel = await index.getPerson(await only('Merkel'));
      expect(merkel?.person.name).toBe('Angela Merkel');
      expect(merkel?.person.quotes.map((q) => q.text)).toEqual(['We can do this']);
    });

    it('folds a lone surname seen first into the full name that claims it later', async () => {
      await save(story('a', 0), [person('Zelensky', { quotes: [quote('We stand', 'a')] })]);
      await save(story('b', 1), [person('Volodymyr Zelensky', { role: 'President' })]);
      const matches = await index.findPeople('Zelensky', 10);
      expect(matches).toHaveLength(1);
      const record = await index.getPerson(matches[0]!.id);
      expect(record?.person.name).toBe('Volodymyr Zelensky');
      expect(record?.mentions).toBe(2);
      expect(record?.person.quotes.map((q) => q.storyId)).toEqual(['a']);
    });

    it('merges a name written with initials when only one person fits', async () => {
      await save(story('a', 0), [person('Joe Biden'), person('Hunter Biden')]);
      await save(story('b', 1), [person('J. Biden')]);
      expect((await index.getPerson(await only('Joe Biden')))?.mentions).toBe(2);
      await save(story('c', 2), [person('Jill Biden')]);
      await save(story('d', 3), [person('J. R. Biden')]);
      const all = await index.findPeople('Biden', 10);
      expect(all.map((m) => m.name).sort()).toEqual(['Hunter Biden', 'J. R. Biden', 'Jill Biden', 'Joe Biden']);
    });

    it('finds people through typos, accents, case, titles and surnames alone', async () => {
      await save(story('a', 0), [
        person('Vladimir Putin', { aliases: ['Putin'] }),
        person('Łukasz Kowalski'),
        person('José Mujica'),
        person('Olaf Scholz'),
      ]);
      expect((await index.findPeople('Vladmir Putin', 5))[0]).toMatchObject({ name: 'Vladimir Putin', kind: 'fuzzy' });
      expect((await index.findPeople('Putn', 5))[0]).toMatchObject({ name: 'Vladimir Putin', kind: 'fuzzy' });
      expect((await index.findPeople('putin', 5))[0]).toMatchObject({ name: 'Vladimir Putin', kind: 'alias' });
      expect((await index.findPeople('President Putin', 5))[0]?.name).toBe('Vladimir Putin');
      await save(story('b', 1), [person('Duke Ellington'), person('Mercer Ellington')]);
      expect((await index.findPeople('Duke Ellington', 5))[0]).toMatchObject({ name: 'Duke Ellington', kind: 'exact' });
      expect((await index.findPeople('lukasz kowalski', 5))[0]).toMatchObject({ name: 'Łukasz Kowalski', kind: 'exact', score: 1 });
      expect((await index.findPeople('Lukasz', 5))[0]?.name).toBe('Łukasz Kowalski');
      expect((await index.findPeople('Jose', 5))[0]?.name).toBe('José Mujica');
      expect((await index.findPeople('Scholtz', 5))[0]?.name).toBe('Olaf Scholz');
      expect(await index.findPeople('Xavier Quinterro', 5)).toEqual([]);
      const ranked = await index.findPeople('Putin', 5);
      expect(ranked.every((m, i) => i === 0 || ranked[i - 1]!.score >= m.score)).toBe(true);
    });

    it('keeps the latest role and organisation by story time, whatever the saving order', async () => {
      await save(story('new', 5), [person('Rishi Sunak', { role: 'Prime Minister' })]);
      await save(story('old', 1), [person('Rishi Sunak', { role: 'Chancellor', organisation: 'HM Treasury' })], at(6));
      await save(story('mid', 3), [person('Rishi Sunak')]);
      const record = await index.getPerson(await only('Rishi Sunak'));
      expect(record?.person.role).toBe('Prime Minister');
      expect(record?.person.organisation).toBe('HM Treasury');
      expect(record?.person.storyIds).toEqual(['new', 'mid', 'old']);
      const [inOld] = await index.peopleInStory('old');
      expect(inOld?.role).toBe('Chancellor');
    });

    it('replaces a story saved again instead of duplicating its quotes, figures and people', async () => {
      const first = story('s', 0, { figures: [figure('$4.5bn', 'money', 's'), figure('12%', 'percent', 's')] });
      const speaker = person('Priya Raman', { role: 'Chief executive', quotes: [quote('We grew', 's'), quote('We hired', 's')] });
      await save(first, [speaker, person('Gone Person')]);
      const grown = { ...first, sources: [...first.sources, { title: 'Second source', url: 'https://other.example/s', feed: 'other' }] };
      await save(grown, [speaker], at(1));
      await save(grown, [speaker], at(2));
      const again = await index.getStory('s');
      expect(again?.sources).toHaveLength(2);
      expect(again?.figures.map((f) => f.value)).toEqual(['$4.5bn', '12%']);
      expect(again?.people).toEqual(['Priya Raman']);
      const record = await index.getPerson(await only('Priya Raman'));
      expect(record?.mentions).toBe(1);
      expect(record?.person.quotes.map((q) => q.text).sort()).toEqual(['We grew', 'We hired']);
      expect(await index.findPeople('Gone Person', 5)).toEqual([]);
      expect(await index.searchStories('Headline', 10)).toHaveLength(1);
    });

    it('searches headlines and bullets by word, newest first, and finds one story by id or words', async () => {
      await save(story('old', 0, { headline: 'Central bank raises interest rates', bullets: ['Inflation stayed high.'] }));
      await save(story('new', 2, { headline: 'Rates held as inflation cools', bullets: ['The central bank paused.'] }));
      await save(story('other', 1, { headline: 'Football club wins the cup', bullets: ['Fans celebrated in Zürich.'] }));
      expect((await index.searchStories('central bank', 10)).map((s) => s.id)).toEqual(['new', 'old']);
      expect((await index.searchStories('inflation', 1)).map((s) => s.id)).toEqual(['new']);
      expect((await index.searchStories('zurich', 10)).map((s) => s.id)).toEqual(['other']);
      expect((await index.searchStories('cup weather', 10)).map((s) => s.id)).toEqual(['other']);
      expect(await index.searchStories('volcano', 10)).toEqual([]);
      expect(await index.searchStories('"*) OR (', 10)).toEqual([]);
      expect((await index.findStory('other'))?.headline).toBe('Football club wins the cup');
      expect((await index.findStory('interest rates raised'))?.id).toBe('old');
      expect(await index.findStory('volcano')).toBeUndefined();
    });

    it('reads several stories by id in one call, in the order asked, skipping unknown ids and repeats', async () => {
      await save(story('a', 0, { figures: [figure('12%', 'percent', 'a')] }), [person('Priya Raman')]);
      await save(story('b', 1));
      await save(story('c', 2, { headline: 'Third <b>story</b> & more' }));
      const read = await index.getStories(['c', 'missing', 'a', 'c', 'b']);
      expect(read.map((s) => s.id)).toEqual(['c', 'a', 'b']);
      expect(read[0]?.headline).toBe('Third <b>story</b> & more');
      expect(read[1]).toEqual(await index.getStory('a'));
      expect(read[1]?.figures.map((f) => f.value)).toEqual(['12%']);
      expect(read[1]?.people).toEqual(['Priya Raman']);
      expect(read[2]?.sources[0]?.url).toBe('https://news.example.com/b');
      expect(await index.getStories([])).toEqual([]);
      expect(await index.getStories(['missing'])).toEqual([]);
    });

    it('suggests names by the start of any word, folded, most mentioned first, at most 25', async () => {
      await save(story('a', 0), [person('Vladimir Putin'), person('Łukasz Kowalski'), person('Putri Ayu')]);
      await save(story('b', 1), [person('Vladimir Putin')]);
      for (let i = 0; i < 30; i += 1) await save(story(`m${i}`, 2), [person(`Marta Nowak${String.fromCharCode(97 + (i % 26))}${i}`)]);
      expect(await index.suggestPeople('Pu', 10)).toEqual(['Vladimir Putin', 'Putri Ayu']);
      expect(await index.suggestPeople('vladimir p', 10)).toEqual(['Vladimir Putin']);
      expect(await index.suggestPeople('łu', 10)).toEqual(['Łukasz Kowalski']);
      expect(await index.suggestPeople('kowal', 10)).toEqual(['Łukasz Kowalski']);
      expect(await index.suggestPeople('Marta', 100)).toHaveLength(25);
      expect((await index.suggestPeople('', 3))[0]).toBe('Vladimir Putin');
      expect(await index.suggestPeople('zzz', 10)).toEqual([]);
    });

    it('lists a story’s people in order with that story’s quotes', async () => {
      await save(story('a', 0), [person('Ana Silva', { quotes: [quote('First', 'a')] }), person('Ben Okafor', { role: 'Coach' })]);
      await save(story('b', 1), [person('Ana Silva', { role: 'Minister', quotes: [quote('Second', 'b')] })]);
      const people = await index.peopleInStory('a');
      expect(people.map((p) => p.name)).toEqual(['Ana Silva', 'Ben Okafor']);
      expect(people[0]?.quotes.map((q) => q.text)).toEqual(['First']);
      expect(people[0]?.role).toBe('Minister');
      expect(people[0]?.storyIds).toEqual(['b', 'a']);
      expect(await index.peopleInStory('missing')).toEqual([]);
    });

    it('gives key figures of a story, of a topic’s latest stories, and of the latest news', async () => {
      await save(story('m1', 0, { topic: 'Markets', headline: 'Shares slide on tariff fears', figures: [figure('3%', 'percent', 'm1')] }));
      await save(story('m2', 1, { topic: 'Markets', figures: [figure('$2bn', 'money', 'm2')] }));
      await save(story('w1', 2, { topic: 'World', figures: [figure('40,000', 'number', 'w1')] }));
      await save(story('w2', 3, { topic: 'World' }));
      expect(await index.figuresFor('m1')).toMatchObject({ scope: 'story', stories: [{ id: 'm1' }], figures: [{ value: '3%', storyId: 'm1' }] });
      const markets = await index.figuresFor('markets');
      expect(markets).toMatchObject({ scope: 'topic', topic: 'Markets' });
      expect(markets.figures.map((f) => f.value)).toEqual(['$2bn', '3%']);
      expect((await index.figuresFor('tariff fears')).stories.map((s) => s.id)).toEqual(['m1']);
      const latest = await index.figuresFor();
      expect(latest.scope).toBe('latest');
      expect(latest.stories.map((s) => s.id)).toEqual(['w1', 'm2', 'm1']);
      expect((await index.figuresFor('nothing like this')).scope).toBe('none');
    });
  });
}
