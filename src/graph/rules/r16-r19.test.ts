import { describe, expect, it } from 'vitest';

import { findingsOf, n, without, withNode } from './test-kit.ts';
import type { EdgeSpec, NodeSpec } from './test-kit.ts';

// ── R16 regulated-data-to-unapproved-model ──────────────────────────────────────────────────────────────
const r16Nodes: NodeSpec[] = [
  n('ai_agent:claims', { name: 'Claims agent' }),
  n('data_store:claims', { name: 'Claims DB', dataClasses: ['PII'], allowedJurisdictions: ['EU'] }),
  n('model:us', { name: 'US model', jurisdiction: 'US' }),
];
const r16Edges: EdgeSpec[] = [
  ['ai_agent:claims', 'reads', 'data_store:claims'],
  ['ai_agent:claims', 'uses_model', 'model:us'],
];

describe('R16 regulated-data-to-unapproved-model', () => {
  it('fires when PII leaves the allowed jurisdiction', () => {
    const [f] = findingsOf('regulated-data-to-unapproved-model', r16Nodes, r16Edges);
    expect(f!.node).toBe('ai_agent:claims');
    expect(f!.severity).toBe('medium');
    expect(f!.cut!.edges).toEqual(['ai_agent:claims|uses_model|model:us']);
  });
  it('twin: the model is in an allowed jurisdiction → no finding', () => {
    expect(findingsOf('regulated-data-to-unapproved-model', withNode(r16Nodes, 'model:us', { jurisdiction: 'EU' }), r16Edges)).toEqual([]);
  });
  it('twin: an enforced PII-redacting gateway sits on the path → no finding', () => {
    const nodes = [...r16Nodes, n('ai_gateway:gw', { guardrails: ['pii_redaction'], enforced: true })];
    const edges: EdgeSpec[] = [r16Edges[0]!, ['ai_agent:claims', 'uses_model', 'ai_gateway:gw'], ['ai_gateway:gw', 'routes_to', 'model:us']];
    expect(findingsOf('regulated-data-to-unapproved-model', nodes, edges)).toEqual([]);
    // …but not when the redaction is not enforced
    expect(findingsOf('regulated-data-to-unapproved-model', withNode(nodes, 'ai_gateway:gw', { enforced: false }), edges)).toHaveLength(1);
  });
  it('twin: non-regulated data without a jurisdiction → no finding', () => {
    const nodes = withNode(r16Nodes, 'data_store:claims', { dataClasses: ['telemetry'], allowedJurisdictions: ['EU'] });
    expect(findingsOf('regulated-data-to-unapproved-model', withNode(nodes, 'model:us', { dataRetention: 'training_allowed' }), r16Edges)).toEqual([]);
  });
  it('training-allowed retention counts; PHI or an unsanctioned provider is high', () => {
    const nodes = withNode(r16Nodes, 'model:us', { jurisdiction: 'EU', dataRetention: 'training_allowed' });
    expect(findingsOf('regulated-data-to-unapproved-model', nodes, r16Edges)[0]!.severity).toBe('medium');
    expect(findingsOf('regulated-data-to-unapproved-model', withNode(r16Nodes, 'model:us', { jurisdiction: 'EU', sanctioned: false }), r16Edges)[0]!.severity).toBe('high');
  });
});

// ── R17 unauthenticated-remote-agent ────────────────────────────────────────────────────────────────────
const r17Nodes: NodeSpec[] = [
  n('mcp_server:remote', { name: 'CRM MCP', transport: 'streamable-http', auth: 'none', exposure: 'org_network' }),
  n('tool:delete-account', { caps: ['destructive'] }),
];
const r17Edges: EdgeSpec[] = [['mcp_server:remote', 'provides', 'tool:delete-account']];

