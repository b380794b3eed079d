import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { parseInventories } from '../model/parse-inventory.ts';
import type { Inventory } from '../model/types.ts';

import { buildGraph } from './build-graph.ts';
import { computeChokePoints } from './chokepoints.ts';
import { pseudonymize, redactText } from './pseudonyms.ts';
import { evaluateRules } from './rules/registry.ts';
import { inventoryFrom } from './test-helpers.ts';
import { walkthroughFinding } from './walkthrough.ts';
import { remediationPlan } from './what-if.ts';

function sample(): Inventory {
  const text = readFileSync(join(import.meta.dirname, '../../public/samples/sample-inventory.json'), 'utf8');
  const parsed = parseInventories([{ file: 'sample-inventory.json', text }]);
  if (!parsed.ok) throw new Error('sample does not parse');
  return parsed.inventory;
}

describe('pseudonymize', () => {
  it('keeps the kind and numbers per kind in id order', () => {
    const inv = inventoryFrom(
      [{ id: 'ai_agent:z', kind: 'ai_agent', name: 'Zed' }, { id: 'ai_agent:a', kind: 'ai_agent', name: 'Ada' }, { id: 'data_store:x', kind: 'data_store', name: 'Payroll' }],
      [['ai_agent:a', 'reads', 'data_store:x']],
    );
    const p = pseudonymize(inv);
    expect([...p.nodes]).toEqual([
      ['ai_agent:a', 'AI agent 1'],
      ['ai_agent:z', 'AI agent 2'],
      ['data_store:x', 'Data store 1'],
    ]);
    expect(p.node('ai_agent:z')).toBe('AI agent 2');
    expect([...p.edges]).toEqual([['ai_agent:a|reads|data_store:x', 'edge 1']]);
    expect(redactText('Ada reads Payroll via ai_agent:a|reads|data_store:x; Zed (ai_agent:z) too', p)).toBe('AI agent 1 reads Data store 1 via edge 1; AI agent 2 (AI agent 2) too');
  });

  it('replaces the longest match first, in one pass (a pseudonym is never rescanned)', () => {
    const inv = inventoryFrom(
      [{ id: 'h:1', kind: 'human', name: 'Ann' }, { id: 'h:2', kind: 'human', name: 'Ann Lee' }, { id: 'g:1', kind: 'group', name: 'Human 1' }],
      [],
    );
    const p = pseudonymize(inv);
    expect(p.redact('Ann Lee and Ann and Human 1')).toBe('Human 2 and Human 1 and Group 1');
    expect(p.redact('')).toBe('');
    expect(p.redact('nothing here')).toBe('nothing here');
  });

  it('is stable across runs and element order', () => {
    const inv = sample();
    const a = pseudonymize(inv);
    const b = pseudonymize(sample());
    const shuffled = pseudonymize({ nodes: [...inv.nodes].reverse(), edges: [...inv.edges].reverse() });
    expect([...a.nodes]).toEqual([...b.nodes]);
    expect(new Map(shuffled.nodes)).toEqual(new Map(a.nodes));
    expect(new Map(shuffled.edges)).toEqual(new Map(a.edges));
    expect(new Set(a.nodes.values()).size).toBe(inv.nodes.length);
  });

  it('a redacted export of the sample (names, ids, finding titles, walkthroughs, plan) holds no original name or id', () => {
    const inv = sample();
    const graph = buildGraph(inv);
    const p = pseudonymize(inv);
    const findings = evaluateRules({ graph, mode: 'strict' });
    expect(findings.length).toBeGreaterThan(5);
    const chokes = computeChokePoints(graph, { nodes: false }).edges.slice(0, 5);
    const parts: string[] = [];
    for (const node of inv.nodes) parts.push(`${node.id}: ${node.name}`);
    for (const edge of inv.edges) parts.push(edge.id);
    for (const f of findings) {
      parts.push(f.title, f.node, ...f.evidence.nodes, ...f.evidence.edges);
      for (const leg of walkthroughFinding(graph, f, { label: p.node }).legs) for (const s of leg.steps) parts.push(s.caption);
    }
    parts.push(remediationPlan(graph, chokes.map((c) => ({ edge: c.edge })), { label: p.node }));
    const redacted = redactText(parts.join('\n'), p);
    // What is left once the pseudonyms are taken out is the engine's own words.
    const pseudonyms = [...p.nodes.values(), ...p.edges.values()].sort((x, y) => y.length - x.length);
    let rest = redacted;
    for (const word of pseudonyms) rest = rest.split(word).join('');
    const leaks = [...inv.nodes.flatMap((n) => [n.id, n.name]), ...inv.edges.map((e) => e.id)].filter((s) => rest.includes(s));
    expect(leaks).toEqual([]);
    expect(redacted).toContain('AI agent');
  });
});
