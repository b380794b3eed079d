import { zipSync, strToU8 } from 'fflate';
import { describe, expect, it } from 'vitest';

import { detectFormat } from './index.ts';
import { mapEdgeKind, mapNodeKind } from './opengraph.ts';
import { edge, expectProvenance, failed, fixture, json, node, ok } from './test/helpers.ts';

describe('BloodHound OpenGraph payloads', () => {
  it('minimal payload: nodes by id, the first kind styles the node, default traversable', () => {
    const r = ok([fixture('opengraph/opengraph-minimal.json')]);
    const inv = r.inventory;
    expect(r.reports[0]).toMatchObject({ format: 'opengraph', nodes: 2, edges: 1 });
    const bob = node(inv, '123');
    expect(bob).toMatchObject({ kind: 'human', name: 'bob' });
    expect(bob.fields).toMatchObject({ ogKind: 'Person', kinds: ['Person'], og_name: 'BOB', property: 'a' });
    const knows = edge(inv, '123', 'has_permission', '234');
    expect(knows.fields.ogKind).toBe('Knows');
    expect(knows.traversable).toBe(true);
    expectProvenance(inv);
    expect(knows.fields.provenance).toBe('opengraph-minimal.json#/graph/edges/0');
  });

  it('an extension schema decides traversability; source_kind is appended to kinds', () => {
    const schema = { schema: { name: 'T', display_name: 'T', version: 'v1.0.0', namespace: 'T' }, node_kinds: [], relationship_kinds: [{ name: 'Knows', is_traversable: false }] };
    const inv = ok([fixture('opengraph/opengraph-minimal.json'), json('schema.json', schema)]).inventory;
    expect(edge(inv, '123', 'has_permission', '234').traversable).toBe(false);

    const ui = ok([fixture('opengraph/opengraph-ui-test-payload.json'), fixture('opengraph/opengraph-ui-test-schema.json')]);
    expect(ui.reports.map((x) => x.format)).toEqual(['opengraph', 'opengraph-schema']);
    const admin = node(ui.inventory, 'example-admin-1');
    expect(admin.kind).toBe('human');
    expect(admin.fields.kinds).toEqual(['Example_AdminAccount', 'Example_HighValue', 'Example']);
    expect(node(ui.inventory, 'example-serviceaccount-1').kind).toBe('nhi');
    // an unmapped kind is kept as `other` with the original kind preserved
    const domain = node(ui.inventory, 'example-domain-1');
    expect(domain.kind).toBe('other');
    expect(domain.fields.kind).toBe('Example_Domain');
    const reset = edge(ui.inventory, 'example-serviceaccount-1', 'has_permission', 'example-admin-1');
    expect(reset.traversable).toBe(true);
    expect(reset.fields.actions).toEqual(['admin']);
  });

  it('GitHound SAML sample: per-edge traversable, property (name) matchers and stubs for ends not in the file', () => {
    const r = ok([fixture('opengraph/githound_saml_O_kgDOCoV2OQ.json')]);
    const inv = r.inventory;
    expect(node(inv, 'OIP_kwDOCoV2Oc2WFg').kind).toBe('saas_app');
    const org = node(inv, 'O_kgDOCoV2OQ');
    expect(org.fields.stub).toBe(true);
    const okta = node(inv, 'og-match:Okta_User:name=jatkinson@specterops.io');
    expect(okta).toMatchObject({ kind: 'human', name: 'jatkinson@specterops.io' });
    expect(edge(inv, 'O_kgDOCoV2OQ', 'has_permission', 'OIP_kwDOCoV2Oc2WFg').traversable).toBe(false);
    expect(edge(inv, okta.id, 'authenticates_as', 'MDQ6VXNlcjEzMjc4MjEw').traversable).toBe(true);
    const missing = r.reports[0]!.warnings.filter((w) => w.code === 'MISSING_ENDPOINT');
    expect(missing.map((w) => w.at)).toEqual(['/graph/edges/0/start', '/graph/edges/2/end', '/graph/edges/3/end']);
    // the certificate is public material, kept; nothing is redacted here
    expect(String(node(inv, 'OIP_kwDOCoV2Oc2WFg').fields.idp_certificate)).toMatch(/BEGIN CERTIFICATE/);
  });

  it('an empty GitHound graph imports to nothing', () => {
    const r = ok([fixture('opengraph/githound_scim_O_kgDOCoV2OQ.json')]);
    expect(r.reports[0]).toMatchObject({ format: 'opengraph', nodes: 0, edges: 0 });
    expect(r.inventory.nodes).toEqual([]);
  });

  it('a stub joins the real node from another file; an email joins an Okta user', () => {
    const org = { graph: { nodes: [{ id: 'O_kgDOCoV2OQ', kinds: ['GH_Organization'], properties: { name: 'SpecterTst' } }], edges: [] } };
    const inv = ok([fixture('opengraph/githound_saml_O_kgDOCoV2OQ.json'), json('org.json', org)]).inventory;
    const n = node(inv, 'O_kgDOCoV2OQ');
    expect(n).toMatchObject({ kind: 'saas_app', name: 'SpecterTst' });
    expect(n.fields.stub).toBeUndefined();

    const og = { graph: { nodes: [{ id: 'gh-1', kinds: ['GH_User'] }], edges: [{ kind: 'GH_SyncedTo', start: { match_by: 'property', property_matchers: [{ key: 'name', operator: 'equals', value: 'alice.smith@example.com' }], kind: 'Okta_User' }, end: { value: 'gh-1' } }] } };
    const joined = ok([fixture('okta-api/api/users.json'), json('gh.json', og)]).inventory;
    edge(joined, 'okta-user:00u118oQYT4TBTemp0g4', 'authenticates_as', 'gh-1');
    expect(joined.nodes.some((x) => x.id.startsWith('og-match:'))).toBe(false);
  });

  it('duplicate ids merge with a warning; unknown match_by and missing kind are located errors', () => {
    const dup = { graph: { nodes: [{ id: 'a', kinds: ['X_User'] }, { id: 'a', kinds: ['X_Admin'], properties: { p: 1 } }], edges: [] } };
    const r = ok([json('dup.json', dup)]);
    expect(node(r.inventory, 'a').fields.kinds).toEqual(['X_User', 'X_Admin']);
    expect(r.reports[0]!.warnings[0]).toMatchObject({ code: 'DUPLICATE_NODE_ID', at: '/graph/nodes/1/id' });

    const bad = { graph: { nodes: [{ kinds: ['X'] }], edges: [{ start: { value: 'a' }, end: { value: 'b' } }, { kind: 'K', start: { match_by: 'guess', value: 'a' }, end: { value: 'b' } }] } };
    const errors = failed([json('bad.json', bad)]);
    expect(errors.map((e) => e.at)).toEqual(['/graph/nodes/0/id', '/graph/edges/0/kind', '/graph/edges/1/start/match_by']);
    expect(errors.every((e) => e.file === 'bad.json')).toBe(true);
  });

  it('hostile ids and properties: __proto__ is an ordinary id; secret-named properties are not copied', () => {
    const text = '{"graph": {"nodes": [{"id": "__proto__", "kinds": ["AZUser"], "properties": {"password": "hunter2hunter2", "constructor": "x"}}, {"id": "b", "kinds": []}], "edges": [{"kind": "AZOwns", "start": {"value": "__proto__"}, "end": {"value": "b"}, "properties": {"actions": "nope", "source": "x"}}]}}';
    const r = ok([{ file: 'proto.json', text }]);
    const p = node(r.inventory, '__proto__');
    expect(p.kind).toBe('human');
    expect(p.fields.password).toMatch(/^<redacted:hmac-sha256:[0-9a-f]{32}>$/);
    expect(r.reports[0]!.warnings.some((w) => w.code === 'SECRET_REDACTED' && w.at === '/graph/nodes/0/properties/password' && !w.message.includes('hunter2'))).toBe(true);
    expect(JSON.stringify(r.inventory)).not.toContain('hunter2hunter2');
    const e = edge(r.inventory, '__proto__', 'has_permission', 'b');
    expect(e.fields).toMatchObject({ actions: ['admin'], og_actions: 'nope', og_source: 'x' });
  });

  it('secret lists and credential-shaped values under innocent names are not copied', () => {
    const pat = `ghp_${'Qw3'.repeat(12)}`;
    const payload = { graph: { nodes: [{ id: 'x', kinds: ['GH_App'], properties: { tokens: ['aaaaaaaa', 'bbbbbbbb'], note: pat, tokencount: 2 } }], edges: [] } };
    const r = ok([json('s.json', payload)]);
    const out = JSON.stringify(r);
    for (const s of ['aaaaaaaa', 'bbbbbbbb', pat]) expect(out).not.toContain(s);
    const f = node(r.inventory, 'x').fields;
    expect(f.tokencount).toBe(2);
    expect(f.tokens).toEqual([expect.stringMatching(/^<redacted:/), expect.stringMatching(/^<redacted:/)]);
    expect(f.note).toMatch(/^<redacted:hmac-sha256:[0-9a-f]{32}>$/);
  });

  it('a .zip of several payloads imports each member', () => {
    const zip = zipSync({
      'a.json': strToU8(JSON.stringify({ graph: { nodes: [{ id: 'u1', kinds: ['GH_User'] }], edges: [] } })),
      'b.json': strToU8(JSON.stringify({ graph: { nodes: [{ id: 'r1', kinds: ['GH_Repository'] }], edges: [{ kind: 'GH_CanPush', start: { value: 'u1' }, end: { value: 'r1' } }] } })),
      'readme.txt': strToU8('ignored'),
    });
    const r = ok([{ file: 'hound.zip', bytes: zip }]);
    expect(r.reports.map((x) => [x.file, x.format])).toEqual([
      ['hound.zip/a.json', 'opengraph'],
      ['hound.zip/b.json', 'opengraph'],
    ]);
    const push = edge(r.inventory, 'u1', 'has_permission', 'r1');
    expect(push.fields.actions).toEqual(['write']);
    expect(node(r.inventory, 'u1').fields.stub).toBeUndefined();
    expect(push.fields.provenance).toBe('hound.zip/b.json#/graph/edges/0');
  });

  it('a broken zip and a zip member with bad JSON are located errors', () => {
    expect(failed([{ file: 'x.zip', bytes: new Uint8Array([0x50, 0x4b, 3, 4, 1, 2, 3]) }])[0]).toMatchObject({ file: 'x.zip', code: 'INVALID_JSON' });
    expect(failed([{ file: 'y.zip', bytes: zipSync({ 'bad.json': strToU8('{"graph": ') }) }])[0]).toMatchObject({ file: 'y.zip/bad.json', code: 'INVALID_JSON' });
  });

  it('the node/edge JSON Schemas are refused with a clear message', () => {
    expect(failed([fixture('opengraph/opengraph-node.json')])[0]!.message).toMatch(/JSON Schema \(Generic Ingest Node\), not data/);
    expect(detectFormat('opengraph-edge.json', JSON.parse(JSON.stringify({ title: 'x', type: 'object', properties: {} })))).toBeNull();
  });

  it('maps common collector kinds', () => {
    expect(mapNodeKind('GH_Repository')).toBe('data_store');
    expect(mapNodeKind('AZServicePrincipal')).toBe('nhi');
    expect(mapNodeKind('SNOW_Warehouse')).toBe('cloud_resource');
    expect(mapNodeKind('AIX_Agent')).toBe('ai_agent');
    expect(mapNodeKind('AIX_MCPServer')).toBe('mcp_server');
    expect(mapNodeKind('AIX_DataStore')).toBe('data_store');
    expect(mapNodeKind('Okta_ApiToken')).toBe('credential');
    expect(mapNodeKind('Weird_Thing')).toBe('other');
    expect(mapEdgeKind('GH_MemberOf')).toEqual({ kind: 'member_of' });
    expect(mapEdgeKind('AIX_CanWrite')).toEqual({ kind: 'writes' });
    expect(mapEdgeKind('GenericAll')).toEqual({ kind: 'has_permission', actions: ['admin'] });
    expect(mapEdgeKind('GH_ReadRepoContents')).toEqual({ kind: 'has_permission', actions: ['read'] });
  });
});
