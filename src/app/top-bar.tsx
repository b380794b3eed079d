/** The top bar: brand, navigation, the open inventory, search, problems and the theme switch. */
import type { ReactElement } from 'react';

import { IconButton } from '../components/ui/button.tsx';
import { Icon } from '../components/ui/icons.tsx';
import { NodePicker } from '../features/explorer/node-picker.tsx';
import type { SearchIndex } from '../features/explorer/view-model/search.ts';
import { OpenInventoryButton } from '../features/ingest/open-inventory-button.tsx';
import { SourcesButton } from '../features/ingest/sources-report.tsx';
import { LiveControls } from '../features/live/live-controls.tsx';
import { ReviewToggles } from '../features/review/review-toggles.tsx';
import { useAppStore } from '../store/app-store.ts';
import type { Dataset } from '../store/app-store.ts';
import { useEffectiveAnalysis } from '../store/effective-store.ts';

function Brand(): ReactElement {
  return (
    <div className="flex shrink-0 items-center gap-2">
      <svg width="22" height="22" viewBox="0 0 24 24" aria-hidden="true">
        <circle cx="5" cy="17" r="2.6" fill="var(--accent)" />
        <circle cx="12" cy="8" r="2.6" fill="none" stroke="var(--accent)" strokeWidth="1.8" />
        <circle cx="19.5" cy="15" r="2.6" fill="none" stroke="var(--muted)" strokeWidth="1.8" />
        <path d="M6.7 15 10.4 10M14.2 9.4 17.6 13" stroke="var(--accent)" strokeWidth="1.8" strokeLinecap="round" />
      </svg>
      <span className="top-bar-wordmark text-[15px] font-semibold tracking-tight">Pathlight</span>
    </div>
  );
}

export function TopBar({ dataset, searchIndex }: { dataset: Dataset | null; searchIndex: SearchIndex | null }): ReactElement {
  const theme = useAppStore((s) => s.theme);
  const setTheme = useAppStore((s) => s.setTheme);
  const problems = useAppStore((s) => s.problems);
  const setProblemsOpen = useAppStore((s) => s.setProblemsOpen);
  const problemsOpen = useAppStore((s) => s.problemsOpen);
  const view = useAppStore((s) => s.view.view);
  const setView = useAppStore((s) => s.setView);
  const selectNode = useAppStore((s) => s.selectNode);
  const pulseNode = useAppStore((s) => s.pulseNode);
  const errors = problems.filter((p) => p.severity === 'error').length;
  // The count after the what-if cuts while any are applied, marked as such.
  const effective = useEffectiveAnalysis(dataset);
  const findingsCount = effective.findings.length;
  const whatIf = effective.applied.length > 0;

  return (
    <header className="top-bar no-print flex h-13 shrink-0 items-center gap-3 border-b border-line bg-panel px-4">
      <Brand />
      <nav aria-label="Main" className="flex shrink-0 items-center gap-1">
        <a
          href="?view=explorer"
          aria-current={view === 'explorer' ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            setView({ view: 'explorer' });
          }}
          className="rounded-md px-2.5 py-1.5 text-[13px] text-muted hover:text-fg aria-[current=page]:bg-raised aria-[current=page]:text-fg"
        >
          Explorer
        </a>
        <a
          href="?view=board"
          aria-current={view === 'board' ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            setView({ view: 'board' });
          }}
          className="rounded-md px-2.5 py-1.5 text-[13px] whitespace-nowrap text-muted hover:text-fg aria-[current=page]:bg-raised aria-[current=page]:text-fg"
        >
          Risk board
        </a>
        <a
          href="?view=findings"
          aria-current={view === 'findings' ? 'page' : undefined}
          onClick={(e) => {
            e.preventDefault();
            setView({ view: 'findings' });
          }}
          className="flex items-center gap-1.5 rounded-md px-2.5 py-1.5 text-[13px] text-muted hover:text-fg aria-[current=page]:bg-raised aria-[current=page]:text-fg"
        >
          Findings
          {dataset && (findingsCount || whatIf) ? (
            <span
              data-testid="findings-count-badge"
              aria-hidden="true"
              data-what-if={whatIf ? '' : undefined}
              title={
                whatIf
                  ? `${findingsCount} findings after ${effective.applied.length} what-if cut${effective.applied.length === 1 ? '' : 's'} (${dataset.findings.length} as loaded)${effective.pending ? '; recomputing' : ''}`
                  : undefined
              }
              className={`rounded px-1 text-2xs whitespace-nowrap tabular-nums ${whatIf ? 'bg-accent/15 text-accent ring-1 ring-accent/50' : 'bg-danger/15 text-danger'} ${effective.pending ? 'opacity-60' : ''}`}
            >
              {findingsCount}
              {whatIf ? <span className="ml-0.5 text-[9px] font-semibold tracking-wide uppercase">what-if</span> : null}
            </span>
          ) : null}
          {whatIf ? <span className="sr-only">(after the what-if cuts)</span> : null}
        </a>
      </nav>
      {dataset ? <SourcesButton dataset={dataset} /> : null}
      <div className="top-bar-actions ml-auto flex min-w-0 items-center gap-2 [&>*]:shrink-0">
        {dataset && searchIndex ? (
          <NodePicker
            graph={dataset.graph}
            index={searchIndex}
            label="Search nodes"
            placeholder="Search or kind:…"
            className="top-bar-search w-64 min-w-32 shrink! 2xl:w-80"
            shortcut="/"
            onPick={(id) => {
              selectNode(id);
              pulseNode(id);
              if (view !== 'explorer') setView({ view: 'explorer' });
            }}
          />
        ) : null}
        <button
          type="button"
          onClick={() => setProblemsOpen(!problemsOpen)}
          aria-expanded={problemsOpen}
          aria-label={`Problems: ${problems.length}`}
          className={`flex h-8 cursor-pointer items-center gap-1.5 rounded-md border px-2.5 text-xs ${
            errors ? 'border-danger/50 text-danger' : problems.length ? 'border-warn/40 text-warn' : 'border-line text-muted'
          } hover:bg-raised`}
        >
          <Icon name="alert" size={14} />
          {problems.length}
        </button>
        {dataset ? <ReviewToggles /> : null}
        <LiveControls hasDataset={dataset !== null} />
        <OpenInventoryButton />
        <IconButton
          icon={theme === 'dark' ? 'sun' : 'moon'}
          label={theme === 'dark' ? 'Switch to light theme' : 'Switch to dark theme'}
          onClick={() => setTheme(theme === 'dark' ? 'light' : 'dark')}
        />
      </div>
    </header>
  );
}
