/**
 * Reach (the blast radius), exactly as section 4 of the inventory spec defines it: a breadth-first search
 * over (node, access bit) states. From a node held with C every traversable edge is followed; with R only
 * `stores` and `indexes`; with W nothing. Following an edge adds its granted bits to the target (a
 * credential gaining R or W gains C; the index already folds that into `edgeGrant`).
 *
 * State s = node * 4 + b, with b = 0 (R), 1 (W), 2 (C) (a shift, not a division, in the hot loop).
 */
import { accessName } from '../model/node-kinds.ts';
import type { AccessName } from '../model/node-kinds.ts';

import { INFO_TRAVERSABLE, requireNode } from './build-graph.ts';
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
    return node !== this.source && e.isCurrent(node, this.runId);
  }

  /** Access bits held on a node (R=1, W=2, C=4); 0 when not reached. */
  bits(node: number): number {
    const e = this.check();
    return e.isCurrent(node, this.runId) ? e.nodeMark[node]! & 7 : 0;
  }

  hops(node: number): number {
    const e = this.check();
    return e.isCurrent(node, this.runId) ? e.nodeHops[node]! : -1;
  }

  /** The largest hop count in the radius (0 when nothing is reached): the last node in BFS order. */
  depth(): number {
    const e = this.check();
    return this.size === 0 ? 0 : e.nodeHops[e.reached[this.size - 1]!]!;
  }

  /** Edge indexes of the witness path from the source to `node` (empty for the source or an unreached node). */
  pathEdges(node: number): number[] {
    const e = this.check();
    if (node === this.source || !e.isCurrent(node, this.runId)) return [];
    const path: number[] = [];
    const { outEdges, edgeSource } = this.graph.index;
    let state = node * 4 + ((e.nodeMark[node]! >>> 3) & 3);
    for (;;) {
      const link = e.parentLink[state]!;
      if (link < 0) break;
      const edge = outEdges[link >>> 1]!;
      path.push(edge);
      // The edge was followed from its source held with R (low bit set) or with C.
      state = edgeSource[edge]! * 4 + (link & 1 ? 0 : 2);
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
  /**
   * @internal Per node: (runId << 5) | (bit of its first state << 3) | access bits held; stale when the
   * run id differs, so a new run needs no clearing.
   */
  readonly nodeMark: Int32Array;
  /** @internal */ readonly nodeHops: Int32Array;
  /** @internal */ readonly reached: Int32Array;
  /** @internal Per state: (CSR position of the edge that gave it << 1) | 1 when followed from R; -1 at the source. */
  readonly parentLink: Int32Array;
  private readonly queue: Int32Array;

  constructor(readonly graph: InventoryGraph) {
    const n = graph.index.nodeCount;
    this.nodeMark = new Int32Array(n);
    this.nodeHops = new Int32Array(n);
    this.reached = new Int32Array(n);
    this.parentLink = new Int32Array(4 * n);
    // At most a C and an R state per node are ever queued.
    this.queue = new Int32Array(2 * n + 1);
  }

  private nextRun(): number {
    if (this.runId >= 0x03ffffff) {
      this.nodeMark.fill(0);
      this.runId = 0;
    }
    return ++this.runId;
  }

  /** @internal */
  isCurrent(node: number, runId: number): boolean {
    return this.nodeMark[node]! >>> 5 === runId;
  }

  indexOf(id: string): number {
    return requireNode(this.graph, id);
  }

  run(source: number, options: ReachOptions = {}): ReachResult {
    const { nodeCount, outOffsets, outContentEnd } = this.graph.index;
    if (!(source >= 0 && source < nodeCount)) throw new RangeError(`node index ${source} out of range`);
    const maxHops = options.maxHops ?? Infinity;
    const outPacked = this.packedFor(options.disabledEdges);
    const stopAt = options.stopAt ?? -1;
    const { nodeMark, nodeHops, reached, parentLink, queue } = this;

    const run = this.nextRun();
    const stamp = run << 5;
    nodeMark[source] = stamp | (2 << 3) | 7;
    nodeHops[source] = 0;
    const base = source * 4;
    parentLink[base] = parentLink[base + 1] = parentLink[base + 2] = -1;
    queue[0] = base + 2;
    let head = 0;
    let tail = 1;
    let levelEnd = 1;
    let depth = 0;
    let count = 0;

    while (head < tail) {
      if (head === levelEnd) {
        depth++;
        levelEnd = tail;
      }
      const next = depth + 1;
      if (next > maxHops) break;
      const state = queue[head++]!;
      const u = state >>> 2;
      const fromC = (state & 3) === 2;
      const tag = fromC ? 0 : 1;
      // Held with C: follow every traversable edge; held with R only: the content edges, listed first.
      const end = fromC ? outOffsets[u + 1]! : outContentEnd[u]!;
      for (let k = outOffsets[u]!; k < end; k++) {
        const info = outPacked[k]!;
        if ((info & INFO_TRAVERSABLE) === 0) continue;
        const v = info >>> 4;
        const mark = nodeMark[v]!;
        const fresh = mark >>> 5 !== run;
        const held = fresh ? 0 : mark & 7;
        const gained = info & 7 & ~held;
        if (gained === 0) continue;
        const vb = v * 4;
        const link = (k << 1) | tag;
        // The first state is the strongest gained by the first edge: C, else R, else W.
        const first = fresh ? (gained & 4 ? 2 : gained & 1 ? 0 : 1) : (mark >>> 3) & 3;
        if (fresh) {
          nodeHops[v] = next;
          reached[count++] = v;
        }
        nodeMark[v] = stamp | (first << 3) | held | gained;
        if (gained & 4) {
          parentLink[vb + 2] = link;
          queue[tail++] = vb + 2;
        }
        if (gained & 1) {
          parentLink[vb] = link;
          if ((gained & 4) === 0 && (held & 4) === 0 && outContentEnd[v]! > outOffsets[v]!) queue[tail++] = vb;
        }
        if (gained & 2) parentLink[vb + 1] = link;
        if (v === stopAt) return new ReachResult(this, run, this.graph, source, count);
      }
    }
    return new ReachResult(this, run, this.graph, source, count);
  }

  private lastMask: Uint8Array | undefined;
  private lastPacked: Int32Array | undefined;

  /**
   * `outPacked` with switched-off edges made non-traversable (cached for the last mask seen, so many sources
   * share it); the index's own array when nothing is switched off.
   */
  private packedFor(disabled: Uint8Array | undefined): Int32Array {
    const { outPacked, outEdges, edgeCount } = this.graph.index;
    if (disabled === undefined) return outPacked;
    if (disabled !== this.lastMask) {
      const packed = outPacked.slice();
      for (let k = 0; k < edgeCount; k++) if (disabled[outEdges[k]!] === 1) packed[k] = packed[k]! & ~INFO_TRAVERSABLE;
      this.lastMask = disabled;
      this.lastPacked = packed;
    }
    return this.lastPacked!;
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
