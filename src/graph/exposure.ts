/**
 * Exposure: who can reach a node. A reverse breadth-first search over the same (node, bit) states as
 * reach, so that Y is in exposure(X) exactly when X is in reach(Y), with the same hop count.
 *
 * Reverse step: state (v, b) is produced by an edge e = u → v whose grant holds b, from (u, C) always and
 * from (u, R) when e is a content edge (`stores`, `indexes`).
 */
import { EDGE_CONTENT, EDGE_TRAVERSABLE, requireNode } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';
import type { ReachOptions } from './reach.ts';

export interface ExposureEntry {
  readonly id: string;
  /** Hops from this node to the target: the target's `hops` in this node's reach. */
  readonly hops: number;
  /** Edge ids of one shortest path from this node to the target. */
  readonly path: readonly string[];
}

export interface Exposure {
  readonly target: string;
  /** Node indexes that can reach the target, nearest first. */
  readonly nodes: Int32Array;
  readonly hops: Int32Array;
  pathEdges(node: number): number[];
  toEntries(withPaths?: boolean): ExposureEntry[];
}

/**
 * Computes who can reach `targetId`.
 * @throws UnknownNodeError for an id that is not a node.
 */
export function computeExposure(
  graph: InventoryGraph,
  targetId: string,
  options: Omit<ReachOptions, 'stopAt'> = {},
): Exposure {
  const target = requireNode(graph, targetId);
  const { inOffsets, inEdges, edgeSource, edgeGrant, edgeFlags, nodeCount } = graph.index;
  const maxHops = options.maxHops ?? Infinity;
  const disabled = options.disabledEdges;
  const seen = new Uint8Array(3 * nodeCount);
  const nextEdge = new Int32Array(3 * nodeCount);
  const nextState = new Int32Array(3 * nodeCount);
  const queue = new Int32Array(3 * nodeCount);
  const found: number[] = [];
  const foundHops: number[] = [];

  let tail = 0;
  for (let b = 0; b < 3; b++) {
    const s = target * 3 + b;
    seen[s] = 1;
    nextEdge[s] = -1;
    queue[tail++] = s;
  }
  let head = 0;
  let levelEnd = tail;
  let depth = 0;
  while (head < tail) {
    if (head === levelEnd) {
      depth++;
      levelEnd = tail;
    }
    const next = depth + 1;
    if (next > maxHops) break;
    const state = queue[head++]!;
    const v = (state / 3) | 0;
    const bit = 1 << (state - v * 3);
    for (let k = inOffsets[v]!, end = inOffsets[v + 1]!; k < end; k++) {
      const e = inEdges[k]!;
      const flags = edgeFlags[e]!;
      if ((flags & EDGE_TRAVERSABLE) === 0 || (edgeGrant[e]! & bit) === 0) continue;
      if (disabled !== undefined && disabled[e] === 1) continue;
      const u = edgeSource[e]!;
      const control = u * 3 + 2;
      if (seen[control] === 0) {
        seen[control] = 1;
        nextEdge[control] = e;
        nextState[control] = state;
        queue[tail++] = control;
        if (u !== target) {
          found.push(u);
          foundHops.push(next);
        }
      }
      if (flags & EDGE_CONTENT) {
        const read = u * 3;
        if (seen[read] === 0) {
          seen[read] = 1;
          nextEdge[read] = e;
          nextState[read] = state;
          queue[tail++] = read;
        }
      }
    }
  }

  const nodes = Int32Array.from(found);
  const hops = Int32Array.from(foundHops);
  const position = new Map<number, number>();
  found.forEach((u, i) => position.set(u, i));
  const pathEdges = (node: number): number[] => {
    if (!position.has(node)) return [];
    const path: number[] = [];
    let state = node * 3 + 2;
    while (nextEdge[state]! >= 0) {
      path.push(nextEdge[state]!);
      state = nextState[state]!;
    }
    return path;
  };
  return {
    target: targetId,
    nodes,
    hops,
    pathEdges,
    toEntries(withPaths = true) {
      return found.map((u, i) => ({
        id: graph.nodes[u]!.id,
        hops: foundHops[i]!,
        path: withPaths ? pathEdges(u).map((j) => graph.edges[j]!.id) : [],
      }));
    },
  };
}
