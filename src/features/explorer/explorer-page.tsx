/** The Explorer: sidebar, graph canvas and the analysis panels, over one loaded inventory. */
import { useDeferredValue, useMemo, useState } from 'react';
import type { ReactElement } from 'react';

import { hasRealGpu } from '../../canvas/canvas.ts';
import type { CanvasHandle } from '../../canvas/canvas.ts';
import { Button } from '../../components/ui/button.tsx';
import { NODE_CROWN_JEWEL } from '../../graph/index.ts';
import { formatCount } from '../../lib/format.ts';
import { useReviewStore } from '../../store/review-store.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { useEffectiveAnalysis } from '../../store/effective-store.ts';
import { WalkthroughBar } from '../review/overlays.tsx';
import { ReviewPanel } from '../review/review-panel.tsx';
import { WhatIfNotice } from '../review/what-if-notice.tsx';

import { AiSidebar } from './ai-sidebar.tsx';
import { DetailsPanel } from './details-panel.tsx';
import { GraphCanvas } from './graph-canvas.tsx';
import type { CanvasOverlays } from './graph-canvas.tsx';
import { SEVERITY_COLORS, SEVERITY_INK } from '../../lib/kind-visuals.ts';
import { PathFinder } from './path-finder.tsx';
import { RadiusPanel } from './radius-panel.tsx';
import { SelectedEdgeHeader } from './selection-header.tsx';
import { ToxicPanel } from './toxic-panel.tsx';
import { useExplorerModel } from './use-explorer-model.ts';
import type { SearchIndex } from './view-model/search.ts';

const MODE_TABS = [
  { mode: 'reach', label: 'Blast radius' },
  { mode: 'exposure', label: 'Exposure' },
  { mode: 'path', label: 'Path' },
] as const;

function ModeTabs(): ReactElement {
  const view = useAppStore((s) => s.view);
  const mode = view.mode;
  const setMode = useAppStore((s) => s.setMode);
  return (
    <div className="border-b border-line bg-panel px-3 py-2">
    <fieldset className="m-0 flex min-w-0 gap-1 border-0 p-0">
      <legend className="sr-only">Analysis mode</legend>
      {MODE_TABS.map((t) => (
        <button
          key={t.mode}
          type="button"
          aria-pressed={mode === t.mode}
          onClick={() => setMode(t.mode)}
          className="flex-1 cursor-pointer rounded-md px-2 py-1.5 text-xs font-medium text-muted hover:text-fg aria-pressed:bg-raised aria-pressed:text-fg"
        >
          {t.label}
        </button>
      ))}
    </fieldset>
    </div>
  );
}

