/**
 * Choke points: the edges and nodes whose removal disconnects the most (AI integration, crown jewel) pairs.
 *
 * Exact, by dominator trees. The (node, bit) state graph of section 4 (see state-graph.ts) is made explicit
 * with every traversable edge split into a vertex of its own and a sink per crown jewel:
 *
 * - state vertices s = node * 3 + b (b = 0 R, 1 W, 2 C), with (u, C) → (u, R) and (u, C) → (u, W);
 * - an edge vertex X_e per usable edge e = u → v: (u, C) → X_e for an ordinary edge, (u, R) → X_e for a
 *   content edge (`stores`, `indexes`; (u, C) reaches it through (u, R)), and X_e → the target state(s) its
 *   grant gives on v;
 * - a sink T_j per crown jewel j, fed by (j, R) and (j, W) (C implies both): j is in the blast radius of a
 *   exactly when T_j is reachable from (a, C).
 *
 * Removing edge e removes exactly the arcs through X_e, so e disconnects (a, j) exactly when X_e dominates
 * T_j in the flow graph rooted at (a, C). One dominator tree per AI source (Lengauer–Tarjan with path
 * compression, semi-NCA for the immediate dominators) over the vertices that source reaches, then subtree
 * counts of jewel sinks give every edge's pair count at once.
 *
 * Nodes: removing node x ∉ {a, j} cuts every path through x. A path passes x through (x, C) (and leaves
 * by an ordinary edge) or through (x, R) (and leaves by a content edge). When x has only one kind of
 * outgoing edge one state carries every passage, and dominance of that state is the answer. When it has
 * both (a bucket that stores a key and also runs as a role), the two states together are tested by a
 * search that avoids both, limited to sources where some jewel under their common dominator is not
 * already dominated by one of them.
 *
 * Cost: O(R α(R)) per AI source, R the number of state and edge vertices it reaches, plus the rare
 * two-state searches for nodes.
 */
import { EDGE_CONTENT, EDGE_TRAVERSABLE, NODE_AI, NODE_CROWN_JEWEL } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';

export interface EdgeChokePoint {
  /** Edge id. */
  readonly edge: string;
  readonly source: string;
  readonly target: string;
  readonly kind: string;
  /** Number of (AI node, crown jewel) pairs this edge's removal disconnects. */
  readonly pairs: number;
  /** The pairs themselves, as [AI node id, crown jewel id], when asked for (`withPairs`). */
  readonly pairList?: readonly (readonly [string, string])[];
}

export interface NodeChokePoint {
  readonly node: string;
  readonly kind: string;
  /** Pairs (a, j) with a ≠ node ≠ j that removing the node (all its edges) disconnects. */
  readonly pairs: number;
  readonly pairList?: readonly (readonly [string, string])[];
}

export interface ChokePointOptions {
  /** Edges already switched off (stacked what-if cuts), from toEdgeMask. */
  readonly disabledEdges?: Uint8Array;
  /** Also rank nodes (default true). */
  readonly nodes?: boolean;
  /** Attach the disconnected pairs to each choke point (default false; can be large). */
  readonly withPairs?: boolean;
  /**
   * Restrict the AI sources to these node indexes (default: every NODE_AI node). Results over disjoint
   * source sets add up (mergeChokePoints), so a worker can run the sources in chunks, show the ranking
   * as it fills, and stop early.
   */
  readonly sources?: readonly number[];
  /** Called after each source with (done, total); return false to stop (the result covers the sources done). */
  readonly onProgress?: (done: number, total: number) => boolean | void;
}

export interface ChokePoints {
  /** Connected (AI node, crown jewel) pairs, a ≠ j, before any cut. */
  readonly totalPairs: number;
  /** Edges with at least one pair, most pairs first, ties by edge id. */
  readonly edges: readonly EdgeChokePoint[];
  /** Nodes with at least one pair, most pairs first, ties by node id. */
  readonly nodes: readonly NodeChokePoint[];
}

