import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { decodeOgId, encodeOgId, toOpenGraph } from './export-opengraph.ts';
import { toPathlightDocument } from './export-pathlight.ts';
import { FIXTURES, fixture, json, ok } from './test/helpers.ts';
import type { Inventory } from '../model/types.ts';

const aws = readdirSync(join(FIXTURES, 'aws-cloudmapper-demo'))
  .filter((f) => f.endsWith('.json'))
  .map((f) => fixture(`aws-cloudmapper-demo/${f}`));
const mixed = [...aws, fixture('mcp-configs/modelcontextprotocol-inspector__sample-config.json'), fixture('opengraph/githound_saml_O_kgDOCoV2OQ.json'), fixture('okta-api/api/users.json')];

function shape(inv: Inventory) {
  return {
    nodes: inv.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name })),
    edges: inv.edges.map((e) => ({ id: e.id, source: e.source, target: e.target, kind: e.kind, traversable: e.traversable, grants: e.grants })),
  };
}

describe('export to Pathlight format', () => {
  it('round-trips losslessly: same nodes, edges, ids and fields', () => {
    const first = ok(mixed).inventory;
    const doc = toPathlightDocument(first);
    const again = ok([json('exported.json', doc)]);
    expect(again.reports[0]!.format).toBe('pathlight');
    expect(shape(again.inventory)).toEqual(shape(first));
    expect(again.inventory.nodes.map((n) => n.fields)).toEqual(first.nodes.map((n) => ({ ...n.fields })));
    // and once more: a fixed point
    expect(toPathlightDocument(again.inventory)).toEqual(doc);
  });

  it('importing the same files twice gives the same inventory (deterministic)', () => {
    expect(JSON.stringify(toPathlightDocument(ok(mixed).inventory))).toBe(JSON.stringify(toPathlightDocument(ok(mixed).inventory)));
  });
});

describe('export to BloodHound OpenGraph', () => {
  const inv = ok(mixed).inventory;
  const og = toOpenGraph(inv);

  it('follows the payload schema: ids unchanged, ≤3 kinds, primitive properties, no objectid', () => {
    expect(og.payload.metadata).toEqual({ source_kind: 'Pathlight' });
    expect(og.payload.graph.nodes).toHaveLength(inv.nodes.length);
    expect((og.payload.graph.nodes as { id: string }[]).map((n) => n.id)).toEqual(inv.nodes.map((n) => n.id));
    for (const n of og.payload.graph.nodes as { id: string; kinds: string[]; properties: Record<string, unknown> }[]) {
      expect(n.kinds.length).toBeLessThanOrEqual(3);
      expect(n.kinds[n.kinds.length - 1]).toMatch(/^PL_[A-Za-z]+$/);
      expect(n.properties).not.toHaveProperty('objectid');
      for (const v of Object.values(n.properties)) {
        const primitive = ['string', 'number', 'boolean'].includes(typeof v) || (Array.isArray(v) && v.every((x) => typeof x === typeof v[0] && typeof x !== 'object'));
        expect(primitive, JSON.stringify(v)).toBe(true);
      }
    }
    for (const e of og.payload.graph.edges as { kind: string; start: { value: string } }[]) {
      expect(e.kind).toMatch(/^[A-Za-z0-9_]+$/);
    }
  });

  it('writes an extension schema with traversable relationship kinds', () => {
    const schema = og.schema as { schema: { namespace: string }; node_kinds: { name: string }[]; relationship_kinds: { name: string; is_traversable: boolean }[] };
    expect(schema.schema.namespace).toBe('PL');
    expect(schema.node_kinds.every((k) => k.name.startsWith('PL_'))).toBe(true);
    expect(schema.relationship_kinds.find((k) => k.name === 'PL_CanAssume')!.is_traversable).toBe(true);
    expect(schema.relationship_kinds.find((k) => k.name === 'PL_DependsOn')!.is_traversable).toBe(false);
  });

  it('imports back to the same ids, kinds and edges', () => {
    const back = ok([json('pathlight-og.json', og.payload), json('pathlight-og.schema.json', og.schema)]);
    expect(back.reports.map((r) => r.format)).toEqual(['opengraph', 'opengraph-schema']);
    const a = shape(inv);
    const b = shape(back.inventory);
    expect(b.nodes).toEqual(a.nodes);
    expect(b.edges.map((e) => [e.id, e.source, e.kind, e.target, e.traversable, e.grants])).toEqual(a.edges.map((e) => [e.id, e.source, e.kind, e.target, e.traversable, e.grants]));
  });

  it('id encoding is reversible', () => {
    for (const id of ['arn:aws:iam::1:role/x', '100%:a', 'plain', '%3A']) expect(decodeOgId(encodeOgId(id))).toBe(id);
  });
});
