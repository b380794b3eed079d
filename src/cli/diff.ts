/**
 * `pathlight diff OLD NEW`: the drift between two inventories (src/graph/diff.ts) as JSON or as an aligned
 * text report. Reads files through the same reader as `analyze`, so every format analyze accepts works.
 */
import { buildGraph } from '../graph/build-graph.ts';
import { diffInventories } from '../graph/diff.ts';
import type { FieldChange, InventoryDiff } from '../graph/diff.ts';
import type { InventoryGraph } from '../graph/build-graph.ts';
import type { RuleMode } from '../graph/rules/types.ts';
import type { Inventory } from '../model/types.ts';

import { UsageError, nonNegativeInt, oneOf, parseArgs } from './args.ts';
import { safeText } from './report.ts';

export interface DiffIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** Reads one inventory from one or more files (main.ts's readInventories; throws with a one-line message). */
export type InventoryReader = (files: readonly string[]) => Promise<Inventory>;

export const DIFF_HELP = `Usage:
  pathlight diff OLD NEW [--format json|text] [--mode strict|worst-case] [--max-summary N] [--exit-code]

Compares two inventories (any format analyze reads): nodes and edges added, removed and changed;
per AI node, reach gained and lost and crown jewels newly (no longer) reachable; findings new and resolved.

Options:
  --format json|text    Output format (default: text). The JSON shape is in docs/live-api.md.
  --mode MODE           Rule mode for the findings: strict (default) or worst-case.
  --max-summary N       Most sentences in the summary (default: 20 in JSON, 50 in text).
  --exit-code           Exit 1 when the inventories differ (like git diff --exit-code).

Exit codes: 0 success (1 with --exit-code when they differ), 2 unreadable input or bad usage.
`;

const VALUE_OPTIONS = new Set(['format', 'mode', 'max-summary']);
const FLAG_OPTIONS = new Set(['help', 'exit-code']);

/** Runs `diff` with the arguments after the command word. Usage errors are thrown as UsageError. */
export async function runDiff(argv: readonly string[], io: DiffIo, read: InventoryReader): Promise<number> {
  // parseArgs treats the first word as a command; ours are all positionals.
  const args = parseArgs(['diff', ...argv], VALUE_OPTIONS, FLAG_OPTIONS);
  if (args.options.has('help')) {
    io.stdout(DIFF_HELP);
    return 0;
  }
  const format = oneOf(args, 'format', ['text', 'json'] as const, 'text');
  const mode = oneOf<RuleMode>(args, 'mode', ['strict', 'worst-case'], 'strict');
  const maxSummary = nonNegativeInt(args, 'max-summary') ?? (format === 'json' ? 20 : 50);
  if (args.positionals.length !== 2) {
    throw new UsageError(`diff needs exactly two files, OLD and NEW (got ${args.positionals.length}); see pathlight diff --help`);
  }
  const [oldFile, newFile] = args.positionals as [string, string];
  const oldInventory = await read([oldFile]);
  const newInventory = await read([newFile]);
  const oldGraph = buildGraph(oldInventory);
  const newGraph = buildGraph(newInventory);
  const diff = diffInventories({ inventory: oldInventory, graph: oldGraph }, { inventory: newInventory, graph: newGraph }, { mode, maxSummary });
  io.stdout(format === 'json' ? `${JSON.stringify(diff, null, 2)}\n` : formatTextDiff(diff, { oldFile, newFile, oldGraph, newGraph }));
  return args.options.has('exit-code') && !diff.empty ? 1 : 0;
}

function table(headers: readonly string[], rows: readonly (readonly string[])[], rightAlign: ReadonlySet<number> = new Set()): string[] {
  // Columns are cut at 60 characters, except the last one (titles, changes), which ends the line.
  const last = headers.length - 1;
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  for (let i = 0; i < last; i++) widths[i] = Math.min(60, widths[i]!);
  const cell = (text: string, i: number) => {
    const t = i < last && text.length > widths[i]! ? `${text.slice(0, widths[i]! - 1)}…` : text;
    return rightAlign.has(i) ? t.padStart(widths[i]!) : t.padEnd(widths[i]!);
  };
  const line = (r: readonly string[]) => `  ${r.map(cell).join('  ')}`.trimEnd();
  return [line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line)];
}

function value(change: FieldChange, side: 'old' | 'new'): string {
  if (!(side in change)) return '(none)';
  const v = change[side];
  const text = typeof v === 'string' ? v : (JSON.stringify(v) ?? String(v));
  return text.length > 60 ? `${text.slice(0, 59)}…` : text;
}

export interface TextDiffContext {
  readonly oldFile: string;
  readonly newFile: string;
  readonly oldGraph: InventoryGraph;
  readonly newGraph: InventoryGraph;
}

