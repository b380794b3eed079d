/** Review overlays on the graph: the walkthrough caption bar. */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import type { InventoryGraph } from '../../graph/build-graph.ts';
import { useReviewStore } from '../../store/review-store.ts';

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
