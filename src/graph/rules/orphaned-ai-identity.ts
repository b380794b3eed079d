/**
 * R15 — Orphaned / zombie AI identity or MCP server that still holds access:
 * `∃ a ∈ {ai_agent, mcp_server}: (a.owner == null ∨ owner(a).status == offboarded ∨ a.status == decommissioned ∨ a.last_seen_days > 90)
 *  ∧ ∃ c: a ─uses_credential→ c ∧ c.status == active ∧ (P(a) ∨ D(a) ∨ ∃ path(c ─K_PERM→* r) with SENSITIVE(r) ∨ PROD(r))`.
 * `owner(a)` is the node whose id is `a.owner` (free-text owners have no status). `last_seen_days` is
 * `lastSeenDays`, or the age of `lastSeen`.
 */
import { K_PERM_GRANTS, absent, ageDays, factsFor, hasAnyAction, str } from './facts.ts';
import { MAX_LEG_WITNESSES, applyModifiers, leg, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import { chain } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

export const orphanedAiIdentity: Rule = {
  id: 'orphaned-ai-identity',
  ref: 'R15',
  name: 'Orphaned AI identity',
  base: 'medium',
  tags: ['ASI10', 'ASI03', 'T13', 'OWASP NHI1', 'NHI7', 'CoSAI riskZombieShadowMCPServers', 'riskStaleAgentIdentityBinding', 'riskShadowAndUnknownAgents', 'MAESTRO L6'],
  remediation: 'Revoke the credential (cut uses_credential), then delete the node. Or assign an owner and a review date.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    // What a credential reaches (SENSITIVE or PROD nodes, tree order; an admin grant as the last hop to one):
    // the same for every agent holding it.
    const reaches = new Map<number, { targets: number[]; admin: boolean }>();
    const reachOf = (c: number) => {
      let behind = reaches.get(c);
      if (!behind) {
        const tree = facts.tree(c, K_PERM_GRANTS);
        behind = { targets: [], admin: false };
        for (const r of tree.order) {
          if (!(facts.sensitive[r] || facts.prod[r])) continue;
          behind.targets.push(r);
          const last = tree.parent.get(r)!;
          if (facts.edge(last).kind === 'has_permission' && hasAnyAction(facts.edge(last), ['admin'])) behind.admin = true;
        }
        reaches.set(c, behind);
      }
      return behind;
    };
    for (const a of nodesOfKind(facts, 'ai_agent', 'mcp_server')) {
      const node = facts.node(a);
      const ownerId = str(node, 'owner');
      const owner = ownerId !== undefined ? facts.indexOf(ownerId) : undefined;
      const seen = ageDays(node, 'lastSeenDays', 'lastSeen', context.now);
      const orphan = [
        absent(node, 'owner') && 'it has no owner',
        owner !== undefined && str(facts.node(owner), 'status') === 'offboarded' && `its owner ${facts.name(owner)} is offboarded`,
        str(node, 'status') === 'decommissioned' && 'it is decommissioned',
        seen !== undefined && seen > 90 && `it was last seen ${Math.floor(seen)} days ago`,
      ].filter((r): r is string => typeof r === 'string');
      if (orphan.length === 0) continue;
      const creds = facts.out(a, 'uses_credential').filter((j) => str(facts.node(facts.dst(j)), 'status') === 'active');
      if (creds.length === 0) continue;
      const { P, D } = facts.legs(a);
      const via: Witness[] = [];
      const viaTargets: number[] = [];
      let admin = false;
      for (const u of creds) {
        const c = facts.dst(u);
        const behind = reachOf(c);
        if (behind.admin) admin = true;
        for (const r of behind.targets) {
          // The leg keeps its first MAX_LEG_WITNESSES witnesses (P and D's first): make only those.
          if (P.length + D.length + via.length < MAX_LEG_WITNESSES) via.push(chain(facts.edgeWitness(u), facts.witness(facts.tree(c, K_PERM_GRANTS), r)));
          viaTargets.push(r);
        }
      }
      if (P.length === 0 && D.length === 0 && viaTargets.length === 0) continue;
      const sensitive = P.length > 0 || viaTargets.some((r) => facts.sensitive[r]);
      const prod = viaTargets.some((r) => facts.prod[r]) || D.some((h) => h.ambient);
      const critical = [(admin || prod) && 'admin or production is reachable', str(node, 'exposure') === 'public' && 'the node is publicly exposed'].filter(
        (r): r is string => typeof r === 'string',
      );
      let { severity, modifiers } = applyModifiers('medium', [sensitive && 'sensitive data is reachable']);
      if (critical.length > 0) {
        severity = 'critical';
        modifiers = [...modifiers, ...critical.map((r) => `raised to critical: ${r}`)];
      }
      const reach = [...P, ...D].map((h) => h.witness).concat(via);
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          title: `${facts.name(a)} still holds active ${nodeNames(facts, creds.map((j) => facts.dst(j)))} reaching ${nodeNames(facts, [...P, ...D].map((h) => h.target).concat(viaTargets))}, but ${orphan.join(' and ')}`,
          legs: [leg('active credential', 'pivot', creds.map((j) => facts.edgeWitness(j))), leg('remaining access', 'target', reach)],
        }),
      );
    }
    return findings;
  },
};