/** The explicit edge-split state graph (forward and reverse CSR). */
interface SplitGraph {
  readonly vertexCount: number;
  /** First edge vertex (3n) and first sink vertex (3n + m). */
  readonly edgeBase: number;
  readonly sinkBase: number;
  /** Sink index → jewel node index. */
  readonly sinkNode: Int32Array;
  /** Jewel node index → sink vertex, or -1. */
  readonly sinkOf: Int32Array;
  readonly fwdOff: Int32Array;
  readonly fwd: Int32Array;
  readonly revOff: Int32Array;
  readonly rev: Int32Array;
}

const splitCache = new WeakMap<InventoryGraph, WeakMap<Uint8Array, SplitGraph> & { plain?: SplitGraph }>();

/** The split graph for a graph and switched-off mask, built once (callers running sources in chunks reuse it). */
function splitGraphOf(graph: InventoryGraph, disabled: Uint8Array | undefined): SplitGraph {
  let perGraph = splitCache.get(graph);
  if (!perGraph) splitCache.set(graph, (perGraph = new WeakMap()));
  const hit = disabled ? perGraph.get(disabled) : perGraph.plain;
  if (hit) return hit;
  const built = buildSplitGraph(graph, disabled);
  if (disabled) perGraph.set(disabled, built);
  else perGraph.plain = built;
  return built;
}

function buildSplitGraph(graph: InventoryGraph, disabled: Uint8Array | undefined): SplitGraph {
  const { nodeCount: n, edgeCount: m, edgeSource, edgeTarget, edgeGrant, edgeFlags, nodeFlags } = graph.index;
  const sinkOf = new Int32Array(n).fill(-1);
  const jewels: number[] = [];
  for (let v = 0; v < n; v++) if (nodeFlags[v]! & NODE_CROWN_JEWEL) jewels.push(v);
  const edgeBase = 3 * n;
  const sinkBase = edgeBase + m;
  const V = sinkBase + jewels.length;
  jewels.forEach((v, i) => (sinkOf[v] = sinkBase + i));
  const usable = (j: number) => (edgeFlags[j]! & EDGE_TRAVERSABLE) !== 0 && edgeGrant[j] !== 0 && (disabled === undefined || disabled[j] !== 1);

  // Arcs as (from, to) pairs in two passes: count, then fill.
  const outDeg = new Int32Array(V + 1);
  const inDeg = new Int32Array(V + 1);
  const each = (visit: (from: number, to: number) => void) => {
    for (let u = 0; u < n; u++) {
      visit(u * 3 + 2, u * 3);
      visit(u * 3 + 2, u * 3 + 1);
    }
    for (let j = 0; j < m; j++) {
      if (!usable(j)) continue;
      const u = edgeSource[j]!;
      const v = edgeTarget[j]!;
      const x = edgeBase + j;
      visit(edgeFlags[j]! & EDGE_CONTENT ? u * 3 : u * 3 + 2, x);
      const g = edgeGrant[j]!;
      if (g & 4) visit(x, v * 3 + 2);
      else {
        if (g & 1) visit(x, v * 3);
        if (g & 2) visit(x, v * 3 + 1);
      }
    }
    jewels.forEach((v, i) => {
      visit(v * 3, sinkBase + i);
      visit(v * 3 + 1, sinkBase + i);
    });
  };
  each((a, b) => {
    outDeg[a + 1]!++;
    inDeg[b + 1]!++;
  });
  for (let i = 1; i <= V; i++) {
    outDeg[i]! += outDeg[i - 1]!;
    inDeg[i]! += inDeg[i - 1]!;
  }
  const fwd = new Int32Array(outDeg[V]!);
  const rev = new Int32Array(inDeg[V]!);
  const fo = outDeg.slice(0, V);
  const ri = inDeg.slice(0, V);
  each((a, b) => {
    fwd[fo[a]!++] = b;
    rev[ri[b]!++] = a;
  });
  // Only vertices that can reach a jewel sink matter: every path to a sink runs through such vertices, so
  // dropping the others changes no dominator of a sink. Backward search from all sinks, then keep the
  // arcs between kept vertices (the others' adjacency becomes empty).
  const keep = new Uint8Array(V);
  const stack = new Int32Array(V);
  let sp = 0;
  for (let v = sinkBase; v < V; v++) {
    keep[v] = 1;
    stack[sp++] = v;
  }
  while (sp > 0) {
    const v = stack[--sp]!;
    for (let q = inDeg[v]!, end = inDeg[v + 1]!; q < end; q++) {
      const u = rev[q]!;
      if (keep[u] === 0) {
        keep[u] = 1;
        stack[sp++] = u;
      }
    }
  }
  const fwdOff = new Int32Array(V + 1);
  const revOff = new Int32Array(V + 1);
  for (let v = 0; v < V; v++) {
    let f = 0;
    if (keep[v] === 1) for (let p = outDeg[v]!, end = outDeg[v + 1]!; p < end; p++) f += keep[fwd[p]!]!;
    fwdOff[v + 1] = fwdOff[v]! + f;
    let r = 0;
    if (keep[v] === 1) for (let q = inDeg[v]!, end = inDeg[v + 1]!; q < end; q++) r += keep[rev[q]!]!;
    revOff[v + 1] = revOff[v]! + r;
  }
  const fwdKept = new Int32Array(fwdOff[V]!);
  const revKept = new Int32Array(revOff[V]!);
  for (let v = 0; v < V; v++) {
    if (keep[v] === 0) continue;
    let k = fwdOff[v]!;
    for (let p = outDeg[v]!, end = outDeg[v + 1]!; p < end; p++) if (keep[fwd[p]!] === 1) fwdKept[k++] = fwd[p]!;
    k = revOff[v]!;
    for (let q = inDeg[v]!, end = inDeg[v + 1]!; q < end; q++) if (keep[rev[q]!] === 1) revKept[k++] = rev[q]!;
  }
  return { vertexCount: V, edgeBase, sinkBase, sinkNode: Int32Array.from(jewels), sinkOf, fwdOff, fwd: fwdKept, revOff, rev: revKept };
}

