/**
 * Per-AI-node summary: how far each AI integration reaches, and how many crown jewels and sensitive
 * stores it reaches, broken down by kind and access.
 */
import { NODE_KINDS, accessName } from '../model/node-kinds.ts';
import type { AccessName, NodeKind } from '../model/node-kinds.ts';

import { NODE_AI, NODE_CROWN_JEWEL, NODE_SENSITIVE } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';
import { ReachEngine } from './reach.ts';
import type { ReachOptions, ReachResult } from './reach.ts';

export interface ReachSummary {
  readonly node: string;
  readonly reached: number;
  readonly crownJewels: number;
  readonly sensitive: number;
  readonly byKind: Partial<Record<NodeKind, number>>;
  readonly byAccess: Record<AccessName, number>;
  /** Largest hop count in the radius (0 when nothing is reached). */
  readonly depth: number;
}

/** Summarises one computed reach. */
export function summarizeReach(graph: InventoryGraph, reach: ReachResult): ReachSummary {
  const { nodeFlags, nodeKind } = graph.index;
  const byKind: Partial<Record<NodeKind, number>> = {};
  const byAccess: Record<AccessName, number> = { control: 0, 'read-write': 0, read: 0, write: 0 };
  let crownJewels = 0;
  let sensitive = 0;
  let depth = 0;
  for (const v of reach.nodes()) {
    const kind = NODE_KINDS[nodeKind[v]!]!;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    byAccess[accessName(reach.bits(v))!]++;
    if (nodeFlags[v]! & NODE_CROWN_JEWEL) crownJewels++;
    if (nodeFlags[v]! & NODE_SENSITIVE) sensitive++;
    depth = Math.max(depth, reach.hops(v));
  }
  return { node: graph.nodes[reach.source]!.id, reached: reach.size, crownJewels, sensitive, byKind, byAccess, depth };
}

/** Indexes of the AI integrations (see isAiNode), in inventory order. */
export function aiNodeIndexes(graph: InventoryGraph): number[] {
  const out: number[] = [];
  const { nodeFlags, nodeCount } = graph.index;
  for (let i = 0; i < nodeCount; i++) if (nodeFlags[i]! & NODE_AI) out.push(i);
  return out;
}

/** Summaries for every AI integration, largest blast radius first (ties by id). */
export function summarizeAiNodes(graph: InventoryGraph, options: Omit<ReachOptions, 'stopAt'> = {}): ReachSummary[] {
  const engine = new ReachEngine(graph);
  const out = aiNodeIndexes(graph).map((i) => summarizeReach(graph, engine.run(i, options)));
  return out.sort((a, b) => b.reached - a.reached || b.crownJewels - a.crownJewels || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0));
}
