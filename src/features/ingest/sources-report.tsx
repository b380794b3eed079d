/**
 * "Sources": the top bar's inventory label opens the per-file import reports of what is loaded: for each
 * file its detected format, how many nodes and edges it gave, and its warnings grouped by code (count and
 * first places), with the full list one click away. Several
 * files are merged into one graph, so the totals under the list count each joined node once.
 */
import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';

import { Icon } from '../../components/ui/icons.tsx';
import { formatCount, plural } from '../../lib/format.ts';
import { groupWarnings } from '../../import/builder.ts';
import type { FormatId, ImportReport } from '../../import/index.ts';
import type { Dataset } from '../../store/app-store.ts';

import { RememberFilesControl } from './inventory-notice.tsx';

/** Short names of the detected formats (the importers' long names stay in the tooltip-free docs). */
const FORMAT_LABELS: Readonly<Record<FormatId, string>> = {
  pathlight: 'Pathlight inventory',
  opengraph: 'BloodHound OpenGraph',
  'opengraph-schema': 'OpenGraph schema',
  'aws-iam': 'AWS IAM authorization details',
  'aws-resources': 'AWS resource output',
  'aws-config': 'AWS CLI config',
  'mcp-config': 'MCP client config',
  'mcp-scan': 'Agent Scan / mcp-scan report',
  'mcp-server-card': 'MCP server card',
  'mcp-registry': 'MCP Registry server.json',
  agenthound: 'AgentHound ingest',
  'a2a-card': 'A2A agent card',
  cyclonedx: 'CycloneDX BOM',
  okta: 'Okta API export',
  sharphound: 'SharpHound JSON',
  azurehound: 'AzureHound JSON',
};

const SHOWN_WARNINGS = 50;

/** Warnings grouped by code, with counts and the first places, so hundreds of identical lines read as one. */
function WarningGroups({ report }: { report: ImportReport }): ReactElement {
  const groups = report.warningGroups ?? groupWarnings(report.warnings);
  return (
    <ul className="mt-1 space-y-1.5 border-l border-line pl-2" aria-label={`Warnings of ${report.file}`}>
      {groups.map((g) => (
        <li key={g.code} data-testid="warning-group" data-code={g.code}>
          <span className="font-mono text-fg">{g.code}</span> <span className="text-warn">×{formatCount(g.count)}</span>
          <ul className="mt-0.5 space-y-0.5">
            {g.first.map((w, i) => (
              <li key={i}>
                <span className="text-fg">{w.message}</span>{' '}
                {w.at && w.at !== '$' ? <code className="break-all text-faint">at {w.at}</code> : null}
              </li>
            ))}
          </ul>
          {g.count > g.first.length ? <p className="text-faint">and {formatCount(g.count - g.first.length)} more like these</p> : null}
        </li>
      ))}
    </ul>
  );
}

function ReportItem({ report }: { report: ImportReport }): ReactElement {
  const [all, setAll] = useState(false);
  const warnings = report.warnings;
  const total = (report.warningGroups ?? []).reduce((n, g) => n + g.count, 0) || warnings.length;
  const shown = warnings.slice(0, SHOWN_WARNINGS);
  return (
    <li className="px-4 py-3" data-format={report.format} aria-label={report.file}>
      <div className="flex items-start gap-2">
        <p className="min-w-0 flex-1 font-mono text-xs break-all text-fg">{report.file}</p>
        <span className="shrink-0 rounded bg-raised px-1.5 py-px text-2xs text-fg" data-testid="report-format">
          {FORMAT_LABELS[report.format] ?? report.format}
        </span>
      </div>
      <p className="mt-1 text-2xs text-muted" data-testid="report-counts">
        {plural(report.nodes, 'node')} · {plural(report.edges, 'edge')} ·{' '}
        <span className={total ? 'text-warn' : ''}>{plural(total, 'warning')}</span>
      </p>
      {warnings.length ? (
        <details className="mt-1.5 text-2xs">
          <summary className="cursor-pointer text-muted hover:text-fg">Warnings</summary>
          <WarningGroups report={report} />
          {all ? (
            <ul className="mt-1 space-y-1 border-l border-line pl-2" aria-label={`All warnings of ${report.file}`}>
              {shown.map((w, i) => (
                <li key={i}>
                  <span className="font-mono text-faint">{w.code}</span> <span className="text-fg">{w.message}</span>{' '}
                  {w.at && w.at !== '$' ? <code className="break-all text-faint">at {w.at}</code> : null}
                </li>
              ))}
            </ul>
          ) : warnings.length > 1 ? (
            <button type="button" className="mt-1 cursor-pointer text-muted underline" onClick={() => setAll(true)}>
              List {warnings.length > SHOWN_WARNINGS ? `the first ${SHOWN_WARNINGS} of ${formatCount(warnings.length)}` : `all ${warnings.length}`} one by one
            </button>
          ) : null}
        </details>
      ) : null}
    </li>
  );
}

export function SourcesButton({ dataset }: { dataset: Dataset }): ReactElement {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const reports = dataset.reports ?? [];

  useEffect(() => {
    if (!open) return undefined;
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') setOpen(false);
    };
    const onDown = (e: PointerEvent): void => {
      if (root.current && !root.current.contains(e.target as Node)) setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onDown);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onDown);
    };
  }, [open]);

  return (
    <div ref={root} className="relative hidden min-w-16 shrink lg:block">
      <button
        type="button"
        aria-expanded={open}
        aria-haspopup="dialog"
        onClick={() => setOpen(!open)}
        title={`Sources and import reports · ${dataset.ranInWorker ? 'analysed in a background worker' : 'analysed on the main thread'}`}
        className="flex min-w-0 cursor-pointer items-center gap-2 rounded-md px-2 py-1 text-xs text-muted hover:bg-raised aria-expanded:bg-raised"
      >
        <span className="top-bar-file min-w-0 max-w-40 truncate font-medium text-fg xl:max-w-48 2xl:max-w-56">{dataset.label}</span>
        <span className="hidden whitespace-nowrap 2xl:inline">
          {formatCount(dataset.graph.nodes.length)} nodes · {formatCount(dataset.graph.edges.length)} edges
        </span>
        <span className="sr-only">, sources</span>
        <span className="rotate-90" aria-hidden="true">
          <Icon name="chevron" size={12} />
        </span>
      </button>
      {open ? (
        <section
          aria-label="Sources"
          className="absolute top-full left-0 z-40 mt-1.5 w-[32rem] max-w-[90vw] overflow-hidden rounded-lg border border-line-strong bg-panel shadow-2xl"
        >
          <header className="border-b border-line px-4 py-2.5">
            <h2 className="text-[11px] font-semibold tracking-[0.08em] text-muted uppercase">Sources</h2>
            <p className="mt-0.5 text-xs text-muted">
              {reports.length
                ? `${plural(reports.length, 'file')} read, merged into ${formatCount(dataset.graph.nodes.length)} nodes and ${formatCount(dataset.graph.edges.length)} edges.`
                : 'No per-file report for this source.'}
            </p>
            <div className="mt-2 text-xs">
              <RememberFilesControl />
            </div>
          </header>
          {reports.length ? (
            <ul className="max-h-[60vh] divide-y divide-line overflow-auto" aria-label="Import reports">
              {reports.map((r, i) => (
                <ReportItem key={`${r.file}-${i}`} report={r} />
              ))}
            </ul>
          ) : null}
        </section>
      ) : null}
    </div>
  );
}
