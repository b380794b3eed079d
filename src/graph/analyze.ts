/**
 * The analysis facade: one call from an inventory to the report the CLI prints and the app shows.
 */
import type { InventoryIssue } from '../model/issues.ts';
import type { Inventory } from '../model/types.ts';

import { buildGraph, toEdgeMask } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';
import { computeReach } from './reach.ts';
import type { ReachEntry } from './reach.ts';
import { evaluateRules } from './rules/registry.ts';
import type { EvaluateOptions } from './rules/registry.ts';
import type { Finding, RuleMode } from './rules/types.ts';
import { summarizeAiNodes } from './summary.ts';
import type { ReachSummary } from './summary.ts';

export interface AnalyzeOptions {
  /** Compute the blast radius of this node id. */
  readonly from?: string;
  readonly maxHops?: number;
  /** Edge ids switched off (what-if). */
  readonly disabledEdges?: readonly string[];
  readonly mode?: RuleMode;
  /** "Now" for age-based rules (ms since the epoch); the caller reads the clock, the core does not. */
  readonly now?: number;
  /** Check and repair every finding's cut (RuleContext.verifyCuts; the CLI turns it on). */
  readonly verifyCuts?: boolean;
  /** Progress per rule, each rule's findings as they are ready, cancellation (see `evaluateRules`). */
  readonly rules?: EvaluateOptions;
}

export interface AnalysisReport {
  readonly inventory: { readonly nodes: number; readonly edges: number; readonly warnings: readonly InventoryIssue[] };
  readonly reach?: { readonly source: string; readonly reached: readonly ReachEntry[] };
  readonly findings: readonly Finding[];
  readonly summary: readonly ReachSummary[];
}

/**
 * Analyses an inventory (or an already built graph with its inventory's warnings).
 * @throws UnknownNodeError when `from` is not a node.
 */
export function analyze(inventory: Inventory, options: AnalyzeOptions = {}, graph: InventoryGraph = buildGraph(inventory)): AnalysisReport {
  const disabled = options.disabledEdges?.length ? toEdgeMask(graph, options.disabledEdges).mask : undefined;
  const reachOptions = {
    ...(options.maxHops !== undefined ? { maxHops: options.maxHops } : {}),
    ...(disabled ? { disabledEdges: disabled } : {}),
  };
  const report: AnalysisReport = {
    inventory: { nodes: graph.nodes.length, edges: graph.edges.length, warnings: inventory.warnings },
    ...(options.from !== undefined
      ? { reach: { source: options.from, reached: computeReach(graph, options.from, reachOptions).toEntries() } }
      : {}),
    findings: evaluateRules({
      ...(options.verifyCuts ? { verifyCuts: true } : {}),
      graph,
      mode: options.mode ?? 'strict',
      ...(disabled ? { disabledEdges: disabled } : {}),
      ...(options.now !== undefined ? { now: options.now } : {}),
    }, undefined, options.rules),
    summary: summarizeAiNodes(graph, reachOptions),
  };
  return report;
}
