import cytoscape from 'cytoscape';
import { describe, expect, it } from 'vitest';

import { addNext, orderForAdding, syncCanvas, syncClasses, wantedClasses } from './canvas-sync.ts';
import type { OwnedClasses, PendingElement } from './canvas-sync.ts';
import type { CanvasElement, CanvasLit } from './types.ts';

const node = (id: string, classes = 'node'): CanvasElement => ({ group: 'nodes', data: { id, label: id }, classes });
const edge = (s: string, t: string): CanvasElement => ({ group: 'edges', data: { id: `edge\u241f${s}>${t}`, source: s, target: t }, classes: 'acc-read' });
const lit = (entries: [string, string[]][], dimRest = true): CanvasLit => ({ classes: new Map(entries), dimRest });
const NONE: CanvasLit = { classes: new Map(), dimRest: false };

function fresh(): { cy: cytoscape.Core; owned: OwnedClasses } {
  return { cy: cytoscape({ headless: true, styleEnabled: false }), owned: new Map() };
}

/** Counts the elements whose classes Cytoscape reports as changed. */
function classEvents(cy: cytoscape.Core): () => string[] {
  const seen: string[] = [];
  cy.on('class', (e) => void seen.push(e.target.id() as string));
  // Removing and adding tokens emits twice for one element; in a batch Cytoscape restyles it once.
  return () => [...new Set(seen.splice(0))];
}

describe('wantedClasses', () => {
  it('adds the lit classes, or dims everything unlit except focused groups', () => {
    const h = lit([['a', ['focus']]]);
    expect(wantedClasses(node('a', 'node kind-ai_agent'), h)).toEqual(['node', 'kind-ai_agent', 'focus']);
    expect(wantedClasses(node('b'), h)).toEqual(['node', 'dimmed']);
    expect(wantedClasses(node('g', 'group kind-tool group-focused'), h)).toEqual(['group', 'kind-tool', 'group-focused']);
    expect(wantedClasses(node('b'), lit([['a', ['focus']]], false))).toEqual(['node']);
  });
});

describe('orderForAdding', () => {
  const pending = (defs: CanvasElement[]): PendingElement[] => defs.map((def) => ({ def, classes: def.classes.split(' ') }));

  it('puts groups first, keeps node order, and never queues an edge before both of its ends', () => {
    const defs = [node('a'), edge('a', 'c'), edge('a', 'b'), node('b'), node('c'), node('g', 'group kind-tool'), edge('x', 'y'), edge('c', 'c')];
    const order = orderForAdding(pending(defs), (id) => id === 'x' || id === 'y').map((p) => p.def.data.id);
    expect(order).toEqual(['edge\u241fx>y', 'g', 'a', 'b', 'edge\u241fa>b', 'c', 'edge\u241fa>c', 'edge\u241fc>c']);
    const seen = new Set(['x', 'y']);
    const early: string[] = [];
    for (const id of order) {
      const def = defs.find((d) => d.data.id === id)!;
      if (def.group === 'nodes') seen.add(id as string);
      else if (!seen.has(def.data.source as string) || !seen.has(def.data.target as string)) early.push(id as string);
    }
    expect(early).toEqual([]);
  });

  it('drops nothing it can draw: every node and every edge between them comes out once', () => {
    const defs = [node('a'), node('b'), node('c'), edge('a', 'b'), edge('b', 'c'), edge('c', 'a'), edge('b', 'a')];
    const order = orderForAdding(pending(defs), () => false);
    expect(order.map((p) => p.def.data.id).sort()).toEqual(defs.map((d) => d.data.id).sort());
  });
});

