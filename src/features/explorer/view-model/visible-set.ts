/**
 * What the canvas draws. Small inventories are drawn whole. Large ones never are: the focused subgraph
 * (the selection and its radius, nearest first, plus one hop of context) is drawn up to an element budget,
 * and every other node is folded into one group per kind with a count badge, expandable on demand.
 */
import { NODE_AI, NODE_CROWN_JEWEL } from '../../../graph/index.ts';
import type { InventoryGraph } from '../../../graph/index.ts';
import { NODE_KINDS } from '../../../model/index.ts';
import type { NodeKind } from '../../../model/index.ts';

/** About 1.5k elements keeps a highlight repaint near 80 ms under software rendering. */
export const ELEMENT_BUDGET = 1500;
/** How many members one expanded group adds. */
export const EXPAND_LIMIT = 250;

export interface HiddenGroup {
  readonly kind: NodeKind;
  /** Nodes of this kind that are not drawn. */
  readonly count: number;
  /** Of those, how many are in the focused radius. */
  readonly focused: number;
}

export interface VisibleSet {
  /** Whole inventory drawn, or a focused subgraph. */
  readonly whole: boolean;
  readonly nodes: readonly number[];
  readonly edges: readonly number[];
  readonly groups: readonly HiddenGroup[];
}

export interface VisibleOptions {
  /** The selected node (source of a reach, target of an exposure, ends of a path). */
  readonly anchors?: readonly number[];
  /** The focused radius, nearest first. */
  readonly focus?: ArrayLike<number>;
  readonly expandedKinds?: ReadonlySet<NodeKind>;
  readonly budget?: number;
}

export function selectVisible(graph: InventoryGraph, options: VisibleOptions = {}): VisibleSet {
  const { nodeCount, edgeCount, outOffsets, outEdges, inOffsets, inEdges, edgeSource, edgeTarget, nodeFlags, nodeKind } =
    graph.index;
  const budget = options.budget ?? ELEMENT_BUDGET;
  if (nodeCount + edgeCount <= budget) {
    return {
      whole: true,
      nodes: Array.from({ length: nodeCount }, (_, i) => i),
      edges: Array.from({ length: edgeCount }, (_, j) => j),
      groups: [],
    };
  }

  const chosen = new Uint8Array(nodeCount);
  const nodes: number[] = [];
  const edges: number[] = [];
  let used = 0;
  // NOTE: keep room for the group nodes so the total stays within the budget.
  const limit = budget - NODE_KINDS.length;

  const tryAdd = (v: number): boolean => {
    if (chosen[v]) return true;
    let added = 0;
    for (let k = outOffsets[v]!; k < outOffsets[v + 1]!; k++) if (chosen[edgeTarget[outEdges[k]!]!]) added++;
    for (let k = inOffsets[v]!; k < inOffsets[v + 1]!; k++) if (chosen[edgeSource[inEdges[k]!]!]) added++;
    if (used + 1 + added > limit) {
      // Drop the node's edges rather than the node when only edges overflow.
      if (used + 1 > limit) return false;
      chosen[v] = 1;
      nodes.push(v);
      used++;
      return true;
    }
    chosen[v] = 1;
    nodes.push(v);
    used += 1;
    for (let k = outOffsets[v]!; k < outOffsets[v + 1]!; k++) {
      const e = outEdges[k]!;
      const t = edgeTarget[e]!;
      if (chosen[t] && t !== v) {
        edges.push(e);
        used++;
      }
    }
    for (let k = inOffsets[v]!; k < inOffsets[v + 1]!; k++) {
      const e = inEdges[k]!;
      const s = edgeSource[e]!;
      if (chosen[s]) {
        edges.push(e);
        used++;
      }
    }
    return true;
  };

  const core: number[] = [];
  for (const a of options.anchors ?? []) if (tryAdd(a)) core.push(a);
  const focus = options.focus;
  const inFocus = new Uint8Array(nodeCount);
  const expanded = options.expandedKinds ?? new Set<NodeKind>();
  let focusDone = 0;
  const addFocus = (cap: number): void => {
    if (!focus) return;
    for (; focusDone < focus.length; focusDone++) {
      if (used >= cap || !tryAdd(focus[focusDone]!)) break;
      core.push(focus[focusDone]!);
    }
  };
  if (focus && focus.length > 0) {
    for (let i = 0; i < focus.length; i++) inFocus[focus[i]!] = 1;
    // Groups the analyst expanded get a share of the budget even when the radius alone would fill it.
    addFocus(expanded.size ? limit * 0.6 : limit);
  } else if (!options.anchors?.length) {
    // Nothing selected: the AI integrations and the crown jewels are what an analyst starts from.
    const aiBudget = expanded.size ? limit * 0.4 : limit;
    for (let i = 0; i < nodeCount; i++) {
      if (used >= aiBudget) break;
      if (nodeFlags[i]! & NODE_AI && tryAdd(i)) core.push(i);
    }
    const crownBudget = expanded.size ? limit * 0.5 : limit * 0.6;
    for (let i = 0; i < nodeCount; i++) {
      if (used >= crownBudget) break;
      if (nodeFlags[i]! & NODE_CROWN_JEWEL && tryAdd(i)) core.push(i);
    }
  }
  for (const kind of expanded) {
    const code = NODE_KINDS.indexOf(kind);
    let n = 0;
    for (let i = 0; i < nodeCount && n < EXPAND_LIMIT; i++) {
      if (nodeKind[i] === code && !chosen[i]) {
        if (!tryAdd(i)) break;
        n++;
      }
    }
  }
  addFocus(limit);
  // One hop of context around the core, nearest first, while the budget lasts.
  context: for (const u of core) {
    for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) if (!tryAdd(edgeTarget[outEdges[k]!]!)) break context;
    for (let k = inOffsets[u]!; k < inOffsets[u + 1]!; k++) if (!tryAdd(edgeSource[inEdges[k]!]!)) break context;
  }

  const hidden = new Map<number, { count: number; focused: number }>();
  for (let i = 0; i < nodeCount; i++) {
    if (chosen[i]) continue;
    const g = hidden.get(nodeKind[i]!) ?? { count: 0, focused: 0 };
    g.count++;
    if (inFocus[i]) g.focused++;
    hidden.set(nodeKind[i]!, g);
  }
  const groups = [...hidden.entries()]
    .map(([code, g]) => ({ kind: NODE_KINDS[code]!, count: g.count, focused: g.focused }))
    .sort((a, b) => b.count - a.count);
  return { whole: false, nodes, edges, groups };
}
