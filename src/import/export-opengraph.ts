/**
 * Writes an Inventory as a BloodHound OpenGraph payload plus the extension schema that makes it a
 * structured graph (node kinds, relationship kinds with `is_traversable`), per anchors.md §c.
 *
 * - Node ids may not contain `:`; ids are written with `%` → `%25` and `:` → `%3A` (reversible) and the
 *   original is kept in `pathlight_id`, so importing the payload again restores the Pathlight ids.
 * - Properties are primitives or homogeneous primitive arrays; anything else is written as JSON text.
 *   `objectid` is reserved by BloodHound and is written as `pl_objectid`.
 */
import { EDGE_GRANTS } from '../model/node-kinds.ts';
import type { Inventory } from '../model/types.ts';

export const OG_NAMESPACE = 'PL';

const NODE_KIND_NAMES: Readonly<Record<string, string>> = {
  human: 'Human',
  nhi: 'NonHumanIdentity',
  group: 'Group',
  credential: 'Credential',
  ai_agent: 'AIAgent',
  model: 'Model',
  ai_gateway: 'AIGateway',
  mcp_server: 'MCPServer',
  tool: 'Tool',
  vector_store: 'VectorStore',
  memory_store: 'MemoryStore',
  data_store: 'DataStore',
  saas_app: 'SaaSApp',
  cloud_resource: 'CloudResource',
  external: 'External',
  package: 'Package',
  config_file: 'ConfigFile',
  client_ui: 'ClientUI',
  other: 'Other',
};

const ICONS: Readonly<Record<string, [string, string]>> = {
  human: ['user', '#2563EB'],
  nhi: ['robot', '#7C3AED'],
  group: ['users', '#0EA5E9'],
  credential: ['key', '#DC2626'],
  ai_agent: ['brain', '#DB2777'],
  model: ['microchip', '#9333EA'],
  ai_gateway: ['shuffle', '#64748B'],
  mcp_server: ['plug', '#EA580C'],
  tool: ['wrench', '#F59E0B'],
  vector_store: ['layer-group', '#0D9488'],
  memory_store: ['memory', '#0F766E'],
  data_store: ['database', '#16A34A'],
  saas_app: ['cloud', '#0284C7'],
  cloud_resource: ['server', '#475569'],
  external: ['globe', '#B91C1C'],
  package: ['box', '#78716C'],
  config_file: ['file-code', '#57534E'],
  client_ui: ['window-maximize', '#4B5563'],
  other: ['circle', '#9CA3AF'],
};

export function ogNodeKind(kind: string): string {
  return `${OG_NAMESPACE}_${NODE_KIND_NAMES[kind] ?? 'Other'}`;
}

export function ogEdgeKind(kind: string): string {
  const pascal = kind
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]!.toUpperCase() + w.slice(1))
    .join('');
  return `${OG_NAMESPACE}_${pascal || 'Edge'}`;
}

export function encodeOgId(id: string): string {
  return id.replace(/%/g, '%25').replace(/:/g, '%3A');
}

export function decodeOgId(id: string): string {
  return id.replace(/%3A/gi, ':').replace(/%25/g, '%');
}

type Prim = string | number | boolean;

function ogProperties(fields: Readonly<Record<string, unknown>>, skip: ReadonlySet<string>): Record<string, Prim | Prim[]> {
  const out: Record<string, Prim | Prim[]> = {};
  for (const key of Object.keys(fields)) {
    if (skip.has(key)) continue;
    const value = fields[key];
    const name = key === 'objectid' ? 'pl_objectid' : key;
    if (value === null || value === undefined) continue;
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) out[name] = value;
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'string')) out[name] = value as string[];
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'number' && Number.isFinite(v))) out[name] = value as number[];
    else if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'boolean')) out[name] = value as boolean[];
    else if (Array.isArray(value) && value.length === 0) continue;
    else out[name] = JSON.stringify(value);
  }
  return out;
}

export interface OpenGraphExport {
  readonly payload: { metadata: { source_kind: string }; graph: { nodes: unknown[]; edges: unknown[] } };
  readonly schema: Record<string, unknown>;
}

export function toOpenGraph(inventory: Inventory): OpenGraphExport {
  const nodes = inventory.nodes.map((n) => {
    const properties = ogProperties(n.fields, new Set(['id', 'kind', 'name']));
    properties.name = n.name;
    properties.pathlight_id = n.id;
    properties.pathlight_kind = n.kind;
    if (n.kind === 'other' && typeof n.fields.kind === 'string') properties.original_kind = n.fields.kind;
    return { id: encodeOgId(n.id), kinds: [ogNodeKind(n.kind)], properties };
  });
  const edges = inventory.edges.map((e) => {
    const properties = ogProperties(e.fields, new Set(['id', 'source', 'target', 'kind']));
    properties.pathlight_edge_id = e.id;
    properties.pathlight_kind = e.kind;
    if (!e.traversable) properties.traversable = false;
    return {
      kind: ogEdgeKind(e.kind),
      start: { match_by: 'id', value: encodeOgId(e.source) },
      end: { match_by: 'id', value: encodeOgId(e.target) },
      properties,
    };
  });
  const nodeKinds = Object.keys(NODE_KIND_NAMES).map((k) => ({
    name: ogNodeKind(k),
    display_name: NODE_KIND_NAMES[k]!.replace(/([a-z])([A-Z])/g, '$1 $2'),
    description: `Pathlight ${k} node`,
    is_display_kind: true,
    icon: ICONS[k]![0],
    color: ICONS[k]![1],
  }));
  const edgeKinds = new Set<string>(Object.keys(EDGE_GRANTS));
  for (const e of inventory.edges) edgeKinds.add(e.kind);
  const relationshipKinds = [...edgeKinds].map((k) => ({
    name: ogEdgeKind(k),
    description: `Pathlight ${k} edge`,
    is_traversable: Object.prototype.hasOwnProperty.call(EDGE_GRANTS, k) && EDGE_GRANTS[k as keyof typeof EDGE_GRANTS] !== null,
  }));
  return {
    payload: { metadata: { source_kind: 'Pathlight' }, graph: { nodes, edges } },
    schema: {
      schema: { name: 'Pathlight', display_name: 'Pathlight AI attack paths', version: 'v1.0.0', namespace: OG_NAMESPACE },
      node_kinds: nodeKinds,
      relationship_kinds: relationshipKinds,
    },
  };
}
