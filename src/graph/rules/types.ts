/** The shape of toxic-combination rules and their findings. */
import type { InventoryGraph } from '../build-graph.ts';

export const SEVERITIES = ['critical', 'high', 'medium', 'low'] as const;
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_RANK: Record<Severity, number> = { critical: 4, high: 3, medium: 2, low: 1 };

export interface FindingEvidence {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
}

/** One witness path: node ids n0..nk and the k edge ids between them, in path order. */
export interface Witness {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  /** `ambient`: the leg uses a workload identity's permissions directly (§1.4 note); drawn dashed. */
  readonly evidence?: 'direct' | 'ambient';
}

/** What a leg contributes to the combination; drives the cut weights (§6.2). */
export type LegRole = 'untrusted' | 'private' | 'sink' | 'destructive' | 'exec' | 'entry' | 'pivot' | 'target';

/** One leg of a combination (U, P, E…): its witness paths. Any one witness satisfies the leg. */
export interface FindingLeg {
  readonly name: string;
  readonly role: LegRole;
  /** Union of the witness paths' node and edge ids. */
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  readonly witnesses: readonly Witness[];
  /** Context, not a condition of the rule (severity modifiers): cutting it does not resolve the finding. */
  readonly optional?: boolean;
}

/** A set of edges whose removal breaks the finding (over its witness paths), with its business cost. */
export interface EdgeCut {
  readonly edges: readonly string[];
  readonly cost: number;
  /** The leg this cut breaks. */
  readonly leg: string;
}

export interface FindingCut extends EdgeCut {
  /** The next-best cut (another leg, or a disjoint cut of the same leg), when there is one. */
  readonly alternative?: EdgeCut;
  /** Checked: re-running the rule with these edges switched off removes the finding (true-cut.ts). */
  readonly verified?: boolean;
}

/** Why a finding offers no edge cut, and which property to change instead. */
export interface FindingNoCut {
  readonly reason: string;
  readonly change: string;
}

/** The ranking context of a finding (§6.1). */
export interface FindingContext {
  /** The untrusted input comes from a channel anyone can write to or invoke (email, public tickets…). */
  readonly zeroClick: boolean;
  readonly prod: boolean;
  readonly restricted: boolean;
  /** Number of distinct witness paths over all legs. */
  readonly witnessPaths: number;
  /** Length in edges of the longest leg's shortest witness (0 when no edges). */
  readonly shortestPath: number;
}

/** An inferred fact a finding's evidence rests on (src/import/infer.ts; `stated` facts are not listed). */
export interface FindingInferredFact {
  readonly node: string;
  readonly field: string;
  readonly value: unknown;
  readonly confidence: 'inferred-high' | 'inferred-low';
  readonly because: string;
  readonly source?: string;
  /** The legs whose witnesses pass through the node. */
  readonly legs?: readonly string[];
}

export interface Finding {
  /** Stable rule id from the catalog (`lethal-trifecta`). */
  readonly rule: string;
  readonly severity: Severity;
  /** The AI node the finding concerns. */
  readonly node: string;
  readonly title: string;
  readonly evidence: FindingEvidence;
  /** Catalog id, `R01`…`R19`. */
  readonly ruleRef?: string;
  readonly ruleName?: string;
  readonly legs?: readonly FindingLeg[];
  readonly cut?: FindingCut;
  /** Set instead of `cut` when no edge cut removes the finding. */
  readonly noCut?: FindingNoCut;
  /** Remediation in words, from the catalog. */
  readonly remediation?: string;
  readonly tags?: readonly string[];
  /** Worst-case mode only: the missing facts this finding assumes (each would confirm or dismiss it). */
  readonly assumed?: readonly string[];
  /** Why the severity differs from the rule's base, one line per modifier applied. */
  readonly modifiers?: readonly string[];
  readonly context?: FindingContext;
  /** 1-based position in the ranked list. */
  readonly rank?: number;
  /** Inferred facts on the evidence (absent when the evidence rests on stated facts only). */
  readonly inferred?: readonly FindingInferredFact[];
}

export type RuleMode = 'strict' | 'worst-case';

export interface RuleContext {
  readonly graph: InventoryGraph;
  readonly mode: RuleMode;
  readonly disabledEdges?: Uint8Array;
  /** "Now" for age rules (ms since the epoch). The caller supplies it; without it dates give no age. */
  readonly now?: number;
  /**
   * Check every finding's cut by re-running its rule without the cut's edges, repairing or dropping it
   * (true-cut.ts). Costs a few rule runs per finding; the CLI, the app's load and its what-if analysis turn it on.
   */
  readonly verifyCuts?: boolean;
}

export interface Rule {
  readonly id: string;
  readonly name: string;
  /** Catalog reference `R01`… */
  readonly ref?: string;
  readonly base?: Severity;
  readonly tags?: readonly string[];
  readonly remediation?: string;
  evaluate(context: RuleContext): Finding[];
}
