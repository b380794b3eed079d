/**
 * The board's figures against inventories whose answers are known by construction, and against the
 * built-in sample cross-checked with a different code path of the engine (per-source BFS).
 */
import { describe, expect, it } from 'vitest';

import { buildGraph, computeReach, evaluateRules, summarizeAiNodes } from '../../../graph/index.ts';
import type { Finding, InventoryGraph } from '../../../graph/index.ts';
import { parseInventory } from '../../../model/index.ts';
import { isAiNode, isCrownJewel } from '../../../model/type-guards.ts';
import type { Inventory } from '../../../model/types.ts';

import { buildBoard, cutBreaksWitnesses, snapshotAge } from './board-model.ts';
import type { BoardModel } from './board-model.ts';
import { frameworkCodes } from './frameworks.ts';
import { explorerHref } from './links.ts';
import { riskSentence } from '../../../lib/plain-language.ts';
import { boardMarkdown, mdText } from './markdown.ts';
import { computeTrend, olderFirst, snapshotChanges } from './trend.ts';
import sample from '../../../../public/samples/sample-inventory.json';

const NOW = Date.parse('2026-11-22T06:00:00Z');

function parse(json: unknown): Inventory {
  const r = parseInventory({ json });
  if (!r.ok) throw new Error(r.errors.map((e) => e.message).join('\n'));
  return r.inventory;
}

/**
 * Finance agent: the lethal trifecta by construction (reads an inbox anyone can mail, reads restricted
 * reports, can send email anywhere). Marketing bot: unsanctioned, reaches an unlabelled wiki through a tool
 * with no capabilities. A model with no owner and no edges. A confidential vault nobody reaches.
 */
function estate(generatedAt = '2026-11-20T08:00:00Z', extra: { nodes?: unknown[]; edges?: unknown[] } = {}) {
  return {
    format: 'pathlight-inventory',
    version: 1,
    generatedAt,
    source: { name: 'fixture estate' },
    nodes: [
      { id: 'human:nina', kind: 'human', name: 'Nina Kowalski', title: 'Financial Controller' },
      { id: 'human:ola', kind: 'human', name: 'Ola Berg' },
      { id: 'human:pat', kind: 'human', name: 'Pat' },
      { id: 'human:quinn', kind: 'human', name: 'Quinn' },
      { id: 'group:all', kind: 'group', name: 'All staff' },
      { id: 'group:finance', kind: 'group', name: 'Finance' },
      { id: 'group:marketing', kind: 'group', name: 'Marketing' },
      { id: 'agent:fin', kind: 'ai_agent', name: 'Finance agent', owner: 'human:nina', sanctioned: true },
      { id: 'agent:bot', kind: 'ai_agent', name: 'Marketing bot', owner: 'human:ola', sanctioned: false },
      { id: 'model:llm', kind: 'model', name: 'Some model' },
      { id: 'tool:read-inbox', kind: 'tool', name: 'read_inbox', caps: ['untrusted_content', 'private_data'] },
      { id: 'tool:search', kind: 'tool', name: 'search_reports', caps: ['private_data', 'file_read'] },
      { id: 'tool:send', kind: 'tool', name: 'send_email', caps: ['external_send'], requiresApproval: false },
      { id: 'tool:mystery', kind: 'tool', name: 'mystery' },
      { id: 'ds:inbox', kind: 'data_store', name: 'AP inbox', exposure: 'external_inbound', sensitivity: 'confidential' },
      { id: 'ds:reports', kind: 'data_store', name: 'Quarterly reports', sensitivity: 'restricted' },
      { id: 'ds:wiki', kind: 'data_store', name: 'Wiki' },
      { id: 'ds:vault', kind: 'data_store', name: 'Vault DB', sensitivity: 'confidential' },
      { id: 'ext:mail', kind: 'external', name: 'Inbound email' },
      { id: 'ext:anyone', kind: 'external', name: 'Any recipient' },
      ...(extra.nodes ?? []),
    ],
    edges: [
      ...['human:nina', 'human:ola', 'human:pat', 'human:quinn'].map((h) => ({ source: h, kind: 'member_of', target: 'group:all' })),
      { source: 'human:nina', kind: 'member_of', target: 'group:finance' },
      { source: 'human:ola', kind: 'member_of', target: 'group:marketing' },
      { source: 'ext:mail', kind: 'writes', target: 'ds:inbox' },
      { source: 'agent:fin', kind: 'has_tool', target: 'tool:read-inbox' },
      { source: 'agent:fin', kind: 'has_tool', target: 'tool:search' },
      { source: 'agent:fin', kind: 'has_tool', target: 'tool:send' },
      { source: 'tool:read-inbox', kind: 'reads', target: 'ds:inbox' },
      { source: 'tool:search', kind: 'reads', target: 'ds:reports' },
      { source: 'tool:send', kind: 'sends', target: 'ext:anyone' },
      { source: 'agent:bot', kind: 'has_tool', target: 'tool:mystery' },
      { source: 'agent:bot', kind: 'reads', target: 'ds:wiki' },
      ...(extra.edges ?? []),
    ],
  };
}