describe('syncCanvas', () => {
  it('draws exactly what is wanted with its classes, and removes the rest', () => {
    const { cy, owned } = fresh();
    syncCanvas(cy, [node('a'), node('b'), edge('a', 'b')], lit([['a', ['focus']]]), owned);
    expect(cy.getElementById('a').classes()).toEqual(['node', 'focus']);
    expect(cy.getElementById('b').classes()).toEqual(['node', 'dimmed']);
    expect(cy.edges().length).toBe(1);
    const r = syncCanvas(cy, [node('b'), node('c')], NONE, owned);
    expect(r).toMatchObject({ added: 1, removed: 2 });
    expect(cy.elements().map((e) => e.id()).sort()).toEqual(['b', 'c']);
    expect(cy.getElementById('b').classes()).toEqual(['node']);
    expect(owned.has('a')).toBe(false);
  });

  it('restyles only the elements whose classes change, and keeps classes other owners added', () => {
    const { cy, owned } = fresh();
    const defs = [node('a'), node('b'), node('c')];
    syncCanvas(cy, defs, lit([['a', ['focus']]]), owned);
    cy.getElementById('c').addClass('choke what-if-cut');
    const changed = classEvents(cy);
    // a: focus → reached; b: dimmed → focus; c stays dimmed (untouched).
    const r = syncCanvas(cy, defs, lit([['a', ['reached']], ['b', ['focus']]]), owned);
    expect(r.changed).toBe(2);
    expect(changed().sort()).toEqual(['a', 'b']);
    expect(cy.getElementById('c').classes().sort()).toEqual(['choke', 'dimmed', 'node', 'what-if-cut']);
    expect(cy.getElementById('a').classes()).toEqual(['node', 'reached']);
  });

  it('adds new elements in batches with their final classes and positions', () => {
    const { cy, owned } = fresh();
    const defs = [node('a'), node('b'), node('c'), edge('a', 'b'), edge('b', 'c')];
    const options = { positionOf: (id: string) => ({ x: id.charCodeAt(0), y: 7 }), quietClasses: () => 'quiet', firstBatch: 2 };
    const { pending, added } = syncCanvas(cy, defs, lit([['a', ['focus']]]), owned, options);
    expect(added).toBe(2);
    expect(cy.nodes().map((n) => n.id())).toEqual(['a', 'b']);
    expect(cy.getElementById('b').classes()).toEqual(['node', 'dimmed', 'quiet']);
    expect(cy.getElementById('b').position()).toEqual({ x: 98, y: 7 });
    while (pending.length) addNext(cy, pending, options, 1);
    expect(cy.elements().length).toBe(5);
    // A later pass sees the batched elements as its own: nothing is re-added or restyled.
    const changed = classEvents(cy);
    expect(syncCanvas(cy, defs, lit([['a', ['focus']]]), owned, options)).toMatchObject({ added: 0, removed: 0, changed: 0 });
    expect(changed()).toEqual([]);
  });

  it('redraws an edge whose ends changed, and updates changed data in place', () => {
    const { cy, owned } = fresh();
    const e = edge('a', 'b');
    syncCanvas(cy, [node('a'), node('b'), node('c'), e], NONE, owned);
    const moved: CanvasElement = { ...e, data: { ...e.data, target: 'c' } };
    syncCanvas(cy, [{ ...node('a'), data: { id: 'a', label: 'renamed' } }, node('b'), node('c'), moved], NONE, owned);
    expect(cy.getElementById(e.data.id as string).data('target')).toBe('c');
    expect(cy.getElementById('a').data('label')).toBe('renamed');
  });
});

describe('syncClasses', () => {
  it('lights a new selection on a stable drawing: nothing added or removed, only changed tokens touched', () => {
    const { cy, owned } = fresh();
    const defs = [node('a'), node('b'), node('c'), edge('a', 'b')];
    syncCanvas(cy, defs, lit([['a', ['focus']]]), owned);
    const ids = cy.elements().map((e) => e.id());
    let structural = 0;
    cy.on('add remove', () => void structural++);
    const changed = classEvents(cy);
    expect(syncClasses(cy, defs, lit([['b', ['focus']]]), owned)).toBe(2);
    expect(structural).toBe(0);
    expect(cy.elements().map((e) => e.id())).toEqual(ids);
    expect(changed().sort()).toEqual(['a', 'b']);
    expect(cy.getElementById('b').classes()).toEqual(['node', 'focus']);
  });

  it('gives and takes back overlay tokens, leaving classes set outside alone', () => {
    const { cy, owned } = fresh();
    const defs = [node('a'), node('b')];
    const marks = new Map([['a', ['what-if-removed']]]);
    syncCanvas(cy, defs, NONE, owned, { extraClasses: (id) => marks.get(id) });
    expect(cy.getElementById('a').classes()).toEqual(['node', 'what-if-removed']);
    cy.getElementById('a').addClass('trace');
    syncClasses(cy, defs, NONE, owned, () => undefined);
    expect(cy.getElementById('a').classes().sort()).toEqual(['node', 'trace']);
  });
});
