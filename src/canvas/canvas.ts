/**
 * The canvas layer's one entry point: `createCanvas` makes a Cytoscape instance in a container and returns a
 * small imperative handle. Callers give plain data (elements, what is lit, other features' overlays) and get
 * plain callbacks back; nothing outside `src/canvas/` sees Cytoscape.
 *
 * - `draw` brings the drawing to (elements, lit) in one pass touching only what changed, new elements nearest
 *   first: a first batch at once, the rest a batch per frame (`data-drawing=pending|done` on the container).
 * - `light` changes only classes, on a stable drawing: nothing is added, removed or moved.
 * - `setOverlay(owner, overlay)` puts another feature's marks on (classes by id, ghosts, labels); they are part
 *   of what each element should carry, so new elements arrive with them and a redraw keeps them.
 * - framing reads node positions and keeps clear of `setInsets` (panels over the canvas).
 */
import cytoscape from 'cytoscape';

import { timed } from '../lib/perf.ts';

import { addNext, syncCanvas, syncClasses } from './canvas-sync.ts';
import type { OwnedClasses, PendingElement, SyncOptions } from './canvas-sync.ts';
import { NO_INSETS, framePoints, freeArea, litPoints, markFit } from './frame.ts';
import { applyGhosts } from './ghosts.ts';
import type { GhostEdge, GhostNode } from './types.ts';
import { attachMinimap } from './minimap.ts';
import { PALETTES, buildStylesheet } from './stylesheet.ts';
import { collectScene } from './svg-export.ts';
import type { SvgScene } from './svg-export.ts';
import type { CanvasElement, CanvasEvents, CanvasLit, CanvasOverlay, Insets, Point, Theme } from './types.ts';

declare global {
  interface Window {
    /** The test hook (not in production builds): e2e specs and the UI bench read the drawing through it. */
    __cy?: cytoscape.Core;
    /** The picture's test hook (not in production builds): boxes of what is drawn, on screen. */
    __pathlight?: { boxes(): CanvasBoxes };
  }
}

/** A box on screen, in CSS pixels relative to the canvas. */
export interface ScreenBox {
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
}

/** What is drawn, as tests see it: each node's box, its label's box (when a label is drawn) and the label's size on screen. */
export interface CanvasBoxes {
  readonly width: number;
  readonly height: number;
  readonly zoom: number;
  /** The part of the canvas no panel, toolbar or minimap covers (framing keeps drawn nodes inside it). */
  readonly free: ScreenBox;
  readonly nodes: readonly {
    readonly id: string;
    readonly classes: readonly string[];
    readonly data: Record<string, unknown>;
    readonly box: ScreenBox;
    readonly label: ScreenBox | null;
    readonly text: string;
    readonly fontPx: number;
  }[];
  readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string; readonly classes: readonly string[]; readonly label: string }[];
}

/** New elements added in the first frame of a change, and in each frame after it (see canvas-sync.ts). */
const FIRST_BATCH = 120;
const NEXT_BATCH = 400;
/** Above this many drawn elements, moving the view is a jump: each animation frame would repaint them all. */
export const ANIMATE_MAX = 600;
const LIT = '.focus, .reached, .exposing, .on-path, .evidence';

/** Label quietness for a zoom: 0 every label; 1 AI nodes only; 2 none but the lit ones (far out on a crowded drawing). */
const quietLevel = (zoom: number): 0 | 1 | 2 => (zoom >= 0.8 ? 0 : zoom >= 0.45 ? 1 : 2);
const hasClass = (def: CanvasElement, cls: string): boolean => def.classes.split(' ').includes(cls);
/** Drawings exempt from zoom quietness: the blast-radius picture decides its labels itself (legible at fit, none overlapping). */
const keepsLabels = (def: CanvasElement): boolean => hasClass(def, 'group') || hasClass(def, 'picture');

/** Classes that follow the pointer or a timer (hover labels, the search pulse): never part of an export. */
const TRANSIENT = ['hover', 'pulse'] as const;

/** Runs an export capture on the stable picture: the transient classes are taken off for it and put back after. */
function stableCapture<T>(cy: cytoscape.Core, capture: () => T): T {
  const held = TRANSIENT.map((cls) => [cls, cy.elements(`.${cls}`)] as const).filter(([, els]) => els.nonempty());
  held.forEach(([cls, els]) => void els.removeClass(cls));
  try {
    return capture();
  } finally {
    held.forEach(([cls, els]) => void els.addClass(cls));
  }
}

