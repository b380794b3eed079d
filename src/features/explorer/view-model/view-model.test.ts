import { describe, expect, it } from 'vitest';

import { generateEstate } from '../../../../e2e/fixtures/generate-estate.ts';
import { buildGraph, computeReach } from '../../../graph/index.ts';
import { cutMask } from '../../../graph/what-if.ts';
import { parseInventory } from '../../../model/index.ts';
import { smallEstateGraph } from '../../../test/small-estate.ts';

import { toExposureView, toPathView, toReachView } from './analysis-views.ts';
import { EDGE_PREFIX, toCytoscapeElements, toLabel } from './elements.ts';
import { highlightPath, highlightRadius } from './highlight.ts';
import { layeredLayout } from './layered-layout.ts';
import { searchNodes, toSearchIndex } from './search.ts';
import { ELEMENT_BUDGET, selectVisible } from './visible-set.ts';

describe('toReachView', () => {
  it('keeps the engine count and breaks it down by access, kind and crown jewels, nearest first', () => {
    const graph = smallEstateGraph();
    const view = toReachView(graph, 'agent:support', null);
    expect(view.size).toBe(computeReach(graph, 'agent:support').size);
    expect(view.size).toBe(7);
    expect(view.byAccess).toEqual({ control: 2, 'read-write': 0, read: 3, write: 2 });
    expect(view.byKind[0]).toEqual(['data_store', 3]);
    expect(view.crownJewels.map((e) => e.id)).toEqual(['ds:notes', 'ds:crm']);
    expect(view.sensitive).toBe(2);
    expect(view.depth).toBe(2);
    const hops = view.entries.map((e) => e.hops);
    expect([...hops].sort((a, b) => a - b)).toEqual(hops);
    expect(view.witnessEdges.size).toBe(7);
  });

  it('bounds the radius to the hop limit', () => {
    const view = toReachView(smallEstateGraph(), 'agent:support', 1);
    expect(view.entries.map((e) => e.id).sort()).toEqual(['nhi:support-sa', 'tool:email', 'vs:kb']);
  });
});

describe('toExposureView and toPathView', () => {
  it('lists who can reach a store, and the shortest path to it', () => {
    const graph = smallEstateGraph();
    expect(toExposureView(graph, 'ds:crm', null).entries.map((e) => [e.id, e.hops])).toEqual([
      ['nhi:support-sa', 1],
      ['agent:support', 2],
      ['human:alice', 3],
    ]);
    const path = toPathView(graph, 'human:alice', 'ds:notes');
    expect(path.nodes).toEqual(['human:alice', 'agent:support', 'vs:kb', 'ds:notes']);
    expect(toPathView(graph, 'ds:notes', 'human:alice').found).toBe(false);
  });

  it('finds the path after what-if cuts: unchanged by an unrelated cut, none when its only way is cut', () => {
    const graph = smallEstateGraph();
    const path = toPathView(graph, 'human:alice', 'ds:notes');
    const elsewhere = graph.edges.find((e) => !path.edges.includes(e.id))!;
    expect(toPathView(graph, 'human:alice', 'ds:notes', cutMask(graph, [{ edge: elsewhere.id }]).mask)).toEqual(path);
    expect(toPathView(graph, 'human:alice', 'ds:notes', cutMask(graph, [{ edge: path.edges[1]! }]).mask).found).toBe(false);
    expect(toPathView(graph, 'human:alice', 'ds:notes', cutMask(graph, [{ node: 'agent:support' }]).mask).found).toBe(false);
  });
});

describe('toCytoscapeElements', () => {
  it('draws every node and edge of a small inventory, prefixing edge ids', () => {
    const graph = smallEstateGraph();
    const elements = toCytoscapeElements(graph, selectVisible(graph));
    expect(elements.filter((e) => e.group === 'nodes')).toHaveLength(20);
    const edges = elements.filter((e) => e.group === 'edges');
    expect(edges).toHaveLength(17);
    expect(edges.every((e) => String(e.data.id).startsWith(EDGE_PREFIX))).toBe(true);
    const notes = elements.find((e) => e.data.id === 'ds:notes')!;
    expect(notes.classes).toContain('crown');
    expect(elements.find((e) => e.data.id === 'agent:support')!.classes).toContain('ai');
    const inert = elements.find((e) => e.data.kind === 'depends_on')!;
    expect(inert.classes).toBe('inert');
    expect(elements.find((e) => e.data.kind === 'reads')!.classes).toBe('acc-read');
  });

  it('cuts long labels to one readable line', () => {
    expect(toLabel('A very long\nname for a data store in prod')).toBe('A very long name for a data…');
  });
});

