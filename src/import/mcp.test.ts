import { describe, expect, it } from 'vitest';

import { launchInfo } from './mcp.ts';
import { edge, expectProvenance, failed, fixture, json, node, noEdge, ok } from './test/helpers.ts';
import { fingerprint, isPlaceholder, sha256Hex } from './util.ts';

// Fake secrets, built at run time so no secret-shaped literal sits in the repository.
const PAT = `ghp_${'Zq7'.repeat(12)}`;
const SLACK = `xoxb-${'1234567890'}-${'AbCdEfGhIjKlMnOp'}`;
const OPENAI = `sk-proj-${'Xy9'.repeat(10)}`;
const PG_PASSWORD = 'Tr0ub4dor&3horse';
const URL_KEY = `k${'9f8e7d6c'.repeat(3)}`;
const SECRETS = [PAT, SLACK, OPENAI, PG_PASSWORD, URL_KEY];

const desktop = {
  mcpServers: {
    github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: PAT } },
    'github-remote': { type: 'http', url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: `Bearer ${PAT}` } },
    slack: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-slack@2025.4.25'], env: { SLACK_BOT_TOKEN: SLACK, SLACK_TEAM_ID: 'T01234' } },
    fetch: { command: 'uvx', args: ['mcp-server-fetch'] },
    postgres: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-postgres', `postgresql://app:${PG_PASSWORD}@db.internal:5432/crm`] },
    filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/alice/Documents'] },
    brave: { command: 'docker', args: ['run', '-i', '--rm', '-e', 'BRAVE_API_KEY', 'mcp/brave-search:latest'], env: { BRAVE_API_KEY: '<YOUR_BRAVE_KEY>' } },
    openai: { command: 'node', args: ['server.js', '--api-key', OPENAI] },
    search: { url: `https://search.example.com/sse?api_key=${URL_KEY}&q=1` },
    gdrive: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-gdrive'], env: { GDRIVE_TOKEN: '${GDRIVE_TOKEN}' } },
  },
};

