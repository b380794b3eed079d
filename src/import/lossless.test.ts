import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { toOpenGraph } from './export-opengraph.ts';
import { toPathlightDocument } from './export-pathlight.ts';
import { FIXTURES, fixture, json, ok } from './test/helpers.ts';
import { validate } from './test/json-schema.ts';
import type { SchemaSet } from './test/json-schema.ts';

/**
 * Nothing lost: every OpenGraph fixture keeps every edge with its own kind, its ids and its property values
 * through Pathlight and back; Pathlight inventories survive OpenGraph and back; and what `convert --to
 * opengraph` writes passes BloodHound's upload schemas (fixtures/opengraph-upload-schema, source noted there).
 */
const SCHEMA_DIR = join(FIXTURES, 'opengraph-upload-schema');
const SCHEMAS: SchemaSet = Object.fromEntries(
  ['node', 'edge', 'metadata', 'payload'].map((n) => [`${n}.schema.json`, JSON.parse(readFileSync(join(SCHEMA_DIR, `${n}.schema.json`), 'utf8')) as Record<string, unknown>]),
);

interface OgNode {
  id: string;
  kinds: string[];
  properties?: Record<string, unknown>;
}
interface OgEdge {
  kind: string;
  start: { value?: string; match_by?: string };
  end: { value?: string; match_by?: string };
  properties?: Record<string, unknown>;
}
interface Payload {
  metadata?: { source_kind?: string };
  graph: { nodes?: OgNode[]; edges?: OgEdge[] };
}

const OG_FIXTURES = readdirSync(join(FIXTURES, 'opengraph')).filter((f) => f.endsWith('.json') && !/schema|opengraph-(node|edge)\.json/.test(f));

/** A GitHound-like payload with what real exports have: several kinds between one pair, an exact duplicate,
 * same kind with other properties, empty arrays, secret-sounding metadata and `auth: "none"`. */
const SYNTHETIC: Payload = {
  metadata: { source_kind: 'GitHub' },
  graph: {
    nodes: [
      { id: 'U_1', kinds: ['GH_User'], properties: { name: 'alice', email: 'alice@example.com', credentialName: 'deploy key', authMethod: 'saml', token_last_used_at: '2025-06-01T10:00:00Z', authorizedPrincipals: ['alice', 'bob'], teams: [], auth: 'none' } },
      { id: 'REF_1', kinds: ['GH_Branch', 'GH_Protected'], properties: { name: 'main', protections: [], score: 1.5, query_secrets: "MATCH (s:GH_Secret) RETURN s" } },
      { id: 'SNOW_A', kinds: ['SNOW_User'], properties: { name: 'A', email: 'same@example.com' } },
      { id: 'SNOW_B', kinds: ['SNOW_User'], properties: { name: 'B', email: 'same@example.com' } },
      { id: 'SNOW_C', kinds: ['SNOW_User'], properties: { name: 'C', email: 'same@example.com' } },
    ],
    edges: [
      { kind: 'GH_CanWriteBranch', start: { value: 'U_1' }, end: { value: 'REF_1' } },
      { kind: 'GH_BypassBranchProtection', start: { value: 'U_1' }, end: { value: 'REF_1' } },
      { kind: 'GH_CanEditAndWriteBranch', start: { value: 'U_1' }, end: { value: 'REF_1' }, properties: { via: [] } },
      { kind: 'GH_CanWriteBranch', start: { value: 'U_1' }, end: { value: 'REF_1' } },
      { kind: 'GH_CanWriteBranch', start: { value: 'U_1' }, end: { value: 'REF_1' }, properties: { reason: 'team' } },
      { kind: 'GH_ReadRepoContents', start: { value: 'U_1' }, end: { value: 'REF_1' }, properties: { traversable: false } },
    ],
  },
};

function countKinds(kinds: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const k of kinds) out[k] = (out[k] ?? 0) + 1;
  return out;
}

