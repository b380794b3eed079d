/**
 * §6.2 "which edge to cut": a weighted minimum edge cut over a finding's witness paths.
 *
 * A finding is an AND of legs and each leg an OR of witness paths, so the finding is resolved by breaking
 * any one leg, and a leg is broken by cutting every one of its witness paths. For each required leg we build
 * the union of its witnesses (super-source → first nodes, last nodes → super-sink, one arc per edge weighed
 * by business cost), run max-flow (Edmonds–Karp; the graphs are tiny) and read off the minimum cut. The
 * cheapest leg's cut is the recommendation; the next-best alternative is the next leg's cut, or for a
 * single-leg finding the cheapest cut that avoids the first cut's edges.
 */
import type { EdgeCut, FindingCut, FindingLeg, LegRole } from './types.ts';

/** Business cost of cutting an edge of a kind in a leg of a role (lower = easier). */
export function cutWeight(kind: string, role: LegRole): number {
  switch (kind) {
    case 'has_tool':
    case 'provides':
      return role === 'sink' || role === 'destructive' ? 1 : role === 'exec' ? 1.5 : role === 'private' ? 4 : 2;
    case 'stores':
    case 'sends':
    case 'renders_to':
      return 1;
    case 'authenticates_as':
      return role === 'pivot' ? 1.5 : 2; // revoking a grant
    case 'writes':
      return role === 'untrusted' ? 1 : 2; // revoking an outsider's write access
    case 'executes':
      return role === 'exec' ? 1 : 2; // re-point the tool at an isolated sandbox
    case 'can_invoke':
      return role === 'entry' ? 2 : 3; // put the endpoint behind authentication
    case 'runs_as':
      return role === 'pivot' ? 2 : 3; // a separate identity
    case 'has_permission':
    case 'delegates_to':
    case 'uses_credential':
    case 'can_assume':
    case 'member_of':
    case 'uses_model':
    case 'routes_to':
    case 'depends_on':
      return 2;
    case 'connects_to':
      return role === 'private' || role === 'target' ? 4 : 2;
    case 'indexes':
      return 2; // re-index without the source
    case 'reads':
    case 'retrieves':
    case 'remembers':
      return role === 'private' ? 4 : 3;
    default:
      return 3;
  }
}

interface Arc {
  to: number;
  cap: number;
  rev: number;
  edgeId?: string;
}

const INF = Number.POSITIVE_INFINITY;

/** Minimum cut of one leg's witnesses; `forbidden` edges cannot be cut. Infinite cost when uncuttable. */
export function legMinCut(leg: FindingLeg, kindOf: (edgeId: string) => string, forbidden: ReadonlySet<string> = new Set()): EdgeCut {
  const ids = new Map<string, number>();
  const idOf = (node: string) => {
    let i = ids.get(node);
    if (i === undefined) {
      i = ids.size + 2;
      ids.set(node, i);
    }
    return i;
  };
  const S = 0;
  const T = 1;
  const arcs: Arc[][] = [[], []];
  const add = (u: number, v: number, cap: number, edgeId?: string) => {
    while (arcs.length <= Math.max(u, v)) arcs.push([]);
    arcs[u]!.push({ to: v, cap, rev: arcs[v]!.length, ...(edgeId !== undefined ? { edgeId } : {}) });
    arcs[v]!.push({ to: u, cap: 0, rev: arcs[u]!.length - 1 });
  };
  const seenArc = new Set<string>();
  for (const w of leg.witnesses) {
    if (w.nodes.length === 0) continue;
    const first = idOf(w.nodes[0]!);
    const last = idOf(w.nodes[w.nodes.length - 1]!);
    add(S, first, INF);
    add(last, T, INF);
    for (let k = 0; k < w.edges.length; k++) {
      const u = idOf(w.nodes[k]!);
      const v = idOf(w.nodes[k + 1]!);
      const key = `${u}>${v}>${w.edges[k]!}`;
      if (seenArc.has(key)) continue;
      seenArc.add(key);
      const id = w.edges[k]!;
      add(u, v, forbidden.has(id) ? INF : cutWeight(kindOf(id), leg.role), id);
    }
  }
  // Edmonds–Karp.
  let flow = 0;
  for (;;) {
    const prev: ([number, number] | undefined)[] = new Array(arcs.length);
    const queue = [S];
    prev[S] = [-1, -1];
    while (queue.length > 0 && prev[T] === undefined) {
      const u = queue.shift()!;
      arcs[u]!.forEach((a, k) => {
        if (a.cap > 0 && prev[a.to] === undefined) {
          prev[a.to] = [u, k];
          queue.push(a.to);
        }
      });
    }
    if (prev[T] === undefined) break;
    let push = INF;
    for (let v = T; v !== S; ) {
      const [u, k] = prev[v]!;
      push = Math.min(push, arcs[u]![k]!.cap);
      v = u;
    }
    if (push === INF) return { edges: [], cost: INF, leg: leg.name };
    for (let v = T; v !== S; ) {
      const [u, k] = prev[v]!;
      const a = arcs[u]![k]!;
      a.cap -= push;
      arcs[a.to]![a.rev]!.cap += push;
      v = u;
    }
    flow += push;
  }
  // Source side of the residual graph; saturated arcs leaving it form the cut.
  const side = new Uint8Array(arcs.length);
  const queue = [S];
  side[S] = 1;
  while (queue.length > 0) {
    const u = queue.shift()!;
    for (const a of arcs[u]!) if (a.cap > 0 && !side[a.to]) {
      side[a.to] = 1;
      queue.push(a.to);
    }
  }
  const edges = new Set<string>();
  arcs.forEach((list, u) => {
    if (!side[u]) return;
    for (const a of list) if (a.edgeId !== undefined && !side[a.to]) edges.add(a.edgeId);
  });
  return { edges: [...edges].sort(), cost: flow, leg: leg.name };
}

/** The cheapest cut of a finding and the next-best alternative; undefined when no leg can be cut by edges. */
export function findingCut(legs: readonly FindingLeg[], kindOf: (edgeId: string) => string): FindingCut | undefined {
  const required = legs.filter((l) => !l.optional);
  // Ties go to the leg the rule lists first (rules list legs in the catalog's remediation order).
  const cuts = required
    .map((l, order) => ({ cut: legMinCut(l, kindOf), order }))
    .filter(({ cut }) => Number.isFinite(cut.cost) && cut.edges.length > 0)
    .sort((a, b) => a.cut.cost - b.cut.cost || a.order - b.order || a.cut.edges.length - b.cut.edges.length)
    .map(({ cut }) => cut);
  const best = cuts[0];
  if (!best) return undefined;
  const sameEdges = (a: EdgeCut, b: EdgeCut) => a.edges.join() === b.edges.join();
  let alternative = cuts.slice(1).find((c) => !sameEdges(c, best));
  if (!alternative) {
    const leg = required.find((l) => l.name === best.leg)!;
    const again = legMinCut(leg, kindOf, new Set(best.edges));
    if (Number.isFinite(again.cost) && again.edges.length > 0) alternative = again;
  }
  return { ...best, ...(alternative ? { alternative } : {}) };
}
