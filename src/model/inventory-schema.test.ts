/**
 * The hand-tuned structural checks accept exactly what the zod schemas accept, so the parser's fast path
 * (check first, zod only for what fails) gives the same results, errors and warnings as zod alone.
 */
import { describe, expect, it } from 'vitest';

import { EdgeSchema, NodeSchema, WELL_KNOWN_NODE_CHECKS, WELL_KNOWN_NODE_FIELDS, isValidEdge, isValidNode } from './inventory-schema.ts';
import { parseInventory } from './parse-inventory.ts';

function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES: readonly unknown[] = [
  undefined, null, '', 'x', 'agent:a', ' ', 0, 1, -1, Number.NaN, true, false, [], ['a'], ['a', 1], [null], {}, { a: 1 },
  'confidential', 'restricted', 'internal', 'public', 'trusted', 'external', 'third_party', 'anonymous', 'untrusted', 'Untrusted',
  ['read', 'write'], [''], new Array(3),
];

describe('structural checks against zod', () => {
  it('isValidNode and isValidEdge accept exactly what NodeSchema and EdgeSchema accept', () => {
    const random = rng(14);
    const pick = () => VALUES[Math.floor(random() * VALUES.length)];
    let accepted = 0;
    for (let i = 0; i < 4000; i++) {
      const node: Record<string, unknown> = {};
      for (const key of ['id', 'kind', 'name', 'extra']) if (random() < 0.8) node[key] = random() < 0.5 ? `v${i}` : pick();
      expect(isValidNode(node), JSON.stringify(node)).toBe(NodeSchema.safeParse(node).success);
      const edge: Record<string, unknown> = {};
      for (const key of ['id', 'source', 'target', 'kind', 'traversable', 'actions']) if (random() < 0.85) edge[key] = random() < 0.5 ? (key === 'traversable' ? random() < 0.5 : key === 'actions' ? ['read'] : `v${i}`) : pick();
      const ok = EdgeSchema.safeParse(edge).success;
      if (ok) accepted++;
      expect(isValidEdge(edge), JSON.stringify(edge)).toBe(ok);
    }
    expect(accepted).toBeGreaterThan(100);
  });

  it('the well-known field checks match their zod schemas, key for key', () => {
    expect(Object.keys(WELL_KNOWN_NODE_CHECKS)).toEqual(Object.keys(WELL_KNOWN_NODE_FIELDS));
    for (const key of Object.keys(WELL_KNOWN_NODE_FIELDS)) {
      for (const value of VALUES) expect(WELL_KNOWN_NODE_CHECKS[key]!(value), `${key}: ${JSON.stringify(value)}`).toBe(WELL_KNOWN_NODE_FIELDS[key]!.safeParse(value).success);
    }
  });

  it('errors and warnings on broken elements still come from zod, located', () => {
    const result = parseInventory({
      file: 'x.json',
      json: {
        format: 'pathlight-inventory',
        version: 1,
        nodes: [{ id: 'a', kind: 'human', sensitivity: 'secret', tags: 'x' }, { id: '', kind: 'human' }, { id: 'b', kind: 'nhi', name: 3 }],
        edges: [{ source: 'a', target: 'a', kind: 'reads', actions: ['read', 2] }, { source: 'a', kind: 'reads', traversable: 'no' }],
      },
    });
    expect(result.ok).toBe(false);
    expect(result.ok ? [] : result.errors.map((e) => `${e.at}: ${e.message}`)).toEqual([
      'nodes[1].id: expected a non-empty string',
      'nodes[2].name: expected a string, got number',
      // today's message (it describes the field, not the list item); the fast path keeps it
      'edges[0].actions[1]: expected a string, got an array',
      'edges[1].target: required',
      'edges[1].traversable: expected a boolean, got a string',
    ]);
    expect(result.ok ? [] : result.warnings.map((w) => `${w.at}: ${w.message}`)).toEqual([
      'nodes[0].sensitivity: expected one of "public", "internal", "confidential", "restricted", got "secret"; kept but ignored by the analysis',
      'nodes[0].tags: expected a list, got a string; kept but ignored by the analysis',
    ]);
  });
});
