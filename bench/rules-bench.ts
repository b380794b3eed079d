/**
 * `npm run bench:rules`: the toxic-combination rules (per rule) and the exact choke points on the synthetic
 * estates of bench/generate.ts (n nodes, 5n edges, 5% of nodes ai_agent). Speed is measured here, never asserted
 * in tests.
 *
 *   npm run bench:rules                               rules at 2k, 5k, 20k; choke points at 5k, 20k, 100k
 *   npm run bench:rules -- --rules 2k,5k --chokepoints none
 *   npm run bench:rules -- --reps 5                   repetitions per size (medians; default 3, 1 at 100k)
 *   npm run bench:rules -- --json                     figures as JSON on stdout (progress on stderr)
 *   npm run bench:rules -- --rules 100k,1m --chokepoints 100k --cli 100k
 *                                                     large estates; --cli times `pathlight analyze --format json`
 *                                                     (add --evidence summary|full|none; default: the CLI's own)
 *
 * Every time is also printed as a ratio to `JSON.parse` of the same estate written as an inventory file
 * (bench/write-estate.ts, kept in the OS temp folder), measured in the same run, so figures taken on a busy
 * machine still compare: the ratio moves much less with load than the seconds do.
 * Rules: each repetition builds the graph afresh (no cached facts), then times, as `evaluateRules` runs them,
 * the shared facts (`factsFor`: node predicates and §1.3 content trust), each rule in catalog order (the first
 * rule to ask for an agent's legs pays for them), and the cuts and ranking; then `evaluateRules` end to end on
 * another fresh graph. Choke points: `computeChokePoints(graph)` (edges and nodes, every AI source).
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import v8 from 'node:v8';
import vm from 'node:vm';

import { NODE_AI, buildGraph } from '../src/graph/build-graph.ts';
import type { InventoryGraph } from '../src/graph/build-graph.ts';
import { computeChokePoints } from '../src/graph/chokepoints.ts';
import { factsFor } from '../src/graph/rules/facts.ts';
import { findingCut } from '../src/graph/rules/min-cut.ts';
import { RULES, evaluateRules } from '../src/graph/rules/registry.ts';
import type { Finding } from '../src/graph/rules/types.ts';
import { rankFindings } from '../src/graph/scoring/rank.ts';

import { generateInventory } from './generate.ts';
import { writeEstate } from './write-estate.ts';

const SIZES: Readonly<Record<string, number>> = { '1k': 1_000, '2k': 2_000, '5k': 5_000, '10k': 10_000, '20k': 20_000, '50k': 50_000, '100k': 100_000, '1m': 1_000_000 };
const USAGE = 'usage: npm run bench:rules -- [--rules 2k,5k,20k|none] [--chokepoints 5k,20k,100k|none] [--cli 100k|none] [--evidence full|summary|none] [--reps N] [--json]';

/** Figures measured before the rules and choke points were reworked (same machine type, 2 cores, medians). */
const BEFORE = {
  rules: {
    '2k': '6.9–9.3 s',
    '5k': '60–79 s (R11 alone 80–95 s when run first)',
    '20k': 'out of memory (R11, 6 GB heap, after 3 min)',
  } as Record<string, string>,
  chokepoints: { '5k': '2.2 s', '20k': '35–42 s', '100k': '20–40 min' } as Record<string, string>,
};

