/**
 * Snapshots: a pushed inventory, imported and analysed by the same code as the CLI and the app, stored as
 * one row (the canonical Pathlight document, its findings, summaries and warnings, each gzipped) in one
 * transaction. Only the converted document is kept, never the uploaded bytes: importers keep secrets found
 * in configs as fingerprints, so no secret value reaches the database.
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';

import { NODE_CROWN_JEWEL, buildGraph } from '../graph/build-graph.ts';
import type { InventoryGraph } from '../graph/build-graph.ts';
import { evaluateRules } from '../graph/rules/registry.ts';
import { reachManyMasks } from '../graph/reach-many.ts';
import { SEVERITIES, SEVERITY_RANK } from '../graph/rules/types.ts';
import type { Finding, Severity } from '../graph/rules/types.ts';
import { aiNodeIndexes, summarizeAiNodes } from '../graph/summary.ts';
import type { ReachSummary } from '../graph/summary.ts';
import { toPathlightDocument } from '../import/export-pathlight.ts';
import { importInventories } from '../import/index.ts';
import type { ImportInput } from '../import/index.ts';
import type { InventoryIssue } from '../model/issues.ts';
import type { Inventory } from '../model/types.ts';

import type { Db, Sql } from './db.ts';
import { iso } from './tokens.ts';

const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

export interface SnapshotMeta {
  readonly id: number;
  readonly createdAt: string;
  readonly source: string;
  readonly files: readonly string[];
  readonly pushedBy: string;
  readonly etag: string;
  readonly nodes: number;
  readonly edges: number;
  readonly findings: number;
  readonly warnings: number;
  readonly bySeverity: Readonly<Record<Severity, number>>;
  /** The board's headline figures of this snapshot (its trend point). */
  readonly headline: Headline;
  /** Size of the stored inventory document (uncompressed UTF-8 bytes). */
  readonly bytes: number;
}

/** The risk board's headline figures, as the board computes them (`src/features/board/view-models/board-model.ts`). */
export interface Headline {
  readonly aiIntegrations: number;
  /** AI integrations whose worst finding is critical or high. */
  readonly flagged: number;
  readonly criticalFindings: number;
  /** Share of crown jewels reachable from any AI integration (0 when there is none). */
  readonly crownJewelShare: number;
  /** Nodes in the largest blast radius. */
  readonly largestBlast: number;
}

export function headlineOf(graph: InventoryGraph, findings: readonly Finding[], summary: readonly ReachSummary[]): Headline {
  const ai = aiNodeIndexes(graph);
  const aiIds = new Set(Array.from(ai, (i) => graph.nodes[i]!.id));
  const worst = new Map<string, number>();
  for (const f of findings) if (aiIds.has(f.node)) worst.set(f.node, Math.max(worst.get(f.node) ?? 0, SEVERITY_RANK[f.severity]));
  let flagged = 0;
  for (const w of worst.values()) if (w >= SEVERITY_RANK.high) flagged++;
  const { nodeFlags, nodeCount } = graph.index;
  const any = new Uint8Array(nodeCount);
  reachManyMasks(graph, ai, (_batch, { read, write, control }) => {
    for (let v = 0; v < nodeCount; v++) if ((read[v]! | write[v]! | control[v]!) !== 0) any[v] = 1;
  });
  let total = 0;
  let reachable = 0;
  for (let v = 0; v < nodeCount; v++) {
    if ((nodeFlags[v]! & NODE_CROWN_JEWEL) === 0) continue;
    total++;
    if (any[v]) reachable++;
  }
  let largest = 0;
  for (const s of summary) largest = Math.max(largest, s.reached);
  return {
    aiIntegrations: ai.length,
    flagged,
    criticalFindings: findings.filter((f) => f.severity === 'critical').length,
    crownJewelShare: total === 0 ? 0 : reachable / total,
    largestBlast: largest,
  };
}

/** A push that cannot be stored: every problem, located (`file: nodes[3].id: …`). */
export class PushRejected extends Error {
  constructor(
    message: string,
    readonly issues: readonly InventoryIssue[],
  ) {
    super(message);
  }
}

