/**
 * Drift between two inventories: what was added, removed and changed, how each AI integration's blast
 * radius moved (crown jewels newly reachable or no longer reachable), and which findings are new or resolved.
 *
 * Pure and deterministic: the same two inventories give the same diff whatever the order of their nodes
 * and edges (every list is sorted by id). The result is plain data (JSON-serialisable): the CLI prints it
 * with `pathlight diff OLD NEW --format json`, and the app keeps it as the "What changed" history.
 *
 * Reach is compared exactly: every AI node's reached set is computed in both graphs 32 sources at a time
 * (reach-many.ts) and the two are compared node by node through the ids, so no per-node search is needed.
 */
import { NODE_KIND_LABELS } from '../model/node-kinds.ts';
import type { NodeKind } from '../model/node-kinds.ts';
import type { Fields, Inventory, InventoryEdge, InventoryNode } from '../model/types.ts';

import { NODE_AI, NODE_CROWN_JEWEL, buildGraph } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';
import { reachManyMasks } from './reach-many.ts';
import { evaluateRules } from './rules/registry.ts';
import { SEVERITY_RANK } from './rules/types.ts';
import type { Finding, FindingEvidence, RuleMode, Severity } from './rules/types.ts';

/** One side of a diff. `graph` and `findings` are reused when given (the app already has them). */
export interface DiffSide {
  readonly inventory: Inventory;
  readonly graph?: InventoryGraph;
  /** Findings of this inventory; evaluated (strict) when absent and findings are compared. */
  readonly findings?: readonly Finding[];
}

export interface DiffOptions {
  /** Compare findings (default true). When false, `findings` lists are empty and no rule runs. */
  readonly findings?: boolean;
  /** Rule mode when findings are evaluated here (default strict). */
  readonly mode?: RuleMode;
  /** Most sentences in `summary`; the rest are folded into a last "… and N more changes" (default 20). */
  readonly maxSummary?: number;
  /** Memory bound for the reach comparison's kept masks (default 64 MB); smaller means more passes. */
  readonly maskBudgetBytes?: number;
  /**
   * Fields not compared (default `['provenance', 'provenanceLine', 'provenanceColumn']`: where in an imported
   * file an element came from is not drift of the environment, and it differs whenever the same export is read
   * from another path or reformatted).
   */
  readonly ignoreFields?: readonly string[];
}

const DEFAULT_IGNORED_FIELDS: readonly string[] = ['provenance', 'provenanceLine', 'provenanceColumn'];

/** A field that differs. `old` is absent when the field was added, `new` when it was removed. */
export interface FieldChange {
  readonly field: string;
  readonly old?: unknown;
  readonly new?: unknown;
}

export interface ElementChange {
  readonly id: string;
  /** Sorted by field name. */
  readonly fields: readonly FieldChange[];
}

export interface ElementDiff {
  /** Ids, sorted. */
  readonly added: readonly string[];
  readonly removed: readonly string[];
  readonly changed: readonly ElementChange[];
}

/** How one AI node's blast radius moved. Ids are sorted; `before` is 0 for a new node, `after` 0 for a removed one. */
export interface ReachChange {
  readonly node: string;
  readonly name: string;
  readonly before: number;
  readonly after: number;
  /** Nodes reached now and not before. */
  readonly gained: readonly string[];
  /** Nodes reached before and not now. */
  readonly lost: readonly string[];
  /** Crown jewels reached now that were not reached, or not crown jewels, before. */
  readonly crownJewelsGained: readonly string[];
  /** Crown jewels reached before that are not reached, or not crown jewels, now. */
  readonly crownJewelsLost: readonly string[];
  readonly crownJewelsBefore: number;
  readonly crownJewelsAfter: number;
}

/** A finding as the diff reports it (the full record stays with the analysis). */
export interface FindingRef {
  readonly rule: string;
  readonly ruleRef?: string;
  readonly node: string;
  readonly severity: Severity;
  readonly title: string;
  readonly evidence: FindingEvidence;
}

/** The same finding (rule and node) on both sides with a different severity. */
export interface FindingSeverityChange {
  readonly rule: string;
  readonly ruleRef?: string;
  readonly node: string;
  readonly title: string;
  readonly old: Severity;
  readonly new: Severity;
}

