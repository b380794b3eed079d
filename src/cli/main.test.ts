import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { cli, tempFiles } from './test-cli.ts';

const { dir, file } = tempFiles('cli');

const inventory = {
  format: 'pathlight-inventory',
  version: 1,
  nodes: [
    { id: 'agent:bot', kind: 'ai_agent', name: 'Support bot' },
    { id: 'vs:kb', kind: 'vector_store', name: 'KB' },
    { id: 'ds:notes', kind: 'data_store', name: 'Case notes', sensitivity: 'confidential' },
    { id: 'nhi:role', kind: 'nhi' },
  ],
  edges: [
    { source: 'agent:bot', target: 'vs:kb', kind: 'retrieves' },
    { source: 'vs:kb', target: 'ds:notes', kind: 'indexes' },
    { source: 'vs:kb', target: 'ds:gone', kind: 'indexes' },
    { id: 'run', source: 'agent:bot', target: 'nhi:role', kind: 'runs_as' },
  ],
};

describe('pathlight analyze', () => {
  it('prints the JSON contract with reach, warnings and summary', async () => {
    const { code, stdout, stderr } = await cli('analyze', file('inv.json', inventory), '--from', 'agent:bot', '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.inventory).toMatchObject({ nodes: 4, edges: 3 });
    expect(out.inventory.warnings).toEqual([
      expect.objectContaining({ code: 'MISSING_ENDPOINT', at: 'edges[2].target', message: 'no node "ds:gone"; this edge is left out' }),
    ]);
    expect(out.reach.source).toBe('agent:bot');
    expect(out.reach.reached).toEqual([
      { id: 'vs:kb', hops: 1, access: 'read', path: ['agent:bot|retrieves|vs:kb'] },
      { id: 'nhi:role', hops: 1, access: 'control', path: ['run'] },
      { id: 'ds:notes', hops: 2, access: 'read', path: ['agent:bot|retrieves|vs:kb', 'vs:kb|indexes|ds:notes'] },
    ]);
    expect(out.findings).toEqual([]);
    expect(out.summary).toEqual([expect.objectContaining({ node: 'agent:bot', reached: 3, crownJewels: 1 })]);
  });

  it('omits reach without --from and honours --max-hops', async () => {
    const path = file('inv2.json', inventory);
    expect(JSON.parse((await cli('analyze', path, '--format', 'json')).stdout)).not.toHaveProperty('reach');
    const bounded = JSON.parse((await cli('analyze', path, '--from=agent:bot', '--max-hops=1', '--format=json')).stdout);
    expect(bounded.reach.reached.map((r: { id: string }) => r.id)).toEqual(['vs:kb', 'nhi:role']);
  });

  it('prints an aligned text report by default', async () => {
    const { code, stdout } = await cli('analyze', file('inv3.json', inventory), '--from', 'agent:bot');
    expect(code).toBe(0);
    expect(stdout).toContain('Blast radius of Support bot (agent:bot): 3 reachable');
    expect(stdout).toMatch(/^\s+2\s+read\s+Data store\s+Case notes\s+ds:notes$/m);
  });

  it('exits 2 with one line naming the file and place for unreadable input', async () => {
    const broken = file('broken.json', { ...inventory, nodes: [{ kind: 'human' }] });
    const r = await cli('analyze', broken);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr).toBe(`pathlight: ${broken}: nodes[0].id: required\n`);

    const notJson = await cli('analyze', file('garbage.json', '{"format": "pathlight-inventory", nodes: }'));
    expect(notJson.code).toBe(2);
    expect(notJson.stderr).toMatch(/garbage\.json: not valid JSON at line 1, column 35/);
    expect(notJson.stderr.trim().split('\n')).toHaveLength(1);

    const missing = await cli('analyze', join(dir, 'missing.json'));
    expect(missing).toMatchObject({ code: 2, stderr: `pathlight: ${join(dir, 'missing.json')}: cannot read: no such file\n` });
  });

  it('exits 2 on bad usage', async () => {
    const path = file('inv4.json', inventory);
    for (const argv of [
      ['analyze'],
      ['analyze', path, '--format', 'xml'],
      ['analyze', path, '--max-hops', '-1'],
      ['analyze', path, '--fail-on', 'severe'],
      ['analyze', path, '--from'],
      ['analyze', path, '--bogus'],
      ['analyze', path, '--evidence', 'some'],
      ['frobnicate'],
    ]) {
      const r = await cli(...argv);
      expect(r.code, argv.join(' ')).toBe(2);
      expect(r.stderr, argv.join(' ')).toMatch(/^pathlight: .+\n$/);
    }
    const unknown = await cli('analyze', path, '--from', 'nope');
    expect(unknown.stderr).toBe(`pathlight: --from "nope": no node with this id in ${path}\n`);
  });

  it('exits 1 when a finding meets --fail-on, 0 when none does', async () => {
    const sample = join(process.cwd(), 'public/samples/sample-inventory.json');
    const report = JSON.parse((await cli('analyze', sample, '--format', 'json')).stdout);
    expect(report.findings.length).toBeGreaterThan(0);
    expect(report.findings[0]).toEqual(
      expect.objectContaining({ rule: expect.any(String), severity: 'critical', node: expect.any(String), title: expect.any(String) }),
    );
    expect(report.findings[0].evidence.nodes.length).toBeGreaterThan(0);
    const failing = await cli('analyze', sample, '--fail-on', 'critical', '--format', 'json');
    expect(failing.code).toBe(1);
    expect(JSON.parse(failing.stdout).findings.length).toBe(report.findings.length);
    const clean = await cli('analyze', file('clean.json', inventory), '--fail-on', 'low');
    expect(clean.code).toBe(0);
  });

  it('accepts --mode worst-case and never finds less than strict', async () => {
    const sample = join(process.cwd(), 'public/samples/sample-inventory.json');
    const strict = JSON.parse((await cli('analyze', sample, '--format', 'json')).stdout);
    const worst = await cli('analyze', sample, '--format', 'json', '--mode', 'worst-case');
    expect(worst.code).toBe(0);
    expect(JSON.parse(worst.stdout).findings.length).toBeGreaterThanOrEqual(strict.findings.length);
  });

  it('states the evidence level: full by default on a small estate, --evidence summary or none on request', async () => {
    const sample = join(process.cwd(), 'public/samples/sample-inventory.json');
    const full = JSON.parse((await cli('analyze', sample, '--format', 'json')).stdout);
    expect(full.report).toEqual({ version: 2, evidence: 'full' });
    const leg = full.findings[0].legs[0];
    expect(leg.paths.length).toBeGreaterThan(0);
    expect(full.paths[leg.paths[0]]).toMatchObject({ nodes: expect.any(Array), edges: expect.any(Array) });
    const summary = JSON.parse((await cli('analyze', sample, '--format', 'json', '--evidence', 'summary')).stdout);
    expect(summary.report.evidence).toBe('summary');
    expect(summary.findings.map((f: { rule: string; node: string; cut?: unknown }) => [f.rule, f.node, f.cut])).toEqual(
      full.findings.map((f: { rule: string; node: string; cut?: unknown }) => [f.rule, f.node, f.cut]),
    );
    expect(summary.paths.length).toBeLessThan(full.paths.length);
    const none = JSON.parse((await cli('analyze', sample, '--format', 'json', '--evidence=none')).stdout);
    expect(none.report.evidence).toBe('none');
    expect(none.paths).toEqual([]);
    expect(none.findings[0]).not.toHaveProperty('evidence');
  });

  it('reports progress only through io.progress, and clears it at the end', async () => {
    const lines: string[] = [];
    let stderr = '';
    const { run } = await import('./main.ts');
    const code = await run(['analyze', join(process.cwd(), 'public/samples/sample-inventory.json'), '--format', 'json'], {
      stdout: () => undefined,
      stderr: (t) => (stderr += t),
      progress: (line) => lines.push(line),
    });
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(lines).toContain('pathlight: rules 19/19: R19 vulnerable-ai-component-with-secrets done, 27 findings');
    expect(lines.at(-1)).toBe('');
  });

  it('prints help with --help and exits 0', async () => {
    const r = await cli('--help');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('pathlight analyze FILE...');
  });

  it('merges several files', async () => {
    const a = file('a.json', { format: 'pathlight-inventory', version: 1, nodes: [{ id: 'x', kind: 'human' }], edges: [] });
    const b = file('b.json', { format: 'pathlight-inventory', version: 1, nodes: [{ id: 'y', kind: 'nhi' }], edges: [{ source: 'x', target: 'y', kind: 'can_assume' }] });
    const out = JSON.parse((await cli('analyze', a, b, '--from', 'x', '--format', 'json')).stdout);
    expect(out.reach.reached).toEqual([{ id: 'y', hops: 1, access: 'control', path: ['x|can_assume|y'] }]);
  });

  it('keeps control characters in names out of the terminal', async () => {
    const evil = { ...inventory, nodes: [...inventory.nodes.slice(0, 3), { id: 'nhi:role', kind: 'nhi', name: 'evil\u001b[2Jname' }] };
    const { stdout } = await cli('analyze', file('evil.json', evil), '--from', 'agent:bot');
    expect(stdout).toContain('evil?[2Jname');
    expect(stdout).not.toContain('\u001b');
  });
});
