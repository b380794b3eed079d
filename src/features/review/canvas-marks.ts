/**
 * Review marks on the Cytoscape canvas: cut edges struck through and ghosted, removed nodes ghosted, choke
 * points marked, the walkthrough hop lit and centred, pseudonym labels in redact mode, and the edge context
 * menu (right click). Re-applied whenever the canvas redraws, since it resets classes and data.
 */
import { useEffect, useRef } from 'react';

import type cytoscape from 'cytoscape';

import type { Pseudonyms } from '../../graph/pseudonyms.ts';
import { useAppStore } from '../../store/app-store.ts';
import { buildStylesheet } from '../explorer/stylesheet.ts';
import { useReviewStore } from '../../store/review-store.ts';

let current: cytoscape.Core | null = null;
/** The canvas instance, for exports. */
export const reviewCy = (): cytoscape.Core | null => current;

let chokeEdges: readonly string[] = [];
let chokeNodes: readonly string[] = [];
const listeners = new Set<() => void>();
/** Choke points to mark (top of the ranking), published by the review panel. */
export function setChokeMarks(edges: readonly string[], nodes: readonly string[]): void {
  chokeEdges = edges;
  chokeNodes = nodes;
  listeners.forEach((f) => f());
}

let pseudonyms: Pseudonyms | null = null;
export function setCanvasPseudonyms(p: Pseudonyms | null): void {
  pseudonyms = p;
  listeners.forEach((f) => f());
}

const EDGE = (id: string): string => `edge\u241f${id}`;
const MARKS = 'what-if-cut what-if-removed choke walk-here walk-edge walk-past';

function apply(cy: cytoscape.Core): void {
  const { cuts, walk, redact } = useReviewStore.getState();
  cy.batch(() => {
    cy.elements(`.${MARKS.split(' ').join(', .')}`).removeClass(MARKS);
    for (const cut of cuts) {
      if ('edge' in cut) cy.getElementById(EDGE(cut.edge)).addClass('what-if-cut');
      else {
        const node = cy.getElementById(cut.node);
        node.addClass('what-if-removed');
        node.connectedEdges().addClass('what-if-cut');
      }
    }
    for (const e of chokeEdges) cy.getElementById(EDGE(e)).addClass('choke');
    for (const v of chokeNodes) cy.getElementById(v).addClass('choke');
    if (walk) {
      walk.steps.forEach((s, i) => {
        if (i < walk.index) cy.getElementById(EDGE(s.edge)).addClass('walk-past');
      });
      const step = walk.steps[walk.index];
      if (step) {
        cy.getElementById(EDGE(step.edge)).addClass('walk-edge');
        cy.getElementById(step.to).addClass('walk-here');
        cy.getElementById(step.from).addClass('walk-past');
      }
    }
  });
  // Redact: each node carries its pseudonym in `pseudo`, and the stylesheet maps labels from it (see below).
  // The real label data is never touched (changing it in place left stale, squeezed label textures).
  if (redact && pseudonyms) {
    const p = pseudonyms;
    cy.nodes().forEach((node) => {
      const alias = node.hasClass('group') ? (node.data('label') as string | undefined) ?? '' : p.node(node.id());
      if (node.data('pseudo') !== alias) node.data('pseudo', alias);
    });
  }
}

/** The explorer's stylesheet with every node label read from the pseudonym. */
function redactedSheet(theme: 'dark' | 'light'): cytoscape.StylesheetJson {
  return JSON.parse(JSON.stringify(buildStylesheet(theme)).replaceAll('"data(label)"', '"data(pseudo)"')) as cytoscape.StylesheetJson;
}

