/**
 * Plain view objects over the engine's results: what the panels list and what the graph lights. Pure; the
 * counts are the engine's own (the radius's length), never recomputed here.
 */
import { NODE_CROWN_JEWEL, NODE_SENSITIVE, findShortestPath } from '../../../graph/index.ts';
import { radiusData } from '../../../graph/radius-data.ts';
import type { RadiusData } from '../../../graph/radius-data.ts';
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
 * How many entries, nearest first, have their witness paths' edges in `witnessEdges` (the edges drawn strong):
 * as many as the canvas could ever draw (`ELEMENT_BUDGET`). Every entry's path is in the radius's arrays; it
 * becomes edge ids only when read (`entry.path`).
 */
export const EAGER_WITNESS_ENTRIES = 1500;

/** An entry whose witness path (edge indexes from the radius's arrays) becomes ids on first read. */
class Entry implements RadiusEntry {
  readonly id: string;
  readonly name: string;
  readonly kind: NodeKind;
  readonly crownJewel: boolean;
  readonly sensitive: boolean;
  readonly access?: AccessName;
  #path: readonly string[] | null = null;
  readonly #graph: InventoryGraph;
  readonly #edges: Uint32Array;
  constructor(graph: InventoryGraph, index: number, readonly hops: number, edges: Uint32Array, access?: AccessName) {
    const node = graph.nodes[index]!;
    const flags = graph.index.nodeFlags[index]!;
    this.id = node.id;
    this.name = node.name;
    this.kind = node.kind;
    if (access) this.access = access;
    this.crownJewel = (flags & NODE_CROWN_JEWEL) !== 0;
    this.sensitive = (flags & NODE_SENSITIVE) !== 0;
    this.#graph = graph;
    this.#edges = edges;
  }
  get path(): readonly string[] {
    if (this.#path === null) {
      const { edges } = this.#graph;
      const out: string[] = new Array(this.#edges.length);
      for (let k = 0; k < this.#edges.length; k++) out[k] = edges[this.#edges[k]!]!.id;
      this.#path = out;
    }
    return this.#path;
  }
}

/**
 * The panels' and the picture's view of a radius the analysis worker computed (`RadiusData`: indexes,
 * hops, access bits and witness paths as typed arrays). No search runs here; ids are looked up by index.
 */
export function toRadiusView(graph: InventoryGraph, data: RadiusData): RadiusView {
  const { nodes, hops, access, pathStart, pathEdges, mode } = data;
  const reach = mode === 'reach';
  const byAccess: Record<AccessName, number> = { control: 0, 'read-write': 0, read: 0, write: 0 };
  const witness = new Set<number>();
  const entries: RadiusEntry[] = new Array(nodes.length);
  const nodeIds = new Set<string>();
  for (let i = 0; i < nodes.length; i++) {
    const path = pathEdges.subarray(pathStart[i]!, pathStart[i + 1]!);
    let name: AccessName | undefined;
    if (reach) {
      name = accessName(access[i]!)!;
      byAccess[name]++;
    }
    const entry = new Entry(graph, nodes[i]!, hops[i]!, path, name);
    if (i < EAGER_WITNESS_ENTRIES) for (const j of path) witness.add(j);
    entries[i] = entry;
    nodeIds.add(entry.id);
  }
  const witnessEdges = new Set<string>();
  for (const j of witness) witnessEdges.add(graph.edges[j]!.id);
  return {
    mode,
    focus: data.focus,
    size: nodes.length,
    entries,
    byAccess,
    witnessEdges,
    nodeIds,
    // Node indexes fit in 31 bits: the same buffer read as signed.
    order: new Int32Array(nodes.buffer, nodes.byteOffset, nodes.length),
    ...tally(graph, entries),
  };
}

/** The blast radius of `id`, optionally bounded to `maxHops` (computed here: tests, the CLI-like callers). */
export function toReachView(graph: InventoryGraph, id: string, maxHops: number | null, disabledEdges?: Uint8Array): RadiusView {
  return toRadiusView(graph, radiusData(graph, id, 'reach', maxHops, disabledEdges));
}

/** Who can reach `id`, optionally bounded to `maxHops`. */
export function toExposureView(graph: InventoryGraph, id: string, maxHops: number | null, disabledEdges?: Uint8Array): RadiusView {
  return toRadiusView(graph, radiusData(graph, id, 'exposure', maxHops, disabledEdges));
}

/** The shortest path from `from` to `to`, on the graph after the what-if cuts when `disabledEdges` is given. */
export function toPathView(graph: InventoryGraph, from: string, to: string, disabledEdges?: Uint8Array): PathView {
  const path = findShortestPath(graph, from, to, disabledEdges ? { disabledEdges } : {});
  if (!path) return { from, to, found: false, nodes: [], edges: [] };
  return { from, to, found: true, nodes: path.nodes, edges: path.edges, access: path.access };
}
