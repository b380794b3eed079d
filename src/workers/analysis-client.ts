/**
 * The page's handle on the analysis worker: a Promise API over Comlink, with a main-thread session as the
 * fallback when Worker is missing (tests, old browsers) or the worker fails to start. Requests name the
 * inventory by its `version`; when the session no longer holds it (or the worker died and the fallback took
 * over), the page hands it over once (`adopt`) and asks again.
 */
import { proxy, wrap } from 'comlink';
import type { Remote } from 'comlink';

import type { CutAnalysis } from '../graph/cut-analysis.ts';
import { buildGraph } from '../graph/build-graph.ts';
import type { InventoryGraph } from '../graph/build-graph.ts';
import type { InventoryDiff } from '../graph/diff.ts';
import type { Cut } from '../graph/what-if.ts';

import { CANCELLED } from './analysis-protocol.ts';
import type { AnalysisApi, Dataset, LayoutInput, LoadedInventory, LoadProgress, LoadResult, LoadSource, Positions, ReviewRequest, ReviewResult } from './analysis-protocol.ts';
import { createSession } from './session.ts';
import type { Session } from './session.ts';

/** Versions of the main-thread session start here, far above the worker's, so the two never collide. */
const LOCAL_BASE = 1_000_000_000;

let local: Session | null = null;
/** The main-thread session; its versions start far above the worker's so the two never collide. */
function localSession(): Session {
  local ??= createSession(false, LOCAL_BASE);
  return local;
}

let remote: Remote<AnalysisApi> | null = null;
let workerBroken = false;

function getRemote(): Remote<AnalysisApi> | null {
  if (workerBroken || typeof Worker === 'undefined') return null;
  if (remote) return remote;
  try {
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'pathlight-analysis' });
    worker.addEventListener('error', () => {
      workerBroken = true;
      remote = null;
    });
    remote = wrap<AnalysisApi>(worker);
    return remote;
  } catch {
    workerBroken = true;
    return null;
  }
}

/** The session that answers: the worker's, or the main thread's once the worker is gone. */
function api(): AnalysisApi {
  return getRemote() ?? localSession();
}

let requests = 0;

/** A load that can be cancelled: `cancel()` settles `result` with `{ ok: false, cancelled: true }` at once. */
export interface LoadHandle {
  readonly result: Promise<LoadResult>;
  cancel(): void;
}

export function startLoad(source: LoadSource, onProgress: (p: LoadProgress) => void): LoadHandle {
  const id = ++requests;
  let settle!: (r: LoadResult) => void;
  let over = false;
  const result = new Promise<LoadResult>((resolve) => (settle = resolve));
  const finish = (r: LoadResult): void => {
    if (over) {
      // Finished after a cancel: the session needs no copy of it.
      if (r.ok) void api().release(r.version).catch(() => undefined);
      return;
    }
    over = true;
    settle(r);
  };
  const run = async (): Promise<void> => {
    const r = getRemote();
    if (r) {
      try {
        finish(await r.load(source, proxy((p: LoadProgress) => void (over ? undefined : onProgress(p))), id));
        return;
      } catch (err) {
        // NOTE: a worker that cannot start (CSP, module workers unsupported) rejects here; fall back once.
        console.warn('analysis worker failed, using the main thread', err);
        workerBroken = true;
        remote = null;
      }
    }
    finish(await localSession().load(source, (p) => void (over ? undefined : onProgress(p)), id));
  };
  run().catch((err: unknown) => finish({ ok: false, label: '', ranInWorker: false, problems: [{ code: 'LOAD_FAILED', severity: 'error', at: '$', message: err instanceof Error ? err.message : String(err) }] }));
  return {
    result,
    cancel() {
      if (over) return;
      void api().cancel(id).catch(() => false);
      finish({ ok: false, label: '', problems: [], ranInWorker: false, cancelled: true });
      over = true;
    },
  };
}

export function loadInventoryOffThread(source: LoadSource, onProgress: (p: LoadProgress) => void): Promise<LoadResult> {
  return startLoad(source, onProgress).result;
}

