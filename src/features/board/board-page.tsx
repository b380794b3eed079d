/**
 * The executive risk board: one page a CISO reads in a minute, prints on one or two sheets, and exports
 * as Markdown. Every figure links back to the explorer view that backs it. Inventory labels are rendered
 * as text only. With what-if cuts applied every figure is after the cuts (the analysis the review worker
 * published, see store/effective-store.ts), a banner says so, and the headline shows before → after.
 */
import { useMemo, useState } from 'react';
import type { MouseEvent, ReactElement, ReactNode } from 'react';

import { Button } from '../../components/ui/button.tsx';
import type { InventoryGraph } from '../../graph/index.ts';
import { cutMask } from '../../graph/what-if.ts';
import type { Cut } from '../../graph/what-if.ts';
import { formatCount, plural } from '../../lib/format.ts';
import { redactorOf } from '../../lib/redaction.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { useEffectiveAnalysis } from '../../store/effective-store.ts';
import type { EffectiveAnalysis } from '../../store/effective-store.ts';
import { SAMPLE_URL, loadUrl } from '../../store/load-actions.ts';
import { useReviewStore } from '../../store/review-store.ts';
import { writeCutsParam } from '../review/cuts-param.ts';
import { WhatIfNotice } from '../review/what-if-notice.tsx';

import { FrameworksByEdition, LensRows } from './lens-cards.tsx';
import { loadSnapshot } from './load-snapshot.ts';
import { ChartDefs, Ring, SEVERITY_FILL, SEVERITY_LABEL, StackedBar, Swatch, severitySegments, severityText } from './charts.tsx';
import { buildBoard } from './view-models/board-model.ts';
import type { BoardModel, BreakdownRow, Confidence, TopCut, TopRisk } from './view-models/board-model.ts';
import { SEVERITY_ORDER } from './view-models/board-model.ts';
import { FRESHNESS_TEXT, LEVEL_TEXT, ageText, formatDate, percent, shrinkPercent } from './view-models/format.ts';
import { explorerHref, explorerView } from './view-models/links.ts';
import type { ExplorerLink } from './view-models/links.ts';
import { boardMarkdown } from './view-models/markdown.ts';
import { capitalize, cutAction, nodeName } from '../../lib/plain-language.ts';
import { useServerTrend } from '../server/server-mode.tsx';

import { computeTrend, olderFirst, snapshotChanges } from './view-models/trend.ts';
import type { SnapshotSide, Trend } from './view-models/trend.ts';

interface OtherSnapshot {
  readonly base: Dataset;
  readonly side: SnapshotSide;
  readonly model: BoardModel;
}

// ---------------------------------------------------------------------------------------------------------
// Small building blocks

