import { describe, expect, it } from 'vitest';

import { EDGE_GRANTS } from '../model/node-kinds.ts';

import { computeExposure } from './exposure.ts';
import { findShortestPath } from './paths.ts';
import { ReachEngine, computeReach } from './reach.ts';
import { graphFrom, randomGraph } from './test-helpers.ts';

/**
 * A deliberately naive reading of spec section 4, written independently of the engine: repeat "follow
 * every edge allowed by the bits a node holds" one hop at a time until nothing changes.
 */
function naiveReach(g: ReturnType<typeof graphFrom>, source: string, maxHops = Infinity) {
  const bits = new Map<string, number>([[source, 7]]);
  const hops = new Map<string, number>();
  const grant = (kind: string, actions: unknown, target: string): number => {
    let b = 0;
    if (kind === 'has_permission') {
      const list = Array.isArray(actions) ? (actions as string[]) : [];
      if (list.length === 0) b = 4;
      for (const a of list) b |= a === 'admin' || a === 'invoke' ? 4 : a === 'read' ? 1 : a === 'write' || a === 'delete' ? 2 : 0;
    } else b = (EDGE_GRANTS as Record<string, number | null>)[kind] ?? 0;
    if (b & 4) b = 7;
    if (b & 3 && g.nodes[g.index.nodeIndex.get(target)!]!.kind === 'credential') b = 7;
    return b;
  };
  for (let step = 1; step <= maxHops; step++) {
    const snapshot = new Map(bits);
    let changed = false;
    for (const e of g.edges) {
      if (!e.traversable) continue;
      const held = snapshot.get(e.source) ?? 0;
      const follow = held & 4 ? true : held & 1 ? e.kind === 'stores' || e.kind === 'indexes' : false;
      if (!follow) continue;
      const add = grant(e.kind, e.fields.actions, e.target);
      const before = bits.get(e.target) ?? 0;
      if ((before | add) !== before) {
        bits.set(e.target, before | add);
        if (before === 0 && e.target !== source) hops.set(e.target, step);
        changed = true;
      }
    }
    if (!changed) break;
  }
  bits.delete(source);
  const out: Record<string, string> = {};
  for (const [id, b] of bits) {
    if (b === 0) continue;
    out[id] = `${b & 4 ? 'control' : b === 3 ? 'read-write' : b === 1 ? 'read' : 'write'}@${hops.get(id)}`;
  }
  return out;
}

describe('computeReach against a naive fixed point', () => {
  it('agrees on access and hops for every source of 30 random graphs', () => {
    for (let seed = 1; seed <= 30; seed++) {
      const g = randomGraph(seed, 40, 120);
      const engine = new ReachEngine(g);
      for (const node of g.nodes) {
        const r = engine.run(engine.indexOf(node.id));
        const got: Record<string, string> = {};
        for (const e of r.toEntries(false)) got[e.id] = `${e.access}@${e.hops}`;
        expect(got, `seed ${seed} source ${node.id}`).toEqual(naiveReach(g, node.id));
      }
    }
  });

  it('agrees under maxHops', () => {
    const g = randomGraph(99, 60, 200);
    for (const node of g.nodes.slice(0, 20)) {
      const got: Record<string, string> = {};
      for (const e of computeReach(g, node.id, { maxHops: 2 }).toEntries(false)) got[e.id] = `${e.access}@${e.hops}`;
      expect(got).toEqual(naiveReach(g, node.id, 2));
    }
  });

  it('returns witness paths that are chained, start at the source and are hops long', () => {
    const g = randomGraph(7, 50, 180);
    for (const node of g.nodes) {
      for (const entry of computeReach(g, node.id).toEntries()) {
        expect(entry.path).toHaveLength(entry.hops);
        let at = node.id;
        for (const edgeId of entry.path) {
          const edge = g.edges[g.index.edgeIndex.get(edgeId)!]!;
          expect(edge.source).toBe(at);
          at = edge.target;
        }
        expect(at).toBe(entry.id);
      }
    }
  });
});

