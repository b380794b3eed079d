/**
 * UI and session state, one zustand store built from slices. The shareable part of the view lives in the
 * `view` slice and is mirrored into the URL (see url-sync.ts); derived analysis is never stored here.
 */
import { create } from 'zustand';

import type { Finding } from '../graph/index.ts';
import { buildGraph } from '../graph/index.ts';
import { DEFAULT_VIEW } from '../lib/url-state.ts';
import type { LayoutName, Mode, ViewState } from '../lib/url-state.ts';
import type { NodeKind } from '../model/index.ts';
import type { Dataset, LoadProgress, LoadResult, Problem } from '../workers/analysis-protocol.ts';

/** The loaded inventory as the page holds it; the shape is the worker protocol's (one source of truth). */
export type { Dataset };

/** A load that did not work: its problems, shown over the inventory on screen (which stays as it was). */
export interface CanvasBox {
  readonly width: number;
  readonly height: number;
  /** Free space starts this far from each side. */
  readonly insets: { readonly top: number; readonly right: number; readonly bottom: number; readonly left: number };
}

export interface LoadError {
  readonly label: string;
  readonly problems: readonly Problem[];
}

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
export type Theme = 'dark' | 'light';

interface DataSlice {
  /** The latest load's state; the dataset on screen stays usable while another loads or after one fails. */
  status: LoadStatus;
  loadingLabel: string | null;
  progress: LoadProgress | null;
  dataset: Dataset | null;
  /** Problems of the last load (errors when it failed, warnings when it worked). */
  problems: readonly Problem[];
  problemsLabel: string | null;
  /** The last load that failed, until another load starts or it is dismissed. */
  loadError: LoadError | null;
  /** Whether the load under way can be cancelled (files, the sample, a `?source=` URL). */
  cancellable: boolean;
  startLoading(label: string, cancellable?: boolean): void;
  dismissLoadError(): void;
  setProgress(p: LoadProgress): void;
  finishLoading(result: LoadResult): void;
}

interface ViewSlice {
  view: ViewState;
  setView(patch: Partial<ViewState>): void;
  selectNode(id: string | null): void;
  /** Selects a node and shows its blast radius or its exposure, in one step (one history entry). */
  focusNode(id: string, mode: 'reach' | 'exposure'): void;
  setMode(mode: Mode): void;
  setHops(hops: number | null): void;
  setLayout(layout: LayoutName): void;
  setPathEnds(from: string | null, to: string | null): void;
}

/** Evidence lit on the graph: a whole finding, or one of its legs. */
export interface EvidenceView {
  readonly finding: Finding;
  readonly leg: string | null;
  readonly node: string;
  readonly evidence: { readonly nodes: readonly string[]; readonly edges: readonly string[] };
}

export interface TraceRequest {
  readonly nodes: readonly string[];
  readonly edges: readonly string[];
  readonly serial: number;
}

/** A context menu asked for: on a node or an edge (inventory ids), at a point of the page's viewport. */
export interface ContextMenuRequest {
  readonly target: { readonly kind: 'node' | 'edge'; readonly id: string };
  readonly x: number;
  readonly y: number;
  /** Opened from the pointer (closed when the view under it moves) or from the keyboard / a button. */
  readonly via: 'pointer' | 'keyboard';
}

interface UiSlice {
  theme: Theme;
  /**
   * The details drawer: open only when asked for ("Open details" in the context menu, the selection's
   * "Details" button, Enter on the selected node), never by a selection alone. Once open it follows the
   * selection; clearing the selection closes it.
   */
  detailsOpen: boolean;
  /** The drawer was asked for with the focus: it takes it once (and gives it back when it closes). */
  detailsFocus: boolean;
  openDetails(options?: { focus?: boolean }): void;
  /** The drawer took the focus it was asked to. */
  detailsFocused(): void;
  closeDetails(): void;
  contextMenu: ContextMenuRequest | null;
  openContextMenu(request: ContextMenuRequest): void;
  closeContextMenu(): void;
  problemsOpen: boolean;
  selectedEdge: string | null;
  expandedKinds: ReadonlySet<NodeKind>;
  evidence: EvidenceView | null;
  trace: TraceRequest | null;
  /** Bumped to ask the canvas to centre and pulse a node. */
  pulse: { id: string; serial: number } | null;
  /** Bumped to ask the canvas to re-run the force layout of what is drawn. */
  relayoutSerial: number;
  setTheme(theme: Theme): void;
  setProblemsOpen(open: boolean): void;
  selectEdge(id: string | null): void;
  expandKind(kind: NodeKind): void;
  /** Folded groups of the blast-radius picture the analyst unfolded (group key → pages shown). */
  unfolded: ReadonlyMap<string, number>;
  unfold(key: string): void;
  /** The canvas's free box in pixels (its size less the toolbar, minimap and notes floating over it). */
  canvasBox: CanvasBox;
  setCanvasBox(box: CanvasBox): void;
  collapseAll(): void;
  showEvidence(evidence: EvidenceView | null): void;
  tracePath(nodes: readonly string[], edges: readonly string[]): void;
  pulseNode(id: string): void;
  relayout(): void;
}

export type AppState = DataSlice & ViewSlice & UiSlice;

function initialTheme(): Theme {
  try {
    const saved = globalThis.localStorage?.getItem('pathlight.theme');
    if (saved === 'light' || saved === 'dark') return saved;
  } catch {
    // ignore
  }
  return 'dark';
}

let serial = 0;

