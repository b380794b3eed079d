/**
 * The analysis after the cuts as the app publishes it: ReviewEffects computes it (on the main thread here:
 * jsdom has no Worker) and every view reads it through useEffectiveAnalysis. Checked against the engine run
 * directly, including the previous figures kept while a new cut is computed, and undo/redo from the cache.
 */
import { act, render, renderHook, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it } from 'vitest';

import { analyzeAfterCuts } from '../../graph/cut-analysis.ts';
import { evaluateRules, summarizeAiNodes } from '../../graph/index.ts';
import type { Cut } from '../../graph/what-if.ts';
import { DEFAULT_VIEW } from '../../lib/url-state.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { effectiveView, useEffectiveAnalysis, useEffectiveStore } from '../../store/effective-store.ts';
import { useReviewStore } from '../../store/review-store.ts';
import { smallEstateGraph } from '../../test/small-estate.ts';
import { BoardPage } from '../board/board-page.tsx';
import { FindingsPage } from '../findings/findings-page.tsx';

import { findingKey } from './decisions.ts';
import { peekEffectiveAnalysis } from './review-client.ts';
import { ReviewEffects } from './review-effects.tsx';

const NOW = Date.parse('2026-11-21T00:00:00Z');

function dataset(): Dataset {
  const graph = smallEstateGraph();
  return {
    label: 'small-estate.json',
    inventory: { nodes: graph.nodes, edges: graph.edges, warnings: [], meta: { files: [], extra: {}, generatedAt: '2026-11-20T00:00:00Z' } },
    graph,
    summaries: summarizeAiNodes(graph),
    findings: evaluateRules({ graph, mode: 'strict', now: NOW }),
    rulesEvaluated: 19,
    analysedAt: NOW,
    timings: { readMs: 0, parseMs: 0, buildMs: 0, analyseMs: 0 },
    ranInWorker: false,
  };
}

// The Finance agent's key → finance-sa edge (its path to the ledger: radius 3 → 1), and the cut that resolves the
// support bot's public-bot finding (the index no longer built over the staff notes: radius 7 → 6).
const FIN: Cut = { edge: 'cred:fin-key|authenticates_as|nhi:fin' };
const KB: Cut = { edge: 'vs:kb|indexes|ds:notes' };

beforeEach(() => {
  // ReviewEffects reads the cuts from the URL when it mounts: start from a clean one.
  window.history.replaceState(null, '', '/');
  useReviewStore.setState({ cuts: [], past: [], future: [], resolvedByCuts: new Set() });
  useEffectiveStore.setState({ dataset: null, entries: new Map(), shown: null, error: null });
});

function setup() {
  const d = dataset();
  useAppStore.setState({ status: 'ready', dataset: d, view: { ...DEFAULT_VIEW } });
  render(<ReviewEffects />);
  const hook = renderHook(() => useEffectiveAnalysis(d));
  return { d, hook };
}

