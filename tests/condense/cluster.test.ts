import { describe, expect, it } from 'vitest';
import { clusterItemFrom, clusterItems, stableStoryId, type ClusterItem, type ItemCluster } from '../../src/condense/cluster.ts';
import {
  ALL_ITEMS,
  lookalikeTakeover,
  phoneLaunch,
  quakeChile,
  quakePeruNpr,
  quakePeruWire,
  shifted,
  takeoverBbc,
  takeoverCnbc,
  takeoverGuardian,
} from './story-fixtures.ts';

const clusterOf = (clusters: ItemCluster[], id: string): ItemCluster | undefined =>
  clusters.find((c) => c.items.some((i) => i.id === id));
const memberIds = (cluster: ItemCluster | undefined): string[] => (cluster?.items ?? []).map((i) => i.id).sort();

describe('clusterItems', () => {
  it('puts the same event from three feeds into one cluster', () => {
    const clusters = clusterItems(ALL_ITEMS);
    expect(memberIds(clusterOf(clusters, takeoverBbc.id))).toEqual(
      [takeoverBbc.id, takeoverCnbc.id, takeoverGuardian.id].sort(),
    );
    expect(new Set(clusterOf(clusters, takeoverBbc.id)?.items.map((i) => i.feedId)).size).toBe(3);
  });

  it('keeps two takeovers with overlapping vocabulary apart', () => {
    const clusters = clusterItems(ALL_ITEMS);
    expect(clusterOf(clusters, lookalikeTakeover.id)).not.toBe(clusterOf(clusters, takeoverBbc.id));
    expect(memberIds(clusterOf(clusters, lookalikeTakeover.id))).toEqual([lookalikeTakeover.id]);
  });

  it('keeps two earthquakes on the same day apart', () => {
    const clusters = clusterItems(ALL_ITEMS);
    expect(memberIds(clusterOf(clusters, quakePeruWire.id))).toEqual([quakePeruNpr.id, quakePeruWire.id].sort());
    expect(memberIds(clusterOf(clusters, quakeChile.id))).toEqual([quakeChile.id]);
    expect(memberIds(clusterOf(clusters, phoneLaunch.id))).toEqual([phoneLaunch.id]);
  });

  it('accounts for every item exactly once', () => {
    const clusters = clusterItems(ALL_ITEMS);
    const seen = clusters.flatMap((c) => c.items.map((i) => i.id)).sort();
    expect(seen).toEqual(ALL_ITEMS.map((i) => i.id).sort());
    for (const c of clusters) expect(c.centrality).toHaveLength(c.items.length);
  });

  it('does not join items further apart than the time window', () => {
    const later = shifted(takeoverGuardian, 72, 'guardian-late');
    const clusters = clusterItems([takeoverBbc, later]);
    expect(clusters).toHaveLength(2);
    const wide = clusterItems([takeoverBbc, later], { windowMs: 96 * 3_600_000 });
    expect(wide).toHaveLength(1);
  });

  it('joins items that share a canonical URL even when their words differ', () => {
    const syndicated: ClusterItem = { ...phoneLaunch, id: 'syndicated', feedId: 'wire-world', url: takeoverBbc.url, title: 'Markets wrap' };
    const clusters = clusterItems([takeoverBbc, syndicated]);
    expect(clusters).toHaveLength(1);
  });

  it('gives the same clusters and ids whatever the input order', () => {
    const forward = clusterItems(ALL_ITEMS);
    const backward = clusterItems([...ALL_ITEMS].reverse());
    const shape = (cs: ItemCluster[]): string[] => cs.map((c) => `${c.id}:${memberIds(c).join(',')}`).sort();
    expect(shape(backward)).toEqual(shape(forward));
  });

  it('derives the cluster id from its earliest item, so it survives new members', () => {
    const before = clusterItems([takeoverBbc, takeoverGuardian]);
    const after = clusterItems([takeoverCnbc, takeoverGuardian, takeoverBbc, quakeChile]);
    expect(before[0]?.id).toBe(stableStoryId(takeoverBbc.id));
    expect(clusterOf(after, takeoverBbc.id)?.id).toBe(before[0]?.id);
    expect(clusterOf(after, takeoverBbc.id)?.seedId).toBe(takeoverBbc.id);
  });

  it('compares with the centroid, so a bridging item does not chain two events together', () => {
    const bridge: ClusterItem = {
      id: 'bridge',
      feedId: 'wire-world',
      url: 'https://wire.example/bridge',
      title: 'Halvorsen Foods Brightwater Dairy deal; earthquake in Arequipa Peru',
      text: 'Halvorsen Foods agreed to buy Brightwater Dairy for $4.2bn. A magnitude 6.1 earthquake struck Arequipa in southern Peru.',
      publishedAt: new Date((quakePeruWire.publishedAt?.getTime() ?? 0) - 600_000),
      fetchedAt: quakePeruWire.fetchedAt,
    };
    const clusters = clusterItems([takeoverBbc, takeoverGuardian, bridge, quakePeruWire, quakePeruNpr]);
    expect(clusterOf(clusters, quakePeruWire.id)).not.toBe(clusterOf(clusters, takeoverBbc.id));
  });

  it('finds the same clusters with the index as with exhaustive comparison', () => {
    const shape = (cs: ItemCluster[]): string[] => cs.map((c) => memberIds(c).join(',')).sort();
    expect(shape(clusterItems(ALL_ITEMS))).toEqual(shape(clusterItems(ALL_ITEMS, { candidates: 'exhaustive' })));
  });

  it('clusters title-only items when their titles agree', () => {
    const a: ClusterItem = { ...takeoverBbc, id: 'a', text: '' };
    const b: ClusterItem = { ...takeoverCnbc, id: 'b', text: '' };
    const c: ClusterItem = { ...quakeChile, id: 'c', text: '' };
    const clusters = clusterItems([a, b, c]);
    expect(memberIds(clusterOf(clusters, 'a'))).toEqual(['a', 'b']);
  });
});

describe('clusterItemFrom', () => {
  it('prefers the fetched article text over the feed text', () => {
    const fetchedAt = new Date(0);
    const stored = { id: '9', feedId: 'f', guid: 'g', url: 'https://f.example/9', title: 'T', text: 'teaser', articleText: 'full text', summary: 'std', fetchedAt };
    expect(clusterItemFrom(stored)).toEqual({ id: '9', feedId: 'f', url: 'https://f.example/9', title: 'T', text: 'full text', summary: 'std', fetchedAt });
    expect(clusterItemFrom({ ...stored, articleText: undefined }).text).toBe('teaser');
  });
});
