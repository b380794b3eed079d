/** R02 — Untrusted input + destructive / irreversible action: `a.kind == ai_agent ∧ U(a) ∧ D(a)`. */
import { bool, factsFor, list, str } from './facts.ts';
import type { Hit, RuleFacts } from './facts.ts';
import { applyModifiers, legOf, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import type { Finding, Rule } from './types.ts';

/** A destructive target (tool, or the PROD resource of an ambient delete/admin permission) that is PROD, or acts on PROD. */
function prodTarget(facts: RuleFacts, h: Hit): boolean {
  if (facts.prod[h.target]) return true;
  return facts.out(h.target, new Set(['writes', 'executes', 'sends'])).some((j) => facts.prod[facts.dst(j)] === 1);
}

export const untrustedInputDestructiveAction: Rule = {
  id: 'untrusted-input-destructive-action',
  ref: 'R02',
  name: 'Untrusted input with a destructive action',
  base: 'high',
  tags: ['OWASP LLM06', 'ASI02', 'T2', 'T6', 'ATLAS AML.T0101', 'AML.T0053', 'CoSAI riskRogueActions', 'MAESTRO L3', 'NIST600 Human-AI Configuration'],
  remediation:
    'Cut the has_tool edge to the destructive tool, or set requiresApproval on it (a human gate). Or reduce has_permission actions to exclude delete/admin.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const a of nodesOfKind(facts, 'ai_agent')) {
      const { U, D } = facts.legs(a);
      if (U.length === 0 || D.length === 0) continue;
      const tools = D.filter((h) => facts.kinds[h.target] === 'tool').map((h) => facts.node(h.target));
      const additive = (t: (typeof tools)[number]) =>
        (bool(t, 'idempotentHint') === true && bool(t, 'destructiveHint') === false) || bool(t, 'recoverable') === true;
      const { severity, modifiers } = applyModifiers(
        'high',
        [
          D.some((h) => prodTarget(facts, h)) && 'a destructive target is in production',
          tools.some((t) => list(t, 'caps').includes('financial')) && 'a tool moves money (financial)',
          (tools.some((t) => bool(t, 'requiresApproval') === false) || str(facts.node(a), 'autonomy') === 'auto') &&
            'a destructive tool runs without approval',
        ],
        [D.every((h) => facts.kinds[h.target] === 'tool' && additive(facts.node(h.target))) && 'every destructive tool is additive-only or recoverable'],
      );
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          zeroClick: U.some((h) => h.zeroClick),
          title: `${facts.name(a)} reads ${nodeNames(facts, U.map((h) => h.target))} and can ${D.some((h) => h.ambient) && tools.length === 0 ? 'delete or administer' : 'act destructively through'} ${nodeNames(facts, D.map((h) => h.target))}`,
          legs: [legOf('untrusted input', 'untrusted', U), legOf('destructive action', 'destructive', D)],
        }),
      );
    }
    return findings;
  },
};
