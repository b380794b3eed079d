/**
 * Walkthrough captions: a path (edge ids) as one step per hop, each with a plain-words caption of what the
 * attacker does there, written per edge kind and the access the hop gives ("reads the bucket", "finds the
 * Salesforce admin token stored in the bucket", "assumes the role prod-admin").
 *
 * The access along the path follows section 4: the walk starts holding C on the first node; a hop is
 * followed with C on its source, or with R only when it is a content edge (`stores`, `indexes`); it adds
 * the edge's grant to the target. A hop that the semantics would not follow is still captioned, and marked.
 */
import { EDGE_KINDS, NODE_KIND_LABELS, accessName } from '../model/node-kinds.ts';
import type { AccessName, NodeKind } from '../model/node-kinds.ts';
import { getStringList } from '../model/type-guards.ts';

import type { InventoryGraph } from './build-graph.ts';
import type { Finding } from './rules/types.ts';

export interface WalkStep {
  /** 0-based position in the path. */
  readonly index: number;
  readonly edge: string;
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  /** Access held on `to` after this hop (accumulated along the path); null when the hop grants nothing. */
  readonly access: AccessName | null;
  /** False when section 4 would not follow this hop from what is held on `from` (or the edge is not traversable). */
  readonly followed: boolean;
  /** One sentence, starting with a capital and ending with a full stop. */
  readonly caption: string;
}

export interface Walkthrough {
  readonly steps: readonly WalkStep[];
  /** Edge ids not in the inventory (skipped). */
  readonly unknown: readonly string[];
}

export interface WalkthroughOptions {
  /** Display name of a node (redact mode passes pseudonyms); default: the node's name. */
  readonly label?: (nodeId: string) => string;
}

const EDGE_KIND_SET: ReadonlySet<string> = new Set(EDGE_KINDS);
const R = 1;
const W = 2;
const C = 4;

/** Captions for a path of edge ids. */
export function walkthrough(graph: InventoryGraph, edgeIds: readonly string[], options: WalkthroughOptions = {}): Walkthrough {
  const label =
    options.label ??
    ((id: string) => {
      const i = graph.index.nodeIndex.get(id);
      return i === undefined ? id : graph.nodes[i]!.name;
    });
  const { edgeIndex, edgeGrant, edgeFlags, nodeIndex } = graph.index;
  const held = new Map<string, number>();
  const steps: WalkStep[] = [];
  const unknown: string[] = [];
  for (const id of edgeIds) {
    const j = edgeIndex.get(id);
    if (j === undefined) {
      unknown.push(id);
      continue;
    }
    const e = graph.edges[j]!;
    if (steps.length === 0) held.set(e.source, C | R | W);
    const have = held.get(e.source) ?? 0;
    const content = e.kind === 'stores' || e.kind === 'indexes';
    const traversable = (edgeFlags[j]! & 1) !== 0 && edgeGrant[j] !== 0;
    const followed = traversable && ((have & C) !== 0 || (content && (have & R) !== 0));
    const grant = traversable ? edgeGrant[j]! : 0;
    const bits = (held.get(e.target) ?? 0) | (followed ? grant : 0);
    if (followed) held.set(e.target, bits);
    const fromNode = graph.nodes[nodeIndex.get(e.source)!]!;
    const toNode = graph.nodes[nodeIndex.get(e.target)!]!;
    let caption = captionFor(e.kind, {
      from: `${article(fromNode.kind)}${label(e.source)}`,
      to: `${article(toNode.kind)}${label(e.target)}`,
      toName: label(e.target),
      actions: getStringList(e, 'actions'),
      grant,
      toKind: toNode.kind,
    });
    if (e.fields.traversable === false && EDGE_KIND_SET.has(e.kind)) caption += ' (marked not traversable: no access follows)';
    else if (traversable && !followed) caption += have & W ? ' (not a pivot: write access alone goes no further)' : ' (not followed: this needs control of the step before)';
    steps.push({
      index: steps.length,
      edge: e.id,
      kind: e.kind,
      from: e.source,
      to: e.target,
      access: accessName(bits),
      followed,
      caption: `${caption.charAt(0).toUpperCase()}${caption.slice(1)}.`,
    });
  }
  return { steps, unknown };
}

/** "the data store ", "the AI agent ": the kind in words, so captions read without knowing the icons. */
function article(kind: NodeKind): string {
  const label = NODE_KIND_LABELS[kind];
  if (kind === 'other') return '';
  const first = label.split(' ')[0]!;
  const word = /[A-Z]/.test(first.slice(1)) ? label : label.charAt(0).toLowerCase() + label.slice(1);
  return `the ${word} `;
}

