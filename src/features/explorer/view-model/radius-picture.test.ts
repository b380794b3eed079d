import { describe, expect, it } from 'vitest';

import { generateEstate } from '../../../../e2e/fixtures/generate-estate.ts';
import { buildGraph } from '../../../graph/index.ts';
import type { InventoryGraph } from '../../../graph/index.ts';
import { NODE_KIND_LABELS, parseInventory } from '../../../model/index.ts';
import { smallEstateGraph } from '../../../test/small-estate.ts';

import { toExposureView, toReachView } from './analysis-views.ts';
import type { RadiusView } from './analysis-views.ts';
import {
  FOLD_MIN,
  UNFOLD_PAGE,
  buildRadiusPicture,
  estimateLabelBox,
  freeInsets,
  isPictureGroupKey,
  labelPlan,
  pathRow,
  pictureGeometry,
} from './radius-picture.ts';
import type { PictureInput, RadiusPicture } from './radius-picture.ts';

function inputFor(graph: InventoryGraph, view: RadiusView, extra: Partial<PictureInput> = {}): PictureInput {
  const node = graph.nodes[graph.index.nodeIndex.get(view.focus)!]!;
  return {
    mode: view.mode,
    focus: { id: node.id, name: node.name, kind: node.kind },
    entries: view.entries,
    edgeEnds: (id) => {
      const j = graph.index.edgeIndex.get(id);
      return j === undefined ? undefined : graph.edges[j];
    },
    ...extra,
  };
}

/** Every member of the radius is in exactly one item: drawn or folded. */
function covered(picture: RadiusPicture): string[] {
  const out: string[] = [];
  for (const item of picture.items) {
    if (item.type === 'node') out.push(item.key);
    else out.push(...item.members);
  }
  return out;
}

let big: InventoryGraph | undefined;
function bigGraph(): InventoryGraph {
  if (big) return big;
  const parsed = parseInventory({ json: generateEstate(6000) });
  if (!parsed.ok) throw new Error('generated estate does not parse');
  big = buildGraph(parsed.inventory);
  return big;
}

function largestAgentRadius(graph: InventoryGraph): RadiusView {
  let best: RadiusView | undefined;
  for (const n of graph.nodes) {
    if (n.kind !== 'ai_agent') continue;
    const v = toReachView(graph, n.id, null);
    if (!best || v.size > best.size) best = v;
    if (best.size > 1500) break;
  }
  return best!;
}

