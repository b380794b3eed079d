import { describe, expect, it } from 'vitest';

import { edge, failed, fixture, json, node, ok } from './test/helpers.ts';

/** The formats users have now, each on real public files (fixtures/PROVENANCE.md). */
describe('Augment Code (VS Code settings.json, augment.advanced.mcpServers)', () => {
  it.each(['augment/augment_settings.json', 'augment/augment_settings_array.json'])('%s: both servers of the map or list form', (rel) => {
    const r = ok([fixture(rel)]);
    const file = rel.split('/').pop()!;
    expect(r.reports[0]!.format).toBe('mcp-config');
    const agent = node(r.inventory, `agent:augment:${file}`);
    expect(agent.fields.framework).toBe('augment');
    const local = node(r.inventory, `mcp:${file}:augment-context`);
    expect(local.fields).toMatchObject({ transport: 'stdio', package: '@augment/mcp-server', versionPinned: false });
    expect(local.fields.provenance).toMatch(/augment\.advanced/);
    expect(node(r.inventory, `mcp:${file}:augment-remote`).fields).toMatchObject({ remote: true, url: 'https://augment-mcp.example.com/v1', auth: 'none' });
    edge(r.inventory, agent.id, 'connects_to', local.id);
    // "aug_xxxxxxxxxxxx" is a placeholder, not a live key
    expect(r.inventory.nodes.find((n) => n.kind === 'credential')!.fields.isPlaceholder).toBe(true);
  });

  it('the nested augment: {advanced: {mcpServers}} form', () => {
    const r = ok([fixture('augment/augment_settings_nested.json')]);
    expect(node(r.inventory, 'mcp:augment_settings_nested.json:augment-nested').fields.launch).toBe('node server.js');
  });
});

describe('Snyk Agent Scan JSON (mcp-scan successor)', () => {
  const r = ok([fixture('snyk-agent-scan/agent-scan-cursor.json')]);
  const inv = r.inventory;

  it('servers from the config each one names, their real tools, and a skill', () => {
    expect(r.reports[0]!.format).toBe('mcp-scan');
    expect(node(inv, 'mcp:/home/dev/.cursor/mcp.json:Weather').fields.launch).toBe('uv run python tests/mcp_servers/weather_server.py');
    const math = inv.nodes.find((n) => n.kind === 'mcp_server' && n.id.startsWith('mcp:/home/dev/project/.cursor/mcp.json:'))!;
    expect(inv.nodes.filter((n) => n.kind === 'tool' && n.id.startsWith(`tool:${math.id}:`)).map((n) => n.name).sort()).toEqual(['add', 'divide', 'multiply', 'store_value', 'subtract']);
    expect(node(inv, 'mcp:/home/dev/.cursor/mcp.json:skill-creator').fields.transport).toBe('skill');
  });

  it('issues become findings where they point: tool, server, client', () => {
    expect(node(inv, 'tool:mcp:/home/dev/.cursor/mcp.json:Weather:weather').fields.findings).toEqual([expect.objectContaining({ code: 'W001', entity: 'weather' })]);
    const math = inv.nodes.find((n) => n.kind === 'mcp_server' && n.id.startsWith('mcp:/home/dev/project/'))!;
    expect(math.fields.findings).toEqual([expect.objectContaining({ code: 'W003' })]);
    expect(node(inv, 'agent:cursor:/home/dev/.cursor/mcp.json').fields.findings).toEqual([expect.objectContaining({ code: 'X001', extra: { status: 503 } })]);
  });

  it('a config the scanner could not read is a located warning', () => {
    expect(r.reports[0]!.warnings.some((w) => w.at === '/~1home~1dev~1.vscode~1mcp.json/servers')).toBe(true);
  });
});

