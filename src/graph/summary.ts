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

/**
 * Bit-sliced counters: 32 counters side by side, one bit plane per binary digit, so adding a 32-source
 * mask costs a few word operations instead of one increment per set bit.
 */
class SlicedCounters {
  private readonly planes: Uint32Array;
  constructor(
    private readonly count: number,
    private readonly depth: number,
  ) {
    this.planes = new Uint32Array(count * depth);
  }

  add(counter: number, mask: number): void {
    let carry = mask;
    let p = counter * this.depth;
    while (carry !== 0) {
      const plane = this.planes[p]!;
      this.planes[p++] = plane ^ carry;
      carry &= plane;
    }
  }

  /** The value of `counter` for source bit `bit`. */
  read(counter: number, bit: number): number {
    let value = 0;
    const base = counter * this.depth;
    for (let d = 0; d < this.depth; d++) if ((this.planes[base + d]! >>> bit) & 1) value += 2 ** d;
    return value;
  }

  clear(): void {
    this.planes.fill(0);
  }
}

const C_REACHED = 0;
const C_CROWN = 1;
const C_SENSITIVE = 2;
const C_ACCESS = 3; // control, read-write, read, write
const C_KIND = 7;

/** Summaries for the given source node indexes, in the same order. */
export function summarizeSources(graph: InventoryGraph, sources: readonly number[], options: Omit<ReachOptions, 'stopAt'> = {}): ReachSummary[] {
  const { nodeFlags, nodeKind, nodeCount } = graph.index;
  const counters = new SlicedCounters(C_KIND + NODE_KINDS.length, Math.max(1, Math.ceil(Math.log2(nodeCount + 1))));
  const out: ReachSummary[] = [];
  reachManyMasks(
    graph,
    sources,
    (batch, { read, write, control }) => {
      counters.clear();
      for (let v = 0; v < nodeCount; v++) {
        const r = read[v]!;
        const w = write[v]!;
        const c = control[v]!;
        const m = r | w | c;
        if (m === 0) continue;
        const flags = nodeFlags[v]!;
        counters.add(C_REACHED, m);
        if (flags & NODE_CROWN_JEWEL) counters.add(C_CROWN, m);
        if (flags & NODE_SENSITIVE) counters.add(C_SENSITIVE, m);
        counters.add(C_KIND + nodeKind[v]!, m);
        if (c !== 0) counters.add(C_ACCESS, c);
        const rw = r & w & ~c;
        if (rw !== 0) counters.add(C_ACCESS + 1, rw);
        const ro = r & ~w & ~c;
        if (ro !== 0) counters.add(C_ACCESS + 2, ro);
        const wo = w & ~r & ~c;
        if (wo !== 0) counters.add(C_ACCESS + 3, wo);
      }
      batch.forEach((s, i) => {
        const byKind: Partial<Record<NodeKind, number>> = {};
        NODE_KINDS.forEach((kind, k) => {
          const n = counters.read(C_KIND + k, i);
          if (n > 0) byKind[kind] = n;
        });
        out.push({
          node: graph.nodes[s]!.id,
          reached: counters.read(C_REACHED, i),
          crownJewels: counters.read(C_CROWN, i),
          sensitive: counters.read(C_SENSITIVE, i),
          byKind,
          byAccess: {
            control: counters.read(C_ACCESS, i),
            'read-write': counters.read(C_ACCESS + 1, i),
            read: counters.read(C_ACCESS + 2, i),
            write: counters.read(C_ACCESS + 3, i),
          },
        });
      });
    },
    options,
  );
  return out;
}
