/**
 * Deterministic synthetic security inventories for the reach benchmark.
 *
 * The shape imitates what collectors export: node kinds in realistic shares (many humans, identities, data
 * stores and credentials, a few percent AI agents), edges of the spec's kinds between plausible endpoint kinds,
 * and power-law-ish degrees (a few hub groups, roles and buckets take most of the edges). Everything is drawn
 * from a seeded PRNG, so a size and a seed always give the same inventory.
 *
 * Objects are built minimally so 1M nodes / 5M edges fit in memory: ids are short, `name` is the id, `at` and
 * `fields` are shared objects, and edges carry the `traversable`/`grants` the parser would have computed.
 * Nothing goes through JSON text.
 */
import { EDGE_GRANTS, closeAccess, grantsForPermission } from '../src/model/node-kinds.ts';
import type { EdgeKind, NodeKind } from '../src/model/node-kinds.ts';
import type { Fields, InventoryEdge, InventoryNode } from '../src/model/types.ts';

export interface SizeSpec {
  readonly label: string;
  readonly nodes: number;
  readonly edges: number;
}

export const SIZES: readonly SizeSpec[] = [
  { label: '10k', nodes: 10_000, edges: 50_000 },
  { label: '100k', nodes: 100_000, edges: 500_000 },
  { label: '1M', nodes: 1_000_000, edges: 5_000_000 },
];

export interface SyntheticInventory {
  readonly nodes: InventoryNode[];
  readonly edges: InventoryEdge[];
  readonly resolvedNodes: readonly InventoryNode[];
  /** Node indexes (positions in `nodes`) of the `ai_agent` nodes, ascending. */
  readonly aiAgents: Int32Array;
}

/** mulberry32: small, fast, good enough for synthetic data; 2^32 period covers the 1M/5M size many times over. */
export function createRng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Share of nodes per kind (sums to 100). */
const NODE_SHARES: ReadonlyArray<readonly [NodeKind, number]> = [
  ['human', 20],
  ['nhi', 12],
  ['group', 3],
  ['credential', 10],
  ['ai_agent', 5],
  ['model', 0.5],
  ['ai_gateway', 0.1],
  ['mcp_server', 2],
  ['tool', 6],
  ['vector_store', 2],
  ['memory_store', 1],
  ['data_store', 18.5],
  ['saas_app', 2],
  ['cloud_resource', 12],
  ['external', 1],
  ['package', 3],
  ['config_file', 1.4],
  ['client_ui', 0.5],
];

const ID_PREFIX: Readonly<Record<NodeKind, string>> = {
  human: 'user',
  nhi: 'role',
  group: 'grp',
  credential: 'cred',
  ai_agent: 'agent',
  model: 'model',
  ai_gateway: 'gw',
  mcp_server: 'mcp',
  tool: 'tool',
  vector_store: 'vs',
  memory_store: 'mem',
  data_store: 'ds',
  saas_app: 'saas',
  cloud_resource: 'res',
  external: 'ext',
  package: 'pkg',
  config_file: 'cfg',
  client_ui: 'ui',
  other: 'other',
};

