import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PersonMatch } from '../../src/core/ports.ts';
import type { Person, Quote, Story } from '../../src/core/types.ts';
import { choosePerson, createFigureAnswers, storiesToShow, type FigureAnswers } from '../../src/figures/answers.ts';
import { SqliteNewsIndex } from '../../src/store/sqlite/sqlite-news-index.ts';
import { SqliteStore } from '../../src/store/sqlite/sqlite-store.ts';

const dir = mkdtempSync(join(tmpdir(), 'herald-answers-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const DAY_MS = 86_400_000;
const t0 = Date.parse('2026-05-04T08:00:00Z');

function story(id: string, day: number, over: Partial<Story> = {}): Story {
  return {
    id, headline: `Story ${id}`, bullets: [], people: [], figures: [], firstSeen: new Date(t0 + day * DAY_MS),
    sources: [{ title: `Wire ${id}`, url: `https://wire.example/${id}`, feed: 'wire' }],
    ...over,
  };
}
const person = (name: string, over: Partial<Person> = {}): Person => ({ name, aliases: [], quotes: [], storyIds: [], ...over });

describe('figure answers over the SQLite index', () => {
  let store: SqliteStore;
  let answers: FigureAnswers;

  beforeEach(async () => {
    store = new SqliteStore(join(dir, `a${n++}.db`));
    await store.migrate();
    const index = new SqliteNewsIndex(store.db);
    answers = createFigureAnswers(index);
    const save = (s: Story, people: Person[]): Promise<void> => index.saveStory(s, people, s.firstSeen);
    for (let day = 0; day < 7; day += 1) {
      const id = `ru${day}`;
      await save(story(id, day, { topic: 'World', headline: `Kremlin talks, day ${day}`, figures: [{ value: `${day + 10}%`, kind: 'percent', context: `Turnout was ${day + 10}%.`, storyId: id }] }), [
        person('Vladimir Putin', { aliases: ['Putin'], role: 'President', organisation: 'Russia', quotes: [{ text: `Statement ${day}`, kind: 'direct', sentence: `"Statement ${day}," Putin said.`, storyId: id }] }),
      ]);
    }
    await save(story('kr', 1, { topic: 'Asia' }), [person('Lee Jae-myung', { aliases: ['Lee'], role: 'President', organisation: 'South Korea' })]);
    await save(story('sg', 2, { topic: 'Asia' }), [person('Lee Hsien Loong', { aliases: ['Lee'], role: 'Senior Minister' }), person('Lawrence Wong', { role: 'Prime Minister' })]);
  });
  afterEach(async () => {
    await store.close();
  });

  it('answers /who with role, organisation, latest quotes with their stories, and mentions', async () => {
    const answer = await answers.person('Putin');
    expect(answer.person).toMatchObject({ name: 'Vladimir Putin', role: 'President', organisation: 'Russia' });
    expect(answer.person?.quotes).toHaveLength(5);
    expect(answer.person?.quotes[0]).toMatchObject({ text: 'Statement 6', storyId: 'ru6' });
    expect(answer.stories.map((s) => s.id)).toEqual(['ru6', 'ru5', 'ru4', 'ru3', 'ru2']);
    expect(answer.stories[0]).toEqual({ id: 'ru6', headline: 'Kremlin talks, day 6', url: 'https://wire.example/ru6' });
    expect(answer.mentions).toBe(7);
    expect(answer.suggestions).toEqual([]);
  });

  it('names the story of an old quote on /who, keeps the newest others, newest first, and caps them at 5', async () => {
    const index = new SqliteNewsIndex(store.db);
    const said = { text: 'We will rebuild the port', kind: 'direct' as const, sentence: '"We will rebuild the port," Okafor said.', storyId: 'port0' };
    await index.saveStory(story('port0', 0, { headline: 'Port plan unveiled' }), [person('Ada Okafor', { role: 'Mayor', quotes: [said] })], new Date(t0));
    for (let day = 1; day <= 7; day += 1) {
      // No link on the first source of port7: the first source that has one is used.
      const sources = day === 7 ? [{ title: 'Radio', url: '', feed: 'radio' }, { title: 'Paper', url: 'https://paper.example/port7', feed: 'paper' }] : undefined;
      await index.saveStory(story(`port${day}`, day, { headline: `Port works, day ${day}`, ...(sources ? { sources } : {}) }), [person('Ada Okafor')], new Date(t0 + day * DAY_MS));
    }
    await index.saveStory(story('bare', 8, { headline: 'Port closed', sources: [] }), [person('Ada Okafor')], new Date(t0 + 8 * DAY_MS));
    const answer = await answers.person('Ada Okafor');
    expect(answer.person?.quotes.map((q) => q.storyId)).toEqual(['port0']);
    expect(answer.stories.map((s) => s.id)).toEqual(['bare', 'port7', 'port6', 'port5', 'port0']);
    expect(answer.stories.at(-1)).toEqual({ id: 'port0', headline: 'Port plan unveiled', url: 'https://wire.example/port0' });
    expect(answer.stories[0]).toEqual({ id: 'bare', headline: 'Port closed' });
    expect(answer.stories[1]?.url).toBe('https://paper.example/port7');
    expect(answer.mentions).toBe(9);
  });

  it('asks "did you mean" for a surname two people share', async () => {
    const answer = await answers.person('Lee');
    expect(answer.person).toBeUndefined();
    expect([...answer.suggestions].sort()).toEqual(['Lee Hsien Loong', 'Lee Jae-myung']);
    expect((await answers.person('lee hsien loong')).person?.role).toBe('Senior Minister');
  });

  it('takes an unmistakable typo as the person meant and suggests nothing for gibberish', async () => {
    expect((await answers.person('Vladmir Putin')).person?.name).toBe('Vladimir Putin');
    expect((await answers.person('Lawrense Wong')).person?.name).toBe('Lawrence Wong');
    expect(await answers.person('Qqqxz Wvvv')).toEqual({ suggestions: [], stories: [], mentions: 0 });
    expect(await answers.person('   ')).toEqual({ suggestions: [], stories: [], mentions: 0 });
  });

  it('titles key figures by story, topic or the latest news', async () => {
    expect(await answers.figures('ru3')).toMatchObject({ title: 'Kremlin talks, day 3', figures: [{ value: '13%' }] });
    const world = await answers.figures('world');
    expect(world.title).toBe('Key figures: World');
    expect(world.figures.map((f) => f.value)).toEqual(['16%', '15%', '14%', '13%', '12%']);
    expect((await answers.figures('asia')).title).toBe('No figures yet in Asia');
    expect((await answers.figures()).figures[0]?.value).toBe('16%');
    expect(await answers.figures('volcanic eruption')).toEqual({ title: 'No story or topic matches "volcanic eruption"', figures: [] });
  });

  it('lists the people of a story found by id or by its words', async () => {
    expect((await answers.people('sg')).map((p) => p.name)).toEqual(['Lee Hsien Loong', 'Lawrence Wong']);
    expect((await answers.people('Kremlin talks day 2')).map((p) => p.name)).toEqual(['Vladimir Putin']);
    expect(await answers.people('volcanic eruption')).toEqual([]);
  });

  it('autocompletes by word start and caps the list at 25 names', async () => {
    expect(await answers.suggestPeople('wo', 10)).toEqual(['Lawrence Wong']);
    const index = new SqliteNewsIndex(store.db);
    for (let i = 0; i < 30; i += 1) await index.saveStory(story(`w${i}`, 3), [person(`Wanda Okoro${i}`)], new Date(t0));
    expect(await answers.suggestPeople('wanda', 100)).toHaveLength(25);
  });
});

describe('storiesToShow', () => {
  const quoted = (storyId: string): Quote => ({ text: 'x', kind: 'direct', sentence: 'x', storyId });

  it('takes the newest stories when the quotes come from them, newest first, at most the cap', () => {
    expect(storiesToShow(['a', 'b', 'c', 'd', 'e', 'f', 'g'], [quoted('a'), quoted('b'), quoted('a')], 5)).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(storiesToShow(['a', 'b'], [], 5)).toEqual(['a', 'b']);
    expect(storiesToShow([], [], 5)).toEqual([]);
  });

  it('makes room for the story of every quote, even old ones, and keeps them in story order', () => {
    expect(storiesToShow(['a', 'b', 'c', 'd', 'e', 'f', 'g'], [quoted('g'), quoted('e')], 4)).toEqual(['a', 'b', 'e', 'g']);
    expect(storiesToShow(['a', 'b', 'c'], [quoted('z')], 2)).toEqual(['a', 'z']);
  });
});

describe('choosePerson', () => {
  const match = (id: string, name: string, score: number, kind: PersonMatch['kind'], mentions = 1): PersonMatch => ({ id, name, score, kind, mentions, lastSeen: new Date(t0) });

  it('prefers the full name, then a lone alias, then a clear favourite among namesakes', () => {
    expect(choosePerson('tom lee', [match('1', 'Tom Lee', 1, 'exact'), match('2', 'Sarah Lee', 0.9, 'alias')]).id).toBe('1');
    expect(choosePerson('putin', [match('1', 'Vladimir Putin', 0.9, 'alias'), match('9', 'Putinova', 0.6, 'fuzzy')]).id).toBe('1');
    const favourite = choosePerson('trump', [match('1', 'Donald Trump', 0.9, 'alias', 400), match('2', 'Melania Trump', 0.9, 'alias', 12)]);
    expect(favourite).toEqual({ id: '1', suggestions: ['Melania Trump'] });
    const even = choosePerson('lee', [match('1', 'Sarah Lee', 0.9, 'alias', 8), match('2', 'Tom Lee', 0.9, 'alias', 5), match('3', 'Lee', 1, 'exact', 2)]);
    expect(even).toEqual({ suggestions: ['Sarah Lee', 'Tom Lee'] });
  });

  it('suggests close typos that do not stand out', () => {
    const close = choosePerson('jon smith', [match('1', 'John Smith', 0.77, 'fuzzy'), match('2', 'Jon Smyth', 0.77, 'fuzzy')]);
    expect(close).toEqual({ suggestions: ['John Smith', 'Jon Smyth'] });
    expect(choosePerson('putn', [match('1', 'Vladimir Putin', 0.68, 'fuzzy')])).toEqual({ suggestions: ['Vladimir Putin'] });
  });
});
