/**
 * What-if and choke points for the current cuts: a query answered by the analysis worker, keyed by (inventory
 * version, switched-off edges, source). The panel shows "Computing…" and the page stays responsive while a
 * stacked cut is evaluated; a superseded request is cancelled.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import type { ChokePoints } from '../../graph/chokepoints.ts';
import { cutSignature } from '../../graph/cut-analysis.ts';
import type { Cut, WhatIfResult } from '../../graph/what-if.ts';
import { redactorOf } from '../../lib/redaction.ts';
import type { Redactor } from '../../lib/redaction.ts';
import { analysisKeys, analysisQueries } from '../../store/analysis-queries.ts';
import type { Dataset } from '../../store/app-store.ts';
import { reviewOffThread } from '../../workers/analysis-client.ts';

export interface ReviewAnalysis {
  readonly whatIf: WhatIfResult | null;
  readonly choke: ChokePoints | null;
  readonly pending: boolean;
  readonly error: string | null;
}

/** The What-if delta and choke points for the current cuts (the page never waits on them). */
export function useReviewAnalysis(dataset: Dataset, cuts: readonly Cut[], source: string | null): ReviewAnalysis {
  // No cuts switch nothing off: no edge index is built on the main thread for the empty signature.
  const signature = useMemo(() => (cuts.length ? cutSignature(dataset.graph, cuts) : ''), [dataset, cuts]);
  const query = useQuery(
    {
      queryKey: analysisKeys.review(dataset.version, signature, source),
      queryFn: ({ signal }) => reviewOffThread(dataset, { cuts, source }, signal),
      // The previous cuts' delta of the same inventory stays on screen (marked pending) while these are computed.
      placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === dataset.version ? previous : undefined),
    },
    analysisQueries,
  );
  const error = query.error ? (query.error instanceof Error ? query.error.message : String(query.error)) : null;
  return { whatIf: query.data?.whatIf ?? null, choke: query.data?.choke ?? null, pending: (query.isPending || query.isPlaceholderData) && error === null, error };
}

/** The redactor of the loaded inventory (src/lib/redaction.ts; computed once per inventory). */
export const pseudonymsOf = (dataset: Dataset): Redactor => redactorOf(dataset);

export function usePseudonyms(dataset: Dataset): Redactor {
  return useMemo(() => pseudonymsOf(dataset), [dataset]);
}
