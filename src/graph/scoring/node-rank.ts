/**
 * The one ranking of "riskiest" used by the sidebar, the Findings view and the risk board:
 * 1. worst severity of the node's findings (critical → low, none last);
 * 2. crown jewels its blast radius reaches (more first);
 * 3. size of its blast radius (larger first);
 * then node id, so the order is total. Findings are ordered the same way: the finding's severity, then its
 * node's crown jewels and radius, then the engine's own order (`compareFindings`). So the first finding of the
 * Findings view, the first top risk of the board and the first AI integration of the sidebar name one node.
 */
import { SEVERITY_RANK } from '../rules/types.ts';
import type { Finding, Severity } from '../rules/types.ts';
import type { ReachSummary } from '../summary.ts';

import { compareFindings } from './rank.ts';

export type NodeSort = 'risk' | 'radius' | 'crown';

export const NODE_SORTS: readonly { readonly id: NodeSort; readonly label: string; readonly description: string }[] = [
  { id: 'risk', label: 'Risk', description: 'Worst finding severity, then crown jewels reached, then blast radius' },
  { id: 'crown', label: 'Crown jewels', description: 'Crown jewels reached, then blast radius' },
  { id: 'radius', label: 'Blast radius', description: 'Nodes reached, then crown jewels' },
];

export interface NodeRisk {
  readonly node: string;
  /** Worst severity among the node's findings, or null without any. */
  readonly worst: Severity | null;
  readonly findings: number;
  readonly crownJewels: number;
  readonly reached: number;
}

type ReachLike = Pick<ReachSummary, 'node' | 'reached' | 'crownJewels'>;

/** Per node: worst severity and count of its findings, and its reach figures. */
export function nodeRisks(summaries: readonly ReachLike[], findings: readonly Finding[]): Map<string, NodeRisk> {
  const out = new Map<string, { node: string; worst: Severity | null; findings: number; crownJewels: number; reached: number }>();
  for (const s of summaries) out.set(s.node, { node: s.node, worst: null, findings: 0, crownJewels: s.crownJewels, reached: s.reached });
  for (const f of findings) {
    let r = out.get(f.node);
    if (!r) {
      r = { node: f.node, worst: null, findings: 0, crownJewels: 0, reached: 0 };
      out.set(f.node, r);
    }
    r.findings++;
    if (r.worst === null || SEVERITY_RANK[f.severity] > SEVERITY_RANK[r.worst]) r.worst = f.severity;
  }
  return out;
}

const sev = (s: Severity | null): number => (s === null ? 0 : SEVERITY_RANK[s]);
const byId = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export function compareNodeRisk(a: NodeRisk, b: NodeRisk, sort: NodeSort = 'risk'): number {
  if (sort === 'radius') return b.reached - a.reached || b.crownJewels - a.crownJewels || sev(b.worst) - sev(a.worst) || byId(a.node, b.node);
  if (sort === 'crown') return b.crownJewels - a.crownJewels || b.reached - a.reached || sev(b.worst) - sev(a.worst) || byId(a.node, b.node);
  return sev(b.worst) - sev(a.worst) || b.crownJewels - a.crownJewels || b.reached - a.reached || byId(a.node, b.node);
}

/** The summaries in the chosen order (a sorted copy). */
export function rankSummaries<S extends ReachLike>(summaries: readonly S[], findings: readonly Finding[], sort: NodeSort = 'risk'): S[] {
  const risks = nodeRisks(summaries, findings);
  return [...summaries].sort((a, b) => compareNodeRisk(risks.get(a.node)!, risks.get(b.node)!, sort));
}

/** Findings in the shared order: severity, then the node's crown jewels and radius, then the engine's order. */
export function orderFindingsByRisk(findings: readonly Finding[], summaries: readonly ReachLike[]): Finding[] {
  const risks = nodeRisks(summaries, findings);
  return [...findings].sort((a, b) => {
    const ra = risks.get(a.node)!;
    const rb = risks.get(b.node)!;
    return SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || rb.crownJewels - ra.crownJewels || rb.reached - ra.reached || compareFindings(a, b);
  });
}
