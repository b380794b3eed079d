import { describe, expect, it } from 'vitest';

import { parseInventory } from '../model/parse-inventory.ts';
import type { Inventory } from '../model/types.ts';

import { buildGraph } from './build-graph.ts';
import { diffFindings, diffInventories, sameValue } from './diff.ts';
import type { DiffOptions, InventoryDiff } from './diff.ts';
import { computeReach } from './reach.ts';
import type { Finding } from './rules/types.ts';
import { rng } from './test-helpers.ts';

type Json = Record<string, unknown>;

function inv(nodes: Json[], edges: Json[]): Inventory {
  const result = parseInventory({ json: { format: 'pathlight-inventory', version: 1, nodes, edges } });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.at}: ${e.message}`).join('\n'));
  return result.inventory;
}

function diff(a: Inventory, b: Inventory, options: DiffOptions = {}): InventoryDiff {
  return diffInventories({ inventory: a, graph: buildGraph(a) }, { inventory: b, graph: buildGraph(b) }, options);
}

/** A support bot that runs as a role and retrieves a KB indexing a wiki; payroll is not reachable. */
const baseNodes: Json[] = [
  { id: 'agent:bot', kind: 'ai_agent', name: 'Support bot' },
  { id: 'nhi:role', kind: 'nhi', name: 'Bot role' },
  { id: 'vs:kb', kind: 'vector_store', name: 'KB' },
  { id: 'ds:wiki', kind: 'data_store', name: 'Wiki', sensitivity: 'internal' },
  { id: 'ds:payroll', kind: 'data_store', name: 'Payroll DB', sensitivity: 'confidential' },
];
const baseEdges: Json[] = [
  { source: 'agent:bot', target: 'nhi:role', kind: 'runs_as' },
  { source: 'agent:bot', target: 'vs:kb', kind: 'retrieves' },
  { source: 'vs:kb', target: 'ds:wiki', kind: 'indexes' },
];
const base = () => inv(structuredClone(baseNodes), structuredClone(baseEdges));

describe('diffInventories', () => {
  it('is empty for unchanged inventories, whatever the order of nodes and edges', () => {
    const a = base();
    const b = inv([...structuredClone(baseNodes)].reverse(), [...structuredClone(baseEdges)].reverse());
    const d = diff(a, b);
    expect(d).toEqual({
      empty: true,
      nodes: { added: [], removed: [], changed: [] },
      edges: { added: [], removed: [], changed: [] },
      reach: [],
      findings: { new: [], resolved: [], changed: [] },
      ghosts: { nodes: [], edges: [] },
      summary: [],
    });
    // Same graph object on both sides, too.
    const g = buildGraph(a);
    expect(diffInventories({ inventory: a, graph: g }, { inventory: a, graph: g }).empty).toBe(true);
  });

  it('an added edge that makes a crown jewel reachable', () => {
    const b = inv(structuredClone(baseNodes), [
      ...structuredClone(baseEdges),
      { source: 'nhi:role', target: 'ds:payroll', kind: 'has_permission', actions: ['read'] },
    ]);
    const d = diff(base(), b);
    expect(d.empty).toBe(false);
    expect(d.nodes).toEqual({ added: [], removed: [], changed: [] });
    expect(d.edges).toEqual({ added: ['nhi:role|has_permission|ds:payroll'], removed: [], changed: [] });
    expect(d.reach).toEqual([
      {
        node: 'agent:bot',
        name: 'Support bot',
        before: 3,
        after: 4,
        gained: ['ds:payroll'],
        lost: [],
        crownJewelsGained: ['ds:payroll'],
        crownJewelsLost: [],
        crownJewelsBefore: 0,
        crownJewelsAfter: 1,
      },
    ]);
    expect(d.summary.map((s) => s.text)).toEqual([
      'Support bot can now reach Payroll DB (crown jewel)',
      'Added edge Bot role → Payroll DB (has_permission)',
    ]);
    expect(d.summary[0]).toMatchObject({ kind: 'crown-jewel-gained', node: 'agent:bot', ids: ['ds:payroll'] });
    // The way back is the mirror image.
    const back = diff(b, base());
    expect(back.edges.removed).toEqual(['nhi:role|has_permission|ds:payroll']);
    expect(back.reach[0]).toMatchObject({ before: 4, after: 3, gained: [], lost: ['ds:payroll'], crownJewelsLost: ['ds:payroll'] });
    expect(back.summary.map((s) => s.text)).toContain('Support bot can no longer reach Payroll DB (crown jewel)');
  });

  it('a removed node: its edges go too, and reach loses it', () => {
    const b = inv(
      structuredClone(baseNodes).filter((n) => n.id !== 'ds:wiki'),
      structuredClone(baseEdges).filter((e) => e.target !== 'ds:wiki'),
    );
    const d = diff(base(), b);
    expect(d.nodes).toEqual({ added: [], removed: ['ds:wiki'], changed: [] });
    expect(d.edges).toEqual({ added: [], removed: ['vs:kb|indexes|ds:wiki'], changed: [] });
    expect(d.ghosts).toEqual({
      nodes: [{ id: 'ds:wiki', kind: 'data_store', name: 'Wiki' }],
      edges: [{ id: 'vs:kb|indexes|ds:wiki', source: 'vs:kb', target: 'ds:wiki', kind: 'indexes' }],
    });
    expect(d.reach).toEqual([expect.objectContaining({ node: 'agent:bot', before: 3, after: 2, gained: [], lost: ['ds:wiki'], crownJewelsGained: [], crownJewelsLost: [] })]);
    expect(d.summary.map((s) => s.text)).toEqual([
      'Removed data store Wiki',
      'Removed edge KB → Wiki (indexes)',
      'Support bot can no longer reach Wiki (3 → 2)',
    ]);
  });

  it('a changed sensitivity turns a reached store into a crown jewel', () => {
    const nodes = structuredClone(baseNodes);
    nodes[3]!.sensitivity = 'confidential';
    const d = diff(base(), inv(nodes, structuredClone(baseEdges)));
    expect(d.nodes.changed).toEqual([{ id: 'ds:wiki', fields: [{ field: 'sensitivity', old: 'internal', new: 'confidential' }] }]);
    expect(d.edges).toEqual({ added: [], removed: [], changed: [] });
    expect(d.reach).toEqual([
      expect.objectContaining({ node: 'agent:bot', before: 3, after: 3, gained: [], lost: [], crownJewelsGained: ['ds:wiki'], crownJewelsBefore: 0, crownJewelsAfter: 1 }),
    ]);
    const texts = d.summary.map((s) => s.text);
    expect(texts).toContain('Support bot can now reach Wiki (crown jewel)');
    expect(texts).toContain('Wiki is now a crown jewel');
    expect(texts).toContain('Changed Wiki: sensitivity internal → confidential');
    expect(d.summary.map((x) => x.kind)).not.toContain('reach');
  });

  it('reports added and removed fields, nested values compared structurally', () => {
    const a = inv([{ id: 'n', kind: 'data_store', tags: ['a', 'b'], meta: { x: 1, y: [1, { z: 2 }] }, owner: 'alice' }], []);
    const same = inv([{ id: 'n', kind: 'data_store', meta: { y: [1, { z: 2 }], x: 1 }, tags: ['a', 'b'], owner: 'alice' }], []);
    expect(diff(a, same).empty).toBe(true);
    const b = inv([{ id: 'n', kind: 'data_store', tags: ['b', 'a'], meta: { x: 1, y: [1, { z: 3 }] }, env: 'prod' }], []);
    expect(diff(a, b).nodes.changed).toEqual([
      {
        id: 'n',
        fields: [
          { field: 'env', new: 'prod' },
          { field: 'meta', old: { x: 1, y: [1, { z: 2 }] }, new: { x: 1, y: [1, { z: 3 }] } },
          { field: 'owner', old: 'alice' },
          { field: 'tags', old: ['a', 'b'], new: ['b', 'a'] },
        ],
      },
    ]);
    // Absent stays absent in JSON: `old` / `new` keys are left out, not null.
    const json = JSON.parse(JSON.stringify(diff(a, b))) as InventoryDiff;
    expect(json.nodes.changed[0]!.fields[0]).toEqual({ field: 'env', new: 'prod' });
  });

  it('ignores provenance by default (where an element was read is not drift), or the fields asked', () => {
    const a = inv([{ id: 'n', kind: 'data_store', provenance: 'a/cfg.json#/x', owner: 'alice' }], []);
    const b = inv([{ id: 'n', kind: 'data_store', provenance: 'b/cfg.json#/x', owner: 'bob' }], []);
    expect(diff(a, b).nodes.changed).toEqual([{ id: 'n', fields: [{ field: 'owner', old: 'alice', new: 'bob' }] }]);
    expect(diff(a, b, { ignoreFields: ['owner'] }).nodes.changed).toEqual([{ id: 'n', fields: [{ field: 'provenance', old: 'a/cfg.json#/x', new: 'b/cfg.json#/x' }] }]);
    expect(diff(a, b, { ignoreFields: ['owner', 'provenance'] }).empty).toBe(true);
  });

  it('reports a changed edge (given id) with its fields', () => {
    const a = inv(structuredClone(baseNodes), [{ id: 'e1', source: 'agent:bot', target: 'vs:kb', kind: 'retrieves' }]);
    const b = inv(structuredClone(baseNodes), [{ id: 'e1', source: 'agent:bot', target: 'ds:payroll', kind: 'reads', note: 'moved' }]);
    const d = diff(a, b);
    expect(d.edges.changed).toEqual([
      {
        id: 'e1',
        fields: [
          { field: 'kind', old: 'retrieves', new: 'reads' },
          { field: 'note', new: 'moved' },
          { field: 'target', old: 'vs:kb', new: 'ds:payroll' },
        ],
      },
    ]);
    expect(d.reach[0]).toMatchObject({ gained: ['ds:payroll'], lost: ['vs:kb'], crownJewelsGained: ['ds:payroll'] });
  });

  it('handles __proto__ and other prototype names as ids and fields', () => {
    const a = parseInventory({
      text: JSON.stringify({
        format: 'pathlight-inventory',
        version: 1,
        nodes: [
          { id: 'agent:bot', kind: 'ai_agent' },
          { id: '__proto__', kind: 'data_store', critical: false },
          { id: 'constructor', kind: 'data_store' },
        ],
        edges: [{ source: 'agent:bot', target: 'constructor', kind: 'reads' }],
      }).replace('"critical":false', '"critical":false,"__proto__":{"polluted":1}'),
    });
    const b = parseInventory({
      text: JSON.stringify({
        format: 'pathlight-inventory',
        version: 1,
        nodes: [
          { id: 'agent:bot', kind: 'ai_agent' },
          { id: '__proto__', kind: 'data_store', critical: true },
          { id: 'toString', kind: 'data_store' },
        ],
        edges: [{ source: 'agent:bot', target: '__proto__', kind: 'reads' }],
      }),
    });
    if (!a.ok || !b.ok) throw new Error('fixture does not parse');
    const d = diff(a.inventory, b.inventory);
    expect(d.nodes).toEqual({
      added: ['toString'],
      removed: ['constructor'],
      changed: [
        {
          id: '__proto__',
          fields: [
            { field: '__proto__', old: expect.objectContaining({ polluted: 1 }) },
            { field: 'critical', old: false, new: true },
          ],
        },
      ],
    });
    expect(d.edges).toEqual({ added: ['agent:bot|reads|__proto__'], removed: ['agent:bot|reads|constructor'], changed: [] });
    expect(d.reach).toEqual([expect.objectContaining({ node: 'agent:bot', gained: ['__proto__'], lost: ['constructor'], crownJewelsGained: ['__proto__'] })]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    const json = JSON.parse(JSON.stringify(d)) as InventoryDiff;
    expect(json.nodes.changed[0]!.fields.map((f) => f.field)).toEqual(['__proto__', 'critical']);
  });

  it('a new AI node reports everything it reaches as gained; a removed one everything as lost', () => {
    const nodes = [...structuredClone(baseNodes), { id: 'mcp:fs', kind: 'mcp_server', name: 'FS server' }];
    const edges = [...structuredClone(baseEdges), { source: 'mcp:fs', target: 'nhi:role', kind: 'runs_as' }, { source: 'mcp:fs', target: 'ds:payroll', kind: 'reads' }];
    const d = diff(base(), inv(nodes, edges));
    expect(d.nodes.added).toEqual(['mcp:fs']);
    expect(d.reach).toEqual([
      {
        node: 'mcp:fs',
        name: 'FS server',
        before: 0,
        after: 2,
        gained: ['ds:payroll', 'nhi:role'],
        lost: [],
        crownJewelsGained: ['ds:payroll'],
        crownJewelsLost: [],
        crownJewelsBefore: 0,
        crownJewelsAfter: 1,
      },
    ]);
    expect(d.summary.map((s) => s.text).slice(0, 2)).toEqual(['FS server can now reach Payroll DB (crown jewel)', 'Added MCP server FS server']);
    const back = diff(inv(nodes, edges), base());
    expect(back.reach).toEqual([expect.objectContaining({ node: 'mcp:fs', before: 2, after: 0, gained: [], lost: ['ds:payroll', 'nhi:role'], crownJewelsLost: ['ds:payroll'] })]);
  });

  it('groups many added elements into one sentence and caps the summary', () => {
    const extra = Array.from({ length: 7 }, (_, i) => ({ id: `ds:new${i}`, kind: 'data_store', name: `New ${i}` }));
    const d = diff(base(), inv([...structuredClone(baseNodes), ...extra], structuredClone(baseEdges)));
    expect(d.summary).toEqual([
      { kind: 'node-added', text: 'Added 7 nodes: New 0, New 1, New 2, New 3 and 3 more', ids: extra.map((n) => n.id) },
    ]);
    const nodes = structuredClone(baseNodes).map((n) => ({ ...n, owner: 'someone' }));
    const capped = diff(base(), inv(nodes, structuredClone(baseEdges)), { maxSummary: 3 });
    expect(capped.nodes.changed).toHaveLength(5);
    expect(capped.summary).toHaveLength(3);
    expect(capped.summary[2]).toEqual({ kind: 'more', text: '… and 3 more changes' });
  });

  it('findings new and resolved come from the rules (a public bot over confidential retrieval)', () => {
    const nodes = structuredClone(baseNodes);
    nodes[0]!.exposure = 'public';
    const a = inv(nodes, structuredClone(baseEdges));
    const withSecret = structuredClone(nodes);
    withSecret[3]!.sensitivity = 'confidential';
    const b = inv(withSecret, structuredClone(baseEdges));
    const d = diff(a, b);
    expect(d.findings.new).toContainEqual(expect.objectContaining({ rule: 'public-bot-confidential-retrieval', node: 'agent:bot' }));
    expect(d.findings.resolved).toEqual([]);
    expect(d.summary[0]).toMatchObject({ kind: 'finding-new', node: 'agent:bot' });
    const back = diff(b, a);
    expect(back.findings.resolved).toContainEqual(expect.objectContaining({ rule: 'public-bot-confidential-retrieval', node: 'agent:bot' }));
    // findings: false skips the rules.
    expect(diff(a, b, { findings: false }).findings).toEqual({ new: [], resolved: [], changed: [] });
  });

  it('uses findings given with a side instead of evaluating the rules', () => {
    const a = base();
    const f: Finding = { rule: 'x', severity: 'low', node: 'agent:bot', title: 'X', evidence: { nodes: ['agent:bot'], edges: [] } };
    const d = diffInventories({ inventory: a, findings: [] }, { inventory: a, findings: [f] });
    expect(d.findings.new).toEqual([{ rule: 'x', node: 'agent:bot', severity: 'low', title: 'X', evidence: { nodes: ['agent:bot'], edges: [] } }]);
    expect(d.empty).toBe(false);
  });
});

describe('diffFindings', () => {
  const f = (rule: string, node: string, severity: Finding['severity'], nodes: string[] = [node]): Finding => ({
    rule,
    node,
    severity,
    title: `${rule} on ${node}`,
    evidence: { nodes, edges: [] },
  });

  it('matches by rule and node; severity moves are changes, not new findings', () => {
    const d = diffFindings([f('r1', 'a', 'high'), f('r2', 'a', 'low'), f('r3', 'b', 'medium')], [f('r1', 'a', 'critical', ['a', 'x']), f('r3', 'b', 'medium'), f('r4', 'c', 'low'), f('r5', 'c', 'critical')]);
    expect(d.new.map((x) => x.rule)).toEqual(['r5', 'r4']);
    expect(d.resolved.map((x) => x.rule)).toEqual(['r2']);
    expect(d.changed).toEqual([{ rule: 'r1', node: 'a', title: 'r1 on a', old: 'high', new: 'critical' }]);
  });

  it('tells several findings of one rule and node apart by their evidence', () => {
    const d = diffFindings([f('r', 'a', 'high', ['a', 'p']), f('r', 'a', 'high', ['a', 'q'])], [f('r', 'a', 'high', ['q', 'a']), f('r', 'a', 'high', ['a', 's']), f('r', 'a', 'low', ['a', 't'])]);
    expect(d.new.map((x) => x.evidence.nodes)).toEqual([['a', 's'], ['a', 't']]);
    expect(d.resolved.map((x) => x.evidence.nodes)).toEqual([['a', 'p']]);
    expect(d.changed).toEqual([]);
  });
});

describe('sameValue', () => {
  it('compares JSON values structurally', () => {
    expect(sameValue({ a: [1, { b: null }] }, { a: [1, { b: null }] })).toBe(true);
    expect(sameValue({ a: 1, b: 2 }, { b: 2, a: 1 })).toBe(true);
    expect(sameValue([1, 2], [2, 1])).toBe(false);
    expect(sameValue({ a: 1 }, { a: 1, b: 2 })).toBe(false);
    expect(sameValue({ a: undefined }, {})).toBe(true);
    expect(sameValue([], {})).toBe(false);
    expect(sameValue(null, {})).toBe(false);
    expect(sameValue('1', 1)).toBe(false);
    expect(sameValue(0, -0)).toBe(true);
    const proto = JSON.parse('{"__proto__": 1}') as unknown;
    expect(sameValue(proto, {})).toBe(false);
    expect(sameValue(proto, JSON.parse('{"__proto__": 1}'))).toBe(true);
    expect(sameValue(NaN, NaN)).toBe(true);
  });

  it('survives deep nesting and cycles', () => {
    const deep = (leaf: number) => JSON.parse(`${'['.repeat(100_000)}${leaf}${']'.repeat(100_000)}`) as unknown;
    expect(sameValue(deep(1), deep(1))).toBe(true);
    expect(sameValue(deep(1), deep(2))).toBe(false);
    const a: Record<string, unknown> = { x: 1 };
    a.self = a;
    const b: Record<string, unknown> = { x: 1 };
    b.self = b;
    expect(sameValue(a, b)).toBe(true);
    b.x = 2;
    expect(sameValue(a, b)).toBe(false);
  });
});

describe('reach drift agrees with single-source reach', () => {
  const KINDS = ['ai_agent', 'ai_agent', 'ai_agent', 'mcp_server', 'nhi', 'credential', 'data_store', 'vector_store', 'tool', 'saas_app', 'human'];
  const EDGE_KINDS = ['runs_as', 'uses_credential', 'authenticates_as', 'has_permission', 'reads', 'writes', 'indexes', 'stores', 'provides', 'connects_to', 'has_tool', 'retrieves'];

  function randomInventories(seed: number): [Inventory, Inventory] {
    const r = rng(seed);
    const n = 200;
    const nodes: Json[] = [];
    for (let i = 0; i < n; i++) {
      const kind = KINDS[Math.floor(r() * KINDS.length)]!;
      nodes.push({ id: `n${i}`, kind, ...(r() < 0.2 ? { sensitivity: 'confidential' } : {}), ...(r() < 0.05 ? { critical: true } : {}) });
    }
    const edges: Json[] = [];
    for (let j = 0; j < 600; j++) {
      const kind = EDGE_KINDS[Math.floor(r() * EDGE_KINDS.length)]!;
      edges.push({ source: `n${Math.floor(r() * n)}`, target: `n${Math.floor(r() * n)}`, kind, ...(kind === 'has_permission' && r() < 0.5 ? { actions: ['read'] } : {}) });
    }
    // The next inventory: some nodes removed, some added, some AI-ness and sensitivity flipped, edges churned.
    const nextNodes = nodes
      .filter(() => r() > 0.08)
      .map((node) => {
        const copy = { ...node };
        if (r() < 0.08) copy.kind = copy.kind === 'ai_agent' ? 'nhi' : 'ai_agent';
        if (r() < 0.08) copy.sensitivity = copy.sensitivity ? undefined : 'restricted';
        return copy;
      });
    for (let i = 0; i < 20; i++) nextNodes.push({ id: `m${i}`, kind: KINDS[Math.floor(r() * KINDS.length)]! });
    const ids = nextNodes.map((x) => x.id as string);
    const nextEdges: Json[] = edges.filter(() => r() > 0.1);
    for (let j = 0; j < 60; j++) {
      nextEdges.push({ source: ids[Math.floor(r() * ids.length)]!, target: ids[Math.floor(r() * ids.length)]!, kind: EDGE_KINDS[Math.floor(r() * EDGE_KINDS.length)]! });
    }
    const present = new Set(ids);
    const keep = nextEdges.filter((e) => present.has(e.source as string) && present.has(e.target as string));
    const clean = nextNodes.map((x) => Object.fromEntries(Object.entries(x).filter(([, v]) => v !== undefined)));
    return [inv(nodes, edges), inv(clean, keep)];
  }

  function reachedIds(inventory: Inventory, id: string): { all: Set<string>; cj: Set<string> } {
    const graph = buildGraph(inventory);
    const all = new Set<string>();
    const cj = new Set<string>();
    if (!graph.index.nodeIndex.has(id)) return { all, cj };
    for (const v of computeReach(graph, id).nodes()) {
      all.add(graph.nodes[v]!.id);
      if (graph.index.nodeFlags[v]! & 1) cj.add(graph.nodes[v]!.id);
    }
    return { all, cj };
  }

  const minus = (a: Set<string>, b: Set<string>) => [...a].filter((x) => !b.has(x)).sort();

  it('for every AI node on either side (more than 32 of them, so several batches)', () => {
    for (let seed = 1; seed <= 4; seed++) {
      const [a, b] = randomInventories(seed);
      const d = diff(a, b, { findings: false });
      const ai = new Set<string>();
      for (const g of [buildGraph(a), buildGraph(b)]) g.nodes.forEach((node, i) => (g.index.nodeFlags[i]! & 4 ? ai.add(node.id) : undefined));
      expect(ai.size).toBeGreaterThan(70);
      const expectedChanges: Record<string, unknown>[] = [];
      for (const id of [...ai].sort()) {
        const before = reachedIds(a, id);
        const after = reachedIds(b, id);
        const expected = {
          node: id,
          before: before.all.size,
          after: after.all.size,
          gained: minus(after.all, before.all),
          lost: minus(before.all, after.all),
          crownJewelsGained: minus(after.cj, before.cj),
          crownJewelsLost: minus(before.cj, after.cj),
          crownJewelsBefore: before.cj.size,
          crownJewelsAfter: after.cj.size,
        };
        const moved = expected.gained.length + expected.lost.length + expected.crownJewelsGained.length + expected.crownJewelsLost.length;
        if (moved > 0) expectedChanges.push(expected);
      }
      expect(expectedChanges.length).toBeGreaterThan(5);
      expect([...d.reach].sort((x, y) => (x.node < y.node ? -1 : 1)), `seed ${seed}`).toMatchObject(expectedChanges);
      // Chunked (one batch of 32 sources per pass) gives the same answer.
      expect(diff(a, b, { findings: false, maskBudgetBytes: 1 })).toEqual(d);
      // Deterministic: the same inputs with shuffled order give the same diff.
      const shuffled = inv([...b.nodes].reverse().map((x) => ({ ...x.fields })), [...b.edges].reverse().map((e) => ({ ...e.fields })));
      expect(diff(a, shuffled, { findings: false })).toEqual(d);
    }
  });
});
