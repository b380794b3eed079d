import { describe, expect, it } from 'vitest';

import { findingsOf, n, without, withNode } from './test-kit.ts';
import type { EdgeSpec, NodeSpec } from './test-kit.ts';

// ── R11 credential-pivot-chain ──────────────────────────────────────────────────────────────────────────
const r11Nodes: NodeSpec[] = [
  n('model:sagemaker', { name: 'Forecast model' }),
  n('nhi:exec-role', { name: 'execution role' }),
  n('data_store:bucket', { name: 'training bucket' }),
  n('credential:sf-token', { name: 'Salesforce token', expiresAt: '2027-01-01' }),
  n('nhi:sf-integration', { name: 'Salesforce integration user' }),
  n('saas_app:salesforce', { name: 'Salesforce' }),
];
const r11Edges: EdgeSpec[] = [
  ['model:sagemaker', 'runs_as', 'nhi:exec-role'],
  ['nhi:exec-role', 'has_permission', 'data_store:bucket', { actions: ['read'] }],
  ['data_store:bucket', 'stores', 'credential:sf-token'],
  ['credential:sf-token', 'authenticates_as', 'nhi:sf-integration'],
  ['nhi:sf-integration', 'has_permission', 'saas_app:salesforce', { actions: ['admin'] }],
];

describe('R11 credential-pivot-chain', () => {
  it('fires on an AI identity reading a bucket whose token is SaaS admin; the cut is the stores edge', () => {
    const [f] = findingsOf('credential-pivot-chain', r11Nodes, r11Edges);
    expect(f!.node).toBe('model:sagemaker');
    expect(f!.severity).toBe('critical'); // ends in an admin role
    expect(f!.title).toBe('Forecast model can read Salesforce token stored at rest, which authenticates to Salesforce');
    expect(f!.cut!.edges).toEqual(['data_store:bucket|stores|credential:sf-token']);
    expect(f!.cut!.alternative!.edges).toEqual(['credential:sf-token|authenticates_as|nhi:sf-integration']);
  });
  it('twin: the token only has read on a non-sensitive, non-prod app → no finding', () => {
    const edges: EdgeSpec[] = [...r11Edges.slice(0, 4), ['nhi:sf-integration', 'has_permission', 'saas_app:salesforce', { actions: ['read'] }]];
    expect(findingsOf('credential-pivot-chain', r11Nodes, edges)).toEqual([]);
  });
  it('twin: the role can only write the bucket (writing does not give the key) → no finding', () => {
    const edges: EdgeSpec[] = [r11Edges[0]!, ['nhi:exec-role', 'has_permission', 'data_store:bucket', { actions: ['write'] }], ...r11Edges.slice(2)];
    expect(findingsOf('credential-pivot-chain', r11Nodes, edges)).toEqual([]);
  });
  it('a PROD target after the pivot is enough; a non-AI start is not', () => {
    const nodes = withNode(withNode(r11Nodes, 'saas_app:salesforce', { env: 'prod' }), 'model:sagemaker', {});
    const edges: EdgeSpec[] = [...r11Edges.slice(0, 4), ['nhi:sf-integration', 'has_permission', 'saas_app:salesforce', { actions: ['read'] }]];
    expect(findingsOf('credential-pivot-chain', nodes, edges)).toHaveLength(1);
    const notAi = nodes.map((s) => (typeof s !== 'string' && s.id === 'model:sagemaker' ? { ...s, kind: 'cloud_resource' } : s));
    expect(findingsOf('credential-pivot-chain', notAi, edges)).toEqual([]);
  });
  it('severity: high for a confidential end target reached without admin', () => {
    const nodes = withNode(r11Nodes, 'saas_app:salesforce', { sensitivity: 'confidential' });
    const edges: EdgeSpec[] = [...r11Edges.slice(0, 4), ['nhi:sf-integration', 'has_permission', 'saas_app:salesforce', { actions: ['read'] }]];
    expect(findingsOf('credential-pivot-chain', nodes, edges)[0]!.severity).toBe('high');
  });
});