/** A link to the explorer: a real href (new tab, print), handled in place on a plain click. */
function ToExplorer({ link, children, className = '', label }: { link: ExplorerLink | null; children: ReactNode; className?: string; label?: string }): ReactElement {
  const source = useAppStore((s) => s.view.source);
  const setView = useAppStore((s) => s.setView);
  // A link opened in a new tab keeps the what-if cuts (a plain click keeps them anyway).
  const cutsQuery = useReviewStore((s) => (s.cuts.length ? writeCutsParam('', s.cuts) : ''));
  if (!link) return <span className={className}>{children}</span>;
  const onClick = (e: MouseEvent<HTMLAnchorElement>): void => {
    if (e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    e.preventDefault();
    setView(explorerView(link, source));
  };
  return (
    <a
      href={`${explorerHref(link, source)}${cutsQuery ? `&${cutsQuery}` : ''}`}
      onClick={onClick}
      aria-label={label}
      className={`rounded-sm underline decoration-line-strong decoration-1 underline-offset-[3px] hover:decoration-accent print:no-underline ${className}`}
    >
      {children}
    </a>
  );
}

function Card({ title, aside, children, className = '', label }: { title: string; aside?: ReactNode; children: ReactNode; className?: string; label?: string }): ReactElement {
  return (
    <section aria-label={label ?? title} className={`board-card flex min-w-0 flex-col rounded-xl border border-line bg-panel p-4 print:rounded-md print:p-2.5 ${className}`}>
      <header className="mb-3 flex items-baseline justify-between gap-3 print:mb-1.5">
        <h2 className="text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">{title}</h2>
        {aside ? <div className="text-2xs text-faint">{aside}</div> : null}
      </header>
      {children}
    </section>
  );
}

function SeverityTag({ severity }: { severity: TopRisk['severity'] }): ReactElement {
  const tone = severity === 'critical' ? 'border-danger text-danger' : severity === 'high' ? 'border-warn text-warn' : 'border-line-strong text-muted';
  return (
    <span className={`inline-flex h-5 shrink-0 items-center gap-1 rounded border px-1.5 text-[10px] font-bold tracking-wider uppercase ${tone}`}>
      <Swatch fill={SEVERITY_FILL[severity]} />
      {SEVERITY_LABEL[severity]}
    </span>
  );
}

function SeverityLegend(): ReactElement {
  return (
    <ul className="flex flex-wrap items-center gap-x-3 gap-y-1 text-2xs text-muted" aria-label="Severity legend">
      {SEVERITY_ORDER.map((s) => (
        <li key={s} className="flex items-center gap-1">
          <Swatch fill={SEVERITY_FILL[s]} />
          {SEVERITY_LABEL[s]}
        </li>
      ))}
    </ul>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Headline

function Kpi({
  label,
  value,
  before,
  link,
  linkLabel,
  children,
}: {
  label: string;
  value: ReactNode;
  /** The figure before the what-if cuts, shown as "before →" ahead of the value. */
  before?: ReactNode;
  link: ExplorerLink | null;
  linkLabel: string;
  children: ReactNode;
}): ReactElement {
  return (
    // oxlint-disable-next-line jsx-a11y/prefer-tag-over-role -- a KPI tile is a named group, not a form fieldset
    <div className="flex min-w-0 flex-col gap-1.5 rounded-xl border border-line bg-panel p-4 print:rounded-md print:p-2.5" role="group" aria-label={label}>
      <p className="text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">{label}</p>
      <p className="text-[30px] leading-none font-semibold tracking-tight tabular-nums print:text-[22px]">
        {before !== undefined ? (
          <span className="mr-1.5 text-[18px] font-normal text-faint print:text-[14px]" data-testid="kpi-before" title="Before the what-if cuts">
            <span className="sr-only">before the cuts </span>
            {before}
            <span aria-hidden="true"> →</span>
            <span className="sr-only">, after the cuts</span>
          </span>
        ) : null}
        <ToExplorer link={link} label={linkLabel} className="no-underline hover:underline">
          {value}
        </ToExplorer>
      </p>
      <div className="min-w-0 text-xs text-muted">{children}</div>
    </div>
  );
}

function Headline({ model, before }: { model: BoardModel; before?: BoardModel }): ReactElement {
  const h = model.headline;
  const ai = h.ai;
  const b = before?.headline;
  return (
    <div className="board-kpis grid grid-cols-4 gap-3 max-lg:grid-cols-2 print:gap-2" data-testid="board-headline">
      <Kpi label="AI integrations" value={formatCount(ai.total)} link={{ overview: true }} linkLabel={`${ai.total} AI integrations: open the explorer`}>
        <StackedBar
          label={`${ai.sanctioned} sanctioned, ${ai.unsanctioned} unsanctioned, ${ai.unstated} not stated`}
          segments={[
            { value: ai.sanctioned, fill: 'url(#pl-known)', label: 'Sanctioned' },
            { value: ai.unsanctioned, fill: 'url(#pl-solid)', label: 'Unsanctioned' },
            { value: ai.unstated, fill: 'url(#pl-hatch)', label: 'Not stated' },
          ]}
        />
        <p className="mt-1.5 flex flex-wrap gap-x-2.5 gap-y-0.5 text-2xs">
          <span className="flex items-center gap-1">
            <Swatch fill="url(#pl-known)" />
            {ai.sanctioned} sanctioned
          </span>
          <span className="flex items-center gap-1 font-semibold text-fg">
            <Swatch fill="url(#pl-solid)" />
            <ToExplorer link={ai.unsanctionedNodes[0] ? { node: ai.unsanctionedNodes[0] } : null}>{ai.unsanctioned} unsanctioned</ToExplorer>
          </span>
          <span className="flex items-center gap-1">
            <Swatch fill="url(#pl-hatch)" />
            {ai.unstated} not stated
          </span>
        </p>
      </Kpi>
      <Kpi
        label="Critical or high risk"
        value={
          <>
            {h.flagged.count}
            <span className="text-base font-normal text-muted"> of {ai.total}</span>
          </>
        }
        {...(b ? { before: b.flagged.count } : {})}
        link={h.flagged.link}
        linkLabel={`${h.flagged.count} AI integrations with a critical or high toxic combination: open the top one in the explorer`}
      >
        <p>AI integrations carrying a critical or high toxic combination</p>
        <p className="mt-1 flex gap-3 text-2xs">
          <span className="flex items-center gap-1">
            <Swatch fill={SEVERITY_FILL.critical} />
            {h.flagged.critical} critical
          </span>
          <span className="flex items-center gap-1">
            <Swatch fill={SEVERITY_FILL.high} />
            {h.flagged.high} high
          </span>
        </p>
      </Kpi>
      <Kpi
        label="Crown jewels exposed"
        value={percent(h.crownJewels.share)}
        {...(b ? { before: percent(b.crownJewels.share) } : {})}
        link={h.crownJewels.link}
        linkLabel={`${percent(h.crownJewels.share)} of crown jewels reachable from AI: open the integration that reaches the most`}
      >
        <div className="flex items-center gap-3">
          <Ring share={h.crownJewels.share} size={44} label={`${h.crownJewels.reachable} of ${h.crownJewels.total} crown jewels reachable`} />
          <p>
            {h.crownJewels.reachable} of {h.crownJewels.total} crown jewels are reachable from at least one AI integration
          </p>
        </div>
      </Kpi>
      <Kpi
        label="Largest blast radius"
        value={h.largestBlast ? `${formatCount(h.largestBlast.reached)} nodes` : '0'}
        {...(b ? { before: formatCount(b.largestBlast?.reached ?? 0) } : {})}
        link={h.largestBlast?.link ?? null}
        linkLabel={h.largestBlast ? `Largest blast radius: ${h.largestBlast.name}, open in the explorer` : ''}
      >
        {h.largestBlast ? (
          <p>
            <span className="font-medium text-fg">{h.largestBlast.name}</span> reaches {percent(h.largestBlast.share)} of the estate, {plural(h.largestBlast.crownJewels, 'crown jewel')}
          </p>
        ) : (
          <p>No AI integration reaches anything.</p>
        )}
        {b?.largestBlast && b.largestBlast.node !== h.largestBlast?.node ? (
          <p className="mt-0.5 text-2xs text-faint">
            Before the cuts: {b.largestBlast.name}, {formatCount(b.largestBlast.reached)} nodes
          </p>
        ) : null}
      </Kpi>
    </div>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Risks and cuts

function Risks({ risks }: { risks: readonly TopRisk[] }): ReactElement {
  if (risks.length === 0) return <p className="text-sm text-muted">No toxic combination was found in this inventory.</p>;
  return (
    <ol className="flex flex-col divide-y divide-line" aria-label="Top risks">
      {risks.map((r, i) => (
        <li key={r.node} data-node={r.node} data-rule={r.rule} className="flex gap-3 py-2.5 first:pt-0 last:pb-0 print:py-1.5">
          <span className="w-4 shrink-0 pt-0.5 text-right text-xs font-semibold text-faint tabular-nums">{i + 1}</span>
          <div className="min-w-0 flex-1">
            {/* The combination by the name people recognise, then the plain sentence, once. */}
            <div className="flex items-center gap-2">
              <SeverityTag severity={r.severity} />
              <h3 className="text-[13.5px] leading-snug font-semibold print:text-[11px]" title={r.detail}>
                {r.ruleName}
              </h3>
            </div>
            <p className="mt-1 text-[13px] leading-snug print:text-[10px]">
              <ToExplorer link={r.link}>{r.sentence}</ToExplorer>
            </p>
            {r.fix ? (
              <p className="mt-1 text-xs leading-snug print:text-[9.5px]">
                <span className="font-semibold text-ok">Cheapest fix:</span> {r.fix}
                {r.more > 0 ? <span className="text-faint"> · {plural(r.more, 'more finding')} on this integration</span> : null}
              </p>
            ) : null}
          </div>
        </li>
      ))}
    </ol>
  );
}

function Cuts({ cuts }: { cuts: readonly TopCut[] }): ReactElement {
  if (cuts.length === 0) return <p className="text-sm text-muted">No single change closes a toxic combination.</p>;
  const maxShrink = Math.max(1, ...cuts.map((c) => c.reachBefore - c.reachAfter));
  return (
    <ol className="flex flex-col gap-3 print:gap-1.5" aria-label="Top cuts">
      {cuts.map((c, i) => {
        const shrink = c.reachBefore - c.reachAfter;
        return (
          <li key={c.action} className="flex gap-3">
            <span className="w-4 shrink-0 pt-0.5 text-right text-xs font-semibold text-faint tabular-nums">{i + 1}</span>
            <div className="min-w-0 flex-1">
              <p className="text-[13px] leading-snug font-medium print:text-[10.5px]">
                <ToExplorer link={c.link}>{c.action}</ToExplorer>
              </p>
              <div className="mt-1 grid grid-cols-[minmax(0,1fr)_9.5rem] items-center gap-x-3 gap-y-1 text-2xs text-muted print:grid-cols-[minmax(0,1fr)_8.5rem]">
                <StackedBar label={`Closes ${severityText(c.closes)}`} segments={severitySegments(c.closes)} max={Math.max(...cuts.map((x) => x.closesTotal), 1)} height={8} />
                <span className="tabular-nums">closes {severityText(c.closes)}</span>
                <StackedBar
                  label={`Total AI reach shrinks by ${shrink} nodes`}
                  segments={[{ value: shrink, fill: 'url(#pl-hatch)', label: 'Reach removed' }]}
                  max={maxShrink}
                  height={8}
                />
                <span className="tabular-nums">
                  {shrink > 0 ? `reach −${formatCount(shrink)} (${shrinkPercent(c.reachBefore, c.reachAfter)})` : 'reach unchanged'}
                </span>
              </div>
            </div>
          </li>
        );
      })}
    </ol>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Breakdowns

function Breakdown({ rows, label, empty }: { rows: readonly BreakdownRow[]; label: string; empty: string }): ReactElement {
  if (rows.length === 0) return <p className="text-sm text-muted">{empty}</p>;
  const max = Math.max(...rows.map((r) => r.total));
  return (
    <table className="w-full table-fixed border-collapse text-xs" aria-label={label}>
      <thead className="sr-only">
        <tr>
          <th>Name</th>
          <th>Findings by severity</th>
          <th>Count</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.key}>
            <td className="w-[44%] truncate py-1 pr-2 align-middle print:whitespace-normal" title={r.note ? `${r.label}, ${r.note}` : r.label}>
              <ToExplorer link={r.link}>{r.label}</ToExplorer>
              {r.note ? <span className="text-faint print:hidden"> · {r.note}</span> : null}
            </td>
            <td className="py-1 align-middle">
              <StackedBar label={`${r.label}: ${severityText(r.findings)}`} segments={severitySegments(r.findings)} max={max} height={10} />
            </td>
            <td className="w-[5.5rem] py-1 pl-2 text-right align-middle whitespace-nowrap text-muted tabular-nums">
              <span className="font-semibold text-fg">{r.total}</span> <span className="text-faint">· {r.nodes} AI</span>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Trend and confidence

function signed(n: number, unit = ''): string {
  return `${n > 0 ? '+' : n < 0 ? '−' : '±'}${Math.abs(n)}${unit}`;
}

function TrendView({ trend }: { trend: Trend }): ReactElement {
  if (trend.kind === 'none')
    return (
      <p className="text-xs leading-relaxed text-muted" data-testid="board-trend">
        {trend.message}
      </p>
    );
  const d = trend.delta;
  return (
    <div data-testid="board-trend" className="flex flex-col gap-2">
      <table className="w-full text-xs tabular-nums" aria-label="Headline figures per snapshot">
        <thead>
          <tr className="text-left text-2xs text-faint">
            <th className="py-0.5 font-normal">Snapshot</th>
            <th className="py-0.5 pl-2 text-right font-normal">AI</th>
            <th className="py-0.5 pl-2 text-right font-normal">Crit./high</th>
            <th className="py-0.5 pl-2 text-right font-normal">Jewels exposed</th>
            <th className="py-0.5 pl-2 text-right font-normal">Largest radius</th>
          </tr>
        </thead>
        <tbody>
          {trend.points.map((p, i) => (
            <tr key={`${i}-${p.label}`} className="border-t border-line">
              <td className="py-1 pr-2 whitespace-nowrap" title={p.label}>
                {formatDate(p.generatedAt)}
              </td>
              <td className="py-1 pl-2 text-right">{p.aiIntegrations}</td>
              <td className="py-1 pl-2 text-right">{p.flagged}</td>
              <td className="py-1 pl-2 text-right">{percent(p.crownJewelShare)}</td>
              <td className="py-1 pl-2 text-right">{p.largestBlast}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="text-2xs text-muted">
        Change: AI {signed(d.aiIntegrations)}, critical or high {signed(d.flagged)}, crown jewels exposed {signed(Math.round(d.crownJewelShare * 100), ' pts')}, largest radius {signed(d.largestBlast)}.
      </p>
      {trend.changes.length > 0 ? (
        <ul className="board-changes list-disc pl-4 text-2xs leading-snug text-muted" aria-label="What changed">
          {trend.changes.map((c, i) => (
            <li key={i}>{c}</li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

function Meter({ label, unknown, total, example }: { label: string; unknown: number; total: number; example: string | null }): ReactElement {
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_5rem_3.5rem] items-center gap-2 text-xs">
      <span className="truncate">{label}</span>
      <StackedBar
        label={`${label}: ${unknown} of ${total} unknown`}
        segments={[
          { value: total - unknown, fill: 'url(#pl-known)', label: 'Known' },
          { value: unknown, fill: 'url(#pl-hatch)', label: 'Unknown' },
        ]}
        height={8}
      />
      <span className="text-right tabular-nums text-muted">
        <ToExplorer link={example && unknown > 0 ? { node: example } : null}>
          {unknown}/{total}
        </ToExplorer>
      </span>
    </div>
  );
}

function ConfidenceView({ c }: { c: Confidence }): ReactElement {
  return (
    <div className="flex flex-col gap-1.5" data-testid="board-confidence">
      <p className="text-xs">
        Snapshot <span className="font-medium">{formatDate(c.snapshot.generatedAt)}</span>, {ageText(c.snapshot)}: {FRESHNESS_TEXT[c.snapshot.freshness]}.
      </p>
      <Meter label="Data stores without a sensitivity label" unknown={c.dataStores.unknown} total={c.dataStores.total} example={c.dataStores.example} />
      <Meter label="Tools with undeclared capabilities" unknown={c.tools.unknown} total={c.tools.total} example={c.tools.example} />
      <Meter label="AI integrations without an owner" unknown={c.aiOwners.unknown} total={c.aiOwners.total} example={c.aiOwners.example} />
      <p className="flex items-center gap-3 text-2xs text-faint">
        <span className="flex items-center gap-1">
          <Swatch fill="url(#pl-known)" /> known
        </span>
        <span className="flex items-center gap-1">
          <Swatch fill="url(#pl-hatch)" /> unknown
        </span>
      </p>
      {c.reasons.length > 0 ? (
        <ul className="mt-0.5 list-disc pl-4 text-2xs leading-snug text-muted">
          {c.reasons.map((r) => (
            <li key={r}>{r}</li>
          ))}
        </ul>
      ) : (
        <p className="text-2xs text-muted">Every data store is labelled, every tool declares its capabilities and every AI integration has an owner.</p>
      )}
    </div>
  );
}

function LevelBadge({ level }: { level: Confidence['level'] }): ReactElement {
  const marks = level === 'high' ? 3 : level === 'medium' ? 2 : 1;
  return (
    <span className="inline-flex items-center gap-1.5 rounded-full border border-line-strong px-2 py-0.5 text-2xs font-medium" data-testid="board-confidence-level">
      <span aria-hidden="true" className="flex gap-0.5">
        {[1, 2, 3].map((i) => (
          <span key={i} className={`inline-block h-2 w-1 rounded-[1px] ${i <= marks ? 'bg-fg' : 'border border-line-strong'}`} />
        ))}
      </span>
      {LEVEL_TEXT[level]}
    </span>
  );
}

// ---------------------------------------------------------------------------------------------------------
// Page

function download(name: string, text: string): void {
  const url = URL.createObjectURL(new Blob([text], { type: 'text/markdown;charset=utf-8' }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

/** The what-if state of a board: its figures are after `cuts`; `before` is the board of the inventory as loaded. */
export interface BoardWhatIf {
  readonly before: BoardModel;
  /** The cuts in plain words, in order. */
  readonly cuts: readonly string[];
  /** `cuts=` for links, so they open the explorer with the same cuts. */
  readonly cutsQuery: string;
  readonly effective: EffectiveAnalysis;
}

export function BoardView({
  model,
  trend,
  now,
  trendExtra,
  whatIf,
}: {
  model: BoardModel;
  trend: Trend;
  now: number;
  trendExtra?: ReactNode;
  whatIf?: BoardWhatIf | null;
}): ReactElement {
  const source = useAppStore((s) => s.view.source);
  const cut = whatIf && whatIf.cuts.length > 0 ? whatIf : null;
  const exportMarkdown = (): void => {
    const dataset = useAppStore.getState().dataset;
    const md = boardMarkdown(model, {
      baseUrl: `${window.location.origin}${window.location.pathname}`,
      source,
      redact: useReviewStore.getState().redact && dataset ? redactorOf(dataset) : null,
      trend,
      ...(cut ? { whatIf: { before: cut.before, cuts: cut.cuts, cutsQuery: cut.cutsQuery } } : {}),
    });
    download(`pathlight-risk-board-${new Date(now).toISOString().slice(0, 10)}.md`, md);
  };
  const c = model.counts;
  return (
    <section aria-label="Risk board" className="risk-board mx-auto flex w-full max-w-[1240px] flex-col gap-3 px-6 py-5 print:max-w-none print:gap-2 print:px-0.5 print:py-0">
      <ChartDefs />
      <header className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <p className="text-2xs font-semibold tracking-[0.12em] text-accent uppercase print:text-fg">Pathlight · AI risk board{cut ? ' · what-if' : ''}</p>
          <h1 className="mt-0.5 truncate text-[22px] font-semibold tracking-tight print:text-[17px]">{model.source ?? model.label}</h1>
          <p className="mt-1 flex flex-wrap items-center gap-x-2 gap-y-1 text-xs text-muted">
            <span>Snapshot {formatDate(model.generatedAt)}</span>
            <span aria-hidden="true">·</span>
            <span>
              {formatCount(c.nodes)} nodes, {formatCount(c.edges)} edges
            </span>
            <span aria-hidden="true">·</span>
            <span>
              {plural(c.findingsTotal, 'toxic combination')} ({severityText(c.findings)}){cut ? ` after the cuts, ${cut.before.counts.findingsTotal} as loaded` : ''}
            </span>
            <LevelBadge level={model.confidence.level} />
          </p>
        </div>
        <div className="no-print flex items-center gap-2">
          <Button icon="copy" onClick={exportMarkdown}>
            Export Markdown
          </Button>
          <Button variant="primary" onClick={() => window.print()}>
            Print or save PDF
          </Button>
        </div>
      </header>

      {whatIf ? (
        <div className="flex flex-col gap-1 empty:hidden print:gap-0.5" data-testid="board-what-if">
          <WhatIfNotice effective={whatIf.effective} />
          {cut ? (
            <ol className="flex flex-wrap gap-x-4 gap-y-0.5 px-3 text-2xs leading-snug text-muted print:px-1 print:text-[8.5px]" aria-label="What-if cuts">
              {cut.cuts.map((t, i) => (
                <li key={i}>
                  <span className="tabular-nums">{i + 1}.</span> {t}
                </li>
              ))}
            </ol>
          ) : null}
        </div>
      ) : null}
      {model.findingsError !== null ? (
        <p role="alert" className="rounded-lg border border-danger/50 bg-danger/10 px-4 py-2.5 text-sm text-danger">
          The toxic-combination rules could not be evaluated ({model.findingsError}). Risk figures below are missing, not zero.
        </p>
      ) : null}
      <Headline model={model} {...(cut ? { before: cut.before } : {})} />

      <div className="grid grid-cols-12 gap-3 print:gap-2">
        <Card title="Top risks" aside="Highest-ranked finding per AI integration" className="pspan-7 col-span-7 max-lg:col-span-12">
          <Risks risks={model.topRisks} />
        </Card>
        <Card title="Top cuts" aside={model.topCuts[0]?.method === 'witness' ? 'Estimated on witness paths (large inventory)' : 'Re-checked with the rule engine'} className="pspan-5 col-span-5 max-lg:col-span-12">
          <Cuts cuts={model.topCuts} />
          {model.topCuts.length > 0 ? (
            <p className="mt-3 text-2xs text-faint print:mt-1.5">
              Reach is the sum of every AI integration’s blast radius: {formatCount(model.topCuts[0]!.reachBefore)} nodes {cut ? 'with the what-if cuts in place; each change here comes on top of them' : 'today'}.
            </p>
          ) : null}
        </Card>
      </div>

      <div className="board-break grid grid-cols-12 gap-3 print:gap-2">
        <Card title="Risk by business unit" aside={<SeverityLegend />} className="pspan-6 col-span-6 max-lg:col-span-12">
          <Breakdown rows={model.byUnit} label="Findings by business unit" empty="No findings." />
        </Card>
        <Card title="Risk by owner" aside="Findings · AI integrations involved" className="pspan-6 col-span-6 max-lg:col-span-12">
          <Breakdown rows={model.byOwner} label="Findings by owner" empty="No findings." />
        </Card>
        <Card title="Risk by framework" aside="Bars show findings; pattern shows the worst severity" className="col-span-12">
          <FrameworksByEdition model={model} Link={ToExplorer} />
        </Card>
        <Card title="Risk by lifecycle stage" aside={<span className="print:hidden">Findings by severity; open a row for its findings</span>} className="pspan-6 col-span-6 max-lg:col-span-12">
          <LensRows rows={model.lenses.lifecycle} label="Findings by lifecycle stage" Link={ToExplorer} />
        </Card>
        <Card title="Risk by enterprise risk category" aside={<span className="print:hidden">Findings by severity; open a row for its findings</span>} className="pspan-6 col-span-6 max-lg:col-span-12">
          <LensRows rows={model.lenses.riskCategory} label="Findings by enterprise risk category" Link={ToExplorer} />
        </Card>
        <Card title="Trend" className="pspan-5 col-span-5 max-lg:col-span-12">
          <TrendView trend={trend} />
          {cut ? <p className="mt-2 text-2xs text-faint">Snapshots are compared as loaded, without the what-if cuts.</p> : null}
          {trendExtra}
        </Card>
        <Card title="Data confidence" aside={<LevelBadge level={model.confidence.level} />} className="pspan-7 col-span-7 max-lg:col-span-12">
          <ConfidenceView c={model.confidence} />
        </Card>
      </div>
      <p className="text-2xs text-faint">
        Computed in your browser from {model.label} on {formatDate(new Date(now).toISOString())}
        {cut ? `, with ${plural(cut.cuts.length, 'what-if cut')} applied (not the estate as it is)` : ''}. Findings come from the toxic-combination rules in strict mode: a missing fact never raises a finding, so low confidence means risk may be under-reported.
      </p>
    </section>
  );
}

export function BoardEmptyState(): ReactElement {
  return (
    <section aria-label="Risk board" className="flex flex-1 items-center justify-center p-8">
      <div className="flex w-[30rem] max-w-full flex-col items-center rounded-2xl border border-dashed border-line-strong bg-panel px-10 py-10 text-center">
        <svg width="124" height="64" viewBox="0 0 124 64" aria-hidden="true" className="mb-5">
          <rect x="4" y="40" width="16" height="20" rx="2" fill="var(--raised)" stroke="var(--line-strong)" />
          <rect x="28" y="28" width="16" height="32" rx="2" fill="var(--raised)" stroke="var(--line-strong)" />
          <rect x="52" y="12" width="16" height="48" rx="2" fill="var(--raised)" stroke="var(--line-strong)" strokeDasharray="3 2" />
          <circle cx="98" cy="32" r="20" fill="none" stroke="var(--raised)" strokeWidth="8" />
          <path d="M98 12a20 20 0 0 1 19 14" fill="none" stroke="var(--accent)" strokeWidth="8" />
        </svg>
        <h1 className="text-lg font-semibold">No inventory loaded</h1>
        <p className="mt-2 text-sm leading-relaxed text-muted">
          The risk board summarises an inventory for executives: AI integrations, their worst toxic combinations, the cheapest fixes and how far to trust the data. Open an inventory from the top bar or drop files anywhere.
        </p>
        <Button variant="primary" className="mt-5" onClick={() => void loadUrl(SAMPLE_URL)}>
          Open the sample estate
        </Button>
      </div>
    </section>
  );
}

/** A cut in the board's plain words: "Remove the tool “send_email” from Finance assistant". */
function cutWords(graph: InventoryGraph, c: Cut): string {
  if ('edge' in c) return capitalize(cutAction(graph, [c.edge]));
  return graph.index.nodeIndex.has(c.node) ? `Remove ${nodeName(graph, c.node)} and all of its access` : `Remove node ${c.node} (not in this inventory)`;
}

export function BoardPage({ dataset }: { dataset: Dataset | null }): ReactElement {
  // The board is a report of one moment: ages are measured against the time it was opened.
  const [now] = useState(() => Date.now());
  // The inventory as loaded: the board when no cut is applied, the "before" of a what-if board, and the trend.
  const loaded = useMemo(
    () =>
      dataset
        ? buildBoard(
            {
              label: dataset.label,
              inventory: dataset.inventory,
              graph: dataset.graph,
              summaries: dataset.summaries,
              findings: dataset.findings,
              ...(dataset.findingsError !== undefined ? { findingsError: dataset.findingsError } : {}),
            },
            { now },
          )
        : null,
    [dataset, now],
  );
  // After the what-if cuts: the summaries and findings the review worker computed, reach with the cut edges off.
  const effective = useEffectiveAnalysis(dataset);
  const applied = effective.applied;
  const afterCuts = useMemo(() => {
    if (!dataset || applied.length === 0) return null;
    const { mask } = cutMask(dataset.graph, applied);
    return buildBoard(
      {
        label: dataset.label,
        inventory: dataset.inventory,
        graph: dataset.graph,
        summaries: effective.summaries,
        findings: effective.findings,
        ...(effective.findingsError !== undefined ? { findingsError: effective.findingsError } : {}),
      },
      { now, disabledEdges: mask },
    );
  }, [dataset, applied, effective.summaries, effective.findings, effective.findingsError, now]);
  const model = afterCuts ?? loaded;
  const whatIf = useMemo((): BoardWhatIf | null => {
    if (!dataset || !loaded || (effective.cuts.length === 0 && !effective.pending)) return null;
    return { before: loaded, cuts: applied.map((c) => cutWords(dataset.graph, c)), cutsQuery: writeCutsParam('', applied), effective };
  }, [dataset, loaded, applied, effective]);
  const [other, setOther] = useState<OtherSnapshot | null>(null);
  const [compareError, setCompareError] = useState<string | null>(null);
  // A comparison belongs to the inventory it was made against.
  const compared = other && dataset && other.base === dataset ? other : null;
  // Served by a Pathlight server: the trend is the server's snapshot history.
  const serverTrend = useServerTrend();
  const localTrend = useMemo(() => {
    if (!loaded || !dataset) return computeTrend([]);
    if (!compared) return computeTrend([loaded]);
    const [older, newer] = olderFirst({ inventory: dataset.inventory, graph: dataset.graph, findings: dataset.findings }, compared.side);
    return computeTrend([loaded, compared.model], snapshotChanges(older, newer));
  }, [loaded, dataset, compared]);
  const trend = compared || !serverTrend ? localTrend : serverTrend;
  if (!model || !dataset) return <BoardEmptyState />;

  const compare = async (file: File): Promise<void> => {
    setCompareError(null);
    // The same worker and importers as every load: any format Pathlight reads, not only its own.
    const read = await loadSnapshot(file);
    if (!read.ok) {
      setCompareError(read.message);
      return;
    }
    const { side } = read;
    setOther({ base: dataset, side, model: buildBoard({ label: read.label, ...side }, { now, maxCutCandidates: 0 }) });
  };

  const compareControl = (
    <div className="no-print mt-3 flex flex-wrap items-center gap-2">
      <label className="inline-flex h-7 cursor-pointer items-center rounded-md border border-line-strong bg-raised px-2 text-xs hover:border-faint focus-within:outline-2 focus-within:outline-focus-ring">
        {compared ? 'Compare with another snapshot…' : 'Compare with an earlier or later snapshot…'}
        <input
          type="file"
          accept=".json,application/json"
          className="sr-only"
          data-testid="board-compare-input"
          onChange={(e) => {
            const file = e.currentTarget.files?.[0];
            e.currentTarget.value = '';
            if (file) void compare(file);
          }}
        />
      </label>
      {compared ? (
        <Button size="sm" variant="ghost" onClick={() => setOther(null)}>
          Remove {compared.model.label}
        </Button>
      ) : null}
      {compareError ? (
        <p role="alert" className="w-full text-2xs text-danger">
          {compareError}
        </p>
      ) : null}
    </div>
  );
  return (
    <div className="board-scroll min-h-0 flex-1 overflow-y-auto">
      <div className={`transition-opacity ${effective.pending ? 'opacity-70' : ''}`} aria-busy={effective.pending}>
        <BoardView model={model} trend={trend} now={now} trendExtra={compareControl} whatIf={whatIf} />
      </div>
    </div>
  );
}
