/**
 * Plain view objects over the engine's results: what the panels list and what the graph lights. Pure; the
 * counts are the engine's own (`computeReach(...).size`), never recomputed here.
 */
import { NODE_CROWN_JEWEL, NODE_SENSITIVE, computeExposure, computeReach, findShortestPath } from '../../../graph/index.ts';
import type { InventoryGraph } from '../../../graph/index.ts';
import { accessName } from '../../../model/index.ts';
import type { AccessName, NodeKind } from '../../../model/index.ts';

export interface RadiusEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: NodeKind;
  readonly hops: number;
  /** Access held (reach) — absent for exposure entries. */
  readonly access?: AccessName;
  readonly crownJewel: boolean;
  readonly sensitive: boolean;
  /** Edge ids of one shortest witness path, in the direction of capability. */
  readonly path: readonly string[];
}

export interface RadiusView {
  readonly mode: 'reach' | 'exposure';
  /** The selected node: the source of a reach, the target of an exposure. */
  readonly focus: string;
  /** The engine's count. */
  readonly size: number;
  /** Entries nearest first (the engine's breadth-first order). */
  readonly entries: readonly RadiusEntry[];
  readonly byKind: readonly (readonly [NodeKind, number])[];
  readonly byAccess: Readonly<Record<AccessName, number>>;
  readonly crownJewels: readonly RadiusEntry[];
  readonly sensitive: number;
  /** Deepest hop in this (possibly bounded) radius. */
  readonly depth: number;
  /** Union of the witness paths' edges of the nearest `EAGER_WITNESS_ENTRIES` entries: the edges drawn strong. */
  readonly witnessEdges: ReadonlySet<string>;
  readonly nodeIds: ReadonlySet<string>;
  /** Node indexes nearest first, for choosing what to draw. */
  readonly order: Int32Array;
}

export interface PathView {
  readonly from: string;
  readonly to: string;
  readonly found: boolean;
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  readonly access?: AccessName;
}

function tally(graph: InventoryGraph, entries: RadiusEntry[]): Pick<RadiusView, 'byKind' | 'crownJewels' | 'sensitive' | 'depth'> {
  const kinds = new Map<NodeKind, number>();
  let sensitive = 0;
  let depth = 0;
  const crownJewels: RadiusEntry[] = [];
  for (const e of entries) {
    kinds.set(e.kind, (kinds.get(e.kind) ?? 0) + 1);
    if (e.sensitive) sensitive++;
    if (e.crownJewel) crownJewels.push(e);
    if (e.hops > depth) depth = e.hops;
  }
  void graph;
  const byKind = [...kinds.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1));
  return { byKind, crownJewels, sensitive, depth };
}

/**
 * How many entries, nearest first, have their witness path walked when the view is made: as many as the
 * canvas could ever draw (`ELEMENT_BUDGET`). Their union is `witnessEdges`. The paths of the others are walked
 * only when asked for (`entry.path`): walking every reached node's path was 20–30× the breadth-first search
 * itself on a large inventory.
 */
export const EAGER_WITNESS_ENTRIES = 1500;

/** An entry whose witness path is walked on first read. */
class Entry implements RadiusEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: NodeKind;
  readonly crownJewel: boolean;
  readonly sensitive: boolean;
  readonly access?: AccessName;
  #path: readonly string[] | null = null;
  readonly #walk: () => readonly string[];
  constructor(graph: InventoryGraph, index: number, readonly hops: number, walk: () => readonly string[], access?: AccessName) {
    const node = graph.nodes[index]!;
    const flags = graph.index.nodeFlags[index]!;
    this.id = node.id;
    this.name = node.name;
    this.kind = node.kind;
    if (access) this.access = access;
    this.crownJewel = (flags & NODE_CROWN_JEWEL) !== 0;
    this.sensitive = (flags & NODE_SENSITIVE) !== 0;
    this.#walk = walk;
  }
  get path(): readonly string[] {
    this.#path ??= this.#walk();
    return this.#path;
  }
}

function edgeIds(graph: InventoryGraph, edges: readonly number[]): string[] {
  return edges.map((j) => graph.edges[j]!.id);
}

/** The blast radius of `id`, optionally bounded to `maxHops`. */
export function toReachView(graph: InventoryGraph, id: string, maxHops: number | null, disabledEdges?: Uint8Array): RadiusView {
  const reach = computeReach(graph, id, { ...(maxHops === null ? {} : { maxHops }), ...(disabledEdges ? { disabledEdges } : {}) });
  // A copy: the engine's buffer is reused by its next run, the view outlives it.
  const order = Int32Array.from(reach.nodes());
  const byAccess: Record<AccessName, number> = { control: 0, 'read-write': 0, read: 0, write: 0 };
  const witnessEdges = new Set<string>();
  const entries: RadiusEntry[] = new Array(order.length);
  for (let i = 0; i < order.length; i++) {
    const v = order[i]!;
    const access = accessName(reach.bits(v))!;
    byAccess[access]++;
    const entry = new Entry(graph, v, reach.hops(v), () => edgeIds(graph, reach.pathEdges(v)), access);
    if (i < EAGER_WITNESS_ENTRIES) for (const edge of entry.path) witnessEdges.add(edge);
    entries[i] = entry;
  }
  return {
    mode: 'reach',
    focus: id,
    size: reach.size,
    entries,
    byAccess,
    witnessEdges,
    nodeIds: new Set(entries.map((e) => e.id)),
    order,
    ...tally(graph, entries),
  };
}

/** Who can reach `id`, optionally bounded to `maxHops`. */
export function toExposureView(graph: InventoryGraph, id: string, maxHops: number | null, disabledEdges?: Uint8Array): RadiusView {
  const exposure = computeExposure(graph, id, { ...(maxHops === null ? {} : { maxHops }), ...(disabledEdges ? { disabledEdges } : {}) });
  const witnessEdges = new Set<string>();
  const { nodes, hops } = exposure;
  const entries: RadiusEntry[] = new Array(nodes.length);
  for (let i = 0; i < nodes.length; i++) {
    const u = nodes[i]!;
    const entry = new Entry(graph, u, hops[i]!, () => edgeIds(graph, exposure.pathEdges(u)));
    if (i < EAGER_WITNESS_ENTRIES) for (const edge of entry.path) witnessEdges.add(edge);
    entries[i] = entry;
  }
  return {
    mode: 'exposure',
    focus: id,
    size: nodes.length,
    entries,
    byAccess: { control: 0, 'read-write': 0, read: 0, write: 0 },
    witnessEdges,
    nodeIds: new Set(entries.map((e) => e.id)),
    order: Int32Array.from(nodes),
    ...tally(graph, entries),
  };
}

/** The shortest path from `from` to `to`, on the graph after the what-if cuts when `disabledEdges` is given. */
export function toPathView(graph: InventoryGraph, from: string, to: string, disabledEdges?: Uint8Array): PathView {
  const path = findShortestPath(graph, from, to, disabledEdges ? { disabledEdges } : {});
  if (!path) return { from, to, found: false, nodes: [], edges: [] };
  return { from, to, found: true, nodes: path.nodes, edges: path.edges, access: path.access };
}
