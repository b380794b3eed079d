import { describe, expect, it } from 'vitest';

import { UnknownNodeError } from './build-graph.ts';
import { computeReach } from './reach.ts';
import { graphFrom, randomGraph } from './test-helpers.ts';
import type { EdgeSpec, NodeSpec } from './test-helpers.ts';
import { code, cutMask, md, remediationPlan, whatIf } from './what-if.ts';

// R01's fixture: an agent with untrusted input, private data and an external sink (a lethal trifecta).
const nodes: NodeSpec[] = [
  { id: 'ai_agent:fin', kind: 'ai_agent', name: 'Finance agent' },
  { id: 'external:inbound-email', kind: 'external', name: 'inbound email', subtype: 'inbound_email' },
  { id: 'data_store:reports', kind: 'data_store', name: 'Quarterly reports', sensitivity: 'confidential' },
  { id: 'tool:read-mail', kind: 'tool', caps: ['untrusted_content'] },
  { id: 'tool:read-reports', kind: 'tool', caps: ['private_data'] },
  { id: 'tool:send-mail', kind: 'tool', name: 'send mail', caps: ['external_send'] },
  { id: 'ai_agent:other', kind: 'ai_agent', name: 'Other agent' },
];
const edges: EdgeSpec[] = [
  ['ai_agent:fin', 'has_tool', 'tool:read-mail'],
  ['tool:read-mail', 'reads', 'external:inbound-email'],
  ['ai_agent:fin', 'has_tool', 'tool:read-reports', { id: 'fin-reports' }],
  ['tool:read-reports', 'reads', 'data_store:reports'],
  ['ai_agent:fin', 'has_tool', 'tool:send-mail'],
  ['ai_agent:other', 'has_tool', 'tool:read-reports'],
];
const g = graphFrom(nodes, edges);

describe('cutMask', () => {
  it('switches off edges by id and every edge of a removed node; reports unknown cuts', () => {
    const { mask, unknown } = cutMask(g, [{ edge: 'fin-reports' }, { node: 'tool:send-mail' }, { edge: 'nope' }, { node: 'nobody' }]);
    const off = g.edges.filter((_e, j) => mask[j] === 1).map((e) => e.id);
    expect(off).toEqual(['fin-reports', 'ai_agent:fin|has_tool|tool:send-mail']);
    expect(unknown).toEqual([{ edge: 'nope' }, { node: 'nobody' }]);
  });
});

describe('whatIf', () => {
  it('cutting the private-data tool: radius 5 → 3, the reports no longer reachable, lethal trifecta resolved', () => {
    const r = whatIf(g, [{ edge: 'fin-reports' }], { source: 'ai_agent:fin' });
    expect(r.source).toEqual({ node: 'ai_agent:fin', before: 5, after: 3, crownJewelsLost: ['data_store:reports'], crownJewelsAfter: 0 });
    expect(r.findings.resolved.map((f) => `${f.rule}@${f.node}`)).toContain('lethal-trifecta@ai_agent:fin');
    expect(r.sentence).toBe('blast radius 5 → 3 nodes, 1 crown jewel no longer reachable, lethal trifecta resolved');
    expect(r.disabledEdges).toEqual(['fin-reports']);
    // The other agent keeps its path to the reports: only fin changed.
    expect(r.reach).toEqual([
      { node: 'ai_agent:fin', before: 5, after: 3, crownJewelsBefore: 1, crownJewelsAfter: 0, crownJewelsLost: ['data_store:reports'] },
    ]);
    expect(r.totals).toEqual({ aiNodes: 2, reachBefore: 7, reachAfter: 5, pairsBefore: 2, pairsAfter: 1 });
  });

  it('no cuts: nothing changes', () => {
    const r = whatIf(g, [], { source: 'ai_agent:fin' });
    expect(r.sentence).toBe('blast radius 5 → 5 nodes');
    expect(r.reach).toEqual([]);
    expect(r.findings.resolved).toEqual([]);
    expect(r.findings.new).toEqual([]);
    expect(r.findings.after).toBe(r.findings.before);
  });

  it('cuts stack, and order does not matter (pure: undo is a shorter list)', () => {
    const both = whatIf(g, [{ edge: 'fin-reports' }, { node: 'tool:read-reports' }], { source: 'ai_agent:fin' });
    const swapped = whatIf(g, [{ node: 'tool:read-reports' }, { edge: 'fin-reports' }], { source: 'ai_agent:fin' });
    expect(both.source).toEqual(swapped.source);
    expect(both.totals).toEqual(swapped.totals);
    // Removing the tool node also disconnects the other agent from the reports.
    expect(both.totals.pairsAfter).toBe(0);
    expect(both.sentence).toBe(swapped.sentence);
    expect(whatIf(g, [{ edge: 'fin-reports' }], { source: 'ai_agent:fin' }).sentence).toBe(
      whatIf(g, [{ edge: 'fin-reports' }], { source: 'ai_agent:fin' }).sentence,
    );
  });

  it('without a source: the inventory-wide sentence', () => {
    const r = whatIf(g, [{ node: 'tool:read-reports' }]);
    expect(r.source).toBeUndefined();
    expect(r.sentence).toBe('AI reach 7 → 3 nodes across 2 AI integrations, 2 AI-to-crown-jewel paths closed, lethal trifecta resolved');
  });

  it('a removed source has an empty blast radius', () => {
    expect(whatIf(g, [{ node: 'ai_agent:fin' }], { source: 'ai_agent:fin' }).source!.after).toBe(0);
  });

  it('accepts the findings of the uncut graph, and rejects an unknown source', () => {
    const before = whatIf(g, []).findings;
    expect(whatIf(g, [{ edge: 'fin-reports' }], { findingsBefore: [] }).findings.before).toBe(0);
    expect(before.before).toBeGreaterThan(0);
    expect(() => whatIf(g, [], { source: 'nobody' })).toThrow(UnknownNodeError);
  });

  it('agrees with single-source reach under the same mask on random graphs', () => {
    for (let seed = 1; seed <= 6; seed++) {
      const rg = randomGraph(seed, 50, 160);
      const cuts = rg.edges.filter((_e, j) => j % 5 === 0).map((e) => ({ edge: e.id }));
      const { mask } = cutMask(rg, cuts);
      for (const s of [0, 7, 19]) {
        const id = rg.nodes[s]!.id;
        const r = whatIf(rg, cuts, { source: id });
        expect(r.source!.before).toBe(computeReach(rg, id).size);
        expect(r.source!.after).toBe(computeReach(rg, id, { disabledEdges: mask }).size);
      }
    }
  });
});

