/**
 * Plain notices above every view about what is on screen: the built-in sample (never mistaken for the user's
 * data, and why a reload shows it), and an empty or near-empty inventory (never a page of zeros that reads as
 * an all-clear). Also the opt-in "Remember opened files on this device" and its one-button "Forget".
 */
import type { ReactElement } from 'react';

import { plural } from '../../lib/format.ts';
import type { Dataset } from '../../store/app-store.ts';
import { fileOpenedBeforeReload, useRememberedFiles } from '../../store/remembered-files.ts';

/** The opt-in checkbox and, when something is kept, the button that deletes it. */
export function RememberFilesControl(): ReactElement {
  const remember = useRememberedFiles((s) => s.remember);
  const count = useRememberedFiles((s) => s.count);
  const error = useRememberedFiles((s) => s.error);
  const setRemember = useRememberedFiles((s) => s.setRemember);
  const forget = useRememberedFiles((s) => s.forget);
  return (
    <span className="inline-flex flex-wrap items-center gap-x-3 gap-y-1">
      <label className="inline-flex cursor-pointer items-center gap-1.5" title="Keeps a copy of the files you open in this browser (IndexedDB) so a reload reopens them. Nothing is uploaded.">
        <input type="checkbox" checked={remember} onChange={(e) => void setRemember(e.target.checked)} className="accent-[var(--accent)]" />
        Remember opened files on this device
      </label>
      {remember || (count ?? 0) > 0 ? (
        <button type="button" onClick={() => void forget()} className="cursor-pointer rounded border border-line-strong px-1.5 py-0.5 hover:bg-raised">
          Forget remembered files
        </button>
      ) : null}
      {remember && count ? <span className="text-muted">{plural(count, 'file')} kept in this browser</span> : null}
      {error ? <span className="text-danger">{error}</span> : null}
    </span>
  );
}

/** What makes the inventory on screen near-empty, in words; null when it has something to analyse. */
export function emptinessOf(dataset: Dataset): string | null {
  const nodes = dataset.graph.nodes.length;
  if (nodes === 0) return 'This inventory has no nodes: there is nothing to analyse, and the empty figures are not an all-clear.';
  if (dataset.summaries.length === 0)
    return `This inventory has ${plural(nodes, 'node')} but no AI integration (agent, MCP server, model, AI app or key): no blast radius or toxic combination can be computed, so zero findings are not an all-clear.`;
  return null;
}

export function InventoryNotice({ dataset }: { dataset: Dataset | null }): ReactElement | null {
  const sampleDataset = useRememberedFiles((s) => s.sample);
  const reopenedDataset = useRememberedFiles((s) => s.reopened);
  if (!dataset) return null;
  // Only while the sample is what is on screen (a live source or a file may have replaced it since).
  const sample = sampleDataset !== null && sampleDataset === dataset;
  const reopened = reopenedDataset !== null && reopenedDataset === dataset;
  const empty = emptinessOf(dataset);
  if (!sample && !empty && !reopened) return null;
  return (
    <div className="no-print flex shrink-0 flex-col gap-1 border-b border-line bg-panel-2 px-4 py-1.5 text-xs" data-testid="inventory-notice">
      {empty ? (
        <p role="status" className="font-medium text-warn" data-testid="empty-inventory-notice">
          {empty}
        </p>
      ) : null}
      {sample ? (
        <p role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="sample-notice">
          <span>
            <strong className="font-semibold">Showing the built-in sample</strong>, not your data.{' '}
            {fileOpenedBeforeReload() ? 'The file opened before the reload was not kept on this device. ' : ''}
            Use “Open inventory” to analyse your own files; they stay in this browser.
          </span>
          <RememberFilesControl />
        </p>
      ) : null}
      {reopened ? (
        <p role="status" className="flex flex-wrap items-center gap-x-3 gap-y-1" data-testid="reopened-notice">
          <span>
            <strong className="font-semibold">Reopened the files kept in this browser</strong>; nothing was uploaded.
          </span>
          <RememberFilesControl />
        </p>
      ) : null}
    </div>
  );
}
