/**
 * The Cytoscape canvas. Holds the `cy` instance in a ref, diffs the drawn elements in (never re-creating the
 * graph), applies highlight classes in one batch, and lays out only what is drawn: fcose in the worker for
 * the overview (positions cached per inventory, new nodes placed next to their neighbours), the layered
 * layout for paths and radii.
 */
import cytoscape from 'cytoscape';
import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';

import { IconButton } from '../../components/ui/button.tsx';
import { useAppStore } from '../../store/app-store.ts';
import { useLiveStore } from '../../store/live-store.ts';
import { layoutForce } from '../../workers/analysis-client.ts';

import { applyDriftMarks } from '../live/graph-marks.ts';
import { useReviewCanvas } from '../review/canvas-marks.ts';

import { Minimap } from './minimap.tsx';
import { PALETTES, buildStylesheet } from './stylesheet.ts';
import type { ExplorerModel } from './use-explorer-model.ts';
import { edgeIdOf, groupKindOf, isGroupElementId } from './view-model/elements.ts';
import { HIGHLIGHT_CLASSES } from './view-model/highlight.ts';
import { layeredLayout } from './view-model/layered-layout.ts';
import { getPositionCache, inventoryFingerprint, placeIncrementally, savePositionCache } from './view-model/positions.ts';

declare global {
  interface Window {
    __cy?: cytoscape.Core;
  }
}

const ALL_HIGHLIGHT = [...HIGHLIGHT_CLASSES, 'trace', 'pulse'].join(' ');

const LIT = '.focus, .reached, .exposing, .on-path, .evidence';

/** Below this zoom labels are unreadable: a wide layered radius is shown from its source, to be panned. */
const READABLE_ZOOM = 0.62;

/**
 * Frames what is lit (the radius, path or evidence); with nothing lit, the whole drawing. A layered
 * radius too wide to read whole is anchored at its source on the left instead, at a readable zoom.
 */
