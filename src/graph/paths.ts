/**
 * Shortest attack path between two nodes, under the reach semantics: the witness path by which `to`
 * first gains access when `from` is controlled.
 */
import { accessName } from '../model/node-kinds.ts';
import type { AccessName } from '../model/node-kinds.ts';

import { requireNode } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';
import { ReachEngine } from './reach.ts';
import type { ReachOptions } from './reach.ts';

export interface AttackPath {
  readonly from: string;
  readonly to: string;
  /** Node ids along the path, `from` first and `to` last. */
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  /** Access gained on `to` by the time it is first reached. */
  readonly access: AccessName;
}

/**
 * @returns the shortest path from `fromId` to `toId`, or null when `toId` is not in the blast radius.
 * @throws UnknownNodeError for ids that are not nodes.
 */
export function findShortestPath(
  graph: InventoryGraph,
  fromId: string,
  toId: string,
  options: Omit<ReachOptions, 'stopAt'> = {},
): AttackPath | null {
  const from = requireNode(graph, fromId);
  const to = requireNode(graph, toId);
  if (from === to) return null;
  const reach = new ReachEngine(graph).run(from, { ...options, stopAt: to });
  if (!reach.has(to)) return null;
  const edgeIdx = reach.pathEdges(to);
  const nodes = [fromId];
  for (const j of edgeIdx) nodes.push(graph.nodes[graph.index.edgeTarget[j]!]!.id);
  return {
    from: fromId,
    to: toId,
    nodes,
    edges: edgeIdx.map((j) => graph.edges[j]!.id),
    access: accessName(reach.bits(to))!,
  };
}
