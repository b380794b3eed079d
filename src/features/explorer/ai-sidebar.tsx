/**
 * The sidebar: AI integrations in the shared ranking (`rankSummaries`: worst finding severity, then crown
 * jewels reached, then blast radius; switchable to radius or crown jewels), click to light one, and the
 * legend. With what-if cuts applied it ranks the figures after the cuts (each changed radius with its figure
 * before) and says so. While the pointer is over the list or a row has the keyboard focus, its order holds still; it re-sorts when
 * both leave.
 */
import { useMemo, useState } from 'react';
import type { ReactElement } from 'react';

import { NODE_SORTS, rankSummaries } from '../../graph/index.ts';
import type { NodeSort, ReachSummary } from '../../graph/index.ts';
import { plural } from '../../lib/format.ts';
import { NODE_KIND_LABELS } from '../../model/index.ts';
import type { NodeKind } from '../../model/index.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { useEffectiveAnalysis } from '../../store/effective-store.ts';
import type { EffectiveAnalysis } from '../../store/effective-store.ts';
import { WhatIfNotice } from '../review/what-if-notice.tsx';

import { KindGlyph } from './kind-glyph.tsx';
import { ACCESS_COLORS, KIND_VISUALS, SEVERITY_COLORS, SEVERITY_INK } from '../../lib/kind-visuals.ts';

const PAGE = 60;

