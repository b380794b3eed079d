/**
 * Node positions cached per inventory (keyed by a fingerprint of its content, so reopening the same file
 * is instant), and incremental placement of newly revealed nodes next to their drawn neighbours.
 */
import type { InventoryGraph } from '../../../graph/index.ts';
import type { Positions } from '../../../workers/analysis-protocol.ts';

const memory = new Map<string, Map<string, { x: number; y: number }>>();
const STORAGE_PREFIX = 'pathlight.positions.';
/** Positions beyond this many are kept in memory only. */
const STORE_LIMIT = 4000;

/** A cheap content fingerprint: sizes plus a hash of every node and edge id. */
const fingerprints = new WeakMap<InventoryGraph, string>();

/** A hash of the inventory's node and edge ids, computed once per graph. */
export function inventoryFingerprint(graph: InventoryGraph): string {
  let known = fingerprints.get(graph);
  if (known === undefined) {
    known = hashIds(graph);
    fingerprints.set(graph, known);
  }
  return known;
}

function hashIds(graph: InventoryGraph): string {
  let h = 2166136261;
  const mix = (s: string): void => {
    for (let i = 0; i < s.length; i++) {
      h ^= s.charCodeAt(i);
      h = Math.imul(h, 16777619);
    }
  };
  for (const n of graph.nodes) mix(n.id);
  for (const e of graph.edges) mix(e.id);
  return `${graph.nodes.length}.${graph.edges.length}.${(h >>> 0).toString(36)}`;
}

export function getPositionCache(fingerprint: string): Map<string, { x: number; y: number }> {
  let cache = memory.get(fingerprint);
  if (!cache) {
    cache = new Map();
    try {
      const raw = globalThis.localStorage?.getItem(STORAGE_PREFIX + fingerprint);
      if (raw) for (const [id, p] of Object.entries(JSON.parse(raw) as Positions)) cache.set(id, p);
    } catch {
      // A corrupt or unavailable cache only costs a layout.
    }
    memory.set(fingerprint, cache);
  }
  return cache;
}

const pendingSaves = new Set<string>();

/**
 * Writes the positions of an inventory to localStorage, soon rather than now: serialising thousands of
 * positions must not delay the frame that shows a selection. Several saves in a row write once.
 */
export function savePositionCache(fingerprint: string): void {
  if (pendingSaves.has(fingerprint)) return;
  pendingSaves.add(fingerprint);
  setTimeout(() => {
    pendingSaves.delete(fingerprint);
    writePositionCache(fingerprint);
  }, 1000);
}

/** Writes the positions of an inventory to localStorage now. */
export function writePositionCache(fingerprint: string): void {
  const cache = memory.get(fingerprint);
  if (!cache || cache.size > STORE_LIMIT) return;
  try {
    const ls = globalThis.localStorage;
    if (!ls) return;
    // Keep only a few inventories around.
    const keys = Object.keys(ls).filter((k) => k.startsWith(STORAGE_PREFIX) && k !== STORAGE_PREFIX + fingerprint);
    for (const k of keys.slice(0, Math.max(0, keys.length - 4))) ls.removeItem(k);
    ls.setItem(STORAGE_PREFIX + fingerprint, JSON.stringify(Object.fromEntries(cache)));
  } catch {
    // Quota exceeded: memory cache still works.
  }
}

/**
 * Places nodes without a position next to their placed neighbours (on a small ring around the neighbours'
 * centre), or, with no placed neighbour, in rows below what is already drawn. Mutates `positions`.
 * @returns the ids it placed.
 */
export function placeIncrementally(
  ids: readonly string[],
  neighbours: (id: string) => readonly string[],
  positions: Map<string, { x: number; y: number }>,
): string[] {
  const placed: string[] = [];
  let maxY = -Infinity;
  let minX = Infinity;
  for (const p of positions.values()) {
    if (p.y > maxY) maxY = p.y;
    if (p.x < minX) minX = p.x;
  }
  if (!Number.isFinite(maxY)) {
    maxY = 0;
    minX = 0;
  }
  const ringCount = new Map<string, number>();
  let orphan = 0;
  // Two passes: a node whose neighbour is placed in the first pass can attach to it in the second.
  const pending = ids.filter((id) => !positions.has(id));
  for (let pass = 0; pass < 2; pass++) {
    for (const id of pending) {
      if (positions.has(id)) continue;
      const anchors = neighbours(id)
        .map((n) => positions.get(n))
        .filter((p): p is { x: number; y: number } => p !== undefined);
      if (anchors.length === 0) {
        if (pass === 0) continue;
        const col = orphan % 24;
        const r = Math.floor(orphan / 24);
        positions.set(id, { x: minX + col * 90, y: maxY + 140 + r * 90 });
        orphan++;
      } else {
        const cx = anchors.reduce((s, p) => s + p.x, 0) / anchors.length;
        const cy = anchors.reduce((s, p) => s + p.y, 0) / anchors.length;
        const key = `${Math.round(cx)},${Math.round(cy)}`;
        const k = ringCount.get(key) ?? 0;
        ringCount.set(key, k + 1);
        // A golden-angle spiral around the neighbours' centre: many new nodes never stack.
        const angle = k * 2.399963;
        const r = 70 * Math.sqrt(k + 1);
        positions.set(id, { x: cx + Math.cos(angle) * r, y: cy + Math.sin(angle) * r });
      }
      placed.push(id);
    }
  }
  return placed;
}

/**
 * Where the group badges (the folded rest of a large inventory) go: a shelf right of what is drawn, top
 * down, each badge below the previous one with room for its two-line label, in columns of `perColumn`.
 * Recomputed from the drawn nodes' positions each time, so the shelf follows the drawing.
 */
export function shelfPositions(
  groups: readonly { readonly id: string; readonly size: number }[],
  drawn: readonly { x: number; y: number }[],
  perColumn = 6,
): Map<string, { x: number; y: number }> {
  let x2 = 0;
  let y1 = 0;
  if (drawn.length) {
    x2 = -Infinity;
    y1 = Infinity;
    for (const p of drawn) {
      if (p.x > x2) x2 = p.x;
      if (p.y < y1) y1 = p.y;
    }
  }
  const out = new Map<string, { x: number; y: number }>();
  const widest = groups.reduce((m, g) => Math.max(m, g.size), 0);
  // Labels run to about 220px wide under the badge.
  const columnWidth = Math.max(widest, 220) + 40;
  let y = y1;
  groups.forEach((g, i) => {
    const col = Math.floor(i / perColumn);
    if (i % perColumn === 0) y = y1;
    out.set(g.id, { x: x2 + 140 + columnWidth / 2 + col * columnWidth, y: y + g.size / 2 });
    y += g.size + 70;
  });
  return out;
}
