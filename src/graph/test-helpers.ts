/**
 * Builders for readable engine tests: `graphFrom([...nodes], [...edges])` where a node is `'kind:id'`
 * shorthand or an object, and an edge is `[source, kind, target, extra?]`.
 */
import { EDGE_GRANTS } from '../model/node-kinds.ts';
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

/** Small seeded PRNG (mulberry32) so failures are reproducible. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const KINDS = ['human', 'nhi', 'credential', 'ai_agent', 'data_store', 'vector_store', 'tool', 'saas_app', 'external'];
const EDGE_KINDS = Object.keys(EDGE_GRANTS);
const ACTIONS = ['read', 'write', 'delete', 'admin', 'invoke', 'list'];

/** A random graph over a mix of kinds and every edge kind (with random actions and traversable:false). */
export function randomGraph(seed: number, n: number, m: number) {
  const r = rng(seed);
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < n; i++) nodes.push({ id: `n${i}`, kind: KINDS[Math.floor(r() * KINDS.length)]! });
  const edges: EdgeSpec[] = [];
  for (let j = 0; j < m; j++) {
    const kind = EDGE_KINDS[Math.floor(r() * EDGE_KINDS.length)]!;
    const extra: Record<string, unknown> = {};
    if (kind === 'has_permission' && r() < 0.7) extra.actions = ACTIONS.filter(() => r() < 0.3);
    if (r() < 0.05) extra.traversable = false;
    edges.push([`n${Math.floor(r() * n)}`, kind, `n${Math.floor(r() * n)}`, extra]);
  }
  return graphFrom(nodes, edges);
}

