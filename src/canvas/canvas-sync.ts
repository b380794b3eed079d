/**
 * Brings the Cytoscape instance to (what is drawn, what is lit), touching only what changed, and adds new
 * elements progressively: nearest first, a first batch at once and the rest in later batches.
 *
 * Why: under software rendering Cytoscape spends about half a millisecond per element it adds (style
 * matching against every stylesheet selector, label sizing, the first paint of its texture) and restyles
 * every element whose classes change. A selection on a large inventory swaps about 1.5k elements, so doing
 * it in one go freezes the page for most of a second before anything lights. This module keeps each step
 * small:
 * - elements that stay get only the class tokens that differ from what this module last gave them; an
 *   element whose classes did not change is not restyled at all;
 * - new elements arrive with their final classes (base, lit or dimmed, the current label quietness) and
 *   position, so each is styled once;
 * - the first batch holds the group badges, the focus and the nearest part of the radius (the order of
 *   `elements`), each node followed by its edges to what is already there, so the first frame already
 *   shows the radius lighting up around its source; the caller adds the rest with `addNext`, a batch per
 *   frame;
 * - overlay classes (review marks, drift marks: `SyncOptions.extraClasses`) are part of what an element
 *   should carry, so they arrive with it and leave when an overlay stops giving them; classes set
 *   outside (the trace, zoom quietness) are left alone: the module only ever removes tokens it added itself.
 */
import type cytoscape from 'cytoscape';

import type { CanvasElement, CanvasLit, Point } from './types.ts';

/** Element id → the class tokens this module last set on it. */
export type OwnedClasses = Map<string, readonly string[]>;

export interface PendingElement {
  readonly def: CanvasElement;
  readonly classes: readonly string[];
}

export interface SyncOptions {
  /** Classes a newly added node gets for the current zoom level (labels hidden when far out). */
  readonly quietClasses?: (def: CanvasElement) => string;
  /** Where a node goes (read when it is added, so a layout that lands meanwhile is used). */
  readonly positionOf?: (id: string) => Point | undefined;
  /** Overlay class tokens for an element id (other features' marks, passed in as data). */
  readonly extraClasses?: (id: string) => readonly string[] | undefined;
  /** How many new elements to add now; the rest is returned in `pending`. Default: all. */
  readonly firstBatch?: number;
}

export interface SyncResult {
  readonly added: number;
  readonly removed: number;
  /** Elements whose classes, data or position changed (and are restyled or redrawn by Cytoscape). */
  readonly changed: number;
  /** New elements not added yet, in the order to add them. */
  readonly pending: PendingElement[];
}

/** The classes an element should carry: its own, what is lit gives it (or `dimmed`), then overlay tokens. */
export function wantedClasses(def: CanvasElement, lit: CanvasLit, extra?: readonly string[]): string[] {
  const base = def.classes ? def.classes.split(' ').filter(Boolean) : [];
  const on = lit.classes.get(def.data.id as string);
  const out = on ? [...base, ...on] : lit.dimRest && !base.includes('group-focused') ? [...base, 'dimmed'] : base;
  if (!extra?.length) return out;
  for (const c of extra) if (!out.includes(c)) out.push(c);
  return out;
}

function sameTokens(a: readonly string[], b: readonly string[]): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

/**
 * Orders new elements for adding: group badges first, then nodes in the given order (nearest first), each
 * followed by its edges whose other end is already drawn or queued; edges between drawn nodes go first.
 * An edge is never queued before both of its ends.
 */
export function orderForAdding(fresh: readonly PendingElement[], drawn: (id: string) => boolean): PendingElement[] {
  const nodes: PendingElement[] = [];
  const groups: PendingElement[] = [];
  const edgesAt = new Map<string, PendingElement[]>();
  const out: PendingElement[] = [];
  for (const p of fresh) {
    if (p.def.group === 'nodes') {
      (p.classes.includes('group') ? groups : nodes).push(p);
      continue;
    }
    const s = p.def.data.source as string;
    const t = p.def.data.target as string;
    if (drawn(s) && drawn(t)) {
      out.push(p);
      continue;
    }
    for (const end of s === t ? [s] : [s, t]) {
      const list = edgesAt.get(end);
      if (list) list.push(p);
      else edgesAt.set(end, [p]);
    }
  }
  const queued = new Set<string>();
  const queuedEdges = new Set<PendingElement>();
  const present = (id: string): boolean => queued.has(id) || drawn(id);
  for (const n of [...groups, ...nodes]) {
    const id = n.def.data.id as string;
    out.push(n);
    queued.add(id);
    for (const e of edgesAt.get(id) ?? []) {
      if (queuedEdges.has(e)) continue;
      if (present(e.def.data.source as string) && present(e.def.data.target as string)) {
        out.push(e);
        queuedEdges.add(e);
      }
    }
  }
  return out;
}

