import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { layoutForce, loadInventoryOffThread } from './analysis-client.ts';
import type { LoadProgress } from './analysis-protocol.ts';

const estate = readFileSync(new URL('../../e2e/fixtures/small-estate.json', import.meta.url), 'utf8');

describe('loadInventoryOffThread (main-thread fallback: no Worker in this environment)', () => {
  it('reads, validates, builds and summarises an inventory, reporting its stages', async () => {
    const stages: LoadProgress['stage'][] = [];
    const result = await loadInventoryOffThread({ kind: 'texts', texts: [{ file: 'small-estate.json', text: estate }] }, (p) => {
      if (!stages.includes(p.stage)) stages.push(p.stage);
    });
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(result.ranInWorker).toBe(false);
    expect(result.inventory.nodes).toHaveLength(20);
    expect(result.summaries.find((s) => s.node === 'agent:support')?.reached).toBe(7);
    expect(stages).toEqual(['parsing', 'building', 'analysing']);
  });

  it('merges several files and labels the result with their names', async () => {
    const other = JSON.stringify({ format: 'pathlight-inventory', version: 1, nodes: [{ id: 'x:1', kind: 'human' }], edges: [] });
    const result = await loadInventoryOffThread(
      { kind: 'files', files: [new File([estate], 'a.json'), new File([other], 'b.json')] },
      () => {},
    );
    expect(result.label).toBe('a.json + b.json');
    expect(result.ok && result.inventory.nodes.length).toBe(21);
  });

  it('returns located problems for a broken file instead of throwing', async () => {
    const result = await loadInventoryOffThread({ kind: 'texts', texts: [{ file: 'bad.json', text: '{"format": "pathlight-inventory",' }] }, () => {});
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.problems[0]).toMatchObject({ severity: 'error', file: 'bad.json', code: 'INVALID_JSON' });
  });

  it('turns an unreachable source URL into a LOAD_FAILED problem', async () => {
    const result = await loadInventoryOffThread({ kind: 'url', url: 'http://127.0.0.1:9/nothing.json' }, () => {});
    expect(result.ok ? null : result.problems[0]!.code).toBe('LOAD_FAILED');
  });
});

describe('layoutForce', () => {
  it('places every node, and the same drawing twice gets the same picture', async () => {
    const input = {
      nodes: ['a', 'b', 'c', 'd'].map((id) => ({ id, size: 32 })),
      edges: [
        { source: 'a', target: 'b' },
        { source: 'b', target: 'c' },
        { source: 'c', target: 'd' },
      ],
    };
    const first = await layoutForce(input);
    const second = await layoutForce(input);
    expect(Object.keys(first).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(second).toEqual(first);
    expect(first.a).not.toEqual(first.d);
  });
});
