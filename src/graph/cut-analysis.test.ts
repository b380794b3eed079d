import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { parseInventory } from '../model/parse-inventory.ts';

import { buildGraph } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';
import { CutAnalysisCache, analyzeAfterCuts, cutSignature } from './cut-analysis.ts';
import { evaluateRules } from './rules/registry.ts';
import { summarizeAiNodes } from './summary.ts';
import { rng } from './test-helpers.ts';
import { whatIf } from './what-if.ts';
import type { Cut } from './what-if.ts';

type RawEdge = { id?: string; source: string; kind: string; target: string } & Record<string, unknown>;
type RawDoc = { nodes: Record<string, unknown>[]; edges: RawEdge[] } & Record<string, unknown>;

const NOW = Date.parse('2026-12-01T00:00:00Z');
const rawId = (e: RawEdge): string => e.id ?? `${e.source}|${e.kind}|${e.target}`;

function parse(doc: RawDoc): InventoryGraph {
  const parsed = parseInventory({ file: 'doc.json', text: JSON.stringify(doc) });
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => e.message).join('\n'));
  return buildGraph(parsed.inventory);
}

/** The document with the cut edges deleted (and every edge of a removed node), re-read from scratch. */
function cutDocument(doc: RawDoc, cuts: readonly Cut[]): RawDoc {
  const edges = new Set(cuts.flatMap((c) => ('edge' in c ? [c.edge] : [])));
  const nodes = new Set(cuts.flatMap((c) => ('node' in c ? [c.node] : [])));
  return { ...doc, edges: doc.edges.filter((e) => !edges.has(rawId(e)) && !nodes.has(e.source) && !nodes.has(e.target)) };
}

/** A fresh analysis of the cut document, the way a load does it. */
function fresh(doc: RawDoc, cuts: readonly Cut[]) {
  const graph = parse(cutDocument(doc, cuts));
  return { summaries: summarizeAiNodes(graph), findings: evaluateRules({ graph, mode: 'strict', now: NOW }) };
}

function expectSameAsFresh(doc: RawDoc, cuts: readonly Cut[]) {
  const graph = parse(doc);
  const after = analyzeAfterCuts(graph, cuts, { mode: 'strict', now: NOW });
  const expected = fresh(doc, cuts);
  expect(after.summaries).toEqual(expected.summaries);
  expect(after.findings).toEqual(expected.findings);
  expect(after.findingsError).toBeUndefined();
  return { graph, after };
}

const sample = JSON.parse(readFileSync(new URL('../../public/samples/sample-inventory.json', import.meta.url), 'utf8')) as RawDoc;

describe('analyzeAfterCuts on the sample inventory', () => {
  const graph = parse(sample);
  const before = evaluateRules({ graph, mode: 'strict', now: NOW, verifyCuts: true });
  const summariesBefore = summarizeAiNodes(graph);

  it('has edge ids that a document without the cut edges keeps (no duplicate derived ids)', () => {
    const ids = sample.edges.map(rawId);
    expect(new Set(ids).size).toBe(ids.length);
    expect(graph.edges.map((e) => e.id)).toEqual(ids);
  });

  it('each finding’s suggested cut: equal to a fresh analysis of the inventory without those edges', () => {
    const withCut = before.filter((f) => f.cut && f.cut.edges.length > 0);
    expect(withCut.length).toBeGreaterThan(5);
    let resolvedByOwnCut = 0;
    for (const f of withCut) {
      const cuts = f.cut!.edges.map((edge) => ({ edge }));
      const { after } = expectSameAsFresh(sample, cuts);
      // The cut does something to the findings.
      expect(after.findings).not.toEqual(before);
      if (!after.findings.some((g) => g.rule === f.rule && g.node === f.node)) resolvedByOwnCut++;
      expect(after.disabledEdges).toEqual(graph.edges.filter((e) => f.cut!.edges.includes(e.id)).map((e) => e.id));
    }
    // every cut is a true cut (rules/true-cut.ts)
    expect(resolvedByOwnCut).toBe(withCut.length);
  }, 120_000);

  it('stacked cuts and a removed node: equal to a fresh analysis, and the scores really changed', () => {
    const cutEdges = before.flatMap((f) => f.cut?.edges ?? []).slice(0, 4);
    const busiest = summariesBefore[0]!;
    // Remove the first tool the largest-radius AI node holds.
    const tool = graph.edges.find((e) => e.source === busiest.node && e.kind === 'has_tool')!.target;
    const cuts: Cut[] = [...cutEdges.map((edge) => ({ edge })), { node: tool }];
    const { after } = expectSameAsFresh(sample, cuts);
    expect(after.summaries).not.toEqual(summariesBefore);
    expect(after.findings.length).toBeLessThan(before.length);
    // Consistent with the What-if delta: the findings gone are exactly whatIf's resolved ones.
    const w = whatIf(graph, cuts, { now: NOW, findingsBefore: before });
    const key = (f: { rule: string; node: string }) => `${f.rule}|${f.node}`;
    const afterKeys = new Set(after.findings.map(key));
    expect(before.filter((f) => !afterKeys.has(key(f))).map(key)).toEqual(w.findings.resolved.map(key));
    expect(w.findings.after).toBe(after.findings.length);
  });

  it('no cuts: the load’s own figures', () => {
    const after = analyzeAfterCuts(graph, [], { now: NOW, verifyCuts: true });
    expect(after.summaries).toEqual(summariesBefore);
    expect(after.findings).toEqual(before);
    expect(after.disabledEdges).toEqual([]);
  });
});