/** Call from the canvas component with its instance and what it drew. */
export function useReviewCanvas(cy: cytoscape.Core | null, drawn: unknown, lit: unknown): void {
  const cuts = useReviewStore((s) => s.cuts);
  const walk = useReviewStore((s) => s.walk);
  const redact = useReviewStore((s) => s.redact);

  useEffect(() => {
    if (!cy) return;
    current = cy;
    const onMenu = (evt: cytoscape.EventObject): void => {
      const id = evt.target.id() as string;
      if (!id.startsWith('edge\u241f')) return;
      const p = evt.renderedPosition ?? evt.target.renderedMidpoint();
      useReviewStore.getState().setMenu({ edge: id.slice('edge\u241f'.length), x: p.x, y: p.y });
    };
    const closeMenu = (): void => {
      if (useReviewStore.getState().menu) useReviewStore.getState().setMenu(null);
    };
    // Cytoscape emits 'add' once per element: a swap of 1.5k elements must re-apply the marks once, not 1.5k times.
    let queued = false;
    const again = (): void => {
      if (queued) return;
      queued = true;
      queueMicrotask(() => {
        queued = false;
        if (!cy.destroyed()) apply(cy);
      });
    };
    const onNodeMenu = (evt: cytoscape.EventObject): void => {
      const id = evt.target.id() as string;
      if (evt.target.hasClass('group')) return;
      const p = evt.renderedPosition ?? evt.target.renderedPosition();
      useReviewStore.getState().setMenu({ edge: id, node: true, x: p.x, y: p.y });
    };
    cy.on('cxttap', 'edge', onMenu);
    cy.on('cxttap', 'node', onNodeMenu);
    cy.on('tap viewport', closeMenu);
    cy.on('add', again);
    listeners.add(again);
    return () => {
      listeners.delete(again);
      cy.off('cxttap', 'edge', onMenu);
      cy.off('cxttap', 'node', onNodeMenu);
      cy.off('tap viewport', closeMenu);
      cy.off('add', again);
      if (current === cy) current = null;
    };
  }, [cy]);

  // Redact swaps the stylesheet (after the canvas's own theme effect, which sets the plain one).
  const theme = useAppStore((s) => s.theme);
  useEffect(() => {
    if (!cy) return;
    if (redact) apply(cy);
    cy.style(redact ? redactedSheet(theme) : buildStylesheet(theme));
  }, [cy, redact, theme]);

  // Re-applied when the canvas redraws (drawn, lit) or the review state changes.
  useEffect(() => {
    if (cy) apply(cy);
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- the canvas resets classes and labels when these change
  }, [cy, cuts, walk, redact, drawn, lit]);

  // Centre the current hop of the walkthrough (after the canvas has framed what is lit).
  const step = walk ? walk.steps[walk.index] : undefined;
  useEffect(() => {
    if (!cy || !step) return;
    const timers: number[] = [];
    const attempt = (left: number): void => {
      const node = cy.getElementById(step.to);
      if (node.empty()) {
        if (left > 0) timers.push(window.setTimeout(() => attempt(left - 1), 150));
        return;
      }
      cy.stop(true, false);
      cy.animate({ center: { eles: node }, zoom: Math.max(cy.zoom(), 1) }, { duration: 280, queue: false });
    };
    timers.push(window.setTimeout(() => attempt(12), 60));
    return () => timers.forEach((t) => window.clearTimeout(t));
  }, [cy, step]);

  // Meeting mode and hidden panels change the canvas size: tell Cytoscape, and keep the hop in the middle.
  const layoutKey = useReviewStore((s) => `${s.meeting}|${s.panelsCollapsed}`);
  const wasMeeting = useRef(false);
  useEffect(() => {
    if (!cy) return;
    const timer = window.setTimeout(() => {
      cy.resize();
      // Cached label textures keep the old canvas size (squeezed text) until the style is refreshed.
      cy.style().update();
      // Meeting mode zooms the graph in a step (labels readable from the back of the room); leaving it zooms out.
      const meeting = useReviewStore.getState().meeting;
      if (meeting !== wasMeeting.current) {
        const factor = meeting ? 1.3 : 1 / 1.3;
        cy.zoom({ level: cy.zoom() * factor, renderedPosition: { x: cy.width() / 2, y: cy.height() / 2 } });
        wasMeeting.current = meeting;
      }
      const w = useReviewStore.getState().walk;
      const hop = w ? w.steps[w.index] : undefined;
      const node = hop ? cy.getElementById(hop.to) : cy.collection();
      if (node.nonempty()) cy.animate({ center: { eles: node } }, { duration: 200, queue: false, complete: () => void cy.style().update() });
    }, 80);
    return () => window.clearTimeout(timer);
    // oxlint-disable-next-line react/exhaustive-effect-dependencies -- runs when the canvas changes size
  }, [cy, layoutKey]);

  // Keep the edge menu closed when the view changes under it.
  useEffect(
    () =>
      useAppStore.subscribe((s, prev) => {
        if (s.view !== prev.view && useReviewStore.getState().menu) useReviewStore.getState().setMenu(null);
      }),
    [],
  );
}
