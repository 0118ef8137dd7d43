import { describe, expect, it } from 'vitest';
import { renderReplyText } from '../../../src/chat/console/render-text.ts';
import type { Person, StoryRef } from '../../../src/core/types.ts';

const person: Person = {
  name: 'Ines Roland',
  aliases: [],
  role: 'Harbour master',
  quotes: [
    { text: 'The cables are sound', kind: 'direct', sentence: 'x', storyId: 's1' },
    { text: 'ferries will run late', kind: 'partial', sentence: 'x', storyId: 'gone' },
  ],
  storyIds: ['s0', 's1'],
};

describe('console /who', () => {
  it('names the story of each quote with its link, and lists at most 5 stories in the news', () => {
    const stories: StoryRef[] = Array.from({ length: 7 }, (_, i) => ({ id: `s${i}`, headline: `Story ${i}`, url: i === 2 ? 'javascript:alert(1)' : `https://news.example/${i}` }));
    const lines = renderReplyText({ kind: 'person', person, stories }).split('\n');
    expect(lines).toContain('   “The cables are sound” (direct) — in Story 1 <https://news.example/1>');
    expect(lines).toContain('   “ferries will run late” (partial)');
    const listed = lines.slice(lines.indexOf('   In the news:') + 1).filter((l) => l.startsWith('   • '));
    expect(listed).toEqual(['   • Story 0 <https://news.example/0>', '   • Story 1 <https://news.example/1>', '   • Story 2', '   • Story 3 <https://news.example/3>', '   • Story 4 <https://news.example/4>']);
  });

  it('prints a person without stories as before', () => {
    expect(renderReplyText({ kind: 'person', person })).toBe(['Ines Roland', '   Harbour master', '   “The cables are sound” (direct)', '   “ferries will run late” (partial)', '   In 2 stories'].join('\n'));
  });
});
