import { describe, expect, it } from 'vitest';

import { fired, findings, findingsOf, n, without, withNode } from './test-kit.ts';
import type { EdgeSpec, NodeSpec } from './test-kit.ts';

// ── R05 public-bot-confidential-retrieval ───────────────────────────────────────────────────────────────
const r05Nodes: NodeSpec[] = [
  n('ai_agent:support', { name: 'Support bot', exposure: 'public' }),
  n('vector_store:kb', { name: 'Support KB index', permissionTrimming: false }),
  n('data_store:notes', { name: 'Internal case notes', sensitivity: 'confidential' }),
];
const r05Edges: EdgeSpec[] = [
  ['ai_agent:support', 'retrieves', 'vector_store:kb'],
  ['vector_store:kb', 'indexes', 'data_store:notes'],
];

describe('R05 public-bot-confidential-retrieval', () => {
  it('fires on a public bot retrieving confidential data through an untrimmed index', () => {
    const [f] = findingsOf('public-bot-confidential-retrieval', r05Nodes, r05Edges);
    expect(f!.node).toBe('ai_agent:support');
    expect(f!.severity).toBe('high');
    expect(f!.title).toBe('Support bot is publicly reachable and retrieves Internal case notes without per-user permission trimming');
    expect(f!.cut!.edges).toEqual(['vector_store:kb|indexes|data_store:notes']);
  });
  it('twin: the bot is internal → no finding', () => {
    expect(findingsOf('public-bot-confidential-retrieval', withNode(r05Nodes, 'ai_agent:support', { exposure: 'internal' }), r05Edges)).toEqual([]);
  });
  it('twin: the index is permission-trimmed and retrieval runs as the user → no finding', () => {
    expect(findingsOf('public-bot-confidential-retrieval', withNode(r05Nodes, 'vector_store:kb', { permissionTrimming: true }), r05Edges)).toEqual([]);
  });
  it('a trimmed index still fires when the bot retrieves with its service identity', () => {
    const nodes = withNode(withNode(r05Nodes, 'vector_store:kb', { permissionTrimming: true }), 'ai_agent:support', { exposure: 'public', authMode: 'service_identity' });
    expect(findingsOf('public-bot-confidential-retrieval', nodes, r05Edges).map((f) => f.node)).toEqual(['ai_agent:support']);
  });
  it('an external caller makes the bot public; restricted or PII data makes it critical', () => {
    const nodes = [...withNode(r05Nodes, 'ai_agent:support', { exposure: 'internal' }), n('external:internet')];
    const edges: EdgeSpec[] = [...r05Edges, ['external:internet', 'can_invoke', 'ai_agent:support']];
    expect(findingsOf('public-bot-confidential-retrieval', nodes, edges)[0]!.severity).toBe('high');
    const pii = withNode(nodes, 'data_store:notes', { dataClasses: ['PII'] });
    expect(findingsOf('public-bot-confidential-retrieval', pii, edges)[0]!.severity).toBe('critical');
  });
});

// ── R06 retrieval-poisoning ─────────────────────────────────────────────────────────────────────────────
const r06Nodes: NodeSpec[] = [
  n('ai_agent:assistant', { name: 'Sales assistant' }),
  n('memory_store:mem', { name: 'Team memory', scope: 'shared' }),
  n('external:partner', { name: 'partner portal' }),
  n('tool:crm-update', { caps: ['destructive'] }),
];
const r06Edges: EdgeSpec[] = [
  ['external:partner', 'writes', 'memory_store:mem'],
  ['ai_agent:assistant', 'remembers', 'memory_store:mem'],
  ['ai_agent:assistant', 'has_tool', 'tool:crm-update'],
];

