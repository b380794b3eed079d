import { describe, expect, it } from 'vitest';

import { toEdgeMask } from '../build-graph.ts';
import { rankFindings } from '../scoring/rank.ts';
import { riskScore, scoreAiNodes } from '../scoring/risk-score.ts';
import { graphFrom } from '../test-helpers.ts';

import { factsFor } from './facts.ts';
import { findingCut, legMinCut } from './min-cut.ts';
import { RULES, evaluateRules } from './registry.ts';
import { findings, fired, findingsOf, n, withNode } from './test-kit.ts';
import type { EdgeSpec, NodeSpec } from './test-kit.ts';
import type { Finding, FindingLeg } from './types.ts';

const CATALOG_IDS = [
  'lethal-trifecta',
  'untrusted-input-destructive-action',
  'untrusted-input-code-execution',
  'rendering-exfiltration',
  'public-bot-confidential-retrieval',
  'retrieval-poisoning',
  'delegation-confused-deputy',
  'unvetted-mcp-beside-sensitive-tools',
  'plaintext-secret-in-agent-config',
  'overprivileged-ai-identity',
  'credential-pivot-chain',
  'exposed-vulnerable-ai-workload',
  'unbounded-ai-key',
  'shadow-ai-oauth-grant',
  'orphaned-ai-identity',
  'regulated-data-to-unapproved-model',
  'unauthenticated-remote-agent',
  'shared-credential-across-trust',
  'vulnerable-ai-component-with-secrets',
];

describe('registry', () => {
  it('registers the nineteen catalog rules in order with R-numbers, tags and remediation', () => {
    expect(RULES.map((r) => r.id)).toEqual(CATALOG_IDS);
    expect(RULES.map((r) => r.ref)).toEqual(CATALOG_IDS.map((_, i) => `R${String(i + 1).padStart(2, '0')}`));
    for (const r of RULES) {
      expect(r.tags!.length).toBeGreaterThan(0);
      expect(r.remediation!.length).toBeGreaterThan(20);
    }
  });

  it('an empty or harmless inventory has no findings', () => {
    expect(findings([], [])).toEqual([]);
    expect(findings([n('ai_agent:a'), n('data_store:d', { sensitivity: 'public' })], [['ai_agent:a', 'reads', 'data_store:d']])).toEqual([]);
  });

  it('findings keep the CLI contract fields with the right types', () => {
    const [f] = findings(
      [n('ai_agent:a'), n('external:web'), n('tool:del', { caps: ['destructive'] })],
      [['ai_agent:a', 'reads', 'external:web'], ['ai_agent:a', 'has_tool', 'tool:del']],
    );
    expect(Object.keys(f!)).toEqual(expect.arrayContaining(['rule', 'severity', 'node', 'title', 'evidence']));
    expect(f!.evidence).toEqual({
      nodes: ['ai_agent:a', 'external:web', 'tool:del'],
      edges: ['ai_agent:a|reads|external:web', 'ai_agent:a|has_tool|tool:del'],
    });
    expect(JSON.parse(JSON.stringify(f))).toMatchObject({ rule: 'untrusted-input-destructive-action', severity: 'high', node: 'ai_agent:a' });
  });
});