function boardOf(inventory: Inventory, label = 'fixture.json'): { model: BoardModel; graph: InventoryGraph; findings: Finding[] } {
  const graph = buildGraph(inventory);
  const findings = evaluateRules({ graph, mode: 'strict', now: NOW });
  return { model: buildBoard({ label, inventory, graph, findings, summaries: summarizeAiNodes(graph) }, { now: NOW }), graph, findings };
}

describe('buildBoard on a fixture estate', () => {
  const { model, findings } = boardOf(parse(estate()));

  it('counts AI integrations by sanction status', () => {
    expect(model.headline.ai).toEqual({ total: 3, sanctioned: 1, unsanctioned: 1, unstated: 1, unsanctionedNodes: ['agent:bot'] });
  });

  it('flags only the finance agent, with a critical combination', () => {
    expect(findings.some((f) => f.rule === 'lethal-trifecta' && f.node === 'agent:fin')).toBe(true);
    expect(model.headline.flagged).toMatchObject({ count: 1, critical: 1, high: 0, link: { node: 'agent:fin' } });
  });

  it('counts crown jewels reachable from any AI integration (inbox and reports, not the vault)', () => {
    expect(model.headline.crownJewels).toMatchObject({ total: 3, reachable: 2, topNode: 'agent:fin', topCount: 2 });
    expect(model.headline.crownJewels.share).toBeCloseTo(2 / 3);
  });

  it('names the largest blast radius: the finance agent reaches 3 tools, 2 stores and the recipient', () => {
    const n = model.counts.nodes;
    expect(model.headline.largestBlast).toMatchObject({ node: 'agent:fin', name: 'Finance agent', reached: 6, crownJewels: 2 });
    expect(model.headline.largestBlast!.share).toBeCloseTo(6 / (n - 1));
  });

  it('writes the top risk as a sentence with the cheapest fix', () => {
    const top = model.topRisks[0]!;
    expect(top.node).toBe('agent:fin');
    expect(top.severity).toBe('critical');
    expect(top.sentence).toBe('Finance agent can be steered by content from AP inbox into sending Quarterly reports out through send_email.');
    expect(top.fix).toBe('Remove the tool “send_email” from Finance agent.');
    expect(top.more).toBe(findings.filter((f) => f.node === 'agent:fin').length - 1);
  });

  it('ranks the cut that closes the trifecta and measures the reach it removes', () => {
    const cut = model.topCuts.find((c) => c.edges.some((e) => e.id === 'agent:fin|has_tool|tool:send'));
    expect(cut).toBeDefined();
    expect(cut!.closes.critical).toBeGreaterThanOrEqual(1);
    expect(cut!.closedNodes).toEqual(['agent:fin']);
    // Before: finance 6 + bot 2 (wiki, mystery tool) + model 0. Without has_tool→send: send and the recipient go.
    expect(cut!.reachBefore).toBe(8);
    expect(cut!.reachAfter).toBe(6);
    expect(cut!.link).toEqual({ from: 'agent:fin', to: 'tool:send' });
    // Every listed cut does something.
    for (const c of model.topCuts) expect(c.closesTotal > 0 || c.reachAfter < c.reachBefore).toBe(true);
  });

  it('the witness-path estimate agrees with the engine on the fixture', () => {
    const inv = parse(estate());
    const graph = buildGraph(inv);
    const witness = buildBoard({ label: 'w', inventory: inv, graph, findings }, { now: NOW, cutCheck: 'witness' });
    const engine = buildBoard({ label: 'e', inventory: inv, graph, findings }, { now: NOW, cutCheck: 'engine' });
    expect(witness.topCuts.every((c) => c.method === 'witness')).toBe(true);
    expect(witness.topCuts.map((c) => [c.action, c.closes, c.reachAfter])).toEqual(engine.topCuts.map((c) => [c.action, c.closes, c.reachAfter]));
  });

  it('a cut breaks a finding only when every witness of one required leg uses a removed edge', () => {
    const trifecta = findings.find((f) => f.rule === 'lethal-trifecta')!;
    expect(cutBreaksWitnesses(trifecta, new Set(['agent:fin|has_tool|tool:send']))).toBe(true);
    expect(cutBreaksWitnesses(trifecta, new Set(['human:nina|member_of|group:all']))).toBe(false);
  });

  it('groups risk by owner and by business unit (the all-staff group is not a unit)', () => {
    expect(model.byOwner.map((r) => [r.label, r.note, r.nodes])).toEqual([['Nina Kowalski', 'Financial Controller', 1]]);
    expect(model.byOwner[0]!.total).toBe(findings.length);
    expect(model.byUnit.map((r) => r.label)).toEqual(['Finance']);
    expect(model.byUnit[0]!.link).toEqual({ node: 'agent:fin' });
  });

  it('maps findings onto every pinned edition, the 2026 LLM list renumbered', () => {
    expect(model.frameworks.map((g) => g.framework)).toEqual(['owasp-llm-2025', 'owasp-llm-2026', 'owasp-agentic-2026', 'owasp-mcp-2025-beta', 'mitre-atlas-2026.07', 'nist-ai-600-1', 'iso-42001-2023']);
    const llm = model.frameworks.find((g) => g.framework === 'owasp-llm-2025')!;
    expect(llm.rows.find((r) => r.code === 'LLM01')).toMatchObject({ name: 'Prompt injection', nodes: 1, worst: 'critical' });
    expect(llm.rows.find((r) => r.code === 'LLM06')).toMatchObject({ name: 'Excessive agency' });
    const llm2026 = model.frameworks.find((g) => g.framework === 'owasp-llm-2026')!;
    expect(llm2026.rows.find((r) => r.code === 'LLM03')).toMatchObject({ name: 'Excessive agency' });
    const atlas = model.frameworks.find((g) => g.framework === 'mitre-atlas-2026.07')!;
    expect(atlas.rows.map((r) => r.code)).toContain('AML.T0051.001');
    const agentic = model.frameworks.find((g) => g.framework === 'owasp-agentic-2026')!;
    expect(agentic.rows.map((r) => r.code)).toContain('ASI01');
  });

  it('counts findings by lifecycle stage and enterprise risk category, every stage and category listed', () => {
    expect(model.lenses.lifecycle.map((r) => r.id)).toEqual(['data', 'training-fine-tuning', 'deployment', 'runtime', 'infrastructure', 'governance']);
    expect(model.lenses.riskCategory).toHaveLength(5);
    const runtime = model.lenses.lifecycle.find((r) => r.id === 'runtime')!;
    expect(runtime.items.map((i) => i.rule)).toContain('lethal-trifecta');
    expect(runtime.findings.critical).toBeGreaterThan(0);
    const total = (rows: readonly { total: number }[]) => rows.reduce((n, r) => n + r.total, 0);
    expect(total(model.lenses.lifecycle)).toBe(findings.length - model.lenses.unmapped);
    expect(total(model.lenses.riskCategory)).toBe(findings.length - model.lenses.unmapped);
  });

  it('reports data confidence: one unlabelled store of four, one tool of four without caps, one AI node without owner', () => {
    const c = model.confidence;
    expect(c.dataStores).toEqual({ total: 4, unknown: 1, example: 'ds:wiki' });
    expect(c.tools).toEqual({ total: 4, unknown: 1, example: 'tool:mystery' });
    expect(c.aiOwners).toEqual({ total: 3, unknown: 1, example: 'model:llm' });
    expect(c.snapshot).toEqual({ generatedAt: '2026-11-20T08:00:00Z', ageDays: 1, freshness: 'fresh' });
    expect(c.level).toBe('low'); // a third of the AI integrations have no owner
  });
});

