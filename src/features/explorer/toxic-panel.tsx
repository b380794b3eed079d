/**
 * "Toxic combinations": the rule findings that concern the selected node. Says plainly when no rule is
 * evaluated yet or none fires; never a placeholder list. The optional parts a rule adds (legs, cut,
 * remediation, tags, assumed facts, modifiers, context) are rendered when present, and anything else a
 * newer engine adds is shown as given. With what-if cuts applied it shows the findings after the cuts, and the
 * ones the cuts resolve below them, marked resolved.
 */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import type { Finding, InventoryGraph } from '../../graph/index.ts';
import { fieldText, plural } from '../../lib/format.ts';
import { LEG_COLORS } from '../../lib/leg-colors.ts';
import { capitalize, cutAction, partExplain, partLabel, riskSentence } from '../../lib/plain-language.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';
import { useEffectiveAnalysis } from '../../store/effective-store.ts';
import { FindingReview } from '../review/finding-review.tsx';
import { WhatIfNotice } from '../review/what-if-notice.tsx';

import { SEVERITY_COLORS, SEVERITY_INK } from '../../lib/kind-visuals.ts';

const KNOWN_KEYS: ReadonlySet<string> = new Set([
  'rule',
  'severity',
  'node',
  'title',
  'evidence',
  'ruleRef',
  'ruleName',
  'legs',
  'cut',
  'remediation',
  'tags',
  'assumed',
  'modifiers',
  'context',
  'rank',
]);

function nameOf(graph: InventoryGraph, id: string): string {
  return graph.nodes[graph.index.nodeIndex.get(id) ?? -1]?.name ?? id;
}

function edgeText(graph: InventoryGraph, id: string): string {
  const j = graph.index.edgeIndex.get(id);
  if (j === undefined) return id;
  const e = graph.edges[j]!;
  return `${nameOf(graph, e.source)} —${e.kind}→ ${nameOf(graph, e.target)}`;
}

function Chips({ label, values, tone = 'neutral' }: { label: string; values: readonly string[]; tone?: 'neutral' | 'warn' }): ReactElement {
  return (
    <div className="mt-2 flex flex-wrap items-center gap-1 text-2xs">
      <span className="text-muted">{label}</span>
      {values.map((v) => (
        <span key={v} className={`rounded px-1 py-px font-mono ${tone === 'warn' ? 'bg-warn/15 text-warn' : 'bg-raised'}`}>
          {v}
        </span>
      ))}
    </div>
  );
}

