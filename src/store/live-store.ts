/**
 * Live mode: the connection to a polled inventory URL, its status, the "What changed" history and the marks
 * the graph draws (added elements, ghosts of removed ones). Kept apart from the app store on purpose.
 *
 * The bearer token lives here, in memory only: never in the URL, web storage, logs or error messages.
 */
import { create } from 'zustand';

import type { DiffView, DriftMarks } from './drift-types.ts';

export type LiveStatus = 'connecting' | 'live' | 'error';

export interface LiveConnection {
  readonly url: string;
  /** Seconds between polls (at least 2). */
  readonly intervalS: number;
  /** Bumped on every (re)connect so the poller starts afresh. */
  readonly serial: number;
}

export interface HistoryEntry {
  readonly id: number;
  /** When the change was seen (ms since epoch). */
  readonly at: number;
  /** 'refresh' for a live poll, 'compare' for "Compare with…". */
  readonly origin: 'refresh' | 'compare';
  /** e.g. "Refresh at 06:41:12" or "Compared with last-week.json". */
  readonly title: string;
  readonly view: DiffView;
}

export type { DriftMarks } from './drift-types.ts';

export const EMPTY_MARKS: DriftMarks = { added: new Set(), ghostNodes: [], ghostEdges: [] };

/** Refreshes that changed something, newest first, at most this many. */
export const HISTORY_LIMIT = 10;

export interface LiveState {
  connection: LiveConnection | null;
  /** In memory only. */
  token: string | null;
  status: LiveStatus;
  /** Last poll that completed without error (304 or accepted). */
  lastSuccessAt: number | null;
  lastCheckAt: number | null;
  /** Shown plainly; never contains the token. */
  error: string | null;
  /** Consecutive failed polls (drives the back-off). */
  failures: number;
  /** ETag of the last accepted inventory. */
  etag: string | null;
  /** Polls answered 304 or with the same content, since connecting. */
  unchangedCount: number;
  history: readonly HistoryEntry[];
  marks: DriftMarks;
  panelOpen: boolean;
  /** The user closed the panel: new changes no longer open it (until the next connect). */
  panelDismissed: boolean;
  /** Changes that arrived while the panel was closed. */
  unseen: number;
  connectOpen: boolean;
  /** Set by the poller: polls at once. */
  refreshNow: (() => void) | null;
  connect(url: string, intervalS: number, token: string | null): void;
  disconnect(): void;
  setPanelOpen(open: boolean): void;
  setConnectOpen(open: boolean): void;
  addHistory(entry: Omit<HistoryEntry, 'id'>): void;
  clearHistory(): void;
  clearMarks(): void;
  /** Marks the graph with an earlier entry's drift. */
  showMarks(marks: DriftMarks): void;
}

let entrySerial = 0;
let connectionSerial = 0;

export const useLiveStore = create<LiveState>()((set) => ({
  connection: null,
  token: null,
  status: 'connecting',
  lastSuccessAt: null,
  lastCheckAt: null,
  error: null,
  failures: 0,
  etag: null,
  unchangedCount: 0,
  history: [],
  marks: EMPTY_MARKS,
  panelOpen: false,
  panelDismissed: false,
  unseen: 0,
  connectOpen: false,
  refreshNow: null,
  connect: (url, intervalS, token) =>
    set({
      connection: { url, intervalS, serial: ++connectionSerial },
      token: token === '' ? null : token,
      status: 'connecting',
      lastSuccessAt: null,
      lastCheckAt: null,
      error: null,
      failures: 0,
      etag: null,
      unchangedCount: 0,
      connectOpen: false,
      panelDismissed: false,
    }),
  disconnect: () => set({ connection: null, token: null, status: 'connecting', error: null, failures: 0, etag: null, refreshNow: null }),
  setPanelOpen: (panelOpen) => set(panelOpen ? { panelOpen, panelDismissed: false, unseen: 0 } : { panelOpen, panelDismissed: true }),
  setConnectOpen: (connectOpen) => set({ connectOpen }),
  addHistory: (entry) =>
    set((s) => ({
      history: [{ ...entry, id: ++entrySerial }, ...s.history].slice(0, HISTORY_LIMIT),
      marks: entry.view.marks,
      panelOpen: s.panelOpen || !s.panelDismissed,
      unseen: s.panelOpen || !s.panelDismissed ? 0 : s.unseen + 1,
    })),
  clearHistory: () => set({ history: [], marks: EMPTY_MARKS }),
  clearMarks: () => set({ marks: EMPTY_MARKS }),
  showMarks: (marks) => set({ marks }),
}));
