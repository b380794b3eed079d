/**
 * Everything the explorer derives from (inventory, view): the analysis, what is drawn, and what is lit.
 * Derived with useMemo from the store, never stored.
 */
import { useMemo } from 'react';

import { NODE_AI, NODE_CROWN_JEWEL } from '../../graph/index.ts';
import type { InventoryGraph } from '../../graph/index.ts';
import { NODE_KIND_LABELS, accessName } from '../../model/index.ts';
import { answerRadius } from '../../graph/radius-data.ts';
import { cutMask } from '../../graph/what-if.ts';
import { effectiveLayout } from '../../lib/url-state.ts';
import type { LayoutName } from '../../lib/url-state.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { timed } from '../../lib/perf.ts';
import { useReviewStore } from '../../store/review-store.ts';

import { toPathView, toRadiusView } from './view-model/analysis-views.ts';
import type { PathView, RadiusView } from './view-model/analysis-views.ts';
import { toCytoscapeElements, toLabel } from './view-model/elements.ts';
import type { ElementDef } from './view-model/elements.ts';
import { NO_HIGHLIGHT, highlightEvidence, highlightPath, highlightRadius } from './view-model/highlight.ts';
import type { Highlight } from './view-model/highlight.ts';
import { buildRadiusPicture, pictureColumns, estimateLabelBox, isPictureGroupKey, labelPlan, pathRow, pictureGeometry } from './view-model/radius-picture.ts';
import type { PictureGeometry } from './view-model/radius-picture.ts';
import { selectVisible } from './view-model/visible-set.ts';
import type { VisibleSet } from './view-model/visible-set.ts';

export interface ExplorerModel {
  readonly graph: InventoryGraph;
  readonly radius: RadiusView | null;
  /** The same radius without the what-if cuts (only when cuts are applied). */
  readonly radiusBefore: RadiusView | null;
  readonly path: PathView | null;
  /** Deepest hop of the unbounded radius: the hop slider's maximum. */
  readonly maxDepth: number;
  readonly layout: LayoutName;
  readonly visible: VisibleSet;
  readonly elements: readonly ElementDef[];
  readonly highlight: Highlight;
  /** Column per node for the layered layout (only when layout is layered). */
  readonly layers: ReadonlyMap<string, number> | null;
  /** Positions of the blast-radius picture (layered radius or path): drawn as they are, then fitted. */
  readonly picture: { readonly positions: ReadonlyMap<string, { x: number; y: number }>; readonly geometry: PictureGeometry } | null;
  /** A path the cuts removed, drawn as it was (its cut edge marked). */
  readonly pathBefore: PathView | null;
}

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