describe('analyzeAfterCuts on small graphs', () => {
  // A lethal trifecta beside a second agent sharing the private-data tool.
  const trifecta: RawDoc = {
    format: 'pathlight-inventory',
    version: 1,
    nodes: [
      { id: 'ai_agent:fin', kind: 'ai_agent', name: 'Finance agent' },
      { id: 'external:inbound-email', kind: 'external', name: 'inbound email', subtype: 'inbound_email' },
      { id: 'data_store:reports', kind: 'data_store', name: 'Quarterly reports', sensitivity: 'confidential' },
      { id: 'tool:read-mail', kind: 'tool', caps: ['untrusted_content'] },
      { id: 'tool:read-reports', kind: 'tool', caps: ['private_data'] },
      { id: 'tool:send-mail', kind: 'tool', name: 'send mail', caps: ['external_send'] },
      { id: 'ai_agent:other', kind: 'ai_agent', name: 'Other agent' },
    ],
    edges: [
      { source: 'ai_agent:fin', kind: 'has_tool', target: 'tool:read-mail' },
      { source: 'tool:read-mail', kind: 'reads', target: 'external:inbound-email' },
      { id: 'fin-reports', source: 'ai_agent:fin', kind: 'has_tool', target: 'tool:read-reports' },
      { source: 'tool:read-reports', kind: 'reads', target: 'data_store:reports' },
      { source: 'ai_agent:fin', kind: 'has_tool', target: 'tool:send-mail' },
      { source: 'ai_agent:other', kind: 'has_tool', target: 'tool:read-reports' },
    ],
  };

  // An agent last seen long ago still holding an active key to production: the age rule needs `now`.
  const zombie: RawDoc = {
    format: 'pathlight-inventory',
    version: 1,
    nodes: [
      { id: 'ai_agent:old', kind: 'ai_agent', name: 'Old agent', owner: 'human:ana', lastSeen: '2026-01-05' },
      { id: 'human:ana', kind: 'human', name: 'Ana' },
      { id: 'credential:key', kind: 'credential', name: 'Old key', status: 'active' },
      { id: 'nhi:svc', kind: 'nhi', name: 'svc' },
      { id: 'data_store:prod-db', kind: 'data_store', name: 'Prod DB', environment: 'prod', sensitivity: 'restricted' },
    ],
    edges: [
      { id: 'uses', source: 'ai_agent:old', kind: 'uses_credential', target: 'credential:key' },
      { id: 'auth', source: 'credential:key', kind: 'authenticates_as', target: 'nhi:svc' },
      { id: 'perm', source: 'nhi:svc', kind: 'has_permission', target: 'data_store:prod-db', actions: ['read', 'write'] },
    ],
  };

  it('the trifecta: one cut resolves it; every single cut equals a fresh analysis', () => {
    const graph = parse(trifecta);
    expect(evaluateRules({ graph, mode: 'strict', now: NOW }).some((f) => f.rule === 'lethal-trifecta')).toBe(true);
    const { after } = expectSameAsFresh(trifecta, [{ edge: 'fin-reports' }]);
    expect(after.findings.some((f) => f.rule === 'lethal-trifecta')).toBe(false);
    expect(after.summaries.find((s) => s.node === 'ai_agent:fin')?.reached).toBe(3);
    for (const e of graph.edges) expectSameAsFresh(trifecta, [{ edge: e.id }]);
    for (const n of graph.nodes) expectSameAsFresh(trifecta, [{ node: n.id }]);
  });

  it('the zombie agent: the same `now` as the load, so only the cut changes the findings', () => {
    const graph = parse(zombie);
    const before = evaluateRules({ graph, mode: 'strict', now: NOW });
    expect(before.some((f) => f.rule === 'orphaned-ai-identity')).toBe(true);
    // Cutting an edge the finding does not need keeps it.
    const kept = expectSameAsFresh({ ...zombie, edges: [...zombie.edges, { id: 'spare', source: 'human:ana', kind: 'owns', target: 'nhi:svc' }] }, [{ edge: 'spare' }]);
    expect(kept.after.findings.some((f) => f.rule === 'orphaned-ai-identity')).toBe(true);
    const { after } = expectSameAsFresh(zombie, [{ edge: 'perm' }]);
    expect(after.summaries[0]!.reached).toBe(2);
    expectSameAsFresh(zombie, [{ edge: 'uses' }]);
  });

  it('random inventories: stacked random cuts equal a fresh analysis', () => {
    const kinds = ['human', 'nhi', 'credential', 'ai_agent', 'mcp_server', 'data_store', 'vector_store', 'tool', 'saas_app', 'external'];
    const edgeKinds = ['has_tool', 'reads', 'writes', 'uses_credential', 'authenticates_as', 'has_permission', 'stores', 'indexes', 'retrieves', 'member_of', 'delegates_to'];
    let changed = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const r = rng(seed);
      const n = 14;
      const nodes = Array.from({ length: n }, (_x, i) => {
        const kind = kinds[Math.floor(r() * kinds.length)]!;
        return { id: `n${i}`, kind, ...(r() < 0.3 ? { sensitivity: 'restricted' } : {}), ...(kind === 'tool' && r() < 0.5 ? { caps: ['external_send', 'private_data'] } : {}) };
      });
      const edges: RawEdge[] = Array.from({ length: 30 }, (_x, j) => ({
        id: `e${j}`,
        source: `n${Math.floor(r() * n)}`,
        kind: edgeKinds[Math.floor(r() * edgeKinds.length)]!,
        target: `n${Math.floor(r() * n)}`,
        ...(r() < 0.5 ? { actions: ['read', 'write', 'admin'].filter(() => r() < 0.5) } : {}),
      }));
      const doc: RawDoc = { format: 'pathlight-inventory', version: 1, nodes, edges };
      const cuts: Cut[] = [{ edge: `e${Math.floor(r() * 30)}` }, { edge: `e${Math.floor(r() * 30)}` }, ...(r() < 0.5 ? [{ node: `n${Math.floor(r() * n)}` }] : [])];
      const { graph, after } = expectSameAsFresh(doc, cuts);
      if (JSON.stringify(after.summaries) !== JSON.stringify(summarizeAiNodes(graph))) changed++;
    }
    // Most of these cuts shrink some AI integration's reach, so the comparison is not between two uncut analyses.
    expect(changed).toBeGreaterThan(3);
  });
});

