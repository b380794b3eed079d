/**
 * What `analyze` adds for pipelines, computed once per run and shared by the text, JSON and SARIF outputs:
 * each finding's fingerprint, framework ids (per pinned edition), lifecycle stage and risk category, its
 * baseline state and its review decision; and which findings count for `--fail-on`.
 */
import type { InventoryGraph } from '../graph/build-graph.ts';
import { EDITIONS, LIFECYCLE_LABELS, RISK_CATEGORY_LABELS, editionTag, findingFrameworks, findingLenses } from '../graph/frameworks/index.ts';
import type { EditionId, FindingLenses, FrameworkRef } from '../graph/frameworks/index.ts';
import { SEVERITY_RANK } from '../graph/rules/types.ts';
import type { Finding, Severity } from '../graph/rules/types.ts';

import type { Baseline, BaselineComparison, BaselineState } from './baseline.ts';
import { compareWithBaseline } from './baseline.ts';
import type { DecisionEffect, LoadedDecisions } from './decisions.ts';
import { applyDecisions, describeSuppression } from './decisions.ts';
import { findingFingerprints } from './fingerprint.ts';
import { safeText } from './report.ts';

export interface FindingExtras {
  readonly fingerprint: string;
  readonly frameworks: readonly FrameworkRef[];
  readonly lenses: FindingLenses | null;
  readonly baseline?: BaselineState;
  readonly decision?: DecisionEffect;
}

export interface CiContext {
  readonly extras: readonly FindingExtras[];
  readonly comparison?: BaselineComparison;
  readonly baseline?: Baseline;
  readonly decisions?: LoadedDecisions;
  /** Editions kept in the output (all when no --edition was given). */
  readonly editions: readonly EditionId[];
}

export function buildCiContext(
  findings: readonly Finding[],
  graph: InventoryGraph,
  opts: { readonly baseline?: Baseline; readonly decisions?: LoadedDecisions; readonly editions: readonly EditionId[]; readonly now: number },
): CiContext {
  const fingerprints = findingFingerprints(findings, graph);
  const comparison = opts.baseline ? compareWithBaseline(findings.map((f, i) => ({ rule: f.rule, node: f.node, fingerprint: fingerprints[i]! })), opts.baseline) : undefined;
  const effects = opts.decisions ? applyDecisions(findings, opts.decisions.decisions, opts.now) : new Map<number, DecisionEffect>();
  const keep = new Set<EditionId>(opts.editions);
  const extras = findings.map((f, i): FindingExtras => {
    const decision = effects.get(i);
    return {
      fingerprint: fingerprints[i]!,
      frameworks: findingFrameworks(f).filter((r) => keep.has(r.edition)),
      lenses: findingLenses(f),
      ...(comparison ? { baseline: comparison.states[i]! } : {}),
      ...(decision ? { decision } : {}),
    };
  });
  return {
    extras,
    ...(comparison ? { comparison } : {}),
    ...(opts.baseline ? { baseline: opts.baseline } : {}),
    ...(opts.decisions ? { decisions: opts.decisions } : {}),
    editions: opts.editions,
  };
}

export const isSuppressed = (x: FindingExtras) => x.decision?.kind === 'suppressed';

/** The findings `--fail-on` counts: not suppressed, and new when a baseline was given. */
export function failingFindings(findings: readonly Finding[], ctx: CiContext, failOn: Severity): Finding[] {
  return findings.filter((f, i) => {
    const x = ctx.extras[i]!;
    if (isSuppressed(x)) return false;
    if (x.baseline !== undefined && x.baseline !== 'new') return false;
    return SEVERITY_RANK[f.severity] >= SEVERITY_RANK[failOn];
  });
}

/** The fields `--format json` adds to each finding (and nothing when the run had no extra input). */
export function jsonFindingExtras(x: FindingExtras) {
  return {
    fingerprint: x.fingerprint,
    frameworks: x.frameworks.map((r) => ({ edition: r.edition, id: r.id, qualified: r.qualified, title: r.title, tag: editionTag(r) })),
    ...(x.lenses ? { lifecycle: x.lenses.lifecycle, riskCategory: x.lenses.riskCategory } : {}),
    ...(x.baseline ? { baseline: x.baseline } : {}),
    ...(x.decision?.kind === 'suppressed'
      ? { suppressed: { ...x.decision.suppression, text: describeSuppression(x.decision.suppression) } }
      : x.decision?.kind === 'expired'
        ? { decision: { status: x.decision.decision.status, expired: true, reviewDate: x.decision.decision.reviewDate } }
        : x.decision?.kind === 'mitigated'
          ? { decision: { status: 'mitigated', ...(x.decision.decision.ticket ? { ticket: x.decision.decision.ticket } : {}) } }
          : {}),
  };
}