describe('R17 unauthenticated-remote-agent', () => {
  it('fires on a remote MCP server without auth fronting a destructive tool', () => {
    const [f] = findingsOf('unauthenticated-remote-agent', r17Nodes, r17Edges);
    expect(f!.node).toBe('mcp_server:remote');
    expect(f!.severity).toBe('high');
    // with an outside caller inventoried, cutting its can_invoke edge would leave the server reachable from the
    // organisation network (`exposure` is a property), so the true cut is the destructive tool's edge
    const withCaller = findingsOf('unauthenticated-remote-agent', [...r17Nodes, n('external:net')], [...r17Edges, ['external:net', 'can_invoke', 'mcp_server:remote']]);
    expect(withCaller[0]!.cut!.edges).toEqual(['mcp_server:remote|provides|tool:delete-account']);
    expect(withCaller[0]!.cut!.verified).toBe(true);
  });
  it('twin: OAuth and TLS → no finding', () => {
    expect(findingsOf('unauthenticated-remote-agent', withNode(r17Nodes, 'mcp_server:remote', { auth: 'oauth', tls: true }), r17Edges)).toEqual([]);
  });
  it('twin: stdio transport → no finding', () => {
    expect(findingsOf('unauthenticated-remote-agent', withNode(r17Nodes, 'mcp_server:remote', { transport: 'stdio' }), r17Edges)).toEqual([]);
  });
  it('twin: bound to localhost only (exposure internal) → no finding', () => {
    expect(findingsOf('unauthenticated-remote-agent', withNode(r17Nodes, 'mcp_server:remote', { exposure: 'internal' }), r17Edges)).toEqual([]);
  });
  it('public exposure with a destructive tool is critical; an A2A agent without security schemes fires on private data', () => {
    expect(findingsOf('unauthenticated-remote-agent', withNode(r17Nodes, 'mcp_server:remote', { exposure: 'public' }), r17Edges)[0]!.severity).toBe('critical');
    const nodes: NodeSpec[] = [n('ai_agent:a2a', { protocol: 'a2a', a2aSecuritySchemes: [], exposure: 'public' }), n('data_store:d', { sensitivity: 'confidential' })];
    const edges: EdgeSpec[] = [['ai_agent:a2a', 'reads', 'data_store:d']];
    expect(findingsOf('unauthenticated-remote-agent', nodes, edges).map((f) => `${f.node}:${f.severity}`)).toEqual(['ai_agent:a2a:high']);
    expect(findingsOf('unauthenticated-remote-agent', withNode(nodes, 'ai_agent:a2a', { a2aSecuritySchemes: ['oauth2'] }), edges)).toEqual([]);
  });
});

// ── R18 shared-credential-across-trust ──────────────────────────────────────────────────────────────────
const r18Nodes: NodeSpec[] = [
  n('ai_agent:browser', { name: 'Browsing agent' }),
  n('ai_agent:deployer', { name: 'Deploy bot' }),
  n('external:web'),
  n('tool:fetch', { caps: ['network_fetch'] }),
  n('credential:pat', { name: 'shared PAT' }),
  n('nhi:gh-app'),
  n('data_store:repos', { name: 'private repos', sensitivity: 'confidential' }),
];
const r18Edges: EdgeSpec[] = [
  ['ai_agent:browser', 'has_tool', 'tool:fetch'],
  ['tool:fetch', 'reads', 'external:web'],
  ['ai_agent:browser', 'uses_credential', 'credential:pat'],
  ['ai_agent:deployer', 'uses_credential', 'credential:pat'],
  ['credential:pat', 'authenticates_as', 'nhi:gh-app'],
  ['nhi:gh-app', 'has_permission', 'data_store:repos', { actions: ['read', 'write'] }],
];

describe('R18 shared-credential-across-trust', () => {
  it('fires on both agents sharing a credential when one is steerable', () => {
    const list = findingsOf('shared-credential-across-trust', r18Nodes, r18Edges);
    expect(list.map((f) => f.node).sort()).toEqual(['ai_agent:browser', 'ai_agent:deployer']);
    expect(list[0]!.severity).toBe('high'); // priv_via(c) has SENSITIVE
    expect(list[0]!.evidence.nodes).toContain('data_store:repos');
    expect(list[0]!.cut!.edges).toEqual(['ai_agent:browser|uses_credential|credential:pat']);
  });
  it('twin: the agents use separate credentials → no finding', () => {
    const nodes = [...r18Nodes, n('credential:pat2')];
    const edges: EdgeSpec[] = [...without(r18Edges, 'ai_agent:deployer', 'uses_credential', 'credential:pat'), ['ai_agent:deployer', 'uses_credential', 'credential:pat2']];
    expect(findingsOf('shared-credential-across-trust', nodes, edges)).toEqual([]);
  });
  it('twin: neither agent reads untrusted content → no finding', () => {
    expect(findingsOf('shared-credential-across-trust', r18Nodes, without(r18Edges, 'tool:fetch', 'reads', 'external:web'))).toEqual([]);
  });
  it('twin: the steerable agent already reaches the data through its tools → no finding', () => {
    const edges: EdgeSpec[] = [...r18Edges, ['ai_agent:browser', 'reads', 'data_store:repos']];
    expect(findingsOf('shared-credential-across-trust', r18Nodes, edges)).toEqual([]);
  });
});

