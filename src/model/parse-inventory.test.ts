import { describe, expect, it } from 'vitest';

import { formatIssue } from './issues.ts';
import { parseInventories, parseInventory } from './parse-inventory.ts';

const doc = (nodes: unknown[], edges: unknown[] = [], extra: Record<string, unknown> = {}) => ({
  format: 'pathlight-inventory',
  version: 1,
  nodes,
  edges,
  ...extra,
});

function ok(json: unknown) {
  const r = parseInventory({ json });
  if (!r.ok) throw new Error(r.errors.map(formatIssue).join('\n'));
  return r.inventory;
}

function errors(input: { json?: unknown; text?: string; file?: string }) {
  const r = parseInventory(input);
  if (r.ok) throw new Error('expected errors');
  return r.errors.map(formatIssue);
}

describe('parseInventory: the document', () => {
  it('reads a minimal inventory', () => {
    const inv = ok(doc([{ id: 'a', kind: 'ai_agent' }]));
    expect(inv.nodes).toHaveLength(1);
    expect(inv.nodes[0]).toMatchObject({ id: 'a', kind: 'ai_agent', name: 'a', at: 'nodes[0]' });
    expect(inv.warnings).toEqual([]);
  });

  it('reports invalid JSON with its line and column', () => {
    expect(errors({ text: '{\n  "format": "pathlight-inventory",\n  "nodes": [,]\n}', file: 'bad.json' })[0]).toMatch(
      /^bad\.json: not valid JSON at line 3, column \d+/,
    );
  });

  it('rejects what is not an inventory, naming the field', () => {
    expect(errors({ json: [] })[0]).toMatch(/expected a Pathlight inventory object/);
    expect(errors({ json: { nodes: [], edges: [] } })[0]).toMatch(/^format: expected "pathlight-inventory", got nothing/);
    expect(errors({ json: { format: 'pathlight-inventory', version: 1, nodes: {}, edges: [] } })[0]).toBe('nodes: expected a list, got an object');
    expect(errors({ json: { format: 'pathlight-inventory', version: 1, nodes: [] } })[0]).toBe('edges: required');
    expect(errors({ json: doc([], [], { version: 2 }) })[0]).toMatch(/^version: version "2" is not supported/);
  });

  it('requires every node to have a non-empty string id and kind', () => {
    expect(errors({ json: doc([{ kind: 'human' }]) })).toEqual(['nodes[0].id: required']);
    expect(errors({ json: doc([{ id: '', kind: 'human' }]) })).toEqual(['nodes[0].id: expected a non-empty string']);
    expect(errors({ json: doc([{ id: 7, kind: 'human' }]) })).toEqual(['nodes[0].id: expected a string, got number']);
    expect(errors({ json: doc([{ id: 'x' }]) })).toEqual(['nodes[0].kind: required']);
    expect(errors({ json: doc(['x']) })).toEqual(['nodes[0]: expected a node object, got a string']);
  });

  it('requires edges to name their source, target and kind', () => {
    const nodes = [{ id: 'a', kind: 'human' }];
    expect(errors({ json: doc(nodes, [{ source: 'a', kind: 'reads' }]) })).toEqual(['edges[0].target: required']);
    expect(errors({ json: doc(nodes, [{ source: 'a', target: 'a', kind: 'reads', traversable: 'no' }]) })).toEqual([
      'edges[0].traversable: expected a boolean, got a string',
    ]);
    expect(errors({ json: doc(nodes, [{ source: 'a', target: 'a', kind: 'has_permission', actions: 'read' }]) })).toEqual([
      'edges[0].actions: expected a list, got a string',
    ]);
  });
});

