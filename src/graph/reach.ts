/**
 * Reach (the blast radius), exactly as section 4 of the inventory spec defines it: a breadth-first search
 * over (node, access bit) states. From a node held with C every traversable edge is followed; with R only
 * `stores` and `indexes`; with W nothing. Following an edge adds its granted bits to the target (a
 * credential gaining R or W gains C; the index already folds that into `edgeGrant`).
 *
 * State s = node * 3 + b, with b = 0 (R), 1 (W), 2 (C).
 */
import { accessName } from '../model/node-kinds.ts';
import type { AccessName } from '../model/node-kinds.ts';

import { EDGE_CONTENT, EDGE_TRAVERSABLE, requireNode } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';

export interface ReachOptions {
  /** Bound on hops; unbounded when absent. */
  readonly maxHops?: number;
  /** Per-edge mask (1 = switched off), from toEdgeMask. */
  readonly disabledEdges?: Uint8Array;
  /** Stop as soon as this node index gains its first bit (path finding). */
  readonly stopAt?: number;
}

export interface ReachEntry {
  readonly id: string;
  readonly hops: number;
  readonly access: AccessName;
  /** Edge ids of one shortest witness path from the source. */
  readonly path: readonly string[];
}

/**
 * A reach computed by a ReachEngine. Its arrays belong to the engine: a result is valid until the engine
 * runs again (checked; a stale read throws).
 */
export class ReachResult {
  constructor(
    private readonly engine: ReachEngine,
    private readonly runId: number,
    readonly graph: InventoryGraph,
    readonly source: number,
    /** Number of reached nodes (the source excluded). */
    readonly size: number,
  ) {}

  private check(): ReachEngine {
    if (this.engine.runId !== this.runId) throw new Error('stale ReachResult: its engine has run again');
    return this.engine;
  }

  /** Reached node indexes in breadth-first order (nearest first). */
  nodes(): Int32Array {
    return this.check().reached.subarray(0, this.size);
  }

  has(node: number): boolean {
    const e = this.check();
    return node !== this.source && e.nodeStamp[node] === this.runId;
  }

  /** Access bits held on a node (R=1, W=2, C=4); 0 when not reached. */
  bits(node: number): number {
    const e = this.check();
    return e.nodeStamp[node] === this.runId ? e.nodeBits[node]! : 0;
  }

  hops(node: number): number {
    const e = this.check();
    return e.nodeStamp[node] === this.runId ? e.nodeHops[node]! : -1;
  }

  /** Edge indexes of the witness path from the source to `node` (empty for the source or an unreached node). */
  pathEdges(node: number): number[] {
    const e = this.check();
    if (node === this.source || e.nodeStamp[node] !== this.runId) return [];
    const path: number[] = [];
    let state = e.firstState[node]!;
    for (;;) {
      const edge = e.parentEdge[state]!;
      if (edge < 0) break;
      path.push(edge);
      state = e.parentState[state]!;
    }
    return path.reverse();
  }

  /** Materialises the blast radius as entries (section 4, item 5), nearest first. */
  toEntries(withPaths = true): ReachEntry[] {
    const out: ReachEntry[] = [];
    const { nodes, edges } = this.graph;
    for (const v of this.nodes()) {
      out.push({
        id: nodes[v]!.id,
        hops: this.hops(v),
        access: accessName(this.bits(v))!,
        path: withPaths ? this.pathEdges(v).map((j) => edges[j]!.id) : [],
      });
    }
    return out;
  }
}

/**
 * Reusable reach buffers for one graph: running many sources costs no allocation per run.
 * @example const engine = new ReachEngine(graph); const r = engine.run(engine.indexOf('agent:x'));
 */
export class ReachEngine {
  /** @internal */ runId = 0;
  /** @internal */ readonly nodeStamp: Int32Array;
  /** @internal */ readonly nodeBits: Uint8Array;
  /** @internal */ readonly nodeHops: Int32Array;
  /** @internal */ readonly firstState: Int32Array;
  /** @internal */ readonly reached: Int32Array;
  /** @internal */ readonly parentEdge: Int32Array;
  /** @internal */ readonly parentState: Int32Array;
  private readonly queue: Int32Array;

