/**
 * The executive risk board as data: every figure is computed here from the inventory, the graph, the reach
 * summaries and the findings, with the explorer view that backs it. Pure (no React, no DOM, `now` injected),
 * so the numbers are tested on their own and the page, the print-out and the Markdown export all read the
 * same model.
 */
import { NODE_CROWN_JEWEL, RULES, aiNodeIndexes, evaluateRules, orderFindingsByRisk, reachCounts, reachManyMasks, summarizeAiNodes, toEdgeMask } from '../../../graph/index.ts';
import type { Finding, InventoryGraph, ReachSummary, RuleContext, Severity } from '../../../graph/index.ts';
import { DATA_KINDS } from '../../../model/node-kinds.ts';
import { getString } from '../../../model/type-guards.ts';
import type { Inventory, InventoryNode } from '../../../model/types.ts';

import { FRAMEWORKS, codeName, frameworkCodes } from './frameworks.ts';
import type { FrameworkId } from './frameworks.ts';
import { boardLenses } from './lenses.ts';
import type { BoardLenses } from './lenses.ts';
import type { ExplorerLink } from './links.ts';
import { capitalize, cutAction, edgeRef, nodeName, riskSentence } from '../../../lib/plain-language.ts';
import type { EdgeRef } from '../../../lib/plain-language.ts';

export interface BoardInput {
  readonly label: string;
  readonly inventory: Inventory;
  readonly graph: InventoryGraph;
  /** Per-AI-node reach (summarizeAiNodes); recomputed when absent. */
  readonly summaries?: readonly ReachSummary[];
  readonly findings: readonly Finding[];
  /** Set when the rules could not be evaluated: the findings are then missing, not absent. */
  readonly findingsError?: string;
}

export interface BoardOptions {
  /** Milliseconds since the epoch; snapshot age is measured against it. */
  readonly now: number;
  readonly maxRisks?: number;
  readonly maxCuts?: number;
  /** How many distinct candidate cuts are re-evaluated with the rule engine (each costs one evaluation). */
  readonly maxCutCandidates?: number;
  /**
   * How a cut is checked: `engine` re-runs the affected rules with the edges switched off (exact, but a
   * rule re-run costs seconds on estates of many thousand nodes); `witness` counts a finding closed when
   * every witness path of one of its required legs uses a removed edge. `auto`: engine up to
   * ENGINE_CHECK_MAX_NODES nodes, witness above.
   */
  readonly cutCheck?: 'engine' | 'witness' | 'auto';
  readonly maxRows?: number;
  /**
   * What-if cuts in force (per-edge mask, 1 = switched off; see graph/what-if.ts `cutMask`): reach, crown jewels
   * and candidate cuts are measured with these edges off. Pass the findings and summaries after the same cuts.
   */
  readonly disabledEdges?: Uint8Array;
}

export type SeverityCounts = Record<Severity, number>;

export interface Headline {
  readonly ai: { readonly total: number; readonly sanctioned: number; readonly unsanctioned: number; readonly unstated: number; readonly unsanctionedNodes: readonly string[] };
  /** AI integrations with at least one critical or high finding. */
  readonly flagged: { readonly count: number; readonly critical: number; readonly high: number; readonly link: ExplorerLink | null };
  readonly crownJewels: { readonly total: number; readonly reachable: number; readonly share: number; readonly link: ExplorerLink | null; readonly topNode: string | null; readonly topCount: number };
  readonly largestBlast: { readonly node: string; readonly name: string; readonly reached: number; readonly share: number; readonly crownJewels: number; readonly link: ExplorerLink } | null;
}

export interface TopRisk {
  readonly node: string;
  readonly nodeName: string;
  readonly severity: Severity;
  readonly rule: string;
  readonly ruleName: string;
  /** "<AI node> can be steered by outside content into sending private data out." */
  readonly sentence: string;
  /** The engine's own account of the combination, with the names involved. */
  readonly detail: string;
  /** "Remove the tool “send_email” from Finance assistant." */
  readonly fix: string | null;
  readonly fixEdges: readonly string[];
  /** Other findings on the same node. */
  readonly more: number;
  readonly link: ExplorerLink;
}

