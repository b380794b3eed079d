/**
 * The closed vocabularies of inventory format v1: node kinds, edge kinds and what each edge grants.
 * Pure data; no React, no DOM.
 */

export const NODE_KINDS = [
  'human',
  'nhi',
  'group',
  'credential',
  'ai_agent',
  'model',
  'ai_gateway',
  'mcp_server',
  'tool',
  'vector_store',
  'memory_store',
  'data_store',
  'saas_app',
  'cloud_resource',
  'external',
  'package',
  'config_file',
  'client_ui',
  'other',
] as const;

export type NodeKind = (typeof NODE_KINDS)[number];

/** Access bits gained on a reached node. C implies R and W. */
export const ACCESS_R = 1;
export const ACCESS_W = 2;
export const ACCESS_C = 4;
export const ACCESS_ALL = ACCESS_R | ACCESS_W | ACCESS_C;

/** Bits each known edge kind grants on its target; `null` marks kinds that are never traversed. */
export const EDGE_GRANTS = {
  can_invoke: ACCESS_C,
  delegates_to: ACCESS_C,
  connects_to: ACCESS_C,
  provides: ACCESS_C,
  has_tool: ACCESS_C,
  executes: ACCESS_C,
  runs_as: ACCESS_C,
  uses_credential: ACCESS_C,
  authenticates_as: ACCESS_C,
  can_assume: ACCESS_C,
  member_of: ACCESS_C,
  deployed_on: ACCESS_C,
  has_permission: ACCESS_C, // refined by `actions[]`, see grantsForPermission
  reads: ACCESS_R,
  retrieves: ACCESS_R,
  indexes: ACCESS_R,
  remembers: ACCESS_R | ACCESS_W,
  writes: ACCESS_W,
  sends: ACCESS_W,
  uses_model: ACCESS_W,
  routes_to: ACCESS_W,
  stores: ACCESS_R,
  depends_on: null,
  renders_to: null,
} as const satisfies Record<string, number | null>;

export type EdgeKind = keyof typeof EDGE_GRANTS;
export const EDGE_KINDS = Object.keys(EDGE_GRANTS) as EdgeKind[];

/** Edges followed from a node that is only readable: content inside what you can read. */
export const CONTENT_EDGE_KINDS: ReadonlySet<string> = new Set<EdgeKind>(['stores', 'indexes']);

const NODE_KIND_SET: ReadonlySet<string> = new Set(NODE_KINDS);
const EDGE_KIND_SET: ReadonlySet<string> = new Set(EDGE_KINDS);

export function isNodeKind(kind: string): kind is NodeKind {
  return NODE_KIND_SET.has(kind) && kind !== 'other';
}

export function isEdgeKind(kind: string): kind is EdgeKind {
  return EDGE_KIND_SET.has(kind);
}

/**
 * Bits a `has_permission` edge grants from its `actions[]`: admin or invoke → C, read → R,
 * write or delete → W, any other word → nothing; no actions (or an empty list) → C.
 */
export function grantsForPermission(actions: readonly string[] | undefined): number {
  if (!actions || actions.length === 0) return ACCESS_ALL;
  let bits = 0;
  for (const raw of actions) {
    const action = raw.trim().toLowerCase();
    if (action === 'admin' || action === 'invoke') bits |= ACCESS_ALL;
    else if (action === 'read') bits |= ACCESS_R;
    else if (action === 'write' || action === 'delete') bits |= ACCESS_W;
  }
  return bits;
}

/** Closes a bit set under "C implies R and W". */
export function closeAccess(bits: number): number {
  return bits & ACCESS_C ? ACCESS_ALL : bits;
}

export type AccessName = 'control' | 'read-write' | 'read' | 'write';

export function accessName(bits: number): AccessName | null {
  if (bits & ACCESS_C) return 'control';
  if (bits & ACCESS_R && bits & ACCESS_W) return 'read-write';
  if (bits & ACCESS_R) return 'read';
  if (bits & ACCESS_W) return 'write';
  return null;
}

/** Kinds whose content can be sensitive (section 2 of the spec). */
export const DATA_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>([
  'data_store',
  'vector_store',
  'memory_store',
  'saas_app',
]);

/**
 * Kinds that count as AI integrations for per-node summaries and the sidebar list. `saas_app` with
 * `category: "ai"` counts too (see isAiNode in type-guards.ts).
 */
export const AI_KINDS: ReadonlySet<NodeKind> = new Set<NodeKind>(['ai_agent', 'mcp_server', 'model', 'ai_gateway']);

export const NODE_KIND_LABELS: Record<NodeKind, string> = {
  human: 'Human',
  nhi: 'Non-human identity',
  group: 'Group',
  credential: 'Credential',
  ai_agent: 'AI agent',
  model: 'Model',
  ai_gateway: 'AI gateway',
  mcp_server: 'MCP server',
  tool: 'Tool',
  vector_store: 'Vector store',
  memory_store: 'Memory store',
  data_store: 'Data store',
  saas_app: 'SaaS app',
  cloud_resource: 'Cloud resource',
  external: 'External',
  package: 'Package',
  config_file: 'Config file',
  client_ui: 'Client UI',
  other: 'Other',
};

export const SENSITIVITIES = ['public', 'internal', 'confidential', 'restricted'] as const;
export type Sensitivity = (typeof SENSITIVITIES)[number];
