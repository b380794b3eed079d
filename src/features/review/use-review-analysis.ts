/**
 * What-if and choke points for the current cuts, computed in the review worker: the panel shows "Computing…"
 * and the page stays responsive while a stacked cut is evaluated.
 */
import { useEffect, useMemo, useState } from 'react';

import type { ChokePoints } from '../../graph/chokepoints.ts';
import { pseudonymize } from '../../graph/pseudonyms.ts';
import type { Pseudonyms } from '../../graph/pseudonyms.ts';
import type { Cut, WhatIfResult } from '../../graph/what-if.ts';
import type { Dataset } from '../../store/app-store.ts';

import { runReviewAnalysis } from './review-client.ts';

export interface ReviewAnalysis {
  readonly whatIf: WhatIfResult | null;
  readonly choke: ChokePoints | null;
  readonly pending: boolean;
  readonly error: string | null;
  readonly inWorker: boolean;
}

/** The What-if delta and choke points for the current cuts, from the review worker (the page never waits on them). */
export function useReviewAnalysis(dataset: Dataset, cuts: readonly Cut[], source: string | null): ReviewAnalysis {
  const [state, setState] = useState<ReviewAnalysis>({ whatIf: null, choke: null, pending: true, error: null, inWorker: false });
  useEffect(() => {
    let live = true;
    const mark = window.setTimeout(() => setState((s) => (s.pending ? s : { ...s, pending: true })), 0);
    runReviewAnalysis(dataset, { cuts, source })
      .then(({ result, inWorker }) => {
        if (live) setState({ whatIf: result.whatIf, choke: result.choke, pending: false, error: null, inWorker });
      })
      .catch((e: unknown) => {
        if (live) setState({ whatIf: null, choke: null, pending: false, error: e instanceof Error ? e.message : String(e), inWorker: false });
      });
    return () => {
      live = false;
      window.clearTimeout(mark);
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