/**
 * Dominator trees of the split graph, one source at a time, with reusable buffers. After `run(root)`:
 * `count` vertices were reached; `order[i]` is the vertex with preorder number i; `pre[v]` its number (or -1);
 * `idom[i]` the preorder number of the immediate dominator of vertex order[i] (idom[0] = 0).
 */
class DominatorEngine {
  readonly pre: Int32Array;
  readonly order: Int32Array;
  readonly idom: Int32Array;
  readonly size: Int32Array;
  /**
   * A breadth-first (shortest-path) spanning tree of the reached vertices, by DFS number: the tree subtree
   * of i is the positions [treeStart[i], treeStart[i] + treeSize[i]). Shallow, so subtrees are small.
   */
  readonly treeSize: Int32Array;
  readonly treeStart: Int32Array;
  private readonly queue: Int32Array;
  private readonly treeParent: Int32Array;
  /** Position of DFS number i in a preorder of the dominator tree: i's subtree is [dstart[i], dstart[i] + size[i]). */
  readonly dstart: Int32Array;
  /** Vertex at each dominator-tree preorder position. */
  readonly dorder: Int32Array;
  private readonly parent: Int32Array;
  private readonly semi: Int32Array;
  private readonly ancestor: Int32Array;
  private readonly label: Int32Array;
  private readonly stack: Int32Array;
  private readonly edgePos: Int32Array;
  count = 0;

