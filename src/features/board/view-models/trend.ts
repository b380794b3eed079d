/**
 * Trend across snapshots: the board's headline figures per snapshot, oldest first, and the change from the
 * first to the last. With fewer than two snapshots there is no trend, and the board says so.
 */
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
export function computeTrend(models: readonly BoardModel[]): Trend {
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
  };
}
