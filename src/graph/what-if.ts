/**
 * What-if cuts: switch off edges and remove nodes, and say what that bought. Pure: the same graph and the
 * same list of cuts always give the same answer, so stacking, undo and redo are just different lists.
 *
 * - `cutMask` turns cuts into the per-edge switched-off mask every engine takes (a removed node is all
 *   of its edges switched off).
 * - `whatIf` compares before and after: one source's blast radius (count, crown jewels no longer
 *   reachable), every AI node's reach, (AI node, crown jewel) pairs, and findings (evaluateRules with
 *   `disabledEdges`), with a one-line sentence for the delta panel.
 * - `remediationPlan` renders the cuts, in order, as Markdown: each cut, why, and what it closes given
 *   the cuts before it.
 */
import { NODE_KIND_LABELS } from '../model/node-kinds.ts';
import type { NodeKind } from '../model/node-kinds.ts';

import { NODE_AI, NODE_CROWN_JEWEL, requireNode } from './build-graph.ts';
import type { InventoryGraph } from './build-graph.ts';
import { reachManyMasks } from './reach-many.ts';
import { evaluateRules } from './rules/registry.ts';
import type { Finding, RuleMode, Severity } from './rules/types.ts';

/** One cut: an edge switched off, or a node removed (all its edges). `reason` is the caller's why. */
export type Cut = { readonly edge: string; readonly reason?: string } | { readonly node: string; readonly reason?: string };

/** The per-edge switched-off mask for a list of cuts; cuts naming no edge or node come back in `unknown`. */
export function cutMask(graph: InventoryGraph, cuts: readonly Cut[]): { mask: Uint8Array; unknown: Cut[] } {
  // `edgeIndex` is built on first use: read it only when an edge is cut (node cuts and no cuts never build it).
  const { edgeCount, nodeIndex, outOffsets, outEdges, inOffsets, inEdges } = graph.index;
  const mask = new Uint8Array(edgeCount);
  const unknown: Cut[] = [];
  for (const cut of cuts) {
    if ('edge' in cut) {
      const j = graph.index.edgeIndex.get(cut.edge);
      if (j === undefined) unknown.push(cut);
      else mask[j] = 1;
    } else {
      const x = nodeIndex.get(cut.node);
      if (x === undefined) {
        unknown.push(cut);
        continue;
      }
      for (let k = outOffsets[x]!; k < outOffsets[x + 1]!; k++) mask[outEdges[k]!] = 1;
      for (let k = inOffsets[x]!; k < inOffsets[x + 1]!; k++) mask[inEdges[k]!] = 1;
    }
  }
  return { mask, unknown };
}

export interface WhatIfOptions {
  /** The AI node (or any node) whose blast radius the delta panel shows. */
  readonly source?: string;
  readonly mode?: RuleMode;
  /** "Now" for age rules (ms since the epoch), as evaluateRules takes it. */
  readonly now?: number;
  /** Findings of the uncut graph when the caller already has them (same mode and now): saves one evaluation. */
  readonly findingsBefore?: readonly Finding[];
  /** Findings with these cuts applied when the caller already has them (same mode and now, e.g. from CutAnalysisCache): saves one evaluation. */
  readonly findingsAfter?: readonly Finding[];
  /** Evaluate the rules before and after (default true); false leaves `findings` empty (reach-only deltas). */
  readonly rules?: boolean;
}

export interface SourceDelta {
  readonly node: string;
  /** Blast radius sizes (the source excluded). */
  readonly before: number;
  readonly after: number;
  /** Crown jewels reached before and no longer reached, by id (inventory order). */
  readonly crownJewelsLost: readonly string[];
  readonly crownJewelsAfter: number;
}

export interface AiReachDelta {
  readonly node: string;
  readonly before: number;
  readonly after: number;
  readonly crownJewelsBefore: number;
  readonly crownJewelsAfter: number;
  readonly crownJewelsLost: readonly string[];
}

