/**
 * The radius of the selected node as a query the analysis worker answers (keyed by inventory version, focus,
 * mode, hop bound and the cuts' switched-off edges): the page runs no breadth-first search of its own and
 * receives typed arrays, transferred. A superseded question (the next click, the hop slider moving on) is
 * aborted; the worker drops it if it has not started. While a new radius is computed the previous one of the
 * same inventory stays on screen (never a blank canvas between two selections); a known key answers at once.
 */
import { useQuery } from '@tanstack/react-query';
import { useMemo } from 'react';

import { cutSignature } from '../graph/cut-analysis.ts';
import type { Cut } from '../graph/what-if.ts';
import type { RadiusAnswer, RadiusMode } from '../workers/analysis-protocol.ts';
import { radiusOffThread } from '../workers/analysis-client.ts';

import { analysisKeys, analysisQueries } from './analysis-queries.ts';
import type { Dataset } from './app-store.ts';

export interface RadiusQuery {
  /** The latest answer: for the request, or the previous one's while `pending`. Null before the first. */
  readonly answer: RadiusAnswer | null;
  readonly pending: boolean;
  readonly error: string | null;
}

const IDLE: RadiusQuery = { answer: null, pending: false, error: null };

/** The radius of `focus` (null: nothing selected, or a path) in `mode`, to `hops`, after `cuts`. */
export function useRadius(dataset: Dataset, focus: string | null, mode: RadiusMode, hops: number | null, cuts: readonly Cut[]): RadiusQuery {
  const signature = useMemo(() => (cuts.length ? cutSignature(dataset.graph, cuts) : ''), [dataset, cuts]);
  const { version } = dataset;
  const query = useQuery<RadiusAnswer>(
    {
      queryKey: analysisKeys.radius(version, focus ?? '', mode, hops, signature),
      queryFn: ({ signal }) => radiusOffThread(dataset, { focus: focus!, mode, hops, cuts }, signal),
      enabled: focus !== null,
      // The previous selection of the same inventory stays drawn until this one arrives.
      placeholderData: (previous, previousQuery) => (previousQuery?.queryKey[1] === version ? previous : undefined),
      // Radii are cheap to ask again and large to keep: only the last few stay in the cache.
      gcTime: 30_000,
    },
    analysisQueries,
  );
  const answer = query.data ?? null;
  const pending = query.isPlaceholderData || (query.isPending && query.fetchStatus !== 'idle');
  const error = query.error ? (query.error instanceof Error ? query.error.message : String(query.error)) : null;
  return useMemo(() => (focus === null ? IDLE : { answer, pending, error }), [focus, answer, pending, error]);
}
