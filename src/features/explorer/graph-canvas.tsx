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
import { useReviewStore } from '../../store/review-store.ts';
import { timed } from '../../lib/perf.ts';
import { layoutForce } from '../../workers/analysis-client.ts';

import { applyDriftMarks } from '../live/graph-marks.ts';
import { useReviewCanvas } from '../review/canvas-marks.ts';

import { addNext, syncCanvas } from './canvas-sync.ts';
import type { OwnedClasses } from './canvas-sync.ts';
import { Minimap } from './minimap.tsx';
import { PALETTES, buildStylesheet } from './stylesheet.ts';
import type { ExplorerModel } from './use-explorer-model.ts';
import { edgeIdOf, groupKindOf, isGroupElementId } from './view-model/elements.ts';
import type { ElementDef } from './view-model/elements.ts';
import type { Highlight } from './view-model/highlight.ts';
import { layeredLayout } from './view-model/layered-layout.ts';
import { freeInsets, isPictureGroupKey } from './view-model/radius-picture.ts';
import { getPositionCache, inventoryFingerprint, placeIncrementally, savePositionCache, shelfPositions } from './view-model/positions.ts';

declare global {
  interface Window {
    __cy?: cytoscape.Core;
  }
}

/** Label quietness for a zoom: 0 every label; 1 AI nodes only; 2 none but the lit ones (far out on a crowded drawing). */
const quietLevel = (zoom: number): 0 | 1 | 2 => (zoom >= 0.8 ? 0 : zoom >= 0.45 ? 1 : 2);

const LIT = '.focus, .reached, .exposing, .on-path, .evidence';

/** Below this zoom labels are unreadable: a wide layered radius is shown from its source, to be panned. */
const READABLE_ZOOM = 0.62;

/** Above this many drawn elements, moving the view is a jump: each animation frame would repaint them all. */
const ANIMATE_MAX = 600;

/** Whether an element definition carries a class (a whole token: `kind-group` is not `group`). */
const hasClass = (def: ElementDef, cls: string): boolean => def.classes.split(' ').includes(cls);

/** New elements added in the first frame of a change, and in each frame after it (see canvas-sync.ts). */
const FIRST_BATCH = 120;
const NEXT_BATCH = 400;

interface LitPoints {
  readonly points: readonly cytoscape.Position[];
  readonly focus: cytoscape.Position | undefined;
}

/** Where the lit nodes go (all drawn nodes when at most one is lit), read from positions, not from the canvas. */
function litPoints(highlight: Highlight, nodes: readonly ElementDef[], positionOf: (id: string) => cytoscape.Position | undefined): LitPoints {
  const lit: cytoscape.Position[] = [];
  const all: cytoscape.Position[] = [];
  let focus: cytoscape.Position | undefined;
  for (const def of nodes) {
    const id = def.data.id as string;
    const p = positionOf(id);
    if (!p) continue;
    all.push(p);
    const classes = highlight.classes.get(id);
    // Group badges counting part of the radius are framed with it: they say where the rest of it is.
    if (!classes && !(highlight.dimRest && hasClass(def, 'group-focused'))) continue;
    lit.push(p);
    if (!classes) continue;
    if (classes.includes('focus')) focus = p;
  }
  return { points: lit.length > 1 ? lit : all, focus };
}

function moveView(cy: cytoscape.Core, view: { zoom: number; pan: cytoscape.Position }, animate: boolean): void {
  cy.stop(true, false);
  if (animate) cy.animate(view, { duration: 300, queue: false });
  else cy.viewport(view);
}

/**
 * Frames what is lit (the radius, path or evidence); with nothing lit, the whole drawing. A layered
 * radius too wide to read whole is anchored at its source on the left instead, at a readable zoom.
 */
function frameLit(cy: cytoscape.Core, animate: boolean, layered: boolean, { points, focus }: LitPoints): void {
  if (!points.length) return;
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
  const padding = 60;
  const fitZoom = Math.min((cy.width() - 2 * padding) / Math.max(w, 1), (cy.height() - 2 * padding) / Math.max(h, 1));
  if (layered && focus && fitZoom < READABLE_ZOOM) {
    const zoom = READABLE_ZOOM;
    moveView(cy, { zoom, pan: { x: 90 - focus.x * zoom, y: cy.height() / 2 - focus.y * zoom } }, animate);
    return;
  }
  const zoom = Math.max(cy.minZoom(), Math.min(1.6, fitZoom));
  const cx = (x1 + x2) / 2;
  const cyy = (y1 + y2) / 2;
  moveView(cy, { zoom, pan: { x: cy.width() / 2 - cx * zoom, y: cy.height() / 2 - cyy * zoom } }, animate);
}

