/**
 * Every suggested cut is a true cut: switching off a finding's `cut.edges` removes that finding.
 *
 * The min-cut of §6.2 is taken over a finding's witness paths, which are only some of its paths (one shortest
 * witness per target, the first MAX_HITS targets), and some legs hold by a property rather than a path (a key
 * that is exposed, a server bound to 0.0.0.0). So each cut is checked: the finding's own rule runs again with
 * the cut's edges switched off (only that rule: cheap next to a full evaluation). If the finding (same rule, same
 * node) is still there, the cut is repaired with that finding's new cut, and checked again, up to MAX_ROUNDS
 * rounds. A cut that cannot be repaired is dropped, and the finding says which property to change instead
 * (`noCut`). The alternative is checked the same way and dropped when it fails.
 *
 * In worst-case mode the check runs on the graph and on the completed graph, so a finding can come back neither
 * as a strict nor as an assumed one.
 * Work is bounded (`VERIFY_BUDGET` node-and-edge units per evaluation, none above `VERIFY_MAX_ELEMENTS`: each
 * check rebuilds the rules' facts for its mask); a cut not checked keeps `verified` unset. Deterministic: no clock, the same inputs give the same cuts.
 */
import type { InventoryGraph } from '../build-graph.ts';

import { findingCut } from './min-cut.ts';
import type { EdgeCut, Finding, FindingCut, Rule, RuleContext, Witness } from './types.ts';

/** Re-runs allowed per evaluation, in units of (nodes + edges) of the graph: 200 runs on a 10k-element graph. */
export const VERIFY_BUDGET = 2_000_000;
/** Above this many nodes + edges cuts are not re-checked (each check rebuilds the rules' facts for its mask). */
export const VERIFY_MAX_ELEMENTS = 60_000;
const MAX_ROUNDS = 4;

/** What to change when no edge cut removes a finding of a rule (the rules README's "property that supplies it"). */
export const PROPERTY_FIXES: Readonly<Record<string, string>> = {
  'lethal-trifecta': 'require approval on the sink tools (`requiresApproval: true`) or restrict egress (`egressAllowlist: true`)',
  'untrusted-input-destructive-action': 'require approval (`requiresApproval: true`) on the destructive tools or set the agent\'s `autonomy` to `hitl_all`',
  'untrusted-input-code-execution': 'run the code tool in an isolated sandbox (`sandbox: remote_isolated`, `networkEgress: false`)',
  'rendering-exfiltration': 'stop auto-fetching media in the client (`autoFetchMedia: false`) or set a strict `mediaAllowlist`',
  'public-bot-confidential-retrieval': 'trim retrieval to the caller\'s permissions (`permissionTrimming: true`, `authMode: end_user_delegated`) or take the agent off public exposure',
  'retrieval-poisoning': 'restrict who can write the store (`exposure`, `contentTrust`) or scope it per user',
  'delegation-confused-deputy': 'propagate the caller\'s identity on the delegation (`identityPropagation: true`) and authorize per call (`perCallAuthorization: true`)',
  'unvetted-mcp-beside-sensitive-tools': 'vet the server (`sanctioned: true`, `publisherVerified: true`, `versionPinned: true`)',
  'plaintext-secret-in-agent-config': 'move the secret out of the file (`storage: vault` or `env_ref`) and rotate it',
  'overprivileged-ai-identity': 'scope the permission down (narrow `actions`/`scope`, or mark it `unused: true` once removed)',
  'credential-pivot-chain': 'remove the stored secret from the store (`stores` edge) or rotate it to a vault',
  'exposed-vulnerable-ai-workload': 'patch the vulnerability (`vulns[]`) or take the host off public exposure (`exposure`)',
  'unbounded-ai-key': 'set a spend limit (`quotaLimit`, `budgetAlert: true`) or an expiry (`expiresAt`), and remove the key\'s `exposure`',
  'shadow-ai-oauth-grant': 'sanction and assess the app (`sanctioned: true`, `vendorAssessed: true`) or revoke the grant',
  'orphaned-ai-identity': 'give the identity an `owner` and retire it (`status: decommissioned`, its credentials `status: inactive`)',
  'regulated-data-to-unapproved-model': 'approve the model (`approved: true`, `dpa: true`) or enforce PII redaction on the gateway (`guardrails: [pii_redaction]`, `enforced: true`)',
  'unauthenticated-remote-agent': 'require authentication (`auth: oauth` or `mtls`) and TLS (`tls: true`), or bind it locally (`bind: 127.0.0.1`, `exposure: internal`)',
  'shared-credential-across-trust': 'give each agent its own credential (separate `uses_credential` targets)',
  'vulnerable-ai-component-with-secrets': 'upgrade the vulnerable package or record a VEX `not_affected` analysis',
};

