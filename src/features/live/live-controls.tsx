/** Top-bar controls of live mode: the status chip, Refresh, "What changed" and Connect. */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import { useLiveStore } from '../../store/live-store.ts';
import type { LiveState } from '../../store/live-store.ts';

import { clockTime, sourceLabel } from './live-session.ts';

export interface ChipText {
  readonly tone: 'connecting' | 'live' | 'error';
  readonly title: string;
  readonly detail: string;
}

/** The chip's words for a live state (pure; tested). */
export function chipText(s: Pick<LiveState, 'status' | 'error' | 'lastCheckAt' | 'lastSuccessAt' | 'connection'>): ChipText {
  if (s.status === 'error') {
    const since = s.lastSuccessAt !== null ? `stale since ${clockTime(s.lastSuccessAt)}` : 'nothing loaded yet';
    return { tone: 'error', title: 'Error', detail: `${s.error ?? 'refresh failed'} · ${since}` };
  }
  if (s.status === 'live' && s.lastCheckAt !== null) return { tone: 'live', title: 'Live', detail: `checked ${clockTime(s.lastCheckAt)}` };
  return { tone: 'connecting', title: 'Connecting', detail: s.connection ? `to ${sourceLabel(s.connection.url)}…` : '…' };
}

const DOT = { connecting: 'bg-warn animate-pulse', live: 'bg-ok', error: 'bg-danger' } as const;
const BORDER = { connecting: 'border-warn/40', live: 'border-ok/40', error: 'border-danger/50' } as const;

export function LiveStatusChip(): ReactElement | null {
  const connection = useLiveStore((s) => s.connection);
  const status = useLiveStore((s) => s.status);
  const error = useLiveStore((s) => s.error);
  const lastCheckAt = useLiveStore((s) => s.lastCheckAt);
  const lastSuccessAt = useLiveStore((s) => s.lastSuccessAt);
  if (!connection) return null;
  const chip = chipText({ status, error, lastCheckAt, lastSuccessAt, connection });
  return (
    <output
      aria-label="Live status"
      data-live-status={chip.tone}
      title={`${sourceLabel(connection.url)} · every ${connection.intervalS} s\n${chip.title}: ${chip.detail}`}
      className={`flex h-8 max-w-[24rem] min-w-0 items-center gap-2 rounded-full border bg-panel-2 px-3 text-xs ${BORDER[chip.tone]}`}
    >
      <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${DOT[chip.tone]}`} />
      <span className={`shrink-0 font-semibold ${chip.tone === 'error' ? 'text-danger' : chip.tone === 'live' ? 'text-ok' : 'text-warn'}`}>{chip.title}</span>
      <span className="min-w-0 truncate text-muted">{chip.detail}</span>
    </output>
  );
}

export function LiveControls({ hasDataset }: { hasDataset: boolean }): ReactElement {
  const connection = useLiveStore((s) => s.connection);
  const refreshNow = useLiveStore((s) => s.refreshNow);
  const panelOpen = useLiveStore((s) => s.panelOpen);
  const setPanelOpen = useLiveStore((s) => s.setPanelOpen);
  const setConnectOpen = useLiveStore((s) => s.setConnectOpen);
  const unseen = useLiveStore((s) => s.unseen);
  const entries = useLiveStore((s) => s.history.length);
  return (
    <div className="flex items-center gap-1.5">
      <LiveStatusChip />
      {connection ? (
        <Button size="sm" variant="ghost" onClick={() => refreshNow?.()} disabled={!refreshNow} title="Poll the source now">
          Refresh
        </Button>
      ) : null}
      {hasDataset || connection ? (
        <Button size="sm" variant="ghost" aria-expanded={panelOpen} onClick={() => setPanelOpen(!panelOpen)} title="Drift after each refresh, and Compare with…">
          What changed
          {entries ? (
            <span className={`rounded-full px-1.5 text-2xs font-semibold ${unseen ? 'bg-accent text-accent-fg' : 'bg-raised text-muted'}`}>
              {unseen ? `${unseen} new` : entries}
            </span>
          ) : null}
        </Button>
      ) : null}
      <Button variant="default" onClick={() => setConnectOpen(true)} aria-haspopup="dialog">
        Connect
      </Button>
    </div>
  );
}
