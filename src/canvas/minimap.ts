/**
 * A minimap: every drawn node as a dot, lit ones bright, and the viewport as a frame, on a `<canvas>` the
 * caller renders. Click or drag on it to move the view. A pointer convenience; the toolbar's zoom, fit and
 * focus buttons are the keyboard equivalent.
 */
import type cytoscape from 'cytoscape';

import { KIND_VISUALS } from '../lib/kind-visuals.ts';
import type { NodeKind } from '../model/index.ts';

export const MINIMAP_WIDTH = 176;
export const MINIMAP_HEIGHT = 118;
const W = MINIMAP_WIDTH;
const H = MINIMAP_HEIGHT;

interface Frame {
  x1: number;
  y1: number;
  scale: number;
  ox: number;
  oy: number;
}

/** Draws the minimap of `cy` onto `canvas` until the returned function is called. */
export function attachMinimap(cy: cytoscape.Core, canvas: HTMLCanvasElement, accent: string): () => void {
  let frame: Frame | null = null;
  let queued = 0;
  // The dots are drawn once per change of what is drawn or lit, onto their own canvas; moving the view
  // only redraws the frame over them.
  const dots = document.createElement('canvas');
  let dotsDirty = true;
  const drawDots = (ratio: number): void => {
    dotsDirty = false;
    dots.width = W * ratio;
    dots.height = H * ratio;
    const ctx = dots.getContext('2d');
    frame = null;
    const nodes = cy.nodes();
    if (!ctx || nodes.empty()) return;
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    let x1 = Infinity;
    let y1 = Infinity;
    let x2 = -Infinity;
    let y2 = -Infinity;
    nodes.forEach((n) => {
      const p = n.position();
      x1 = Math.min(x1, p.x);
      y1 = Math.min(y1, p.y);
      x2 = Math.max(x2, p.x);
      y2 = Math.max(y2, p.y);
    });
    x1 -= 30;
    y1 -= 30;
    const w = x2 + 30 - x1;
    const h = y2 + 30 - y1;
    const scale = Math.min((W - 12) / Math.max(w, 1), (H - 12) / Math.max(h, 1));
    const f: Frame = { x1, y1, scale, ox: (W - w * scale) / 2, oy: (H - h * scale) / 2 };
    frame = f;
    const anyDim = cy.nodes('.dimmed').nonempty();
    nodes.forEach((n) => {
      const p = n.position();
      const lit = !n.hasClass('dimmed');
      ctx.globalAlpha = anyDim ? (lit ? 1 : 0.18) : 0.8;
      ctx.fillStyle = KIND_VISUALS[(n.data('kind') as NodeKind) ?? 'other']?.color ?? '#888';
      const r = n.hasClass('focus') ? 3.5 : lit && anyDim ? 2.2 : 1.5;
      ctx.beginPath();
      ctx.arc(f.ox + (p.x - f.x1) * scale, f.oy + (p.y - f.y1) * scale, r, 0, Math.PI * 2);
      ctx.fill();
    });
  };
  const draw = (): void => {
    queued = 0;
    const ctx = canvas.getContext('2d');
    if (!ctx || cy.destroyed()) return;
    const ratio = window.devicePixelRatio || 1;
    if (dotsDirty) drawDots(ratio);
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, W * ratio, H * ratio);
    const f = frame;
    if (!f) return;
    ctx.drawImage(dots, 0, 0);
    ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const ext = cy.extent();
    ctx.strokeStyle = accent;
    ctx.lineWidth = 1.5;
    const x = f.ox + (ext.x1 - f.x1) * f.scale;
    const y = f.oy + (ext.y1 - f.y1) * f.scale;
    ctx.strokeRect(Math.max(1, x), Math.max(1, y), Math.min(W - 2, ext.w * f.scale), Math.min(H - 2, ext.h * f.scale));
  };
  const schedule = (): void => {
    if (!queued) queued = requestAnimationFrame(draw);
  };
  const changed = (): void => {
    dotsDirty = true;
    schedule();
  };
  // Click or drag: centre the view on that point.
  const moveTo = (e: PointerEvent): void => {
    const f = frame;
    if (!f || cy.destroyed()) return;
    const rect = canvas.getBoundingClientRect();
    const mx = (e.clientX - rect.left - f.ox) / f.scale + f.x1;
    const my = (e.clientY - rect.top - f.oy) / f.scale + f.y1;
    const z = cy.zoom();
    cy.pan({ x: cy.width() / 2 - mx * z, y: cy.height() / 2 - my * z });
  };
  const onDown = (e: PointerEvent): void => {
    canvas.setPointerCapture(e.pointerId);
    moveTo(e);
  };
  const onMove = (e: PointerEvent): void => {
    if (e.buttons === 1) moveTo(e);
  };
  canvas.addEventListener('pointerdown', onDown);
  canvas.addEventListener('pointermove', onMove);
  cy.on('viewport', schedule);
  cy.on('add remove position class', changed);
  schedule();
  return () => {
    if (queued) cancelAnimationFrame(queued);
    canvas.removeEventListener('pointerdown', onDown);
    canvas.removeEventListener('pointermove', onMove);
    if (!cy.destroyed()) {
      cy.off('viewport', schedule);
      cy.off('add remove position class', changed);
    }
  };
}