interface CaptionParts {
  readonly from: string;
  readonly to: string;
  readonly toName: string;
  readonly actions: readonly string[];
  readonly grant: number;
  readonly toKind: NodeKind;
}

/** Per edge kind, what the attacker holding the source does. Every edge kind of the spec has a caption. */
function captionFor(kind: string, p: CaptionParts): string {
  switch (kind) {
    case 'can_invoke':
      return `invokes ${p.to} and steers what it does`;
    case 'delegates_to':
      return `delegates a task to ${p.to}, which acts on its behalf`;
    case 'connects_to':
      return `connects to ${p.to} and uses it with its own authority`;
    case 'provides':
      return `calls the tool ${p.toName} that ${p.from} provides`;
    case 'has_tool':
      return `calls its tool ${p.toName}`;
    case 'executes':
      return `runs commands on ${p.to} through the tool`;
    case 'runs_as':
      return `runs as the identity ${p.toName}, with all of its permissions`;
    case 'uses_credential':
      return `uses the credential ${p.toName}`;
    case 'authenticates_as':
      return `signs in with the credential as ${p.to}`;
    case 'can_assume':
      return `assumes the role ${p.toName}`;
    case 'member_of':
      return `acts with the rights of the group ${p.toName}`;
    case 'deployed_on':
      return `controls ${p.to} it is deployed on`;
    case 'has_permission':
      return permissionCaption(p);
    case 'reads':
      return `reads ${p.to}`;
    case 'retrieves':
      return `retrieves documents from ${p.to}`;
    case 'indexes':
      return `finds the content of ${p.to} indexed in ${p.from}`;
    case 'remembers':
      return `reads and rewrites its memory in ${p.to}`;
    case 'writes':
      return `writes to ${p.to}`;
    case 'sends':
      return `sends data out to ${p.to}`;
    case 'uses_model':
      return `sends prompts to ${p.to}`;
    case 'routes_to':
      return `routes requests to ${p.to}`;
    case 'stores':
      return `finds ${p.to} stored in ${p.from}`;
    case 'depends_on':
      return `depends on ${p.to} (a supply-chain link, not an access path)`;
    case 'renders_to':
      return `renders its output in ${p.to} (what it displays, not an access path)`;
    default:
      return `is linked to ${p.to} by "${kind}", an edge kind the spec does not know (not an access path)`;
  }
}

function permissionCaption(p: CaptionParts): string {
  const words = p.actions.map((a) => a.trim().toLowerCase());
  if (words.length === 0) return `uses its full permission on ${p.to}`;
  if (words.includes('admin')) return `uses its admin permission on ${p.to}`;
  if (words.includes('invoke')) return `uses its permission to invoke ${p.to}`;
  const read = words.includes('read');
  const write = words.includes('write');
  const del = words.includes('delete');
  if (read && (write || del)) return `uses its read and ${write ? 'write' : 'delete'} permission on ${p.to}`;
  if (read) return `uses its read permission on ${p.to}`;
  if (write) return `uses its write permission on ${p.to}`;
  if (del) return `uses its delete permission on ${p.to}`;
  return `holds a permission on ${p.to} (${p.actions.join(', ')}) that grants no access`;
}

export interface FindingWalkthrough {
  readonly rule: string;
  readonly node: string;
  readonly title: string;
  /** Framework tags of the finding (OWASP, MITRE ATLAS…), for the caption bar. */
  readonly tags: readonly string[];
  /** One walk per leg (its first witness path), in the finding's leg order; legs without edges are skipped. */
  readonly legs: readonly { readonly name: string; readonly role: string; readonly optional: boolean; readonly steps: readonly WalkStep[] }[];
}

/** A finding, leg by leg, hop by hop: the first witness path of each leg, captioned. */
export function walkthroughFinding(graph: InventoryGraph, finding: Finding, options: WalkthroughOptions = {}): FindingWalkthrough {
  const legs = (finding.legs ?? [])
    .map((leg) => ({
      name: leg.name,
      role: leg.role,
      optional: leg.optional === true,
      steps: walkthrough(graph, leg.witnesses[0]?.edges ?? leg.edges, options).steps,
    }))
    .filter((leg) => leg.steps.length > 0);
  if (legs.length === 0 && finding.evidence.edges.length > 0) {
    legs.push({ name: 'evidence', role: 'target', optional: false, steps: walkthrough(graph, finding.evidence.edges, options).steps });
  }
  return { rule: finding.rule, node: finding.node, title: finding.title, tags: finding.tags ?? [], legs };
}