describe('the analysis after the cuts, published for every view', () => {
  it('no cuts: the loaded figures, at once', () => {
    const { d, hook } = setup();
    expect(hook.result.current.summaries).toBe(d.summaries);
    expect(hook.result.current.findings).toBe(d.findings);
    expect(hook.result.current.applied).toEqual([]);
    expect(hook.result.current.pending).toBe(false);
  });

  it('a cut: the engine’s summaries and findings without that edge; the resolved findings marked for the cards', async () => {
    const { d, hook } = setup();
    const expected = analyzeAfterCuts(d.graph, [FIN], { now: NOW, verifyCuts: true });
    act(() => useReviewStore.getState().addCuts([FIN]));
    // Until the analysis arrives the loaded figures stay, marked pending (never blank).
    expect(hook.result.current.findings).toBe(d.findings);
    expect(hook.result.current.pending).toBe(true);
    await waitFor(() => expect(hook.result.current.pending).toBe(false));
    expect(hook.result.current.summaries).toEqual(expected.summaries);
    expect(hook.result.current.findings).toEqual(expected.findings);
    expect(hook.result.current.applied).toEqual([FIN]);
    const finance = hook.result.current.summaries.find((s) => s.node === 'agent:finance')!;
    expect(finance.reached).toBeLessThan(d.summaries.find((s) => s.node === 'agent:finance')!.reached);
    const gone = d.findings.filter((f) => !expected.findings.some((g) => g.rule === f.rule && g.node === f.node));
    expect(hook.result.current.resolved).toEqual(gone);
    expect([...useReviewStore.getState().resolvedByCuts].sort()).toEqual(gone.map(findingKey).sort());
  });

  it('a second cut keeps the first cut’s figures while it computes; undo and redo come from the cache at once', async () => {
    const { d, hook } = setup();
    act(() => useReviewStore.getState().addCuts([FIN]));
    await waitFor(() => expect(hook.result.current.pending).toBe(false));
    const first = hook.result.current.findings;
    const second: Cut = { edge: d.findings[0]!.cut!.edges[0]! };
    act(() => useReviewStore.getState().addCuts([second]));
    expect(hook.result.current.pending).toBe(true);
    expect(hook.result.current.findings).toBe(first);
    expect(hook.result.current.applied).toEqual([FIN]);
    await waitFor(() => expect(hook.result.current.applied).toHaveLength(2));
    expect(hook.result.current.findings).toEqual(analyzeAfterCuts(d.graph, [FIN, second], { now: NOW, verifyCuts: true }).findings);
    const both = hook.result.current.findings;

    act(() => useReviewStore.getState().undo());
    expect(hook.result.current.pending).toBe(false);
    expect(hook.result.current.findings).toBe(first);
    act(() => useReviewStore.getState().redo());
    expect(hook.result.current.pending).toBe(false);
    expect(hook.result.current.findings).toBe(both);
    // The client's cache answers for the same switched-off edges in another order.
    expect(peekEffectiveAnalysis(d, [second, FIN])?.analysis.findings).toBe(both);
    act(() => useReviewStore.getState().undo());
    act(() => useReviewStore.getState().undo());
    expect(hook.result.current.findings).toBe(d.findings);
    expect(useReviewStore.getState().resolvedByCuts.size).toBe(0);
  });

  it('effectiveView: findings that appear only after the cuts are listed as added', () => {
    const d = dataset();
    const extra = { ...d.findings[0]!, rule: 'made-up', node: 'agent:finance' };
    const analysis = { summaries: d.summaries, findings: [...d.findings.slice(1), extra], disabledEdges: [] };
    const v = effectiveView(d, [FIN], { dataset: d, cuts: [FIN], signature: '1', analysis, inWorker: false }, false, null);
    expect(v.resolved).toEqual([d.findings[0]]);
    expect(v.added).toEqual([extra]);
  });
});

describe('views after the cuts', () => {
  it('the Findings view lists the findings after the cuts, says so, and folds the resolved ones', async () => {
    const { d, hook } = setup();
    render(<FindingsPage dataset={d} />);
    act(() => useReviewStore.getState().addCuts([FIN, KB]));
    await waitFor(() => expect(hook.result.current.pending).toBe(false));
    const region = screen.getByRole('region', { name: 'Findings' });
    const after = hook.result.current.findings;
    expect(after.length).toBeLessThan(d.findings.length);
    expect(within(region).getByTestId('what-if-banner')).toHaveTextContent('What-if: 2 cuts applied');
    expect(within(region).getByTestId('findings-count')).toHaveTextContent(`${after.length} findings after 2 what-if cuts (${d.findings.length} as loaded)`);
    expect(region.querySelectorAll('button[data-finding-row]')).toHaveLength(after.length);
    for (const f of hook.result.current.resolved) {
      expect(region.querySelector(`button[data-finding-row][data-rule="${f.rule}"][data-node="${f.node}"]`)).toBeNull();
      expect(within(region).getByTestId('findings-resolved')).toHaveTextContent(f.title);
    }
  });

  it('the board shows before → after and a banner; clearing the cuts brings back the loaded board', async () => {
    const { d, hook } = setup();
    useAppStore.setState({ view: { ...DEFAULT_VIEW, view: 'board' } });
    render(<BoardPage dataset={d} />);
    const region = screen.getByRole('region', { name: 'Risk board' });
    expect(within(region).queryByTestId('what-if-banner')).toBeNull();
    const blast = within(region).getByRole('group', { name: 'Largest blast radius' });
    const largestBefore = d.summaries[0]!.reached;
    expect(blast).toHaveTextContent(`${largestBefore} nodes`);

    act(() => useReviewStore.getState().addCuts([FIN, KB]));
    await waitFor(() => expect(hook.result.current.pending).toBe(false));
    expect(within(region).getByTestId('what-if-banner')).toHaveTextContent('What-if: 2 cuts applied');
    expect(within(region).getByRole('list', { name: 'What-if cuts' })).toHaveTextContent(/Finance API key/);
    const largestAfter = hook.result.current.summaries[0]!.reached;
    expect(within(blast).getByTestId('kpi-before')).toHaveTextContent(String(largestBefore));
    expect(blast).toHaveTextContent(`${largestAfter} nodes`);
    expect(region).toHaveTextContent(`${hook.result.current.findings.length} toxic combinations`);

    await act(async () => within(region).getByRole('button', { name: 'Clear cuts' }).click());
    expect(within(region).queryByTestId('what-if-banner')).toBeNull();
    expect(within(blast).queryByTestId('kpi-before')).toBeNull();
  });
});
