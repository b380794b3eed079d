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
 * T_j in the flow graph rooted at (a, C). A dominator tree from (a, C) (Lengauer–Tarjan with path
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
 * Shared work: on real estates most AI sources sit in, or reach, one large strongly connected part of the
 * split graph (the core), and a dominator tree per source repeats almost the same work each time. Sources
 * that reach the core are settled from two dominator trees of a reference vertex in it (forward, and of the
 * reversed core) plus a few small searches per source (see SharedAnalysis); the others keep a tree of their
 * own. Measured on the bench estates (5% AI nodes): 100k nodes / 500k edges in about 2 s instead of about
 * 20–40 min, with the same answer (`computeChokePointsPerSource` is the straightforward method, kept for tests).
 *
 * Cost: O(R α(R)) for each dominator tree, R the vertices it covers; per shared source, searches bounded by
 * its private part and the dominator subtrees it sits in.
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
  /** Parent (DFS number) of each DFS number in the breadth-first spanning tree (0 for the root). */
  readonly treeParent: Int32Array;
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

  constructor(private readonly g: Pick<SplitGraph, 'vertexCount' | 'fwdOff' | 'fwd' | 'revOff' | 'rev'>) {
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

/**
 * Pair counts per key (what is ranked: edge j → key j, node x → key edgeCount + x) and, on request, the pairs
 * as numbers (source position × nodeCount + jewel node), put in (source, jewel) order at the end.
 */
class Tally {
  readonly counts: Float64Array;
  readonly lists: (number[] | undefined)[] | undefined;
  constructor(size: number, withPairs: boolean) {
    this.counts = new Float64Array(size);
    this.lists = withPairs ? new Array<number[] | undefined>(size) : undefined;
  }
  pairs(key: number): number[] {
    return (this.lists![key] ??= []);
  }
}

/**
 * What one root's dominator tree says about every key. `emit(key, count, tops, lost, except)`: `count` jewel
 * sinks are lost when the key is removed: those at dominator-preorder positions in the intervals `tops`
 * ([lo, hi, lo, hi…]) and at the positions `lost`, except the jewel `except` (a node's own sink).
 */
type Emit = (key: number, count: number, tops: readonly number[], lost: readonly number[], except: number) => void;

/** The per-root analysis: a dominator tree from the root and its consequences for edges and nodes. */
class RootAnalysis {
  readonly count: Int32Array;
  /** Dominator-preorder positions of the reached sinks (the root's own excluded), ascending. */
  readonly reachedSinks: number[] = [];
  private readonly visitMark: Int32Array;
  private readonly known: Int32Array;
  private readonly rstack: Int32Array;
  private readonly explored: Int32Array;
  private searchId = 0;
  private knownStamp = 0;

  constructor(
    private readonly split: SplitGraph,
    private readonly gate: Uint8Array,
    private readonly wantNodes: boolean,
    private readonly edgeCount: number,
  ) {
    const V = split.vertexCount;
    this.count = new Int32Array(V);
    this.visitMark = new Int32Array(wantNodes ? V : 0);
    this.known = new Int32Array(wantNodes ? V : 0);
    this.rstack = new Int32Array(wantNodes ? V : 0);
    this.explored = new Int32Array(wantNodes ? V : 0);
  }

  /**
   * Runs `engine` from `root` and emits every key's lost sinks. `ownNode` (the root's node, or -1) is not
   * ranked and its sink is not counted. Returns the number of sinks reached.
   */
  analyze(engine: DominatorEngine, root: number, ownNode: number, emit: Emit): number {
    const { edgeBase, sinkBase, sinkOf } = this.split;
    const { gate, count, reachedSinks, wantNodes, edgeCount: m } = this;
    engine.run(root);
    const { order, idom, size, pre, dstart } = engine;
    const reached = engine.count;
    const ownSink = ownNode >= 0 ? sinkOf[ownNode]! : -1;
    reachedSinks.length = 0;
    for (let i = 0; i < reached; i++) {
      const v = order[i]!;
      const c = v >= sinkBase && v !== ownSink ? 1 : 0;
      count[i] = c;
      if (c) reachedSinks.push(dstart[i]!);
    }
    reachedSinks.sort((p, q) => p - q);
    if (reachedSinks.length === 0) return 0;
    for (let i = reached - 1; i > 0; i--) count[idom[i]!]! += count[i]!;
    const none: number[] = [];

    for (let i = 1; i < reached; i++) {
      const c = count[i]!;
      if (c === 0) continue;
      const v = order[i]!;
      if (v >= edgeBase && v < sinkBase) emit(v - edgeBase, c, [dstart[i]!, dstart[i]! + size[i]!], none, -1);
    }
    if (!wantNodes) return reachedSinks.length;
    const ownPosOf = (x: number) => {
      const own = sinkOf[x]!;
      return own >= 0 && pre[own]! >= 0 ? dstart[pre[own]!]! : -1;
    };
    for (let i = 1; i < reached; i++) {
      const v = order[i]!;
      if (v >= edgeBase) continue;
      const x = (v / 3) | 0;
      if (x === ownNode) continue;
      const b = v - x * 3;
      let g = gate[x]!;
      // Only one of the two states reached (or leading anywhere that matters): passage is through it alone.
      if (g === 3 && pre[x * 3 + 2] === -1) g = 2;
      else if (g === 3 && pre[x * 3] === -1) g = 1;
      // Single-gate nodes: the one state that carries passage.
      if (!((g === 1 && b === 2) || (g === 2 && b === 0))) continue;
      let c = count[i]!;
      const ownPos = ownPosOf(x);
      const lo = dstart[i]!;
      if (ownPos >= lo && ownPos < lo + size[i]!) c--;
      if (c > 0) emit(m + x, c, [lo, lo + size[i]!], none, x);
    }
    // Two-gate nodes: passage through (x, C) by ordinary edges or (x, R) by content edges.
    const doubles: number[] = [];
    for (let i = 1; i < reached; i++) {
      const v = order[i]!;
      if (v >= edgeBase || v % 3 !== 2) continue;
      const x = (v - 2) / 3;
      if (gate[x] === 3 && x !== ownNode && pre[x * 3]! >= 0) doubles.push(x);
    }
    if (doubles.length === 0) return reachedSinks.length;
    engine.bfsTree();
    const { treeSize, treeStart, dorder } = engine;
    const sinksByTree: number[] = []; // spanning-tree positions of the reached sinks, ascending
    const sinkAtTree = new Map<number, number>();
    for (const pos of reachedSinks) {
      const t = treeStart[pre[dorder[pos]!]!]!;
      sinksByTree.push(t);
      sinkAtTree.set(t, pre[dorder[pos]!]!);
    }
    sinksByTree.sort((p, q) => p - q);
    const { visitMark, known, rstack, explored } = this;
    const { revOff, rev } = this.split;
    for (const x of doubles) {
      const pc = pre[x * 3 + 2]!;
      const pr = pre[x * 3]!;
      const ownPos = ownPosOf(x);
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
      // A vertex whose BFS-tree path avoids both states stays reachable, so only sinks inside the BFS
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
        const K = ++this.knownStamp * 2; // known[w] === K: reachable without x; K + 1: not
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
            const id = ++this.searchId;
            let sp = 0;
            let ne = 0;
            rstack[sp++] = t;
            visitMark[t] = id;
            explored[ne++] = t;
            let found = false;
            while (sp > 0 && !found) {
              const v = rstack[--sp]!;
              for (let q = revOff[v]!, end = revOff[v + 1]!; q < end; q++) {
                const w = rev[q]!;
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
      if (c > 0) emit(m + x, c, top.flatMap((t) => [dstart[t]!, dstart[t]! + size[t]!]), lost, x);
    }
    return reachedSinks.length;
  }
}

/**
 * Ranks the edges and nodes whose removal disconnects (AI node, crown jewel) pairs. A pair (a, j) is
 * connected when j is in a's blast radius (section 4), a ≠ j.
 *
 * Sources that reach the largest strongly connected part of the split graph share one analysis (see
 * SharedCore); the others, and any the shared analysis cannot settle cheaply, get their own dominator tree.
 */
export function computeChokePoints(graph: InventoryGraph, options: ChokePointOptions = {}): ChokePoints {
  return chokePoints(graph, options, true);
}

/** Every source with its own dominator tree (the straightforward method; tests compare the two). */
export function computeChokePointsPerSource(graph: InventoryGraph, options: ChokePointOptions = {}): ChokePoints {
  return chokePoints(graph, options, false);
}

function chokePoints(graph: InventoryGraph, options: ChokePointOptions, share: boolean): ChokePoints {
  const { nodeCount: n, edgeCount: m, nodeFlags } = graph.index;
  const disabled = options.disabledEdges;
  const split = splitGraphOf(graph, disabled);
  const { sinkBase, sinkNode } = split;
  const withPairs = options.withPairs === true;
  const wantNodes = options.nodes !== false;
  const gate = wantNodes ? gatesOf(graph, disabled) : new Uint8Array(n);
  const tally = new Tally(m + n, withPairs);
  const analysis = new RootAnalysis(split, gate, wantNodes, m);
  let rootEngine: DominatorEngine | undefined;
  const sources = options.sources ?? aiSources(nodeFlags, n);
  let totalPairs = 0;
  const core = share ? sharedCoreOf(split) : undefined;
  let shared: SharedAnalysis | undefined;
  let sharedRoots = 0;

  /** The straightforward way: this source's own dominator tree. */
  const ownTree = (a: number, position: number) => {
    rootEngine ??= new DominatorEngine(split);
    const engine = rootEngine;
    totalPairs += analysis.analyze(engine, a * 3 + 2, a, (key, c, tops, lost) => {
      tally.counts[key]! += c;
      if (!withPairs) return;
      const list = tally.pairs(key);
      const except = key >= m ? key - m : -1;
      const { reachedSinks } = analysis;
      const add = (pos: number) => {
        const j = sinkNode[engine.dorder[pos]! - sinkBase]!;
        if (j !== except) list.push(position * n + j);
      };
      for (let t = 0; t < tops.length; t += 2) {
        for (let k = lowerBound(reachedSinks, tops[t]!); k < reachedSinks.length && reachedSinks[k]! < tops[t + 1]!; k++) add(reachedSinks[k]!);
      }
      for (const pos of lost) add(pos);
    });
  };

  let done = 0;
  for (let position = 0; position < sources.length; position++) {
    const a = sources[position]!;
    if (done > 0 && options.onProgress?.(done, sources.length) === false) break;
    done++;
    if (core) {
      shared ??= new SharedAnalysis(core, split, gate, wantNodes, analysis, tally, withPairs, m, n);
      const pairs = shared.root(a, position);
      if (pairs !== undefined) {
        totalPairs += pairs;
        sharedRoots++;
        continue;
      }
    }
    ownTree(a, position);
  }
  if (done === sources.length) options.onProgress?.(done, sources.length);
  // Every shared source loses, by default, what the reference loses (its corrections are already in).
  if (shared && sharedRoots > 0) shared.addDefaults(sharedRoots);

  const pairList = (key: number): readonly (readonly [string, string])[] | undefined => {
    const list = tally.lists?.[key];
    if (!list) return undefined;
    list.sort((p, q) => p - q);
    return list.map((code) => {
      const position = Math.floor(code / n);
      return [graph.nodes[sources[position]!]!.id, graph.nodes[code - position * n]!.id] as const;
    });
  };
  const edges: EdgeChokePoint[] = [];
  for (let j = 0; j < m; j++) {
    const pairs = tally.counts[j]!;
    if (pairs === 0) continue;
    const e = graph.edges[j]!;
    const list = pairList(j);
    edges.push({ edge: e.id, source: e.source, target: e.target, kind: e.kind, pairs, ...(list ? { pairList: list } : {}) });
  }
  edges.sort((p, q) => q.pairs - p.pairs || compareIds(p.edge, q.edge));
  const nodes: NodeChokePoint[] = [];
  if (wantNodes) {
    for (let x = 0; x < n; x++) {
      const pairs = tally.counts[m + x]!;
      if (pairs === 0) continue;
      const node = graph.nodes[x]!;
      const list = pairList(m + x);
      nodes.push({ node: node.id, kind: node.kind, pairs, ...(list ? { pairList: list } : {}) });
    }
    nodes.sort((p, q) => q.pairs - p.pairs || compareIds(p.node, q.node));
  }
  return { totalPairs, edges, nodes };
}

/** Which states carry passage through a node: 1 = (x, C) only, 2 = (x, R) only, 3 = both, 0 = none. */
function gatesOf(graph: InventoryGraph, disabled: Uint8Array | undefined): Uint8Array {
  const { nodeCount: n, outOffsets, outContentEnd, outEdges, edgeFlags, edgeGrant } = graph.index;
  const usable = (j: number) => (edgeFlags[j]! & EDGE_TRAVERSABLE) !== 0 && edgeGrant[j] !== 0 && (disabled === undefined || disabled[j] !== 1);
  const gate = new Uint8Array(n);
  for (let x = 0; x < n; x++) {
    let g = 0;
    for (let k = outOffsets[x]!, end = outOffsets[x + 1]!; k < end; k++) {
      if (!usable(outEdges[k]!)) continue;
      g |= k < outContentEnd[x]! ? 2 : 1;
    }
    gate[x] = g;
  }
  return gate;
}

/** The largest strongly connected part of a split graph and two reference vertices in it. */
interface SharedCore {
  /** Strongly connected component of each vertex. */
  readonly comp: Int32Array;
  readonly core: number;
  /** Two states of the core, of different nodes, with the most out-arcs (bushy dominator trees). */
  readonly refs: readonly [number, number];
}

const sccCache = new WeakMap<SplitGraph, { comp: Int32Array; largest: number; largestSize: number }>();

/** Tarjan's strongly connected components of the (pruned) split graph, iterative; cached per split graph. */
function componentsOf(split: SplitGraph): { comp: Int32Array; largest: number; largestSize: number } {
  const hit = sccCache.get(split);
  if (hit) return hit;
  const V = split.vertexCount;
  const { fwdOff, fwd } = split;
  const index = new Int32Array(V).fill(-1);
  const low = new Int32Array(V);
  const comp = new Int32Array(V).fill(-1);
  const onStack = new Uint8Array(V);
  const stack = new Int32Array(V);
  const call = new Int32Array(V);
  const edgePos = new Int32Array(V);
  let sp = 0;
  let cp = 0;
  let counter = 0;
  let count = 0;
  let largest = -1;
  let largestSize = 0;
  for (let root = 0; root < V; root++) {
    if (index[root] !== -1 || fwdOff[root] === fwdOff[root + 1]) continue; // a vertex without arcs is alone
    call[cp++] = root;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    edgePos[root] = fwdOff[root]!;
    while (cp > 0) {
      const v = call[cp - 1]!;
      const p = edgePos[v]!;
      if (p < fwdOff[v + 1]!) {
        edgePos[v] = p + 1;
        const w = fwd[p]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          edgePos[w] = fwdOff[w]!;
          call[cp++] = w;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      cp--;
      if (cp > 0 && low[v]! < low[call[cp - 1]!]!) low[call[cp - 1]!] = low[v]!;
      if (low[v] === index[v]) {
        let size = 0;
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = count;
          size++;
        } while (w !== v);
        if (size > largestSize) {
          largestSize = size;
          largest = count;
        }
        count++;
      }
    }
  }
  const result = { comp, largest, largestSize };
  sccCache.set(split, result);
  return result;
}

function sharedCoreOf(split: SplitGraph): SharedCore | undefined {
  const { comp, largest, largestSize } = componentsOf(split);
  if (largestSize < 2) return undefined;
  const { fwdOff, edgeBase } = split;
  // The reference: a state with many out-arcs, so few vertices dominate much from it.
  let best = -1;
  let second = -1;
  const degree = (v: number) => fwdOff[v + 1]! - fwdOff[v]!;
  for (let v = 0; v < edgeBase; v++) {
    if (comp[v] !== largest) continue;
    if (best < 0 || degree(v) > degree(best)) best = v;
  }
  if (best < 0) return undefined;
  const node = (best / 3) | 0;
  for (let v = 0; v < edgeBase; v++) {
    if (comp[v] !== largest || ((v / 3) | 0) === node) continue;
    if (second < 0 || degree(v) > degree(second)) second = v;
  }
  if (second < 0) return undefined;
  return { comp, core: largest, refs: [best, second] };
}

/** Marks compared with stamps (one counter, so a stamp is never reused while marks may hold it). */
class Scratch {
  private counter = 0;
  readonly arrays: Int32Array[] = [];
  constructor(readonly size: number) {}
  marks(): Int32Array {
    const a = new Int32Array(this.size);
    this.arrays.push(a);
    return a;
  }
  stamp(): number {
    if (this.counter >= 0x7ffffff0) {
      for (const a of this.arrays) a.fill(0);
      this.counter = 0;
    }
    return ++this.counter;
  }
}

/**
 * A reference vertex s of the core: the dominator tree of everything it reaches (and a breadth-first tree),
 * the dominator and breadth-first trees of the reversed core from s, and, per key, the sinks s loses when the
 * key is removed (dom_s).
 */
class Reference {
  readonly ref: DominatorEngine;
  readonly rev: DominatorEngine;
  /** Per key: sinks s loses (a node's own sink not counted). */
  readonly count: Float64Array;
  readonly tops = new Map<number, number[]>();
  readonly lost = new Map<number, Set<number>>();
  readonly lostBySink = new Map<number, number[]>();
  /** Dominator-preorder positions of every sink s reaches, ascending. */
  readonly sinkPositions: number[];
  private readonly visited: Int32Array;
  private readonly around: Int32Array;

  constructor(
    readonly vertex: number,
    core: SharedCore,
    private readonly split: SplitGraph,
    analysis: RootAnalysis,
    private readonly m: number,
    keys: number,
    private readonly scratch: Scratch,
  ) {
    const V = split.vertexCount;
    this.count = new Float64Array(keys);
    this.visited = scratch.marks();
    this.around = scratch.marks();
    this.ref = new DominatorEngine(split);
    analysis.analyze(this.ref, vertex, -1, (key, count, tops, lost) => {
      this.count[key] = count;
      this.tops.set(key, [...tops]);
      if (lost.length > 0) {
        this.lost.set(key, new Set(lost));
        for (const pos of lost) {
          const keysOf = this.lostBySink.get(pos);
          if (keysOf) keysOf.push(key);
          else this.lostBySink.set(pos, [key]);
        }
      }
    });
    this.sinkPositions = [...analysis.reachedSinks];
    this.ref.bfsTree();
    // The reversed core.
    const { comp, core: c } = core;
    const { fwdOff, fwd, revOff, rev } = split;
    const rOff = new Int32Array(V + 1);
    const fOff = new Int32Array(V + 1);
    let arcs = 0;
    for (let v = 0; v < V; v++) {
      if (comp[v] === c) for (let q = revOff[v]!, end = revOff[v + 1]!; q < end; q++) if (comp[rev[q]!] === c) arcs++;
    }
    const rFwd = new Int32Array(arcs);
    const rRev = new Int32Array(arcs);
    let kf = 0;
    let kr = 0;
    for (let v = 0; v < V; v++) {
      if (comp[v] === c) {
        for (let q = revOff[v]!, end = revOff[v + 1]!; q < end; q++) if (comp[rev[q]!] === c) rFwd[kf++] = rev[q]!;
        for (let p = fwdOff[v]!, end = fwdOff[v + 1]!; p < end; p++) if (comp[fwd[p]!] === c) rRev[kr++] = fwd[p]!;
      }
      rOff[v + 1] = kf;
      fOff[v + 1] = kr;
    }
    this.rev = new DominatorEngine({ vertexCount: V, fwdOff: rOff, fwd: rFwd, revOff: fOff, rev: rRev });
    this.rev.run(vertex);
    this.rev.bfsTree();
  }

  reached(v: number): boolean {
    return this.ref.pre[v]! >= 0;
  }
  sinkAt(pos: number): number {
    return this.ref.dorder[pos]!;
  }
  positionOf(v: number): number {
    return this.ref.dstart[this.ref.pre[v]!]!;
  }
  /** y ≠ w and y dominates w from s. */
  dominates(y: number, w: number): boolean {
    return inDominatorSubtree(this.ref, y, w);
  }
  /** y ≠ w and every path from w to s (within the core) passes y. */
  postDominates(y: number, w: number): boolean {
    return inDominatorSubtree(this.rev, y, w);
  }

  /** Is the sink at position pos among those s loses when key is removed? */
  loses(key: number, pos: number): boolean {
    const tops = this.tops.get(key);
    if (!tops) return false;
    if (key >= this.m && this.ownPosition(key - this.m) === pos) return false;
    for (let t = 0; t < tops.length; t += 2) if (pos >= tops[t]! && pos < tops[t + 1]!) return true;
    return this.lost.get(key)?.has(pos) === true;
  }

  /** Calls visit(pos) for every sink position s loses when key is removed. */
  eachLost(key: number, visit: (pos: number) => void): void {
    const tops = this.tops.get(key);
    if (!tops) return;
    const ownPos = key >= this.m ? this.ownPosition(key - this.m) : -1;
    const positions = this.sinkPositions;
    for (let t = 0; t < tops.length; t += 2) {
      for (let k = lowerBound(positions, tops[t]!); k < positions.length && positions[k]! < tops[t + 1]!; k++) if (positions[k] !== ownPos) visit(positions[k]!);
    }
    for (const pos of this.lost.get(key) ?? []) visit(pos);
  }

  private ownPosition(x: number): number {
    const own = this.split.sinkOf[x]!;
    return own >= 0 && this.reached(own) ? this.positionOf(own) : -1;
  }

  /**
   * Whether the removed core vertices separate s from e (forward) or e from s (backward). One vertex: the
   * dominator trees. Two: the breadth-first trees, then a search that avoids both.
   */
  separation(e: number, core: readonly number[]): { forward: boolean; backward: boolean } {
    if (core.length === 0) return { forward: false, backward: false };
    if (core.length === 1) return { forward: this.dominates(core[0]!, e), backward: this.postDominates(core[0]!, e) };
    const [y1, y2] = core as [number, number];
    const forward =
      this.dominates(y1, e) || this.dominates(y2, e) || ((inTreeSubtree(this.ref, y1, e) || inTreeSubtree(this.ref, y2, e)) && !this.reachesAround(e, y1, y2, false));
    const backward =
      this.postDominates(y1, e) || this.postDominates(y2, e) || ((inTreeSubtree(this.rev, y1, e) || inTreeSubtree(this.rev, y2, e)) && !this.reachesAround(e, y1, y2, true));
    return { forward, backward };
  }

  /**
   * Forward: is e reachable from s avoiding y1 and y2 (backward search from e to a vertex whose breadth-first
   * path from s avoids both)? Backward: does e reach s avoiding them (forward search within the core to a
   * vertex whose breadth-first path to s avoids both)?
   */
  private reachesAround(e: number, y1: number, y2: number, toS: boolean): boolean {
    const engine = toS ? this.rev : this.ref;
    const off = toS ? this.split.fwdOff : this.split.revOff;
    const arcs = toS ? this.split.fwd : this.split.rev;
    const seen = this.scratch.stamp();
    const visited = this.around;
    const stack: number[] = [e];
    visited[e] = seen;
    while (stack.length > 0) {
      const v = stack.pop()!;
      for (let p = off[v]!, end = off[v + 1]!; p < end; p++) {
        const w = arcs[p]!;
        if (w === y1 || w === y2 || visited[w] === seen || engine.pre[w]! < 0) continue;
        if (!inTreeSubtree(engine, y1, w) && !inTreeSubtree(engine, y2, w)) return true;
        visited[w] = seen;
        stack.push(w);
      }
    }
    return false;
  }

  /**
   * Marks with `foundStamp` the sinks entry e reaches with `removed` gone. When e still reaches s (not
   * `backward`) it reaches all s reaches avoiding the removed set, and the search stops at such vertices;
   * otherwise it runs in full.
   */
  search(e: number, removed: readonly number[], backward: boolean, found: Int32Array, foundStamp: number): void {
    const { fwdOff, fwd, sinkBase } = this.split;
    const seen = this.scratch.stamp();
    const visited = this.visited;
    const inReach = removed.filter((y) => this.reached(y));
    const known = (w: number) => {
      if (backward || !this.reached(w)) return false;
      if (inReach.length === 1) return !this.dominates(inReach[0]!, w);
      return inReach.every((y) => !inTreeSubtree(this.ref, y, w));
    };
    for (const y of removed) visited[y] = seen;
    const queue: number[] = [e];
    visited[e] = seen;
    for (let head = 0; head < queue.length; head++) {
      const v = queue[head]!;
      if (v >= sinkBase) found[v] = foundStamp;
      if (head > 0 && known(v)) continue;
      for (let p = fwdOff[v]!, end = fwdOff[v + 1]!; p < end; p++) {
        const w = fwd[p]!;
        if (visited[w] === seen) continue;
        visited[w] = seen;
        queue.push(w);
      }
    }
  }
}

/** y ≠ w and w lies in y's subtree of the engine's dominator tree. */
function inDominatorSubtree(engine: DominatorEngine, y: number, w: number): boolean {
  const { pre, dstart, size } = engine;
  const py = pre[y]!;
  const pw = pre[w]!;
  if (py < 0 || pw < 0 || y === w) return false;
  const q = dstart[pw]!;
  return q >= dstart[py]! && q < dstart[py]! + size[py]!;
}

/** w lies in y's subtree of the engine's breadth-first tree. */
function inTreeSubtree(engine: DominatorEngine, y: number, w: number): boolean {
  const { pre, treeStart, treeSize } = engine;
  const py = pre[y]!;
  const pw = pre[w]!;
  if (py < 0 || pw < 0) return false;
  const q = treeStart[pw]!;
  return q >= treeStart[py]! && q < treeStart[py]! + treeSize[py]!;
}

/**
 * Choke points shared by the sources that reach the core C (the largest strongly connected part of the split
 * graph), from a reference vertex s in C. For a removed set Y (an edge vertex, or a node's gate states) write
 * dom_v(Y) for the sinks not reachable from v once Y is removed.
 *
 * - Same component: if s reaches e and e reaches s, both avoiding Y, they reach the same things avoiding Y,
 *   so dom_e(Y) = dom_s(Y). For a single vertex y that holds unless y dominates e from s (an ancestor in the
 *   dominator tree from s) or every path from e to s passes y (an ancestor in the dominator tree of the
 *   reversed C from s); for two gates it is settled by searches bounded by breadth-first subtrees.
 * - A source r outside C reaches a private part B (the vertices it reaches without entering C) and enters C
 *   at entries E. With Y removed it reaches what B reaches avoiding Y plus what each entry not in Y reaches
 *   avoiding Y. So it loses dom_s(Y) less the sinks B reaches, whenever Y misses B and E and every entry is
 *   ordinary as above; only the few other keys need an exact computation, by searches confined to small
 *   regions (a dominator subtree, B, or what an entry reaches without passing Y).
 * - A source inside C is the case B = ∅, E = {r}.
 *
 * The keys containing s itself are settled from a second reference vertex of another node.
 * So two dominator trees per reference and, per source, a few small searches replace a dominator tree per
 * source over everything it reaches. A source whose private part is large gets its own tree.
 */
class SharedAnalysis {
  private readonly main: Reference;
  private readonly other: Reference;
  /** The key of the main reference's node (its gates include s): settled from the other reference. */
  private readonly ownKey: number;
  private readonly edgeBase: number;
  private readonly sinkBase: number;
  private readonly m: number;
  private readonly n: number;
  private readonly scratch: Scratch;
  /** The current source's private part B. */
  private readonly inPrivate: Int32Array;
  /** Visited by privateWalk, and the entries it found. */
  private readonly walked: Int32Array;
  private readonly entered: Int32Array;
  /** Sinks the private walk of one exact computation reaches; sinks its entries' searches find. */
  private readonly walkSink: Int32Array;
  private readonly found: Int32Array;
  /** Per key: special for the current source; seen while correcting one sink. */
  private readonly keySpecial: Int32Array;
  private readonly keySeen: Int32Array;
  private readonly queue: Int32Array;

  constructor(
    private readonly core: SharedCore,
    private readonly split: SplitGraph,
    private readonly gate: Uint8Array,
    private readonly wantNodes: boolean,
    analysis: RootAnalysis,
    private readonly tally: Tally,
    private readonly withPairs: boolean,
    m: number,
    n: number,
  ) {
    const V = split.vertexCount;
    this.edgeBase = split.edgeBase;
    this.sinkBase = split.sinkBase;
    this.m = m;
    this.n = n;
    this.scratch = new Scratch(V);
    this.inPrivate = this.scratch.marks();
    this.walked = this.scratch.marks();
    this.entered = this.scratch.marks();
    this.walkSink = this.scratch.marks();
    this.found = this.scratch.marks();
    this.keySpecial = new Int32Array(m + n);
    this.keySeen = new Int32Array(m + n);
    this.scratch.arrays.push(this.keySpecial, this.keySeen);
    this.queue = new Int32Array(V);
    this.main = new Reference(core.refs[0], core, split, analysis, m, m + n, this.scratch);
    this.other = new Reference(core.refs[1], core, split, analysis, m, m + n, this.scratch);
    this.ownKey = this.keyOf(core.refs[0]);
  }

  private inCore(v: number): boolean {
    return this.core.comp[v] === this.core.core;
  }

  private keyOf(v: number): number {
    if (v >= this.sinkBase) return -1;
    if (v >= this.edgeBase) return v - this.edgeBase;
    const x = (v / 3) | 0;
    return this.wantNodes && this.gate[x] !== 0 ? this.m + x : -1;
  }

  /** The default share of a key: what the main reference loses (none for the key it cannot settle). */
  private defaultOf(key: number): number {
    return key === this.ownKey ? 0 : this.main.count[key]!;
  }

  /**
   * What source a contributes, or undefined when it should get its own dominator tree (it does not reach the
   * core, or its private part is large). Adds its corrections and exact keys to the tally; the default share
   * is added for all shared sources at the end (addDefaults).
   */
  root(a: number, position: number): number | undefined {
    const r = a * 3 + 2;
    const { split, main } = this;
    if (split.fwdOff[r] === split.fwdOff[r + 1]) return undefined;
    const walk = this.inCore(r) ? { vertices: [] as number[], entries: [r], sinks: [] as number[] } : this.privateWalk(r, []);
    if (!walk || walk.entries.length === 0) return undefined;
    const bMark = this.scratch.stamp();
    for (const v of walk.vertices) this.inPrivate[v] = bMark;
    const privateSinks = walk.sinks.filter((t) => !main.reached(t));
    const own = split.sinkOf[a]!;
    const ownReached = own >= 0 && (main.reached(own) || privateSinks.includes(own));
    const pairs = main.sinkPositions.length + privateSinks.length - (ownReached ? 1 : 0);

    // Keys whose share is not the default: they touch B or an entry, or some entry is not ordinary for them.
    const special = this.scratch.stamp();
    const specialKeys: number[] = [];
    const flag = (key: number) => {
      if (key >= 0 && this.keySpecial[key] !== special) {
        this.keySpecial[key] = special;
        specialKeys.push(key);
      }
    };
    flag(this.ownKey);
    if (this.wantNodes) flag(this.m + a);
    for (const v of walk.vertices) flag(this.keyOf(v));
    for (const e of walk.entries) {
      flag(this.keyOf(e));
      for (const engine of [main.ref, main.rev]) {
        for (let i = engine.pre[e]!; i > 0; ) {
          i = engine.idom[i]!;
          if (i > 0) flag(this.keyOf(engine.order[i]!));
        }
      }
      if (!this.wantNodes) continue;
      // Two-gate nodes with both gates in C: either gate on the breadth-first path from s or to s.
      for (const engine of [main.ref, main.rev]) {
        for (let i = engine.pre[e]!; i > 0; ) {
          i = engine.treeParent[i]!;
          const v = engine.order[i]!;
          if (i > 0 && v < this.edgeBase && this.gate[(v / 3) | 0] === 3) flag(this.keyOf(v));
        }
      }
    }
    for (const key of specialKeys) {
      this.tally.counts[key]! += this.exact(r, a, position, key, walk.vertices, bMark) - this.defaultOf(key);
    }
    // The default share less the sinks this source does not count: its own, and those B reaches anyway.
    const skip = new Set<number>();
    if (own >= 0 && main.reached(own)) skip.add(main.positionOf(own));
    for (const t of walk.sinks) if (main.reached(t)) skip.add(main.positionOf(t));
    for (const pos of skip) {
      const seen = this.scratch.stamp();
      const lose = (key: number) => {
        if (key < 0 || this.keySpecial[key] === special || this.keySeen[key] === seen) return;
        this.keySeen[key] = seen;
        if (main.loses(key, pos)) this.tally.counts[key]! -= 1;
      };
      for (let i = main.ref.pre[main.sinkAt(pos)]!; i > 0; ) {
        i = main.ref.idom[i]!;
        if (i > 0) lose(this.keyOf(main.ref.order[i]!));
      }
      for (const key of main.lostBySink.get(pos) ?? []) lose(key);
    }
    if (this.withPairs) {
      const { sinkNode } = split;
      for (const key of main.tops.keys()) {
        if (this.keySpecial[key] === special) continue;
        const list = this.tally.pairs(key);
        main.eachLost(key, (pos) => {
          if (!skip.has(pos)) list.push(position * this.n + sinkNode[main.sinkAt(pos) - this.sinkBase]!);
        });
      }
    }
    return pairs;
  }

  /** Adds the default share of `count` shared sources. */
  addDefaults(count: number): void {
    for (const key of this.main.tops.keys()) this.tally.counts[key]! += this.defaultOf(key) * count;
  }

  /**
   * The vertices r reaches without entering C and without passing `removed`, the entries into C it finds
   * (not in `removed`), and the sinks among the vertices. Undefined when it grows past the budget.
   */
  private privateWalk(r: number, removed: readonly number[]): { vertices: number[]; entries: number[]; sinks: number[] } | undefined {
    const { fwdOff, fwd } = this.split;
    const seen = this.scratch.stamp();
    const { queue, walked: visited, entered } = this;
    for (const y of removed) visited[y] = seen;
    visited[r] = seen;
    let tail = 0;
    queue[tail++] = r;
    const entries: number[] = [];
    const sinks: number[] = [];
    for (let head = 0; head < tail; head++) {
      const v = queue[head]!;
      if (v >= this.sinkBase) sinks.push(v);
      for (let p = fwdOff[v]!, end = fwdOff[v + 1]!; p < end; p++) {
        const w = fwd[p]!;
        if (visited[w] === seen) continue;
        visited[w] = seen;
        if (this.inCore(w)) {
          if (entered[w] !== seen) {
            entered[w] = seen;
            entries.push(w);
          }
          continue;
        }
        if (tail >= PRIVATE_BUDGET) return undefined;
        queue[tail++] = w;
      }
    }
    return { vertices: Array.from(queue.subarray(0, tail)), entries, sinks };
  }

  /** The removed set of a key for source a (its gates as reached from a), or undefined when a cannot pass it. */
  private removedSet(a: number, key: number, bMark: number): number[] | undefined {
    if (key < this.m) return [this.edgeBase + key];
    const x = key - this.m;
    if (x === a) return undefined;
    const reached = (v: number) => this.main.reached(v) || this.inPrivate[v] === bMark;
    const reachedC = reached(x * 3 + 2);
    const reachedR = reached(x * 3);
    let g = this.gate[x]!;
    if (g === 3 && !reachedC) g = 2;
    else if (g === 3 && !reachedR) g = 1;
    if (g === 1) return reachedC ? [x * 3 + 2] : undefined;
    if (g === 2) return reachedR ? [x * 3] : undefined;
    return g === 3 ? [x * 3 + 2, x * 3] : undefined;
  }

  /** The exact number of sinks source a (root r) loses with `key` removed; records the pairs on request. */
  private exact(r: number, a: number, position: number, key: number, bVertices: readonly number[], bMark: number): number {
    const removed = this.removedSet(a, key, bMark);
    if (!removed) return 0;
    // The key's reference: the main one, unless s itself is removed.
    const ref = removed.includes(this.main.vertex) ? this.other : this.main;
    const walk = this.inCore(r) ? { vertices: [] as number[], entries: [r], sinks: [] as number[] } : this.privateWalk(r, removed);
    if (!walk) throw new Error('chokepoints: a private walk grew past its budget');
    const core = removed.filter((y) => this.inCore(y));
    // Each entry: ordinary (it and s reach each other avoiding the removed set), or its own search.
    const foundStamp = this.scratch.stamp();
    let ordinary = false;
    let searched = false;
    let complement = false;
    for (const e of walk.entries) {
      const sep = ref.separation(e, core);
      if (!sep.forward && !sep.backward) {
        ordinary = true;
        continue;
      }
      searched = true;
      if (!sep.backward) complement = true;
      ref.search(e, removed, sep.backward, this.found, foundStamp);
    }
    const except = key >= this.m ? key - this.m : -1;
    const ownSink = this.split.sinkOf[a]!;
    const reachedMark = this.scratch.stamp();
    for (const t of walk.sinks) this.walkSink[t] = reachedMark;
    const { sinkNode } = this.split;
    const list = this.withPairs ? this.tally.pairs(key) : undefined;
    let lost = 0;
    const consider = (t: number) => {
      if (t === ownSink || this.walkSink[t] === reachedMark || (searched && this.found[t] === foundStamp)) return;
      const j = sinkNode[t - this.sinkBase]!;
      if (j === except) return;
      lost++;
      list?.push(position * this.n + j);
    };
    // Sinks only B reaches: lost when B no longer reaches them.
    for (const t of bVertices) if (t >= this.sinkBase && !ref.reached(t)) consider(t);
    if (ordinary || complement) {
      // Some entry reaches everything s reaches avoiding the removed set: only dom_s is in question.
      ref.eachLost(key, (pos) => consider(ref.sinkAt(pos)));
    } else {
      for (const pos of ref.sinkPositions) consider(ref.sinkAt(pos));
    }
    return lost;
  }
}

/** Vertices a source may reach outside the core before it gets its own dominator tree instead. */
const PRIVATE_BUDGET = 4096;

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
