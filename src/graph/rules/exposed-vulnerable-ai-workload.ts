/**
 * R12 — Internet-exposed AI workload with an exploitable vulnerability and identity reach:
 * `∃ h: h.kind ∈ {cloud_resource, mcp_server, model} ∧ h.exposure == public ∧ ∃ v ∈ h.vulns: v.kev ∨ v.rce
 *  ∨ (v.cvss_av == 'N' ∧ v.severity ≥ high) ∧ (∃ x ∈ {ai_agent, mcp_server, model}: x ─deployed_on→ h ∨ h.kind ≠ cloud_resource)
 *  ∧ ∃ r: path(h ─K_PERM ∪ {stores}→* r) ∧ (SENSITIVE(r) ∨ r.kind == model ∧ r.hosting == self_hosted ∨ r.kind == credential)`.
 * The finding concerns h when h is an AI node, else each AI node deployed on h.
 */
import { K_PERM_GRANTS, factsFor, str, vulnAtLeastHigh, vulnsOf } from './facts.ts';
import { applyModifiers, leg, makeFinding, names, nodeNames, nodesOfKind } from './finding.ts';
import type { Finding, Rule, Witness } from './types.ts';

const K_REACH = new Set([...K_PERM_GRANTS, 'stores']);
const AI = new Set(['ai_agent', 'mcp_server', 'model']);

export const exposedVulnerableAiWorkload: Rule = {
  id: 'exposed-vulnerable-ai-workload',
  ref: 'R12',
  name: 'Exposed vulnerable AI workload',
  base: 'high',
  tags: ['OWASP LLM03', 'ASI04', 'ASI05', 'T11', 'ATLAS AML.T0049', 'AML.T0010', 'CoSAI riskInsecureIntegratedComponent', 'riskModelExfiltration', 'MAESTRO L4'],
  remediation: 'Cut the exposure (private endpoint), or patch the vulnerability, or cut the workload’s runs_as identity.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const h of nodesOfKind(facts, 'cloud_resource', 'mcp_server', 'model')) {
      const host = facts.node(h);
      if (str(host, 'exposure') !== 'public') continue;
      const vulns = vulnsOf(host).filter((v) => v.kev === true || v.rce === true || (v.cvssAv === 'N' && vulnAtLeastHigh(v)));
      if (vulns.length === 0) continue;
      const deployed = facts.in(h, 'deployed_on').filter((j) => AI.has(facts.kinds[facts.src(j)]!));
      if (facts.kinds[h] === 'cloud_resource' && deployed.length === 0) continue;
      const tree = facts.tree(h, K_REACH);
      const reach: Witness[] = [];
      const targets: number[] = [];
      let crown = false;
      for (const r of tree.order) {
        const node = facts.node(r);
        const hit = facts.sensitive[r] === 1 || (facts.kinds[r] === 'model' && str(node, 'hosting') === 'self_hosted') || facts.kinds[r] === 'credential';
        if (!hit) continue;
        reach.push(facts.witness(tree, r));
        targets.push(r);
        if (facts.sensitive[r] || facts.prod[r]) crown = true;
      }
      if (reach.length === 0) continue;
      const { severity, modifiers } = applyModifiers('high', [
        vulns.some((v) => v.kev === true || v.rce === true) && crown && 'a KEV or RCE vulnerability and sensitive or production targets',
      ]);
      const ids = vulns.map((v) => v.id ?? 'a vulnerability');
      const owners = facts.kinds[h] === 'cloud_resource' ? deployed.map((j) => facts.src(j)) : [h];
      for (const x of [...new Set(owners)]) {
        const onHost = deployed.filter((j) => facts.src(j) === x).map((j) => facts.edgeWitness(j));
        findings.push(
          makeFinding(this, facts, {
            node: x,
            severity,
            modifiers,
            zeroClick: true,
            title: `${x === h ? facts.name(h) : `${facts.name(x)} runs on ${facts.name(h)}, which`} is internet-exposed with ${names(ids)} and its identity reaches ${nodeNames(facts, targets)}`,
            legs: [
              leg('exposed vulnerable entry', 'entry', [facts.nodeWitness(h)]),
              leg('identity reach', 'target', reach),
              ...(onHost.length > 0 ? [leg('deployment', 'entry', onHost, true)] : []),
            ],
          }),
        );
      }
    }
    return findings;
  },
};
