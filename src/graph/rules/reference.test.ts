/**
 * The fast paths of the rules against straightforward references, on seeded random inventories rich in the
 * properties rules read (fuzz-inventory.ts), with and without switched-off edges:
 * - `search` (typed arrays) against a plain Map-based breadth-first search; `Walker` against `search`;
 * - the ambient halves of P and D (one pruned, early-stopping walk) and priv() against full-tree scans;
 * - §1.3 content_trust against the plain fixed point that recomputes every agent's U leg each round;
 * - R11 (shared scans and chains) and R18 (pairs skipped once both agents have a finding) against the plain
 *   nested loops they replace.
 * Results are compared as JSON, so witnesses, their order and every title must match exactly.
 */
import { describe, expect, it } from 'vitest';

import type { InventoryGraph } from '../build-graph.ts';
import { graphFrom, randomGraph, rng } from '../test-helpers.ts';

import { credentialPivotChain, pivotChainFinding } from './credential-pivot-chain.ts';
import {
  DATA,
  GRANT_EDGES,
  K_ACT,
  K_BLAST_NO_DELEGATION,
  K_ID,
  K_PERM,
  K_PERM_GRANTS,
  K_READ,
  K_TOOL,
  MAX_HITS,
  RuleFacts,
  bool,
  factsFor,
  hasAnyAction,
  list,
  str,
} from './facts.ts';
import type { Hit } from './facts.ts';
import { MAX_LEG_WITNESSES, nodesOfKind } from './finding.ts';
import { fuzzInventory } from './fuzz-inventory.ts';
import { genericTools } from './overprivileged-ai-identity.ts';
import { recordSharedCredential, sharedCredentialAcrossTrust } from './shared-credential-across-trust.ts';
import { DEFAULT_H, Walker, chain, edgeUsable, reversed, search, treeWitness } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

// ── References ──────────────────────────────────────────────────────────────────────────────────────────

interface RefTree {
  readonly source: number;
  readonly order: number[];
  readonly dist: Map<number, number>;
  readonly parent: Map<number, number>;
}

/** Breadth-first search over Maps, frontier by frontier (the implementation `search` replaced). */
function referenceSearch(
  graph: InventoryGraph,
  disabled: Uint8Array | undefined,
  source: number,
  kinds: ReadonlySet<string>,
  maxHops = DEFAULT_H,
  expand?: (node: number) => boolean,
): RefTree {
  const { outOffsets, outEdges, edgeTarget } = graph.index;
  const dist = new Map<number, number>([[source, 0]]);
  const parent = new Map<number, number>();
  const order: number[] = [];
  let frontier = [source];
  for (let depth = 1; depth <= maxHops && frontier.length > 0; depth++) {
    const next: number[] = [];
    for (const u of frontier) {
      if (u !== source && expand && !expand(u)) continue;
      for (let k = outOffsets[u]!; k < outOffsets[u + 1]!; k++) {
        const j = outEdges[k]!;
        if (!kinds.has(graph.edges[j]!.kind) || !edgeUsable(graph, disabled, j)) continue;
        const v = edgeTarget[j]!;
        if (dist.has(v)) continue;
        dist.set(v, depth);
        parent.set(v, j);
        order.push(v);
        next.push(v);
      }
    }
    frontier = next;
  }
  return { source, order, dist, parent };
}

/** The permission hits of §1.4's ambient legs over the whole K_PERM tree. */
function referencePermissionHits(facts: RuleFacts, from: number, wanted: readonly string[], accept: (r: number) => boolean): Hit[] {
  const tree = referenceSearch(facts.graph, facts.disabled, from, K_PERM);
  const hits = new Map<number, Hit>();
  for (const u of [from, ...tree.order]) {
    const d = tree.dist.get(u)!;
    if (d + 1 > DEFAULT_H) continue;
    for (const j of facts.out(u, u === from ? 'has_permission' : GRANT_EDGES)) {
      const r = facts.dst(j);
      if (hits.size >= MAX_HITS) break;
      if (r === from || hits.has(r) || !accept(r) || !hasAnyAction(facts.edge(j), wanted)) continue;
      hits.set(r, { target: r, witness: treeWitness(facts.graph, tree, u, j, 'ambient'), ambient: true });
    }
  }
  return [...hits.values()];
}