export interface FindingChange {
  readonly rule: string;
  readonly node: string;
  readonly title: string;
  readonly old: Severity;
  readonly new: Severity;
}

export interface WhatIfResult {
  readonly cuts: readonly Cut[];
  /** Cuts naming nothing in this inventory (ignored). */
  readonly unknown: readonly Cut[];
  /** Edge ids switched off by the cuts, in inventory order. */
  readonly disabledEdges: readonly string[];
  readonly source?: SourceDelta;
  /** Every AI node whose reach changed, largest loss first (ties by id). */
  readonly reach: readonly AiReachDelta[];
  readonly totals: {
    readonly aiNodes: number;
    /** Sum over AI nodes of their blast radius. */
    readonly reachBefore: number;
    readonly reachAfter: number;
    /** Connected (AI node, crown jewel) pairs, a ≠ j. */
    readonly pairsBefore: number;
    readonly pairsAfter: number;
  };
  readonly findings: {
    readonly before: number;
    readonly after: number;
    /** Findings (rule, node) present before and gone after, in the before ranking. */
    readonly resolved: readonly Finding[];
    /** Findings that only appear after (a cut can orphan an identity, for instance). */
    readonly new: readonly Finding[];
    readonly changed: readonly FindingChange[];
  };
  /** The delta in one line: "blast radius 142 → 12 nodes, 3 crown jewels no longer reachable, lethal trifecta resolved". */
  readonly sentence: string;
  /** The switched-off mask, to hand to other engines (reach, choke points) for the cut graph. */
  readonly mask: Uint8Array;
}

const key = (f: Finding) => `${f.rule}\u0000${f.node}`;

/**
 * Before/after of a list of cuts. Cost: two multi-source reach passes over the AI nodes, two rule
 * evaluations (one less for each of `findingsBefore` and `findingsAfter` given), one single-source pass when `source` is given.
 * @throws UnknownNodeError when `source` is not a node.
 */
export function whatIf(graph: InventoryGraph, cuts: readonly Cut[], options: WhatIfOptions = {}): WhatIfResult {
  const { mask, unknown } = cutMask(graph, cuts);
  const { nodeFlags, nodeCount } = graph.index;
  const sourceIndex = options.source !== undefined ? requireNode(graph, options.source) : -1;
  const ai: number[] = [];
  for (let v = 0; v < nodeCount; v++) if (nodeFlags[v]! & NODE_AI) ai.push(v);
  const sources = sourceIndex >= 0 && !(nodeFlags[sourceIndex]! & NODE_AI) ? [...ai, sourceIndex] : ai;
  const deltas = reachDeltas(graph, sources, mask);

  const reach: AiReachDelta[] = [];
  let reachBefore = 0;
  let reachAfter = 0;
  let pairsBefore = 0;
  let pairsAfter = 0;
  ai.forEach((_v, i) => {
    const d = deltas[i]!;
    reachBefore += d.before;
    reachAfter += d.after;
    pairsBefore += d.crownJewelsBefore;
    pairsAfter += d.crownJewelsAfter;
    if (d.before !== d.after || d.crownJewelsLost.length > 0) reach.push(d);
  });
  reach.sort((p, q) => q.before - q.after - (p.before - p.after) || (p.node < q.node ? -1 : p.node > q.node ? 1 : 0));

  let source: SourceDelta | undefined;
  if (sourceIndex >= 0) {
    const d = deltas[sources.indexOf(sourceIndex)]!;
    source = { node: d.node, before: d.before, after: d.after, crownJewelsLost: d.crownJewelsLost, crownJewelsAfter: d.crownJewelsAfter };
  }

  const context = { graph, mode: options.mode ?? 'strict', ...(options.now !== undefined ? { now: options.now } : {}) } as const;
  const rules = options.rules !== false;
  const before = rules ? (options.findingsBefore ?? evaluateRules(context)) : [];
  const after = rules ? (options.findingsAfter ?? evaluateRules({ ...context, disabledEdges: mask })) : [];
  const afterByKey = new Map(after.map((f) => [key(f), f]));
  const beforeKeys = new Set(before.map(key));
  const resolved = before.filter((f) => !afterByKey.has(key(f)));
  const added = after.filter((f) => !beforeKeys.has(key(f)));
  const changed: FindingChange[] = [];
  for (const f of before) {
    const g = afterByKey.get(key(f));
    if (g && g.severity !== f.severity) changed.push({ rule: f.rule, node: f.node, title: g.title, old: f.severity, new: g.severity });
  }

  const disabledEdges: string[] = [];
  for (let j = 0; j < mask.length; j++) if (mask[j] === 1) disabledEdges.push(graph.edges[j]!.id);
  const totals = { aiNodes: ai.length, reachBefore, reachAfter, pairsBefore, pairsAfter };
  const findings = { before: before.length, after: after.length, resolved, new: added, changed };
  const sentence = describeDelta(source, totals, source ? resolved.filter((f) => f.node === source.node) : resolved);
  return { cuts, unknown, disabledEdges, ...(source ? { source } : {}), reach, totals, findings, sentence, mask };
}

