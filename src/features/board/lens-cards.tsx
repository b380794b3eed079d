/**
 * Board sections on the framework mapping and the two lenses: risk by framework with an edition filter, and
 * risk by lifecycle stage and by enterprise risk category (counts by severity, each opening its findings).
 * Links go through the board's own explorer link, passed in as `Link`.
 */
import { useState } from 'react';
import type { ReactElement, ReactNode } from 'react';

import { EDITIONS } from '../../graph/frameworks/index.ts';
import { plural } from '../../lib/format.ts';

import { SEVERITY_FILL, StackedBar, severitySegments, severityText } from './charts.tsx';
import type { BoardModel } from './view-models/board-model.ts';
import { FRAMEWORKS, FRAMEWORK_SHORT } from './view-models/frameworks.ts';
import type { FrameworkId } from './view-models/frameworks.ts';
import type { LensRow } from './view-models/lenses.ts';
import type { ExplorerLink } from './view-models/links.ts';

export type BoardLink = (props: { link: ExplorerLink | null; children: ReactNode; className?: string; label?: string }) => ReactElement;

/** Risk by framework: one column per pinned edition, or only the edition chosen. */
export function FrameworksByEdition({ model, Link }: { model: BoardModel; Link: BoardLink }): ReactElement {
  const [edition, setEdition] = useState<FrameworkId | 'all'>('all');
  const groups = model.frameworks.filter((g) => edition === 'all' || g.framework === edition);
  return (
    <div>
      <label className="no-print mb-2 flex items-center gap-1.5 text-xs text-muted">
        Edition
        <select
          aria-label="Framework edition"
          value={edition}
          onChange={(e) => setEdition(e.target.value as FrameworkId | 'all')}
          className="h-7 max-w-72 rounded-md border border-line bg-panel px-1.5 text-xs text-fg"
        >
          <option value="all">All editions ({FRAMEWORKS.length})</option>
          {FRAMEWORKS.map((f) => (
            <option key={f} value={f}>
              {EDITIONS[f].name}
            </option>
          ))}
        </select>
      </label>
      <div className="grid grid-cols-3 gap-4 max-lg:grid-cols-2 print:grid-cols-7 print:gap-x-2">
        {groups.map((g) => {
          const max = Math.max(1, ...g.rows.map((r) => r.findings));
          const e = EDITIONS[g.framework];
          return (
            // oxlint-disable-next-line jsx-a11y/prefer-tag-over-role -- one framework's column is a named group, not a form fieldset
            <div key={g.framework} className="min-w-0" role="group" aria-label={FRAMEWORK_SHORT[g.framework]}>
              <p className="mb-1.5 text-xs font-semibold" title={`${e.name}, ${e.version}${e.status === 'beta' ? ' (beta)' : ''}`}>
                {FRAMEWORK_SHORT[g.framework]} <span className="font-normal text-faint">· {plural(g.findings, 'finding')}</span>
              </p>
              {g.rows.length === 0 ? <p className="text-2xs text-muted">No finding maps here.</p> : null}
              <ul className="flex flex-col gap-1">
                {g.rows.slice(0, 6).map((r, i) => (
                  <li key={r.code} className={`${i >= 3 ? 'print:hidden ' : ''}grid grid-cols-[minmax(0,1fr)_2.2rem_1.2rem] items-center gap-1.5 text-2xs print:grid-cols-[minmax(0,1fr)_1.2rem]`} title={r.name ? `${r.code} ${r.name}` : r.code}>
                    <span className="truncate">
                      <Link link={r.link}>
                        <span className="font-mono">{r.code}</span>
                      </Link>
                      {r.name ? <span className="text-muted print:hidden"> {r.name}</span> : null}
                    </span>
                    <span className="print:hidden">
                      <StackedBar label={`${r.code}: ${r.findings} findings`} segments={[{ value: r.findings, fill: SEVERITY_FILL[r.worst], label: `worst ${r.worst}` }]} max={max} height={7} />
                    </span>
                    <span className="text-right tabular-nums">{r.findings}</span>
                  </li>
                ))}
                {g.rows.length > 6 ? <li className="text-2xs text-faint print:hidden">+{g.rows.length - 6} more</li> : null}
                {g.rows.length > 3 ? <li className="hidden text-2xs text-faint print:list-item">+{g.rows.length - 3} more</li> : null}
              </ul>
            </div>
          );
        })}
      </div>
    </div>
  );
}

/** One lens: a row per stage or category with its findings by severity, each row opening its findings. */
export function LensRows({ rows, label, Link }: { rows: readonly LensRow[]; label: string; Link: BoardLink }): ReactElement {
  const max = Math.max(1, ...rows.map((r) => r.total));
  return (
    <ul className="flex flex-col gap-1 text-xs print:gap-0 print:text-2xs" aria-label={label}>
      {rows.map((r) => (
        <li key={r.id} className="min-w-0">
          <div className="grid grid-cols-[44%_minmax(0,1fr)_2.5rem] items-center gap-2">
            <span className={`truncate ${r.total === 0 ? 'text-faint' : ''}`}>{r.label}</span>
            <StackedBar label={`${r.label}: ${severityText(r.findings)}`} segments={severitySegments(r.findings)} max={max} height={8} />
            <span className="text-right font-semibold tabular-nums">{r.total}</span>
          </div>
          {r.total > 0 ? (
            <details className="ml-2 print:hidden">
              <summary className="cursor-pointer text-2xs text-muted">{plural(r.total, 'finding')}</summary>
              <ul className="mt-0.5 flex flex-col gap-0.5 pb-1" aria-label={`Findings: ${r.label}`}>
                {r.items.map((f, i) => (
                  <li key={`${f.rule}-${f.node}-${i}`} className="truncate text-2xs" title={f.title}>
                    <span className="mr-1 uppercase text-faint">{f.severity}</span>
                    <Link link={{ node: f.node }}>{f.title}</Link>
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </li>
      ))}
    </ul>
  );
}
