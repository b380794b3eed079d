import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseInventories } from '../../model/parse-inventory.ts';
import { buildGraph } from '../build-graph.ts';
import { evaluateRules } from '../rules/registry.ts';
import type { Finding } from '../rules/types.ts';
import { summarizeAiNodes } from '../summary.ts';

import { compareNodeRisk, nodeRisks, orderFindingsByRisk, rankSummaries } from './node-rank.ts';

const f = (node: string, severity: Finding['severity'], rule = 'r'): Finding => ({ rule, node, severity, title: '', legs: [] }) as unknown as Finding;

describe('the shared ranking', () => {
  const summaries = [
    { node: 'big', reached: 500, crownJewels: 1 },
    { node: 'jewels', reached: 20, crownJewels: 4 },
    { node: 'crit', reached: 5, crownJewels: 0 },
    { node: 'quiet', reached: 900, crownJewels: 9 },
  ];
  const findings = [f('big', 'high'), f('jewels', 'high'), f('crit', 'critical'), f('crit', 'low')];

  it('orders by worst severity, then crown jewels reached, then radius', () => {
    expect(rankSummaries(summaries, findings).map((s) => s.node)).toEqual(['crit', 'jewels', 'big', 'quiet']);
  });

  it('switches to radius or crown jewels', () => {
    expect(rankSummaries(summaries, findings, 'radius').map((s) => s.node)).toEqual(['quiet', 'big', 'jewels', 'crit']);
    expect(rankSummaries(summaries, findings, 'crown').map((s) => s.node)).toEqual(['quiet', 'jewels', 'big', 'crit']);
  });

  it('orders findings so that each node first appears in the node order', () => {
    const ordered = orderFindingsByRisk(findings, summaries);
    expect(ordered.map((x) => `${x.node}:${x.severity}`)).toEqual(['crit:critical', 'jewels:high', 'big:high', 'crit:low']);
    const firstSeen = [...new Set(ordered.map((x) => x.node))];
    const nodes = rankSummaries(summaries, findings).map((s) => s.node).filter((n) => firstSeen.includes(n));
    expect(firstSeen).toEqual(nodes);
  });

  it('is a total order (ties broken by id)', () => {
    const r = nodeRisks([{ node: 'b', reached: 1, crownJewels: 0 }, { node: 'a', reached: 1, crownJewels: 0 }], []);
    expect(compareNodeRisk(r.get('a')!, r.get('b')!)).toBeLessThan(0);
    expect(compareNodeRisk(r.get('b')!, r.get('a')!)).toBeGreaterThan(0);
  });

  it('names one first node in the sidebar, the findings and the board order on the sample', () => {
    const text = readFileSync(join(import.meta.dirname, '../../../public/samples/sample-inventory.json'), 'utf8');
    const parsed = parseInventories([{ file: 'sample-inventory.json', text }]);
    if (!parsed.ok) throw new Error('sample does not parse');
    const graph = buildGraph(parsed.inventory);
    const sums = summarizeAiNodes(graph);
    const all = evaluateRules({ graph, mode: 'strict' });
    expect(all.length).toBeGreaterThan(0);
    const firstNode = rankSummaries(sums, all)[0]!.node;
    expect(orderFindingsByRisk(all, sums)[0]!.node).toBe(firstNode);
  });
});