function referencePriv(facts: RuleFacts, n: number): Map<number, Witness> {
  const tree = referenceSearch(facts.graph, facts.disabled, n, K_BLAST_NO_DELEGATION);
  const out = new Map<number, Witness>();
  for (const v of tree.order) {
    if (out.size >= MAX_HITS) break;
    if (facts.sensitive[v] || facts.destructive[v] || facts.codeExec[v]) out.set(v, treeWitness(facts.graph, tree, v));
  }
  return out;
}

/** §1.3 as the plain fixed point: every round, every agent's whole U leg, recomputed from the current state. */
function referenceContentTrust(facts: RuleFacts) {
  const { n, kinds, graph, disabled } = facts;
  const untrustedContent = new Uint8Array(n);
  const zeroClick = new Uint8Array(n);
  const why = new Map<number, Witness>();
  const untrusted = (i: number) => {
    const trust = str(facts.node(i), 'trust');
    if (trust === 'untrusted' || kinds[i] === 'external') return true;
    if (DATA.has(kinds[i]!) && untrustedContent[i]) return true;
    return (kinds[i] === 'human' || kinds[i] === 'nhi') && (trust === 'external' || trust === 'anonymous');
  };
  const selfTaintOnly = (s: number) => {
    const w = why.get(s);
    return w !== undefined && w.nodes.slice(1).some((id) => kinds[facts.indexOf(id)!] === 'ai_agent');
  };
  const legU = (a: number): Witness[] => {
    const hits: Witness[] = [];
    const seen = new Set<number>();
    for (const j of facts.in(a, 'can_invoke')) {
      const s = facts.src(j);
      if (seen.has(s) || !untrusted(s)) continue;
      seen.add(s);
      hits.push(reversed(facts.edgeWitness(j)));
    }
    const tree = referenceSearch(graph, disabled, a, K_READ);
    const self = facts.node(a).id;
    for (const s of tree.order) {
      if (hits.length >= MAX_HITS) break;
      if (seen.has(s) || !untrusted(s)) continue;
      const w0 = why.get(s);
      if (w0 && w0.nodes.includes(self) && selfTaintOnly(s)) continue;
      seen.add(s);
      let w = treeWitness(graph, tree, s);
      if (w0 && w0.edges.length > 0) w = chain(w, w0);
      hits.push(w);
    }
    for (const j of facts.out(a, 'connects_to')) {
      const srv = facts.dst(j);
      const trust = str(facts.node(srv), 'trust');
      if (seen.has(srv) || (trust !== 'unknown' && trust !== 'third_party_unvetted')) continue;
      seen.add(srv);
      hits.push(facts.edgeWitness(j));
    }
    return hits;
  };
  const mark = (d: number, w: Witness, zc: boolean) => {
    if (untrustedContent[d]) return false;
    untrustedContent[d] = 1;
    why.set(d, w);
    if (zc) zeroClick[d] = 1;
    return true;
  };
  for (let d = 0; d < n; d++) {
    if (!DATA.has(kinds[d]!)) continue;
    const exposure = str(facts.node(d), 'exposure');
    if (exposure === 'public_write' || exposure === 'external_inbound') mark(d, facts.nodeWitness(d), true);
    else if (str(facts.node(d), 'contentTrust') === 'untrusted') mark(d, facts.nodeWitness(d), false);
  }
  const agents = nodesOfKind(facts, 'ai_agent');
  let changed = true;
  while (changed) {
    changed = false;
    for (let d = 0; d < n; d++) {
      if (!DATA.has(kinds[d]!) || untrustedContent[d]) continue;
      for (const j of facts.in(d, 'writes')) {
        const p = facts.src(j);
        if (untrusted(p)) {
          const up = why.get(p);
          const w = reversed(facts.edgeWitness(j));
          changed = mark(d, up ? chain(w, up) : w, kinds[p] !== 'ai_agent') || changed;
          break;
        }
      }
      if (untrustedContent[d] || kinds[d] !== 'vector_store') continue;
      for (const j of facts.out(d, 'indexes')) {
        const v = facts.dst(j);
        if (untrusted(v)) {
          const up = why.get(v);
          const w = facts.edgeWitness(j);
          changed = mark(d, up ? chain(w, up) : w, true) || changed;
          break;
        }
      }
    }
    for (const a2 of agents) {
      const u = legU(a2);
      if (u.length === 0) continue;
      const tree = referenceSearch(graph, disabled, a2, K_ACT);
      for (const d of tree.order) {
        if (!DATA.has(kinds[d]!) || untrustedContent[d]) continue;
        changed = mark(d, chain(reversed(treeWitness(graph, tree, d)), u[0]!), false) || changed;
      }
    }
  }
  return { untrustedContent, zeroClick, why };
}

