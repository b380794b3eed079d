/**
 * The shared derived facts of the catalog (§1.2–1.4), computed once per graph and what-if mask and cached:
 * node predicates (SENSITIVE, UNTRUSTED, EXT_SINK, DESTRUCTIVE, CODE_EXEC, PROD), the derived
 * `content_trust` of data stores (§1.3, a fixed point), and the per-node capability legs U, P, E, D, X
 * (§1.4), each with one shortest witness path per target.
 *
 * Strict semantics throughout: a fact the inventory does not state is false (`requiresApproval` missing is
 * not `false`). Properties are read in camelCase (`renders_markdown_media` → `rendersMarkdownMedia`).
 */
import { NODE_KINDS } from '../../model/node-kinds.ts';
import type { NodeKind } from '../../model/node-kinds.ts';
import type { InventoryEdge, InventoryNode } from '../../model/types.ts';
import type { InventoryGraph } from '../build-graph.ts';

import { DEFAULT_H, Walker, chain, edgeTable, reversed, search, toWitness, treeWitness } from './traverse.ts';
import type { EdgeTable, PathTree, SearchOptions } from './traverse.ts';
import type { Witness } from './types.ts';

// ── Named edge-kind sets (§1.1) ─────────────────────────────────────────────────────────────────────────
const set = (...kinds: string[]): ReadonlySet<string> => new Set(kinds);
export const K_TOOL = set('connects_to', 'provides', 'has_tool');
export const K_READ = set(...K_TOOL, 'reads', 'retrieves', 'indexes', 'remembers');
export const K_ID = set('runs_as', 'uses_credential', 'authenticates_as', 'can_assume', 'member_of');
export const K_PERM = set(...K_ID, 'has_permission');
/** K_PERM plus the plain `reads`/`writes` grants an identity may hold (format §3: same bits as has_permission read/write). */
export const K_PERM_GRANTS = set(...K_PERM, 'reads', 'writes');
export const K_ACT = set(...K_TOOL, 'writes', 'sends', 'executes');
export const K_BLAST = set(...K_READ, ...K_PERM, ...K_ACT, 'delegates_to', 'stores', 'deployed_on', 'uses_model', 'routes_to');
export const K_BLAST_NO_DELEGATION = set(...[...K_BLAST].filter((k) => k !== 'delegates_to'));
export const DATA: ReadonlySet<string> = set('data_store', 'vector_store', 'memory_store', 'saas_app');

// ── Field access (strict: wrong types are unknown) ──────────────────────────────────────────────────────
type HasFields = { readonly fields: Readonly<Record<string, unknown>> };
const SNAKE = new Map<string, string>();
/** A property by its camelCase name, falling back to the catalog's snake_case spelling (`requires_approval`). */
export function field(x: HasFields, key: string): unknown {
  const v = x.fields[key];
  if (v !== undefined) return v;
  let snake = SNAKE.get(key);
  if (snake === undefined) {
    snake = key.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
    SNAKE.set(key, snake);
  }
  return snake === key ? undefined : x.fields[snake];
}
export const str = (x: HasFields, key: string): string | undefined => {
  const v = field(x, key);
  return typeof v === 'string' ? v : undefined;
};
export const bool = (x: HasFields, key: string): boolean | undefined => {
  const v = field(x, key);
  return typeof v === 'boolean' ? v : undefined;
};
export const num = (x: HasFields, key: string): number | undefined => {
  const v = field(x, key);
  return typeof v === 'number' && Number.isFinite(v) ? v : undefined;
};
export const list = (x: HasFields, key: string): string[] => {
  const v = field(x, key);
  if (typeof v === 'string') return [v];
  return Array.isArray(v) ? v.filter((s): s is string => typeof s === 'string') : [];
};
/** A field that is absent, null or empty (the catalog's `== null`). */
export const absent = (x: HasFields, key: string): boolean => {
  const v = field(x, key);
  return v === undefined || v === null || v === '';
};

/**
 * Direct grants of an identity: `has_permission`, and the plain `reads`/`writes` edges the format also allows
 * from an nhi or human (equivalent to `has_permission` with read or write).
 */
export const GRANT_EDGES: ReadonlySet<string> = new Set(['has_permission', 'reads', 'writes']);

/** `has_permission` actions, lower-cased; an absent or empty list means full control (format §3). `reads` → read, `writes` → write. */
export function permActions(edge: InventoryEdge): ReadonlySet<string> {
  if (edge.kind === 'reads') return new Set(['read']);
  if (edge.kind === 'writes') return new Set(['write']);
  const actions = list(edge, 'actions').map((a) => a.trim().toLowerCase());
  return new Set(actions.length === 0 ? ['admin'] : actions);
}
export const hasAnyAction = (edge: InventoryEdge, wanted: readonly string[]): boolean => {
  const actions = permActions(edge);
  return wanted.some((a) => actions.has(a));
};

