import { describe, expect, it } from 'vitest';

import { NODE_AI, NODE_CROWN_JEWEL } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';
import { computeChokePoints, computeChokePointsPerSource, mergeChokePoints } from './chokepoints.ts';
import { reachManyMasks } from './reach-many.ts';
import { fuzzInventory } from './rules/fuzz-inventory.ts';
import { graphFrom, rng } from './test-helpers.ts';
import type { EdgeSpec, NodeSpec } from './test-helpers.ts';

const jewel = (id: string, kind = 'data_store') => ({ id, kind, sensitivity: 'confidential' });

/** Connected (AI, jewel) pairs with `off` switched off, skipping pairs that involve `skip`. */
function bruteCount(g: InventoryGraph, off?: Uint8Array, skip = -1): number {
  const { nodeFlags, nodeCount } = g.index;
  const sources: number[] = [];
  for (let v = 0; v < nodeCount; v++) if (nodeFlags[v]! & NODE_AI && v !== skip) sources.push(v);
  let total = 0;
  reachManyMasks(
    g,
    sources,
    (_batch, { read, write, control }) => {
      for (let v = 0; v < nodeCount; v++) {
        if (!(nodeFlags[v]! & NODE_CROWN_JEWEL) || v === skip) continue;
        let m = read[v]! | write[v]! | control[v]!;
        while (m !== 0) {
          m &= m - 1;
          total++;
        }
      }
    },
    off ? { disabledEdges: off } : {},
  );
  return total;
}

