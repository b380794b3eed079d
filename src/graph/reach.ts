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
    let state = e.firstState[node]!;
    for (;;) {
      const link = e.parentLink[state]!;
      if (link < 0) break;
      const edge = outEdges[link >>> 1]!;
      path.push(edge);
      // The edge was followed from its source held with R (low bit set) or with C.
      state = edgeSource[edge]! * 3 + (link & 1 ? 0 : 2);
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
  /** @internal (runId << 3) | access bits, per node; stale when the run id differs. */
  readonly nodeMark: Int32Array;
  /** @internal */ readonly nodeHops: Int32Array;
  /** @internal */ readonly firstState: Int32Array;
  /** @internal */ readonly reached: Int32Array;
  /** @internal Per state: (CSR position of the edge that gave it << 1) | 1 when followed from R; -1 at the source. */
  readonly parentLink: Int32Array;
  private readonly queue: Int32Array;

  constructor(readonly graph: InventoryGraph) {
    const n = graph.index.nodeCount;
    this.nodeMark = new Int32Array(n);
    this.nodeHops = new Int32Array(n);
    this.firstState = new Int32Array(n);
    this.reached = new Int32Array(n);
    this.parentLink = new Int32Array(3 * n);
    this.queue = new Int32Array(3 * n);
  }

  private nextRun(): number {
    if (this.runId >= 0x0fffffff) {
      this.nodeMark.fill(0);
      this.runId = 0;
    }
    return ++this.runId;
  }

  /** @internal */
  isCurrent(node: number, runId: number): boolean {
    return this.nodeMark[node]! >>> 3 === runId;
  }

  indexOf(id: string): number {
    return requireNode(this.graph, id);
  }

  run(source: number, options: ReachOptions = {}): ReachResult {
    const { nodeCount, outOffsets, outContentEnd, outTarget } = this.graph.index;
    if (!(source >= 0 && source < nodeCount)) throw new RangeError(`node index ${source} out of range`);
    const maxHops = options.maxHops ?? Infinity;
    const outInfo = this.infoFor(options.disabledEdges);
    const stopAt = options.stopAt ?? -1;
    const { nodeMark, nodeHops, firstState, reached, parentLink, queue } = this;

    const run = this.nextRun();
    nodeMark[source] = (run << 3) | 7;
    nodeHops[source] = 0;
    const base = source * 3;
    parentLink[base] = parentLink[base + 1] = parentLink[base + 2] = -1;
    firstState[source] = base + 2;
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
      const u = (state / 3) | 0;
      const fromC = state - u * 3 === 2;
      const tag = fromC ? 0 : 1;
      // Held with C: follow every traversable edge; held with R only: the content edges, listed first.
      const end = fromC ? outOffsets[u + 1]! : outContentEnd[u]!;
      for (let k = outOffsets[u]!; k < end; k++) {
        const info = outInfo[k]!;
        if ((info & INFO_TRAVERSABLE) === 0) continue;
        const v = outTarget[k]!;
        // nodeMark packs (run << 3) | bits held, so one read tells both whether and how v is held.
        const mark = nodeMark[v]!;
        let held = 0;
        if (mark >>> 3 !== run) {
          nodeHops[v] = next;
          firstState[v] = -1;
          reached[count++] = v;
        } else held = mark & 7;
        const gained = info & 7 & ~held;
        if (gained === 0) {
          if (held === 0) nodeMark[v] = run << 3;
          continue;
        }
        nodeMark[v] = (run << 3) | held | gained;
        const vb = v * 3;
        // NOTE: C is recorded first so that a node's first state is the strongest one gained at that hop.
        const link = (k << 1) | tag;
        if (gained & 4) {
          parentLink[vb + 2] = link;
          queue[tail++] = vb + 2;
          if (firstState[v] === -1) firstState[v] = vb + 2;
        }
        if (gained & 1) {
          parentLink[vb] = link;
          if ((gained & 4) === 0 && (held & 4) === 0 && outContentEnd[v]! > outOffsets[v]!) queue[tail++] = vb;
          if (firstState[v] === -1) firstState[v] = vb;
        }
        if (gained & 2) {
          parentLink[vb + 1] = link;
          if (firstState[v] === -1) firstState[v] = vb + 1;
        }
        if (v === stopAt) return new ReachResult(this, run, this.graph, source, count);
      }
    }
    return new ReachResult(this, run, this.graph, source, count);
  }

  private lastMask: Uint8Array | undefined;
  private lastInfo: Uint8Array | undefined;

  /**
   * `outInfo` with switched-off edges made non-traversable (cached for the last mask seen, so many sources
   * share it); the index's own array when nothing is switched off.
   */
  private infoFor(disabled: Uint8Array | undefined): Uint8Array {
    const { outInfo, outEdges, edgeCount } = this.graph.index;
    if (disabled === undefined) return outInfo;
    if (disabled !== this.lastMask) {
      const info = outInfo.slice();
      for (let k = 0; k < edgeCount; k++) if (disabled[outEdges[k]!] === 1) info[k] = info[k]! & ~INFO_TRAVERSABLE;
      this.lastMask = disabled;
      this.lastInfo = info;
    }
    return this.lastInfo!;
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