/**
 * Ages in days, from an explicit `<prefix>Days` number or an ISO date relative to `now` (ms since the
 * epoch, supplied by the caller: the core reads no clock). Without `now`, a date gives no age (unknown).
 */
export function ageDays(x: HasFields, daysKey: string, dateKey: string, now: number | undefined): number | undefined {
  const days = num(x, daysKey);
  if (days !== undefined) return days;
  const date = str(x, dateKey);
  if (date === undefined) return undefined;
  const t = Date.parse(date);
  return Number.isNaN(t) || now === undefined ? undefined : (now - t) / 86_400_000;
}

const HIGH_SEVERITIES = new Set(['high', 'critical']);
/** A vulnerability object `{id, severity, kev, rce, …}` of `vulns[]`. */
export interface Vuln {
  readonly id?: string;
  readonly severity?: string;
  readonly kev?: boolean;
  readonly rce?: boolean;
  readonly cvssAv?: string;
  readonly cvss?: number;
  readonly notAffected: boolean;
}
export function vulnsOf(x: HasFields): Vuln[] {
  const v = x.fields['vulns'];
  if (!Array.isArray(v)) return [];
  const out: Vuln[] = [];
  for (const raw of v) {
    if (raw === null || typeof raw !== 'object') continue;
    const r = raw as Record<string, unknown>;
    const s = (k: string) => (typeof r[k] === 'string' ? (r[k] as string) : undefined);
    const analysis = r['analysis'] && typeof r['analysis'] === 'object' ? (r['analysis'] as Record<string, unknown>)['state'] : undefined;
    const vex = s('vex') ?? s('vexStatus') ?? (typeof analysis === 'string' ? analysis : undefined);
    const sev = s('severity')?.toLowerCase();
    const cvss = typeof r['cvss'] === 'number' ? r['cvss'] : undefined;
    out.push({
      ...(s('id') !== undefined ? { id: s('id')! } : {}),
      ...(sev !== undefined ? { severity: sev } : {}),
      ...(r['kev'] === true ? { kev: true } : {}),
      ...(r['rce'] === true ? { rce: true } : {}),
      ...((s('cvssAv') ?? s('cvss_av') ?? s('attackVector')) !== undefined
        ? { cvssAv: (s('cvssAv') ?? s('cvss_av') ?? s('attackVector'))!.toUpperCase() }
        : {}),
      ...(cvss !== undefined ? { cvss } : {}),
      notAffected: vex === 'not_affected',
    });
  }
  return out;
}
/** `v.severity ≥ high` (a CVSS score of 7 or more counts as high when no label is given). */
export const vulnAtLeastHigh = (v: Vuln): boolean =>
  v.severity !== undefined ? HIGH_SEVERITIES.has(v.severity) : v.cvss !== undefined && v.cvss >= 7;

// ── Leg results ─────────────────────────────────────────────────────────────────────────────────────────
/** One way a leg holds: the node that satisfies it and a witness path to it. */
export interface Hit {
  readonly target: number;
  readonly witness: Witness;
  readonly ambient?: boolean;
  /** U only: the untrusted input arrives through a channel anyone can write to or invoke. */
  readonly zeroClick?: boolean;
  /** U only: the untrusted party invokes the agent directly (it is the user). */
  readonly invoked?: boolean;
  /** E only: the sink is the agent's own Markdown-media rendering, not a tool. */
  readonly renderer?: boolean;
}

export interface Legs {
  readonly U: readonly Hit[];
  readonly P: readonly Hit[];
  readonly E: readonly Hit[];
  readonly D: readonly Hit[];
  readonly X: readonly Hit[];
}

/** One question of a permission walk: grants meeting `wanted` (ACTION_* bits) on nodes that `accept`. */
export interface PermissionQuery {
  readonly wanted: number;
  readonly accept: (r: number) => boolean;
  /** Optional pruning table (see RuleFacts.hopsToGrant); only valid for walks over K_PERM. */
  readonly hopsToGrant?: Uint8Array;
}

const INBOUND_SUBTYPE = /mail|inbound|ticket|issue|form|upload|public|chat|message|review|comment/i;

