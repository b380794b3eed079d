/**
 * What one live poll does with its answer (docs/live-api.md, section 2.2), and "Compare with…". The
 * react-query hook only schedules; everything here is plain async code over the two stores, so it can be
 * tested without timers.
 *
 * The last accepted inventory (the baseline of the next diff) is kept here, outside any store.
 */
import { checkSourceUrl } from '../../lib/live-url.ts';
import { useAppStore } from '../../store/app-store.ts';
import { useLiveStore } from '../../store/live-store.ts';
import { diffOffThread, loadInventoryOffThread, releaseFromSession } from '../../workers/analysis-client.ts';
import type { SessionRef } from '../../workers/analysis-client.ts';
import type { LoadResult } from '../../workers/analysis-protocol.ts';

import { presentDiff } from './diff-view.ts';
import { PollError, pollOnce } from './poll.ts';

/** The last accepted inventory, named by its session version (the worker diffs it where its graph is). */
interface Baseline {
  readonly serial: number;
  readonly ref: SessionRef;
}

let baseline: Baseline | null = null;

/** True while live mode itself changes what the app shows (so the watcher below does not react to it). */
let publishing = false;

function asLive(change: () => void): void {
  publishing = true;
  try {
    change();
  } finally {
    publishing = false;
  }
}

/**
 * Another inventory opened while live (a file, the sample): stop polling, so the next refresh does not
 * replace what the user chose, and drop the graph marks, which belonged to the previous inventory.
 */
export function watchForeignLoads(): () => void {
  return useAppStore.subscribe((state, prev) => {
    if (publishing) return;
    const started = state.status === 'loading' && prev.status !== 'loading';
    if (!started && state.dataset === prev.dataset) return;
    useLiveStore.getState().clearMarks();
    if (useLiveStore.getState().connection) disconnectLive();
  });
}

/** For tests: forget the last accepted inventory. */
export function resetLiveBaseline(): void {
  baseline = null;
}

/** "127.0.0.1:8787/inventory": what the top bar and the loading state call a live source. */
export function sourceLabel(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return url;
  }
}

export function clockTime(ms: number): string {
  const d = new Date(ms);
  const two = (n: number): string => String(n).padStart(2, '0');
  return `${two(d.getHours())}:${two(d.getMinutes())}:${two(d.getSeconds())}`;
}

export type PollResult = 'unchanged' | 'changed' | 'first' | 'stale-connection';

/** One poll of the current connection: fetch, parse in the worker, diff, publish. Throws PollError on failure. */
export async function pollLive(signal?: AbortSignal, fetchImpl?: typeof fetch): Promise<PollResult> {
  const live = useLiveStore.getState();
  const conn = live.connection;
  if (!conn) return 'stale-connection';
  const current = (): boolean => useLiveStore.getState().connection?.serial === conn.serial;
  const label = sourceLabel(conn.url);
  const first = baseline?.serial !== conn.serial;
  const app = useAppStore.getState();
  if (first && live.failures === 0 && app.status !== 'loading') asLive(() => app.startLoading(label));

  const fail = (message: string, transient: boolean, result?: LoadResult): never => {
    if (current()) {
      useLiveStore.setState((s) => ({ status: 'error', error: message, failures: s.failures + 1, lastCheckAt: Date.now() }));
      // The first load failing leaves the app on its error state; later failures keep the last good inventory.
      if (first)
        asLive(() =>
          useAppStore.getState().finishLoading(
            result && !result.ok
              ? result
              : { ok: false, label, problems: [{ code: 'LIVE_POLL_FAILED', severity: 'error', at: '$', message, file: label }], ranInWorker: false },
          ),
        );
      // The waiting state shows the error; the Problems drawer would stay open over the graph once it loads.
      if (first) useAppStore.getState().setProblemsOpen(false);
    }
    throw new PollError(message, null, transient);
  };
  const succeed = (changed: boolean): void => {
    const now = Date.now();
    useLiveStore.setState((s) => ({
      status: 'live',
      error: null,
      failures: 0,
      lastCheckAt: now,
      lastSuccessAt: now,
      unchangedCount: changed ? s.unchangedCount : s.unchangedCount + 1,
    }));
  };

  let outcome;
  try {
    outcome = await pollOnce({ url: conn.url, token: live.token, etag: first ? null : live.etag, ...(signal ? { signal } : {}), ...(fetchImpl ? { fetchImpl } : {}) });
  } catch (err) {
    if (!current()) return 'stale-connection';
    // A reload forgets the token: when the source says 401 before anything loaded, ask for it again.
    if (first && err instanceof PollError && err.status === 401 && !live.token && live.failures === 0) useLiveStore.getState().setConnectOpen(true);
    return fail(err instanceof PollError ? err.message : 'network error or CORS refused', err instanceof PollError ? err.transient : true);
  }
  if (!current()) return 'stale-connection';
  if (outcome.kind === 'not-modified' || (!first && outcome.etag !== null && outcome.etag === live.etag)) {
    if (first) return fail('the server answered 304 Not Modified to a first request', true);
    succeed(false);
    return 'unchanged';
  }

  // As bytes (a File), so the reader decodes it like any file: BOMs, UTF-16, invalid UTF-8 reported.
  const result = await loadInventoryOffThread({ kind: 'files', files: [new File([outcome.bytes as BlobPart], label)] }, (p) => {
    if (first) useAppStore.getState().setProgress(p);
  });
  if (!current()) return 'stale-connection';
  if (!result.ok) {
    const problem = result.problems.find((p) => p.severity === 'error') ?? result.problems[0];
    const where = problem && problem.at && problem.at !== '$' ? ` (at ${problem.at})` : '';
    // The bad body's ETag is not kept: the next poll still validates the last good inventory.
    return fail(`the server sent an inventory that cannot be read: ${problem?.message ?? 'unknown problem'}${where}`, false, result);
  }

  const previous = first ? null : baseline;
  baseline = { serial: conn.serial, ref: result };
  useLiveStore.setState({ etag: outcome.etag });
  if (!previous) {
    asLive(() => useAppStore.getState().finishLoading(result));
    succeed(true);
    return 'first';
  }
  const diff = await diffOffThread(previous.ref, result);
  if (!current()) return 'stale-connection';
  if (diff.empty) {
    succeed(false);
    return 'unchanged';
  }
  asLive(() => useAppStore.getState().finishLoading(result));
  const now = Date.now();
  useLiveStore.getState().addHistory({ at: now, origin: 'refresh', title: `Refresh at ${clockTime(now)}`, view: presentDiff(diff, result.inventory) });
  succeed(true);
  return 'changed';
}

