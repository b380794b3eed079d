/**
 * Reach from many sources at once, 32 per pass: bit i of a 32-bit mask stands for source i of a batch.
 * It computes exactly the reached sets and access of section 4 (not hops or paths), which is what
 * summaries, risk scores and choke-point counts need.
 *
 * Unbounded (the default): one pass per batch over the condensed state graph (state-graph.ts) in
 * topological order. With maxHops: a level-synchronous breadth-first search moving whole masks.
 */
import type { InventoryGraph } from './build-graph.ts';
import { INFO_TRAVERSABLE } from './build-graph.ts';
import { condenseStateGraph } from './state-graph.ts';

export interface ReachManyOptions {
  readonly maxHops?: number;
  readonly disabledEdges?: Uint8Array;
}

/**
 * Called once per batch of up to 32 sources with the per-node masks: bit i of `read[v]`, `write[v]`,
 * `control[v]` tells whether `sources[i]` holds R, W, C on v. A source's own bits are cleared.
 */
export type BatchVisitor = (
  sources: readonly number[],
  masks: { readonly read: Uint32Array; readonly write: Uint32Array; readonly control: Uint32Array },
  /** Per source of the batch: the largest hop count at which it reached a node; null when unbounded. */
  depth: Int32Array | null,
) => void;

export function reachManyMasks(graph: InventoryGraph, sources: readonly number[], visit: BatchVisitor, options: ReachManyOptions = {}): void {
  if (options.maxHops === undefined) reachManyCondensed(graph, sources, visit, options.disabledEdges);
  else reachManyLevels(graph, sources, visit, options);
}

function reachManyCondensed(graph: InventoryGraph, sources: readonly number[], visit: BatchVisitor, disabled: Uint8Array | undefined): void {
  const n = graph.index.nodeCount;
  const { component, componentCount, offsets, targets } = condenseStateGraph(graph, disabled);
  const masks = new Uint32Array(componentCount);
  const R = new Uint32Array(n);
  const W = new Uint32Array(n);
  const C = new Uint32Array(n);
  for (let start = 0; start < sources.length; start += 32) {
    const batch = sources.slice(start, start + 32);
    masks.fill(0);
    let first = componentCount;
    batch.forEach((s, i) => {
      const c = component[s * 3 + 2]!;
      masks[c]! |= (1 << i) >>> 0;
      if (c < first) first = c;
    });
    for (let c = first; c < componentCount; c++) {
      const m = masks[c]!;
      if (m === 0) continue;
      for (let p = offsets[c]!, end = offsets[c + 1]!; p < end; p++) masks[targets[p]!]! |= m;
    }
    for (let v = 0; v < n; v++) {
      R[v] = masks[component[v * 3]!]!;
      W[v] = masks[component[v * 3 + 1]!]!;
      C[v] = masks[component[v * 3 + 2]!]!;
    }
    clearOwnBits(batch, R, W, C);
    visit(batch, { read: R, write: W, control: C }, null);
  }
}

function clearOwnBits(batch: readonly number[], R: Uint32Array, W: Uint32Array, C: Uint32Array): void {
  batch.forEach((s, i) => {
    const keep = ~((1 << i) >>> 0);
    R[s]! &= keep;
    W[s]! &= keep;
    C[s]! &= keep;
  });
}