/**
 * Fits the picture's positions into the free box (the canvas less `insets`), with room for the nodes and
 * their labels; never zooms in past 1.25 (a small radius is not blown up).
 */
function fitPicture(cy: cytoscape.Core, positions: ReadonlyMap<string, { x: number; y: number }>, insets: { top: number; right: number; bottom: number; left: number }, animate: boolean): void {
  let x1 = Infinity;
  let y1 = Infinity;
  let x2 = -Infinity;
  let y2 = -Infinity;
  for (const p of positions.values()) {
    x1 = Math.min(x1, p.x);
    y1 = Math.min(y1, p.y);
    x2 = Math.max(x2, p.x);
    y2 = Math.max(y2, p.y);
  }
  if (!Number.isFinite(x1)) return;
  // Half a label's width either side, a node above, a node and a label below.
  x1 -= 110;
  x2 += 110;
  y1 -= 34;
  y2 += 52;
  const w = Math.max(1, cy.width() - insets.left - insets.right);
  const h = Math.max(1, cy.height() - insets.top - insets.bottom);
  const zoom = Math.max(cy.minZoom(), Math.min(1.25, w / (x2 - x1), h / (y2 - y1)));
  const pan = { x: insets.left + w / 2 - ((x1 + x2) / 2) * zoom, y: insets.top + h / 2 - ((y1 + y2) / 2) * zoom };
  moveView(cy, { zoom, pan }, animate);
}

interface PictureSnapshot {
  readonly serial: number;
  readonly zoom: number;
  readonly fontSize: number;
  readonly nodes: number;
}

declare global {
  interface Window {
    /** What the canvas last drew, for tests: updated after each sync of the picture. */
    __pathlight?: { picture: PictureSnapshot | null };
  }
}

