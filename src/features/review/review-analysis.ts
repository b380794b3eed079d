/** What the What-if and Choke points panels show, computed from a graph and the cuts (pure; the worker and the fallback share it). */
import { buildGraph } from '../../graph/build-graph.ts';
import type { InventoryGraph } from '../../graph/build-graph.ts';
import { computeChokePoints } from '../../graph/chokepoints.ts';
import type { ChokePoints } from '../../graph/chokepoints.ts';
import type { Finding } from '../../graph/rules/types.ts';
import { cutMask, whatIf } from '../../graph/what-if.ts';
import type { Cut, WhatIfResult } from '../../graph/what-if.ts';
import type { Inventory } from '../../model/types.ts';

export interface PreparedReview {
  readonly graph: InventoryGraph;
  readonly findings: readonly Finding[];
}

export interface ReviewRequest {
  readonly cuts: readonly Cut[];
  readonly source: string | null;
}

export interface ReviewResult {
  readonly whatIf: WhatIfResult | null;
  readonly choke: ChokePoints;
}

export function prepareReview(inventory: Inventory, findings: readonly Finding[]): PreparedReview {
  return { graph: buildGraph(inventory), findings };
}

export function analyseReview({ graph, findings }: PreparedReview, { cuts, source }: ReviewRequest): ReviewResult {
  const src = source !== null && graph.index.nodeIndex.has(source) ? source : undefined;
  const result = cuts.length ? whatIf(graph, cuts, { ...(src ? { source: src } : {}), findingsBefore: findings }) : null;
  const mask = result?.mask ?? cutMask(graph, cuts).mask;
  const choke = computeChokePoints(graph, { disabledEdges: mask, nodes: true });
  return { whatIf: result, choke };
}
