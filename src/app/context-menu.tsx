/**
 * The context menu on nodes and edges (issue #16, point 6): opened by a right click on the canvas (the canvas
 * layer's `onContext`), by the ContextMenu key or Shift+F10 on the selected node or edge, and by the
 * "Actions" button in the details drawer and the selected edge's header (which ask through the app store). Its items act through the app's
 * own actions: selection and mode (blast radius, exposure), the path finder's ends, the what-if cuts of the
 * review store, the clipboard (pseudonyms in redact mode, as shown) and the details drawer. Composed here
 * because it spans the explorer's view state and review's cuts: features meet in app/.
 */
import { useEffect, useMemo, useState } from 'react';
import type { ReactElement } from 'react';

import type { CanvasHandle } from '../canvas/canvas.ts';
import { Menu } from '../components/ui/menu.tsx';
import type { MenuEntry } from '../components/ui/menu.tsx';
import type { InventoryGraph } from '../graph/index.ts';
import { redactorOf } from '../lib/redaction.ts';
import type { Redactor } from '../lib/redaction.ts';
import { NODE_KIND_LABELS } from '../model/index.ts';
import { useAppStore } from '../store/app-store.ts';
import type { ContextMenuRequest, Dataset } from '../store/app-store.ts';
import { useReviewStore } from '../store/review-store.ts';

const EDGE_PREFIX = 'edge\u241f';

/** A target the menu can act on: a node or an edge of the inventory (not a group badge, not a ghost). */
function targetOf(graph: InventoryGraph, element: { id: string; group: 'nodes' | 'edges'; isGroup: boolean }): ContextMenuRequest['target'] | null {
  if (element.group === 'edges') {
    if (!element.id.startsWith(EDGE_PREFIX)) return null;
    const id = element.id.slice(EDGE_PREFIX.length);
    return graph.index.edgeIndex.has(id) ? { kind: 'edge', id } : null;
  }
  if (element.isGroup || !graph.index.nodeIndex.has(element.id)) return null;
  return { kind: 'node', id: element.id };
}

/** What a copy writes: the value as the screen shows it (its pseudonym in redact mode). */
export function copyText(graph: InventoryGraph, target: ContextMenuRequest['target'], what: 'id' | 'name', r: Redactor | null): string {
  if (target.kind === 'edge') return r ? (r.edges.get(target.id) ?? r.redact(target.id)) : target.id;
  if (r) return r.node(target.id);
  if (what === 'id') return target.id;
  return graph.nodes[graph.index.nodeIndex.get(target.id)!]!.name;
}

function nodeName(graph: InventoryGraph, id: string): string {
  const i = graph.index.nodeIndex.get(id);
  return i === undefined ? id : graph.nodes[i]!.name;
}

