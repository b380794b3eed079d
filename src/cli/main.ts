/**
 * The `pathlight` command-line tool. `run(argv, io)` is pure apart from reading the files it is given, so
 * tests call it directly; bin/pathlight.mjs wires it to the process.
 */
import { analyze } from '../graph/analyze.ts';
import { UnknownNodeError, buildGraph } from '../graph/build-graph.ts';
import { SEVERITIES } from '../graph/rules/types.ts';
import type { RuleProgress } from '../graph/rules/registry.ts';
import type { RuleMode, Severity } from '../graph/rules/types.ts';
import type { Inventory } from '../model/types.ts';

import { UsageError, nonNegativeInt, oneOf, parseArgs } from './args.ts';
import { runChokepoints } from './chokepoints.ts';
import { ImportInputError, convertCommand, importFiles, importNames } from './convert.ts';
import { cutEdgeIds, parseCuts } from './cuts.ts';
import { runDiff } from './diff.ts';
import { PipelineInputError, finishAnalyze, pipelineOptions } from './pipeline.ts';
import { EVIDENCE_LEVELS } from './report.ts';
import type { EvidenceLevel } from './report.ts';

export interface CliIo {
  /** May return a promise when the output wants the writer to wait (a full pipe); awaited by long reports. */
  stdout(text: string): unknown;
  stderr(text: string): void;
  /** A one-line progress status (the process wires it to stderr only on a terminal); cleared with ''. */
  progress?(line: string): void;
}

export const VERSION = '0.1.0';

export const HELP = `pathlight ${VERSION}: attack paths and blast radius of AI integrations

Usage:
  pathlight analyze FILE... [--from NODE_ID] [--max-hops N] [--format json|text|sarif]
                            [--fail-on SEVERITY] [--mode strict|worst-case]
                            [--evidence full|summary|none] [--baseline REPORT]
                            [--fail-on-new SEVERITY] [--decisions FILE] [--edition ID,...]
                            [--output FILE] [--quiet] [--cut EDGE_ID|node:NODE_ID]...
  pathlight diff OLD NEW [--format json|text] [--exit-code]   (pathlight diff --help)
  pathlight chokepoints FILE... [--format json|text] [--limit N]
  pathlight convert FILE... --to pathlight|opengraph [--out FILE]
  pathlight serve [--port N] [--host 127.0.0.1] [--data DIR | --database URL]   (pathlight serve --help)
  pathlight token create --role viewer|editor|admin [--data DIR | --database URL]
  pathlight push FILE... --to URL --token T
  pathlight --help | --version

Commands:
  analyze     Read one or more inventories (merged; node ids shared across files), report
              warnings, the per-AI-node summary and toxic-combination findings.
              FILE may be any supported export: Pathlight inventory, BloodHound
              OpenGraph (.json/.zip, plus an extension schema), AWS IAM
              get-account-authorization-details and companion CLI outputs, MCP
              client configs, MCP server cards, A2A agent cards, CycloneDX,
              Okta API exports, SharpHound, AzureHound.
  convert     Import the same files and write one Pathlight inventory (--to pathlight,
              lossless) or a BloodHound OpenGraph payload plus its extension schema
              (--to opengraph; --out X.json also writes X.schema.json).
  chokepoints Rank the edges whose removal disconnects the most (AI integration, crown
              jewel) pairs, exactly; most pairs first (pathlight chokepoints --help).
  serve       Run the Pathlight server: snapshot history, shared decisions, the live
              inventory at /inventory and focused queries, on PostgreSQL (embedded by
              default, data in ./.pathlight-data; docs/server-api.md).
  token       Create an API token for the server (viewer, editor or admin).
  push        Store files as a new snapshot on a server (exit 0 stored, 2 refused).
  diff        Compare two inventories: nodes and edges added, removed and changed, reach
              gained and lost per AI node (crown jewels), findings new and resolved.

Options:
  --from NODE_ID        Also compute the blast radius of NODE_ID (reach, spec section 4).
  --max-hops N          Bound reach at N hops (default: unbounded).
  --format json|text|sarif
                        Output format (default: text); sarif is SARIF 2.1.0 for code scanning.
  --fail-on SEVERITY    Exit 1 when a finding is at least SEVERITY (critical, high, medium, low);
                        suppressed findings never count, and with --baseline only new ones do.
  --mode MODE           strict (default: unknown facts are false) or worst-case.
  --cut ID              Analyse as if edge ID (or, with node:NODE_ID, every edge of that
                        node) were gone: the app's what-if. Repeatable. Each finding's
                        cut.edges are ids --cut accepts, and cutting them removes it.
  --baseline REPORT     A JSON or SARIF report of an earlier run: findings are new, unchanged or
                        resolved against it.
  --fail-on-new SEVERITY
                        Like --fail-on, said explicitly: needs --baseline, counts new findings only.
  --decisions FILE      The review decisions the app exports: accepted risks and false positives are
                        reported as suppressed (with the reason) and do not fail the run; an accepted
                        risk past its review date counts again.
  --edition ID,...      Framework editions to show (default: all): owasp-llm-2025, owasp-llm-2026,
                        owasp-agentic-2026, owasp-mcp-2025-beta, mitre-atlas-2026.07,
                        nist-ai-600-1, iso-42001-2023.
  --output FILE         Write the report to FILE instead of stdout (stderr keeps progress and problems).
  --quiet               No progress or notes on stderr, only errors.
  --evidence LEVEL      JSON witness paths: full (every path), summary (one per leg) or
                        none (no paths); default full up to 10,000 nodes, summary above.
  -h, --help            Show this help.
  -V, --version         Show the version.

Exit codes: 0 success, 1 a finding met --fail-on, 2 unreadable input or bad usage.
`;