describe('Claude Desktop config with literal secrets', () => {
  const r = ok([json('claude_desktop_config.json', desktop)]);
  const inv = r.inventory;
  const S = (name: string) => `mcp:claude_desktop_config.json:${name}`;

  it('makes the client an ai_agent connected to each server', () => {
    const agent = node(inv, 'agent:claude-desktop:claude_desktop_config.json');
    expect(agent.kind).toBe('ai_agent');
    expect(agent.fields.framework).toBe('claude-desktop');
    for (const name of Object.keys(desktop.mcpServers)) edge(inv, agent.id, 'connects_to', S(name));
    expect(node(inv, 'config:claude_desktop_config.json').kind).toBe('config_file');
    expectProvenance(inv);
  });

  it('never lets a secret value into the inventory, the reports or the warnings', () => {
    const out = JSON.stringify({ nodes: inv.nodes, edges: inv.edges, warnings: inv.warnings, reports: r.reports });
    for (const s of SECRETS) expect(out.includes(s), s.slice(0, 4)).toBe(false);
    expect(out).not.toContain('Zq7Zq7');
  });

  it('the same secret used twice is one credential node, held by both servers', () => {
    const id = `cred:${fingerprint(PAT)}`;
    const cred = node(inv, id);
    expect(cred.kind).toBe('credential');
    expect(cred.fields).toMatchObject({ storage: 'config_plaintext', credType: 'github_pat', fingerprint: fingerprint(PAT) });
    expect(cred.fields.usedBy).toEqual(['GITHUB_PERSONAL_ACCESS_TOKEN', 'Authorization']);
    edge(inv, S('github'), 'uses_credential', id);
    edge(inv, S('github-remote'), 'uses_credential', id);
    edge(inv, 'config:claude_desktop_config.json', 'stores', id);
    expect(inv.nodes.filter((n) => n.kind === 'credential' && n.fields.credType === 'github_pat')).toHaveLength(1);
  });

  it('finds secrets in args, connection strings and URLs, and redacts the launch line', () => {
    const pg = node(inv, S('postgres'));
    expect(String(pg.fields.launch)).toMatch(/postgresql:\/\/app:<redacted:hmac-sha256:[0-9a-f]{32}>@db\.internal:5432\/crm$/);
    edge(inv, S('postgres'), 'uses_credential', `cred:${fingerprint(PG_PASSWORD)}`);
    const oa = node(inv, S('openai'));
    expect(oa.fields.launch).toBe(`node server.js --api-key <redacted:${fingerprint(OPENAI)}>`);
    expect(node(inv, `cred:${fingerprint(OPENAI)}`).fields.storage).toBe('args_inline');
    const search = node(inv, S('search'));
    expect(search.fields.url).toBe(`https://search.example.com/sse?api_key=<redacted:${fingerprint(URL_KEY)}>&q=1`);
    expect(search.fields).toMatchObject({ transport: 'sse', remote: true, exposure: 'public' });
  });

  it('records placeholders and references without treating them as live secrets', () => {
    const ph = node(inv, `cred:placeholder:${S('brave')}:BRAVE_API_KEY`);
    expect(ph.fields.isPlaceholder).toBe(true);
    const ref = node(inv, 'cred:env:GDRIVE_TOKEN');
    expect(ref.fields).toMatchObject({ storage: 'env_ref', variable: 'GDRIVE_TOKEN' });
    noEdge(inv, 'config:claude_desktop_config.json', 'stores', ref.id);
    // a non-secret variable is named but not turned into a credential
    expect(node(inv, S('slack')).fields.envVars).toEqual(['SLACK_BOT_TOKEN', 'SLACK_TEAM_ID']);
    expect(inv.nodes.some((n) => n.kind === 'credential' && n.fields.variable === 'SLACK_TEAM_ID')).toBe(false);
  });

  it('knows launch, pinning and transport', () => {
    expect(node(inv, S('github')).fields).toMatchObject({ transport: 'stdio', package: '@modelcontextprotocol/server-github', versionPinned: false, remote: false });
    expect(node(inv, S('slack')).fields).toMatchObject({ versionPinned: true });
    expect(node(inv, S('brave')).fields).toMatchObject({ package: 'mcp/brave-search', versionPinned: false, catalog: 'brave-search' });
    expect(node(inv, S('github-remote')).fields).toMatchObject({ transport: 'http', remote: true, auth: 'static_header', catalog: 'github', headerNames: ['Authorization'] });
  });

  it('adds catalog tools with capabilities (toxic-rules §3.4)', () => {
    const post = edge(inv, S('slack'), 'provides', `tool:${S('slack')}:slack_post_message`);
    expect(post.grants).toBe(7);
    expect(node(inv, `tool:${S('slack')}:slack_post_message`).fields.caps).toEqual(['external_send']);
    expect(node(inv, `tool:${S('fetch')}:fetch`).fields.caps).toEqual(['untrusted_content', 'network_fetch', 'external_send']);
    expect(node(inv, `tool:${S('github')}:get_file_contents`).fields.caps).toEqual(['untrusted_content', 'private_data']);
    expect(node(inv, `tool:${S('postgres')}:query`).fields.caps).toEqual(['private_data']);
    const read = node(inv, `tool:${S('filesystem')}:read_file`);
    expect(read.fields.pathScope).toEqual(['/Users/alice/Documents']);
    edge(inv, read.id, 'reads', 'path:/Users/alice/Documents');
    edge(inv, `tool:${S('filesystem')}:write_file`, 'writes', 'path:/Users/alice/Documents');
    edge(inv, `tool:${S('fetch')}:fetch`, 'sends', 'external:internet');
  });
});

