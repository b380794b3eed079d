/**
 * R17 — Unauthenticated or transport-insecure remote agent surface exposing private or destructive tools:
 * `∃ s: (s.kind == mcp_server ∧ s.transport ∈ {http, sse, streamable-http} ∨ s.kind == ai_agent ∧ s.protocol == 'a2a')
 *  ∧ (s.auth == 'none' ∨ s.tls == false ∨ (s.kind == ai_agent ∧ s.a2a_security_schemes == ∅) ∨ s.bind == '0.0.0.0')
 *  ∧ s.exposure ∈ {public, org_network}
 *  ∧ (∃ t: s ─provides→ t ∧ (DESTRUCTIVE(t) ∨ path(t ─reads→* d | SENSITIVE(d))) ∨ P(s) ∨ D(s))`.
 */
import { bool, factsFor, str } from './facts.ts';
import { emptySchemes } from './delegation-confused-deputy.ts';
import { applyModifiers, leg, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import { chain } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

const REMOTE = new Set(['http', 'sse', 'streamable-http']);
const READS = new Set(['reads']);

export const unauthenticatedRemoteAgent: Rule = {
  id: 'unauthenticated-remote-agent',
  ref: 'R17',
  name: 'Unauthenticated remote agent surface',
  base: 'high',
  tags: ['ASI07', 'ASI03', 'T9', 'T12', 'OWASP NHI4', 'CoSAI riskMCPTransportHijacking', 'ATLAS AML.T0049', 'MAESTRO L4/L7'],
  remediation:
    'Put the endpoint behind authentication (OAuth per the MCP authorization spec, or A2A securitySchemes), use TLS, bind to localhost for local use, or move it to a private network; cut the outside can_invoke edge.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const s of nodesOfKind(facts, 'mcp_server', 'ai_agent')) {
      const node = facts.node(s);
      const isAgent = facts.kinds[s] === 'ai_agent';
      const remote = isAgent ? str(node, 'protocol') === 'a2a' : REMOTE.has(str(node, 'transport') ?? '');
      if (!remote) continue;
      const weak = [
        str(node, 'auth') === 'none' && 'no authentication',
        bool(node, 'tls') === false && 'no TLS',
        isAgent && emptySchemes(facts, s) && 'no A2A security schemes',
        str(node, 'bind') === '0.0.0.0' && 'bound to 0.0.0.0',
      ].filter((r): r is string => typeof r === 'string');
      if (weak.length === 0) continue;
      const exposure = str(node, 'exposure');
      if (exposure !== 'public' && exposure !== 'org_network') continue;
      const reach: Witness[] = [];
      const targets: number[] = [];
      let destructive = false;
      let restricted = false;
      for (const p of facts.out(s, 'provides')) {
        const t = facts.dst(p);
        if (facts.destructive[t]) {
          reach.push(facts.edgeWitness(p));
          targets.push(t);
          destructive = true;
        }
        const tree = facts.tree(t, READS);
        for (const d of tree.order) {
          if (!facts.sensitive[d]) continue;
          reach.push(chain(facts.edgeWitness(p), facts.witness(tree, d)));
          targets.push(d);
          if (str(facts.node(d), 'sensitivity') === 'restricted') restricted = true;
        }
      }
      const { P, D } = facts.legs(s);
      for (const h of [...P, ...D]) {
        reach.push(h.witness);
        targets.push(h.target);
        if (str(facts.node(h.target), 'sensitivity') === 'restricted') restricted = true;
      }
      if (D.length > 0) destructive = true;
      if (reach.length === 0) continue;
      const { severity, modifiers } = applyModifiers('high', [exposure === 'public' && (destructive || restricted) && 'publicly exposed with destructive tools or restricted data']);
      const callers = facts.in(s, 'can_invoke').map((j) => facts.edgeWitness(j));
      findings.push(
        makeFinding(this, facts, {
          node: s,
          severity,
          modifiers,
          zeroClick: true,
          title: `${facts.name(s)} is reachable from ${exposure === 'public' ? 'the internet' : 'the organisation network'} with ${weak.join(', ')} and fronts ${nodeNames(facts, targets)}`,
          legs: [leg('insecure remote surface', 'entry', callers.length > 0 ? callers : [facts.nodeWitness(s)]), leg('private or destructive tools', 'target', reach)],
        }),
      );
    }
    return findings;
  },
};
