/**
 * Says plainly that figures are what-if figures: "What-if: 2 cuts applied", with buttons to review the cuts
 * (the explorer's What-if panel) or clear them, and "Recomputing after cuts…" while the worker catches up.
 * Every view showing post-cut figures renders it, so a what-if board is never taken for the real estate.
 */
import type { ReactElement } from 'react';

import { plural } from '../../lib/format.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { EffectiveAnalysis } from '../../store/effective-store.ts';
import { useReviewStore } from '../../store/review-store.ts';

/** "What-if: 2 cuts applied" or "Recomputing after 2 cuts…"; null when the figures are the loaded inventory's. */
export function whatIfLabel(e: Pick<EffectiveAnalysis, 'applied' | 'cuts' | 'pending'>): string | null {
  if (e.pending) return `Recomputing after ${plural(e.cuts.length, 'cut')}…`;
  if (e.applied.length === 0) return null;
  return `What-if: ${plural(e.applied.length, 'cut')} applied`;
}

/** Opens the explorer with its What-if panel (the list of cuts) in view. */
export function reviewCuts(): void {
  const { view, setView } = useAppStore.getState();
  if (view.view !== 'explorer') setView({ view: 'explorer' });
  const reveal = (tries: number): void => {
    const section = document.querySelector('section[aria-label="What-if"]');
    if (section) section.scrollIntoView({ block: 'start', behavior: 'smooth' });
    else if (tries > 0) window.setTimeout(() => reveal(tries - 1), 100);
  };
  reveal(30);
}

const LINK = 'cursor-pointer underline decoration-1 underline-offset-2 hover:text-fg';

/**
 * `banner`: a full-width note for a page (printed too, without its buttons). `chip`: one line for a panel
 * heading. Both are live regions, so a screen reader hears when the figures change.
 */
export function WhatIfNotice({ effective, variant = 'banner', what = 'Figures' }: { effective: EffectiveAnalysis; variant?: 'banner' | 'chip'; what?: string }): ReactElement | null {
  const clearCuts = useReviewStore((s) => s.clearCuts);
  const label = whatIfLabel(effective);
  if (label === null) return null;
  const pending = effective.pending;
  if (variant === 'chip') {
    return (
      <p role="status" data-testid="what-if-chip" data-pending={pending ? '' : undefined} className="flex items-center gap-1.5 text-2xs">
        <span className={`rounded px-1.5 py-px font-medium ${pending ? 'bg-raised text-muted' : 'bg-accent/15 text-accent'}`}>
          {pending ? <span className="mr-1 inline-block animate-pulse" aria-hidden="true">●</span> : null}
          {label}
        </span>
        <button type="button" onClick={reviewCuts} className={`no-print text-muted ${LINK}`}>
          Review
        </button>
      </p>
    );
  }
  const shown = effective.applied.length;
  return (
    <div
      role="status"
      data-testid="what-if-banner"
      data-pending={pending ? '' : undefined}
      className={`flex flex-wrap items-center gap-x-3 gap-y-1 rounded-lg border px-3 py-2 text-xs print:rounded-md print:px-2 print:py-1 print:text-[9px] ${pending ? 'border-line-strong bg-raised text-muted' : 'border-accent/50 bg-accent/10 text-fg'}`}
    >
      <span className="font-semibold">
        {pending ? <span className="mr-1.5 inline-block animate-pulse text-accent" aria-hidden="true">●</span> : null}
        {label}
      </span>
      <span className="text-muted">
        {pending
          ? shown > 0
            ? `${what} below are still those after the previous ${plural(shown, 'cut')}.`
            : `${what} below are still those of the inventory as loaded.`
          : `${what} below are after the cuts, not the estate as it is.`}
      </span>
      <span className="no-print ml-auto flex gap-3 text-muted">
        <button type="button" onClick={reviewCuts} className={LINK}>
          Review cuts
        </button>
        <button type="button" onClick={clearCuts} className={LINK}>
          Clear cuts
        </button>
      </span>
    </div>
  );
}
