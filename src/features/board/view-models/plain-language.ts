/**
 * Plain-language wording for the board: what a toxic combination means in one clause, and what cutting an
 * edge means as an action an owner can take. Names come from the inventory and stay plain text.
 */
import type { InventoryGraph } from '../../../graph/index.ts';

/** What each rule's combination lets happen, completing "<AI node> …". */
const RULE_PLAIN: Record<string, string> = {
  'lethal-trifecta': 'can be steered by outside content into sending private data out',
  'untrusted-input-destructive-action': 'can be steered by outside content into destructive actions',
  'untrusted-input-code-execution': 'can be steered by outside content into running code on a machine that is not isolated',
  'rendering-exfiltration': 'can leak private data through images its chat client fetches automatically',
  'public-bot-confidential-retrieval': 'answers the public from confidential data',
  'retrieval-poisoning': 'reads a store that outsiders can write to, and acts on what it reads',
  'delegation-confused-deputy': 'passes privileges between agents without checking who is asking',
  'unvetted-mcp-beside-sensitive-tools': 'loads an unvetted tool server next to tools that reach sensitive data',
  'plaintext-secret-in-agent-config': 'can be steered into reading a plaintext secret from its configuration',
  'overprivileged-ai-identity': 'can be steered while running as an over-privileged identity',
  'credential-pivot-chain': 'can pick up a stored secret that leads to admin or production access',
  'exposed-vulnerable-ai-workload': 'runs on an internet-exposed, vulnerable workload whose identity reaches data',
  'unbounded-ai-key': 'has an exposed AI key that spends without a limit',
  'shadow-ai-oauth-grant': 'is an unsanctioned AI app holding a grant to corporate data',
  'orphaned-ai-identity': 'has no active owner but still holds working access',
  'regulated-data-to-unapproved-model': 'sends regulated data to a model outside policy',
  'unauthenticated-remote-agent': 'can be called without authentication and fronts sensitive tools',
  'shared-credential-across-trust': 'shares a credential with an agent of a different trust level',
  'vulnerable-ai-component-with-secrets': 'depends on a vulnerable component while holding credentials or code execution',
};

export function ruleClause(rule: string, ruleName?: string): string {
  return RULE_PLAIN[rule] ?? (ruleName ? `has a toxic combination: ${ruleName.toLowerCase()}` : `matches rule ${rule}`);
}

/** A node's display name, or its id when it is not in the graph. */
export function nodeName(graph: InventoryGraph, id: string): string {
  const i = graph.index.nodeIndex.get(id);
  return i === undefined ? id : graph.nodes[i]!.name;
}

export interface EdgeRef {
  readonly id: string;
  readonly source: string;
  readonly target: string;
  readonly kind: string;
}

export function edgeRef(graph: InventoryGraph, id: string): EdgeRef | null {
  const j = graph.index.edgeIndex.get(id);
  if (j === undefined) return null;
  const e = graph.edges[j]!;
  return { id, source: e.source, target: e.target, kind: e.kind };
}

/** One edge removal as an action ("remove the tool “send_email” from Finance assistant"). */
export function edgeAction(graph: InventoryGraph, edge: EdgeRef): string {
  const s = nodeName(graph, edge.source);
  const t = nodeName(graph, edge.target);
  switch (edge.kind) {
    case 'has_tool':
      return `remove the tool “${t}” from ${s}`;
    case 'provides':
      return `stop ${s} offering “${t}”`;
    case 'connects_to':
      return `disconnect ${s} from ${t}`;
    case 'stores':
      return `move ${t} out of ${s} into a vault, and rotate it`;
    case 'uses_credential':
      return `stop ${s} using ${t}`;
    case 'authenticates_as':
      return `revoke ${s} (it signs in as ${t})`;
    case 'executes':
      return `run “${s}” in an isolated sandbox instead of ${t}`;
    case 'renders_to':
      return `stop ${t} fetching external images in answers from ${s}`;
    case 'indexes':
      return `stop ${s} indexing ${t}`;
    case 'delegates_to':
      return `stop ${s} delegating to ${t} without passing on the caller’s identity`;
    case 'can_invoke':
      return `stop ${s} invoking ${t}`;
    case 'runs_as':
      return `give ${s} a narrower identity than ${t}`;
    case 'has_permission':
      return `right-size the permission of ${s} on ${t}`;
    case 'reads':
    case 'retrieves':
      return `stop ${s} reading ${t}`;
    case 'writes':
      return `stop ${s} writing to ${t}`;
    case 'uses_model':
      return `route ${s} away from ${t} to an approved model`;
    case 'depends_on':
      return `patch ${t} used by ${s}`;
    default:
      return `cut ${s} → ${t} (${edge.kind})`;
  }
}

/** A cut (a set of edges removed together) as one sentence fragment. */
export function cutAction(graph: InventoryGraph, edgeIds: readonly string[]): string {
  const parts = edgeIds.map((id) => {
    const ref = edgeRef(graph, id);
    return ref ? edgeAction(graph, ref) : `cut edge ${id}`;
  });
  if (parts.length <= 1) return parts[0] ?? '';
  return `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]!}`;
}

export function capitalize(s: string): string {
  return s.length === 0 ? s : s[0]!.toUpperCase() + s.slice(1);
}