let pictureSerial = 0;
function publishPicture(cy: cytoscape.Core, fontSize: number): void {
  const container = cy.container();
  pictureSerial++;
  // oxlint-disable-next-line no-underscore-dangle -- the test hook's agreed name
  window.__pathlight = { picture: { serial: pictureSerial, zoom: cy.zoom(), fontSize, nodes: cy.nodes().length } };
  if (container) container.dataset.picture = String(pictureSerial);
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
  const layoutPending = useRef(false);
  const quietRef = useRef<0 | 1 | 2 | null>(null);
  const owned = useRef<OwnedClasses>(new Map());
  const lastHighlight = useRef<Highlight | null>(null);
  const lastPicture = useRef<ExplorerModel['picture']>(null);

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
      const insets = freeInsets(base.width, base.height, blocked);
      useAppStore.getState().setCanvasBox({ width: Math.round(base.width), height: Math.round(base.height), insets });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    for (const b of host.querySelectorAll('[data-canvas-blocker]')) ro.observe(b);
    // Notes and menus come and go: re-measure when the host's children change.
    const mo = new MutationObserver(() => {
      for (const b of host.querySelectorAll('[data-canvas-blocker]')) ro.observe(b);
      measure();
    });
    mo.observe(host, { childList: true, subtree: true });
    return () => {
      ro.disconnect();
      mo.disconnect();
    };
  }, []);

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
    owned.current = new Map();
    setCyState(cy);
    // oxlint-disable-next-line no-underscore-dangle -- the test hook's agreed name
    if (import.meta.env.MODE !== 'production') window.__cy = cy;
    cy.on('tap', 'node', (evt) => {
      const id = evt.target.id() as string;
      const s = useAppStore.getState();
      if (isPictureGroupKey(id)) s.unfold(id);
      else if (isGroupElementId(id)) s.expandKind(groupKindOf(id));
      else s.selectNode(id);
    });
    // Calm overview: below 80% zoom only AI nodes and lit nodes keep their labels.
    const updateQuiet = (): void => {
      const next = quietLevel(cy.zoom());
      if (next === quietRef.current) return;
      quietRef.current = next;
      cy.batch(() => {
        // The picture sizes its labels to be legible at fit: zoom never quiets them.
        const all = cy.nodes().not('.group').not('.picture');
        all.removeClass('quiet hush');
        if (next === 1) all.not('.ai').addClass('quiet');
        // So far out even lit labels are specks: drawing them costs more than it shows.
        if (next === 2) all.addClass('quiet hush');
      });
    };
    cy.on('zoom', updateQuiet);
    // A label hidden to avoid a collision shows while the pointer is on its node.
    cy.on('mouseover', 'node', (evt) => void evt.target.addClass('hover'));
    cy.on('mouseout', 'node', (evt) => void evt.target.removeClass('hover'));
    // New nodes arrive with the current level's classes (see syncCanvas), so adding never restyles the rest.
    quietRef.current = null;
    cy.on('render', () => {
      if (quietRef.current === null) updateQuiet();
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

  // What is drawn, where, and what is lit: one pass that touches only what changed, adding new elements
  // nearest first in batches (see canvas-sync.ts), and laying out only what is drawn.
  useEffect(() => {
    const cy = cyRef.current;
    if (!cy) return;
    fingerprint.current = inventoryFingerprint(graph);
    const cache = getPositionCache(fingerprint.current);
    if (lastHighlight.current !== highlight) {
      // A new highlight ends the previous trace.
      cy.elements('.trace').removeClass('trace');
      lastHighlight.current = highlight;
    }
    const runId = ++layoutRun.current;
    const setDataset = (key: 'layout' | 'drawing', state: string): void => {
      if (container.current) container.current.dataset[key] = state;
    };
    setDataset('layout', 'ready');
    const layoutKey = `${layout}|${fingerprint.current}|${layers ? [...layers.keys()].join(',') : ''}`;
    const fitAfter = lastLayout.current !== layoutKey;
    lastLayout.current = layoutKey;

    // Positions of everything to be drawn, before anything is added.
    const nodeDefs = elements.filter((e) => e.group === 'nodes');
    const groupDefs = nodeDefs.filter((e) => hasClass(e, 'group'));
    const edgeDefs = elements.filter((e) => e.group === 'edges');
    let positionOf: (id: string) => cytoscape.Position | undefined;
    let refine = false;
    const picture = model.picture;
    if (picture) {
      positionOf = (id) => picture.positions.get(id);
      // An overview layout still running in the background is no longer what is shown.
      layoutPending.current = false;
      setLayingOut(null);
    } else if (layout === 'layered' && layers) {
      const isPath = Boolean(model.path?.found);
      const positions = layeredLayout({
        layers,
        edges: edgeDefs.map((e) => ({ source: e.data.source as string, target: e.data.target as string })),
        ...(isPath ? { wrap: Math.max(4, Math.floor(cy.width() / 190)), columnGap: 190, rowGap: 90 } : { columnGap: 220, rowGap: 58, maxRows: 16 }),
      });
      positionOf = (id) => positions[id];
      // Positions changed wholesale: frame them again.
      if (fitAfter) lastFrame.current = '';
    } else {
      const plainDefs = nodeDefs.filter((e) => !hasClass(e, 'group'));
      const missing = plainDefs.map((e) => e.data.id as string).filter((id) => !cache.has(id));
      if (missing.length && cache.size > 0) {
        // Newly revealed nodes go next to their drawn neighbours at once.
        const around = new Map<string, string[]>();
        for (const e of edgeDefs) {
          const a = e.data.source as string;
          const b = e.data.target as string;
          (around.get(a) ?? around.set(a, []).get(a)!).push(b);
          (around.get(b) ?? around.set(b, []).get(b)!).push(a);
        }
        placeIncrementally(missing, (id) => around.get(id) ?? [], cache);
        savePositionCache(fingerprint.current);
        // Too much is new to read well: refine with a full layout of what is drawn, in the background.
        refine = missing.length > Math.max(40, plainDefs.length * 0.2);
        positionOf = (id) => cache.get(id);
      } else if (missing.length) {
        // Nothing laid out yet: a grid until the first layout lands, and nothing sensible to frame.
        const grid = new Map(plainDefs.map((e, i) => [e.data.id as string, { x: (i % 40) * 60, y: Math.floor(i / 40) * 60 }]));
        positionOf = (id) => cache.get(id) ?? grid.get(id);
        refine = true;
        layoutPending.current = true;
      } else {
        positionOf = (id) => cache.get(id);
      }
      // The group badges stand on a shelf right of the drawing (they have no edges to place them by).
      const plainAt = positionOf;
      const shelf = shelfPositions(
        groupDefs.map((e) => ({ id: e.data.id as string, size: Number(e.data.size) })),
        plainDefs.map((e) => plainAt(e.data.id as string)).filter((p): p is cytoscape.Position => p !== undefined),
      );
      positionOf = (id) => shelf.get(id) ?? plainAt(id);
    }

    const options = {
      positionOf,
      quietClasses: (def: ElementDef): string => {
        const level = quietRef.current ?? quietLevel(cy.zoom());
        if (level === 0 || hasClass(def, 'group') || hasClass(def, 'picture')) return '';
        if (level === 2) return 'quiet hush';
        return hasClass(def, 'ai') ? '' : 'quiet';
      },
    };
    const { pending } = timed('sync', () => syncCanvas(cy, elements, highlight, owned.current, { ...options, firstBatch: FIRST_BATCH }));

    // The rest of what is new, a batch per frame, so the page answers and the radius grows outwards.
    let timer = 0;
    let frame = 0;
    const step = (): void => {
      if (cyRef.current !== cy || cy.destroyed()) return;
      timed('batch', () => cy.batch(() => void addNext(cy, pending, options, NEXT_BATCH)));
      if (pending.length) frame = requestAnimationFrame(() => (timer = window.setTimeout(step, 0)));
      else setDataset('drawing', 'done');
    };
    if (pending.length) {
      setDataset('drawing', 'pending');
      frame = requestAnimationFrame(() => (timer = window.setTimeout(step, 0)));
    } else setDataset('drawing', 'done');

    if (picture) {
      // The picture is refitted whenever it changes (panels, mode, hops, cuts, an unfolded group), into the
      // canvas's free box: nothing drawn goes under the toolbar, the minimap or the notes.
      const box = useAppStore.getState().canvasBox;
      fitPicture(cy, picture.positions, box.insets, elements.length <= ANIMATE_MAX && lastPicture.current !== null);
      lastPicture.current = picture;
      lastFrame.current = frameKeyRef.current;
      publishPicture(cy, picture.geometry.fontSize);
    } else if (fitAfter && layout !== 'layered' && !layoutPending.current && !refine) cy.fit(undefined, 40);
    if (!picture) lastPicture.current = null;
    // Frame what is lit when that changed (the hop slider alone does not move the view).
    if (!picture && !layoutPending.current && lastFrame.current !== frameKeyRef.current) {
      lastFrame.current = frameKeyRef.current;
      frameLit(cy, elements.length <= ANIMATE_MAX, layout === 'layered' && !model.path?.found, litPoints(highlight, nodeDefs, positionOf));
    }

    if (refine) {
      setDataset('layout', 'pending');
      setLayingOut(nodeDefs.length);
      const input = {
        nodes: nodeDefs.filter((e) => !hasClass(e, 'group')).map((e) => ({ id: e.data.id as string, size: hasClass(e, 'ai') ? 42 : 32 })),
        edges: edgeDefs.map((e) => ({ source: e.data.source as string, target: e.data.target as string })),
      };
      void layoutForce(input)
        .then((positions) => {
          if (runId !== layoutRun.current || cyRef.current !== cy) return;
          for (const [id, p] of Object.entries(positions)) cache.set(id, p);
          savePositionCache(fingerprint.current);
          const shelf = shelfPositions(
            groupDefs.map((e) => ({ id: e.data.id as string, size: Number(e.data.size) })),
            Object.values(positions),
          );
          for (const [id, p] of shelf) cache.set(id, p);
          timed('positions', () =>
            cy.batch(() => {
              cy.nodes().forEach((n) => {
                const p = cache.get(n.id());
                if (p) n.position({ x: p.x, y: p.y });
              });
            }),
          );
          layoutPending.current = false;
          lastFrame.current = frameKeyRef.current;
          frameLit(cy, false, false, litPoints(highlight, nodeDefs, (id) => cache.get(id)));
        })
        .catch((err: unknown) => {
          console.warn('layout failed', err);
          if (runId === layoutRun.current && cyRef.current === cy) cy.layout({ name: 'grid' }).run();
        })
        .finally(() => {
          if (runId === layoutRun.current) {
            layoutPending.current = false;
            setDataset('layout', 'ready');
            setLayingOut(null);
          }
        });
    }
    return () => {
      cancelAnimationFrame(frame);
      window.clearTimeout(timer);
      // What was not added yet is forgotten: the next pass starts from what is on the canvas.
      for (const p of pending) owned.current.delete(p.def.data.id as string);
    };
  }, [graph, elements, highlight, layout, layers, model.path, model.picture]);

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
    // In redact mode the file name must not carry a real id either.
    const name = useReviewStore.getState().redact ? 'redacted' : (model.radius?.focus ?? model.path?.from ?? 'overview');
    a.download = `pathlight-${name.replace(/[^\w.-]+/g, '_')}.png`;
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
      <div data-canvas-blocker="" className="no-print absolute top-3 left-3 flex items-center gap-0.5 rounded-lg border border-line bg-panel/95 p-1 shadow-lg backdrop-blur" role="toolbar" aria-label="Graph view">
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
