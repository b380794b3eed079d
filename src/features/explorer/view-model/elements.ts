/**
 * Pure conversion of what is drawn into Cytoscape element definitions. Node ids are the inventory's own;
 * edge and group ids carry a prefix so they can never collide with a node id.
 */
import { NODE_AI, NODE_CROWN_JEWEL } from '../../../graph/index.ts';
import type { InventoryGraph } from '../../../graph/index.ts';
import { NODE_KIND_LABELS, accessName } from '../../../model/index.ts';
import type { NodeKind } from '../../../model/index.ts';

import type { VisibleSet } from './visible-set.ts';

export const EDGE_PREFIX = 'edge\u241f';
export const GROUP_PREFIX = 'group\u241f';

export const edgeElementId = (edgeId: string): string => EDGE_PREFIX + edgeId;
export const groupElementId = (kind: NodeKind): string => GROUP_PREFIX + kind;
export const isGroupElementId = (id: string): boolean => id.startsWith(GROUP_PREFIX);
export const isEdgeElementId = (id: string): boolean => id.startsWith(EDGE_PREFIX);
export const edgeIdOf = (elementId: string): string => elementId.slice(EDGE_PREFIX.length);
export const groupKindOf = (elementId: string): NodeKind => elementId.slice(GROUP_PREFIX.length) as NodeKind;

export interface ElementDef {
  readonly group: 'nodes' | 'edges';
  readonly data: Record<string, string | number | boolean>;
  readonly classes: string;
}

/** Labels longer than this are cut with an ellipsis on the canvas (the details panel shows them whole). */
const LABEL_MAX = 28;

export function toLabel(name: string): string {
  const oneLine = name.replace(/\s+/g, ' ').trim();
  return oneLine.length > LABEL_MAX ? `${oneLine.slice(0, LABEL_MAX - 1)}…` : oneLine;
}

export function toCytoscapeElements(graph: InventoryGraph, visible: VisibleSet): ElementDef[] {
  const out: ElementDef[] = [];
  const { nodeFlags, edgeGrant } = graph.index;
  for (const i of visible.nodes) {
    const node = graph.nodes[i]!;
    const crown = (nodeFlags[i]! & NODE_CROWN_JEWEL) !== 0;
    const ai = (nodeFlags[i]! & NODE_AI) !== 0;
    out.push({
      group: 'nodes',
      data: { id: node.id, label: toLabel(node.name), kind: node.kind, crown, ai },
      classes: ['node', `kind-${node.kind}`, crown ? 'crown' : '', ai ? 'ai' : ''].filter(Boolean).join(' '),
    });
  }
  for (const j of visible.edges) {
    const edge = graph.edges[j]!;
    const access = edge.traversable ? accessName(edgeGrant[j]!) : null;
    out.push({
      group: 'edges',
      data: { id: edgeElementId(edge.id), source: edge.source, target: edge.target, kind: edge.kind, access: access ?? 'none' },
      classes: access ? `acc-${access}` : 'inert',
    });
  }
  for (const g of visible.groups) {
    const label = `${NODE_KIND_LABELS[g.kind]} ×${g.count.toLocaleString('en-US')}${g.focused ? ` · ${g.focused.toLocaleString('en-US')} in radius` : ''}`;
    out.push({
      group: 'nodes',
      data: { id: groupElementId(g.kind), label, kind: g.kind, count: g.count, focused: g.focused, size: Math.min(150, 60 + Math.log10(g.count + 1) * 22) },
      classes: `group kind-${g.kind}${g.focused ? ' group-focused' : ''}`,
    });
  }
  return out;
}
