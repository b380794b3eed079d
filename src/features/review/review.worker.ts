/**
 * The review worker: what-if deltas and choke points for stacked cuts, off the main thread (on a 20,000-node
 * inventory one what-if takes seconds). It keeps the graph of the last inventory it was given.
 */
import { expose } from 'comlink';

import { analyseReview, prepareReview } from './review-analysis.ts';
import type { PreparedReview, ReviewRequest, ReviewResult } from './review-analysis.ts';
import type { Inventory } from '../../model/types.ts';
import type { Finding } from '../../graph/rules/types.ts';
import { remediationPlan } from '../../graph/what-if.ts';
import type { Cut } from '../../graph/what-if.ts';

let current: { key: number; prepared: PreparedReview } | null = null;

const api = {
  setInventory(key: number, inventory: Inventory, findings: readonly Finding[]): void {
    current = { key, prepared: prepareReview(inventory, findings) };
  },
  analyse(key: number, request: ReviewRequest): ReviewResult {
    if (!current || current.key !== key) throw new Error('inventory not loaded in the review worker');
    return analyseReview(current.prepared, request);
  },
  plan(key: number, cuts: readonly Cut[], title: string): string {
    if (!current || current.key !== key) throw new Error('inventory not loaded in the review worker');
    return remediationPlan(current.prepared.graph, cuts, { title });
  },
};

export type ReviewWorkerApi = typeof api;

expose(api);