describe('computeChokePoints', () => {
  it('finds a single bridge edge, and the node on it', () => {
    const g = graphFrom(
      ['ai_agent:bot', 'nhi:role', 'nhi:other', jewel('ds:payroll')],
      [
        ['ai_agent:bot', 'runs_as', 'nhi:role'],
        ['nhi:role', 'has_permission', 'ds:payroll', { actions: ['read'], id: 'bridge' }],
        ['ai_agent:bot', 'runs_as', 'nhi:other'],
      ],
    );
    const r = computeChokePoints(g, { withPairs: true });
    expect(r.totalPairs).toBe(1);
    expect(r.edges.map((e) => [e.edge, e.pairs])).toEqual([
      ['ai_agent:bot|runs_as|nhi:role', 1],
      ['bridge', 1],
    ]);
    expect(r.edges[1]).toMatchObject({ source: 'nhi:role', target: 'ds:payroll', kind: 'has_permission', pairList: [['ai_agent:bot', 'ds:payroll']] });
    expect(r.nodes).toEqual([{ node: 'nhi:role', kind: 'nhi', pairs: 1, pairList: [['ai_agent:bot', 'ds:payroll']] }]);
  });

  it('two parallel paths: no choke point', () => {
    const g = graphFrom(
      ['ai_agent:bot', 'nhi:a', 'nhi:b', jewel('ds:payroll')],
      [
        ['ai_agent:bot', 'runs_as', 'nhi:a'],
        ['ai_agent:bot', 'runs_as', 'nhi:b'],
        ['nhi:a', 'reads', 'ds:payroll'],
        ['nhi:b', 'reads', 'ds:payroll'],
      ],
    );
    const r = computeChokePoints(g);
    expect(r.totalPairs).toBe(1);
    expect(r.edges).toEqual([]);
    expect(r.nodes).toEqual([]);
  });

  it('a writes edge never carries a path; a read through stores does', () => {
    const nodes: NodeSpec[] = ['ai_agent:bot', 'tool:upload', 'data_store:bucket', 'credential:key', 'nhi:admin', jewel('ds:crm', 'saas_app')];
    const tail: EdgeSpec[] = [
      ['data_store:bucket', 'stores', 'credential:key'],
      ['credential:key', 'authenticates_as', 'nhi:admin'],
      ['nhi:admin', 'has_permission', 'ds:crm'],
    ];
    const writeOnly = graphFrom(nodes, [['ai_agent:bot', 'has_tool', 'tool:upload'], ['tool:upload', 'writes', 'data_store:bucket'], ...tail]);
    expect(computeChokePoints(writeOnly)).toEqual({ totalPairs: 0, edges: [], nodes: [] });

    const withRead = graphFrom(nodes, [
      ['ai_agent:bot', 'has_tool', 'tool:upload'],
      ['tool:upload', 'writes', 'data_store:bucket'],
      ['ai_agent:bot', 'reads', 'data_store:bucket'],
      ...tail,
    ]);
    const r = computeChokePoints(withRead);
    expect(r.totalPairs).toBe(1);
    expect(r.edges.map((e) => e.edge).sort()).toEqual(
      ['ai_agent:bot|reads|data_store:bucket', 'credential:key|authenticates_as|nhi:admin', 'data_store:bucket|stores|credential:key', 'nhi:admin|has_permission|ds:crm'].sort(),
    );
    expect(r.nodes.map((n) => n.node)).toEqual(['credential:key', 'data_store:bucket', 'nhi:admin']);
  });

  it('R-only holds follow content edges only (spec §4.2)', () => {
    const g = graphFrom(
      ['ai_agent:bot', 'cloud_resource:vm', 'nhi:vm-role', jewel('ds:payroll')],
      [
        ['ai_agent:bot', 'reads', 'cloud_resource:vm'],
        ['cloud_resource:vm', 'runs_as', 'nhi:vm-role'],
        ['nhi:vm-role', 'reads', 'ds:payroll'],
      ],
    );
    expect(computeChokePoints(g).totalPairs).toBe(0);
  });

  it('a node reached through both of its states (R by content, C by ordinary edges) is a choke point', () => {
    // The bucket is read (R) and controlled (C) by different routes; either way the jewel is behind it.
    const g = graphFrom(
      ['ai_agent:bot', 'tool:ops', 'cloud_resource:bucket', 'credential:key', 'nhi:role', 'nhi:r2', jewel('ds:a'), jewel('ds:b')],
      [
        ['ai_agent:bot', 'reads', 'cloud_resource:bucket'],
        ['ai_agent:bot', 'has_tool', 'tool:ops'],
        ['tool:ops', 'executes', 'cloud_resource:bucket'],
        ['cloud_resource:bucket', 'stores', 'credential:key'],
        ['credential:key', 'authenticates_as', 'nhi:role'],
        ['cloud_resource:bucket', 'runs_as', 'nhi:r2'],
        ['nhi:role', 'reads', 'ds:a'],
        ['nhi:r2', 'reads', 'ds:a'],
        ['nhi:r2', 'reads', 'ds:b'],
      ],
    );
    const r = computeChokePoints(g);
    expect(r.totalPairs).toBe(2);
    expect(r.nodes.find((n) => n.node === 'cloud_resource:bucket')?.pairs).toBe(2);
    expect(r.nodes.find((n) => n.node === 'nhi:r2')?.pairs).toBe(1);
  });

  it('does not count a pair of an AI node with itself, nor the cut node own pairs', () => {
    const g = graphFrom(
      [{ id: 'ai_agent:a', kind: 'ai_agent', critical: true }, 'ai_agent:b', { id: 'ai_agent:c', kind: 'ai_agent', critical: true }],
      [
        ['ai_agent:a', 'delegates_to', 'ai_agent:b'],
        ['ai_agent:b', 'delegates_to', 'ai_agent:c'],
        ['ai_agent:c', 'delegates_to', 'ai_agent:a'],
      ],
    );
    const r = computeChokePoints(g);
    // a→c, b→a, b→c, c→a: 4 pairs (a and c are jewels; each AI node reaches the others).
    expect(r.totalPairs).toBe(4);
    for (const e of r.edges) {
      const off = new Uint8Array(g.index.edgeCount);
      off[g.index.edgeIndex.get(e.edge)!] = 1;
      expect(e.pairs).toBe(4 - bruteCount(g, off));
    }
    // Without b, a no longer reaches c; without c, b no longer reaches a; a carries no pair of others.
    expect(r.nodes.map((n) => [n.node, n.pairs])).toEqual([
      ['ai_agent:b', 1],
      ['ai_agent:c', 1],
    ]);
  });

  it('honours switched-off edges', () => {
    const g = graphFrom(
      ['ai_agent:bot', 'nhi:a', 'nhi:b', jewel('ds:payroll')],
      [
        ['ai_agent:bot', 'runs_as', 'nhi:a'],
        ['ai_agent:bot', 'runs_as', 'nhi:b', { id: 'cut' }],
        ['nhi:a', 'reads', 'ds:payroll'],
        ['nhi:b', 'reads', 'ds:payroll'],
      ],
    );
    const off = new Uint8Array(g.index.edgeCount);
    off[g.index.edgeIndex.get('cut')!] = 1;
    expect(computeChokePoints(g, { disabledEdges: off }).edges.map((e) => e.edge)).toEqual(['ai_agent:bot|runs_as|nhi:a', 'nhi:a|reads|ds:payroll']);
  });

  it('agrees with brute force (remove each edge and node, recount) on random graphs', () => {
    const KINDS = ['human', 'nhi', 'credential', 'ai_agent', 'data_store', 'vector_store', 'tool', 'saas_app', 'cloud_resource', 'mcp_server', 'external'];
    const EDGE_KINDS = ['can_invoke', 'delegates_to', 'connects_to', 'provides', 'has_tool', 'executes', 'runs_as', 'uses_credential', 'authenticates_as', 'can_assume', 'member_of', 'deployed_on', 'has_permission', 'reads', 'retrieves', 'indexes', 'remembers', 'writes', 'sends', 'uses_model', 'routes_to', 'stores', 'depends_on', 'renders_to'];
    let checkedEdges = 0;
    let checkedNodes = 0;
    for (let seed = 1; seed <= 150; seed++) {
      const r = rng(seed);
      const n = 8 + Math.floor(r() * (seed > 100 ? 45 : 25));
      const m = Math.floor(n * (1.2 + r() * 2.5));
      const nodes: NodeSpec[] = [];
      for (let i = 0; i < n; i++) {
        const kind = KINDS[Math.floor(r() * KINDS.length)]!;
        nodes.push({ id: `n${i}`, kind, ...(r() < 0.3 ? { critical: true } : {}) });
      }
      const edges: EdgeSpec[] = [];
      // Bias towards content edges and content-bearing kinds so every case of the semantics shows up.
      for (let j = 0; j < m; j++) {
        const kind = r() < 0.25 ? (r() < 0.6 ? 'stores' : 'indexes') : EDGE_KINDS[Math.floor(r() * EDGE_KINDS.length)]!;
        const extra: Record<string, unknown> = {};
        if (kind === 'has_permission' && r() < 0.7) extra.actions = ['read', 'write', 'admin', 'list'].filter(() => r() < 0.35);
        if (r() < 0.04) extra.traversable = false;
        edges.push([`n${Math.floor(r() * n)}`, kind, `n${Math.floor(r() * n)}`, extra]);
      }
      const g = graphFrom(nodes, edges);
      const result = computeChokePoints(g, { withPairs: true });
      const total = bruteCount(g);
      expect(result.totalPairs, `seed ${seed}`).toBe(total);
      const byEdge = new Map(result.edges.map((e) => [e.edge, e.pairs]));
      for (let j = 0; j < g.index.edgeCount; j++) {
        const off = new Uint8Array(g.index.edgeCount);
        off[j] = 1;
        const id = g.edges[j]!.id;
        expect(byEdge.get(id) ?? 0, `seed ${seed} edge ${id}`).toBe(total - bruteCount(g, off));
        checkedEdges++;
      }
      const byNode = new Map(result.nodes.map((x) => [x.node, x]));
      for (let x = 0; x < n; x++) {
        const off = new Uint8Array(g.index.edgeCount);
        for (let j = 0; j < g.index.edgeCount; j++) if (g.index.edgeSource[j] === x || g.index.edgeTarget[j] === x) off[j] = 1;
        const expected = bruteCount(g, undefined, x) - bruteCount(g, off, x);
        const got = byNode.get(g.nodes[x]!.id);
        expect(got?.pairs ?? 0, `seed ${seed} node n${x}`).toBe(expected);
        expect(got?.pairList?.length ?? 0, `seed ${seed} node n${x}`).toBe(got?.pairs ?? 0);
        checkedNodes++;
      }
      for (const e of result.edges) expect(e.pairList!.length).toBe(e.pairs);
      // Ranked: most pairs first, ties by id.
      for (let i = 1; i < result.edges.length; i++) {
        const p = result.edges[i - 1]!;
        const q = result.edges[i]!;
        expect(p.pairs > q.pairs || (p.pairs === q.pairs && p.edge < q.edge)).toBe(true);
      }
    }
    expect(checkedEdges).toBeGreaterThan(5000);
    expect(checkedNodes).toBeGreaterThan(2000);
  });
});

