/**
 * `pathlight chokepoints FILE...`: the edges whose removal disconnects the most (AI integration, crown
 * jewel) pairs (src/graph/chokepoints.ts), as JSON or an aligned text table.
 */
import { buildGraph } from '../graph/build-graph.ts';
import type { InventoryGraph } from '../graph/build-graph.ts';
import { computeChokePoints } from '../graph/chokepoints.ts';
import type { ChokePoints } from '../graph/chokepoints.ts';
import type { Inventory } from '../model/types.ts';

import { UsageError, oneOf, parseArgs } from './args.ts';
import { safeText } from './report.ts';

export interface ChokepointsIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

export type InventoryReader = (files: readonly string[]) => Promise<Inventory>;

export const CHOKEPOINTS_HELP = `Usage:
  pathlight chokepoints FILE... [--format json|text] [--limit N]

Ranks the edges whose removal disconnects the most (AI integration, crown jewel) pairs: a pair is
connected when the crown jewel is in the AI node's blast radius (spec section 4), and an edge counts
a pair when every path of that reach goes through it. Exact (dominator trees), most pairs first.

Options:
  --format json|text    Output format (default: text). JSON:
                        { "chokepoints": [ { "edge", "source", "target", "pairs" } ] }
  --limit N             At most N choke points (N ≥ 1; default: all).

Exit codes: 0 success, 2 unreadable input or bad usage.
`;

const VALUE_OPTIONS = new Set(['format', 'limit']);
const FLAG_OPTIONS = new Set(['help']);

/** Runs `chokepoints` with the arguments after the command word. Usage errors are thrown as UsageError. */
export async function runChokepoints(argv: readonly string[], io: ChokepointsIo, read: InventoryReader): Promise<number> {
  const args = parseArgs(['chokepoints', ...argv], VALUE_OPTIONS, FLAG_OPTIONS);
  if (args.options.has('help')) {
    io.stdout(CHOKEPOINTS_HELP);
    return 0;
  }
  const format = oneOf(args, 'format', ['text', 'json'] as const, 'text');
  const rawLimit = args.options.get('limit');
  let limit = Infinity;
  if (rawLimit !== undefined) {
    if (rawLimit === true || !/^\d+$/.test(rawLimit) || Number(rawLimit) < 1) {
      throw new UsageError(`--limit must be a whole number ≥ 1 (got ${JSON.stringify(rawLimit)})`);
    }
    limit = Number(rawLimit);
  }
  if (args.positionals.length === 0) throw new UsageError('chokepoints needs at least one FILE');
  const inventory = await read(args.positionals);
  const graph = buildGraph(inventory);
  const result = computeChokePoints(graph, { nodes: false });
  const top = result.edges.slice(0, limit);
  if (format === 'json') {
    const chokepoints = top.map((c) => ({ edge: c.edge, source: c.source, target: c.target, pairs: c.pairs }));
    io.stdout(`${JSON.stringify({ chokepoints }, null, 2)}\n`);
  } else {
    io.stdout(formatText(result, top, graph));
  }
  return 0;
}

function formatText(result: ChokePoints, top: ChokePoints['edges'], graph: InventoryGraph): string {
  const nameOf = (id: string) => {
    const i = graph.index.nodeIndex.get(id);
    return safeText(i === undefined ? id : graph.nodes[i]!.name);
  };
  const out: string[] = [];
  const shown = top.length < result.edges.length ? ` (top ${top.length} of ${result.edges.length})` : '';
  out.push(
    `Pathlight choke points: ${result.edges.length} edge${result.edges.length === 1 ? '' : 's'} disconnect (AI integration, crown jewel) pairs; ${result.totalPairs} pair${result.totalPairs === 1 ? '' : 's'} connected${shown}`,
  );
  if (top.length === 0) {
    out.push('', result.totalPairs === 0 ? 'No AI integration reaches a crown jewel.' : 'No single edge disconnects a pair: every pair has two or more independent paths.', '');
    return out.join('\n');
  }
  const headers = ['pairs', 'kind', 'from', 'to', 'edge'];
  const rows = top.map((c) => [String(c.pairs), safeText(c.kind), nameOf(c.source), nameOf(c.target), safeText(c.edge)]);
  // Columns are cut at 50 characters except the last (the edge id), which ends the line.
  const last = headers.length - 1;
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  for (let i = 0; i < last; i++) widths[i] = Math.min(50, widths[i]!);
  const cell = (text: string, i: number) => {
    const t = i < last && text.length > widths[i]! ? `${text.slice(0, widths[i]! - 1)}…` : text;
    return i === 0 ? t.padStart(widths[i]!) : t.padEnd(widths[i]!);
  };
  const line = (r: readonly string[]) => `  ${r.map(cell).join('  ')}`.trimEnd();
  out.push('', line(headers), line(widths.map((w) => '─'.repeat(w))), ...rows.map(line), '');
  return out.join('\n');
}