describe('remediationPlan', () => {
  it('lists each cut with why and what it closes, given the cuts before it', () => {
    const plan = remediationPlan(g, [{ edge: 'fin-reports', reason: 'Suggested cut of the lethal trifecta' }, { node: 'tool:read-reports' }, { edge: 'ghost' }]);
    expect(plan).toContain('# Remediation plan');
    expect(plan).toContain('3 cuts. Together: AI reach 7 → 3 nodes across 2 AI integrations, 2 AI-to-crown-jewel paths closed, lethal trifecta resolved.');
    expect(plan).toContain('## 1. Remove the `has_tool` edge from Finance agent to tool:read-reports');
    expect(plan).toContain('- **Why:** Suggested cut of the lethal trifecta');
    expect(plan).toMatch(/critical R01 Lethal trifecta on Finance agent: /);
    expect(plan).toContain('  - Finance agent no longer reaches Quarterly reports');
    // Step 2 closes only the other agent's path (fin's is already cut).
    const step2 = plan.slice(plan.indexOf('## 2.'), plan.indexOf('## 3.'));
    expect(step2).toContain('## 2. Remove the tool tool:read-reports');
    expect(step2).toContain('Other agent no longer reaches Quarterly reports');
    expect(step2).not.toContain('Finance agent no longer reaches');
    expect(plan).toContain('## 3. Remove edge `ghost` (not in this inventory)');
    expect(plan).toContain('- **Closes:** nothing on its own');
    expect(plan).toContain('Not in this inventory (skipped): `ghost`');
  });

  it('uses the given labels (redact mode) and escapes Markdown in names', () => {
    const plan = remediationPlan(g, [{ edge: 'fin-reports' }], { label: (id) => (id === 'ai_agent:fin' ? '*[evil](http://x)*' : 'X') });
    expect(plan).toContain('\\*\\[evil\\](http://x)\\*');
    // Finding titles are the rules' own text: redact mode also runs the plan through redactText (pseudonyms.ts).
    expect(plan).toContain('## 1. Remove the `has_tool` edge from \\*\\[evil');
    expect(remediationPlan(g, [])).toBe('# Remediation plan\n\nNo cuts yet.\n');
  });

  it('md and code neutralise formatting', () => {
    expect(md('a_b <script>')).toBe('a\\_b \\<script\\>');
    expect(code('a`b')).toBe('``a`b``');
    expect(code('`x')).toBe('`` `x ``');
  });
});

describe('whatIf without rules', () => {
  it('gives the reach deltas only', () => {
    const r = whatIf(g, [{ edge: 'fin-reports' }], { source: 'ai_agent:fin', rules: false });
    expect(r.sentence).toBe('blast radius 5 → 3 nodes, 1 crown jewel no longer reachable');
    expect(r.findings).toEqual({ before: 0, after: 0, resolved: [], new: [], changed: [] });
  });
});