function FindingCard({ finding, graph, resolved = false }: { finding: Finding; graph: InventoryGraph; resolved?: boolean }): ReactElement {
  const evidence = useAppStore((s) => s.evidence);
  const showEvidence = useAppStore((s) => s.showEvidence);
  const legColors = LEG_COLORS[useAppStore((s) => s.theme)];
  const activeWhole = evidence?.finding === finding && evidence.leg === null;
  const color = SEVERITY_COLORS[finding.severity];
  const extras = Object.entries(finding as unknown as Record<string, unknown>).filter(([k, v]) => !KNOWN_KEYS.has(k) && v !== undefined);
  const ctx = finding.context;
  const fix = finding.cut ? cutAction(graph, finding.cut.edges) : '';
  return (
    <li
      className={`rounded-lg border p-3 ${resolved ? 'border-dashed border-line-strong bg-transparent' : 'border-line bg-panel-2'}`}
      style={{ borderLeft: `3px solid ${resolved ? 'var(--line-strong)' : color}` }}
      data-finding={finding.rule}
    >
      {/* Why first: the combination by name, what it lets happen in plain words, and the cheapest fix. */}
      <div className="flex items-center gap-2">
        <span className="rounded px-1.5 py-px text-2xs font-bold tracking-wide uppercase" style={{ color: SEVERITY_INK[finding.severity], background: `${color}22` }}>
          {finding.severity}
        </span>
        <span className="min-w-0 truncate text-[13px] font-semibold" title={finding.ruleName ?? finding.rule}>
          {finding.ruleName ?? finding.rule}
        </span>
        {finding.assumed?.length ? (
          <span className="rounded bg-warn/15 px-1.5 py-px text-2xs text-warn" title="Fires only when unknown facts are assumed true (worst-case mode)">
            assumed
          </span>
        ) : null}
        {finding.ruleRef ? (
          <code className="ml-auto shrink-0 text-2xs text-faint" title={`Rule ${finding.rule}`}>
            {finding.ruleRef}
          </code>
        ) : null}
      </div>
      <p className="mt-1.5 text-[13px] leading-snug" data-testid="finding-sentence">
        {riskSentence(graph, finding)}
      </p>
      {finding.cut ? (
        <p className="mt-1.5 text-xs leading-snug" data-testid="finding-fix">
          <span className="font-semibold text-ok">Cheapest fix:</span> {capitalize(fix)}.
        </p>
      ) : finding.remediation ? (
        <p className="mt-1.5 text-xs leading-snug">
          <span className="font-semibold text-ok">Fix:</span> {finding.remediation}
        </p>
      ) : null}
      {ctx ? (
        <div className="mt-1.5 flex flex-wrap gap-1 text-2xs">
          {ctx.zeroClick ? (
            <span className="rounded bg-danger/15 px-1 text-danger" title="No one has to click anything for the attack to work">
              zero-click
            </span>
          ) : null}
          {ctx.prod ? <span className="rounded bg-raised px-1">prod</span> : null}
          {ctx.restricted ? <span className="rounded bg-raised px-1">restricted data</span> : null}
          <span className="rounded bg-raised px-1" title="Each path is a chain of nodes and edges in this inventory that proves the combination (its evidence)">
            {plural(ctx.witnessPaths, 'path')} found
          </span>
        </div>
      ) : null}
      {finding.legs?.length ? (
        <ul className="mt-2 space-y-1" aria-label="Parts of the combination" title="Each part is drawn on the graph in the colour of its swatch">
          {finding.legs.map((leg) => {
            const active = evidence?.finding === finding && evidence.leg === leg.name;
            const end = leg.nodes.length ? nameOf(graph, leg.nodes[leg.nodes.length - 1]!) : '';
            return (
              <li key={leg.name}>
                <button
                  type="button"
                  aria-pressed={active}
                  aria-label={`Show part “${leg.name}” (${partLabel(leg)}) on the graph, ${plural(leg.witnesses.length, 'path')}`}
                  title={partExplain(leg)}
                  onClick={() =>
                    showEvidence(active ? null : { finding, leg: leg.name, node: finding.node, evidence: { nodes: leg.nodes, edges: leg.edges } })
                  }
                  className="flex w-full cursor-pointer items-center gap-2 rounded px-1.5 py-1 text-left text-2xs hover:bg-raised aria-pressed:bg-raised aria-pressed:ring-1 aria-pressed:ring-danger/60"
                >
                  <span
                    aria-hidden="true"
                    data-leg-swatch={leg.role}
                    className="inline-block h-2.5 w-2.5 shrink-0 rounded-sm"
                    style={{ background: legColors[leg.role] }}
                  />
                  <span className="shrink-0 text-fg">{partLabel(leg)}</span>
                  <span className="ml-auto min-w-0 truncate text-muted">{end}</span>
                </button>
              </li>
            );
          })}
        </ul>
      ) : (
        <p className="mt-1 text-2xs text-muted">
          Evidence: {plural(finding.evidence.nodes.length, 'node')}, {plural(finding.evidence.edges.length, 'edge')}
        </p>
      )}
      <div className="mt-2 flex flex-wrap items-center gap-2">
        <Button
          size="sm"
          icon="route"
          variant={activeWhole ? 'primary' : 'default'}
          aria-pressed={activeWhole}
          onClick={() => showEvidence(activeWhole ? null : { finding, leg: null, node: finding.node, evidence: finding.evidence })}
        >
          {activeWhole ? 'Hide path' : 'Show path'}
        </Button>
      </div>
      <details className="mt-2 text-2xs">
        <summary className="cursor-pointer text-muted hover:text-fg">How it was found</summary>
        <p className="mt-1.5 text-xs">{finding.title}</p>
        <p className="mt-1 text-muted">
          Rule <code className="font-mono">{finding.rule}</code>
          {finding.ruleRef ? ` (${finding.ruleRef})` : ''}.
        </p>
        {finding.legs?.length ? (
          <ul className="mt-1 space-y-0.5 text-muted">
            {finding.legs.map((leg) => (
              <li key={leg.name}>
                <span className="text-fg">{leg.name}</span>: {partLabel(leg)}, {plural(leg.witnesses.length, 'path')}
              </li>
            ))}
          </ul>
        ) : null}
        {finding.cut ? (
          <div className="mt-2 rounded border border-line p-2">
            <p className="text-muted">
              The cheapest fix removes {plural(finding.cut.edges.length, 'edge')}, breaking the part “{finding.cut.leg}” (business cost {finding.cut.cost}):
            </p>
            <ul className="mt-1 space-y-0.5 font-mono">
              {finding.cut.edges.map((e) => (
                <li key={e} className="break-words">
                  {edgeText(graph, e)}
                </li>
              ))}
            </ul>
            {finding.cut.alternative ? (
              <p className="mt-1 text-faint">
                Or: {capitalize(cutAction(graph, finding.cut.alternative.edges))} (part “{finding.cut.alternative.leg}”, cost {finding.cut.alternative.cost}):{' '}
                {finding.cut.alternative.edges.map((e) => edgeText(graph, e)).join('; ')}
              </p>
            ) : null}
          </div>
        ) : null}
        {finding.cut && finding.remediation ? <p className="mt-2 text-muted">{finding.remediation}</p> : null}
        {finding.tags?.length ? <Chips label="tags" values={finding.tags} /> : null}
        {finding.assumed?.length ? <Chips label="assumes" values={finding.assumed} tone="warn" /> : null}
        {finding.modifiers?.length ? (
          <ul className="mt-2 list-disc pl-4 text-muted" aria-label="What raises or lowers the severity">
            {finding.modifiers.map((m) => (
              <li key={m}>{m}</li>
            ))}
          </ul>
        ) : null}
        {extras.map(([k, v]) => (
          <p key={k} className="mt-1.5">
            <span className="text-muted">{k} </span>
            <span className="whitespace-pre-wrap break-words font-mono">{fieldText(v)}</span>
          </p>
        ))}
      </details>
      <FindingReview finding={finding} graph={graph} />
    </li>
  );
}