describe('real MCP client configs', () => {
  it('VS Code (microsoft/vscode): servers + empty inputs', () => {
    const inv = ok([fixture('mcp-configs/microsoft-vscode__.vscode_mcp.json')]).inventory;
    const agent = node(inv, 'agent:vscode:microsoft-vscode__.vscode_mcp.json');
    expect(agent.name).toBe('VS Code (microsoft-vscode__.vscode_mcp.json)');
    const s = node(inv, 'mcp:microsoft-vscode__.vscode_mcp.json:vscode-playwright-mcp');
    expect(s.fields).toMatchObject({ transport: 'stdio', launch: 'npm run start-stdio', cwd: '${workspaceFolder}/test/mcp', toolsKnown: false });
    expect(inv.nodes).toHaveLength(3);
  });

  it('VS Code without a type field: unpinned @latest package', () => {
    const inv = ok([fixture('mcp-configs/12knocksinna-office365itpros__.vscode_mcp.json')]).inventory;
    expect(node(inv, 'mcp:12knocksinna-office365itpros__.vscode_mcp.json:m365agentstoolkit').fields).toMatchObject({
      transport: 'stdio',
      package: '@microsoft/m365agentstoolkit-mcp',
      versionPinned: false,
      launch: 'npx @microsoft/m365agentstoolkit-mcp@latest server start',
    });
  });

  it('Claude Code .mcp.json (PostHog): a local uv-run server, no package to pin', () => {
    const inv = ok([fixture('mcp-configs/posthog-posthog__.mcp.json')]).inventory;
    expect(node(inv, 'agent:claude-code:posthog-posthog__.mcp.json').fields.agentType).toBe('coding_agent');
    const s = node(inv, 'mcp:posthog-posthog__.mcp.json:phrocs');
    expect(s.fields.launch).toBe('uv run python tools/phrocs/mcp_server.py');
    expect(s.fields.package).toBeUndefined();
  });

  it('inspector sample: env values, a streamable-http remote, placeholder-like KEY=value', () => {
    const r = ok([fixture('mcp-configs/modelcontextprotocol-inspector__sample-config.json')]);
    const inv = r.inventory;
    expect(r.reports[0]).toMatchObject({ format: 'mcp-config', nodes: 15, edges: 13 });
    const remote = node(inv, 'mcp:modelcontextprotocol-inspector__sample-config.json:hosted-everything');
    expect(remote.fields).toMatchObject({ transport: 'streamable-http', remote: true, host: 'example-server.modelcontextprotocol.io', auth: 'none' });
    const my = 'mcp:modelcontextprotocol-inspector__sample-config.json:myserver';
    expect(node(inv, `cred:placeholder:${my}:KEY`).fields.isPlaceholder).toBe(true);
    edge(inv, my, 'uses_credential', `cred:placeholder:${my}:KEY2`);
    // HELLO is not a secret name and "Hello MCP!" not a token: no credential
    expect(inv.nodes.filter((n) => n.kind === 'credential')).toHaveLength(2);
    expect(JSON.stringify(inv.nodes)).not.toContain('Hello MCP!');
  });

  it('Latros per-server descriptors: ${GITHUB_TOKEN} is an env reference; declared capabilities become tools', () => {
    const inv = ok([fixture('mcp-configs/latros-claude-setup/github.config.json'), fixture('mcp-configs/latros-claude-setup/filesystem.config.json')]).inventory;
    const gh = 'mcp:github.config.json:github';
    edge(inv, gh, 'uses_credential', 'cred:env:GITHUB_TOKEN');
    expect(node(inv, 'cred:env:GITHUB_TOKEN').fields.storage).toBe('env_ref');
    expect(node(inv, `tool:${gh}:list_repositories`).fields).toMatchObject({ capsSource: 'heuristic', confidence: 'low' });
    expect(node(inv, `tool:${gh}:create_issue`).fields.capsSource).toBe('catalog');
    const fs = 'mcp:filesystem.config.json:filesystem';
    edge(inv, `tool:${fs}:delete_file`, 'writes', 'path:/path/to/allowed/directory');
    noEdge(inv, `tool:${fs}:delete_file`, 'reads', 'path:/path/to/allowed/directory');
    expect(node(inv, `tool:${fs}:delete_file`).fields.caps).toContain('destructive');
  });
});

