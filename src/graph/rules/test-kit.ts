/** Tiny builders for rule tests: an inventory inline, the findings of one rule or all. */
import { graphFrom } from '../test-helpers.ts';
import type { EdgeSpec, NodeSpec } from '../test-helpers.ts';

import { RULES, RULES_BY_ID, evaluateRules } from './registry.ts';
import { trueCutViolations } from './true-cut-check.ts';
import type { Finding, RuleMode } from './types.ts';

export type { EdgeSpec, NodeSpec };

/** `n('tool:t', { caps: ['external_send'] })` → a node spec with fields. */
export function n(id: string, fields: Record<string, unknown> = {}): NodeSpec {
  return { id, kind: id.slice(0, id.indexOf(':')), ...fields };
}

/** All findings (ranked) of an inline inventory. */
export function findings(nodes: readonly NodeSpec[], edges: readonly EdgeSpec[], mode: RuleMode = 'strict'): Finding[] {
  const graph = graphFrom(nodes, edges);
  return checked(graph, evaluateRules({ graph, mode, verifyCuts: true }), mode, RULES);
}

/** Every rule fixture also checks the true-cut invariant (true-cut.ts): each finding's cut removes it. */
function checked(graph: ReturnType<typeof graphFrom>, list: Finding[], mode: RuleMode, rules: Parameters<typeof trueCutViolations>[3]): Finding[] {
  const bad = trueCutViolations(graph, list, mode, rules);
  if (bad.length > 0) throw new Error(`true-cut invariant broken:\n${bad.join('\n')}`);
  return list;
}

/** Findings of one rule only. */
export function findingsOf(rule: string, nodes: readonly NodeSpec[], edges: readonly EdgeSpec[], mode: RuleMode = 'strict'): Finding[] {
  const r = RULES_BY_ID.get(rule);
  if (!r) throw new Error(`no rule ${rule}`);
  const graph = graphFrom(nodes, edges);
  return checked(graph, evaluateRules({ graph, mode, verifyCuts: true }, [r]), mode, [r]);
}

/** `rule@node` for every finding, sorted: compact assertions of where rules fire. */
export function fired(list: readonly Finding[]): string[] {
  return list.map((f) => `${f.rule}@${f.node}`).sort();
}

/** Replaces the fields of one node in a node list (for near-twins). */
export function withNode(nodes: readonly NodeSpec[], id: string, fields: Record<string, unknown>): NodeSpec[] {
  return nodes.map((s): NodeSpec => {
    if (typeof s !== 'string') return s.id === id ? { ...s, ...fields } : s;
    return s === id ? { ...(n(id) as Record<string, unknown>), ...fields, id, kind: id.slice(0, id.indexOf(':')) } : s;
  });
}

/** Drops the fields named from one node. */
export function withoutFields(nodes: readonly NodeSpec[], id: string, keys: readonly string[]): NodeSpec[] {
  return nodes.map((s) => {
    if (typeof s === 'string' || s.id !== id) return s;
    const copy: Record<string, unknown> = { ...s };
    for (const k of keys) delete copy[k];
    return copy as NodeSpec;
  });
}

/** Drops edges matching source, kind and target. */
export function without(edges: readonly EdgeSpec[], source: string, kind: string, target: string): EdgeSpec[] {
  const out = edges.filter(([s, k, t]) => !(s === source && k === kind && t === target));
  if (out.length === edges.length) throw new Error(`no edge ${source} ${kind} ${target}`);
  return out;
}
