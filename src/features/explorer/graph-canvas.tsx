/**
 * The explorer's canvas: makes the canvas layer's instance (src/canvas/, the only code that knows Cytoscape),
 * maps its events to selections, and keeps it in step with the store, each concern in its own hook: what is
 * drawn and lit (`useCanvasDrawing`), the theme, the trace and pulse, and other features' overlays, which
 * arrive as data from app/. The toolbar and the minimap sit over it.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactElement, RefObject } from 'react';

import { composePng, legendContent } from '../../canvas/export-legend.ts';
import { createCanvas } from '../../canvas/canvas.ts';
import type { CanvasHandle } from '../../canvas/canvas.ts';
import type { CanvasOverlay } from '../../canvas/types.ts';
import { IconButton } from '../../components/ui/button.tsx';
import { useAppStore } from '../../store/app-store.ts';

import { Minimap } from './minimap.tsx';
import { useCanvasDrawing } from './use-canvas-drawing.ts';
import type { ExplorerModel } from './use-explorer-model.ts';
import { edgeIdOf, groupKindOf, isGroupElementId } from './view-model/elements.ts';
import { freeInsets, isPictureGroupKey } from './view-model/radius-picture.ts';

/** Other features' marks by owner (review, drift), built in app/ and passed in as data. */
export type CanvasOverlays = Readonly<Record<string, CanvasOverlay | null>>;

/** One canvas instance per renderer choice; taps select nodes and edges, a group badge expands its kind. */
function useCanvasInstance(container: RefObject<HTMLDivElement | null>, webgl: boolean): CanvasHandle | null {
  const [canvas, setCanvas] = useState<CanvasHandle | null>(null);
  useEffect(() => {
    if (!container.current) return;
    const handle = createCanvas({
      container: container.current,
      theme: useAppStore.getState().theme,
      webgl,
      events: {
        onTapNode: (id) => {
          const s = useAppStore.getState();
          if (isPictureGroupKey(id)) s.unfold(id);
          else if (isGroupElementId(id)) s.expandKind(groupKindOf(id));
          else s.selectNode(id);
        },
        onTapEdge: (id) => useAppStore.getState().selectEdge(edgeIdOf(id)),
      },
    });
    // oxlint-disable-next-line react/set-state-in-effect -- the instance is an external system; children render once it exists
    setCanvas(handle);
    return () => {
      setCanvas(null);
      handle.destroy();
    };
  }, [container, webgl]);
  return canvas;
}

function useCanvasTheme(canvas: CanvasHandle | null): void {
  const theme = useAppStore((s) => s.theme);
  useEffect(() => canvas?.setTheme(theme), [canvas, theme]);
}

/** A path traced hop by hop, and a node picked from search centred and pulsed. */
function useTraceAndPulse(canvas: CanvasHandle | null): void {
  const trace = useAppStore((s) => s.trace);
  const pulse = useAppStore((s) => s.pulse);
  useEffect(() => {
    if (!canvas || !trace) return;
    return canvas.trace(trace.nodes, trace.edges.map((e) => `edge\u241f${e}`));
  }, [canvas, trace]);
  useEffect(() => {
    if (!canvas || !pulse) return;
    return canvas.pulse(pulse.id);
  }, [canvas, pulse]);
}

/** Each owner's overlay, set when it changes (after the drawing effects, so a redraw keeps them). */
function useOverlays(canvas: CanvasHandle | null, overlays: CanvasOverlays): void {
  const applied = useRef<{ canvas: CanvasHandle | null; by: Map<string, CanvasOverlay | null> }>({ canvas: null, by: new Map() });
  useEffect(() => {
    if (!canvas) return;
    if (applied.current.canvas !== canvas) applied.current = { canvas, by: new Map() };
    const { by } = applied.current;
    for (const [owner, overlay] of Object.entries(overlays)) {
      if (by.get(owner) === overlay) continue;
      by.set(owner, overlay);
      canvas.setOverlay(owner, overlay);
    }
  }, [canvas, overlays]);
}

