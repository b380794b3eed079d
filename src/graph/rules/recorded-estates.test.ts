/**
 * The findings of whole estates, pinned byte for byte to what the engine returned before the large-estate
 * work (#14): seeded `fuzz-inventory.ts` estates of 500–800 nodes on which, together, every rule R01–R19
 * fires, in strict and worst-case mode, and the bench generator's 2k-node estate. A speed-up that changes a
 * finding, a witness, its order or a title changes a hash here. Recorded with the engine at commit 53c1c94;
 * re-record only for an intended change of findings, and say so in the commit.
 */
import { createHash } from 'node:crypto';

import { describe, expect, it } from 'vitest';

import { generateInventory } from '../../../bench/generate.ts';
import { buildGraph } from '../build-graph.ts';
import { graphFrom } from '../test-helpers.ts';

import { fuzzInventory } from './fuzz-inventory.ts';
import { RULES, evaluateRules } from './registry.ts';
import type { RuleMode } from './types.ts';

const NOW = Date.UTC(2026, 10, 20);
const sha = (value: unknown) => createHash('sha256').update(JSON.stringify(value)).digest('hex');

const RECORDED: readonly [seed: number, nodes: number, density: number, mode: RuleMode, findings: number, hash: string][] = [
  [1, 500, 2.6, 'worst-case', 317, '522f3a527b4e74ef1f32643e01dcb91fe7a2f275fa6f2203922ddb754d76c05b'],
  [2, 500, 2.6, 'worst-case', 226, '4ebb01b49eb4abfc381a63e3bec50505096c03a1afb16893cf42bc8ce0446981'],
  [3, 500, 2.6, 'worst-case', 232, '08bffa858ff78b72f157c3608b4e6b046c329582ce45f1b7da3b71bc9b4d6a34'],
  [4, 500, 2.6, 'worst-case', 285, '740f77024c4cccbf39e377aa41c519b3fe83e83534b47be86bdab57dec95bce9'],
  [5, 500, 2.6, 'worst-case', 236, '7547cc0313edd87d1d134f4afd4d6d50f061ff43e577b8724b46d29e813c4392'],
  [6, 500, 2.6, 'worst-case', 280, '81c3da75dfa8586496c2cb03c3aa241e20f9e7769497d5a7b69c3bcde8a53651'],
  [13, 600, 3.2, 'strict', 373, 'd7b26ea8af42df7f94f244a59412b2cf3cf364519f711e208a8c4a7ee7c99b88'],
  [14, 800, 2.2, 'strict', 277, '2447fd8c9fcf010063d6d9559e17e75d9ab70262c5201a5cebfa159830074092'],
];

describe('findings of whole estates, as recorded before the large-estate work', () => {
  it('seeded estates where every rule fires: same findings byte for byte', () => {
    const fired = new Set<string>();
    const got = RECORDED.map(([seed, n, density, mode]) => {
      const { nodes, edges } = fuzzInventory(seed, n, density);
      const findings = evaluateRules({ graph: graphFrom(nodes, edges), mode, now: NOW });
      for (const f of findings) fired.add(f.rule);
      return [seed, n, density, mode, findings.length, sha(findings)];
    });
    expect(got).toEqual(RECORDED);
    expect(RULES.filter((r) => !fired.has(r.id)).map((r) => r.id)).toEqual([]);
  }, 300_000);

  it('the bench generator estate of 2k nodes / 10k edges: same findings byte for byte', () => {
    const findings = evaluateRules({ graph: buildGraph(generateInventory({ nodes: 2_000, edges: 10_000 })), mode: 'strict' });
    expect([findings.length, sha(findings).slice(0, 16)]).toEqual([325, 'e8226a9fba646289']);
  }, 300_000);
});