export class RuleFacts {
  readonly n: number;
  readonly kinds: readonly NodeKind[];
  readonly sensitive: Uint8Array;
  readonly extSink: Uint8Array;
  readonly destructive: Uint8Array;
  readonly codeExec: Uint8Array;
  readonly prod: Uint8Array;
  /** content_trust == 'untrusted' (DATA kinds only). */
  readonly contentUntrusted: Uint8Array;
  /** Why a store's content is untrusted: a witness from the store back to the untrusted writer. */
  readonly contentWhy = new Map<number, Witness>();
  /** Stores untrusted through an outside writer (exposure, an untrusted writer or index source): zero-click. */
  readonly contentZeroClick: Uint8Array;
  private readonly legCache = new Map<number, Legs>();
  private readonly treeCache = new Map<string, PathTree>();
  /** Nodes held by the cached trees (the cache is bounded by this too: trees on large estates are large). */
  private treeCacheNodes = 0;
  private readonly privCache = new Map<number, Map<number, Witness>>();
  /** Per edge: bits of permActions (ACTION_*), or 0xff before first use. */
  private actions: Uint8Array | undefined;
  private walkerInstance: Walker | undefined;
  /** A second walker for the legs' walks, so a leg can be asked for inside another walk's callback. */
  private legWalkerInstance: Walker | undefined;
  private ambientQueries: PermissionQuery[] | undefined;
  /** Per (edge-kind set, target class): hops from each node to the nearest target (see hopsTo). */
  private readonly hopsCache = new Map<string, Uint8Array>();
  /** False while §1.3 content trust is being computed (UNTRUSTED still grows); legs then walk unpruned. */
  private trustFinal = false;

  /** Edge kinds as codes and `traversable: false` as a table (traverse.ts). */
  private readonly table: EdgeTable;
  private readonly open: Uint8Array;