describe('strict and worst-case modes', () => {
  const nodes: NodeSpec[] = [n('ai_agent:a', { name: 'Agent' }), n('external:web'), n('data_store:bucket', { name: 'bucket' }), n('tool:send', { caps: ['external_send'] })];
  const edges: EdgeSpec[] = [
    ['ai_agent:a', 'reads', 'external:web'],
    ['ai_agent:a', 'reads', 'data_store:bucket'],
    ['ai_agent:a', 'has_tool', 'tool:send'],
  ];

  it('strict mode does not fire on an unclassified store', () => {
    expect(findingsOf('lethal-trifecta', nodes, edges)).toEqual([]);
  });

  it('worst-case mode adds the finding marked assumed, naming the missing fact', () => {
    const [f, ...rest] = findingsOf('lethal-trifecta', nodes, edges, 'worst-case');
    expect(rest).toEqual([]);
    expect(f!.assumed).toEqual(['sensitivity of "bucket" is unknown: classify it']);
    expect(f!.title).toMatch(/\(assumed\)$/);
  });

  it('worst-case keeps strict findings as they are (not assumed)', () => {
    const classified = withNode(nodes, 'data_store:bucket', { sensitivity: 'confidential' });
    const [f] = findingsOf('lethal-trifecta', classified, edges, 'worst-case');
    expect(f!.assumed).toBeUndefined();
  });

  it('worst-case treats an MCP server of unknown trust as untrusted input and an unknown pin state as unpinned', () => {
    const n2: NodeSpec[] = [n('ai_agent:a'), n('mcp_server:x', { name: 'x' }), n('mcp_server:y', { versionPinned: true, trust: 'trusted' }), n('tool:del', { caps: ['destructive'] })];
    const e2: EdgeSpec[] = [['ai_agent:a', 'connects_to', 'mcp_server:x'], ['ai_agent:a', 'connects_to', 'mcp_server:y'], ['mcp_server:y', 'provides', 'tool:del']];
    expect(findings(n2, e2)).toEqual([]);
    const worst = findings(n2, e2, 'worst-case');
    expect(fired(worst)).toEqual(['untrusted-input-destructive-action@ai_agent:a', 'unvetted-mcp-beside-sensitive-tools@ai_agent:a']);
    expect(worst.every((f) => f.assumed!.some((a) => a.includes('"x"')))).toBe(true);
    // explicit trust "unknown" is a strict-mode fact (§1.4 U)
    expect(fired(findings(withNode(n2, 'mcp_server:x', { trust: 'unknown' }), e2))).toEqual(['untrusted-input-destructive-action@ai_agent:a']);
  });
});

describe('worst-case fills', () => {
  it('a tool without caps may be anything: an unlabeled tool beside untrusted input becomes an assumed R02', () => {
    const nodes: NodeSpec[] = [n('ai_agent:a'), n('external:web'), n('tool:mystery', { name: 'mystery' })];
    const edges: EdgeSpec[] = [['ai_agent:a', 'reads', 'external:web'], ['ai_agent:a', 'has_tool', 'tool:mystery']];
    expect(findings(nodes, edges)).toEqual([]);
    const worst = findings(nodes, edges, 'worst-case');
    expect(fired(worst)).toContain('untrusted-input-destructive-action@ai_agent:a');
    expect(worst.find((f) => f.rule === 'untrusted-input-destructive-action')!.assumed).toEqual([
      'capabilities of tool "mystery" are unknown: label it (import mcp-scan or annotate caps)',
    ]);
    // a labeled tool is not re-guessed
    expect(findings(withNode(nodes, 'tool:mystery', { caps: ['file_read'] }), edges, 'worst-case')).toEqual([]);
  });

  it('a credential of unknown status is assumed active for R15', () => {
    const nodes: NodeSpec[] = [n('ai_agent:old', { status: 'decommissioned', owner: 'x' }), n('credential:k', { name: 'k' }), n('tool:rm', { caps: ['destructive'] })];
    const edges: EdgeSpec[] = [['ai_agent:old', 'uses_credential', 'credential:k'], ['ai_agent:old', 'has_tool', 'tool:rm']];
    expect(findings(nodes, edges)).toEqual([]);
    const [f] = findings(nodes, edges, 'worst-case');
    expect(f!.rule).toBe('orphaned-ai-identity');
    expect(f!.assumed).toEqual(['whether credential "k" is still active is unknown']);
  });
});