/**
 * "Compare with…": the drift from another file to the inventory on screen (the file is the older side:
 * what is on screen now and was not in the file is "added"). Returns an error sentence, or null.
 */
export async function compareWithFile(file: File): Promise<string | null> {
  const dataset = useAppStore.getState().dataset;
  if (!dataset) return 'Open an inventory first; the file is compared with it.';
  const other = await loadInventoryOffThread({ kind: 'files', files: [file] }, () => {});
  if (!other.ok) {
    const problem = other.problems.find((p) => p.severity === 'error') ?? other.problems[0];
    return `${file.name} cannot be read: ${problem?.message ?? 'unknown problem'}`;
  }
  const diff = await diffOffThread(other, dataset);
  // The compared file is not kept in the analysis session.
  releaseFromSession(other);
  useLiveStore.getState().addHistory({
    at: Date.now(),
    origin: 'compare',
    title: `Compared with ${file.name}`,
    view: presentDiff(diff, dataset.inventory),
  });
  useLiveStore.getState().setPanelOpen(true);
  return null;
}

/** Starts live mode from the address bar (`?source=…&interval=…`); drops any `token=` parameter unread. */
export function startLiveFromUrl(source: string | null, interval: number | null): boolean {
  try {
    const params = new URLSearchParams(window.location.search);
    if (params.has('token')) {
      params.delete('token');
      const q = params.toString();
      window.history.replaceState(window.history.state, '', `${window.location.pathname}${q ? `?${q}` : ''}${window.location.hash}`);
    }
  } catch {
    // no history API: nothing to scrub
  }
  if (!source || interval === null) return false;
  // The same check as the Connect dialog: http/https only, no credentials in the URL.
  const check = checkSourceUrl(source, window.location.protocol, window.location.href);
  if (!check.ok) {
    useAppStore.getState().finishLoading({
      ok: false,
      label: 'source',
      problems: [{ code: 'LOAD_FAILED', severity: 'error', at: 'source', message: `?source= cannot be loaded: ${check.message}`, file: 'source' }],
      ranInWorker: false,
    });
    return true;
  }
  useLiveStore.getState().connect(check.url, interval, null);
  return true;
}

/** Connect dialog: start polling, and make the link shareable (source and interval, never the token). */
export function connectLive(url: string, intervalS: number, token: string | null): void {
  useLiveStore.getState().connect(url, intervalS, token);
  useAppStore.getState().setView({ source: url, interval: intervalS });
}

export function disconnectLive(): void {
  useLiveStore.getState().disconnect();
  const view = useAppStore.getState().view;
  if (view.interval !== null) useAppStore.getState().setView({ interval: null });
}
