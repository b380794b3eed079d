/** Designed states around loading: progress, failure (with the problems listed), and nothing loaded. */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { formatBytes, plural } from '../../lib/format.ts';
import { useAppStore } from '../../store/app-store.ts';
import { SAMPLE_URL, cancelLoad, loadUrl } from '../../store/load-actions.ts';
import { loadFraction } from '../../workers/analysis-protocol.ts';
import type { LoadProgress, Problem } from '../../workers/analysis-protocol.ts';

import { OpenInventoryButton } from './open-inventory-button.tsx';
import { ProblemList } from './problems-panel.tsx';

const STAGES = { reading: 'Reading', parsing: 'Validating', building: 'Building the graph', analysing: 'Analysing' } as const;

/** What the load is doing, how far it is (a real fraction over the stages), and Cancel. */
function Progress({ label, progress }: { label: string | null; progress: LoadProgress | null }): ReactElement {
  const stage = progress?.stage ?? 'reading';
  const fraction = progress ? loadFraction(progress) : 0;
  const cancellable = useAppStore((s) => s.cancellable);
  const hasDataset = useAppStore((s) => s.dataset !== null);
  const detail =
    stage === 'reading' && progress?.loaded !== undefined
      ? ` · ${formatBytes(progress.loaded)}${progress.total ? ` of ${formatBytes(progress.total)}` : ''}`
      : progress?.detail
        ? ` · ${progress.detail}`
        : '…';
  return (
    <>
      <p className="text-sm font-semibold">Opening {label ?? 'inventory'}</p>
      <p className="mt-1 truncate text-xs text-muted" data-testid="load-stage">
        {STAGES[stage]}
        {detail}
      </p>
      {progress?.findingsSoFar !== undefined ? <p className="mt-1 text-xs text-muted">{plural(progress.findingsSoFar, 'finding')} so far</p> : null}
      <progress
        className="mt-4 block h-1.5 w-full appearance-none overflow-hidden rounded-full bg-raised [&::-moz-progress-bar]:bg-accent [&::-webkit-progress-bar]:bg-raised [&::-webkit-progress-value]:rounded-full [&::-webkit-progress-value]:bg-accent"
        aria-label="Loading progress"
        max={100}
        value={Math.max(2, Math.round(fraction * 100))}
      />
      <div className="mt-3 flex items-center justify-between gap-3">
        <p className="text-2xs text-faint">
          {hasDataset ? 'The inventory on screen stays usable until this one is ready.' : 'Parsing and analysis run in a background worker; the page stays responsive.'}
        </p>
        {cancellable ? (
          <Button variant="ghost" onClick={cancelLoad}>
            Cancel
          </Button>
        ) : null}
      </div>
    </>
  );
}

export function LoadingState({ label, progress }: { label: string | null; progress: LoadProgress | null }): ReactElement {
  return (
    <div className="flex flex-1 items-center justify-center p-8">
      <div className="w-[26rem] rounded-xl border border-line bg-panel p-6 shadow-xl" aria-live="polite">
        <Progress label={label} progress={progress} />
      </div>
    </div>
  );
}

/** The same progress over the inventory on screen, which stays usable meanwhile. */
export function LoadingCard({ label, progress }: { label: string | null; progress: LoadProgress | null }): ReactElement {
  return (
    <section aria-label="Opening another inventory" aria-live="polite" className="absolute bottom-4 left-1/2 z-40 w-[26rem] max-w-[calc(100%-2rem)] -translate-x-1/2 rounded-xl border border-line-strong bg-panel p-4 shadow-2xl">
      <Progress label={label} progress={progress} />
    </section>
  );
}

/** A load that failed: its problems with their places. `keeping`: the inventory on screen, which stays as it was. */
export function ErrorState({ label, problems, keeping }: { label: string | null; problems: readonly Problem[]; keeping?: string }): ReactElement {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const dismiss = useAppStore((s) => s.dismissLoadError);
  return (
    <div className={keeping !== undefined ? 'absolute inset-0 z-40 flex items-start justify-center overflow-y-auto bg-bg/70 p-8' : 'flex flex-1 items-start justify-center overflow-y-auto p-8'}>
      <section aria-label={`Could not open ${label ?? 'the inventory'}`} className="w-[40rem] max-w-full rounded-xl border border-danger/40 bg-panel shadow-xl">
        <header className="flex items-start gap-3 border-b border-line p-5">
          <span className="mt-0.5 text-danger">
            <Icon name="alert" size={20} />
          </span>
          <div>
            <h2 className="text-base font-semibold">Could not open {label ?? 'the inventory'}</h2>
            <p className="mt-1 text-xs text-muted">
              {plural(errors, 'error')} stopped the import. Fix them in the file and open it again; nothing was loaded
              {keeping !== undefined ? `, and ${keeping} is still open.` : '.'}
            </p>
          </div>
        </header>
        <div className="max-h-[50vh] overflow-y-auto">
          <ProblemList problems={problems} />
        </div>
        <footer className="flex gap-2 border-t border-line p-4">
          <OpenInventoryButton />
          {keeping !== undefined ? (
            <Button variant="ghost" onClick={dismiss}>
              Back to {keeping}
            </Button>
          ) : (
            <Button variant="ghost" onClick={() => void loadUrl(SAMPLE_URL)}>
              Load the sample
            </Button>
          )}
        </footer>
      </section>
    </div>
  );
}

export function EmptyState(): ReactElement {
  return (
    <div className="flex flex-1 items-center justify-center p-8">
      <div className="max-w-md text-center">
        <h2 className="text-lg font-semibold">Open an inventory to begin</h2>
        <p className="mt-2 text-sm text-muted">Drop one or several Pathlight inventory files anywhere, or pick them. Nothing leaves your browser.</p>
        <div className="mt-4 flex justify-center gap-2">
          <OpenInventoryButton />
          <Button onClick={() => void loadUrl(SAMPLE_URL)}>Load the sample</Button>
        </div>
      </div>
    </div>
  );
}
