import { describe, expect, it } from 'vitest';

import { buildGraph } from '../graph/build-graph.ts';
import { evaluateRules } from '../graph/rules/registry.ts';
import type { InventoryNode } from '../model/types.ts';

import { classifyPath, parseConnectionString } from './infer.ts';
import { classicConfig } from './test/classic-config.ts';
import { json, node, ok } from './test/helpers.ts';

const inferred = (n: InventoryNode) => (n.fields.inferred ?? []) as { field: string; value: unknown; confidence: string; because: string; source?: string }[];

describe('the classic Claude Desktop config', () => {
  const r = ok([classicConfig()]);
  const inv = r.inventory;
  const graph = buildGraph(inv);
  const findings = evaluateRules({ graph, mode: 'strict' });
  const agent = inv.nodes.find((n) => n.kind === 'ai_agent')!;

  it('marks ~/.ssh restricted and a crown jewel, ~/Documents confidential, with evidence', () => {
    const ssh = node(inv, 'path:/Users/alice/.ssh');
    expect(ssh.fields).toMatchObject({ sensitivity: 'restricted', critical: true, containsSecrets: true });
    const f = inferred(ssh).find((x) => x.field === 'sensitivity')!;
    expect(f).toMatchObject({ confidence: 'inferred-high', value: 'restricted' });
    expect(f.because).toMatch(/SSH private keys/);
    expect(f.source).toMatch(/^claude_desktop_config\.json#\/mcpServers\/filesystem\/args\/3$/);
    expect(node(inv, 'path:/Users/alice/Documents').fields.sensitivity).toBe('confidential');
  });

  it('derives the customers database from the connection string, with the postgres tools reading it', () => {
    const db = inv.nodes.find((n) => n.fields.storeType === 'database')!;
    expect(db.fields).toMatchObject({ sensitivity: 'confidential', database: 'customers', engine: 'PostgreSQL', dataClasses: ['PII'] });
    expect(inv.edges.some((e) => e.kind === 'reads' && e.target === db.id && e.source.endsWith(':postgres:query'))).toBe(true);
  });

  it('marks GitHub and Slack confidential because a real token reads them', () => {
    const gh = node(inv, 'saas:github');
    expect(gh.fields.sensitivity).toBe('confidential');
    expect(inferred(gh)[0]!.because).toMatch(/GITHUB_PERSONAL_ACCESS_TOKEN.*private repositories/);
    expect(node(inv, 'saas:slack').fields.sensitivity).toBe('confidential');
  });

  it('gives a critical lethal trifecta on the client agent, each leg with evidence and the inferred facts named', () => {
    const tri = findings.find((f) => f.rule === 'lethal-trifecta' && f.node === agent.id)!;
    expect(tri.severity).toBe('critical');
    const legs = new Map(tri.legs!.map((l) => [l.role, l]));
    expect(legs.get('untrusted')!.nodes).toContain('external:internet');
    expect(legs.get('private')!.nodes).toContain('path:/Users/alice/.ssh');
    expect(legs.get('sink')!.witnesses.length).toBeGreaterThan(0);
    const ssh = tri.inferred!.find((x) => x.node === 'path:/Users/alice/.ssh' && x.field === 'sensitivity')!;
    expect(ssh).toMatchObject({ confidence: 'inferred-high', value: 'restricted' });
    expect(ssh.legs).toContain(legs.get('private')!.name);
  });

  it('never keeps the token values', () => {
    const text = JSON.stringify(inv);
    expect(text).not.toMatch(/ghp_Zq3x|xoxb-2048/);
  });
});

describe('classifyPath', () => {
  it.each([
    ['~/.ssh', 'restricted', 'inferred-high'],
    ['/home/bob/.aws', 'restricted', 'inferred-high'],
    ['C:\\Users\\bob\\.gnupg', 'restricted', 'inferred-high'],
    ['~/.kube/config', 'restricted', 'inferred-high'],
    ['/home/bob', 'restricted', 'inferred-high'],
    ['/', 'restricted', 'inferred-high'],
    ['/etc', 'confidential', 'inferred-high'],
    ['/Users/bob/Desktop', 'confidential', 'inferred-high'],
    ['/Users/bob/src/app', 'confidential', 'inferred-low'],
  ])('%s → %s (%s)', (p, sensitivity, confidence) => {
    expect(classifyPath(p)).toMatchObject({ sensitivity, confidence });
  });
  it('says nothing about a scratch folder', () => {
    expect(classifyPath('/tmp/scratch')).toBeUndefined();
  });
});

describe('parseConnectionString', () => {
  it('drops user info and query, keeps engine, host and database', () => {
    expect(parseConnectionString('postgresql://app:<redacted:sha256:abc>@db.internal:5432/billing?sslmode=require')).toEqual({ engine: 'PostgreSQL', host: 'db.internal', database: 'billing', key: 'postgresql://db.internal:5432/billing' });
    expect(parseConnectionString('mongodb+srv://u:p@cluster0.example.net/users')).toMatchObject({ engine: 'MongoDB', database: 'users' });
    expect(parseConnectionString('https://example.com/x')).toBeUndefined();
  });
});

describe('inference never overrides what the export states, and low confidence waits for worst-case mode', () => {
  it('a stated sensitivity stays; a code folder is confidential only in worst-case mode', () => {
    const r = ok([
      json('mcp.json', { mcpServers: { filesystem: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-filesystem', '/Users/bob/src/app'] }, fetch: { command: 'uvx', args: ['mcp-server-fetch'] } } }),
    ]);
    const code = node(r.inventory, 'path:/Users/bob/src/app');
    expect(code.fields.sensitivity).toBeUndefined();
    expect(inferred(code)[0]).toMatchObject({ confidence: 'inferred-low', value: 'confidential' });
    const graph = buildGraph(r.inventory);
    expect(evaluateRules({ graph, mode: 'strict' }).some((f) => f.rule === 'lethal-trifecta')).toBe(false);
    const worst = evaluateRules({ graph, mode: 'worst-case' }).find((f) => f.rule === 'lethal-trifecta')!;
    expect(worst.assumed!.some((a) => /inferred with low confidence: \/Users\/bob\/src\/app looks like source code/.test(a))).toBe(true);
  });

  it('flags a read-only annotation on a tool that writes', () => {
    const r = ok([
      json('mcp.json', {
        mcpServers: { notes: { command: 'node', args: ['notes.js'], tools: [{ name: 'delete_note', description: 'Deletes a note', annotations: { readOnlyHint: true, destructiveHint: false } }] } },
      }),
    ]);
    const tool = r.inventory.nodes.find((n) => n.kind === 'tool' && n.name === 'delete_note')!;
    expect(tool.fields.annotationContradictions).toEqual(expect.arrayContaining([expect.stringMatching(/readOnlyHint is true/), expect.stringMatching(/destructiveHint is false/)]));
    expect(inferred(tool).find((f) => f.field === 'readOnly')).toMatchObject({ confidence: 'inferred-low', value: true });
    expect(r.reports[0]!.warnings.some((w) => /annotations contradict/.test(w.message) && w.at.startsWith('/mcpServers/notes/tools/0'))).toBe(true);
  });
});