/** Input edges per kind, exact duplicates (same ends, kind and properties) counted once. */
function inputEdgeKinds(p: Payload): Record<string, number> {
  const seen = new Set<string>();
  const kinds: string[] = [];
  for (const e of p.graph.edges ?? []) {
    const key = JSON.stringify([e.kind, e.start, e.end, e.properties ?? {}]);
    if (seen.has(key)) continue;
    seen.add(key);
    kinds.push(e.kind);
  }
  return countKinds(kinds);
}

const cases: [string, Payload][] = [
  ...OG_FIXTURES.map((f): [string, Payload] => [f, JSON.parse(readFileSync(join(FIXTURES, 'opengraph', f), 'utf8')) as Payload]),
  ['synthetic-githound.json', SYNTHETIC],
];

describe.each(cases)('OpenGraph %s: nothing lost', (file, payload) => {
  const r = ok([json(file, payload)]);
  const inv = r.inventory;
  const out = toOpenGraph(inv).payload as unknown as Payload;
  const inNodes = payload.graph.nodes ?? [];

  it('keeps every input edge with its own kind (exact duplicates once, and reported)', () => {
    const expected = inputEdgeKinds(payload);
    const got = countKinds(inv.edges.map((e) => String(e.fields.ogKind)));
    expect(got).toEqual(expected);
    expect(countKinds((out.graph.edges ?? []).map((e) => e.kind))).toEqual(expected);
    const dups = (payload.graph.edges ?? []).length - Object.values(expected).reduce((a, b) => a + b, 0);
    expect(r.reports[0]!.warnings.filter((w) => w.code === 'DUPLICATE_EDGE')).toHaveLength(dups);
  });

  it('keeps ids, kinds and property values (empty arrays too) through Pathlight and back out', () => {
    const byId = new Map((out.graph.nodes ?? []).map((n) => [n.id, n]));
    for (const n of inNodes) {
      const o = byId.get(n.id);
      expect(o, n.id).toBeDefined();
      expect(o!.kinds.slice(0, n.kinds.length)).toEqual(n.kinds.slice(0, 3));
      for (const [k, v] of Object.entries(n.properties ?? {})) expect(o!.properties?.[k], `${n.id}.${k}`).toEqual(v);
    }
    expect(inv.nodes.filter((n) => !n.fields.stub).map((n) => n.id).sort()).toEqual([...new Set(inNodes.map((n) => n.id))].sort());
  });

  it('keeps edge ends and property values', () => {
    const key = (e: OgEdge) => JSON.stringify([e.kind, e.start.value, e.end.value]);
    const outByKey = new Map<string, OgEdge[]>();
    for (const e of out.graph.edges ?? []) outByKey.set(key(e), [...(outByKey.get(key(e)) ?? []), e]);
    for (const e of payload.graph.edges ?? []) {
      // name and property matchers resolve to the matched node's id
      if ((e.start.match_by ?? 'id') !== 'id' || (e.end.match_by ?? 'id') !== 'id') continue;
      const candidates = outByKey.get(key(e)) ?? [];
      expect(candidates.some((o) => Object.entries(e.properties ?? {}).every(([k, v]) => JSON.stringify(o.properties?.[k]) === JSON.stringify(v))), key(e)).toBe(true);
    }
  });

  it('writes what BloodHound accepts', () => {
    expect(validate(out, 'payload.schema.json', SCHEMAS)).toEqual([]);
  });

  it('reads back to the same inventory (OpenGraph → Pathlight → OpenGraph → Pathlight)', () => {
    const back = ok([json(`again-${file}`, out)]).inventory;
    const shape = (i: typeof inv) => ({
      nodes: i.nodes.map((n) => ({ id: n.id, kind: n.kind, name: n.name, fields: { ...n.fields, provenance: undefined, provenanceLine: undefined, provenanceColumn: undefined } })),
      edges: i.edges.map((e) => ({ id: e.id, source: e.source, kind: e.kind, target: e.target, traversable: e.traversable, fields: { ...e.fields, provenance: undefined, provenanceLine: undefined, provenanceColumn: undefined, id: undefined } })),
    });
    expect(shape(back)).toEqual(shape(inv));
  });
});