describe('other client shapes', () => {
  it('VS Code inputs become prompted credentials; gateway tool filters limit tools', () => {
    const inv = ok([
      json('.vscode/mcp.json', {
        inputs: [{ type: 'promptString', id: 'gh-token', description: 'GitHub PAT', password: true }],
        servers: {
          github: { type: 'http', url: 'https://api.githubcopilot.com/mcp/', headers: { Authorization: 'Bearer ${input:gh-token}' } },
          slack: { command: 'npx', args: ['@modelcontextprotocol/server-slack'], options: { toolFilter: { mode: 'allow', list: ['slack_list_channels'] } } },
          fetch: { command: 'uvx', args: ['mcp-server-fetch==2025.1.1'], excludeTools: ['fetch'], autoApprove: [] },
        },
      }),
    ]).inventory;
    const cred = node(inv, 'cred:input:.vscode/mcp.json:gh-token');
    expect(cred.fields).toMatchObject({ storage: 'input_prompt', promptedSecret: true });
    expect(cred.name).toBe('GitHub PAT');
    const slackTools = inv.nodes.filter((n) => n.kind === 'tool' && n.id.includes(':slack:'));
    expect(slackTools.map((n) => n.name)).toEqual(['slack_list_channels']);
    expect(inv.nodes.some((n) => n.id.endsWith(':fetch:fetch'))).toBe(false);
    expect(node(inv, 'mcp:.vscode/mcp.json:fetch').fields.versionPinned).toBe(true);
  });

  it('~/.claude.json: user scope and per-project scope; Gemini trust sets autonomy', () => {
    const inv = ok([
      json('.claude.json', {
        mcpServers: { notion: { type: 'http', url: 'https://mcp.notion.com/mcp' } },
        projects: { '/Users/alice/src/app': { mcpServers: { 'chrome-devtools': { type: 'stdio', command: 'npx', args: ['chrome-devtools-mcp@latest'], env: {} } } } },
      }),
      json('settings.json', { mcp: { allowed: [], excluded: ['x'] }, mcpServers: { x: { command: 'x', trust: true }, y: { httpUrl: 'https://y.example.com/mcp', includeTools: ['read_thing'] } } }),
    ]).inventory;
    expect(node(inv, 'mcp:.claude.json:/Users/alice/src/app:chrome-devtools').fields.scope).toBe('/Users/alice/src/app');
    expect(node(inv, 'mcp:.claude.json:notion').fields.catalog).toBe('notion');
    expect(node(inv, 'agent:gemini-cli:settings.json').fields.autonomy).toBe('auto');
    expect(node(inv, 'mcp:settings.json:x').fields.status).toBe('inactive');
    expect(node(inv, 'tool:mcp:settings.json:y:read_thing').fields.caps).toEqual(['private_data']);
  });

  it('the same remote server in two clients is one node (joined by URL)', () => {
    const inv = ok([
      json('a/claude_desktop_config.json', { mcpServers: { gh: { type: 'http', url: 'https://api.githubcopilot.com/mcp/' } } }),
      json('b/.cursor/mcp.json', { mcpServers: { github: { url: 'https://API.githubcopilot.com/mcp' } } }),
    ]).inventory;
    const servers = inv.nodes.filter((n) => n.kind === 'mcp_server');
    expect(servers).toHaveLength(1);
    edge(inv, 'agent:cursor:b/.cursor/mcp.json', 'connects_to', servers[0]!.id);
    expect(servers[0]!.fields.provenanceAll).toEqual(['a/claude_desktop_config.json#/mcpServers/gh', 'b/.cursor/mcp.json#/mcpServers/github']);
  });
});

describe('hostile MCP input', () => {
  it('a list where the server map should be is a located error', () => {
    expect(failed([json('bad.json', { mcpServers: [{ command: 'x' }] })])[0]).toMatchObject({ file: 'bad.json', at: '/mcpServers', severity: 'error' });
  });

  it('a server that is not an object is a located error', () => {
    expect(failed([json('bad2.json', { mcpServers: { ok: { command: 'x' }, broken: 'npx foo' } })])[0]).toMatchObject({ at: '/mcpServers/broken', message: 'server "broken" is not an object' });
  });

  it('__proto__ and constructor server names are ordinary names', () => {
    const text = '{"mcpServers": {"__proto__": {"command": "npx", "args": ["-y", "@modelcontextprotocol/server-fetch"]}, "constructor": {"url": "https://x.example.com/mcp"}}}';
    const r = ok([{ file: 'proto.json', text }]);
    expect(node(r.inventory, 'mcp:proto.json:__proto__').kind).toBe('mcp_server');
    expect(node(r.inventory, 'mcp:proto.json:constructor').fields.remote).toBe(true);
    expect(({} as Record<string, unknown>).command).toBeUndefined();
  });

  it('broken JSON names line and column', () => {
    expect(failed([{ file: 'broken.json', text: '{"mcpServers": {\n  "a": {"command" "x"}\n}}' }])[0]).toMatchObject({ code: 'INVALID_JSON', file: 'broken.json', message: expect.stringMatching(/line 2, column \d+/) });
  });
});