export function ToxicPanel({ dataset }: { dataset: Dataset }): ReactElement {
  const nodeId = useAppStore((s) => s.view.node);
  const effective = useEffectiveAnalysis(dataset);
  const { graph, rulesEvaluated } = dataset;
  const { findings, findingsError } = effective;
  const cut = effective.applied.length > 0;
  const node = nodeId ? graph.nodes[graph.index.nodeIndex.get(nodeId) ?? -1] : undefined;
  const mine = node ? findings.filter((f) => f.node === node.id) : [];
  const resolvedMine = node ? effective.resolved.filter((f) => f.node === node.id) : [];
  const resolvedList =
    resolvedMine.length > 0 ? (
      <>
        <h3 className="mt-3 mb-1.5 text-2xs font-medium text-ok">Resolved by the what-if cuts ({resolvedMine.length})</h3>
        <ul className="space-y-2" aria-label={`Resolved findings of ${node?.name ?? ''}`}>
          {resolvedMine.map((f, i) => (
            <FindingCard key={`${f.rule}-${i}`} finding={f} graph={graph} resolved />
          ))}
        </ul>
      </>
    ) : null;

  let body: ReactElement;
  if (findingsError) {
    body = <p className="text-xs text-danger">The toxic-combination rules failed to run: {findingsError}</p>;
  } else if (rulesEvaluated === 0) {
    body = (
      <p className="text-xs text-muted">
        No toxic-combination rules are evaluated yet, so nothing is flagged here. That is not a clean bill of health: the blast radius above is
        still exact.
      </p>
    );
  } else if (!node) {
    body = (
      <p className="text-xs text-muted">
        Select an AI integration to see the toxic combinations that concern it. {plural(findings.length, 'finding')} across this inventory
        {cut ? ' after the what-if cuts' : ''}.
      </p>
    );
  } else if (mine.length === 0) {
    body = (
      <>
        <p className="text-xs text-muted">
          No toxic combinations fire for <span className="text-fg">{node.name}</span>
          {cut ? ' with the what-if cuts in place' : ''} ({plural(rulesEvaluated, 'rule')} evaluated, strict mode).
        </p>
        {resolvedList}
      </>
    );
  } else {
    body = (
      <>
        <ul className="space-y-2" aria-label={`Findings for ${node.name}`}>
          {mine.map((f, i) => (
            <FindingCard key={`${f.rule}-${i}`} finding={f} graph={graph} />
          ))}
        </ul>
        {resolvedList}
      </>
    );
  }
  return (
    <section aria-label="Toxic combinations" className="border-b border-line px-4 pt-3 pb-4">
      <h2 className="mb-2 flex items-center gap-2 text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">
        Toxic combinations
        {mine.length ? <span className="rounded bg-danger/15 px-1.5 text-2xs text-danger normal-case">{mine.length}</span> : null}
      </h2>
      <div className="mb-2 empty:hidden">
        <WhatIfNotice effective={effective} variant="chip" />
      </div>
      {body}
    </section>
  );
}
