/**
 * The page's handle on the analysis worker: a Promise API over Comlink, with a main-thread fallback when
 * Worker is missing (tests, old browsers) or the worker fails to start.
 */
import { proxy, wrap } from 'comlink';
import type { Remote } from 'comlink';

import type { InventoryDiff } from '../graph/diff.ts';

import type { AnalysisApi, DiffInput, LayoutInput, LoadProgress, LoadResult, LoadSource, Positions } from './analysis-protocol.ts';

const mainThreadApi: AnalysisApi = {
  async load(source, onProgress) {
    const { loadInventory } = await import('./load-inventory.ts');
    return loadInventory(source, (p) => onProgress?.(p), false);
  },
  async layoutForce(input) {
    const { runFcose } = await import('./fcose-layout.ts');
    return runFcose(input);
  },
  async diff(old, next) {
    const { diffInventories } = await import('../graph/diff.ts');
    return diffInventories(old, next);
  },
};

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

export async function loadInventoryOffThread(source: LoadSource, onProgress: (p: LoadProgress) => void): Promise<LoadResult> {
  const r = getRemote();
  if (r) {
    try {
      return await r.load(source, proxy(onProgress));
    } catch (err) {
      // NOTE: a worker that cannot start (CSP, module workers unsupported) rejects here; fall back once.
      console.warn('analysis worker failed, using the main thread', err);
      workerBroken = true;
    }
  }
  return mainThreadApi.load(source, onProgress);
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
  return mainThreadApi.layoutForce(input);
}

/** Drift between two inventories, in the worker when there is one. */
export async function diffOffThread(old: DiffInput, next: DiffInput): Promise<InventoryDiff> {
  const r = getRemote();
  if (r) {
    try {
      return await r.diff(old, next);
    } catch (err) {
      console.warn('diff in worker failed, using the main thread', err);
    }
  }
  return mainThreadApi.diff(old, next);
}
