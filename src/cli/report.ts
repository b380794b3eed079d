/** Renders an AnalysisReport for the CLI: the JSON contract, and an aligned text report for people. */
import type { AnalysisReport } from '../graph/analyze.ts';
import type { InventoryGraph } from '../graph/build-graph.ts';
import { NODE_KIND_LABELS } from '../model/node-kinds.ts';
import type { NodeKind } from '../model/node-kinds.ts';

/** The `--format json` shape (documented in README.md; outside checks depend on it). */
export function toJsonReport(report: AnalysisReport) {
  return {
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
    findings: report.findings,
    summary: report.summary.map((s) => ({
      node: s.node,
      reached: s.reached,
      crownJewels: s.crownJewels,
      sensitive: s.sensitive,
      byKind: s.byKind,
      byAccess: s.byAccess,
    })),
  };
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

  out.push('', `Findings: ${report.findings.length}`);
  const edgeLabel = (id: string) => {
    const j = graph.index.edgeIndex.get(id);
    if (j === undefined) return safeText(id);
    const e = graph.edges[j]!;
    return `${nameOf(e.source)} ─${safeText(e.kind)}→ ${nameOf(e.target)}`;
  };
  for (const f of report.findings) {
    const ref = f.ruleRef ? `${f.ruleRef} ` : '';
    out.push('', `  ${f.severity.toUpperCase().padEnd(8)} ${ref}${safeText(f.rule)} · ${nameOf(f.node)} (${safeText(f.node)})`);
    out.push(`           ${safeText(f.title)}`);
    if (f.cut && f.cut.edges.length > 0) {
      out.push(`           cheapest cut: ${f.cut.edges.map(edgeLabel).join('; ')}`);
      if (f.cut.alternative) out.push(`           or:           ${f.cut.alternative.edges.map(edgeLabel).join('; ')}`);
    }
    for (const fact of f.assumed ?? []) out.push(`           assumes:      ${safeText(fact)}`);
  }

  out.push('', `AI integrations: ${report.summary.length}`);
  if (report.summary.length > 0) {
    out.push(
      table(
        ['reach', 'crown jewels', 'sensitive', 'kind', 'name', 'id'],
        report.summary.map((s) => [String(s.reached), String(s.crownJewels), String(s.sensitive), kindOf(s.node), nameOf(s.node), safeText(s.node)]),
        new Set([0, 1, 2]),
      ),
    );
  }
  return `${out.join('\n')}\n`;
}
