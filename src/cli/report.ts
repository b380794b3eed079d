/** Renders an AnalysisReport for the CLI: the JSON contract, and an aligned text report for people. */
import type { AnalysisReport } from '../graph/analyze.ts';
import type { InventoryGraph } from '../graph/build-graph.ts';
import { NODE_KIND_LABELS } from '../model/node-kinds.ts';
import type { NodeKind } from '../model/node-kinds.ts';
import { SEVERITIES } from '../graph/rules/types.ts';
import type { Finding, FindingLeg, Witness } from '../graph/rules/types.ts';

/** How much of each finding's evidence `--format json` writes (`--evidence`). */
export const EVIDENCE_LEVELS = ['full', 'summary', 'none'] as const;
export type EvidenceLevel = (typeof EVIDENCE_LEVELS)[number];

/** Without `--evidence`, estates up to this many nodes get `full` evidence, larger ones `summary`. */
export const FULL_EVIDENCE_MAX_NODES = 10_000;

/** The version of the `--format json` shape (README: "JSON contract"); 2 stores witness paths once, in `paths`. */
export const JSON_REPORT_VERSION = 2;

export interface JsonReportOptions {
  readonly evidence: EvidenceLevel;
  /** Why this level was chosen, when the user did not choose it. */
  readonly evidenceReason?: string;
  /** Fields added to each finding, by its position (fingerprint, frameworks, baseline, suppression: ci.ts). */
  readonly findingExtras?: (index: number) => Readonly<Record<string, unknown>>;
  /** Top-level fields added after `summary` (`frameworkEditions`, `baseline`, `decisions`: ci.ts). */
  readonly reportExtras?: Readonly<Record<string, unknown>>;
}

/** The evidence level for a report: the user's, or `full` for small estates and `summary` for large ones. */
export function chooseEvidence(given: EvidenceLevel | undefined, nodes: number): JsonReportOptions {
  if (given !== undefined) return { evidence: given };
  if (nodes <= FULL_EVIDENCE_MAX_NODES) return { evidence: 'full' };
  return {
    evidence: 'summary',
    evidenceReason: `${nodes} nodes is more than ${FULL_EVIDENCE_MAX_NODES}: one witness path per leg (--evidence full for all)`,
  };
}

/** Witness paths, each stored once (by content) and referenced by its position. */
class PathTable {
  readonly list: Witness[] = [];
  private readonly byObject = new Map<Witness, number>();
  private readonly byKey = new Map<string, number>();

  id(w: Witness): number {
    let id = this.byObject.get(w);
    if (id !== undefined) return id;
    const key = `${w.evidence ?? ''}\u0001${w.nodes.join('\u0000')}\u0001${w.edges.join('\u0000')}`;
    id = this.byKey.get(key);
    if (id === undefined) {
      id = this.list.length;
      this.list.push(w);
      this.byKey.set(key, id);
    }
    this.byObject.set(w, id);
    return id;
  }
}

function jsonLeg(l: FindingLeg, level: EvidenceLevel, paths: PathTable, evidencePaths: Set<number>): Record<string, unknown> {
  const base = { name: l.name, role: l.role, ...(l.optional ? { optional: true } : {}) };
  if (level === 'none') return { ...base, witnessPaths: l.witnesses.length };
  if (level === 'summary') {
    const first = l.witnesses.length > 0 ? [paths.id(l.witnesses[0]!)] : [];
    for (const id of first) evidencePaths.add(id);
    return { ...base, witnessPaths: l.witnesses.length, paths: first };
  }
  const ids = l.witnesses.map((w) => paths.id(w));
  for (const id of ids) evidencePaths.add(id);
  return { ...base, nodes: l.nodes, edges: l.edges, paths: ids };
}

/** One finding as written: its fields in their order, witness paths replaced by ids into `paths`. */
function jsonFinding(f: Finding, level: EvidenceLevel, paths: PathTable): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const evidencePaths = new Set<number>();
  const legs = f.legs?.map((l) => jsonLeg(l, level, paths, evidencePaths));
  for (const key of Object.keys(f) as (keyof Finding)[]) {
    if (key === 'evidence') {
      if (level !== 'none') out.evidence = { nodes: f.evidence.nodes, edges: f.evidence.edges, paths: [...evidencePaths] };
    } else if (key === 'legs') {
      out.legs = legs;
    } else out[key] = f[key];
  }
  return out;
}

