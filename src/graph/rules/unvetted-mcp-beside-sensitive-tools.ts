/**
 * R08 — Unvetted MCP server co-resident with sensitive tools:
 * `a.kind == ai_agent ∧ ∃ s1: a ─connects_to→ s1 ∧ (s1.sanctioned == false ∨ s1.publisher_verified == false
 *  ∨ s1.version_pinned == false ∨ s1.findings ∩ {mcpscan:E001, E002, E003, W001, W003} ≠ ∅)
 *  ∧ ∃ s2 ≠ s1: a ─connects_to→ s2 ∧ ∃ t: s2 ─provides→ t ∧ (path(t ─{reads}→* d | SENSITIVE(d)) ∨ DESTRUCTIVE(t) ∨ 'external_send' ∈ t.caps)`.
 */
import { bool, factsFor, list } from './facts.ts';
import type { RuleFacts } from './facts.ts';
import { applyModifiers, leg, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import { chain } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

const SCAN_CODES = new Set(['E001', 'E002', 'E003', 'W001', 'W003']);
const READS = new Set(['reads']);

/** Why s1 is unvetted, or undefined when it is not (strict: only explicit `false` values count). */
export function unvettedReasons(facts: RuleFacts, s: number): string[] {
  const node = facts.node(s);
  const reasons: string[] = [];
  if (bool(node, 'sanctioned') === false) reasons.push('unsanctioned');
  if (bool(node, 'publisherVerified') === false) reasons.push('unverified publisher');
  if (bool(node, 'versionPinned') === false) reasons.push('unpinned version');
  const codes = list(node, 'findings').map((f) => f.replace(/^mcp-?scan:/i, '').toUpperCase());
  const flagged = codes.filter((c) => SCAN_CODES.has(c));
  if (flagged.length > 0) reasons.push(`mcp-scan ${flagged.join(', ')}`);
  return reasons;
}

export const unvettedMcpBesideSensitiveTools: Rule = {
  id: 'unvetted-mcp-beside-sensitive-tools',
  ref: 'R08',
  name: 'Unvetted MCP server beside sensitive tools',
  base: 'high',
  tags: ['OWASP LLM03', 'ASI04', 'T2', 'T6', 'ATLAS AML.T0110', 'AML.T0109', 'AML.T0104', 'AML.T0010.005', 'CoSAI riskToolSourceProvenance', 'riskToolRegistryTampering', 'MAESTRO L3/L7', 'NIST600 Value Chain & Component Integration'],
  remediation:
    'Cut the agent’s connects_to edge to the unvetted server (or move it to a separate agent profile). Or pin it (version or digest) and allowlist it. Or isolate the sensitive tools into a profile without third-party servers.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const a of nodesOfKind(facts, 'ai_agent')) {
      const servers = facts.out(a, 'connects_to').filter((j) => facts.kinds[facts.dst(j)] === 'mcp_server');
      const unvetted = servers.filter((j) => unvettedReasons(facts, facts.dst(j)).length > 0);
      if (unvetted.length === 0) continue;
      const s1Set = new Set(unvetted.map((j) => facts.dst(j)));
      const sensitive: Witness[] = [];
      let privateData = false;
      let sends = false;
      const s2s: number[] = [];
      for (const j2 of servers) {
        const s2 = facts.dst(j2);
        // s2 must differ from some unvetted s1
        if (![...s1Set].some((s1) => s1 !== s2)) continue;
        for (const p of facts.out(s2, 'provides')) {
          const t = facts.dst(p);
          const caps = list(facts.node(t), 'caps');
          const base = chain(facts.edgeWitness(j2), facts.edgeWitness(p));
          const tree = facts.tree(t, READS);
          const reads = tree.order.filter((d) => facts.sensitive[d]);
          const matched = reads.length > 0 || facts.destructive[t] === 1 || caps.includes('external_send');
          if (!matched) continue;
          if (reads.length > 0) {
            privateData = true;
            for (const d of reads) sensitive.push(chain(base, facts.witness(tree, d)));
          } else sensitive.push(base);
          if (caps.includes('external_send')) sends = true;
          if (!s2s.includes(s2)) s2s.push(s2);
        }
      }
      if (sensitive.length === 0) continue;
      const s1s = [...s1Set].filter((s1) => s2s.some((s2) => s2 !== s1));
      const hardened = s1s.every((s1) => {
        const n = facts.node(s1);
        return bool(n, 'versionPinned') === true && bool(n, 'publisherVerified') === true && bool(n, 'descriptionsPinned') === true;
      });
      const { severity, modifiers } = applyModifiers(
        'high',
        [privateData && sends && 'the other servers’ tools read private data and send data out'],
        [hardened && 'the unvetted server is pinned, publisher-verified and its descriptions are hash-pinned'],
      );
      const reasons = s1s.map((s1) => `${facts.name(s1)} (${unvettedReasons(facts, s1).join(', ')})`);
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          title: `${facts.name(a)} loads tool descriptions from ${reasons.join(' and ')} next to ${nodeNames(facts, s2s)}, whose tools reach sensitive data or act`,
          legs: [
            leg('unvetted server', 'untrusted', unvetted.filter((j) => s1s.includes(facts.dst(j))).map((j) => facts.edgeWitness(j))),
            leg('sensitive tools', 'target', sensitive),
          ],
        }),
      );
    }
    return findings;
  },
};
