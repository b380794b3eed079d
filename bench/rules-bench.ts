/**
 * `npm run bench:rules`: the toxic-combination rules (per rule) and the exact choke points on the synthetic
 * estates of bench/generate.ts (n nodes, 5n edges, 5% of nodes ai_agent). Speed is measured here, never asserted
 * in tests.
 *
 *   npm run bench:rules                               rules at 2k, 5k, 20k; choke points at 5k, 20k, 100k
 *   npm run bench:rules -- --rules 2k,5k --chokepoints none
 *   npm run bench:rules -- --reps 5                   repetitions per size (medians; default 3, 1 at 100k)
 *   npm run bench:rules -- --json                     figures as JSON on stdout (progress on stderr)
 *
 * Rules: each repetition builds the graph afresh (no cached facts), then times, as `evaluateRules` runs them,
 * the shared facts (`factsFor`: node predicates and §1.3 content trust), each rule in catalog order (the first
 * rule to ask for an agent's legs pays for them), and the cuts and ranking; then `evaluateRules` end to end on
 * another fresh graph. Choke points: `computeChokePoints(graph)` (edges and nodes, every AI source).
 */
import os from 'node:os';
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

const SIZES: Readonly<Record<string, number>> = { '1k': 1_000, '2k': 2_000, '5k': 5_000, '10k': 10_000, '20k': 20_000, '50k': 50_000, '100k': 100_000 };
const USAGE = 'usage: npm run bench:rules -- [--rules 2k,5k,20k|none] [--chokepoints 5k,20k,100k|none] [--reps N] [--json]';

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
  readonly reps: number | undefined;
  readonly json: boolean;
}

function parseArgs(argv: readonly string[]): Options {
  let rules = ['2k', '5k', '20k'];
  let chokepoints = ['5k', '20k', '100k'];
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
    else if (arg === '--reps') {
      reps = Number(argv[++i]);
      if (!Number.isInteger(reps) || reps < 1) fail('--reps needs a positive whole number');
    } else if (arg === '--help' || arg === '-h') {
      console.log(USAGE);
      process.exit(0);
    } else fail(`unknown argument "${arg}"`);
  }
  return { rules, chokepoints, reps, json };
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
}

function benchRules(label: string, reps: number): RulesResult {
  const inv = inventory(label);
  const facts: number[] = [];
  const perRule = new Map<string, number[]>();
  const findingsPerRule: Record<string, number> = {};
  const cuts: number[] = [];
  const totals: number[] = [];
  let findings = 0;
  for (let rep = 0; rep < reps; rep++) {
    progress(`rules ${label}: repetition ${rep + 1}/${reps}, per rule`);
    collectGarbage();
    let graph: InventoryGraph = buildGraph(inv);
    let t = performance.now();
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
    facts: median(facts),
    perRule: Object.fromEntries([...perRule].map(([ref, samples]) => [ref, median(samples)])),
    findingsPerRule,
    cutsAndRanking: median(cuts),
    evaluateRules: median(totals),
    evaluateRulesSamples: totals.map((ms) => Math.round(ms)),
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
}

function benchChokePoints(label: string, reps: number): ChokeResult {
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

function render(rules: readonly RulesResult[], chokes: readonly ChokeResult[], wallMs: number, load: number): string {
  const out: string[] = [];
  const cpus = os.cpus();
  out.push(`Pathlight rules and choke points benchmark — ${new Date().toISOString().replace(/\.\d+Z$/, 'Z')}`);
  out.push(`node ${process.version}, ${cpus.length}× ${cpus[0]?.model.trim() ?? 'unknown CPU'}, load average ${load.toFixed(2)} at start (other processes move every figure)`);
  if (rules.length > 0) {
    out.push('');
    out.push('Rules (strict), medians; per-rule times as evaluateRules runs them, sharing the facts and legs');
    const head = ['', ...rules.map((r) => `${r.size} (${r.nodes}/${r.edges}, ${r.aiAgents} agents)`)];
    const rows: string[][] = [head];
    rows.push(['facts (predicates, content trust)', ...rules.map((r) => fmtMs(r.facts))]);
    for (const rule of RULES) {
      rows.push([`${rule.ref} ${rule.id}`, ...rules.map((r) => `${fmtMs(r.perRule[rule.ref!]!)} (${r.findingsPerRule[rule.ref!]})`)]);
    }
    rows.push(['cuts and ranking', ...rules.map((r) => fmtMs(r.cutsAndRanking))]);
    rows.push(['evaluateRules end to end', ...rules.map((r) => `${fmtMs(r.evaluateRules)} (${r.findings} findings)`)]);
    rows.push(['  before the rework', ...rules.map((r) => BEFORE.rules[r.size] ?? '—')]);
    out.push(table(rows));
    out.push('(n) after a rule: its findings. R01 computes every agent\'s legs (U, P, E, D, X) for the rules after it.');
  }
  if (chokes.length > 0) {
    out.push('');
    out.push('Choke points (exact: edges and nodes, every AI source), medians');
    const rows: string[][] = [['size', 'AI sources (all AI kinds)', 'connected pairs', 'edge / node choke points', 'computeChokePoints', 'before the rework', 'runs']];
    for (const c of chokes) {
      rows.push([
        `${c.size} (${c.nodes}/${c.edges})`,
        String(c.sources),
        String(c.totalPairs),
        `${c.edgeChokePoints} / ${c.nodeChokePoints}`,
        fmtMs(c.ms),
        BEFORE.chokepoints[c.size] ?? '—',
        c.samples.map((ms) => fmtMs(ms)).join(', '),
      ]);
    }
    out.push(table(rows));
  }
  out.push('');
  out.push(`wall time ${fmtMs(wallMs)}, peak RSS ${Math.round(process.resourceUsage().maxRSS / 1024)} MB, load average now ${os.loadavg()[0]!.toFixed(2)}`);
  return out.join('\n');
}

function main(): void {
  const options = parseArgs(process.argv.slice(2));
  const load = os.loadavg()[0]!;
  const started = performance.now();
  const rules = options.rules.map((label) => benchRules(label, options.reps ?? 3));
  const chokes = options.chokepoints.map((label) => benchChokePoints(label, options.reps ?? (SIZES[label]! >= 50_000 ? 1 : 3)));
  const wallMs = performance.now() - started;
  if (options.json) console.log(JSON.stringify({ node: process.version, loadAverage: load, rules, chokepoints: chokes, before: BEFORE, wallMs }, null, 2));
  else console.log(render(rules, chokes, wallMs, load));
}

main();
