/**
 * Stable finding fingerprints for SARIF `partialFingerprints` and `--baseline`: the rule plus an identity of
 * the node that does not depend on its id (ids change when files are merged in another order, or renamed by
 * whoever produced the export) nor on the order of files, nodes or edges.
 *
 * A node's identity is its kind with, in this order: a stable key field (`arn`, `objectId`, `email`, `url`,
 * a credential `fingerprint`), else its own `name`, else the labels of its neighbours (edge kind, direction,
 * neighbour kind and name). When two nodes of the estate share an identity, the file it was read from is
 * added, then its neighbours' labels. Findings that still share one (the same rule on indistinguishable
 * nodes) are numbered in the order of their evidence's identities.
 */
import { createHash } from 'node:crypto';

import type { InventoryGraph } from '../graph/build-graph.ts';
import type { Finding } from '../graph/rules/types.ts';

/** The key SARIF consumers see in `partialFingerprints`; bump the version if the recipe ever changes. */
export const FINGERPRINT_KEY = 'pathlightFinding/v1';

const KEY_FIELDS = ['arn', 'objectId', 'objectid', 'email', 'url', 'fingerprint'] as const;

function ownString(fields: Readonly<Record<string, unknown>>, key: string): string | undefined {
  const v = Object.prototype.hasOwnProperty.call(fields, key) ? fields[key] : undefined;
  return typeof v === 'string' && v.trim() !== '' ? v.trim() : undefined;
}

export class NodeIdentities {
  private readonly base: string[];
  private readonly counts = new Map<string, number>();
  private adjacency: Map<number, string[]> | null = null;
  private readonly memo = new Map<number, string>();

  constructor(private readonly graph: InventoryGraph) {
    this.base = graph.nodes.map((n) => this.own(n.kind, n.fields));
    for (const b of this.base) this.counts.set(b, (this.counts.get(b) ?? 0) + 1);
  }

  /** Identity from the node's own fields, or '' when it has no key and no name. */
  private own(kind: string, fields: Readonly<Record<string, unknown>>): string {
    for (const k of KEY_FIELDS) {
      const v = ownString(fields, k);
      if (v !== undefined) return `${kind}|${k.toLowerCase()}=${k === 'email' ? v.toLowerCase() : v}`;
    }
    const name = ownString(fields, 'name');
    return name !== undefined ? `${kind}|name=${name}` : '';
  }

  private neighbours(i: number): string {
    if (!this.adjacency) {
      const adj = new Map<number, string[]>();
      const label = (j: number) => {
        const n = this.graph.nodes[j]!;
        return `${n.kind}:${this.base[j] || ''}`;
      };
      for (const e of this.graph.edges) {
        const s = this.graph.index.nodeIndex.get(e.source);
        const t = this.graph.index.nodeIndex.get(e.target);
        if (s === undefined || t === undefined) continue;
        (adj.get(s) ?? adj.set(s, []).get(s)!).push(`>${e.kind}>${label(t)}`);
        (adj.get(t) ?? adj.set(t, []).get(t)!).push(`<${e.kind}<${label(s)}`);
      }
      this.adjacency = adj;
    }
    return [...(this.adjacency.get(i) ?? [])].sort().join(',');
  }

  /** The identity of a node by id (the id itself, marked, for a node not in the graph). */
  of(id: string): string {
    const i = this.graph.index.nodeIndex.get(id);
    if (i === undefined) return `?|${id}`;
    const known = this.memo.get(i);
    if (known !== undefined) return known;
    const node = this.graph.nodes[i]!;
    let identity = this.base[i]!;
    if (identity === '') identity = `${node.kind}|~${this.neighbours(i)}`;
    else if ((this.counts.get(identity) ?? 0) > 1) {
      const prov = ownString(node.fields, 'provenance');
      const file = prov !== undefined && prov.includes('#') ? prov.slice(0, prov.lastIndexOf('#')) : '';
      identity = `${identity}|@${file}|~${this.neighbours(i)}`;
    }
    this.memo.set(i, identity);
    return identity;
  }
}

const hash = (text: string) => createHash('sha256').update(text).digest('hex').slice(0, 32);

/** One fingerprint per finding, in the findings' order. */
export function findingFingerprints(findings: readonly Finding[], graph: InventoryGraph): string[] {
  const ids = new NodeIdentities(graph);
  const keys = findings.map((f) => `${f.rule}\u241f${ids.of(f.node)}`);
  const groups = new Map<string, number[]>();
  keys.forEach((k, i) => (groups.get(k) ?? groups.set(k, []).get(k)!).push(i));
  const out: string[] = new Array<string>(findings.length);
  for (const [key, members] of groups) {
    if (members.length === 1) {
      out[members[0]!] = hash(key);
      continue;
    }
    const evidence = (i: number) => findings[i]!.evidence.nodes.map((n) => ids.of(n)).sort().join(',');
    const ordered = [...members].sort((a, b) => {
      const x = evidence(a);
      const y = evidence(b);
      return x < y ? -1 : x > y ? 1 : 0;
    });
    ordered.forEach((i, k) => (out[i] = hash(k === 0 ? key : `${key}\u241f${k}`)));
  }
  return out;
}
