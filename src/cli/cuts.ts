/**
 * `pathlight analyze --cut EDGE_ID --cut node:NODE_ID`: analyse as if those edges, or every edge of those nodes,
 * were gone: the same mask the app's what-if uses (`cutMask`, src/graph/what-if.ts). An id that names an edge
 * is an edge cut, even when it starts with `node:`; otherwise `node:ID` removes node ID. Anything else is a
 * usage error naming the id.
 */
import type { InventoryGraph } from '../graph/build-graph.ts';
import { cutMask } from '../graph/what-if.ts';
import type { Cut } from '../graph/what-if.ts';

import { UsageError } from './args.ts';

export function parseCuts(graph: InventoryGraph, values: readonly string[]): Cut[] {
  return values.map((v): Cut => {
    if (graph.index.edgeIndex.has(v)) return { edge: v };
    if (v.startsWith('node:') && graph.index.nodeIndex.has(v.slice(5))) return { node: v.slice(5) };
    throw new UsageError(`--cut ${JSON.stringify(v)}: no edge with this id${v.startsWith('node:') ? `, and no node ${JSON.stringify(v.slice(5))}` : ' (use node:NODE_ID to remove a node)'}`);
  });
}

/** The edge ids the cuts switch off, in inventory order. */
export function cutEdgeIds(graph: InventoryGraph, cuts: readonly Cut[]): string[] {
  const { mask } = cutMask(graph, cuts);
  const out: string[] = [];
  for (let j = 0; j < mask.length; j++) if (mask[j] === 1) out.push(graph.edges[j]!.id);
  return out;
}