function SelectPrompt({ dataset }: { dataset: Dataset }): ReactElement {
  const { graph, timings, ranInWorker, rulesEvaluated } = dataset;
  const effective = useEffectiveAnalysis(dataset);
  const { findings, summaries } = effective;
  const crown = useMemo(() => {
    let n = 0;
    for (let i = 0; i < graph.index.nodeCount; i++) if (graph.index.nodeFlags[i]! & NODE_CROWN_JEWEL) n++;
    return n;
  }, [graph]);
  const bySeverity = useMemo(() => {
    const out: Record<string, number> = {};
    for (const f of findings) out[f.severity] = (out[f.severity] ?? 0) + 1;
    return out;
  }, [findings]);
  const reachingCrown = summaries.filter((s) => s.crownJewels > 0).length;
  const stats: [string, string][] = [
    ['AI integrations', formatCount(summaries.length)],
    ['reach a crown jewel', formatCount(reachingCrown)],
    ['crown jewels', formatCount(crown)],
    ['nodes · edges', `${formatCount(graph.nodes.length)} · ${formatCount(graph.edges.length)}`],
  ];
  return (
    <section aria-label="Blast radius" className="border-b border-line px-4 pt-3 pb-4">
      <h2 className="text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">Blast radius</h2>
      <p className="mt-2 text-sm text-muted">
        Pick an AI integration on the left, search a node, or click one on the graph to light everything it can reach.
      </p>
      <h3 className="mt-4 mb-2 text-xs font-medium text-muted">This inventory at a glance{effective.applied.length ? ', after the what-if cuts' : ''}</h3>
      <div className="mb-2 empty:hidden">
        <WhatIfNotice effective={effective} variant="chip" />
      </div>
      <dl className="grid grid-cols-2 gap-2">
        {stats.map(([label, value]) => (
          <div key={label} className="flex flex-col-reverse rounded-md border border-line bg-panel-2 px-2.5 py-2">
            <dt className="text-2xs text-muted">{label}</dt>
            <dd className="text-base font-semibold">{value}</dd>
          </div>
        ))}
      </dl>
      {rulesEvaluated > 0 ? (
        <p className="mt-3 flex flex-wrap items-center gap-1.5 text-xs text-muted">
          {findings.length} toxic-combination findings
          {(['critical', 'high', 'medium', 'low'] as const).map((sev) =>
            bySeverity[sev] ? (
              <span key={sev} className="rounded px-1.5 text-2xs font-medium" style={{ color: SEVERITY_INK[sev], background: `${SEVERITY_COLORS[sev]}22` }}>
                {bySeverity[sev]} {sev}
              </span>
            ) : null,
          )}
        </p>
      ) : null}
      <p className="mt-3 text-2xs text-faint">
        Read and analysed {ranInWorker ? 'in a background worker' : 'on the main thread'} in{' '}
        {formatCount(Math.round(timings.readMs + timings.parseMs + timings.buildMs + timings.analyseMs))} ms.
      </p>
    </section>
  );
}

