/**
 * The Findings view (`?view=findings`): every finding of the loaded inventory in the engine's ranked order
 * (`dataset.findings`), filterable by severity, rule, lifecycle stage and risk category. A row opens the explorer on the finding's AI node
 * with its evidence lit, each leg in its own colour. Arrow keys, Home and End move between rows. With what-if
 * cuts applied it lists the findings after the cuts (a banner says so) and, folded below, those the cuts resolve.
 */
import { useMemo, useRef, useState } from 'react';
import type { KeyboardEvent, ReactElement } from 'react';

import { SEVERITIES, orderFindingsByRisk } from '../../graph/index.ts';
import { capitalize, cutAction, riskSentence } from '../../lib/plain-language.ts';
import type { Finding, InventoryGraph, Severity } from '../../graph/index.ts';
import { plural } from '../../lib/format.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { useEffectiveAnalysis } from '../../store/effective-store.ts';
import { WhatIfNotice } from '../review/what-if-notice.tsx';

import { LensFilter, NO_LENS_FILTER, matchesLens } from './lens-filter.tsx';
import type { LensFilterValue } from './lens-filter.tsx';

/** Severity tones that read in both themes (CSS variables of the theme). */
const SEVERITY_TONE: Record<Severity, string> = {
  critical: 'bg-danger/15 text-danger border-danger/40',
  high: 'bg-sev-high/15 text-sev-high border-sev-high/40',
  medium: 'bg-warn/15 text-warn border-warn/40',
  low: 'bg-raised text-muted border-line',
};

function nameOf(graph: InventoryGraph, id: string): string {
  return graph.nodes[graph.index.nodeIndex.get(id) ?? -1]?.name ?? id;
}

function cutText(graph: InventoryGraph, f: Finding): string {
  if (!f.cut) return '—';
  return f.cut.edges
    .map((id) => {
      const j = graph.index.edgeIndex.get(id);
      if (j === undefined) return id;
      const e = graph.edges[j]!;
      return `${nameOf(graph, e.source)} —${e.kind}→ ${nameOf(graph, e.target)}`;
    })
    .join('; ');
}

interface Row {
  readonly finding: Finding;
  readonly rank: number;
  readonly ruleLabel: string;
}

