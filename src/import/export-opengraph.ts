/**
 * Writes an Inventory as a BloodHound OpenGraph payload plus the extension schema that makes it a
 * structured graph (node kinds, relationship kinds with `is_traversable`), per anchors.md §c, so that
 * BloodHound users can query it as they query the collector's own output:
 *
 * - Ids are written unchanged (the upload schema allows any string id), so ARNs and SIDs still join other
 *   collectors' data.
 * - A node that came from OpenGraph keeps its kinds first (`GH_User`, `MSSQL_Server`…, at most 3 as the
 *   schema allows), then the Pathlight kind (`PL_Human`) when there is room; its properties are written under
 *   their original names (`og_name` is `name` again). Pathlight's own notes on it (`provenance`, `ogKind`…)
 *   are `pathlight_*` properties.
 * - An edge that came from OpenGraph keeps its kind (`GH_CanWriteBranch`); Pathlight edges are `PL_<Kind>`.
 * - Properties are primitives or homogeneous primitive arrays (empty arrays included); anything else is
 *   written as JSON text and named in `pathlight_json`, so importing the payload again restores it.
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

/** Percent-encoding of `:` (the encoding older Pathlight exports used; still read back). */
export function encodeOgId(id: string): string {
  return id.replace(/%/g, '%25').replace(/:/g, '%3A');
}

export function decodeOgId(id: string): string {
  return id.replace(/%3A/gi, ':').replace(/%25/g, '%');
}

type Prim = string | number | boolean;

/** Fields Pathlight adds to an element read from OpenGraph: written as `pathlight_<name>`. */
export const PL_META_FIELDS = new Set(['provenance', 'provenanceAll', 'provenanceLine', 'provenanceColumn', 'ogKind', 'ogSourceKind', 'originalKind', 'traversableFrom', 'stub', 'actions']);
/** Property names an OpenGraph importer renames to `og_<name>` (the inventory format reserves them). */
export const OG_RESERVED_NODE = new Set(['name', 'kind', 'id', 'provenance', 'kinds']);
export const OG_RESERVED_EDGE = new Set(['source', 'target', 'kind', 'id', 'actions', 'provenance', 'traversable']);

function ogProperties(fields: Readonly<Record<string, unknown>>, skip: ReadonlySet<string>, fromOg: boolean, reserved: ReadonlySet<string>): Record<string, Prim | Prim[]> {
  const out: Record<string, Prim | Prim[]> = {};
  const asJson: string[] = [];
  const nulls: string[] = [];
  for (const key of Object.keys(fields)) {
    if (skip.has(key)) continue;
    const value = fields[key];
    let name = key === 'objectid' ? 'pl_objectid' : key;
    if (fromOg) {
      if (PL_META_FIELDS.has(key)) name = `pathlight_${key}`;
      else if (key.startsWith('og_') && reserved.has(key.slice(3))) name = key.slice(3);
    }
    if (value === undefined) continue;
    if (value === null) {
      // BloodHound refuses null properties: named apart so that reading back restores them
      nulls.push(name);
      continue;
    }
    if (typeof value === 'string' || typeof value === 'boolean' || (typeof value === 'number' && Number.isFinite(value))) out[name] = value;
    else if (Array.isArray(value) && (value.every((v) => typeof v === 'string') || value.every((v) => typeof v === 'number' && Number.isFinite(v)) || value.every((v) => typeof v === 'boolean'))) out[name] = value as Prim[];
    else {
      out[name] = JSON.stringify(value);
      asJson.push(name);
    }
  }
  if (asJson.length > 0) out.pathlight_json = asJson;
  if (nulls.length > 0) out.pathlight_nulls = nulls;
  return out;
}

/** An edge kind BloodHound accepts (`^[A-Za-z0-9_]+$`). */
function safeEdgeKind(kind: string): string {
  return kind.replace(/[^A-Za-z0-9_]/g, '_') || 'Edge';
}

export interface OpenGraphExport {
  readonly payload: { metadata: { source_kind: string }; graph: { nodes: unknown[]; edges: unknown[] } };
  readonly schema: Record<string, unknown>;
}

export function toOpenGraph(inventory: Inventory): OpenGraphExport {
  const nodes = inventory.nodes.map((n) => {
    const own = Array.isArray(n.fields.kinds) ? (n.fields.kinds as unknown[]).filter((k): k is string => typeof k === 'string' && !/^PL_[A-Za-z]+$/.test(k)) : [];
    const fromOg = typeof n.fields.ogKind === 'string' || own.length > 0;
    const sourceKind = typeof n.fields.ogSourceKind === 'string' ? n.fields.ogSourceKind : undefined;
    const kinds = own.filter((k) => k !== sourceKind);
    if (sourceKind) kinds.push(sourceKind);
    kinds.push(ogNodeKind(n.kind));
    const properties = ogProperties(n.fields, new Set(['id', 'kind', 'name', 'kinds']), fromOg, OG_RESERVED_NODE);
    if (fromOg) {
      // the node's own `name` property as it came; Pathlight's display name apart
      properties.pathlight_name = n.name;
    } else properties.name = n.name;
    properties.pathlight_kind = n.kind;
    if (n.kind === 'other' && typeof n.fields.kind === 'string') properties.original_kind = n.fields.kind;
    return { id: n.id, kinds: kinds.slice(0, 3), properties };
  });
  const ogKinds = new Map<string, boolean>();
  const edges = inventory.edges.map((e) => {
    const fromOg = typeof e.fields.ogKind === 'string' && e.fields.ogKind !== '';
    const properties = ogProperties(e.fields, new Set(['id', 'source', 'target', 'kind', 'traversable', 'ogKind']), fromOg, OG_RESERVED_EDGE);
    properties.pathlight_edge_id = e.id;
    properties.pathlight_kind = e.kind;
    const kind = fromOg ? safeEdgeKind(e.fields.ogKind as string) : ogEdgeKind(e.kind);
    if (fromOg && kind !== e.fields.ogKind) properties.pathlight_ogKind = e.fields.ogKind as string;
    if (fromOg) {
      // as the collector wrote it: its own `traversable` when it had one, else Pathlight's reading apart
      if (typeof e.fields.traversable === 'boolean' && e.fields.traversableFrom === undefined) properties.traversable = e.fields.traversable;
      else properties.pathlight_traversable = e.traversable;
      if (!ogKinds.has(kind) || e.traversable) ogKinds.set(kind, e.traversable || ogKinds.get(kind) === true);
    } else if (!e.traversable) properties.traversable = false;
    return {
      kind,
      start: { match_by: 'id', value: e.source },
      end: { match_by: 'id', value: e.target },
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
  // the collectors' own edge kinds, as Pathlight read them (traversable when any such edge is)
  for (const [name, traversable] of [...ogKinds].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (!relationshipKinds.some((r) => r.name === name)) relationshipKinds.push({ name, description: `${name} edge (as imported)`, is_traversable: traversable });
  }
  return {
    payload: { metadata: { source_kind: 'Pathlight' }, graph: { nodes, edges } },
    schema: {
      schema: { name: 'Pathlight', display_name: 'Pathlight AI attack paths', version: 'v1.0.0', namespace: OG_NAMESPACE },
      node_kinds: nodeKinds,
      relationship_kinds: relationshipKinds,
    },
  };
}
