/**
 * Path predicates of the catalog (§1.1): `path(x ─K→* y)` is a breadth-first search from x over edges whose
 * kind is in K, at most H edges long (default 6). This is deliberately *not* reach (§4 of the format, which
 * follows access bits): the catalog's predicates name edge-kind sets, so the rules walk exactly those.
 * Edges switched off in a what-if, and edges marked `"traversable": false`, are never walked.
 */
import type { InventoryGraph } from '../build-graph.ts';

import type { Witness } from './types.ts';

export const DEFAULT_H = 6;

/** Lookups by node index into a search tree (a `ReadonlyMap` satisfies it). */
export interface NodeLookup {
  get(node: number): number | undefined;
  has(node: number): boolean;
}

/** Shortest-path tree of one search: for each reached node, its distance and the edge it was reached by. */
export interface PathTree {
  readonly source: number;
  /** Reached nodes in breadth-first order; the source is not listed. */
  readonly order: readonly number[];
  /** Distance of every reached node, the source (0) included. */
  readonly dist: NodeLookup;
  /** The edge each reached node was reached by (not the source). */
  readonly parent: NodeLookup;
  /** Distance of order[k] (without a lookup). */
  depthAt(k: number): number;
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

/**
 * Per graph: each edge's kind as a small code and whether it is marked `traversable: false`, so searches
 * compare integers instead of strings and never touch the edge objects. Kind sets become lookup tables.
 */
export interface EdgeTable {
  /** Kind code per edge. */
  readonly code: Uint16Array;
  /** 1 when the edge is not marked `traversable: false` (switched-off masks are checked separately). */
  readonly open: Uint8Array;
  readonly codes: ReadonlyMap<string, number>;
  /** A kind set as a table over codes (cached per set object). */
  mask(kinds: ReadonlySet<string>): Uint8Array;
}

const tables = new WeakMap<InventoryGraph, EdgeTable>();

export function edgeTable(graph: InventoryGraph): EdgeTable {
  let table = tables.get(graph);
  if (table) return table;
  const m = graph.edges.length;
  const codes = new Map<string, number>();
  const code = new Uint16Array(m);
  const open = new Uint8Array(m);
  for (let j = 0; j < m; j++) {
    const e = graph.edges[j]!;
    let c = codes.get(e.kind);
    if (c === undefined) codes.set(e.kind, (c = codes.size));
    code[j] = c;
    open[j] = e.fields['traversable'] !== false ? 1 : 0;
  }
  const masks = new WeakMap<ReadonlySet<string>, Uint8Array>();
  table = {
    code,
    open,
    codes,
    mask(kinds) {
      let t = masks.get(kinds);
      if (!t) {
        t = new Uint8Array(codes.size + 1);
        for (const [kind, c] of codes) if (kinds.has(kind)) t[c] = 1;
        masks.set(kinds, t);
      }
      return t;
    },
  };
  tables.set(graph, table);
  return table;
}

/** Node → position in a tree (0 the source, k + 1 for order[k]): open addressing over typed arrays, built on first use. */
class TreeTable implements PathTree {
  private keys: Int32Array | undefined;
  private slots: Int32Array | undefined;
  private mask = 0;
  readonly dist: NodeLookup;
  readonly parent: NodeLookup;

  constructor(
    readonly source: number,
    readonly order: number[],
    /** Per position: distance and parent edge (-1 for the source). */
    private readonly posDist: Int32Array,
    private readonly posParent: Int32Array,
  ) {
    this.dist = {
      get: (v) => {
        const p = this.position(v);
        return p < 0 ? undefined : this.posDist[p];
      },
      has: (v) => this.position(v) >= 0,
    };
    this.parent = {
      get: (v) => {
        const p = this.position(v);
        return p <= 0 ? undefined : this.posParent[p];
      },
      has: (v) => this.position(v) > 0,
    };
  }

  depthAt(k: number): number {
    return this.posDist[k + 1]!;
  }

