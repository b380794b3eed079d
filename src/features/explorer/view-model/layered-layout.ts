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
  /** A layer taller than this is folded into side-by-side sub-columns (wide radii stay compact). */
  readonly maxRows?: number;
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
  const maxRows = input.maxRows && input.maxRows > 0 ? input.maxRows : Number.POSITIVE_INFINITY;
  // Horizontal offset of each layer: folded layers take several sub-columns' width.
  const subGap = Math.min(columnGap * 0.6, 150);
  const layerX = new Map<number, number>();
  let x = 0;
  for (const layer of order) {
    const n = columns.get(layer)!.length;
    const subs = Number.isFinite(maxRows) ? Math.max(1, Math.ceil(n / maxRows)) : 1;
    layerX.set(layer, x);
    x += columnGap + (subs - 1) * subGap;
  }
  for (const layer of order) {
    const ids = columns.get(layer)!;
    const b = Math.floor(layer / wrap);
    const col = Number.isFinite(wrap) ? layer % wrap : layer;
    const rows = Math.min(ids.length, maxRows);
    const height = (rows - 1) * rowGap;
    const centre = Number.isFinite(wrap) ? bandTop.get(b)! + bandHeight.get(b)! / 2 : 0;
    const baseX = Number.isFinite(wrap) ? col * columnGap : layerX.get(layer)!;
    for (const id of ids) {
      const r = row.get(id)!;
      const sub = Number.isFinite(maxRows) ? Math.floor(r / maxRows) : 0;
      const inSub = Number.isFinite(maxRows) ? r % maxRows : r;
      out[id] = { x: baseX + sub * subGap, y: centre + inSub * rowGap - height / 2 };
    }
  }
  return out;
}
