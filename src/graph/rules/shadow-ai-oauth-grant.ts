/**
 * R14 — Unsanctioned ("shadow") AI SaaS holding an OAuth grant to corporate data:
 * `∃ x: x.kind == saas_app ∧ x.category == 'ai' ∧ (x.sanctioned == false ∨ x.vendor_assessed == false)
 *  ∧ ∃ c: x ─uses_credential→ c ∧ c.cred_type ∈ {oauth_refresh, api_key, pat}
 *  ∧ c ─authenticates_as→ j ∧ j ─has_permission→ y ∧ SENSITIVE(y)`.
 */
import { GRANT_EDGES, absent, bool, factsFor, hasAnyAction, list, str } from './facts.ts';
import { applyModifiers, leg, makeFinding, nodeNames } from './finding.ts';
import { chain } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

const CRED_TYPES = new Set(['oauth_refresh', 'api_key', 'pat']);
const REGULATED = new Set(['PII', 'PHI', 'PCI']);
const BROAD = /(write|admin|full|\.all$|^\*$|readwrite|manage|modify|send)/i;

export const shadowAiOauthGrant: Rule = {
  id: 'shadow-ai-oauth-grant',
  ref: 'R14',
  name: 'Shadow AI SaaS with an OAuth grant',
  base: 'high',
  tags: ['OWASP LLM03', 'ASI04', 'ASI03', 'T3', 'OWASP NHI3', 'NHI5', 'NHI7', 'CoSAI riskShadowAndUnknownAgents', 'riskCrossTenantCredentialPropagation', 'MAESTRO L7', 'NIST600 Value Chain & Component Integration'],
  remediation: 'Revoke the grant (cut the credential’s authenticates_as edge). Or narrow its scopes. Or sanction the app with an owner and a review date.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (let x = 0; x < facts.n; x++) {
      const app = facts.node(x);
      if (facts.kinds[x] !== 'saas_app' || str(app, 'category') !== 'ai') continue;
      if (!(bool(app, 'sanctioned') === false || bool(app, 'vendorAssessed') === false)) continue;
      const grants: Witness[] = [];
      const targets: number[] = [];
      const raises: string[] = [];
      for (const u of facts.out(x, 'uses_credential')) {
        const c = facts.dst(u);
        const cred = facts.node(c);
        if (facts.kinds[c] !== 'credential' || !CRED_TYPES.has(str(cred, 'credType') ?? '')) continue;
        for (const au of facts.out(c, 'authenticates_as')) {
          const j = facts.dst(au);
          for (const p of facts.out(j, GRANT_EDGES)) {
            const y = facts.dst(p);
            if (!facts.sensitive[y]) continue;
            grants.push(chain(facts.edgeWitness(u), chain(facts.edgeWitness(au), facts.edgeWitness(p))));
            targets.push(y);
            const scopes = list(cred, 'scopes');
            if (scopes.some((s) => BROAD.test(s)) || hasAnyAction(facts.edge(p), ['write', 'delete', 'admin'])) raises.push('the grant includes write, admin or full access');
            if (scopes.includes('offline_access') && absent(cred, 'expiresAt')) raises.push('offline_access with no expiry');
            if (list(facts.node(y), 'dataClasses').some((d) => REGULATED.has(d))) raises.push('the data holds PII, PHI or PCI');
          }
        }
      }
      if (grants.length === 0) continue;
      const { severity, modifiers } = applyModifiers('high', [...new Set(raises)]);
      const why = [bool(app, 'sanctioned') === false && 'unsanctioned', bool(app, 'vendorAssessed') === false && 'vendor not assessed'].filter(Boolean).join(', ');
      findings.push(
        makeFinding(this, facts, {
          node: x,
          severity,
          modifiers,
          title: `${facts.name(x)} (${why}) holds a grant to ${nodeNames(facts, targets)}`,
          legs: [leg('shadow AI app', 'entry', [facts.nodeWitness(x)]), leg('OAuth grant', 'pivot', grants)],
        }),
      );
    }
    return findings;
  },
};
