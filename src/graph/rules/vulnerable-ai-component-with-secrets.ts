/**
 * R19 — Vulnerable AI component holding credentials or execute-capable tools:
 * `∃ x ∈ {mcp_server, ai_agent}: path(x ─depends_on→* pkg) ∧ ∃ v ∈ pkg.vulns: v.severity ≥ high
 *  ∧ (∃ c: x ─uses_credential→ c ∨ ∃ t: x ─provides/has_tool→ t ∧ (CODE_EXEC(t) ∨ DESTRUCTIVE(t) ∨ 'file_write' ∈ t.caps))`.
 * VEX: a vulnerability with `vex`/`vexStatus: "not_affected"` (or CycloneDX `analysis.state`) lowers to medium.
 */
import { K_PERM_GRANTS, factsFor, list, vulnAtLeastHigh, vulnsOf } from './facts.ts';
import type { Vuln } from './facts.ts';
import { applyModifiers, leg, makeFinding, names, nodeNames, nodesOfKind } from './finding.ts';
import type { Finding, Rule, Witness } from './types.ts';

const DEPENDS = new Set(['depends_on']);
const TOOL_EDGES = new Set(['provides', 'has_tool']);

export const vulnerableAiComponentWithSecrets: Rule = {
  id: 'vulnerable-ai-component-with-secrets',
  ref: 'R19',
  name: 'Vulnerable AI component with credentials or execution',
  base: 'high',
  tags: ['OWASP LLM03', 'ASI04', 'ATLAS AML.T0010', 'CoSAI riskInsecureIntegratedComponent', 'riskMaliciousLoaderDeserialization', 'MAESTRO L3/L4', 'NIST600 Value Chain & Component Integration'],
  remediation: 'Patch (cut depends_on to the vulnerable package), then rotate the credentials the component held.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const x of nodesOfKind(facts, 'mcp_server', 'ai_agent')) {
      const tree = facts.tree(x, DEPENDS);
      const vulnerable: Witness[] = [];
      const found: Vuln[] = [];
      for (const pkg of tree.order) {
        if (facts.kinds[pkg] !== 'package') continue;
        const vs = vulnsOf(facts.node(pkg)).filter(vulnAtLeastHigh);
        if (vs.length === 0) continue;
        vulnerable.push(facts.witness(tree, pkg));
        found.push(...vs);
      }
      if (vulnerable.length === 0) continue;
      const creds = facts.out(x, 'uses_credential');
      const tools = facts.out(x, TOOL_EDGES).filter((j) => {
        const t = facts.dst(j);
        return facts.codeExec[t] === 1 || facts.destructive[t] === 1 || list(facts.node(t), 'caps').includes('file_write');
      });
      if (creds.length === 0 && tools.length === 0) continue;
      let credReach = false;
      for (const u of creds) {
        const ct = facts.tree(facts.dst(u), K_PERM_GRANTS);
        if (ct.order.some((r) => facts.prod[r] || facts.sensitive[r])) credReach = true;
      }
      const { severity, modifiers } = applyModifiers(
        'high',
        [found.some((v) => v.kev === true || v.rce === true) && 'the vulnerability is KEV-listed or RCE', credReach && 'the component’s credentials reach production or sensitive data'],
        [found.every((v) => v.notAffected) && 'VEX says the vulnerable code is not affected'],
      );
      const holds = [...creds, ...tools].map((j) => facts.edgeWitness(j));
      findings.push(
        makeFinding(this, facts, {
          node: x,
          severity,
          modifiers,
          title: `${facts.name(x)} depends on a vulnerable package (${names(found.map((v) => v.id ?? 'unnamed vulnerability'))}) and holds ${nodeNames(facts, [...creds, ...tools].map((j) => facts.dst(j)))}`,
          legs: [leg('vulnerable dependency', 'entry', vulnerable), leg('credentials or execute-capable tools', 'target', holds)],
        }),
      );
    }
    return findings;
  },
};
