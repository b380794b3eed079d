/**
 * Which classes light what: a pure function from the current analysis to per-element class lists. The
 * canvas applies them in one batch; tests read them back through `window.__cy`.
 */
import type { Finding, InventoryGraph } from '../../../graph/index.ts';
import { LEG_ROLES, legClass } from '../../../lib/leg-colors.ts';

import type { PathView, RadiusView } from './analysis-views.ts';
import { edgeElementId } from './elements.ts';

export const HIGHLIGHT_CLASSES = [
  'focus',
  'reached',
  'exposing',
  'hop-1',
  'hop-2',
  'hop-3',
  'hop-4',
  'holds-control',
  'holds-read-write',
  'holds-read',
  'holds-write',
  'witness',
  'on-path',
  'evidence',
  'dimmed',
  'path-end',
  ...LEG_ROLES.map(legClass),
];

export interface Highlight {
  /** Element id → classes to add. */
  readonly classes: ReadonlyMap<string, string[]>;
  /** Dim every element without a class. */
  readonly dimRest: boolean;
}

const hopClass = (hops: number): string => `hop-${Math.min(4, Math.max(1, hops))}`;

function add(map: Map<string, string[]>, id: string, ...classes: string[]): void {
  const list = map.get(id);
  if (list) list.push(...classes);
  else map.set(id, [...classes]);
}

/**
 * The radius lit. With `drawn` (the node indexes on the canvas, `graph` naming them) only those entries get
 * classes: on a large inventory the radius has tens of thousands of entries and about a thousand are drawn.
 */
export function highlightRadius(view: RadiusView, drawn?: { readonly graph: InventoryGraph; readonly nodes: readonly number[] }): Highlight {
  const classes = new Map<string, string[]>();
  add(classes, view.focus, 'focus');
  const marker = view.mode === 'reach' ? 'reached' : 'exposing';
  const only = drawn ? new Set(drawn.nodes.map((i) => drawn.graph.nodes[i]!.id)) : null;
  for (const e of view.entries) {
    if (only && !only.has(e.id)) continue;
    add(classes, e.id, marker, hopClass(e.hops));
    if (e.access) add(classes, e.id, `holds-${e.access}`);
  }
  for (const edge of view.witnessEdges) add(classes, edgeElementId(edge), 'witness');
  return { classes, dimRest: true };
}

export function highlightPath(view: PathView): Highlight {
  const classes = new Map<string, string[]>();
  add(classes, view.from, 'path-end', 'on-path');
  add(classes, view.to, 'path-end', 'on-path');
  for (const n of view.nodes) add(classes, n, 'on-path');
  for (const e of view.edges) add(classes, edgeElementId(e), 'on-path');
  return { classes, dimRest: view.found || classes.size > 0 };
}

/**
 * Lit evidence. Given the finding it came from (`EvidenceView`), each leg shown also gets its role's class
 * (`leg-untrusted`, `leg-private`…) on its nodes and edges, so the canvas draws every leg in its own colour:
 * all legs for the whole finding (`leg: null`), only the chosen one for a single leg.
 */
export function highlightEvidence(
  finding: Pick<Finding, 'node' | 'evidence'> & { readonly finding?: Pick<Finding, 'legs'>; readonly leg?: string | null },
): Highlight {
  const classes = new Map<string, string[]>();
  add(classes, finding.node, 'focus');
  for (const n of finding.evidence.nodes) add(classes, n, 'evidence');
  for (const e of finding.evidence.edges) add(classes, edgeElementId(e), 'evidence');
  for (const leg of finding.finding?.legs ?? []) {
    if (finding.leg !== null && finding.leg !== undefined && finding.leg !== leg.name) continue;
    const cls = legClass(leg.role);
    for (const n of leg.nodes) if (!classes.get(n)?.includes(cls)) add(classes, n, cls);
    for (const e of leg.edges) {
      const id = edgeElementId(e);
      if (!classes.get(id)?.includes(cls)) add(classes, id, cls);
    }
  }
  return { classes, dimRest: true };
}

export const NO_HIGHLIGHT: Highlight = { classes: new Map(), dimRest: false };