describe('board edge cases', () => {
  it('an estate with no findings and no AI reach has an honest, empty board', () => {
    const inv = parse({ format: 'pathlight-inventory', version: 1, nodes: [{ id: 'ds:a', kind: 'data_store', sensitivity: 'restricted' }], edges: [] });
    const { model } = boardOf(inv);
    expect(model.headline.ai.total).toBe(0);
    expect(model.headline.crownJewels).toMatchObject({ total: 1, reachable: 0, share: 0, link: null });
    expect(model.headline.largestBlast).toBeNull();
    expect(model.topRisks).toEqual([]);
    expect(model.topCuts).toEqual([]);
    expect(model.confidence.snapshot.freshness).toBe('unknown');
  });

  it('a rules failure is reported as missing figures, never as a clean bill of health', () => {
    const inv = parse(estate());
    const graph = buildGraph(inv);
    const model = buildBoard({ label: 'x', inventory: inv, graph, findings: [], findingsError: 'rule crashed' }, { now: NOW });
    expect(model.findingsError).toBe('rule crashed');
    expect(model.confidence.level).toBe('low');
    expect(model.confidence.reasons[0]).toContain('could not be evaluated');
    expect(boardMarkdown(model, { baseUrl: 'https://x/', trend: computeTrend([model]) })).toContain('Risk figures are missing, not zero');
  });

  it('snapshot age: fresh, ageing, stale, unreadable', () => {
    expect(snapshotAge('2026-11-22T00:00:00Z', NOW)).toMatchObject({ ageDays: 0, freshness: 'fresh' });
    expect(snapshotAge('2026-11-01T00:00:00Z', NOW)).toMatchObject({ ageDays: 21, freshness: 'aging' });
    expect(snapshotAge('2026-09-01T00:00:00Z', NOW)).toMatchObject({ freshness: 'stale' });
    expect(snapshotAge('yesterday', NOW)).toEqual({ generatedAt: 'yesterday', ageDays: null, freshness: 'unknown' });
  });

  it('a business unit field wins over group membership, and a free-text owner is kept as text', () => {
    const inv = parse(
      estate(undefined, {
        nodes: [],
        edges: [],
      }),
    );
    const patched = {
      ...inv,
      nodes: inv.nodes.map((n) => (n.id === 'agent:fin' ? { ...n, fields: { ...n.fields, owner: 'Finance platform team', businessUnit: 'Group Finance' } } : n)),
    };
    const { model } = boardOf(patched);
    expect(model.byOwner[0]).toMatchObject({ label: 'Finance platform team', note: null });
    expect(model.byUnit[0]).toMatchObject({ label: 'Group Finance' });
  });

  it('reads framework codes from the core mapping, and from tags for a rule it does not know', () => {
    expect(frameworkCodes({ rule: 'custom', tags: ['OWASP LLM01', 'LLM02', 'ASI03', 'T6', 'ATLAS AML.T0051.001', 'AML.T0085', 'CoSAI riskX', 'LLM11', 'LLM01'] })).toEqual([
      { framework: 'owasp-llm-2025', code: 'LLM01' },
      { framework: 'owasp-llm-2025', code: 'LLM02' },
      { framework: 'owasp-agentic-2026', code: 'ASI03' },
      { framework: 'mitre-atlas-2026.07', code: 'AML.T0051.001' },
      { framework: 'mitre-atlas-2026.07', code: 'AML.T0085' },
    ]);
    expect(frameworkCodes({ rule: 'unbounded-ai-key' })).toEqual(expect.arrayContaining([{ framework: 'owasp-llm-2026', code: 'LLM06' }, { framework: 'owasp-mcp-2025-beta', code: 'MCP01' }]));
  });
});