  constructor(private readonly g: SplitGraph) {
    const V = g.vertexCount;
    this.pre = new Int32Array(V).fill(-1);
    this.order = new Int32Array(V);
    this.idom = new Int32Array(V);
    this.size = new Int32Array(V);
    this.treeSize = new Int32Array(V);
    this.treeStart = new Int32Array(V);
    this.queue = new Int32Array(V);
    this.treeParent = new Int32Array(V);
    this.dstart = new Int32Array(V);
    this.dorder = new Int32Array(V);
    this.parent = new Int32Array(V);
    this.semi = new Int32Array(V);
    this.ancestor = new Int32Array(V);
    this.label = new Int32Array(V);
    this.stack = new Int32Array(V);
    this.edgePos = new Int32Array(V);
  }

  run(root: number, blocked?: (v: number) => boolean): void {
    const { pre, order, parent, semi, ancestor, label, idom, stack, edgePos, size } = this;
    const { fwdOff, fwd, revOff, rev } = this.g;
    for (let i = 0; i < this.count; i++) pre[order[i]!] = -1;
    // Iterative DFS in preorder.
    let n = 0;
    let sp = 0;
    pre[root] = n;
    order[n] = root;
    parent[n] = 0;
    n++;
    stack[sp++] = root;
    edgePos[root] = fwdOff[root]!;
    while (sp > 0) {
      const v = stack[sp - 1]!;
      const p = edgePos[v]!;
      if (p < fwdOff[v + 1]!) {
        edgePos[v] = p + 1;
        const w = fwd[p]!;
        if (pre[w] !== -1 || (blocked !== undefined && blocked(w))) continue;
        pre[w] = n;
        order[n] = w;
        parent[n] = pre[v]!;
        n++;
        edgePos[w] = fwdOff[w]!;
        stack[sp++] = w;
      } else sp--;
    }
    this.count = n;
    if (blocked !== undefined) return; // reachability only
    for (let i = 0; i < n; i++) {
      semi[i] = i;
      label[i] = i;
      ancestor[i] = -1;
    }
    // Semidominators, in reverse preorder (Lengauer–Tarjan, simple linking with path compression).
    for (let i = n - 1; i > 0; i--) {
      const w = order[i]!;
      let s = semi[i]!;
      for (let q = revOff[w]!, end = revOff[w + 1]!; q < end; q++) {
        const v = pre[rev[q]!]!;
        if (v < 0) continue;
        const u = v < i ? v : this.evaluate(v);
        if (semi[u]! < s) s = semi[u]!;
      }
      semi[i] = s;
      ancestor[i] = parent[i]!;
    }
    // Immediate dominators by semi-NCA, in preorder.
    idom[0] = 0;
    for (let i = 1; i < n; i++) {
      let x = parent[i]!;
      while (x > semi[i]!) x = idom[x]!;
      idom[i] = x;
    }
    // Subtree sizes (preorder numbering: the subtree of i is [i, i + size[i])).
    for (let i = 0; i < n; i++) size[i] = 1;
    for (let i = n - 1; i > 0; i--) size[idom[i]!]! += size[i]!;
    // Dominator-tree preorder: parents come first (idom[i] < i), each child takes the next slot of its parent's range.
    const { dstart, dorder } = this;
    const cursor = this.semi; // free now
    dstart[0] = 0;
    cursor[0] = 1;
    for (let i = 1; i < n; i++) {
      const p = idom[i]!;
      dstart[i] = cursor[p]!;
      cursor[p]! += size[i]!;
      cursor[i] = dstart[i]! + 1;
    }
    for (let i = 0; i < n; i++) dorder[dstart[i]!] = order[i]!;
  }

