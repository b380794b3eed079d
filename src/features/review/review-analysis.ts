/** What the What-if and Choke points panels show, computed from a graph and the cuts (pure; the worker and the fallback share it). */
import { buildGraph } from '../../graph/build-graph.ts';
import type { InventoryGraph } from '../../graph/build-graph.ts';
import { computeChokePoints } from '../../graph/chokepoints.ts';
import type { ChokePoints } from '../../graph/chokepoints.ts';
import { CutAnalysisCache } from '../../graph/cut-analysis.ts';
import type { CutAnalysis } from '../../graph/cut-analysis.ts';
import type { Finding } from '../../graph/rules/types.ts';
import { cutMask, whatIf } from '../../graph/what-if.ts';
import type { Cut, WhatIfResult } from '../../graph/what-if.ts';
import type { Inventory } from '../../model/types.ts';

export interface PreparedReview {
  readonly graph: InventoryGraph;
  /** The load's findings (strict mode, evaluated at `now`). */
  readonly findings: readonly Finding[];
  /** The "now" the load evaluated the rules against; every re-evaluation after cuts uses it too. */
  readonly now?: number;
  /** Post-cut summaries and findings, by switched-off edge set (undo and redo hit it). */
  readonly cache: CutAnalysisCache;
}

export interface ReviewRequest {
  readonly cuts: readonly Cut[];
  readonly source: string | null;
}

export interface ReviewResult {
  readonly whatIf: WhatIfResult | null;
  readonly choke: ChokePoints;
}

export function prepareGraph(graph: InventoryGraph, findings: readonly Finding[], now?: number): PreparedReview {
  return { graph, findings, ...(now !== undefined ? { now } : {}), cache: new CutAnalysisCache(graph, { mode: 'strict', verifyCuts: true, ...(now !== undefined ? { now } : {}) }) };
}

export function prepareReview(inventory: Inventory, findings: readonly Finding[], now?: number): PreparedReview {
  return prepareGraph(buildGraph(inventory), findings, now);
}

/** Summaries and findings with the cuts in place: what the sidebar, the findings, the top bar and the board show. */
export function effectiveAnalysis(prepared: PreparedReview, cuts: readonly Cut[]): CutAnalysis {
  return prepared.cache.get(cuts);
}

export function analyseReview(prepared: PreparedReview, { cuts, source }: ReviewRequest): ReviewResult {
  const { graph, findings, now } = prepared;
  const src = source !== null && graph.index.nodeIndex.has(source) ? source : undefined;
  // The findings after come from the same cache as the effective analysis, so the delta's "resolved" and the
  // post-cut lists agree by construction.
  const after = cuts.length ? prepared.cache.get(cuts) : null;
  const result =
    cuts.length && after
      ? whatIf(graph, cuts, {
          ...(src ? { source: src } : {}),
          ...(now !== undefined ? { now } : {}),
          findingsBefore: findings,
          ...(after.findingsError === undefined ? { findingsAfter: after.findings } : {}),
        })
      : null;
  const mask = result?.mask ?? cutMask(graph, cuts).mask;
  const choke = computeChokePoints(graph, { disabledEdges: mask, nodes: true });
  return { whatIf: result, choke };
}
