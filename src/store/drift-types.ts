/**
 * The shapes of a drift view as the live store keeps them in its history (the live feature computes them:
 * features/live/diff-view.ts). Types only, here so the store never imports a feature.
 */
import type { Severity } from '../graph/rules/types.ts';

/** What the graph marks: ids of added nodes, `edge␟<id>` of added edges, and removed elements as ghosts. */
export interface DriftMarks {
  readonly added: ReadonlySet<string>;
  readonly ghostNodes: readonly { readonly id: string; readonly kind: string; readonly name: string }[];
  readonly ghostEdges: readonly { readonly id: string; readonly source: string; readonly target: string; readonly kind: string }[];
}

export interface NamedNode {
  readonly id: string;
  readonly name: string;
  /** Human kind, e.g. "data store". */
  readonly kind: string;
}

export interface NamedEdge {
  readonly id: string;
  /** "Bot role → Payroll DB". */
  readonly label: string;
  readonly kind: string;
}

export interface FieldLine {
  readonly field: string;
  /** "medium → high", "added: platform-team", "removed: x". */
  readonly text: string;
}

export interface Capped<T> {
  readonly items: readonly T[];
  readonly more: number;
}

export interface ReachLine {
  readonly node: string;
  readonly name: string;
  readonly before: number;
  readonly after: number;
  readonly gained: Capped<NamedNode>;
  readonly lost: Capped<NamedNode>;
  readonly crownJewelsGained: readonly NamedNode[];
  readonly crownJewelsLost: readonly NamedNode[];
}

export interface FindingLine {
  readonly key: string;
  readonly title: string;
  readonly ruleRef?: string;
  readonly nodeName: string;
  readonly severity: Severity;
  /** For severity moves. */
  readonly from?: Severity;
}

export interface DiffView {
  readonly empty: boolean;
  /** "1 node added, 1 edge added, 1 new finding". */
  readonly headline: string;
  readonly summary: readonly { readonly kind: string; readonly text: string; readonly severity?: Severity }[];
  readonly nodes: {
    readonly added: Capped<NamedNode>;
    readonly removed: Capped<NamedNode>;
    readonly changed: Capped<NamedNode & { readonly fields: readonly FieldLine[] }>;
  };
  readonly edges: {
    readonly added: Capped<NamedEdge>;
    readonly removed: Capped<NamedEdge>;
    readonly changed: Capped<NamedEdge & { readonly fields: readonly FieldLine[] }>;
  };
  readonly reach: Capped<ReachLine>;
  readonly findings: {
    readonly new: Capped<FindingLine>;
    readonly resolved: Capped<FindingLine>;
    readonly changed: Capped<FindingLine>;
  };
  readonly counts: {
    readonly nodesAdded: number;
    readonly nodesRemoved: number;
    readonly nodesChanged: number;
    readonly edgesAdded: number;
    readonly edgesRemoved: number;
    readonly edgesChanged: number;
    readonly findingsNew: number;
    readonly findingsResolved: number;
    readonly crownJewelsGained: number;
  };
  readonly marks: DriftMarks;
}
