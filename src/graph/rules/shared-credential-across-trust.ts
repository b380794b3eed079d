/**
 * R18 — Credential or identity shared between agents of different trust:
 * `∃ c (credential or nhi), a1 ≠ a2 ∈ AGENTIC: a1 ─{uses_credential, runs_as}→ c ∧ a2 ─{uses_credential, runs_as}→ c
 *  ∧ U(a1) ∧ (X(a1) ∨ ∃ file_read / generic-http tool in tools(a1))
 *  ∧ (priv(a2) ∪ priv_via(c)) contains SENSITIVE or DESTRUCTIVE nodes that a1's tools do not reach directly`.
 * priv_via(c): SENSITIVE ∪ DESTRUCTIVE nodes reachable from c through K_BLAST; "a1's tools reach directly":
 * reachable from a1 through K_READ ∪ K_ACT (tool-mediated, no identity edges).
 * One finding on a1 (the steerable agent) and one on a2 (whose authority leaks).
 */
import { K_ACT, K_BLAST_NO_DELEGATION, K_READ, K_TOOL, factsFor, hasAnyAction, list } from './facts.ts';
import type { Hit, RuleFacts } from './facts.ts';
import { MAX_LEG_WITNESSES, applyModifiers, leg, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import { genericTools } from './overprivileged-ai-identity.ts';
import { chain } from './traverse.ts';
import type { PathTree } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

const SHARE = new Set(['uses_credential', 'runs_as']);
const K_TOOL_REACH = new Set([...K_READ, ...K_ACT]);

export const sharedCredentialAcrossTrust: Rule = {
  id: 'shared-credential-across-trust',
  ref: 'R18',
  name: 'Shared credential across trust levels',
  base: 'medium',
  tags: ['ASI03', 'T3', 'OWASP NHI9', 'NHI5', 'CoSAI riskCrossTenantCredentialPropagation', 'MAESTRO L6'],
  remediation: 'Issue separate, per-agent, least-privilege credentials: cut one agent’s uses_credential (or runs_as) edge to the shared identity.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings = new Map<number, Finding>();
    const agents = new Set(nodesOfKind(facts, 'ai_agent'));
    // Nodes holding an admin grant (for "the shared identity reaches admin").
    const adminGrant = new Uint8Array(facts.n);
    for (let u = 0; u < facts.n; u++) {
      for (const p of facts.out(u, 'has_permission')) if (hasAnyAction(facts.edge(p), ['admin'])) adminGrant[u] = 1;
    }
    for (let c = 0; c < facts.n; c++) {
      if (facts.kinds[c] !== 'credential' && facts.kinds[c] !== 'nhi') continue;
      const holders = facts.in(c, SHARE).filter((j) => agents.has(facts.src(j)));
      if (new Set(holders.map((j) => facts.src(j))).size < 2) continue;
      // A pair only matters while one of its two agents has no finding yet (one finding per agent).
      const open = (a1: number, a2: number) => !(findings.has(a1) && findings.has(a2));
      if (!holders.some((j1) => holders.some((j2) => facts.src(j2) !== facts.src(j1) && open(facts.src(j1), facts.src(j2))))) continue;
      // priv_via(c): its SENSITIVE/DESTRUCTIVE nodes in tree order (witnesses made for the few a leg keeps),
      // computed when the first pair needs it.
      let viaFacts: { cTree: PathTree; via: number[]; viaSensitive: boolean; viaCritical: boolean } | undefined;
      const viaOf = () => {
        if (viaFacts) return viaFacts;
        const cTree = facts.tree(c, K_BLAST_NO_DELEGATION);
        const via: number[] = [];
        let viaSensitive = false;
        let viaCritical = adminGrant[c] === 1;
        for (const r of cTree.order) {
          if (facts.prod[r] || adminGrant[r]) viaCritical = true;
          if (!(facts.sensitive[r] || facts.destructive[r])) continue;
          via.push(r);
          if (facts.sensitive[r]) viaSensitive = true;
        }
        return (viaFacts = { cTree, via, viaSensitive, viaCritical });
      };
      for (const j1 of holders) {
        const a1 = facts.src(j1);
        if (!holders.some((j2) => facts.src(j2) !== a1 && open(a1, facts.src(j2)))) continue;
        const { U, X } = facts.legs(a1);
        if (U.length === 0) continue;
        const tk = facts.tree(a1, K_TOOL);
        const fileRead = tk.order.filter((t) => list(facts.node(t), 'caps').includes('file_read')).map((t) => facts.witness(tk, t));
        const capability = [...X.map((h) => h.witness), ...fileRead, ...genericTools(facts, a1)];
        if (capability.length === 0) continue;
        const direct = facts.tree(a1, K_TOOL_REACH);
        const { cTree, via, viaSensitive, viaCritical } = viaOf();
        for (const j2 of holders) {
          const a2 = facts.src(j2);
          if (a2 === a1 || !open(a1, a2)) continue;
          // What a2 (or the shared identity) reaches that a1's tools do not: the nodes, and a witness for each.
          const extra = new Map<number, () => Witness>();
          for (const [v, w] of facts.priv(a2)) {
            if ((facts.sensitive[v] || facts.destructive[v]) && !direct.dist.has(v)) extra.set(v, () => w);
          }
          for (const v of via) if (!direct.dist.has(v) && !extra.has(v)) extra.set(v, () => chain(facts.edgeWitness(j1), facts.witness(cTree, v)));
          if (extra.size === 0) continue;
          recordSharedCredential(this, facts, findings, {
            a1, a2, j1, j2, c, U, capability, viaCritical, viaSensitive,
            borrowed: [...extra.values()].slice(0, MAX_LEG_WITNESSES).map((w) => w()),
            targets: [...extra.keys()],
          });
        }
      }
    }
    return [...findings.values()];
  },
};