/** A few shared `fields` objects per kind, picked at random: enough variety for the node flags (crown jewels, AI). */
const NODE_FIELDS: Partial<Record<NodeKind, readonly Fields[]>> = {
  human: [{ status: 'active', mfa: true }, { status: 'active', mfa: false }, { status: 'offboarded' }, { privileged: true }],
  nhi: [{ subtype: 'iam_role' }, { subtype: 'service_account' }, { subtype: 'iam_role', privileged: true }],
  credential: [
    { credType: 'api_key', storage: 'vault' },
    { credType: 'access_key', storage: 'config_plaintext' },
    { credType: 'pat', storage: 'env_ref' },
    { credType: 'oauth_token', storage: 'bucket_object' },
  ],
  ai_agent: [
    { exposure: 'internal', autonomy: 'hitl_sensitive' },
    { exposure: 'public', autonomy: 'auto' },
    { exposure: 'authenticated_external', autonomy: 'auto', authMode: 'service_identity' },
  ],
  data_store: [
    { sensitivity: 'internal' },
    { sensitivity: 'internal' },
    { sensitivity: 'confidential', dataClasses: ['PII'] },
    { sensitivity: 'restricted', dataClasses: ['secrets'] },
    { sensitivity: 'public' },
    { critical: true, sensitivity: 'restricted' },
  ],
  vector_store: [{ scope: 'shared', sensitivity: 'confidential' }, { scope: 'per_user', permissionTrimming: true }],
  memory_store: [{ scope: 'user' }, { scope: 'shared', sensitivity: 'confidential' }],
  saas_app: [{ category: 'crm', sensitivity: 'confidential' }, { category: 'ai' }, { category: 'chat' }, { category: 'code' }],
  cloud_resource: [{ resourceType: 'vm' }, { resourceType: 'container', credentialsInEnv: true }, { resourceType: 'function' }],
  external: [{ subtype: 'internet', trust: 'untrusted' }, { subtype: 'inbound_email' }],
};
const EMPTY_FIELDS: Fields = Object.freeze({});

type Weighted<T> = ReadonlyArray<readonly [T, number]>;

interface EdgeRule {
  readonly kind: EdgeKind;
  /** Share of edges (all rules sum to 100). */
  readonly share: number;
  readonly from: Weighted<NodeKind>;
  readonly to: Weighted<NodeKind>;
}

/** Edge kinds, their shares and typical endpoint kinds (section 3 of the spec). */
const EDGE_RULES: readonly EdgeRule[] = [
  {
    kind: 'has_permission',
    share: 25,
    from: [['nhi', 5], ['human', 3], ['group', 4]],
    to: [
      ['data_store', 35], ['cloud_resource', 20], ['nhi', 10], ['saas_app', 8], ['vector_store', 5], ['ai_agent', 5],
      ['tool', 4], ['credential', 3], ['memory_store', 2], ['mcp_server', 2], ['model', 2], ['group', 3], ['external', 1],
    ],
  },
  {
    kind: 'reads',
    share: 15,
    from: [['human', 4], ['nhi', 3], ['tool', 2], ['ai_agent', 1.5]],
    to: [['data_store', 8], ['saas_app', 1], ['vector_store', 1], ['external', 0.5]],
  },
  { kind: 'member_of', share: 12, from: [['human', 4], ['nhi', 1]], to: [['group', 1]] },
  { kind: 'runs_as', share: 5, from: [['ai_agent', 1], ['mcp_server', 1], ['tool', 1], ['cloud_resource', 2]], to: [['nhi', 1]] },
  {
    kind: 'uses_credential',
    share: 5,
    from: [['ai_agent', 1], ['mcp_server', 1], ['tool', 1], ['saas_app', 0.5], ['cloud_resource', 1.5]],
    to: [['credential', 1]],
  },
  {
    kind: 'stores',
    share: 5,
    from: [['data_store', 4], ['saas_app', 0.5], ['config_file', 1], ['cloud_resource', 1.5]],
    to: [['credential', 1]],
  },
  { kind: 'authenticates_as', share: 4, from: [['credential', 1]], to: [['nhi', 3], ['human', 1]] },
  { kind: 'can_assume', share: 3, from: [['nhi', 3], ['human', 1]], to: [['nhi', 1]] },
  {
    kind: 'writes',
    share: 6,
    from: [['tool', 2], ['nhi', 2], ['human', 2], ['external', 0.3]],
    to: [['data_store', 6], ['saas_app', 1], ['vector_store', 1], ['memory_store', 1], ['external', 0.5]],
  },
  { kind: 'can_invoke', share: 3, from: [['human', 3], ['nhi', 1], ['external', 0.5], ['ai_agent', 1]], to: [['ai_agent', 1]] },
  { kind: 'delegates_to', share: 1, from: [['ai_agent', 1]], to: [['ai_agent', 1]] },
  { kind: 'connects_to', share: 2, from: [['ai_agent', 1]], to: [['mcp_server', 3], ['saas_app', 1], ['ai_agent', 0.5]] },
  { kind: 'provides', share: 2, from: [['mcp_server', 1]], to: [['tool', 1]] },
  { kind: 'has_tool', share: 2, from: [['ai_agent', 1]], to: [['tool', 1]] },
  { kind: 'executes', share: 1, from: [['tool', 1]], to: [['cloud_resource', 1]] },
  { kind: 'deployed_on', share: 1, from: [['ai_agent', 1], ['mcp_server', 1], ['model', 0.3]], to: [['cloud_resource', 1]] },
  { kind: 'retrieves', share: 1, from: [['ai_agent', 1]], to: [['vector_store', 1]] },
  { kind: 'indexes', share: 2, from: [['vector_store', 1]], to: [['data_store', 4], ['external', 0.3]] },
  { kind: 'remembers', share: 0.5, from: [['ai_agent', 1]], to: [['memory_store', 1]] },
  { kind: 'sends', share: 0.5, from: [['tool', 1]], to: [['external', 1]] },
  { kind: 'uses_model', share: 1, from: [['ai_agent', 1]], to: [['model', 4], ['ai_gateway', 1]] },
  { kind: 'routes_to', share: 0.2, from: [['ai_gateway', 1]], to: [['model', 1]] },
  { kind: 'depends_on', share: 1.5, from: [['mcp_server', 1], ['ai_agent', 1]], to: [['package', 1]] },
  { kind: 'renders_to', share: 0.3, from: [['ai_agent', 1]], to: [['client_ui', 1]] },
];

