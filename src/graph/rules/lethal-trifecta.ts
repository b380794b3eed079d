/** R01 — Lethal trifecta / data-leak toxic flow: `a.kind == ai_agent ∧ U(a) ∧ P(a) ∧ E(a)`. */
import { bool, factsFor, str } from './facts.ts';
import type { Hit, RuleFacts } from './facts.ts';
import { applyModifiers, leg, legOf, makeFinding, nodeNames, nodesOfKind, privateDataPhrase } from './finding.ts';
import { renderingSinks } from './rendering-exfiltration.ts';
import type { Finding, Rule } from './types.ts';

/** An E hit whose egress is gated: the sink tool needs approval and egress passes an allowlisting gateway. */
function gatedEgress(facts: RuleFacts, hit: Hit): boolean {
  if (hit.renderer) return false;
  const ids = hit.witness.nodes.map((id) => facts.indexOf(id)!);
  const tools = ids.filter((i) => facts.kinds[i] === 'tool');
  const approval = tools.some((t) => bool(facts.node(t), 'requiresApproval') === true);
  const allowlisted = ids.some((i) => {
    const node = facts.node(i);
    return (
      bool(node, 'egressAllowlist') === true ||
      str(node, 'egress') === 'allowlist' ||
      (facts.kinds[i] === 'ai_gateway' && bool(node, 'enforced') === true && bool(node, 'egressAllowlist') !== false)
    );
  });
  return approval && allowlisted;
}

export const lethalTrifecta: Rule = {
  id: 'lethal-trifecta',
  ref: 'R01',
  name: 'Lethal trifecta',
  base: 'critical',
  tags: ['OWASP LLM01', 'LLM02', 'LLM06', 'ASI01', 'ASI02', 'T6', 'T2', 'ATLAS AML.T0051.001', 'AML.T0085', 'AML.T0086', 'AML.T0057', 'CoSAI riskPromptInjection', 'riskSensitiveDataDisclosure', 'MAESTRO L3', 'NIST600 Information Security', 'Data Privacy'],
  remediation:
    'Cut one leg, usually the external-communication edge: remove the has_tool/provides edge to the sink tool, restrict it to an allowlist or require approval. Or split the agent into a reader of untrusted content without private access and a private reader never exposed to untrusted content, or scope the data tool to non-sensitive paths.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const a of nodesOfKind(facts, 'ai_agent')) {
      const { U, P, E } = facts.legs(a);
      if (U.length === 0 || P.length === 0 || E.length === 0) continue;
      const { severity, modifiers } = applyModifiers(
        'critical',
        [],
        [E.every((h) => gatedEgress(facts, h)) && 'every sink tool requires approval and egress passes an allowlisting gateway'],
      );
      const sinks = E.map((h) => (h.renderer ? 'render images from any origin' : `send data out through ${facts.name(h.target)}`));
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          zeroClick: U.some((h) => h.zeroClick),
          title: `${facts.name(a)} reads ${nodeNames(facts, U.map((h) => h.target))}, ${privateDataPhrase((ids) => nodeNames(facts, ids), U.map((h) => h.target), P.map((h) => h.target))} and can ${sinks.length > 1 ? `${sinks[0]} (and ${sinks.length - 1} more sink${sinks.length > 2 ? 's' : ''})` : sinks[0]}`,
          legs: [
            legOf('untrusted input', 'untrusted', U),
            legOf('private data', 'private', P),
            legOf('external communication', 'sink', E),
            // R04 folded in as a second witness when the agent also auto-renders media (catalog R04 note).
            ...(() => {
              const render = renderingSinks(facts, a).filter((w) => !E.some((h) => h.renderer && h.witness.edges.join() === w.edges.join()));
              return render.length > 0 ? [leg('rendering sink (R04)', 'sink', render)] : [];
            })(),
          ],
        }),
      );
    }
    return findings;
  },
};