// ── R12 exposed-vulnerable-ai-workload ──────────────────────────────────────────────────────────────────
const r12Nodes: NodeSpec[] = [
  n('ai_agent:ui', { name: 'Model UI' }),
  n('cloud_resource:vm', { name: 'inference VM', exposure: 'public', vulns: [{ id: 'CVE-2024-1', severity: 'critical', rce: true }] }),
  n('nhi:vm-role'),
  n('credential:hf-token', { name: 'HF token' }),
];
const r12Edges: EdgeSpec[] = [
  ['ai_agent:ui', 'deployed_on', 'cloud_resource:vm'],
  ['cloud_resource:vm', 'runs_as', 'nhi:vm-role'],
  ['nhi:vm-role', 'has_permission', 'credential:hf-token', { actions: ['read'] }],
];

describe('R12 exposed-vulnerable-ai-workload', () => {
  it('fires on the AI node deployed on an exposed, exploitable host with identity reach', () => {
    const [f] = findingsOf('exposed-vulnerable-ai-workload', r12Nodes, r12Edges);
    expect(f!.node).toBe('ai_agent:ui');
    expect(f!.severity).toBe('high'); // RCE, but the target is a credential, not SENSITIVE/PROD
    expect(f!.title).toContain('CVE-2024-1');
  });
  it('twin: the host is private → no finding', () => {
    expect(findingsOf('exposed-vulnerable-ai-workload', withNode(r12Nodes, 'cloud_resource:vm', { exposure: 'internal' }), r12Edges)).toEqual([]);
  });
  it('twin: the vulnerability is local-only medium → no finding', () => {
    const nodes = withNode(r12Nodes, 'cloud_resource:vm', { vulns: [{ id: 'CVE-2024-2', severity: 'medium', cvssAv: 'L' }] });
    expect(findingsOf('exposed-vulnerable-ai-workload', nodes, r12Edges)).toEqual([]);
  });
  it('twin: no AI node is deployed on the host → no finding', () => {
    expect(findingsOf('exposed-vulnerable-ai-workload', r12Nodes, without(r12Edges, 'ai_agent:ui', 'deployed_on', 'cloud_resource:vm'))).toEqual([]);
  });
  it('a network-exploitable high vuln counts; RCE with a sensitive target is critical; an exposed MCP server is its own node', () => {
    const nodes: NodeSpec[] = [
      n('mcp_server:srv', { exposure: 'public', vulns: [{ id: 'CVE-N', severity: 'high', cvssAv: 'N' }] }),
      n('nhi:r'),
      n('data_store:d', { sensitivity: 'confidential' }),
    ];
    const edges: EdgeSpec[] = [['mcp_server:srv', 'runs_as', 'nhi:r'], ['nhi:r', 'has_permission', 'data_store:d']];
    expect(findingsOf('exposed-vulnerable-ai-workload', nodes, edges).map((f) => `${f.node}:${f.severity}`)).toEqual(['mcp_server:srv:high']);
    const rce = withNode(nodes, 'mcp_server:srv', { vulns: [{ id: 'CVE-R', kev: true }] });
    expect(findingsOf('exposed-vulnerable-ai-workload', rce, edges)[0]!.severity).toBe('critical');
  });
});

// ── R13 unbounded-ai-key ────────────────────────────────────────────────────────────────────────────────
const r13Nodes: NodeSpec[] = [
  n('credential:openai', { name: 'OpenAI key', exposure: 'client_bundle' }),
  n('model:gpt', { name: 'GPT endpoint' }),
];
const r13Edges: EdgeSpec[] = [['credential:openai', 'authenticates_as', 'model:gpt']];

