/**
 * The page's handle on the analysis worker: a Promise API over Comlink, with a main-thread session as the
 * fallback when Worker is missing (tests, old browsers) or the worker fails to start (loaded lazily: the
 * importers and the parser stay out of the page's bundle). Requests name the inventory by its `version`;
 * when the session does not hold it (evicted, a restarted worker, the fallback taking over), the page hands it
 * over once (`adopt`) and asks again. Versions are unique across sessions (each worker starts at a random
 * base), so a version never names another inventory.
 *
 * Cancel: a load waiting between stages or rules stops there. One that is inside a long step (validating a
 * large file, one rule on a large estate) cannot hear the cancel, so the worker is replaced: the page is back
 * at once, and the inventory on screen is handed to the new worker when it is next asked about.
 */
import { proxy, wrap } from 'comlink';
import type { Remote } from 'comlink';

import type { InventoryGraph } from '../graph/build-graph.ts';
import type { CutAnalysis } from '../graph/cut-analysis.ts';
import type { InventoryDiff } from '../graph/diff.ts';
import type { Cut } from '../graph/what-if.ts';

import { CANCELLED } from './analysis-protocol.ts';
import type { AnalysisApi, LayoutInput, LoadedInventory, LoadProgress, LoadResult, LoadSource, Positions, RadiusAnswer, RadiusRequest, ReviewRequest, ReviewResult } from './analysis-protocol.ts';
import type { Session } from './session.ts';

let local: Promise<Session> | null = null;
function localSession(): Promise<Session> {
  local ??= import('./session.ts').then((m) => m.createSession(false));
  return local;
}

/** Thrown into every request of a worker that was replaced. */
const RESTARTED = 'analysis worker restarted';

interface Live {
  readonly worker: Worker;
  readonly remote: Remote<AnalysisApi>;
  /** Rejects when this worker is replaced, so no request waits on it forever. */
  readonly gone: Promise<never>;
  kill(): void;
}

let live: Live | null = null;
let workerBroken = false;

function getLive(): Live | null {
  if (workerBroken || typeof Worker === 'undefined') return null;
  if (live) return live;
  try {
    const worker = new Worker(new URL('./analysis.worker.ts', import.meta.url), { type: 'module', name: 'pathlight-analysis' });
    let reject!: (e: Error) => void;
    const gone = new Promise<never>((_, r) => (reject = r));
    gone.catch(() => undefined);
    const me: Live = {
      worker,
      remote: wrap<AnalysisApi>(worker),
      gone,
      kill() {
        worker.terminate();
        reject(new Error(RESTARTED));
        if (live === me) live = null;
      },
    };
    worker.addEventListener('error', () => {
      workerBroken = true;
      me.kill();
    });
    live = me;
    return me;
  } catch {
    workerBroken = true;
    return null;
  }
}

/** One target the page asks: the worker (its calls fail when it is replaced) or the main-thread session. */
type Target = { readonly api: AnalysisApi; readonly live: Live | null };

async function target(): Promise<Target> {
  const l = getLive();
  return l ? { api: l.remote as unknown as AnalysisApi, live: l } : { api: await localSession(), live: null };
}

/** Runs a request on a target; a replaced worker's request rejects with RESTARTED instead of hanging. */
function on<T>(t: Target, run: (api: AnalysisApi) => Promise<T>): Promise<T> {
  return t.live ? Promise.race([run(t.api), t.live.gone]) : run(t.api);
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
  let running: Target | null = null;
  const result = new Promise<LoadResult>((resolve) => (settle = resolve));
  const finish = (r: LoadResult): void => {
    if (over) return;
    over = true;
    settle(r);
  };
  const report = (p: LoadProgress): void => void (over ? undefined : onProgress(p));
  const run = async (): Promise<void> => {
    const t = await target();
    running = t;
    if (over) return;
    if (t.live) {
      try {
        finish(await on(t, (a) => a.load(source, proxy(report), id)));
        return;
      } catch (err) {
        if (over) return;
        // NOTE: a worker that cannot start (CSP, module workers unsupported) rejects here; fall back once.
        console.warn('analysis worker failed, using the main thread', err);
        workerBroken = true;
        t.live.kill();
      }
    }
    finish(await (await localSession()).load(source, report, id));
  };
  run().catch((err: unknown) => finish({ ok: false, label: '', ranInWorker: false, problems: [{ code: 'LOAD_FAILED', severity: 'error', at: '$', message: err instanceof Error ? err.message : String(err) }] }));
  return {
    result,
    cancel() {
      if (over) return;
      finish({ ok: false, label: '', problems: [], ranInWorker: false, cancelled: true });
      const t = running;
      if (t?.live) t.live.kill(); // the busy worker cannot hear a cancel inside a long step
      else if (t) void t.api.cancel(id);
    },
  };
}