interface Options {
  readonly rules: readonly string[];
  readonly chokepoints: readonly string[];
  readonly cli: readonly string[];
  readonly evidence: string | undefined;
  readonly reps: number | undefined;
  readonly json: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  let rules = ['2k', '5k', '20k'];
  let chokepoints = ['5k', '20k', '100k'];
  let cli: string[] = [];
  let evidence: string | undefined;
  let reps: number | undefined;
  let json = false;
  const sizes = (value: string | undefined, flag: string): string[] => {
    if (value === undefined) fail(`${flag} needs a list such as 2k,5k`);
    if (value === 'none') return [];
    return value.split(',').map((s) => {
      const label = s.trim().toLowerCase();
      if (!(label in SIZES)) fail(`unknown size "${s}" (known: ${Object.keys(SIZES).join(', ')})`);
      return label;
    });
  };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--json') json = true;
    else if (arg === '--rules') rules = sizes(argv[++i], arg);
    else if (arg === '--chokepoints') chokepoints = sizes(argv[++i], arg);
    else if (arg === '--cli') cli = sizes(argv[++i], arg);
    else if (arg === '--evidence') {
      evidence = argv[++i];
      if (!['full', 'summary', 'none'].includes(evidence ?? '')) fail('--evidence needs full, summary or none');
    }
    else if (arg === '--reps') {
      reps = Number(argv[++i]);
      if (!Number.isInteger(reps) || reps < 1) fail('--reps needs a positive whole number');
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument "${arg}"`);
  }
  return { rules, chokepoints, cli, evidence, reps, json };
}

function fail(message: string): never {
  console.error(`bench:rules: ${message}\n${USAGE}`);
  process.exit(2);
}

v8.setFlagsFromString('--expose-gc');
const collectGarbage = vm.runInNewContext('gc') as () => void;

function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

function progress(message: string): void {
  process.stderr.write(`  … ${message}\n`);
}

function fmtMs(ms: number): string {
  if (ms < 10) return `${ms.toFixed(1)} ms`;
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${(ms / 1000).toFixed(2)} s`;
}

const generated = new Map<string, ReturnType<typeof generateInventory>>();
function inventory(label: string): ReturnType<typeof generateInventory> {
  let inv = generated.get(label);
  if (!inv) {
    const n = SIZES[label]!;
    inv = generateInventory({ nodes: n, edges: 5 * n });
    generated.clear(); // one size in memory at a time
    generated.set(label, inv);
  }
  return inv;
}

/** The estate as an inventory file (written once per size into the OS temp folder). */
async function estateFile(label: string): Promise<{ path: string; bytes: number }> {
  const dir = join(os.tmpdir(), 'pathlight-bench');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, `estate-${label}.json`);
  if (!existsSync(path)) {
    progress(`writing the ${label} estate to ${path}`);
    await writeEstate(SIZES[label]!, path);
  }
  return { path, bytes: statSync(path).size };
}

const parseMs = new Map<string, number>();
/** `JSON.parse` of the estate's file, ms (median of 3 below 1M nodes, one run at 1M), measured once per run. */
async function jsonParseMs(label: string): Promise<number> {
  let ms = parseMs.get(label);
  if (ms === undefined) {
    const { path } = await estateFile(label);
    let text: string | undefined = readFileSync(path, 'utf8');
    const samples: number[] = [];
    for (let rep = 0; rep < (SIZES[label]! >= 1_000_000 ? 1 : 3); rep++) {
      collectGarbage();
      const t = performance.now();
      JSON.parse(text);
      samples.push(performance.now() - t);
    }
    text = undefined;
    collectGarbage();
    ms = median(samples);
    parseMs.set(label, ms);
  }
  return ms;
}

interface RulesResult {
  readonly size: string;
  readonly nodes: number;
  readonly edges: number;
  readonly aiAgents: number;
  readonly findings: number;
  readonly reps: number;
  /** Medians, ms. */
  readonly facts: number;
  readonly perRule: Readonly<Record<string, number>>;
  readonly findingsPerRule: Readonly<Record<string, number>>;
  readonly cutsAndRanking: number;
  readonly evaluateRules: number;
  readonly evaluateRulesSamples: readonly number[];
  /** JSON.parse of the estate's file, ms (same run). */
  readonly jsonParse: number;
  readonly fileBytes: number;
}

