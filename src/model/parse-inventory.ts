/**
 * Reads inventory format v1 documents into an Inventory: located errors for what cannot be read, warnings
 * where the spec says so, unknown fields preserved, edge ids derived, first-wins duplicates.
 */
import type { z } from 'zod';

import { DocumentSchema, EdgeSchema, NodeSchema, WELL_KNOWN_NODE_CHECKS, WELL_KNOWN_NODE_FIELDS, isValidEdge, isValidNode, describeType } from './inventory-schema.ts';
import { ISSUE_CODES, quote } from './issues.ts';
import { readJsonText } from './json-text.ts';
import type { DecodedText, JsonReadResult } from './json-text.ts';
import type { InventoryIssue, IssueCode } from './issues.ts';
import { EDGE_GRANTS, closeAccess, grantsForPermission, isEdgeKind, isNodeKind } from './node-kinds.ts';
import type { Fields, Inventory, InventoryEdge, InventoryNode, ParseResult } from './types.ts';

/** One input: the file name (for messages) and its parsed JSON value, or its raw text. */
export interface InventoryInput {
  readonly file?: string;
  readonly text?: string;
  readonly json?: unknown;
}

const WELL_KNOWN_KEYS: readonly string[] = Object.keys(WELL_KNOWN_NODE_FIELDS);

/** Stop collecting errors after this many; a broken 1M-edge file should not produce 1M messages. */
const MAX_ERRORS = 200;
const MAX_WARNINGS = 5000;

class IssueSink {
  readonly errors: InventoryIssue[] = [];
  readonly warnings: InventoryIssue[] = [];
  private droppedWarnings = 0;
  private droppedErrors = 0;
  constructor(private readonly file: string | undefined) {}

  error(code: IssueCode, at: string, message: string): void {
    if (this.errors.length >= MAX_ERRORS) this.droppedErrors++;
    else this.errors.push(this.make(code, at, message, 'error'));
  }

  warn(code: IssueCode, at: string, message: string): void {
    if (this.warnings.length >= MAX_WARNINGS) this.droppedWarnings++;
    else this.warnings.push(this.make(code, at, message, 'warning'));
  }

  finish(): void {
    if (this.droppedErrors > 0) {
      this.errors.push(this.make(ISSUE_CODES.INVALID_NODE, '$', `${this.droppedErrors} more errors not listed`, 'error'));
    }
    if (this.droppedWarnings > 0) {
      this.warnings.push(
        this.make(ISSUE_CODES.INVALID_FIELD, '$', `${this.droppedWarnings} more warnings not listed`, 'warning'),
      );
    }
  }

  private make(code: IssueCode, at: string, message: string, severity: 'error' | 'warning'): InventoryIssue {
    return this.file === undefined ? { code, at, message, severity } : { code, at, message, severity, file: this.file };
  }
}

/** Copies an object's own fields into a null-prototype record (so `__proto__` stays an ordinary key). */
export function copyFields(value: object): Record<string, unknown> {
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const key of Object.keys(value)) out[key] = (value as Record<string, unknown>)[key];
  return out;
}

function zodMessage(issue: z.core.$ZodIssue, input: unknown): string {
  const key = issue.path[0];
  const value =
    key !== undefined && input && typeof input === 'object' ? (input as Record<PropertyKey, unknown>)[key] : input;
  if (value === undefined) return 'required';
  switch (issue.code) {
    case 'too_small':
      return `expected a non-empty ${issue.origin === 'array' ? 'list' : 'string'}`;
    case 'invalid_type':
      return `expected ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, got ${describeType(value)}`;
    case 'invalid_value':
      return `expected one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}, got ${quote(value)}`;
    default:
      return issue.message;
  }
}

function pathOf(base: string, issue: z.core.$ZodIssue): string {
  let out = base;
  for (const part of issue.path) out += typeof part === 'number' ? `[${part}]` : `.${String(part)}`;
  return out;
}

/** Parses JSON text, reporting the line and column of a syntax error, and what the reading changed. */
export function parseJsonText(text: string, decoded?: DecodedText): JsonReadResult {
  return readJsonText(text, decoded);
}

interface ReadDocument {
  readonly file: string | undefined;
  readonly nodes: readonly unknown[];
  readonly edges: readonly unknown[];
  readonly generatedAt?: string;
  readonly source?: Fields;
  readonly extra: Fields;
}