/** Top-level fields `--format json` adds: the baseline groups, the decisions applied, the editions used. */
export function jsonRunExtras(ctx: CiContext) {
  const ex = ctx.extras;
  return {
    frameworkEditions: ctx.editions.map((id) => ({ id, name: EDITIONS[id].name, version: EDITIONS[id].version, status: EDITIONS[id].status })),
    ...(ctx.comparison && ctx.baseline
      ? {
          baseline: {
            file: ctx.baseline.file,
            new: ex.filter((x) => x.baseline === 'new').length,
            unchanged: ex.filter((x) => x.baseline === 'unchanged').length,
            resolved: ctx.comparison.resolved,
          },
        }
      : {}),
    ...(ctx.decisions
      ? {
          decisions: {
            file: ctx.decisions.file,
            suppressed: ex.filter(isSuppressed).length,
            expired: ex.filter((x) => x.decision?.kind === 'expired').length,
            unmatched: Math.max(0, Object.keys(ctx.decisions.decisions).length - ex.filter((x) => x.decision !== undefined).length),
          },
        }
      : {}),
  };
}

type NameOf = (id: string) => string;

/** Text sections after the report: baseline groups, suppressed findings, and counts by lens. */
export function formatCiText(findings: readonly Finding[], ctx: CiContext, nameOf: NameOf): string {
  const out: string[] = [];
  const line = (f: Pick<Finding, 'severity' | 'rule' | 'node'> & { title?: string }, note = '') =>
    `  ${f.severity.toUpperCase().padEnd(8)} ${safeText(f.rule)} · ${safeText(nameOf(f.node))} (${safeText(f.node)})${note}`;
  if (ctx.comparison && ctx.baseline) {
    const groups: [string, number[]][] = [
      ['New', []],
      ['Unchanged', []],
    ];
    ctx.extras.forEach((x, i) => groups[x.baseline === 'new' ? 0 : 1]![1].push(i));
    const resolved = ctx.comparison.resolved;
    out.push('', `Compared with ${safeText(ctx.baseline.file)}: ${groups[0]![1].length} new, ${groups[1]![1].length} unchanged, ${resolved.length} resolved`);
    for (const [label, list] of groups) {
      out.push('', `${label}: ${list.length}`);
      for (const i of list) out.push(line(findings[i]!, isSuppressed(ctx.extras[i]!) ? '  [suppressed]' : ''));
    }
    out.push('', `Resolved: ${resolved.length}`);
    for (const r of resolved) out.push(`  ${(r.severity ?? '').toUpperCase().padEnd(8)} ${safeText(r.rule)} · ${safeText(r.node || r.fingerprint || '')}${r.title ? `  ${safeText(r.title).slice(0, 100)}` : ''}`);
  }
  if (ctx.decisions) {
    const suppressed = ctx.extras.map((x, i) => [x, i] as const).filter(([x]) => isSuppressed(x));
    const expired = ctx.extras.map((x, i) => [x, i] as const).filter(([x]) => x.decision?.kind === 'expired');
    out.push('', `Suppressed by ${safeText(ctx.decisions.file)}: ${suppressed.length}`);
    for (const [x, i] of suppressed) if (x.decision?.kind === 'suppressed') out.push(`${line(findings[i]!)}\n           ${safeText(describeSuppression(x.decision.suppression))}`);
    if (expired.length > 0) {
      out.push('', `Decisions expired (review date passed; these findings count again): ${expired.length}`);
      for (const [x, i] of expired) if (x.decision?.kind === 'expired') out.push(`${line(findings[i]!)}  (review ${safeText(x.decision.decision.reviewDate ?? '')})`);
    }
  }
  if (findings.length > 0) {
    out.push('', 'By lifecycle stage and risk category');
    const count = (key: (x: FindingExtras) => string | undefined, labels: Readonly<Record<string, string>>) =>
      Object.entries(labels)
        .map(([k, label]) => {
          const n = ctx.extras.filter((x) => key(x) === k).length;
          return n > 0 ? `${label} ${n}` : '';
        })
        .filter(Boolean)
        .join(', ');
    out.push(`  lifecycle:     ${count((x) => x.lenses?.lifecycle, LIFECYCLE_LABELS) || 'none'}`);
    out.push(`  risk category: ${count((x) => x.lenses?.riskCategory, RISK_CATEGORY_LABELS) || 'none'}`);
  }
  return out.length > 0 ? `${out.join('\n')}\n` : '';
}
