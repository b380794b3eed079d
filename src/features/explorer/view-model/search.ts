/** Typeahead over node names, ids and kinds. Pure; a linear scan is a few ms even at 100k nodes. */
import type { InventoryGraph } from '../../../graph/index.ts';
import { NODE_KIND_LABELS } from '../../../model/index.ts';

export interface SearchIndex {
  readonly names: readonly string[];
  readonly ids: readonly string[];
  readonly kinds: readonly string[];
}

export function toSearchIndex(graph: InventoryGraph): SearchIndex {
  return {
    names: graph.nodes.map((n) => n.name.toLowerCase()),
    ids: graph.nodes.map((n) => n.id.toLowerCase()),
    kinds: graph.nodes.map((n) => `${n.kind} ${NODE_KIND_LABELS[n.kind]}`.toLowerCase()),
  };
}

/**
 * Node indexes matching every word of `query`, best first: exact name or id, then prefix, then word
 * prefix, then substring; kind words only filter.
 */
export function searchNodes(index: SearchIndex, query: string, limit = 20): number[] {
  const words = query.toLowerCase().trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return [];
  const scored: { i: number; s: number }[] = [];
  const n = index.names.length;
  for (let i = 0; i < n; i++) {
    const name = index.names[i]!;
    const id = index.ids[i]!;
    const kind = index.kinds[i]!;
    let score = 0;
    let ok = true;
    for (const w of words) {
      let s = 0;
      if (name === w || id === w) s = 100;
      else if (name.startsWith(w) || id.startsWith(w)) s = 60;
      else if (name.includes(` ${w}`) || id.includes(`:${w}`) || id.includes(`-${w}`)) s = 40;
      else if (name.includes(w) || id.includes(w)) s = 20;
      else if (kind.includes(w)) s = 5;
      if (s === 0) {
        ok = false;
        break;
      }
      score += s;
    }
    if (ok) scored.push({ i, s: score - name.length / 100 });
  }
  scored.sort((a, b) => b.s - a.s || a.i - b.i);
  return scored.slice(0, limit).map((x) => x.i);
}