function frameLit(cy: cytoscape.Core, animate: boolean, layered = false): void {
  const lit = cy.elements(LIT);
  const eles = lit.length > 1 ? lit : cy.elements();
  cy.stop(true, false);
  if (layered) {
    const bb = eles.boundingBox();
    const fitZoom = Math.min((cy.width() - 120) / Math.max(bb.w, 1), (cy.height() - 120) / Math.max(bb.h, 1));
    const focus = cy.nodes('.focus');
    if (fitZoom < READABLE_ZOOM && focus.nonempty()) {
      const p = focus.first().position();
      const zoom = READABLE_ZOOM;
      const pan = { x: 90 - p.x * zoom, y: cy.height() / 2 - p.y * zoom };
      if (animate) cy.animate({ zoom, pan }, { duration: 300, queue: false });
      else cy.viewport({ zoom, pan });
      return;
    }
  }
  if (animate) cy.animate({ fit: { eles, padding: 60 } }, { duration: 300, queue: false });
  else cy.fit(eles, 60);
  if (cy.zoom() > 1.6 && !animate) cy.zoom({ level: 1.6, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
}

/** WebGL only helps with a real GPU; under software GL (SwiftShader, llvmpipe) it is slower than canvas. */
export function hasRealGpu(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const renderer = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    return !/swiftshader|llvmpipe|software|softpipe/i.test(renderer);
  } catch {
    return false;
  }
}

export function GraphCanvas({ model, webgl }: { model: ExplorerModel; webgl: boolean }): ReactElement {
  const container = useRef<HTMLDivElement>(null);
  const cyRef = useRef<cytoscape.Core | null>(null);
  const [layingOut, setLayingOut] = useState<number | null>(null);
  const [cyState, setCyState] = useState<cytoscape.Core | null>(null);
  const theme = useAppStore((s) => s.theme);
  const trace = useAppStore((s) => s.trace);
  const pulse = useAppStore((s) => s.pulse);
  const relayoutSerial = useAppStore((s) => s.relayoutSerial);
  const fingerprint = useRef<string>('');
  const layoutRun = useRef(0);
  const lastLayout = useRef<string>('');
  const { graph, elements, highlight, layout, layers } = model;
  const evidence = useAppStore((s) => s.evidence);
  // What is lit changed (not merely the hop limit, which would make the slider jumpy): frame it once drawn.
  const frameKey = [model.radius?.focus, model.radius?.mode, model.path?.from, model.path?.to, layout, evidence?.finding.rule, evidence?.leg].join('|');
  const frameKeyRef = useRef(frameKey);
  useEffect(() => {
    frameKeyRef.current = frameKey;
  }, [frameKey]);
  const lastFrame = useRef('');
  const layeredRadius = layout === 'layered' && !model.path?.found;
  const layoutPending = useRef(false);

  // Create the instance once (per renderer choice).
  useEffect(() => {
    const cy = cytoscape({
      container: container.current,
      style: buildStylesheet(useAppStore.getState().theme),
      boxSelectionEnabled: false,
      autounselectify: true,
      minZoom: 0.05,
      maxZoom: 3,
      textureOnViewport: false,
      hideEdgesOnViewport: false,
      ...(webgl ? ({ webgl: true } as object) : {}),
    });
    cyRef.current = cy;
    setCyState(cy);
    // oxlint-disable-next-line no-underscore-dangle -- the test hook's agreed name
    if (import.meta.env.MODE !== 'production') window.__cy = cy;
    cy.on('tap', 'node', (evt) => {
      const id = evt.target.id() as string;
      const s = useAppStore.getState();
      if (isGroupElementId(id)) s.expandKind(groupKindOf(id));
      else s.selectNode(id);
    });
    // Calm overview: below 80% zoom only AI nodes and lit nodes keep their labels.
    let quiet: number | null = null;
    const updateQuiet = (): void => {
      // 0: every label; 1: AI nodes only; 2: none but the lit ones (zoomed far out on a crowded drawing).
      const z = cy.zoom();
      const next = z >= 0.8 ? 0 : z >= 0.45 ? 1 : 2;
      if (next === quiet) return;
      quiet = next;
      cy.batch(() => {
        const all = cy.nodes().not('.group');
        all.removeClass('quiet hush');
        if (next === 1) all.not('.ai').addClass('quiet');
        // So far out even lit labels are specks: drawing them costs more than it shows.
        if (next === 2) all.addClass('quiet hush');
      });
    };
    cy.on('zoom', updateQuiet);
    cy.on('add', 'node', () => {
      quiet = null;
    });
    cy.on('render', () => {
      if (quiet === null) updateQuiet();
    });
    cy.on('tap', 'edge', (evt) => {
      useAppStore.getState().selectEdge(edgeIdOf(evt.target.id() as string));
    });
    return () => {
      cyRef.current = null;
      setCyState(null);
      // oxlint-disable-next-line no-underscore-dangle
      if (window.__cy === cy) delete window.__cy;
      cy.destroy();
    };
  }, [webgl]);

  useEffect(() => {
    cyRef.current?.style(buildStylesheet(theme));
  }, [theme]);

  // Elements and positions.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    fingerprint.current = inventoryFingerprint(graph);
    const wanted = new Set(elements.map((e) => e.data.id as string));
    const existing = new Set<string>();
    cy.batch(() => {
      cy.elements().forEach((el) => {
        const id = el.id();
        if (!wanted.has(id)) el.remove();
        else existing.add(id);
      });
      const toAdd = elements.filter((e) => !existing.has(e.data.id as string));
      for (const e of elements) {
        if (!existing.has(e.data.id as string)) continue;
        const el = cy.getElementById(e.data.id as string);
        el.data(e.data);
        el.classes(e.classes);
      }
      if (toAdd.length) cy.add(toAdd.map((e) => ({ group: e.group, data: { ...e.data }, classes: e.classes })));
    });

    const runId = ++layoutRun.current;
    const markLayout = (state: 'pending' | 'ready'): void => {
      if (container.current) container.current.dataset.layout = state;
    };
    markLayout('ready');
    const nodes = cy.nodes();
    const layoutKey = `${layout}|${fingerprint.current}|${layers ? [...layers.keys()].join(',') : ''}`;
    const fitAfter = lastLayout.current !== layoutKey;

    if (layout === 'layered' && layers) {
      const isPath = Boolean(model.path?.found);
      const positions = layeredLayout({
        layers,
        edges: elements.filter((e) => e.group === 'edges').map((e) => ({ source: e.data.source as string, target: e.data.target as string })),
        ...(isPath ? { wrap: Math.max(4, Math.floor(cy.width() / 190)), columnGap: 190, rowGap: 90 } : { columnGap: 220, rowGap: 58, maxRows: 16 }),
      });
      cy.batch(() => {
        nodes.forEach((n) => {
          const p = positions[n.id()];
          if (p) n.position(p);
        });
      });
      lastLayout.current = layoutKey;
      if (fitAfter) {
        // Positions changed wholesale: let the highlight effect frame them (it runs right after this one).
        lastFrame.current = '';
      }
      return;
    }

    const cache = getPositionCache(fingerprint.current);
    const ids = nodes.map((n) => n.id());
    const missing = ids.filter((id) => !cache.has(id));
    const apply = (fit: boolean): void => {
      cy.batch(() => {
        nodes.forEach((n) => {
          const p = cache.get(n.id());
          if (p) n.position({ x: p.x, y: p.y });
        });
      });
      lastLayout.current = layoutKey;
      if (fit) cy.fit(undefined, 40);
    };
    if (missing.length === 0) {
      apply(fitAfter);
      return;
    }
    const neighbours = (id: string): string[] => cy.getElementById(id).neighborhood('node').map((n) => n.id());
    if (cache.size > 0) {
      // Newly revealed nodes go next to their drawn neighbours at once.
      placeIncrementally(missing, neighbours, cache);
      apply(fitAfter);
      savePositionCache(fingerprint.current);
      if (missing.length <= Math.max(40, ids.length * 0.2)) return;
      // Too much is new to read well: refine with a full layout of what is drawn, in the background.
    } else {
      nodes.positions((_n, i) => ({ x: (i % 40) * 60, y: Math.floor(i / 40) * 60 }));
      // Nothing sensible to frame until the first layout lands.
      layoutPending.current = true;
    }
    markLayout('pending');
    setLayingOut(ids.length);
    const input = {
      nodes: nodes.map((n) => ({ id: n.id(), size: n.hasClass('group') ? Number(n.data('size')) : n.hasClass('ai') ? 42 : 32 })),
      edges: cy.edges().map((e) => ({ source: e.data('source') as string, target: e.data('target') as string })),
    };
    void layoutForce(input)
      .then((positions) => {
        if (runId !== layoutRun.current || cyRef.current !== cy) return;
        for (const [id, p] of Object.entries(positions)) cache.set(id, p);
        savePositionCache(fingerprint.current);
        apply(false);
        layoutPending.current = false;
        lastFrame.current = frameKeyRef.current;
        frameLit(cy, false, false);
      })
      .catch((err: unknown) => {
        console.warn('layout failed', err);
        if (runId === layoutRun.current && cyRef.current === cy) cy.layout({ name: 'grid' }).run();
      })
      .finally(() => {
        if (runId === layoutRun.current) {
          layoutPending.current = false;
          markLayout('ready');
          setLayingOut(null);
        }
      });
  }, [graph, elements, layout, layers, model.path]);

  // Explicit re-layout of what is drawn.
  useEffect(() => {
    if (relayoutSerial === 0) return;
    const cy = cyRef.current;
    if (!cy) return;
    const cache = getPositionCache(fingerprint.current);
    cy.nodes().forEach((n) => void cache.delete(n.id()));
    lastLayout.current = '';
    // Re-running the elements effect is simplest: nudge it by clearing positions, then trigger.
    setLayingOut(cy.nodes().length);
    const input = {
      nodes: cy.nodes().map((n) => ({ id: n.id(), size: n.hasClass('group') ? Number(n.data('size')) : 34 })),
      edges: cy.edges().map((e) => ({ source: e.data('source') as string, target: e.data('target') as string })),
    };
    void layoutForce(input)
      .then((positions) => {
        if (cyRef.current !== cy) return;
        for (const [id, p] of Object.entries(positions)) cache.set(id, p);
        savePositionCache(fingerprint.current);
        cy.nodes().forEach((n) => {
          const p = positions[n.id()];
          if (p) n.animate({ position: p }, { duration: 300 });
        });
        cy.animate({ fit: { eles: cy.elements(), padding: 40 } }, { duration: 320 });
      })
      .finally(() => setLayingOut(null));
  }, [relayoutSerial]);

  // Highlight classes, in one batch.
  useEffect(() => {
    const cy = cyRef.current;
    // Re-applied whenever the drawn elements change, since new elements arrive unlit.
    if (!cy || elements.length < 0) return;
    cy.batch(() => {
      cy.elements().removeClass(ALL_HIGHLIGHT);
      for (const [id, classes] of highlight.classes) {
        const el = cy.getElementById(id);
        if (el.nonempty()) el.addClass(classes.join(' '));
      }
      if (highlight.dimRest) {
        cy.elements().forEach((el) => {
          if (!highlight.classes.has(el.id()) && !el.hasClass('group-focused')) el.addClass('dimmed');
        });
      }
    });
    if (!layoutPending.current && lastFrame.current !== frameKey) {
      lastFrame.current = frameKey;
      frameLit(cy, true, layeredRadius);
    }
  }, [highlight, elements, frameKey, layeredRadius]);

  // Trace a path hop by hop.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !trace) return;
    cy.elements('.trace').removeClass('trace');
    const steps: cytoscape.CollectionReturnValue[] = [];
    const first = cy.getElementById(trace.nodes[0] ?? '');
    if (first.nonempty()) steps.push(first);
    trace.edges.forEach((edgeId, i) => {
      const edge = cy.getElementById(`edge\u241f${edgeId}`);
      const node = cy.getElementById(trace.nodes[i + 1] ?? '');
      steps.push(edge.union(node));
    });
    const all = steps.reduce((acc, s) => acc.union(s), cy.collection());
    if (all.nonempty()) cy.animate({ fit: { eles: all, padding: 90 } }, { duration: 300, queue: false });
    const timers = steps.map((s, i) => window.setTimeout(() => s.addClass('trace'), 150 + i * 320));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [trace]);

  // Centre and pulse a node picked from search.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy || !pulse) return;
    const timers: number[] = [];
    // The node may arrive with the next elements update; try briefly.
    const attempt = (left: number): void => {
      const node = cy.getElementById(pulse.id);
      if (node.empty()) {
        if (left > 0) timers.push(window.setTimeout(() => attempt(left - 1), 120));
        return;
      }
      // A lit radius is framed by the highlight effect; a node that lights nothing is centred.
      if (cy.elements(LIT).length <= 1) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 0.9) }, { duration: 320, queue: false });
      for (let k = 0; k < 3; k++) {
        timers.push(window.setTimeout(() => node.addClass('pulse'), 360 + k * 420));
        timers.push(window.setTimeout(() => node.removeClass('pulse'), 360 + k * 420 + 240));
      }
    };
    attempt(10);
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [pulse]);

  // Live drift marks (added elements, ghosts of removed ones), after the elements and highlights are in.
  const driftMarks = useLiveStore((s) => s.marks);
  useEffect(() => {
    const cy = cyRef.current;
    // Re-applied whenever the canvas redraws: it resets classes and removes what it did not draw.
    if (cy && elements.length >= 0 && highlight) applyDriftMarks(cy, driftMarks);
  }, [driftMarks, elements, highlight]);
  // Review marks (what-if cuts, choke points, the walkthrough hop, redacted labels) and the edge context menu.
  useReviewCanvas(cyState, elements, highlight);

  const [notice, setNotice] = useState<string | null>(null);
  const say = (text: string): void => {
    setNotice(text);
    window.setTimeout(() => setNotice((n) => (n === text ? null : n)), 2200);
  };
  const exportPng = (): void => {
    const cy = cyRef.current;
    if (!cy) return;
    // What is on screen, at twice the resolution, on the theme's background: ready for a slide or a ticket.
    const blob = cy.png({ output: 'blob', scale: 2, full: false, bg: getComputedStyle(document.documentElement).getPropertyValue('--canvas').trim() || undefined });
    const url = URL.createObjectURL(blob);
    const a = document.createElement('a');
    a.href = url;
    a.download = `pathlight-${(model.radius?.focus ?? model.path?.from ?? 'overview').replace(/[^\w.-]+/g, '_')}.png`;
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
  const zoomBy = (f: number): void => {
    const cy = cyRef.current;
    if (!cy) return;
    cy.animate({ zoom: { level: cy.zoom() * f, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } } }, { duration: 160, queue: false });
  };
  const fit = (): void => void cyRef.current?.animate({ fit: { eles: cyRef.current.elements(), padding: 40 } }, { duration: 260, queue: false });
  const focusSelection = (): void => {
    const cy = cyRef.current;
    if (!cy) return;
    const lit = cy.elements('.focus, .reached, .exposing, .on-path, .evidence');
    if (lit.nonempty()) cy.animate({ fit: { eles: lit, padding: 60 } }, { duration: 260, queue: false });
  };
  const view = useAppStore((s) => s.view);
  const setLayout = useAppStore((s) => s.setLayout);
  const relayout = useAppStore((s) => s.relayout);

  return (
    <div className="absolute inset-0 bg-canvas">
      <div id="graph" ref={container} className="h-full w-full" />
      <p className="sr-only">The attack graph is drawn here. Everything on it is also listed in the panels, which are reachable by keyboard.</p>
      <div className="no-print absolute top-3 left-3 flex items-center gap-0.5 rounded-lg border border-line bg-panel/95 p-1 shadow-lg backdrop-blur" role="toolbar" aria-label="Graph view">
        <IconButton icon="plus" label="Zoom in" onClick={() => zoomBy(1.25)} />
        <IconButton icon="minus" label="Zoom out" onClick={() => zoomBy(0.8)} />
        <IconButton icon="fit" label="Fit graph to view" onClick={fit} />
        <IconButton icon="focus" label="Focus the lit nodes" onClick={focusSelection} />
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
        <IconButton icon="image" label="Export the view as PNG" onClick={exportPng} />
        <IconButton icon="link" label="Copy a link to this view" onClick={() => void copyLink()} />
      </div>
      <Minimap cy={cyState} accent={PALETTES[theme].accent} />
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
