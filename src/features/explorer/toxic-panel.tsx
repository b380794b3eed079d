/**
 * "Toxic combinations": the rule findings that concern the selected node. Says plainly when no rule is
 * evaluated yet or none fires; never a placeholder list. Optional fields a rule adds (legs, cut, tags,
 * assumed…) are rendered as given.
 */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import type { Finding, InventoryGraph } from '../../graph/index.ts';
import { fieldText, plural } from '../../lib/format.ts';
import { useAppStore } from '../../store/app-store.ts';
import type { Dataset } from '../../store/app-store.ts';

import { SEVERITY_COLORS } from './kind-visuals.ts';

const CORE_KEYS: ReadonlySet<string> = new Set(['rule', 'severity', 'node', 'title', 'evidence']);

function ExtraField({ name, value }: { name: string; value: unknown }): ReactElement {
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) {
    return (
      <div className="mt-1.5 flex flex-wrap items-center gap-1 text-2xs">
        <span className="text-muted">{name}</span>
        {value.map((v, i) => (
          <span key={i} className="rounded bg-raised px-1 py-px font-mono">
            {String(v)}
          </span>
        ))}
      </div>
    );
  }
  return (
    <div className="mt-1.5 text-2xs">
      <span className="text-muted">{name} </span>
      <span className="whitespace-pre-wrap break-words font-mono">{fieldText(value)}</span>
    </div>
  );
}

function FindingCard({ finding, graph }: { finding: Finding; graph: InventoryGraph }): ReactElement {
  const evidence = useAppStore((s) => s.evidence);
  const showEvidence = useAppStore((s) => s.showEvidence);
  const active = evidence === finding;
  const color = SEVERITY_COLORS[finding.severity];
  const extras = Object.entries(finding as unknown as Record<string, unknown>).filter(([k, v]) => !CORE_KEYS.has(k) && v !== undefined);
  const assumed = (finding as unknown as Record<string, unknown>).assumed;
  return (
    <li className="rounded-lg border border-line bg-panel-2 p-3" style={{ borderLeft: `3px solid ${color}` }}>
      <div className="flex items-center gap-2">
        <span className="rounded px-1.5 py-px text-2xs font-bold tracking-wide uppercase" style={{ color, background: `${color}22` }}>
          {finding.severity}
        </span>
        {assumed ? <span className="rounded bg-warn/15 px-1.5 py-px text-2xs text-warn">assumed</span> : null}
        <code className="ml-auto truncate text-2xs text-faint">{finding.rule}</code>
      </div>
      <p className="mt-1.5 text-[13px] font-medium">{finding.title}</p>
      <p className="mt-1 text-2xs text-muted">
        Evidence: {plural(finding.evidence.nodes.length, 'node')}, {plural(finding.evidence.edges.length, 'edge')}
        {finding.evidence.nodes.length ? ` — ${finding.evidence.nodes.slice(0, 4).map((id) => graph.nodes[graph.index.nodeIndex.get(id) ?? -1]?.name ?? id).join(' → ')}${finding.evidence.nodes.length > 4 ? ' …' : ''}` : ''}
      </p>
      {extras.filter(([k]) => k !== 'assumed').map(([k, v]) => (
        <ExtraField key={k} name={k} value={v} />
      ))}
      <Button size="sm" className="mt-2" icon="route" variant={active ? 'primary' : 'default'} aria-pressed={active} onClick={() => showEvidence(active ? null : finding)}>
        {active ? 'Hide path' : 'Show path'}
      </Button>
    </li>
  );
}

export function ToxicPanel({ dataset }: { dataset: Dataset }): ReactElement {
  const nodeId = useAppStore((s) => s.view.node);
  const { graph, findings, rulesEvaluated, findingsError } = dataset;
  const node = nodeId ? graph.nodes[graph.index.nodeIndex.get(nodeId) ?? -1] : undefined;
  const mine = node ? findings.filter((f) => f.node === node.id) : [];

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
    body = <p className="text-xs text-muted">Select an AI integration to see the toxic combinations that concern it. {plural(findings.length, 'finding')} across this inventory.</p>;
  } else if (mine.length === 0) {
    body = (
      <p className="text-xs text-muted">
        No toxic combinations fire for <span className="text-fg">{node.name}</span> ({plural(rulesEvaluated, 'rule')} evaluated, strict mode).
      </p>
    );
  } else {
    body = (
      <ul className="space-y-2">
        {mine.map((f, i) => (
          <FindingCard key={`${f.rule}-${i}`} finding={f} graph={graph} />
        ))}
      </ul>
    );
  }
  return (
    <section aria-label="Toxic combinations" className="border-b border-line px-4 pt-3 pb-4">
      <h2 className="mb-2 flex items-center gap-2 text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">
        Toxic combinations
        {mine.length ? <span className="rounded bg-danger/15 px-1.5 text-2xs text-danger normal-case">{mine.length}</span> : null}
      </h2>
      {body}
    </section>
  );
}
