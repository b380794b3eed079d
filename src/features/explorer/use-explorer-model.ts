/**
 * Everything the explorer derives from (inventory, view): the analysis, what is drawn, and what is lit.
 * Derived with useMemo from the store, never stored.
 */
import { useMemo } from 'react';

import { computeExposure, computeReach } from '../../graph/index.ts';
import type { InventoryGraph } from '../../graph/index.ts';
import { cutMask } from '../../graph/what-if.ts';
import { effectiveLayout } from '../../lib/url-state.ts';
import type { LayoutName } from '../../lib/url-state.ts';
import { useAppStore } from '../../store/app-store.ts';
import { timed } from '../../lib/perf.ts';
import { useReviewStore } from '../../store/review-store.ts';

import { toExposureView, toPathView, toReachView } from './view-model/analysis-views.ts';
import type { PathView, RadiusView } from './view-model/analysis-views.ts';
import { toCytoscapeElements } from './view-model/elements.ts';
import type { ElementDef } from './view-model/elements.ts';
import { NO_HIGHLIGHT, highlightEvidence, highlightPath, highlightRadius } from './view-model/highlight.ts';
import type { Highlight } from './view-model/highlight.ts';
import { ELEMENT_BUDGET, selectVisible } from './view-model/visible-set.ts';
import type { VisibleSet } from './view-model/visible-set.ts';

export interface ExplorerModel {
  readonly graph: InventoryGraph;
  readonly radius: RadiusView | null;
  readonly path: PathView | null;
  /** Deepest hop of the unbounded radius: the hop slider's maximum. */
  readonly maxDepth: number;
  readonly layout: LayoutName;
  readonly visible: VisibleSet;
  readonly elements: readonly ElementDef[];
  readonly highlight: Highlight;
  /** Column per node for the layered layout (only when layout is layered). */
  readonly layers: ReadonlyMap<string, number> | null;
}

/** Deepest hop of a node's unbounded reach or exposure. */
export function radiusDepth(graph: InventoryGraph, id: string, mode: 'reach' | 'exposure'): number {
  if (mode === 'reach') {
    const r = computeReach(graph, id);
    let d = 0;
    for (const v of r.nodes()) d = Math.max(d, r.hops(v));
    return d;
  }
  const e = computeExposure(graph, id);
  let d = 0;
  for (const h of e.hops) d = Math.max(d, h);
  return d;
}

function safe<T>(f: () => T): T | null {
  try {
    return f();
  } catch {
    return null;
  }
}

export function useExplorerModel(graph: InventoryGraph): ExplorerModel {
  const view = useAppStore((s) => s.view);
  const expandedKinds = useAppStore((s) => s.expandedKinds);
  const evidence = useAppStore((s) => s.evidence);

  const { node, mode, hops, from, to } = view;
  // What-if cuts (review mode) switch edges off: the radius is the one after the cuts.
  const cuts = useReviewStore((s) => s.cuts);
  const disabled = useMemo(() => (cuts.length ? cutMask(graph, cuts).mask : undefined), [graph, cuts]);
  const radius = useMemo(() => {
    if (!node || mode === 'path' || !graph.index.nodeIndex.has(node)) return null;
    return timed('radius', () => safe(() => (mode === 'reach' ? toReachView(graph, node, hops, disabled) : toExposureView(graph, node, hops, disabled))));
  }, [graph, node, mode, hops, disabled]);

  const maxDepth = useMemo(() => {
    if (!radius) return 0;
    return hops === null ? radius.depth : timed('depth', () => radiusDepth(graph, radius.focus, radius.mode));
  }, [graph, radius, hops]);

  const path = useMemo(() => {
    if (mode !== 'path' || !from || !to) return null;
    if (!graph.index.nodeIndex.has(from) || !graph.index.nodeIndex.has(to)) return null;
    return safe(() => toPathView(graph, from, to, disabled));
  }, [graph, mode, from, to, disabled]);

  const wanted = effectiveLayout(view);
  const layout: LayoutName = wanted === 'layered' && (radius || path?.found) ? 'layered' : 'force';

  const { visible, layers } = useMemo(() => timed('visible', () => {
    const idx = graph.index.nodeIndex;
    const eidx = graph.index.edgeIndex;
    if (layout === 'layered') {
      const layerMap = new Map<string, number>();
      const nodes: number[] = [];
      const edges: number[] = [];
      if (path?.found) {
        path.nodes.forEach((id, i) => {
          layerMap.set(id, i);
          nodes.push(idx.get(id)!);
        });
        for (const e of path.edges) edges.push(eidx.get(e)!);
      } else if (radius) {
        const depth = radius.depth;
        layerMap.set(radius.focus, radius.mode === 'reach' ? 0 : depth);
        nodes.push(idx.get(radius.focus)!);
        // The layered view draws the radius itself (nearest first) and its witness edges, within budget.
        const cap = Math.floor(ELEMENT_BUDGET / 2);
        for (const e of radius.entries.slice(0, cap)) {
          layerMap.set(e.id, radius.mode === 'reach' ? e.hops : depth - e.hops);
          nodes.push(idx.get(e.id)!);
        }
        for (const id of radius.witnessEdges) {
          const j = eidx.get(id)!;
          const edge = graph.edges[j]!;
          if (layerMap.has(edge.source) && layerMap.has(edge.target)) edges.push(j);
        }
      }
      return { visible: { whole: false, nodes, edges, groups: [] } satisfies VisibleSet, layers: layerMap };
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
    };
  }), [graph, layout, radius, path, node, evidence, expandedKinds]);

  const elements = useMemo(() => timed('elements', () => toCytoscapeElements(graph, visible)), [graph, visible]);

  const highlight = useMemo(() => {
    if (evidence) return highlightEvidence(evidence);
    if (path) return highlightPath(path);
    if (radius) return highlightRadius(radius, { graph, nodes: visible.nodes });
    if (node) return { classes: new Map([[node, ['focus']]]), dimRest: false };
    return NO_HIGHLIGHT;
  }, [graph, visible, evidence, path, radius, node]);

  return { graph, radius, path, maxDepth, layout, visible, elements, highlight, layers };
}
