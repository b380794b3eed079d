/**
 * R13 — Exposed or long-lived model/API credential without spend limits (LLMjacking / denial of wallet):
 * `∃ c: c.kind == credential ∧ ∃ m: c ─authenticates_as / grants→ m where m.kind ∈ {model, ai_gateway} ∨ m.provider_account
 *  ∧ (c.exposure ∈ {public_repo, client_bundle, logs, chat} ∨ c.storage == config_plaintext)
 *  ∧ (c.expires_at == null ∨ c.age_days > 90) ∧ (m.quota_limit == null ∨ m.budget_alert == false)`.
 * The finding concerns m (the model, gateway or provider account the key spends on); AI nodes that hold the key
 * (`uses_credential`) get the same finding, so their callouts show it too.
 */
import { K_PERM_GRANTS, absent, ageDays, bool, factsFor, str } from './facts.ts';
import { applyModifiers, leg, makeFinding } from './finding.ts';
import { reversed } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

const KEY_EDGES = new Set(['authenticates_as', 'grants']);
const EXPOSED = new Set(['public_repo', 'client_bundle', 'logs', 'chat']);

export const unboundedAiKey: Rule = {
  id: 'unbounded-ai-key',
  ref: 'R13',
  name: 'Unbounded AI key (LLMjacking)',
  base: 'medium',
  tags: ['OWASP LLM10', 'ASI03', 'T4', 'ATLAS AML.T0034.002', 'AML.T0012', 'OWASP NHI2', 'NHI7', 'CoSAI riskEconomicDenialOfWallet', 'MAESTRO L4'],
  remediation:
    'Cut the stores edge that holds the key in config or code, and rotate it. Issue short-lived or workload-federated credentials. Route through an AI gateway with per-key quotas.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (let c = 0; c < facts.n; c++) {
      if (facts.kinds[c] !== 'credential') continue;
      const cred = facts.node(c);
      const exposure = str(cred, 'exposure') ?? '';
      if (!EXPOSED.has(exposure) && str(cred, 'storage') !== 'config_plaintext') continue;
      const age = ageDays(cred, 'ageDays', 'createdAt', context.now);
      if (!(absent(cred, 'expiresAt') || (age !== undefined && age > 90))) continue;
      for (const j of facts.out(c, KEY_EDGES)) {
        const m = facts.dst(j);
        const target = facts.node(m);
        if (!(facts.kinds[m] === 'model' || facts.kinds[m] === 'ai_gateway' || bool(target, 'providerAccount') === true)) continue;
        if (!(absent(target, 'quotaLimit') || bool(target, 'budgetAlert') === false)) continue;
        const tree = facts.tree(m, K_PERM_GRANTS);
        const data: Witness[] = tree.order.filter((r) => facts.sensitive[r]).map((r) => facts.witness(tree, r));
        const raises = [(exposure === 'public_repo' || exposure === 'client_bundle') && `the key is exposed in a ${exposure.replace('_', ' ')}`];
        let { severity, modifiers } = applyModifiers('medium', raises);
        if (data.length > 0) {
          severity = 'critical';
          modifiers = [...modifiers, 'raised to critical: the identity behind the key reaches sensitive data'];
        }
        const stored = facts.in(c, 'stores').map((s) => reversed(facts.edgeWitness(s)));
        const holders = facts.in(c, 'uses_credential').filter((u) => ['ai_agent', 'mcp_server'].includes(facts.kinds[facts.src(u)]!));
        for (const node of [m, ...holders.map((u) => facts.src(u))]) {
          if (findings.some((f) => f.node === facts.node(node).id)) continue;
          findings.push(
            makeFinding(this, facts, {
              node,
              severity,
              modifiers,
              zeroClick: EXPOSED.has(exposure),
              title: `${facts.name(c)} ${EXPOSED.has(exposure) ? `is exposed (${exposure.replace('_', ' ')})` : 'is stored in plaintext config'}, ${absent(cred, 'expiresAt') ? 'never expires' : 'is older than 90 days'} and spends on ${facts.name(m)} without a quota`,
              legs: [
                leg('exposed key', 'pivot', stored.length > 0 ? stored : [facts.nodeWitness(c)]),
                leg('model access', 'target', [facts.edgeWitness(j)]),
                ...(data.length > 0 ? [leg('identity reach', 'target', data, true)] : []),
                ...(node !== m ? [leg('held by', 'entry', holders.filter((u) => facts.src(u) === node).map((u) => facts.edgeWitness(u)), true)] : []),
              ],
            }),
          );
        }
      }
    }
    return findings;
  },
};