export interface PreparedSnapshot {
  readonly inventory: Inventory;
  readonly graph: InventoryGraph;
  readonly findings: readonly Finding[];
  readonly summary: readonly ReachSummary[];
  readonly warnings: readonly InventoryIssue[];
  readonly files: readonly string[];
  readonly etag: string;
  readonly bytes: number;
  readonly inventoryGz: Buffer;
  readonly findingsGz: Buffer;
  readonly summaryGz: Buffer;
  readonly warningsGz: Buffer;
  readonly bySeverity: Record<Severity, number>;
  readonly headline: Headline;
}

export function etagOf(body: Buffer | string): string {
  return `"sha256-${createHash('sha256').update(body).digest('base64url')}"`;
}

const gz = (value: unknown) => gzipAsync(Buffer.from(JSON.stringify(value), 'utf8'), { level: 1 });

export async function gunzipJson<T>(data: Uint8Array): Promise<T> {
  return JSON.parse((await gunzipAsync(data)).toString('utf8')) as T;
}

/** Imports (any format the importers know, several inputs merged), analyses and serialises a push. */
export async function prepareSnapshot(inputs: readonly ImportInput[], now: number): Promise<PreparedSnapshot> {
  const result = importInventories(inputs);
  if (!result.ok) {
    const n = result.errors.length;
    throw new PushRejected(`the inventory cannot be read (${n} error${n === 1 ? '' : 's'}); nothing was stored`, result.errors);
  }
  const inventory = result.inventory;
  const graph = buildGraph(inventory);
  const findings = evaluateRules({ graph, mode: 'strict', now });
  const summary = summarizeAiNodes(graph);
  const text = JSON.stringify(toPathlightDocument(inventory));
  const body = Buffer.from(text, 'utf8');
  const bySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;
  for (const f of findings) bySeverity[f.severity]++;
  const [inventoryGz, findingsGz, summaryGz, warningsGz] = await Promise.all([
    gzipAsync(body, { level: 1 }),
    gz(findings),
    gz(summary),
    gz(inventory.warnings),
  ]);
  return {
    headline: headlineOf(graph, findings, summary),
    inventory,
    graph,
    findings,
    summary,
    warnings: inventory.warnings,
    files: inputs.map((i) => i.file),
    etag: etagOf(body),
    bytes: body.length,
    inventoryGz,
    findingsGz,
    summaryGz,
    warningsGz,
    bySeverity,
  };
}

const META_COLUMNS = 'id, created_at, source, files, pushed_by, etag, nodes, edges, findings, warnings, severities, headline, bytes';

interface MetaRow {
  id: number;
  created_at: unknown;
  source: string;
  files: string[];
  pushed_by: string;
  etag: string;
  nodes: number;
  edges: number;
  findings: number;
  warnings: number;
  severities: Record<Severity, number>;
  headline: Headline;
  bytes: number | string;
}

function toMeta(r: MetaRow): SnapshotMeta {
  return {
    id: r.id,
    createdAt: iso(r.created_at),
    source: r.source,
    files: r.files,
    pushedBy: r.pushed_by,
    etag: r.etag,
    nodes: r.nodes,
    edges: r.edges,
    findings: r.findings,
    warnings: r.warnings,
    bySeverity: r.severities,
    headline: r.headline,
    bytes: Number(r.bytes),
  };
}

export interface StoreHooks {
  /** Test hook: runs inside the transaction after the row is written, before the commit. */
  beforeCommit?(): Promise<void>;
}

/**
 * Stores a prepared snapshot in one transaction. Pushes are serialised by a table lock (also across
 * several servers on one PostgreSQL), so ids and times increase in push order.
 */
export async function storeSnapshot(
  db: Db,
  prepared: PreparedSnapshot,
  meta: { readonly source: string; readonly pushedBy: string },
  hooks: StoreHooks = {},
): Promise<SnapshotMeta> {
  return db.transaction(async (tx) => {
    await tx.query('LOCK TABLE snapshots IN SHARE ROW EXCLUSIVE MODE');
    const rows = await tx.query<MetaRow>(
      `INSERT INTO snapshots (created_at, source, files, pushed_by, etag, nodes, edges, findings, warnings, severities, headline, bytes,
         inventory_gz, findings_gz, summary_gz, warnings_gz)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16) RETURNING ${META_COLUMNS}`,
      [
        new Date(),
        meta.source,
        JSON.stringify(prepared.files),
        meta.pushedBy,
        prepared.etag,
        prepared.graph.nodes.length,
        prepared.graph.edges.length,
        prepared.findings.length,
        prepared.warnings.length,
        JSON.stringify(prepared.bySeverity),
        JSON.stringify(prepared.headline),
        prepared.bytes,
        prepared.inventoryGz,
        prepared.findingsGz,
        prepared.summaryGz,
        prepared.warningsGz,
      ],
    );
    const stored = toMeta(rows[0]!);
    await audit(tx, meta.pushedBy, 'snapshot.push', `snapshot:${stored.id}`, {
      source: stored.source,
      files: stored.files,
      nodes: stored.nodes,
      edges: stored.edges,
      findings: stored.findings,
    });
    await hooks.beforeCommit?.();
    return stored;
  });
}