describe('what-if: switched-off edges', () => {
  it('a disabled edge breaks the leg it carried', () => {
    const nodes: NodeSpec[] = [n('ai_agent:a'), n('external:web'), n('tool:del', { caps: ['destructive'] })];
    const edges: EdgeSpec[] = [['ai_agent:a', 'reads', 'external:web'], ['ai_agent:a', 'has_tool', 'tool:del']];
    const graph = graphFrom(nodes, edges);
    expect(evaluateRules({ graph, mode: 'strict' })).toHaveLength(1);
    const { mask } = toEdgeMask(graph, ['ai_agent:a|has_tool|tool:del']);
    expect(evaluateRules({ graph, mode: 'strict', disabledEdges: mask })).toEqual([]);
    // the facts cache is per mask: the unmasked graph still fires
    expect(evaluateRules({ graph, mode: 'strict' })).toHaveLength(1);
  });

  it('an edge marked traversable:false is not walked', () => {
    const nodes: NodeSpec[] = [n('ai_agent:a'), n('external:web'), n('tool:del', { caps: ['destructive'] })];
    expect(findings(nodes, [['ai_agent:a', 'reads', 'external:web', { traversable: false }], ['ai_agent:a', 'has_tool', 'tool:del']])).toEqual([]);
  });

  it('paths longer than H = 6 do not count', () => {
    const chain: NodeSpec[] = [n('ai_agent:a'), n('tool:del', { caps: ['destructive'] }), ...[1, 2, 3, 4, 5, 6].map((i) => n(`mcp_server:s${i}`))];
    const base: EdgeSpec[] = [['mcp_server:s6', 'provides', 'tool:del']];
    const hops = (k: number): EdgeSpec[] => [
      ['ai_agent:a', 'connects_to', 'mcp_server:s1'],
      ...Array.from({ length: k - 1 }, (_, i): EdgeSpec => [`mcp_server:s${i + 1}`, 'connects_to', `mcp_server:s${i + 2}`]),
    ];
    const web: EdgeSpec = ['ai_agent:a', 'reads', 'external:web'];
    // a → s1 … s5 → s6 → del is 7 edges: too long; via s5 (6 edges) it counts
    expect(findings([...chain, n('external:web')], [...hops(6), ...base, web])).toEqual([]);
    expect(findings([...chain, n('external:web')], [...hops(5), ['mcp_server:s5', 'provides', 'tool:del'], web])).toHaveLength(1);
  });
});

describe('shared facts', () => {
  it('are computed once per graph and mask', () => {
    const graph = graphFrom([n('ai_agent:a')], []);
    expect(factsFor(graph)).toBe(factsFor(graph));
    expect(factsFor(graph, new Uint8Array(0))).not.toBe(factsFor(graph));
  });

  it('EXT_SINK needs the external flag or public exposure on a store (not any external node)', () => {
    const graph = graphFrom([n('external:x'), n('external:y', { external: true }), n('data_store:z', { exposure: 'public_read' }), n('data_store:w')], []);
    const f = factsFor(graph);
    expect([...f.extSink]).toEqual([0, 1, 1, 0]);
  });

  it('UNTRUSTED counts trust external/anonymous only on humans and NHIs', () => {
    const graph = graphFrom([n('human:h', { trust: 'external' }), n('tool:t', { trust: 'external' }), n('tool:u', { trust: 'untrusted' })], []);
    const f = factsFor(graph);
    expect([0, 1, 2].map((i) => f.untrusted(i))).toEqual([true, false, true]);
  });
});

