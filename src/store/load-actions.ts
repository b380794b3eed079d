/** Starting loads: the built-in sample, files (picker or drop) and `?source=` URLs; cancelling the one under way. */
import { startLoad } from '../workers/analysis-client.ts';
import type { LoadHandle } from '../workers/analysis-client.ts';
import type { LoadSource } from '../workers/analysis-protocol.ts';

import { useAppStore } from './app-store.ts';
import { filesOpened, otherSourceOpened } from './remembered-files.ts';

export const SAMPLE_URL = '/samples/sample-inventory.json';

let generation = 0;
let current: LoadHandle | null = null;

/** Resolves true when this load is the one now on screen. */
export async function loadSource(source: LoadSource, label: string): Promise<boolean> {
  const mine = ++generation;
  // A newer load supersedes the one under way: the worker stops it between stages.
  current?.cancel();
  const store = useAppStore.getState();
  store.startLoading(label, true);
  let last = 0;
  const handle = startLoad(source, (p) => {
    const t = performance.now();
    if (mine !== generation || (p.stage === 'reading' && t - last < 50)) return;
    last = t;
    useAppStore.getState().setProgress(p);
  });
  current = handle;
  const result = await handle.result;
  if (current === handle) current = null;
  if (mine !== generation) return false;
  useAppStore.getState().finishLoading(result);
  if (result.ok) {
    // Files are kept in memory, and on this device only when the user opted in (remembered-files.ts).
    if (source.kind === 'files') await filesOpened(source.files);
    else otherSourceOpened(source.kind === 'url' && source.url === SAMPLE_URL);
  }
  return result.ok;
}

/** Cancel: the load under way stops and the inventory on screen (if any) stays as it was. */
export function cancelLoad(): void {
  current?.cancel();
}

export function loadFiles(files: readonly File[]): Promise<boolean> {
  const json = files.filter((f) => f.size >= 0);
  const label = json.length === 1 ? json[0]!.name : `${json.length} files`;
  return loadSource({ kind: 'files', files: json }, label);
}

export function loadUrl(url: string): Promise<boolean> {
  return loadSource({ kind: 'url', url }, url);
}
