/**
 * R06 — Retrieval / memory poisoning feeding a privileged agent:
 * `∃ m ∈ {vector_store, memory_store, data_store}: m.content_trust == 'untrusted'
 *  ∧ ∃ a: a.kind == ai_agent ∧ (a ─retrieves→ m ∨ a ─remembers→ m ∨ path(a ─K_READ→* m))
 *  ∧ (E(a) ∨ D(a) ∨ X(a) ∨ P(a)) ∧ (m.scope ∈ {shared, global} ∨ the untrusted writer ≠ a's own user)`.
 */
import { K_READ, factsFor, str } from './facts.ts';
import { MAX_LEG_WITNESSES, applyModifiers, leg, legOf, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import { chain } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

const STORES = new Set(['vector_store', 'memory_store', 'data_store']);

export const retrievalPoisoning: Rule = {
  id: 'retrieval-poisoning',
  ref: 'R06',
  name: 'Retrieval or memory poisoning',
  base: 'high',
  tags: ['OWASP LLM04', 'LLM08', 'ASI06', 'T1', 'T12', 'ATLAS AML.T0070', 'AML.T0071', 'AML.T0080', 'AML.T0099', 'CoSAI riskRetrievalVectorStorePoisoning', 'riskPromptResponseCachePoisoning', 'MAESTRO L2'],
  remediation:
    'Cut the untrusted writes/indexes edge into the store: ingest only vetted sources, quarantine and scan new documents, separate indexes per trust level. Or cut the privileged agent’s retrieves edge.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const a of nodesOfKind(facts, 'ai_agent')) {
      const { E, D, X, P } = facts.legs(a);
      if (E.length + D.length + X.length + P.length === 0) continue;
      const ownUsers = new Set(facts.in(a, 'can_invoke').map((j) => facts.node(facts.src(j)).id));
      const stores: number[] = [];
      const chains: Witness[] = [];
      // The K_READ tree from a, walked only towards untrusted stores (same order and paths, see hopsTo).
      const walker = facts.legWalker;
      const hops = facts.hopsTo(K_READ, 'untrusted-store', (m) => STORES.has(facts.kinds[m]!) && facts.contentUntrusted[m] === 1);
      facts.walkTowards(a, K_READ, hops, (m) => {
        if (!STORES.has(facts.kinds[m]!) || !facts.contentUntrusted[m]) return false;
        const why = facts.contentWhy.get(m)!;
        // poisoning by the agent's own injectable writes is the agent's own R01/R02, not a feed from elsewhere
        if (why.nodes.includes(facts.node(a).id) && facts.selfTaintOnly(m)) return false;
        const writer = why.nodes[why.nodes.length - 1]!;
        const scope = str(facts.node(m), 'scope');
        // An exposure-based untrusted store has anonymous writers: never the agent's own user.
        const foreignWriter = why.edges.length === 0 || !ownUsers.has(writer);
        if (!(scope === 'shared' || scope === 'global' || foreignWriter)) return false;
        stores.push(m);
        // agent → … → store, then back along the write to the untrusted writer (only the ones the leg keeps)
        if (chains.length < MAX_LEG_WITNESSES) chains.push(chain(walker.witness(m), why));
        return false;
      });
      if (stores.length === 0) continue;
      const perUserOnly = stores.every((m) => ['user', 'session', 'per_user'].includes(str(facts.node(m), 'scope') ?? ''));
      const { severity, modifiers } = applyModifiers(
        'high',
        [D.length > 0 && 'the agent can act destructively', P.length > 0 && E.length > 0 && 'the agent reads private data and can send it out'],
        [perUserOnly && D.length === 0 && E.length === 0 && 'the store is per-user or per-session memory and the agent has no destructive or outbound tool'],
      );
      const impact = [...E, ...D, ...X, ...P];
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          zeroClick: stores.some((m) => facts.contentZeroClick[m] === 1),
          title: `${facts.name(a)} retrieves ${nodeNames(facts, stores)}, which untrusted parties can write to, and can ${[P.length > 0 && 'read private data', E.length > 0 && 'send data out', D.length > 0 && 'act destructively', X.length > 0 && 'run code'].filter(Boolean).join(', ')}`,
          legs: [
            leg('poisoned retrieval', 'untrusted', chains),
            legOf('privileged capability', D.length > 0 ? 'destructive' : E.length > 0 ? 'sink' : X.length > 0 ? 'exec' : 'private', impact),
          ],
        }),
      );
    }
    return findings;
  },
};
