/**
 * Live mode's mount point: the react-query poller (interval, back-off, paused while the tab is hidden,
 * an immediate refresh when it is visible again), the Connect dialog and the "What changed" drawer.
 */
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { ReactElement } from 'react';

import { useLiveStore } from '../../store/live-store.ts';
import type { LiveConnection } from '../../store/live-store.ts';

import { ConnectDialog } from './connect-dialog.tsx';
import { pollLive, watchForeignLoads } from './live-session.ts';
import { nextPollDelay } from './poll.ts';
import { WhatChangedPanel } from './what-changed-panel.tsx';

export function createLiveQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        // Back-off is the refetch interval's job; a failed poll is not retried at once.
        retry: false,
        // Poll whatever the browser thinks of connectivity: a loopback server works offline.
        networkMode: 'always',
        staleTime: 0,
        gcTime: 0,
      },
    },
  });
}

const client = createLiveQueryClient();

/** Options of the polling query for a connection after `failures` consecutive failed polls. */
export function livePollOptions(connection: LiveConnection, failures: number) {
  return {
    queryKey: ['live-inventory', connection.serial, connection.url] as const,
    queryFn: ({ signal }: { signal: AbortSignal }) => pollLive(signal),
    refetchInterval: nextPollDelay(connection.intervalS, failures),
    refetchIntervalInBackground: false,
    // Hidden → visible counts as focus in react-query: poll at once when the tab comes back.
    refetchOnWindowFocus: 'always' as const,
    refetchOnReconnect: 'always' as const,
  };
}

function Poller({ connection }: { connection: LiveConnection }): null {
  const failures = useLiveStore((s) => s.failures);
  const { refetch } = useQuery(livePollOptions(connection, failures));
  useEffect(() => {
    useLiveStore.setState({ refreshNow: () => void refetch({ cancelRefetch: false }) });
    return () => useLiveStore.setState({ refreshNow: null });
  }, [refetch]);
  return null;
}

export function LiveRoot(): ReactElement {
  const connection = useLiveStore((s) => s.connection);
  const panelOpen = useLiveStore((s) => s.panelOpen);
  useEffect(() => watchForeignLoads(), []);
  return (
    <QueryClientProvider client={client}>
      {connection ? <Poller key={connection.serial} connection={connection} /> : null}
      {panelOpen ? <WhatChangedPanel /> : null}
      <ConnectDialog />
    </QueryClientProvider>
  );
}
