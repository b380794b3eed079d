import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseInventory } from '../../model/parse-inventory.ts';
import { buildGraph, toEdgeMask } from '../build-graph.ts';
import { graphFrom } from '../test-helpers.ts';

import { fuzzInventory } from './fuzz-inventory.ts';
import { RULES_BY_ID, evaluateRules } from './registry.ts';
import { trueCutViolations } from './true-cut-check.ts';

const NOW = Date.parse('2026-12-01T00:00:00Z');
const sampleText = readFileSync(new URL('../../../public/samples/sample-inventory.json', import.meta.url), 'utf8');

describe('every finding’s cut is a true cut', () => {
  const parsed = parseInventory({ file: 'sample-inventory.json', text: sampleText });
  if (!parsed.ok) throw new Error('sample does not parse');
  const graph = buildGraph(parsed.inventory);

  it.each(['strict', 'worst-case'] as const)('on the sample (%s): each cut and alternative removes its finding', (mode) => {
    const found = evaluateRules({ graph, mode, now: NOW, verifyCuts: true });
    expect(found.length).toBeGreaterThan(20);
    expect(trueCutViolations(graph, found, mode, undefined, NOW)).toEqual([]);
    // every finding offers a cut or says what to change
    expect(found.filter((f) => !f.cut && !f.noCut)).toEqual([]);
  }, 120_000);

  it('the four sample findings the issue names are removed by their own cut', () => {
    const found = evaluateRules({ graph, mode: 'strict', now: NOW, verifyCuts: true });
    for (const [rule, node] of [
      ['unbounded-ai-key', 'agent:www-ask-widget'],
      ['unbounded-ai-key', 'nhi:openai-project-www'],
      ['unauthenticated-remote-agent', 'mcp:eng-docs-search'],
      ['plaintext-secret-in-agent-config', 'agent:coding-agent'],
    ] as const) {
      const f = found.find((x) => x.rule === rule && x.node === node)!;
      expect(f.cut!.verified).toBe(true);
      const after = evaluateRules({ graph, mode: 'strict', now: NOW, disabledEdges: toEdgeMask(graph, f.cut!.edges).mask }, [RULES_BY_ID.get(rule)!]);
      expect(after.some((x) => x.node === node)).toBe(false);
    }
  });

  it('on seeded random inventories, strict and worst-case', () => {
    let checked = 0;
    for (let seed = 1; seed <= 8; seed++) {
      const { nodes, edges } = fuzzInventory(seed * 7919, 60);
      const g = graphFrom(nodes, edges);
      for (const mode of ['strict', 'worst-case'] as const) {
        const found = evaluateRules({ graph: g, mode, verifyCuts: true });
        checked += found.length;
        expect(trueCutViolations(g, found, mode), `seed ${seed} ${mode}`).toEqual([]);
      }
    }
    expect(checked).toBeGreaterThan(20);
  }, 180_000);
});