  /** Builds the breadth-first spanning tree of the last run (treeStart, treeSize). */
  bfsTree(): void {
    const { pre, queue, treeParent, treeSize, treeStart, count: n } = this;
    const { fwdOff, fwd } = this.g;
    const seen = this.semi; // reuse: stamp with -1 - position
    for (let i = 0; i < n; i++) seen[i] = 0;
    let head = 0;
    let tail = 0;
    queue[tail++] = 0;
    seen[0] = 1;
    treeParent[0] = 0;
    while (head < tail) {
      const i = queue[head++]!;
      const v = this.order[i]!;
      for (let p = fwdOff[v]!, end = fwdOff[v + 1]!; p < end; p++) {
        const j = pre[fwd[p]!]!;
        if (j < 0 || seen[j] === 1) continue;
        seen[j] = 1;
        treeParent[j] = i;
        queue[tail++] = j;
      }
    }
    for (let i = 0; i < n; i++) treeSize[i] = 1;
    for (let k = tail - 1; k > 0; k--) treeSize[treeParent[queue[k]!]!]! += treeSize[queue[k]!]!;
    const cursor = seen;
    treeStart[0] = 0;
    cursor[0] = 1;
    for (let k = 1; k < tail; k++) {
      const i = queue[k]!;
      const p = treeParent[i]!;
      treeStart[i] = cursor[p]!;
      cursor[p]! += treeSize[i]!;
      cursor[i] = treeStart[i]! + 1;
    }
  }

  /** Vertex (preorder number) of least semi on the compressed ancestor path of v; compresses it. */
  private evaluate(v: number): number {
    const { ancestor, label, semi, stack } = this;
    if (ancestor[v] === -1) return v;
    // Collect the path up to the forest root's child, then compress top-down.
    let sp = 0;
    let x = v;
    while (ancestor[ancestor[x]!] !== -1) {
      stack[sp++] = x;
      x = ancestor[x]!;
    }
    while (sp > 0) {
      const y = stack[--sp]!;
      const a = ancestor[y]!;
      if (semi[label[a]!]! < semi[label[y]!]!) label[y] = label[a]!;
      ancestor[y] = ancestor[a]!;
    }
    return label[v]!;
  }
}

/** Pairs bookkeeping for one target (edge or node): a count and, on request, the pairs. */
class Tally {
  readonly counts: Float64Array;
  readonly lists: (Array<readonly [string, string]> | undefined)[] | undefined;
  constructor(size: number, withPairs: boolean) {
    this.counts = new Float64Array(size);
    this.lists = withPairs ? new Array(size) : undefined;
  }
  add(target: number, n: number, pairs: () => Iterable<readonly [string, string]>): void {
    this.counts[target]! += n;
    if (this.lists) {
      const list = (this.lists[target] ??= []);
      for (const p of pairs()) list.push(p);
    }
  }
}

/**
 * Ranks the edges and nodes whose removal disconnects (AI node, crown jewel) pairs. A pair (a, j) is
 * connected when j is in a's blast radius (section 4), a ≠ j.
 */
