/** Designed states around loading: progress, failure (with the problems listed), and nothing loaded. */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import { Icon } from '../../components/ui/icons.tsx';
import { formatBytes, plural } from '../../lib/format.ts';
import { SAMPLE_URL, loadUrl } from '../../store/load-actions.ts';
import type { LoadProgress, Problem } from '../../workers/analysis-protocol.ts';

import { OpenInventoryButton } from './open-inventory-button.tsx';
import { ProblemList } from './problems-panel.tsx';

const STAGES = { reading: 'Reading', parsing: 'Validating', building: 'Building the graph', analysing: 'Computing blast radii' } as const;
const STAGE_ORDER = ['reading', 'parsing', 'building', 'analysing'] as const;

export function LoadingState({ label, progress }: { label: string | null; progress: LoadProgress | null }): ReactElement {
  const stage = progress?.stage ?? 'reading';
  const step = STAGE_ORDER.indexOf(stage);
  const fraction =
    stage === 'reading' && progress?.total ? (progress.loaded ?? 0) / progress.total / 4 : (step + 0.5) / STAGE_ORDER.length;
  return (
    <div className="flex flex-1 items-center justify-center p-8">
      <div className="w-[26rem] rounded-xl border border-line bg-panel p-6 shadow-xl" aria-live="polite">
        <p className="text-sm font-semibold">Opening {label ?? 'inventory'}</p>
        <p className="mt-1 text-xs text-muted">
          {STAGES[stage]}
          {stage === 'reading' && progress?.loaded !== undefined
            ? ` · ${formatBytes(progress.loaded)}${progress.total ? ` of ${formatBytes(progress.total)}` : ''}`
            : '…'}
        </p>
        <progress
          className="mt-4 block h-1.5 w-full appearance-none overflow-hidden rounded-full bg-raised [&::-moz-progress-bar]:bg-accent [&::-webkit-progress-bar]:bg-raised [&::-webkit-progress-value]:rounded-full [&::-webkit-progress-value]:bg-accent"
          aria-label="Loading progress"
          max={100}
          value={Math.max(4, Math.round(fraction * 100))}
        />
        <p className="mt-3 text-2xs text-faint">Parsing and analysis run in a background worker; the page stays responsive.</p>
      </div>
    </div>
  );
}

export function ErrorState({ label, problems }: { label: string | null; problems: readonly Problem[] }): ReactElement {
  const errors = problems.filter((p) => p.severity === 'error').length;
  return (
    <div className="flex flex-1 items-start justify-center overflow-y-auto p-8">
      <section aria-label={`Could not open ${label ?? 'the inventory'}`} className="w-[40rem] max-w-full rounded-xl border border-danger/40 bg-panel shadow-xl">
        <header className="flex items-start gap-3 border-b border-line p-5">
          <span className="mt-0.5 text-danger">
            <Icon name="alert" size={20} />
          </span>
          <div>
            <h2 className="text-base font-semibold">Could not open {label ?? 'the inventory'}</h2>
            <p className="mt-1 text-xs text-muted">
              {plural(errors, 'error')} stopped the import. Fix them in the file and open it again; nothing was loaded.
            </p>
          </div>
        </header>
        <div className="max-h-[50vh] overflow-y-auto">
          <ProblemList problems={problems} />
        </div>
        <footer className="flex gap-2 border-t border-line p-4">
          <OpenInventoryButton />
          <Button variant="ghost" onClick={() => void loadUrl(SAMPLE_URL)}>
            Load the sample
          </Button>
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