describe('computeChokePoints in chunks', () => {
  it('sums over disjoint source sets (mergeChokePoints), reports progress and can stop early', () => {
    const g = graphFrom(
      ['ai_agent:a', 'ai_agent:b', 'ai_agent:c', 'nhi:role', jewel('ds:payroll'), jewel('ds:hr')],
      [
        ['ai_agent:a', 'runs_as', 'nhi:role'],
        ['ai_agent:b', 'runs_as', 'nhi:role'],
        ['ai_agent:c', 'reads', 'ds:hr'],
        ['nhi:role', 'reads', 'ds:payroll'],
        ['nhi:role', 'reads', 'ds:hr'],
      ],
    );
    const all = computeChokePoints(g, { withPairs: true });
    const ai = [0, 1, 2];
    const merged = mergeChokePoints(ai.map((s) => computeChokePoints(g, { withPairs: true, sources: [s] })));
    expect(merged.totalPairs).toBe(all.totalPairs);
    expect(merged.edges.map((e) => [e.edge, e.pairs, [...e.pairList!].sort()])).toEqual(all.edges.map((e) => [e.edge, e.pairs, [...e.pairList!].sort()]));
    expect(merged.nodes.map((x) => [x.node, x.pairs])).toEqual(all.nodes.map((x) => [x.node, x.pairs]));
    const seen: number[] = [];
    computeChokePoints(g, { onProgress: (done, total) => void seen.push(done * 10 + total) });
    expect(seen).toEqual([13, 23, 33]);
    const stopped = computeChokePoints(g, { onProgress: () => false });
    expect(stopped.totalPairs).toBe(2); // only the first source, a: payroll and hr
  });
});

