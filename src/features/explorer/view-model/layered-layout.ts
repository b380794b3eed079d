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
  /** Wrap after this many columns (long paths): the next band starts again on the left, below. */
  readonly wrap?: number;
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
  const wrap = input.wrap && input.wrap > 0 ? input.wrap : Number.POSITIVE_INFINITY;
  // Band b holds layers [b*wrap, (b+1)*wrap); its height is its tallest column.
  const bandHeight = new Map<number, number>();
  for (const layer of order) {
    const b = Math.floor(layer / wrap);
    bandHeight.set(b, Math.max(bandHeight.get(b) ?? 0, columns.get(layer)!.length * rowGap));
  }
  const bandTop = new Map<number, number>();
  let top = 0;
  for (const b of [...bandHeight.keys()].sort((x, y) => x - y)) {
    bandTop.set(b, top);
    top += bandHeight.get(b)! + rowGap * 1.6;
  }
  for (const layer of order) {
    const ids = columns.get(layer)!;
    const b = Math.floor(layer / wrap);
    const col = Number.isFinite(wrap) ? layer % wrap : layer;
    const height = (ids.length - 1) * rowGap;
    const centre = Number.isFinite(wrap) ? bandTop.get(b)! + bandHeight.get(b)! / 2 : 0;
    for (const id of ids) out[id] = { x: col * columnGap, y: centre + row.get(id)! * rowGap - height / 2 };
  }
  return out;
}
