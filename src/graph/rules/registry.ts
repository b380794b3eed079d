/**
 * The rule registry. Adding a rule means one file under rules/ and one line here.
 */
import type { Finding, Rule, RuleContext } from './types.ts';
import { SEVERITY_RANK } from './types.ts';

export const RULES: readonly Rule[] = [];

/** Runs every registered rule; findings ranked by severity, then rule id, then node id. */
export function evaluateRules(context: RuleContext): Finding[] {
  const findings = RULES.flatMap((rule) => rule.evaluate(context));
  return findings.sort(
    (a, b) =>
      SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
      (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
      (a.node < b.node ? -1 : a.node > b.node ? 1 : 0),
  );
}
