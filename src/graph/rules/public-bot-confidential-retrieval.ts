/**
 * R05 — Public / anonymous chatbot over confidential retrieval without per-user authorization:
 * `(a.exposure ∈ {public, anonymous} ∨ ∃ x: x ─can_invoke→ a ∧ x.kind == external)
 *  ∧ ∃ d: SENSITIVE(d) ∧ path(a ─{retrieves, indexes, has_tool, connects_to, provides, reads}→* d)
 *  ∧ (a.auth_mode == 'service_identity' ∨ ∃ v on the path: v.kind == vector_store ∧ v.permission_trimming != true)`.
 */
import { bool, factsFor, list, str } from './facts.ts';
import { MAX_LEG_WITNESSES, applyModifiers, leg, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import type { Finding, Rule, Witness } from './types.ts';

const K_RETRIEVE = new Set(['retrieves', 'indexes', 'has_tool', 'connects_to', 'provides', 'reads']);
const SPECIAL = new Set(['PII', 'PHI', 'PCI', 'secrets']);

export const publicBotConfidentialRetrieval: Rule = {
  id: 'public-bot-confidential-retrieval',
  ref: 'R05',
  name: 'Public bot over confidential retrieval',
  base: 'high',
  tags: ['OWASP LLM02', 'LLM08', 'LLM07', 'ASI01', 'ASI03', 'ATLAS AML.T0085.000', 'AML.T0093', 'AML.T0064', 'CoSAI riskSensitiveDataDisclosure', 'MAESTRO L2', 'NIST600 Data Privacy'],
  remediation:
    'Cut the vector store’s indexes edge to the sensitive source and re-index only public data. Or run retrieval with the end user’s delegated identity (permission trimming). Or put can_invoke behind authentication.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const a of nodesOfKind(facts, 'ai_agent')) {
      const agent = facts.node(a);
      const exposure = str(agent, 'exposure');
      const callers = facts.in(a, 'can_invoke').filter((j) => facts.kinds[facts.src(j)] === 'external');
      if (exposure !== 'public' && exposure !== 'anonymous' && callers.length === 0) continue;
      const serviceIdentity = str(agent, 'authMode') === 'service_identity';
      // Paths that pass an untrimmed vector store: search with a flag per state (node, passedUntrimmed).
      const tree = facts.tree(a, K_RETRIEVE);
      const untrimmedTree = facts.tree(a, K_RETRIEVE, {
        expand: (v) => facts.kinds[v] !== 'vector_store' || bool(facts.node(v), 'permissionTrimming') !== true,
      });
      // Witness paths are built only for the first MAX_LEG_WITNESSES hits (all a leg keeps).
      const hits: { d: number; w?: Witness }[] = [];
      for (const d of tree.order) {
        if (!facts.sensitive[d]) continue;
        if (serviceIdentity) {
          hits.push(hits.length < MAX_LEG_WITNESSES ? { d, w: facts.witness(tree, d) } : { d });
          continue;
        }
        // Some path to d through a vector store that is not permission-trimmed.
        if (!untrimmedTree.dist.has(d)) continue;
        const through = facts.pathNodes(untrimmedTree, d).some((i) => facts.kinds[i] === 'vector_store' && bool(facts.node(i), 'permissionTrimming') !== true);
        if (through) hits.push(hits.length < MAX_LEG_WITNESSES ? { d, w: facts.witness(untrimmedTree, d) } : { d });
      }
      if (hits.length === 0) continue;
      const { E, D } = facts.legs(a);
      const { severity, modifiers } = applyModifiers('high', [
        hits.some((h) => str(facts.node(h.d), 'sensitivity') === 'restricted') && 'the data is restricted',
        hits.some((h) => list(facts.node(h.d), 'dataClasses').some((c) => SPECIAL.has(c))) && 'the data holds PII, PHI, PCI or secrets',
        (E.length > 0 || D.length > 0) && 'the bot can also send data out or act destructively',
      ]);
      const entry: Witness[] = callers.length > 0 ? callers.map((j) => facts.edgeWitness(j)) : [facts.nodeWitness(a)];
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          zeroClick: true,
          title: `${facts.name(a)} is ${exposure === 'anonymous' ? 'open to anonymous users' : 'publicly reachable'} and retrieves ${nodeNames(facts, hits.map((h) => h.d))} ${serviceIdentity ? 'with its own service identity' : 'without per-user permission trimming'}`,
          legs: [
            leg('public entry', 'entry', entry),
            leg('confidential retrieval', 'private', hits.slice(0, MAX_LEG_WITNESSES).map((h) => h.w!)),
          ],
        }),
      );
    }
    return findings;
  },
};
