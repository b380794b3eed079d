/**
 * Review mode: what-if cuts (with undo and redo), the walkthrough being presented, meeting and redact
 * toggles, and decisions on findings. Kept apart from the app store; the cuts are mirrored into the URL
 * (`cuts=`, written by src/store/url-sync.ts; in redact mode as pseudonyms, see src/lib/address.ts).
 */
import { create } from 'zustand';

import type { Decision, Decisions } from './decision-types.ts';
import type { Cut } from '../graph/what-if.ts';

export interface WalkStepView {
  readonly edge: string;
  readonly from: string;
  readonly to: string;
  readonly caption: string;
  /** Leg of the finding this hop belongs to (null for a plain path). */
  readonly leg: string | null;
  readonly followed: boolean;
}

export interface WalkView {
  readonly title: string;
  readonly tags: readonly string[];
  readonly steps: readonly WalkStepView[];
  readonly index: number;
}

export interface ReviewState {
  cuts: readonly Cut[];
  past: readonly (readonly Cut[])[];
  future: readonly (readonly Cut[])[];
  /** Node whose blast radius the delta panel reports when nothing is selected (the last finding whose cut was applied). */
  focus: string | null;
  redact: boolean;
  meeting: boolean;
  panelsCollapsed: boolean;
  walk: WalkView | null;
  /** Choke points marked on the canvas (top of the ranking: edge ids and node ids), published by the review panel. */
  chokeMarks: { readonly edges: readonly string[]; readonly nodes: readonly string[] };
  setChokeMarks(edges: readonly string[], nodes: readonly string[]): void;
  /** Titles of the paths and findings walked through (for the report), in order, without repeats. */
  reviewed: readonly string[];
  /** Findings (`findingKey`) the current cuts resolve, published by the What-if panel. */
  resolvedByCuts: ReadonlySet<string>;
  setResolvedByCuts(keys: ReadonlySet<string>): void;
  /** The finding whose decision form is open (its key), so the form survives its card moving to "Resolved". */
  deciding: string | null;
  setDeciding(key: string | null): void;
  decisions: Decisions;
  /** Inventory fingerprint the decisions belong to. */
  decisionsFor: string | null;
  setCuts(cuts: readonly Cut[]): void;
  addCuts(cuts: readonly Cut[], focus?: string | null): void;
  removeCut(index: number): void;
  clearCuts(): void;
  undo(): void;
  redo(): void;
  /** Replaces the cuts without history (URL back/forward, a new inventory). */
  resetCuts(cuts: readonly Cut[]): void;
  setRedact(on: boolean): void;
  setMeeting(on: boolean): void;
  setPanelsCollapsed(on: boolean): void;
  startWalk(walk: Omit<WalkView, 'index'>): void;
  stepWalk(delta: number): void;
  endWalk(): void;
  setDecisions(inventory: string, decisions: Decisions): void;
  decide(key: string, decision: Decision | null): void;
}

const same = (a: Cut, b: Cut): boolean => ('edge' in a && 'edge' in b && a.edge === b.edge) || ('node' in a && 'node' in b && a.node === b.node);

const NO_CHOKE = { edges: [], nodes: [] };

export const useReviewStore = create<ReviewState>()((set, get) => ({
  cuts: [],
  chokeMarks: NO_CHOKE,
  setChokeMarks: (edges, nodes) => set({ chokeMarks: edges.length || nodes.length ? { edges, nodes } : NO_CHOKE }),
  past: [],
  future: [],
  focus: null,
  redact: false,
  meeting: false,
  panelsCollapsed: false,
  walk: null,
  reviewed: [],
  resolvedByCuts: new Set(),
  setResolvedByCuts: (resolvedByCuts) => set({ resolvedByCuts }),
  deciding: null,
  setDeciding: (deciding) => set({ deciding }),
  decisions: {},
  decisionsFor: null,
  setCuts: (cuts) => set((s) => ({ cuts, past: [...s.past, s.cuts], future: [] })),
  addCuts: (add, focus) => {
    const s = get();
    const fresh = add.filter((c) => !s.cuts.some((d) => same(c, d)));
    if (fresh.length === 0) return;
    set({ cuts: [...s.cuts, ...fresh], past: [...s.past, s.cuts], future: [], ...(focus !== undefined ? { focus } : {}) });
  },
  removeCut: (index) => set((s) => ({ cuts: s.cuts.filter((_c, i) => i !== index), past: [...s.past, s.cuts], future: [] })),
  clearCuts: () => set((s) => (s.cuts.length === 0 ? s : { cuts: [], past: [...s.past, s.cuts], future: [] })),
  undo: () =>
    set((s) => {
      const prev = s.past[s.past.length - 1];
      return prev === undefined ? s : { cuts: prev, past: s.past.slice(0, -1), future: [s.cuts, ...s.future] };
    }),
  redo: () =>
    set((s) => {
      const next = s.future[0];
      return next === undefined ? s : { cuts: next, past: [...s.past, s.cuts], future: s.future.slice(1) };
    }),
  resetCuts: (cuts) => set({ cuts, past: [], future: [] }),
  setRedact: (redact) => set({ redact }),
  setMeeting: (meeting) => set((s) => ({ meeting, panelsCollapsed: meeting ? s.panelsCollapsed : false })),
  setPanelsCollapsed: (panelsCollapsed) => set({ panelsCollapsed }),
  startWalk: (walk) => set((s) => ({ walk: { ...walk, index: 0 }, reviewed: s.reviewed.includes(walk.title) ? s.reviewed : [...s.reviewed, walk.title] })),
  stepWalk: (delta) =>
    set((s) => (s.walk ? { walk: { ...s.walk, index: Math.max(0, Math.min(s.walk.steps.length - 1, s.walk.index + delta)) } } : s)),
  endWalk: () => set({ walk: null }),
  setDecisions: (decisionsFor, decisions) => set({ decisionsFor, decisions }),
  decide: (key, decision) =>
    set((s) => {
      const next: Record<string, Decision> = { ...s.decisions };
      if (decision) next[key] = decision;
      else delete next[key];
      return { decisions: next };
    }),
}));