describe('R13 unbounded-ai-key', () => {
  it('fires on the model an exposed, non-expiring key spends on without a quota', () => {
    const [f] = findingsOf('unbounded-ai-key', r13Nodes, r13Edges);
    expect(f!.node).toBe('model:gpt');
    expect(f!.severity).toBe('high'); // client bundle
  });
  it('twin: the model has a quota limit → no finding', () => {
    expect(findingsOf('unbounded-ai-key', withNode(r13Nodes, 'model:gpt', { quotaLimit: 100 }), r13Edges)).toEqual([]);
  });
  it('twin: the key is short-lived and recent → no finding', () => {
    const nodes = withNode(r13Nodes, 'credential:openai', { expiresAt: '2030-01-01', ageDays: 10 });
    expect(findingsOf('unbounded-ai-key', nodes, r13Edges)).toEqual([]);
  });
  it('twin: the key is private and in a vault → no finding', () => {
    expect(findingsOf('unbounded-ai-key', withNode(r13Nodes, 'credential:openai', { exposure: 'private', storage: 'vault' }), r13Edges)).toEqual([]);
  });
  it('plaintext config is medium; a quota without budget alerts still fires', () => {
    const nodes = withNode(withNode(r13Nodes, 'credential:openai', { exposure: 'private', storage: 'config_plaintext' }), 'model:gpt', { quotaLimit: 100, budgetAlert: false });
    expect(findingsOf('unbounded-ai-key', nodes, r13Edges)[0]!.severity).toBe('medium');
  });
});

// ── R14 shadow-ai-oauth-grant ───────────────────────────────────────────────────────────────────────────
const r14Nodes: NodeSpec[] = [
  n('saas_app:notetaker', { name: 'AI notetaker', category: 'ai', sanctioned: false }),
  n('credential:grant', { credType: 'oauth_refresh', scopes: ['Mail.Read'], expiresAt: '2027-01-01' }),
  n('nhi:oauth-client'),
  n('saas_app:mail', { name: 'Exchange mailboxes', sensitivity: 'confidential' }),
];
const r14Edges: EdgeSpec[] = [
  ['saas_app:notetaker', 'uses_credential', 'credential:grant'],
  ['credential:grant', 'authenticates_as', 'nhi:oauth-client'],
  ['nhi:oauth-client', 'has_permission', 'saas_app:mail', { actions: ['read'] }],
];

describe('R14 shadow-ai-oauth-grant', () => {
  it('fires on an unsanctioned AI app whose grant reaches sensitive data; the cut revokes the grant', () => {
    const [f] = findingsOf('shadow-ai-oauth-grant', r14Nodes, r14Edges);
    expect(f!.node).toBe('saas_app:notetaker');
    expect(f!.severity).toBe('high');
    expect(f!.cut!.edges).toEqual(['credential:grant|authenticates_as|nhi:oauth-client']);
  });
  it('twin: the app is sanctioned and assessed → no finding', () => {
    expect(findingsOf('shadow-ai-oauth-grant', withNode(r14Nodes, 'saas_app:notetaker', { sanctioned: true, vendorAssessed: true }), r14Edges)).toEqual([]);
  });
  it('twin: the app is not an AI app → no finding', () => {
    expect(findingsOf('shadow-ai-oauth-grant', withNode(r14Nodes, 'saas_app:notetaker', { category: 'crm' }), r14Edges)).toEqual([]);
  });
  it('twin: the credential is a password (not an OAuth/API/PAT grant) → no finding', () => {
    expect(findingsOf('shadow-ai-oauth-grant', withNode(r14Nodes, 'credential:grant', { credType: 'password' }), r14Edges)).toEqual([]);
  });
  it('severity: write scopes or PII make it critical', () => {
    expect(findingsOf('shadow-ai-oauth-grant', withNode(r14Nodes, 'credential:grant', { scopes: ['Mail.ReadWrite'] }), r14Edges)[0]!.severity).toBe('critical');
    expect(findingsOf('shadow-ai-oauth-grant', withNode(r14Nodes, 'saas_app:mail', { dataClasses: ['PII'] }), r14Edges)[0]!.severity).toBe('critical');
  });
});

// ── R15 orphaned-ai-identity ────────────────────────────────────────────────────────────────────────────
const r15Nodes: NodeSpec[] = [
  n('mcp_server:old', { name: 'old Jira MCP', owner: 'human:bob' }),
  n('human:bob', { name: 'Bob', status: 'offboarded' }),
  n('credential:jira', { name: 'Jira token', status: 'active' }),
  n('nhi:jira-bot'),
  n('data_store:tickets', { name: 'HR tickets', sensitivity: 'confidential' }),
];
const r15Edges: EdgeSpec[] = [
  ['mcp_server:old', 'uses_credential', 'credential:jira'],
  ['credential:jira', 'authenticates_as', 'nhi:jira-bot'],
  ['nhi:jira-bot', 'has_permission', 'data_store:tickets', { actions: ['read'] }],
];