describe('R06 retrieval-poisoning', () => {
  it('fires when an untrusted party writes a store a privileged agent reads; D makes it critical', () => {
    const [f] = findingsOf('retrieval-poisoning', r06Nodes, r06Edges);
    expect(f!.node).toBe('ai_agent:assistant');
    expect(f!.severity).toBe('critical');
    expect(f!.legs![0]!.nodes).toEqual(['ai_agent:assistant', 'memory_store:mem', 'external:partner']);
    // cutting the untrusted writes edge (2) is cheaper than the agent's memory (3)
    expect(f!.cut!.edges).toEqual(['external:partner|writes|memory_store:mem']);
  });
  it('twin: nobody untrusted writes the store → no finding', () => {
    expect(findingsOf('retrieval-poisoning', r06Nodes, without(r06Edges, 'external:partner', 'writes', 'memory_store:mem'))).toEqual([]);
  });
  it('twin: the agent has no E, D, X or P → no finding', () => {
    expect(findingsOf('retrieval-poisoning', r06Nodes, without(r06Edges, 'ai_agent:assistant', 'has_tool', 'tool:crm-update'))).toEqual([]);
  });
  it('a per-user store written by the agent’s own user does not fire', () => {
    const nodes = [...withNode(r06Nodes, 'memory_store:mem', { scope: 'user' }), n('human:u', { trust: 'untrusted' })];
    const edges: EdgeSpec[] = [...without(r06Edges, 'external:partner', 'writes', 'memory_store:mem'), ['human:u', 'writes', 'memory_store:mem'], ['human:u', 'can_invoke', 'ai_agent:assistant']];
    expect(findingsOf('retrieval-poisoning', nodes, edges)).toEqual([]);
    expect(findingsOf('retrieval-poisoning', withNode(nodes, 'memory_store:mem', { scope: 'shared' }), edges)).toHaveLength(1);
  });
  it('a vector store indexing an untrusted source is untrusted; an injectable agent writing a store taints it', () => {
    const nodes: NodeSpec[] = [
      n('ai_agent:reader'),
      n('ai_agent:writer'),
      n('external:web'),
      n('vector_store:v', { scope: 'shared' }),
      n('data_store:d', { sensitivity: 'confidential' }),
      n('tool:w'),
    ];
    const edges: EdgeSpec[] = [
      ['ai_agent:writer', 'reads', 'external:web'],
      ['ai_agent:writer', 'has_tool', 'tool:w'],
      ['tool:w', 'writes', 'vector_store:v'],
      ['ai_agent:reader', 'retrieves', 'vector_store:v'],
      ['ai_agent:reader', 'reads', 'data_store:d'],
    ];
    expect(findingsOf('retrieval-poisoning', nodes, edges).map((f) => f.node)).toEqual(['ai_agent:reader']);
    // twin: the writer agent reads nothing untrusted → the store stays trusted
    expect(findingsOf('retrieval-poisoning', nodes, without(edges, 'ai_agent:writer', 'reads', 'external:web'))).toEqual([]);
  });
});

// ── R07 delegation-confused-deputy ──────────────────────────────────────────────────────────────────────
const r07Nodes: NodeSpec[] = [
  n('ai_agent:front', { name: 'Front bot', exposure: 'public' }),
  n('ai_agent:admin', { name: 'Admin agent' }),
  n('tool:reset', { name: 'reset user', caps: ['identity_admin'] }),
];
const r07Edges: EdgeSpec[] = [
  ['ai_agent:front', 'delegates_to', 'ai_agent:admin'],
  ['ai_agent:admin', 'has_tool', 'tool:reset'],
];

describe('R07 delegation-confused-deputy', () => {
  it('fires on the exposed delegator and on the deputy', () => {
    const list = findingsOf('delegation-confused-deputy', r07Nodes, r07Edges);
    expect(list.map((f) => f.node).sort()).toEqual(['ai_agent:admin', 'ai_agent:front']);
    expect(list[0]!.evidence.nodes).toContain('tool:reset');
    expect(list.find((f) => f.node === 'ai_agent:front')!.title).toBe('Front bot (publicly reachable) delegates to Admin agent, which can reach reset user on its own authority');
  });
  it('twin: delegation propagates the caller identity and the deputy declares security schemes → no finding', () => {
    const edges: EdgeSpec[] = [['ai_agent:front', 'delegates_to', 'ai_agent:admin', { identityPropagation: true }], ['ai_agent:admin', 'has_tool', 'tool:reset']];
    const nodes = withNode(r07Nodes, 'ai_agent:admin', { a2aSecuritySchemes: ['oauth2'] });
    expect(findingsOf('delegation-confused-deputy', nodes, edges)).toEqual([]);
  });
  it('twin: the delegator already holds the same privilege → no finding', () => {
    expect(findingsOf('delegation-confused-deputy', r07Nodes, [...r07Edges, ['ai_agent:front', 'has_tool', 'tool:reset']])).toEqual([]);
  });
  it('twin: the delegator is internal and reads nothing untrusted → no finding', () => {
    expect(findingsOf('delegation-confused-deputy', withNode(r07Nodes, 'ai_agent:front', { exposure: 'internal' }), r07Edges)).toEqual([]);
  });
});