describe('synthetic GitHound payload: what real estates need', () => {
  const r = ok([json('synthetic-githound.json', SYNTHETIC)]);
  const inv = r.inventory;

  it('three Snowflake logins sharing one email stay three accounts', () => {
    expect(inv.nodes.filter((n) => n.fields.ogKind === 'SNOW_User').map((n) => n.id).sort()).toEqual(['SNOW_A', 'SNOW_B', 'SNOW_C']);
  });

  it('metadata named like a secret is kept; auth "none" survives both round trips', () => {
    const u = inv.nodes.find((n) => n.id === 'U_1')!;
    expect(u.fields).toMatchObject({ credentialName: 'deploy key', authMethod: 'saml', token_last_used_at: '2025-06-01T10:00:00Z', authorizedPrincipals: ['alice', 'bob'], teams: [], auth: 'none' });
    expect(r.reports[0]!.warnings.filter((w) => w.code === 'SECRET_REDACTED')).toEqual([]);
    const doc = toPathlightDocument(inv);
    const viaOg = ok([json('x.json', toOpenGraph(ok([json('pl.json', doc)]).inventory).payload)]).inventory;
    expect(viaOg.nodes.find((n) => n.id === 'U_1')!.fields).toMatchObject({ auth: 'none', teams: [] });
  });

  it('the collector’s own traversable flag is kept', () => {
    const e = inv.edges.find((x) => x.fields.ogKind === 'GH_ReadRepoContents')!;
    expect(e.traversable).toBe(false);
    const out = toOpenGraph(inv).payload as unknown as Payload;
    expect(out.graph.edges!.find((x) => x.kind === 'GH_ReadRepoContents')!.properties).toMatchObject({ traversable: false });
  });

  it('the report counts input edges per kind and groups warnings by code', () => {
    expect(r.reports[0]!.edgesIn).toEqual({ GH_BypassBranchProtection: 1, GH_CanEditAndWriteBranch: 1, GH_CanWriteBranch: 3, GH_ReadRepoContents: 1 });
    const dup = r.reports[0]!.warningGroups!.find((g) => g.code === 'DUPLICATE_EDGE')!;
    expect(dup).toMatchObject({ count: 1, first: [{ at: '/graph/edges/3' }] });
  });
});

describe('Pathlight → OpenGraph → Pathlight', () => {
  const aws = readdirSync(join(FIXTURES, 'aws-cloudmapper-demo'))
    .filter((f) => f.endsWith('.json'))
    .map((f) => fixture(`aws-cloudmapper-demo/${f}`));
  const mixed = [...aws, fixture('mcp-configs/modelcontextprotocol-inspector__sample-config.json'), fixture('cyclonedx/saasbom-apigateway-microservices-datastores.bom.json'), fixture('sharphound-azurehound/sharphound_v6_users_ESC1.LOCAL.json'), fixture('okta-api/api/users.json')];
  const inv = ok(mixed).inventory;
  const og = toOpenGraph(inv);

  it('loses nothing: ids, kinds, names, fields (nested values and empty arrays included)', () => {
    const back = ok([json('pathlight-og.json', og.payload), json('pathlight-og.schema.json', og.schema)]).inventory;
    // where an element sits in its file is not content: the round trip reads it from another file
    const strip = (f: Record<string, unknown>) => ({ ...f, provenance: undefined, provenanceLine: undefined, provenanceColumn: undefined, id: undefined });
    expect(back.nodes.map((n) => [n.id, n.kind, n.name])).toEqual(inv.nodes.map((n) => [n.id, n.kind, n.name]));
    for (let i = 0; i < inv.nodes.length; i++) expect(strip(back.nodes[i]!.fields), inv.nodes[i]!.id).toEqual(strip(inv.nodes[i]!.fields));
    expect(back.edges.map((e) => [e.id, e.source, e.kind, e.target, e.traversable, e.grants])).toEqual(inv.edges.map((e) => [e.id, e.source, e.kind, e.target, e.traversable, e.grants]));
    for (let i = 0; i < inv.edges.length; i++) expect(strip(back.edges[i]!.fields), inv.edges[i]!.id).toEqual(strip(inv.edges[i]!.fields));
  });

  it('passes BloodHound’s upload schemas', () => {
    expect(validate(og.payload, 'payload.schema.json', SCHEMAS)).toEqual([]);
  });
});