function reachManyLevels(graph: InventoryGraph, sources: readonly number[], visit: BatchVisitor, options: ReachManyOptions): void {
  const { nodeCount: n, outOffsets, outContentEnd, outTarget, outInfo, outEdges, edgeCount } = graph.index;
  const R = new Uint32Array(n);
  const W = new Uint32Array(n);
  const C = new Uint32Array(n);
  // Bits that arrived at a node in the current level and are still to be propagated.
  const newR = new Uint32Array(n);
  const newC = new Uint32Array(n);
  const nextR = new Uint32Array(n);
  const nextC = new Uint32Array(n);
  let frontier = new Int32Array(n);
  let nextFrontier = new Int32Array(n);
  const inNext = new Uint8Array(n);
  let off: Uint8Array | undefined;
  if (options.disabledEdges) {
    off = new Uint8Array(edgeCount);
    for (let k = 0; k < edgeCount; k++) off[k] = options.disabledEdges[outEdges[k]!] === 1 ? 1 : 0;
  }
  const maxHops = options.maxHops ?? Infinity;

  for (let start = 0; start < sources.length; start += 32) {
    const batch = sources.slice(start, start + 32);
    R.fill(0);
    W.fill(0);
    C.fill(0);
    let size = 0;
    batch.forEach((s, i) => {
      const bit = (1 << i) >>> 0;
      if (C[s] === 0) frontier[size++] = s;
      R[s]! |= bit;
      W[s]! |= bit;
      C[s]! |= bit;
      newC[s]! |= bit;
    });
    let depth = 0;
    const depthOf = new Int32Array(batch.length);
    while (size > 0 && depth < maxHops) {
      depth++;
      let nextSize = 0;
      let gainedThisLevel = 0;
      for (let f = 0; f < size; f++) {
        const u = frontier[f]!;
        const pc = newC[u]!;
        // R-only bits of this level: sources that read u but do not (yet) control it.
        const pr = newR[u]! & ~C[u]!;
        newC[u] = 0;
        newR[u] = 0;
        const contentEnd = outContentEnd[u]!;
        const end = pc !== 0 ? outOffsets[u + 1]! : contentEnd;
        for (let k = outOffsets[u]!; k < end; k++) {
          const info = outInfo[k]!;
          if ((info & INFO_TRAVERSABLE) === 0 || (off !== undefined && off[k] === 1)) continue;
          const mask = k < contentEnd ? pc | pr : pc;
          if (mask === 0) continue;
          const v = outTarget[k]!;
          gainedThisLevel |= mask & ~(R[v]! | W[v]! | C[v]!);
          let changed = 0;
          if (info & 4) {
            const add = mask & ~C[v]!;
            if (add !== 0) {
              C[v]! |= add;
              nextC[v]! |= add;
              changed = 1;
            }
            const addR = mask & ~R[v]!;
            R[v]! |= addR;
            W[v]! |= mask;
          } else {
            if (info & 1) {
              const add = mask & ~R[v]!;
              if (add !== 0) {
                R[v]! |= add;
                nextR[v]! |= add;
                if (outContentEnd[v]! > outOffsets[v]!) changed = 1;
              }
            }
            if (info & 2) W[v]! |= mask;
          }
          if (changed !== 0 && inNext[v] === 0) {
            inNext[v] = 1;
            nextFrontier[nextSize++] = v;
          }
        }
      }
      if (gainedThisLevel !== 0) {
        for (let i = 0; i < batch.length; i++) if (gainedThisLevel & (1 << i)) depthOf[i] = depth;
      }
      for (let f = 0; f < nextSize; f++) {
        const v = nextFrontier[f]!;
        inNext[v] = 0;
        newC[v]! |= nextC[v]!;
        newR[v]! |= nextR[v]!;
        nextC[v] = 0;
        nextR[v] = 0;
      }
      const swap = frontier;
      frontier = nextFrontier;
      nextFrontier = swap;
      size = nextSize;
    }
    // Leftovers when maxHops stopped the search early.
    for (let f = 0; f < size; f++) {
      newC[frontier[f]!] = 0;
      newR[frontier[f]!] = 0;
    }
    clearOwnBits(batch, R, W, C);
    visit(batch, { read: R, write: W, control: C }, depthOf);
  }
}

/** Reached-node counts for each source (a fast path for summaries and deltas). */
export function reachCounts(graph: InventoryGraph, sources: readonly number[], options: ReachManyOptions = {}): Int32Array {
  const counts = new Int32Array(sources.length);
  let offset = 0;
  reachManyMasks(
    graph,
    sources,
    (batch, { read, write, control }) => {
      for (let v = 0; v < read.length; v++) {
        let m = read[v]! | write[v]! | control[v]!;
        while (m !== 0) {
          const low = m & -m;
          counts[offset + 31 - Math.clz32(low)]!++;
          m ^= low;
        }
      }
      offset += batch.length;
    },
    options,
  );
  return counts;
}
