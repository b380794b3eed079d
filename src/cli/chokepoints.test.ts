import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { cli, tempFiles } from './test-cli.ts';

const { dir, file } = tempFiles('chokepoints');

const doc = (nodes: unknown[], edges: unknown[]) => ({ format: 'pathlight-inventory', version: 1, nodes, edges });

// Two agents share one role; the role alone reads payroll; agent b also reaches the wiki two ways.
const INVENTORY = file(
  'inv.json',
  doc(
    [
      { id: 'agent:a', kind: 'ai_agent', name: 'Support bot' },
      { id: 'agent:b', kind: 'ai_agent', name: 'Ops bot\u001b[31m' },
      { id: 'nhi:role', kind: 'nhi', name: 'Shared role' },
      { id: 'nhi:b2', kind: 'nhi', name: 'Ops role' },
      { id: 'ds:payroll', kind: 'data_store', name: 'Payroll DB', sensitivity: 'restricted' },
      { id: 'ds:wiki', kind: 'data_store', name: 'Wiki', critical: true },
    ],
    [
      { id: 'e1', source: 'agent:a', target: 'nhi:role', kind: 'runs_as' },
      { id: 'e2', source: 'agent:b', target: 'nhi:role', kind: 'runs_as' },
      { id: 'e3', source: 'nhi:role', target: 'ds:payroll', kind: 'has_permission', actions: ['read'] },
      { id: 'e4', source: 'agent:b', target: 'nhi:b2', kind: 'runs_as' },
      { id: 'e5', source: 'nhi:b2', target: 'ds:wiki', kind: 'reads' },
      { id: 'e6', source: 'nhi:role', target: 'ds:wiki', kind: 'writes' },
    ],
  ),
);

describe('pathlight chokepoints', () => {
  it('prints exactly the JSON contract, most pairs first, ties by edge id', async () => {
    const { code, stdout, stderr } = await cli('chokepoints', INVENTORY, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    // Pairs: (a, payroll), (a, wiki) via the role's write, (b, payroll), (b, wiki) two ways.
    expect(JSON.parse(stdout)).toEqual({
      chokepoints: [
        { edge: 'e3', source: 'nhi:role', target: 'ds:payroll', pairs: 2 },
        { edge: 'e1', source: 'agent:a', target: 'nhi:role', pairs: 2 },
        { edge: 'e2', source: 'agent:b', target: 'nhi:role', pairs: 1 },
        { edge: 'e6', source: 'nhi:role', target: 'ds:wiki', pairs: 1 },
      ].sort((p, q) => q.pairs - p.pairs || (p.edge < q.edge ? -1 : 1)),
    });
  });

  it('honours --limit', async () => {
    const { code, stdout } = await cli('chokepoints', INVENTORY, '--format=json', '--limit', '1');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).chokepoints).toEqual([{ edge: 'e1', source: 'agent:a', target: 'nhi:role', pairs: 2 }]);
  });

  it('prints an aligned text table with control characters neutralised', async () => {
    const { code, stdout } = await cli('chokepoints', INVENTORY);
    expect(code).toBe(0);
    const lines = stdout.split('\n');
    expect(lines[0]).toBe('Pathlight choke points: 4 edges disconnect (AI integration, crown jewel) pairs; 4 pairs connected');
    expect(stdout).not.toContain('\u001b');
    const header = lines.find((l) => l.includes('pairs') && l.includes('kind'))!;
    const rows = lines.slice(lines.indexOf(header) + 2).filter((l) => l.trim() !== '');
    expect(rows).toHaveLength(4);
    // Aligned: every row puts its edge id in the header's column.
    const col = header.indexOf('edge');
    for (const row of rows) expect(row.slice(col)).toMatch(/^e\d$/);
    expect(rows[0]).toMatch(/^\s+2\s+has_permission\s+Shared role\s+Payroll DB\s+e3$|^\s+2\s+runs_as/);
  });

  it('says so when nothing is reachable', async () => {
    const empty = file('empty.json', doc([{ id: 'agent:a', kind: 'ai_agent' }], []));
    expect(await cli('chokepoints', empty, '--format', 'json')).toEqual({ code: 0, stdout: '{\n  "chokepoints": []\n}\n', stderr: '' });
    expect((await cli('chokepoints', empty)).stdout).toContain('No AI integration reaches a crown jewel.');
  });

  it.each([
    [['chokepoints'], 'chokepoints needs at least one FILE'],
    [['chokepoints', INVENTORY, '--format', 'xml'], '--format must be one of text, json'],
    [['chokepoints', INVENTORY, '--limit', '0'], '--limit must be a whole number ≥ 1'],
    [['chokepoints', INVENTORY, '--limit', 'x'], '--limit must be a whole number ≥ 1'],
    [['chokepoints', INVENTORY, '--bogus'], 'unknown option --bogus'],
    [['chokepoints', join(dir, 'missing.json')], 'missing.json'],
    [['chokepoints', file('bad.json', '{ not json')], 'bad.json'],
  ])('exits 2 with one stderr line on bad input: %j', async (argv, message) => {
    const { code, stdout, stderr } = await cli(...argv);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain(message);
    expect(stderr.trimEnd().split('\n')).toHaveLength(1);
  });

  it('has help, and is listed in the main help', async () => {
    const { code, stdout } = await cli('chokepoints', '--help');
    expect(code).toBe(0);
    expect(stdout).toContain('pathlight chokepoints FILE... [--format json|text] [--limit N]');
    expect((await cli('--help')).stdout).toContain('pathlight chokepoints FILE...');
  });
});
