import { describe, expect, it } from 'vitest';

import { findingsOf, n, without, withNode } from './test-kit.ts';
import type { EdgeSpec, NodeSpec } from './test-kit.ts';

// ── R01 lethal-trifecta ─────────────────────────────────────────────────────────────────────────────────
const trifectaNodes: NodeSpec[] = [
  n('ai_agent:fin', { name: 'Finance agent' }),
  n('external:inbound-email', { name: 'inbound email', subtype: 'inbound_email' }),
  n('data_store:reports', { name: 'Quarterly reports', sensitivity: 'confidential' }),
  n('tool:read-mail', { caps: ['untrusted_content'] }),
  n('tool:read-reports', { caps: ['private_data'] }),
  n('tool:send-mail', { name: 'send mail', caps: ['external_send'] }),
];
const trifectaEdges: EdgeSpec[] = [
  ['ai_agent:fin', 'has_tool', 'tool:read-mail'],
  ['tool:read-mail', 'reads', 'external:inbound-email'],
  ['ai_agent:fin', 'has_tool', 'tool:read-reports'],
  ['tool:read-reports', 'reads', 'data_store:reports'],
  ['ai_agent:fin', 'has_tool', 'tool:send-mail'],
];

describe('R01 lethal-trifecta', () => {
  it('fires on an agent with untrusted input, private data and an external sink, naming them', () => {
    const [f, ...rest] = findingsOf('lethal-trifecta', trifectaNodes, trifectaEdges);
    expect(rest).toEqual([]);
    expect(f!.node).toBe('ai_agent:fin');
    expect(f!.severity).toBe('critical');
    expect(f!.title).toBe('Finance agent reads inbound email, can read Quarterly reports and can send data out through send mail');
    expect(f!.legs!.map((l) => l.name)).toEqual(['untrusted input', 'private data', 'external communication']);
    expect(f!.legs![1]!.edges).toEqual(['ai_agent:fin|has_tool|tool:read-reports', 'tool:read-reports|reads|data_store:reports']);
    expect(f!.evidence.nodes).toContain('external:inbound-email');
    expect(f!.context!.zeroClick).toBe(true);
    // the cheapest cut is the sink tool's has_tool edge (cost 1)
    expect(f!.cut!.edges).toEqual(['ai_agent:fin|has_tool|tool:send-mail']);
    expect(f!.cut!.alternative).toBeDefined();
  });

  it('twin: the tool cannot send externally → no finding', () => {
    const twin = withNode(trifectaNodes, 'tool:send-mail', { caps: ['file_write'] });
    expect(findingsOf('lethal-trifecta', twin, trifectaEdges)).toEqual([]);
  });

  it('twin: the store is only internal → no private-data leg, no finding', () => {
    const twin = withNode(trifectaNodes, 'data_store:reports', { sensitivity: 'internal' });
    expect(findingsOf('lethal-trifecta', twin, trifectaEdges)).toEqual([]);
  });

  it('twin: no untrusted input → no finding', () => {
    expect(findingsOf('lethal-trifecta', trifectaNodes, without(trifectaEdges, 'tool:read-mail', 'reads', 'external:inbound-email'))).toEqual([]);
  });

  it('accepts an agent that renders Markdown media as its sink (EchoLeak) unless the allowlist is strict', () => {
    const edges = without(trifectaEdges, 'ai_agent:fin', 'has_tool', 'tool:send-mail');
    const rendering = withNode(trifectaNodes, 'ai_agent:fin', { rendersMarkdownMedia: true });
    expect(findingsOf('lethal-trifecta', rendering, edges).map((f) => f.node)).toEqual(['ai_agent:fin']);
    const strict = withNode(trifectaNodes, 'ai_agent:fin', { rendersMarkdownMedia: true, mediaAllowlist: 'strict' });
    expect(findingsOf('lethal-trifecta', strict, edges)).toEqual([]);
  });

  it('severity: lowered to high only with approval on the sink and an allowlisting egress gateway', () => {
    const gated = withNode(trifectaNodes, 'tool:send-mail', { caps: ['external_send'], requiresApproval: true, egressAllowlist: true });
    expect(findingsOf('lethal-trifecta', gated, trifectaEdges)[0]!.severity).toBe('high');
    const approvalOnly = withNode(trifectaNodes, 'tool:send-mail', { caps: ['external_send'], requiresApproval: true });
    expect(findingsOf('lethal-trifecta', approvalOnly, trifectaEdges)[0]!.severity).toBe('critical');
  });

  it('finds private data through the ambient identity leg (tagged ambient)', () => {
    const nodes = [...trifectaNodes, n('nhi:role'), n('data_store:hr', { sensitivity: 'restricted' })];
    const edges: EdgeSpec[] = [
      ...without(trifectaEdges, 'tool:read-reports', 'reads', 'data_store:reports'),
      ['ai_agent:fin', 'runs_as', 'nhi:role'],
      ['nhi:role', 'has_permission', 'data_store:hr', { actions: ['read'] }],
    ];
    const [f] = findingsOf('lethal-trifecta', nodes, edges);
    expect(f!.legs![1]!.witnesses[0]!.evidence).toBe('ambient');
    expect(f!.legs![1]!.nodes).toContain('data_store:hr');
    // a permission that grants nothing relevant (list only) is not a private-data leg
    const listOnly = edges.map((e): EdgeSpec => (e[1] === 'has_permission' ? [e[0], e[1], e[2], { actions: ['list'] }] : e));
    expect(findingsOf('lethal-trifecta', nodes, listOnly)).toEqual([]);
  });

  it('sees untrusted content through a store that outsiders write to (content_trust)', () => {
    const nodes: NodeSpec[] = [
      n('ai_agent:a'),
      n('data_store:tickets'),
      n('human:customer', { trust: 'external' }),
      n('data_store:crm', { sensitivity: 'confidential' }),
      n('tool:post', { caps: ['external_send'] }),
    ];
    const edges: EdgeSpec[] = [
      ['human:customer', 'writes', 'data_store:tickets'],
      ['ai_agent:a', 'reads', 'data_store:tickets'],
      ['ai_agent:a', 'reads', 'data_store:crm'],
      ['ai_agent:a', 'has_tool', 'tool:post'],
    ];
    const [f] = findingsOf('lethal-trifecta', nodes, edges);
    expect(f!.legs![0]!.nodes).toEqual(['ai_agent:a', 'data_store:tickets', 'human:customer']);
    // twin: an internal writer does not make the tickets untrusted
    expect(findingsOf('lethal-trifecta', withNode(nodes, 'human:customer', { trust: 'internal' }), edges)).toEqual([]);
  });
});

