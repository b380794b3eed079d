/** Helpers shared by the rule modules: severity steps, legs, titles and the finding record. */
import type { RuleFacts, Hit } from './facts.ts';
import { SEVERITIES } from './types.ts';
import type { Finding, FindingLeg, LegRole, Rule, Severity, Witness } from './types.ts';

/** Moves a severity by ±tiers, clamped to [low, critical]. */
export function stepSeverity(base: Severity, tiers: number): Severity {
  const i = SEVERITIES.indexOf(base) - tiers; // SEVERITIES runs critical → low
  return SEVERITIES[Math.min(SEVERITIES.length - 1, Math.max(0, i))]!;
}

/**
 * Applies the catalog's modifiers: any raise moves one tier up (two raises when the rule says "raise again"
 * are expressed by the caller), any lower one tier down. Returns the severity and the reasons.
 */
export function applyModifiers(base: Severity, raises: readonly (string | false | undefined)[], lowers: readonly (string | false | undefined)[] = []): { severity: Severity; modifiers: string[] } {
  const up = raises.filter((r): r is string => typeof r === 'string');
  const down = lowers.filter((r): r is string => typeof r === 'string');
  const severity = stepSeverity(base, (up.length > 0 ? 1 : 0) - (down.length > 0 ? 1 : 0));
  return { severity, modifiers: [...up.map((r) => `raised: ${r}`), ...down.map((r) => `lowered: ${r}`)] };
}

function union(witnesses: readonly Witness[]): { nodes: string[]; edges: string[] } {
  const nodes = new Set<string>();
  const edges = new Set<string>();
  for (const w of witnesses) {
    for (const id of w.nodes) nodes.add(id);
    for (const id of w.edges) edges.add(id);
  }
  return { nodes: [...nodes], edges: [...edges] };
}

/**
 * Witness paths kept per leg (the first ones, nearest first where the rule searched breadth-first). A leg
 * holds with one; on a large estate a leg can have thousands, which would bloat findings past what a
 * reviewer can read and what memory allows.
 */
export const MAX_LEG_WITNESSES = 48;

export function leg(name: string, role: LegRole, witnesses: readonly Witness[], optional = false): FindingLeg {
  const kept = witnesses.length > MAX_LEG_WITNESSES ? witnesses.slice(0, MAX_LEG_WITNESSES) : witnesses;
  return { name, role, ...union(kept), witnesses: kept, ...(optional ? { optional: true } : {}) };
}
export const legOf = (name: string, role: LegRole, hits: readonly Hit[]): FindingLeg =>
  leg(
    name,
    role,
    hits.map((h) => h.witness),
  );

/** "A", "A and B", "A, B and C", "A, B and 3 more". */
export function names(items: readonly string[], max = 3): string {
  // One pass: the distinct count and the first `max` distinct items are all the phrase needs.
  const seen = new Set<string>();
  const first: string[] = [];
  for (const item of items) {
    if (seen.has(item)) continue;
    seen.add(item);
    if (first.length < max) first.push(item);
  }
  return namesOf(first, seen.size, max);
}

/** The phrase of `names` from the first `max` distinct items and the distinct count. */
export function namesOf(first: readonly string[], count: number, max = 3): string {
  if (count === 0) return '';
  if (count === 1) return first[0]!;
  if (count <= max) return `${first.slice(0, -1).join(', ')} and ${first[count - 1]!}`;
  return `${first.slice(0, max - 1).join(', ')} and ${count - max + 1} more`;
}
export const nodeNames = (facts: RuleFacts, nodes: readonly number[], max = 3): string => {
  const list: string[] = new Array<string>(nodes.length);
  for (let k = 0; k < nodes.length; k++) list[k] = facts.name(nodes[k]!);
  return names(list, max);
};

export interface FindingDraft {
  readonly node: number;
  readonly severity: Severity;
  readonly title: string;
  readonly legs: readonly FindingLeg[];
  readonly modifiers?: readonly string[];
  readonly zeroClick?: boolean;
}

/** Builds the finding record: evidence is the union of every leg's witness paths. */
export function makeFinding(rule: Rule, facts: RuleFacts, draft: FindingDraft): Finding {
  const all = draft.legs.flatMap((l) => l.witnesses);
  const evidence = union(all);
  if (!evidence.nodes.includes(facts.node(draft.node).id)) evidence.nodes.unshift(facts.node(draft.node).id);
  const evidenceNodes = evidence.nodes.map((id) => facts.indexOf(id)).filter((i): i is number => i !== undefined);
  const distinct = new Set(all.map((w) => `${w.nodes.join('>')}|${w.edges.join('>')}`));
  return {
    rule: rule.id,
    severity: draft.severity,
    node: facts.node(draft.node).id,
    title: draft.title,
    evidence,
    ...(rule.ref ? { ruleRef: rule.ref } : {}),
    ruleName: rule.name,
    legs: draft.legs,
    ...(rule.remediation ? { remediation: rule.remediation } : {}),
    ...(rule.tags ? { tags: rule.tags } : {}),
    modifiers: draft.modifiers ?? [],
    context: {
      zeroClick: draft.zeroClick === true,
      prod: evidenceNodes.some((i) => facts.prod[i] === 1),
      restricted: evidenceNodes.some((i) => facts.node(i).fields['sensitivity'] === 'restricted'),
      witnessPaths: distinct.size,
      shortestPath: draft.legs.reduce((longest, l) => Math.max(longest, l.witnesses.reduce((m, w) => Math.min(m, w.edges.length), Infinity)), 0),
    },
  };
}

/** Every node index of a kind. */
export function nodesOfKind(facts: RuleFacts, ...kinds: string[]): number[] {
  const out: number[] = [];
  for (let i = 0; i < facts.n; i++) if (kinds.includes(facts.kinds[i]!)) out.push(i);
  return out;
}

/**
 * "can read X and Y" for a private-data leg, without repeating what the untrusted leg already named: a
 * mailbox that is both attacker-writable and private is named once.
 */
export function privateDataPhrase(named: (ids: number[]) => string, untrusted: readonly number[], privateTargets: readonly number[]): string {
  const seen = new Set(untrusted);
  const others = [...new Set(privateTargets)].filter((t) => !seen.has(t));
  if (others.length === 0) return 'whose content is itself private';
  return `can read ${named(others)}`;
}
