import { render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import { evaluateRules } from '../../graph/index.ts';
import type { Finding } from '../../graph/index.ts';
import { DEFAULT_VIEW } from '../../lib/url-state.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { smallEstateGraph } from '../../test/small-estate.ts';

import { FindingsPage } from './findings-page.tsx';

function dataset(findings: readonly Finding[]): Dataset {
  const graph = smallEstateGraph();
  return {
    version: 0,
    label: 'small-estate.json',
    inventory: { nodes: graph.nodes, edges: graph.edges, warnings: [], meta: { files: [], extra: {} } },
    graph,
    summaries: [],
    findings,
    rulesEvaluated: 19,
    timings: { readMs: 0, parseMs: 0, buildMs: 0, analyseMs: 0 },
    ranInWorker: false,
  };
}

const fake = (rule: string, severity: Finding['severity'], node: string): Finding => ({
  rule,
  severity,
  node,
  title: `${rule} on ${node}`,
  ruleRef: rule === 'lethal-trifecta' ? 'R01' : 'R05',
  ruleName: rule === 'lethal-trifecta' ? 'Lethal trifecta' : 'Public bot',
  evidence: { nodes: [node], edges: [] },
});

beforeEach(() => {
  useAppStore.setState({ view: { ...DEFAULT_VIEW, view: 'findings' }, evidence: null, trace: null, selectedEdge: null });
});

describe('FindingsPage', () => {
  it('lists the findings in the given (ranked) order, filters them, and a row opens its node with the evidence lit', async () => {
    const findings = [fake('lethal-trifecta', 'critical', 'agent:support'), fake('public-bot', 'high', 'agent:support'), fake('public-bot', 'medium', 'agent:support')];
    render(<FindingsPage dataset={dataset(findings)} />);
    const region = screen.getByRole('region', { name: 'Findings' });
    const rows = (): HTMLElement[] => within(within(region).getByRole('list', { name: 'Ranked findings' })).getAllByRole('button');
    expect(rows().map((r) => r.textContent)).toEqual([expect.stringContaining('#1'), expect.stringContaining('#2'), expect.stringContaining('#3')]);
    expect(rows()[0]).toHaveTextContent('Lethal trifecta');
    expect(rows()[0]).toHaveTextContent('R01');

    await userEvent.selectOptions(within(region).getByLabelText('Rule'), 'public-bot');
    expect(rows()).toHaveLength(2);
    await userEvent.click(within(region).getByRole('button', { name: /^high/i }));
    expect(rows()).toHaveLength(1);
    expect(rows()[0]).toHaveTextContent('#3');

    rows()[0]!.focus();
    await userEvent.keyboard('{Enter}');
    const s = useAppStore.getState();
    expect(s.view.view).toBe('explorer');
    expect(s.view.node).toBe('agent:support');
    expect(s.evidence?.finding).toBe(findings[2]);
    expect(s.evidence?.leg).toBeNull();
  });

  it('arrow keys move between rows', async () => {
    const findings = [fake('lethal-trifecta', 'critical', 'agent:support'), fake('public-bot', 'high', 'agent:support')];
    render(<FindingsPage dataset={dataset(findings)} />);
    const rows = within(screen.getByRole('list', { name: 'Ranked findings' })).getAllByRole('button');
    rows[0]!.focus();
    await userEvent.keyboard('{ArrowDown}');
    expect(rows[1]).toHaveFocus();
    await userEvent.keyboard('{Home}');
    expect(rows[0]).toHaveFocus();
  });

  it('shows as many rows as the engine finds on a real inventory', () => {
    const graph = smallEstateGraph();
    const real = evaluateRules({ graph, mode: 'strict' });
    render(<FindingsPage dataset={dataset(real)} />);
    const region = screen.getByRole('region', { name: 'Findings' });
    expect(within(region).queryAllByRole('button', { name: /^#\d+/ })).toHaveLength(real.length);
  });

  it('filters by lifecycle stage and by enterprise risk category', async () => {
    const findings = [fake('lethal-trifecta', 'critical', 'agent:support'), fake('retrieval-poisoning', 'high', 'agent:support'), fake('orphaned-ai-identity', 'medium', 'agent:support')];
    render(<FindingsPage dataset={dataset(findings)} />);
    const region = screen.getByRole('region', { name: 'Findings' });
    const rows = (): HTMLElement[] => within(within(region).getByRole('list', { name: 'Ranked findings' })).getAllByRole('button');
    await userEvent.selectOptions(within(region).getByLabelText('Lifecycle stage'), 'runtime');
    expect(rows().map((r) => r.getAttribute('data-rule'))).toEqual(['lethal-trifecta']);
    await userEvent.selectOptions(within(region).getByLabelText('Lifecycle stage'), '');
    await userEvent.selectOptions(within(region).getByLabelText('Risk category'), 'misuse-emergent-behaviour');
    expect(rows()).toHaveLength(2);
    await userEvent.selectOptions(within(region).getByLabelText('Lifecycle stage'), 'data');
    expect(rows().map((r) => r.getAttribute('data-rule'))).toEqual(['retrieval-poisoning']);
    await userEvent.selectOptions(within(region).getByLabelText('Risk category'), 'readiness-oversight');
    expect(within(region).getByText('No finding matches these filters.')).toBeInTheDocument();
    expect(within(region).getByLabelText('Risk category')).toHaveTextContent('Readiness and oversight · 1');
  });
});
