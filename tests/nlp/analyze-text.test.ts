import { describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/nlp/analyze-text.ts';

const TEXT =
  'Flood barrier\n\nThe Thames Barrier closed 12 times in March, the Environment Agency said. ' +
  'Engineers expect 30 closures a year by 2030.\n\n"It is working. It will keep working," said Ana Cole.';

describe('analyzeText', () => {
  const { sentences, paragraphCount } = analyzeText(TEXT);

  it('numbers sentences across paragraphs', () => {
    expect(paragraphCount).toBe(3);
    expect(sentences.map((s) => [s.index, s.paragraph, s.indexInParagraph])).toEqual([
      [0, 0, 0], [1, 1, 0], [2, 1, 1], [3, 2, 0], [4, 2, 1],
    ]);
  });

  it('gives words, content stems, numbers and capitalised names', () => {
    const s = sentences[1]!;
    expect(s.words).toContain('thames');
    expect(s.terms).toEqual(expect.arrayContaining(['thame', 'barrier', 'close', '12', 'march', 'environ', 'agenc']));
    expect(s.terms).not.toContain('the');
    expect(s.numberCount).toBe(1);
    expect(s.nameCount).toBeGreaterThanOrEqual(4); // Thames Barrier ... March ... Environment Agency
  });

  it('marks a sentence that begins inside an open quotation', () => {
    expect(sentences[3]!.text).toBe('"It is working.');
    expect(sentences[3]!.quoteOpenAtStart).toBe(false);
    expect(sentences[4]!.quoteOpenAtStart).toBe(true);
  });

  it('reads entities only when asked', () => {
    expect(sentences[2]!.entities).toEqual([]);
    const withEntities = analyzeText(TEXT, { entities: true }).sentences[2]!;
    expect(withEntities.entities.map((e) => e.type)).toEqual(expect.arrayContaining(['CARDINAL', 'DATE']));
  });
});
