/**
 * The blast-radius picture: a pure layout of a radius (or an exposure, or a path) as columns of hops, read
 * left to right. The selected node stands alone in the first column (the last for an exposure: sources on the
 * left, the target on the right); each hop is a column; within a column the nodes are grouped by kind. Crown
 * jewels, finding legs and the nodes on the way to them are always drawn one by one; every other kind with
 * more than a couple of members in a column is folded into one group item ("12 × SaaS app") that expands in
 * place. A column never holds more rows than fit the viewport at a legible zoom: past that, the least
 * important nodes fold into their kind's group.
 *
 * No Cytoscape, no DOM: it takes the radius entries and returns items, links and positions, which the
 * canvas draws as they are. `labelPlan` chooses which labels to show so that no two label boxes overlap.
 */
import type { NodeKind } from '../../../model/index.ts';

import type { RadiusEntry } from './analysis-views.ts';

export const PICTURE_GROUP_PREFIX = 'fold\u241f';
export const PICTURE_LINK_PREFIX = 'link\u241f';

/** Members of one kind in one column at or under this count are drawn one by one, above it folded. */
export const FOLD_MIN = 3;
/** How many members one click on a folded group unfolds in place. */
export const UNFOLD_PAGE = 24;

export interface PictureNodeItem {
  readonly type: 'node';
  /** Element id: the node's own id. */
  readonly key: string;
  readonly column: number;
  readonly kind: NodeKind;
  readonly label: string;
  /** Higher keeps its label first when labels would collide. */
  readonly priority: number;
  readonly crown: boolean;
  readonly pinned: boolean;
}

export interface PictureGroupItem {
  readonly type: 'group';
  /** Element id: `fold␟<column>␟<kind>[␟crown]`. */
  readonly key: string;
  readonly column: number;
  readonly kind: NodeKind;
  readonly label: string;
  readonly priority: number;
  /** Members not drawn one by one (folded into this item). */
  readonly members: readonly string[];
  readonly crown: boolean;
}

export type PictureItem = PictureNodeItem | PictureGroupItem;

export interface PictureLink {
  /** Element id: a real edge's element id between two drawn nodes, else `link␟<from>␟<to>`. */
  readonly key: string;
  readonly source: string;
  readonly target: string;
  /** The inventory edges this link stands for. */
  readonly edges: readonly string[];
}

export interface RadiusPicture {
  readonly items: readonly PictureItem[];
  readonly links: readonly PictureLink[];
  readonly positions: ReadonlyMap<string, { x: number; y: number }>;
  readonly columns: number;
  /** The hops each column holds, [first, last] (the last column may hold several). */
  readonly columnHops: readonly (readonly [number, number])[];
  /** Which drawn item holds a node (itself, or the group it is folded into). */
  readonly itemOf: ReadonlyMap<string, string>;
  /** Geometry used, so the canvas can size label boxes. */
  readonly geometry: PictureGeometry;
}

export interface PictureGeometry {
  readonly columnGap: number;
  readonly rowGap: number;
  /** Most items stacked in one column (the rest fold). */
  readonly maxRows: number;
  /** Widest a label may run, in model units (the canvas ellipsises past it). */
  readonly labelWidth: number;
  readonly fontSize: number;
  /** Most columns drawn: hops past the last column share it (a long tail folds into one column). */
  readonly maxColumns: number;
}

export interface PictureInput {
  readonly mode: 'reach' | 'exposure';
  readonly focus: { readonly id: string; readonly name: string; readonly kind: NodeKind };
  /** The radius, nearest first (the engine's order). */
  readonly entries: readonly RadiusEntry[];
  /** Ends of an inventory edge, by id. */
  readonly edgeEnds: (edgeId: string) => { readonly source: string; readonly target: string } | undefined;
  /** Nodes always drawn one by one and labelled (finding legs of the selection). */
  readonly pinned?: ReadonlySet<string>;
  /** Group keys the analyst unfolded, with how many pages each. */
  readonly unfolded?: ReadonlyMap<string, number>;
  readonly geometry?: Partial<PictureGeometry>;
}

export const DEFAULT_GEOMETRY: PictureGeometry = { columnGap: 230, rowGap: 64, maxRows: 9, labelWidth: 190, fontSize: 13, maxColumns: 64 };

/** Narrowest a column may be on screen, in pixels, for its labels to say something. */
export const MIN_COLUMN_PX = 150;