describe('helpers', () => {
  it('sha256 matches known vectors', () => {
    expect(sha256Hex('')).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
    expect(sha256Hex('a'.repeat(1000))).toBe('41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3');
  });

  it.each(['<YOUR_TOKEN>', 'your-api-key', 'YOUR_GITHUB_TOKEN', 'ghp_xxxxxxxxxxxx', 'changeme', '...', 'Bearer <token>', 'your-client-secret'])('%s is a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(true);
  });

  it.each([PAT, SLACK, 'Tr0ub4dor&3horse'])('a real-looking value is not a placeholder', (v) => {
    expect(isPlaceholder(v)).toBe(false);
  });

  it('launchInfo reads npx, uvx and docker specs', () => {
    expect(launchInfo('npx', ['-y', '@scope/pkg@1.2.3'])).toEqual({ pkg: '@scope/pkg', pinned: true });
    expect(launchInfo('npx', ['@scope/pkg@latest'])).toEqual({ pkg: '@scope/pkg', pinned: false });
    expect(launchInfo('uvx', ['mcp-server-git'])).toEqual({ pkg: 'mcp-server-git', pinned: false });
    expect(launchInfo('docker', ['run', '-i', '--rm', '-e', 'X', 'ghcr.io/github/github-mcp-server@sha256:abc'])).toEqual({ pkg: 'ghcr.io/github/github-mcp-server', pinned: true });
    expect(launchInfo('docker', ['run', 'mcp/fetch'])).toEqual({ pkg: 'mcp/fetch', pinned: false });
  });
});

describe('secrets in less obvious places', () => {
  const HDR = `sk-${'live'}${'Q8w7E6r5T4y3U2i1'}`;
  const ZAP = `${'a1B2c3D4'.repeat(4)}`;
  const DBPASS = 'n0t-a-placeholder-pw';
  const CMD = `glpat-${'Ab12Cd34Ef56Gh78'}`;
  const cfg = {
    mcpServers: {
      remote: { command: 'npx', args: ['mcp-remote', 'https://mcp.example.com/sse', '--header', `Authorization: Bearer ${HDR}`] },
      zapier: { url: `https://actions.zapier.com/mcp/${ZAP}/sse` },
      db: { command: 'node', args: ['db.js'], env: { DATABASE_URL: `postgres://svc:${DBPASS}@db.internal/app`, NODE_ENV: 'production' } },
      oneliner: { command: `npx -y @gitlab/mcp --token ${CMD}` },
      refs: { command: 'npx', args: ['mcp-remote', 'https://x.example.com/mcp', '--header', 'Authorization: Bearer ${AUTH_TOKEN}'] },
    },
  };
  const r = ok([json('cursor-mcp.json', cfg)]);
  const inv = r.inventory;
  const S = (n: string) => `mcp:cursor-mcp.json:${n}`;

  it('none of them reaches the output', () => {
    const out = JSON.stringify({ nodes: inv.nodes, edges: inv.edges, warnings: inv.warnings, reports: r.reports });
    for (const s of [HDR, ZAP, DBPASS, CMD]) expect(out.includes(s), s.slice(0, 6)).toBe(false);
  });

  it('each becomes a credential of its server', () => {
    edge(inv, S('remote'), 'uses_credential', `cred:${fingerprint(HDR)}`);
    expect(node(inv, S('remote')).fields.launch).toBe(`npx mcp-remote https://mcp.example.com/sse --header Authorization: Bearer <redacted:${fingerprint(HDR)}>`);
    edge(inv, S('zapier'), 'uses_credential', `cred:${fingerprint(ZAP)}`);
    expect(node(inv, S('zapier')).fields.url).toBe(`https://actions.zapier.com/mcp/<redacted:${fingerprint(ZAP)}>/sse`);
    edge(inv, S('db'), 'uses_credential', `cred:${fingerprint(DBPASS)}`);
    edge(inv, S('oneliner'), 'uses_credential', `cred:${fingerprint(CMD)}`);
    expect(node(inv, S('oneliner')).fields).toMatchObject({ package: '@gitlab/mcp', launch: `npx -y @gitlab/mcp --token <redacted:${fingerprint(CMD)}>` });
    edge(inv, S('refs'), 'uses_credential', 'cred:env:AUTH_TOKEN');
    expect(node(inv, S('refs')).fields.launch).toContain('Bearer ${AUTH_TOKEN}');
  });
});

