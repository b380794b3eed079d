import { describe, expect, it } from 'vitest';

import { buildGraph } from './build-graph.ts';
import { computeReach } from './reach.ts';
import { inventoryFrom } from './test-helpers.ts';

describe('buildGraph', () => {
  const inventory = inventoryFrom(
    ['nhi:a', 'nhi:b', 'data_store:c', 'credential:k'],
    [
      ['nhi:a', 'can_assume', 'nhi:b'],
      ['nhi:b', 'reads', 'data_store:c'],
      ['data_store:c', 'stores', 'credential:k'],
      ['nhi:a', 'writes', 'credential:k'],
    ],
  );

  it('indexes both directions with content edges first among out-edges', () => {
    const { index } = buildGraph(inventory);
    expect(index.nodeCount).toBe(4);
    expect(index.edgeCount).toBe(4);
    const c = index.nodeIndex.get('data_store:c')!;
    expect(index.outContentEnd[c]! - index.outOffsets[c]!).toBe(1);
    const k = index.nodeIndex.get('credential:k')!;
    expect(index.inOffsets[k + 1]! - index.inOffsets[k]!).toBe(2);
    // A credential that is only written is still held with control (grant closed at build time).
    const w = index.edgeIndex.get('nhi:a|writes|credential:k')!;
    expect(index.edgeGrant[w]).toBe(7);
  });

  it('uses the parser-resolved endpoints and falls back to ids when they do not match the nodes', () => {
    expect(inventory.resolvedNodes).toBe(inventory.nodes);
    const reordered = [...inventory.nodes].reverse();
    // Same edges (with positions for the original order), nodes in another order: ids must win.
    const graph = buildGraph({ nodes: reordered, edges: inventory.edges });
    expect(computeReach(graph, 'nhi:a').toEntries(false).map((e) => `${e.id}:${e.access}`)).toEqual([
      'nhi:b:control',
      'credential:k:control',
      'data_store:c:read',
    ]);
  });

  it('skips edges whose endpoints are not nodes', () => {
    const graph = buildGraph({ nodes: inventory.nodes.slice(0, 2), edges: inventory.edges });
    expect(graph.edges.map((e) => e.id)).toEqual(['nhi:a|can_assume|nhi:b']);
  });
});