// ── R19 vulnerable-ai-component-with-secrets ────────────────────────────────────────────────────────────
const r19Nodes: NodeSpec[] = [
  n('mcp_server:fs', { name: 'filesystem MCP' }),
  n('package:lib', { name: 'yaml-lib', vulns: [{ id: 'CVE-2025-9', severity: 'high' }] }),
  n('credential:aws', { name: 'AWS key' }),
];
const r19Edges: EdgeSpec[] = [
  ['mcp_server:fs', 'depends_on', 'package:lib'],
  ['mcp_server:fs', 'uses_credential', 'credential:aws'],
];

describe('R19 vulnerable-ai-component-with-secrets', () => {
  it('fires on a server with a high vulnerability holding a credential; the cut patches the dependency', () => {
    const [f] = findingsOf('vulnerable-ai-component-with-secrets', r19Nodes, r19Edges);
    expect(f!.node).toBe('mcp_server:fs');
    expect(f!.severity).toBe('high');
    expect(f!.cut!.edges).toEqual(['mcp_server:fs|depends_on|package:lib']);
  });
  it('twin: only a medium vulnerability → no finding', () => {
    expect(findingsOf('vulnerable-ai-component-with-secrets', withNode(r19Nodes, 'package:lib', { vulns: [{ id: 'CVE-2025-9', severity: 'medium' }] }), r19Edges)).toEqual([]);
  });
  it('twin: no credential and no execute-capable tool → no finding', () => {
    expect(findingsOf('vulnerable-ai-component-with-secrets', r19Nodes, without(r19Edges, 'mcp_server:fs', 'uses_credential', 'credential:aws'))).toEqual([]);
  });
  it('KEV makes it critical; VEX not_affected lowers it; a transitive dependency and a write tool count', () => {
    expect(findingsOf('vulnerable-ai-component-with-secrets', withNode(r19Nodes, 'package:lib', { vulns: [{ id: 'K', severity: 'high', kev: true }] }), r19Edges)[0]!.severity).toBe('critical');
    expect(findingsOf('vulnerable-ai-component-with-secrets', withNode(r19Nodes, 'package:lib', { vulns: [{ id: 'V', severity: 'high', vex: 'not_affected' }] }), r19Edges)[0]!.severity).toBe('medium');
    const nodes: NodeSpec[] = [n('ai_agent:a'), n('package:top'), n('package:deep', { vulns: [{ severity: 'critical' }] }), n('tool:w', { caps: ['file_write'] })];
    const edges: EdgeSpec[] = [['ai_agent:a', 'depends_on', 'package:top'], ['package:top', 'depends_on', 'package:deep'], ['ai_agent:a', 'has_tool', 'tool:w']];
    expect(findingsOf('vulnerable-ai-component-with-secrets', nodes, edges).map((f) => f.node)).toEqual(['ai_agent:a']);
    expect(findingsOf('vulnerable-ai-component-with-secrets', withNode(nodes, 'tool:w', { caps: ['file_read'] }), edges)).toEqual([]);
  });
});

describe('R16 jurisdiction without an allowed list', () => {
  it('data with a jurisdiction and no allowed list may only go to a model in that jurisdiction', () => {
    const nodes = withNode(r16Nodes, 'data_store:claims', { dataClasses: [], allowedJurisdictions: undefined, jurisdiction: 'EU' });
    expect(findingsOf('regulated-data-to-unapproved-model', nodes, r16Edges)).toHaveLength(1);
    expect(findingsOf('regulated-data-to-unapproved-model', withNode(nodes, 'model:us', { jurisdiction: 'EU' }), r16Edges)).toEqual([]);
  });
});
