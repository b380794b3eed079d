/**
 * What the explorer draws and where: positions for everything to draw (the position cache, incremental
 * placement next to drawn neighbours, the layered layout, the shelf of group badges), then one `draw` on the
 * canvas, framing when what is lit changed, and fcose in the worker in the background when much is new. A
 * change of what is lit alone (same elements) only relights the stable drawing.
 */
import { useEffect, useRef, useState } from 'react';

import type { CanvasHandle } from '../../canvas/canvas.ts';
import type { Point } from '../../canvas/types.ts';
import type { InventoryGraph } from '../../graph/index.ts';
import { useAppStore } from '../../store/app-store.ts';
import { layoutForce } from '../../workers/analysis-client.ts';

import type { ExplorerModel } from './use-explorer-model.ts';
import type { ElementDef } from './view-model/elements.ts';
import type { Highlight } from './view-model/highlight.ts';
import { layeredLayout } from './view-model/layered-layout.ts';
import { getPositionCache, inventoryFingerprint, placeIncrementally, savePositionCache, shelfPositions } from './view-model/positions.ts';

/** Whether an element definition carries a class (a whole token: `kind-group` is not `group`). */
const hasClass = (def: ElementDef, cls: string): boolean => def.classes.split(' ').includes(cls);

/** Draws the model on the canvas; returns how many nodes are being laid out in the background, if any. */
export function useCanvasDrawing(canvas: CanvasHandle | null, model: ExplorerModel): number | null {
  const [layingOut, setLayingOut] = useState<number | null>(null);
  const { graph, elements, highlight, layout, layers } = model;
  const evidence = useAppStore((s) => s.evidence);
  const relayoutSerial = useAppStore((s) => s.relayoutSerial);
  // What is lit changed (not merely the hop limit, which would make the slider jumpy): frame it once drawn.
  const frameKey = [model.radius?.focus, model.radius?.mode, model.path?.from, model.path?.to, layout, evidence?.finding.rule, evidence?.leg].join('|');
  const frameKeyRef = useRef(frameKey);
  useEffect(() => {
    frameKeyRef.current = frameKey;
  }, [frameKey]);
  const fingerprint = useRef('');
  const layoutRun = useRef(0);
  const lastLayout = useRef('');
  const lastFrame = useRef('');
  const layoutPending = useRef(false);
  const drawn = useRef<{
    canvas: CanvasHandle;
    graph: InventoryGraph;
    elements: readonly ElementDef[];
    lit: Highlight;
    positionOf: (id: string) => Point | undefined;
  } | null>(null);

  // Explicit re-layout of what is drawn.
  useEffect(() => {
    const last = drawn.current;
    if (relayoutSerial === 0 || !canvas || !last || last.canvas !== canvas) return;
    const cache = getPositionCache(fingerprint.current);
    const nodes = last.elements.filter((e) => e.group === 'nodes');
    for (const n of nodes) cache.delete(n.data.id as string);
    lastLayout.current = '';
    setLayingOut(nodes.length);
    const input = {
      nodes: nodes.map((n) => ({ id: n.data.id as string, size: hasClass(n, 'group') ? Number(n.data.size) : 34 })),
      edges: last.elements.filter((e) => e.group === 'edges').map((e) => ({ source: e.data.source as string, target: e.data.target as string })),
    };
    void layoutForce(input)
      .then((positions) => {
        if (drawn.current?.canvas !== canvas) return;
        for (const [id, p] of Object.entries(positions)) cache.set(id, p);
        savePositionCache(fingerprint.current);
        canvas.setPositions((id) => positions[id], true);
        canvas.fitAll({ animate: true });
      })
      .finally(() => setLayingOut(null));
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- runs when asked (the serial), on the canvas of the moment
  }, [relayoutSerial]);

  // Only what is lit changed: classes on the stable drawing.
  useEffect(() => {
    const last = drawn.current;
    if (!canvas || !last || last.canvas !== canvas || last.elements !== elements) return;
    canvas.light(highlight);
    last.lit = highlight;
    if (!layoutPending.current && lastFrame.current !== frameKeyRef.current) {
      lastFrame.current = frameKeyRef.current;
      canvas.frameLit(elements, highlight, last.positionOf, { layered: layout === 'layered' && !model.path?.found });
    }
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- what is lit alone; the drawing effect handles the other changes
  }, [highlight]);

  // What is drawn and where (and what is lit with it).
  useEffect(() => {
    if (!canvas) return;
    const last = drawn.current;
    if (last && last.canvas === canvas && last.elements === elements && last.graph === graph) return;
    if (last?.canvas !== canvas) {
      // A new instance (renderer switch) starts from nothing.
      lastLayout.current = '';
      lastFrame.current = '';
    }
    fingerprint.current = inventoryFingerprint(graph);
    const cache = getPositionCache(fingerprint.current);
    const runId = ++layoutRun.current;
    const setLayoutState = (state: 'pending' | 'ready'): void => canvas.markLayout(state);
    setLayoutState('ready');
    const layoutKey = `${layout}|${fingerprint.current}|${layers ? [...layers.keys()].join(',') : ''}`;
    const fitAfter = lastLayout.current !== layoutKey;
    lastLayout.current = layoutKey;

    // Positions of everything to be drawn, before anything is added.
    const nodeDefs = elements.filter((e) => e.group === 'nodes');
    const groupDefs = nodeDefs.filter((e) => hasClass(e, 'group'));
    const edgeDefs = elements.filter((e) => e.group === 'edges');
    let positionOf: (id: string) => Point | undefined;
    let refine = false;
    const picture = model.picture;
    if (picture) {
      positionOf = (id) => picture.positions.get(id);
    } else if (layout === 'layered' && layers) {
      const isPath = Boolean(model.path?.found);
      const positions = layeredLayout({
        layers,
        edges: edgeDefs.map((e) => ({ source: e.data.source as string, target: e.data.target as string })),
        ...(isPath ? { wrap: Math.max(4, Math.floor(canvas.size().width / 190)), columnGap: 190, rowGap: 90 } : { columnGap: 220, rowGap: 58, maxRows: 16 }),
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
        plainDefs.map((e) => plainAt(e.data.id as string)).filter((p): p is Point => p !== undefined),
      );
      positionOf = (id) => shelf.get(id) ?? plainAt(id);
    }

    canvas.draw(elements, highlight, { positionOf });
    drawn.current = { canvas, elements, graph, lit: highlight, positionOf };

    if (picture) {
      // The picture is refitted whenever it changes (panels, mode, hops, cuts, an unfolded group), into the
      // space the toolbar, the minimap and the notes leave.
      const box = useAppStore.getState().canvasBox;
      // The canvas was resized (panels hidden, window): measure it before fitting into it.
      const size = canvas.size();
      if (box.width && (Math.round(size.width) !== box.width || Math.round(size.height) !== box.height)) canvas.resize();
      canvas.setInsets(box.insets);
      // Framed with its labels: half the widest label past the outer columns, a line of text under the last row.
      canvas.fitAll({ animate: elements.length <= 600, padding: 16, reach: { x: ([100, 140, 180, 220].filter((w) => w <= picture.geometry.labelWidth).pop() ?? 100) / 2 + 4, top: 24, bottom: 44 }, keepInside: true });
      lastFrame.current = frameKeyRef.current;
    } else if (fitAfter && layout !== 'layered' && !layoutPending.current && !refine) canvas.fitAll();
    // Frame what is lit when that changed (the hop slider alone does not move the view).
    if (!picture && !layoutPending.current && lastFrame.current !== frameKeyRef.current) {
      lastFrame.current = frameKeyRef.current;
      canvas.frameLit(nodeDefs, highlight, positionOf, { animate: elements.length <= 600, layered: layout === 'layered' && !model.path?.found });
    }

    if (refine) {
      setLayoutState('pending');
      setLayingOut(nodeDefs.length);
      const input = {
        nodes: nodeDefs.filter((e) => !hasClass(e, 'group')).map((e) => ({ id: e.data.id as string, size: hasClass(e, 'ai') ? 42 : 32 })),
        edges: edgeDefs.map((e) => ({ source: e.data.source as string, target: e.data.target as string })),
      };
      void layoutForce(input)
        .then((positions) => {
          if (runId !== layoutRun.current || drawn.current?.canvas !== canvas) return;
          for (const [id, p] of Object.entries(positions)) cache.set(id, p);
          savePositionCache(fingerprint.current);
          const shelf = shelfPositions(
            groupDefs.map((e) => ({ id: e.data.id as string, size: Number(e.data.size) })),
            Object.values(positions),
          );
          for (const [id, p] of shelf) cache.set(id, p);
          canvas.setPositions((id) => cache.get(id));
          layoutPending.current = false;
          lastFrame.current = frameKeyRef.current;
          canvas.frameLit(nodeDefs, drawn.current.lit, (id) => cache.get(id), { animate: false });
        })
        .catch((err: unknown) => {
          console.warn('layout failed', err);
          if (runId === layoutRun.current && drawn.current?.canvas === canvas) canvas.grid();
        })
        .finally(() => {
          if (runId === layoutRun.current) {
            layoutPending.current = false;
            setLayoutState('ready');
            setLayingOut(null);
          }
        });
    }
    // oxlint-disable-next-line react-hooks/exhaustive-deps -- a change of what is lit alone is the lighting effect's
  }, [canvas, graph, elements, layout, layers, model.path]);

  return layingOut;
}
