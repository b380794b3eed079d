/**
 * R07 — Delegation confused deputy:
 * `∃ x, y ∈ AGENTIC: x ─delegates_to→ y ∧ (U(x) ∨ x.exposure ∈ {public, anonymous}) ∧ priv(y) ⊋ priv(x)
 *  ∧ (edge.auth == 'none' ∨ edge.identity_propagation != true ∨ y.a2a_security_schemes == ∅)`.
 * One finding on x (the low-trust delegator, where the attack enters) and one on y (the deputy whose
 * authority is borrowed), so either agent's callouts show it.
 */
import { bool, factsFor, field, str } from './facts.ts';
import type { RuleFacts } from './facts.ts';
import { applyModifiers, leg, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import { chain } from './traverse.ts';
import { SEVERITY_RANK } from './types.ts';
import type { Finding, Rule } from './types.ts';

/** `a2aSecuritySchemes` given and empty (absent is unknown, so not empty in strict mode). */
export function emptySchemes(facts: RuleFacts, i: number): boolean {
  const v = field(facts.node(i), 'a2aSecuritySchemes');
  if (v === null) return true;
  if (Array.isArray(v)) return v.length === 0;
  return typeof v === 'object' && v !== undefined && Object.keys(v).length === 0;
}

export const delegationConfusedDeputy: Rule = {
  id: 'delegation-confused-deputy',
  ref: 'R07',
  name: 'Delegation confused deputy',
  base: 'high',
  tags: ['ASI03', 'ASI07', 'ASI10', 'T3', 'T9', 'T12', 'T13', 'ATLAS AML.T0053', 'CoSAI riskAgenticDelegationConfusedDeputy', 'MAESTRO L7', 'NIST600 Information Security'],
  remediation:
    'Cut the delegates_to edge, or require identity propagation and authorization at the delegate (A2A securitySchemes and signed cards). Reduce the delegate’s privileges to what the delegator’s callers may do.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const x of nodesOfKind(facts, 'ai_agent')) {
      const { U } = facts.legs(x);
      const exposure = str(facts.node(x), 'exposure');
      const exposed = exposure === 'public' || exposure === 'anonymous';
      if (U.length === 0 && !exposed) continue;
      const mine = facts.priv(x);
      for (const j of facts.out(x, 'delegates_to')) {
        const y = facts.dst(j);
        if (y === x || !facts.isAgent(y)) continue;
        const edge = facts.edge(j);
        const unchecked = str(edge, 'auth') === 'none' || bool(edge, 'identityPropagation') !== true || emptySchemes(facts, y);
        if (!unchecked) continue;
        const theirs = facts.priv(y);
        const extra = [...theirs.keys()].filter((v) => !mine.has(v));
        if (extra.length === 0) continue;
        const yl = facts.legs(y);
        const { severity, modifiers } = applyModifiers(
          'high',
          [
            yl.D.some((h) => facts.prod[h.target] === 1 || h.ambient) && 'the delegate can act destructively on production',
            yl.P.length > 0 && yl.E.length > 0 && 'the delegate reads private data and can send it out',
          ],
          [bool(edge, 'identityPropagation') === true && bool(facts.node(y), 'perCallAuthorization') === true && 'delegation carries the end-user identity and the delegate authorizes each call'],
        );
        const del = facts.edgeWitness(j);
        const entry = U.length > 0 ? U.map((h) => h.witness) : [facts.nodeWitness(x)];
        const legs = [
          leg(U.length > 0 ? 'untrusted input' : 'public entry', U.length > 0 ? 'untrusted' : 'entry', entry),
          leg('borrowed privilege', 'target', extra.map((v) => chain(del, theirs.get(v)!))),
        ];
        const what = nodeNames(facts, extra);
        const zeroClick = exposed || U.some((h) => h.zeroClick);
        findings.push(
          makeFinding(this, facts, {
            node: x,
            severity,
            modifiers,
            zeroClick,
            title: `${facts.name(x)} (${U.length > 0 ? `reads ${nodeNames(facts, U.map((h) => h.target))}` : 'publicly reachable'}) delegates to ${facts.name(y)}, which can reach ${what} on its own authority`,
            legs,
          }),
          makeFinding(this, facts, {
            node: y,
            severity,
            modifiers,
            zeroClick,
            title: `${facts.name(y)} acts for ${facts.name(x)} without checking the caller, lending it ${what}`,
            legs,
          }),
        );
      }
    }
    return dedupe(findings);
  },
};

/** One finding per (rule, node): an agent in several delegation pairs keeps its most severe pair. */
function dedupe(findings: Finding[]): Finding[] {
  const seen = new Map<string, Finding>();
  for (const f of findings) {
    const prev = seen.get(f.node);
    if (!prev || SEVERITY_RANK[f.severity] > SEVERITY_RANK[prev.severity]) seen.set(f.node, f);
  }
  return [...seen.values()];
}
