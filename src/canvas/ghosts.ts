/**
 * Ghosts: removed elements (live drift) drawn faded, dashed and not clickable next to the neighbours they
 * had. The canvas places them after each pass that draws its elements (the pass removes what it did not
 * draw); elements that drift added are marked by the overlay's classes (`drift-added`).
 */
import type cytoscape from 'cytoscape';

import type { GhostEdge, GhostNode, Point } from './types.ts';

export const GHOST_PREFIX = 'ghost\u241f';
const EDGE_PREFIX = 'edge\u241f';
const LABEL_MAX = 28;
/** How far a ghost sits from the neighbour it is drawn by. */
export const GHOST_OFFSET = 90;

const label = (name: string): string => {
  const one = name.replace(/\s+/g, ' ').trim();
  return one.length > LABEL_MAX ? `${one.slice(0, LABEL_MAX - 1)}…` : one;
};

export interface Ghosts {
  readonly ghostNodes: readonly GhostNode[];
  readonly ghostEdges: readonly GhostEdge[];
}

/** Replaces the ghosts on the canvas by these. */
export function applyGhosts(cy: cytoscape.Core, marks: Ghosts): void {
  cy.batch(() => {
    cy.elements('.ghost').remove();
    if (marks.ghostNodes.length === 0 && marks.ghostEdges.length === 0) return;
    const ghostIds = new Set(marks.ghostNodes.map((g) => g.id));
    const at = (id: string): cytoscape.CollectionReturnValue => cy.getElementById(ghostIds.has(id) ? GHOST_PREFIX + id : id);
    // A ghost sits by a drawn neighbour it had; otherwise in a column right of the drawing.
    const box = cy.nodes().nonempty() ? cy.nodes().boundingBox() : { x1: 0, x2: 0, y1: 0, y2: 0 };
    const bb = { x2: box.x2, y1: box.y1 };
    const mid = { x: (box.x1 + box.x2) / 2, y: (box.y1 + box.y2) / 2 };
    let spare = 0;
    marks.ghostNodes.forEach((g, i) => {
      let anchor: Point | null = null;
      for (const e of marks.ghostEdges) {
        const other = e.source === g.id ? e.target : e.target === g.id ? e.source : null;
        if (other === null || ghostIds.has(other)) continue;
        const n = cy.getElementById(other);
        if (n.nonempty() && !n.hasClass('group')) {
          anchor = n.position();
          break;
        }
      }
      // Outward from the middle of the drawing (less likely to land on other nodes), fanned per ghost.
      let position: Point;
      if (anchor) {
        const a: Point = anchor;
        const away = Math.atan2(a.y - mid.y, a.x - mid.x);
        const angle = (Number.isFinite(away) ? away : 0) + (i % 5) * 0.5 - 1;
        position = { x: a.x + GHOST_OFFSET * Math.cos(angle), y: a.y + GHOST_OFFSET * Math.sin(angle) };
      } else {
        position = { x: bb.x2 + 90, y: bb.y1 + 70 * spare++ };
      }
      cy.add({ group: 'nodes', data: { id: GHOST_PREFIX + g.id, label: `${label(g.name)} (removed)`, kind: g.kind }, classes: `ghost kind-${g.kind}`, position });
    });
    for (const e of marks.ghostEdges) {
      const s = at(e.source);
      const t = at(e.target);
      if (s.empty() || t.empty() || s.hasClass('group') || t.hasClass('group')) continue;
      if (cy.getElementById(EDGE_PREFIX + e.id).nonempty()) continue;
      cy.add({ group: 'edges', data: { id: GHOST_PREFIX + EDGE_PREFIX + e.id, source: s.id(), target: t.id(), kind: e.kind }, classes: 'ghost' });
    }
  });
}

/** Stylesheet entries for the marks; pushed last so they win. */
export function driftStyles(theme: 'dark' | 'light'): cytoscape.StylesheetJson {
  const added = theme === 'dark' ? '#4cc38a' : '#1f8a55';
  const ghost = theme === 'dark' ? '#9aa7b5' : '#76828f';
  return [
    { selector: 'node.drift-added', style: { 'underlay-color': added, 'underlay-opacity': 0.45, 'underlay-padding': 12, 'border-color': added, 'border-width': 3 } },
    { selector: 'edge.drift-added', style: { 'line-color': added, 'target-arrow-color': added, width: 3, opacity: 1, 'z-index': 8 } },
    {
      selector: 'node.ghost',
      style: {
        opacity: 0.5,
        'background-opacity': 0.15,
        'background-image-opacity': 0.4,
        'border-style': 'dashed',
        'border-width': 2,
        'border-color': ghost,
        color: ghost,
        events: 'no',
      },
    },
    { selector: 'edge.ghost', style: { 'line-style': 'dashed', 'line-color': ghost, 'target-arrow-color': ghost, opacity: 0.55, width: 1.5, events: 'no' } },
  ];
}