/** The pair lists as sorted strings, so results can be compared whatever the order of their pairs. */
function canonical(r: ReturnType<typeof computeChokePoints>): string {
  const pairs = (list?: readonly (readonly [string, string])[]) => (list ? list.map((p) => p.join('>')).sort() : undefined);
  return JSON.stringify({
    totalPairs: r.totalPairs,
    edges: r.edges.map((e) => ({ ...e, pairList: pairs(e.pairList) })),
    nodes: r.nodes.map((x) => ({ ...x, pairList: pairs(x.pairList) })),
  });
}

describe('computeChokePoints shares work between sources reaching the same strongly connected core', () => {
  it('agrees with a dominator tree per source on larger random graphs (pairs included, with and without cuts)', () => {
    const KINDS = ['human', 'nhi', 'credential', 'ai_agent', 'data_store', 'vector_store', 'tool', 'saas_app', 'cloud_resource', 'mcp_server', 'external', 'model'];
    const EDGE_KINDS = ['can_invoke', 'delegates_to', 'connects_to', 'provides', 'has_tool', 'executes', 'runs_as', 'uses_credential', 'authenticates_as', 'can_assume', 'member_of', 'deployed_on', 'has_permission', 'reads', 'retrieves', 'indexes', 'remembers', 'writes', 'sends', 'uses_model', 'routes_to', 'stores'];
    for (let seed = 1; seed <= 60; seed++) {
      const r = rng(seed * 31 + 7);
      const n = 40 + Math.floor(r() * 140);
      const m = Math.floor(n * (1.5 + r() * 3));
      const nodes: NodeSpec[] = [];
      for (let i = 0; i < n; i++) {
        // Many AI sources and jewels, so many sources share a core and many pairs are connected.
        const kind = r() < 0.2 ? 'ai_agent' : KINDS[Math.floor(r() * KINDS.length)]!;
        nodes.push({ id: `n${i}`, kind, ...(r() < 0.3 ? { critical: true } : {}) });
      }
      const edges: EdgeSpec[] = [];
      for (let j = 0; j < m; j++) {
        const kind = r() < 0.25 ? (r() < 0.6 ? 'stores' : 'indexes') : EDGE_KINDS[Math.floor(r() * EDGE_KINDS.length)]!;
        const extra: Record<string, unknown> = {};
        if (kind === 'has_permission' && r() < 0.7) extra.actions = ['read', 'write', 'admin', 'list'].filter(() => r() < 0.35);
        if (r() < 0.03) extra.traversable = false;
        // Skewed endpoints: hubs make a large strongly connected core with sources inside and outside it.
        edges.push([`n${Math.floor(n * r() ** 1.7)}`, kind, `n${Math.floor(n * r() ** 1.3)}`, extra]);
      }
      const g = graphFrom(nodes, edges);
      for (const options of [{ withPairs: true }, { withPairs: true, nodes: false }]) {
        expect(canonical(computeChokePoints(g, options)), `seed ${seed}`).toBe(canonical(computeChokePointsPerSource(g, options)));
      }
      const off = new Uint8Array(g.index.edgeCount).map(() => (r() < 0.1 ? 1 : 0));
      expect(canonical(computeChokePoints(g, { withPairs: true, disabledEdges: off })), `seed ${seed} cut`).toBe(
        canonical(computeChokePointsPerSource(g, { withPairs: true, disabledEdges: off })),
      );
    }
  });

  it('agrees on rich random inventories and on chunked sources', () => {
    for (let seed = 1; seed <= 25; seed++) {
      const { nodes, edges } = fuzzInventory(seed, 60 + ((seed * 41) % 240), 2 + (seed % 3));
      const g = graphFrom(nodes, edges);
      expect(canonical(computeChokePoints(g, { withPairs: true })), `seed ${seed}`).toBe(canonical(computeChokePointsPerSource(g, { withPairs: true })));
      const ai: number[] = [];
      for (let v = 0; v < g.index.nodeCount; v++) if (g.index.nodeFlags[v]! & NODE_AI) ai.push(v);
      const half = Math.ceil(ai.length / 2);
      const merged = mergeChokePoints([computeChokePoints(g, { sources: ai.slice(0, half) }), computeChokePoints(g, { sources: ai.slice(half) })]);
      const whole = computeChokePoints(g);
      expect(merged.totalPairs).toBe(whole.totalPairs);
      expect(merged.edges.map((e) => [e.edge, e.pairs])).toEqual(whole.edges.map((e) => [e.edge, e.pairs]));
      expect(merged.nodes.map((x) => [x.node, x.pairs])).toEqual(whole.nodes.map((x) => [x.node, x.pairs]));
    }
  });

  it('a source with a large private part outside the core gets its own dominator tree, with the same answer', () => {
    // A core (two roles that assume each other, each reading a jewel) and an agent that reaches it only at the
    // end of a long private chain of tools and roles, past a jewel of its own.
    const nodes: NodeSpec[] = ['ai_agent:inside', 'nhi:a', 'nhi:b', jewel('ds:x'), jewel('ds:y'), 'ai_agent:far', jewel('ds:mine')];
    const edges: EdgeSpec[] = [
      ['nhi:a', 'can_assume', 'nhi:b'],
      ['nhi:b', 'can_assume', 'nhi:a'],
      ['nhi:a', 'reads', 'ds:x'],
      ['nhi:b', 'reads', 'ds:y'],
      ['nhi:a', 'can_invoke', 'ai_agent:inside'],
      ['ai_agent:inside', 'runs_as', 'nhi:b'],
    ];
    let previous = 'ai_agent:far';
    for (let i = 0; i < 2500; i++) {
      nodes.push(`nhi:chain${i}`);
      edges.push([previous, i === 0 ? 'runs_as' : 'can_assume', `nhi:chain${i}`]);
      if (i === 700) edges.push([`nhi:chain${i}`, 'reads', 'ds:mine']);
      previous = `nhi:chain${i}`;
    }
    edges.push([previous, 'can_assume', 'nhi:a']);
    const g = graphFrom(nodes, edges);
    const r = computeChokePoints(g, { withPairs: true });
    expect(canonical(r)).toBe(canonical(computeChokePointsPerSource(g, { withPairs: true })));
    // The far agent reaches three jewels, every one of them only down its chain: each chain edge is a choke point.
    expect(r.edges.find((e) => e.edge === 'ai_agent:far|runs_as|nhi:chain0')?.pairs).toBe(3);
  });
});