function jsonHead(report: AnalysisReport, options: JsonReportOptions) {
  return {
    report: { version: JSON_REPORT_VERSION, evidence: options.evidence, ...(options.evidenceReason ? { evidenceReason: options.evidenceReason } : {}) },
    inventory: {
      nodes: report.inventory.nodes,
      edges: report.inventory.edges,
      warnings: report.inventory.warnings.map((w) => ({
        code: w.code,
        message: w.message,
        at: w.at,
        ...(w.file !== undefined ? { file: w.file } : {}),
      })),
    },
    ...(report.reach ? { reach: { source: report.reach.source, reached: report.reach.reached } } : {}),
  };
}

const jsonSummary = (s: AnalysisReport['summary'][number]) => ({
  node: s.node,
  reached: s.reached,
  crownJewels: s.crownJewels,
  sensitive: s.sensitive,
  byKind: s.byKind,
  byAccess: s.byAccess,
});

/**
 * The `--format json` shape as one object (documented in README.md; outside checks depend on it). The CLI
 * writes the same object as a stream (`writeJsonReport`); this is its reference, for tests and small callers.
 */
export function toJsonReport(report: AnalysisReport, options: JsonReportOptions = { evidence: 'full' }) {
  const paths = new PathTable();
  const findings = report.findings.map((f, i) => ({ ...jsonFinding(f, options.evidence, paths), ...options.findingExtras?.(i) }));
  return { ...jsonHead(report, options), findings, paths: paths.list, summary: report.summary.map(jsonSummary), ...options.reportExtras };
}

/**
 * Writes the `--format json` report in chunks (never one string: a large estate's report can pass V8's string
 * limit): the top level indented, one array element per line. `write` may return a promise (backpressure).
 */
export async function writeJsonReport(report: AnalysisReport, options: JsonReportOptions, write: (chunk: string) => void | Promise<void>): Promise<void> {
  let buffer: string[] = [];
  let size = 0;
  const flush = async () => {
    if (size === 0) return;
    const chunk = buffer.join('');
    buffer = [];
    size = 0;
    await write(chunk);
  };
  const put = async (text: string) => {
    buffer.push(text);
    size += text.length;
    if (size >= 1 << 18) await flush();
  };
  const array = async <T>(indent: string, items: readonly T[], item: (x: T) => unknown) => {
    if (items.length === 0) return put('[]');
    await put('[');
    for (let i = 0; i < items.length; i++) await put(`${i ? ',' : ''}\n${indent}  ${JSON.stringify(item(items[i]!))}`);
    await put(`\n${indent}]`);
  };
  const head = jsonHead(report, options);
  await put(`{\n  "report": ${JSON.stringify(head.report)},\n  "inventory": {"nodes": ${head.inventory.nodes}, "edges": ${head.inventory.edges}, "warnings": `);
  await array('  ', head.inventory.warnings, (w) => w);
  await put('}');
  if (head.reach) {
    await put(`,\n  "reach": {"source": ${JSON.stringify(head.reach.source)}, "reached": `);
    await array('  ', head.reach.reached, (r) => r);
    await put('}');
  }
  const paths = new PathTable();
  await put(',\n  "findings": ');
  let k = 0;
  await array('  ', report.findings, (f) => ({ ...jsonFinding(f, options.evidence, paths), ...options.findingExtras?.(k++) }));
  await put(',\n  "paths": ');
  await array('  ', paths.list, (w) => w);
  await put(',\n  "summary": ');
  await array('  ', report.summary, jsonSummary);
  for (const [key, value] of Object.entries(options.reportExtras ?? {})) await put(`,\n  ${JSON.stringify(key)}: ${JSON.stringify(value)}`);
  await put('\n}\n');
  await flush();
}

/** Strips control characters so attacker-chosen names cannot drive the terminal. */
export function safeText(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g, '?');
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], rightAlign: ReadonlySet<number> = new Set()): string {
  const widths = headers.map((h, i) => Math.min(60, Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length))));
  const cell = (text: string, i: number) => {
    const t = text.length > widths[i]! ? `${text.slice(0, widths[i]! - 1)}…` : text;
    return rightAlign.has(i) ? t.padStart(widths[i]!) : t.padEnd(widths[i]!);
  };
  const line = (r: readonly string[]) => `  ${r.map(cell).join('  ')}`.trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Findings shown per rule in the text report (the rest are counted). */
export const TEXT_FINDINGS_PER_RULE = 10;
/** AI integrations listed in the text report (largest blast radius first). */
export const TEXT_SUMMARY_ROWS = 100;

