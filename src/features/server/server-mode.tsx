/**
 * When the app is served by a Pathlight server: a sign-in chip (the API token, kept in this browser), the
 * shared decisions (read from the server every few seconds and written to it when someone decides), and the
 * board's trend from the server's snapshot history (`useServerTrend`). Nothing here runs when the app is
 * opened from a static host or a file: `detectServer` finds no server and the component renders nothing.
 */
import { useEffect, useState } from 'react';
import type { ReactElement } from 'react';
import { create } from 'zustand';

import { Button } from '../../components/ui/button.tsx';
import { useReviewStore } from '../../store/review-store.ts';
import type { Trend } from '../board/view-models/trend.ts';

import { FOCUS_REQUESTED, FocusPanel } from './focus-panel.tsx';
import { ServerError, detectServer, fetchDecisions, fetchDiffSummary, fetchMe, fetchSnapshots, sendDecision, storeToken, storedToken, toAppDecisions, trendPoints } from './server-client.ts';
import type { ServerInfo, ServerMe, ServerSnapshot } from './server-client.ts';

interface ServerState {
  info: ServerInfo | null;
  token: string | null;
  me: ServerMe | null;
  error: string | null;
}

export const useServerStore = create<ServerState>(() => ({ info: null, token: null, me: null, error: null }));

const POLL_MS = 3_000;

function explain(err: unknown): string {
  if (err instanceof ServerError && err.status === 403) return `Not shared: ${err.message}.`;
  if (err instanceof ServerError && err.status === 401) return 'The server refused the token (unknown or revoked): sign in again.';
  return `The server could not be reached: ${err instanceof Error ? err.message : String(err)}`;
}

function useDecisionSync(token: string | null, me: ServerMe | null): void {
  useEffect(() => {
    if (!token || !me) return;
    let stopped = false;
    const pull = async () => {
      const list = await fetchDecisions(token);
      const s = useReviewStore.getState();
      if (!stopped && s.decisionsFor !== null) s.setDecisions(s.decisionsFor, toAppDecisions(list));
    };
    const original = useReviewStore.getState().decide;
    useReviewStore.setState({
      decide: (key, decision) => {
        original(key, decision);
        void sendDecision(token, key, decision)
          .then(() => useServerStore.setState({ error: null }))
          .catch((err: unknown) => useServerStore.setState({ error: explain(err) }))
          .finally(() => void pull().catch(() => undefined));
      },
    });
    const unsubscribe = useReviewStore.subscribe((s, prev) => {
      if (s.decisionsFor !== prev.decisionsFor) void pull().catch(() => undefined);
    });
    const timer = window.setInterval(() => void pull().catch(() => undefined), POLL_MS);
    void pull().catch(() => undefined);
    return () => {
      stopped = true;
      window.clearInterval(timer);
      unsubscribe();
      useReviewStore.setState({ decide: original });
    };
  }, [token, me]);
}

/** The board's trend from the server's history (null when the app is not served by a server or not signed in). */
export function useServerTrend(): Trend | null {
  const token = useServerStore((s) => s.token);
  const me = useServerStore((s) => s.me);
  const [snapshots, setSnapshots] = useState<readonly ServerSnapshot[] | null>(null);
  const [changes, setChanges] = useState<readonly string[]>([]);
  useEffect(() => {
    if (!token || !me) return;
    let stopped = false;
    let latest = 0;
    const pull = async () => {
      const list = await fetchSnapshots(token);
      if (stopped) return;
      setSnapshots(list);
      if (list.length >= 2 && list[0]!.id !== latest) {
        latest = list[0]!.id;
        const diff = await fetchDiffSummary(token);
        if (!stopped) setChanges(diff.diff.summary.slice(0, 8).map((s) => s.text));
      }
    };
    void pull().catch(() => undefined);
    const timer = window.setInterval(() => void pull().catch(() => undefined), POLL_MS * 2);
    return () => {
      stopped = true;
      window.clearInterval(timer);
    };
  }, [token, me]);
  if (!snapshots || !token || !me) return null;
  if (snapshots.length < 2)
    return { kind: 'none', snapshots: snapshots.length, message: `The server holds ${snapshots.length === 0 ? 'no snapshot' : 'one snapshot'} of this estate, so there is no trend yet: push another (pathlight push).` };
  const points = trendPoints(snapshots);
  const first = points[0]!;
  const last = points.at(-1)!;
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

export function ServerMode(): ReactElement | null {
  const { info, token, me, error } = useServerStore();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState('');

  useEffect(() => {
    let live = true;
    void detectServer().then((found) => {
      if (live && found) useServerStore.setState({ info: found, token: storedToken() });
    });
    return () => {
      live = false;
    };
  }, []);

  useEffect(() => {
    if (!info || !token) {
      useServerStore.setState({ me: null });
      return;
    }
    let live = true;
    fetchMe(token).then(
      (who) => live && useServerStore.setState({ me: who, error: null }),
      (err: unknown) => live && useServerStore.setState({ me: null, error: explain(err) }),
    );
    return () => {
      live = false;
    };
  }, [info, token]);

  useDecisionSync(token, me);

  if (!info) return null;
  return (
    <>
      {FOCUS_REQUESTED && token && me ? <FocusPanel token={token} /> : null}
      <div className="no-print fixed bottom-3 left-3 z-40 flex max-w-sm flex-col gap-1.5 rounded-md border border-line bg-panel p-2 text-xs shadow-lg" data-testid="server-mode">
        <div className="flex items-center gap-2">
          <span data-testid="server-identity">{me ? `Pathlight server: signed in as ${me.name} (${me.role})` : 'Pathlight server: not signed in'}</span>
          <Button size="sm" variant="ghost" onClick={() => setOpen(!open)} aria-expanded={open}>
            {me ? 'Change token' : 'Sign in'}
          </Button>
        </div>
        {error ? (
          <p role="alert" className="text-2xs text-danger" data-testid="server-error">
            {error}
          </p>
        ) : null}
        {open ? (
          <form
            aria-label="Server sign-in"
            className="flex flex-col gap-1.5"
            onSubmit={(e) => {
              e.preventDefault();
              const t = draft.trim();
              storeToken(t === '' ? null : t);
              useServerStore.setState({ token: t === '' ? null : t, error: null });
              setDraft('');
              setOpen(false);
            }}
          >
            <label className="text-muted">
              Server token
              <input type="password" autoComplete="off" className="mt-1 block w-full rounded border border-line bg-raised px-2 py-1 text-xs text-fg" value={draft} onChange={(e) => setDraft(e.target.value)} />
            </label>
            <div className="flex gap-2">
              <Button size="sm" variant="primary" type="submit">
                Sign in
              </Button>
              {token ? (
                <Button
                  size="sm"
                  variant="ghost"
                  onClick={() => {
                    storeToken(null);
                    useServerStore.setState({ token: null, me: null, error: null });
                    setOpen(false);
                  }}
                >
                  Sign out
                </Button>
              ) : null}
            </div>
          </form>
        ) : null}
      </div>
    </>
  );
}
