/**
 * Per-AI-node risk score: an explainable, monotone formula.
 *
 *   raw   = Σ over the node's findings of  W(severity) × (1 + ½·zeroClick + ¼·prod + ¼·restricted)
 *         + 2 × crown jewels reached + 1 × sensitive stores reached + 0.2 × other nodes reached
 *   score = round(100 × (1 − e^(−raw / 60)))          (0–100)
 *
 * with W(critical) = 40, W(high) = 20, W(medium) = 8, W(low) = 3, and reach as in summary.ts (§4 of the
 * format). Every term is non-negative and the squash is increasing, so more reach or another finding never
 * lowers the score. Assumed (worst-case) findings count at half weight. `components` lists each term.
 */
import type { InventoryGraph } from '../build-graph.ts';
import type { Finding, Severity } from '../rules/types.ts';
import { summarizeAiNodes } from '../summary.ts';
import type { ReachSummary } from '../summary.ts';

export const SEVERITY_WEIGHT: Record<Severity, number> = { critical: 40, high: 20, medium: 8, low: 3 };
export const SCORE_SCALE = 60;

export interface RiskComponent {
  readonly label: string;
  readonly points: number;
}

export interface RiskScore {
  readonly node: string;
  readonly score: number;
  readonly raw: number;
  readonly findings: number;
  readonly topSeverity: Severity | null;
  readonly components: readonly RiskComponent[];
}

export type ReachCounts = Pick<ReachSummary, 'node' | 'reached' | 'crownJewels' | 'sensitive'>;

/** Points of one finding (before the squash). */
export function findingPoints(f: Finding): number {
  const c = f.context;
  const multiplier = 1 + (c?.zeroClick ? 0.5 : 0) + (c?.prod ? 0.25 : 0) + (c?.restricted ? 0.25 : 0);
  return SEVERITY_WEIGHT[f.severity] * multiplier * (f.assumed ? 0.5 : 1);
}

/** Score of one node from its findings and reach counts. */
export function riskScore(node: string, findings: readonly Finding[], reach?: ReachCounts): RiskScore {
  const components: RiskComponent[] = [];
  const round = (x: number) => Math.round(x * 100) / 100;
  let topSeverity: Severity | null = null;
  const order: Severity[] = ['low', 'medium', 'high', 'critical'];
  for (const f of findings) {
    components.push({ label: `${f.severity} ${f.rule}${f.assumed ? ' (assumed)' : ''}`, points: round(findingPoints(f)) });
    if (topSeverity === null || order.indexOf(f.severity) > order.indexOf(topSeverity)) topSeverity = f.severity;
  }
  if (reach) {
    const other = Math.max(0, reach.reached - reach.crownJewels);
    if (reach.crownJewels > 0) components.push({ label: `${reach.crownJewels} crown jewels reached`, points: 2 * reach.crownJewels });
    if (reach.sensitive > 0) components.push({ label: `${reach.sensitive} sensitive stores reached`, points: reach.sensitive });
    if (other > 0) components.push({ label: `${other} other nodes reached`, points: round(0.2 * other) });
  }
  const raw = Math.round(components.reduce((s, c) => s + c.points, 0) * 100) / 100;
  return { node, raw, score: Math.round(100 * (1 - Math.exp(-raw / SCORE_SCALE))), findings: findings.length, topSeverity, components };
}

/** Scores every AI node of the graph (and any other node a finding concerns), highest first. */
export function scoreAiNodes(graph: InventoryGraph, findings: readonly Finding[], reach: readonly ReachCounts[] = summarizeAiNodes(graph)): RiskScore[] {
  const byNode = new Map<string, Finding[]>();
  for (const f of findings) {
    const list = byNode.get(f.node) ?? [];
    list.push(f);
    byNode.set(f.node, list);
  }
  const reachByNode = new Map(reach.map((r) => [r.node, r]));
  const ids = new Set([...reachByNode.keys(), ...byNode.keys()]);
  return [...ids]
    .map((id) => riskScore(id, byNode.get(id) ?? [], reachByNode.get(id)))
    .sort((a, b) => b.raw - a.raw || (a.node < b.node ? -1 : 1));
}