// ── R08 unvetted-mcp-beside-sensitive-tools ─────────────────────────────────────────────────────────────
const r08Nodes: NodeSpec[] = [
  n('ai_agent:desk', { name: 'Desktop assistant' }),
  n('mcp_server:weather', { name: 'weather MCP', versionPinned: false }),
  n('mcp_server:github', { name: 'GitHub MCP', versionPinned: true, publisherVerified: true, sanctioned: true }),
  n('tool:repo-read'),
  n('data_store:private-repos', { sensitivity: 'confidential' }),
];
const r08Edges: EdgeSpec[] = [
  ['ai_agent:desk', 'connects_to', 'mcp_server:weather'],
  ['ai_agent:desk', 'connects_to', 'mcp_server:github'],
  ['mcp_server:github', 'provides', 'tool:repo-read'],
  ['tool:repo-read', 'reads', 'data_store:private-repos'],
];

describe('R08 unvetted-mcp-beside-sensitive-tools', () => {
  it('fires on an agent with an unpinned server next to a server reaching sensitive data', () => {
    const [f] = findingsOf('unvetted-mcp-beside-sensitive-tools', r08Nodes, r08Edges);
    expect(f!.node).toBe('ai_agent:desk');
    expect(f!.severity).toBe('high');
    expect(f!.cut!.edges).toEqual(['ai_agent:desk|connects_to|mcp_server:weather']);
  });
  it('twin: the server is pinned (no vetting fact is false) → no finding', () => {
    expect(findingsOf('unvetted-mcp-beside-sensitive-tools', withNode(r08Nodes, 'mcp_server:weather', { versionPinned: true }), r08Edges)).toEqual([]);
  });
  it('twin: unknown vetting facts do not fire in strict mode', () => {
    expect(findingsOf('unvetted-mcp-beside-sensitive-tools', withNode(r08Nodes, 'mcp_server:weather', { versionPinned: undefined }), r08Edges)).toEqual([]);
  });
  it('twin: the other server’s data is not sensitive → no finding', () => {
    expect(findingsOf('unvetted-mcp-beside-sensitive-tools', withNode(r08Nodes, 'data_store:private-repos', { sensitivity: 'internal' }), r08Edges)).toEqual([]);
  });
  it('mcp-scan findings mark a server unvetted; P ∧ E on the other server makes it critical', () => {
    const nodes = [...withNode(r08Nodes, 'mcp_server:weather', { versionPinned: true, findings: ['mcpscan:E002'] }), n('tool:pr', { caps: ['external_send'] })];
    const edges: EdgeSpec[] = [...r08Edges, ['mcp_server:github', 'provides', 'tool:pr']];
    expect(findingsOf('unvetted-mcp-beside-sensitive-tools', nodes, edges)[0]!.severity).toBe('critical');
  });
});

// ── R09 plaintext-secret-in-agent-config ────────────────────────────────────────────────────────────────
const r09Nodes: NodeSpec[] = [
  n('ai_agent:cursor', { name: 'Cursor agent', host: 'laptop-42' }),
  n('external:web'),
  n('tool:read-file', { caps: ['file_read'], pathScope: ['~/'] }),
  n('config_file:mcp', { path: '~/.cursor/mcp.json', host: 'laptop-42' }),
  n('credential:gh-pat', { name: 'GitHub PAT', storage: 'config_plaintext' }),
];
const r09Edges: EdgeSpec[] = [
  ['ai_agent:cursor', 'reads', 'external:web'],
  ['ai_agent:cursor', 'has_tool', 'tool:read-file'],
  ['config_file:mcp', 'stores', 'credential:gh-pat'],
];

