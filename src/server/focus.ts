/**
 * Focused questions on the latest snapshot's graph, held in memory by the same engine as the app and the CLI,
 * so a client can explore an estate far bigger than a browser holds while receiving only what it draws:
 * the radius of a node to N hops, its exposure, a path, a page of findings, the grouped context of a node,
 * and a node search. Every answer is bounded (`limit`) and says how much it left out.
 */
import { NODE_AI, NODE_CROWN_JEWEL, NODE_SENSITIVE, UnknownNodeError } from '../graph/build-graph.ts';
import type { InventoryGraph } from '../graph/build-graph.ts';
import { computeExposure } from '../graph/exposure.ts';
import { findShortestPath } from '../graph/paths.ts';
import { ReachEngine } from '../graph/reach.ts';
import { SEVERITY_RANK } from '../graph/rules/types.ts';
import type { Finding, Severity } from '../graph/rules/types.ts';
import type { ReachSummary } from '../graph/summary.ts';
import { NODE_KINDS, accessName } from '../model/node-kinds.ts';

import type { SnapshotMeta } from './snapshots.ts';

export interface FocusNode {
  readonly id: string;
  readonly kind: string;
  readonly name: string;
  readonly hops?: number;
  readonly access?: string;
  readonly crownJewel?: true;
  readonly sensitive?: true;
  readonly ai?: true;
}

export interface FocusEdge {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: string;
}

export class FocusError extends Error {
  constructor(
    message: string,
    readonly status: 400 | 404,
  ) {
    super(message);
  }
}

/** The latest snapshot, analysed, in memory. */
export class LiveGraph {
  private readonly engine: ReachEngine;
  private searchKeys: string[] | undefined;

  constructor(
    readonly meta: SnapshotMeta,
    readonly graph: InventoryGraph,
    readonly findings: readonly Finding[],
    readonly summary: readonly ReachSummary[],
  ) {
    this.engine = new ReachEngine(graph);
  }

  private index(id: string, what = 'node'): number {
    const i = this.graph.index.nodeIndex.get(id);
    if (i === undefined) throw new FocusError(`${what} ${JSON.stringify(id.slice(0, 200))}: no such node in snapshot ${this.meta.id}`, 404);
    return i;
  }

  describe(i: number, extra: { hops?: number; access?: string } = {}): FocusNode {
    const n = this.graph.nodes[i]!;
    const flags = this.graph.index.nodeFlags[i]!;
    return {
      id: n.id,
      kind: n.kind,
      name: n.name,
      ...extra,
      ...(flags & NODE_CROWN_JEWEL ? { crownJewel: true as const } : {}),
      ...(flags & NODE_SENSITIVE ? { sensitive: true as const } : {}),
      ...(flags & NODE_AI ? { ai: true as const } : {}),
    };
  }

  private edge(j: number): FocusEdge {
    const e = this.graph.edges[j]!;
    return { id: e.id, source: e.source, target: e.target, kind: e.kind };
  }