/** `has_permission` action lists and their shares; one shared `fields` object each. */
const PERMISSION_VARIANTS: Weighted<readonly string[] | undefined> = [
  [['read'], 45],
  [['write'], 10],
  [['read', 'write'], 12],
  [['admin'], 12],
  [['invoke'], 6],
  [undefined, 10],
  [['list'], 5],
];

/** Share of edges explicitly switched off (`"traversable": false`). */
const NOT_TRAVERSABLE_SHARE = 0.02;
/** Rank skew: a pick is floor(len * u^skew). Targets are heavier-tailed (hub groups, roles, buckets) than sources. */
const SOURCE_SKEW = 2;
const TARGET_SKEW = 3;

const AT: string = 'synthetic';

/** Cumulative-weight picker over a small list. */
function picker<T>(items: Weighted<T>, rng: () => number): () => T {
  const total = items.reduce((s, [, w]) => s + w, 0);
  const cumulative = new Float64Array(items.length);
  let acc = 0;
  items.forEach(([, w], i) => {
    acc += w / total;
    cumulative[i] = acc;
  });
  cumulative[items.length - 1] = 1;
  return () => {
    const u = rng();
    let i = 0;
    while (u >= cumulative[i]!) i++;
    return items[i]![0];
  };
}

/**
 * Generates an inventory of exactly `nodes` nodes and `edges` edges. Deterministic for a given size and seed.
 * @example const inv = generateInventory({ nodes: 10_000, edges: 50_000 }); buildGraph(inv);
 */
