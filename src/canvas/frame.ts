/**
 * Framing: where the view goes for what is lit, read from node positions (not from Cytoscape bounding
 * boxes, which would style and measure every label), keeping clear of panels floating over the canvas.
 */
import type cytoscape from 'cytoscape';

import type { CanvasElement, CanvasLit, Insets, Point } from './types.ts';

/** Below this zoom labels are unreadable: a wide layered radius is shown from its source, to be panned. */
export const READABLE_ZOOM = 0.62;

export const NO_INSETS: Insets = { top: 0, right: 0, bottom: 0, left: 0 };

export interface LitPoints {
  readonly points: readonly Point[];
  readonly focus: Point | undefined;
}

const hasClass = (def: CanvasElement, cls: string): boolean => def.classes.split(' ').includes(cls);

/** Where the lit nodes go (all drawn nodes when at most one is lit). */
export function litPoints(lit: CanvasLit, nodes: readonly CanvasElement[], positionOf: (id: string) => Point | undefined): LitPoints {
  const on: Point[] = [];
  const all: Point[] = [];
  let focus: Point | undefined;
  for (const def of nodes) {
    if (def.group !== 'nodes') continue;
    const id = def.data.id as string;
    const p = positionOf(id);
    if (!p) continue;
    all.push(p);
    const classes = lit.classes.get(id);
    // Group badges counting part of the radius are framed with it: they say where the rest of it is.
    if (!classes && !(lit.dimRest && hasClass(def, 'group-focused'))) continue;
    on.push(p);
    if (classes?.includes('focus')) focus = p;
  }
  return { points: on.length > 1 ? on : all, focus };
}

export function moveView(cy: cytoscape.Core, view: { zoom: number; pan: Point }, animate: boolean): void {
  cy.stop(true, false);
  if (animate) cy.animate({ zoom: view.zoom, pan: { x: view.pan.x, y: view.pan.y } }, { duration: 300, queue: false });
  else cy.viewport({ zoom: view.zoom, pan: { x: view.pan.x, y: view.pan.y } });
}

/** Tests read the zoom a framing chose before any presentation scale (`data-fit-zoom` on the container). */
export function markFit(cy: cytoscape.Core, zoom: number): void {
  const el = cy.container();
  if (el) el.dataset.fitZoom = String(zoom);
}

/** The free part of the canvas: its size less the insets (never below a sliver). */
export function freeArea(cy: cytoscape.Core, insets: Insets): { x: number; y: number; w: number; h: number } {
  const w = Math.max(80, cy.width() - insets.left - insets.right);
  const h = Math.max(80, cy.height() - insets.top - insets.bottom);
  return { x: insets.left, y: insets.top, w, h };
}

/**
 * Frames the points (padding around them, in rendered pixels, inside the free area); with `layered` and a
 * focus, a drawing too wide to read whole is anchored at its source on the left instead, at a readable zoom.
 */
export function framePoints(
  cy: cytoscape.Core,
  { points, focus }: LitPoints,
  options: { animate: boolean; layered?: boolean; insets?: Insets; padding?: number; maxZoom?: number; scale?: number },
): void {
  if (!points.length) return;
  // A presentation scale (meeting mode) multiplies the fitted zoom, about the free area's centre.
  const scale = options.scale ?? 1;
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const p of points) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  // Room for the nodes' size and labels around their centres.
  const pad = 40;
  const w = x2 - x1 + 2 * pad;
  const h = y2 - y1 + 2 * pad;
  const padding = options.padding ?? 60;
  const area = freeArea(cy, options.insets ?? NO_INSETS);
  const fitZoom = Math.min((area.w - 2 * padding) / Math.max(w, 1), (area.h - 2 * padding) / Math.max(h, 1));
  if (options.layered && focus && fitZoom < READABLE_ZOOM) {
    const zoom = READABLE_ZOOM * scale;
    markFit(cy, READABLE_ZOOM);
    moveView(cy, { zoom, pan: { x: area.x + 90 - focus.x * zoom, y: area.y + area.h / 2 - focus.y * zoom } }, options.animate);
    return;
  }
  const fitted = Math.max(cy.minZoom(), Math.min(options.maxZoom ?? 1.6, fitZoom));
  markFit(cy, fitted);
  const zoom = fitted * scale;
  const cx = (x1 + x2) / 2;
  const cyy = (y1 + y2) / 2;
  moveView(cy, { zoom, pan: { x: area.x + area.w / 2 - cx * zoom, y: area.y + area.h / 2 - cyy * zoom } }, options.animate);
}