describe('R09 plaintext-secret-in-agent-config', () => {
  it('fires on a steerable agent on the same host with a file reader covering the config', () => {
    const [f] = findingsOf('plaintext-secret-in-agent-config', r09Nodes, r09Edges);
    expect(f!.node).toBe('ai_agent:cursor');
    expect(f!.severity).toBe('medium');
    expect(f!.cut!.edges).toEqual(['config_file:mcp|stores|credential:gh-pat']);
  });
  it('twin: the secret is a vault reference → no finding', () => {
    expect(findingsOf('plaintext-secret-in-agent-config', withNode(r09Nodes, 'credential:gh-pat', { storage: 'vault' }), r09Edges)).toEqual([]);
  });
  it('twin: the file tool is scoped away from the config → no finding', () => {
    expect(findingsOf('plaintext-secret-in-agent-config', withNode(r09Nodes, 'tool:read-file', { pathScope: ['~/projects'] }), r09Edges)).toEqual([]);
  });
  it('twin: a placeholder value → no finding; another host → no finding', () => {
    expect(findingsOf('plaintext-secret-in-agent-config', withNode(r09Nodes, 'credential:gh-pat', { isPlaceholder: true }), r09Edges)).toEqual([]);
    expect(findingsOf('plaintext-secret-in-agent-config', withNode(r09Nodes, 'ai_agent:cursor', { host: 'server-1' }), r09Edges)).toEqual([]);
  });
  it('a secret in a public repository fires without any agent and is critical', () => {
    const nodes: NodeSpec[] = [n('mcp_server:gh', { name: 'GitHub MCP' }), n('config_file:repo', { path: '.mcp.json', inRepo: true }), n('credential:k', { storage: 'args_inline', exposure: 'public_repo' })];
    const edges: EdgeSpec[] = [['config_file:repo', 'stores', 'credential:k'], ['mcp_server:gh', 'uses_credential', 'credential:k']];
    const [f] = findingsOf('plaintext-secret-in-agent-config', nodes, edges);
    expect(f!.node).toBe('mcp_server:gh');
    expect(f!.severity).toBe('critical');
    expect(findingsOf('plaintext-secret-in-agent-config', withNode(nodes, 'credential:k', { exposure: 'private' }), edges)).toEqual([]);
  });
});

// ── R10 overprivileged-ai-identity ──────────────────────────────────────────────────────────────────────
const r10Nodes: NodeSpec[] = [
  n('ai_agent:analyst', { name: 'Analyst agent', exposure: 'public' }),
  n('tool:http', { caps: ['network_fetch'] }),
  n('nhi:role', { name: 'analyst role' }),
  n('data_store:warehouse', { name: 'Warehouse', sensitivity: 'confidential' }),
];
const r10Edges: EdgeSpec[] = [
  ['ai_agent:analyst', 'has_tool', 'tool:http'],
  ['ai_agent:analyst', 'runs_as', 'nhi:role'],
  ['nhi:role', 'has_permission', 'data_store:warehouse', { actions: ['read', 'write'] }],
];

