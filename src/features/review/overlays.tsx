/** Review overlays on the graph: the walkthrough caption bar and the edge context menu. */
import { useEffect, useRef } from 'react';
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import type { InventoryGraph } from '../../graph/build-graph.ts';
import { useAppStore } from '../../store/app-store.ts';
import { useReviewStore } from '../../store/review-store.ts';

import { cutText } from './review-panel.tsx';

export function WalkthroughBar({ graph }: { graph: InventoryGraph }): ReactElement | null {
  const walk = useReviewStore((s) => s.walk);
  const stepWalk = useReviewStore((s) => s.stepWalk);
  const endWalk = useReviewStore((s) => s.endWalk);
  if (!walk) return null;
  const step = walk.steps[walk.index]!;
  const name = (id: string): string => {
    const i = graph.index.nodeIndex.get(id);
    return i === undefined ? id : graph.nodes[i]!.name;
  };
  return (
    <section
      aria-label="Walkthrough"
      className="no-print absolute right-3 bottom-3 left-3 z-10 rounded-lg border border-line-strong bg-panel/97 px-4 py-3 shadow-xl backdrop-blur"
      data-walk-node={step.to}
    >
      <div className="flex flex-wrap items-center gap-2 text-2xs text-muted">
        <span className="font-semibold tracking-[0.08em] uppercase">Walkthrough</span>
        <span className="min-w-0 truncate text-fg">{walk.title}</span>
        {walk.tags.map((t) => (
          <span key={t} className="rounded border border-line px-1.5 font-mono">
            {t}
          </span>
        ))}
        <span className="ml-auto tabular-nums" aria-live="polite">
          Hop {walk.index + 1} of {walk.steps.length}
          {step.leg ? ` · leg ${step.leg}` : ''}
        </span>
      </div>
      <p className="walk-caption mt-1.5 text-base leading-snug text-fg" data-testid="walk-caption">
        {step.caption}
        {!step.followed ? <span className="ml-2 text-xs text-warn">(not followed by the reach semantics from what is held here)</span> : null}
      </p>
      <p className="mt-0.5 text-2xs text-muted">
        {name(step.from)} → {name(step.to)}
      </p>
      <div className="mt-2 flex items-center gap-2">
        <Button size="sm" onClick={() => stepWalk(-1)} disabled={walk.index === 0} aria-keyshortcuts="ArrowLeft">
          ← Previous
        </Button>
        <Button size="sm" variant="primary" onClick={() => stepWalk(1)} disabled={walk.index === walk.steps.length - 1} aria-keyshortcuts="ArrowRight">
          Next →
        </Button>
        <span className="text-2xs text-faint">← / → keys step, Esc ends</span>
        <Button size="sm" variant="ghost" className="ml-auto" onClick={endWalk}>
          End walkthrough
        </Button>
      </div>
    </section>
  );
}

export function EdgeMenuOverlay({ graph }: { graph: InventoryGraph }): ReactElement | null {
  const menu = useReviewStore((s) => s.menu);
  const addCuts = useReviewStore((s) => s.addCuts);
  const setMenu = useReviewStore((s) => s.setMenu);
  // Esc, or a press anywhere outside the menu, closes it; the first item takes the focus.
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!menu) return;
    ref.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setMenu(null);
    };
    const onDown = (e: PointerEvent): void => {
      if (ref.current && !ref.current.contains(e.target as Node)) setMenu(null);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown, true);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown, true);
    };
  }, [menu, setMenu]);
  if (menu?.node && graph.index.nodeIndex.has(menu.edge)) {
    const name = graph.nodes[graph.index.nodeIndex.get(menu.edge)!]!.name;
    return (
      <div ref={ref} role="menu" aria-label="Node actions" className="no-print absolute z-20 min-w-52 rounded-md border border-line-strong bg-panel p-1 text-xs shadow-xl" style={{ left: menu.x + 6, top: menu.y + 6 }}>
        <p className="px-2 py-1 text-2xs text-muted">{name}</p>
        <button type="button" role="menuitem" className="block w-full cursor-pointer rounded px-2 py-1.5 text-left hover:bg-raised" onClick={() => addCuts([{ node: menu.edge }])}>
          Remove this node (what-if)
        </button>
      </div>
    );
  }
  if (!menu || menu.node || !graph.index.edgeIndex.has(menu.edge)) return null;
  const e = graph.edges[graph.index.edgeIndex.get(menu.edge)!]!;
  return (
    <div ref={ref} role="menu" aria-label="Edge actions" className="no-print absolute z-20 min-w-52 rounded-md border border-line-strong bg-panel p-1 text-xs shadow-xl" style={{ left: menu.x + 6, top: menu.y + 6 }}>
      <p className="px-2 py-1 text-2xs text-muted">{cutText(graph, { edge: menu.edge })}</p>
      <button type="button" role="menuitem" className="block w-full cursor-pointer rounded px-2 py-1.5 text-left hover:bg-raised" onClick={() => addCuts([{ edge: menu.edge }])}>
        Cut this edge (what-if)
      </button>
      <button type="button" role="menuitem" className="block w-full cursor-pointer rounded px-2 py-1.5 text-left hover:bg-raised" onClick={() => addCuts([{ node: e.target }])}>
        Remove the target node
      </button>
      <button
        type="button"
        role="menuitem"
        className="block w-full cursor-pointer rounded px-2 py-1.5 text-left hover:bg-raised"
        onClick={() => {
          useAppStore.getState().selectEdge(menu.edge);
          setMenu(null);
        }}
      >
        Show details
      </button>
    </div>
  );
}