export type DiffSentenceKind =
  | 'finding-new'
  | 'finding-resolved'
  | 'finding-severity'
  | 'crown-jewel-gained'
  | 'crown-jewel-lost'
  | 'crown-jewel-status'
  | 'reach'
  | 'node-added'
  | 'node-removed'
  | 'node-changed'
  | 'edge-added'
  | 'edge-removed'
  | 'edge-changed'
  | 'more';

/** One line of the compact summary. `node` is the subject; `ids` the node or edge ids it names. */
export interface DiffSentence {
  readonly kind: DiffSentenceKind;
  readonly text: string;
  readonly node?: string;
  readonly ids?: readonly string[];
  readonly severity?: Severity;
}

export interface InventoryDiff {
  /** True when nothing differs (no element, reach or finding change). */
  readonly empty: boolean;
  readonly nodes: ElementDiff;
  readonly edges: ElementDiff;
  /** Only the AI nodes whose reach or reached crown jewels changed, most significant first. */
  readonly reach: readonly ReachChange[];
  readonly findings: {
    readonly new: readonly FindingRef[];
    readonly resolved: readonly FindingRef[];
    readonly changed: readonly FindingSeverityChange[];
  };
  /**
   * What the removed elements were (from the old inventory), so they can be drawn as ghosts or named in a
   * history entry after the old inventory is gone. Same order as `nodes.removed` / `edges.removed`.
   */
  readonly ghosts: {
    readonly nodes: readonly { readonly id: string; readonly kind: string; readonly name: string }[];
    readonly edges: readonly { readonly id: string; readonly source: string; readonly target: string; readonly kind: string }[];
  };
  /** Short sentences for people, most important first. */
  readonly summary: readonly DiffSentence[];
}