describe('buildRadiusPicture', () => {
  it('puts the selection alone in column 0 and each hop in its column, every radius member accounted for once', () => {
    const graph = smallEstateGraph();
    const view = toReachView(graph, 'agent:support', null);
    const picture = buildRadiusPicture(inputFor(graph, view), NODE_KIND_LABELS);
    expect(picture.columns).toBe(view.depth + 1);
    expect(picture.items.filter((i) => i.column === 0).map((i) => i.key)).toEqual(['agent:support']);
    const all = covered(picture);
    expect(all.length).toBe(view.size + 1);
    expect(new Set(all).size).toBe(all.length);
    for (const e of view.entries) {
      const holder = picture.items.find((i) => i.key === picture.itemOf.get(e.id))!;
      expect(holder.column).toBe(e.hops);
      expect(picture.positions.get(holder.key)!.x).toBe(e.hops * picture.geometry.columnGap);
    }
  });

  it('mirrors an exposure: the target on the right, the farthest sources on the left', () => {
    const graph = smallEstateGraph();
    const view = toExposureView(graph, 'ds:crm', null);
    const picture = buildRadiusPicture(inputFor(graph, view), NODE_KIND_LABELS);
    const target = picture.items.find((i) => i.key === 'ds:crm')!;
    expect(target.column).toBe(view.depth);
    for (const e of view.entries) expect(picture.items.find((i) => i.key === picture.itemOf.get(e.id))!.column).toBe(view.depth - e.hops);
    // Links run with capability: into the target's column from the one left of it.
    const into = picture.links.filter((l) => l.target === 'ds:crm');
    expect(into.length).toBeGreaterThan(0);
  });

  it('folds a large radius into a readable picture: rows per column bounded, crown jewels drawn, groups counted', () => {
    const graph = bigGraph();
    const view = largestAgentRadius(graph);
    expect(view.size).toBeGreaterThan(300);
    const geometry = pictureGeometry({ width: 620, height: 600 }, view.depth + 1);
    const picture = buildRadiusPicture(inputFor(graph, view, { geometry }), NODE_KIND_LABELS);
    const perColumn = new Map<number, number>();
    for (const i of picture.items) perColumn.set(i.column, (perColumn.get(i.column) ?? 0) + 1);
    for (const n of perColumn.values()) expect(n).toBeLessThanOrEqual(geometry.maxRows);
    expect(picture.items.length).toBeLessThan(120);
    const all = covered(picture);
    expect(all.length).toBe(view.size + 1);
    const groups = picture.items.filter((i) => i.type === 'group');
    expect(groups.length).toBeGreaterThan(0);
    for (const g of groups) {
      expect(g.label).toContain(`${g.members.length.toLocaleString('en-US')} ×`);
      expect(g.label).toContain(NODE_KIND_LABELS[g.kind]);
      expect(isPictureGroupKey(g.key)).toBe(true);
    }
    // Crown jewels are drawn one by one while their column has room, else folded into a crown-jewel group.
    const crownDrawn = picture.items.filter((i) => i.type === 'node' && i.crown).length;
    const crownFolded = groups.filter((g) => g.crown).reduce((s, g) => s + g.members.length, 0);
    expect(crownDrawn + crownFolded).toBe(view.crownJewels.length);
    expect(crownDrawn).toBeGreaterThan(0);
  });

  it('draws finding legs one by one before anything else in a crowded column', () => {
    const graph = bigGraph();
    const view = largestAgentRadius(graph);
    const far = view.entries.filter((e) => !e.crownJewel).slice(-2).map((e) => e.id);
    const picture = buildRadiusPicture(inputFor(graph, view, { pinned: new Set(far), geometry: { maxRows: 8 } }), NODE_KIND_LABELS);
    for (const id of far) expect(picture.itemOf.get(id)).toBe(id);
  });

  it('unfolds a group in place: its members take its place in the same column, a page at a time', () => {
    const graph = bigGraph();
    const view = largestAgentRadius(graph);
    const before = buildRadiusPicture(inputFor(graph, view, { geometry: { maxRows: 40 } }), NODE_KIND_LABELS);
    const group = before.items.find((i) => i.type === 'group' && i.members.length > UNFOLD_PAGE && !i.crown)!;
    expect(group).toBeDefined();
    const after = buildRadiusPicture(inputFor(graph, view, { geometry: { maxRows: 40 }, unfolded: new Map([[group.key, 1]]) }), NODE_KIND_LABELS);
    const members = group.type === 'group' ? group.members : [];
    const drawnNow = members.filter((id) => after.itemOf.get(id) === id);
    expect(drawnNow.length).toBe(UNFOLD_PAGE);
    for (const id of drawnNow) expect(after.items.find((i) => i.key === id)!.column).toBe(group.column);
    const rest = after.items.find((i) => i.key === group.key)!;
    const still = new Set(rest.type === 'group' ? rest.members : []);
    // Every member is drawn in place or still folded in the same group (a page never loses one).
    for (const id of members) expect(after.itemOf.get(id) === id || still.has(id)).toBe(true);
    expect(still.size).toBeGreaterThanOrEqual(members.length - UNFOLD_PAGE);
    expect(rest.label.startsWith('+ ')).toBe(true);
  });

  it('draws kinds with fewer than FOLD_MIN members in a column one by one', () => {
    const graph = smallEstateGraph();
    const view = toReachView(graph, 'agent:support', null);
    const picture = buildRadiusPicture(inputFor(graph, view), NODE_KIND_LABELS);
    const counts = new Map<string, number>();
    for (const e of view.entries) counts.set(`${e.hops}|${e.kind}|${e.crownJewel}`, (counts.get(`${e.hops}|${e.kind}|${e.crownJewel}`) ?? 0) + 1);
    const small = view.entries.filter((e) => counts.get(`${e.hops}|${e.kind}|${e.crownJewel}`)! < FOLD_MIN);
    for (const e of small) expect(picture.itemOf.get(e.id)).toBe(e.id);
  });

  it('links drawn nodes by their real edge element ids and folded groups by one link per pair', () => {
    const graph = bigGraph();
    const view = largestAgentRadius(graph);
    const picture = buildRadiusPicture(inputFor(graph, view), NODE_KIND_LABELS);
    const keys = new Set(picture.items.map((i) => i.key));
    for (const l of picture.links) {
      expect(keys.has(l.source) && keys.has(l.target)).toBe(true);
      expect(l.key.startsWith(isPictureGroupKey(l.source) || isPictureGroupKey(l.target) ? 'link\u241f' : 'edge\u241f')).toBe(true);
      // Capability runs left to right: the witness step's far end is in a later column.
      expect(picture.items.find((i) => i.key === l.target)!.column).toBeGreaterThan(picture.items.find((i) => i.key === l.source)!.column);
    }
    expect(new Set(picture.links.map((l) => l.key)).size).toBe(picture.links.length);
  });
});