function AiList({ dataset, effective, sort }: { dataset: Dataset; effective: EffectiveAnalysis; sort: NodeSort }): ReactElement {
  const selected = useAppStore((s) => s.view.node);
  const selectNode = useAppStore((s) => s.selectNode);
  const setMode = useAppStore((s) => s.setMode);
  const pulseNode = useAppStore((s) => s.pulseNode);
  const [shown, setShown] = useState(PAGE);
  const { graph } = dataset;
  const { summaries, findings } = effective;
  // Radii before the cuts, to show next to the ones that changed.
  const before = useMemo(() => (effective.applied.length ? new Map(dataset.summaries.map((s) => [s.node, s.reached])) : null), [dataset, effective.applied]);
  // Worst severity and count of toxic-combination findings per AI node, for a badge next to its radius.
  const findingsByNode = useMemo(() => {
    const rank = { critical: 4, high: 3, medium: 2, low: 1 } as const;
    const out = new Map<string, { count: number; worst: keyof typeof rank }>();
    for (const f of findings) {
      const cur = out.get(f.node);
      if (!cur) out.set(f.node, { count: 1, worst: f.severity });
      else {
        cur.count++;
        if (rank[f.severity] > rank[cur.worst]) cur.worst = f.severity;
      }
    }
    return out;
  }, [findings]);
  const ranked = useMemo(() => rankSummaries(summaries, findings, sort), [summaries, findings, sort]);
  // Hold the order still under the pointer: figures update in place, rows move once the pointer leaves.
  // The order captured when the pointer entered the list, or null when it is outside.
  const [held, setHeld] = useState<readonly string[] | null>(null);
  const rows = useMemo(() => {
    if (!held || held.length !== ranked.length) return ranked;
    const byNode = new Map(ranked.map((s) => [s.node, s]));
    const out = held.map((id) => byNode.get(id));
    return out.every((s) => s !== undefined) ? (out as ReachSummary[]) : ranked;
  }, [held, ranked]);
  const max = summaries.reduce((m, s) => Math.max(m, s.reached), 1);
  if (summaries.length === 0) return <p className="px-4 text-xs text-muted">This inventory has no AI integrations (agents, MCP servers, models, gateways).</p>;
  return (
    <>
      <ul
        className={`px-2 transition-opacity ${effective.pending ? 'opacity-60' : ''}`}
        aria-label={`AI integrations by ${NODE_SORTS.find((x) => x.id === sort)!.label.toLowerCase()}`}
        aria-busy={effective.pending}
        data-sort={sort}
        data-held={held ? '' : undefined}
        onPointerEnter={() => setHeld(rows.map((s) => s.node))}
        onPointerLeave={(e) => {
          if (!e.currentTarget.contains(document.activeElement)) setHeld(null);
        }}

      >
        {rows.slice(0, shown).map((s: ReachSummary) => {
          const node = graph.nodes[graph.index.nodeIndex.get(s.node)!]!;
          const current = selected === s.node;
          return (
            <li key={s.node}>
              <button
                type="button"
                aria-current={current ? 'true' : undefined}
                data-node={s.node}
                onFocus={() => setHeld((h) => h ?? rows.map((r) => r.node))}
                onBlur={(e) => {
                  const list = e.currentTarget.closest('ul');
                  if (list && !list.contains(e.relatedTarget as Node | null) && !list.matches(':hover')) setHeld(null);
                }}
                title={current ? 'Selected: Enter opens its details' : undefined}
                aria-keyshortcuts={current ? 'Enter' : undefined}
                onKeyDown={(e) => {
                  // Enter on the node already selected opens its details (the drawer takes the focus).
                  if (e.key !== 'Enter' || !current || e.repeat) return;
                  e.preventDefault();
                  useAppStore.getState().openDetails({ focus: true });
                }}
                onClick={() => {
                  // The list ranks blast radii, so picking from it always shows one.
                  selectNode(s.node);
                  setMode('reach');
                  pulseNode(s.node);
                }}
                className="flex w-full cursor-pointer items-center gap-2.5 rounded-md px-2 py-1.5 text-left hover:bg-raised aria-[current]:bg-raised aria-[current]:ring-1 aria-[current]:ring-accent/60"
              >
                <KindGlyph kind={node.kind} size={22} />
                <span className="min-w-0 flex-1">
                  <span className="block truncate text-[13px] font-medium">{node.name}</span>
                  <span className="mt-0.5 flex items-center gap-2 text-2xs text-muted">
                    <span data-testid="ai-reach">{plural(s.reached, 'node')}</span>
                    {before && before.get(s.node) !== s.reached ? (
                      <span className="text-faint" title="Blast radius before the what-if cuts" data-testid="ai-reach-before">
                        was {before.get(s.node)}
                      </span>
                    ) : null}
                    {s.crownJewels ? <span className="text-accent">★ {s.crownJewels}</span> : null}
                    {findingsByNode.get(s.node) ? (
                      <span
                        className="ml-auto rounded px-1 font-medium"
                        style={{ color: SEVERITY_INK[findingsByNode.get(s.node)!.worst], background: `${SEVERITY_COLORS[findingsByNode.get(s.node)!.worst]}22` }}
                        title={`${plural(findingsByNode.get(s.node)!.count, 'toxic combination')}, worst ${findingsByNode.get(s.node)!.worst}`}
                      >
                        {findingsByNode.get(s.node)!.count} {findingsByNode.get(s.node)!.worst}
                      </span>
                    ) : null}
                  </span>
                  <span className="mt-1 block h-1 overflow-hidden rounded-full bg-line" aria-hidden="true">
                    <span className="block h-full rounded-full bg-accent/80" style={{ width: `${(s.reached / max) * 100}%` }} />
                  </span>
                </span>
              </button>
            </li>
          );
        })}
      </ul>
      {summaries.length > shown ? (
        <button type="button" onClick={() => setShown((n) => n + PAGE)} className="mx-4 mt-1 cursor-pointer text-xs text-muted underline hover:text-fg">
          Show more ({summaries.length - shown} left)
        </button>
      ) : null}
    </>
  );
}

