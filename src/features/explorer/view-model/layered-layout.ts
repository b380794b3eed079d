/**
 * A layered left-to-right layout for paths and radii: column = hops from the source (source → identities →
 * data), rows ordered by the barycentre of each node's parents to keep crossings down. Linear-ish and pure,
 * so it runs anywhere in a few milliseconds for what is drawn.
 */
import type { Positions } from '../../../workers/analysis-protocol.ts';

export interface LayeredInput {
  /** Node id → column (0 = the source). */
  readonly layers: ReadonlyMap<string, number>;
  readonly edges: readonly { readonly source: string; readonly target: string }[];
  readonly columnGap?: number;
  readonly rowGap?: number;
}

export function layeredLayout(input: LayeredInput): Positions {
  const columnGap = input.columnGap ?? 240;
  const rowGap = input.rowGap ?? 76;
  const columns = new Map<number, string[]>();
  for (const [id, layer] of input.layers) {
    const col = columns.get(layer) ?? [];
    col.push(id);
    columns.set(layer, col);
  }
  const parents = new Map<string, string[]>();
  for (const e of input.edges) {
    const ls = input.layers.get(e.source);
    const lt = input.layers.get(e.target);
    if (ls === undefined || lt === undefined || lt <= ls) continue;
    const list = parents.get(e.target) ?? [];
    list.push(e.source);
    parents.set(e.target, list);
  }
  const row = new Map<string, number>();
  const order = [...columns.keys()].sort((a, b) => a - b);
  for (const layer of order) {
    const ids = columns.get(layer)!;
    const bary = (id: string): number => {
      const ps = (parents.get(id) ?? []).map((p) => row.get(p)).filter((r): r is number => r !== undefined);
      return ps.length ? ps.reduce((s, r) => s + r, 0) / ps.length : Number.POSITIVE_INFINITY;
    };
    const keyed = ids.map((id, i) => ({ id, b: bary(id), i }));
    keyed.sort((a, b) => (a.b === b.b ? a.i - b.i : a.b < b.b ? -1 : 1));
    keyed.forEach((k, i) => row.set(k.id, i));
  }
  const out: Positions = {};
  for (const layer of order) {
    const ids = columns.get(layer)!;
    const height = (ids.length - 1) * rowGap;
    for (const id of ids) out[id] = { x: layer * columnGap, y: row.get(id)! * rowGap - height / 2 };
  }
  return out;
}