export function ExplorerPage({
  dataset,
  searchIndex,
  overlays,
  onCanvas,
}: {
  dataset: Dataset;
  searchIndex: SearchIndex;
  /** Other features' canvas marks (review, drift), as data from app/. */
  overlays: CanvasOverlays;
  /** Told of the canvas instance (app/ hands it to the features that export or steer it). */
  onCanvas?: (canvas: CanvasHandle | null) => void;
}): ReactElement {
  const model = useExplorerModel(dataset);
  // The canvas lights a selection first; the radius panel follows in the next render (React's deferred value).
  // A deferred model of the previous inventory (a new one just arrived) is never shown against this graph.
  const pair = useMemo(() => ({ model, graph: dataset.graph }), [model, dataset.graph]);
  const deferredPair = useDeferredValue(pair);
  const deferred = deferredPair.graph === dataset.graph ? deferredPair.model : model;
  const view = useAppStore((s) => s.view);
  const mode = view.mode;
  const selectedEdge = useAppStore((s) => s.selectedEdge);
  const detailsOpen = useAppStore((s) => s.detailsOpen);
  const expandedKinds = useAppStore((s) => s.expandedKinds);
  const collapseAll = useAppStore((s) => s.collapseAll);
  const [gpu] = useState(() => hasRealGpu());
  const [webgl, setWebgl] = useState(false);
  const drawnNodes = model.visible.nodes.length;
  const total = dataset.graph.nodes.length;
  const hidden = useMemo(() => model.visible.groups.reduce((s, g) => s + g.count, 0), [model.visible]);
  const panelsCollapsed = useReviewStore((s) => s.panelsCollapsed);
  const walking = useReviewStore((s) => s.walk !== null);
  const redact = useReviewStore((s) => s.redact);
  const [canvas, setCanvas] = useState<CanvasHandle | null>(null);
  const tellCanvas = useMemo(
    () => (c: CanvasHandle | null) => {
      setCanvas(c);
      onCanvas?.(c);
    },
    [onCanvas],
  );
  // In redact mode the PNG's file name must not carry a real id either.
  const exportName = redact ? 'redacted' : (model.radius?.focus ?? model.path?.from ?? 'overview');

  return (
    <div className={`explorer-grid grid min-h-0 flex-1 grid-rows-[minmax(0,1fr)] ${panelsCollapsed ? 'grid-cols-[0_minmax(0,1fr)_0] [&>aside]:hidden' : 'grid-cols-[17rem_minmax(0,1fr)_24rem]'}`}>
      <AiSidebar dataset={dataset} />
      <h1 className="sr-only">Explorer</h1>
      <section className="relative min-h-0" aria-label="Graph">
        <GraphCanvas key={webgl ? 'webgl' : 'canvas'} model={model} webgl={webgl} overlays={overlays} onCanvas={tellCanvas} exportName={exportName} />
        {detailsOpen && (view.node || selectedEdge) ? <DetailsPanel graph={dataset.graph} /> : null}
        <WalkthroughBar graph={dataset.graph} />
        {!model.visible.whole && !walking ? (
          <div data-canvas-blocker="" className="no-print absolute right-3 bottom-3 left-3 flex flex-wrap items-center gap-3 rounded-lg border border-line bg-panel/95 px-3 py-2 text-xs shadow-lg backdrop-blur" role="note">
            <span className="text-muted">
              Drawing <strong className="text-fg">{formatCount(drawnNodes)}</strong> of {formatCount(total)} nodes
              {model.layout === 'layered'
                ? model.path?.found
                  ? ': the path, step by step.'
                  : model.pathBefore
                    ? ': the path as it was before the cuts; the cut edge is struck through.'
                    : ': the radius by hops, left to right; kinds are folded into counted groups — click one to unfold it.'
                : model.radius || model.path || view.node
                  ? ': the focus and one hop of context.'
                  : ': the AI integrations and crown jewels first, with one hop of context.'}
              {hidden ? ` ${formatCount(hidden)} more are grouped by kind; click a group to expand it.` : ''}
            </span>
            {expandedKinds.size ? (
              <Button size="sm" variant="ghost" onClick={collapseAll}>
                Collapse groups
              </Button>
            ) : null}
            {gpu ? (
              <label className="ml-auto flex items-center gap-1.5 text-muted">
                <input type="checkbox" checked={webgl} onChange={(e) => setWebgl(e.target.checked)} className="accent-[var(--accent)]" />
                GPU rendering (WebGL)
              </label>
            ) : null}
          </div>
        ) : null}
      </section>
      <aside id="analysis" tabIndex={-1} aria-label="Analysis" className="flex min-h-0 flex-col border-l border-line bg-panel focus:outline-none">
        <ModeTabs />
        <div className="min-h-0 flex-1 overflow-y-auto">
          {/* Why first: with a node selected, its toxic combinations come before the counts and the long list;
              a selected edge is named first. Details open as a drawer over the canvas, when asked for. */}
          {selectedEdge ? <SelectedEdgeHeader graph={dataset.graph} /> : null}
          {view.node && mode !== 'path' ? <ToxicPanel dataset={dataset} /> : null}
          {mode === 'path' ? (
            <PathFinder graph={dataset.graph} index={searchIndex} path={model.path} pathBefore={model.pathBefore} />
          ) : model.radius ? (
            <RadiusPanel graph={dataset.graph} radius={deferred.radius ?? model.radius} maxDepth={deferred.radius ? deferred.maxDepth : model.maxDepth} before={model.radiusBefore && model.radiusBefore.focus === (deferred.radius ?? model.radius).focus && model.radiusBefore.mode === (deferred.radius ?? model.radius).mode ? model.radiusBefore.size : undefined} key={`${(deferred.radius ?? model.radius).focus}|${(deferred.radius ?? model.radius).mode}`} />
          ) : (
            <SelectPrompt dataset={dataset} />
          )}
          <ReviewPanel dataset={dataset} path={model.path?.found ? model.path : null} canvas={canvas} />
          {view.node && mode !== 'path' ? null : <ToxicPanel dataset={dataset} />}
        </div>
      </aside>
    </div>
  );
}
