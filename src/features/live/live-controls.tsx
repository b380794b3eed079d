/** Top-bar controls of live mode: the status chip, Refresh, "What changed" and Connect. */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import { useAppStore } from '../../store/app-store.ts';
import { useLiveStore } from '../../store/live-store.ts';
import type { LiveState } from '../../store/live-store.ts';

import { clockTime, sourceLabel } from './live-session.ts';
import { nextPollDelay } from './poll.ts';

export interface ChipText {
  readonly tone: 'connecting' | 'live' | 'error';
  readonly title: string;
  readonly detail: string;
}

/** The chip's words for a live state (pure; tested). */
export function chipText(s: Pick<LiveState, 'status' | 'error' | 'lastCheckAt' | 'lastSuccessAt' | 'connection'>): ChipText {
  if (s.status === 'error') {
    const since = s.lastSuccessAt !== null ? `stale since ${clockTime(s.lastSuccessAt)}` : 'nothing loaded yet';
    // The time first: the message is cut to the chip's width (whole in its tooltip and in "What changed").
    return { tone: 'error', title: 'Error', detail: `${since} · ${s.error ?? 'refresh failed'}` };
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
  const latest = useLiveStore((s) => s.history[0]);
  const failures = useLiveStore((s) => s.failures);
  if (!connection) return null;
  const chip = chipText({ status, error, lastCheckAt, lastSuccessAt, connection });
  // The poller's interval (backed off while the source fails), the same figure the query is given.
  const nextMs = nextPollDelay(connection.intervalS, failures);
  const nextText = failures > 0 ? `\nNext attempt in about ${Math.round(nextMs / 1000)} s (backing off while it fails)` : '';
  // Said once per change of state or of drift, not at every poll (the chip's clock is not announced).
  const announcement = `Live source ${chip.tone === 'error' ? `error: ${error ?? ''}` : chip.tone === 'live' ? 'live' : 'connecting'}.${
    latest ? ` Last change at ${clockTime(latest.at)}: ${latest.view.headline}.` : ''
  }`;
  return (
    <>
    <p className="sr-only" aria-live="polite">
      {announcement}
    </p>
    <output
      aria-live="off"
      aria-label="Live status"
      data-live-status={chip.tone}
      data-next-poll-ms={nextMs}
      title={`${sourceLabel(connection.url)} · every ${connection.intervalS} s\n${chip.title}: ${chip.detail}${nextText}`}
      className={`flex h-8 max-w-[13rem] min-w-0 items-center gap-2 rounded-full border bg-panel-2 px-3 text-xs 2xl:max-w-[22rem] ${BORDER[chip.tone]}`}
    >
      <span aria-hidden="true" className={`h-2 w-2 shrink-0 rounded-full ${DOT[chip.tone]}`} />
      <span className={`shrink-0 font-semibold ${chip.tone === 'error' ? 'text-danger' : chip.tone === 'live' ? 'text-ok' : 'text-warn'}`}>{chip.title}</span>
      <span className="min-w-0 truncate text-muted">
        {chip.tone === 'live' && chip.detail.startsWith('checked ') ? (
          <>
            <span className="hidden 2xl:inline">checked </span>
            {chip.detail.slice('checked '.length)}
          </>
        ) : (
          chip.detail
        )}
      </span>
    </output>
    </>
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
    <div className="flex min-w-0 items-center gap-1.5">
      <LiveStatusChip />
      {connection ? (
        <button
          type="button"
          onClick={() => refreshNow?.()}
          disabled={!refreshNow}
          aria-label="Refresh now"
          title="Refresh now: poll the source at once"
          className="inline-flex h-8 w-8 shrink-0 cursor-pointer items-center justify-center rounded-md text-muted hover:bg-raised hover:text-fg disabled:opacity-45"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" width={16} height={16} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
            <path d="M20 11a8 8 0 1 0-2.3 5.7 M20 4v7h-7" />
          </svg>
        </button>
      ) : null}
      {hasDataset || connection ? (
        <Button size="sm" variant="ghost" className="shrink-0" aria-expanded={panelOpen} onClick={() => {
            // One drawer at a time: both open from the right edge.
            if (!panelOpen) useAppStore.getState().setProblemsOpen(false);
            setPanelOpen(!panelOpen);
          }} title="Drift after each refresh, and Compare with…">
          <svg aria-hidden="true" className="top-bar-compact-icon" viewBox="0 0 24 24" width={16} height={16} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
            <path d="M3 12h4l3-7 4 14 3-7h4" />
          </svg>
          <span className="top-bar-compact">What changed</span>
          {entries ? (
            <span className={`rounded-full px-1.5 text-2xs font-semibold ${unseen ? 'bg-accent text-accent-fg' : 'bg-raised text-muted'}`}>
              {unseen ? `${unseen} new` : entries}
            </span>
          ) : null}
        </Button>
      ) : null}
      {connection ? (
        // Connected: the chip says where; a compact button opens the same dialog (URL, token, interval, Disconnect).
        <button
          type="button"
          onClick={() => setConnectOpen(true)}
          aria-haspopup="dialog"
          aria-label="Connect"
          title="Connection: URL, token, interval, Disconnect"
          className="inline-flex h-8 w-8 shrink-0 cursor-pointer items-center justify-center rounded-md border border-line-strong bg-raised text-muted hover:text-fg"
        >
          <svg aria-hidden="true" viewBox="0 0 24 24" width={16} height={16} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
            <path d="M9 7V3 M15 7V3 M6 7h12v4a6 6 0 0 1-12 0z M12 17v4" />
          </svg>
        </button>
      ) : (
        <Button variant="default" className="shrink-0" onClick={() => setConnectOpen(true)} aria-haspopup="dialog" title="Connect to a live inventory API">
          <svg aria-hidden="true" className="top-bar-compact-icon" viewBox="0 0 24 24" width={16} height={16} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
            <path d="M9 7V3 M15 7V3 M6 7h12v4a6 6 0 0 1-12 0z M12 17v4" />
          </svg>
          <span className="top-bar-compact">Connect</span>
        </Button>
      )}
    </div>
  );
}