/** Code-unit order: deterministic, locale-free. */
export function compareIds(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Structural equality of JSON-like values: objects by their own keys (in any order), arrays in order,
 * everything else by `===` (NaN equals NaN). Iterative, so a deeply nested field cannot overflow the stack;
 * a pair of objects already being compared counts as equal, so cyclic values terminate.
 */
export function sameValue(a: unknown, b: unknown): boolean {
  const stack: [unknown, unknown][] = [[a, b]];
  const seen = new Map<object, Set<object>>();
  while (stack.length > 0) {
    const [x, y] = stack.pop()!;
    if (x === y) continue;
    if (typeof x !== 'object' || typeof y !== 'object' || x === null || y === null) {
      if (typeof x === 'number' && typeof y === 'number' && Number.isNaN(x) && Number.isNaN(y)) continue;
      return false;
    }
    let partners = seen.get(x);
    if (partners?.has(y)) continue;
    if (!partners) seen.set(x, (partners = new Set()));
    partners.add(y);
    const arrayX = Array.isArray(x);
    if (arrayX !== Array.isArray(y)) return false;
    if (arrayX) {
      const xs = x as readonly unknown[];
      const ys = y as readonly unknown[];
      if (xs.length !== ys.length) return false;
      for (let i = 0; i < xs.length; i++) stack.push([xs[i], ys[i]]);
      continue;
    }
    const rx = x as Record<string, unknown>;
    const ry = y as Record<string, unknown>;
    const keysX = definedKeys(rx);
    if (keysX.length !== definedKeys(ry).length) return false;
    for (const key of keysX) {
      if (!Object.prototype.hasOwnProperty.call(ry, key)) return false;
      stack.push([rx[key], ry[key]]);
    }
  }
  return true;
}

/** Own keys whose value is not undefined (JSON has no undefined: such a key is absent). */
function definedKeys(record: Readonly<Record<string, unknown>>): string[] {
  return Object.keys(record).filter((k) => record[k] !== undefined);
}

/** The fields that differ between two records, sorted by name. */
export function diffFields(old: Fields, next: Fields, ignore: ReadonlySet<string> = new Set()): FieldChange[] {
  const keys = new Set([...definedKeys(old), ...definedKeys(next)]);
  const out: FieldChange[] = [];
  for (const key of [...keys].sort(compareIds)) {
    if (ignore.has(key)) continue;
    const hasOld = Object.prototype.hasOwnProperty.call(old, key) && old[key] !== undefined;
    const hasNew = Object.prototype.hasOwnProperty.call(next, key) && next[key] !== undefined;
    if (hasOld && hasNew && sameValue(old[key], next[key])) continue;
    out.push({ field: key, ...(hasOld ? { old: old[key] } : {}), ...(hasNew ? { new: next[key] } : {}) });
  }
  return out;
}

function diffElements<T extends { readonly id: string; readonly fields: Fields }>(
  old: readonly T[],
  next: readonly T[],
  extra: (a: T, b: T) => FieldChange[],
  ignore: ReadonlySet<string>,
): ElementDiff {
  const oldById = new Map<string, T>();
  for (const e of old) if (!oldById.has(e.id)) oldById.set(e.id, e);
  const nextById = new Map<string, T>();
  for (const e of next) if (!nextById.has(e.id)) nextById.set(e.id, e);
  const added: string[] = [];
  const removed: string[] = [];
  const changed: ElementChange[] = [];
  for (const [id, b] of nextById) {
    const a = oldById.get(id);
    if (a === undefined) {
      added.push(id);
      continue;
    }
    const fields = mergeChanges(diffFields(a.fields, b.fields, ignore), extra(a, b));
    if (fields.length > 0) changed.push({ id, fields });
  }
  for (const id of oldById.keys()) if (!nextById.has(id)) removed.push(id);
  added.sort(compareIds);
  removed.sort(compareIds);
  changed.sort((x, y) => compareIds(x.id, y.id));
  return { added, removed, changed };
}

/** Adds derived changes whose field is not already reported. */
function mergeChanges(given: FieldChange[], derived: FieldChange[]): FieldChange[] {
  if (derived.length === 0) return given;
  const seen = new Set(given.map((c) => c.field));
  const out = [...given, ...derived.filter((c) => !seen.has(c.field))];
  return out.sort((x, y) => compareIds(x.field, y.field));
}

/**
 * The parser keeps an edge's endpoints and kind in `fields` too; these checks cover inventories built
 * another way (importers, tests) whose `fields` lack them. Duplicates of a field change are dropped.
 */
function edgeExtra(a: InventoryEdge, b: InventoryEdge): FieldChange[] {
  const out: FieldChange[] = [];
  if (a.source !== b.source) out.push({ field: 'source', old: a.source, new: b.source });
  if (a.target !== b.target) out.push({ field: 'target', old: a.target, new: b.target });
  if (a.kind !== b.kind) out.push({ field: 'kind', old: a.kind, new: b.kind });
  return out;
}

function nodeExtra(a: InventoryNode, b: InventoryNode): FieldChange[] {
  return a.kind !== b.kind && a.fields.kind === b.fields.kind ? [{ field: 'kind', old: a.kind, new: b.kind }] : [];
}

interface SourceReach {
  before: number;
  after: number;
  cjBefore: number;
  cjAfter: number;
  gained: number[]; // new-graph indexes
  lost: number[]; // old-graph indexes
  cjGained: number[]; // new-graph indexes
  cjLost: number[]; // old-graph indexes
}

/** Old-side masks kept at once are bounded by this many bytes (the sources are processed in chunks). */
const MASK_BUDGET_BYTES = 64 * 1024 * 1024;

/**
 * Compares the reach of `ids` (node ids; each present in at least one graph) between two graphs. The
 * sources present in both come first and in the same order on both sides, so bit i of batch b names the
 * same source on both sides for them; the others are new-only (all gained) or old-only (all lost).
 *
 * Sources go in chunks of whole batches: one reachManyMasks run on the old graph keeps each batch's masks
 * (the union of R, W and C per node), then one run on the new graph compares batch by batch. Counts use
 * bit-sliced counters (one counter per source, summed 32 at a time), so a batch costs O(N) plus the
 * gained and lost ids it reports.
 */
function compareReach(oldGraph: InventoryGraph, newGraph: InventoryGraph, ids: readonly string[], budget = MASK_BUDGET_BYTES): Map<string, SourceReach> {
  const oldIdx = oldGraph.index.nodeIndex;
  const newIdx = newGraph.index.nodeIndex;
  const common = ids.filter((id) => oldIdx.has(id) && newIdx.has(id));
  const oldOrder = [...common, ...ids.filter((id) => oldIdx.has(id) && !newIdx.has(id))];
  const newOrder = [...common, ...ids.filter((id) => !oldIdx.has(id) && newIdx.has(id))];
  const state = new Map<string, SourceReach>();
  for (const id of ids) state.set(id, { before: 0, after: 0, cjBefore: 0, cjAfter: 0, gained: [], lost: [], cjGained: [], cjLost: [] });

  const nOld = oldGraph.index.nodeCount;
  const nNew = newGraph.index.nodeCount;
  // Position of each node in the other graph (-1 when absent there).
  const oldToNew = new Int32Array(nOld);
  for (let u = 0; u < nOld; u++) oldToNew[u] = newIdx.get(oldGraph.nodes[u]!.id) ?? -1;
  const newToOld = new Int32Array(nNew);
  for (let v = 0; v < nNew; v++) newToOld[v] = oldIdx.get(newGraph.nodes[v]!.id) ?? -1;
  const flagsOld = oldGraph.index.nodeFlags;
  const flagsNew = newGraph.index.nodeFlags;
  const all = new Uint32Array(33);
  const cj = new Uint32Array(33);

  const compareBatch = (b: number, oldM: Uint32Array | undefined, newM: Uint32Array | undefined) => {
    const start = b * 32;
    const commonInBatch = Math.max(0, Math.min(32, common.length - start));
    const commonBits = commonInBatch === 32 ? 0xffffffff : ((1 << commonInBatch) - 1) >>> 0;
    if (newM) {
      const sources = newOrder.slice(start, start + 32).map((id) => state.get(id)!);
      all.fill(0);
      cj.fill(0);
      for (let v = 0; v < nNew; v++) {
        const now = newM[v]!;
        if (now === 0) continue;
        addBits(all, now);
        const u = newToOld[v]!;
        const then = u >= 0 && oldM ? oldM[u]! & commonBits : 0;
        let gained = (now & ~then) >>> 0;
        while (gained !== 0) {
          const low = gained & -gained;
          sources[31 - Math.clz32(low)]!.gained.push(v);
          gained = (gained ^ low) >>> 0;
        }
        if ((flagsNew[v]! & NODE_CROWN_JEWEL) === 0) continue;
        addBits(cj, now);
        const cjThen = u >= 0 && flagsOld[u]! & NODE_CROWN_JEWEL ? then : 0;
        let cjGained = (now & ~cjThen) >>> 0;
        while (cjGained !== 0) {
          const low = cjGained & -cjGained;
          sources[31 - Math.clz32(low)]!.cjGained.push(v);
          cjGained = (cjGained ^ low) >>> 0;
        }
      }
      sources.forEach((s, i) => {
        s.after = bitCount(all, i);
        s.cjAfter = bitCount(cj, i);
      });
    }
    if (oldM) {
      const sources = oldOrder.slice(start, start + 32).map((id) => state.get(id)!);
      all.fill(0);
      cj.fill(0);
      for (let u = 0; u < nOld; u++) {
        const then = oldM[u]!;
        if (then === 0) continue;
        addBits(all, then);
        const v = oldToNew[u]!;
        const now = v >= 0 && newM ? newM[v]! & commonBits : 0;
        let lost = (then & ~now) >>> 0;
        while (lost !== 0) {
          const low = lost & -lost;
          sources[31 - Math.clz32(low)]!.lost.push(u);
          lost = (lost ^ low) >>> 0;
        }
        if ((flagsOld[u]! & NODE_CROWN_JEWEL) === 0) continue;
        addBits(cj, then);
        const cjNow = v >= 0 && flagsNew[v]! & NODE_CROWN_JEWEL ? now : 0;
        let cjLost = (then & ~cjNow) >>> 0;
        while (cjLost !== 0) {
          const low = cjLost & -cjLost;
          sources[31 - Math.clz32(low)]!.cjLost.push(u);
          cjLost = (cjLost ^ low) >>> 0;
        }
      }
      sources.forEach((s, i) => {
        s.before = bitCount(all, i);
        s.cjBefore = bitCount(cj, i);
      });
    }
  };

  const totalBatches = Math.ceil(Math.max(oldOrder.length, newOrder.length) / 32);
  const batchesPerChunk = Math.max(1, Math.floor(budget / (4 * Math.max(1, nOld))));
  const scratch = new Uint32Array(nNew);
  for (let first = 0; first < totalBatches; first += batchesPerChunk) {
    const from = first * 32;
    const to = Math.min(totalBatches, first + batchesPerChunk) * 32;
    const oldSources = oldOrder.slice(from, to).map((id) => oldIdx.get(id)!);
    const newSources = newOrder.slice(from, to).map((id) => newIdx.get(id)!);
    const oldMasks: Uint32Array[] = [];
    if (oldSources.length > 0) {
      reachManyMasks(oldGraph, oldSources, (_batch, { read, write, control }) => {
        const m = new Uint32Array(nOld);
        for (let u = 0; u < nOld; u++) m[u] = read[u]! | write[u]! | control[u]!;
        oldMasks.push(m);
      });
    }
    let b = 0;
    if (newSources.length > 0) {
      reachManyMasks(newGraph, newSources, (_batch, { read, write, control }) => {
        for (let v = 0; v < nNew; v++) scratch[v] = read[v]! | write[v]! | control[v]!;
        compareBatch(first + b, oldMasks[b], scratch);
        b++;
      });
    }
    for (; b < oldMasks.length; b++) compareBatch(first + b, oldMasks[b], undefined);
  }
  return state;
}

/** Adds one to the counter of every source whose bit is set in `mask` (bit-sliced: plane k holds bit k of each counter). */
function addBits(planes: Uint32Array, mask: number): void {
  let carry = mask >>> 0;
  for (let k = 0; carry !== 0; k++) {
    const p = planes[k]!;
    planes[k] = (p ^ carry) >>> 0;
    carry = (p & carry) >>> 0;
  }
}

/** The counter of source `i` from bit-sliced planes. */
function bitCount(planes: Uint32Array, i: number): number {
  let n = 0;
  for (let k = 0; k < planes.length; k++) n += ((planes[k]! >>> i) & 1) * 2 ** k;
  return n;
}

function findingRef(f: Finding): FindingRef {
  return {
    rule: f.rule,
    ...(f.ruleRef !== undefined ? { ruleRef: f.ruleRef } : {}),
    node: f.node,
    severity: f.severity,
    title: f.title,
    evidence: { nodes: [...f.evidence.nodes], edges: [...f.evidence.edges] },
  };
}

function evidenceKey(f: Finding): string {
  return `${[...f.evidence.nodes].sort(compareIds).join('\u0000')}\u0001${[...f.evidence.edges].sort(compareIds).join('\u0000')}`;
}

const bySeverityThenId = (a: { severity: Severity; rule: string; node: string }, b: { severity: Severity; rule: string; node: string }) =>
  SEVERITY_RANK[b.severity] - SEVERITY_RANK[a.severity] || compareIds(a.rule, b.rule) || compareIds(a.node, b.node);

/**
 * Findings new and resolved. A finding's identity is its rule and node; when a side has several findings
 * for one rule and node, they are told apart by their evidence. A matched pair whose severity moved is
 * reported in `changed`.
 */
export function diffFindings(old: readonly Finding[], next: readonly Finding[]): InventoryDiff['findings'] {
  const group = (list: readonly Finding[]) => {
    const map = new Map<string, Finding[]>();
    for (const f of list) {
      const key = `${f.rule}\u0000${f.node}`;
      const g = map.get(key);
      if (g) g.push(f);
      else map.set(key, [f]);
    }
    return map;
  };
  const oldGroups = group(old);
  const newGroups = group(next);
  const added: FindingRef[] = [];
  const resolved: FindingRef[] = [];
  const changed: FindingSeverityChange[] = [];
  const pair = (a: Finding, b: Finding) => {
    if (a.severity !== b.severity) {
      changed.push({ rule: b.rule, ...(b.ruleRef !== undefined ? { ruleRef: b.ruleRef } : {}), node: b.node, title: b.title, old: a.severity, new: b.severity });
    }
  };
  const keys = new Set([...oldGroups.keys(), ...newGroups.keys()]);
  for (const key of keys) {
    let olds = oldGroups.get(key) ?? [];
    let news = newGroups.get(key) ?? [];
    if (olds.length > 1 || news.length > 1) {
      // Match equal evidence first.
      const remaining = new Map<string, Finding[]>();
      for (const f of olds) {
        const k = evidenceKey(f);
        const g = remaining.get(k);
        if (g) g.push(f);
        else remaining.set(k, [f]);
      }
      const unmatchedNew: Finding[] = [];
      for (const f of news) {
        const g = remaining.get(evidenceKey(f));
        const a = g?.shift();
        if (a) pair(a, f);
        else unmatchedNew.push(f);
      }
      olds = [...remaining.values()].flat();
      news = unmatchedNew;
    }
    if (olds.length === 1 && news.length === 1) {
      pair(olds[0]!, news[0]!);
      continue;
    }
    for (const f of olds) resolved.push(findingRef(f));
    for (const f of news) added.push(findingRef(f));
  }
  added.sort(bySeverityThenId);
  resolved.sort(bySeverityThenId);
  changed.sort((a, b) => bySeverityThenId({ ...a, severity: a.new }, { ...b, severity: b.new }));
  return { new: added, resolved, changed };
}

/** Diffs two inventories. See the module comment; the JSON shape is documented in docs/live-api.md. */
export function diffInventories(old: DiffSide, next: DiffSide, options: DiffOptions = {}): InventoryDiff {
  const oldGraph = old.graph ?? buildGraph(old.inventory);
  const newGraph = next.graph ?? buildGraph(next.inventory);
  const ignore = new Set(options.ignoreFields ?? DEFAULT_IGNORED_FIELDS);
  const nodes = diffElements(old.inventory.nodes, next.inventory.nodes, nodeExtra, ignore);
  const edges = diffElements(old.inventory.edges, next.inventory.edges, edgeExtra, ignore);

  // Reach: every node that is an AI integration on either side.
  const aiIds = new Set<string>();
  for (const g of [oldGraph, newGraph]) {
    const flags = g.index.nodeFlags;
    for (let i = 0; i < g.index.nodeCount; i++) if (flags[i]! & NODE_AI) aiIds.add(g.nodes[i]!.id);
  }
  const ids = [...aiIds].sort(compareIds);
  const compared = compareReach(oldGraph, newGraph, ids, options.maskBudgetBytes);
  const oldId = (u: number) => oldGraph.nodes[u]!.id;
  const newId = (v: number) => newGraph.nodes[v]!.id;
  const name = nameLookup(oldGraph, newGraph);
  const reach: ReachChange[] = [];
  for (const id of ids) {
    const s = compared.get(id)!;
    if (s.gained.length + s.lost.length + s.cjGained.length + s.cjLost.length === 0) continue;
    reach.push({
      node: id,
      name: name(id),
      before: s.before,
      after: s.after,
      gained: s.gained.map(newId).sort(compareIds),
      lost: s.lost.map(oldId).sort(compareIds),
      crownJewelsGained: s.cjGained.map(newId).sort(compareIds),
      crownJewelsLost: s.cjLost.map(oldId).sort(compareIds),
      crownJewelsBefore: s.cjBefore,
      crownJewelsAfter: s.cjAfter,
    });
  }
  reach.sort(
    (a, b) =>
      b.crownJewelsGained.length - a.crownJewelsGained.length ||
      b.crownJewelsLost.length - a.crownJewelsLost.length ||
      b.gained.length + b.lost.length - (a.gained.length + a.lost.length) ||
      compareIds(a.node, b.node),
  );

  let findings: InventoryDiff['findings'] = { new: [], resolved: [], changed: [] };
  if (options.findings !== false) {
    const mode = options.mode ?? 'strict';
    const oldFindings = old.findings ?? evaluateRules({ graph: oldGraph, mode });
    const newFindings = next.findings ?? evaluateRules({ graph: newGraph, mode });
    findings = diffFindings(oldFindings, newFindings);
  }

  const empty =
    nodes.added.length + nodes.removed.length + nodes.changed.length + edges.added.length + edges.removed.length + edges.changed.length === 0 &&
    reach.length === 0 &&
    findings.new.length + findings.resolved.length + findings.changed.length === 0;
  const oldNodes = new Map(old.inventory.nodes.map((n) => [n.id, n]));
  const oldEdges = new Map(old.inventory.edges.map((e) => [e.id, e]));
  const ghosts: InventoryDiff['ghosts'] = {
    nodes: nodes.removed.map((id) => {
      const n = oldNodes.get(id)!;
      return { id, kind: n.kind, name: n.name };
    }),
    edges: edges.removed.map((id) => {
      const e = oldEdges.get(id)!;
      return { id, source: e.source, target: e.target, kind: e.kind };
    }),
  };
  const partial = { empty, nodes, edges, reach, findings, ghosts };
  return { ...partial, summary: summarize(partial, oldGraph, newGraph, options.maxSummary ?? 20) };
}

/** Display name of a node id: its name in the new graph, else in the old one, else the id. */
function nameLookup(oldGraph: InventoryGraph, newGraph: InventoryGraph): (id: string) => string {
  return (id) => {
    const v = newGraph.index.nodeIndex.get(id);
    if (v !== undefined) return newGraph.nodes[v]!.name;
    const u = oldGraph.index.nodeIndex.get(id);
    return u !== undefined ? oldGraph.nodes[u]!.name : id;
  };
}

/** "A", "A and B", "A, B and C", "A, B and 3 more". */
export function listNames(items: readonly string[], max = 3): string {
  if (items.length === 0) return '';
  if (items.length === 1) return items[0]!;
  if (items.length <= max) return `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]!}`;
  return `${items.slice(0, max - 1).join(', ')} and ${items.length - max + 1} more`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** A field value in a sentence: compact JSON, cut at 40 characters; `(none)` when absent. */
export function showValue(value: unknown, present: boolean): string {
  if (!present) return '(none)';
  let text: string;
  try {
    text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  } catch {
    text = Array.isArray(value) ? '[…]' : '{…}'; // too deep or cyclic to print
  }
  return text.length > 40 ? `${text.slice(0, 39)}…` : text;
}

function summarize(diff: Omit<InventoryDiff, 'summary'>, oldGraph: InventoryGraph, newGraph: InventoryGraph, max: number): DiffSentence[] {
  const name = nameLookup(oldGraph, newGraph);
  const kindLabel = (id: string) => {
    const v = newGraph.index.nodeIndex.get(id);
    const u = oldGraph.index.nodeIndex.get(id);
    const kind = v !== undefined ? newGraph.nodes[v]!.kind : u !== undefined ? oldGraph.nodes[u]!.kind : undefined;
    const label = kind ? (NODE_KIND_LABELS[kind as NodeKind] ?? kind) : 'node';
    // "Data store" → "data store", but "AI agent", "MCP server" and "SaaS app" keep their capitals.
    return /^[A-Z][a-z]*([\s-]|$)/.test(label) ? label[0]!.toLowerCase() + label.slice(1) : label;
  };
  const edgeOf = (id: string): InventoryEdge | undefined => {
    const j = newGraph.index.edgeIndex.get(id);
    if (j !== undefined) return newGraph.edges[j];
    const k = oldGraph.index.edgeIndex.get(id);
    return k !== undefined ? oldGraph.edges[k] : undefined;
  };
  const edgeText = (id: string) => {
    const e = edgeOf(id);
    return e ? `${name(e.source)} → ${name(e.target)} (${e.kind})` : id;
  };
  const isCrownJewel = (g: InventoryGraph, id: string) => {
    const i = g.index.nodeIndex.get(id);
    return i !== undefined && (g.index.nodeFlags[i]! & NODE_CROWN_JEWEL) !== 0;
  };

  const out: DiffSentence[] = [];
  for (const f of diff.findings.new) {
    out.push({ kind: 'finding-new', text: `New ${f.severity} finding: ${f.title}`, node: f.node, ids: f.evidence.nodes, severity: f.severity });
  }
  for (const r of diff.reach) {
    if (r.crownJewelsGained.length === 0) continue;
    const cj = r.crownJewelsGained;
    const text =
      cj.length === 1
        ? `${r.name} can now reach ${name(cj[0]!)} (crown jewel)`
        : `${r.name} can now reach ${cj.length} crown jewels: ${listNames(cj.map(name))}`;
    out.push({ kind: 'crown-jewel-gained', text, node: r.node, ids: cj });
  }
  for (const c of diff.nodes.changed) {
    const was = isCrownJewel(oldGraph, c.id);
    const is = isCrownJewel(newGraph, c.id);
    if (was !== is) {
      out.push({ kind: 'crown-jewel-status', text: `${name(c.id)} ${is ? 'is now' : 'is no longer'} a crown jewel`, node: c.id, ids: [c.id] });
    }
  }
  const elements = (ids: readonly string[], kind: DiffSentenceKind, verb: string, what: 'node' | 'edge') => {
    if (ids.length === 0) return;
    if (ids.length <= 5) {
      for (const id of ids) {
        const text = what === 'node' ? `${verb} ${kindLabel(id)} ${name(id)}` : `${verb} edge ${edgeText(id)}`;
        out.push({ kind, text, ...(what === 'node' ? { node: id } : {}), ids: [id] });
      }
      return;
    }
    const labels = ids.map((id) => (what === 'node' ? name(id) : edgeText(id)));
    out.push({ kind, text: `${verb} ${plural(ids.length, what)}: ${listNames(labels, 5)}`, ids });
  };
  elements(diff.nodes.added, 'node-added', 'Added', 'node');
  elements(diff.nodes.removed, 'node-removed', 'Removed', 'node');
  elements(diff.edges.added, 'edge-added', 'Added', 'edge');
  elements(diff.edges.removed, 'edge-removed', 'Removed', 'edge');
  for (const f of diff.findings.changed) {
    const up = SEVERITY_RANK[f.new] > SEVERITY_RANK[f.old];
    out.push({ kind: 'finding-severity', text: `Finding ${up ? 'raised' : 'lowered'} to ${f.new} (was ${f.old}): ${f.title}`, node: f.node, severity: f.new });
  }
  for (const f of diff.findings.resolved) {
    out.push({ kind: 'finding-resolved', text: `Resolved ${f.severity} finding: ${f.title}`, node: f.node, ids: f.evidence.nodes, severity: f.severity });
  }
  for (const r of diff.reach) {
    if (r.crownJewelsLost.length === 0) continue;
    const cj = r.crownJewelsLost;
    const text =
      cj.length === 1
        ? `${r.name} can no longer reach ${name(cj[0]!)} (crown jewel)`
        : `${r.name} can no longer reach ${cj.length} crown jewels: ${listNames(cj.map(name))}`;
    out.push({ kind: 'crown-jewel-lost', text, node: r.node, ids: cj });
  }
  for (const r of diff.reach) {
    const cjGained = new Set(r.crownJewelsGained);
    const cjLost = new Set(r.crownJewelsLost);
    const gained = r.gained.filter((id) => !cjGained.has(id)).length;
    const lost = r.lost.filter((id) => !cjLost.has(id)).length;
    if (gained + lost === 0) continue;
    const gainedIds = r.gained.filter((id) => !cjGained.has(id));
    const lostIds = r.lost.filter((id) => !cjLost.has(id));
    const some = (ids: readonly string[], more: string) => (ids.length <= 3 ? listNames(ids.map(name)) : `${ids.length} ${more}`);
    const text =
      gained > 0 && lost > 0
        ? `${r.name}'s reach changed: ${plural(gained, 'node')} gained, ${lost} lost (${r.before} → ${r.after})`
        : gained > 0
          ? `${r.name} can now reach ${some(gainedIds, 'more nodes')} (${r.before} → ${r.after})`
          : `${r.name} can no longer reach ${some(lostIds, 'nodes')} (${r.before} → ${r.after})`;
    out.push({ kind: 'reach', text, node: r.node });
  }
  for (const c of diff.nodes.changed) {
    out.push({ kind: 'node-changed', text: `Changed ${name(c.id)}: ${describeFields(c.fields)}`, node: c.id, ids: [c.id] });
  }
  for (const c of diff.edges.changed) {
    out.push({ kind: 'edge-changed', text: `Changed edge ${edgeText(c.id)}: ${describeFields(c.fields)}`, ids: [c.id] });
  }
  if (max <= 0) return [];
  if (out.length > max) {
    const rest = out.length - (max - 1);
    const kept = out.slice(0, max - 1);
    kept.push({ kind: 'more', text: `… and ${plural(rest, 'more change')}` });
    return kept;
  }
  return out;
}

function describeFields(fields: readonly FieldChange[]): string {
  if (fields.length > 2) return listNames(fields.map((f) => f.field));
  return fields
    .map((f) => `${f.field} ${showValue(f.old, 'old' in f)} → ${showValue(f.new, 'new' in f)}`)
    .join('; ');
}