// ── R02 untrusted-input-destructive-action ──────────────────────────────────────────────────────────────
const r02Nodes: NodeSpec[] = [
  n('ai_agent:ops', { name: 'Ops agent' }),
  n('external:web', { name: 'the web' }),
  n('tool:fetch', { caps: ['network_fetch'] }),
  n('tool:drop', { name: 'drop table', caps: ['destructive'], requiresApproval: true }),
];
const r02Edges: EdgeSpec[] = [
  ['ai_agent:ops', 'has_tool', 'tool:fetch'],
  ['tool:fetch', 'reads', 'external:web'],
  ['ai_agent:ops', 'has_tool', 'tool:drop'],
];

describe('R02 untrusted-input-destructive-action', () => {
  it('fires on an agent reading untrusted content with a destructive tool', () => {
    const [f] = findingsOf('untrusted-input-destructive-action', r02Nodes, r02Edges);
    expect(f!.node).toBe('ai_agent:ops');
    expect(f!.severity).toBe('high');
    expect(f!.cut!.edges).toEqual(['ai_agent:ops|has_tool|tool:drop']);
  });
  it('twin: the tool is not destructive → no finding', () => {
    expect(findingsOf('untrusted-input-destructive-action', withNode(r02Nodes, 'tool:drop', { caps: ['file_read'] }), r02Edges)).toEqual([]);
  });
  it('severity: raised to critical without approval, for financial tools and for PROD targets; lowered when recoverable', () => {
    expect(findingsOf('untrusted-input-destructive-action', withNode(r02Nodes, 'tool:drop', { requiresApproval: false }), r02Edges)[0]!.severity).toBe('critical');
    expect(findingsOf('untrusted-input-destructive-action', withNode(r02Nodes, 'tool:drop', { caps: ['financial'] }), r02Edges)[0]!.severity).toBe('critical');
    expect(findingsOf('untrusted-input-destructive-action', withNode(r02Nodes, 'tool:drop', { env: 'prod' }), r02Edges)[0]!.severity).toBe('critical');
    expect(findingsOf('untrusted-input-destructive-action', withNode(r02Nodes, 'tool:drop', { recoverable: true }), r02Edges)[0]!.severity).toBe('medium');
  });
  it('counts an ambient delete permission on a PROD resource as destructive, not one on staging', () => {
    const nodes = [...r02Nodes.filter((s) => typeof s === 'string' || s.id !== 'tool:drop'), n('nhi:sa'), n('cloud_resource:db', { env: 'prod' })];
    const edges: EdgeSpec[] = [...r02Edges.filter((e) => e[2] !== 'tool:drop'), ['ai_agent:ops', 'runs_as', 'nhi:sa'], ['nhi:sa', 'has_permission', 'cloud_resource:db', { actions: ['delete'] }]];
    expect(findingsOf('untrusted-input-destructive-action', nodes, edges).map((f) => f.severity)).toEqual(['critical']);
    expect(findingsOf('untrusted-input-destructive-action', withNode(nodes, 'cloud_resource:db', { env: 'staging' }), edges)).toEqual([]);
  });
});

