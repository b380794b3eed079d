/**
 * Builders for readable engine tests: `graphFrom([...nodes], [...edges])` where a node is `'kind:id'`
 * shorthand or an object, and an edge is `[source, kind, target, extra?]`.
 */
import { parseInventory } from '../model/parse-inventory.ts';
import type { Inventory } from '../model/types.ts';

import { buildGraph } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';

export type NodeSpec = string | ({ id: string; kind: string } & Record<string, unknown>);
export type EdgeSpec = [source: string, kind: string, target: string, extra?: Record<string, unknown>];

/** `'ai_agent:bot'` → `{ id: 'ai_agent:bot', kind: 'ai_agent' }`. */
function toNode(spec: NodeSpec): Record<string, unknown> {
  if (typeof spec !== 'string') return spec;
  const kind = spec.slice(0, spec.indexOf(':'));
  return { id: spec, kind };
}

export function inventoryFrom(nodes: readonly NodeSpec[], edges: readonly EdgeSpec[]): Inventory {
  const result = parseInventory({
    json: {
      format: 'pathlight-inventory',
      version: 1,
      nodes: nodes.map(toNode),
      edges: edges.map(([source, kind, target, extra]) => ({ source, kind, target, ...extra })),
    },
  });
  if (!result.ok) throw new Error(result.errors.map((e) => `${e.at}: ${e.message}`).join('\n'));
  return result.inventory;
}

export function graphFrom(nodes: readonly NodeSpec[], edges: readonly EdgeSpec[]): InventoryGraph {
  return buildGraph(inventoryFrom(nodes, edges));
}

/** Reach as a plain `{ id: 'access@hops' }` record for compact assertions. */
export function reachTable(entries: readonly { id: string; hops: number; access: string }[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const e of entries) out[e.id] = `${e.access}@${e.hops}`;
  return out;
}