describe('R15 orphaned-ai-identity', () => {
  it('fires on a server whose owner is offboarded and whose active credential reaches sensitive data', () => {
    const [f] = findingsOf('orphaned-ai-identity', r15Nodes, r15Edges);
    expect(f!.node).toBe('mcp_server:old');
    expect(f!.severity).toBe('high');
    expect(f!.title).toContain('its owner Bob is offboarded');
    expect(f!.cut!.edges).toEqual(['mcp_server:old|uses_credential|credential:jira']);
  });
  it('twin: the owner is active → no finding', () => {
    expect(findingsOf('orphaned-ai-identity', withNode(r15Nodes, 'human:bob', { status: 'active' }), r15Edges)).toEqual([]);
  });
  it('twin: the credential is not known to be active → no finding', () => {
    expect(findingsOf('orphaned-ai-identity', withNode(r15Nodes, 'credential:jira', { status: 'revoked' }), r15Edges)).toEqual([]);
  });
  it('no owner at all counts; a PROD target makes it critical; stale lastSeen counts', () => {
    const noOwner = withNode(r15Nodes, 'mcp_server:old', { owner: undefined });
    expect(findingsOf('orphaned-ai-identity', noOwner, r15Edges)).toHaveLength(1);
    expect(findingsOf('orphaned-ai-identity', withNode(noOwner, 'data_store:tickets', { env: 'prod' }), r15Edges)[0]!.severity).toBe('critical');
    const stale = withNode(withNode(r15Nodes, 'human:bob', { status: 'active' }), 'mcp_server:old', { lastSeenDays: 120 });
    expect(findingsOf('orphaned-ai-identity', stale, r15Edges)).toHaveLength(1);
  });
});

describe('R13 key holders', () => {
  it('the agent holding the exposed key gets the finding too', () => {
    const nodes = [...r13Nodes, n('ai_agent:widget')];
    const edges: EdgeSpec[] = [...r13Edges, ['ai_agent:widget', 'uses_credential', 'credential:openai']];
    expect(findingsOf('unbounded-ai-key', nodes, edges).map((f) => f.node).sort()).toEqual(['ai_agent:widget', 'model:gpt']);
  });
});

describe('R11 plain reads edges', () => {
  it('an identity that reads the bucket (reads edge) counts like has_permission read; writes does not', () => {
    const edges: EdgeSpec[] = [r11Edges[0]!, ['nhi:exec-role', 'reads', 'data_store:bucket'], ...r11Edges.slice(2)];
    expect(findingsOf('credential-pivot-chain', r11Nodes, edges).map((f) => f.node)).toEqual(['model:sagemaker']);
    const writes: EdgeSpec[] = [r11Edges[0]!, ['nhi:exec-role', 'writes', 'data_store:bucket'], ...r11Edges.slice(2)];
    expect(findingsOf('credential-pivot-chain', r11Nodes, writes)).toEqual([]);
  });
});

describe('identity reach through plain reads edges', () => {
  it('R15: the credential’s identity reads a sensitive store', () => {
    const edges: EdgeSpec[] = [...r15Edges.slice(0, 2), ['nhi:jira-bot', 'reads', 'data_store:tickets']];
    expect(findingsOf('orphaned-ai-identity', r15Nodes, edges).map((f) => f.severity)).toEqual(['high']);
  });
  it('R12: the host identity reads a sensitive store', () => {
    const nodes = [...r12Nodes, n('data_store:train', { sensitivity: 'confidential' })];
    const edges: EdgeSpec[] = [r12Edges[0]!, r12Edges[1]!, ['nhi:vm-role', 'reads', 'data_store:train']];
    expect(findingsOf('exposed-vulnerable-ai-workload', nodes, edges).map((f) => `${f.node}:${f.severity}`)).toEqual(['ai_agent:ui:critical']);
  });
});