export function computeChokePoints(graph: InventoryGraph, options: ChokePointOptions = {}): ChokePoints {
  const { nodeCount: n, edgeCount: m, nodeFlags, outOffsets, outContentEnd, outEdges, edgeFlags, edgeGrant } = graph.index;
  const disabled = options.disabledEdges;
  const split = splitGraphOf(graph, disabled);
  const { edgeBase, sinkBase, sinkNode, sinkOf } = split;
  const engine = new DominatorEngine(split);
  const withPairs = options.withPairs === true;
  const wantNodes = options.nodes !== false;
  const edgeTally = new Tally(m, withPairs);
  const nodeTally = new Tally(n, withPairs);

  // Which states carry passage through a node: 1 = (x, C) only, 2 = (x, R) only, 3 = both, 0 = none.
  const gate = new Uint8Array(n);
  if (wantNodes) {
    const usable = (j: number) => (edgeFlags[j]! & EDGE_TRAVERSABLE) !== 0 && edgeGrant[j] !== 0 && (disabled === undefined || disabled[j] !== 1);
    for (let x = 0; x < n; x++) {
      let g = 0;
      for (let k = outOffsets[x]!, end = outOffsets[x + 1]!; k < end; k++) {
        if (!usable(outEdges[k]!)) continue;
        g |= k < outContentEnd[x]! ? 2 : 1;
      }
      gate[x] = g;
    }
  }

  const sources = options.sources ?? aiSources(nodeFlags, n);
  const count = new Int32Array(split.vertexCount); // per preorder number: jewel sinks in the subtree
  let totalPairs = 0;
  const reachedSinks: number[] = []; // dominator-tree positions of the reached sinks, ascending
  // Two-gate node searches (see twoGate): per-search visit marks, per-node settled marks, stacks.
  const visitMark = wantNodes ? new Int32Array(split.vertexCount) : new Int32Array(0);
  const known = wantNodes ? new Int32Array(split.vertexCount) : new Int32Array(0);
  const rstack = wantNodes ? new Int32Array(split.vertexCount) : new Int32Array(0);
  const explored = wantNodes ? new Int32Array(split.vertexCount) : new Int32Array(0);
  const sinksByTree: number[] = []; // spanning-tree positions of the reached sinks, ascending
  let searchId = 0;
  let knownStamp = 0;
  let done = 0;
  for (const a of sources) {
    if (done > 0 && options.onProgress?.(done, sources.length) === false) break;
    done++;
    const root = a * 3 + 2;
    engine.run(root);
    const { order, idom, size, pre, dstart, dorder, treeSize, treeStart } = engine;
    const reached = engine.count;
    const ownSink = sinkOf[a]!;
    reachedSinks.length = 0;
    for (let i = 0; i < reached; i++) {
      const v = order[i]!;
      const c = v >= sinkBase && v !== ownSink ? 1 : 0;
      count[i] = c;
      if (c) reachedSinks.push(dstart[i]!);
    }
    reachedSinks.sort((p, q) => p - q);
    if (reachedSinks.length === 0) continue;
    totalPairs += reachedSinks.length;
    for (let i = reached - 1; i > 0; i--) count[idom[i]!]! += count[i]!;

    const aId = graph.nodes[a]!.id;
    const pairsIn = (lo: number, hi: number, except = -1) =>
      function* () {
        // Sinks with preorder numbers in [lo, hi), found by binary search in the ascending list.
        let k = lowerBound(reachedSinks, lo);
        for (; k < reachedSinks.length && reachedSinks[k]! < hi; k++) {
          const j = sinkNode[dorder[reachedSinks[k]!]! - sinkBase]!;
          if (j !== except) yield [aId, graph.nodes[j]!.id] as const;
        }
      };

    for (let i = 1; i < reached; i++) {
      const c = count[i]!;
      if (c === 0) continue;
      const v = order[i]!;
      if (v >= edgeBase && v < sinkBase) edgeTally.add(v - edgeBase, c, pairsIn(dstart[i]!, dstart[i]! + size[i]!));
    }

    if (!wantNodes) continue;
    for (let i = 1; i < reached; i++) {
      const v = order[i]!;
      if (v >= edgeBase) continue;
      const x = (v / 3) | 0;
      if (x === a) continue;
      const b = v - x * 3;
      let g = gate[x]!;
      // Only one of the two states reached (or leading anywhere that matters): passage is through it alone.
      if (g === 3 && pre[x * 3 + 2] === -1) g = 2;
      else if (g === 3 && pre[x * 3] === -1) g = 1;
      // Single-gate nodes: the one state that carries passage.
      if (!((g === 1 && b === 2) || (g === 2 && b === 0))) continue;
      let c = count[i]!;
      const own = sinkOf[x]!;
      const ownPos = own >= 0 && pre[own]! >= 0 ? dstart[pre[own]!]! : -1;
      const lo = dstart[i]!;
      if (ownPos >= lo && ownPos < lo + size[i]!) c--;
      if (c > 0) nodeTally.add(x, c, pairsIn(lo, lo + size[i]!, x));
    }
    // Two-gate nodes: passage through (x, C) by ordinary edges or (x, R) by content edges.
    const doubles: number[] = [];
    for (let i = 1; i < reached; i++) {
      const v = order[i]!;
      if (v >= edgeBase || v % 3 !== 2) continue;
      const x = (v - 2) / 3;
      if (gate[x] === 3 && x !== a && pre[x * 3]! >= 0) doubles.push(x);
    }
    if (doubles.length === 0) continue;
    engine.bfsTree();
    sinksByTree.length = 0;
    for (const pos of reachedSinks) sinksByTree.push(treeStart[pre[dorder[pos]!]!]!);
    sinksByTree.sort((p, q) => p - q);
    const sinkAtTree = new Map<number, number>();
    for (const pos of reachedSinks) sinkAtTree.set(treeStart[pre[dorder[pos]!]!]!, pre[dorder[pos]!]!);
    const jewelsBySink = new Map<number, number>();
    for (const pos of reachedSinks) jewelsBySink.set(pos, sinkNode[dorder[pos]! - sinkBase]!);
    for (const x of doubles) twoGate(x);

    function twoGate(x: number): void {
      const pc = pre[x * 3 + 2]!;
      const pr = pre[x * 3]!;
      const own = sinkOf[x]!;
      const ownPos = own >= 0 && pre[own]! >= 0 ? dstart[pre[own]!]! : -1;
      // Jewels dominated by either state (nested or disjoint subtrees). Positions are dominator preorder.
      const inSubPos = (top: number, pos: number) => pos >= dstart[top]! && pos < dstart[top]! + size[top]!;
      const inSub = (top: number, i: number) => inSubPos(top, dstart[i]!);
      // Nearest common dominator of the two states: the first dominator of (x, R) whose subtree holds (x, C).
      let d = pr;
      while (!inSub(d, pc)) d = idom[d]!;
      const top = inSub(pc, pr) ? [pc] : inSub(pr, pc) ? [pr] : [pc, pr];
      let dominated = 0;
      for (const t of top) dominated += count[t]!;
      const ownDominated = ownPos >= 0 && top.some((t) => inSubPos(t, ownPos));
      // Jewels under neither state: cut by x only when every path reaches them through one of the two.
      // A vertex whose DFS-tree path avoids both states stays reachable, so only sinks inside the DFS
      // subtrees of the two states are candidates; each is settled by a backward search that avoids both
      // states and stops at the first vertex known to stay reachable (memoised per node).
      const lost: number[] = [];
      if (dominated !== count[d]!) {
        const cState = x * 3 + 2;
        const rState = x * 3;
        const cLo = treeStart[pc]!;
        const cEnd = cLo + treeSize[pc]!;
        const rLo = treeStart[pr]!;
        const rEnd = rLo + treeSize[pr]!;
        const K = ++knownStamp * 2; // known[w] === K: reachable without x; K + 1: not
        const stays = (w: number) => {
          const q = treeStart[pre[w]!]!;
          return ((q < cLo || q >= cEnd) && (q < rLo || q >= rEnd)) || known[w] === K;
        };
        const ranges = rLo >= cLo && rLo < cEnd ? [[cLo, cEnd]] : cLo >= rLo && cLo < rEnd ? [[rLo, rEnd]] : [[cLo, cEnd], [rLo, rEnd]];
        for (const [lo, hi] of ranges) {
          for (let k = lowerBound(sinksByTree, lo!); k < sinksByTree.length && sinksByTree[k]! < hi!; k++) {
            const ti = sinkAtTree.get(sinksByTree[k]!)!;
            const pos = dstart[ti]!;
            if (pos === ownPos || !inSubPos(d, pos) || top.some((t) => inSubPos(t, pos))) continue;
            const t = order[ti]!;
            const id = ++searchId;
            let sp = 0;
            let ne = 0;
            rstack[sp++] = t;
            visitMark[t] = id;
            explored[ne++] = t;
            let found = false;
            while (sp > 0 && !found) {
              const v = rstack[--sp]!;
              for (let q = split.revOff[v]!, end = split.revOff[v + 1]!; q < end; q++) {
                const w = split.rev[q]!;
                if (w === cState || w === rState || pre[w]! < 0 || visitMark[w] === id || known[w] === K + 1) continue;
                if (stays(w)) {
                  found = true;
                  break;
                }
                visitMark[w] = id;
                explored[ne++] = w;
                rstack[sp++] = w;
              }
            }
            if (found) known[t] = K;
            else {
              for (let e = 0; e < ne; e++) known[explored[e]!] = K + 1;
              lost.push(pos);
            }
          }
        }
      }
      const c = dominated - (ownDominated ? 1 : 0) + lost.length;
      if (c > 0) {
        nodeTally.add(x, c, function* () {
          for (const t of top) yield* pairsIn(dstart[t]!, dstart[t]! + size[t]!, x)();
          for (const pos of lost) yield [aId, graph.nodes[jewelsBySink.get(pos)!]!.id] as const;
        });
      }
    }
  }

  if (done === sources.length) options.onProgress?.(done, sources.length);

  const edges: EdgeChokePoint[] = [];
  for (let j = 0; j < m; j++) {
    const pairs = edgeTally.counts[j]!;
    if (pairs === 0) continue;
    const e = graph.edges[j]!;
    const list = edgeTally.lists?.[j];
    edges.push({ edge: e.id, source: e.source, target: e.target, kind: e.kind, pairs, ...(list ? { pairList: list } : {}) });
  }
  edges.sort((p, q) => q.pairs - p.pairs || compareIds(p.edge, q.edge));
  const nodes: NodeChokePoint[] = [];
  if (wantNodes) {
    for (let x = 0; x < n; x++) {
      const pairs = nodeTally.counts[x]!;
      if (pairs === 0) continue;
      const node = graph.nodes[x]!;
      const list = nodeTally.lists?.[x];
      nodes.push({ node: node.id, kind: node.kind, pairs, ...(list ? { pairList: list } : {}) });
    }
    nodes.sort((p, q) => q.pairs - p.pairs || compareIds(p.node, q.node));
  }
  return { totalPairs, edges, nodes };
}