/** The aligned text report. Every name, id and value goes through safeText (they are attacker-chosen). */
export function formatTextDiff(diff: InventoryDiff, ctx: TextDiffContext): string {
  const s = safeText;
  const lookup = (id: string) => {
    const v = ctx.newGraph.index.nodeIndex.get(id);
    if (v !== undefined) return ctx.newGraph.nodes[v]!;
    const u = ctx.oldGraph.index.nodeIndex.get(id);
    return u !== undefined ? ctx.oldGraph.nodes[u]! : undefined;
  };
  const nameOf = (id: string) => s(lookup(id)?.name ?? id);
  const kindOf = (id: string) => lookup(id)?.kind ?? '';
  const edgeOf = (id: string) => {
    const j = ctx.newGraph.index.edgeIndex.get(id);
    if (j !== undefined) return ctx.newGraph.edges[j]!;
    const k = ctx.oldGraph.index.edgeIndex.get(id);
    return k !== undefined ? ctx.oldGraph.edges[k]! : undefined;
  };

  const out: string[] = [];
  const { nodes, edges, findings } = diff;
  out.push(`Pathlight diff: ${s(ctx.oldFile)} → ${s(ctx.newFile)}`);
  if (diff.empty) {
    out.push('', 'No differences.', '');
    return out.join('\n');
  }
  out.push(
    `  nodes     ${nodes.added.length} added, ${nodes.removed.length} removed, ${nodes.changed.length} changed`,
    `  edges     ${edges.added.length} added, ${edges.removed.length} removed, ${edges.changed.length} changed`,
    `  reach     ${diff.reach.length} AI node${diff.reach.length === 1 ? '' : 's'} changed`,
    `  findings  ${findings.new.length} new, ${findings.resolved.length} resolved, ${findings.changed.length} changed severity`,
  );

  if (diff.summary.length > 0) {
    out.push('', 'What changed');
    for (const sentence of diff.summary) out.push(`  • ${s(sentence.text)}`);
  }

  const elementRows: string[][] = [];
  for (const id of nodes.added) elementRows.push(['+', kindOf(id), nameOf(id), s(id), '']);
  for (const id of nodes.removed) elementRows.push(['-', kindOf(id), nameOf(id), s(id), '']);
  for (const c of nodes.changed) {
    c.fields.forEach((f, i) => elementRows.push([i === 0 ? '~' : '', i === 0 ? kindOf(c.id) : '', i === 0 ? nameOf(c.id) : '', i === 0 ? s(c.id) : '', s(`${f.field}: ${value(f, 'old')} → ${value(f, 'new')}`)]));
  }
  if (elementRows.length > 0) out.push('', 'Nodes', ...table(['', 'kind', 'name', 'id', 'change'], elementRows));

  const edgeRows: string[][] = [];
  const edgeLine = (id: string) => {
    const e = edgeOf(id);
    return e ? [e.kind, `${nameOf(e.source)} → ${nameOf(e.target)}`] : ['', ''];
  };
  for (const id of edges.added) edgeRows.push(['+', ...edgeLine(id), s(id), '']);
  for (const id of edges.removed) edgeRows.push(['-', ...edgeLine(id), s(id), '']);
  for (const c of edges.changed) {
    c.fields.forEach((f, i) => edgeRows.push(i === 0 ? ['~', ...edgeLine(c.id), s(c.id), s(`${f.field}: ${value(f, 'old')} → ${value(f, 'new')}`)] : ['', '', '', '', s(`${f.field}: ${value(f, 'old')} → ${value(f, 'new')}`)]));
  }
  if (edgeRows.length > 0) out.push('', 'Edges', ...table(['', 'kind', 'from → to', 'id', 'change'], edgeRows));

  if (diff.reach.length > 0) {
    out.push(
      '',
      'Reach of AI nodes',
      ...table(
        ['name', 'id', 'before', 'after', 'gained', 'lost', 'crown jewels +', 'crown jewels -'],
        diff.reach.map((r) => [
          s(r.name),
          s(r.node),
          String(r.before),
          String(r.after),
          String(r.gained.length),
          String(r.lost.length),
          r.crownJewelsGained.map(nameOf).join(', ') || '0',
          r.crownJewelsLost.map(nameOf).join(', ') || '0',
        ]),
        new Set([2, 3, 4, 5]),
      ),
    );
  }

  const findingRows: string[][] = [];
  for (const f of findings.new) findingRows.push(['new', f.severity, f.ruleRef ?? f.rule, s(f.node), s(f.title)]);
  for (const f of findings.changed) findingRows.push(['severity', `${f.old} → ${f.new}`, f.ruleRef ?? f.rule, s(f.node), s(f.title)]);
  for (const f of findings.resolved) findingRows.push(['resolved', f.severity, f.ruleRef ?? f.rule, s(f.node), s(f.title)]);
  if (findingRows.length > 0) out.push('', 'Findings', ...table(['', 'severity', 'rule', 'node', 'title'], findingRows));
  out.push('');
  return out.join('\n');
}
