/**
 * Per-AI-node summary: how far each AI integration reaches, and how many crown jewels and sensitive
 * stores it reaches, broken down by kind and access.
 */
import { NODE_KINDS, accessName } from '../model/node-kinds.ts';
import type { AccessName, NodeKind } from '../model/node-kinds.ts';

import { NODE_AI, NODE_CROWN_JEWEL, NODE_SENSITIVE } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';
import { reachManyMasks } from './reach-many.ts';
import type { ReachOptions, ReachResult } from './reach.ts';

export interface ReachSummary {
  readonly node: string;
  readonly reached: number;
  readonly crownJewels: number;
  readonly sensitive: number;
  readonly byKind: Partial<Record<NodeKind, number>>;
  readonly byAccess: Record<AccessName, number>;
}

/** Summarises one computed reach. */
export function summarizeReach(graph: InventoryGraph, reach: ReachResult): ReachSummary {
  const { nodeFlags, nodeKind } = graph.index;
  const byKind: Partial<Record<NodeKind, number>> = {};
  const byAccess: Record<AccessName, number> = { control: 0, 'read-write': 0, read: 0, write: 0 };
  let crownJewels = 0;
  let sensitive = 0;
  for (const v of reach.nodes()) {
    const kind = NODE_KINDS[nodeKind[v]!]!;
    byKind[kind] = (byKind[kind] ?? 0) + 1;
    byAccess[accessName(reach.bits(v))!]++;
    if (nodeFlags[v]! & NODE_CROWN_JEWEL) crownJewels++;
    if (nodeFlags[v]! & NODE_SENSITIVE) sensitive++;
  }
  return { node: graph.nodes[reach.source]!.id, reached: reach.size, crownJewels, sensitive, byKind, byAccess };
}

/** Indexes of the AI integrations (see isAiNode), in inventory order. */
export function aiNodeIndexes(graph: InventoryGraph): number[] {
  const out: number[] = [];
  const { nodeFlags, nodeCount } = graph.index;
  for (let i = 0; i < nodeCount; i++) if (nodeFlags[i]! & NODE_AI) out.push(i);
  return out;
}

/**
 * Summaries for every AI integration, largest blast radius first (ties by crown jewels, then id). Runs
 * the sources 32 at a time (reach-many.ts).
 */
export function summarizeAiNodes(graph: InventoryGraph, options: Omit<ReachOptions, 'stopAt'> = {}): ReachSummary[] {
  return summarizeSources(graph, aiNodeIndexes(graph), options).sort(
    (a, b) => b.reached - a.reached || b.crownJewels - a.crownJewels || (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
  );
}

/** Summaries for the given source node indexes, in the same order. */
export function summarizeSources(graph: InventoryGraph, sources: readonly number[], options: Omit<ReachOptions, 'stopAt'> = {}): ReachSummary[] {
  const { nodeFlags, nodeKind, nodeCount } = graph.index;
  const out: ReachSummary[] = [];
  reachManyMasks(
    graph,
    sources,
    (batch, { read, write, control }) => {
      const acc = batch.map(() => ({
        reached: 0,
        crownJewels: 0,
        sensitive: 0,
        byKind: new Int32Array(NODE_KINDS.length),
        byAccess: new Int32Array(4),
      }));
      for (let v = 0; v < nodeCount; v++) {
        const r = read[v]!;
        const w = write[v]!;
        const c = control[v]!;
        let m = r | w | c;
        if (m === 0) continue;
        const flags = nodeFlags[v]!;
        const kind = nodeKind[v]!;
        while (m !== 0) {
          const low = m & -m;
          m ^= low;
          const a = acc[31 - Math.clz32(low)]!;
          a.reached++;
          if (flags & NODE_CROWN_JEWEL) a.crownJewels++;
          if (flags & NODE_SENSITIVE) a.sensitive++;
          a.byKind[kind]!++;
          a.byAccess[c & low ? 0 : r & low && w & low ? 1 : r & low ? 2 : 3]!++;
        }
      }
      batch.forEach((s, i) => {
        const a = acc[i]!;
        const byKind: Partial<Record<NodeKind, number>> = {};
        a.byKind.forEach((count, k) => {
          if (count > 0) byKind[NODE_KINDS[k]!] = count;
        });
        out.push({
          node: graph.nodes[s]!.id,
          reached: a.reached,
          crownJewels: a.crownJewels,
          sensitive: a.sensitive,
          byKind,
          byAccess: { control: a.byAccess[0]!, 'read-write': a.byAccess[1]!, read: a.byAccess[2]!, write: a.byAccess[3]! },
        });
      });
    },
    options,
  );
  return out;
}