async function benchRules(label: string, reps: number): Promise<RulesResult> {
  const jsonParse = await jsonParseMs(label);
  const { bytes: fileBytes } = await estateFile(label);
  const inv = inventory(label);
  // At 1M nodes only evaluateRules end to end (the per-rule pass would double a long run).
  const perRuleToo = SIZES[label]! < 1_000_000;
  const facts: number[] = [];
  const perRule = new Map<string, number[]>();
  const findingsPerRule: Record<string, number> = {};
  const cuts: number[] = [];
  const totals: number[] = [];
  let findings = 0;
  for (let rep = 0; rep < reps; rep++) {
    let graph: InventoryGraph;
    let t: number;
    if (perRuleToo) {
      progress(`rules ${label}: repetition ${rep + 1}/${reps}, per rule`);
      collectGarbage();
      graph = buildGraph(inv);
      t = performance.now();
      factsFor(graph);
      facts.push(performance.now() - t);
      const all: Finding[] = [];
      for (const rule of RULES) {
        t = performance.now();
        const found = rule.evaluate({ graph, mode: 'strict' });
        const ms = performance.now() - t;
        (perRule.get(rule.ref!) ?? perRule.set(rule.ref!, []).get(rule.ref!)!).push(ms);
        findingsPerRule[rule.ref!] = found.length;
        all.push(...found);
    }
    t = performance.now();
    const kindOf = (id: string) => {
      const j = graph.index.edgeIndex.get(id);
      return j === undefined ? '' : graph.edges[j]!.kind;
    };
    rankFindings(all.map((f) => (f.legs ? { ...f, cut: findingCut(f.legs, kindOf) } : f)));
    cuts.push(performance.now() - t);
    }
    progress(`rules ${label}: repetition ${rep + 1}/${reps}, evaluateRules`);
    collectGarbage();
    graph = buildGraph(inv);
    t = performance.now();
    findings = evaluateRules({ graph, mode: 'strict' }).length;
    totals.push(performance.now() - t);
  }
  return {
    size: label,
    nodes: inv.nodes.length,
    edges: inv.edges.length,
    aiAgents: inv.aiAgents.length,
    findings,
    reps,
    facts: facts.length > 0 ? median(facts) : NaN,
    perRule: Object.fromEntries([...perRule].map(([ref, samples]) => [ref, median(samples)])),
    findingsPerRule,
    cutsAndRanking: cuts.length > 0 ? median(cuts) : NaN,
    evaluateRules: median(totals),
    evaluateRulesSamples: totals.map((ms) => Math.round(ms)),
    jsonParse,
    fileBytes,
  };
}

interface ChokeResult {
  readonly size: string;
  readonly nodes: number;
  readonly edges: number;
  readonly sources: number;
  readonly totalPairs: number;
  readonly edgeChokePoints: number;
  readonly nodeChokePoints: number;
  readonly reps: number;
  readonly ms: number;
  readonly samples: readonly number[];
  readonly jsonParse: number;
}

async function benchChokePoints(label: string, reps: number): Promise<ChokeResult> {
  const jsonParse = await jsonParseMs(label);
  const inv = inventory(label);
  const samples: number[] = [];
  let result: ReturnType<typeof computeChokePoints> | undefined;
  let sources = 0;
  for (let rep = 0; rep < reps; rep++) {
    progress(`choke points ${label}: repetition ${rep + 1}/${reps}`);
    collectGarbage();
    const graph = buildGraph(inv); // fresh: no cached split graph
    const t = performance.now();
    result = computeChokePoints(graph);
    samples.push(performance.now() - t);
    sources = 0;
    for (let v = 0; v < graph.index.nodeCount; v++) if (graph.index.nodeFlags[v]! & NODE_AI) sources++;
  }
  return {
    size: label,
    nodes: inv.nodes.length,
    edges: inv.edges.length,
    sources,
    totalPairs: result!.totalPairs,
    edgeChokePoints: result!.edges.length,
    nodeChokePoints: result!.nodes.length,
    reps,
    ms: median(samples),
    samples: samples.map((ms) => Math.round(ms)),
    jsonParse,
  };
}

interface CliResult {
  readonly size: string;
  readonly evidence: string;
  readonly fileBytes: number;
  readonly outputBytes: number;
  readonly exitCode: number | null;
  readonly validJson: boolean;
  readonly findings: number;
  readonly reportEvidence: string | undefined;
  readonly wallMs: number;
  readonly peakRssMb: number;
  readonly jsonParse: number;
  readonly stderrTail: string;
}

