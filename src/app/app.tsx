/** The composition root: theme, URL sync, first load, drag-and-drop, the shell and its states. */
import { Suspense, lazy, useEffect, useState } from 'react';
import type { ReactElement } from 'react';

import { useSearchIndex } from '../features/explorer/use-search-index.ts';
import { EmptyState, ErrorState, LoadingCard, LoadingState } from '../features/ingest/load-states.tsx';
import { InventoryNotice } from '../features/ingest/inventory-notice.tsx';
import { ProblemsDrawer } from '../features/ingest/problems-panel.tsx';
import { LiveFirstLoadError } from '../features/live/live-first-load.tsx';
import { LiveRoot } from '../features/live/live-root.tsx';
import { ReviewEffects } from '../features/review/review-effects.tsx';
import { ServerMode } from '../features/server/server-mode.tsx';
import { pseudonymsOf } from '../features/review/use-review-analysis.ts';
import { startLiveFromUrl } from '../features/live/live-session.ts';
import { useAppStore } from '../store/app-store.ts';
import { useLiveStore } from '../store/live-store.ts';
import { SAMPLE_URL, loadFiles, loadUrl } from '../store/load-actions.ts';
import { filesToReopen, reopenedOnScreen } from '../store/remembered-files.ts';
import { startUrlSync } from '../store/url-sync.ts';

import { TopBar } from './top-bar.tsx';

// The explorer carries Cytoscape: load it alongside the first inventory, not before the shell paints.
const ExplorerRoute = lazy(() => import('./explorer-route.tsx').then((m) => ({ default: m.ExplorerRoute })));
const BoardPage = lazy(() => import('../features/board/board-page.tsx').then((m) => ({ default: m.BoardPage })));
const FindingsPage = lazy(() => import('../features/findings/findings-page.tsx').then((m) => ({ default: m.FindingsPage })));

function useDropFiles(): boolean {
  const [dragging, setDragging] = useState(false);
  useEffect(() => {
    let depth = 0;
    const hasFiles = (e: DragEvent): boolean => [...(e.dataTransfer?.types ?? [])].includes('Files');
    const enter = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth++;
      setDragging(true);
    };
    const over = (e: DragEvent): void => {
      if (hasFiles(e)) e.preventDefault();
    };
    const leave = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      depth = Math.max(0, depth - 1);
      if (depth === 0) setDragging(false);
    };
    const drop = (e: DragEvent): void => {
      if (!hasFiles(e)) return;
      e.preventDefault();
      depth = 0;
      setDragging(false);
      const files = [...(e.dataTransfer?.files ?? [])];
      if (files.length) void loadFiles(files);
    };
    window.addEventListener('dragenter', enter);
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragenter', enter);
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, []);
  return dragging;
}

/** The first Tab stop: straight to the analysis panel (explorer) or the view's content, past the top bar. */
function SkipLink({ explorer }: { explorer: boolean }): ReactElement {
  const target = explorer ? 'analysis' : 'content';
  return (
    <a
      href={`#${target}`}
      onClick={(e) => {
        const el = document.getElementById(target);
        if (!el) return;
        e.preventDefault();
        el.focus();
      }}
      className="sr-only z-[60] rounded-md bg-accent px-3 py-2 text-sm font-semibold text-accent-fg focus:not-sr-only focus:absolute focus:top-2 focus:left-2"
    >
      {explorer ? 'Skip to the analysis' : 'Skip to the content'}
    </a>
  );
}