export function formatTextReport(report: AnalysisReport, graph: InventoryGraph): string {
  const nameOf = (id: string) => {
    const i = graph.index.nodeIndex.get(id);
    return safeText(i === undefined ? id : graph.nodes[i]!.name);
  };
  const kindOf = (id: string) => {
    const i = graph.index.nodeIndex.get(id);
    return i === undefined ? '' : NODE_KIND_LABELS[graph.nodes[i]!.kind as NodeKind];
  };
  const out: string[] = [];
  const inv = report.inventory;
  out.push(`Pathlight analysis: ${inv.nodes} nodes, ${inv.edges} edges, ${inv.warnings.length} warning${inv.warnings.length === 1 ? '' : 's'}`);

  if (inv.warnings.length > 0) {
    out.push('', 'Warnings');
    for (const w of inv.warnings.slice(0, 50)) out.push(`  ${safeText(`${w.file ? `${w.file}: ` : ''}${w.at}: ${w.message}`)}`);
    if (inv.warnings.length > 50) out.push(`  … and ${inv.warnings.length - 50} more (use --format json for all)`);
  }

  if (report.reach) {
    const reached = report.reach.reached;
    out.push('', `Blast radius of ${nameOf(report.reach.source)} (${safeText(report.reach.source)}): ${reached.length} reachable`);
    if (reached.length > 0) {
      out.push(
        table(
          ['hops', 'access', 'kind', 'name', 'id'],
          reached.map((r) => [String(r.hops), r.access, kindOf(r.id), nameOf(r.id), safeText(r.id)]),
          new Set([0]),
        ),
      );
    }
  }

  const edgeLabel = (id: string) => {
    const j = graph.index.edgeIndex.get(id);
    if (j === undefined) return safeText(id);
    const e = graph.edges[j]!;
    return `${nameOf(e.source)} ─${safeText(e.kind)}→ ${nameOf(e.target)}`;
  };
  const counts = (list: readonly Finding[]) =>
    SEVERITIES.map((sev) => [sev, list.filter((f) => f.severity === sev).length] as const)
      .filter(([, n]) => n > 0)
      .map(([sev, n]) => `${n} ${sev}`)
      .join(', ');
  out.push('', `Findings: ${report.findings.length}${report.findings.length > 0 ? ` (${counts(report.findings)})` : ''}`);
  // Grouped by rule, the rule of the best-ranked finding first; within a rule in rank order, the first
  // TEXT_FINDINGS_PER_RULE shown (all of them with --format json).
  const byRule = new Map<string, Finding[]>();
  for (const f of report.findings) {
    let group = byRule.get(f.rule);
    if (!group) byRule.set(f.rule, (group = []));
    group.push(f);
  }
  for (const [rule, group] of byRule) {
    const first = group[0]!;
    out.push('', `  ${first.ruleRef ? `${first.ruleRef} ` : ''}${safeText(first.ruleName ?? rule)} (${safeText(rule)}): ${group.length} finding${group.length === 1 ? '' : 's'} (${counts(group)})`);
    for (const f of group.slice(0, TEXT_FINDINGS_PER_RULE)) {
      out.push('', `    ${f.severity.toUpperCase().padEnd(8)} ${nameOf(f.node)} (${safeText(f.node)})${f.rank !== undefined ? ` · #${f.rank}` : ''}`);
      out.push(`             ${safeText(f.title)}`);
      if (f.cut && f.cut.edges.length > 0) {
        out.push(`             cheapest cut: ${f.cut.edges.map(edgeLabel).join('; ')}`);
        if (f.cut.alternative) out.push(`             or:           ${f.cut.alternative.edges.map(edgeLabel).join('; ')}`);
      }
      if (f.noCut) out.push(`             no edge cut:  ${safeText(f.noCut.change)}`);
      for (const fact of f.assumed ?? []) out.push(`             assumes:      ${safeText(fact)}`);
    }
    if (group.length > TEXT_FINDINGS_PER_RULE) {
      out.push('', `    … and ${group.length - TEXT_FINDINGS_PER_RULE} more ${safeText(rule)} findings (${counts(group.slice(TEXT_FINDINGS_PER_RULE))}; --format json lists all)`);
    }
  }

  out.push('', `AI integrations: ${report.summary.length}`);
  if (report.summary.length > 0) {
    out.push(
      table(
        ['reach', 'crown jewels', 'sensitive', 'kind', 'name', 'id'],
        report.summary.slice(0, TEXT_SUMMARY_ROWS).map((s) => [String(s.reached), String(s.crownJewels), String(s.sensitive), kindOf(s.node), nameOf(s.node), safeText(s.node)]),
        new Set([0, 1, 2]),
      ),
    );
    if (report.summary.length > TEXT_SUMMARY_ROWS) out.push(`  … and ${report.summary.length - TEXT_SUMMARY_ROWS} more (--format json lists all)`);
  }
  return `${out.join('\n')}\n`;
}
