/**
 * The analysis after what-if cuts: the same reach summaries and findings a load produces
 * (`summarizeAiNodes`, `evaluateRules`), with the cuts' edges switched off. Every view that shows scores or
 * findings reads this instead of the load's figures while cuts are applied.
 *
 * - `analyzeAfterCuts` is pure: the same graph, cuts and options always give the same answer, equal to a
 *   fresh analysis of the inventory with those edges removed (a removed node keeps its place, without edges).
 * - `cutSignature` names the switched-off edge set, so cuts in another order, or a node cut and the list of
 *   its edges, share one entry.
 * - `CutAnalysisCache` keeps recent results per graph, so undo and redo are instant.
 */
import type { InventoryGraph } from './build-graph.ts';
import { evaluateRules } from './rules/registry.ts';
import type { Finding, RuleMode } from './rules/types.ts';
import { summarizeAiNodes } from './summary.ts';
import type { ReachSummary } from './summary.ts';
import { cutMask } from './what-if.ts';
import type { Cut } from './what-if.ts';

export interface CutAnalysisOptions {
  readonly mode?: RuleMode;
  /** "Now" for age rules (ms since the epoch): pass the one the load used, so only the cuts differ. */
  readonly now?: number;
  /** Check each finding's cut (RuleContext.verifyCuts), as the load did. */
  readonly verifyCuts?: boolean;
}

export interface CutAnalysis {
  /** Per AI integration, largest blast radius first (summarizeAiNodes with the cuts in place). */
  readonly summaries: readonly ReachSummary[];
  /** Ranked findings with the cuts in place (evaluateRules with `disabledEdges`). */
  readonly findings: readonly Finding[];
  /** Set when the rules threw: the findings are then missing, not absent. */
  readonly findingsError?: string;
  /** Edge ids switched off, in inventory order. */
  readonly disabledEdges: readonly string[];
}

/** Summaries and findings of `graph` with `cuts` applied. Cost: one summary pass and one rule evaluation. */
export function analyzeAfterCuts(graph: InventoryGraph, cuts: readonly Cut[], options: CutAnalysisOptions = {}): CutAnalysis {
  return analyzeMask(graph, cutMask(graph, cuts).mask, options);
}

function analyzeMask(graph: InventoryGraph, mask: Uint8Array, options: CutAnalysisOptions): CutAnalysis {
  const summaries = summarizeAiNodes(graph, { disabledEdges: mask });
  let findings: Finding[] = [];
  let findingsError: string | undefined;
  try {
    findings = evaluateRules({ graph, mode: options.mode ?? 'strict', disabledEdges: mask, ...(options.now !== undefined ? { now: options.now } : {}), ...(options.verifyCuts ? { verifyCuts: true } : {}) });
  } catch (err) {
    findingsError = err instanceof Error ? err.message : String(err);
  }
  const disabledEdges: string[] = [];
  for (let j = 0; j < mask.length; j++) if (mask[j] === 1) disabledEdges.push(graph.edges[j]!.id);
  return { summaries, findings, ...(findingsError !== undefined ? { findingsError } : {}), disabledEdges };
}

/** The switched-off edge positions as one string (`"3,17,42"`): equal for cuts that switch off the same edges. */
export function cutSignature(graph: InventoryGraph, cuts: readonly Cut[]): string {
  return maskSignature(cutMask(graph, cuts).mask);
}

function maskSignature(mask: Uint8Array): string {
  const on: number[] = [];
  for (let j = 0; j < mask.length; j++) if (mask[j] === 1) on.push(j);
  return on.join(',');
}

/**
 * Recent post-cut analyses of one graph, by cut signature, least recently used dropped first. `get` returns
 * the very same object for the same switched-off edges.
 */
export class CutAnalysisCache {
  private readonly entries = new Map<string, CutAnalysis>();

  constructor(
    readonly graph: InventoryGraph,
    private readonly options: CutAnalysisOptions = {},
    private readonly capacity = 32,
  ) {}

  get(cuts: readonly Cut[]): CutAnalysis {
    const { mask } = cutMask(this.graph, cuts);
    const key = maskSignature(mask);
    const hit = this.entries.get(key);
    if (hit) {
      this.entries.delete(key);
      this.entries.set(key, hit);
      return hit;
    }
    const result = analyzeMask(this.graph, mask, this.options);
    this.entries.set(key, result);
    while (this.entries.size > this.capacity) this.entries.delete(this.entries.keys().next().value!);
    return result;
  }

  /** The cached analysis for these cuts, without computing one. */
  peek(cuts: readonly Cut[]): CutAnalysis | undefined {
    return this.entries.get(cutSignature(this.graph, cuts));
  }

  get size(): number {
    return this.entries.size;
  }
}