export const useAppStore = create<AppState>()((set, get) => ({
  status: 'idle',
  loadingLabel: null,
  progress: null,
  dataset: null,
  problems: [],
  problemsLabel: null,
  loadError: null,
  cancellable: false,
  startLoading: (label, cancellable = false) => set({ status: 'loading', loadingLabel: label, progress: null, loadError: null, cancellable }),
  setProgress: (progress) => set({ progress }),
  dismissLoadError: () => set((s) => ({ loadError: null, status: s.status === 'error' && s.dataset ? 'ready' : s.status })),
  finishLoading: (result) => {
    if (!result.ok) {
      const { dataset } = get();
      if (result.cancelled) {
        // Nothing changed: the inventory on screen (if any) is what the page shows.
        set({ status: dataset ? 'ready' : 'idle', progress: null, loadingLabel: null, cancellable: false });
        return;
      }
      const loadError = { label: result.label, problems: result.problems };
      // With an inventory on screen it stays as it was; the failed load's problems are shown over it.
      if (dataset) set({ status: 'error', progress: null, cancellable: false, loadError });
      else set({ status: 'error', progress: null, cancellable: false, loadError, problems: result.problems, problemsLabel: result.label, problemsOpen: true });
      return;
    }
    const { ok: _ok, ...loaded } = result;
    const dataset: Dataset = { ...loaded, graph: buildGraph(result.inventory) };
    const { graph } = dataset;
    // Keep a view that still makes sense for the new inventory (a shared link), drop what does not.
    const { view } = get();
    const has = (id: string | null): string | null => (id !== null && graph.index.nodeIndex.has(id) ? id : null);
    set({
      status: 'ready',
      progress: null,
      cancellable: false,
      loadError: null,
      dataset,
      problems: result.inventory.warnings,
      problemsLabel: result.label,
      selectedEdge: null,
      detailsOpen: false,
      contextMenu: null,
      expandedKinds: new Set(),
      unfolded: new Map(),
      evidence: null,
      trace: null,
      view: { ...view, node: has(view.node), from: has(view.from), to: has(view.to) },
    });
  },

  view: DEFAULT_VIEW,
  setView: (patch) => set((s) => ({ view: { ...s.view, ...patch } })),
  selectNode: (id) =>
    set((s) => ({
      view: { ...s.view, node: id, mode: s.view.mode === 'path' ? 'reach' : s.view.mode, hops: null },
      unfolded: new Map(),
      selectedEdge: null,
      detailsOpen: id !== null && s.detailsOpen,
      evidence: null,
      trace: null,
    })),
  focusNode: (id, mode) =>
    set((s) => ({
      view: { ...s.view, node: id, mode, hops: s.view.node === id && s.view.mode === mode ? s.view.hops : null },
      unfolded: s.view.node === id ? s.unfolded : new Map(),
      selectedEdge: null,
      evidence: null,
      trace: null,
    })),
  setMode: (mode) =>
    set((s) => ({
      view: {
        ...s.view,
        mode,
        hops: null,
        from: mode === 'path' ? s.view.from ?? s.view.node : s.view.from,
      },
      evidence: null,
      trace: null,
    })),
  setHops: (hops) => set((s) => ({ view: { ...s.view, hops }, trace: null })),
  setLayout: (layout) => set((s) => ({ view: { ...s.view, layout } })),
  setPathEnds: (from, to) => set((s) => ({ view: { ...s.view, mode: 'path', from, to }, evidence: null, trace: null })),

  theme: initialTheme(),
  detailsOpen: false,
  detailsFocus: false,
  openDetails: (options) => set((s) => ({ detailsOpen: true, detailsFocus: options?.focus === true || s.detailsFocus })),
  detailsFocused: () => set((s) => (s.detailsFocus ? { detailsFocus: false } : s)),
  closeDetails: () => set({ detailsOpen: false, detailsFocus: false }),
  contextMenu: null,
  openContextMenu: (contextMenu) => set({ contextMenu }),
  closeContextMenu: () => set((s) => (s.contextMenu ? { contextMenu: null } : s)),
  problemsOpen: false,
  selectedEdge: null,
  expandedKinds: new Set(),
  evidence: null,
  trace: null,
  pulse: null,
  relayoutSerial: 0,
  setTheme: (theme) => {
    try {
      globalThis.localStorage?.setItem('pathlight.theme', theme);
    } catch {
      // ignore
    }
    set({ theme });
  },
  setProblemsOpen: (problemsOpen) => set({ problemsOpen }),
  // Selecting an edge (or going back to the node) leaves the drawer as it is: open, it shows the new selection.
  selectEdge: (selectedEdge) => set({ selectedEdge }),
  expandKind: (kind) => set((s) => ({ expandedKinds: new Set([...s.expandedKinds, kind]) })),
  collapseAll: () => set({ expandedKinds: new Set(), unfolded: new Map() }),
  unfolded: new Map(),
  unfold: (key) => set((s) => ({ unfolded: new Map([...s.unfolded, [key, (s.unfolded.get(key) ?? 0) + 1]]) })),
  canvasBox: { width: 0, height: 0, insets: { top: 0, right: 0, bottom: 0, left: 0 } },
  setCanvasBox: (box) =>
    set((s) => {
      const a = s.canvasBox;
      const same = a.width === box.width && a.height === box.height && (['top', 'right', 'bottom', 'left'] as const).every((k) => a.insets[k] === box.insets[k]);
      return same ? s : { canvasBox: box };
    }),
  showEvidence: (evidence) => set({ evidence, trace: null }),
  tracePath: (nodes, edges) => set({ trace: { nodes, edges, serial: ++serial }, evidence: null }),
  pulseNode: (id) => set({ pulse: { id, serial: ++serial } }),
  relayout: () => set((s) => ({ relayoutSerial: s.relayoutSerial + 1 })),
}));
