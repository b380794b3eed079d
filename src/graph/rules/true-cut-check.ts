/**
 * The true-cut invariant as a check (tests, and anyone who wants to confirm a report): every finding either
 * has a `cut` whose edges, switched off, remove it (and an `alternative` that does too), or has `noCut` naming
 * the property to change. Returns the violations, empty when the invariant holds.
 */
import { toEdgeMask } from '../build-graph.ts';
import type { InventoryGraph } from '../build-graph.ts';

import { RULES, evaluateRules } from './registry.ts';
import type { Finding, Rule, RuleMode } from './types.ts';

export function trueCutViolations(graph: InventoryGraph, findings: readonly Finding[], mode: RuleMode, rules: readonly Rule[] = RULES, now?: number): string[] {
  const out: string[] = [];
  const byRule = new Map(rules.map((r) => [r.id, r]));
  for (const f of findings) {
    const rule = byRule.get(f.rule);
    if (!rule) continue;
    if (!f.cut) {
      if (!f.noCut || f.noCut.change === '') out.push(`${f.rule}@${f.node}: neither a cut nor a property to change`);
      continue;
    }
    for (const [what, edges] of [['cut', f.cut.edges], ...(f.cut.alternative ? [['alternative', f.cut.alternative.edges] as const] : [])] as const) {
      const { mask, unknown } = toEdgeMask(graph, edges);
      if (unknown.length > 0) out.push(`${f.rule}@${f.node}: ${what} names unknown edges ${unknown.join(', ')}`);
      const after = evaluateRules({ graph, mode, disabledEdges: mask, ...(now !== undefined ? { now } : {}) }, [rule]);
      if (after.some((x) => x.rule === f.rule && x.node === f.node)) out.push(`${f.rule}@${f.node}: its ${what} [${edges.join(', ')}] leaves it standing`);
    }
  }
  return out;
}
