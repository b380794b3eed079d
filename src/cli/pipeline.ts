/**
 * The pipeline options of `pathlight analyze` (--baseline, --fail-on-new, --decisions, --edition, --output,
 * --quiet, --format sarif) and how a run ends: the report written where it was asked for, the exit code.
 * Exit codes keep their meaning: 0 success, 1 a counted finding met --fail-on, 2 bad input or usage.
 */
import { open } from 'node:fs/promises';

import type { AnalysisReport } from '../graph/analyze.ts';
import type { InventoryGraph } from '../graph/build-graph.ts';
import { EDITION_IDS, isEditionId } from '../graph/frameworks/index.ts';
import type { EditionId } from '../graph/frameworks/index.ts';
import type { Severity } from '../graph/rules/types.ts';
import type { SourcePosition } from '../import/index.ts';

import type { ParsedArgs } from './args.ts';
import { UsageError } from './args.ts';
import type { Baseline } from './baseline.ts';
import { BaselineInputError, loadBaseline } from './baseline.ts';
import { buildCiContext, failingFindings, formatCiText, isSuppressed, jsonFindingExtras, jsonRunExtras } from './ci.ts';
import type { LoadedDecisions } from './decisions.ts';
import { DecisionsInputError, loadDecisions } from './decisions.ts';
import { chooseEvidence, formatTextReport, safeText, writeJsonReport } from './report.ts';
import type { EvidenceLevel } from './report.ts';
import { toSarif } from './sarif.ts';

/** A file given to a pipeline option that cannot be read (exit 2). */
export class PipelineInputError extends Error {}

export interface PipelineOptions {
  readonly baseline?: Baseline;
  readonly decisions?: LoadedDecisions;
  readonly editions: readonly EditionId[];
  readonly output?: string;
  readonly quiet: boolean;
  readonly failOnNew: boolean;
}

function fileOption(args: ParsedArgs, name: string): string | undefined {
  const v = args.options.get(name);
  if (v === undefined) return undefined;
  if (v === true || v === '') throw new UsageError(`--${name} needs a file`);
  return v;
}

export async function pipelineOptions(args: ParsedArgs): Promise<PipelineOptions> {
  const baselineFile = fileOption(args, 'baseline');
  const decisionsFile = fileOption(args, 'decisions');
  const output = fileOption(args, 'output');
  const failOnNew = args.options.has('fail-on-new');
  if (failOnNew && baselineFile === undefined) throw new UsageError('--fail-on-new needs --baseline REPORT (the report of the run to compare with)');
  let editions: readonly EditionId[] = EDITION_IDS;
  const e = args.options.get('edition');
  if (e !== undefined) {
    const list = e === true ? [] : e.split(',').map((s) => s.trim()).filter(Boolean);
    const bad = list.filter((x) => !isEditionId(x));
    if (list.length === 0 || bad.length > 0) throw new UsageError(`--edition must list editions among ${EDITION_IDS.join(', ')}${bad.length ? ` (unknown: ${bad.map((b) => JSON.stringify(b)).join(', ')})` : ''}`);
    editions = EDITION_IDS.filter((x) => list.includes(x));
  }
  try {
    const baseline = baselineFile !== undefined ? await loadBaseline(baselineFile) : undefined;
    const decisions = decisionsFile !== undefined ? await loadDecisions(decisionsFile) : undefined;
    return { ...(baseline ? { baseline } : {}), ...(decisions ? { decisions } : {}), editions, ...(output !== undefined ? { output } : {}), quiet: args.options.has('quiet'), failOnNew };
  } catch (err) {
    if (err instanceof BaselineInputError || err instanceof DecisionsInputError) throw new PipelineInputError(err.message);
    throw err;
  }
}

