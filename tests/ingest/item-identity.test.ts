import { describe, expect, it } from 'vitest';
import { itemGuid, normaliseGuid, titleKey, titleSimilarity } from '../../src/ingest/item-identity.ts';

describe('itemGuid', () => {
  it('treats guids differing only in case or whitespace as the same item', () => {
    expect(itemGuid({ guid: '  Tag:Example.com,2024:Post  42 ' })).toBe(itemGuid({ guid: 'tag:example.com,2024:post 42' }));
  });

  it('canonicalises a guid that is a URL instead of case-folding it', () => {
    expect(itemGuid({ guid: 'https://N.example.test/Story?utm_source=x' })).toBe('https://n.example.test/Story');
  });

  it('falls back to the canonical link, then to a content hash', () => {
    expect(itemGuid({ guid: '   ', url: 'https://n.example.test/a' })).toBe('https://n.example.test/a');
    const hash = itemGuid({ title: 'Title', text: 'Body' });
    expect(hash).toMatch(/^sha1:[0-9a-f]{40}$/);
    expect(itemGuid({ title: 'Title', text: 'Body' })).toBe(hash);
    expect(itemGuid({ title: 'Title', text: 'Other body' })).not.toBe(hash);
    expect(itemGuid({ guid: 12 })).toBeUndefined();
  });

  it('hashes very long guids', () => {
    expect(normaliseGuid('x'.repeat(5000))).toMatch(/^sha1:/);
  });
});

describe('titleKey and titleSimilarity', () => {
  it('ignore case, accents, punctuation and update prefixes', () => {
    expect(titleKey('UPDATED: Café owners “protest” new rules!')).toBe(titleKey('Cafe owners protest new rules'));
  });

  it('score an edited headline as similar and a different one as not', () => {
    expect(titleSimilarity('Storm batters coast, thousands without power', 'Storm batters coast; 10,000 without power')).toBeGreaterThan(0.6);
    expect(titleSimilarity('Storm batters coast', 'Central bank holds rates')).toBeLessThan(0.2);
  });
});