describe('AgentHound ingest JSON', () => {
  it('keeps every node and edge with its kind and id (merged scan)', () => {
    const r = ok([fixture('agenthound/merged_scan.json')]);
    expect(r.reports[0]!.format).toBe('agenthound');
    expect(r.reports[0]!.edgesIn).toEqual({ ADVERTISES_SKILL: 3, AUTHENTICATES_WITH: 1, CONFIGURED_IN: 2, DELEGATES_TO: 1, PROVIDES_RESOURCE: 1, PROVIDES_TOOL: 3, RUNS_ON: 2, TRUSTS_SERVER: 2, USES_CREDENTIAL: 1 });
    expect(r.inventory.edges).toHaveLength(16);
    const kinds = Object.fromEntries(r.inventory.nodes.map((n) => [n.fields.ogKind, n.kind]));
    expect(kinds).toMatchObject({ MCPServer: 'mcp_server', MCPTool: 'tool', AgentInstance: 'ai_agent', ConfigFile: 'config_file', A2AAgent: 'ai_agent', A2ASkill: 'tool', Credential: 'credential', Host: 'cloud_resource' });
    const trust = r.inventory.edges.find((e) => e.fields.ogKind === 'TRUSTS_SERVER')!;
    expect(trust.kind).toBe('connects_to');
    expect(trust.fields.observation_domains).toBeDefined();
  });

  it.each(['valid_mcp_scan', 'valid_config_scan', 'valid_a2a_scan'])('%s imports without errors', (f) => {
    const r = ok([fixture(`agenthound/${f}.json`)]);
    expect(r.reports[0]!.format).toBe('agenthound');
    expect(r.inventory.nodes.length).toBeGreaterThan(0);
  });
});

describe('MCP Registry server.json', () => {
  it('a package with a declared secret env var: an expected credential, no value', () => {
    const r = ok([fixture('mcp-registry/with-package.server.json')]);
    expect(r.reports[0]!.format).toBe('mcp-registry');
    const s = node(r.inventory, 'mcp-registry:io.github.user/local-weather');
    expect(s.fields).toMatchObject({ kind: 'mcp_server', package: '@modelcontextprotocol/server-weather', registryType: 'npm', versionPinned: true, transport: 'stdio', envVars: ['API_KEY'], publisherNamespace: 'io.github.user' });
    const c = node(r.inventory, 'cred:declared:io.github.user/local-weather:API_KEY');
    expect(c.fields).toMatchObject({ declared: true, required: true, storage: 'env_ref' });
    edge(r.inventory, s.id, 'uses_credential', c.id);
  });

  it('a remote with a secret header, and an SSE remote', () => {
    const r = ok([fixture('mcp-registry/with-remote.server.json'), fixture('mcp-registry/io.decisionrules.server.json')]);
    expect(node(r.inventory, 'mcp-registry:io.github.user/remote-weather').fields).toMatchObject({ remote: true, transport: 'streamable-http', auth: 'static_header', headerNames: ['Authorization'] });
    expect(node(r.inventory, 'mcp-registry:io.decisionrules/mcp-server').fields).toMatchObject({ transport: 'sse', url: 'https://api.decisionrules.io/mcp', exposure: 'public', auth: 'none' });
  });

  it('the older snake_case schema (registry @ 81e5174)', () => {
    const r = ok([fixture('mcp-registry/publisher-81e5174.server.json')]);
    expect(r.reports[0]!.format).toBe('mcp-registry');
    const s = r.inventory.nodes.find((n) => n.kind === 'mcp_server')!;
    expect(s.fields.packages).toHaveLength(2);
    edge(r.inventory, s.id, 'uses_credential', `cred:declared:${String(s.fields.registryName)}:API_KEY`);
  });
});

describe('CycloneDX 1.7', () => {
  it('a 1.7 SaaS BOM: the service across a trust boundary, the library that depends on it', () => {
    const r = ok([fixture('cyclonedx/valid-service-1.7.json')]);
    expect(r.reports[0]!.format).toBe('cyclonedx');
    expect(r.inventory.nodes.map((n) => n.kind).sort()).toEqual(['package', 'saas_app']);
    expect(r.inventory.edges).toHaveLength(1);
  });
});

describe('unknown files', () => {
  it('name the closest format and why the file is not it', () => {
    const [e] = failed([json('edges.json', { graph: { nodes: [], edges: [{ from: 'a', to: 'b', kind: 'X' }] } })]);
    expect(e!.message).toMatch(/neither "start"\/"end" matchers \(OpenGraph\) nor "source"\/"target" \(AgentHound\)/);
    const [f] = failed([json('kinds.json', { node_kinds: 'User' })]);
    expect(f!.message).toMatch(/Closest: BloodHound OpenGraph extension schema: it has "node_kinds" but it lacks "schema", "relationship_kinds"/);
  });
});