/** Columns a radius of `depth` hops takes in a box `width` pixels wide. */
export function pictureColumns(depth: number, width: number): number {
  return Math.min(depth + 1, Math.max(3, Math.floor(width / MIN_COLUMN_PX)));
}

/**
 * Geometry for a free box of `width` × `height` pixels so that the picture, fitted, draws its labels at
 * `minFont` pixels or more: the zoom at fit is at least minFont / fontSize, so the model may be at most
 * box / zoom wide and tall. Columns share the width; rows what is left of the height.
 */
export function pictureGeometry(box: { width: number; height: number }, columns: number, minFont = 11.5): PictureGeometry {
  const fontSize = 13;
  const zoom = minFont / fontSize;
  const modelW = Math.max(200, box.width / zoom);
  const modelH = Math.max(200, box.height / zoom);
  const margin = 90;
  // Sideways the outer columns' labels run past their nodes (half the widest label, 110 units) and the view
  // is framed with them: room for both keeps the fitted zoom at the legible one.
  const sideMargin = 135;
  const columnGap = Math.max(120, Math.min(280, (modelW - sideMargin * 2) / Math.max(1, columns - 1 || 1)));
  const rowGap = 64;
  const maxRows = Math.max(3, Math.floor((modelH - margin) / rowGap));
  return { columnGap, rowGap, maxRows, labelWidth: Math.max(90, columnGap - 36), fontSize, maxColumns: Math.max(3, Math.floor(box.width / MIN_COLUMN_PX)) };
}

export const pictureGroupKey = (column: number, kind: NodeKind, crown: boolean): string =>
  `${PICTURE_GROUP_PREFIX}${column}\u241f${kind}${crown ? '\u241fcrown' : ''}`;
export const isPictureGroupKey = (id: string): boolean => id.startsWith(PICTURE_GROUP_PREFIX);
/** Key of a column's merged group of small kinds (or of crown jewels of several kinds). */
export const pictureMixedKey = (column: number, crown: boolean): string => `${PICTURE_GROUP_PREFIX}${column}␟${crown ? 'crown-jewels' : 'other'}`;

export function kindLabel(kind: NodeKind, labels: Readonly<Record<NodeKind, string>>): string {
  return labels[kind];
}

interface Member {
  readonly id: string;
  readonly name: string;
  readonly kind: NodeKind;
  readonly crown: boolean;
  readonly pinned: boolean;
  readonly column: number;
  readonly order: number;
}

/** The node one step nearer the selection on an entry's witness path, or undefined at hop 1. */
function nearer(mode: 'reach' | 'exposure', entry: RadiusEntry, edgeEnds: PictureInput['edgeEnds']): string | undefined {
  if (entry.path.length === 0) return undefined;
  // Reach paths run focus → entry: the last edge arrives from the nearer node. Exposure paths run entry →
  // focus: the first edge leaves towards it.
  const edge = mode === 'reach' ? entry.path[entry.path.length - 1]! : entry.path[0]!;
  const ends = edgeEnds(edge);
  if (!ends) return undefined;
  return mode === 'reach' ? ends.source : ends.target;
}

