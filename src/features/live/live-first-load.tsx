/**
 * The designed state for a live source that has not delivered a first inventory yet: what went wrong,
 * that Pathlight keeps trying (with back-off), and the ways out. Replaces the file-import error state,
 * whose advice ("fix the file") does not apply to a server.
 */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { OpenInventoryButton } from '../ingest/open-inventory-button.tsx';
import { ProblemList } from '../ingest/problems-panel.tsx';
import { useAppStore } from '../../store/app-store.ts';
import { SAMPLE_URL, loadUrl } from '../../store/load-actions.ts';
import { useLiveStore } from '../../store/live-store.ts';

import { sourceLabel } from './live-session.ts';
import { nextPollDelay } from './poll.ts';

export function LiveFirstLoadError(): ReactElement | null {
  const connection = useLiveStore((s) => s.connection);
  const failures = useLiveStore((s) => s.failures);
  const error = useLiveStore((s) => s.error);
  const refreshNow = useLiveStore((s) => s.refreshNow);
  const setConnectOpen = useLiveStore((s) => s.setConnectOpen);
  const problems = useAppStore((s) => s.problems);
  if (!connection) return null;
  const next = Math.round(nextPollDelay(connection.intervalS, failures) / 1000);
  const located = problems.filter((p) => p.code !== 'LIVE_POLL_FAILED');
  return (
    <div className="flex flex-1 items-start justify-center overflow-y-auto p-8">
      <section aria-label={`Waiting for ${sourceLabel(connection.url)}`} className="w-[40rem] max-w-full rounded-xl border border-danger/40 bg-panel shadow-xl">
        <header className="flex items-start gap-3 border-b border-line p-5">
          <span className="mt-0.5 text-danger">
            <Icon name="alert" size={20} />
          </span>
          <div className="min-w-0">
            <h2 className="text-base font-semibold break-words">Waiting for {sourceLabel(connection.url)}</h2>
            <p className="mt-1 text-sm break-words text-danger">{error ?? 'The first refresh failed.'}</p>
            <p className="mt-1 text-xs text-muted">
              Nothing has been loaded from this source yet. Pathlight keeps trying: next attempt in about {next} s
              {failures > 1 ? ' (backing off while the server fails)' : ''}.
            </p>
          </div>
        </header>
        {located.length ? (
          <div className="max-h-[40vh] overflow-y-auto border-b border-line">
            <ProblemList problems={located} />
          </div>
        ) : null}
        <footer className="flex flex-wrap gap-2 p-4">
          <Button variant="primary" onClick={() => refreshNow?.()} disabled={!refreshNow}>
            Retry now
          </Button>
          <Button onClick={() => setConnectOpen(true)}>Change URL or token…</Button>
          <span className="ml-auto" />
          <OpenInventoryButton variant="default" />
          <Button variant="ghost" onClick={() => void loadUrl(SAMPLE_URL)}>
            Load the sample
          </Button>
        </footer>
      </section>
    </div>
  );
}
