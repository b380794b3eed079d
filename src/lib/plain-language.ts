/**
 * Plain-language wording shared by the board, the explorer's finding cards, the Findings view and SARIF:
 * what a toxic combination means in one clause, what each part of it is, and what cutting an edge means as
 * an action an owner can take. Names come from the inventory and stay plain text.
 */
import type { Finding, FindingLeg, InventoryGraph } from '../graph/index.ts';

/** What each part ("leg") of a combination is, in words: short label and one sentence for a tooltip. */
export const PART_PLAIN: Readonly<Record<FindingLeg['role'], { readonly label: string; readonly explain: string }>> = {
  untrusted: { label: 'outside content', explain: 'Where text the attacker controls gets in (web pages, inbound mail, public issues, shared files).' },
  private: { label: 'private data', explain: 'The confidential data the agent can read.' },
  sink: { label: 'way out', explain: 'How data can leave: a tool that sends, a public store, an image the client fetches.' },
  destructive: { label: 'destructive action', explain: 'A tool that deletes, pays, or changes identities.' },
  exec: { label: 'code execution', explain: 'Where the agent can run code or read files.' },
  entry: { label: 'way in', explain: 'How an outsider reaches the agent or its host.' },
  pivot: { label: 'stepping stone', explain: 'A credential or grant that leads further.' },
  target: { label: 'what it reaches', explain: 'The privileged access or data at the end of the chain.' },
};

/** One part of a combination, in words: "outside content (context only)". */
export function partLabel(leg: Pick<FindingLeg, 'role' | 'optional'>): string {
  return `${PART_PLAIN[leg.role]?.label ?? leg.role}${leg.optional ? ' (context only)' : ''}`;
}

/** The tooltip of a part: what it is, and for a context part that cutting it does not resolve the finding. */
export function partExplain(leg: Pick<FindingLeg, 'role' | 'optional' | 'witnesses'>): string {
  const base = PART_PLAIN[leg.role]?.explain ?? '';
  const paths = `${leg.witnesses.length} ${leg.witnesses.length === 1 ? 'path proves' : 'paths prove'} it in this inventory.`;
  return `${base} ${paths}${leg.optional ? ' Context only: it raises the severity, but cutting it does not resolve the finding.' : ''}`.trim();
}

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

/** "A", "A and B", "A, B and 2 more". */
export function nameList(items: readonly string[], max = 2): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? '';
  if (unique.length <= max) return `${unique.slice(0, -1).join(', ')} and ${unique[unique.length - 1]!}`;
  return `${unique.slice(0, max).join(', ')} and ${unique.length - max} more`;
}

/**
 * The far ends of a leg's witness paths, seen from the finding's node: the last node of a path that starts
 * at it, the first node of a path that ends at it.
 */
function endpoints(f: Finding, role: string, exclude: readonly string[] = []): string[] {
  const legs = (f.legs ?? []).filter((l) => l.role === role);
  const leg = legs.find((l) => !l.optional) ?? legs[0];
  if (!leg) return [];
  const out: string[] = [];
  for (const w of leg.witnesses) {
    const first = w.nodes[0];
    const last = w.nodes[w.nodes.length - 1];
    const end = last === f.node && first !== undefined ? first : last;
    if (end !== undefined && end !== f.node && !exclude.includes(end) && !out.includes(end)) out.push(end);
  }
  return out;
}

const STORE_KINDS: ReadonlySet<string> = new Set(['data_store', 'vector_store', 'memory_store']);

/** Per witness of a leg, the first store along it from the finding's node. */
function storesOn(graph: InventoryGraph, f: Finding, role: string): string[] {
  const leg = (f.legs ?? []).find((l) => l.role === role && !l.optional);
  const out: string[] = [];
  for (const w of leg?.witnesses ?? []) {
    const ordered = w.nodes[0] === f.node ? w.nodes : [...w.nodes].reverse();
    const hit = ordered.find((id) => {
      const i = graph.index.nodeIndex.get(id);
      return i !== undefined && STORE_KINDS.has(graph.nodes[i]!.kind);
    });
    if (hit !== undefined && !out.includes(hit)) out.push(hit);
  }
  return out;
}

