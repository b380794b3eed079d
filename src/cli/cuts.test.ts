import { fileURLToPath } from 'node:url';

import { describe, expect, it } from 'vitest';

import { classicConfig } from '../import/test/classic-config.ts';

import { cli, tempFiles } from './test-cli.ts';

const SAMPLE = fileURLToPath(new URL('../../public/samples/sample-inventory.json', import.meta.url));
const { file } = tempFiles('cuts');

type JsonFinding = { rule: string; node: string; cut?: { edges: string[]; verified?: boolean }; noCut?: { change: string } };

async function findings(...argv: string[]): Promise<JsonFinding[]> {
  const { code, stdout, stderr } = await cli('analyze', ...argv, '--format', 'json');
  expect(stderr).toBe('');
  expect(code).toBe(0);
  return (JSON.parse(stdout) as { findings: JsonFinding[] }).findings;
}

describe('pathlight analyze --cut', () => {
  it('every finding of the sample disappears under --cut of its own cut.edges', async () => {
    const before = await findings(SAMPLE);
    expect(before.length).toBeGreaterThan(20);
    for (const f of before) {
      if (!f.cut) {
        expect(f.noCut!.change.length).toBeGreaterThan(0);
        continue;
      }
      const after = await findings(SAMPLE, ...f.cut.edges.flatMap((e) => ['--cut', e]));
      expect(after.some((g) => g.rule === f.rule && g.node === f.node), `${f.rule}@${f.node}`).toBe(false);
      expect(after.length).toBeLessThan(before.length);
    }
  }, 300_000);

  it('the classic Claude Desktop config: the trifecta goes under its cut; node:ID removes a node', async () => {
    const input = classicConfig();
    const path = file('claude_desktop_config.json', input.text);
    const before = await findings(path);
    const tri = before.find((f) => f.rule === 'lethal-trifecta')!;
    const after = await findings(path, ...tri.cut!.edges.flatMap((e) => ['--cut', e]));
    expect(after.some((f) => f.rule === 'lethal-trifecta')).toBe(false);
    // removing the fetch server (every edge of it) also ends the trifecta: no untrusted input left
    const fetchServer = `mcp:${path}:fetch`;
    const noFetch = await findings(path, '--cut', `node:${fetchServer}`);
    expect(noFetch.some((f) => f.rule === 'lethal-trifecta')).toBe(false);
  }, 120_000);

  it('an id that names neither an edge nor a node is a usage error naming it', async () => {
    const { code, stderr } = await cli('analyze', SAMPLE, '--cut', 'no-such-edge');
    expect(code).toBe(2);
    expect(stderr).toContain('--cut "no-such-edge": no edge with this id');
    const bad = await cli('analyze', SAMPLE, '--cut', 'node:nope');
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain('no node "nope"');
  });
});