describe('R10 overprivileged-ai-identity', () => {
  it('fires on an exposed agent with a generic tool running as an identity that writes sensitive data', () => {
    const [f] = findingsOf('overprivileged-ai-identity', r10Nodes, r10Edges);
    expect(f!.node).toBe('ai_agent:analyst');
    expect(f!.severity).toBe('high');
    expect(f!.legs!.find((l) => l.name === 'excess permission')!.witnesses[0]!.evidence).toBe('ambient');
    expect(f!.cut!.edges).toEqual(['nhi:role|has_permission|data_store:warehouse']);
  });
  it('twin: the permission is read-only (no wildcard, not unused) → no finding', () => {
    const edges: EdgeSpec[] = [...r10Edges.slice(0, 2), ['nhi:role', 'has_permission', 'data_store:warehouse', { actions: ['read'] }]];
    expect(findingsOf('overprivileged-ai-identity', r10Nodes, edges)).toEqual([]);
  });
  it('twin: no generic tool or code execution → no finding', () => {
    expect(findingsOf('overprivileged-ai-identity', withNode(r10Nodes, 'tool:http', { caps: ['file_read'] }), r10Edges)).toEqual([]);
  });
  it('twin: not steerable (internal, no untrusted input, private host) → no finding', () => {
    expect(findingsOf('overprivileged-ai-identity', withNode(r10Nodes, 'ai_agent:analyst', { exposure: 'internal' }), r10Edges)).toEqual([]);
  });
  it('a wildcard scope counts; write on restricted data is critical', () => {
    const wildcard: EdgeSpec[] = [...r10Edges.slice(0, 2), ['nhi:role', 'has_permission', 'data_store:warehouse', { actions: ['read'], scope: '*' }]];
    expect(findingsOf('overprivileged-ai-identity', r10Nodes, wildcard)).toHaveLength(1);
    expect(findingsOf('overprivileged-ai-identity', withNode(r10Nodes, 'data_store:warehouse', { sensitivity: 'restricted' }), r10Edges)[0]!.severity).toBe('critical');
  });
});

describe('R10 generic tools', () => {
  it('a tool without caps counts as generic by its name; given caps are authoritative', () => {
    const swap = (tool: NodeSpec) => [...r10Nodes.filter((x) => typeof x === 'string' || x.id !== 'tool:http'), tool];
    const edges = r10Edges.map((e): EdgeSpec => (e[2] === 'tool:http' ? [e[0], e[1], 'tool:t1'] : e));
    expect(findingsOf('overprivileged-ai-identity', swap(n('tool:t1', { name: 'http_request' })), edges)).toHaveLength(1);
    expect(findingsOf('overprivileged-ai-identity', swap(n('tool:t1', { name: 'summarize' })), edges)).toEqual([]);
    expect(findingsOf('overprivileged-ai-identity', swap(n('tool:t1', { name: 'http_request', caps: ['file_read'] })), edges)).toEqual([]);
  });
});

describe('R10 plain writes edges', () => {
  it('an identity that writes the sensitive store (writes edge) is over-privileged; a reads edge is not', () => {
    const writes: EdgeSpec[] = [...r10Edges.slice(0, 2), ['nhi:role', 'writes', 'data_store:warehouse']];
    expect(findingsOf('overprivileged-ai-identity', r10Nodes, writes)).toHaveLength(1);
    const reads: EdgeSpec[] = [...r10Edges.slice(0, 2), ['nhi:role', 'reads', 'data_store:warehouse']];
    expect(findingsOf('overprivileged-ai-identity', r10Nodes, reads)).toEqual([]);
  });
});

describe('R06 self-poisoning', () => {
  it('a store tainted only by the reading agent’s own injectable writes does not fire R06 on it; another reader gets it', () => {
    const nodes: NodeSpec[] = [
      n('ai_agent:a'),
      n('external:web'),
      n('data_store:notes', { sensitivity: 'confidential', scope: 'shared' }),
      n('tool:save'),
      n('tool:mail', { caps: ['external_send'] }),
    ];
    const edges: EdgeSpec[] = [
      ['ai_agent:a', 'reads', 'external:web'],
      ['ai_agent:a', 'reads', 'data_store:notes'],
      ['ai_agent:a', 'has_tool', 'tool:save'],
      ['tool:save', 'writes', 'data_store:notes'],
      ['ai_agent:a', 'has_tool', 'tool:mail'],
    ];
    expect(fired(findings(nodes, edges))).toEqual(['lethal-trifecta@ai_agent:a']);
    const withReader = [...nodes, n('ai_agent:b')];
    const readerEdges: EdgeSpec[] = [...edges, ['ai_agent:b', 'reads', 'data_store:notes'], ['ai_agent:b', 'has_tool', 'tool:mail']];
    expect(fired(findings(withReader, readerEdges))).toEqual(['lethal-trifecta@ai_agent:a', 'lethal-trifecta@ai_agent:b', 'retrieval-poisoning@ai_agent:b']);
  });
});