describe('computeExposure', () => {
  it('Y is in exposure(X) exactly when X is in reach(Y), with the same hops (random graphs)', () => {
    for (let seed = 100; seed < 120; seed++) {
      const g = randomGraph(seed, 35, 110);
      const forward = new Map<string, Map<string, number>>();
      for (const y of g.nodes) {
        forward.set(y.id, new Map(computeReach(g, y.id).toEntries(false).map((e) => [e.id, e.hops])));
      }
      for (const x of g.nodes) {
        const expected: Record<string, number> = {};
        for (const [y, reached] of forward) if (reached.has(x.id)) expected[y] = reached.get(x.id)!;
        const got: Record<string, number> = {};
        for (const e of computeExposure(g, x.id).toEntries(false)) got[e.id] = e.hops;
        expect(got, `seed ${seed} target ${x.id}`).toEqual(expected);
      }
    }
  });

  it('gives paths from each exposed node to the target', () => {
    const g = randomGraph(5, 40, 140);
    for (const x of g.nodes.slice(0, 15)) {
      for (const entry of computeExposure(g, x.id).toEntries()) {
        expect(entry.path).toHaveLength(entry.hops);
        let at = entry.id;
        for (const edgeId of entry.path) {
          const edge = g.edges[g.index.edgeIndex.get(edgeId)!]!;
          expect(edge.source).toBe(at);
          at = edge.target;
        }
        expect(at).toBe(x.id);
      }
    }
  });

  it('respects maxHops and switched-off edges like reach does', () => {
    const g = graphFrom(['human:h', 'nhi:a', 'nhi:b'], [['human:h', 'can_assume', 'nhi:a'], ['nhi:a', 'can_assume', 'nhi:b']]);
    expect(computeExposure(g, 'nhi:b').toEntries(false).map((e) => e.id)).toEqual(['nhi:a', 'human:h']);
    expect(computeExposure(g, 'nhi:b', { maxHops: 1 }).toEntries(false).map((e) => e.id)).toEqual(['nhi:a']);
    const off = new Uint8Array(g.index.edgeCount);
    off[g.index.edgeIndex.get('human:h|can_assume|nhi:a')!] = 1;
    expect(computeExposure(g, 'nhi:b', { disabledEdges: off }).toEntries(false).map((e) => e.id)).toEqual(['nhi:a']);
  });

  it('does not count a writer of a bucket as exposing the key it stores', () => {
    const g = graphFrom(
      ['nhi:w', 'nhi:r', 'data_store:b', 'credential:k'],
      [['nhi:w', 'writes', 'data_store:b'], ['nhi:r', 'reads', 'data_store:b'], ['data_store:b', 'stores', 'credential:k']],
    );
    expect(computeExposure(g, 'credential:k').toEntries(false).map((e) => e.id).sort()).toEqual(['data_store:b', 'nhi:r']);
  });
});

describe('findShortestPath', () => {
  it('returns the shortest attack path with its nodes and edges', () => {
    const g = graphFrom(
      ['ai_agent:a', 'nhi:role', 'data_store:b', 'credential:k', 'saas_app:crm'],
      [
        ['ai_agent:a', 'runs_as', 'nhi:role'],
        ['nhi:role', 'reads', 'data_store:b'],
        ['data_store:b', 'stores', 'credential:k'],
        ['credential:k', 'authenticates_as', 'saas_app:crm'],
      ],
    );
    const path = findShortestPath(g, 'ai_agent:a', 'saas_app:crm')!;
    expect(path.nodes).toEqual(['ai_agent:a', 'nhi:role', 'data_store:b', 'credential:k', 'saas_app:crm']);
    expect(path.edges).toHaveLength(4);
    expect(path.access).toBe('control');
  });

  it('returns null when the target is out of reach', () => {
    const g = graphFrom(['nhi:a', 'nhi:b'], [['nhi:b', 'can_assume', 'nhi:a']]);
    expect(findShortestPath(g, 'nhi:a', 'nhi:b')).toBeNull();
  });
});