/**
 * One plain sentence for a finding, naming what the combination joins ("Finance assistant can be steered by
 * content from the AP mailbox into sending the quarterly reports out through send_email"). Falls back to the
 * rule's general clause when the witness paths do not name the parts.
 */
export function riskSentence(graph: InventoryGraph, f: Finding): string {
  const a = nodeName(graph, f.node);
  const names = (ids: readonly string[]): string => nameList(ids.map((id) => nodeName(graph, id)));
  const u = endpoints(f, 'untrusted');
  const pick = (role: string, exclude: readonly string[] = []): string[] => {
    const all = endpoints(f, role);
    const rest = all.filter((id) => !exclude.includes(id));
    return rest.length > 0 ? rest : all;
  };
  const has = (...lists: string[][]): boolean => lists.every((l) => l.length > 0);
  let sentence: string | null = null;
  switch (f.rule) {
    case 'lethal-trifecta': {
      const p = pick('private', u);
      const e = pick('sink');
      if (has(u, p, e)) sentence = `${a} can be steered by content from ${names(u)} into sending ${names(p)} out through ${names(e)}`;
      break;
    }
    case 'rendering-exfiltration': {
      const p = pick('private', u);
      const e = pick('sink');
      if (has(u, p, e)) sentence = `${a} can be steered by content in ${names(u)} into leaking ${names(p)} through images ${names(e)} fetches automatically`;
      break;
    }
    case 'untrusted-input-destructive-action': {
      const d = pick('destructive');
      if (has(u, d)) sentence = `${a} can be steered by ${names(u)} into destructive actions through ${names(d)}`;
      break;
    }
    case 'untrusted-input-code-execution': {
      const x = pick('exec');
      if (has(u, x)) sentence = `${a} can be steered by ${names(u)} into running code on ${names(x)}`;
      break;
    }
    case 'public-bot-confidential-retrieval': {
      const entry = pick('entry');
      const p = pick('private');
      if (has(entry, p)) sentence = `${a} answers ${names(entry)} from ${names(p)}`;
      break;
    }
    case 'retrieval-poisoning': {
      // The poisoned store is the first store on the path, not whatever wrote into it.
      const stores = storesOn(graph, f, 'untrusted');
      const at = stores.length > 0 ? stores : u;
      if (has(at)) sentence = `${a} acts on ${names(at)}, which untrusted content can write into`;
      break;
    }
    case 'overprivileged-ai-identity': {
      const t = pick('target');
      if (has(u, t)) sentence = `${a} can be steered by ${names(u)} while its identity reaches ${names(t)}`;
      break;
    }
    case 'shadow-ai-oauth-grant': {
      const t = pick('pivot');
      if (has(t)) sentence = `${a} is an unsanctioned AI app holding a grant to ${names(t)}`;
      break;
    }
    case 'unvetted-mcp-beside-sensitive-tools': {
      const t = pick('target');
      if (has(u, t)) sentence = `${a} loads the unvetted ${names(u)} next to tools that reach ${names(t)}`;
      break;
    }
    case 'regulated-data-to-unapproved-model': {
      const p = pick('private');
      const e = pick('sink');
      if (has(p, e)) sentence = `${a} sends ${names(p)} to ${names(e)}, a model outside policy`;
      break;
    }
    case 'unauthenticated-remote-agent': {
      const t = pick('target');
      if (has(t)) sentence = `${a} can be called without authentication and reaches ${names(t)}`;
      break;
    }
    case 'orphaned-ai-identity': {
      const t = pick('target');
      if (has(t)) sentence = `${a} has no active owner but still reaches ${names(t)}`;
      break;
    }
    case 'exposed-vulnerable-ai-workload': {
      const entry = pick('entry');
      const t = pick('target');
      if (has(entry, t)) sentence = `${a} runs on ${names(entry)}, which is internet-exposed and vulnerable, and its identity reaches ${names(t)}`;
      break;
    }
    default:
      break;
  }
  return `${sentence ?? `${a} ${ruleClause(f.rule, f.ruleName)}`}.`;
}
