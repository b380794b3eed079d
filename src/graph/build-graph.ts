/**
 * The immutable analysis graph: the inventory's nodes and edges plus a compact index over typed arrays
 * (CSR adjacency in both directions). Built once per inventory; never mutated.
 */
import { ACCESS_ALL, ACCESS_C, ACCESS_R, ACCESS_W, NODE_KINDS } from '../model/node-kinds.ts';
import { isAiNode, isCrownJewel, isSensitive } from '../model/type-guards.ts';
import type { Inventory, InventoryEdge, InventoryNode } from '../model/types.ts';

/** Edge flag bits in `GraphIndex.edgeFlags`. */
export const EDGE_TRAVERSABLE = 1;
/** A `stores` or `indexes` edge: followed from a node held with R only. */
export const EDGE_CONTENT = 2;
/** In `outInfo`: the low 3 bits are the grant; flags sit above them. */
export const INFO_TRAVERSABLE = EDGE_TRAVERSABLE << 3;
export const INFO_CONTENT = EDGE_CONTENT << 3;

/** Node flag bits in `GraphIndex.nodeFlags`. */
export const NODE_CROWN_JEWEL = 1;
export const NODE_SENSITIVE = 2;
export const NODE_AI = 4;

export interface GraphIndex {
  readonly nodeCount: number;
  readonly edgeCount: number;
  /** Node id → dense index. A Map, so ids such as `__proto__` are safe. */
  readonly nodeIndex: ReadonlyMap<string, number>;
  /** Edge id → dense index (built on first use: most analyses never need it). */
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
  /**
   * Content edges (`stores`, `indexes`) come first among a node's out-edges: those of u are
   * outEdges[outOffsets[u] .. outContentEnd[u]), all a node held with R only can follow.
   */
  readonly outContentEnd: Int32Array;
  /** Aligned with outEdges: the edge's target, and its grant | flags << 3 (hot loops read these sequentially). */
  readonly outTarget: Int32Array;
  readonly outInfo: Uint8Array;
  /** Aligned with outEdges: (target << 4) | outInfo's grant and traversable bits, for the reach loop. */
  readonly outPacked: Int32Array;
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
 * Builds the graph and its index in O(N + M). Node ids must be unique (the parser guarantees it). Edges
 * whose endpoints are not nodes are skipped (the parser already reported them). Endpoint positions the
 * parser resolved (`sourceIndex`, `targetIndex`) are used when they still match the ids.
 */
export function buildGraph(inventory: Pick<Inventory, 'nodes' | 'edges' | 'resolvedNodes'>): InventoryGraph {
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

  // One pass over the edge objects: resolve endpoints, grants, flags and degrees (they are cold in cache).
  const total = inventory.edges.length;
  // Endpoint positions straight from the parser, for this very nodes array, need no re-check.
  const trusted = inventory.resolvedNodes === nodes;
  const rawSource = new Int32Array(total);
  const rawTarget = new Int32Array(total);
  const rawGrant = new Uint8Array(total);
  const rawFlags = new Uint8Array(total);
  const outDegree = new Int32Array(n + 1);
  const inDegree = new Int32Array(n + 1);
  let m = 0;
  for (let j = 0; j < total; j++) {
    const e = inventory.edges[j]!;
    // The parser's resolved positions are used when they still name the same ids; otherwise look up.
    const hs = e.sourceIndex;
    const ht = e.targetIndex;
    const s = hs !== undefined && (trusted || nodes[hs]?.id === e.source) ? hs : nodeIndex.get(e.source);
    const t = ht !== undefined && (trusted || nodes[ht]?.id === e.target) ? ht : nodeIndex.get(e.target);
    if (s === undefined || t === undefined) continue;
    let grant = e.traversable ? e.grants : 0;
    if (grant & ACCESS_C) grant = ACCESS_ALL;
    else if (grant & (ACCESS_R | ACCESS_W) && nodeKind[t] === CREDENTIAL_CODE) grant = ACCESS_ALL;
    const kind = e.kind;
    rawSource[m] = s;
    rawTarget[m] = t;
    rawGrant[m] = grant;
    rawFlags[m] = (grant !== 0 ? EDGE_TRAVERSABLE : 0) | (kind === 'stores' || kind === 'indexes' ? EDGE_CONTENT : 0);
    outDegree[s + 1]!++;
    inDegree[t + 1]!++;
    m++;
  }
  // Edges with a missing endpoint are rare (the parser already reported them): filter only then.
  const edges: readonly InventoryEdge[] =
    m === total ? inventory.edges : inventory.edges.filter((e) => nodeIndex.has(e.source) && nodeIndex.has(e.target));
  const edgeSource = m === total ? rawSource : rawSource.slice(0, m);
  const edgeTarget = m === total ? rawTarget : rawTarget.slice(0, m);
  const edgeGrant = m === total ? rawGrant : rawGrant.slice(0, m);
  const edgeFlags = m === total ? rawFlags : rawFlags.slice(0, m);
  const outOffsets = prefixSum(outDegree);
  const inOffsets = prefixSum(inDegree);
  const outEdges = new Int32Array(m);
  const inEdges = new Int32Array(m);
  const outTarget = new Int32Array(m);
  const outInfo = new Uint8Array(m);
  const outPacked = new Int32Array(m);
  const inFill = inOffsets.slice(0, n);
  // Two fill cursors per node: content edges from the start of its range, the others after them.
  const outContentEnd = outOffsets.slice(0, n);
  for (let j = 0; j < m; j++) if (edgeFlags[j]! & EDGE_CONTENT) outContentEnd[edgeSource[j]!]!++;
  const contentFill = outOffsets.slice(0, n);
  const otherFill = outContentEnd.slice();
  for (let j = 0; j < m; j++) {
    const k = edgeFlags[j]! & EDGE_CONTENT ? contentFill[edgeSource[j]!]!++ : otherFill[edgeSource[j]!]!++;
    outEdges[k] = j;
    outTarget[k] = edgeTarget[j]!;
    outInfo[k] = edgeGrant[j]! | (edgeFlags[j]! << 3);
    outPacked[k] = (edgeTarget[j]! << 4) | (outInfo[k]! & 15);
    inEdges[inFill[edgeTarget[j]!]!++] = j;
  }
  let edgeIndex: Map<string, number> | undefined;
  const index: GraphIndex = {
    nodeCount: n,
    edgeCount: m,
    nodeIndex,
    get edgeIndex() {
      if (!edgeIndex) {
        edgeIndex = new Map();
        for (let j = 0; j < m; j++) edgeIndex.set(edges[j]!.id, j);
      }
      return edgeIndex;
    },
    nodeKind,
    nodeFlags,
    edgeSource,
    edgeTarget,
    edgeGrant,
    edgeFlags,
    outOffsets,
    outEdges,
    outContentEnd,
    outTarget,
    outInfo,
    outPacked,
    inOffsets,
    inEdges,
  };
  return { version: nextVersion++, nodes, edges, index };
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