/** Builds the picture. `kindLabels` names kinds in group labels ("12 × SaaS app"). */
export function buildRadiusPicture(input: PictureInput, kindLabels: Readonly<Record<NodeKind, string>>): RadiusPicture {
  const { mode, focus, entries, edgeEnds } = input;
  const geometry: PictureGeometry = { ...DEFAULT_GEOMETRY, ...input.geometry };
  const fullDepth = entries.reduce((d, e) => Math.max(d, e.hops), 0);
  // A radius deeper than the columns the box holds: its farthest hops share the last column.
  const depth = Math.min(fullDepth, Math.max(1, geometry.maxColumns - 1));
  const columns = depth + 1;
  const pinnedIds = input.pinned ?? new Set<string>();
  const unfolded = input.unfolded ?? new Map<string, number>();
  const columnOf = (hops: number): number => (mode === 'reach' ? Math.min(hops, depth) : depth - Math.min(hops, depth));
  const byId = new Map<string, RadiusEntry>();
  for (const e of entries) byId.set(e.id, e);

  // Pinned: crown jewels and finding legs, and every node on their witness paths (the way there is the point).
  const mustDraw = new Set<string>();
  for (const e of entries) {
    if (!e.crownJewel && !pinnedIds.has(e.id)) continue;
    mustDraw.add(e.id);
    for (const edge of e.path) {
      const ends = edgeEnds(edge);
      if (!ends) continue;
      for (const id of [ends.source, ends.target]) if (id !== focus.id && byId.has(id)) mustDraw.add(id);
    }
  }

  // Members per column, per kind (crown jewels apart, so a folded crown group says so).
  const perColumn: Member[][] = Array.from({ length: columns }, () => []);
  entries.forEach((e, order) => {
    const column = columnOf(e.hops);
    perColumn[column]!.push({ id: e.id, name: e.name, kind: e.kind, crown: e.crownJewel, pinned: mustDraw.has(e.id), column, order });
  });

  const items: PictureItem[] = [];
  const itemOf = new Map<string, string>();
  const columnItems: PictureItem[][] = Array.from({ length: columns }, () => []);
  const focusColumn = columnOf(0);
  const focusItem: PictureNodeItem = {
    type: 'node', key: focus.id, column: focusColumn, kind: focus.kind, label: focus.name, priority: 1000, crown: false, pinned: true,
  };
  columnItems[focusColumn]!.push(focusItem);
  itemOf.set(focus.id, focus.id);

  const nodePriority = (m: Member): number => (pinnedIds.has(m.id) ? 400 : 0) + (m.crown ? 300 : 0) + (m.pinned ? 100 : 0) + 50 / (1 + m.order / 50);

  for (let c = 0; c < columns; c++) {
    const members = perColumn[c]!;
    if (!members.length) continue;
    // Runs of one kind (crown jewels apart), in order of first appearance.
    const runs = new Map<string, { kind: NodeKind; crown: boolean; members: Member[] }>();
    for (const m of members) {
      const key = pictureGroupKey(c, m.kind, m.crown);
      const run = runs.get(key) ?? { kind: m.kind, crown: m.crown, members: [] };
      run.members.push(m);
      runs.set(key, run);
    }
    const drawn: Member[] = [];
    const folded = new Map<string, Member[]>();
    for (const [key, run] of runs) {
      const pages = unfolded.get(key) ?? 0;
      const loose = run.members.filter((m) => !m.pinned);
      const shown = new Set<Member>(run.members.filter((m) => m.pinned));
      if (loose.length < FOLD_MIN) for (const m of loose) shown.add(m);
      else for (const m of loose.slice(0, pages * UNFOLD_PAGE)) shown.add(m);
      for (const m of run.members) {
        if (shown.has(m)) drawn.push(m);
        else (folded.get(key) ?? folded.set(key, []).get(key)!).push(m);
      }
    }
    // Too many rows for the column: fold the least important drawn nodes (never the unfolded ones' page, if
    // avoidable, and crown jewels last) until it fits. The focus column keeps its row for the focus.
    const reserved = c === focusColumn ? 1 : 0;
    let mergedRef: ReadonlyMap<string, unknown> = new Map();
    const rows = (): number => reserved + drawn.length + folded.size + mergedRef.size;
    if (rows() > geometry.maxRows) {
      const byImportance = [...drawn].sort((a, b) => nodePriority(a) - nodePriority(b));
      for (const m of byImportance) {
        if (rows() <= geometry.maxRows) break;
        const key = pictureGroupKey(c, m.kind, m.crown);
        // Unfolded pages stay drawn: the analyst asked for them (the column then grows; the view refits).
        if ((unfolded.get(key) ?? 0) > 0 && !m.pinned) continue;
        drawn.splice(drawn.indexOf(m), 1);
        (folded.get(key) ?? folded.set(key, []).get(key)!).push(m);
      }
    }
    // A group of one says less than the node itself, in the same row: draw the node.
    for (const [key, rest] of folded) {
      if (rest.length !== 1) continue;
      drawn.push(rest[0]!);
      folded.delete(key);
    }
    // Still too many rows (many kinds of one or two members each): the smallest groups, then the least
    // important loose nodes, merge into one "other kinds" group (crown jewels into their own), unless the
    // analyst unfolded it, which puts its kinds back in place.
    const merged = new Map<string, { crown: boolean; members: Member[] }>();
    mergedRef = merged;
    for (const crown of [false, true]) {
      const key = pictureMixedKey(c, crown);
      if ((unfolded.get(key) ?? 0) > 0) continue;
      const groups = [...folded.entries()].filter(([k]) => runs.get(k)!.crown === crown).sort((a, b) => a[1].length - b[1].length);
      for (const [k, list] of groups) {
        if (rows() <= geometry.maxRows) break;
        const into = merged.get(key) ?? { crown, members: [] };
        into.members.push(...list);
        merged.set(key, into);
        folded.delete(k);
        // The merged group takes one row of its own (counted once through `merged`).
      }
      const loose = drawn.filter((m) => m.crown === crown).sort((a, b) => nodePriority(a) - nodePriority(b));
      for (const m of loose) {
        if (rows() <= geometry.maxRows) break;
        const into = merged.get(key) ?? { crown, members: [] };
        into.members.push(m);
        merged.set(key, into);
        drawn.splice(drawn.indexOf(m), 1);
      }
    }
    // Order within the column: kind runs together (crown jewels first), each run's drawn nodes then its group.
    const runOrder = [...runs.keys()].sort((a, b) => {
      const ra = runs.get(a)!;
      const rb = runs.get(b)!;
      if (ra.crown !== rb.crown) return ra.crown ? -1 : 1;
      return ra.members[0]!.order - rb.members[0]!.order;
    });
    for (const key of runOrder) {
      const run = runs.get(key)!;
      for (const m of drawn.filter((d) => pictureGroupKey(c, d.kind, d.crown) === key).sort((a, b) => a.order - b.order)) {
        const item: PictureNodeItem = {
          type: 'node', key: m.id, column: c, kind: m.kind, label: m.name, priority: nodePriority(m), crown: m.crown, pinned: m.pinned,
        };
        columnItems[c]!.push(item);
        itemOf.set(m.id, m.id);
      }
      const rest = folded.get(key);
      if (rest?.length) {
        const more = (unfolded.get(key) ?? 0) > 0 || rest.length < run.members.length;
        const label = `${more ? '+ ' : ''}${rest.length.toLocaleString('en-US')} × ${run.crown ? 'crown-jewel ' : ''}${kindLabels[run.kind]}`;
        const item: PictureGroupItem = {
          type: 'group', key, column: c, kind: run.kind, label, priority: 200 + Math.log10(rest.length + 1) * 10 + (run.crown ? 300 : 0),
          members: rest.map((m) => m.id), crown: run.crown,
        };
        columnItems[c]!.push(item);
        for (const m of rest) itemOf.set(m.id, key);
      }
    }
    for (const [key, group] of [...merged.entries()].sort((a, b) => Number(b[1].crown) - Number(a[1].crown))) {
      const kinds = new Set(group.members.map((m) => m.kind)).size;
      const label = `${group.members.length.toLocaleString('en-US')} × ${group.crown ? 'crown jewels' : 'other'} (${kinds} kind${kinds === 1 ? '' : 's'})`;
      const item: PictureGroupItem = {
        type: 'group', key, column: c, kind: group.members[0]!.kind, label, priority: 200 + Math.log10(group.members.length + 1) * 10 + (group.crown ? 300 : 0),
        members: group.members.map((m) => m.id), crown: group.crown,
      };
      // Crown jewels' merged group first in the column, the other kinds' last.
      if (group.crown) columnItems[c]!.splice(c === focusColumn ? 1 : 0, 0, item);
      else columnItems[c]!.push(item);
      for (const m of group.members) itemOf.set(m.id, key);
    }
  }

  // Links: each entry's witness step, from the item holding the nearer node to the item holding it.
  const links = new Map<string, { source: string; target: string; edges: string[] }>();
  for (const e of entries) {
    const from = nearer(mode, e, edgeEnds);
    if (from === undefined) continue;
    const a = itemOf.get(from);
    const b = itemOf.get(e.id);
    if (a === undefined || b === undefined || a === b) continue;
    // Steps inside the shared last column are not drawn (they would run up and down the column).
    if (columnOf(e.hops) === columnOf(byId.get(from)?.hops ?? 0)) continue;
    const edge = mode === 'reach' ? e.path[e.path.length - 1]! : e.path[0]!;
    // Capability runs source → target: reach from the nearer node out, exposure from the entry in.
    const [source, target] = mode === 'reach' ? [a, b] : [b, a];
    const bothNodes = !isPictureGroupKey(source) && !isPictureGroupKey(target);
    const key = bothNodes ? `edge\u241f${edge}` : `${PICTURE_LINK_PREFIX}${source}\u241f${target}`;
    const link = links.get(key) ?? { source, target, edges: [] };
    link.edges.push(edge);
    links.set(key, link);
  }

  // Positions: columns left to right, each column's items stacked and centred on the row of the focus.
  const positions = new Map<string, { x: number; y: number }>();
  for (let c = 0; c < columns; c++) {
    const list = columnItems[c]!;
    const height = (list.length - 1) * geometry.rowGap;
    list.forEach((item, r) => positions.set(item.key, { x: c * geometry.columnGap, y: r * geometry.rowGap - height / 2 }));
    items.push(...list);
  }

  return {
    items,
    links: [...links.entries()].map(([key, l]) => ({ key, ...l })),
    positions,
    columns,
    columnHops: Array.from({ length: columns }, (_, c) => {
      const hop = mode === 'reach' ? c : depth - c;
      return (hop === depth && fullDepth > depth ? [depth, fullDepth] : [hop, hop]) as [number, number];
    }),
    itemOf,
    geometry,
  };
}