export function useExplorerModel(dataset: Dataset): ExplorerModel {
  const { graph, findings } = dataset;
  const view = useAppStore((s) => s.view);
  const unfolded = useAppStore((s) => s.unfolded);
  const box = useAppStore((s) => s.canvasBox);
  const expandedKinds = useAppStore((s) => s.expandedKinds);
  const evidence = useAppStore((s) => s.evidence);

  const { node, mode, hops, from, to } = view;
  // What-if cuts (review mode) switch edges off: the radius is the one after the cuts.
  const cuts = useReviewStore((s) => s.cuts);
  const disabled = useMemo(() => (cuts.length ? cutMask(graph, cuts).mask : undefined), [graph, cuts]);
  // The radius as typed arrays (`RadiusAnswer`), the shape the analysis worker answers `radius` with. It is
  // computed here for now: the worker answers one request at a time, and the choke points of a large estate
  // (asked for by the review panel after every load) hold its queue for over a minute at 20k nodes, so a
  // selection sent there would wait behind them (see src/workers/CONTEXT.md).
  const selected = node && mode !== 'path' && graph.index.nodeIndex.has(node) ? node : null;
  const answer = useMemo(
    () => (selected ? timed('reach', () => answerRadius(graph, { focus: selected, mode: mode === 'exposure' ? 'exposure' : 'reach', hops, cuts })) : null),
    [graph, selected, mode, hops, cuts],
  );
  const radius = useMemo(() => (selected && answer?.radius ? timed('radius', () => toRadiusView(graph, answer.radius!)) : null), [graph, selected, answer]);

  // The radius as it was before the cuts: the picture keeps its layout, and what the cuts took away stays
  // drawn, faded, behind the cut edge struck through.
  const radiusBefore = useMemo(() => (selected && disabled && answer?.before ? toRadiusView(graph, answer.before) : null), [graph, selected, disabled, answer]);

  const maxDepth = radius && answer ? answer.maxDepth : 0;

  const path = useMemo(() => {
    if (mode !== 'path' || !from || !to) return null;
    if (!graph.index.nodeIndex.has(from) || !graph.index.nodeIndex.has(to)) return null;
    return safe(() => toPathView(graph, from, to, disabled));
  }, [graph, mode, from, to, disabled]);

  // A path the cuts removed stays drawn as it was, so the analyst sees what the cut did.
  const pathBefore = useMemo(() => {
    if (!path || path.found || !disabled) return null;
    const before = safe(() => toPathView(graph, path.from, path.to));
    return before?.found ? before : null;
  }, [graph, path, disabled]);

  const wanted = effectiveLayout(view);
  // The layout stays what the analyst chose through what-if cuts (a cut path keeps its row).
  const layout: LayoutName = wanted === 'layered' && (radius || path?.found || pathBefore) ? 'layered' : 'force';
  const pinned = useMemo(() => {
    const out = new Set<string>();
    if (!radius) return out;
    for (const f of findings) {
      if (f.node !== radius.focus) continue;
      for (const id of f.evidence.nodes) out.add(id);
    }
    return out;
  }, [findings, radius]);
  const freeBox = useMemo(
    () => ({ width: Math.max(320, box.width - box.insets.left - box.insets.right || 900), height: Math.max(240, box.height - box.insets.top - box.insets.bottom || 600) }),
    [box],
  );

  const { visible, layers, picture } = useMemo<{ visible: VisibleSet; layers: ReadonlyMap<string, number> | null; picture: PictureState | null }>(() => timed('visible', () => {
    const idx = graph.index.nodeIndex;
    const eidx = graph.index.edgeIndex;
    if (layout === 'layered') {
      const row = path?.found ? path : pathBefore;
      if (row) {
        const nodes = row.nodes.map((id) => idx.get(id)!);
        const edges = row.edges.map((e) => eidx.get(e)!);
        const gap = Math.max(150, Math.min(260, (freeBox.width / (11.5 / 13) - 270) / Math.max(1, row.nodes.length - 1)));
        const positions = pathRow(row.nodes, gap);
        const geometry: PictureGeometry = { columnGap: gap, rowGap: 64, maxRows: 1, labelWidth: Math.max(90, gap - 30), fontSize: 13, maxColumns: row.nodes.length };
        return { visible: { whole: false, nodes, edges, groups: [] } satisfies VisibleSet, layers: null, picture: { positions, geometry, items: null } };
      }
      if (radius) {
        const drawnRadius = radiusBefore ?? radius;
        const focusNode = graph.nodes[idx.get(radius.focus)!]!;
        const geometry = pictureGeometry(freeBox, pictureColumns(drawnRadius.depth, freeBox.width));
        const built = buildRadiusPicture(
          {
            mode: radius.mode,
            focus: { id: focusNode.id, name: focusNode.name, kind: focusNode.kind },
            entries: drawnRadius.entries,
            edgeEnds: (id) => {
              const j = eidx.get(id);
              return j === undefined ? undefined : graph.edges[j];
            },
            pinned,
            unfolded,
            geometry,
          },
          NODE_KIND_LABELS,
        );
        const nodes: number[] = [];
        for (const item of built.items) if (item.type === 'node') nodes.push(idx.get(item.key)!);
        // Nodes the cuts took out of the radius (still drawn, from the radius before them).
        let lost: Set<string> | null = null;
        if (radiusBefore) {
          const still = new Set(radius.entries.map((e) => e.id));
          lost = new Set(radiusBefore.entries.filter((e) => !still.has(e.id)).map((e) => e.id));
        }
        return { visible: { whole: false, nodes, edges: [], groups: [] } satisfies VisibleSet, layers: null, picture: { positions: built.positions, geometry: built.geometry, items: built, lost, disabled: disabled ?? null } };
      }
    }
    const anchors: number[] = [];
    let focus: ArrayLike<number> | undefined;
    if (radius) {
      anchors.push(idx.get(radius.focus)!);
      focus = radius.order;
    } else if (path) {
      for (const id of [path.from, path.to, ...path.nodes]) anchors.push(idx.get(id)!);
    } else if (node && idx.has(node)) {
      anchors.push(idx.get(node)!);
    }
    if (evidence) for (const id of evidence.evidence.nodes) if (idx.has(id)) anchors.push(idx.get(id)!);
    return {
      visible: selectVisible(graph, { anchors, ...(focus ? { focus } : {}), expandedKinds }),
      layers: null,
      picture: null,
    };
  }), [graph, layout, radius, radiusBefore, disabled, path, pathBefore, node, evidence, expandedKinds, pinned, unfolded, freeBox]);

  const elements = useMemo(() => timed('elements', () => (picture ? pictureElements(graph, visible, picture) : toCytoscapeElements(graph, visible))), [graph, visible, picture]);

  const highlight = useMemo(() => {
    if (evidence) return highlightEvidence(evidence);
    if (path) return highlightPath(path.found || !pathBefore ? path : { ...pathBefore, found: false });
    if (radius) {
      const lit = highlightRadius(radius, { graph, nodes: visible.nodes });
      if (!picture?.items) return lit;
      // Folded groups stand for lit nodes: they are lit too.
      const classes = new Map(lit.classes);
      for (const item of picture.items.items) if (item.type === 'group') classes.set(item.key, [radius.mode === 'reach' ? 'reached' : 'exposing', 'group-focused']);
      return { classes, dimRest: lit.dimRest };
    }
    if (node) return { classes: new Map([[node, ['focus']]]), dimRest: false };
    return NO_HIGHLIGHT;
  }, [graph, visible, evidence, path, pathBefore, radius, node, picture]);

  return { graph, radius, radiusBefore, path, maxDepth, layout, visible, elements, highlight, layers, picture, pathBefore };
}