  constructor(
    readonly graph: InventoryGraph,
    readonly disabled: Uint8Array | undefined,
  ) {
    this.table = edgeTable(graph);
    this.open = this.table.open;
    const n = graph.nodes.length;
    this.n = n;
    this.kinds = graph.nodes.map((_, i) => NODE_KINDS[graph.index.nodeKind[i]!]!);
    this.sensitive = new Uint8Array(n);
    this.extSink = new Uint8Array(n);
    this.destructive = new Uint8Array(n);
    this.codeExec = new Uint8Array(n);
    this.prod = new Uint8Array(n);
    this.contentUntrusted = new Uint8Array(n);
    this.contentZeroClick = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const node = graph.nodes[i]!;
      const kind = this.kinds[i]!;
      const sens = str(node, 'sensitivity');
      this.sensitive[i] = DATA.has(kind) && (sens === 'confidential' || sens === 'restricted') ? 1 : 0;
      const caps = new Set(list(node, 'caps'));
      const exposure = str(node, 'exposure');
      this.extSink[i] =
        (kind === 'tool' && caps.has('external_send')) ||
        ((kind === 'external' || kind === 'data_store' || kind === 'saas_app') &&
          (bool(node, 'external') === true || exposure === 'public_read' || exposure === 'public_write'))
          ? 1
          : 0;
      this.destructive[i] = kind === 'tool' && (caps.has('destructive') || caps.has('financial') || caps.has('identity_admin')) ? 1 : 0;
      this.codeExec[i] = kind === 'tool' && caps.has('code_exec') ? 1 : 0;
      this.prod[i] = str(node, 'env') === 'prod' ? 1 : 0;
    }
    this.computeContentTrust();
    this.trustFinal = true;
  }

  node(i: number): InventoryNode {
    return this.graph.nodes[i]!;
  }
  edge(j: number): InventoryEdge {
    return this.graph.edges[j]!;
  }
  indexOf(id: string): number | undefined {
    return this.graph.index.nodeIndex.get(id);
  }
  name(i: number): string {
    return this.graph.nodes[i]!.name;
  }
  /** Same answer as `edgeUsable` (not switched off, not `traversable: false`), from typed arrays. */
  usable(j: number): boolean {
    return this.open[j] === 1 && (this.disabled === undefined || this.disabled[j] !== 1);
  }

  /** Usable out-edges of node u, optionally of one kind. */
  out(u: number, kind?: string | ReadonlySet<string>): number[] {
    const { outOffsets, outEdges } = this.graph.index;
    const result: number[] = [];
    const code = this.table.code;
    const wanted = kind === undefined ? undefined : typeof kind === 'string' ? (this.table.codes.get(kind) ?? -1) : this.table.mask(kind);
    for (let k = outOffsets[u]!, end = outOffsets[u + 1]!; k < end; k++) {
      const j = outEdges[k]!;
      if (!this.usable(j)) continue;
      if (wanted === undefined || (typeof wanted === 'number' ? code[j] === wanted : wanted[code[j]!] === 1)) result.push(j);
    }
    return result;
  }
  /** Usable in-edges of node v, optionally of one kind. */
  in(v: number, kind?: string | ReadonlySet<string>): number[] {
    const { inOffsets, inEdges } = this.graph.index;
    const result: number[] = [];
    const code = this.table.code;
    const wanted = kind === undefined ? undefined : typeof kind === 'string' ? (this.table.codes.get(kind) ?? -1) : this.table.mask(kind);
    for (let k = inOffsets[v]!, end = inOffsets[v + 1]!; k < end; k++) {
      const j = inEdges[k]!;
      if (!this.usable(j)) continue;
      if (wanted === undefined || (typeof wanted === 'number' ? code[j] === wanted : wanted[code[j]!] === 1)) result.push(j);
    }
    return result;
  }
  src(j: number): number {
    return this.graph.index.edgeSource[j]!;
  }
  dst(j: number): number {
    return this.graph.index.edgeTarget[j]!;
  }

  /** `path(from ─kinds→* ·)`, cached when no custom expansion is given. */
  tree(from: number, kinds: ReadonlySet<string>, options: SearchOptions = {}): PathTree {
    if (options.expand) return search(this.graph, this.disabled, from, kinds, options);
    const key = `${from}|${options.maxHops ?? DEFAULT_H}|${[...kinds].sort().join(',')}`;
    let t = this.treeCache.get(key);
    if (t) {
      // Most recently used last: a Map keeps insertion order.
      this.treeCache.delete(key);
      this.treeCache.set(key, t);
      return t;
    }
    t = search(this.graph, this.disabled, from, kinds, options);
    this.treeCache.set(key, t);
    this.treeCacheNodes += t.order.length + 1;
    // NOTE: bounded, or one tree per agent and edge-kind set holds O(agents × N) memory on large estates.
    while (this.treeCache.size > 1 && (this.treeCache.size > TREE_CACHE_LIMIT || this.treeCacheNodes > TREE_CACHE_NODES)) {
      const oldest = this.treeCache.keys().next().value!;
      this.treeCacheNodes -= this.treeCache.get(oldest)!.order.length + 1;
      this.treeCache.delete(oldest);
    }
    return t;
  }

  /** A streamed breadth-first search over this graph and mask (see Walker). */
  get walker(): Walker {
    return (this.walkerInstance ??= new Walker(this.graph, this.disabled));
  }

  /**
   * Per node v: the fewest usable `kinds` edges from v to a node that `target` accepts (0 on a target; 255
   * beyond DEFAULT_H), one reverse breadth-first search from every target at once, cached under `key`.
   *
   * A leg's walk from a keeps a node reached at depth d only when d + hops ≤ DEFAULT_H: a node that fails
   * cannot lie on a path of at most H edges to a target. Every tree ancestor of a kept node is kept (its
   * parent p has depth d − 1 and hops ≤ hops + 1), so the kept nodes are met in the same breadth-first order
   * with the same tree paths as in the whole tree, and the leg's hits (targets in tree order) are the same.
   */
  hopsTo(kinds: ReadonlySet<string>, key: string, target: (v: number) => boolean): Uint8Array {
    const cacheKey = `${key}|${[...kinds].sort().join(',')}`;
    let hops = this.hopsCache.get(cacheKey);
    if (hops) return hops;
    const n = this.n;
    const { inOffsets, inEdges, edgeSource } = this.graph.index;
    const allowed = this.table.mask(kinds);
    const code = this.table.code;
    hops = new Uint8Array(n).fill(255);
    let frontier: number[] = [];
    for (let v = 0; v < n; v++) {
      if (!target(v)) continue;
      hops[v] = 0;
      frontier.push(v);
    }
    for (let h = 1; h <= DEFAULT_H && frontier.length > 0; h++) {
      const next: number[] = [];
      for (const v of frontier) {
        for (let k = inOffsets[v]!, end = inOffsets[v + 1]!; k < end; k++) {
          const j = inEdges[k]!;
          if (allowed[code[j]!] !== 1 || !this.usable(j)) continue;
          const u = edgeSource[j]!;
          if (hops[u] !== 255) continue;
          hops[u] = h;
          next.push(u);
        }
      }
      frontier = next;
    }
    this.hopsCache.set(cacheKey, hops);
    return hops;
  }

  /**
   * The breadth-first walk of `tree(a, kinds)` cut down to the nodes that can reach a target of `hops`
   * within H (see hopsTo): `visit(v)` sees every reached node but a, in tree order, and returns true to stop;
   * `legWalker.witness(v)` is then v's tree path.
   */
  walkTowards(a: number, kinds: ReadonlySet<string>, hops: Uint8Array, visit: (v: number) => boolean): void {
    this.legWalker.run(
      a,
      kinds,
      DEFAULT_H,
      (v) => v !== a && visit(v),
      (v, d) => d + hops[v]! <= DEFAULT_H,
    );
  }

  /** The first MAX_HITS nodes of `tree(a, kinds)` that `target` accepts, each with its tree path. */
  private firstHits(a: number, kinds: ReadonlySet<string>, key: string, target: Uint8Array, evidence?: 'direct'): Hit[] {
    const hits: Hit[] = [];
    const walker = this.legWalker;
    this.walkTowards(a, kinds, this.hopsTo(kinds, key, (v) => target[v] === 1), (v) => {
      if (target[v] === 1) hits.push({ target: v, witness: walker.witness(v, undefined, evidence) });
      return hits.length >= MAX_HITS;
    });
    return hits;
  }

  /** The walker of walkTowards (and the legs). */
  get legWalker(): Walker {
    return (this.legWalkerInstance ??= new Walker(this.graph, this.disabled));
  }

  /** `permActions` of edge j as ACTION_* bits. */
  actionBits(j: number): number {
    const actions = (this.actions ??= new Uint8Array(this.graph.edges.length).fill(0xff));
    let bits = actions[j]!;
    if (bits === 0xff) {
      const named = permActions(this.edge(j));
      bits = (named.has('read') ? ACTION_READ : 0) | (named.has('write') ? ACTION_WRITE : 0) | (named.has('delete') ? ACTION_DELETE : 0) | (named.has('admin') ? ACTION_ADMIN : 0);
      actions[j] = bits;
    }
    return bits;
  }

  witness(tree: PathTree, target: number, extra?: number, evidence?: 'direct' | 'ambient'): Witness {
    return treeWitness(this.graph, tree, target, extra, evidence);
  }
  /** Node indexes of the tree path from the source to `target` (the nodes of `witness(tree, target)`). */
  pathNodes(tree: PathTree, target: number): number[] {
    const nodes: number[] = [];
    let v = target;
    while (v !== tree.source) {
      const j = tree.parent.get(v);
      if (j === undefined) return [tree.source];
      nodes.push(v);
      v = this.graph.index.edgeSource[j]!;
    }
    nodes.push(tree.source);
    return nodes.reverse();
  }
  edgeWitness(j: number): Witness {
    return toWitness(this.graph, [this.src(j), this.dst(j)], [j]);
  }
  nodeWitness(i: number): Witness {
    return toWitness(this.graph, [i], []);
  }

  /** UNTRUSTED(n), §1.2 (with the derived content_trust of §1.3). */
  untrusted(i: number): boolean {
    const node = this.graph.nodes[i]!;
    const kind = this.kinds[i]!;
    const trust = str(node, 'trust');
    if (trust === 'untrusted' || kind === 'external') return true;
    if (DATA.has(kind) && this.contentUntrusted[i]) return true;
    return (kind === 'human' || kind === 'nhi') && (trust === 'external' || trust === 'anonymous');
  }

  isAgent(i: number): boolean {
    return this.kinds[i] === 'ai_agent';
  }

  /**
   * Edges of the form `x ─has_permission→ r` (or an identity's plain `reads`/`writes`) reachable by a K_PERM path from `from`, whose actions meet
   * `wanted`, with `accept(r)`: one ambient witness per target.
   */
  permissionHits(from: number, wanted: readonly string[], accept: (r: number) => boolean, kinds: ReadonlySet<string> = K_PERM): Hit[] {
    return this.permissionQueries(from, [{ wanted: actionMask(wanted), accept }], kinds)[0]!;
  }

  /**
   * Several `permissionHits` questions answered by one breadth-first walk, nearest first, stopping as soon as
   * every answer holds MAX_HITS targets (the rest of the tree could add nothing).
   */
  permissionQueries(from: number, queries: readonly PermissionQuery[], kinds: ReadonlySet<string> = K_PERM): Hit[][] {
    const results = queries.map(() => new Map<number, Hit>());
    let open = queries.length;
    const { outOffsets, outEdges, edgeTarget } = this.graph.index;
    const table = edgeTable(this.graph);
    const grants = table.mask(GRANT_EDGES);
    const permission = table.codes.get('has_permission') ?? -1;
    const walker = this.walker;
    walker.run(from, kinds, DEFAULT_H, (u, d) => {
      if (d + 1 > DEFAULT_H) return false;
      // has_permission, or the plain reads/writes grants an identity may hold (same bits, format §3)
      for (let k = outOffsets[u]!, end = outOffsets[u + 1]!; k < end; k++) {
        const j = outEdges[k]!;
        const code = table.code[j]!;
        if ((u === from ? code !== permission : grants[code] !== 1) || !this.usable(j)) continue;
        const r = edgeTarget[j]!;
        for (let q = 0; q < queries.length; q++) {
          const hits = results[q]!;
          if (hits.size >= MAX_HITS) continue;
          if (r === from || hits.has(r) || !queries[q]!.accept(r) || (this.actionBits(j) & queries[q]!.wanted) === 0) continue;
          hits.set(r, { target: r, witness: walker.witness(u, j, 'ambient'), ambient: true });
          if (hits.size >= MAX_HITS) open--;
        }
        if (open === 0) return true;
      }
      return false;
    }, (v, d) => {
      // Worth queuing only when some unfinished question has a grant it wants within the hops left.
      for (let q = 0; q < queries.length; q++) {
        const hops = queries[q]!.hopsToGrant;
        if (results[q]!.size < MAX_HITS && (hops === undefined || d + hops[v]! <= DEFAULT_H - 1)) return true;
      }
      return false;
    });
    return results.map((hits) => [...hits.values()]);
  }

  /**
   * Per node: the fewest K_PERM hops to a node holding a usable grant edge (GRANT_EDGES) whose actions meet
   * `wanted` on a node that `accept`s (255 when more than DEFAULT_H - 1). A node reached at depth d with
   * d + hops > DEFAULT_H - 1 cannot lead a permission walk to such a grant, nor can anything reached only
   * through it, so the walk need not queue it: the nodes that can are reached through nodes that can, in the
   * same order and by the same tree edges.
   */
  private hopsToGrant(wanted: number, accept: (r: number) => boolean): Uint8Array {
    const n = this.n;
    const { inOffsets, inEdges, outOffsets, outEdges, edgeSource, edgeTarget } = this.graph.index;
    const table = edgeTable(this.graph);
    const grants = table.mask(GRANT_EDGES);
    const perm = table.mask(K_PERM);
    const hops = new Uint8Array(n).fill(255);
    let frontier: number[] = [];
    for (let u = 0; u < n; u++) {
      for (let k = outOffsets[u]!, end = outOffsets[u + 1]!; k < end; k++) {
        const j = outEdges[k]!;
        if (grants[table.code[j]!] === 1 && this.usable(j) && (this.actionBits(j) & wanted) !== 0 && accept(edgeTarget[j]!)) {
          hops[u] = 0;
          frontier.push(u);
          break;
        }
      }
    }
    for (let h = 1; h <= DEFAULT_H - 1 && frontier.length > 0; h++) {
      const next: number[] = [];
      for (const v of frontier) {
        for (let k = inOffsets[v]!, end = inOffsets[v + 1]!; k < end; k++) {
          const j = inEdges[k]!;
          const u = edgeSource[j]!;
          if (hops[u] !== 255 || perm[table.code[j]!] !== 1 || !this.usable(j)) continue;
          hops[u] = h;
          next.push(u);
        }
      }
      frontier = next;
    }
    return hops;
  }

  /** The ambient (permission) halves of P and D, in one walk. */
  private ambientLegs(a: number): [Hit[], Hit[]] {
    const queries = (this.ambientQueries ??= [
      { wanted: ACTION_READ | ACTION_WRITE | ACTION_ADMIN, accept: (r: number) => this.sensitive[r] === 1 },
      { wanted: ACTION_DELETE | ACTION_ADMIN, accept: (r: number) => this.prod[r] === 1 },
    ].map((q) => ({ ...q, hopsToGrant: this.hopsToGrant(q.wanted, q.accept) })));
    const [privateData, destructive] = this.permissionQueries(a, queries);
    return [privateData!, destructive!];
  }

  /** §1.4 legs of node a (usually an ai_agent; R15/R17 also ask for MCP servers). */
  legs(a: number): Legs {
    let legs = this.legCache.get(a);
    if (!legs) {
      const [privateData, destructive] = this.ambientLegs(a);
      legs = { U: this.legU(a), P: this.legP(a, privateData), E: this.legE(a), D: this.legD(a, destructive), X: this.legX(a) };
      this.legCache.set(a, legs);
    }
    return legs;
  }

  /** U(a); with `first`, only its first hit (what the §1.3 fixed point needs) and no further work. */
  legU(a: number, first = false): Hit[] {
    const hits: Hit[] = [];
    const seen = new Set<number>();
    for (const j of this.in(a, 'can_invoke')) {
      if (first && hits.length > 0) return hits;
      const s = this.src(j);
      if (seen.has(s) || !this.untrusted(s)) continue;
      seen.add(s);
      hits.push({ target: s, witness: reversed(this.edgeWitness(j)), zeroClick: true, invoked: true });
    }
    const self = this.node(a).id;
    const consider = (s: number, path: () => Witness) => {
      if (seen.has(s) || !this.untrusted(s)) return;
      const why = this.contentWhy.get(s);
      // a store tainted only by this agent's own injectable writes adds nothing to its own U leg
      if (why && why.nodes.includes(self) && this.selfTaintOnly(s)) return;
      seen.add(s);
      let w = path();
      if (why && why.edges.length > 0) w = chain(w, why);
      const node = this.node(s);
      const zeroClick =
        this.contentZeroClick[s] === 1 ||
        (this.kinds[s] === 'external' && INBOUND_SUBTYPE.test(`${str(node, 'subtype') ?? ''} ${node.id} ${node.name}`));
      hits.push({ target: s, witness: w, zeroClick });
    };
    if (this.trustFinal) {
      // UNTRUSTED is final: walk only towards untrusted nodes, and stop at the last hit the leg keeps.
      const walker = this.legWalker;
      const hops = this.hopsTo(K_READ, 'untrusted', (v) => this.untrusted(v));
      this.walkTowards(a, K_READ, hops, (s) => {
        if (hits.length >= MAX_HITS || (first && hits.length > 0)) return true;
        consider(s, () => walker.witness(s));
        return false;
      });
    } else {
      const tree = this.tree(a, K_READ);
      for (const s of tree.order) {
        if (hits.length >= MAX_HITS || (first && hits.length > 0)) break;
        consider(s, () => this.witness(tree, s));
      }
    }
    for (const j of this.out(a, 'connects_to')) {
      if (first && hits.length > 0) break;
      const srv = this.dst(j);
      const trust = str(this.node(srv), 'trust');
      if (seen.has(srv) || (trust !== 'unknown' && trust !== 'third_party_unvetted')) continue;
      seen.add(srv);
      hits.push({ target: srv, witness: this.edgeWitness(j) });
    }
    return hits;
  }

  legP(a: number, ambient: readonly Hit[] = this.permissionHits(a, ['read', 'write', 'admin'], (r) => this.sensitive[r] === 1)): Hit[] {
    const hits = new Map<number, Hit>();
    for (const h of this.firstHits(a, K_READ, 'sensitive', this.sensitive, 'direct')) hits.set(h.target, h);
    for (const h of ambient) {
      if (!hits.has(h.target)) hits.set(h.target, h);
    }
    return [...hits.values()];
  }

  legE(a: number): Hit[] {
    const hits = this.firstHits(a, K_ACT, 'extSink', this.extSink, 'direct');
    const node = this.node(a);
    if (bool(node, 'rendersMarkdownMedia') === true && str(node, 'mediaAllowlist') !== 'strict') {
      const renders = this.out(a, 'renders_to');
      hits.push({ target: a, witness: renders.length > 0 ? this.edgeWitness(renders[0]!) : this.nodeWitness(a), renderer: true });
    }
    return hits;
  }

  legD(a: number, ambient: readonly Hit[] = this.permissionHits(a, ['delete', 'admin'], (r) => this.prod[r] === 1)): Hit[] {
    const hits = new Map<number, Hit>();
    for (const h of this.firstHits(a, K_TOOL, 'destructive', this.destructive, 'direct')) hits.set(h.target, h);
    for (const h of ambient) if (!hits.has(h.target)) hits.set(h.target, h);
    return [...hits.values()];
  }

  legX(a: number): Hit[] {
    return this.firstHits(a, K_TOOL, 'codeExec', this.codeExec, 'direct');
  }

  /**
   * priv(n) of R07: SENSITIVE ∪ DESTRUCTIVE ∪ CODE_EXEC nodes reachable through K_BLAST \ {delegates_to}, the
   * first MAX_HITS in breadth-first order (the walk stops there), each with its tree path. Cached per node.
   */
  priv(n: number): Map<number, Witness> {
    let out = this.privCache.get(n);
    if (out) return out;
    const found = new Map<number, Witness>();
    const walker = this.walker;
    const hops = this.hopsTo(K_BLAST_NO_DELEGATION, 'priv', (v) => this.sensitive[v] === 1 || this.destructive[v] === 1 || this.codeExec[v] === 1);
    walker.run(
      n,
      K_BLAST_NO_DELEGATION,
      DEFAULT_H,
      (v) => {
        if (v === n) return false;
        if (this.sensitive[v] || this.destructive[v] || this.codeExec[v]) found.set(v, walker.witness(v));
        return found.size >= MAX_HITS;
      },
      // only nodes that can still lead to a privileged node within H (hopsTo: same order, same paths)
      (v, d) => d + hops[v]! <= DEFAULT_H,
    );
    out = found;
    this.privCache.set(n, out);
    if (this.privCache.size > PRIV_CACHE_LIMIT) this.privCache.delete(this.privCache.keys().next().value!);
    return out;
  }

  /** Is store s untrusted only because some agent's injectable writes reach it (no direct outside cause)? */
  selfTaintOnly(s: number): boolean {
    const why = this.contentWhy.get(s);
    return why !== undefined && why.nodes.slice(1).some((id) => this.kinds[this.indexOf(id)!] === 'ai_agent');
  }

  /** §1.3 content_trust as a fixed point: writers, index sources and prompt-injectable agents. */
  private computeContentTrust(): void {
    const mark = (d: number, why: Witness, zeroClick: boolean): boolean => {
      if (this.contentUntrusted[d]) return false;
      this.contentUntrusted[d] = 1;
      this.contentWhy.set(d, why);
      if (zeroClick) this.contentZeroClick[d] = 1;
      return true;
    };
    for (let d = 0; d < this.n; d++) {
      if (!DATA.has(this.kinds[d]!)) continue;
      const node = this.node(d);
      const exposure = str(node, 'exposure');
      if (exposure === 'public_write' || exposure === 'external_inbound') mark(d, this.nodeWitness(d), true);
      else if (str(node, 'contentTrust') === 'untrusted') mark(d, this.nodeWitness(d), false);
    }
    const agents: number[] = [];
    for (let i = 0; i < this.n; i++) if (this.kinds[i] === 'ai_agent') agents.push(i);
    /** Per agent: the DATA nodes of its K_ACT tree (what it can write into), in tree order. */
    const writable = new Map<number, Int32Array>();
    let changed = true;
    while (changed) {
      changed = false;
      for (let d = 0; d < this.n; d++) {
        if (!DATA.has(this.kinds[d]!) || this.contentUntrusted[d]) continue;
        for (const j of this.in(d, 'writes')) {
          const p = this.src(j);
          if (this.untrusted(p)) {
            const upstream = this.contentWhy.get(p);
            const w = reversed(this.edgeWitness(j));
            changed = mark(d, upstream ? chain(w, upstream) : w, this.kinds[p] !== 'ai_agent') || changed;
            break;
          }
        }
        if (this.contentUntrusted[d] || this.kinds[d] !== 'vector_store') continue;
        for (const j of this.out(d, 'indexes')) {
          const v = this.dst(j);
          if (this.untrusted(v)) {
            const upstream = this.contentWhy.get(v);
            const w = this.edgeWitness(j);
            changed = mark(d, upstream ? chain(w, upstream) : w, true) || changed;
            break;
          }
        }
      }
      for (const a2 of agents) {
        // Only an agent that writes some store not yet untrusted can change anything: check that first
        // (from a list kept per agent), then its U leg's first hit.
        let stores = writable.get(a2);
        if (!stores) {
          stores = Int32Array.from(this.tree(a2, K_ACT).order.filter((d) => DATA.has(this.kinds[d]!)));
          writable.set(a2, stores);
        }
        if (stores.every((d) => this.contentUntrusted[d] === 1)) continue;
        const u = this.legU(a2, true);
        if (u.length === 0) continue;
        const tree = this.tree(a2, K_ACT);
        for (const d of tree.order) {
          if (!DATA.has(this.kinds[d]!) || this.contentUntrusted[d]) continue;
          // The store's content is as untrusted as the agent that writes it: store ← agent ← input.
          const w = chain(reversed(this.witness(tree, d)), u[0]!.witness); // U witnesses start at the agent
          changed = mark(d, w, false) || changed;
        }
      }
      if (changed) this.legCache.clear();
    }
  }
}