/** One R18 pair: the holders, the shared credential, a1's untrusted input and capability, what a2's side lends. */
export interface SharedPair {
  readonly a1: number;
  readonly a2: number;
  readonly j1: number;
  readonly j2: number;
  readonly c: number;
  readonly U: readonly Hit[];
  readonly capability: readonly Witness[];
  readonly viaCritical: boolean;
  readonly viaSensitive: boolean;
  readonly borrowed: readonly Witness[];
  readonly targets: readonly number[];
}

/**
 * Records the findings of one R18 pair (one per agent: an agent that has one keeps it). Shared with the
 * reference test, which finds the pairs its own way.
 */
export function recordSharedCredential(rule: Rule, facts: RuleFacts, findings: Map<number, Finding>, p: SharedPair): void {
  const { a1, a2, j1, j2, c, U } = p;
  const sev = p.viaCritical
    ? { severity: 'critical' as const, modifiers: ['raised to critical: the shared identity reaches admin or production'] }
    : applyModifiers('medium', [p.viaSensitive && 'the shared identity reaches sensitive data']);
  // the catalog's cut (split the credential) first: ties go to it
  const legs = [
    leg(`${facts.name(a1)} holds the identity`, 'pivot', [facts.edgeWitness(j1)]),
    leg(`${facts.name(a2)} holds the identity`, 'pivot', [facts.edgeWitness(j2)]),
    leg('untrusted input', 'untrusted', U.map((h) => h.witness)),
    leg('file read or generic capability', 'entry', [...p.capability]),
    leg('borrowed privilege', 'target', [...p.borrowed]),
  ];
  const targets = nodeNames(facts, p.targets);
  const zeroClick = U.some((h) => h.zeroClick);
  if (!findings.has(a1))
    findings.set(a1, makeFinding(rule, facts, { node: a1, ...sev, zeroClick, legs, title: `${facts.name(a1)} reads untrusted content and shares ${facts.name(c)} with ${facts.name(a2)}, reaching ${targets}` }));
  if (!findings.has(a2))
    findings.set(a2, makeFinding(rule, facts, { node: a2, ...sev, zeroClick, legs, title: `${facts.name(a2)} shares ${facts.name(c)} with ${facts.name(a1)}, which reads untrusted content, exposing ${targets}` }));
}