function readDocument(input: InventoryInput, sink: IssueSink): ReadDocument | null {
  let value = input.json;
  if (input.text !== undefined) {
    const parsed = parseJsonText(input.text);
    if (!parsed.ok) {
      sink.error(parsed.at === '$' ? ISSUE_CODES.INVALID_JSON : ISSUE_CODES.NESTING_TOO_DEEP, parsed.at, parsed.message);
      return null;
    }
    for (const w of parsed.warnings) sink.warn(ISSUE_CODES[w.code], w.at, w.message);
    value = parsed.value;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    sink.error(
      ISSUE_CODES.NOT_AN_INVENTORY,
      '$',
      `expected a Pathlight inventory object ({"format": "pathlight-inventory", "version": 1, "nodes": [...], "edges": [...]}), got ${describeType(value)}`,
    );
    return null;
  }
  const result = DocumentSchema.safeParse(value);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const at = pathOf('', issue).replace(/^\./, '') || '$';
      if (issue.path[0] === 'format') {
        sink.error(
          ISSUE_CODES.NOT_AN_INVENTORY,
          at,
          `expected "pathlight-inventory", got ${(value as Record<string, unknown>).format === undefined ? 'nothing' : quote((value as Record<string, unknown>).format)}; this is not a Pathlight inventory`,
        );
      } else {
        sink.error(ISSUE_CODES.NOT_AN_INVENTORY, at, zodMessage(issue, value));
      }
    }
    return null;
  }
  const doc = result.data;
  if (doc.version !== 1) {
    sink.error(ISSUE_CODES.UNSUPPORTED_VERSION, 'version', `version ${quote(doc.version)} is not supported (this Pathlight reads version 1)`);
    return null;
  }
  const extra = copyFields(value);
  for (const key of ['format', 'version', 'nodes', 'edges', 'generatedAt', 'source']) delete extra[key];
  const raw = value as Record<string, unknown>;
  return {
    file: input.file,
    nodes: raw.nodes as unknown[],
    edges: raw.edges as unknown[],
    ...(doc.generatedAt !== undefined ? { generatedAt: doc.generatedAt } : {}),
    ...(doc.source !== undefined ? { source: copyFields(raw.source as object) } : {}),
    extra,
  };
}

/**
 * Reads one or several inventory documents into one Inventory. Node ids are shared across the documents
 * (first wins), so an edge in one file may name a node of another.
 *
 * @returns `ok: false` with every located error when something cannot be read; otherwise the inventory and
 *   its warnings.
 * @example parseInventories([{ file: 'acme.json', text }])
 */