  /** Position of node v, or -1 when not reached. */
  private position(v: number): number {
    if (v === this.source) return 0;
    if (this.keys === undefined) this.index();
    const keys = this.keys!;
    let h = Math.imul(v, 0x9e3779b1) & this.mask;
    for (;;) {
      const k = keys[h]!;
      if (k === v) return this.slots![h]!;
      if (k === -1) return -1;
      h = (h + 1) & this.mask;
    }
  }

  private index(): void {
    const count = this.order.length;
    let cap = 8;
    while (cap < count * 2) cap *= 2;
    const keys = new Int32Array(cap).fill(-1);
    const slots = new Int32Array(cap);
    const mask = cap - 1;
    for (let k = 0; k < count; k++) {
      const v = this.order[k]!;
      let h = Math.imul(v, 0x9e3779b1) & mask;
      while (keys[h] !== -1) h = (h + 1) & mask;
      keys[h] = v;
      slots[h] = k + 1;
    }
    this.keys = keys;
    this.slots = slots;
    this.mask = mask;
  }
}

/** Reusable search buffers per graph (a search inside an `expand` callback gets its own). */
interface Scratch {
  readonly seen: Int32Array;
  readonly frontier: Int32Array;
  readonly next: Int32Array;
  stamp: number;
  busy: boolean;
}
const scratches = new WeakMap<InventoryGraph, Scratch>();

function scratchOf(graph: InventoryGraph): Scratch {
  let s = scratches.get(graph);
  if (!s || s.busy) {
    const n = graph.nodes.length;
    const fresh: Scratch = { seen: new Int32Array(n), frontier: new Int32Array(n), next: new Int32Array(n), stamp: 0, busy: false };
    if (!s) scratches.set(graph, fresh);
    s = fresh;
  }
  return s;
}

/**
 * `path(source ─kinds→* ·)`: breadth-first over the usable edges whose kind is in `kinds`, at most
 * `maxHops` (default H) edges. Nodes are discovered frontier by frontier, out-edges in index order, so the
 * tree (order, distances, parents) is the plain breadth-first one.
 */
export function search(
  graph: InventoryGraph,
  disabled: Uint8Array | undefined,
  source: number,
  kinds: ReadonlySet<string>,
  options: SearchOptions = {},
): PathTree {
  const maxHops = options.maxHops ?? DEFAULT_H;
  const expand = options.expand;
  const { outOffsets, outEdges, edgeTarget } = graph.index;
  const table = edgeTable(graph);
  const { code, open } = table;
  const allowed = table.mask(kinds);
  const scratch = scratchOf(graph);
  scratch.busy = true;
  try {
    const { seen } = scratch;
    let frontier = scratch.frontier;
    let next = scratch.next;
    if (scratch.stamp >= 0x7ffffff0) {
      seen.fill(0);
      scratch.stamp = 0;
    }
    const stamp = ++scratch.stamp;
    seen[source] = stamp;
    const order: number[] = [];
    const dists: number[] = [0];
    const parents: number[] = [-1];
    frontier[0] = source;
    let size = 1;
    for (let depth = 1; depth <= maxHops && size > 0; depth++) {
      let nextSize = 0;
      for (let f = 0; f < size; f++) {
        const u = frontier[f]!;
        if (u !== source && expand && !expand(u)) continue;
        for (let k = outOffsets[u]!, end = outOffsets[u + 1]!; k < end; k++) {
          const j = outEdges[k]!;
          if (allowed[code[j]!] !== 1 || open[j] !== 1 || (disabled !== undefined && disabled[j] === 1)) continue;
          const v = edgeTarget[j]!;
          if (seen[v] === stamp) continue;
          seen[v] = stamp;
          order.push(v);
          dists.push(depth);
          parents.push(j);
          next[nextSize++] = v;
        }
      }
      const swap = frontier;
      frontier = next;
      next = swap;
      size = nextSize;
    }
    return new TreeTable(source, order, Int32Array.from(dists), Int32Array.from(parents));
  } finally {
    scratch.busy = false;
  }
}

/**
 * The breadth-first search of `search`, streamed: `visit(u, depth)` sees the source and then every reached
 * node in breadth-first order, before its out-edges are followed; returning true stops the walk there. A
 * caller that needs only the first few matches in breadth-first order gets them without the whole tree.
 * `witness(u)` is the tree path to a node already seen in the current (or last) walk. Not re-entrant.
 */
export class Walker {
  private readonly seen: Int32Array;
  private readonly pos: Int32Array;
  private readonly queue: Int32Array;
  private readonly depth: Int32Array;
  private readonly parentPos: Int32Array;
  private readonly parentEdge: Int32Array;
  private stamp = 0;
  private busy = false;
  private readonly table: EdgeTable;