export function FindingsPage({ dataset }: { dataset: Dataset }): ReactElement {
  const { graph, rulesEvaluated } = dataset;
  const effective = useEffectiveAnalysis(dataset);
  const { findings, findingsError } = effective;
  const cut = effective.applied.length > 0;
  const selectNode = useAppStore((s) => s.selectNode);
  const setView = useAppStore((s) => s.setView);
  const showEvidence = useAppStore((s) => s.showEvidence);
  const [severities, setSeverities] = useState<ReadonlySet<Severity>>(new Set(SEVERITIES));
  const [rule, setRule] = useState<string>('');
  const [lens, setLens] = useState<LensFilterValue>(NO_LENS_FILTER);
  const listRef = useRef<HTMLOListElement>(null);

  const rows: Row[] = useMemo(
    () =>
      // The shared ranking (severity, crown jewels its node reaches, its radius): the sidebar's and board's order.
      orderFindingsByRisk(findings, effective.summaries).map((finding, i) => ({
        finding,
        rank: i + 1,
        ruleLabel: `${finding.ruleName ?? finding.rule}${finding.ruleRef ? ` (${finding.ruleRef})` : ''}`,
      })),
    [findings, effective.summaries],
  );
  const rules = useMemo(() => {
    const byId = new Map<string, { label: string; ref: string; count: number }>();
    for (const r of rows) {
      const cur = byId.get(r.finding.rule);
      if (cur) cur.count++;
      else byId.set(r.finding.rule, { label: r.ruleLabel, ref: r.finding.ruleRef ?? r.finding.rule, count: 1 });
    }
    return [...byId.entries()].sort((a, b) => a[1].ref.localeCompare(b[1].ref, 'en', { numeric: true }));
  }, [rows]);
  const sevCounts = useMemo(() => {
    const c: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const f of findings) c[f.severity]++;
    return c;
  }, [findings]);
  const shown = rows.filter((r) => severities.has(r.finding.severity) && (rule === '' || r.finding.rule === rule) && matchesLens(r.finding, lens));

  const open = (f: Finding): void => {
    selectNode(f.node);
    setView({ view: 'explorer', mode: 'reach' });
    showEvidence({ finding: f, leg: null, node: f.node, evidence: f.evidence });
  };

  const onKeyDown = (e: KeyboardEvent<HTMLButtonElement>): void => {
    const buttons = [...(listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-finding-row]') ?? [])];
    if (!buttons.length) return;
    const at = buttons.indexOf(document.activeElement as HTMLButtonElement);
    let next = -1;
    if (e.key === 'ArrowDown') next = at < 0 ? 0 : Math.min(buttons.length - 1, at + 1);
    else if (e.key === 'ArrowUp') next = at < 0 ? 0 : Math.max(0, at - 1);
    else if (e.key === 'Home') next = 0;
    else if (e.key === 'End') next = buttons.length - 1;
    if (next < 0) return;
    e.preventDefault();
    buttons[next]!.focus();
  };

  const toggleSeverity = (s: Severity): void =>
    setSeverities((cur) => {
      const n = new Set(cur);
      if (n.has(s)) n.delete(s);
      else n.add(s);
      return n;
    });

  let body: ReactElement;
  if (findingsError) body = <p className="text-sm text-danger">The toxic-combination rules failed to run: {findingsError}</p>;
  else if (findings.length === 0)
    body = (
      <p className="text-sm text-muted">
        No toxic combinations fire in this inventory{cut ? ' with the what-if cuts in place' : ''} ({plural(rulesEvaluated, 'rule')} evaluated, strict mode).
      </p>
    );
  else if (shown.length === 0) body = <p className="text-sm text-muted">No finding matches these filters.</p>;
  else
    body = (
      <ol
        ref={listRef}
        aria-label="Ranked findings"
        aria-busy={effective.pending}
        className={`divide-y divide-line rounded-lg border border-line bg-panel transition-opacity ${effective.pending ? 'opacity-60' : ''}`}
      >
        {shown.map((r, i) => {
          const f = r.finding;
          return (
            <li key={`${f.rule}-${f.node}-${r.rank}`}>
              <button
                type="button"
                data-finding-row=""
                data-rule={f.rule}
                data-node={f.node}
                tabIndex={i === 0 ? 0 : -1}
                onFocus={(e) => {
                  for (const b of listRef.current?.querySelectorAll<HTMLButtonElement>('button[data-finding-row]') ?? []) b.tabIndex = b === e.currentTarget ? 0 : -1;
                }}
                onClick={() => open(f)}
                onKeyDown={onKeyDown}
                aria-label={`#${r.rank} ${f.severity}: ${f.title} (${r.ruleLabel}, on ${nameOf(graph, f.node)})`}
                className="grid w-full cursor-pointer grid-cols-[3rem_5.5rem_minmax(0,1fr)] items-start gap-x-3 px-4 py-3 text-left hover:bg-raised focus-visible:bg-raised focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-[var(--focus-ring)]"
              >
                <span className="pt-0.5 font-mono text-xs text-faint tabular-nums">#{r.rank}</span>
                <span>
                  <span className={`inline-block rounded border px-1.5 py-px text-2xs font-bold tracking-wide uppercase ${SEVERITY_TONE[f.severity]}`}>
                    {f.severity}
                  </span>
                  {f.assumed?.length ? <span className="mt-1 block text-2xs text-warn">assumed</span> : null}
                </span>
                <span className="min-w-0">
                  <span className="flex flex-wrap items-baseline gap-x-2 text-xs">
                    <span className="font-semibold text-fg">{nameOf(graph, f.node)}</span>
                    <span className="text-muted">{f.ruleName ?? f.rule}</span>
                    {f.ruleRef ? <code className="rounded bg-raised px-1 text-2xs text-muted">{f.ruleRef}</code> : null}
                  </span>
                  {/* In plain words first; the rule's own wording on hover. */}
                  <span className="mt-1 block text-[13px] leading-snug text-fg" title={f.title} data-testid="finding-sentence">
                    {riskSentence(graph, f)}
                  </span>
                  <span className="mt-1 block truncate text-2xs text-muted" title={cutText(graph, f)}>
                    <span className="text-faint">Cheapest fix: </span>
                    {f.cut ? `${capitalize(cutAction(graph, f.cut.edges))}.` : '—'}
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ol>
    );

  return (
    <div className="min-h-0 flex-1 overflow-auto">
      <section aria-label="Findings" className="mx-auto max-w-5xl px-6 py-5">
        <header className="mb-4 flex flex-wrap items-end gap-x-4 gap-y-2">
          <div>
            <h1 className="text-lg font-semibold">Findings</h1>
            <p className="text-xs text-muted" data-testid="findings-count">
              {shown.length === findings.length ? plural(findings.length, 'finding') : `${shown.length} of ${plural(findings.length, 'finding')}`}
              {cut ? ` after ${plural(effective.applied.length, 'what-if cut')} (${dataset.findings.length} as loaded)` : ''}, ranked by severity, then crown jewels reached, then blast radius ·{' '}
              {plural(rulesEvaluated, 'rule')} evaluated
            </p>
          </div>
          <div className="ml-auto flex flex-wrap items-center gap-2">
            <fieldset aria-label="Severity" className="m-0 flex gap-1 border-0 p-0">
              {SEVERITIES.map((s) => (
                <button
                  key={s}
                  type="button"
                  aria-pressed={severities.has(s)}
                  onClick={() => toggleSeverity(s)}
                  disabled={sevCounts[s] === 0}
                  className="cursor-pointer rounded-md border border-line px-2 py-1 text-xs text-muted capitalize hover:bg-raised disabled:cursor-default disabled:opacity-40 aria-pressed:border-line-strong aria-pressed:bg-raised aria-pressed:text-fg"
                >
                  {s} <span className="tabular-nums text-faint">{sevCounts[s]}</span>
                </button>
              ))}
            </fieldset>
            <label className="flex items-center gap-1.5 text-xs text-muted">
              Rule
              <select
                value={rule}
                onChange={(e) => setRule(e.target.value)}
                className="h-7 max-w-64 rounded-md border border-line bg-panel px-1.5 text-xs text-fg"
              >
                <option value="">All rules ({findings.length})</option>
                {rules.map(([id, r]) => (
                  <option key={id} value={id}>
                    {r.label} · {r.count}
                  </option>
                ))}
              </select>
            </label>
            <LensFilter findings={findings} value={lens} onChange={setLens} />
          </div>
        </header>
        <div className="mb-3 empty:hidden">
          <WhatIfNotice effective={effective} what="Findings" />
        </div>
        {body}
        {cut && effective.resolved.length > 0 ? (
          <details className="mt-4 rounded-lg border border-line bg-panel px-4 py-2 text-xs" data-testid="findings-resolved">
            <summary className="cursor-pointer text-ok">
              {plural(effective.resolved.length, 'finding')} resolved by the what-if cuts
            </summary>
            <ul className="mt-2 space-y-1 pb-1" aria-label="Resolved findings">
              {effective.resolved.map((f) => (
                <li key={`${f.rule}-${f.node}`} className="flex flex-wrap items-baseline gap-x-2 text-muted">
                  <span className="rounded border border-line px-1 text-2xs uppercase line-through">{f.severity}</span>
                  <span className="font-medium text-fg">{nameOf(graph, f.node)}</span>
                  <span>{f.title}</span>
                </li>
              ))}
            </ul>
          </details>
        ) : null}
      </section>
    </div>
  );
}
