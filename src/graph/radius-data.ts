/**
 * A blast radius (reach) or an exposure as flat typed arrays: what the analysis worker hands the page for a
 * selection (transferred, never cloned), and what the page turns into its view. Node and edge indexes are the
 * graph's own positions, the same on both sides because both index the same inventory in the same order.
 *
 * Every entry's witness path is here (flattened: `pathStart[i]..pathStart[i + 1]` in `pathEdges`), walked as
 * indexes only; mapping them to ids is left to whoever reads an entry's path.
 */
import type { InventoryGraph } from './build-graph.ts';
import { requireNode } from './build-graph.ts';
import { computeExposure } from './exposure.ts';
import { ReachEngine } from './reach.ts';
import { cutMask } from './what-if.ts';
import type { Cut } from './what-if.ts';

export type RadiusMode = 'reach' | 'exposure';

export interface RadiusData {
  readonly mode: RadiusMode;
  /** The selected node's id: the source of a reach, the target of an exposure. */
  readonly focus: string;
  /** Node indexes, nearest first (the engine's breadth-first order); the focus excluded. */
  readonly nodes: Uint32Array;
  /** Hops per entry; 16-bit only when a radius is deeper than 255. */
  readonly hops: Uint8Array | Uint16Array;
  /** Access bits per entry (R=1, W=2, C=4) for a reach; all 0 for an exposure. */
  readonly access: Uint8Array;
  /** Entry i's witness path is `pathEdges[pathStart[i] .. pathStart[i + 1])`, in the direction of capability. */
  readonly pathStart: Uint32Array;
  readonly pathEdges: Uint32Array;
  /** Deepest hop in this (possibly bounded) radius. */
  readonly depth: number;
}

/** The buffers of a RadiusData (to transfer it). */
export function radiusBuffers(r: RadiusData): ArrayBuffer[] {
  return [r.nodes.buffer, r.hops.buffer, r.access.buffer, r.pathStart.buffer, r.pathEdges.buffer] as ArrayBuffer[];
}

function flatten(count: number, walk: (i: number) => number[]): { pathStart: Uint32Array; pathEdges: Uint32Array } {
  const pathStart = new Uint32Array(count + 1);
  let edges = new Uint32Array(Math.max(16, count * 4));
  let at = 0;
  for (let i = 0; i < count; i++) {
    const p = walk(i);
    if (at + p.length > edges.length) {
      const grown = new Uint32Array(Math.max(edges.length * 2, at + p.length));
      grown.set(edges);
      edges = grown;
    }
    edges.set(p, at);
    at += p.length;
    pathStart[i + 1] = at;
  }
  return { pathStart, pathEdges: edges.slice(0, at) };
}

const engines = new WeakMap<InventoryGraph, ReachEngine>();

/**
 * The radius of `focus`: who it reaches (`reach`) or who reaches it (`exposure`), bounded to `maxHops` when
 * given, on the graph with `disabledEdges` switched off when given.
 * @throws UnknownNodeError for an id that is not a node.
 */
export function radiusData(graph: InventoryGraph, focus: string, mode: RadiusMode, maxHops: number | null, disabledEdges?: Uint8Array): RadiusData {
  const options = { ...(maxHops === null ? {} : { maxHops }), ...(disabledEdges ? { disabledEdges } : {}) };
  if (mode === 'reach') {
    let engine = engines.get(graph);
    if (!engine) {
      engine = new ReachEngine(graph);
      engines.set(graph, engine);
    }
    const r = engine.run(requireNode(graph, focus), options);
    const order = r.nodes();
    const n = order.length;
    const nodes = new Uint32Array(n);
    const access = new Uint8Array(n);
    const depth = r.depth();
    const hops = depth > 255 ? new Uint16Array(n) : new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const v = order[i]!;
      nodes[i] = v;
      access[i] = r.bits(v);
      hops[i] = r.hops(v);
    }
    const { pathStart, pathEdges } = flatten(n, (i) => r.pathEdges(nodes[i]!));
    return { mode, focus, nodes, hops, access, pathStart, pathEdges, depth };
  }
  const e = computeExposure(graph, focus, options);
  const n = e.nodes.length;
  let depth = 0;
  for (let i = 0; i < n; i++) depth = Math.max(depth, e.hops[i]!);
  const hops = depth > 255 ? new Uint16Array(n) : new Uint8Array(n);
  hops.set(e.hops);
  const nodes = Uint32Array.from(e.nodes);
  const { pathStart, pathEdges } = flatten(n, (i) => e.pathEdges(nodes[i]!));
  return { mode, focus, nodes, hops, access: new Uint8Array(n), pathStart, pathEdges, depth };
}

/** Deepest hop of a node's unbounded reach or exposure (the hop slider's maximum). */
export function radiusDepth(graph: InventoryGraph, focus: string, mode: RadiusMode): number {
  if (mode === 'reach') {
    let engine = engines.get(graph);
    if (!engine) {
      engine = new ReachEngine(graph);
      engines.set(graph, engine);
    }
    return engine.run(requireNode(graph, focus)).depth();
  }
  const e = computeExposure(graph, focus);
  let d = 0;
  for (const h of e.hops) d = Math.max(d, h);
  return d;
}

/** A selection's question: the radius of `focus` to `hops` (all when null), after the what-if `cuts`. */
export interface RadiusRequest {
  readonly focus: string;
  readonly mode: RadiusMode;
  readonly hops: number | null;
  readonly cuts: readonly Cut[];
}

/**
 * The answer: the radius after the cuts, the same radius without them (only when the cuts switch something
 * off: the picture draws what they took away), and the deepest hop of the unbounded radius (the hop slider's
 * maximum). `radius` is null when `focus` is not a node of this inventory.
 */
export interface RadiusAnswer {
  readonly radius: RadiusData | null;
  readonly before: RadiusData | null;
  readonly maxDepth: number;
}

/** A selection's radius on a graph (the analysis session's `radius`; pure). */
export function answerRadius(graph: InventoryGraph, { focus, mode, hops, cuts }: RadiusRequest): RadiusAnswer {
  if (!graph.index.nodeIndex.has(focus)) return { radius: null, before: null, maxDepth: 0 };
  const mask = cuts.length ? cutMask(graph, cuts).mask : undefined;
  const off = mask !== undefined && mask.includes(1) ? mask : undefined;
  const radius = radiusData(graph, focus, mode, hops, off);
  const before = off ? radiusData(graph, focus, mode, hops) : null;
  // The slider's maximum: the depth of the unbounded radius (as drawn when unbounded, else without cuts).
  const maxDepth = hops === null ? radius.depth : radiusDepth(graph, focus, mode);
  return { radius, before, maxDepth };
}