export interface FinishInput {
  readonly report: AnalysisReport;
  readonly graph: InventoryGraph;
  /** `--evidence`, when given. */
  readonly evidence: EvidenceLevel | undefined;
  readonly format: 'text' | 'json' | 'sarif';
  readonly failOn: Severity | undefined;
  readonly options: PipelineOptions;
  readonly positions: ReadonlyMap<string, SourcePosition>;
  readonly inputPaths: ReadonlyMap<string, string>;
  readonly version: string;
  readonly io: { stdout(text: string): unknown; stderr(text: string): void };
  /** "Now" for review dates (tests pin it). */
  readonly now?: number;
}

export async function finishAnalyze(input: FinishInput): Promise<number> {
  const { report, graph, options, io } = input;
  const findings = report.findings;
  const ctx = buildCiContext(findings, graph, {
    ...(options.baseline ? { baseline: options.baseline } : {}),
    ...(options.decisions ? { decisions: options.decisions } : {}),
    editions: options.editions,
    now: input.now ?? Date.now(),
  });
  const note = (text: string) => {
    if (!options.quiet) io.stderr(`pathlight: ${text}\n`);
  };
  if (options.decisions) {
    const d = options.decisions;
    if (d.skipped > 0) note(`${d.file}: ${d.skipped} decision entr${d.skipped === 1 ? 'y' : 'ies'} not understood, left out`);
    const expired = ctx.extras.filter((x) => x.decision?.kind === 'expired').length;
    if (expired > 0) note(`${d.file}: ${expired} accepted risk${expired === 1 ? '' : 's'} past the review date no longer suppressed`);
  }

  // The report goes to stdout, or in chunks to --output.
  let handle: Awaited<ReturnType<typeof open>> | undefined;
  const cannotWrite = (err: unknown) => new PipelineInputError(`${options.output}: cannot write the report: ${(err as Error).message}`);
  if (options.output !== undefined) {
    try {
      handle = await open(options.output, 'w');
    } catch (err) {
      throw cannotWrite(err);
    }
  }
  const write = async (chunk: string) => {
    if (!handle) await io.stdout(chunk);
    else
      try {
        await handle.write(chunk);
      } catch (err) {
        throw cannotWrite(err);
      }
  };
  try {
    if (input.format === 'sarif') {
      await write(`${JSON.stringify(toSarif({ report, graph, ctx, positions: input.positions, inputPaths: input.inputPaths, version: input.version }), null, 2)}\n`);
    } else if (input.format === 'json') {
      await writeJsonReport(report, { ...chooseEvidence(input.evidence, graph.nodes.length), findingExtras: (i) => jsonFindingExtras(ctx.extras[i]!), reportExtras: jsonRunExtras(ctx) }, write);
    } else {
      const nameOf = (id: string) => {
        const i = graph.index.nodeIndex.get(id);
        return i === undefined ? id : graph.nodes[i]!.name;
      };
      await write(`${formatTextReport(report, graph)}${formatCiText(findings, ctx, nameOf)}`);
    }
  } finally {
    await handle?.close();
  }

  const failing = input.failOn !== undefined ? failingFindings(findings, ctx, input.failOn) : [];
  const suppressed = ctx.extras.filter(isSuppressed).length;
  const parts = [`${findings.length} finding${findings.length === 1 ? '' : 's'}`];
  if (ctx.comparison) parts.push(`${ctx.extras.filter((x) => x.baseline === 'new').length} new, ${ctx.comparison.resolved.length} resolved`);
  if (options.decisions) parts.push(`${suppressed} suppressed`);
  if (options.output !== undefined) note(`wrote the ${input.format} report to ${safeText(options.output)} (${parts.join(', ')})`);
  if (input.failOn !== undefined && failing.length > 0) {
    note(`${failing.length} ${ctx.comparison ? 'new ' : ''}finding${failing.length === 1 ? '' : 's'} at or above ${input.failOn}${suppressed ? ' (suppressed ones not counted)' : ''}: exit 1`);
    return 1;
  }
  return 0;
}