export function loadInventoryOffThread(source: LoadSource, onProgress: (p: LoadProgress) => void): Promise<LoadResult> {
  return startLoad(source, onProgress).result;
}

export async function layoutForce(input: LayoutInput): Promise<Positions> {
  const t = await target();
  try {
    return await on(t, (a) => a.layoutForce(input));
  } catch (err) {
    if (!t.live) throw err;
    console.warn('layout in worker failed, using the main thread', err);
    return (await localSession()).layoutForce(input);
  }
}

/** What names an inventory in a session: a loaded result, or the page's dataset (which has its graph too). */
export type SessionRef = Pick<LoadedInventory, 'version' | 'inventory' | 'findings' | 'analysedAt'> & { readonly graph?: InventoryGraph };

/** Inventories handed over to a session that did not load them: their version there. */
const adopted = new WeakMap<SessionRef, { api: AnalysisApi; version: Promise<number> }>();

function versionIn(t: Target, ref: SessionRef, fresh: boolean): Promise<number> {
  const known = adopted.get(ref);
  if (!fresh) return known && known.api === t.api ? known.version : Promise.resolve(ref.version);
  const input = { inventory: ref.inventory, findings: ref.findings, ...(ref.analysedAt !== undefined ? { analysedAt: ref.analysedAt } : {}) };
  const version = t.live ? on(t, (a) => a.adopt(input)) : Promise.resolve((t.api as Session).hold(ref.inventory, ref.graph, input));
  adopted.set(ref, { api: t.api, version });
  return version;
}

/** Asks a session about an inventory; hands it over once when the session does not have it. */
async function ask<T>(ref: SessionRef, question: (api: AnalysisApi, version: number) => Promise<T | null>): Promise<T> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const t = await target();
    try {
      for (const fresh of [false, true]) {
        const answer = await on(t, (a) => versionIn(t, ref, fresh).then((v) => question(a, v)));
        if (answer !== null) return answer;
      }
    } catch (err) {
      const message = err instanceof Error ? err.message : String(err);
      if (message === CANCELLED || !t.live) throw err;
      if (message !== RESTARTED) {
        console.warn('analysis worker failed, using the main thread', err);
        workerBroken = true;
        t.live.kill();
      }
    }
  }
  throw new Error('the analysis session could not answer');
}

/** Cancels a session request when `signal` aborts (TanStack Query aborts superseded queries). */
function cancellable<T>(signal: AbortSignal | undefined, run: (requestId: number) => Promise<T>): Promise<T> {
  const id = ++requests;
  if (signal) {
    if (signal.aborted) return Promise.reject(new Error(CANCELLED));
    signal.addEventListener('abort', () => void target().then((t) => on(t, (a) => a.cancel(id))).catch(() => false), { once: true });
  }
  return run(id);
}

/** Summaries and findings with the cuts in place. */
export function effectiveOffThread(ref: SessionRef, cuts: readonly Cut[], signal?: AbortSignal): Promise<CutAnalysis> {
  return cancellable(signal, (id) => ask(ref, (a, v) => a.effective(v, cuts, id)));
}

/** The What-if delta and the choke points for the cuts. */
export function reviewOffThread(ref: SessionRef, request: ReviewRequest, signal?: AbortSignal): Promise<ReviewResult> {
  return cancellable(signal, (id) => ask(ref, (a, v) => a.review(v, request, id)));
}

/** The remediation plan (one what-if per cut: seconds on a large inventory). */
export function remediationPlanOffThread(ref: SessionRef, cuts: readonly Cut[], title: string): Promise<string> {
  return ask(ref, (a, v) => a.plan(v, cuts, title));
}

/** Drift from `old` to `next`, computed where both graphs already are (either is handed over if missing). */
export async function diffOffThread(old: SessionRef, next: SessionRef): Promise<InventoryDiff> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const t = await target();
    try {
      for (const fresh of [false, true]) {
        const d = await on(t, async (a) => a.diff(await versionIn(t, old, fresh), await versionIn(t, next, fresh)));
        if (d !== null) return d;
      }
    } catch (err) {
      if (!t.live || (err instanceof Error && err.message !== RESTARTED)) throw err;
    }
  }
  throw new Error('the analysis session could not compare the inventories');
}

/** Drops an inventory the page no longer needs from the session (a compared file). */
export function releaseFromSession(ref: SessionRef): void {
  void target()
    .then(async (t) => {
      const known = adopted.get(ref);
      await on(t, async (a) => a.release(known && known.api === t.api ? await known.version : ref.version));
    })
    .catch(() => undefined);
}

/** A selection's radius (typed arrays transferred from the worker); cancelled when `signal` aborts. */
export function radiusOffThread(ref: SessionRef, request: RadiusRequest, signal?: AbortSignal): Promise<RadiusAnswer> {
  return cancellable(signal, (id) => ask(ref, (a, v) => a.radius(v, request, id)));
}