/** R11 as plain nested loops: every agent, identity, grant, stored credential and authenticates_as edge. */
const referenceR11: Rule = {
  ...credentialPivotChain,
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    const K_PIVOT = new Set([...K_PERM_GRANTS, 'stores']);
    const scanBehind = (j: number, au: number, budget: number) => {
      const jTree = referenceSearch(facts.graph, facts.disabled, j, K_PIVOT, budget);
      const out = { hits: [] as { r: number; admin: boolean; witness: () => Witness }[], adminSensitive: false };
      for (const r of [j, ...jTree.order]) {
        if (facts.prod[r] || facts.sensitive[r]) {
          const base = () => (r === j ? { nodes: [facts.node(j).id], edges: [] } : treeWitness(facts.graph, jTree, r));
          out.hits.push({ r, admin: bool(facts.node(r), 'privileged') === true, witness: () => chain(facts.edgeWitness(au), base()) });
        }
        if ((jTree.dist.get(r) ?? 0) + 1 > budget) continue;
        for (const q of facts.out(r, 'has_permission')) {
          const t = facts.dst(q);
          const admin = hasAnyAction(facts.edge(q), ['admin']);
          if (facts.kinds[t] === 'saas_app' && admin && !(facts.prod[t] || facts.sensitive[t])) {
            out.hits.push({ r: t, admin: true, witness: () => chain(facts.edgeWitness(au), r === j ? facts.edgeWitness(q) : treeWitness(facts.graph, jTree, r, q)) });
          } else if (admin && (facts.prod[t] || facts.sensitive[t])) out.adminSensitive = true;
        }
      }
      return out;
    };
    for (let a = 0; a < facts.n; a++) {
      const kind = facts.kinds[a]!;
      const ai = kind === 'ai_agent' || kind === 'model' || kind === 'mcp_server' || (kind === 'saas_app' && str(facts.node(a), 'category') === 'ai');
      if (!ai) continue;
      const idTree = referenceSearch(facts.graph, facts.disabled, a, K_ID);
      const secrets: Witness[] = [];
      const pivots: Witness[] = [];
      const targets: number[] = [];
      const creds: number[] = [];
      let adminEnd = false;
      let prodOrRestricted = false;
      for (const i of [a, ...idTree.order]) {
        const di = idTree.dist.get(i)!;
        for (const p of facts.out(i, GRANT_EDGES)) {
          if (!hasAnyAction(facts.edge(p), ['read', 'admin'])) continue;
          const d = facts.dst(p);
          for (const s of facts.out(d, 'stores')) {
            const c = facts.dst(s);
            if (facts.kinds[c] !== 'credential') continue;
            for (const au of facts.out(c, 'authenticates_as')) {
              const budget = 8 - (di + 3);
              if (budget < 0) continue;
              const behind = scanBehind(facts.dst(au), au, budget);
              let found = false;
              if (behind.adminSensitive) adminEnd = true;
              for (const hit of behind.hits) {
                if (hit.r === d || hit.r === a) continue;
                found = true;
                if (targets.length < MAX_LEG_WITNESSES) targets.push(hit.r);
                if (pivots.length < MAX_LEG_WITNESSES) pivots.push(hit.witness());
                if (hit.admin) adminEnd = true;
                if (facts.prod[hit.r] || str(facts.node(hit.r), 'sensitivity') === 'restricted') prodOrRestricted = true;
              }
              if (found) {
                if (secrets.length < MAX_LEG_WITNESSES) secrets.push(chain(treeWitness(facts.graph, idTree, i, p), chain(facts.edgeWitness(s), facts.edgeWitness(au))));
                if (!creds.includes(c)) creds.push(c);
              }
            }
          }
        }
      }
      if (secrets.length === 0) continue;
      findings.push(pivotChainFinding(this, facts, a, { secrets, pivots, creds, targets, adminEnd, prodOrRestricted }));
    }
    return findings;
  },
};