describe('parseInventory: section 1 rules', () => {
  it('preserves fields it does not know, on nodes, edges and the document', () => {
    const inv = ok(
      doc(
        [{ id: 'a', kind: 'human', costCenter: 'CC-12', nested: { x: [1, 2] } }, { id: 'b', kind: 'data_store' }],
        [{ source: 'a', target: 'b', kind: 'reads', ticket: 'SEC-9' }],
        { owner: 'secops' },
      ),
    );
    expect(inv.nodes[0]!.fields).toMatchObject({ costCenter: 'CC-12', nested: { x: [1, 2] } });
    expect(inv.edges[0]!.fields).toMatchObject({ ticket: 'SEC-9' });
    expect(inv.meta.extra).toMatchObject({ owner: 'secops' });
  });

  it('derives edge ids as source|kind|target with #2, #3 for repeats', () => {
    const inv = ok(
      doc(
        [{ id: 'a', kind: 'human' }, { id: 'b', kind: 'data_store' }],
        [
          { source: 'a', target: 'b', kind: 'reads' },
          { source: 'a', target: 'b', kind: 'reads' },
          { source: 'a', target: 'b', kind: 'writes' },
          { source: 'a', target: 'b', kind: 'reads' },
        ],
      ),
    );
    expect(inv.edges.map((e) => e.id)).toEqual(['a|reads|b', 'a|reads|b#2', 'a|writes|b', 'a|reads|b#3']);
    expect(inv.warnings).toEqual([]);
  });

  it('renames a repeated given edge id with #2 and warns', () => {
    const inv = ok(
      doc(
        [{ id: 'a', kind: 'human' }, { id: 'b', kind: 'data_store' }],
        [
          { id: 'e1', source: 'a', target: 'b', kind: 'reads' },
          { id: 'e1', source: 'a', target: 'b', kind: 'writes' },
        ],
      ),
    );
    expect(inv.edges.map((e) => e.id)).toEqual(['e1', 'e1#2']);
    expect(inv.warnings.map(formatIssue)).toEqual(['edges[1].id: duplicate edge id "e1" (first at edges[0]); this edge is renamed "e1#2"']);
  });

  it('leaves out an edge whose endpoint is missing, with a located warning', () => {
    const inv = ok(doc([{ id: 'a', kind: 'human' }], [{ source: 'a', target: 'ds:x', kind: 'reads' }]));
    expect(inv.edges).toEqual([]);
    expect(inv.warnings.map(formatIssue)).toEqual(['edges[0].target: no node "ds:x"; this edge is left out']);
    expect(inv.warnings[0]!.code).toBe('MISSING_ENDPOINT');
  });

  it('keeps the first of duplicate node ids and names both positions', () => {
    const inv = ok(doc([{ id: 'a', kind: 'human', name: 'First' }, { id: 'b', kind: 'nhi' }, { id: 'a', kind: 'nhi', name: 'Second' }]));
    expect(inv.nodes.map((n) => n.name)).toEqual(['First', 'b']);
    expect(inv.warnings.map(formatIssue)).toEqual(['nodes[2].id: duplicate node id "a" (first at nodes[0]); this one is ignored']);
  });

  it('keeps an unknown node kind as other, with its original kind preserved', () => {
    const inv = ok(doc([{ id: 'a', kind: 'quantum_computer' }]));
    expect(inv.nodes[0]!.kind).toBe('other');
    expect(inv.nodes[0]!.fields.kind).toBe('quantum_computer');
    expect(inv.warnings[0]).toMatchObject({ code: 'UNKNOWN_NODE_KIND', at: 'nodes[0].kind' });
  });

  it('keeps an unknown edge kind, not traversable, with a warning', () => {
    const inv = ok(doc([{ id: 'a', kind: 'human' }, { id: 'b', kind: 'nhi' }], [{ source: 'a', target: 'b', kind: 'haunts' }]));
    expect(inv.edges[0]).toMatchObject({ kind: 'haunts', traversable: false, grants: 0 });
    expect(inv.warnings[0]).toMatchObject({ code: 'UNKNOWN_EDGE_KIND', at: 'edges[0].kind' });
  });

  it('warns about well-known fields it cannot use, keeping them', () => {
    const inv = ok(doc([{ id: 'a', kind: 'data_store', sensitivity: 'top-secret', critical: 'yes' }]));
    expect(inv.nodes[0]!.fields.sensitivity).toBe('top-secret');
    expect(inv.warnings.map(formatIssue)).toEqual([
      'nodes[0].critical: expected a boolean, got a string; kept but ignored by the analysis',
      'nodes[0].sensitivity: expected one of "public", "internal", "confidential", "restricted", got "top-secret"; kept but ignored by the analysis',
    ]);
  });
});

describe('parseInventory: hostile input', () => {
  it('treats __proto__ ids and keys as plain data without polluting prototypes', () => {
    const text =
      '{"format":"pathlight-inventory","version":1,"nodes":[{"id":"__proto__","kind":"human","__proto__":{"polluted":true}},{"id":"constructor","kind":"nhi"}],"edges":[{"source":"__proto__","target":"constructor","kind":"can_assume"}]}';
    const r = parseInventory({ text });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.inventory.nodes.map((n) => n.id)).toEqual(['__proto__', 'constructor']);
    expect(Object.keys(r.inventory.nodes[0]!.fields)).toContain('__proto__');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(r.inventory.edges[0]!.id).toBe('__proto__|can_assume|constructor');
  });

  it('keeps HTML in labels as text', () => {
    const inv = ok(doc([{ id: 'x', kind: 'human', name: '<img src=x onerror=alert(1)>' }]));
    expect(inv.nodes[0]!.name).toBe('<img src=x onerror=alert(1)>');
  });

  it('caps the number of errors listed for a badly broken file', () => {
    const nodes = Array.from({ length: 1000 }, () => ({ kind: 'human' }));
    const errs = errors({ json: doc(nodes) });
    expect(errs.length).toBe(201);
    expect(errs.at(-1)).toBe('800 more errors not listed');
  });
});

describe('parseInventories', () => {
  it('joins several files: edges may name nodes of another file, duplicates across files first-wins', () => {
    const r = parseInventories([
      { file: 'a.json', json: doc([{ id: 'agent', kind: 'ai_agent' }]) },
      { file: 'b.json', json: doc([{ id: 'store', kind: 'data_store' }, { id: 'agent', kind: 'nhi' }], [{ source: 'agent', target: 'store', kind: 'reads' }]) },
    ]);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.inventory.nodes.map((n) => `${n.id}:${n.kind}@${n.at}`)).toEqual(['agent:ai_agent@a.json#nodes[0]', 'store:data_store@b.json#nodes[0]']);
    expect(r.inventory.edges).toHaveLength(1);
    expect(r.inventory.warnings.map(formatIssue)).toEqual([
      'b.json: nodes[1].id: duplicate node id "agent" (first at a.json#nodes[0]); this one is ignored',
    ]);
  });

  it('names the file of each error', () => {
    const r = parseInventories([{ file: 'good.json', json: doc([]) }, { file: 'bad.json', text: 'nope' }]);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(formatIssue(r.errors[0]!)).toMatch(/^bad\.json: not valid JSON/);
  });
});
