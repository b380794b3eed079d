/**
 * The immutable analysis graph: the inventory's nodes and edges plus a compact index over typed arrays
 * (CSR adjacency in both directions). Built once per inventory; never mutated.
 */
import { ACCESS_ALL, ACCESS_C, ACCESS_R, ACCESS_W, CONTENT_EDGE_KINDS, NODE_KINDS } from '../model/node-kinds.ts';
import { isAiNode, isCrownJewel, isSensitive } from '../model/type-guards.ts';
import type { Inventory, InventoryEdge, InventoryNode } from '../model/types.ts';

/** Edge flag bits in `GraphIndex.edgeFlags`. */
export const EDGE_TRAVERSABLE = 1;
/** A `stores` or `indexes` edge: followed from a node held with R only. */
export const EDGE_CONTENT = 2;

/** Node flag bits in `GraphIndex.nodeFlags`. */
export const NODE_CROWN_JEWEL = 1;
export const NODE_SENSITIVE = 2;
export const NODE_AI = 4;

export interface GraphIndex {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Node id → dense index. A Map, so ids such as `__proto__` are safe. */
  readonly nodeIndex: ReadonlyMap<string, number>;
  readonly edgeIndex: ReadonlyMap<string, number>;
  /** Per node: index into NODE_KINDS. */
  readonly nodeKind: Uint8Array;
  readonly nodeFlags: Uint8Array;
  readonly edgeSource: Int32Array;
  readonly edgeTarget: Int32Array;
  /** Bits gained on the target when the edge is followed, closed under C ⇒ R,W; a credential that gains R or W gains C. */
  readonly edgeGrant: Uint8Array;
  readonly edgeFlags: Uint8Array;
  /** Out-adjacency: edges of node u are outEdges[outOffsets[u] .. outOffsets[u+1]). */
  readonly outOffsets: Int32Array;
  readonly outEdges: Int32Array;
  readonly inOffsets: Int32Array;
  readonly inEdges: Int32Array;
}

export interface InventoryGraph {
  /** Increments with every graph built in this process; caches key on it. */
  readonly version: number;
  readonly nodes: readonly InventoryNode[];
  readonly edges: readonly InventoryEdge[];
  readonly index: GraphIndex;
}

let nextVersion = 1;

const KIND_CODE: ReadonlyMap<string, number> = new Map(NODE_KINDS.map((k, i) => [k, i]));
const CREDENTIAL_CODE = KIND_CODE.get('credential')!;

/**
 * Builds the graph and its index. Edges whose endpoints are not nodes are skipped (the parser already
 * reported them).
 */
export function buildGraph(inventory: Pick<Inventory, 'nodes' | 'edges'>): InventoryGraph {
  const nodes = inventory.nodes;
  const n = nodes.length;
  const nodeIndex = new Map<string, number>();
  const nodeKind = new Uint8Array(n);
  const nodeFlags = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    const node = nodes[i]!;
    nodeIndex.set(node.id, i);
    nodeKind[i] = KIND_CODE.get(node.kind) ?? KIND_CODE.get('other')!;
    nodeFlags[i] =
      (isCrownJewel(node) ? NODE_CROWN_JEWEL : 0) | (isSensitive(node) ? NODE_SENSITIVE : 0) | (isAiNode(node) ? NODE_AI : 0);
  }

  const edges: InventoryEdge[] = [];
  for (const e of inventory.edges) if (nodeIndex.has(e.source) && nodeIndex.has(e.target)) edges.push(e);
  const m = edges.length;
  const edgeIndex = new Map<string, number>();
  const edgeSource = new Int32Array(m);
  const edgeTarget = new Int32Array(m);
  const edgeGrant = new Uint8Array(m);
  const edgeFlags = new Uint8Array(m);
  const outDegree = new Int32Array(n + 1);
  const inDegree = new Int32Array(n + 1);
  for (let j = 0; j < m; j++) {
    const e = edges[j]!;
    const s = nodeIndex.get(e.source)!;
    const t = nodeIndex.get(e.target)!;
    edgeIndex.set(e.id, j);
    edgeSource[j] = s;
    edgeTarget[j] = t;
    let grant = e.traversable ? e.grants : 0;
    if (grant & ACCESS_C) grant = ACCESS_ALL;
    else if (grant & (ACCESS_R | ACCESS_W) && nodeKind[t] === CREDENTIAL_CODE) grant = ACCESS_ALL;
    edgeGrant[j] = grant;
    edgeFlags[j] = (e.traversable && grant !== 0 ? EDGE_TRAVERSABLE : 0) | (CONTENT_EDGE_KINDS.has(e.kind) ? EDGE_CONTENT : 0);
    outDegree[s + 1]!++;
    inDegree[t + 1]!++;
  }
  const outOffsets = prefixSum(outDegree);
  const inOffsets = prefixSum(inDegree);
  const outEdges = new Int32Array(m);
  const inEdges = new Int32Array(m);
  const outFill = outOffsets.slice(0, n);
  const inFill = inOffsets.slice(0, n);
  for (let j = 0; j < m; j++) {
    outEdges[outFill[edgeSource[j]!]!++] = j;
    inEdges[inFill[edgeTarget[j]!]!++] = j;
  }
  return {
    version: nextVersion++,
    nodes,
    edges,
    index: {
      nodeCount: n,
      edgeCount: m,
      nodeIndex,
      edgeIndex,
      nodeKind,
      nodeFlags,
      edgeSource,
      edgeTarget,
      edgeGrant,
      edgeFlags,
      outOffsets,
      outEdges,
      inOffsets,
      inEdges,
    },
  };
}

function prefixSum(counts: Int32Array): Int32Array {
  for (let i = 1; i < counts.length; i++) counts[i]! += counts[i - 1]!;
  return counts;
}

/** Looks up a node's dense index, throwing a clear error for an unknown id. */
export function requireNode(graph: InventoryGraph, id: string): number {
  const i = graph.index.nodeIndex.get(id);
  if (i === undefined) throw new UnknownNodeError(id);
  return i;
}

export class UnknownNodeError extends Error {
  constructor(readonly nodeId: string) {
    super(`no node ${JSON.stringify(nodeId)} in the inventory`);
    this.name = 'UnknownNodeError';
  }
}

/**
 * Turns a set of edge ids into a per-edge mask for what-if analysis (1 = switched off). Unknown ids are
 * returned in `unknown` so callers can report them.
 */
export function toEdgeMask(graph: InventoryGraph, edgeIds: Iterable<string>): { mask: Uint8Array; unknown: string[] } {
  const mask = new Uint8Array(graph.index.edgeCount);
  const unknown: string[] = [];
  for (const id of edgeIds) {
    const j = graph.index.edgeIndex.get(id);
    if (j === undefined) unknown.push(id);
    else mask[j] = 1;
  }
  return { mask, unknown };
}
