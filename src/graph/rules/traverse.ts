/**
 * Path predicates of the catalog (§1.1): `path(x ─K→* y)` is a breadth-first search from x over edges whose
 * kind is in K, at most H edges long (default 6). This is deliberately *not* reach (§4 of the format, which
 * follows access bits): the catalog's predicates name edge-kind sets, so the rules walk exactly those.
 * Edges switched off in a what-if, and edges marked `"traversable": false`, are never walked.
 */
import type { InventoryGraph } from '../build-graph.ts';

import type { Witness } from './types.ts';

export const DEFAULT_H = 6;

/** Shortest-path tree of one search: for each reached node, its distance and the edge it was reached by. */
export interface PathTree {
  readonly source: number;
  /** Reached nodes in breadth-first order; the source is not listed. */
  readonly order: readonly number[];
  readonly dist: ReadonlyMap<number, number>;
  readonly parent: ReadonlyMap<number, number>;
}

export interface SearchOptions {
  readonly maxHops?: number;
  /** Called for a reached node before its out-edges are followed; false stops the walk there. */
  readonly expand?: (node: number) => boolean;
}

/** Is edge j usable by the rules: not switched off, not marked `traversable: false`. */
export function edgeUsable(graph: InventoryGraph, disabled: Uint8Array | undefined, j: number): boolean {
  if (disabled && disabled[j] === 1) return false;
  return graph.edges[j]!.fields['traversable'] !== false;
}

export function search(
  graph: InventoryGraph,
  disabled: Uint8Array | undefined,
  source: number,
  kinds: ReadonlySet<string>,
  options: SearchOptions = {},
): PathTree {
  const maxHops = options.maxHops ?? DEFAULT_H;
  const { outOffsets, outEdges, edgeTarget } = graph.index;
  const dist = new Map<number, number>([[source, 0]]);
  const parent = new Map<number, number>();
  const order: number[] = [];
  let frontier = [source];
  for (let depth = 1; depth <= maxHops && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const u of frontier) {
      if (u !== source && options.expand && !options.expand(u)) continue;
      for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) {
        const j = outEdges[k]!;
        if (!kinds.has(graph.edges[j]!.kind) || !edgeUsable(graph, disabled, j)) continue;
        const v = edgeTarget[j]!;
        if (dist.has(v)) continue;
        dist.set(v, depth);
        parent.set(v, j);
        order.push(v);
        next.push(v);
      }
    }
    frontier = next;
  }
  return { source, order, dist, parent };
}

/** The edge indexes from the tree's source to `target`, in path order (empty for the source itself). */
export function pathEdges(graph: InventoryGraph, tree: PathTree, target: number): number[] {
  const edges: number[] = [];
  let v = target;
  while (v !== tree.source) {
    const j = tree.parent.get(v);
    if (j === undefined) return [];
    edges.push(j);
    v = graph.index.edgeSource[j]!;
  }
  return edges.reverse();
}

/** A witness from a sequence of node indexes and edge indexes. */
export function toWitness(graph: InventoryGraph, nodes: readonly number[], edges: readonly number[], evidence?: 'direct' | 'ambient'): Witness {
  return {
    nodes: nodes.map((i) => graph.nodes[i]!.id),
    edges: edges.map((j) => graph.edges[j]!.id),
    ...(evidence ? { evidence } : {}),
  };
}

/** The witness path from the tree's source to `target`, optionally extended by one more edge `extra`. */
export function treeWitness(graph: InventoryGraph, tree: PathTree, target: number, extra?: number, evidence?: 'direct' | 'ambient'): Witness {
  const edges = pathEdges(graph, tree, target);
  const nodes = [tree.source, ...edges.map((j) => graph.index.edgeTarget[j]!)];
  if (extra !== undefined) {
    edges.push(extra);
    nodes.push(graph.index.edgeTarget[extra]!);
  }
  return toWitness(graph, nodes, edges, evidence);
}

/** Joins witnesses end to start (the second's first node is the first's last). */
export function chain(a: Witness, b: Witness): Witness {
  return {
    nodes: [...a.nodes, ...b.nodes.slice(1)],
    edges: [...a.edges, ...b.edges],
    ...(a.evidence === 'ambient' || b.evidence === 'ambient' ? { evidence: 'ambient' as const } : a.evidence ? { evidence: a.evidence } : {}),
  };
}

/** Reverses a witness (for content that flows against the capability direction). */
export function reversed(w: Witness): Witness {
  return { nodes: [...w.nodes].reverse(), edges: [...w.edges].reverse(), ...(w.evidence ? { evidence: w.evidence } : {}) };
}
