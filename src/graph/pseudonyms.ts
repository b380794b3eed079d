/**
 * Pseudonyms for redact mode: every node gets a stable stand-in that keeps its kind ("AI agent 3",
 * "Data store 12"), every edge "edge 7", and `redactText` replaces every original name and id in a string.
 *
 * Stable: numbers are given per kind in id order (code units), so the same inventory gives the same
 * pseudonyms in every run and whatever the order of its files or elements.
 */
import { NODE_KIND_LABELS } from '../model/node-kinds.ts';
import type { InventoryEdge, InventoryNode } from '../model/types.ts';

export interface Pseudonyms {
  /** Node id → pseudonym. */
  readonly nodes: ReadonlyMap<string, string>;
  /** Edge id → pseudonym. */
  readonly edges: ReadonlyMap<string, string>;
  /** The pseudonym of a node id (the id itself, redacted, when it is not a node). */
  node(id: string): string;
  /** Replaces every original node name, node id and edge id in `text` (longest match first, one pass). */
  redact(text: string): string;
}

const byId = (a: { id: string }, b: { id: string }) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * `extra` adds more terms to replace (owners, file names, URLs: src/lib/redaction.ts); node and edge ids and
 * names win over them when both would match the same text.
 */
export function pseudonymize(
  inventory: { readonly nodes: readonly InventoryNode[]; readonly edges: readonly InventoryEdge[] },
  extra: ReadonlyMap<string, string> = new Map(),
): Pseudonyms {
  const nodes = new Map<string, string>();
  const perKind = new Map<string, number>();
  for (const node of [...inventory.nodes].sort(byId)) {
    const n = (perKind.get(node.kind) ?? 0) + 1;
    perKind.set(node.kind, n);
    nodes.set(node.id, `${NODE_KIND_LABELS[node.kind] ?? 'Node'} ${n}`);
  }
  const edges = new Map<string, string>();
  [...inventory.edges].sort(byId).forEach((edge, i) => edges.set(edge.id, `edge ${i + 1}`));

  // Terms to replace: ids first so a name equal to another node's id still maps to that node.
  const terms = new Map<string, string>();
  for (const edge of inventory.edges) if (edge.id !== '') terms.set(edge.id, edges.get(edge.id)!);
  for (const node of [...inventory.nodes].sort(byId)) if (node.name !== '' && !terms.has(node.name)) terms.set(node.name, nodes.get(node.id)!);
  for (const node of inventory.nodes) if (node.id !== '') terms.set(node.id, nodes.get(node.id)!);
  for (const [term, stand] of extra) if (term !== '' && !terms.has(term)) terms.set(term, stand);
  let matcher: Matcher | undefined;
  const redact = (text: string) => (matcher ??= new Matcher(terms)).replace(text);
  return {
    nodes,
    edges,
    node: (id) => nodes.get(id) ?? redact(id),
    redact,
  };
}

/** Replaces every original name and id occurrence in `text` with its pseudonym. */
export function redactText(text: string, mapping: Pseudonyms): string {
  return mapping.redact(text);
}

/**
 * Longest-match-first, single-pass replacement of many terms: per first character, the distinct term
 * lengths in decreasing order, probed with one Map lookup each. Replacements are never rescanned.
 */
class Matcher {
  private readonly lengthsByFirst = new Map<string, number[]>();
  constructor(private readonly terms: ReadonlyMap<string, string>) {
    const sets = new Map<string, Set<number>>();
    for (const term of terms.keys()) {
      const first = term[0]!;
      let s = sets.get(first);
      if (!s) sets.set(first, (s = new Set()));
      s.add(term.length);
    }
    for (const [first, s] of sets) this.lengthsByFirst.set(first, [...s].sort((a, b) => b - a));
  }

  replace(text: string): string {
    let out = '';
    let last = 0;
    let i = 0;
    while (i < text.length) {
      const lengths = this.lengthsByFirst.get(text[i]!);
      let matched = 0;
      if (lengths) {
        for (const len of lengths) {
          if (i + len > text.length) continue;
          const hit = this.terms.get(text.slice(i, i + len));
          if (hit !== undefined) {
            out += text.slice(last, i) + hit;
            matched = len;
            break;
          }
        }
      }
      if (matched > 0) {
        i += matched;
        last = i;
      } else i++;
    }
    return last === 0 ? text : out + text.slice(last);
  }
}
