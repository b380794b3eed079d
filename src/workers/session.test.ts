/**
 * The analysis session behind the worker protocol: versions, questions by version (never the inventory
 * again), eviction and adoption, per-rule progress, and cancellation. Runs the same code the worker runs.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { analyzeAfterCuts } from '../graph/cut-analysis.ts';
import { diffInventories } from '../graph/diff.ts';
import { RULES, computeExposure, computeReach, evaluateRules } from '../graph/index.ts';
import type { RadiusData } from '../graph/radius-data.ts';
import { accessName } from '../model/index.ts';
import { fuzzInventory } from '../graph/rules/fuzz-inventory.ts';
import { graphFrom } from '../graph/test-helpers.ts';
import { cutMask, remediationPlan, whatIf } from '../graph/what-if.ts';

import { buildGraph } from '../graph/build-graph.ts';

import { startLoad } from './analysis-client.ts';
import { CANCELLED, SESSION_VERSIONS, STAGE_WEIGHTS, loadFraction } from './analysis-protocol.ts';
import type { LoadProgress, LoadResult, LoadStage } from './analysis-protocol.ts';
import { evaluateRulesStepwise } from './load-inventory.ts';
import { createSession } from './session.ts';

const estate = readFileSync(new URL('../../e2e/fixtures/small-estate.json', import.meta.url), 'utf8');
const sample = readFileSync(new URL('../../public/samples/sample-inventory.json', import.meta.url), 'utf8');
const texts = (text: string, file = 'estate.json') => ({ kind: 'texts' as const, texts: [{ file, text }] });

function ok(r: LoadResult): Extract<LoadResult, { ok: true }> {
  if (!r.ok) throw new Error(`load failed: ${JSON.stringify(r.problems)}`);
  return r;
}

// Real rule evaluations (cuts verified, as the load does): generous time for a loaded machine.
describe('the session: one place holds each inventory, questions name its version', { timeout: 120_000 }, () => {
  it('answers what-if, the analysis after cuts, plans and diffs by version, equal to the engine run directly', async () => {
    const session = createSession(false);
    const a = ok(await session.load(texts(estate)));
    expect(session.versions()).toEqual([a.version]);
    const graph = buildGraph(a.inventory);
    const cut = { edge: 'cred:fin-key|authenticates_as|nhi:fin' };
    const now = a.analysedAt!;

    const effective = await session.effective(a.version, [cut]);
    expect(effective).toEqual(analyzeAfterCuts(graph, [cut], { now, verifyCuts: true }));
    const review = await session.review(a.version, { cuts: [cut], source: 'agent:finance' });
    const direct = whatIf(graph, [cut], { source: 'agent:finance', now, findingsBefore: a.findings, findingsAfter: effective!.findings });
    expect(review?.whatIf?.reach).toEqual(direct.reach);
    expect(review?.whatIf?.findings).toEqual(direct.findings);
    expect(review?.choke.nodes.length).toBeGreaterThan(0);
    expect(await session.plan(a.version, [cut], 'Plan')).toBe(remediationPlan(graph, [cut], { title: 'Plan', now }));

    const doc = JSON.parse(estate) as { nodes: { id: string }[]; edges: { source: string; target: string }[] };
    const without = { ...doc, nodes: doc.nodes.filter((n) => n.id !== 'ds:repo'), edges: doc.edges.filter((e) => e.source !== 'ds:repo' && e.target !== 'ds:repo') };
    const b = ok(await session.load(texts(JSON.stringify(without))));
    expect(b.version).not.toBe(a.version);
    const diff = await session.diff(a.version, b.version);
    expect(diff).toEqual(diffInventories({ inventory: a.inventory, findings: a.findings }, { inventory: b.inventory, findings: b.findings }));
    expect(diff?.nodes.removed).toContain('ds:repo');
  });

  it('answers a selection\'s radius as typed arrays equal to the engine\'s reach and exposure, with the radius before the cuts', async () => {
    const session = createSession(false);
    const a = ok(await session.load(texts(estate)));
    const graph = buildGraph(a.inventory);
    const ids = (r: RadiusData) => [...r.nodes].map((v) => graph.nodes[v]!.id);
    const paths = (r: RadiusData) => [...r.nodes].map((_, i) => [...r.pathEdges.subarray(r.pathStart[i]!, r.pathStart[i + 1]!)].map((j) => graph.edges[j]!.id));

    const reach = (await session.radius(a.version, { focus: 'agent:support', mode: 'reach', hops: null, cuts: [] }))!;
    expect(reach.radius!.nodes).toBeInstanceOf(Uint32Array);
    expect(reach.radius!.hops).toBeInstanceOf(Uint8Array);
    const entries = computeReach(graph, 'agent:support').toEntries();
    expect(ids(reach.radius!)).toEqual(entries.map((e) => e.id));
    expect([...reach.radius!.hops]).toEqual(entries.map((e) => e.hops));
    expect([...reach.radius!.access].map((b) => accessName(b))).toEqual(entries.map((e) => e.access));
    expect(paths(reach.radius!)).toEqual(entries.map((e) => e.path));
    expect(reach.before).toBeNull();
    expect(reach.maxDepth).toBe(Math.max(...entries.map((e) => e.hops)));

    const exposure = (await session.radius(a.version, { focus: 'ds:crm', mode: 'exposure', hops: 1, cuts: [] }))!;
    const exposed = computeExposure(graph, 'ds:crm', { maxHops: 1 }).toEntries();
    expect(ids(exposure.radius!)).toEqual(exposed.map((e) => e.id));
    expect(paths(exposure.radius!)).toEqual(exposed.map((e) => e.path));
    // The slider's maximum is the unbounded exposure's depth, not the bound.
    expect(exposure.maxDepth).toBe(Math.max(...computeExposure(graph, 'ds:crm').toEntries().map((e) => e.hops)));

    // With a cut on the way: the radius after it, and the radius before it for the picture.
    const first = entries.find((e) => e.hops === 1)!;
    const cut = { edge: first.path[0]! };
    const cutAnswer = (await session.radius(a.version, { focus: 'agent:support', mode: 'reach', hops: null, cuts: [cut] }))!;
    expect(ids(cutAnswer.radius!)).toEqual(computeReach(graph, 'agent:support', { disabledEdges: cutMask(graph, [cut]).mask }).toEntries().map((e) => e.id));
    expect(ids(cutAnswer.before!)).toEqual(entries.map((e) => e.id));
    expect(cutAnswer.radius!.nodes.length).toBeLessThan(entries.length);

    expect(await session.radius(a.version, { focus: 'no:such-node', mode: 'reach', hops: null, cuts: [] })).toEqual({ radius: null, before: null, maxDepth: 0 });
    expect(await session.radius(a.version + 99, { focus: 'agent:support', mode: 'reach', hops: null, cuts: [] })).toBeNull();
  });

  it(`keeps the last ${SESSION_VERSIONS} inventories; an evicted version answers null, and adopt brings it back`, async () => {
    const session = createSession(false);
    const loaded: number[] = [];
    for (let i = 0; i < SESSION_VERSIONS + 1; i++) loaded.push(ok(await session.load(texts(estate))).version);
    expect(session.versions()).toEqual(loaded.slice(1));
    expect(await session.effective(loaded[0]!, [])).toBeNull();
    expect(await session.review(loaded[0]!, { cuts: [], source: null })).toBeNull();
    expect(await session.plan(loaded[0]!, [], 'x')).toBeNull();
    expect(await session.diff(loaded[0]!, loaded[1]!)).toBeNull();
    // Asking about a version touches it: the least recently asked goes first.
    await session.effective(loaded[1]!, []);
    const first = ok(await session.load(texts(estate)));
    const adopted = await session.adopt({ inventory: first.inventory, findings: first.findings, analysedAt: first.analysedAt! });
    expect(session.versions()).toContain(loaded[1]);
    expect(session.versions()).toContain(adopted);
    expect((await session.effective(adopted, []))?.findings).toEqual(first.findings);
    await session.release(adopted);
    expect(session.versions()).not.toContain(adopted);
  });

  it('evaluates the rules one at a time with the same ranked findings as one evaluateRules call', async () => {
    for (const graph of [buildGraph(ok(await createSession(false).load(texts(sample, 'sample.json'))).inventory), ...[3, 11].map((seed) => { const f = fuzzInventory(seed, 240, 3); return graphFrom(f.nodes, f.edges); })]) {
      const seen: string[] = [];
      const fractions: number[] = [];
      const stepwise = await evaluateRulesStepwise(graph, 1_700_000_000_000, (p) => void fractions.push(p.stageFraction!), { onRuleFindings: (rule) => void seen.push(rule) });
      expect(stepwise).toEqual(evaluateRules({ graph, mode: 'strict', now: 1_700_000_000_000, verifyCuts: true }));
      expect(seen).toEqual(RULES.map((r) => r.id));
      expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    }
  });

  it('reports a real fraction that only grows, stage by stage, with findings counted as rules finish', async () => {
    const session = createSession(false);
    const reports: LoadProgress[] = [];
    ok(await session.load(texts(sample, 'sample.json'), (p) => void reports.push(p)));
    const fractions = reports.map(loadFraction);
    expect(fractions).toEqual([...fractions].sort((x, y) => x - y));
    expect(new Set(reports.map((p) => p.stage))).toEqual(new Set<LoadStage>(['parsing', 'building', 'analysing']));
    const rules = reports.filter((p) => p.detail && RULES.some((r) => p.detail!.includes(r.name)));
    expect(rules).toHaveLength(RULES.length);
    expect(rules.at(-1)!.findingsSoFar).toBeGreaterThan(0);
    expect(loadFraction({ stage: 'reading', loaded: 50, total: 100 })).toBeCloseTo(STAGE_WEIGHTS.reading[1] / 2);
    expect(loadFraction({ stage: 'analysing', stageFraction: 1 })).toBe(1);
  });
});

describe('cancellation', { timeout: 120_000 }, () => {
  it('a cancelled load stops between stages and leaves the session as it was', async () => {
    const session = createSession(false);
    const kept = ok(await session.load(texts(estate)));
    const stages: string[] = [];
    const running = session.load(texts(sample, 'sample.json'), (p) => void stages.push(p.stage), 7);
    // The cancel arrives while the load waits between stages (as a message would in the worker).
    expect(await session.cancel(7)).toBe(true);
    const r = await running;
    expect(r).toMatchObject({ ok: false, cancelled: true, problems: [] });
    expect(stages).not.toContain('analysing');
    expect(session.versions()).toEqual([kept.version]);
    expect(await session.cancel(7)).toBe(false);
    expect((await session.effective(kept.version, []))?.findings).toEqual(kept.findings);
  });

  it('a cancel during the rules stops before the next rule', async () => {
    const session = createSession(false);
    let rulesStarted = 0;
    const running = session.load(
      texts(sample, 'sample.json'),
      (p) => {
        if (p.stage === 'analysing' && p.stageFraction !== undefined && p.stageFraction > 0 && ++rulesStarted === 3) void session.cancel(9);
      },
      9,
    );
    expect(await running).toMatchObject({ ok: false, cancelled: true });
    expect(rulesStarted).toBe(3);
    expect(session.versions()).toEqual([]);
  });

  it('a superseded analysis request is dropped before it starts', async () => {
    const session = createSession(false);
    const a = ok(await session.load(texts(estate)));
    const queued = session.effective(a.version, [{ edge: 'cred:fin-key|authenticates_as|nhi:fin' }], 3);
    expect(await session.cancel(3)).toBe(true);
    await expect(queued).rejects.toThrow(CANCELLED);
  });

  it('a superseded radius question is dropped before it starts', async () => {
    const session = createSession(false);
    const a = ok(await session.load(texts(estate)));
    const queued = session.radius(a.version, { focus: 'agent:support', mode: 'reach', hops: null, cuts: [] }, 4);
    expect(await session.cancel(4)).toBe(true);
    await expect(queued).rejects.toThrow(CANCELLED);
  });

  it('the client settles a cancelled load at once as cancelled, and a later result is not used', async () => {
    const progress: LoadProgress[] = [];
    const handle = startLoad(texts(sample, 'sample.json'), (p) => void progress.push(p));
    handle.cancel();
    expect(await handle.result).toMatchObject({ ok: false, cancelled: true });
    // The cancelled load stopped at its first stage boundary; nothing after the cancel reached the page.
    expect(progress.map((p) => p.stage)).not.toContain('analysing');
  });
});
