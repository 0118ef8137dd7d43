import { describe, expect, it } from 'vitest';
import {
  allowedEdits, compatibleNames, editDistance, foldText, fullNameKey, keyTokens, nameKey, nameSimilarity, sortedKey, surnameKeys, trigrams,
} from '../../src/core/name-match.ts';

describe('foldText', () => {
  it('folds case, accents, letters without a decomposition and punctuation', () => {
    expect(foldText('Łukasz  ŻUREK')).toBe('lukasz zurek');
    expect(foldText('José Martí')).toBe('jose marti');
    expect(foldText('Søren Kierkegaard-Æbelø')).toBe('soren kierkegaard aebelo');
    expect(foldText("Conan O’Brien, Jr.")).toBe('conan obrien jr');
    expect(foldText('  ')).toBe('');
  });
});

describe('nameKey', () => {
  it('drops leading titles and trailing suffixes but keeps a title said alone', () => {
    expect(nameKey('Mr Putin')).toBe('putin');
    expect(nameKey('former Prime Minister Lee Hsien Loong')).toBe('lee hsien loong');
    expect(nameKey('Martin Luther King Jr.')).toBe('martin luther king');
    expect(nameKey('King Charles')).toBe('charles');
    expect(nameKey('Secretary of State Marco Rubio')).toBe('marco rubio');
    expect(nameKey('John Major')).toBe('john major');
    expect(nameKey('President')).toBe('president');
    expect(keyTokens(nameKey('Dr. Ana de la Cruz'))).toEqual(['ana', 'de', 'la', 'cruz']);
  });

  it('keeps a rank in a full name it would shrink to one word, but always drops honorifics', () => {
    expect(fullNameKey('Duke Ellington')).toBe('duke ellington');
    expect(fullNameKey('former President Luiz Inácio Lula da Silva')).toBe('luiz inacio lula da silva');
    expect(fullNameKey('Mr Putin')).toBe('putin');
    expect(surnameKeys('Duke Ellington')).toEqual(['ellington']);
  });

  it('gives one sorted key to a name written in either order', () => {
    expect(sortedKey(nameKey('Lee Hsien Loong'))).toBe(sortedKey(nameKey('Hsien Loong Lee')));
    expect(sortedKey('lee jae myung')).not.toBe(sortedKey('lee hsien loong'));
  });
});

describe('surnameKeys', () => {
  it('takes the last word, a family name written first, and single-word aliases from the name', () => {
    expect(surnameKeys('Vladimir Putin', ['Mr Putin'])).toEqual(['putin']);
    expect(surnameKeys('Xi Jinping').sort()).toEqual(['jinping', 'xi']);
    expect(surnameKeys('Ursula von der Leyen', ['von der Leyen'])).toEqual(['leyen']);
    expect(surnameKeys('Lula', [])).toEqual([]);
    expect(surnameKeys('Anwar Ibrahim', ['Anwar'])).toEqual(['ibrahim', 'anwar']);
  });
});

describe('compatibleNames', () => {
  it('accepts initials and missing middle names, rejects another first name or surname', () => {
    expect(compatibleNames(['j', 'biden'], ['joe', 'biden'])).toBe(true);
    expect(compatibleNames(['joe', 'r', 'biden'], ['joe', 'biden'])).toBe(true);
    expect(compatibleNames(['joseph', 'robinette', 'biden'], ['joseph', 'r', 'biden'])).toBe(true);
    expect(compatibleNames(['jill', 'biden'], ['joe', 'biden'])).toBe(false);
    expect(compatibleNames(['sarah', 'lee'], ['tom', 'lee'])).toBe(false);
    expect(compatibleNames(['joe', 'biden'], ['joe', 'bidden'])).toBe(false);
    expect(compatibleNames(['biden'], ['joe', 'biden'])).toBe(false);
  });
});

describe('trigrams', () => {
  it('pads each word so word starts and short words make grams', () => {
    expect([...trigrams('xi li')].sort()).toEqual([' li', ' xi', 'li ', 'xi ']);
    expect(trigrams('putin')).toEqual(new Set([' pu', 'put', 'uti', 'tin', 'in ']));
    expect(trigrams('').size).toBe(0);
  });
});

describe('editDistance', () => {
  it('counts insertions, deletions, substitutions and adjacent swaps', () => {
    expect(editDistance('vladimir', 'vladmir')).toBe(1);
    expect(editDistance('scholz', 'schloz')).toBe(1);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });

  it('stops early past the bound', () => {
    expect(editDistance('abcdefgh', 'zyxwvuts', 2)).toBe(3);
    expect(editDistance('a', 'abcdef', 2)).toBe(3);
  });
});

describe('nameSimilarity', () => {
  it('scores near misses within the allowed edits and ignores word order', () => {
    expect(nameSimilarity('vladmir putin', 'vladimir putin')).toBeCloseTo(1 - 1 / 14);
    expect(nameSimilarity('putin vladimir', 'vladimir putin')).toBe(1);
    expect(nameSimilarity('putn', 'putin')).toBeCloseTo(0.8);
    expect(nameSimilarity('li', 'lee')).toBe(0);
    expect(nameSimilarity('merkel', 'macron')).toBe(0);
    expect(allowedEdits(4)).toBeLessThan(allowedEdits(12));
  });
});