export async function listSnapshots(sql: Sql, limit = 1000, before?: number): Promise<SnapshotMeta[]> {
  const rows =
    before === undefined
      ? await sql.query<MetaRow>(`SELECT ${META_COLUMNS} FROM snapshots ORDER BY id DESC LIMIT $1`, [limit])
      : await sql.query<MetaRow>(`SELECT ${META_COLUMNS} FROM snapshots WHERE id < $2 ORDER BY id DESC LIMIT $1`, [limit, before]);
  return rows.map(toMeta);
}

export async function getSnapshotMeta(sql: Sql, id: number | 'latest'): Promise<SnapshotMeta | undefined> {
  const rows =
    id === 'latest'
      ? await sql.query<MetaRow>(`SELECT ${META_COLUMNS} FROM snapshots ORDER BY id DESC LIMIT 1`)
      : await sql.query<MetaRow>(`SELECT ${META_COLUMNS} FROM snapshots WHERE id = $1`, [id]);
  return rows[0] ? toMeta(rows[0]) : undefined;
}

export type SnapshotPart = 'inventory_gz' | 'findings_gz' | 'summary_gz' | 'warnings_gz';

export async function getSnapshotPart(sql: Sql, id: number, part: SnapshotPart): Promise<Buffer | undefined> {
  const rows = await sql.query<Record<string, Uint8Array>>(`SELECT ${part} AS data FROM snapshots WHERE id = $1`, [id]);
  const data = rows[0]?.data;
  return data ? Buffer.from(data.buffer, data.byteOffset, data.byteLength) : undefined;
}

/** The stored inventory of a snapshot, read back through the importer (validated like any input). */
export async function loadSnapshotInventory(sql: Sql, id: number): Promise<Inventory | undefined> {
  const data = await getSnapshotPart(sql, id, 'inventory_gz');
  if (!data) return undefined;
  const bytes = await gunzipAsync(data);
  const result = importInventories([{ file: `snapshot ${id}`, bytes: new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength) }]);
  if (!result.ok) throw new Error(`snapshot ${id} cannot be read back: ${result.errors[0]?.message ?? 'unknown error'}`);
  return result.inventory;
}

export async function audit(sql: Sql, actor: string, action: string, subject: string, detail: Record<string, unknown>): Promise<void> {
  await sql.query('INSERT INTO audit_log (at, actor, action, subject, detail) VALUES ($1, $2, $3, $4, $5)', [new Date(), actor, action, subject, JSON.stringify(detail)]);
}

export interface AuditEntry {
  readonly id: number;
  readonly at: string;
  readonly actor: string;
  readonly action: string;
  readonly subject: string;
  readonly detail: Record<string, unknown>;
}

export async function listAudit(sql: Sql, limit: number, before?: number): Promise<AuditEntry[]> {
  const rows =
    before === undefined
      ? await sql.query<{ id: number; at: unknown; actor: string; action: string; subject: string; detail: Record<string, unknown> }>(
          'SELECT id, at, actor, action, subject, detail FROM audit_log ORDER BY id DESC LIMIT $1',
          [limit],
        )
      : await sql.query<{ id: number; at: unknown; actor: string; action: string; subject: string; detail: Record<string, unknown> }>(
          'SELECT id, at, actor, action, subject, detail FROM audit_log WHERE id < $2 ORDER BY id DESC LIMIT $1',
          [limit, before],
        );
  return rows.map((r) => ({ id: r.id, at: iso(r.at), actor: r.actor, action: r.action, subject: r.subject, detail: r.detail }));
}
