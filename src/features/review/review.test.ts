import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildGraph } from '../../graph/build-graph.ts';
import { computeChokePoints } from '../../graph/chokepoints.ts';
import { pseudonymize } from '../../graph/pseudonyms.ts';
import { evaluateRules } from '../../graph/rules/registry.ts';
import { remediationPlan, whatIf } from '../../graph/what-if.ts';
import type { Cut } from '../../graph/what-if.ts';
import { parseInventory } from '../../model/parse-inventory.ts';

import { decodeCuts, encodeCuts, readCutsParam, writeCutsParam } from './cuts-param.ts';
import { describeDecision, findingKey, parseDecisions, serializeDecisions } from './decisions.ts';
import type { Decisions } from './decisions.ts';
import { threatModelReport } from './report.ts';
import { escapeXml, renderSvg } from '../../canvas/svg-export.ts';

describe('cuts URL parameter', () => {
  it('round-trips edge and node cuts, whatever the ids hold', () => {
    const cuts: Cut[] = [{ edge: 'e1' }, { node: 'agent:support' }, { edge: 'a,b%2C~c' }, { edge: '~starts-with-tilde' }, { node: '~n,1' }];
    const raw = encodeCuts(cuts);
    expect(decodeCuts(raw)).toEqual(cuts);
    const search = writeCutsParam('view=explorer&node=x', cuts);
    expect(new URLSearchParams(search).get('view')).toBe('explorer');
    expect(readCutsParam(search)).toEqual(cuts);
  });
  it('removes the parameter when there are no cuts and ignores empty parts', () => {
    expect(writeCutsParam('view=explorer&cuts=e1', [])).toBe('view=explorer');
    expect(decodeCuts(null)).toEqual([]);
    expect(decodeCuts(',e1,,~,')).toEqual([{ edge: 'e1' }]);
  });
});

describe('decisions', () => {
  const decisions: Decisions = {
    [findingKey({ rule: 'lethal-trifecta', node: 'agent:support' })]: { status: 'accepted', reason: 'vendor fix in Q1', reviewDate: '2027-01-31', decidedAt: '2026-11-22T07:00:00.000Z' },
    [findingKey({ rule: 'cred-in-store', node: 'ds:bucket' })]: { status: 'mitigated', ticket: 'SEC-42', decidedAt: '2026-11-22T07:01:00.000Z' },
    [findingKey({ rule: 'r', node: 'n' })]: { status: 'false-positive', decidedAt: '2026-11-22T07:02:00.000Z' },
  };
  it('serialises and parses back to the same decisions', () => {
    const text = serializeDecisions(decisions, 'abc123');
    const parsed = parseDecisions(text);
    expect(parsed.inventory).toBe('abc123');
    expect(parsed.decisions).toEqual(decisions);
    expect(parsed.skipped).toBe(0);
    // Stable output: same input, same text.
    expect(serializeDecisions(parsed.decisions, 'abc123')).toBe(text);
  });
  it('rejects other files and skips malformed entries', () => {
    expect(() => parseDecisions('not json')).toThrow('Not a JSON file.');
    expect(() => parseDecisions('{"format":"other","decisions":[]}')).toThrow('Not a Pathlight decisions file.');
    const parsed = parseDecisions(
      JSON.stringify({ format: 'pathlight-decisions', version: 1, decisions: [{ rule: 'a', node: 'b', status: 'nope' }, { rule: 'a', node: 'b', status: 'accepted', reviewDate: 'soon' }] }),
    );
    expect(parsed.skipped).toBe(1);
    expect(parsed.decisions[findingKey({ rule: 'a', node: 'b' })]).toEqual({ status: 'accepted', decidedAt: new Date(0).toISOString() });
  });
  it('describes a decision in one line', () => {
    expect(describeDecision(decisions[findingKey({ rule: 'lethal-trifecta', node: 'agent:support' })]!)).toBe('Accepted risk (review 2027-01-31): vendor fix in Q1');
    expect(describeDecision(decisions[findingKey({ rule: 'cred-in-store', node: 'ds:bucket' })]!)).toBe('Mitigated (SEC-42)');
  });
});