/** `pathlight analyze FILE --format json` in a child process: wall time, peak RSS, output size, valid JSON. */
async function benchCli(label: string, evidence: string | undefined): Promise<CliResult> {
  const jsonParse = await jsonParseMs(label);
  const { path, bytes } = await estateFile(label);
  generated.clear();
  collectGarbage();
  progress(`cli ${label}: pathlight analyze --format json${evidence ? ` --evidence ${evidence}` : ''}`);
  const args = ['--max-old-space-size=8192', '--import', new URL('./report-rss.mjs', import.meta.url).pathname, 'bin/pathlight.mjs', 'analyze', path, '--format', 'json', ...(evidence ? ['--evidence', evidence] : [])];
  const started = performance.now();
  const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  const chunks: Buffer[] = [];
  let outputBytes = 0;
  child.stdout.on('data', (c: Buffer) => {
    outputBytes += c.length;
    chunks.push(c);
  });
  let stderr = '';
  child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
  const exitCode = await new Promise<number | null>((resolve) => child.on('close', resolve));
  const wallMs = performance.now() - started;
  const rss = /pathlight-bench-max-rss-kb (\d+)/.exec(stderr);
  let validJson = false;
  let findings = 0;
  let reportEvidence: string | undefined;
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { findings: unknown[]; report?: { evidence?: string } };
    validJson = true;
    findings = parsed.findings.length;
    reportEvidence = parsed.report?.evidence;
  } catch {
    validJson = false;
  }
  chunks.length = 0;
  return {
    size: label,
    evidence: evidence ?? '(default)',
    fileBytes: bytes,
    outputBytes,
    exitCode,
    validJson,
    findings,
    reportEvidence,
    wallMs,
    peakRssMb: rss ? Math.round(Number(rss[1]) / 1024) : NaN,
    jsonParse,
    stderrTail: stderr.replace(/pathlight-bench-max-rss-kb \d+\n?/, '').trim().slice(-300),
  };
}

function table(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]!.map((_, c) => Math.max(...rows.map((row) => row[c]!.length)));
  return rows
    .map((row, i) => {
      const line = row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]!) : cell.padStart(widths[c]!))).join('  ');
      return i === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

/** "1.23 s (4.5×)": a time and its ratio to JSON.parse of the same estate's file. */
function withRatio(ms: number, parse: number): string {
  if (!Number.isFinite(ms)) return '—';
  return `${fmtMs(ms)} (${(ms / parse).toFixed(1)}×)`;
}

