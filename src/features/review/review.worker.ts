/**
 * The review worker: what-if deltas, choke points and the analysis after the cuts (summaries and findings) for
 * stacked cuts, off the main thread (on a 20,000-node inventory one what-if takes seconds). It keeps the graphs
 * of the last two inventories it was given, each with its cache of post-cut analyses.
 */
import { expose } from 'comlink';

import { analyseReview, effectiveAnalysis, prepareReview } from './review-analysis.ts';
import type { PreparedReview, ReviewRequest, ReviewResult } from './review-analysis.ts';
import type { Inventory } from '../../model/types.ts';
import type { CutAnalysis } from '../../graph/cut-analysis.ts';
import type { Finding } from '../../graph/rules/types.ts';
import { remediationPlan } from '../../graph/what-if.ts';
import type { Cut } from '../../graph/what-if.ts';

// The last two inventories: a request for the previous one may still arrive after a live refresh.
const prepared = new Map<number, PreparedReview>();

function get(key: number): PreparedReview {
  const p = prepared.get(key);
  if (!p) throw new Error('inventory not loaded in the review worker');
  return p;
}

const api = {
  /** `now`: the time the load evaluated the rules at, so post-cut findings age dates alike. */
  setInventory(key: number, inventory: Inventory, findings: readonly Finding[], now?: number): void {
    prepared.set(key, prepareReview(inventory, findings, now));
    while (prepared.size > 2) prepared.delete(prepared.keys().next().value!);
  },
  /** Null when the inventory was dropped (the caller sends it again). */
  analyse(key: number, request: ReviewRequest): ReviewResult | null {
    return prepared.has(key) ? analyseReview(get(key), request) : null;
  },
  /** Summaries and findings with the cuts in place; null when the inventory was dropped. */
  effective(key: number, cuts: readonly Cut[]): CutAnalysis | null {
    return prepared.has(key) ? effectiveAnalysis(get(key), cuts) : null;
  },
  plan(key: number, cuts: readonly Cut[], title: string): string | null {
    if (!prepared.has(key)) return null;
    const p = get(key);
    return remediationPlan(p.graph, cuts, { title, ...(p.now !== undefined ? { now: p.now } : {}) });
  },
};

export type ReviewWorkerApi = typeof api;

expose(api);