describe('selectVisible', () => {
  const parsed = parseInventory({ json: generateEstate(6000) });
  if (!parsed.ok) throw new Error('generated estate does not parse');
  const graph = buildGraph(parsed.inventory);

  it('never draws more than the element budget of a large inventory, and groups the rest by kind', () => {
    const visible = selectVisible(graph);
    expect(visible.whole).toBe(false);
    expect(visible.nodes.length + visible.edges.length + visible.groups.length).toBeLessThanOrEqual(ELEMENT_BUDGET);
    const hidden = visible.groups.reduce((s, g) => s + g.count, 0);
    expect(hidden + visible.nodes.length).toBe(graph.nodes.length);
  });

  it('draws the focused radius first, then context', () => {
    const source = graph.index.nodeIndex.get('ai_agent:0')!;
    const reach = computeReach(graph, 'ai_agent:0');
    const order = Int32Array.from(reach.nodes());
    const visible = selectVisible(graph, { anchors: [source], focus: order });
    const drawn = new Set(visible.nodes);
    expect(drawn.has(source)).toBe(true);
    const shown = Math.min(order.length, 50);
    for (let i = 0; i < shown; i++) expect(drawn.has(order[i]!)).toBe(true);
    const focused = visible.groups.reduce((s, g) => s + g.focused, 0);
    expect(focused + [...order].filter((v) => drawn.has(v)).length).toBe(order.length);
  });

  it('expands a group on demand', () => {
    const before = selectVisible(graph).groups.find((g) => g.kind === 'package')!.count;
    const after = selectVisible(graph, { expandedKinds: new Set(['package']) }).groups.find((g) => g.kind === 'package');
    expect(after?.count ?? 0).toBeLessThan(before);
  });
});

describe('highlight', () => {
  it('lights the source, the reached nodes by hop and access, and the witness edges', () => {
    const h = highlightRadius(toReachView(smallEstateGraph(), 'agent:support', null));
    expect(h.classes.get('agent:support')).toEqual(['focus']);
    expect(h.classes.get('ds:notes')).toEqual(['reached', 'hop-2', 'holds-read']);
    expect(h.classes.get(`${EDGE_PREFIX}vs:kb|indexes|ds:notes`)).toEqual(['witness']);
    expect(h.classes.has('cred:deploy-key')).toBe(false);
    expect(h.dimRest).toBe(true);
  });

  it('marks path ends and steps', () => {
    const h = highlightPath(toPathView(smallEstateGraph(), 'human:alice', 'ds:notes'));
    expect(h.classes.get('human:alice')).toContain('path-end');
    expect(h.classes.get('vs:kb')).toEqual(['on-path']);
  });
});

describe('layeredLayout', () => {
  it('puts each layer in its own column, left to right, centred vertically', () => {
    const pos = layeredLayout({
      layers: new Map([
        ['s', 0],
        ['a', 1],
        ['b', 1],
        ['t', 2],
      ]),
      edges: [
        { source: 's', target: 'a' },
        { source: 's', target: 'b' },
        { source: 'b', target: 't' },
      ],
    });
    expect(pos.s!.x).toBeLessThan(pos.a!.x);
    expect(pos.a!.x).toBe(pos.b!.x);
    expect(pos.b!.x).toBeLessThan(pos.t!.x);
    expect(pos.a!.y + pos.b!.y).toBe(0);
  });
});

describe('searchNodes', () => {
  it('matches names, ids and kinds, best first', () => {
    const graph = smallEstateGraph();
    const index = toSearchIndex(graph);
    const ids = (q: string) => searchNodes(index, q).map((i) => graph.nodes[i]!.id);
    expect(ids('support bot')[0]).toBe('agent:support');
    expect(ids('ds:crm')).toEqual(['ds:crm']);
    expect(ids('credential')).toEqual(expect.arrayContaining(['cred:deploy-key', 'cred:fin-key']));
    expect(ids('zzz')).toEqual([]);
  });
});


describe('layeredLayout with wrap', () => {
  it('wraps a long path into bands that each read left to right', () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const pos = layeredLayout({ layers: new Map(ids.map((id, i) => [id, i])), edges: [], wrap: 3 });
    expect(pos.a!.x).toBeLessThan(pos.b!.x);
    expect(pos.b!.x).toBeLessThan(pos.c!.x);
    expect(pos.d!.x).toBe(pos.a!.x);
    expect(pos.d!.y).toBeGreaterThan(pos.c!.y);
  });
});

describe('layeredLayout with maxRows', () => {
  it('folds a tall layer into sub-columns that stay right of the previous layer and left of the next', () => {
    const layers = new Map<string, number>([['s', 0]]);
    for (let i = 0; i < 10; i++) layers.set(`m${i}`, 1);
    layers.set('t', 2);
    const pos = layeredLayout({ layers, edges: [], maxRows: 4 });
    const mids = Array.from({ length: 10 }, (_, i) => pos[`m${i}`]!);
    const xs = new Set(mids.map((p) => p.x));
    expect(xs.size).toBe(3);
    expect(Math.min(...xs)).toBeGreaterThan(pos.s!.x);
    expect(Math.max(...xs)).toBeLessThan(pos.t!.x);
    expect(new Set(mids.map((p) => p.y)).size).toBe(4);
  });
});