/**
 * Hits kept per leg, nearest first. Every rule asks whether a leg holds; on a large estate an agent can
 * reach thousands of sensitive stores, and keeping a witness path for each exhausted memory (1,000 agents
 * over 20k nodes ran out of a 4 GB heap). Figures that count everything reached come from the reach engine.
 */
export const MAX_HITS = 48;

/** Search trees kept per facts object (least recently used evicted first), and the nodes they may hold in all. */
const TREE_CACHE_LIMIT = 1024;
const TREE_CACHE_NODES = 2_000_000;
/** priv() results kept per facts object. */
const PRIV_CACHE_LIMIT = 4096;

/** permActions as bits (see RuleFacts.actionBits). */
export const ACTION_READ = 1;
export const ACTION_WRITE = 2;
export const ACTION_DELETE = 4;
export const ACTION_ADMIN = 8;
const ACTION_BITS: ReadonlyMap<string, number> = new Map([
  ['read', ACTION_READ],
  ['write', ACTION_WRITE],
  ['delete', ACTION_DELETE],
  ['admin', ACTION_ADMIN],
]);
/** Action names as bits; names other than read, write, delete and admin never match. */
function actionMask(wanted: readonly string[]): number {
  return wanted.reduce((m, a) => m | (ACTION_BITS.get(a) ?? 0), 0);
}

const cache = new WeakMap<InventoryGraph, Map<Uint8Array | 'none', RuleFacts>>();

/** The facts of a graph under an optional what-if mask, computed once and cached. */
export function factsFor(graph: InventoryGraph, disabled?: Uint8Array): RuleFacts {
  let byMask = cache.get(graph);
  if (!byMask) {
    byMask = new Map();
    cache.set(graph, byMask);
  }
  const key = disabled ?? 'none';
  let facts = byMask.get(key);
  if (!facts) {
    if (byMask.size >= 8) byMask.clear(); // what-if masks come and go; keep the cache small
    facts = new RuleFacts(graph, disabled);
    byMask.set(key, facts);
  }
  return facts;
}
