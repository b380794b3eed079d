/**
 * The (node, bit) state graph of the reach semantics, made explicit and condensed into strongly connected
 * components, so that reach from many sources is one pass over a DAG per 32 sources.
 *
 * States: s = node * 3 + b with b = 0 (R), 1 (W), 2 (C). Arcs:
 * - (u, C) → target state(s) of every traversable out-edge of u: (v, C) when the grant holds C, else
 *   (v, R) and/or (v, W);
 * - (u, R) → the same for u's content edges (`stores`, `indexes`);
 * - (v, C) → (v, R) and (v, C) → (v, W), since C implies R and W.
 * A node is reached from source s exactly when one of its states is reachable from (s, C).
 */
import type { InventoryGraph } from './build-graph.ts';
import { INFO_TRAVERSABLE } from './build-graph.ts';

export interface CondensedStateGraph {
  /** Component of each state. Components are numbered in topological order (arcs go to higher ids). */
  readonly component: Int32Array;
  readonly componentCount: number;
  /** Arcs between components, CSR by source component, duplicates possible, no self-loops. */
  readonly offsets: Int32Array;
  readonly targets: Int32Array;
}

const cache = new WeakMap<InventoryGraph, WeakMap<Uint8Array, CondensedStateGraph> & { plain?: CondensedStateGraph }>();

/** Builds (or returns the cached) condensed state graph for a graph and an optional switched-off mask. */
export function condenseStateGraph(graph: InventoryGraph, disabledEdges?: Uint8Array): CondensedStateGraph {
  let perGraph = cache.get(graph);
  if (!perGraph) {
    perGraph = new WeakMap();
    cache.set(graph, perGraph);
  }
  const hit = disabledEdges ? perGraph.get(disabledEdges) : perGraph.plain;
  if (hit) return hit;
  const built = build(graph, disabledEdges);
  if (disabledEdges) perGraph.set(disabledEdges, built);
  else perGraph.plain = built;
  return built;
}

function build(graph: InventoryGraph, disabled: Uint8Array | undefined): CondensedStateGraph {
  const { nodeCount: n, outOffsets, outContentEnd, outTarget, outInfo, outEdges } = graph.index;
  const S = 3 * n;
  const usable = (k: number) => (outInfo[k]! & INFO_TRAVERSABLE) !== 0 && (disabled === undefined || disabled[outEdges[k]!] !== 1);

  // State arcs, CSR. Count first.
  const degree = new Int32Array(S + 1);
  const arcsOf = (k: number) => {
    const g = outInfo[k]! & 7;
    return g & 4 ? 1 : (g & 1 ? 1 : 0) + (g & 2 ? 1 : 0);
  };
  for (let u = 0; u < n; u++) {
    let c = 2;
    let r = 0;
    for (let k = outOffsets[u]!, end = outOffsets[u + 1]!; k < end; k++) {
      if (!usable(k)) continue;
      const a = arcsOf(k);
      c += a;
      if (k < outContentEnd[u]!) r += a;
    }
    degree[u * 3 + 3] = c; // (u, C) is state u*3+2; degree is shifted by one for the prefix sum
    degree[u * 3 + 1] = r;
  }
  for (let i = 1; i <= S; i++) degree[i]! += degree[i - 1]!;
  const offsets = degree;
  const arcs = new Int32Array(offsets[S]!);
  const fill = offsets.slice(0, S);
  const push = (from: number, k: number) => {
    const v = outTarget[k]!;
    const g = outInfo[k]! & 7;
    if (g & 4) arcs[fill[from]!++] = v * 3 + 2;
    else {
      if (g & 1) arcs[fill[from]!++] = v * 3;
      if (g & 2) arcs[fill[from]!++] = v * 3 + 1;
    }
  };
  for (let u = 0; u < n; u++) {
    const c = u * 3 + 2;
    arcs[fill[c]!++] = u * 3;
    arcs[fill[c]!++] = u * 3 + 1;
    for (let k = outOffsets[u]!, end = outOffsets[u + 1]!; k < end; k++) {
      if (!usable(k)) continue;
      push(c, k);
      if (k < outContentEnd[u]!) push(u * 3, k);
    }
  }

  // Tarjan's SCC, iterative. Components come out in reverse topological order.
  const index = new Int32Array(S).fill(-1);
  const low = new Int32Array(S);
  const onStack = new Uint8Array(S);
  const stack = new Int32Array(S);
  const callStack = new Int32Array(S);
  const edgePos = new Int32Array(S);
  const comp = new Int32Array(S);
  let sp = 0;
  let cp = 0;
  let counter = 0;
  let compCount = 0;
  for (let root = 0; root < S; root++) {
    if (index[root] !== -1) continue;
    callStack[cp++] = root;
    index[root] = low[root] = counter++;
    stack[sp++] = root;
    onStack[root] = 1;
    edgePos[root] = offsets[root]!;
    while (cp > 0) {
      const v = callStack[cp - 1]!;
      const pos = edgePos[v]!;
      if (pos < offsets[v + 1]!) {
        edgePos[v] = pos + 1;
        const w = arcs[pos]!;
        if (index[w] === -1) {
          index[w] = low[w] = counter++;
          stack[sp++] = w;
          onStack[w] = 1;
          edgePos[w] = offsets[w]!;
          callStack[cp++] = w;
        } else if (onStack[w] === 1 && index[w]! < low[v]!) low[v] = index[w]!;
        continue;
      }
      cp--;
      if (cp > 0) {
        const parent = callStack[cp - 1]!;
        if (low[v]! < low[parent]!) low[parent] = low[v]!;
      }
      if (low[v] === index[v]) {
        let w: number;
        do {
          w = stack[--sp]!;
          onStack[w] = 0;
          comp[w] = compCount;
        } while (w !== v);
        compCount++;
      }
    }
  }
  // Renumber so that arcs go from lower to higher component ids (topological order).
  for (let s = 0; s < S; s++) comp[s] = compCount - 1 - comp[s]!;

  // Component arcs, CSR by source component.
  const cDegree = new Int32Array(compCount + 1);
  for (let s = 0; s < S; s++) {
    const cs = comp[s]!;
    for (let p = offsets[s]!, end = offsets[s + 1]!; p < end; p++) if (comp[arcs[p]!] !== cs) cDegree[cs + 1]!++;
  }
  for (let i = 1; i <= compCount; i++) cDegree[i]! += cDegree[i - 1]!;
  const cTargets = new Int32Array(cDegree[compCount]!);
  const cFill = cDegree.slice(0, compCount);
  for (let s = 0; s < S; s++) {
    const cs = comp[s]!;
    for (let p = offsets[s]!, end = offsets[s + 1]!; p < end; p++) {
      const ct = comp[arcs[p]!]!;
      if (ct !== cs) cTargets[cFill[cs]!++] = ct;
    }
  }
  return { component: comp, componentCount: compCount, offsets: cDegree, targets: cTargets };
}