describe('SVG exporter', () => {
  const scene = {
    background: '#0b0f14',
    title: 'A & B',
    nodes: [
      { x: 0, y: 0, w: 30, h: 30, shape: 'ellipse', fill: '#f00', stroke: '#fff', strokeWidth: 2, opacity: 1, label: '<img src=x onerror=alert(1)>Agent', labelColor: '#eee', fontSize: 11 },
      { x: 200, y: 100, w: 40, h: 20, shape: 'round-rectangle', fill: '#0f0', stroke: '#000', strokeWidth: 0, opacity: 0.5, label: 'Bucket', labelColor: '#eee', fontSize: 11 },
      { x: 100, y: -50, w: 30, h: 30, shape: 'diamond', fill: '#00f', stroke: '#000', strokeWidth: 1, opacity: 1, label: '', labelColor: '#eee', fontSize: 11 },
    ],
    edges: [
      { x1: 15, y1: 0, x2: 180, y2: 100, color: '#888', width: 2, opacity: 1, dash: '6 3', label: 'reads' },
      { x1: 0, y1: 15, x2: 100, y2: -35, color: '#888', width: 1, opacity: 1, dash: null, cut: true },
    ],
  };
  it('draws every node and edge with its label, escaped, inside a viewBox that holds them', () => {
    const svg = renderSvg(scene);
    expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" viewBox="')).toBe(true);
    const doc = new DOMParser().parseFromString(svg, 'image/svg+xml');
    expect(doc.getElementsByTagName('parsererror')).toHaveLength(0);
    expect(doc.querySelectorAll('g.nodes > ellipse, g.nodes > rect, g.nodes > polygon')).toHaveLength(3);
    expect(doc.querySelectorAll('g.edges > line:not(.cut)')).toHaveLength(2);
    expect(doc.querySelectorAll('line.cut')).toHaveLength(1);
    const texts = [...doc.querySelectorAll('g.edges text, g.nodes text')].map((t) => t.textContent);
    expect(texts).toEqual(['reads', '<img src=x onerror=alert(1)>Agent', 'Bucket']);
    expect(svg).not.toContain('<img');
    expect(doc.querySelector('title')?.textContent).toBe('A & B');
    const [x, y, w, h] = doc.documentElement.getAttribute('viewBox')!.split(' ').map(Number);
    expect(x).toBeLessThanOrEqual(-15);
    expect(y).toBeLessThanOrEqual(-65);
    expect(x! + w!).toBeGreaterThanOrEqual(220);
    expect(y! + h!).toBeGreaterThanOrEqual(110);
  });
  it('escapes XML', () => {
    expect(escapeXml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&apos;&amp;&apos;&lt;/a&gt;');
  });
});

describe('threat-model report', () => {
  const json = JSON.parse(readFileSync(resolve(process.cwd(), 'e2e/fixtures/small-estate.json'), 'utf8')) as unknown;
  const parsed = parseInventory({ json });
  if (!parsed.ok) throw new Error('fixture did not parse');
  const inventory = parsed.inventory;
  const graph = buildGraph(inventory);
  const findings = evaluateRules({ graph, mode: 'strict' });
  const finEdge = graph.edges.find((e) => e.source === 'cred:fin-key' && e.target === 'nhi:fin')!;

  it('the fixture cut used by the e2e test: Finance agent radius 3 → 1, the ledger lost', () => {
    const r = whatIf(graph, [{ edge: finEdge.id }], { source: 'agent:finance' });
    expect(r.source).toMatchObject({ before: 3, after: 1, crownJewelsLost: ['ds:ledger'] });
  });

  it('holds scope, findings, decisions and the plan; redacted, it leaks no name or id', () => {
    const f = findings[0]!;
    const input = {
      label: 'small-estate.json',
      graph,
      findings,
      cuts: [{ edge: finEdge.id }] as Cut[],
      decisions: { [findingKey(f)]: { status: 'mitigated' as const, ticket: 'SEC-7', decidedAt: '2026-11-22T07:00:00Z' } },
      reviewed: ['Path from Finance agent to General ledger'],
      choke: computeChokePoints(graph),
      plan: remediationPlan(graph, [{ edge: finEdge.id }], { title: 'Remediation plan' }),
      date: '2026-11-22',
    };
    const plain = threatModelReport({ ...input, pseudonyms: null });
    expect(plain).toContain('## Scope');
    expect(plain).toContain(`${graph.nodes.length} nodes and ${graph.edges.length} edges`);
    expect(plain).toContain('Path from Finance agent to General ledger');
    expect(plain).toContain('Mitigated (SEC-7)');
    expect(plain).toContain('## Remediation plan');
    expect(plain).toContain('General ledger');

    const red = threatModelReport({ ...input, pseudonyms: pseudonymize(inventory) });
    expect(red).toContain('## Remediation plan');
    expect(red).toContain('Mitigated (SEC-7)');
    for (const n of inventory.nodes) {
      expect(red).not.toContain(n.name);
      expect(red).not.toContain(n.id);
    }
  });
});