export interface CutVerifier {
  /** The graph the findings' edge ids belong to. */
  readonly graph: InventoryGraph;
  /** The graphs to check on: the graph, and in worst-case mode the completed graph too (same edges). */
  readonly bases: readonly RuleContext[];
  readonly base: RuleContext;
  /** Units of work left (see VERIFY_BUDGET). */
  remaining: number;
  /** Findings of a rule with a set of edges switched off, shared by findings whose cuts are the same. */
  readonly runs: Map<string, readonly Finding[]>;
  /** One mask object per edge set, so the facts cached per mask (facts.ts) serve every rule checking it. */
  readonly masks: Map<string, Uint8Array>;
}

export function cutVerifier(context: RuleContext, completed?: InventoryGraph): CutVerifier {
  const graph = context.graph;
  const size = graph.nodes.length + graph.edges.length;
  const base: RuleContext = { ...context, graph, mode: 'strict' };
  const bases = completed && completed !== graph ? [base, { ...base, graph: completed }] : [base];
  return { graph, bases, base, remaining: size > VERIFY_MAX_ELEMENTS ? 0 : VERIFY_BUDGET, runs: new Map(), masks: new Map() };
}

/** The verified or repaired cut, the alternative that still works, or `noCut` with the property to change. */
export function verifyFindingCuts(verifier: CutVerifier, rule: Rule, findings: Finding[]): Finding[] {
  return findings.map((f) => (f.cut ? verifyOne(verifier, rule, f, f.cut) : f.noCut ? f : withoutCut(f, rule)));
}

function maskWith(verifier: CutVerifier, edges: Iterable<string>): Uint8Array | undefined {
  const g = verifier.graph;
  const base = verifier.base.disabledEdges;
  const mask = base ? base.slice() : new Uint8Array(g.index.edgeCount);
  for (const id of edges) {
    const j = g.index.edgeIndex.get(id);
    if (j === undefined) return undefined;
    mask[j] = 1;
  }
  return mask;
}

/** The same finding (rule, node) when the rule runs with `edges` switched off; undefined when it is gone. */
function survivor(verifier: CutVerifier, rule: Rule, f: Finding, edges: readonly string[]): Finding | undefined | 'unknown' {
  const edgeKey = [...edges].sort().join('\u0000');
  const key = `${rule.id}\u0000${edgeKey}`;
  let found = verifier.runs.get(key);
  if (!found) {
    const cost = (verifier.graph.nodes.length + verifier.graph.edges.length) * verifier.bases.length;
    if (verifier.remaining < cost) return 'unknown';
    verifier.remaining -= cost;
    let mask = verifier.masks.get(edgeKey);
    if (!mask) {
      mask = maskWith(verifier, edges);
      if (!mask) return 'unknown';
      if (verifier.masks.size > 256) verifier.masks.clear();
      verifier.masks.set(edgeKey, mask);
    }
    // strict on the graph, and (worst-case mode) on the completed graph: a finding must be gone from both
    const m = mask;
    found = verifier.bases.flatMap((b) => rule.evaluate({ ...b, disabledEdges: m }));
    if (verifier.runs.size > 256) verifier.runs.clear();
    verifier.runs.set(key, found);
  }
  return found.find((x) => x.rule === f.rule && x.node === f.node);
}

