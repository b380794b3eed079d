/**
 * The analysis session: the inventories loaded so far (the last SESSION_VERSIONS), each with its graph and
 * the analysis after cuts, and every question the page asks about them. The analysis worker exposes one
 * session; without a worker the page runs one on the main thread (same code). Pure TypeScript over model/,
 * graph/ and import/: no DOM, no React.
 */
import { buildGraph } from '../graph/build-graph.ts';
import { diffInventories } from '../graph/diff.ts';
import type { InventoryGraph } from '../graph/index.ts';
import { answerRadius } from '../graph/radius-data.ts';
import { remediationPlan } from '../graph/what-if.ts';
import type { Inventory } from '../model/index.ts';

import { CANCELLED, SESSION_VERSIONS } from './analysis-protocol.ts';
import type { AdoptInput, AnalysisApi, LoadProgress, LoadResult, LoadSource } from './analysis-protocol.ts';
import { loadInventory } from './load-inventory.ts';
import { analyseReview, effectiveAnalysis, prepareGraph } from './review-analysis.ts';
import type { PreparedReview } from './review-analysis.ts';

interface Held {
  readonly inventory: Inventory;
  readonly prepared: PreparedReview;
}

const yieldToMessages = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));

export interface Session extends AnalysisApi {
  /** Versions held, oldest first (tests). */
  versions(): number[];
  /** Registers an inventory (with its graph when the caller already built it: the page's fallback). */
  hold(inventory: Inventory, graph: InventoryGraph | undefined, input: Omit<AdoptInput, 'inventory'>): number;
}

/**
 * A new session. `versionBase` keeps versions of sessions apart (each worker, the main-thread fallback), so
 * a version never names two inventories.
 */
export function createSession(ranInWorker: boolean, versionBase = 0): Session {
  const held = new Map<number, Held>();
  const cancelled = new Set<number>();
  const running = new Set<number>();
  let next = versionBase + 1;

  const hold = (inventory: Inventory, graph: InventoryGraph | undefined, input: Omit<AdoptInput, 'inventory'>): number => {
    const version = next++;
    held.set(version, { inventory, prepared: prepareGraph(graph ?? buildGraph(inventory), input.findings, input.analysedAt) });
    while (held.size > SESSION_VERSIONS) held.delete(held.keys().next().value!);
    return version;
  };
  const get = (version: number): Held | undefined => {
    const h = held.get(version);
    if (h) {
      // Most recently used last: the oldest untouched version goes first.
      held.delete(version);
      held.set(version, h);
    }
    return h;
  };
  /** Waits for queued messages (a cancel of this request) and says whether to go on. */
  const proceed = async (requestId: number | undefined): Promise<void> => {
    if (requestId === undefined) return;
    running.add(requestId);
    await yieldToMessages();
    if (cancelled.delete(requestId)) {
      running.delete(requestId);
      throw new Error(CANCELLED);
    }
  };
  const done = (requestId: number | undefined): void => {
    if (requestId === undefined) return;
    running.delete(requestId);
    cancelled.delete(requestId);
  };

  return {
    async load(source: LoadSource, onProgress?: (p: LoadProgress) => void, requestId?: number): Promise<LoadResult> {
      if (requestId !== undefined) running.add(requestId);
      try {
        let found = 0;
        const outcome = await loadInventory(source, (p) => void onProgress?.(p.stage === 'analysing' && p.stageFraction !== undefined && p.stageFraction > 0 ? { ...p, findingsSoFar: found } : p), ranInWorker, {
          cancelled: () => requestId !== undefined && cancelled.has(requestId),
          onRuleFindings: (_rule, findings) => {
            found += findings.length;
          },
        });
        if (!outcome.ok) return outcome;
        const { result, graph } = outcome;
        const version = hold(result.inventory, graph, { findings: result.findings, ...(result.analysedAt !== undefined ? { analysedAt: result.analysedAt } : {}) });
        return { ok: true, version, ...result };
      } finally {
        done(requestId);
      }
    },
    // Not async on purpose: it runs between the stages of the request it cancels.
    cancel(requestId: number): Promise<boolean> {
      if (!running.has(requestId)) return Promise.resolve(false);
      cancelled.add(requestId);
      return Promise.resolve(true);
    },
    adopt(input: AdoptInput): Promise<number> {
      return Promise.resolve(hold(input.inventory, undefined, input));
    },
    release(version: number): Promise<void> {
      held.delete(version);
      return Promise.resolve();
    },
    async effective(version, cuts, requestId) {
      await proceed(requestId);
      try {
        const h = get(version);
        return h ? effectiveAnalysis(h.prepared, cuts) : null;
      } finally {
        done(requestId);
      }
    },
    async review(version, request, requestId) {
      await proceed(requestId);
      try {
        const h = get(version);
        return h ? analyseReview(h.prepared, request) : null;
      } finally {
        done(requestId);
      }
    },
    async radius(version, request, requestId) {
      await proceed(requestId);
      try {
        const h = get(version);
        return h ? answerRadius(h.prepared.graph, request) : null;
      } finally {
        done(requestId);
      }
    },
    plan(version, cuts, title) {
      const h = get(version);
      if (!h) return Promise.resolve(null);
      const { graph, now } = h.prepared;
      return Promise.resolve(remediationPlan(graph, cuts, { title, ...(now !== undefined ? { now } : {}) }));
    },
    diff(old, nextVersion) {
      const a = get(old);
      const b = get(nextVersion);
      if (!a || !b) return Promise.resolve(null);
      return Promise.resolve(
        diffInventories({ inventory: a.inventory, graph: a.prepared.graph, findings: a.prepared.findings }, { inventory: b.inventory, graph: b.prepared.graph, findings: b.prepared.findings }),
      );
    },
    async layoutForce(input) {
      const { runFcose } = await import('./fcose-layout.ts');
      return runFcose(input);
    },
    versions: () => [...held.keys()],
    hold,
  };
}