describe('mcp-scan --json report', () => {
  const KEY = `sk-ant-${'Ab3'.repeat(10)}`;
  const report = {
    '/Users/alice/Library/Application Support/Claude/claude_desktop_config.json': {
      path: '/Users/alice/Library/Application Support/Claude/claude_desktop_config.json',
      client: 'claude',
      servers: [
        {
          name: 'weather',
          server: { type: 'stdio', command: 'uvx', args: ['weather-mcp'], env: { ANTHROPIC_API_KEY: KEY } },
          signature: {
            prompts: [{ name: 'p' }],
            resources: [],
            tools: [
              { name: 'get_forecast', description: 'Get the forecast for a city' },
              { name: 'send_report', description: 'Email a weather report', annotations: { readOnlyHint: false } },
            ],
          },
        },
        { name: 'github', server: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github'] }, signature: { tools: [{ name: 'get_file_contents' }] }, error: null },
      ],
      issues: [{ code: 'W001', message: 'Tool description contains dangerous words', reference: [0, 1] }],
      labels: [
        [{}, { untrusted_content: 0.9, private_data: 0.1, is_public_sink: 0, destructive: 0 }, { untrusted_content: 0, private_data: 0, is_public_sink: 0.8, destructive: 0.2 }],
        [{ untrusted_content: 1, private_data: 1, is_public_sink: 0, destructive: 0 }],
      ],
    },
  };
  const r = ok([json('scan.json', report)]);
  const inv = r.inventory;
  const path = '/Users/alice/Library/Application Support/Claude/claude_desktop_config.json';

  it('is recognised and maps the scanned client, servers and tools with label caps', () => {
    expect(r.reports[0]!.format).toBe('mcp-scan');
    const agent = node(inv, `agent:claude-desktop:${path}`);
    edge(inv, agent.id, 'connects_to', `mcp:${path}:weather`);
    expect(node(inv, `tool:mcp:${path}:weather:get_forecast`).fields).toMatchObject({ caps: ['untrusted_content'], capsSource: 'mcp-scan-labels' });
    expect(node(inv, `tool:mcp:${path}:weather:send_report`).fields.caps).toEqual(['external_send']);
    // the real tool list replaces the catalog's
    expect(inv.nodes.filter((n) => n.kind === 'tool' && n.id.includes(':github:')).map((n) => n.name)).toEqual(['get_file_contents']);
    expect(node(inv, `tool:mcp:${path}:github:get_file_contents`).fields.caps).toEqual(['untrusted_content', 'private_data']);
    // an issue on entity 1 (after one prompt: the first tool) is a finding of that tool
    expect(node(inv, `tool:mcp:${path}:weather:get_forecast`).fields.findings).toEqual([expect.objectContaining({ source: 'mcp-scan', code: 'W001', entity: 'get_forecast' })]);
  });

  it('keeps secrets out', () => {
    edge(inv, `mcp:${path}:weather`, 'uses_credential', `cred:${fingerprint(KEY)}`);
    expect(JSON.stringify(r)).not.toContain(KEY);
  });
});

describe('the last-line leak check', () => {
  it('a short secret that also occurs in a package name does not block the import', () => {
    const r = ok([json('pg.json', { mcpServers: { db: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-postgres'], env: { PGPASSWORD: 'postgres' } } } })]);
    expect(node(r.inventory, 'mcp:pg.json:db').fields.package).toBe('@modelcontextprotocol/server-postgres');
    expect(r.inventory.nodes.filter((n) => n.kind === 'credential')).toHaveLength(1);
  });

  it('a secret that equals some other text is cut out of that text too, consistently', () => {
    const r = ok([json('odd.json', { mcpServers: { 'team-internal-gateway': { url: 'https://gw.example.com/mcp', headers: { 'X-Api-Key': 'team-internal-gateway' } } } })]);
    // ids are never rewritten (they are how the graph joins up); every other field that holds the value is
    const { nodes, edges, warnings } = r.inventory;
    expect(JSON.stringify({ nodes: nodes.map((n) => ({ ...n.fields, id: undefined, provenance: undefined })), edges: edges.map((e) => ({ ...e.fields, source: undefined, target: undefined, provenance: undefined })), messages: warnings.map((w) => w.message) })).not.toContain('team-internal-gateway');
    const server = r.inventory.nodes.find((n) => n.kind === 'mcp_server')!;
    expect(server.id).toBe('mcp:odd.json:team-internal-gateway');
    edge(r.inventory, 'agent:mcp-client:odd.json', 'connects_to', server.id);
    expect(r.reports[0]!.warnings.some((w) => /redacted/.test(w.message))).toBe(true);
  });
});

describe('JSON with comments', () => {
  it('reads a VS Code mcp.json with comments and trailing commas; // inside strings survives', () => {
    const text = `{
  // Servers for this workspace
  "servers": {
    /* the docs server */
    "docs": { "type": "http", "url": "https://docs.example.com/mcp", },
    "fetch": { "command": "uvx", "args": ["mcp-server-fetch", "--base=http://x//y"], },
  },
}`;
    const inv = ok([{ file: '.vscode/mcp.json', text }]).inventory;
    expect(node(inv, 'mcp:.vscode/mcp.json:docs').fields.url).toBe('https://docs.example.com/mcp');
    expect(node(inv, 'mcp:.vscode/mcp.json:fetch').fields.launch).toBe('uvx mcp-server-fetch --base=http://x//y');
  });

  it('still reports broken JSON at its place', () => {
    expect(failed([{ file: 'x.json', text: '{\n  // c\n  "a": [1 2]\n}' }])[0]!.message).toMatch(/line 3/);
  });
});

describe('Zed context_servers', () => {
  it('reads the command object form', () => {
    const inv = ok([json('settings.json', { theme: 'One Dark', context_servers: { 'mcp-server-github': { command: { path: 'npx', args: ['-y', '@modelcontextprotocol/server-github'], env: { GITHUB_PERSONAL_ACCESS_TOKEN: '${GITHUB_TOKEN}' } }, settings: {} } } })]).inventory;
    expect(node(inv, 'agent:zed:settings.json').name).toBe('Zed (settings.json)');
    const s = node(inv, 'mcp:settings.json:mcp-server-github');
    expect(s.fields).toMatchObject({ package: '@modelcontextprotocol/server-github', catalog: 'github' });
    edge(inv, s.id, 'uses_credential', 'cred:env:GITHUB_TOKEN');
  });
});

describe('mcp-scan test shapes', () => {
  it('"uv run python" commands split into launcher and arguments; an app path with spaces stays whole', () => {
    const inv = ok([
      json('.test-client/mcp.json', {
        mcpServers: {
          Weather: { command: 'uv run python', args: ['tests/mcp_servers/weather_server.py'] },
          App: { command: '/Applications/My App/bin/server', args: ['--port', '1'] },
        },
      }),
    ]).inventory;
    expect(node(inv, 'mcp:.test-client/mcp.json:Weather').fields.launch).toBe('uv run python tests/mcp_servers/weather_server.py');
    expect(node(inv, 'mcp:.test-client/mcp.json:App').fields.launch).toBe('/Applications/My App/bin/server --port 1');
  });

  it('a server signature (serverInfo + tools) is a server card', () => {
    const sig = { metadata: { protocolVersion: '2024-11-05', serverInfo: { name: 'Math', version: '1.7.1' } }, prompts: [], resources: [], tools: [{ name: 'add', description: 'Add two numbers.', inputSchema: {}, annotations: null }] };
    const r = ok([json('math_server_signature.json', sig)]);
    expect(r.reports[0]!.format).toBe('mcp-server-card');
    expect(node(r.inventory, 'mcp-card:Math').fields).toMatchObject({ version: '1.7.1', protocolVersion: '2024-11-05' });
    edge(r.inventory, 'mcp-card:Math', 'provides', 'tool:mcp-card:Math:add');
  });

  it('a JSON file that is not an MCP config is refused by name', () => {
    expect(failed([json('.test-client-invalid/mcp.json', { 'is-this-even-an-mcp-config': { 'what-is-this': 'I have no clue' } })])[0]!.message).toMatch(/not a format Pathlight can import/);
  });
});

describe('empty configs', () => {
  it('VS Code settings with an empty mcp section import as a client with no servers, with a warning', () => {
    const r = ok([json('settings.json', { 'editor.fontSize': 13, mcp: {} })]);
    expect(r.reports[0]).toMatchObject({ format: 'mcp-config', nodes: 2, edges: 0 });
    expect(r.reports[0]!.warnings[0]!.message).toBe('no MCP servers are configured in this file');
  });
});