  constructor(readonly graph: InventoryGraph) {
    const n = graph.index.nodeCount;
    this.nodeStamp = new Int32Array(n);
    this.nodeBits = new Uint8Array(n);
    this.nodeHops = new Int32Array(n);
    this.firstState = new Int32Array(n);
    this.reached = new Int32Array(n);
    this.parentEdge = new Int32Array(3 * n);
    this.parentState = new Int32Array(3 * n);
    this.queue = new Int32Array(3 * n);
  }

  indexOf(id: string): number {
    return requireNode(this.graph, id);
  }

  run(source: number, options: ReachOptions = {}): ReachResult {
    const { outOffsets, outEdges, edgeTarget, edgeGrant, edgeFlags, nodeCount } = this.graph.index;
    if (!(source >= 0 && source < nodeCount)) throw new RangeError(`node index ${source} out of range`);
    const maxHops = options.maxHops ?? Infinity;
    const disabled = options.disabledEdges;
    const stopAt = options.stopAt ?? -1;
    const { nodeStamp, nodeBits, nodeHops, firstState, reached, parentEdge, parentState, queue } = this;

    const run = ++this.runId;
    nodeStamp[source] = run;
    nodeBits[source] = 7;
    nodeHops[source] = 0;
    const base = source * 3;
    parentEdge[base] = parentEdge[base + 1] = parentEdge[base + 2] = -1;
    firstState[source] = base + 2;
    queue[0] = base + 2;
    let head = 0;
    let tail = 1;
    let levelEnd = 1;
    let depth = 0;
    let count = 0;

    search: while (head < tail) {
      if (head === levelEnd) {
        depth++;
        levelEnd = tail;
      }
      const next = depth + 1;
      if (next > maxHops) break;
      const state = queue[head++]!;
      const u = (state / 3) | 0;
      const readOnly = state - u * 3 === 0;
      for (let k = outOffsets[u]!, end = outOffsets[u + 1]!; k < end; k++) {
        const e = outEdges[k]!;
        const flags = edgeFlags[e]!;
        if ((flags & EDGE_TRAVERSABLE) === 0) continue;
        if (readOnly && (flags & EDGE_CONTENT) === 0) continue;
        if (disabled !== undefined && disabled[e] === 1) continue;
        const v = edgeTarget[e]!;
        let held: number;
        if (nodeStamp[v] !== run) {
          nodeStamp[v] = run;
          nodeBits[v] = 0;
          nodeHops[v] = next;
          firstState[v] = -1;
          reached[count++] = v;
          held = 0;
        } else held = nodeBits[v]!;
        const gained = edgeGrant[e]! & ~held;
        if (gained === 0) continue;
        nodeBits[v] = held | gained;
        const vb = v * 3;
        // NOTE: record C first so a node's first state is the strongest one gained at that hop.
        if (gained & 4) {
          parentEdge[vb + 2] = e;
          parentState[vb + 2] = state;
          queue[tail++] = vb + 2;
          if (firstState[v] === -1) firstState[v] = vb + 2;
        }
        if (gained & 1) {
          parentEdge[vb] = e;
          parentState[vb] = state;
          if ((gained & 4) === 0 && (held & 4) === 0) queue[tail++] = vb;
          if (firstState[v] === -1) firstState[v] = vb;
        }
        if (gained & 2) {
          parentEdge[vb + 1] = e;
          parentState[vb + 1] = state;
          if (firstState[v] === -1) firstState[v] = vb + 1;
        }
        if (v === stopAt) break search;
      }
    }
    return new ReachResult(this, run, this.graph, source, count);
  }
}

/**
 * The blast radius of one node.
 * @throws UnknownNodeError when `sourceId` is not a node: asking for the reach of an unknown id is an error.
 * @example computeReach(graph, 'agent:support-bot').toEntries()
 */
export function computeReach(graph: InventoryGraph, sourceId: string, options: ReachOptions = {}): ReachResult {
  const engine = new ReachEngine(graph);
  return engine.run(engine.indexOf(sourceId), options);
}
