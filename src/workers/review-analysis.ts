/** What the What-if and Choke points panels show, computed from a graph and the cuts (pure; the session runs it). */
import type { InventoryGraph } from '../graph/build-graph.ts';
import { computeChokePoints } from '../graph/chokepoints.ts';
import { CutAnalysisCache } from '../graph/cut-analysis.ts';
import type { CutAnalysis } from '../graph/cut-analysis.ts';
import type { Finding } from '../graph/rules/types.ts';
import { cutMask, whatIf } from '../graph/what-if.ts';
import type { Cut } from '../graph/what-if.ts';

import type { ReviewRequest, ReviewResult } from './analysis-protocol.ts';

export interface PreparedReview {
  readonly graph: InventoryGraph;
  /** The load's findings (strict mode, evaluated at `now`). */
  readonly findings: readonly Finding[];
  /** The "now" the load evaluated the rules against; every re-evaluation after cuts uses it too. */
  readonly now?: number;
  /**
   * The last few post-cut analyses, so the What-if delta and the effective analysis of the same cuts share one
   * rule evaluation (the page's query cache keeps the results it shows; this only avoids computing twice).
   */
  readonly cache: CutAnalysisCache;
}

export function prepareGraph(graph: InventoryGraph, findings: readonly Finding[], now?: number): PreparedReview {
  return { graph, findings, ...(now !== undefined ? { now } : {}), cache: new CutAnalysisCache(graph, { mode: 'strict', verifyCuts: true, ...(now !== undefined ? { now } : {}) }, 4) };
}

/** Summaries and findings with the cuts in place: what the sidebar, the findings, the top bar and the board show. */
export function effectiveAnalysis(prepared: PreparedReview, cuts: readonly Cut[]): CutAnalysis {
  return prepared.cache.get(cuts);
}

export function analyseReview(prepared: PreparedReview, { cuts, source }: ReviewRequest): ReviewResult {
  const { graph, findings, now } = prepared;
  const src = source !== null && graph.index.nodeIndex.has(source) ? source : undefined;
  // The findings after come from the same analysis as the effective one, so the delta's "resolved" and the
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
