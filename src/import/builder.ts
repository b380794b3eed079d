/**
 * Accumulates the Pathlight v1 document one imported file becomes: nodes and edges with provenance
 * (`file#/json/pointer`), join keys for merging across files, and located issues.
 */
import { ISSUE_CODES } from '../model/issues.ts';
import type { InventoryIssue, IssueCode } from '../model/issues.ts';
import type { NodeKind } from '../model/node-kinds.ts';

import { fingerprint, rec } from './util.ts';

export type FormatId =
  | 'pathlight'
  | 'opengraph'
  | 'opengraph-schema'
  | 'aws-iam'
  | 'aws-resources'
  | 'mcp-config'
  | 'mcp-scan'
  | 'mcp-server-card'
  | 'mcp-registry'
  | 'agenthound'
  | 'a2a-card'
  | 'cyclonedx'
  | 'okta'
  | 'sharphound'
  | 'azurehound';

export interface ImportReport {
  readonly file: string;
  readonly format: FormatId;
  readonly nodes: number;
  readonly edges: number;
  readonly warnings: InventoryIssue[];
  /** The warnings grouped by code: how many there were (also those beyond the kept ones) and the first places. */
  readonly warningGroups?: WarningGroup[];
  /** Edges per kind as the source file has them (OpenGraph edge kinds, AD rights), when the format has edges. */
  readonly edgesIn?: Record<string, number>;
}

export interface WarningGroup {
  readonly code: IssueCode;
  readonly count: number;
  /** Up to five examples: place and message. */
  readonly first: { readonly at: string; readonly message: string }[];
}

/** Groups warnings by code with counts (`totals` adds those not kept) and the first five places. */
export function groupWarnings(warnings: readonly InventoryIssue[], totals?: ReadonlyMap<IssueCode, number>): WarningGroup[] {
  const groups = new Map<IssueCode, { count: number; first: { at: string; message: string }[] }>();
  for (const w of warnings) {
    let g = groups.get(w.code);
    if (!g) groups.set(w.code, (g = { count: 0, first: [] }));
    g.count++;
    if (g.first.length < 5) g.first.push({ at: w.at, message: w.message });
  }
  for (const [code, n] of totals ?? []) {
    const g = groups.get(code);
    if (g && n > g.count) g.count = n;
  }
  return [...groups.entries()].map(([code, g]) => ({ code, count: g.count, first: g.first })).sort((a, b) => b.count - a.count || a.code.localeCompare(b.code));
}

/** Fields merged as set unions rather than first-wins when the same node comes from several files. */
const UNION_FIELDS = new Set(['tags', 'kinds', 'caps', 'dataClasses', 'scopes', 'provenanceAll', 'actions', 'awsActions', 'envVars', 'headerNames', 'usedBy', 'adRights', 'oktaPermissions', 'policies', 'permissions', 'audiences']);

export interface BuiltNode {
  id: string;
  kind: NodeKind;
  fields: Record<string, unknown>;
  keys: Set<string>;
  stub: boolean;
}

export interface BuiltEdge {
  source: string;
  target: string;
  kind: string;
  fields: Record<string, unknown>;
  /**
   * What tells this edge apart from others of the same Pathlight kind between the same ends (an OpenGraph
   * edge's own kind and properties, an AD right). Edges that share it are exact duplicates.
   */
  distinct?: string;
}

/** The merge key of an edge between `source` and `target`. */
export function edgeKey(source: string, e: Pick<BuiltEdge, 'kind' | 'fields' | 'distinct'>, target: string): string {
  return `${source}\u0000${e.kind}\u0000${target}\u0000${e.fields.traversable === false ? 'n' : 'y'}${e.distinct !== undefined ? `\u0000${e.distinct}` : ''}`;
}

/** `admin` already implies every other access word. */
export function normaliseActions(fields: Record<string, unknown>): void {
  const a = fields.actions;
  if (Array.isArray(a) && a.includes('admin') && a.length > 1) fields.actions = ['admin'];
}

/** The members of each union list `mergeFields` owns (lists it created, so growing them in place is safe). */
const unionSeen = new WeakMap<unknown[], Set<string>>();

/** Merges `from` into `into`: missing fields are filled, list fields are unioned, conflicts keep `into`'s value. */
export function mergeFields(into: Record<string, unknown>, from: Readonly<Record<string, unknown>>): void {
  for (const key of Object.keys(from)) {
    const value = from[key];
    if (value === undefined) continue;
    const have = into[key];
    if (have === undefined) into[key] = value;
    else if (UNION_FIELDS.has(key) && Array.isArray(have) && Array.isArray(value)) {
      // The union is built once and then grown in place, so merging N parallel edges costs O(N), not O(N²).
      let merged = have;
      let seen = unionSeen.get(have);
      if (seen === undefined) {
        merged = [...have];
        seen = new Set(merged.map((v) => JSON.stringify(v)));
        unionSeen.set(merged, seen);
        into[key] = merged;
      }
      for (const v of value) {
        const k = JSON.stringify(v);
        if (!seen.has(k)) {
          seen.add(k);
          merged.push(v);
        }
      }
    }
  }
}