function verifyOne(verifier: CutVerifier, rule: Rule, f: Finding, cut: FindingCut): Finding {
  const kindOf = (id: string) => {
    const j = verifier.graph.index.edgeIndex.get(id);
    return j === undefined ? '' : verifier.graph.edges[j]!.kind;
  };
  const first = survivor(verifier, rule, f, cut.edges);
  if (first === 'unknown') return f; // not checked within the budget: left as computed
  if (first === undefined) {
    // the cut holds; keep the alternative only if it holds too
    let alternative: EdgeCut | undefined = cut.alternative;
    if (alternative) {
      const left = survivor(verifier, rule, f, alternative.edges);
      if (left !== undefined) alternative = undefined;
    }
    return { ...f, cut: { edges: cut.edges, cost: cut.cost, leg: cut.leg, verified: true, ...(alternative ? { alternative } : {}) } };
  }
  // the alternative may hold where the cheapest cut does not
  if (cut.alternative) {
    const left = survivor(verifier, rule, f, cut.alternative.edges);
    if (left === undefined) return { ...f, cut: { ...cut.alternative, verified: true } };
  }
  // repair: add the cut of what is left, and check again; the paths it cuts join the evidence
  let edges = [...cut.edges];
  let cost = cut.cost;
  const legs = [cut.leg];
  let found = f;
  let left: Finding | undefined | 'unknown' = first;
  for (let round = 0; left !== undefined; round++) {
    if (left === 'unknown') return f;
    const again = left.legs && round < MAX_ROUNDS ? findingCut(left.legs, kindOf) : undefined;
    const more = again ? again.edges.filter((e) => !edges.includes(e)) : [];
    if (!again || more.length === 0) return withoutCut(f, rule);
    edges = [...edges, ...more].sort();
    cost += again.cost;
    if (!legs.includes(again.leg)) legs.push(again.leg);
    found = withWitnessesOf(found, left, again.leg);
    left = survivor(verifier, rule, f, edges);
  }
  return { ...found, cut: { edges, cost, leg: legs.join(' + '), verified: true } };
}

/** `f` with the witnesses `other` has for leg `name` added to that leg and to the evidence. */
function withWitnessesOf(f: Finding, other: Finding, name: string): Finding {
  const extra = other.legs?.find((l) => l.name === name);
  if (!extra) return f;
  const key = (w: Witness) => `${w.nodes.join('>')}|${w.edges.join('>')}`;
  const legs = (f.legs ?? []).map((l) => {
    if (l.name !== name) return l;
    const seen = new Set(l.witnesses.map(key));
    const witnesses = [...l.witnesses, ...extra.witnesses.filter((w) => !seen.has(key(w)))];
    return { ...l, witnesses, nodes: [...new Set([...l.nodes, ...extra.nodes])], edges: [...new Set([...l.edges, ...extra.edges])] };
  });
  if (!legs.some((l) => l.name === name)) legs.push(extra);
  const evidence = { nodes: [...new Set([...f.evidence.nodes, ...extra.nodes])], edges: [...new Set([...f.evidence.edges, ...extra.edges])] };
  return { ...f, legs, evidence };
}

function withoutCut(f: Finding, rule: Rule): Finding {
  const rest = { ...f };
  const had = rest.cut !== undefined;
  delete (rest as { cut?: FindingCut }).cut;
  return {
    ...rest,
    noCut: {
      reason: had
        ? 'no set of edges on its paths removes this finding: part of it is a property of a node, not a path'
        : 'the finding rests on properties of its nodes, not on edges that could be cut',
      change: PROPERTY_FIXES[rule.id] ?? 'change the properties the rule reads (see the rules README)',
    },
  };
}
