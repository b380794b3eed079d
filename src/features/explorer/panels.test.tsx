import { fireEvent, render, screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';

import type { Finding } from '../../graph/index.ts';
import { DEFAULT_VIEW } from '../../lib/url-state.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { smallEstateGraph } from '../../test/small-estate.ts';

import { DetailsPanel } from './details-panel.tsx';
import { RadiusPanel } from './radius-panel.tsx';
import { ToxicPanel } from './toxic-panel.tsx';
import { toReachView } from './view-model/analysis-views.ts';

function dataset(findings: Finding[], rulesEvaluated: number): Dataset {
  const graph = smallEstateGraph();
  return {
    version: 0,
    label: 'small-estate.json',
    inventory: { nodes: graph.nodes, edges: graph.edges, warnings: [], meta: { files: [], extra: {} } },
    graph,
    summaries: [],
    findings,
    rulesEvaluated,
    timings: { readMs: 0, parseMs: 0, buildMs: 0, analyseMs: 0 },
    ranInWorker: false,
  };
}

beforeEach(() => {
  useAppStore.setState({ view: { ...DEFAULT_VIEW, node: 'agent:support' }, evidence: null, trace: null, selectedEdge: null });
});

describe('RadiusPanel', () => {
  it('is the "Blast radius" region with the engine count, and an entry click asks for its path', async () => {
    const graph = smallEstateGraph();
    render(<RadiusPanel graph={graph} radius={toReachView(graph, 'agent:support', null)} maxDepth={2} />);
    const region = screen.getByRole('region', { name: 'Blast radius' });
    expect(within(region).getByText('7 reachable')).toBeInTheDocument();
    const jewels = within(region).getByRole('list', { name: 'Crown jewels, nearest first' });
    await userEvent.click(within(jewels).getByRole('button', { name: /Internal case notes/ }));
    expect(useAppStore.getState().trace?.nodes).toEqual(['agent:support', 'vs:kb', 'ds:notes']);
  });

  it('moves the hop limit into the view', () => {
    const graph = smallEstateGraph();
    render(<RadiusPanel graph={graph} radius={toReachView(graph, 'agent:support', null)} maxDepth={2} />);
    const slider = screen.getByLabelText('Hop limit');
    fireEvent.change(slider, { target: { value: '1' } });
    expect(useAppStore.getState().view.hops).toBe(1);
  });
});

describe('ToxicPanel', () => {
  it('says plainly that no rules are evaluated yet instead of listing anything', () => {
    render(<ToxicPanel dataset={dataset([], 0)} />);
    const region = screen.getByRole('region', { name: 'Toxic combinations' });
    expect(region).toHaveTextContent('No toxic-combination rules are evaluated yet');
    expect(within(region).queryByRole('listitem')).toBeNull();
  });

  it('says none fire when rules ran and none concern the node', () => {
    render(<ToxicPanel dataset={dataset([], 19)} />);
    expect(screen.getByRole('region', { name: 'Toxic combinations' })).toHaveTextContent('No toxic combinations fire for Support bot (19 rules evaluated');
  });

  it('renders a finding card with its optional fields, and "Show path" lights the evidence', async () => {
    const finding = {
      rule: 'lethal-trifecta',
      severity: 'critical',
      node: 'agent:support',
      title: 'Reads untrusted input, reaches private data and can send out',
      evidence: { nodes: ['agent:support', 'tool:email'], edges: ['agent:support|has_tool|tool:email'] },
      tags: ['LLM01', 'ASI02'],
      assumed: ['tool:email.caps'],
      remediation: 'Require approval on the send tool.',
      legs: [
        { name: 'E', role: 'sink', nodes: ['agent:support', 'tool:email'], edges: ['agent:support|has_tool|tool:email'], witnesses: [{ nodes: [], edges: [] }] },
      ],
      cut: { edges: ['agent:support|has_tool|tool:email'], cost: 2, leg: 'E' },
      futureField: 'kept',
    } as Finding;
    render(<ToxicPanel dataset={dataset([finding], 19)} />);
    const card = within(screen.getByRole('list', { name: 'Findings for Support bot' })).getAllByRole('listitem')[0]!;
    expect(card).toHaveTextContent('critical');
    expect(card).toHaveTextContent('lethal-trifecta');
    expect(card).toHaveTextContent('LLM01');
    expect(card).toHaveTextContent('assumed');
    expect(card).toHaveTextContent('Require approval on the send tool.');
    expect(card).toHaveTextContent('Support bot —has_tool→ Send email');
    expect(card).toHaveTextContent('futureField');
    await userEvent.click(within(card).getByRole('button', { name: 'Show path' }));
    expect(useAppStore.getState().evidence?.finding).toBe(finding);
    await userEvent.click(within(card).getByRole('button', { name: /^Show part “E” \(way out\)/ }));
    expect(useAppStore.getState().evidence).toMatchObject({ leg: 'E', evidence: { nodes: ['agent:support', 'tool:email'] } });
  });
});

describe('DetailsPanel', () => {
  it('shows every field as text, marks custom fields and shows provenance', () => {
    render(<DetailsPanel graph={smallEstateGraph()} />);
    const region = screen.getByRole('region', { name: 'Details' });
    expect(region).toHaveTextContent('agents.yaml#/support');
    expect(region).toHaveTextContent('x-review-note');
    expect(region).toHaveTextContent('custom');
  });

  it('never renders a label as HTML', () => {
    useAppStore.setState({ view: { ...DEFAULT_VIEW, node: 'agent:coder' } });
    const { container } = render(<DetailsPanel graph={smallEstateGraph()} />);
    expect(container.querySelector('img[src="x"]')).toBeNull();
    expect(screen.getByRole('region', { name: 'Details' })).toHaveTextContent('<img src=x onerror="window.__xss=1">Coding agent');
  });
});