describe('min-cut (§6.2)', () => {
  const kindOf = (id: string) => id.split('|')[1]!;
  const w = (...nodes: string[]) => ({ nodes, edges: nodes.slice(1).map((t, i) => `${nodes[i]}|${t.startsWith('tool') ? 'has_tool' : 'reads'}|${t}`) });

  it('cuts the cheapest edge set that separates every witness of a leg', () => {
    // two witnesses share the first hop: one has_tool edge (cost 2 in an untrusted leg) beats two reads (3 each)
    const leg: FindingLeg = { name: 'U', role: 'untrusted', nodes: [], edges: [], witnesses: [w('a', 'tool:t', 'x'), w('a', 'tool:t', 'y')] };
    expect(legMinCut(leg, kindOf)).toEqual({ edges: ['a|has_tool|tool:t'], cost: 2, leg: 'U' });
  });

  it('a leg of two disjoint witnesses needs both cut', () => {
    const leg: FindingLeg = { name: 'E', role: 'sink', nodes: [], edges: [], witnesses: [w('a', 'tool:s1'), w('a', 'tool:s2')] };
    expect(legMinCut(leg, kindOf)).toEqual({ edges: ['a|has_tool|tool:s1', 'a|has_tool|tool:s2'], cost: 2, leg: 'E' });
  });

  it('picks the cheapest leg and offers the next-best as the alternative; edge-less legs cannot be cut', () => {
    const legs: FindingLeg[] = [
      { name: 'U', role: 'untrusted', nodes: [], edges: [], witnesses: [w('a', 'x')] },
      { name: 'E', role: 'sink', nodes: [], edges: [], witnesses: [w('a', 'tool:s')] },
      { name: 'flag', role: 'sink', nodes: [], edges: [], witnesses: [{ nodes: ['a'], edges: [] }] },
    ];
    expect(findingCut(legs, kindOf)).toEqual({ edges: ['a|has_tool|tool:s'], cost: 1, leg: 'E', alternative: { edges: ['a|reads|x'], cost: 3, leg: 'U' } });
  });

  it('a single-leg finding gets a disjoint alternative in the same leg', () => {
    const legs: FindingLeg[] = [{ name: 'U', role: 'untrusted', nodes: [], edges: [], witnesses: [w('a', 'tool:t', 'd')] }];
    const cut = findingCut(legs, kindOf)!;
    expect(cut).toMatchObject({ edges: ['a|has_tool|tool:t'], cost: 2 });
    expect(cut.alternative).toEqual({ edges: ['tool:t|reads|d'], cost: 3, leg: 'U' });
  });

  it('optional (context) legs are never proposed as cuts', () => {
    const legs: FindingLeg[] = [
      { name: 'U', role: 'untrusted', nodes: [], edges: [], witnesses: [w('a', 'x')] },
      { name: 'ctx', role: 'sink', nodes: [], edges: [], witnesses: [w('a', 'tool:s')], optional: true },
    ];
    expect(findingCut(legs, kindOf)!.leg).toBe('U');
  });

  it('removing the proposed cut resolves the finding on the real graph', () => {
    const nodes: NodeSpec[] = [n('ai_agent:a'), n('external:web'), n('data_store:d', { sensitivity: 'confidential' }), n('tool:send', { caps: ['external_send'] }), n('tool:mail', { caps: ['external_send'] })];
    const edges: EdgeSpec[] = [['ai_agent:a', 'reads', 'external:web'], ['ai_agent:a', 'reads', 'data_store:d'], ['ai_agent:a', 'has_tool', 'tool:send'], ['ai_agent:a', 'has_tool', 'tool:mail']];
    const graph = graphFrom(nodes, edges);
    const [f] = evaluateRules({ graph, mode: 'strict' });
    expect(f!.cut!.edges).toHaveLength(2);
    expect(evaluateRules({ graph, mode: 'strict', disabledEdges: toEdgeMask(graph, f!.cut!.edges).mask })).toEqual([]);
    expect(evaluateRules({ graph, mode: 'strict', disabledEdges: toEdgeMask(graph, f!.cut!.alternative!.edges).mask })).toEqual([]);
  });
});

const ctx = (over: Partial<NonNullable<Finding['context']>> = {}) => ({ zeroClick: false, prod: false, restricted: false, witnessPaths: 1, shortestPath: 1, ...over });
const finding = (rule: string, severity: Finding['severity'], over: Partial<NonNullable<Finding['context']>> = {}, extra: Partial<Finding> = {}): Finding => ({
  rule,
  severity,
  node: 'ai_agent:a',
  title: rule,
  evidence: { nodes: [], edges: [] },
  context: ctx(over),
  ...extra,
});

