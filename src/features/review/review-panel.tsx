/** The review sections of the Explorer's analysis column: What-if (the delta of the stacked cuts), Choke points and Exports. */
import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import type { InventoryGraph } from '../../graph/build-graph.ts';
import type { Cut } from '../../graph/what-if.ts';
import { outputLabel } from '../../lib/redaction.ts';
import type { Redactor } from '../../lib/redaction.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import type { CanvasHandle } from '../../canvas/canvas.ts';
import { composePng, legendContent } from '../../canvas/export-legend.ts';
import { renderSvg } from '../../canvas/svg-export.ts';
import type { SvgScene } from '../../canvas/svg-export.ts';
import { useReviewStore } from '../../store/review-store.ts';
import { remediationPlanOffThread } from '../../workers/analysis-client.ts';

import { parseDecisions, serializeDecisions } from './decisions.ts';
import { redactMarkdown } from './markdown-lite.ts';
import { download, threatModelReport } from './report.ts';
import { threatModelReportHtml } from './report-html.ts';
import { pseudonymsOf, useReviewAnalysis } from './use-review-analysis.ts';
import type { ReviewAnalysis } from './use-review-analysis.ts';
import { walkPath } from './walk-actions.ts';

const H2 = 'text-[11px] font-semibold tracking-[0.08em] text-muted uppercase';

function nameOf(graph: InventoryGraph, id: string): string {
  const i = graph.index.nodeIndex.get(id);
  return i === undefined ? id : graph.nodes[i]!.name;
}

export function cutText(graph: InventoryGraph, cut: Cut): string {
  if ('node' in cut) return `remove ${nameOf(graph, cut.node)}`;
  const j = graph.index.edgeIndex.get(cut.edge);
  if (j === undefined) return `edge ${cut.edge} (not in this inventory)`;
  const e = graph.edges[j]!;
  return `${nameOf(graph, e.source)} —${e.kind}→ ${nameOf(graph, e.target)}`;
}

function Delta({ label, before, after }: { label: string; before: number; after: number }): ReactElement {
  const better = after < before;
  return (
    <div className="flex flex-col-reverse rounded-md border border-line bg-panel-2 px-2.5 py-2">
      <dt className="text-2xs text-muted">{label}</dt>
      <dd className="text-base font-semibold tabular-nums">
        {before} → <span className={better ? 'text-ok' : after > before ? 'text-danger' : ''}>{after}</span>
      </dd>
    </div>
  );
}

const stamp = (): string => new Date().toISOString().slice(0, 10);
const fileSafe = (s: string): string => s.replace(/[^\w.-]+/g, '_').slice(0, 60) || 'inventory';