export interface TopCut {
  readonly edges: readonly EdgeRef[];
  readonly action: string;
  readonly cost: number;
  /** Findings that disappear when these edges are removed (see BoardOptions.cutCheck for how). */
  readonly closes: SeverityCounts;
  readonly method: 'engine' | 'witness';
  readonly closesTotal: number;
  readonly closedNodes: readonly string[];
  /** Σ over AI integrations of reached nodes, before and after. */
  readonly reachBefore: number;
  readonly reachAfter: number;
  readonly link: ExplorerLink;
}

export interface BreakdownRow {
  readonly key: string;
  readonly label: string;
  /** Extra context (a person's title, a cost centre). */
  readonly note: string | null;
  readonly nodes: number;
  readonly findings: SeverityCounts;
  readonly total: number;
  readonly link: ExplorerLink;
}

export interface FrameworkRow {
  readonly code: string;
  readonly name: string | null;
  readonly findings: number;
  readonly nodes: number;
  readonly worst: Severity;
  readonly link: ExplorerLink;
}

export interface FrameworkGroup {
  readonly framework: FrameworkId;
  readonly rows: readonly FrameworkRow[];
  /** Findings carrying at least one code of this framework. */
  readonly findings: number;
}

export type Freshness = 'fresh' | 'aging' | 'stale' | 'unknown';

export interface Confidence {
  readonly dataStores: { readonly total: number; readonly unknown: number; readonly example: string | null };
  readonly tools: { readonly total: number; readonly unknown: number; readonly example: string | null };
  readonly aiOwners: { readonly total: number; readonly unknown: number; readonly example: string | null };
  readonly snapshot: { readonly generatedAt: string | null; readonly ageDays: number | null; readonly freshness: Freshness };
  readonly level: 'high' | 'medium' | 'low';
  /** Plain reasons behind the level. */
  readonly reasons: readonly string[];
}

export interface BoardModel {
  readonly label: string;
  readonly source: string | null;
  readonly generatedAt: string | null;
  readonly findingsError: string | null;
  readonly counts: { readonly nodes: number; readonly edges: number; readonly findings: SeverityCounts; readonly findingsTotal: number };
  readonly headline: Headline;
  readonly topRisks: readonly TopRisk[];
  readonly topCuts: readonly TopCut[];
  readonly byOwner: readonly BreakdownRow[];
  readonly byUnit: readonly BreakdownRow[];
  readonly frameworks: readonly FrameworkGroup[];
  /** Findings by lifecycle stage and by enterprise risk category (lenses.ts). */
  readonly lenses: BoardLenses;
  readonly confidence: Confidence;
}

export const SEVERITY_ORDER: readonly Severity[] = ['critical', 'high', 'medium', 'low'];
const emptyCounts = (): SeverityCounts => ({ critical: 0, high: 0, medium: 0, low: 0 });
const isSerious = (s: Severity): boolean => s === 'critical' || s === 'high';
const cmp = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function worse(a: Severity, b: Severity): Severity {
  return SEVERITY_ORDER.indexOf(a) <= SEVERITY_ORDER.indexOf(b) ? a : b;
}

/** Findings in board order: the engine's rank when present, else severity then rule and node. */
function ordered(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      (a.rank ?? Infinity) - (b.rank ?? Infinity) ||
      SEVERITY_ORDER.indexOf(a.severity) - SEVERITY_ORDER.indexOf(b.severity) ||
      cmp(a.rule, b.rule) ||
      cmp(a.node, b.node),
  );
}

function node(graph: InventoryGraph, id: string): InventoryNode | undefined {
  const i = graph.index.nodeIndex.get(id);
  return i === undefined ? undefined : graph.nodes[i];
}

// ---------------------------------------------------------------------------------------------------------
// Headline