// ── R03 untrusted-input-code-execution ──────────────────────────────────────────────────────────────────
const r03Nodes: NodeSpec[] = [
  n('ai_agent:coder', { name: 'Coding agent' }),
  n('external:issues', { name: 'public issues', subtype: 'public_issue_tracker' }),
  n('tool:shell', { name: 'shell', caps: ['code_exec'] }),
  n('cloud_resource:runner', { name: 'CI runner', sandbox: 'none' }),
];
const r03Edges: EdgeSpec[] = [
  ['ai_agent:coder', 'reads', 'external:issues'],
  ['ai_agent:coder', 'has_tool', 'tool:shell'],
  ['tool:shell', 'executes', 'cloud_resource:runner'],
];

describe('R03 untrusted-input-code-execution', () => {
  it('fires when the code tool runs on a non-isolated host', () => {
    const [f] = findingsOf('untrusted-input-code-execution', r03Nodes, r03Edges);
    expect(f!.node).toBe('ai_agent:coder');
    expect(f!.severity).toBe('high');
    expect(f!.title).toContain('shell on CI runner');
    expect(f!.cut!.edges).toEqual(['tool:shell|executes|cloud_resource:runner']);
  });
  it('twin: the host is a container sandbox without egress, credentials or identity → no finding', () => {
    expect(findingsOf('untrusted-input-code-execution', withNode(r03Nodes, 'cloud_resource:runner', { sandbox: 'container' }), r03Edges)).toEqual([]);
  });
  it('twin: the sandbox is unknown → strict mode does not fire', () => {
    expect(findingsOf('untrusted-input-code-execution', withNode(r03Nodes, 'cloud_resource:runner', { sandbox: undefined }), r03Edges)).toEqual([]);
  });
  it('severity: critical when the host identity reaches sensitive data', () => {
    const nodes = [...withNode(r03Nodes, 'cloud_resource:runner', { sandbox: 'container' }), n('nhi:ci'), n('data_store:secrets', { sensitivity: 'restricted' })];
    const edges: EdgeSpec[] = [...r03Edges, ['cloud_resource:runner', 'runs_as', 'nhi:ci'], ['nhi:ci', 'has_permission', 'data_store:secrets', { actions: ['read'] }]];
    const [f] = findingsOf('untrusted-input-code-execution', nodes, edges);
    expect(f!.severity).toBe('critical');
    expect(f!.legs!.find((l) => l.optional)!.nodes).toContain('data_store:secrets');
  });
});