/** A path as one straight row: step i at column i. */
export function pathRow(nodes: readonly string[], columnGap = DEFAULT_GEOMETRY.columnGap): Map<string, { x: number; y: number }> {
  return new Map(nodes.map((id, i) => [id, { x: i * columnGap, y: 0 }]));
}

export interface LabelBox {
  readonly id: string;
  readonly x1: number;
  readonly y1: number;
  readonly x2: number;
  readonly y2: number;
  readonly priority: number;
}

/**
 * The label box a node's label takes below it, estimated from its text (an average glyph is about 0.6 em
 * wide, bounded by the ellipsis width), in model units.
 */
export function estimateLabelBox(
  id: string,
  at: { x: number; y: number },
  text: string,
  priority: number,
  { fontSize, labelWidth, nodeSize = 32 }: { fontSize: number; labelWidth: number; nodeSize?: number },
): LabelBox {
  const width = Math.min(labelWidth, Math.max(1, text.length) * fontSize * 0.62) + 6;
  const top = at.y + nodeSize / 2 + 2;
  return { id, x1: at.x - width / 2, x2: at.x + width / 2, y1: top, y2: top + fontSize * 1.35 + 4, priority };
}

const overlaps = (a: LabelBox, b: LabelBox): boolean => a.x1 < b.x2 && b.x1 < a.x2 && a.y1 < b.y2 && b.y1 < a.y2;

