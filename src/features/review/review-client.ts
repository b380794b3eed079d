/** Runs the review analysis in its own worker; falls back to the main thread when a worker cannot start. */
import { wrap } from 'comlink';
import type { Remote } from 'comlink';

import { cutSignature } from '../../graph/cut-analysis.ts';
import type { CutAnalysis } from '../../graph/cut-analysis.ts';
import { remediationPlan } from '../../graph/what-if.ts';
import type { Cut } from '../../graph/what-if.ts';
import type { Dataset } from '../../store/app-store.ts';

import { analyseReview, effectiveAnalysis, prepareGraph } from './review-analysis.ts';
import type { PreparedReview, ReviewRequest, ReviewResult } from './review-analysis.ts';
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
    entry = { key, ready: r.setInventory(key, dataset.inventory, dataset.findings, dataset.analysedAt) };
    keys.set(dataset, entry);
  }
  await entry.ready;
  return entry.key;
}

// The main-thread fallback keeps its own prepared graph (and post-cut cache) per inventory.
const local = new WeakMap<Dataset, PreparedReview>();
function prepared(dataset: Dataset): PreparedReview {
  let p = local.get(dataset);
  if (!p) {
    p = prepareGraph(dataset.graph, dataset.findings, dataset.analysedAt);
    local.set(dataset, p);
  }
  return p;
}

const planOptions = (dataset: Dataset, title: string) => ({ title, ...(dataset.analysedAt !== undefined ? { now: dataset.analysedAt } : {}) });

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
  return remediationPlan(dataset.graph, cuts, planOptions(dataset, title));
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
  return { result: analyseReview(prepared(dataset), request), inWorker: false };
}

// ---------------------------------------------------------------------------------------------------------
// The analysis after the cuts, remembered per inventory and switched-off edge set: undo and redo never wait.

export interface EffectiveResult {
  readonly analysis: CutAnalysis;
  readonly inWorker: boolean;
}

interface Memo {
  readonly promise: Promise<EffectiveResult>;
  value?: EffectiveResult;
}

const MEMO_SIZE = 32;
const memos = new WeakMap<Dataset, Map<string, Memo>>();

/** The post-cut analysis when it is already known for these cuts (same switched-off edges), else undefined. */
export function peekEffectiveAnalysis(dataset: Dataset, cuts: readonly Cut[]): EffectiveResult | undefined {
  return memos.get(dataset)?.get(cutSignature(dataset.graph, cuts))?.value;
}

async function computeEffective(dataset: Dataset, cuts: readonly Cut[]): Promise<EffectiveResult> {
  const r = worker();
  if (r) {
    try {
      let analysis = await r.effective(await ready(r, dataset), cuts);
      if (analysis === null) {
        keys.delete(dataset);
        analysis = await r.effective(await ready(r, dataset), cuts);
      }
      if (analysis !== null) return { analysis, inWorker: true };
    } catch (err) {
      console.warn('review worker failed, using the main thread', err);
      broken = true;
      remote = null;
    }
  }
  return { analysis: effectiveAnalysis(prepared(dataset), cuts), inWorker: false };
}

/** Summaries and findings with the cuts in place, computed in the review worker (main thread as a fallback). */
export function effectiveAnalysisOffThread(dataset: Dataset, cuts: readonly Cut[]): Promise<EffectiveResult> {
  let byCuts = memos.get(dataset);
  if (!byCuts) {
    byCuts = new Map();
    memos.set(dataset, byCuts);
  }
  const key = cutSignature(dataset.graph, cuts);
  const hit = byCuts.get(key);
  if (hit) {
    byCuts.delete(key);
    byCuts.set(key, hit);
    return hit.promise;
  }
  const memo: Memo = {
    promise: computeEffective(dataset, cuts).then(
      (value) => {
        memo.value = value;
        return value;
      },
      (err: unknown) => {
        // A failure is not remembered: the next request tries again.
        if (byCuts.get(key) === memo) byCuts.delete(key);
        throw err;
      },
    ),
  };
  byCuts.set(key, memo);
  while (byCuts.size > MEMO_SIZE) byCuts.delete(byCuts.keys().next().value!);
  return memo.promise;
}