  constructor(
    private readonly graph: InventoryGraph,
    private readonly disabled: Uint8Array | undefined,
  ) {
    const n = graph.nodes.length;
    this.seen = new Int32Array(n);
    this.pos = new Int32Array(n);
    this.queue = new Int32Array(n);
    this.depth = new Int32Array(n);
    this.parentPos = new Int32Array(n);
    this.parentEdge = new Int32Array(n);
    this.table = edgeTable(graph);
  }

  /**
   * `keep(v, depth)`, when given, is asked for each newly reached node; a node it rejects is not queued (nor
   * walked past). Rejecting nodes that cannot lead to anything the caller wants keeps the order and tree
   * paths of the others, provided a kept node's tree parent is always kept (see RuleFacts.ambientLegs).
   */
  run(
    source: number,
    kinds: ReadonlySet<string>,
    maxHops: number,
    visit: (node: number, depth: number) => boolean | void,
    keep?: (node: number, depth: number) => boolean,
  ): void {
    if (this.busy) throw new Error('Walker.run is not re-entrant');
    this.busy = true;
    try {
      const { outOffsets, outEdges, edgeTarget } = this.graph.index;
      const { code, open } = this.table;
      const allowed = this.table.mask(kinds);
      const { seen, pos, queue, depth, parentPos, parentEdge } = this;
      const disabled = this.disabled;
      if (this.stamp >= 0x7ffffff0) {
        seen.fill(0);
        this.stamp = 0;
      }
      const stamp = ++this.stamp;
      seen[source] = stamp;
      pos[source] = 0;
      queue[0] = source;
      depth[0] = 0;
      parentPos[0] = -1;
      parentEdge[0] = -1;
      let tail = 1;
      for (let head = 0; head < tail; head++) {
        const u = queue[head]!;
        const d = depth[head]!;
        if (visit(u, d) === true) return;
        if (d >= maxHops) continue;
        for (let k = outOffsets[u]!, end = outOffsets[u + 1]!; k < end; k++) {
          const j = outEdges[k]!;
          if (allowed[code[j]!] !== 1 || open[j] !== 1 || (disabled !== undefined && disabled[j] === 1)) continue;
          const v = edgeTarget[j]!;
          if (seen[v] === stamp) continue;
          seen[v] = stamp;
          if (keep !== undefined && !keep(v, d + 1)) continue;
          pos[v] = tail;
          queue[tail] = v;
          depth[tail] = d + 1;
          parentPos[tail] = head;
          parentEdge[tail] = j;
          tail++;
        }
      }
    } finally {
      this.busy = false;
    }
  }

  /** The tree path from the walk's source to `node` (a node it has seen), optionally extended by edge `extra`. */
  witness(node: number, extra?: number, evidence?: 'direct' | 'ambient'): Witness {
    const nodes: number[] = [];
    const edges: number[] = [];
    if (extra !== undefined) {
      edges.push(extra);
      nodes.push(this.graph.index.edgeTarget[extra]!);
    }
    for (let p = this.pos[node]!; p >= 0; p = this.parentPos[p]!) {
      nodes.push(this.queue[p]!);
      if (this.parentEdge[p]! >= 0) edges.push(this.parentEdge[p]!);
    }
    return toWitness(this.graph, nodes.reverse(), edges.reverse(), evidence);
  }
}

/** The edge indexes from the tree's source to `target`, in path order (empty for the source itself). */
export function pathEdges(graph: InventoryGraph, tree: Pick<PathTree, 'source' | 'parent'>, target: number): number[] {
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
export function treeWitness(graph: InventoryGraph, tree: Pick<PathTree, 'source' | 'parent'>, target: number, extra?: number, evidence?: 'direct' | 'ambient'): Witness {
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