/** R18 over every holder pair, with priv_via(c) fully witnessed. */
const referenceR18: Rule = {
  ...sharedCredentialAcrossTrust,
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings = new Map<number, Finding>();
    const agents = new Set(nodesOfKind(facts, 'ai_agent'));
    const SHARE = new Set(['uses_credential', 'runs_as']);
    const K_TOOL_REACH = new Set([...K_READ, ...K_ACT]);
    for (let c = 0; c < facts.n; c++) {
      if (facts.kinds[c] !== 'credential' && facts.kinds[c] !== 'nhi') continue;
      const holders = facts.in(c, SHARE).filter((j) => agents.has(facts.src(j)));
      if (new Set(holders.map((j) => facts.src(j))).size < 2) continue;
      const cTree = referenceSearch(facts.graph, facts.disabled, c, K_BLAST_NO_DELEGATION);
      const via = new Map<number, Witness>();
      let viaSensitive = false;
      let viaCritical = false;
      for (const r of cTree.order) {
        if (facts.prod[r]) viaCritical = true;
        if (!(facts.sensitive[r] || facts.destructive[r])) continue;
        via.set(r, treeWitness(facts.graph, cTree, r));
        if (facts.sensitive[r]) viaSensitive = true;
      }
      for (const u of cTree.order.concat([c])) {
        for (const p of facts.out(u, 'has_permission')) if (hasAnyAction(facts.edge(p), ['admin'])) viaCritical = true;
      }
      for (const j1 of holders) {
        const a1 = facts.src(j1);
        const { U, X } = facts.legs(a1);
        if (U.length === 0) continue;
        const tk = referenceSearch(facts.graph, facts.disabled, a1, K_TOOL);
        const fileRead = tk.order.filter((t) => list(facts.node(t), 'caps').includes('file_read')).map((t) => treeWitness(facts.graph, tk, t));
        const capability = [...X.map((h) => h.witness), ...fileRead, ...genericTools(facts, a1)];
        if (capability.length === 0) continue;
        const direct = referenceSearch(facts.graph, facts.disabled, a1, K_TOOL_REACH);
        for (const j2 of holders) {
          const a2 = facts.src(j2);
          if (a2 === a1) continue;
          const extra = new Map<number, Witness>();
          for (const [v, w] of referencePriv(facts, a2)) {
            if ((facts.sensitive[v] || facts.destructive[v]) && !direct.dist.has(v)) extra.set(v, w);
          }
          for (const [v, w] of via) if (!direct.dist.has(v) && !extra.has(v)) extra.set(v, chain(facts.edgeWitness(j1), w));
          if (extra.size === 0) continue;
          recordSharedCredential(this, facts, findings, { a1, a2, j1, j2, c, U, capability, viaCritical, viaSensitive, borrowed: [...extra.values()], targets: [...extra.keys()] });
        }
      }
    }
    return [...findings.values()];
  },
};

// ── Inventories ─────────────────────────────────────────────────────────────────────────────────────────