const box = (b: { x1: number; y1: number; x2: number; y2: number }): ScreenBox => ({ x1: b.x1, y1: b.y1, x2: b.x2, y2: b.y2 });

/** Boxes of what is drawn on screen (the test hook's answer). */
function boxesOf(cy: cytoscape.Core, insets: Insets): CanvasBoxes {
  const zoom = cy.zoom();
  const area = freeArea(cy, insets);
  return {
    width: cy.width(),
    height: cy.height(),
    zoom,
    free: { x1: area.x, y1: area.y, x2: area.x + area.w, y2: area.y + area.h },
    nodes: cy.nodes().map((n) => {
      const text = String(n.style('label') ?? '');
      const shown = text !== '' && Number.parseFloat(String(n.style('opacity'))) > 0 && n.visible();
      return {
        id: n.id(),
        classes: n.classes() as string[],
        data: { ...(n.data() as Record<string, unknown>) },
        box: box(n.renderedBoundingBox({ includeLabels: false, includeOverlays: false })),
        label: shown ? box(n.renderedBoundingBox({ includeNodes: false, includeEdges: false, includeLabels: true, includeOverlays: false })) : null,
        text: shown ? text : '',
        fontPx: Number.parseFloat(String(n.style('font-size'))) * zoom,
      };
    }),
    edges: cy.edges().map((e) => ({ id: e.id(), source: e.source().id(), target: e.target().id(), classes: e.classes() as string[], label: String(e.style('label') ?? '') })),
  };
}

export interface DrawOptions {
  /** Where a node goes (read when it is added, so positions that land meanwhile are used). */
  readonly positionOf: (id: string) => Point | undefined;
}

export interface FrameOptions {
  readonly animate?: boolean;
  /** A layered drawing too wide to read whole is anchored at its focus on the left. */
  readonly layered?: boolean;
}