describe('trend', () => {
  it('says plainly when only one snapshot is loaded', () => {
    const { model } = boardOf(parse(estate()));
    const t = computeTrend([model]);
    expect(t).toMatchObject({ kind: 'none', snapshots: 1, message: expect.stringContaining('Only one snapshot is loaded (taken 2026-11-20)') });
  });

  it('orders snapshots by date and reports the change', () => {
    const later = boardOf(parse(estate('2026-11-20T08:00:00Z'))).model;
    // The earlier snapshot had no send tool: no trifecta, a smaller blast radius.
    const earlierInv = parse(estate('2026-10-01T08:00:00Z'));
    const earlier = boardOf({ ...earlierInv, edges: earlierInv.edges.filter((e) => e.target !== 'tool:send') }).model;
    const t = computeTrend([later, earlier]);
    expect(t.kind).toBe('series');
    if (t.kind !== 'series') return;
    expect(t.points.map((p) => p.generatedAt)).toEqual(['2026-10-01T08:00:00Z', '2026-11-20T08:00:00Z']);
    expect(t.delta.largestBlast).toBe(2);
    expect(t.delta.criticalFindings).toBeGreaterThanOrEqual(1);
  });

  it('says what changed between two snapshots, older first whatever the order given', () => {
    const laterInv = parse(estate('2026-11-20T08:00:00Z'));
    const earlierRaw = parse(estate('2026-10-01T08:00:00Z'));
    const earlierInv = { ...earlierRaw, edges: earlierRaw.edges.filter((e) => e.target !== 'tool:send') };
    const side = (inventory: Inventory) => {
      const graph = buildGraph(inventory);
      return { inventory, graph, findings: evaluateRules({ graph, mode: 'strict', now: NOW }) };
    };
    const later = side(laterInv);
    const earlier = side(earlierInv);
    const [older, newer] = olderFirst(later, earlier);
    expect(older).toBe(earlier);
    const changes = snapshotChanges(older, newer);
    expect(changes[0]).toMatch(/^\d+ new toxic combinations?/);
    expect(changes.some((c) => c.includes('Finance agent'))).toBe(true);
    expect(snapshotChanges(later, side(laterInv))).toEqual(['Nothing changed between the two snapshots.']);
    const md = boardMarkdown(boardOf(laterInv).model, { baseUrl: 'https://x/', trend: computeTrend([boardOf(laterInv).model, boardOf(earlierInv).model], changes) });
    expect(md).toContain(`- ${mdText(changes[0]!)}`);
  });
});