export function generateInventory(size: { nodes: number; edges: number }, seed = 0x9a7b1e): SyntheticInventory {
  const rng = createRng(seed ^ size.nodes ^ (size.edges << 1));
  const n = size.nodes;
  const m = size.edges;

  // Nodes: kinds drawn by share, so hubs of each kind are scattered through the node order.
  const pickKind = picker(NODE_SHARES, rng);
  const nodes: InventoryNode[] = new Array<InventoryNode>(n);
  const kindOf: NodeKind[] = new Array<NodeKind>(n);
  const poolLists = new Map<NodeKind, number[]>();
  for (let i = 0; i < n; i++) {
    const kind = pickKind();
    kindOf[i] = kind;
    const id = `${ID_PREFIX[kind]}:${i}`;
    const variants = NODE_FIELDS[kind];
    const fields = variants ? variants[(rng() * variants.length) | 0]! : EMPTY_FIELDS;
    nodes[i] = { id, kind, name: id, fields, at: AT };
    let list = poolLists.get(kind);
    if (!list) poolLists.set(kind, (list = []));
    list.push(i);
  }
  // Make sure every kind any rule needs has at least one node (matters only for tiny sizes).
  for (const [kind] of NODE_SHARES) {
    if (!poolLists.get(kind)?.length) {
      const i = poolLists.get('human')!.pop()!;
      const id = `${ID_PREFIX[kind]}:${i}`;
      nodes[i] = { id, kind, name: id, fields: NODE_FIELDS[kind]?.[0] ?? EMPTY_FIELDS, at: AT };
      kindOf[i] = kind;
      poolLists.set(kind, [i]);
    }
  }
  const pools = new Map<NodeKind, Int32Array>();
  for (const [kind, list] of poolLists) pools.set(kind, Int32Array.from(list));

  const pickFrom = (kind: NodeKind, skew: number): number => {
    const pool = pools.get(kind)!;
    return pool[Math.floor(pool.length * rng() ** skew)]!;
  };

  // Edges.
  const pickRule = picker(
    EDGE_RULES.map((r) => [r, r.share] as const),
    rng,
  );
  const endpointPickers = new Map<EdgeRule, { from: () => NodeKind; to: () => NodeKind }>();
  for (const rule of EDGE_RULES) endpointPickers.set(rule, { from: picker(rule.from, rng), to: picker(rule.to, rng) });
  const pickPermission = picker(
    PERMISSION_VARIANTS.map(([actions, w]) => [{ actions, grants: closeAccess(grantsForPermission(actions)) }, w] as const),
    rng,
  );
  const permissionFields = new Map<readonly string[] | undefined, Fields>();
  for (const [actions] of PERMISSION_VARIANTS) permissionFields.set(actions, actions ? Object.freeze({ actions }) : EMPTY_FIELDS);
  const offFields: Fields = Object.freeze({ traversable: false });

  const edges: InventoryEdge[] = new Array<InventoryEdge>(m);
  for (let j = 0; j < m; j++) {
    const rule = pickRule();
    const ends = endpointPickers.get(rule)!;
    const s = pickFrom(ends.from(), SOURCE_SKEW);
    let t = pickFrom(ends.to(), TARGET_SKEW);
    if (s === t) {
      // A self-loop adds nothing to reach; redraw the target once, uniformly (a rare repeat is harmless).
      const pool = pools.get(kindOf[t]!)!;
      t = pool[(rng() * pool.length) | 0]!;
    }
    let fields = EMPTY_FIELDS;
    let grants: number;
    if (rule.kind === 'has_permission') {
      const p = pickPermission();
      grants = p.grants;
      fields = permissionFields.get(p.actions)!;
    } else {
      grants = closeAccess(EDGE_GRANTS[rule.kind] ?? 0);
    }
    let traversable = EDGE_GRANTS[rule.kind] !== null;
    if (traversable && rng() < NOT_TRAVERSABLE_SHARE) {
      traversable = false;
      fields = offFields;
    }
    edges[j] = {
      id: `e${j}`,
      source: nodes[s]!.id,
      target: nodes[t]!.id,
      kind: rule.kind,
      traversable,
      grants: traversable ? grants : 0,
      fields,
      at: AT,
      // The parser resolves endpoint positions too; buildGraph checks them against the ids before use.
      sourceIndex: s,
      targetIndex: t,
    };
  }

  // Like the parser, say which nodes array the resolved endpoint positions refer to.
  return { nodes, edges, resolvedNodes: nodes, aiAgents: pools.get('ai_agent')! };
}

/** Picks `count` distinct entries of `from` (all of them when there are fewer), deterministically. */
export function sample(from: Int32Array, count: number, seed: number): Int32Array {
  const rng = createRng(seed);
  const copy = Int32Array.from(from);
  const k = Math.min(count, copy.length);
  for (let i = 0; i < k; i++) {
    const j = i + Math.floor(rng() * (copy.length - i));
    const tmp = copy[i]!;
    copy[i] = copy[j]!;
    copy[j] = tmp;
  }
  return copy.slice(0, k);
}
