/**
 * Review on the canvas, through the canvas layer's API: the marks as an overlay (cut edges struck through
 * and ghosted, removed nodes ghosted, choke points, the walkthrough hop, pseudonym labels in redact mode),
 * the walkthrough hop kept centred, and meeting mode's size change (the context menu on nodes and edges is
 * composed in src/app/context-menu.tsx). app/ passes the overlay and the canvas handle between the explorer and this feature.
 */
import { useEffect, useMemo } from 'react';

import type { CanvasHandle } from '../../canvas/canvas.ts';
import type { CanvasOverlay } from '../../canvas/types.ts';
import type { InventoryGraph } from '../../graph/index.ts';
import type { Cut } from '../../graph/what-if.ts';
import type { Dataset } from '../../store/app-store.ts';
import { useReviewStore } from '../../store/review-store.ts';
import type { WalkView } from '../../store/review-store.ts';

import { pseudonymsOf } from './use-review-analysis.ts';

const EDGE = (id: string): string => `edge\u241f${id}`;

function add(map: Map<string, string[]>, id: string, cls: string): void {
  const list = map.get(id);
  if (!list) map.set(id, [cls]);
  else if (!list.includes(cls)) list.push(cls);
}

/** The review marks as class tokens by canvas element id (pure: tested without a canvas). */
export function reviewMarks(
  graph: InventoryGraph,
  cuts: readonly Cut[],
  choke: { readonly edges: readonly string[]; readonly nodes: readonly string[] },
  walk: WalkView | null,
): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const { index } = graph;
  for (const cut of cuts) {
    if ('edge' in cut) {
      add(out, EDGE(cut.edge), 'what-if-cut');
      continue;
    }
    add(out, cut.node, 'what-if-removed');
    // Every edge at a removed node is cut with it.
    const v = index.nodeIndex.get(cut.node);
    if (v === undefined) continue;
    for (let k = index.outOffsets[v]!; k < index.outOffsets[v + 1]!; k++) add(out, EDGE(graph.edges[index.outEdges[k]!]!.id), 'what-if-cut');
    for (let k = index.inOffsets[v]!; k < index.inOffsets[v + 1]!; k++) add(out, EDGE(graph.edges[index.inEdges[k]!]!.id), 'what-if-cut');
  }
  for (const e of choke.edges) add(out, EDGE(e), 'choke');
  for (const v of choke.nodes) add(out, v, 'choke');
  if (walk) {
    walk.steps.forEach((s, i) => {
      if (i < walk.index) add(out, EDGE(s.edge), 'walk-past');
    });
    const step = walk.steps[walk.index];
    if (step) {
      add(out, EDGE(step.edge), 'walk-edge');
      add(out, step.to, 'walk-here');
      add(out, step.from, 'walk-past');
    }
  }
  return out;
}

/** The review overlay for the loaded inventory (null when there is nothing to mark). */
export function useReviewOverlay(dataset: Dataset | null): CanvasOverlay | null {
  const cuts = useReviewStore((s) => s.cuts);
  const walk = useReviewStore((s) => s.walk);
  const redact = useReviewStore((s) => s.redact);
  const choke = useReviewStore((s) => s.chokeMarks);
  return useMemo(() => {
    if (!dataset) return null;
    const classes = reviewMarks(dataset.graph, cuts, choke, walk);
    const p = redact ? pseudonymsOf(dataset) : null;
    if (!classes.size && !p) return null;
    return { classes, ...(p ? { relabel: (id: string) => p.node(id) } : {}) };
  }, [dataset, cuts, choke, walk, redact]);
}

/** Meeting mode's zoom step over the fitted view. */
export const MEETING_SCALE = 1.3;

/** The walkthrough hop kept in view, and meeting mode's size change, on the given canvas. */
export function useReviewCanvas(canvas: CanvasHandle | null): void {
  // Centre the current hop of the walkthrough (after the canvas has framed what is lit).
  const walk = useReviewStore((s) => s.walk);
  const step = walk ? walk.steps[walk.index] : undefined;
  useEffect(() => {
    if (!canvas || !step) return;
    const timers: number[] = [];
    const attempt = (left: number): void => {
      if (canvas.center(step.to, { minZoom: 1 })) return;
      if (left > 0) timers.push(window.setTimeout(() => attempt(left - 1), 150));
    };
    timers.push(window.setTimeout(() => attempt(12), 60));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [canvas, step]);

  // Meeting mode and hidden panels change the canvas size: tell the canvas, and keep the hop in the middle.
  const layoutKey = useReviewStore((s) => `${s.meeting}|${s.panelsCollapsed}`);
  useEffect(() => {
    if (!canvas) return;
    // Meeting mode zooms the graph in a step (labels readable from the back of the room); leaving it zooms out.
    // A scale of the canvas, not a one-off zoom: the refit that follows the size change keeps it, whichever
    // lands first, and a canvas made while in meeting mode gets it too.
    canvas.setScale(useReviewStore.getState().meeting ? MEETING_SCALE : 1);
    const timer = window.setTimeout(() => {
      canvas.resize();
      const w = useReviewStore.getState().walk;
      const hop = w ? w.steps[w.index] : undefined;
      if (hop) canvas.center(hop.to);
    }, 80);
    return () => window.clearTimeout(timer);
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- runs when the canvas changes size
  }, [canvas, layoutKey]);
}
