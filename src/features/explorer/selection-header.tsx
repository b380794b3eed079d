/**
 * The selection's own buttons: "Details" (opens the details drawer, or closes it when it shows this
 * selection) and, for a selected edge, a header in the analysis panel that names it (kind, from → to) with
 * "Details" and "Actions" (the context menu, for keyboard and touch). Selecting never opens the drawer by
 * itself: these buttons, the context menu's "Open details" and Enter on the selected node do.
 */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import type { InventoryGraph } from '../../graph/index.ts';
import { useAppStore } from '../../store/app-store.ts';

import { KindGlyph } from './kind-glyph.tsx';

/** The drawer's element id (aria-controls points at it only while it is mounted). */
export const DETAILS_ID = 'node-details';

/** "Details" for the selected node (edge unset) or the selected edge. */
export function DetailsButton({ edge = null, className = '' }: { edge?: string | null; className?: string }): ReactElement {
  const mounted = useAppStore((s) => s.detailsOpen && (s.view.node !== null || s.selectedEdge !== null));
  const showsThis = useAppStore((s) => s.detailsOpen && s.selectedEdge === edge);
  return (
    <Button
      size="sm"
      variant="ghost"
      className={className}
      data-details-opener=""
      aria-expanded={showsThis}
      {...(mounted ? { 'aria-controls': DETAILS_ID } : {})}
      title={edge ? 'Every field of this edge, where it was read from, and its evidence' : 'Every field of this node, where it was read from, and its provenance'}
      onClick={() => {
        const s = useAppStore.getState();
        if (showsThis) {
          s.closeDetails();
          return;
        }
        if (s.selectedEdge !== edge) s.selectEdge(edge);
        s.openDetails({ focus: true });
      }}
    >
      Details
    </Button>
  );
}

/** "Actions": the context menu of a node or edge, opened under the button (for keyboard and touch). */
export function ActionsButton({ target }: { target: { readonly kind: 'node' | 'edge'; readonly id: string } }): ReactElement {
  const menuOpen = useAppStore((s) => s.contextMenu !== null && s.contextMenu.target.kind === target.kind && s.contextMenu.target.id === target.id);
  return (
    <Button
      size="sm"
      variant="ghost"
      aria-haspopup="menu"
      aria-expanded={menuOpen}
      title={`What you can do with this ${target.kind} (also the ContextMenu key or Shift+F10)`}
      onClick={(e) => {
        const r = e.currentTarget.getBoundingClientRect();
        useAppStore.getState().openContextMenu({ target, x: r.left, y: r.bottom, via: 'keyboard' });
      }}
    >
      Actions
    </Button>
  );
}

/** The selected edge, named at the top of the analysis panel. */
export function SelectedEdgeHeader({ graph }: { graph: InventoryGraph }): ReactElement | null {
  const edgeId = useAppStore((s) => s.selectedEdge);
  const j = edgeId ? graph.index.edgeIndex.get(edgeId) : undefined;
  if (edgeId === null || j === undefined) return null;
  const edge = graph.edges[j]!;
  const src = graph.nodes[graph.index.edgeSource[j]!]!;
  const tgt = graph.nodes[graph.index.edgeTarget[j]!]!;
  return (
    <section aria-label="Selected edge" className="border-b border-line px-4 pt-3 pb-3">
      <header className="flex items-center gap-1">
        <h2 className="flex-1 text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">Selected edge</h2>
        <DetailsButton edge={edgeId} />
        <ActionsButton target={{ kind: 'edge', id: edgeId }} />
      </header>
      <p className="mt-1.5 font-mono text-xs text-fg">{edge.kind}</p>
      <p className="mt-1 flex min-w-0 items-center gap-1.5 text-xs">
        <KindGlyph kind={src.kind} size={16} />
        <span className="min-w-0 truncate" title={src.name}>
          {src.name}
        </span>
        <span aria-hidden="true" className="text-muted">
          →
        </span>
        <span className="sr-only">to</span>
        <KindGlyph kind={tgt.kind} size={16} />
        <span className="min-w-0 truncate" title={tgt.name}>
          {tgt.name}
        </span>
      </p>
    </section>
  );
}