function render(rules: readonly RulesResult[], chokes: readonly ChokeResult[], clis: readonly CliResult[], wallMs: number, load: number): string {
  const out: string[] = [];
  const cpus = os.cpus();
  out.push(`Pathlight rules and choke points benchmark — ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`);
  out.push(`node ${process.version}, ${cpus.length}× ${cpus[0]?.model.trim() ?? 'unknown CPU'}, load average ${load.toFixed(2)} at start (other processes move every figure)`);
  if (rules.length > 0) {
    out.push('');
    out.push('Rules (strict), medians; per-rule times as evaluateRules runs them, sharing the facts and legs');
    const head = ['', ...rules.map((r) => `${r.size} (${r.nodes}/${r.edges}, ${r.aiAgents} agents)`)];
    const rows: string[][] = [head];
    rows.push(['JSON.parse of the estate file (MiB)', ...rules.map((r) => `${fmtMs(r.jsonParse)} (${(r.fileBytes / 1048576).toFixed(1)} MiB)`)]);
    rows.push(['facts (predicates, content trust)', ...rules.map((r) => withRatio(r.facts, r.jsonParse))]);
    for (const rule of RULES) {
      rows.push([`${rule.ref} ${rule.id}`, ...rules.map((r) => (r.perRule[rule.ref!] === undefined ? '—' : `${withRatio(r.perRule[rule.ref!]!, r.jsonParse)} [${r.findingsPerRule[rule.ref!]}]`))]);
    }
    rows.push(['cuts and ranking', ...rules.map((r) => withRatio(r.cutsAndRanking, r.jsonParse))]);
    rows.push(['evaluateRules end to end', ...rules.map((r) => `${withRatio(r.evaluateRules, r.jsonParse)} [${r.findings} findings]`)]);
    rows.push(['  before the rework', ...rules.map((r) => BEFORE.rules[r.size] ?? '—')]);
    out.push(table(rows));
    out.push('(n×): the time over JSON.parse of the same file in this run. [n] after a rule: its findings. R01 computes every agent\'s legs (U, P, E, D, X) for the rules after it.');
    for (let i = 1; i < rules.length; i++) {
      const a = rules[i - 1]!;
      const b = rules[i]!;
      out.push(`growth ${a.size} → ${b.size}: evaluateRules ×${(b.evaluateRules / a.evaluateRules).toFixed(1)} (estate ×${(b.nodes / a.nodes).toFixed(0)}; ratio to JSON.parse ×${(b.evaluateRules / b.jsonParse / (a.evaluateRules / a.jsonParse)).toFixed(1)})`);
    }
  }
  if (chokes.length > 0) {
    out.push('');
    out.push('Choke points (exact: edges and nodes, every AI source), medians');
    const rows: string[][] = [['size', 'AI sources (all AI kinds)', 'connected pairs', 'edge / node choke points', 'computeChokePoints (×JSON.parse)', 'before the rework', 'runs']];
    for (const c of chokes) {
      rows.push([
        `${c.size} (${c.nodes}/${c.edges})`,
        String(c.sources),
        String(c.totalPairs),
        `${c.edgeChokePoints} / ${c.nodeChokePoints}`,
        withRatio(c.ms, c.jsonParse),
        BEFORE.chokepoints[c.size] ?? '—',
        c.samples.map((ms) => fmtMs(ms)).join(', '),
      ]);
    }
    out.push(table(rows));
  }
  if (clis.length > 0) {
    out.push('');
    out.push('pathlight analyze FILE --format json (child process; output read and parsed back)');
    const rows: string[][] = [['size', '--evidence', 'file', 'output (× file)', 'valid JSON, exit', 'findings', 'wall (×JSON.parse)', 'peak RSS']];
    for (const c of clis) {
      rows.push([
        c.size,
        `${c.evidence} → ${c.reportEvidence ?? '?'}`,
        `${(c.fileBytes / 1048576).toFixed(1)} MiB`,
        `${(c.outputBytes / 1048576).toFixed(1)} MiB (${(c.outputBytes / c.fileBytes).toFixed(2)}×)`,
        `${c.validJson ? 'yes' : 'NO'}, ${c.exitCode}`,
        String(c.findings),
        withRatio(c.wallMs, c.jsonParse),
        `${c.peakRssMb} MB`,
      ]);
    }
    out.push(table(rows));
    for (const c of clis) if (!c.validJson && c.stderrTail) out.push(`  ${c.size} stderr: ${c.stderrTail}`);
  }
  out.push('');
  out.push(`wall time ${fmtMs(wallMs)}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, load average now ${os.loadavg()[0]!.toFixed(2)}`);
  return out.join('\n');
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const load = os.loadavg()[0]!;
  const started = performance.now();
  const rules: RulesResult[] = [];
  for (const label of options.rules) rules.push(await benchRules(label, options.reps ?? (SIZES[label]! >= 50_000 ? 1 : 3)));
  const chokes: ChokeResult[] = [];
  for (const label of options.chokepoints) chokes.push(await benchChokePoints(label, options.reps ?? (SIZES[label]! >= 50_000 ? 1 : 3)));
  const clis: CliResult[] = [];
  for (const label of options.cli) clis.push(await benchCli(label, options.evidence));
  const wallMs = performance.now() - started;
  if (options.json) console.log(JSON.stringify({ node: process.version, loadAverage: load, loadAverageEnd: os.loadavg()[0], rules, chokepoints: chokes, cli: clis, before: BEFORE, wallMs }, null, 2));
  else console.log(render(rules, chokes, clis, wallMs, load));
}

await main();