describe('ranking', () => {
  it('orders by severity, then zero-click, prod, restricted, witness count and path length', () => {
    const ranked = rankFindings([
      finding('f-medium', 'medium', { zeroClick: true, prod: true }),
      finding('f-high-plain', 'high'),
      finding('f-high-short', 'high', { witnessPaths: 3, shortestPath: 1 }),
      finding('f-high-long', 'high', { witnessPaths: 3, shortestPath: 4 }),
      finding('f-high-restricted', 'high', { restricted: true }),
      finding('f-high-prod', 'high', { prod: true }),
      finding('f-high-zero', 'high', { zeroClick: true }),
      finding('f-critical', 'critical'),
    ]);
    expect(ranked.map((f) => f.rule)).toEqual(['f-critical', 'f-high-zero', 'f-high-prod', 'f-high-restricted', 'f-high-short', 'f-high-long', 'f-high-plain', 'f-medium']);
    expect(ranked.map((f) => f.rank)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('puts assumed findings after strict ones of the same severity', () => {
    const ranked = rankFindings([finding('assumed', 'high', { zeroClick: true }, { assumed: ['x'] }), finding('strict', 'high')]);
    expect(ranked.map((f) => f.rule)).toEqual(['strict', 'assumed']);
  });

  it('ranks real findings: zero-click inbound email above a web page of the same severity', () => {
    const list = findings(
      [
        n('ai_agent:mail'),
        n('ai_agent:web'),
        n('external:inbox', { subtype: 'inbound_email' }),
        n('external:site', { subtype: 'web' }),
        n('tool:d', { caps: ['destructive'] }),
      ],
      [
        ['ai_agent:web', 'reads', 'external:site'],
        ['ai_agent:web', 'has_tool', 'tool:d'],
        ['ai_agent:mail', 'reads', 'external:inbox'],
        ['ai_agent:mail', 'has_tool', 'tool:d'],
      ],
    );
    expect(list.map((f) => `${f.node}:${f.context!.zeroClick}`)).toEqual(['ai_agent:mail:true', 'ai_agent:web:false']);
  });
});

describe('risk score', () => {
  it('is explainable: components sum to raw and the score follows the documented formula', () => {
    const s = riskScore('ai_agent:a', [finding('x', 'critical', { zeroClick: true }), finding('y', 'medium')], { node: 'ai_agent:a', reached: 10, crownJewels: 2, sensitive: 1 });
    expect(s.components.map((c) => [c.label, c.points])).toEqual([
      ['critical x', 60],
      ['medium y', 8],
      ['2 crown jewels reached', 4],
      ['1 sensitive stores reached', 1],
      ['8 other nodes reached', 1.6],
    ]);
    expect(s.raw).toBe(74.6);
    expect(s.score).toBe(Math.round(100 * (1 - Math.exp(-74.6 / 60))));
    expect(s.topSeverity).toBe('critical');
  });

  it('is monotone: another finding or more reach never lowers it', () => {
    const base = [finding('x', 'high')];
    const reach = { node: 'a', reached: 5, crownJewels: 1, sensitive: 1 };
    const s0 = riskScore('a', base, reach).score;
    expect(riskScore('a', [...base, finding('y', 'low')], reach).score).toBeGreaterThanOrEqual(s0);
    expect(riskScore('a', base, { ...reach, reached: 6 }).raw).toBeGreaterThan(riskScore('a', base, reach).raw);
    expect(riskScore('a', base, { ...reach, reached: 6, crownJewels: 2 }).raw).toBeGreaterThan(riskScore('a', base, { ...reach, reached: 6 }).raw);
    // property check over random additions
    let findingsSoFar: Finding[] = [];
    let last = -1;
    const sev: Finding['severity'][] = ['low', 'medium', 'high', 'critical'];
    for (let i = 0; i < 40; i++) {
      findingsSoFar = [...findingsSoFar, finding(`r${i}`, sev[(i * 7) % 4]!, { zeroClick: i % 3 === 0 })];
      const s = riskScore('a', findingsSoFar, { node: 'a', reached: i, crownJewels: Math.floor(i / 2), sensitive: Math.floor(i / 3) }).raw;
      expect(s).toBeGreaterThanOrEqual(last);
      last = s;
    }
  });

  it('scores every AI node of a graph, highest first', () => {
    const nodes: NodeSpec[] = [n('ai_agent:a'), n('ai_agent:quiet'), n('external:web'), n('tool:del', { caps: ['destructive'] })];
    const edges: EdgeSpec[] = [['ai_agent:a', 'reads', 'external:web'], ['ai_agent:a', 'has_tool', 'tool:del']];
    const graph = graphFrom(nodes, edges);
    const scores = scoreAiNodes(graph, evaluateRules({ graph, mode: 'strict' }));
    expect(scores.map((s) => s.node)).toEqual(['ai_agent:a', 'ai_agent:quiet']);
    expect(scores[0]!.score).toBeGreaterThan(0);
    expect(scores[1]!.score).toBe(0);
  });
});

describe('property spelling', () => {
  it('reads the catalog’s snake_case spelling when the camelCase one is absent', () => {
    const nodes: NodeSpec[] = [n('ai_agent:a'), n('external:web'), n('tool:d', { caps: ['destructive'], requires_approval: false })];
    const edges: EdgeSpec[] = [['ai_agent:a', 'reads', 'external:web'], ['ai_agent:a', 'has_tool', 'tool:d']];
    expect(findings(nodes, edges)[0]!.severity).toBe('critical');
    expect(findings(withNode(nodes, 'tool:d', { requiresApproval: true, requires_approval: false }), edges)[0]!.severity).toBe('high');
  });
});
