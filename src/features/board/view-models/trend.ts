/**
 * Trend across snapshots: the board's headline figures per snapshot, oldest first, and the change from the
 * first to the last. With fewer than two snapshots there is no trend, and the board says so.
 */
import { diffInventories } from '../../../graph/index.ts';
import type { Finding, InventoryGraph } from '../../../graph/index.ts';
import type { Inventory } from '../../../model/types.ts';

import type { BoardModel } from './board-model.ts';

export interface TrendPoint {
  readonly label: string;
  readonly generatedAt: string | null;
  readonly aiIntegrations: number;
  readonly flagged: number;
  readonly criticalFindings: number;
  readonly crownJewelShare: number;
  readonly largestBlast: number;
}

export type Trend =
  | { readonly kind: 'none'; readonly snapshots: number; readonly message: string }
  | {
      readonly kind: 'series';
      readonly points: readonly TrendPoint[];
      readonly delta: Omit<TrendPoint, 'label' | 'generatedAt'>;
      /** What changed between the oldest and the newest snapshot, in plain sentences (see snapshotChanges). */
      readonly changes: readonly string[];
    };

export function trendPoint(model: BoardModel): TrendPoint {
  return {
    label: model.label,
    generatedAt: model.generatedAt,
    aiIntegrations: model.headline.ai.total,
    flagged: model.headline.flagged.count,
    criticalFindings: model.counts.findings.critical,
    crownJewelShare: model.headline.crownJewels.share,
    largestBlast: model.headline.largestBlast?.reached ?? 0,
  };
}

/** Orders by `generatedAt` (undated snapshots keep their load order, after the dated ones). */
export function computeTrend(models: readonly BoardModel[], changes: readonly string[] = []): Trend {
  if (models.length < 2) {
    const when = models[0]?.generatedAt;
    return {
      kind: 'none',
      snapshots: models.length,
      message:
        models.length === 0
          ? 'No snapshot is loaded, so there is no trend.'
          : `Only one snapshot is loaded${when ? ` (taken ${when.slice(0, 10)})` : ''}, so there is no trend yet. Load an earlier or later snapshot of the same estate to compare.`,
    };
  }
  const points = models
    .map((m, i) => ({ p: trendPoint(m), i, t: m.generatedAt ? Date.parse(m.generatedAt) : NaN }))
    .sort((a, b) => (Number.isNaN(a.t) ? 1 : 0) - (Number.isNaN(b.t) ? 1 : 0) || (a.t || 0) - (b.t || 0) || a.i - b.i)
    .map((x) => x.p);
  const first = points[0]!;
  const last = points[points.length - 1]!;
  return {
    kind: 'series',
    points,
    delta: {
      aiIntegrations: last.aiIntegrations - first.aiIntegrations,
      flagged: last.flagged - first.flagged,
      criticalFindings: last.criticalFindings - first.criticalFindings,
      crownJewelShare: last.crownJewelShare - first.crownJewelShare,
      largestBlast: last.largestBlast - first.largestBlast,
    },
    changes,
  };
}

export interface SnapshotSide {
  readonly inventory: Inventory;
  readonly graph: InventoryGraph;
  readonly findings: readonly Finding[];
}

/** Orders two snapshots by `generatedAt` (undated: the given order). */
export function olderFirst<T extends SnapshotSide>(a: T, b: T): [T, T] {
  const ta = Date.parse(a.inventory.meta.generatedAt ?? '');
  const tb = Date.parse(b.inventory.meta.generatedAt ?? '');
  return !Number.isNaN(ta) && !Number.isNaN(tb) && tb < ta ? [b, a] : [a, b];
}

/**
 * The engine's own account of what changed from `older` to `newer` (diffInventories): new and resolved
 * toxic combinations first, then reach and element changes, at most `max` sentences.
 */
export function snapshotChanges(older: SnapshotSide, newer: SnapshotSide, max = 5): string[] {
  const diff = diffInventories(older, newer, { maxSummary: max });
  if (diff.empty) return ['Nothing changed between the two snapshots.'];
  const counts: string[] = [];
  if (diff.findings.new.length) counts.push(`${diff.findings.new.length} new toxic ${diff.findings.new.length === 1 ? 'combination' : 'combinations'}`);
  if (diff.findings.resolved.length) counts.push(`${diff.findings.resolved.length} resolved`);
  if (diff.nodes.added.length || diff.nodes.removed.length) counts.push(`${diff.nodes.added.length} nodes added, ${diff.nodes.removed.length} removed`);
  return [...(counts.length ? [`${counts.join('; ')}.`] : []), ...diff.summary.map((s) => s.text)];
}
