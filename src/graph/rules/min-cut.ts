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

const INF = Number.POSITIVE_INFINITY;

/**
 * Minimum cut of one leg's witnesses; `forbidden` edges cannot be cut. Infinite cost when uncuttable.
 * Arcs live in flat arrays (arc k's reverse is k ^ 1) and the searches use typed queues: a leg's union has a
 * few hundred arcs, and a large estate asks for tens of thousands of these cuts. The cut read off the residual
 * graph (the nodes the source still reaches) is the same for every maximum flow, so neither the arc order nor
 * the augmenting order changes the result.
 */
export function legMinCut(leg: FindingLeg, kindOf: (edgeId: string) => string, forbidden: ReadonlySet<string> = EMPTY): EdgeCut {
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
  const to: number[] = [];
  const cap: number[] = [];
  const edgeOf: (string | undefined)[] = [];
  const next: number[] = [];
  const head: number[] = [-1, -1];
  const add = (u: number, v: number, c: number, edgeId?: string) => {
    while (head.length <= (u > v ? u : v)) head.push(-1);
    const k = to.length;
    to.push(v, u);
    cap.push(c, 0);
    edgeOf.push(edgeId, undefined);
    next.push(head[u]!, head[v]!);
    head[u] = k;
    head[v] = k + 1;
  };
  // (u, v) pairs already added per edge id, packed as u * 2^21 + v (a leg has far fewer nodes).
  const seenArc = new Map<string, number | number[]>();
  const fromS = new Set<number>();
  const toT = new Set<number>();
  for (const w of leg.witnesses) {
    if (w.nodes.length === 0) continue;
    const first = idOf(w.nodes[0]!);
    const last = idOf(w.nodes[w.nodes.length - 1]!);
    if (!fromS.has(first)) {
      fromS.add(first);
      add(S, first, INF);
    }
    if (!toT.has(last)) {
      toT.add(last);
      add(last, T, INF);
    }
    for (let k = 0; k < w.edges.length; k++) {
      const u = idOf(w.nodes[k]!);
      const v = idOf(w.nodes[k + 1]!);
      const id = w.edges[k]!;
      const pair = u * 2097152 + v;
      const seen = seenArc.get(id);
      if (seen === undefined) seenArc.set(id, pair);
      else if (seen === pair || (typeof seen !== 'number' && seen.includes(pair))) continue;
      else if (typeof seen === 'number') seenArc.set(id, [seen, pair]);
      else seen.push(pair);
      add(u, v, forbidden.has(id) ? INF : cutWeight(kindOf(id), leg.role), id);
    }
  }
  // Edmonds–Karp.
  const n = head.length;
  const prevArc = new Int32Array(n);
  const mark = new Int32Array(n);
  const queue = new Int32Array(n);
  let flow = 0;
  for (let round = 1; ; round++) {
    mark[S] = round;
    queue[0] = S;
    let qh = 0;
    let qt = 1;
    while (qh < qt && mark[T] !== round) {
      const u = queue[qh++]!;
      for (let k = head[u]!; k >= 0; k = next[k]!) {
        const v = to[k]!;
        if (cap[k]! > 0 && mark[v] !== round) {
          mark[v] = round;
          prevArc[v] = k;
          queue[qt++] = v;
        }
      }
    }
    if (mark[T] !== round) break;
    let push = INF;
    for (let v = T; v !== S; v = to[prevArc[v]! ^ 1]!) {
      const c = cap[prevArc[v]!]!;
      if (c < push) push = c;
    }
    if (push === INF) return { edges: [], cost: INF, leg: leg.name };
    for (let v = T; v !== S; v = to[prevArc[v]! ^ 1]!) {
      const k = prevArc[v]!;
      cap[k] = cap[k]! - push;
      cap[k ^ 1] = cap[k ^ 1]! + push;
    }
    flow += push;
  }
  // Source side of the residual graph; saturated arcs leaving it form the cut.
  const side = new Uint8Array(n);
  side[S] = 1;
  queue[0] = S;
  let qh = 0;
  let qt = 1;
  while (qh < qt) {
    const u = queue[qh++]!;
    for (let k = head[u]!; k >= 0; k = next[k]!) if (cap[k]! > 0 && !side[to[k]!]) {
      side[to[k]!] = 1;
      queue[qt++] = to[k]!;
    }
  }
  const edges = new Set<string>();
  for (let k = 0; k < to.length; k += 2) {
    const id = edgeOf[k];
    if (id !== undefined && side[to[k ^ 1]!] && !side[to[k]!]) edges.add(id);
  }
  return { edges: [...edges].sort(), cost: flow, leg: leg.name };
}

const EMPTY: ReadonlySet<string> = new Set();

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