function headline(graph: InventoryGraph, summaries: readonly ReachSummary[], findings: readonly Finding[], disabledEdges?: Uint8Array): Headline {
  const ai = aiNodeIndexes(graph);
  let sanctioned = 0;
  let unsanctioned = 0;
  const unsanctionedNodes: string[] = [];
  for (const i of ai) {
    const v = graph.nodes[i]!.fields['sanctioned'];
    if (v === true) sanctioned++;
    else if (v === false) {
      unsanctioned++;
      unsanctionedNodes.push(graph.nodes[i]!.id);
    }
  }
  const aiIds = new Set(ai.map((i) => graph.nodes[i]!.id));

  // Worst severity per AI node.
  const worst = new Map<string, Severity>();
  for (const f of ordered(findings)) {
    if (!aiIds.has(f.node)) continue;
    const w = worst.get(f.node);
    worst.set(f.node, w === undefined ? f.severity : worse(w, f.severity));
  }
  let critical = 0;
  let high = 0;
  let firstFlagged: string | null = null;
  for (const f of orderFindingsByRisk(findings, summaries)) {
    if (aiIds.has(f.node) && isSerious(f.severity) && firstFlagged === null) firstFlagged = f.node;
  }
  for (const s of worst.values()) {
    if (s === 'critical') critical++;
    else if (s === 'high') high++;
  }

  // Crown jewels reachable from any AI integration: OR the reach masks of every AI source.
  const { nodeFlags, nodeCount } = graph.index;
  const any = new Uint8Array(nodeCount);
  reachManyMasks(
    graph,
    ai,
    (_batch, { read, write, control }) => {
      for (let v = 0; v < nodeCount; v++) if ((read[v]! | write[v]! | control[v]!) !== 0) any[v] = 1;
    },
    disabledEdges ? { disabledEdges } : {},
  );
  let total = 0;
  let reachable = 0;
  for (let v = 0; v < nodeCount; v++) {
    if ((nodeFlags[v]! & NODE_CROWN_JEWEL) === 0) continue;
    total++;
    if (any[v]) reachable++;
  }
  let top: ReachSummary | null = null;
  for (const s of summaries) if (s.crownJewels > 0 && (top === null || s.crownJewels > top.crownJewels || (s.crownJewels === top.crownJewels && s.node < top.node))) top = s;

  let largest: ReachSummary | null = null;
  for (const s of summaries) if (largest === null || s.reached > largest.reached || (s.reached === largest.reached && s.node < largest.node)) largest = s;

  return {
    ai: { total: ai.length, sanctioned, unsanctioned, unstated: ai.length - sanctioned - unsanctioned, unsanctionedNodes },
    flagged: { count: critical + high, critical, high, link: firstFlagged ? { node: firstFlagged } : null },
    crownJewels: {
      total,
      reachable,
      share: total === 0 ? 0 : reachable / total,
      link: top ? { node: top.node } : null,
      topNode: top?.node ?? null,
      topCount: top?.crownJewels ?? 0,
    },
    largestBlast:
      largest && largest.reached > 0
        ? {
            node: largest.node,
            name: nodeName(graph, largest.node),
            reached: largest.reached,
            share: nodeCount <= 1 ? 0 : largest.reached / (nodeCount - 1),
            crownJewels: largest.crownJewels,
            link: { node: largest.node },
          }
        : null,
  };
}

// ---------------------------------------------------------------------------------------------------------
// Top risks: the highest-ranked finding of each node, one line each.

