/**
 * The figures every view shows: the loaded inventory's summaries and findings, or, while what-if cuts are
 * applied, the analysis after the cuts. The review feature computes the post-cut analysis in its worker and
 * publishes it here (features/review/review-effects.tsx); the sidebar, the toxic-combination callouts, the
 * Findings view, the top bar and the Risk board read it with `useEffectiveAnalysis`. While a new set of cuts
 * is computed the previous figures stay on screen, marked `pending`; they are never blanked.
 */
import { useMemo } from 'react';
import { create } from 'zustand';

import { cutSignature } from '../graph/cut-analysis.ts';
import type { CutAnalysis } from '../graph/cut-analysis.ts';
import type { Finding, ReachSummary } from '../graph/index.ts';
import type { Cut } from '../graph/what-if.ts';

import type { Dataset } from './app-store.ts';
import { useReviewStore } from './review-store.ts';

/** One published post-cut analysis. */
export interface EffectiveEntry {
  readonly dataset: Dataset;
  readonly cuts: readonly Cut[];
  /** Switched-off edge set (cutSignature). */
  readonly signature: string;
  readonly analysis: CutAnalysis;
  readonly inWorker: boolean;
}

interface EffectiveState {
  /** Inventory the entries belong to; a new one drops them. */
  dataset: Dataset | null;
  entries: ReadonlyMap<string, EffectiveEntry>;
  /** The entry on screen while the current cuts are computed (null: the loaded figures). */
  shown: EffectiveEntry | null;
  error: string | null;
  publish(entry: EffectiveEntry, show: boolean): void;
  /** What to keep on screen while the current cuts are computed. */
  show(dataset: Dataset, entry: EffectiveEntry | null): void;
  fail(dataset: Dataset, message: string): void;
}

const KEEP = 32;

export const useEffectiveStore = create<EffectiveState>()((set) => ({
  dataset: null,
  entries: new Map(),
  shown: null,
  error: null,
  publish: (entry, show) =>
    set((s) => {
      const entries = new Map(s.dataset === entry.dataset ? s.entries : []);
      entries.delete(entry.signature);
      entries.set(entry.signature, entry);
      while (entries.size > KEEP) entries.delete(entries.keys().next().value!);
      const shown = show ? entry : s.dataset === entry.dataset ? s.shown : null;
      return { dataset: entry.dataset, entries, shown, error: show ? null : s.error };
    }),
  show: (dataset, shown) => set((s) => (s.dataset === dataset ? { shown, error: null } : { dataset, entries: new Map(), shown, error: null })),
  fail: (dataset, error) => set((s) => (s.dataset === dataset ? { error } : { dataset, entries: new Map(), shown: null, error })),
}));

export interface EffectiveAnalysis {
  /** Per AI integration, largest blast radius first: after the applied cuts, else as loaded. */
  readonly summaries: readonly ReachSummary[];
  /** Ranked findings: after the applied cuts, else as loaded. */
  readonly findings: readonly Finding[];
  readonly findingsError?: string;
  /** The cuts the figures above include ([] when they are the loaded inventory's own). */
  readonly applied: readonly Cut[];
  /** The cuts in force; ahead of `applied` while `pending`. */
  readonly cuts: readonly Cut[];
  /** The figures are being recomputed for `cuts` (the previous ones stay on screen meanwhile). */
  readonly pending: boolean;
  /** Findings of the loaded inventory that the applied cuts resolve, in the loaded ranking. */
  readonly resolved: readonly Finding[];
  /** Findings that appear only after the applied cuts. */
  readonly added: readonly Finding[];
  /** Edge ids the applied cuts switch off. */
  readonly disabledEdges: readonly string[];
  readonly error: string | null;
}

const NONE: readonly Cut[] = [];
const key = (f: Finding): string => `${f.rule}\u241f${f.node}`;

/** The loaded figures compared with a post-cut analysis (pure; exported for tests). */
export function effectiveView(dataset: Dataset, cuts: readonly Cut[], entry: EffectiveEntry | null, pending: boolean, error: string | null): EffectiveAnalysis {
  if (!entry) {
    return {
      summaries: dataset.summaries,
      findings: dataset.findings,
      ...(dataset.findingsError !== undefined ? { findingsError: dataset.findingsError } : {}),
      applied: NONE,
      cuts,
      pending,
      resolved: [],
      added: [],
      disabledEdges: [],
      error,
    };
  }
  const { analysis } = entry;
  const after = new Set(analysis.findings.map(key));
  const before = new Set(dataset.findings.map(key));
  return {
    summaries: analysis.summaries,
    findings: analysis.findings,
    ...(analysis.findingsError !== undefined ? { findingsError: analysis.findingsError } : dataset.findingsError !== undefined ? { findingsError: dataset.findingsError } : {}),
    applied: entry.cuts,
    cuts,
    pending,
    resolved: dataset.findings.filter((f) => !after.has(key(f))),
    added: analysis.findings.filter((f) => !before.has(key(f))),
    disabledEdges: analysis.disabledEdges,
    error,
  };
}

const EMPTY: Omit<EffectiveAnalysis, 'cuts'> = { summaries: [], findings: [], applied: NONE, pending: false, resolved: [], added: [], disabledEdges: [], error: null };

/**
 * Summaries and findings as every view should show them: after the what-if cuts when there are any. With no
 * cuts it is the loaded inventory at once; with cuts whose analysis is not known yet it keeps the previous
 * figures and says `pending`.
 */
export function useEffectiveAnalysis(dataset: Dataset | null): EffectiveAnalysis {
  const cuts = useReviewStore((s) => s.cuts);
  const signature = useMemo(() => (dataset && cuts.length ? cutSignature(dataset.graph, cuts) : ''), [dataset, cuts]);
  const entry = useEffectiveStore((s) => (dataset && s.dataset === dataset && signature !== '' ? s.entries.get(signature) : undefined));
  const shown = useEffectiveStore((s) => (dataset && s.dataset === dataset ? s.shown : null));
  const error = useEffectiveStore((s) => (dataset && s.dataset === dataset ? s.error : null));
  return useMemo(() => {
    if (!dataset) return { ...EMPTY, cuts };
    // Cuts that name nothing in this inventory switch nothing off: the loaded figures are exact.
    if (cuts.length === 0 || signature === '') return effectiveView(dataset, cuts, null, false, null);
    if (entry) return effectiveView(dataset, cuts, entry, false, null);
    return effectiveView(dataset, cuts, shown, error === null, error);
  }, [dataset, cuts, signature, entry, shown, error]);
}
