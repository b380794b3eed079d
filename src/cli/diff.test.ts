import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { cli, tempFiles } from './test-cli.ts';

const { dir, file } = tempFiles('diff');

const doc = (nodes: unknown[], edges: unknown[]) => ({ format: 'pathlight-inventory', version: 1, nodes, edges });

const nodes = [
  { id: 'agent:bot', kind: 'ai_agent', name: 'Support bot', exposure: 'public' },
  { id: 'nhi:role', kind: 'nhi', name: 'Bot role' },
  { id: 'vs:kb', kind: 'vector_store', name: 'KB' },
  { id: 'ds:wiki', kind: 'data_store', name: 'Wiki', sensitivity: 'internal' },
  { id: 'ds:payroll', kind: 'data_store', name: 'Payroll DB', sensitivity: 'confidential' },
  { id: 'ds:old', kind: 'data_store', name: 'Old share' },
];
const edges = [
  { source: 'agent:bot', target: 'nhi:role', kind: 'runs_as' },
  { source: 'agent:bot', target: 'vs:kb', kind: 'retrieves' },
  { source: 'vs:kb', target: 'ds:wiki', kind: 'indexes' },
  { source: 'nhi:role', target: 'ds:old', kind: 'reads' },
];
const OLD = file('old.json', doc(nodes, edges));
const nextNodes = nodes
  .filter((n) => n.id !== 'ds:old')
  .map((n) => (n.id === 'ds:wiki' ? { ...n, sensitivity: 'confidential', owner: 'it' } : n))
  .concat([{ id: 'tool:mailer', kind: 'tool', name: 'Mailer' }]);
const nextEdges = edges
  .filter((e) => e.target !== 'ds:old')
  .concat([{ source: 'nhi:role', target: 'ds:payroll', kind: 'has_permission', actions: ['read'] } as (typeof edges)[number]]);
const NEW = file('new.json', doc(nextNodes, nextEdges));

describe('pathlight diff', () => {
  it('prints the JSON shape of docs/live-api.md', async () => {
    const { code, stdout, stderr } = await cli('diff', OLD, NEW, '--format', 'json');
    expect(stderr).toBe('');
    expect(code).toBe(0);
    const out = JSON.parse(stdout);
    expect(out.empty).toBe(false);
    expect(out.nodes).toEqual({
      added: ['tool:mailer'],
      removed: ['ds:old'],
      changed: [
        {
          id: 'ds:wiki',
          fields: [
            { field: 'owner', new: 'it' },
            { field: 'sensitivity', old: 'internal', new: 'confidential' },
          ],
        },
      ],
    });
    expect(out.edges).toEqual({ added: ['nhi:role|has_permission|ds:payroll'], removed: ['nhi:role|reads|ds:old'], changed: [] });
    expect(out.reach).toEqual([
      {
        node: 'agent:bot',
        name: 'Support bot',
        before: 4,
        after: 4,
        gained: ['ds:payroll'],
        lost: ['ds:old'],
        crownJewelsGained: ['ds:payroll', 'ds:wiki'],
        crownJewelsLost: [],
        crownJewelsBefore: 0,
        crownJewelsAfter: 2,
      },
    ]);
    // The public bot now retrieves a confidential wiki: a new finding.
    expect(out.findings.new).toContainEqual(expect.objectContaining({ rule: 'public-bot-confidential-retrieval', node: 'agent:bot', severity: expect.any(String), title: expect.any(String) }));
    expect(out.findings.resolved).toEqual([]);
    expect(out.summary.map((s: { text: string }) => s.text)).toContain('Support bot can now reach 2 crown jewels: Payroll DB and Wiki');
  });

  it('prints an aligned text report', async () => {
    const { code, stdout, stderr } = await cli('diff', OLD, NEW);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(stdout).toContain(`Pathlight diff: ${OLD} → ${NEW}`);
    expect(stdout).toContain('  nodes     1 added, 1 removed, 1 changed');
    expect(stdout).toContain('  • Support bot can now reach 2 crown jewels: Payroll DB and Wiki');
    expect(stdout).toContain('  • Added tool Mailer');
    const lines = stdout.split('\n');
    expect(lines).toContain('  +  tool        Mailer     tool:mailer');
    expect(lines).toContain('  ~  data_store  Wiki       ds:wiki      owner: (none) → it');
    expect(lines).toContain('                                         sensitivity: internal → confidential');
    expect(lines).toContain('  +  has_permission  Bot role → Payroll DB  nhi:role|has_permission|ds:payroll');
    expect(lines).toContain('  Support bot  agent:bot       4      4       1     1  Payroll DB, Wiki  0');
    expect(lines).toContain('  new  high      R05   agent:bot  Support bot is publicly reachable and retrieves Wiki without per-user permission trimming');
    expect(lines).toContain('  • Support bot can no longer reach Old share (4 → 4)');
  });

  it('says so when nothing changed; --exit-code exits 1 only on differences', async () => {
    const same = file('same.json', doc([...nodes].reverse(), [...edges].reverse()));
    const a = await cli('diff', OLD, same);
    expect(a).toEqual({ code: 0, stderr: '', stdout: expect.stringContaining('No differences.') });
    expect((await cli('diff', OLD, same, '--exit-code')).code).toBe(0);
    expect((await cli('diff', OLD, NEW, '--exit-code')).code).toBe(1);
    const json = JSON.parse((await cli('diff', OLD, same, '--format', 'json')).stdout);
    expect(json).toMatchObject({ empty: true, reach: [], summary: [], nodes: { added: [], removed: [], changed: [] } });
  });

  it('exits 2 with one clear line on bad usage or bad input', async () => {
    const cases: [string[], RegExp][] = [
      [['diff', OLD], /^pathlight: diff needs exactly two files, OLD and NEW \(got 1\)/],
      [['diff', OLD, NEW, NEW], /^pathlight: diff needs exactly two files/],
      [['diff', OLD, NEW, '--format', 'xml'], /^pathlight: --format must be one of text, json/],
      [['diff', OLD, NEW, '--from', 'x'], /^pathlight: unknown option --from/],
      [['diff', OLD, join(dir, 'missing.json')], /missing\.json: cannot read: no such file/],
      [['diff', file('bad.json', '{"format": "pathlight-inventory", '), NEW], /bad\.json/],
      [['diff', OLD, file('notinv.json', { nodes: 1 })], /notinv\.json/],
    ];
    for (const [argv, message] of cases) {
      const { code, stdout, stderr } = await cli(...argv);
      expect(code, argv.join(' ')).toBe(2);
      expect(stdout).toBe('');
      expect(stderr).toMatch(message);
      expect(stderr.trimEnd().split('\n'), argv.join(' ')).toHaveLength(1);
    }
  });

  it('shows its help, and the main help lists it', async () => {
    const help = await cli('diff', '--help');
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('pathlight diff OLD NEW');
    expect((await cli('--help')).stdout).toContain('pathlight diff OLD NEW');
  });

  it('keeps control characters in names out of the terminal', async () => {
    const evil = file('evil.json', doc([...nodes, { id: 'x\u001b[2J', kind: 'data_store', name: 'Evil\u001b]0;pwn\u0007' }], edges));
    const { stdout } = await cli('diff', OLD, evil);
    expect(stdout).toContain('Evil?]0;pwn?');
    expect([...stdout].filter((c) => c !== '\n' && c.charCodeAt(0) < 0x20)).toEqual([]);
  });
});