export class DocBuilder {
  readonly nodes = new Map<string, BuiltNode>();
  readonly edges: BuiltEdge[] = [];
  private readonly edgeIndex = new Map<string, BuiltEdge>();
  /** Each merged edge's provenance list as a set: 20k parallel edges merge in linear time. */
  private readonly provenanceSeen = new WeakMap<string[], Set<string>>();
  readonly errors: InventoryIssue[] = [];
  readonly warnings: InventoryIssue[] = [];
  /** Input edges per kind as the source has them (OpenGraph edge kinds, AD rights), for the report. */
  readonly edgesIn = new Map<string, number>();
  /** Values seen as secrets in this file: checked against the output before it leaves the importer. */
  readonly secrets = new Set<string>();

  constructor(
    readonly file: string,
    readonly format: FormatId,
  ) {}

  /** When set, provenance points into this file instead (a policy defined in another page of the same export). */
  provFile: string | undefined;

  prov(pointer: string): string {
    return `${this.provFile ?? this.file}#${pointer}`;
  }

  /**
   * Adds a node, or merges into the node with the same id. Returns the id. `keys` are stable join keys
   * (`arn:…`, `email:…`, `url:…`) used to merge the same thing found by other files.
   */
  node(
    id: string,
    kind: NodeKind,
    name: string | undefined,
    pointer: string,
    fields: Readonly<Record<string, unknown>> = {},
    opts: { keys?: readonly (string | undefined)[]; stub?: boolean } = {},
  ): string {
    const f = rec();
    if (name !== undefined && name !== '') f.name = name;
    for (const key of Object.keys(fields)) if (fields[key] !== undefined) f[key] = fields[key];
    f.provenance = this.prov(pointer);
    const existing = this.nodes.get(id);
    if (existing) {
      if ((existing.stub && !opts.stub) || (existing.kind === 'other' && kind !== 'other')) {
        existing.kind = kind;
        if (existing.stub && !opts.stub) {
          existing.stub = false;
          delete existing.fields.stub;
          if (f.name !== undefined) existing.fields.name = f.name;
          existing.fields.provenance = f.provenance;
        }
      }
      mergeFields(existing.fields, f);
      for (const k of opts.keys ?? []) if (k) existing.keys.add(k);
      return id;
    }
    if (opts.stub) f.stub = true;
    const keys = new Set<string>();
    for (const k of opts.keys ?? []) if (k) keys.add(k);
    this.nodes.set(id, { id, kind, fields: f, keys, stub: opts.stub === true });
    return id;
  }

  has(id: string): boolean {
    return this.nodes.has(id);
  }

  /**
   * Adds an edge; an edge with the same source, kind and target merges into the first (actions unioned),
   * so one principal with ten statements on one bucket is one edge listing every action.
   */
  edge(source: string, kind: string, target: string, pointer: string, fields: Readonly<Record<string, unknown>> = {}, opts: { distinct?: string } = {}): void {
    const f = rec();
    for (const key of Object.keys(fields)) if (fields[key] !== undefined) f[key] = fields[key];
    f.provenance = this.prov(pointer);
    const key = edgeKey(source, { kind, fields: f, distinct: opts.distinct }, target);
    const existing = this.edgeIndex.get(key);
    if (existing) {
      if (opts.distinct !== undefined) {
        this.warn(ISSUE_CODES.DUPLICATE_EDGE, pointer, `exact duplicate of the edge at ${String(existing.fields.provenance).replace(/^[^#]*#/, '#')} (same ends, kind and properties); kept once`);
      }
      const prov = existing.fields.provenance;
      const all = (existing.fields.provenanceAll as string[] | undefined) ?? [prov as string];
      let seen = this.provenanceSeen.get(all);
      if (seen === undefined) {
        seen = new Set(all);
        this.provenanceSeen.set(all, seen);
      }
      if (!seen.has(f.provenance as string)) {
        seen.add(f.provenance as string);
        all.push(f.provenance as string);
      }
      if (all.length > 1) existing.fields.provenanceAll = all;
      delete f.provenance;
      mergeFields(existing.fields, f);
      normaliseActions(existing.fields);
      return;
    }
    const edge: BuiltEdge = { source, target, kind, fields: f, ...(opts.distinct !== undefined ? { distinct: opts.distinct } : {}) };
    this.edgeIndex.set(key, edge);
    this.edges.push(edge);
  }

  /** Warnings per code, counting those beyond the kept ones (at most 1000 of each code are kept). */
  readonly warningTotals = new Map<IssueCode, number>();

  warn(code: IssueCode, at: string, message: string): void {
    const n = (this.warningTotals.get(code) ?? 0) + 1;
    this.warningTotals.set(code, n);
    if (n <= 1000) this.warnings.push({ code, at, message, severity: 'warning', file: this.file });
  }

  error(code: IssueCode, at: string, message: string): void {
    if (this.errors.length < 200) this.errors.push({ code, at, message, severity: 'error', file: this.file });
  }

  /** Approximations the analysis should know about (Deny not subtracted, NotAction widened…). */
  approx(at: string, message: string): void {
    this.warn(ISSUE_CODES.INVALID_FIELD, at, `approximation: ${message}`);
  }

  /**
   * A credential node for a literal secret: id from its fingerprint, so the same secret used twice (in
   * this file or another) is one node. The value itself is only remembered to check the output.
   */
  secretCredential(value: string, pointer: string, fields: Readonly<Record<string, unknown>>): string {
    this.secrets.add(value);
    const fp = fingerprint(value);
    return this.node(`cred:${fp}`, 'credential', (fields.name as string | undefined) ?? `secret ${fp}`, pointer, { ...fields, fingerprint: fp });
  }
}