/** Right click on the canvas, keyboard shortcuts, and closing when what the menu points at moves. */
function useMenuTriggers(graph: InventoryGraph, canvas: CanvasHandle | null): void {
  useEffect(() => {
    if (!canvas) return;
    return canvas.subscribe({
      onContext: (element, _at, client) => {
        const target = targetOf(graph, element);
        if (target) useAppStore.getState().openContextMenu({ target, x: client.x, y: client.y, via: 'pointer' });
      },
      onTapAnywhere: () => useAppStore.getState().closeContextMenu(),
      // A menu opened at the pointer points at a place on the canvas: it closes when the view moves.
      onViewport: () => {
        if (useAppStore.getState().contextMenu?.via === 'pointer') useAppStore.getState().closeContextMenu();
      },
    });
  }, [canvas, graph]);

  // The ContextMenu key or Shift+F10 opens the menu of the selected edge, else of the selected node.
  useEffect(() => {
    const onKey = (e: KeyboardEvent): void => {
      if (!(e.key === 'ContextMenu' || (e.key === 'F10' && e.shiftKey))) return;
      const el = e.target instanceof HTMLElement ? e.target : null;
      if (el?.closest('input, textarea, select, [contenteditable="true"], [role="menu"], [role="dialog"]')) return;
      const s = useAppStore.getState();
      const target: ContextMenuRequest['target'] | null =
        s.selectedEdge && graph.index.edgeIndex.has(s.selectedEdge) ? { kind: 'edge', id: s.selectedEdge } : s.view.node && graph.index.nodeIndex.has(s.view.node) ? { kind: 'node', id: s.view.node } : null;
      if (!target) return;
      e.preventDefault();
      // At the element on the canvas when it is in view, else under what has the focus, else mid-canvas.
      const onCanvas = canvas?.clientPosition(target.kind === 'edge' ? `${EDGE_PREFIX}${target.id}` : target.id);
      let at: { x: number; y: number };
      if (onCanvas?.visible) at = onCanvas;
      else if (el && el !== document.body) {
        const r = el.getBoundingClientRect();
        at = { x: r.left, y: r.bottom };
      } else {
        const r = document.getElementById('graph')?.getBoundingClientRect();
        at = r ? { x: r.left + r.width / 2, y: r.top + r.height / 2 } : { x: window.innerWidth / 2, y: window.innerHeight / 2 };
      }
      s.openContextMenu({ target, x: at.x, y: at.y, via: 'keyboard' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [canvas, graph]);

  // What the menu was about changes (another selection, another mode, a new inventory): it closes.
  useEffect(
    () =>
      useAppStore.subscribe((s, prev) => {
        if ((s.view !== prev.view || s.dataset !== prev.dataset) && s.contextMenu && s.contextMenu === prev.contextMenu) s.closeContextMenu();
      }),
    [],
  );
}

export function ContextMenuHost({ dataset, canvas }: { dataset: Dataset; canvas: CanvasHandle | null }): ReactElement | null {
  const { graph } = dataset;
  useMenuTriggers(graph, canvas);
  const request = useAppStore((s) => s.contextMenu);
  const close = useAppStore((s) => s.closeContextMenu);
  const cuts = useReviewStore((s) => s.cuts);
  const redact = useReviewStore((s) => s.redact);
  const [copied, setCopied] = useState<{ text: string; serial: number } | null>(null);
  useEffect(() => {
    if (!copied) return;
    const t = window.setTimeout(() => setCopied(null), 2400);
    return () => window.clearTimeout(t);
  }, [copied]);

  const menu = useMemo(() => {
    if (!request) return null;
    const { target } = request;
    const app = useAppStore.getState;
    const review = useReviewStore.getState;
    const r = redact ? redactorOf(dataset) : null;
    const copy = (what: 'id' | 'name'): void => {
      const text = copyText(graph, target, what, r);
      const say = (msg: string): void => setCopied((c) => ({ text: msg, serial: (c?.serial ?? 0) + 1 }));
      navigator.clipboard.writeText(text).then(
        () => say(`Copied the ${what}: ${text}`),
        () => say(`Could not copy (the browser refused): ${text}`),
      );
    };
    const openDetails = (): void => {
      if (target.kind === 'edge') app().selectEdge(target.id);
      else {
        const { view } = app();
        if (view.node !== target.id || app().selectedEdge) {
          // In the path finder the path stays: only the drawer's node changes.
          if (view.mode === 'path') app().setView({ node: target.id });
          else app().selectNode(target.id);
          app().selectEdge(null);
        }
      }
      app().openDetails({ focus: true });
    };
    if (target.kind === 'node') {
      const i = graph.index.nodeIndex.get(target.id);
      if (i === undefined) return null;
      const node = graph.nodes[i]!;
      const cutAt = cuts.findIndex((c) => 'node' in c && c.node === target.id);
      const items: MenuEntry[] = [
        { key: 'reach', label: 'Blast radius from here', onSelect: () => app().focusNode(target.id, 'reach') },
        { key: 'exposure', label: 'Who can reach this', note: 'exposure', onSelect: () => app().focusNode(target.id, 'exposure') },
        'separator',
        {
          key: 'from',
          label: 'Set as path start',
          onSelect: () => {
            const { to } = app().view;
            app().setPathEnds(target.id, to !== target.id ? to : null);
          },
        },
        {
          key: 'to',
          label: 'Set as path end',
          onSelect: () => {
            const { from } = app().view;
            app().setPathEnds(from !== target.id ? from : null, target.id);
          },
        },
        'separator',
        cutAt < 0
          ? { key: 'cut', label: 'Cut this node', note: 'what-if', onSelect: () => review().addCuts([{ node: target.id }]) }
          : { key: 'restore', label: 'Restore this node', note: 'what-if', onSelect: () => review().removeCut(cutAt) },
        'separator',
        { key: 'copy-id', label: 'Copy id', onSelect: () => copy('id') },
        { key: 'copy-name', label: 'Copy name', onSelect: () => copy('name') },
        'separator',
        { key: 'details', label: 'Open details', onSelect: openDetails },
      ];
      return { label: 'Node actions', title: `${node.name} · ${NODE_KIND_LABELS[node.kind]}`, items };
    }
    const j = graph.index.edgeIndex.get(target.id);
    if (j === undefined) return null;
    const edge = graph.edges[j]!;
    const cutAt = cuts.findIndex((c) => 'edge' in c && c.edge === target.id);
    const items: MenuEntry[] = [
      cutAt < 0
        ? { key: 'cut', label: 'Cut this edge', note: 'what-if', onSelect: () => review().addCuts([{ edge: target.id }]) }
        : { key: 'restore', label: 'Restore this edge', note: 'what-if', onSelect: () => review().removeCut(cutAt) },
      'separator',
      {
        key: 'from',
        label: 'Set source as path start',
        onSelect: () => {
          const { to } = app().view;
          app().setPathEnds(edge.source, to !== edge.source ? to : null);
        },
      },
      {
        key: 'to',
        label: 'Set target as path end',
        onSelect: () => {
          const { from } = app().view;
          app().setPathEnds(from !== edge.target ? from : null, edge.target);
        },
      },
      'separator',
      { key: 'copy-id', label: 'Copy id', onSelect: () => copy('id') },
      'separator',
      { key: 'details', label: 'Open details', onSelect: openDetails },
    ];
    return { label: 'Edge actions', title: `${nodeName(graph, edge.source)} —${edge.kind}→ ${nodeName(graph, edge.target)}`, items };
  }, [request, graph, dataset, cuts, redact]);

  return (
    <>
      {request && menu ? <Menu key={`${request.target.kind}:${request.target.id}@${request.x},${request.y}`} label={menu.label} title={menu.title} items={menu.items} at={request} onClose={close} /> : null}
      <div aria-live="polite" role="status" className="pointer-events-none fixed inset-x-0 bottom-6 z-50 flex justify-center">
        {copied ? (
          <span key={copied.serial} data-testid="copied" className="max-w-[60ch] truncate rounded-md border border-line-strong bg-panel px-3 py-1.5 text-xs text-fg shadow-lg">
            {copied.text}
          </span>
        ) : null}
      </div>
    </>
  );
}
