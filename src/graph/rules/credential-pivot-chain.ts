/**
 * R11 — AI identity → secrets at rest → SaaS admin / production (credential pivot chain):
 * `∃ a (ai_agent | model | mcp_server | saas_app.category=='ai'): path(a ─K_ID→* i) ∧ i ─has_permission{read}→ d
 *  ∧ (d.contains_secrets ∨ d ─stores→ c) ∧ c.kind == credential ∧ c ─authenticates_as→ j
 *  ∧ path(j ─K_PERM→* r) ∧ (r.kind == saas_app ∧ edge.actions ∋ admin ∨ PROD(r) ∨ SENSITIVE(r))`.
 * General form: after the pivot, `stores` and `authenticates_as` hops may repeat (further pivots), H = 8 overall.
 * `has_permission{read}`: the actions include read (or admin, or no actions: full control).
 */
import { GRANT_EDGES, K_ID, K_PERM_GRANTS, absent, bool, factsFor, hasAnyAction, str } from './facts.ts';
import { MAX_LEG_WITNESSES, applyModifiers, leg, makeFinding, nodeNames } from './finding.ts';
import { chain } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

const H_CHAIN = 8;
const K_PIVOT = new Set([...K_PERM_GRANTS, 'stores']);

export const credentialPivotChain: Rule = {
  id: 'credential-pivot-chain',
  ref: 'R11',
  name: 'Credential pivot chain',
  base: 'high',
  tags: ['OWASP LLM06', 'ASI03', 'T3', 'ATLAS AML.T0055', 'AML.T0082', 'AML.T0098', 'AML.T0012', 'OWASP NHI2', 'NHI5', 'NHI7', 'CoSAI riskCrossTenantCredentialPropagation', 'MAESTRO cross-layer'],
  remediation:
    'Cut the stores edge: remove the secret from the bucket, ticket or wiki and move it to a vault. Then right-size the identity’s has_permission on the store, and rotate the credential.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    type Behind = { hits: { r: number; admin: boolean; witness: () => Witness }[]; adminSensitive: boolean };
    const scans = new Map<string, Behind>();
    /** Targets behind credential edge `au` (to j) within `budget` hops: PROD/SENSITIVE nodes, SaaS admin grants. */
    const scanBehind = (j: number, au: number, budget: number): Behind => {
      const jTree = facts.tree(j, K_PIVOT, { maxHops: budget });
      const out: Behind = { hits: [], adminSensitive: false };
      for (const r of [j, ...jTree.order]) {
        if (facts.prod[r] || facts.sensitive[r]) {
          const base = () => (r === j ? { nodes: [facts.node(j).id], edges: [] } : facts.witness(jTree, r));
          out.hits.push({ r, admin: bool(facts.node(r), 'privileged') === true, witness: () => chain(facts.edgeWitness(au), base()) });
        }
        if ((jTree.dist.get(r) ?? 0) + 1 > budget) continue;
        for (const q of facts.out(r, 'has_permission')) {
          const t = facts.dst(q);
          const admin = hasAnyAction(facts.edge(q), ['admin']);
          if (facts.kinds[t] === 'saas_app' && admin && !(facts.prod[t] || facts.sensitive[t])) {
            out.hits.push({ r: t, admin: true, witness: () => chain(facts.edgeWitness(au), r === j ? facts.edgeWitness(q) : facts.witness(jTree, r, q)) });
          } else if (admin && (facts.prod[t] || facts.sensitive[t])) out.adminSensitive = true;
        }
      }
      return out;
    };
    for (let a = 0; a < facts.n; a++) {
      const kind = facts.kinds[a]!;
      const ai = kind === 'ai_agent' || kind === 'model' || kind === 'mcp_server' || (kind === 'saas_app' && str(facts.node(a), 'category') === 'ai');
      if (!ai) continue;
      const idTree = facts.tree(a, K_ID);
      const secrets: Witness[] = [];
      const pivots: Witness[] = [];
      const targets: number[] = [];
      const creds: number[] = [];
      let adminEnd = false;
      let prodOrRestricted = false;
      for (const i of [a, ...idTree.order]) {
        const di = idTree.dist.get(i)!;
        for (const p of facts.out(i, GRANT_EDGES)) {
          if (!hasAnyAction(facts.edge(p), ['read', 'admin'])) continue;
          const d = facts.dst(p);
          for (const s of facts.out(d, 'stores')) {
            const c = facts.dst(s);
            if (facts.kinds[c] !== 'credential') continue;
            for (const au of facts.out(c, 'authenticates_as')) {
              const j = facts.dst(au);
              const budget = H_CHAIN - (di + 3);
              if (budget < 0) continue;
              // What lies behind a credential does not depend on the agent: scan it once per (edge, budget).
              const key = `${au}|${budget}`;
              let behind = scans.get(key);
              if (!behind) {
                behind = scanBehind(j, au, budget);
                scans.set(key, behind);
              }
              let found = false;
              if (behind.adminSensitive) adminEnd = true;
              for (const hit of behind.hits) {
                if (hit.r === d || hit.r === a) continue;
                found = true;
                if (targets.length < MAX_LEG_WITNESSES) targets.push(hit.r);
                if (pivots.length < MAX_LEG_WITNESSES) pivots.push(hit.witness());
                if (hit.admin) adminEnd = true;
                if (facts.prod[hit.r] || str(facts.node(hit.r), 'sensitivity') === 'restricted') prodOrRestricted = true;
              }
              if (found) {
                if (secrets.length < MAX_LEG_WITNESSES) secrets.push(chain(facts.witness(idTree, i, p), chain(facts.edgeWitness(s), facts.edgeWitness(au))));
                if (!creds.includes(c)) creds.push(c);
              }
            }
          }
        }
      }
      if (secrets.length === 0) continue;
      const node = facts.node(a);
      const exposure = str(node, 'exposure');
      const attackerReachable =
        (kind === 'ai_agent' && facts.legs(a).U.length > 0) ||
        exposure === 'public' ||
        exposure === 'anonymous' ||
        (kind === 'saas_app' && (bool(node, 'sanctioned') === false || bool(node, 'vendorAssessed') === false));
      const { severity, modifiers } = applyModifiers('high', [
        adminEnd && 'the chain ends in an admin role',
        prodOrRestricted && 'the chain ends in production or restricted data',
        attackerReachable && 'the first hop is reachable by an attacker',
      ]);
      if (creds.some((c) => absent(facts.node(c), 'expiresAt'))) modifiers.push('raised again: a pivot credential never expires');
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          zeroClick: attackerReachable,
          title: `${facts.name(a)} can read ${nodeNames(facts, creds)} stored at rest, which ${creds.length > 1 ? 'authenticate' : 'authenticates'} to ${nodeNames(facts, targets)}`,
          legs: [leg('secrets at rest', 'pivot', secrets), leg('pivot to target', 'target', pivots)],
        }),
      );
    }
    return findings;
  },
};