describe('long radii', () => {
  it('folds hops past the last column the box holds into that column, and says which hops it holds', () => {
    const graph = smallEstateGraph();
    const view = toReachView(graph, 'agent:support', null);
    expect(view.depth).toBe(2);
    const picture = buildRadiusPicture(inputFor(graph, view, { geometry: { maxColumns: 2 } }), NODE_KIND_LABELS);
    expect(picture.columns).toBe(2);
    expect(picture.columnHops).toEqual([[0, 0], [1, 2]]);
    for (const e of view.entries) expect(picture.items.find((i) => i.key === picture.itemOf.get(e.id))!.column).toBe(1);
  });
});

describe('labels and free space', () => {
  it('keeps the higher-priority label when two boxes collide, both when they do not', () => {
    const geometry = { fontSize: 13, labelWidth: 190 };
    const a = estimateLabelBox('a', { x: 0, y: 0 }, 'a long label of a node', 10, geometry);
    const b = estimateLabelBox('b', { x: 40, y: 0 }, 'another long label', 5, geometry);
    const c = estimateLabelBox('c', { x: 0, y: 200 }, 'far away', 1, geometry);
    expect([...labelPlan([b, a, c])].sort()).toEqual(['a', 'c']);
  });

  it('a folded picture labels every item of a column without overlap at its geometry', () => {
    const graph = bigGraph();
    const view = largestAgentRadius(graph);
    const picture = buildRadiusPicture(inputFor(graph, view), NODE_KIND_LABELS);
    const boxes = picture.items.map((i) => estimateLabelBox(i.key, picture.positions.get(i.key)!, i.label, i.priority, picture.geometry));
    expect(labelPlan(boxes).size).toBe(picture.items.length);
  });

  it('sizes the picture so that at fit its labels are legible', () => {
    const g = pictureGeometry({ width: 620, height: 600 }, 5);
    const modelW = 4 * g.columnGap + 180;
    const modelH = g.maxRows * g.rowGap + 90;
    const zoom = Math.min(620 / modelW, 600 / modelH);
    expect(zoom * g.fontSize).toBeGreaterThanOrEqual(11);
  });

  it('takes blockers out from the side they hug', () => {
    // A minimap bottom right, a toolbar top left.
    const insets = freeInsets(800, 600, [
      { left: 620, top: 460, right: 790, bottom: 590 },
      { left: 10, top: 10, right: 400, bottom: 52 },
    ]);
    expect(insets.top).toBe(64);
    expect(insets.bottom === 152 || insets.right === 192).toBe(true);
    expect(insets.left).toBe(0);
  });

  it('a path is one straight row', () => {
    const row = pathRow(['a', 'b', 'c'], 100);
    expect([...row.values()]).toEqual([{ x: 0, y: 0 }, { x: 100, y: 0 }, { x: 200, y: 0 }]);
  });
});