export function GraphCanvas({
  model,
  webgl,
  overlays,
  onCanvas,
  exportName,
}: {
  model: ExplorerModel;
  webgl: boolean;
  overlays: CanvasOverlays;
  onCanvas?: (canvas: CanvasHandle | null) => void;
  /** The PNG's file name part (no real id in redact mode). */
  exportName: string;
}): ReactElement {
  const container = useRef<HTMLDivElement>(null);
  // The free box: the canvas less what floats over it (toolbar, minimap, notes), measured whenever any of
  // them resizes; the picture is laid out for it and fitted into it.
  useEffect(() => {
    const el = container.current;
    const host = el?.closest('main');
    if (!el || !host) return;
    const measure = (): void => {
      const base = el.getBoundingClientRect();
      const blocked = [...host.querySelectorAll<HTMLElement>('[data-canvas-blocker]')]
        .map((b) => b.getBoundingClientRect())
        .filter((r) => r.width > 0 && r.height > 0)
        .map((r) => ({ left: r.left - base.left, top: r.top - base.top, right: r.right - base.left, bottom: r.bottom - base.top }));
      useAppStore.getState().setCanvasBox({ width: Math.round(base.width), height: Math.round(base.height), insets: freeInsets(base.width, base.height, blocked) });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    const mo = new MutationObserver(() => {
      for (const b of host.querySelectorAll('[data-canvas-blocker]')) ro.observe(b);
      measure();
    });
    for (const b of host.querySelectorAll('[data-canvas-blocker]')) ro.observe(b);
    mo.observe(host, { childList: true, subtree: true });
    return () => {
      ro.disconnect();
      mo.disconnect();
    };
  }, []);
  const canvas = useCanvasInstance(container, webgl);
  useEffect(() => onCanvas?.(canvas), [canvas, onCanvas]);
  useCanvasTheme(canvas);
  const layingOut = useCanvasDrawing(canvas, model);
  useTraceAndPulse(canvas);
  useOverlays(canvas, overlays);
  const theme = useAppStore((s) => s.theme);
  const layout = model.layout;

  const [notice, setNotice] = useState<string | null>(null);
  const say = (text: string): void => {
    setNotice(text);
    window.setTimeout(() => setNotice((n) => (n === text ? null : n)), 2200);
  };
  const exportPng = async (): Promise<void> => {
    if (!canvas) return;
    // What is on screen, at twice the resolution, on the theme's background, with the legend under it: ready
    // for a slide or a ticket.
    const background = getComputedStyle(document.documentElement).getPropertyValue('--canvas').trim() || '#0b0f14';
    const blob = await composePng(canvas.png({ full: false, background }), legendContent(canvas.scene({ full: false, background })), background);
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `pathlight-${exportName.replace(/[^\w.-]+/g, '_')}.png`;
    a.click();
    window.setTimeout(() => URL.revokeObjectURL(url), 1000);
    say('PNG exported');
  };
  const copyLink = async (): Promise<void> => {
    try {
      await navigator.clipboard.writeText(window.location.href);
      say('Link to this view copied');
    } catch {
      say('Copy the address bar: it holds this view');
    }
  };
  const view = useAppStore((s) => s.view);
  const setLayout = useAppStore((s) => s.setLayout);
  const relayout = useAppStore((s) => s.relayout);

  return (
    <div className="absolute inset-0 bg-canvas">
      <div id="graph" ref={container} data-picture={model.picture ? (model.radius ? model.radius.mode : 'path') : 'none'} className="h-full w-full" />
      <p className="sr-only">The attack graph is drawn here. Everything on it is also listed in the panels, which are reachable by keyboard.</p>
      <div data-canvas-blocker="" className="no-print absolute top-3 left-3 flex items-center gap-0.5 rounded-lg border border-line bg-panel/95 p-1 shadow-lg backdrop-blur" role="toolbar" aria-label="Graph view">
        <IconButton icon="plus" label="Zoom in" onClick={() => canvas?.zoomBy(1.25)} />
        <IconButton icon="minus" label="Zoom out" onClick={() => canvas?.zoomBy(0.8)} />
        <IconButton icon="fit" label="Fit graph to view" onClick={() => canvas?.fitAll({ animate: true })} />
        <IconButton icon="focus" label="Focus the lit nodes" onClick={() => canvas?.fitLit()} />
        <span className="mx-1 h-5 w-px bg-line" aria-hidden="true" />
        <fieldset className="flex items-center m-0 border-0 p-0">
          <legend className="sr-only">Layout</legend>
          {(['force', 'layered'] as const).map((l) => (
            <button
              key={l}
              type="button"
              aria-pressed={layout === l}
              onClick={() => setLayout(l)}
              disabled={l === 'layered' && !view.node && view.mode !== 'path'}
              title={l === 'force' ? 'Overview (force-directed)' : 'Layered left to right: source → identities → data'}
              className="h-8 rounded-md px-2.5 text-xs text-muted hover:text-fg aria-pressed:bg-raised aria-pressed:text-fg disabled:opacity-40 cursor-pointer disabled:cursor-default"
            >
              {l === 'force' ? 'Overview' : 'Layered'}
            </button>
          ))}
        </fieldset>
        <IconButton icon="shuffle" label="Re-run the overview layout" onClick={relayout} disabled={layout !== 'force'} />
        <span className="mx-1 h-5 w-px bg-line" aria-hidden="true" />
        <IconButton icon="image" label="Export the view as PNG" onClick={() => void exportPng()} />
        <IconButton icon="link" label="Copy a link to this view" onClick={() => void copyLink()} />
      </div>
      <Minimap canvas={canvas} theme={theme} />
      {notice ? (
        <div aria-live="polite" className="pointer-events-none absolute top-16 left-3 rounded-md border border-line bg-panel/95 px-2.5 py-1 text-xs text-muted shadow">
          {notice}
        </div>
      ) : null}
      {layingOut !== null ? (
        <div aria-live="polite" className="pointer-events-none absolute inset-x-0 top-16 mx-auto w-fit rounded-full border border-line bg-panel/95 px-3 py-1 text-xs text-muted shadow">
          Laying out {layingOut.toLocaleString('en-US')} nodes in the background…
        </div>
      ) : null}
    </div>
  );
}