function topRisks(graph: InventoryGraph, findings: readonly Finding[], summaries: readonly ReachSummary[], max: number): TopRisk[] {
  const byNode = new Map<string, Finding[]>();
  // The shared ranking (severity, crown jewels reached, radius), so the board names the sidebar's first node.
  for (const f of orderFindingsByRisk(findings, summaries)) {
    const list = byNode.get(f.node) ?? [];
    list.push(f);
    byNode.set(f.node, list);
  }
  const out: TopRisk[] = [];
  for (const [id, list] of byNode) {
    if (out.length >= max) break;
    const f = list[0]!;
    const name = nodeName(graph, id);
    const fixEdges = f.cut?.edges ?? [];
    out.push({
      node: id,
      nodeName: name,
      severity: f.severity,
      rule: f.rule,
      ruleName: f.ruleName ?? f.rule,
      sentence: riskSentence(graph, f),
      detail: f.title,
      fix: fixEdges.length > 0 ? `${capitalize(cutAction(graph, fixEdges))}.` : f.remediation ?? null,
      fixEdges,
      more: list.length - 1,
      link: { node: id },
    });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------
// Top cuts: each finding's cheapest cut is a candidate; the rule engine is re-run with it switched off.

const findingKey = (f: Finding): string => `${f.rule}\u0000${f.node}`;

export const ENGINE_CHECK_MAX_NODES = 3000;

/** Whether removing `removed` breaks a finding over its own witness paths (one required leg fully cut). */
export function cutBreaksWitnesses(f: Finding, removed: ReadonlySet<string>): boolean {
  const legs = (f.legs ?? []).filter((l) => !l.optional && l.witnesses.length > 0);
  return legs.some((l) => l.witnesses.every((w) => w.edges.some((e) => removed.has(e))));
}

function topCuts(
  graph: InventoryGraph,
  findings: readonly Finding[],
  options: Required<Pick<BoardOptions, 'maxCuts' | 'maxCutCandidates' | 'now'>> & { method: 'engine' | 'witness'; disabledEdges?: Uint8Array },
): TopCut[] {
  const candidates = new Map<string, { edges: string[]; cost: number; rank: number }>();
  ordered(findings).forEach((f, rank) => {
    const edges = f.cut?.edges;
    if (!edges || edges.length === 0) return;
    const sorted = [...new Set(edges)].sort(cmp);
    const key = sorted.join('\u0000');
    if (!candidates.has(key)) candidates.set(key, { edges: sorted, cost: f.cut!.cost, rank });
  });
  const chosen = [...candidates.values()].slice(0, options.maxCutCandidates);
  if (chosen.length === 0) return [];

  const base: RuleContext = { graph, mode: 'strict', now: options.now };
  const ai = aiNodeIndexes(graph);
  const sum = (a: Int32Array): number => a.reduce((s, x) => s + x, 0);
  // With what-if cuts in force, "before" is the estate after them and each candidate adds to them.
  const inForce = options.disabledEdges;
  const reachBefore = sum(reachCounts(graph, ai, inForce ? { disabledEdges: inForce } : {}));

  const out: TopCut[] = [];
  for (const c of chosen) {
    const { mask } = toEdgeMask(graph, c.edges);
    if (inForce) for (let j = 0; j < mask.length; j++) mask[j] = mask[j]! | inForce[j]!;
    // Only a finding whose witness paths use a removed edge can disappear: re-run just those rules.
    const removed = new Set(c.edges);
    const affected = findings.filter((f) => f.evidence.edges.some((e) => removed.has(e)));
    let stillThere: (f: Finding) => boolean;
    if (options.method === 'engine') {
      const ruleIds = new Set(affected.map((f) => f.rule));
      const after = new Set(evaluateRules({ ...base, disabledEdges: mask }, RULES.filter((r) => ruleIds.has(r.id))).map(findingKey));
      stillThere = (f) => after.has(findingKey(f));
    } else stillThere = (f) => !cutBreaksWitnesses(f, removed);
    const closes = emptyCounts();
    const closedNodes = new Set<string>();
    for (const f of affected) {
      if (stillThere(f)) continue;
      closes[f.severity]++;
      closedNodes.add(f.node);
    }
    const reachAfter = sum(reachCounts(graph, ai, { disabledEdges: mask }));
    const refs = c.edges.map((id) => edgeRef(graph, id)).filter((r): r is EdgeRef => r !== null);
    const first = refs[0];
    out.push({
      edges: refs,
      action: capitalize(cutAction(graph, c.edges)),
      cost: c.cost,
      closes,
      method: options.method,
      closesTotal: closes.critical + closes.high + closes.medium + closes.low,
      closedNodes: [...closedNodes].sort(cmp),
      reachBefore,
      reachAfter,
      link: first ? { from: first.source, to: first.target } : { node: c.edges[0]! },
    });
  }
  return out
    .filter((c) => c.closesTotal > 0 || c.reachAfter < c.reachBefore)
    .sort(
      (a, b) =>
        b.closes.critical + b.closes.high - (a.closes.critical + a.closes.high) ||
        b.closesTotal - a.closesTotal ||
        a.reachAfter - b.reachAfter ||
        a.cost - b.cost ||
        cmp(a.action, b.action),
    )
    .slice(0, options.maxCuts);
}

// ---------------------------------------------------------------------------------------------------------
// Risk by owner and by business unit

interface OwnerInfo {
  readonly key: string;
  readonly label: string;
  readonly note: string | null;
  readonly link: ExplorerLink | null;
}

const UNIT_FIELDS = ['businessUnit', 'business_unit', 'department', 'team'] as const;

/** Owner of a node: a node id (named) or free text; null when none is recorded. */
export function ownerOf(graph: InventoryGraph, n: InventoryNode): OwnerInfo | null {
  const raw = getString(n, 'owner')?.trim();
  if (!raw) return null;
  const o = node(graph, raw);
  if (o) return { key: o.id, label: o.name, note: getString(o, 'title') ?? null, link: { node: o.id } };
  return { key: `text:${raw}`, label: raw, note: null, link: null };
}

/**
 * Groups that stand for a business unit: every group a human is a member of, except groups that hold
 * half or more of all members (all-staff style groups say nothing about the unit).
 */
function unitIndex(graph: InventoryGraph): { groupsOf: Map<string, string[]>; size: Map<string, number> } {
  const groupsOf = new Map<string, string[]>();
  const size = new Map<string, number>();
  for (const e of graph.edges) {
    if (e.kind !== 'member_of') continue;
    const g = node(graph, e.target);
    if (!g || g.kind !== 'group') continue;
    const list = groupsOf.get(e.source) ?? [];
    list.push(g.id);
    groupsOf.set(e.source, list);
    size.set(g.id, (size.get(g.id) ?? 0) + 1);
  }
  const members = groupsOf.size;
  for (const [g, n] of size) if (members >= 4 && n * 2 >= members) size.set(g, -1);
  return { groupsOf, size };
}

export function unitOf(graph: InventoryGraph, n: InventoryNode, units: ReturnType<typeof unitIndex>): OwnerInfo | null {
  for (const f of UNIT_FIELDS) {
    const v = getString(n, f)?.trim();
    if (v) return { key: `text:${v}`, label: v, note: null, link: null };
  }
  const ownerId = getString(n, 'owner')?.trim();
  const owner = ownerId ? node(graph, ownerId) : undefined;
  if (owner) {
    for (const f of UNIT_FIELDS) {
      const v = getString(owner, f)?.trim();
      if (v) return { key: `text:${v}`, label: v, note: null, link: null };
    }
    if (owner.kind === 'group') return { key: owner.id, label: owner.name, note: null, link: { node: owner.id } };
    let best: string | null = null;
    for (const g of units.groupsOf.get(owner.id) ?? []) {
      const s = units.size.get(g) ?? 0;
      if (s > 0 && (best === null || s > (units.size.get(best) ?? 0))) best = g;
    }
    if (best) return { key: best, label: nodeName(graph, best), note: null, link: { node: best } };
  }
  const cc = getString(n, 'costCenter') ?? (owner ? getString(owner, 'costCenter') : undefined);
  if (cc) return { key: `cc:${cc}`, label: `Cost centre ${cc}`, note: null, link: null };
  return null;
}

function breakdown(graph: InventoryGraph, findings: readonly Finding[], keyOf: (n: InventoryNode) => OwnerInfo | null, missing: string, max: number): BreakdownRow[] {
  const rows = new Map<string, { info: OwnerInfo; nodes: Set<string>; findings: SeverityCounts; firstNode: string }>();
  for (const f of ordered(findings)) {
    const n = node(graph, f.node);
    const info = (n ? keyOf(n) : null) ?? { key: '\u0000none', label: missing, note: null, link: null };
    let row = rows.get(info.key);
    if (!row) {
      row = { info, nodes: new Set(), findings: emptyCounts(), firstNode: f.node };
      rows.set(info.key, row);
    }
    row.nodes.add(f.node);
    row.findings[f.severity]++;
  }
  return [...rows.values()]
    .map((r) => ({
      key: r.info.key,
      label: r.info.label,
      note: r.info.note,
      nodes: r.nodes.size,
      findings: r.findings,
      total: r.findings.critical + r.findings.high + r.findings.medium + r.findings.low,
      // The row's figure is backed by its highest-ranked finding's node.
      link: { node: r.firstNode } as ExplorerLink,
    }))
    .sort(
      (a, b) =>
        b.findings.critical - a.findings.critical ||
        b.findings.high - a.findings.high ||
        b.total - a.total ||
        cmp(a.label, b.label),
    )
    .slice(0, max);
}

// ---------------------------------------------------------------------------------------------------------
// Frameworks

function frameworks(findings: readonly Finding[]): FrameworkGroup[] {
  const groups = new Map<FrameworkId, { rows: Map<string, { findings: number; nodes: Set<string>; worst: Severity; first: string }>; findings: number }>();
  for (const fw of FRAMEWORKS) groups.set(fw, { rows: new Map(), findings: 0 });
  for (const f of ordered(findings)) {
    const touched = new Set<FrameworkId>();
    for (const { framework, code } of frameworkCodes(f)) {
      const g = groups.get(framework)!;
      touched.add(framework);
      const row = g.rows.get(code) ?? { findings: 0, nodes: new Set<string>(), worst: f.severity, first: f.node };
      row.findings++;
      row.nodes.add(f.node);
      row.worst = worse(row.worst, f.severity);
      g.rows.set(code, row);
    }
    for (const fw of touched) groups.get(fw)!.findings++;
  }
  return FRAMEWORKS.map((framework) => {
    const g = groups.get(framework)!;
    const rows = [...g.rows.entries()]
      .map(([code, r]) => ({ code, name: codeName(framework, code), findings: r.findings, nodes: r.nodes.size, worst: r.worst, link: { node: r.first } as ExplorerLink }))
      .sort((a, b) => b.findings - a.findings || cmp(a.code, b.code));
    return { framework, rows, findings: g.findings };
  });
}

// ---------------------------------------------------------------------------------------------------------
// Data confidence

const DAY = 86_400_000;

export function snapshotAge(generatedAt: string | undefined, now: number): Confidence['snapshot'] {
  if (!generatedAt) return { generatedAt: null, ageDays: null, freshness: 'unknown' };
  const t = Date.parse(generatedAt);
  if (Number.isNaN(t)) return { generatedAt, ageDays: null, freshness: 'unknown' };
  const ageDays = Math.max(0, Math.floor((now - t) / DAY));
  return { generatedAt, ageDays, freshness: ageDays <= 7 ? 'fresh' : ageDays <= 30 ? 'aging' : 'stale' };
}

function confidence(graph: InventoryGraph, inventory: Inventory, now: number, findingsError: string | null): Confidence {
  const stores = { total: 0, unknown: 0, example: null as string | null };
  const tools = { total: 0, unknown: 0, example: null as string | null };
  const owners = { total: 0, unknown: 0, example: null as string | null };
  const ai = new Set(aiNodeIndexes(graph));
  graph.nodes.forEach((n, i) => {
    if (DATA_KINDS.has(n.kind)) {
      stores.total++;
      const s = getString(n, 'sensitivity');
      if (s !== 'public' && s !== 'internal' && s !== 'confidential' && s !== 'restricted') {
        stores.unknown++;
        stores.example ??= n.id;
      }
    }
    if (n.kind === 'tool') {
      tools.total++;
      if (!Array.isArray(n.fields['caps'])) {
        tools.unknown++;
        tools.example ??= n.id;
      }
    }
    if (ai.has(i)) {
      owners.total++;
      if (!getString(n, 'owner')?.trim()) {
        owners.unknown++;
        owners.example ??= n.id;
      }
    }
  });
  const snapshot = snapshotAge(inventory.meta.generatedAt, now);
  const share = (x: { total: number; unknown: number }): number => (x.total === 0 ? 0 : x.unknown / x.total);
  const worst = Math.max(share(stores), share(tools), share(owners));
  const reasons: string[] = [];
  if (findingsError !== null) reasons.push('The toxic-combination rules could not be evaluated, so every risk figure is missing.');
  if (stores.unknown > 0) reasons.push(`${stores.unknown} of ${stores.total} data stores have no sensitivity label, so crown jewels may be undercounted.`);
  if (tools.unknown > 0) reasons.push(`${tools.unknown} of ${tools.total} tools do not declare their capabilities, so toxic combinations may be missed.`);
  if (owners.unknown > 0) reasons.push(`${owners.unknown} of ${owners.total} AI integrations have no recorded owner.`);
  if (snapshot.freshness === 'unknown') reasons.push('The snapshot does not say when it was taken.');
  else if (snapshot.freshness !== 'fresh') reasons.push(`The snapshot is ${snapshot.ageDays} days old.`);
  const level: Confidence['level'] =
    findingsError !== null || worst > 0.3 || snapshot.freshness === 'stale' || snapshot.freshness === 'unknown' ? 'low' : worst > 0.1 || snapshot.freshness === 'aging' ? 'medium' : 'high';
  return { dataStores: stores, tools, aiOwners: owners, snapshot, level, reasons };
}

// ---------------------------------------------------------------------------------------------------------

export function buildBoard(input: BoardInput, options: BoardOptions): BoardModel {
  const { graph, inventory } = input;
  const summaries = input.summaries ?? summarizeAiNodes(graph, options.disabledEdges ? { disabledEdges: options.disabledEdges } : {});
  const findings = ordered(input.findings);
  const counts = emptyCounts();
  for (const f of findings) counts[f.severity]++;
  const units = unitIndex(graph);
  const maxRows = options.maxRows ?? 6;
  const source = inventory.meta.source?.['name'];
  return {
    label: input.label,
    source: typeof source === 'string' ? source : null,
    generatedAt: inventory.meta.generatedAt ?? null,
    findingsError: input.findingsError ?? null,
    counts: { nodes: graph.nodes.length, edges: graph.edges.length, findings: counts, findingsTotal: findings.length },
    headline: headline(graph, summaries, findings, options.disabledEdges),
    topRisks: topRisks(graph, findings, summaries, options.maxRisks ?? 5),
    topCuts: topCuts(graph, findings, {
      now: options.now,
      maxCuts: options.maxCuts ?? 5,
      maxCutCandidates: options.maxCutCandidates ?? (graph.nodes.length > ENGINE_CHECK_MAX_NODES ? 8 : 16),
      method: (options.cutCheck ?? 'auto') === 'auto' ? (graph.nodes.length > ENGINE_CHECK_MAX_NODES ? 'witness' : 'engine') : (options.cutCheck as 'engine' | 'witness'),
      ...(options.disabledEdges ? { disabledEdges: options.disabledEdges } : {}),
    }),
    byOwner: breakdown(graph, findings, (n) => ownerOf(graph, n), 'No owner recorded', maxRows),
    byUnit: breakdown(graph, findings, (n) => unitOf(graph, n, units), 'No unit recorded', maxRows),
    frameworks: frameworks(findings),
    lenses: boardLenses(findings),
    confidence: confidence(graph, inventory, options.now, input.findingsError ?? null),
  };
}