/** Adds up results computed over disjoint sets of sources (same graph and options); ranked again. */
export function mergeChokePoints(parts: readonly ChokePoints[]): ChokePoints {
  const edges = new Map<string, EdgeChokePoint>();
  const nodes = new Map<string, NodeChokePoint>();
  let totalPairs = 0;
  const pairsOf = (a?: readonly (readonly [string, string])[], b?: readonly (readonly [string, string])[]) =>
    a || b ? { pairList: [...(a ?? []), ...(b ?? [])] } : {};
  for (const part of parts) {
    totalPairs += part.totalPairs;
    for (const e of part.edges) {
      const had = edges.get(e.edge);
      edges.set(e.edge, had ? { ...had, pairs: had.pairs + e.pairs, ...pairsOf(had.pairList, e.pairList) } : e);
    }
    for (const x of part.nodes) {
      const had = nodes.get(x.node);
      nodes.set(x.node, had ? { ...had, pairs: had.pairs + x.pairs, ...pairsOf(had.pairList, x.pairList) } : x);
    }
  }
  return {
    totalPairs,
    edges: [...edges.values()].sort((p, q) => q.pairs - p.pairs || compareIds(p.edge, q.edge)),
    nodes: [...nodes.values()].sort((p, q) => q.pairs - p.pairs || compareIds(p.node, q.node)),
  };
}

function aiSources(nodeFlags: Uint8Array, n: number): number[] {
  const out: number[] = [];
  for (let v = 0; v < n; v++) if (nodeFlags[v]! & NODE_AI) out.push(v);
  return out;
}

function lowerBound(sorted: readonly number[], value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < value) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Code-unit order, the same in every locale. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