const VALUE_OPTIONS = new Set(['from', 'max-hops', 'format', 'fail-on', 'mode', 'evidence', 'baseline', 'fail-on-new', 'decisions', 'edition', 'output', 'cut']);
const FLAG_OPTIONS = new Set(['help', 'version', 'quiet']);

class InputError extends Error {}

export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  try {
    if (argv[0] === 'diff') return await runDiff(argv.slice(1), io, readInventories);
    if (argv[0] === 'chokepoints') return await runChokepoints(argv.slice(1), io, readInventories);
    if (argv[0] === 'convert') return await convertCommand(argv.slice(1), io);
    if (argv[0] === 'serve' || argv[0] === 'token' || argv[0] === 'push') return await (await import('../server/cli.ts')).runServerCommand(argv, io);
    const args = parseArgs(argv, VALUE_OPTIONS, FLAG_OPTIONS, new Set(['cut']));
    if (args.options.has('help') || (args.command === undefined && args.options.size === 0)) {
      io.stdout(HELP);
      return args.options.has('help') ? 0 : 2;
    }
    if (args.options.has('version')) {
      io.stdout(`${VERSION}\n`);
      return 0;
    }
    if (args.command === 'help') {
      io.stdout(HELP);
      return 0;
    }
    if (args.command !== 'analyze') {
      throw new UsageError(`unknown command ${JSON.stringify(args.command ?? '')} (try: pathlight analyze FILE...)`);
    }
    return await analyzeCommand(args, io);
  } catch (err) {
    if (err instanceof UsageError) {
      io.stderr(`pathlight: ${err.message}\n`);
      return 2;
    }
    if (err instanceof InputError || err instanceof PipelineInputError) {
      io.stderr(`pathlight: ${err.message}\n`);
      return 2;
    }
    const message = err instanceof Error ? err.message : String(err);
    io.stderr(`pathlight: internal error: ${message}\n`);
    return 2;
  }
}

async function analyzeCommand(args: ReturnType<typeof parseArgs>, cliIo: CliIo): Promise<number> {
  let io = cliIo;
  const format = oneOf(args, 'format', ['text', 'json', 'sarif'] as const, 'text');
  const mode = oneOf<RuleMode>(args, 'mode', ['strict', 'worst-case'], 'strict');
  if (args.options.has('fail-on') && args.options.has('fail-on-new')) throw new UsageError('give --fail-on or --fail-on-new, not both');
  const failFlag = args.options.has('fail-on-new') ? 'fail-on-new' : 'fail-on';
  const failOn = args.options.has(failFlag) ? oneOf<Severity>(args, failFlag, SEVERITIES, 'critical') : undefined;
  const maxHops = nonNegativeInt(args, 'max-hops');
  const evidence = args.options.has('evidence') ? oneOf<EvidenceLevel>(args, 'evidence', EVIDENCE_LEVELS, 'full') : undefined;
  const from = args.options.get('from');
  if (from === true) throw new UsageError('--from needs a node id');
  if (args.positionals.length === 0) throw new UsageError('analyze needs at least one FILE');
  const pipeline = await pipelineOptions(args);
  if (pipeline.quiet) io = { stdout: (t) => cliIo.stdout(t), stderr: (t) => cliIo.stderr(t) };

  io.progress?.('pathlight: reading');
  let imported;
  try {
    imported = await importFiles(args.positionals);
  } catch (err) {
    if (err instanceof ImportInputError) throw new InputError(err.message);
    throw err;
  }
  const inventory = imported.inventory;
  io.progress?.('pathlight: indexing');
  const graph = buildGraph(inventory);
  const disabledEdges = cutEdgeIds(graph, parseCuts(graph, args.repeated.get('cut') ?? [])); // what-if (cuts.ts)
  let report;
  try {
    report = analyze(
      inventory,
      {
        ...(from !== undefined ? { from } : {}),
        ...(maxHops !== undefined ? { maxHops } : {}),
        mode,
        now: Date.now(),
        ...(disabledEdges.length > 0 ? { disabledEdges } : {}),
        verifyCuts: true,
        ...(io.progress ? { rules: { onProgress: rulesProgress(io.progress) } } : {}),
      },
      graph,
    );
  } catch (err) {
    if (err instanceof UnknownNodeError) throw new UsageError(`--from ${JSON.stringify(from)}: no node with this id in ${args.positionals.join(', ')}`);
    throw err;
  }
  io.progress?.('pathlight: writing the report');
  const code = await finishAnalyze({
    report,
    graph,
    evidence,
    format,
    failOn,
    options: pipeline,
    positions: imported.positions,
    inputPaths: importNames(args.positionals),
    version: VERSION,
    io,
  });
  io.progress?.('');
  return code;
}

function rulesProgress(progress: (line: string) => void): (p: RuleProgress) => void {
  let found = 0;
  return (p) => {
    found += p.findings;
    progress(`pathlight: rules ${p.step}/${p.steps}${p.pass === 'worst-case' ? ' (worst case)' : ''}: ${p.rule.ref ?? ''} ${p.rule.id} done, ${found} findings`);
  };
}

export async function readInventories(files: readonly string[]): Promise<Inventory> {
  // Every supported format (Pathlight, OpenGraph, AWS IAM, MCP configs, A2A, CycloneDX, Okta, SharpHound,
  // AzureHound), merged into one inventory; see src/import/README.md.
  try {
    return (await importFiles(files)).inventory;
  } catch (err) {
    if (err instanceof ImportInputError) throw new InputError(err.message);
    throw err;
  }
}
