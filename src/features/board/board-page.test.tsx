import { readFileSync } from 'node:fs';

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

  it('has a section per lens with counts by severity opening the findings, and filters frameworks by edition', async () => {
    const d = dataset();
    render(<BoardPage dataset={d} />);
    const region = screen.getByRole('region', { name: 'Risk board' });
    const lifecycle = within(region).getByRole('list', { name: 'Findings by lifecycle stage' });
    const stages = within(lifecycle).getAllByRole('listitem').filter((li) => li.parentElement === lifecycle);
    expect(stages.map((li) => li.textContent)).toEqual([
      expect.stringMatching(/^Data/),
      expect.stringMatching(/^Training and fine-tuning/),
      expect.stringMatching(/^Deployment/),
      expect.stringMatching(/^Runtime/),
      expect.stringMatching(/^Infrastructure/),
      expect.stringMatching(/^Governance/),
    ]);
    const categories = within(region).getByRole('list', { name: 'Findings by enterprise risk category' });
    expect(within(categories).getByText('Misuse and emergent behaviour')).toBeInTheDocument();
    // a stage with findings lists them, each linking to its AI node
    const withFindings = stages.find((li) => li.querySelector('details') !== null)!;
    expect(withFindings).toBeDefined();
    const stageLabel = withFindings.querySelector('span')!.textContent!;
    const summary = withFindings.querySelector('summary')!;
    expect(summary.textContent).toMatch(/^\d+ findings?$/);
    await userEvent.click(summary);
    const list = within(withFindings).getByRole('list', { name: `Findings: ${stageLabel}` });
    const first = within(list).getAllByRole('link')[0]!;
    const f = d.findings.find((x) => x.title === first.textContent)!;
    expect(f).toBeDefined();
    await userEvent.click(first);
    expect(useAppStore.getState().view).toMatchObject({ view: 'explorer', node: f.node });

    useAppStore.setState({ view: { ...DEFAULT_VIEW, view: 'board' } });
    const groups = () =>
      within(region)
        .getAllByRole('group')
        .map((g) => g.getAttribute('aria-label') ?? '')
        .filter((l) => /^(OWASP|MITRE|NIST|ISO)/.test(l));
    expect(groups()).toEqual(expect.arrayContaining(['OWASP LLM 2025', 'OWASP LLM 2026', 'OWASP MCP (beta)', 'MITRE ATLAS v2026.07', 'ISO/IEC 42001']));
    await userEvent.selectOptions(within(region).getByLabelText('Framework edition'), 'owasp-llm-2026');
    expect(groups()).toEqual(['OWASP LLM 2026']);
  });

  it('compares with a snapshot in another format, read by the same worker and importers as every load', async () => {
    // An OpenGraph export, not a Pathlight document: the board's compare used to accept only the latter.
    const text = readFileSync('src/import/fixtures/opengraph/opengraph-ui-test-payload.json', 'utf8');
    render(<BoardPage dataset={dataset()} />);
    expect(screen.getByTestId('board-trend')).toHaveTextContent('Only one snapshot is loaded');
    await userEvent.upload(screen.getByTestId('board-compare-input'), new File([text], 'github-opengraph.json', { type: 'application/json' }));
    const table = await screen.findByRole('table', { name: 'Headline figures per snapshot' }, { timeout: 20_000 });
    expect(within(table).getAllByRole('row')).toHaveLength(3);
    expect(screen.queryByRole('alert')).toBeNull();
    // The first load in a test process also imports the main-thread session (there is no Worker in jsdom).
  }, 30_000);

  it('reports a compared file that is no inventory in any format, and keeps the trend', async () => {
    render(<BoardPage dataset={dataset()} />);
    await userEvent.upload(screen.getByTestId('board-compare-input'), new File(['{"hello":'], 'notes.json', { type: 'application/json' }));
    expect(await screen.findByRole('alert', {}, { timeout: 20_000 })).toHaveTextContent('notes.json could not be read');
    expect(screen.getByTestId('board-trend')).toHaveTextContent('Only one snapshot is loaded');
  }, 30_000);
});
