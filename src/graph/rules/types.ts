/** The shape of toxic-combination rules and their findings. */
import type { InventoryGraph } from '../build-graph.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export interface FindingEvidence {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

export interface Finding {
  /** Stable rule id from the catalog (`lethal-trifecta`). */
  readonly rule: string;
  readonly severity: Severity;
  /** The AI node the finding concerns. */
  readonly node: string;
  readonly title: string;
  readonly evidence: FindingEvidence;
}

export type RuleMode = 'strict' | 'worst-case';

export interface RuleContext {
  readonly graph: InventoryGraph;
  readonly mode: RuleMode;
  readonly disabledEdges?: Uint8Array;
}

export interface Rule {
  readonly id: string;
  readonly name: string;
  evaluate(context: RuleContext): Finding[];
}