// ── R04 rendering-exfiltration ─────────────────────────────────────────────────────────────────────────
const r04Nodes: NodeSpec[] = [
  n('ai_agent:copilot', { name: 'Mail copilot' }),
  n('external:mail', { name: 'inbound email', subtype: 'email' }),
  n('vector_store:idx', { name: 'Mail index' }),
  n('data_store:sharepoint', { name: 'SharePoint', sensitivity: 'confidential' }),
  n('client_ui:teams', { name: 'Teams', autoFetchMedia: true, mediaAllowlist: 'broad' }),
];
const r04Edges: EdgeSpec[] = [
  ['ai_agent:copilot', 'retrieves', 'vector_store:idx'],
  ['vector_store:idx', 'indexes', 'external:mail'],
  ['vector_store:idx', 'indexes', 'data_store:sharepoint'],
  ['ai_agent:copilot', 'renders_to', 'client_ui:teams'],
];

describe('R04 rendering-exfiltration', () => {
  it('fires on a client that auto-fetches media with a broad allowlist; zero-click raises it to critical', () => {
    const [f] = findingsOf('rendering-exfiltration', r04Nodes, r04Edges);
    expect(f!.node).toBe('ai_agent:copilot');
    expect(f!.severity).toBe('critical');
    expect(f!.modifiers!.join()).toContain('zero-click');
    expect(f!.legs![2]!.edges).toEqual(['ai_agent:copilot|renders_to|client_ui:teams']);
  });
  it('twin: the client allowlist is strict → no finding', () => {
    expect(findingsOf('rendering-exfiltration', withNode(r04Nodes, 'client_ui:teams', { mediaAllowlist: 'strict' }), r04Edges)).toEqual([]);
  });
  it('twin: the client does not auto-fetch media → no finding', () => {
    expect(findingsOf('rendering-exfiltration', withNode(r04Nodes, 'client_ui:teams', { autoFetchMedia: false }), r04Edges)).toEqual([]);
  });
  it('is folded into R01 as a second witness when a tool sink exists', () => {
    const nodes = [...r04Nodes, n('tool:send', { caps: ['external_send'] })];
    const edges: EdgeSpec[] = [...r04Edges, ['ai_agent:copilot', 'has_tool', 'tool:send']];
    expect(findingsOf('rendering-exfiltration', nodes, edges)).toEqual([]);
    const [r01] = findingsOf('lethal-trifecta', nodes, edges);
    expect(r01!.legs!.map((l) => l.name)).toContain('rendering sink (R04)');
  });
});

describe('ambient private data through an identity’s plain reads edge', () => {
  it('counts like has_permission read', () => {
    const nodes = [...trifectaNodes, n('nhi:role'), n('data_store:hr', { sensitivity: 'restricted' })];
    const edges: EdgeSpec[] = [
      ...without(trifectaEdges, 'tool:read-reports', 'reads', 'data_store:reports'),
      ['ai_agent:fin', 'runs_as', 'nhi:role'],
      ['nhi:role', 'reads', 'data_store:hr'],
    ];
    const [f] = findingsOf('lethal-trifecta', nodes, edges);
    expect(f!.legs![1]!.witnesses[0]).toMatchObject({ nodes: ['ai_agent:fin', 'nhi:role', 'data_store:hr'], evidence: 'ambient' });
  });
});