/** Per source: reach and crown jewels before and after, computed 32 sources at a time. */
function reachDeltas(graph: InventoryGraph, sources: readonly number[], mask: Uint8Array): AiReachDelta[] {
  const { nodeFlags, nodeCount } = graph.index;
  const out: AiReachDelta[] = [];
  const before = new Uint32Array(nodeCount);
  const after = new Uint32Array(nodeCount);
  for (let start = 0; start < sources.length; start += 32) {
    const batch = sources.slice(start, start + 32);
    reachManyMasks(graph, batch, (_b, { read, write, control }) => {
      for (let v = 0; v < nodeCount; v++) before[v] = read[v]! | write[v]! | control[v]!;
    });
    reachManyMasks(
      graph,
      batch,
      (_b, { read, write, control }) => {
        for (let v = 0; v < nodeCount; v++) after[v] = read[v]! | write[v]! | control[v]!;
      },
      { disabledEdges: mask },
    );
    const counts = batch.map(() => ({ before: 0, after: 0, jb: 0, ja: 0, lost: [] as string[] }));
    for (let v = 0; v < nodeCount; v++) {
      const b = before[v]!;
      if (b === 0) continue; // cuts only remove: after ⊆ before
      const a = after[v]!;
      const jewel = (nodeFlags[v]! & NODE_CROWN_JEWEL) !== 0;
      let m = b;
      while (m !== 0) {
        const low = m & -m;
        const i = 31 - Math.clz32(low);
        m ^= low;
        const c = counts[i]!;
        c.before++;
        const kept = (a & low) !== 0;
        if (kept) c.after++;
        if (jewel) {
          c.jb++;
          if (kept) c.ja++;
          else c.lost.push(graph.nodes[v]!.id);
        }
      }
    }
    batch.forEach((s, i) => {
      const c = counts[i]!;
      out.push({ node: graph.nodes[s]!.id, before: c.before, after: c.after, crownJewelsBefore: c.jb, crownJewelsAfter: c.ja, crownJewelsLost: c.lost });
    });
  }
  return out;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** "lethal trifecta", "lethal trifecta ×2 and rendering exfiltration": resolved findings by rule name. */
function resolvedNames(resolved: readonly Finding[]): string {
  const counts = new Map<string, number>();
  for (const f of resolved) {
    const name = (f.ruleName ?? f.rule.replace(/-/g, ' ')).toLowerCase();
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const names = [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name));
  if (names.length <= 3) return names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
  return `${plural(resolved.length, 'finding')} (${names.slice(0, 3).join(', ')}, …)`;
}

function describeDelta(
  source: SourceDelta | undefined,
  totals: WhatIfResult['totals'],
  resolved: readonly Finding[],
): string {
  const parts: string[] = [];
  if (source) {
    parts.push(`blast radius ${source.before} → ${plural(source.after, 'node')}`);
    if (source.crownJewelsLost.length > 0) parts.push(`${plural(source.crownJewelsLost.length, 'crown jewel')} no longer reachable`);
  } else {
    parts.push(`AI reach ${totals.reachBefore} → ${plural(totals.reachAfter, 'node')} across ${plural(totals.aiNodes, 'AI integration')}`);
    const lost = totals.pairsBefore - totals.pairsAfter;
    if (lost > 0) parts.push(`${plural(lost, 'AI-to-crown-jewel path')} closed`);
  }
  if (resolved.length > 0) parts.push(`${resolvedNames(resolved)} resolved`);
  return parts.join(', ');
}

export interface RemediationPlanOptions extends Omit<WhatIfOptions, 'source'> {
  readonly title?: string;
  /** Display name of a node (redact mode passes pseudonyms); default: the node's name. */
  readonly label?: (nodeId: string) => string;
}

/**
 * The cuts as a Markdown remediation plan: each cut in order with why (the caller's reason, or what it
 * closes) and what it closes given the cuts before it (findings resolved, crown jewels disconnected).
 * Cost: one whatIf per cut. Run it through redactText (pseudonyms.ts) for sharing outside.
 */
export function remediationPlan(graph: InventoryGraph, cuts: readonly Cut[], options: RemediationPlanOptions = {}): string {
  const label = options.label ?? ((id: string) => {
    const i = graph.index.nodeIndex.get(id);
    return i === undefined ? id : graph.nodes[i]!.name;
  });
  const kindLabel = (id: string) => {
    const i = graph.index.nodeIndex.get(id);
    return i === undefined ? '' : kindWord(NODE_KIND_LABELS[graph.nodes[i]!.kind as NodeKind]);
  };
  const base = { ...(options.mode ? { mode: options.mode } : {}), ...(options.now !== undefined ? { now: options.now } : {}) };
  const initial = evaluateRules({ graph, mode: options.mode ?? 'strict', ...(options.now !== undefined ? { now: options.now } : {}) });
  const total = whatIf(graph, cuts, { ...base, findingsBefore: initial });
  const out: string[] = [];
  out.push(`# ${md(options.title ?? 'Remediation plan')}`, '');
  if (cuts.length === 0) {
    out.push('No cuts yet.', '');
    return out.join('\n');
  }
  out.push(`${plural(cuts.length, 'cut')}. Together: ${md(total.sentence)}.`, '');
  out.push(
    `- AI reach: ${total.totals.reachBefore} → ${total.totals.reachAfter} nodes across ${plural(total.totals.aiNodes, 'AI integration')}`,
    `- AI-to-crown-jewel paths: ${total.totals.pairsBefore} → ${total.totals.pairsAfter}`,
    `- Findings: ${total.findings.before} → ${total.findings.after}`,
  );
  if (total.unknown.length > 0) out.push(`- Not in this inventory (skipped): ${total.unknown.map((c) => code('edge' in c ? c.edge : c.node)).join(', ')}`);
  out.push('');

  let previous: Cut[] = [];
  cuts.forEach((cut, i) => {
    const current = [...previous, cut];
    const step = whatIf(graph, current, { ...base, findingsBefore: initial });
    const prior = previous.length === 0 ? undefined : whatIf(graph, previous, { ...base, findingsBefore: initial });
    // What this step closes, given the cuts before it.
    const priorLost = new Map((prior?.reach ?? []).map((r) => [r.node, new Set(r.crownJewelsLost)]));
    const closedPairs: [string, string][] = [];
    for (const r of step.reach) for (const j of r.crownJewelsLost) if (!priorLost.get(r.node)?.has(j)) closedPairs.push([r.node, j]);
    const priorResolved = new Set((prior?.findings.resolved ?? []).map(key));
    const resolvedHere = step.findings.resolved.filter((f) => !priorResolved.has(key(f)));
    const newHere = step.findings.new.filter((f) => !(prior?.findings.new ?? []).some((g) => key(g) === key(f)));

    if ('edge' in cut) {
      const j = graph.index.edgeIndex.get(cut.edge);
      const e = j === undefined ? undefined : graph.edges[j]!;
      out.push(
        e
          ? `## ${i + 1}. Remove the ${code(e.kind)} edge from ${md(label(e.source))} to ${md(label(e.target))}`
          : `## ${i + 1}. Remove edge ${code(cut.edge)} (not in this inventory)`,
        '',
      );
      if (e) out.push(`- **Edge:** ${code(e.id)}: ${kindLabel(e.source)} ${md(label(e.source))} → ${kindLabel(e.target)} ${md(label(e.target))}`);
    } else {
      const known = graph.index.nodeIndex.has(cut.node);
      out.push(`## ${i + 1}. Remove ${known ? `the ${kindLabel(cut.node)} ${md(label(cut.node))}` : `node ${code(cut.node)} (not in this inventory)`}`, '');
      if (known) out.push(`- **Node:** ${code(cut.node)} and all of its edges`);
    }
    const why =
      cut.reason ??
      (closedPairs.length > 0 || resolvedHere.length > 0
        ? 'Every remaining path to what it closes (below) goes through it.'
        : 'Defence in depth: given the cuts before it, no path or finding depends on it alone.');
    out.push(`- **Why:** ${md(why)}`);
    if (resolvedHere.length === 0 && closedPairs.length === 0) out.push('- **Closes:** nothing on its own (given the cuts before it).');
    else {
      out.push('- **Closes:**');
      for (const f of resolvedHere) out.push(`  - ${f.severity} ${md(f.ruleRef ? `${f.ruleRef} ` : '')}${md(f.ruleName ?? f.rule)} on ${md(label(f.node))}: ${md(f.title)}`);
      const byAi = new Map<string, string[]>();
      for (const [a, j] of closedPairs) byAi.set(a, [...(byAi.get(a) ?? []), j]);
      for (const [a, js] of byAi) out.push(`  - ${md(label(a))} no longer reaches ${js.map((j) => md(label(j))).join(', ')}`);
    }
    for (const f of newHere) out.push(`- **Watch:** new finding after this cut: ${f.severity} ${md(f.ruleName ?? f.rule)} on ${md(label(f.node))}: ${md(f.title)}`);
    out.push('');
    previous = current;
  });
  return out.join('\n');
}

/** Escapes Markdown inside a line so names cannot format, link, break a table or inject HTML. */
export function md(text: string): string {
  // eslint-disable-next-line no-control-regex
  return text.replace(/[\u0000-\u001f\u007f]/g, ' ').replace(/[\\`*_[\]<>|~]/g, (c) => `\\${c}`);
}

/** "AI agent", "SaaS app" keep their capitals; "Data store" → "data store". */
export function kindWord(label: string): string {
  const first = label.split(' ')[0]!;
  return /[A-Z]/.test(first.slice(1)) ? label : label.charAt(0).toLowerCase() + label.slice(1);
}

/** An inline code span that holds any text (a fence longer than any backtick run inside). */
export function code(text: string): string {
  // eslint-disable-next-line no-control-regex
  const clean = text.replace(/[\u0000-\u001f\u007f]/g, ' ');
  const longest = Math.max(0, ...Array.from(clean.matchAll(/`+/g), (m) => m[0].length));
  const fence = '`'.repeat(longest + 1);
  const pad = clean.startsWith('`') || clean.endsWith('`') ? ' ' : '';
  return `${fence}${pad}${clean}${pad}${fence}`;
}
