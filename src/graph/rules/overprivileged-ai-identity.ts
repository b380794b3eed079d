/**
 * R10 — Over-privileged AI workload identity to sensitive data, with a steerable agent:
 * `∃ a ∈ AGENTIC, i, d: path(a ─{runs_as, uses_credential, authenticates_as, can_assume}→* i) ∧ i ─has_permission→ d
 *  ∧ SENSITIVE(d) ∧ (scope == '*' ∨ actions ∩ {write, delete, admin} ≠ ∅ ∨ unused == true)
 *  ∧ (U(a) ∨ a.exposure ∈ {public, anonymous} ∨ ∃ h: a ─deployed_on→ h ∧ h.exposure == public)
 *  ∧ (X(a) ∨ ∃ generic tool (http/cloud-api/sql) ∈ tools(a))`.
 * A generic tool is a tool reachable through K_TOOL with caps `network_fetch` or `code_exec`, `generic: true`,
 * a `toolType`/`category` of http, cloud_api or sql, or or, when its caps are not given, a name/id naming one (http, curl, sql, aws_cli, shell…).
 */
import { GRANT_EDGES, K_TOOL, bool, factsFor, field, hasAnyAction, list, str } from './facts.ts';
import type { RuleFacts } from './facts.ts';
import { applyModifiers, leg, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import type { Finding, Rule, Witness } from './types.ts';

const K_IDENT = new Set(['runs_as', 'uses_credential', 'authenticates_as', 'can_assume']);
const GENERIC = /^(http|https|generic_http|cloud_api|cloud-api|api|sql|shell)$/i;
/** Names of generic tools: an HTTP client, a cloud CLI/API, SQL, a shell. */
const GENERIC_NAME = /(^|[^a-z])(http|https|curl|wget|sql|cloud[_-]?api|aws[_-]?(cli|api)|gcloud|az[_-]?cli|kubectl|shell|bash)([^a-z]|$)/i;

export function genericTools(facts: RuleFacts, a: number): Witness[] {
  const tree = facts.tree(a, K_TOOL);
  const out: Witness[] = [];
  for (const t of tree.order) {
    if (facts.kinds[t] !== 'tool') continue;
    const node = facts.node(t);
    const caps = list(node, 'caps');
    if (
      caps.includes('network_fetch') ||
      caps.includes('code_exec') ||
      bool(node, 'generic') === true ||
      GENERIC.test(str(node, 'toolType') ?? '') ||
      GENERIC.test(str(node, 'category') ?? '') ||
      // the name speaks only for a tool whose caps are not given (given caps are authoritative)
      (field(node, 'caps') === undefined && (GENERIC_NAME.test(node.id.slice(node.id.indexOf(':') + 1)) || GENERIC_NAME.test(node.name)))
    )
      out.push(facts.witness(tree, t));
  }
  return out;
}

export const overprivilegedAiIdentity: Rule = {
  id: 'overprivileged-ai-identity',
  ref: 'R10',
  name: 'Over-privileged AI identity',
  base: 'high',
  tags: ['OWASP LLM06', 'ASI03', 'T3', 'ATLAS AML.T0012', 'AML.T0085.001', 'OWASP NHI5', 'CoSAI riskRogueActions', 'MAESTRO L4/L6'],
  remediation:
    'Right-size the has_permission edge (remove the wildcard, keep exactly what the tools use). Or split identities per tool.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const a of nodesOfKind(facts, 'ai_agent')) {
      const { U, X } = facts.legs(a);
      const agent = facts.node(a);
      const exposure = str(agent, 'exposure');
      const publicHosts = facts.out(a, 'deployed_on').filter((j) => str(facts.node(facts.dst(j)), 'exposure') === 'public');
      const steerable = U.length > 0 || exposure === 'public' || exposure === 'anonymous' || publicHosts.length > 0;
      if (!steerable) continue;
      const generic = [...X.map((h) => h.witness), ...genericTools(facts, a)];
      if (generic.length === 0) continue;
      const tree = facts.tree(a, K_IDENT);
      const perms: Witness[] = [];
      const targets: number[] = [];
      let criticalHit = false;
      let onlyUnusedRead = true;
      for (const i of tree.order) {
        for (const j of facts.out(i, GRANT_EDGES)) {
          const d = facts.dst(j);
          if (!facts.sensitive[d]) continue;
          const e = facts.edge(j);
          const writeish = hasAnyAction(e, ['write', 'delete', 'admin']);
          const wildcard = str(e, 'scope') === '*';
          const unused = bool(e, 'unused') === true;
          if (!wildcard && !writeish && !unused) continue;
          perms.push(facts.witness(tree, i, j, 'ambient'));
          targets.push(d);
          if (writeish && (str(facts.node(d), 'sensitivity') === 'restricted' || facts.prod[d])) criticalHit = true;
          if (writeish || wildcard || str(facts.node(d), 'sensitivity') !== 'confidential') onlyUnusedRead = false;
        }
      }
      if (perms.length === 0) continue;
      const { severity, modifiers } = applyModifiers(
        'high',
        [criticalHit && 'write, delete or admin on restricted or production data'],
        [onlyUnusedRead && U.length === 0 && 'the only excess is an unused read on confidential data, with no untrusted input'],
      );
      const entry: Witness[] = U.length > 0 ? U.map((h) => h.witness) : publicHosts.length > 0 ? publicHosts.map((j) => facts.edgeWitness(j)) : [facts.nodeWitness(a)];
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          zeroClick: U.some((h) => h.zeroClick) || exposure === 'public' || exposure === 'anonymous',
          title: `${facts.name(a)} is ${U.length > 0 ? 'steerable by untrusted input' : 'internet-exposed'} and runs as an identity with broad access to ${nodeNames(facts, targets)}, usable through its generic tools`,
          // the catalog's cut (right-size the permission) first: ties go to it
          legs: [
            leg('excess permission', 'target', perms),
            leg('generic capability', 'entry', generic),
            leg(U.length > 0 ? 'untrusted input' : 'exposure', U.length > 0 ? 'untrusted' : 'entry', entry),
          ],
        }),
      );
    }
    return findings;
  },
};