interface PictureState {
  readonly positions: ReadonlyMap<string, { x: number; y: number }>;
  readonly geometry: PictureGeometry;
  readonly items: ReturnType<typeof buildRadiusPicture> | null;
  /** Nodes the what-if cuts took out of the radius (drawn faded, marked `cut-lost`). */
  readonly lost?: ReadonlySet<string> | null;
  /** Edges switched off by the cuts (by edge index). */
  readonly disabled?: Uint8Array | null;
}

/**
 * The picture's elements: its nodes (the inventory's own ids), its folded groups and its links, every one
 * marked `picture`, and `nolabel` on the labels that would collide with a more important one (shown on hover).
 */
function pictureElements(graph: InventoryGraph, visible: VisibleSet, picture: PictureState): ElementDef[] {
  const { nodeFlags } = graph.index;
  // Labels are ellipsised at one of a few widths (stylesheet `lw-*`), the widest that fits the column.
  const lw = [100, 140, 180, 220].filter((w) => w <= picture.geometry.labelWidth).pop() ?? 100;
  const g = { ...picture.geometry, labelWidth: lw };
  const out: ElementDef[] = [];
  const boxes = [];
  const built = picture.items;
  if (!built) {
    // A path row: its nodes and its edges, as drawn elsewhere.
    const defs = toCytoscapeElements(graph, visible);
    for (const d of defs) {
      if (d.group !== 'nodes') continue;
      const at = picture.positions.get(d.data.id as string);
      if (at) boxes.push(estimateLabelBox(d.data.id as string, at, String(d.data.label), 0, g));
    }
    const shown = labelPlan(boxes.map((b, i) => ({ ...b, priority: i === 0 || i === boxes.length - 1 ? 10 : 1 })));
    return defs.map((d) => ({ ...d, classes: `${d.classes} picture lw-${lw}${d.group === 'nodes' && !shown.has(d.data.id as string) ? ' nolabel' : ''}` }));
  }
  for (const item of built.items) {
    const at = built.positions.get(item.key)!;
    boxes.push(estimateLabelBox(item.key, at, item.type === 'group' ? item.label : toLabel(item.label), item.priority, g));
  }
  const shown = labelPlan(boxes);
  const lost = picture.lost;
  const allLost = (members: readonly string[]): boolean => Boolean(lost?.size) && members.every((m) => lost!.has(m));
  for (const item of built.items) {
    const nolabel = (shown.has(item.key) ? '' : ' nolabel') + ((item.type === 'node' ? lost?.has(item.key) : allLost(item.members)) ? ' cut-lost' : '');
    if (item.type === 'node') {
      const i = graph.index.nodeIndex.get(item.key)!;
      const crown = (nodeFlags[i]! & NODE_CROWN_JEWEL) !== 0;
      const ai = (nodeFlags[i]! & NODE_AI) !== 0;
      out.push({
        group: 'nodes',
        data: { id: item.key, label: toLabel(item.label), kind: item.kind, crown, ai, column: item.column },
        classes: ['node', `kind-${item.kind}`, crown ? 'crown' : '', ai ? 'ai' : '', 'picture', `lw-${lw}`].filter(Boolean).join(' ') + nolabel,
      });
    } else {
      out.push({
        group: 'nodes',
        data: { id: item.key, label: item.label, kind: item.kind, count: item.members.length, column: item.column, size: 40 },
        classes: `group fold kind-${item.kind}${item.crown ? ' crown' : ''} picture lw-${lw}${nolabel}`,
      });
    }
  }
  const { edgeGrant } = graph.index;
  const off = picture.disabled;
  const cutEdges = off ? new Set(built.links.flatMap((l) => l.edges).filter((e) => off[graph.index.edgeIndex.get(e)!] === 1)) : null;
  for (const link of built.links) {
    const isReal = !isPictureGroupKey(link.source) && !isPictureGroupKey(link.target) && link.edges.length === 1;
    const j = graph.index.edgeIndex.get(link.edges[0]!)!;
    const access = graph.edges[j]!.traversable ? accessName(edgeGrant[j]!) : null;
    out.push({
      group: 'edges',
      data: { id: link.key, source: link.source, target: link.target, kind: graph.edges[j]!.kind, access: access ?? 'none', count: link.edges.length },
      classes: `${access ? `acc-${access}` : 'inert'}${isReal ? '' : ' fold-link'} witness${!isReal && cutEdges?.size && link.edges.every((e) => cutEdges.has(e)) ? ' what-if-cut' : ''}`,
    });
  }
  return out;
}