/** Greedy by priority: a label is shown when its box overlaps no label already shown. */
export function labelPlan(boxes: readonly LabelBox[]): Set<string> {
  const order = [...boxes].sort((a, b) => b.priority - a.priority || (a.id < b.id ? -1 : 1));
  const shown: LabelBox[] = [];
  const out = new Set<string>();
  for (const box of order) {
    if (shown.some((s) => overlaps(s, box))) continue;
    shown.push(box);
    out.add(box.id);
  }
  return out;
}

/** Padding to fit inside a free box: the largest free rectangle left by panels floating over the canvas. */
export interface Rect {
  readonly left: number;
  readonly top: number;
  readonly right: number;
  readonly bottom: number;
}

/**
 * The free box of a canvas of `width` × `height` once the `blocked` rectangles (panels, the minimap, the
 * toolbar, all in canvas pixels) are taken out: each blocker is pushed to the side it hugs (the one it is
 * nearest), and the box shrinks from that side. Returns insets from each side.
 */
export function freeInsets(width: number, height: number, blocked: readonly Rect[], gap = 12): Rect {
  let left = 0;
  let top = 0;
  let right = 0;
  let bottom = 0;
  for (const b of blocked) {
    const l = Math.max(0, b.left);
    const t = Math.max(0, b.top);
    const r = Math.min(width, b.right);
    const bt = Math.min(height, b.bottom);
    if (r <= l || bt <= t) continue;
    // Cost of taking the blocker out from each side: the area of canvas given up.
    const options = [
      { side: 'left', inset: r + gap, cost: (r + gap) * height },
      { side: 'right', inset: width - l + gap, cost: (width - l + gap) * height },
      { side: 'top', inset: bt + gap, cost: (bt + gap) * width },
      { side: 'bottom', inset: height - t + gap, cost: (height - t + gap) * width },
    ] as const;
    const best = options.reduce((m, o) => (o.cost < m.cost ? o : m));
    if (best.side === 'left') left = Math.max(left, best.inset);
    if (best.side === 'right') right = Math.max(right, best.inset);
    if (best.side === 'top') top = Math.max(top, best.inset);
    if (best.side === 'bottom') bottom = Math.max(bottom, best.inset);
  }
  return { left, top, right, bottom };
}