/** Fuzz inventories of several sizes and densities, each also with a random tenth of its edges switched off. */
function* cases(count: number): Generator<{ name: string; graph: InventoryGraph; disabled?: Uint8Array }> {
  for (let seed = 1; seed <= count; seed++) {
    const { nodes, edges } = fuzzInventory(seed, 20 + ((seed * 53) % 260), 1.5 + (seed % 4) * 0.8);
    const graph = graphFrom(nodes, edges);
    yield { name: `fuzz ${seed}`, graph };
    const r = rng(seed * 7 + 1);
    const disabled = new Uint8Array(graph.edges.length).map(() => (r() < 0.1 ? 1 : 0));
    yield { name: `fuzz ${seed} with cuts`, graph, disabled };
  }
}

const json = (x: unknown) => JSON.stringify(x);

// ── Agreement ───────────────────────────────────────────────────────────────────────────────────────────

describe('fast paths agree with straightforward references', () => {
  it('search and Walker match a plain breadth-first search (order, distances, parents, witnesses)', () => {
    const kindSets = [K_READ, K_ACT, K_TOOL, K_ID, K_PERM, K_PERM_GRANTS, K_BLAST_NO_DELEGATION, new Set(['reads']), new Set(['nope'])];
    for (let seed = 1; seed <= 40; seed++) {
      const inventory = fuzzInventory(seed, 60 + seed);
      const graph = seed % 2 ? randomGraph(seed, 30 + seed, 90 + seed * 3) : graphFrom(inventory.nodes, inventory.edges);
      const r = rng(seed);
      const disabled = seed % 3 === 0 ? new Uint8Array(graph.edges.length).map(() => (r() < 0.2 ? 1 : 0)) : undefined;
      const walker = new Walker(graph, disabled);
      for (let k = 0; k < 12; k++) {
        const source = Math.floor(r() * graph.nodes.length);
        const kinds = kindSets[Math.floor(r() * kindSets.length)]!;
        const maxHops = 1 + Math.floor(r() * 8);
        const blocked = new Set([Math.floor(r() * graph.nodes.length), Math.floor(r() * graph.nodes.length)]);
        const expand = k % 3 === 0 ? (v: number) => !blocked.has(v) : undefined;
        const ref = referenceSearch(graph, disabled, source, kinds, maxHops, expand);
        const got = search(graph, disabled, source, kinds, { maxHops, ...(expand ? { expand } : {}) });
        expect(got.order).toEqual(ref.order);
        for (let v = 0; v < graph.nodes.length; v++) {
          expect(got.dist.get(v)).toBe(ref.dist.get(v));
          expect(got.dist.has(v)).toBe(ref.dist.has(v));
          expect(got.parent.get(v)).toBe(ref.parent.get(v));
        }
        got.order.forEach((v, i) => expect(got.depthAt(i)).toBe(ref.dist.get(v)));
        if (expand) continue;
        // Walker: the same order, depths and tree paths, and it stops where told.
        const seen: number[] = [];
        const stopAt = 1 + Math.floor(r() * (ref.order.length + 1));
        walker.run(source, kinds, maxHops, (v, d) => {
          seen.push(v);
          expect(d).toBe(ref.dist.get(v));
          expect(json(walker.witness(v))).toBe(json(treeWitness(graph, ref, v)));
          return seen.length >= stopAt;
        });
        expect(seen).toEqual([source, ...ref.order].slice(0, stopAt));
      }
    }
  }, 120_000); // heavy on a loaded machine (2 cores shared): a generous bound, not a speed check

  it('legs (U, P, E, D, X), priv and content_trust match the full-tree computations', () => {
    let agentsChecked = 0;
    let ambientHits = 0;
    for (const { name, graph, disabled } of cases(30)) {
      const facts = new RuleFacts(graph, disabled);
      const ref = referenceContentTrust(facts);
      expect([...facts.contentUntrusted], name).toEqual([...ref.untrustedContent]);
      expect([...facts.contentZeroClick], name).toEqual([...ref.zeroClick]);
      expect(json([...facts.contentWhy].sort((a, b) => a[0] - b[0])), name).toBe(json([...ref.why].sort((a, b) => a[0] - b[0])));
      for (let a = 0; a < facts.n; a++) {
        if (facts.kinds[a] !== 'ai_agent' && facts.kinds[a] !== 'mcp_server') continue;
        const legs = facts.legs(a);
        // legP/legD fall back to permissionHits (one walk per question) when not given the combined walk.
        expect(json(legs.P), `${name} P ${a}`).toBe(json(facts.legP(a, referencePermissionHits(facts, a, ['read', 'write', 'admin'], (r) => facts.sensitive[r] === 1))));
        expect(json(legs.D), `${name} D ${a}`).toBe(json(facts.legD(a, referencePermissionHits(facts, a, ['delete', 'admin'], (r) => facts.prod[r] === 1))));
        expect(json(legs.P)).toBe(json(facts.legP(a)));
        expect(json(legs.D)).toBe(json(facts.legD(a)));
        expect(json(legs.U)).toBe(json(facts.legU(a)));
        expect(json(facts.legU(a, true))).toBe(json(legs.U.slice(0, 1)));
        expect(json([...facts.priv(a)]), `${name} priv ${a}`).toBe(json([...referencePriv(facts, a)]));
        ambientHits += legs.P.filter((h) => h.ambient).length + legs.D.filter((h) => h.ambient).length;
        agentsChecked++;
      }
    }
    expect(agentsChecked).toBeGreaterThan(1000);
    expect(ambientHits).toBeGreaterThan(200);
  }, 120_000);

  it('R11 leaves an agent out of its own chains exactly up to the hop budget', () => {
    // a runs as i (1 hop), so 4 hops are left behind the pivot j; a itself (PROD) sits 4 hops behind j.
    const chainTo = (extra: number) => {
      const nodes = [{ id: 'ai_agent:a', kind: 'ai_agent', env: 'prod' }, 'nhi:i', 'data_store:d', 'credential:c', 'nhi:j', 'nhi:x1', 'nhi:x2', 'nhi:x3', 'nhi:x4', 'data_store:far'].map((spec) =>
        typeof spec === 'string' ? { id: spec, kind: spec.slice(0, spec.indexOf(':')) } : spec,
      );
      const path = ['nhi:j', 'nhi:x1', 'nhi:x2', 'nhi:x3', 'nhi:x4'].slice(0, 4 + extra);
      const edges: [string, string, string, Record<string, unknown>?][] = [
        ['ai_agent:a', 'runs_as', 'nhi:i'],
        ['nhi:i', 'has_permission', 'data_store:d', { actions: ['read'] }],
        ['data_store:d', 'stores', 'credential:c'],
        ['credential:c', 'authenticates_as', 'nhi:j'],
        ...path.slice(1).map((v, k): [string, string, string] => [path[k]!, 'can_assume', v]),
        [path[path.length - 1]!, 'has_permission', 'ai_agent:a', { actions: ['admin'] }],
      ];
      return graphFrom(nodes, edges);
    };
    for (const extra of [0, 1]) {
      const context = { graph: chainTo(extra), mode: 'strict' as const };
      const fast = credentialPivotChain.evaluate(context);
      expect(json(fast)).toBe(json(referenceR11.evaluate(context)));
      expect(fast).toEqual([]);
    }
  });

  it('R11 and R18 match their plain nested loops', () => {
    let r11 = 0;
    let r18 = 0;
    for (const { name, graph, disabled } of cases(40)) {
      const context = { graph, mode: 'strict' as const, ...(disabled ? { disabledEdges: disabled } : {}) };
      const fast = credentialPivotChain.evaluate(context);
      expect(json(fast), `${name} R11`).toBe(json(referenceR11.evaluate(context)));
      const shared = sharedCredentialAcrossTrust.evaluate(context);
      expect(json(shared), `${name} R18`).toBe(json(referenceR18.evaluate(context)));
      r11 += fast.length;
      r18 += shared.length;
    }
    expect(r11).toBeGreaterThan(30);
    expect(r18).toBeGreaterThan(10);
  }, 120_000);
});
