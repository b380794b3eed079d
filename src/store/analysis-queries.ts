/**
 * The page's cache of derived analyses: TanStack Query queries keyed by (what, inventory version, cut
 * signature, options). A superseded query is cancelled (its AbortSignal tells the worker to drop the request
 * if it has not started); a known key answers at once (undo, redo). One client for the whole app, passed to
 * every hook explicitly, so components need no provider.
 */
import { QueryClient } from '@tanstack/react-query';

export const analysisQueries = new QueryClient({
  defaultOptions: {
    queries: {
      // Derived from an immutable inventory: never stale, never refetched on focus, kept a while after use.
      staleTime: Infinity,
      gcTime: 10 * 60_000,
      retry: false,
      refetchOnWindowFocus: false,
      refetchOnReconnect: false,
    },
  },
});

/** Query keys: the inventory's session version first, so a new inventory never meets another's results. */
export const analysisKeys = {
  effective: (version: number, signature: string) => ['effective', version, signature] as const,
  review: (version: number, signature: string, source: string | null) => ['review', version, signature, source] as const,
  plan: (version: number, signature: string, title: string) => ['plan', version, signature, title] as const,
};
