/** Runs the review analysis in its own worker; falls back to the main thread when a worker cannot start. */
import { wrap } from 'comlink';
import type { Remote } from 'comlink';

import { remediationPlan } from '../../graph/what-if.ts';
import type { Cut } from '../../graph/what-if.ts';
import type { Dataset } from '../../store/app-store.ts';

import { analyseReview } from './review-analysis.ts';
import type { ReviewRequest, ReviewResult } from './review-analysis.ts';
import type { ReviewWorkerApi } from './review.worker.ts';

let remote: Remote<ReviewWorkerApi> | null = null;
let broken = false;
let serial = 0;
const keys = new WeakMap<Dataset, { key: number; ready: Promise<void> }>();

function worker(): Remote<ReviewWorkerApi> | null {
  if (broken || typeof Worker === 'undefined') return null;
  if (remote) return remote;
  try {
    const w = new Worker(new URL('./review.worker.ts', import.meta.url), { type: 'module', name: 'pathlight-review' });
    w.addEventListener('error', () => {
      broken = true;
      remote = null;
    });
    remote = wrap<ReviewWorkerApi>(w);
    return remote;
  } catch {
    broken = true;
    return null;
  }
}

async function ready(r: Remote<ReviewWorkerApi>, dataset: Dataset): Promise<number> {
  let entry = keys.get(dataset);
  if (!entry) {
    const key = ++serial;
    entry = { key, ready: r.setInventory(key, dataset.inventory, dataset.findings) };
    keys.set(dataset, entry);
  }
  await entry.ready;
  return entry.key;
}

/** The remediation plan (one what-if per cut: seconds on a large inventory), in the worker. */
export async function remediationPlanOffThread(dataset: Dataset, cuts: readonly Cut[], title: string): Promise<string> {
  const r = worker();
  if (r) {
    try {
      let plan = await r.plan(await ready(r, dataset), cuts, title);
      if (plan === null) {
        keys.delete(dataset);
        plan = await r.plan(await ready(r, dataset), cuts, title);
      }
      if (plan !== null) return plan;
    } catch (err) {
      console.warn('review worker failed, using the main thread', err);
    }
  }
  return remediationPlan(dataset.graph, cuts, { title });
}

export async function runReviewAnalysis(dataset: Dataset, request: ReviewRequest): Promise<{ result: ReviewResult; inWorker: boolean }> {
  const r = worker();
  if (r) {
    try {
      let result = await r.analyse(await ready(r, dataset), request);
      if (result === null) {
        // The worker dropped this inventory (two newer ones arrived): send it again.
        keys.delete(dataset);
        result = await r.analyse(await ready(r, dataset), request);
      }
      if (result !== null) return { result, inWorker: true };
    } catch (err) {
      console.warn('review worker failed, using the main thread', err);
      broken = true;
      remote = null;
    }
  }
  return { result: analyseReview({ graph: dataset.graph, findings: dataset.findings }, request), inWorker: false };
}