export function parseInventories(inputs: readonly InventoryInput[]): ParseResult {
  const sinks = inputs.map((input) => new IssueSink(input.file));
  const docs = inputs.map((input, i) => readDocument(input, sinks[i]!));
  if (docs.some((d) => d === null)) return failure(sinks);

  const nodes: InventoryNode[] = [];
  const nodeAt = new Map<string, string>();
  const nodePosition = new Map<string, number>();
  const prefix = (file: string | undefined) => (file !== undefined && inputs.length > 1 ? `${file}#` : '');

  docs.forEach((doc, di) => {
    const sink = sinks[di]!;
    const p = prefix(doc!.file);
    doc!.nodes.forEach((raw, i) => {
      const at = `nodes[${i}]`;
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        sink.error(ISSUE_CODES.INVALID_NODE, at, `expected a node object, got ${describeType(raw)}`);
        return;
      }
      // The structural check first; zod only for what it rejects (its located messages).
      let checked: { id: string; kind: string; name?: string | undefined };
      if (isValidNode(raw as Record<string, unknown>)) checked = raw as typeof checked;
      else {
        const parsed = NodeSchema.safeParse(raw);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) sink.error(ISSUE_CODES.INVALID_NODE, pathOf(at, issue), zodMessage(issue, raw));
          return;
        }
        checked = parsed.data;
      }
      const { id, kind: givenKind, name } = checked;
      const first = nodeAt.get(id);
      if (first !== undefined) {
        sink.warn(ISSUE_CODES.DUPLICATE_NODE_ID, `${at}.id`, `duplicate node id ${quote(id)} (first at ${first}); this one is ignored`);
        return;
      }
      const where = p === '' ? at : `${p}${at}`;
      nodeAt.set(id, where);
      nodePosition.set(id, nodes.length);
      let kind = givenKind;
      if (!isNodeKind(givenKind)) {
        sink.warn(ISSUE_CODES.UNKNOWN_NODE_KIND, `${at}.kind`, `unknown node kind ${quote(givenKind)}; kept as "other"`);
        kind = 'other';
      }
      const fields = copyFields(raw);
      for (const key of WELL_KNOWN_KEYS) {
        if (!(key in fields) || fields[key] === undefined || WELL_KNOWN_NODE_CHECKS[key]!(fields[key])) continue;
        const check = WELL_KNOWN_NODE_FIELDS[key]!.safeParse(fields[key]);
        if (!check.success) {
          sink.warn(
            ISSUE_CODES.INVALID_FIELD,
            `${at}.${key}`,
            `${zodMessage(check.error.issues[0]!, fields[key])}; kept but ignored by the analysis`,
          );
        }
      }
      nodes.push({ id, kind: kind as InventoryNode['kind'], name: name && name.trim() !== '' ? name : id, fields, at: where });
    });
  });

  const edges: InventoryEdge[] = [];
  const edgeIdAt = new Map<string, string>();
  // Where the search for a free `base#n` resumes: every suffix below it is taken (ids are never freed), so
  // 20k identical parallel edges cost 20k probes, not 200M.
  const nextSuffix = new Map<string, number>();
  const claimId = (base: string): string => {
    if (!edgeIdAt.has(base)) return base;
    let n = nextSuffix.get(base) ?? 2;
    while (edgeIdAt.has(`${base}#${n}`)) n++;
    nextSuffix.set(base, n + 1);
    return `${base}#${n}`;
  };

  docs.forEach((doc, di) => {
    const sink = sinks[di]!;
    const p = prefix(doc!.file);
    doc!.edges.forEach((raw, i) => {
      const at = `edges[${i}]`;
      if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
        sink.error(ISSUE_CODES.INVALID_EDGE, at, `expected an edge object, got ${describeType(raw)}`);
        return;
      }
      let e: { id?: string | undefined; source: string; target: string; kind: string; traversable?: boolean | undefined; actions?: string[] | undefined };
      if (isValidEdge(raw as Record<string, unknown>)) e = raw as typeof e;
      else {
        const parsed = EdgeSchema.safeParse(raw);
        if (!parsed.success) {
          for (const issue of parsed.error.issues) sink.error(ISSUE_CODES.INVALID_EDGE, pathOf(at, issue), zodMessage(issue, raw));
          return;
        }
        e = parsed.data;
      }
      let id: string;
      if (e.id !== undefined) {
        id = claimId(e.id);
        if (id !== e.id) {
          sink.warn(
            ISSUE_CODES.DUPLICATE_EDGE_ID,
            `${at}.id`,
            `duplicate edge id ${quote(e.id)} (first at ${edgeIdAt.get(e.id)}); this edge is renamed ${quote(id)}`,
          );
        }
      } else {
        id = claimId(`${e.source}|${e.kind}|${e.target}`);
      }
      const where = p === '' ? at : `${p}${at}`;
      edgeIdAt.set(id, where);

      const sourceIndex = nodePosition.get(e.source);
      const targetIndex = nodePosition.get(e.target);
      if (sourceIndex === undefined) sink.warn(ISSUE_CODES.MISSING_ENDPOINT, `${at}.source`, `no node ${quote(e.source)}; this edge is left out`);
      if (targetIndex === undefined) sink.warn(ISSUE_CODES.MISSING_ENDPOINT, `${at}.target`, `no node ${quote(e.target)}; this edge is left out`);
      if (sourceIndex === undefined || targetIndex === undefined) return;

      let grants = 0;
      let traversable = e.traversable !== false;
      if (!isEdgeKind(e.kind)) {
        sink.warn(ISSUE_CODES.UNKNOWN_EDGE_KIND, `${at}.kind`, `unknown edge kind ${quote(e.kind)}; kept, not traversable`);
        traversable = false;
      } else {
        const base = EDGE_GRANTS[e.kind];
        if (base === null) traversable = false;
        else if (e.kind === 'has_permission') {
          grants = grantsForPermission(e.actions);
          if (grants === 0) {
            sink.warn(
              ISSUE_CODES.PERMISSION_GRANTS_NOTHING,
              `${at}.actions`,
              `none of ${quote(e.actions?.join(', '))} is admin, invoke, read, write or delete; this permission grants nothing`,
            );
          }
        } else grants = base;
      }
      edges.push({
        id,
        source: e.source,
        target: e.target,
        kind: e.kind,
        traversable,
        grants: traversable ? closeAccess(grants) : 0,
        fields: copyFields(raw),
        at: where,
        sourceIndex,
        targetIndex,
      });
    });
  });

  if (sinks.some((s) => s.errors.length > 0)) return failure(sinks);
  for (const s of sinks) s.finish();
  const first = docs[0]!;
  const inventory: Inventory = {
    nodes,
    edges,
    resolvedNodes: nodes,
    warnings: sinks.flatMap((s) => s.warnings),
    meta: {
      ...(first.generatedAt !== undefined ? { generatedAt: first.generatedAt } : {}),
      ...(first.source !== undefined ? { source: first.source } : {}),
      files: inputs.map((input) => input.file ?? ''),
      extra: first.extra,
    },
  };
  return { ok: true, inventory };
}

function failure(sinks: readonly IssueSink[]): ParseResult {
  for (const s of sinks) s.finish();
  return { ok: false, errors: sinks.flatMap((s) => s.errors), warnings: sinks.flatMap((s) => s.warnings) };
}

/** Reads a single inventory document, given as text or as parsed JSON. */
export function parseInventory(input: InventoryInput): ParseResult {
  return parseInventories([input]);
}