function Legend({ dataset }: { dataset: Dataset }): ReactElement {
  const kinds = useMemo(() => {
    const present = new Set<NodeKind>(dataset.graph.nodes.map((n) => n.kind));
    return (Object.keys(KIND_VISUALS) as NodeKind[]).filter((k) => present.has(k));
  }, [dataset]);
  return (
    <div className="space-y-3 px-4 pb-4 text-xs">
      <ul className="grid grid-cols-2 gap-x-2 gap-y-1">
        {kinds.map((k) => (
          <li key={k} className="flex items-center gap-1.5">
            <KindGlyph kind={k} size={16} />
            <span className="truncate text-muted">{NODE_KIND_LABELS[k]}</span>
          </li>
        ))}
      </ul>
      <ul className="space-y-1">
        <li className="flex items-center gap-2">
          <span className="h-4 w-4 rounded-full border-[3px] border-double border-accent" aria-hidden="true" />
          <span className="text-muted">Crown jewel (critical or sensitive) — ★ in lists</span>
        </li>
        {(
          [
            ['control', 'solid'],
            ['read', 'dashed'],
            ['write', 'dotted'],
          ] as const
        ).map(([a, style]) => (
          <li key={a} className="flex items-center gap-2">
            <svg width="28" height="8" aria-hidden="true">
              <line x1="0" y1="4" x2="28" y2="4" stroke={ACCESS_COLORS[a]} strokeWidth="2" strokeDasharray={style === 'dashed' ? '6 3' : style === 'dotted' ? '1.5 3' : undefined} />
            </svg>
            <span className="text-muted">
              {a} edge ({style}); coloured when on a witness path
            </span>
          </li>
        ))}
        <li className="flex items-center gap-2">
          <span className="flex gap-0.5" aria-hidden="true">
            {[0.6, 0.45, 0.32, 0.2].map((o) => (
              <span key={o} className="h-3 w-3 rounded-full" style={{ background: ACCESS_COLORS.control, opacity: o }} />
            ))}
          </span>
          <span className="text-muted">Halo fades with hops from the source</span>
        </li>
      </ul>
    </div>
  );
}

export function AiSidebar({ dataset }: { dataset: Dataset }): ReactElement {
  // On a short screen the legend starts folded so the ranked list keeps the room.
  const [legendOpen, setLegendOpen] = useState(() => typeof window === 'undefined' || window.innerHeight >= 900);
  const [sort, setSort] = useState<NodeSort>('risk');
  const effective = useEffectiveAnalysis(dataset);
  return (
    <nav aria-label="AI integrations" className="flex h-full flex-col overflow-hidden border-r border-line bg-panel">
      <div className="flex items-baseline justify-between px-4 pt-3 pb-2">
        <h2 className="text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">AI integrations</h2>
        <span className="text-2xs text-faint">{dataset.summaries.length}</span>
      </div>
      <label className="flex items-center gap-2 px-4 pb-2 text-2xs text-muted">
        Sort by
        <select
          value={sort}
          onChange={(e) => setSort(e.target.value as NodeSort)}
          title={NODE_SORTS.find((x) => x.id === sort)!.description}
          className="min-w-0 flex-1 cursor-pointer rounded border border-line bg-panel-2 px-1.5 py-0.5 text-xs text-fg"
        >
          {NODE_SORTS.map((x) => (
            <option key={x.id} value={x.id} title={x.description}>
              {x.label}
            </option>
          ))}
        </select>
      </label>
      <div className="px-4 pb-2 empty:hidden">
        <WhatIfNotice effective={effective} variant="chip" />
      </div>
      <div className="min-h-0 flex-1 overflow-y-auto pb-3">
        <AiList dataset={dataset} effective={effective} sort={sort} />
      </div>
      <div className="border-t border-line">
        <button
          type="button"
          aria-expanded={legendOpen}
          onClick={() => setLegendOpen((o) => !o)}
          className="flex w-full cursor-pointer items-center justify-between px-4 py-2.5 text-[11px] font-semibold tracking-[0.08em] text-muted uppercase hover:text-fg"
        >
          Legend
          <span aria-hidden="true">{legendOpen ? '−' : '+'}</span>
        </button>
        {legendOpen ? <Legend dataset={dataset} /> : null}
      </div>
    </nav>
  );
}
