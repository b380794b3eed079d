/**
 * R04 — Zero-click rendering exfiltration:
 * `a.kind == ai_agent ∧ U(a) ∧ P(a) ∧ (a.renders_markdown_media ∨ ∃ c: a ─renders_to→ c ∧ c.auto_fetch_media)
 *  ∧ (c.media_allowlist ∈ {none, broad} ∨ c.allowlisted_proxies ≠ ∅)`.
 * When R01 already fires through a tool sink, R04 is folded into that finding as a second witness.
 */
import { bool, factsFor, field, list, str } from './facts.ts';
import type { RuleFacts } from './facts.ts';
import { applyModifiers, leg, legOf, makeFinding, nodeNames, nodesOfKind, privateDataPhrase } from './finding.ts';
import type { Finding, Rule, Witness } from './types.ts';

function openAllowlist(facts: RuleFacts, i: number): boolean {
  const node = facts.node(i);
  const allowlist = str(node, 'mediaAllowlist');
  return allowlist === 'none' || allowlist === 'broad' || list(node, 'allowlistedProxies').length > 0;
}

/** The renderer witnesses of agent a that satisfy R04's rendering conjuncts. */
export function renderingSinks(facts: RuleFacts, a: number): Witness[] {
  const out: Witness[] = [];
  const clients = facts.out(a, 'renders_to');
  if (bool(facts.node(a), 'rendersMarkdownMedia') === true) {
    // The agent renders itself; the allowlist is the agent's or its client's.
    const open = clients.find((j) => openAllowlist(facts, facts.dst(j)));
    if (openAllowlist(facts, a)) out.push(facts.nodeWitness(a));
    else if (open !== undefined) out.push(facts.edgeWitness(open));
  }
  for (const j of clients) {
    const c = facts.dst(j);
    // the client's allowlist, or the agent's when the client states none
    const open = openAllowlist(facts, c) || (field(facts.node(c), 'mediaAllowlist') === undefined && openAllowlist(facts, a));
    if (bool(facts.node(c), 'autoFetchMedia') === true && open) out.push(facts.edgeWitness(j));
  }
  return out;
}

/** True when R01 fires on a through a tool (non-renderer) sink. */
export function trifectaThroughTool(facts: RuleFacts, a: number): boolean {
  const { U, P, E } = facts.legs(a);
  return U.length > 0 && P.length > 0 && E.some((h) => !h.renderer);
}

export const renderingExfiltration: Rule = {
  id: 'rendering-exfiltration',
  ref: 'R04',
  name: 'Zero-click rendering exfiltration',
  base: 'high',
  tags: ['OWASP LLM01', 'LLM02', 'LLM05', 'ASI01', 'ATLAS AML.T0077', 'AML.T0051.001', 'CoSAI riskInsecureModelOutput', 'NIST600 Information Security'],
  remediation:
    'Cut the renderer edge: disable auto-fetch of external media, allow images only from strict first-party origins, strip reference-style links. Or separate untrusted inbound content from private data at retrieval time.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const a of nodesOfKind(facts, 'ai_agent')) {
      const { U, P } = facts.legs(a);
      if (U.length === 0 || P.length === 0) continue;
      const render = renderingSinks(facts, a);
      if (render.length === 0 || trifectaThroughTool(facts, a)) continue;
      // zero-click: content from an inbound channel reaches a victim's session (not an attacker chatting directly)
      const zeroClick = U.some((h) => h.zeroClick && !h.invoked);
      const restricted = P.some((h) => str(facts.node(h.target), 'sensitivity') === 'restricted');
      const { severity, modifiers } = applyModifiers('high', [
        restricted && 'the private data includes restricted data',
        zeroClick && 'the untrusted input arrives through a channel anyone can write to (zero-click)',
      ]);
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          zeroClick,
          title: `${facts.name(a)} reads ${nodeNames(facts, U.map((h) => h.target))}, ${privateDataPhrase((ids) => nodeNames(facts, ids), U.map((h) => h.target), P.map((h) => h.target))}, and its answers are rendered with external images fetched automatically`,
          legs: [legOf('untrusted input', 'untrusted', U), legOf('private data', 'private', P), leg('rendering sink', 'sink', render)],
        }),
      );
    }
    return findings;
  },
};
