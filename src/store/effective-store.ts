/**
 * The figures every view shows: the loaded inventory's summaries and findings, or, while what-if cuts are
 * applied, the analysis after the cuts. That analysis is a query (store/analysis-queries.ts) answered by the
 * analysis worker, keyed by (inventory version, switched-off edge set); the sidebar, the toxic-combination
 * callouts, the Findings view, the top bar and the Risk board read it with `useEffectiveAnalysis`. While a new
 * set of cuts is computed the previous figures of the same inventory stay on screen, marked `pending`; they are
 * never blanked. Undo and redo hit the query cache and answer at once.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { cutSignature } from '../graph/cut-analysis.ts';
import type { CutAnalysis } from '../graph/cut-analysis.ts';
import type { Finding, ReachSummary } from '../graph/index.ts';
import type { Cut } from '../graph/what-if.ts';
import { effectiveOffThread } from '../workers/analysis-client.ts';

import { analysisKeys, analysisQueries } from './analysis-queries.ts';
import type { Dataset } from './app-store.ts';
import { useReviewStore } from './review-store.ts';

/** One post-cut analysis as the views compare it with the loaded figures. */
export interface EffectiveEntry {
  readonly cuts: readonly Cut[];
  readonly analysis: CutAnalysis;
}

export interface EffectiveAnalysis {
  /** Per AI integration, largest blast radius first: after the applied cuts, else as loaded. */
  readonly summaries: readonly ReachSummary[];
  /** Ranked findings: after the applied cuts, else as loaded. */
  readonly findings: readonly Finding[];
  readonly findingsError?: string;
  /** The cuts the figures above include ([] when they are the loaded inventory's own). */
  readonly applied: readonly Cut[];
  /** The cuts in force; ahead of `applied` while `pending`. */
  readonly cuts: readonly Cut[];
  /** The figures are being recomputed for `cuts` (the previous ones stay on screen meanwhile). */
  readonly pending: boolean;
  /** Findings of the loaded inventory that the applied cuts resolve, in the loaded ranking. */
  readonly resolved: readonly Finding[];
  /** Findings that appear only after the applied cuts. */
  readonly added: readonly Finding[];
  /** Edge ids the applied cuts switch off. */
  readonly disabledEdges: readonly string[];
  readonly error: string | null;
}

const NONE: readonly Cut[] = [];
const key = (f: Finding): string => `${f.rule}\u241f${f.node}`;

/** The loaded figures compared with a post-cut analysis (pure; exported for tests). */
export function effectiveView(dataset: Dataset, cuts: readonly Cut[], entry: EffectiveEntry | null, pending: boolean, error: string | null): EffectiveAnalysis {
  if (!entry) {
    return {
      summaries: dataset.summaries,
      findings: dataset.findings,
      ...(dataset.findingsError !== undefined ? { findingsError: dataset.findingsError } : {}),
      applied: NONE,
      cuts,
      pending,
      resolved: [],
      added: [],
      disabledEdges: [],
      error,
    };
  }
  const { analysis } = entry;
  const after = new Set(analysis.findings.map(key));
  const before = new Set(dataset.findings.map(key));
  return {
    summaries: analysis.summaries,
    findings: analysis.findings,
    ...(analysis.findingsError !== undefined ? { findingsError: analysis.findingsError } : dataset.findingsError !== undefined ? { findingsError: dataset.findingsError } : {}),
    applied: entry.cuts,
    cuts,
    pending,
    resolved: dataset.findings.filter((f) => !after.has(key(f))),
    added: analysis.findings.filter((f) => !before.has(key(f))),
    disabledEdges: analysis.disabledEdges,
    error,
  };
}

const EMPTY: Omit<EffectiveAnalysis, 'cuts'> = { summaries: [], findings: [], applied: NONE, pending: false, resolved: [], added: [], disabledEdges: [], error: null };

/** The post-cut analysis when the query cache already has it for these cuts (same switched-off edges). */
export function peekEffectiveAnalysis(dataset: Dataset, cuts: readonly Cut[]): EffectiveEntry | undefined {
  return analysisQueries.getQueryData<EffectiveEntry>(analysisKeys.effective(dataset.version, cutSignature(dataset.graph, cuts)));
}

/**
 * Summaries and findings as every view should show them: after the what-if cuts when there are any. With no
 * cuts it is the loaded inventory at once; with cuts whose analysis is not known yet it keeps the previous
 * figures of this inventory and says `pending`.
 */
export function useEffectiveAnalysis(dataset: Dataset | null): EffectiveAnalysis {
  const cuts = useReviewStore((s) => s.cuts);
  const signature = useMemo(() => (dataset && cuts.length ? cutSignature(dataset.graph, cuts) : ''), [dataset, cuts]);
  const version = dataset?.version ?? -1;
  const query = useQuery<EffectiveEntry>(
    {
      queryKey: analysisKeys.effective(version, signature),
      queryFn: async ({ signal }) => ({ cuts, analysis: await effectiveOffThread(dataset!, cuts, signal) }),
      enabled: dataset !== null && signature !== '',
      // The previous cuts' figures of the same inventory stay on screen while these are computed.
      placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === version ? previous : undefined),
    },
    analysisQueries,
  );
  const entry = query.data ?? null;
  const pending = query.isPlaceholderData || (query.isPending && query.fetchStatus !== 'idle');
  const error = query.error ? (query.error instanceof Error ? query.error.message : String(query.error)) : null;
  return useMemo(() => {
    if (!dataset) return { ...EMPTY, cuts };
    // Cuts that name nothing in this inventory switch nothing off: the loaded figures are exact.
    if (cuts.length === 0 || signature === '') return effectiveView(dataset, cuts, null, false, null);
    return effectiveView(dataset, cuts, entry, pending && error === null, error);
  }, [dataset, cuts, signature, entry, pending, error]);
}