export interface CanvasHandle {
  /** What is drawn and lit: one pass touching only what changed, new elements nearest first. */
  draw(elements: readonly CanvasElement[], lit: CanvasLit, options: DrawOptions): void;
  /** What is lit, alone: classes change on the stable drawing. */
  light(lit: CanvasLit): void;
  /** Another feature's marks by owner (`null` takes them off). */
  setOverlay(owner: string, overlay: CanvasOverlay | null): void;
  setTheme(theme: Theme): void;
  /** Room to keep free at each side when framing (panels floating over the canvas). */
  setInsets(insets: Insets): void;
  /** Moves drawn nodes (a layout that landed); animated or at once. */
  setPositions(positionOf: (id: string) => Point | undefined, animate?: boolean): void;
  /** Frames what is lit among these elements (all of them when at most one is lit). */
  frameLit(elements: readonly CanvasElement[], lit: CanvasLit, positionOf: (id: string) => Point | undefined, options?: FrameOptions): void;
  /**
   * Fits everything drawn; `reach` widens the framed extent by model units beyond the outermost node centres
   * (labels running past their nodes: half a label's width sideways, a line of text below).
   */
  fitAll(options?: { animate?: boolean; padding?: number; reach?: { x: number; top: number; bottom: number }; keepInside?: boolean }): void;
  /** Fits the lit elements, if any. */
  fitLit(): void;
  /** Centres a drawn node (zoomed in to at least `minZoom`); false when it is not drawn. */
  center(id: string, options?: { minZoom?: number; animate?: boolean }): boolean;
  zoomBy(factor: number, options?: { animate?: boolean }): void;
  /**
   * A presentation scale (meeting mode: 1.3) applied to every later framing and, at once, to the view. Every
   * fit multiplies its zoom by it, so a refit after a resize keeps the scale whichever comes first.
   */
  setScale(scale: number): void;
  /** The canvas changed size: measure it again (and refresh label textures). */
  resize(): void;
  /** Lights a path hop by hop (node ids, edge element ids); returns a function that stops it. */
  trace(nodes: readonly string[], edges: readonly string[]): () => void;
  /** Pulses a node (retrying briefly until it is drawn), centring it when nothing else is lit. */
  pulse(id: string): () => void;
  has(id: string): boolean;
  /**
   * Where a drawn node (or an edge element's midpoint) is in the page's viewport, and whether it is inside the
   * canvas as shown; null when it is not drawn (a menu opened from the keyboard is placed there).
   */
  clientPosition(id: string): { x: number; y: number; visible: boolean } | null;
  /** The canvas's size in pixels. */
  size(): { width: number; height: number };
  /** How many elements are lit now (focus, reached, exposing, on a path, evidence). */
  litCount(): number;
  /** A grid of what is drawn (when a layout failed). */
  grid(): void;
  png(options: { full: boolean; scale?: number; background?: string }): Blob;
  scene(options: { full: boolean; background: string; title?: string }): SvgScene;
  /** Draws the minimap onto a canvas element until the returned function is called. */
  minimap(canvas: HTMLCanvasElement, theme: Theme): () => void;
  /** Tells tests whether a background layout is under way (`data-layout=pending|ready` on the container). */
  markLayout(state: 'pending' | 'ready'): void;
  /** Adds event callbacks; returns a function that removes them. */
  subscribe(events: CanvasEvents): () => void;
  destroy(): void;
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

export interface CreateCanvasOptions {
  readonly container: HTMLElement;
  readonly theme: Theme;
  readonly webgl?: boolean;
  readonly events?: CanvasEvents;
}

export function createCanvas({ container, theme: initialTheme, webgl = false, events }: CreateCanvasOptions): CanvasHandle {
  let theme = initialTheme;
  let relabelled = false;
  const cy = cytoscape({
    container,
    style: buildStylesheet(theme),
    boxSelectionEnabled: false,
    autounselectify: true,
    minZoom: 0.05,
    maxZoom: 3,
    textureOnViewport: false,
    hideEdgesOnViewport: false,
    ...(webgl ? ({ webgl: true } as object) : {}),
  });
  if (import.meta.env.MODE !== 'production') {
    // oxlint-disable-next-line no-underscore-dangle -- the test hook's agreed name
    window.__cy = cy;
    // oxlint-disable-next-line no-underscore-dangle -- the test hook's agreed name
    window.__pathlight = { boxes: () => boxesOf(cy, insets) };
  }

  const owned: OwnedClasses = new Map();
  const overlays = new Map<string, CanvasOverlay>();
  const listeners = new Set<CanvasEvents>(events ? [events] : []);
  let elements: readonly CanvasElement[] = [];
  let lit: CanvasLit = { classes: new Map(), dimRest: false };
  let insets: Insets = NO_INSETS;
  let viewScale = 1;
  // The last framing kept the whole drawing inside the free area (the picture): a new scale leaves it so.
  let framedInside = false;
  let pending: PendingElement[] = [];
  let frame = 0;
  let timer = 0;
  let quiet: 0 | 1 | 2 | null = null;

  const emit = <K extends keyof CanvasEvents>(key: K, ...args: Parameters<NonNullable<CanvasEvents[K]>>): void => {
    for (const l of listeners) (l[key] as ((...a: unknown[]) => void) | undefined)?.(...args);
  };

  // Overlay classes, merged across owners; recomputed when an overlay changes.
  let extra = new Map<string, string[]>();
  const extraClasses = (id: string): readonly string[] | undefined => extra.get(id);
  const mergeOverlays = (): void => {
    const next = new Map<string, string[]>();
    for (const o of overlays.values()) {
      if (!o.classes) continue;
      for (const [id, tokens] of o.classes) {
        const list = next.get(id);
        if (list) list.push(...tokens.filter((t) => !list.includes(t)));
        else next.set(id, [...tokens]);
      }
    }
    extra = next;
  };
  const ghosts = (): { ghostNodes: GhostNode[]; ghostEdges: GhostEdge[] } => {
    const ghostNodes: GhostNode[] = [];
    const ghostEdges: GhostEdge[] = [];
    for (const o of overlays.values()) {
      if (o.ghostNodes) ghostNodes.push(...o.ghostNodes);
      if (o.ghostEdges) ghostEdges.push(...o.ghostEdges);
    }
    return { ghostNodes, ghostEdges };
  };
  const relabel = (): ((id: string) => string) | undefined => {
    for (const o of overlays.values()) if (o.relabel) return o.relabel;
    return undefined;
  };

  // Labels through an overlay (redact): each node carries its label in `pseudo` and the stylesheet reads it.
  // The real label data is never touched (changing it in place left stale, squeezed label textures).
  const applyLabels = (): void => {
    const f = relabel();
    if (f) {
      cy.batch(() => {
        cy.nodes().forEach((node) => {
          const alias = node.hasClass('group') || node.hasClass('ghost') ? ((node.data('label') as string | undefined) ?? '') : f(node.id());
          if (node.data('pseudo') !== alias) node.data('pseudo', alias);
        });
      });
    }
    if (Boolean(f) !== relabelled) {
      relabelled = Boolean(f);
      cy.style(buildStylesheet(theme, relabelled));
    }
  };
  const afterDraw = (): void => {
    // Nodes that were quiet in the overview and are now in the picture get their labels back.
    cy.nodes('.picture.quiet, .picture.hush').removeClass('quiet hush');
    applyGhosts(cy, ghosts());
    applyLabels();
  };

  // Calm overview: below 80% zoom only AI nodes and lit nodes keep their labels.
  const updateQuiet = (): void => {
    const next = quietLevel(cy.zoom());
    if (next === quiet) return;
    quiet = next;
    cy.batch(() => {
      const all = cy.nodes().not('.group, .picture');
      all.removeClass('quiet hush');
      if (next === 1) all.not('.ai').addClass('quiet');
      // So far out even lit labels are specks: drawing them costs more than it shows.
      if (next === 2) all.addClass('quiet hush');
    });
  };
  cy.on('zoom', updateQuiet);
  // New nodes arrive with the current level's classes (see syncCanvas), so adding never restyles the rest.
  cy.on('render', () => {
    if (quiet === null) updateQuiet();
  });
  // A label the picture hid (it would overlap a more important one) shows while the pointer is on its node.
  cy.on('mouseover', 'node', (evt) => void evt.target.addClass('hover'));
  cy.on('mouseout', 'node', (evt) => void evt.target.removeClass('hover'));
  cy.on('tap', 'node', (evt) => emit('onTapNode', evt.target.id() as string));
  cy.on('tap', 'edge', (evt) => emit('onTapEdge', evt.target.id() as string));
  cy.on('tap', () => emit('onTapAnywhere'));
  cy.on('viewport', () => emit('onViewport'));
  cy.on('cxttap', 'node, edge', (evt) => {
    const el = evt.target as cytoscape.NodeSingular | cytoscape.EdgeSingular;
    const group = el.isNode() ? 'nodes' : 'edges';
    const at = evt.renderedPosition ?? (el.isNode() ? (el as cytoscape.NodeSingular).renderedPosition() : (el as cytoscape.EdgeSingular).renderedMidpoint());
    const pointer = evt.originalEvent as MouseEvent | undefined;
    const rect = container.getBoundingClientRect();
    const client = pointer && typeof pointer.clientX === 'number' ? { x: pointer.clientX, y: pointer.clientY } : { x: rect.left + at.x, y: rect.top + at.y };
    emit('onContext', { id: el.id(), group, isGroup: el.hasClass('group') }, { x: at.x, y: at.y }, client);
  });

  const setDrawing = (state: 'pending' | 'done'): void => {
    container.dataset.drawing = state;
  };
  const stopPending = (): void => {
    cancelAnimationFrame(frame);
    window.clearTimeout(timer);
    // What was not added yet is forgotten: the next pass starts from what is on the canvas.
    for (const p of pending) owned.delete(p.def.data.id as string);
    pending = [];
  };
  let lastLit: CanvasLit | null = null;
  const endTrace = (next: CanvasLit): void => {
    // A new highlight ends the previous trace.
    if (lastLit !== next) cy.elements('.trace').removeClass('trace');
    lastLit = next;
  };

  const handle: CanvasHandle = {
    draw(next, nextLit, { positionOf }) {
      if (cy.destroyed()) return;
      stopPending();
      endTrace(nextLit);
      elements = next;
      lit = nextLit;
      const options: SyncOptions = {
        positionOf,
        extraClasses,
        quietClasses: (def) => {
          const level = quiet ?? quietLevel(cy.zoom());
          if (level === 0 || keepsLabels(def)) return '';
          if (level === 2) return 'quiet hush';
          return hasClass(def, 'ai') ? '' : 'quiet';
        },
      };
      const result = timed('sync', () => syncCanvas(cy, elements, lit, owned, { ...options, firstBatch: FIRST_BATCH }));
      pending = result.pending;
      afterDraw();
      // The rest of what is new, a batch per frame, so the page answers and the radius grows outwards.
      const step = (): void => {
        if (cy.destroyed()) return;
        timed('batch', () => cy.batch(() => void addNext(cy, pending, options, NEXT_BATCH)));
        if (pending.length) {
          frame = requestAnimationFrame(() => (timer = window.setTimeout(step, 0)));
          return;
        }
        // What is lit or overlaid may have changed while the batches were added.
        syncClasses(cy, elements, lit, owned, extraClasses);
        afterDraw();
        setDrawing('done');
      };
      if (pending.length) {
        setDrawing('pending');
        frame = requestAnimationFrame(() => (timer = window.setTimeout(step, 0)));
      } else setDrawing('done');
    },
    light(nextLit) {
      if (cy.destroyed()) return;
      endTrace(nextLit);
      lit = nextLit;
      timed('light', () => syncClasses(cy, elements, lit, owned, extraClasses));
    },
    setOverlay(owner, overlay) {
      if (cy.destroyed()) return;
      if (overlay) overlays.set(owner, overlay);
      else if (!overlays.delete(owner)) return;
      mergeOverlays();
      syncClasses(cy, elements, lit, owned, extraClasses);
      afterDraw();
    },
    setTheme(next) {
      theme = next;
      if (!cy.destroyed()) cy.style(buildStylesheet(theme, relabelled));
    },
    setInsets(next) {
      insets = next;
    },
    setPositions(positionOf, animate = false) {
      timed('positions', () =>
        cy.batch(() => {
          cy.nodes().forEach((n) => {
            const p = positionOf(n.id());
            if (!p) return;
            if (animate) n.animate({ position: { x: p.x, y: p.y } }, { duration: 300 });
            else n.position({ x: p.x, y: p.y });
          });
        }),
      );
    },
    frameLit(defs, on, positionOf, { animate = defs.length <= ANIMATE_MAX, layered = false } = {}) {
      framedInside = false;
      framePoints(cy, litPoints(on, defs, positionOf), { animate, layered, insets, scale: viewScale });
    },
    fitAll({ animate = false, padding = 40, reach, keepInside = false } = {}) {
      // `keepInside`: the whole drawing stays in the free area, so the presentation scale is not applied.
      const fitScale = keepInside ? 1 : viewScale;
      framedInside = keepInside;
      // Tests wait for this to match the canvas's size (a refit after the panels or the window changed).
      container.dataset.fitted = `${Math.round(cy.width())}x${Math.round(cy.height())}`;
      if (insets === NO_INSETS) {
        if (animate && fitScale === 1) {
          cy.animate({ fit: { eles: cy.elements(), padding } }, { duration: 260, queue: false, complete: () => markFit(cy, cy.zoom()) });
          return;
        }
        cy.stop(true, false);
        cy.fit(undefined, padding);
        markFit(cy, cy.zoom());
        if (fitScale !== 1) cy.zoom({ level: cy.zoom() * fitScale, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
        return;
      }
      const points: Point[] = cy.nodes().map((n) => n.position());
      if (reach && points.length) {
        const xs = points.map((p) => p.x);
        const ys = points.map((p) => p.y);
        points.push({ x: Math.min(...xs) - reach.x, y: Math.min(...ys) - reach.top }, { x: Math.max(...xs) + reach.x, y: Math.max(...ys) + reach.bottom });
      }
      framePoints(cy, { points, focus: undefined }, { animate, insets, padding, maxZoom: cy.maxZoom(), scale: fitScale });
    },
    fitLit() {
      const on = cy.elements(LIT);
      if (on.empty()) return;
      if (insets === NO_INSETS) cy.animate({ fit: { eles: on, padding: 60 } }, { duration: 260, queue: false });
      else framePoints(cy, { points: on.nodes().map((n) => n.position()), focus: undefined }, { animate: true, insets, scale: viewScale });
    },
    center(id, { minZoom = 0, animate = true } = {}) {
      const node = cy.getElementById(id);
      if (node.empty()) return false;
      const zoom = Math.max(cy.zoom(), minZoom);
      const p = node.position();
      const area = freeArea(cy, insets);
      const pan = { x: area.x + area.w / 2 - p.x * zoom, y: area.y + area.h / 2 - p.y * zoom };
      cy.stop(true, false);
      if (animate) cy.animate({ zoom, pan }, { duration: 280, queue: false, complete: () => void cy.style().update() });
      else cy.viewport({ zoom, pan });
      return true;
    },
    zoomBy(factor, { animate = true } = {}) {
      const level = cy.zoom() * factor;
      const renderedPosition = { x: cy.width() / 2, y: cy.height() / 2 };
      if (animate) cy.animate({ zoom: { level, renderedPosition } }, { duration: 160, queue: false });
      else cy.zoom({ level, renderedPosition });
    },
    setScale(next) {
      if (!(next > 0) || next === viewScale) return;
      const factor = next / viewScale;
      viewScale = next;
      container.dataset.scale = String(next);
      if (framedInside) return;
      cy.stop(true, false);
      cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
    },
    resize() {
      cy.resize();
      // Cached label textures keep the old canvas size (squeezed text) until the style is refreshed.
      cy.style().update();
    },
    trace(nodes, edges) {
      cy.elements('.trace').removeClass('trace');
      const steps: cytoscape.CollectionReturnValue[] = [];
      const first = cy.getElementById(nodes[0] ?? '');
      if (first.nonempty()) steps.push(first);
      edges.forEach((edgeId, i) => {
        steps.push(cy.getElementById(edgeId).union(cy.getElementById(nodes[i + 1] ?? '')));
      });
      const all = steps.reduce((acc, s) => acc.union(s), cy.collection());
      if (all.nonempty()) cy.animate({ fit: { eles: all, padding: 90 } }, { duration: 300, queue: false });
      const timers = steps.map((s, i) => window.setTimeout(() => s.addClass('trace'), 150 + i * 320));
      return () => timers.forEach((t) => window.clearTimeout(t));
    },
    pulse(id) {
      const timers: number[] = [];
      // The node may arrive with the next elements update; try briefly.
      const attempt = (left: number): void => {
        const node = cy.getElementById(id);
        if (node.empty()) {
          if (left > 0) timers.push(window.setTimeout(() => attempt(left - 1), 120));
          return;
        }
        // A lit radius is framed by the drawing; a node that lights nothing is centred.
        if (cy.elements(LIT).length <= 1) cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 0.9) }, { duration: 320, queue: false });
        // Tests wait for the pulse to end (`#graph:not([data-pulse])`); exports never draw it.
        container.dataset.pulse = 'on';
        for (let k = 0; k < 3; k++) {
          timers.push(window.setTimeout(() => node.addClass('pulse'), 360 + k * 420));
          timers.push(window.setTimeout(() => {
            node.removeClass('pulse');
            if (k === 2) delete container.dataset.pulse;
          }, 360 + k * 420 + 240));
        }
      };
      attempt(10);
      return () => {
        timers.forEach((t) => window.clearTimeout(t));
        cy.elements('.pulse').removeClass('pulse');
        delete container.dataset.pulse;
      };
    },
    has: (id) => cy.getElementById(id).nonempty(),
    clientPosition(id) {
      const el = cy.getElementById(id);
      if (el.empty()) return null;
      const at = el.isNode() ? (el as cytoscape.NodeSingular).renderedPosition() : (el as cytoscape.EdgeSingular).renderedMidpoint();
      const rect = container.getBoundingClientRect();
      const visible = at.x >= 0 && at.y >= 0 && at.x <= rect.width && at.y <= rect.height;
      return { x: rect.left + at.x, y: rect.top + at.y, visible };
    },
    size: () => ({ width: cy.width(), height: cy.height() }),
    litCount: () => cy.elements(LIT).length,
    grid() {
      cy.layout({ name: 'grid' }).run();
    },
    png({ full, scale = 2, background }) {
      return stableCapture(cy, () => cy.png({ output: 'blob', scale, full, ...(background ? { bg: background } : {}) }));
    },
    scene: (options) => stableCapture(cy, () => collectScene(cy, options)),
    minimap: (canvas, t) => attachMinimap(cy, canvas, PALETTES[t].accent),
    markLayout(state) {
      container.dataset.layout = state;
    },
    subscribe(more) {
      listeners.add(more);
      return () => void listeners.delete(more);
    },
    destroy() {
      stopPending();
      listeners.clear();
      // oxlint-disable-next-line no-underscore-dangle
      if (window.__cy === cy) window.__cy = undefined;
      // oxlint-disable-next-line no-underscore-dangle
      if (window.__cy === undefined) window.__pathlight = undefined;
      cy.destroy();
    },
  };
  return handle;
}
