import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { evaluateRules, summarizeAiNodes } from '../../graph/index.ts';
import { DEFAULT_VIEW } from '../../lib/url-state.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { smallEstateGraph } from '../../test/small-estate.ts';

import { BoardPage } from './board-page.tsx';

function dataset(): Dataset {
  const graph = smallEstateGraph();
  // A label that looks like markup must come out as text.
  const nodes = graph.nodes.map((n) => (n.id === 'agent:support' ? { ...n, name: '<img src=x onerror=alert(1)>Support bot' } : n));
  const g = { ...graph, nodes };
  return {
    version: 0,
    label: 'small-estate.json',
    inventory: { nodes, edges: graph.edges, warnings: [], meta: { files: [], extra: {}, generatedAt: '2026-11-01T00:00:00Z' } },
    graph: g,
    summaries: summarizeAiNodes(g),
    findings: evaluateRules({ graph: g, mode: 'strict' }),
    rulesEvaluated: 19,
    timings: { readMs: 0, parseMs: 0, buildMs: 0, analyseMs: 0 },
    ranInWorker: false,
  };
}

beforeEach(() => {
  useAppStore.setState({ view: { ...DEFAULT_VIEW, view: 'board' } });
});

describe('BoardPage', () => {
  it('has a designed empty state when no inventory is loaded', () => {
    render(<BoardPage dataset={null} />);
    const region = screen.getByRole('region', { name: 'Risk board' });
    expect(within(region).getByRole('heading', { name: 'No inventory loaded' })).toBeInTheDocument();
    expect(within(region).getByRole('button', { name: 'Open the sample estate' })).toBeInTheDocument();
  });

  it('renders labels as text, and a figure link switches to the explorer on that node', async () => {
    const d = dataset();
    render(<BoardPage dataset={d} />);
    const region = screen.getByRole('region', { name: 'Risk board' });
    expect(region.querySelector('img')).toBeNull();
    const blast = within(region).getByRole('link', { name: /Largest blast radius/ });
    const top = summarizeAiNodes(d.graph)[0]!;
    expect(blast).toHaveAttribute('href', `?view=explorer&node=${encodeURIComponent(top.node)}&mode=reach`);
    await userEvent.click(blast);
    expect(useAppStore.getState().view).toMatchObject({ view: 'explorer', node: top.node, mode: 'reach' });
  });
});
