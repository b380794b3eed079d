import { describe, expect, it } from 'vitest';

import { TomlError, parseToml } from './toml.ts';
import { edge, failed, node, ok } from './test/helpers.ts';
import { fingerprint } from './util.ts';

describe('TOML reader', () => {
  it('reads tables, dotted keys, strings, arrays and inline tables', () => {
    const t = parseToml(`# top
title = "x" # trailing
n = 1_000
f = 1.5
ok = true
when = 2024-01-02T03:04:05Z
[a."b.c"]
list = [ "one", 'two',
  3, ]
inline = { k = "v", nested.deep = 1 }
[[servers]]
name = "s1"
[[servers]]
name = "s2"
multi = """
line1
line2"""
lit = '''C:\\path'''
`);
    expect(t).toMatchObject({ title: 'x', n: 1000, f: 1.5, ok: true, when: '2024-01-02T03:04:05Z' });
    expect((t.a as Record<string, Record<string, unknown>>)['b.c']).toMatchObject({ list: ['one', 'two', 3], inline: { k: 'v', nested: { deep: 1 } } });
    expect(t.servers).toMatchObject([{ name: 's1' }, { name: 's2', multi: 'line1\nline2', lit: 'C:\\path' }]);
  });

  it('reports the line of an error', () => {
    expect(() => parseToml('a = 1\nb = \n')).toThrow(TomlError);
    expect(() => parseToml('a = 1\na = 2\n')).toThrow(/line 2: duplicate key a/);
  });
});

describe('Codex CLI config.toml', () => {
  const TOKEN = `sk-${'Pq4'.repeat(12)}`;
  const text = `approval_policy = "never"
sandbox_mode = "danger-full-access"

[mcp_servers.private-api]
command = "uvx"
args = ["srv"]
env = { API_TOKEN = "${TOKEN}" }

[mcp_servers.memos]
url = "https://memos.example.com/mcp"
bearer_token_env_var = "MEMOS_MCP_PAT"
enabled_tools = ["memo_list_memos"]
`;
  const r = ok([{ file: '.codex/config.toml', text }]);
  const inv = r.inventory;

  it('is an MCP client config of Codex, with autonomy and sandbox', () => {
    expect(r.reports[0]!.format).toBe('mcp-config');
    const agent = node(inv, 'agent:codex:.codex/config.toml');
    expect(agent.fields).toMatchObject({ autonomy: 'auto', sandbox: 'none' });
    edge(inv, agent.id, 'connects_to', 'mcp:.codex/config.toml:private-api');
  });

  it('plaintext env secret, bearer env reference, tool allow-list', () => {
    edge(inv, 'mcp:.codex/config.toml:private-api', 'uses_credential', `cred:${fingerprint(TOKEN)}`);
    expect(JSON.stringify(r)).not.toContain(TOKEN);
    edge(inv, 'mcp:.codex/config.toml:memos', 'uses_credential', 'cred:env:MEMOS_MCP_PAT');
    expect(node(inv, 'mcp:.codex/config.toml:memos').fields).toMatchObject({ auth: 'static_header', transport: 'http' });
    expect(node(inv, 'tool:mcp:.codex/config.toml:memos:memo_list_memos').kind).toBe('tool');
  });

  it('broken TOML is a located error', () => {
    expect(failed([{ file: 'config.toml', text: '[mcp_servers.x]\ncommand = \n' }])[0]!.message).toMatch(/not valid TOML: line 2/);
  });
});