  /** Edges whose both ends are in `drawn`, at most `max`. */
  private edgesAmong(drawn: ReadonlySet<number>, max: number): { edges: FocusEdge[]; truncated: boolean } {
    const { outOffsets, outEdges, edgeTarget } = this.graph.index;
    const edges: FocusEdge[] = [];
    for (const u of drawn) {
      for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) {
        const j = outEdges[k]!;
        if (!drawn.has(edgeTarget[j]!)) continue;
        if (edges.length >= max) return { edges, truncated: true };
        edges.push(this.edge(j));
      }
    }
    return { edges, truncated: false };
  }

  /** The node itself: every field, its degree. */
  node(id: string): { node: FocusNode; fields: Record<string, unknown>; out: number; in: number } {
    const i = this.index(id);
    const { outOffsets, inOffsets } = this.graph.index;
    return {
      node: this.describe(i),
      fields: { ...this.graph.nodes[i]!.fields },
      out: outOffsets[i + 1]! - outOffsets[i]!,
      in: inOffsets[i + 1]! - inOffsets[i]!,
    };
  }

  /** Blast radius of `id` (spec section 4) to `hops`, nearest first, the first `limit` nodes with the edges among them. */
  radius(id: string, hops: number | undefined, limit: number) {
    const source = this.index(id);
    const reach = this.engine.run(source, hops !== undefined ? { maxHops: hops } : {});
    const order = reach.nodes();
    const shown = Math.min(order.length, limit);
    const nodes: FocusNode[] = [];
    const drawn = new Set<number>([source]);
    // Counted over the typed arrays (the node objects of a large estate are scattered in memory).
    const kindCounts = new Int32Array(NODE_KINDS.length);
    let crownJewels = 0;
    const { nodeFlags, nodeKind } = this.graph.index;
    for (let k = 0; k < order.length; k++) {
      const v = order[k]!;
      kindCounts[nodeKind[v]!]!++;
      if (nodeFlags[v]! & NODE_CROWN_JEWEL) crownJewels++;
    }
    for (let k = 0; k < shown; k++) {
      const v = order[k]!;
      nodes.push(this.describe(v, { hops: reach.hops(v), access: accessName(reach.bits(v)) ?? 'read' }));
      drawn.add(v);
    }
    const byKind: Record<string, number> = Object.create(null) as Record<string, number>;
    kindCounts.forEach((n, i) => {
      if (n > 0) byKind[NODE_KINDS[i]!] = n;
    });
    const { edges, truncated } = this.edgesAmong(drawn, limit * 4);
    return {
      snapshot: this.meta.id,
      source: this.describe(source),
      total: order.length,
      depth: reach.depth(),
      crownJewels,
      byKind,
      nodes,
      edges,
      truncated: shown < order.length || truncated,
    };
  }

  /** Who can reach `id`, nearest first. */
  exposure(id: string, hops: number | undefined, limit: number) {
    this.index(id);
    const exposure = computeExposure(this.graph, id, hops !== undefined ? { maxHops: hops } : {});
    const shown = Math.min(exposure.nodes.length, limit);
    const nodes: FocusNode[] = [];
    const drawn = new Set<number>([this.graph.index.nodeIndex.get(id)!]);
    for (let k = 0; k < shown; k++) {
      const u = exposure.nodes[k]!;
      nodes.push(this.describe(u, { hops: exposure.hops[k]! }));
      drawn.add(u);
    }
    const { edges, truncated } = this.edgesAmong(drawn, limit * 4);
    return { snapshot: this.meta.id, target: this.describe(drawn.values().next().value!), total: exposure.nodes.length, nodes, edges, truncated: shown < exposure.nodes.length || truncated };
  }

  path(from: string, to: string, hops: number | undefined) {
    this.index(from, 'from');
    this.index(to, 'to');
    try {
      const path = findShortestPath(this.graph, from, to, hops !== undefined ? { maxHops: hops } : {});
      if (!path) return { snapshot: this.meta.id, from, to, path: null };
      const ids = this.graph.index.nodeIndex;
      return {
        snapshot: this.meta.id,
        from,
        to,
        path: {
          access: path.access,
          nodes: path.nodes.map((n) => this.describe(ids.get(n)!)),
          edges: path.edges.map((e) => this.edge(this.graph.index.edgeIndex.get(e)!)),
        },
      };
    } catch (err) {
      if (err instanceof UnknownNodeError) throw new FocusError(err.message, 404);
      throw err;
    }
  }

  /** A page of findings, most severe first (the engine's order within a severity), filtered. */
  findingsPage(filter: { severity?: Severity; rule?: string; node?: string }, offset: number, limit: number) {
    const matching = this.findings.filter(
      (f) =>
        (filter.severity === undefined || SEVERITY_RANK[f.severity] >= SEVERITY_RANK[filter.severity]) &&
        (filter.rule === undefined || f.rule === filter.rule || f.ruleRef === filter.rule) &&
        (filter.node === undefined || f.node === filter.node),
    );
    return { snapshot: this.meta.id, total: matching.length, offset, items: matching.slice(offset, offset + limit) };
  }

  /** One node's neighbours, grouped by direction and kind: counts and the first `limit` members of each group. */
  context(id: string, limit: number) {
    const i = this.index(id);
    const { outOffsets, outEdges, inOffsets, inEdges, edgeTarget, edgeSource } = this.graph.index;
    const groups = new Map<string, { direction: 'out' | 'in'; kind: string; count: number; members: FocusNode[]; edges: FocusEdge[] }>();
    const add = (direction: 'out' | 'in', j: number, other: number) => {
      const kind = this.graph.nodes[other]!.kind;
      const key = `${direction} ${kind}`;
      let g = groups.get(key);
      if (!g) groups.set(key, (g = { direction, kind, count: 0, members: [], edges: [] }));
      g.count++;
      if (g.members.length < limit) {
        g.members.push(this.describe(other));
        g.edges.push(this.edge(j));
      }
    };
    for (let k = outOffsets[i]!; k < outOffsets[i + 1]!; k++) add('out', outEdges[k]!, edgeTarget[outEdges[k]!]!);
    for (let k = inOffsets[i]!; k < inOffsets[i + 1]!; k++) add('in', inEdges[k]!, edgeSource[inEdges[k]!]!);
    const list = [...groups.values()].sort((a, b) => (a.direction === b.direction ? b.count - a.count || (a.kind < b.kind ? -1 : 1) : a.direction === 'out' ? -1 : 1));
    return { snapshot: this.meta.id, node: this.describe(i), groups: list, findings: this.findings.filter((f) => f.node === id).length };
  }

  /** Nodes whose id or name contains `q` (case-insensitive), AI integrations first, then by id. */
  search(q: string, limit: number) {
    const needle = q.toLowerCase();
    if (!this.searchKeys) this.searchKeys = this.graph.nodes.map((n) => `${n.id}\u0000${n.name}`.toLowerCase());
    const hits: number[] = [];
    let total = 0;
    for (let i = 0; i < this.searchKeys.length; i++) {
      if (!this.searchKeys[i]!.includes(needle)) continue;
      total++;
      if (hits.length < limit * 4) hits.push(i);
    }
    const flags = this.graph.index.nodeFlags;
    hits.sort((a, b) => (flags[b]! & NODE_AI) - (flags[a]! & NODE_AI) || (this.graph.nodes[a]!.id < this.graph.nodes[b]!.id ? -1 : 1));
    return { snapshot: this.meta.id, total, nodes: hits.slice(0, limit).map((i) => this.describe(i)) };
  }
}
