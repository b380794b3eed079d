/**
 * What-if and choke points for the current cuts, computed off the render path: the panel shows "Computing…"
 * and the page stays responsive while a stacked cut is evaluated (a timer yields to the browser first).
 */
import { useEffect, useMemo, useState } from 'react';

import { computeChokePoints } from '../../graph/chokepoints.ts';
import type { ChokePoints } from '../../graph/chokepoints.ts';
import { pseudonymize } from '../../graph/pseudonyms.ts';
import type { Pseudonyms } from '../../graph/pseudonyms.ts';
import { cutMask, whatIf } from '../../graph/what-if.ts';
import type { Cut, WhatIfResult } from '../../graph/what-if.ts';
import type { Dataset } from '../../store/app-store.ts';

export interface ReviewAnalysis {
  readonly whatIf: WhatIfResult | null;
  readonly choke: ChokePoints | null;
  readonly pending: boolean;
  readonly error: string | null;
}

export function useReviewAnalysis(dataset: Dataset, cuts: readonly Cut[], source: string | null): ReviewAnalysis {
  const [state, setState] = useState<ReviewAnalysis>({ whatIf: null, choke: null, pending: true, error: null });
  useEffect(() => {
    let live = true;
    const mark = window.setTimeout(() => setState((s) => (s.pending ? s : { ...s, pending: true })), 0);
    const timer = window.setTimeout(() => {
      try {
        const src = source !== null && dataset.graph.index.nodeIndex.has(source) ? source : undefined;
        const result = cuts.length ? whatIf(dataset.graph, cuts, { ...(src ? { source: src } : {}), findingsBefore: dataset.findings }) : null;
        const mask = result?.mask ?? cutMask(dataset.graph, cuts).mask;
        const choke = computeChokePoints(dataset.graph, { disabledEdges: mask, nodes: true });
        if (live) setState({ whatIf: result, choke, pending: false, error: null });
      } catch (e) {
        if (live) setState({ whatIf: null, choke: null, pending: false, error: e instanceof Error ? e.message : String(e) });
      }
    }, 16);
    return () => {
      live = false;
      window.clearTimeout(mark);
      window.clearTimeout(timer);
    };
  }, [dataset, cuts, source]);
  return state;
}

const cache = new WeakMap<object, Pseudonyms>();

/** Stable pseudonyms of the loaded inventory (computed once per inventory). */
export function pseudonymsOf(dataset: Dataset): Pseudonyms {
  let p = cache.get(dataset.inventory);
  if (!p) {
    p = pseudonymize(dataset.inventory);
    cache.set(dataset.inventory, p);
  }
  return p;
}

export function usePseudonyms(dataset: Dataset): Pseudonyms {
  return useMemo(() => pseudonymsOf(dataset), [dataset]);
}