describe('CutAnalysisCache', () => {
  const graph = parse(sample);
  const findings = evaluateRules({ graph, mode: 'strict', now: NOW });
  const [a, b] = findings.flatMap((f) => f.cut?.edges ?? []).filter((e, i, all) => all.indexOf(e) === i);

  it('returns the very same result for the same cuts, in any order; a different cut is computed', () => {
    const cache = new CutAnalysisCache(graph, { mode: 'strict', now: NOW });
    const first = cache.get([{ edge: a! }, { edge: b! }]);
    expect(cache.get([{ edge: a! }, { edge: b! }])).toBe(first);
    expect(cache.get([{ edge: b! }, { edge: a! }])).toBe(first);
    expect(cache.peek([{ edge: a! }, { edge: b! }])).toBe(first);
    expect(first).toEqual(analyzeAfterCuts(graph, [{ edge: a! }, { edge: b! }], { now: NOW }));
    const other = cache.get([{ edge: a! }]);
    expect(other).not.toBe(first);
    expect(other).toEqual(analyzeAfterCuts(graph, [{ edge: a! }], { now: NOW }));
    expect(cache.size).toBe(2);
  });

  it('a removed node and the list of its edges share one entry', () => {
    const cache = new CutAnalysisCache(graph, { now: NOW });
    const node = graph.edges.find((e) => e.id === a)!.target;
    const own = graph.edges.filter((e) => e.source === node || e.target === node).map((e) => ({ edge: e.id }));
    expect(cutSignature(graph, [{ node }])).toBe(cutSignature(graph, own));
    expect(cache.get(own)).toBe(cache.get([{ node }]));
  });

  it('drops the least recently used entry beyond its capacity', () => {
    const cache = new CutAnalysisCache(graph, { now: NOW }, 2);
    const first = cache.get([{ edge: a! }]);
    cache.get([{ edge: b! }]);
    expect(cache.get([{ edge: a! }])).toBe(first); // refreshed
    cache.get([{ edge: a! }, { edge: b! }]); // evicts [b]
    expect(cache.peek([{ edge: b! }])).toBeUndefined();
    expect(cache.peek([{ edge: a! }])).toBe(first);
    expect(cache.size).toBe(2);
  });
});