function WhatIf({ dataset, analysis }: { dataset: Dataset; analysis: ReviewAnalysis }): ReactElement {
  const { graph } = dataset;
  const cuts = useReviewStore((s) => s.cuts);
  const canUndo = useReviewStore((s) => s.past.length > 0);
  const canRedo = useReviewStore((s) => s.future.length > 0);
  const undo = useReviewStore((s) => s.undo);
  const redo = useReviewStore((s) => s.redo);
  const removeCut = useReviewStore((s) => s.removeCut);
  const clearCuts = useReviewStore((s) => s.clearCuts);
  const redact = useReviewStore((s) => s.redact);
  // The redactor is built only when something redacted is written (it sorts every id of the inventory).
  const pseudonyms = (): Redactor => pseudonymsOf(dataset);
  const r = analysis.whatIf;
  // A new cut brings the delta into view (the column may be scrolled to a finding or a choke point).
  const section = useRef<HTMLElement>(null);
  const count = useRef(cuts.length);
  useEffect(() => {
    if (cuts.length > count.current) section.current?.scrollIntoView({ block: 'nearest', behavior: 'smooth' });
    count.current = cuts.length;
  }, [cuts.length]);

  const exportPlan = async (): Promise<void> => {
    const plan = await remediationPlanOffThread(dataset, cuts, `Remediation plan: ${dataset.label}`);
    download(`pathlight-remediation-${fileSafe(redact ? pseudonyms().fileBase : dataset.label)}.md`, 'text/markdown', redact ? redactMarkdown(plan, pseudonyms().redact) : plan);
  };

  return (
    <section ref={section} aria-label="What-if" className="scroll-mt-2 border-b border-line px-4 pt-3 pb-4">
      <div className="flex items-center gap-1">
        <h2 className={H2}>What-if</h2>
        <span className="ml-auto" />
        <Button size="sm" variant="ghost" onClick={undo} disabled={!canUndo} title="Undo (Ctrl+Z)">
          Undo
        </Button>
        <Button size="sm" variant="ghost" onClick={redo} disabled={!canRedo} title="Redo (Ctrl+Shift+Z)">
          Redo
        </Button>
      </div>
      {cuts.length === 0 ? (
        <p className="mt-2 text-xs text-muted">
          Try a fix: right-click an edge on the graph, use “Cut” in an edge’s details, “Apply cut” on a finding or “Cut it” on a choke point. The
          radius, findings and pairs are recomputed with the cut in place.
        </p>
      ) : (
        <>
          <p className="mt-2 text-sm font-medium text-fg" aria-live="polite" data-testid="what-if-sentence">
            {analysis.pending ? 'Computing…' : r ? `${r.sentence.charAt(0).toUpperCase()}${r.sentence.slice(1)}.` : analysis.error ?? ''}
          </p>
          {r ? (
            <dl className="mt-3 grid grid-cols-2 gap-2" aria-label="Before and after">
              {r.source ? <Delta label={`blast radius of ${nameOf(graph, r.source.node)}`} before={r.source.before} after={r.source.after} /> : null}
              <Delta label="AI → crown jewel pairs" before={r.totals.pairsBefore} after={r.totals.pairsAfter} />
              <Delta label="findings" before={r.findings.before} after={r.findings.after} />
              <Delta label="total AI reach (nodes)" before={r.totals.reachBefore} after={r.totals.reachAfter} />
            </dl>
          ) : null}
          {r && r.findings.resolved.length > 0 ? (
            <div className="mt-3 text-xs">
              <h3 className="text-muted">Resolved</h3>
              <ul className="mt-1 list-disc space-y-0.5 pl-4">
                {r.findings.resolved.slice(0, 8).map((f) => (
                  <li key={`${f.rule}|${f.node}`}>
                    {f.title} <span className="text-muted">({nameOf(graph, f.node)})</span>
                  </li>
                ))}
                {r.findings.resolved.length > 8 ? <li className="text-muted">and {r.findings.resolved.length - 8} more</li> : null}
              </ul>
            </div>
          ) : null}
          {r && r.reach.length > 0 ? (
            <div className="mt-3 text-xs">
              <h3 className="text-muted">AI integrations whose reach changed</h3>
              <ul className="mt-1 space-y-0.5" aria-label="Reach changed">
                {r.reach.slice(0, 6).map((d) => (
                  <li key={d.node} className="flex items-baseline gap-2">
                    <span className="min-w-0 flex-1 truncate">{nameOf(graph, d.node)}</span>
                    <span className="tabular-nums text-muted">
                      {d.before} → <span className="text-ok">{d.after}</span> nodes
                      {d.crownJewelsLost.length ? `, −${d.crownJewelsLost.length} ★` : ''}
                    </span>
                  </li>
                ))}
                {r.reach.length > 6 ? <li className="text-muted">and {r.reach.length - 6} more</li> : null}
              </ul>
            </div>
          ) : null}
          {r && r.findings.new.length > 0 ? (
            <p className="mt-2 text-xs text-warn">Watch: {r.findings.new.length} new finding(s) after these cuts ({r.findings.new.map((f) => f.title).slice(0, 3).join('; ')}).</p>
          ) : null}
          <h3 className="mt-3 text-xs text-muted">Cuts, in order</h3>
          <ol className="mt-1 space-y-1 text-xs" aria-label="Cuts">
            {cuts.map((c, i) => (
              <li key={i} className="flex items-start gap-2 rounded border border-line bg-panel-2 px-2 py-1">
                <span className="text-muted tabular-nums">{i + 1}.</span>
                <span className="min-w-0 flex-1 break-words">{cutText(graph, c)}</span>
                <button type="button" onClick={() => removeCut(i)} className="cursor-pointer text-muted underline hover:text-fg" aria-label={`Restore cut ${i + 1}`}>
                  restore
                </button>
              </li>
            ))}
          </ol>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button size="sm" icon="copy" onClick={() => void exportPlan()}>
              Export remediation plan
            </Button>
            <Button size="sm" variant="ghost" onClick={clearCuts}>
              Clear all cuts
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

function ChokePointsSection({ dataset, analysis }: { dataset: Dataset; analysis: ReviewAnalysis }): ReactElement {
  const { graph } = dataset;
  const [more, setMore] = useState(false);
  const addCuts = useReviewStore((s) => s.addCuts);
  const choke = analysis.choke;
  useEffect(() => {
    const { setChokeMarks } = useReviewStore.getState();
    setChokeMarks(choke?.edges.slice(0, 5).map((c) => c.edge) ?? [], choke?.nodes.slice(0, 3).map((c) => c.node) ?? []);
    return () => setChokeMarks([], []);
  }, [choke]);
  const edges = choke?.edges.slice(0, more ? 25 : 6) ?? [];
  return (
    <section aria-label="Choke points" className="border-b border-line px-4 pt-3 pb-4">
      <h2 className={H2}>Choke points</h2>
      {!choke ? (
        <p className="mt-2 text-xs text-muted">{analysis.error ?? 'Computing…'}</p>
      ) : choke.edges.length === 0 ? (
        <p className="mt-2 text-xs text-muted">No AI integration reaches a crown jewel{analysis.whatIf ? ' with the cuts in place' : ''}: nothing to choke.</p>
      ) : (
        <>
          <p className="mt-1 text-2xs text-muted">
            Edges whose removal disconnects the most of the {choke.totalPairs} (AI integration, crown jewel) pairs. The top five are ringed on the graph.
          </p>
          <ol className="mt-2 space-y-1.5 text-xs">
            {edges.map((c, i) => (
              <li key={c.edge} className="flex items-center gap-2 rounded border border-line bg-panel-2 px-2 py-1.5">
                <span className="w-4 text-muted tabular-nums">{i + 1}</span>
                <span className="min-w-0 flex-1 break-words">
                  {nameOf(graph, c.source)} <span className="font-mono text-muted">—{c.kind}→</span> {nameOf(graph, c.target)}
                  <span className="block text-2xs text-muted">
                    {c.pairs} of {choke.totalPairs} pairs
                  </span>
                </span>
                <Button size="sm" onClick={() => addCuts([{ edge: c.edge, reason: `Choke point: disconnects ${c.pairs} (AI integration, crown jewel) pairs.` }])}>
                  Cut it
                </Button>
              </li>
            ))}
          </ol>
          {choke.nodes.length > 0 ? (
            <>
              <h3 className="mt-3 text-xs text-muted">Nodes</h3>
              <ol className="mt-1 space-y-1.5 text-xs">
                {choke.nodes.slice(0, 3).map((c) => (
                  <li key={c.node} className="flex items-center gap-2 rounded border border-line bg-panel-2 px-2 py-1.5">
                    <span className="min-w-0 flex-1 break-words">
                      {nameOf(graph, c.node)}
                      <span className="block text-2xs text-muted">{c.pairs} pairs</span>
                    </span>
                    <Button size="sm" onClick={() => addCuts([{ node: c.node, reason: `Choke point: disconnects ${c.pairs} (AI integration, crown jewel) pairs.` }])}>
                      Remove it
                    </Button>
                  </li>
                ))}
              </ol>
            </>
          ) : null}
          {choke.edges.length > 6 ? (
            <button type="button" onClick={() => setMore(!more)} className="mt-2 cursor-pointer text-xs text-muted underline hover:text-fg">
              {more ? 'Show fewer' : `Show ${Math.min(25, choke.edges.length) - 6} more`}
            </button>
          ) : null}
        </>
      )}
    </section>
  );
}

/** What the canvas draws; in redact mode its labels through the pseudonyms (as data, before any escaping) and no inventory name in the title. */
function currentScene(canvas: CanvasHandle | null, dataset: Dataset, full: boolean, pseudonyms: Redactor | null): SvgScene | null {
  if (!canvas) return null;
  const bg = getComputedStyle(document.documentElement).getPropertyValue('--canvas').trim() || '#0b0f14';
  const scene = canvas.scene({ full, background: bg, title: `Pathlight: ${outputLabel(dataset.label, pseudonyms)}` });
  if (!pseudonyms) return scene;
  return {
    ...scene,
    nodes: scene.nodes.map((n) => ({ ...n, label: pseudonyms.redact(n.label) })),
    edges: scene.edges.map((e) => (e.label !== undefined ? { ...e, label: pseudonyms.redact(e.label) } : e)),
  };
}

function currentSvg(canvas: CanvasHandle | null, dataset: Dataset, full: boolean, pseudonyms: Redactor | null): string | null {
  const scene = currentScene(canvas, dataset, full, pseudonyms);
  return scene ? renderSvg(scene) : null;
}

function Exports({ dataset, analysis, canvas }: { dataset: Dataset; analysis: ReviewAnalysis; canvas: CanvasHandle | null }): ReactElement {
  const redact = useReviewStore((s) => s.redact);
  // The redactor is built only when something redacted is written (it sorts every id of the inventory).
  const pseudonyms = (): Redactor => pseudonymsOf(dataset);
  const [note, setNote] = useState<string | null>(null);
  const fileInput = useRef<HTMLInputElement>(null);
  const base = fileSafe(redact ? pseudonyms().fileBase : dataset.label);

  const svg = (full: boolean): void => {
    const text = currentSvg(canvas, dataset, full, redact ? pseudonyms() : null);
    if (text) download(`pathlight-${base}${full ? '' : '-viewport'}.svg`, 'image/svg+xml', text);
  };
  const png = async (): Promise<void> => {
    if (!canvas) return;
    const bg = getComputedStyle(document.documentElement).getPropertyValue('--canvas').trim() || '#0b0f14';
    // The legend (kinds drawn, crown jewels, edge styles, cuts) goes under the picture, as in the SVG.
    const scene = canvas.scene({ full: true, background: bg });
    const picture = await composePng(canvas.png({ full: true, background: bg }), legendContent(scene), bg);
    download(`pathlight-${base}.png`, 'image/png', picture);
  };
  const report = async (): Promise<void> => {
    const s = useReviewStore.getState();
    const picture = currentSvg(canvas, dataset, true, redact ? pseudonyms() : null);
    setNote('Writing the report…');
    const plan = await remediationPlanOffThread(dataset, s.cuts, 'Remediation plan');
    setNote(null);
    const text = threatModelReport({
      label: dataset.label,
      graph: dataset.graph,
      findings: dataset.findings,
      cuts: s.cuts,
      decisions: s.decisions,
      reviewed: s.reviewed,
      choke: analysis.choke,
      plan,
      pseudonyms: redact ? pseudonyms() : null,
      ...(picture ? { svg: picture } : {}),
      date: stamp(),
    });
    download(`pathlight-threat-model-${base}-${stamp()}.md`, 'text/markdown', text);
  };
  const htmlReport = async (): Promise<void> => {
    const s = useReviewStore.getState();
    // The pictures as they are now, before the plan is computed (the view may move meanwhile).
    const scene = currentScene(canvas, dataset, false, redact ? pseudonyms() : null);
    const wholeScene = currentScene(canvas, dataset, true, redact ? pseudonyms() : null);
    setNote('Writing the report…');
    const plan = await remediationPlanOffThread(dataset, s.cuts, 'Remediation plan');
    setNote(null);
    const html = threatModelReportHtml({
      label: dataset.label,
      graph: dataset.graph,
      findings: dataset.findings,
      cuts: s.cuts,
      decisions: s.decisions,
      resolved: s.resolvedByCuts,
      reviewed: s.reviewed,
      choke: analysis.choke,
      plan,
      pseudonyms: redact ? pseudonyms() : null,
      ...(scene ? { scene } : {}),
      ...(wholeScene ? { wholeScene } : {}),
      generatedAt: new Date().toISOString(),
    });
    download(`pathlight-threat-model-${base}-${stamp()}.html`, 'text/html', html);
  };
  const exportDecisions = (): void => {
    const s = useReviewStore.getState();
    download(`pathlight-decisions-${base}.json`, 'application/json', serializeDecisions(s.decisions, s.decisionsFor ?? '', redact ? pseudonyms() : null));
  };
  const importDecisions = async (file: File): Promise<void> => {
    try {
      // A redacted export names nodes by pseudonym: they are mapped back against this inventory.
      const byPseudonym = new Map([...pseudonyms().nodes].map(([id, name]) => [name, id] as const));
      const parsed = parseDecisions(await file.text(), (name) => byPseudonym.get(name));
      const s = useReviewStore.getState();
      s.setDecisions(s.decisionsFor ?? '', { ...s.decisions, ...parsed.decisions });
      setNote(`Imported ${Object.keys(parsed.decisions).length} decision(s)${parsed.skipped ? `, ${parsed.skipped} skipped` : ''}.`);
    } catch (e) {
      setNote(e instanceof Error ? e.message : String(e));
    }
  };

  return (
    <section aria-label="Exports" className="border-b border-line px-4 pt-3 pb-4">
      <h2 className={H2}>Exports</h2>
      <p className="mt-1 text-2xs text-muted">{redact ? 'Redact is on: names and ids are replaced in every export.' : 'Turn on Redact (top bar) before sharing outside.'}</p>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button size="sm" icon="image" onClick={() => svg(true)}>
          SVG
        </Button>
        <Button size="sm" variant="ghost" onClick={() => svg(false)}>
          SVG (viewport)
        </Button>
        <Button size="sm" icon="image" onClick={() => void png()}>
          PNG
        </Button>
        <Button size="sm" icon="copy" onClick={() => void report()} title="Markdown, one file: scope, findings and decisions, plan, picture">
          Threat-model report
        </Button>
        <Button size="sm" icon="copy" onClick={() => void htmlReport()} title="One self-contained HTML file: opens in any browser, prints cleanly">
          HTML report
        </Button>
      </div>
      <div className="mt-2 flex flex-wrap gap-2">
        <Button size="sm" variant="ghost" onClick={exportDecisions}>
          Export decisions
        </Button>
        <Button size="sm" variant="ghost" onClick={() => fileInput.current?.click()}>
          Import decisions
        </Button>
        <input
          ref={fileInput}
          type="file"
          accept="application/json,.json"
          className="hidden"
          data-testid="decisions-file-input"
          onChange={(e) => {
            const f = e.target.files?.[0];
            if (f) void importDecisions(f);
            e.target.value = '';
          }}
        />
      </div>
      {note ? (
        <output className="mt-2 block text-2xs text-muted">{note}</output>
      ) : null}
    </section>
  );
}

export function ReviewPanel({
  dataset,
  path,
  canvas,
}: {
  dataset: Dataset;
  path: { from: string; to: string; edges: readonly string[]; found?: boolean } | null;
  /** The explorer's canvas, for the picture exports. */
  canvas: CanvasHandle | null;
}): ReactElement {
  const cuts = useReviewStore((s) => s.cuts);
  const focus = useReviewStore((s) => s.focus);
  const node = useAppStore((s) => s.view.node);
  // The findings it resolves are published with the analysis after the cuts (review-effects.tsx), for every view.
  const analysis = useReviewAnalysis(dataset, cuts, node ?? focus);
  return (
    <div data-review="">
      <WhatIf dataset={dataset} analysis={analysis} />
      {path && path.edges.length > 0 ? (
        <div className="border-b border-line px-4 py-2">
          <Button size="sm" icon="route" onClick={() => walkPath(dataset.graph, path)}>
            Walk through this path
          </Button>
        </div>
      ) : null}
      <ChokePointsSection dataset={dataset} analysis={analysis} />
      <Exports dataset={dataset} analysis={analysis} canvas={canvas} />
    </div>
  );
}