export function App(): ReactElement {
  const theme = useAppStore((s) => s.theme);
  const status = useAppStore((s) => s.status);
  const dataset = useAppStore((s) => s.dataset);
  const progress = useAppStore((s) => s.progress);
  const loadingLabel = useAppStore((s) => s.loadingLabel);
  const problems = useAppStore((s) => s.problems);
  const problemsLabel = useAppStore((s) => s.problemsLabel);
  const loadError = useAppStore((s) => s.loadError);
  const problemsOpen = useAppStore((s) => s.problemsOpen);
  const setProblemsOpen = useAppStore((s) => s.setProblemsOpen);
  const view = useAppStore((s) => s.view.view);
  const searchIndex = useSearchIndex(dataset);
  const dragging = useDropFiles();
  const liveWaiting = useLiveStore((s) => s.connection !== null && s.lastSuccessAt === null);

  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);

  useEffect(() => {
    // Redact mode's address bar uses the same pseudonyms as the screen (computed once per inventory).
    const stop = startUrlSync({ pseudonyms: pseudonymsOf });
    const { source, interval } = useAppStore.getState().view;
    // `?source=…&interval=…` follows the URL live (docs/live-api.md); `?source=…` alone loads it once.
    if (startLiveFromUrl(source, interval)) return stop;
    if (source) {
      if (useAppStore.getState().status === 'idle') void loadUrl(source);
      return stop;
    }
    // The files kept on this device (only when the user opted in), else the sample, which then says so. A file
    // picked or dropped meanwhile wins over both.
    void filesToReopen().then((files) => {
      if (useAppStore.getState().status !== 'idle') return;
      if (!files.length) void loadUrl(SAMPLE_URL);
      else
        void loadFiles(files).then((ok) => {
          if (ok) reopenedOnScreen();
        });
    });
    return stop;
  }, []);

  // The inventory on screen stays usable while another one loads, and when one fails to open: the load's
  // progress (with Cancel) and its problems are shown over it. Without one, they take the page.
  let body: ReactElement;
  if (!dataset && status === 'loading') body = <LoadingState label={loadingLabel} progress={progress} />;
  else if (!dataset && status === 'error') body = liveWaiting ? <LiveFirstLoadError /> : <ErrorState label={loadError?.label ?? problemsLabel} problems={loadError?.problems ?? problems} />;
  else if (dataset && searchIndex && view === 'explorer')
    body = (
      <Suspense fallback={<LoadingState label={dataset.label} progress={{ stage: 'analysing' }} />}>
        <ExplorerRoute dataset={dataset} searchIndex={searchIndex} />
      </Suspense>
    );
  else if (dataset && view === 'findings')
    body = (
      <Suspense fallback={<LoadingState label={dataset.label} progress={{ stage: 'analysing' }} />}>
        <FindingsPage dataset={dataset} />
      </Suspense>
    );
  else if (view === 'board')
    body = (
      <Suspense fallback={<LoadingState label={dataset?.label ?? null} progress={{ stage: 'analysing' }} />}>
        <BoardPage dataset={dataset} />
      </Suspense>
    );
  else body = <EmptyState />;
  const over =
    dataset && status === 'loading' ? (
      <LoadingCard label={loadingLabel} progress={progress} />
    ) : dataset && loadError ? (
      <ErrorState label={loadError.label} problems={loadError.problems} keeping={dataset.label} />
    ) : null;

  return (
    <div className="relative flex h-full flex-col overflow-hidden bg-bg text-fg">
      <SkipLink explorer={dataset !== null && view === 'explorer'} />
      <TopBar dataset={dataset} searchIndex={searchIndex} />
      <InventoryNotice dataset={dataset} />
      <main id="content" tabIndex={-1} className="relative flex min-h-0 flex-1 focus:outline-none">{body}
        {over}
        {problemsOpen && status !== 'error' ? <ProblemsDrawer problems={problems} label={problemsLabel} onClose={() => setProblemsOpen(false)} /> : null}
        <LiveRoot />
        <ReviewEffects />
        <ServerMode />
      </main>
      {dragging ? (
        <div className="pointer-events-none absolute inset-0 z-50 flex items-center justify-center bg-bg/80 backdrop-blur-sm">
          <div className="rounded-2xl border-2 border-dashed border-accent px-10 py-8 text-center">
            <p className="text-lg font-semibold">Drop inventory files to open them</p>
            <p className="mt-1 text-sm text-muted">Several files are merged into one graph.</p>
          </div>
        </div>
      ) : null}
    </div>
  );
}