function definition(p: PendingElement, options: SyncOptions): cytoscape.ElementDefinition {
  const quiet = p.def.group === 'nodes' ? (options.quietClasses?.(p.def) ?? '') : '';
  const position = p.def.group === 'nodes' ? options.positionOf?.(p.def.data.id as string) : undefined;
  return {
    group: p.def.group,
    data: { ...p.def.data },
    classes: quiet ? [...p.classes, quiet].join(' ') : p.classes.join(' '),
    ...(position ? { position: { x: position.x, y: position.y } } : {}),
  };
}

/** Adds the next `count` pending elements (all when omitted) in one batch; returns how many it added. */
export function addNext(cy: cytoscape.Core, pending: PendingElement[], options: SyncOptions, count = pending.length): number {
  const batch = pending.splice(0, count);
  if (batch.length) cy.add(batch.map((p) => definition(p, options)));
  return batch.length;
}

/**
 * The class pass alone, for a change of what is lit or of an overlay on a stable drawing: no element is
 * added, removed or moved; only elements whose tokens differ are touched. Returns how many were.
 */
export function syncClasses(
  cy: cytoscape.Core,
  elements: readonly CanvasElement[],
  lit: CanvasLit,
  owned: OwnedClasses,
  extraClasses?: (id: string) => readonly string[] | undefined,
): number {
  let changed = 0;
  cy.batch(() => {
    for (const def of elements) {
      const id = def.data.id as string;
      const before = owned.get(id);
      // Not drawn yet (still pending): it will arrive with its classes of the moment it is added.
      if (!before) continue;
      const classes = wantedClasses(def, lit, extraClasses?.(id));
      if (sameTokens(before, classes)) continue;
      const el = cy.getElementById(id);
      if (el.empty()) continue;
      if (applyTokens(el, before, classes)) changed++;
      owned.set(id, classes);
    }
  });
  return changed;
}

function applyTokens(el: cytoscape.CollectionReturnValue, before: readonly string[], classes: readonly string[]): boolean {
  const next = new Set(classes);
  const prev = new Set(before);
  const drop = before.filter((c) => !next.has(c));
  const gain = classes.filter((c) => !prev.has(c));
  if (drop.length) el.removeClass(drop.join(' '));
  if (gain.length) el.addClass(gain.join(' '));
  return drop.length > 0 || gain.length > 0;
}

export function syncCanvas(
  cy: cytoscape.Core,
  elements: readonly CanvasElement[],
  lit: CanvasLit,
  owned: OwnedClasses,
  options: SyncOptions = {},
): SyncResult {
  const wanted = new Map<string, CanvasElement>();
  for (const e of elements) wanted.set(e.data.id as string, e);
  let removed = 0;
  let changed = 0;
  const fresh: PendingElement[] = [];
  let pending: PendingElement[] = [];
  let added = 0;
  cy.batch(() => {
    const gone = cy.collection();
    cy.elements().forEach((el) => {
      if (!wanted.has(el.id())) gone.merge(el);
    });
    if (gone.nonempty()) {
      gone.forEach((el) => void owned.delete(el.id()));
      removed = gone.length;
      gone.remove();
    }
    for (const def of elements) {
      const id = def.data.id as string;
      const classes = wantedClasses(def, lit, options.extraClasses?.(id));
      let el = cy.getElementById(id);
      if (el.nonempty() && def.group === 'edges' && (el.data('source') !== def.data.source || el.data('target') !== def.data.target)) {
        // An edge's ends cannot change in place: redraw it.
        el.remove();
        el = cy.collection();
      }
      if (el.empty()) {
        fresh.push({ def, classes });
        owned.set(id, classes);
        continue;
      }
      let touched = false;
      const before = owned.get(id) ?? [];
      if (!sameTokens(before, classes)) {
        touched = applyTokens(el, before, classes);
        owned.set(id, classes);
      }
      for (const [k, v] of Object.entries(def.data)) {
        if (k === 'id' || k === 'source' || k === 'target') continue;
        if (el.data(k) !== v) {
          el.data(k, v);
          touched = true;
        }
      }
      if (def.group === 'nodes' && options.positionOf) {
        const p = options.positionOf(id);
        const at = el.position();
        if (p && (p.x !== at.x || p.y !== at.y)) {
          el.position({ x: p.x, y: p.y });
          touched = true;
        }
      }
      if (touched) changed++;
    }
    pending = orderForAdding(fresh, (id) => cy.getElementById(id).nonempty());
    added = addNext(cy, pending, options, options.firstBatch ?? pending.length);
  });
  return { added, removed, changed, pending };
}