describe('markdown export', () => {
  const { model } = boardOf(parse(estate()));
  const md = boardMarkdown(model, { baseUrl: 'https://pathlight.example/', trend: computeTrend([model]) });

  it('carries the same headline figures and the links back to the explorer', () => {
    expect(md).toContain('**AI integrations:** 3 (1 sanctioned, 1 unsanctioned, 1 not stated)');
    expect(md).toContain('67% (2 of 3)');
    expect(md).toContain(`(<https://pathlight.example/${explorerHref({ node: 'agent:fin' })}>)`);
    expect(md).toContain('*Cheapest fix:* Remove the tool “send\\_email” from Finance agent.');
    expect(md).toContain('8 → 6 (−25%)');
    expect(md).toContain('Only one snapshot is loaded');
  });

  it('escapes labels so a name cannot inject markup or links', () => {
    expect(mdText('[click](http://evil) <img> | x\n# h')).toBe('\\[click\\](http://evil) \\<img\\> \\| x \\# h');
  });
});

describe('the built-in sample', () => {
  const inventory = (() => {
    const r = parseInventory({ file: 'sample-inventory.json', json: sample });
    if (!r.ok) throw new Error('sample does not parse');
    return r.inventory;
  })();
  const { model, graph, findings } = boardOf(inventory, 'sample-inventory.json');

  it('matches an independent count over the inventory and a per-source BFS', () => {
    const ai = graph.nodes.filter((n) => isAiNode(n));
    expect(model.headline.ai.total).toBe(ai.length);
    expect(model.headline.ai.sanctioned).toBe(ai.filter((n) => n.fields['sanctioned'] === true).length);
    expect(model.headline.ai.unsanctioned).toBe(ai.filter((n) => n.fields['sanctioned'] === false).length);
    const reached = new Set<number>();
    let largest = 0;
    for (const n of ai) {
      const r = computeReach(graph, n.id);
      largest = Math.max(largest, r.size);
      for (const v of r.nodes()) reached.add(v);
    }
    const jewels = graph.nodes.map((n, i) => [n, i] as const).filter(([n]) => isCrownJewel(n));
    expect(model.headline.crownJewels.total).toBe(jewels.length);
    expect(model.headline.crownJewels.reachable).toBe(jewels.filter(([, i]) => reached.has(i)).length);
    expect(model.headline.largestBlast!.reached).toBe(largest);
    const flagged = new Set(findings.filter((f) => (f.severity === 'critical' || f.severity === 'high') && ai.some((n) => n.id === f.node)).map((f) => f.node));
    expect(model.headline.flagged.count).toBe(flagged.size);
  });

  it('tells the finance story in plain words; taking read_mailbox away closes both of its critical findings', () => {
    const fin = model.topRisks.find((r) => r.node === 'agent:finance-agent')!;
    expect(fin.sentence).toBe(
      'Finance assistant (AP & close) can be steered by content from ap@northwind-analytics.com mailbox into sending Quarterly financial reports (pre-release) out through send_email (any recipient).',
    );
    expect(fin.fix).toBe('Remove the tool “send_email (any recipient)” from Finance assistant (AP & close).');
    const cut = model.topCuts.find((c) => c.edges.some((e) => e.id === 'agent:finance-agent|has_tool|tool:read-ap-mailbox'))!;
    expect(cut.closedNodes).toEqual(['agent:finance-agent']);
    expect(cut.closes.critical).toBe(2);
    expect(cut.reachAfter).toBeLessThan(cut.reachBefore);
    // Cuts are ordered by the critical and high findings they close.
    const serious = model.topCuts.map((c) => c.closes.critical + c.closes.high);
    expect([...serious].sort((a, b) => b - a)).toEqual(serious);
  });

  it('names the poisoned store, not whatever wrote into it; rules without named parts keep the general clause', () => {
    const sales = findings.find((f) => f.rule === 'retrieval-poisoning' && f.node === 'agent:sales-assistant')!;
    expect(riskSentence(graph, sales)).toBe('Sales assistant acts on Shared account-insights memory, which untrusted content can write into.');
    const deputy = findings.find((f) => f.rule === 'delegation-confused-deputy')!;
    expect(riskSentence(graph, deputy)).toMatch(/ passes privileges between agents without checking who is asking\.$/);
  });

  it('every framework row and breakdown row links to a node that has a finding', () => {
    const nodes = new Set(findings.map((f) => f.node));
    for (const g of model.frameworks) for (const r of g.rows) expect(nodes.has('node' in r.link ? r.link.node : '')).toBe(true);
    for (const r of [...model.byOwner, ...model.byUnit]) expect(nodes.has('node' in r.link ? r.link.node : '')).toBe(true);
    expect(model.byUnit.map((r) => r.label)).not.toContain('All staff');
  });
});
