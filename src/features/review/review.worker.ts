/**
 * The review worker: what-if deltas and choke points for stacked cuts, off the main thread (on a 20,000-node
 * inventory one what-if takes seconds). It keeps the graphs of the last two inventories it was given.
 */
import { expose } from 'comlink';

import { analyseReview, prepareReview } from './review-analysis.ts';
import type { PreparedReview, ReviewRequest, ReviewResult } from './review-analysis.ts';
import type { Inventory } from '../../model/types.ts';
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
  setInventory(key: number, inventory: Inventory, findings: readonly Finding[]): void {
    prepared.set(key, prepareReview(inventory, findings));
    while (prepared.size > 2) prepared.delete(prepared.keys().next().value!);
  },
  /** Null when the inventory was dropped (the caller sends it again). */
  analyse(key: number, request: ReviewRequest): ReviewResult | null {
    return prepared.has(key) ? analyseReview(get(key), request) : null;
  },
  plan(key: number, cuts: readonly Cut[], title: string): string | null {
    return prepared.has(key) ? remediationPlan(get(key).graph, cuts, { title }) : null;
  },
};

export type ReviewWorkerApi = typeof api;

expose(api);
