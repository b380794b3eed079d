/**
 * Ranking of findings across an inventory (§6.1): severity first, then context —
 * 1. severity (critical → low);
 * 2. strict before assumed (worst-case only);
 * 3. zero-click untrusted input (a channel anyone can write to or invoke);
 * 4. production resources on the evidence;
 * 5. restricted data on the evidence;
 * 6. more distinct witness paths;
 * 7. shorter witness paths;
 * then rule id and node id, so the order is total and stable.
 */
import { SEVERITY_RANK } from '../rules/types.ts';
import type { Finding } from '../rules/types.ts';

const flag = (b: boolean | undefined) => (b ? 1 : 0);

export function compareFindings(a: Finding, b: Finding): number {
  const ca = a.context;
  const cb = b.context;
  return (
    SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] ||
    flag(a.assumed !== undefined) - flag(b.assumed !== undefined) ||
    flag(cb?.zeroClick) - flag(ca?.zeroClick) ||
    flag(cb?.prod) - flag(ca?.prod) ||
    flag(cb?.restricted) - flag(ca?.restricted) ||
    (cb?.witnessPaths ?? 0) - (ca?.witnessPaths ?? 0) ||
    (ca?.shortestPath ?? 0) - (cb?.shortestPath ?? 0) ||
    (a.rule < b.rule ? -1 : a.rule > b.rule ? 1 : 0) ||
    (a.node < b.node ? -1 : a.node > b.node ? 1 : 0)
  );
}

/** A sorted copy with 1-based `rank` set. */
export function rankFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(compareFindings).map((f, i) => ({ ...f, rank: i + 1 }));
}