export async function layoutForce(input: LayoutInput): Promise<Positions> {
  const r = getRemote();
  if (r) {
    try {
      return await r.layoutForce(input);
    } catch (err) {
      console.warn('layout in worker failed, using the main thread', err);
    }
  }
  return localSession().layoutForce(input);
}

/** What names an inventory in a session: a loaded result, or the page's dataset (which has its graph too). */
export type SessionRef = Pick<LoadedInventory, 'version' | 'inventory' | 'findings' | 'analysedAt'> & { readonly graph?: InventoryGraph };


/** Inventories handed over to a session that did not load them (evicted, or a dead worker): their version there. */
const adopted = new WeakMap<SessionRef, { api: AnalysisApi; version: Promise<number> }>();

function versionIn(target: AnalysisApi, ref: SessionRef, fresh: boolean): Promise<number> {
  const known = adopted.get(ref);
  if (!fresh) {
    if (known && known.api === target) return known.version;
    const loadedThere = target === local ? ref.version > LOCAL_BASE : ref.version <= LOCAL_BASE;
    if (!known && loadedThere) return Promise.resolve(ref.version);
  }
  const input = { inventory: ref.inventory, findings: ref.findings, ...(ref.analysedAt !== undefined ? { analysedAt: ref.analysedAt } : {}) };
  const version = target === local ? Promise.resolve(local.hold(ref.inventory, ref.graph ?? buildGraph(ref.inventory), input)) : target.adopt(input);
  adopted.set(ref, { api: target, version });
  return version;
}

/** Asks the session about a dataset; hands the inventory over once when the session no longer has it. */
async function ask<T>(dataset: SessionRef, question: (target: AnalysisApi, version: number) => Promise<T | null>): Promise<T> {
  for (const fresh of [false, true]) {
    let target = api();
    let answer: T | null;
    try {
      answer = await question(target, await versionIn(target, dataset, fresh));
    } catch (err) {
      if (err instanceof Error && err.message === CANCELLED) throw err;
      if (target === local) throw err;
      console.warn('analysis worker failed, using the main thread', err);
      workerBroken = true;
      remote = null;
      target = localSession();
      answer = await question(target, await versionIn(target, dataset, true));
    }
    if (answer !== null) return answer;
  }
  throw new Error('the analysis session lost the inventory');
}

/** Cancels a session request when `signal` aborts (TanStack Query aborts superseded queries). */
function cancellable<T>(signal: AbortSignal | undefined, run: (requestId: number) => Promise<T>): Promise<T> {
  const id = ++requests;
  if (signal) {
    if (signal.aborted) return Promise.reject(new Error(CANCELLED));
    signal.addEventListener('abort', () => void api().cancel(id).catch(() => false), { once: true });
  }
  return run(id);
}

/** Summaries and findings with the cuts in place. */
export function effectiveOffThread(dataset: Dataset, cuts: readonly Cut[], signal?: AbortSignal): Promise<CutAnalysis> {
  return cancellable(signal, (id) => ask(dataset, (t, v) => t.effective(v, cuts, id)));
}

/** The What-if delta and the choke points for the cuts. */
export function reviewOffThread(dataset: Dataset, request: ReviewRequest, signal?: AbortSignal): Promise<ReviewResult> {
  return cancellable(signal, (id) => ask(dataset, (t, v) => t.review(v, request, id)));
}

/** The remediation plan (one what-if per cut: seconds on a large inventory). */
export function remediationPlanOffThread(dataset: Dataset, cuts: readonly Cut[], title: string): Promise<string> {
  return ask(dataset, (t, v) => t.plan(v, cuts, title));
}

/** Drift from `old` to `next`, computed where both graphs already are. */
export function diffOffThread(old: SessionRef, next: SessionRef): Promise<InventoryDiff> {
  return ask(next, async (t, v) => {
    const o = await versionIn(t, old, false);
    const d = await t.diff(o, v);
    if (d !== null) return d;
    // `old` was evicted: hand it over once.
    return t.diff(await versionIn(t, old, true), v);
  });
}

/** Drops an inventory the page no longer needs from the session (a compared file). */
export function releaseFromSession(ref: SessionRef): void {
  const known = adopted.get(ref);
  if (known) void known.version.then((v) => known.api.release(v)).catch(() => undefined);
  else void api().release(ref.version).catch(() => undefined);
}
