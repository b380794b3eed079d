/** Public surface of the analysis core. */
export { buildGraph, requireNode, toEdgeMask, UnknownNodeError, NODE_AI, NODE_CROWN_JEWEL, NODE_SENSITIVE } from './build-graph.ts';
export type { GraphIndex, InventoryGraph } from './build-graph.ts';
export { computeReach, ReachEngine, ReachResult } from './reach.ts';
export type { ReachEntry, ReachOptions } from './reach.ts';
export { computeExposure } from './exposure.ts';
export type { Exposure, ExposureEntry } from './exposure.ts';
export { findShortestPath } from './paths.ts';
export type { AttackPath } from './paths.ts';
export { summarizeAiNodes, summarizeReach, aiNodeIndexes } from './summary.ts';
export type { ReachSummary } from './summary.ts';
export { analyze } from './analyze.ts';
export type { AnalysisReport, AnalyzeOptions } from './analyze.ts';
export { evaluateRules, RULES } from './rules/registry.ts';
export type { Finding, Rule, RuleContext, RuleMode, Severity } from './rules/types.ts';
export { diffInventories } from './diff.ts';
export type { InventoryDiff } from './diff.ts';
export { reachManyMasks, reachCounts } from './reach-many.ts';
export { summarizeSources } from './summary.ts';
