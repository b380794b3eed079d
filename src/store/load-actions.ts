/** Starting loads: the built-in sample, files (picker or drop) and `?source=` URLs. */
import { loadInventoryOffThread } from '../workers/analysis-client.ts';
import type { LoadSource } from '../workers/analysis-protocol.ts';

import { useAppStore } from './app-store.ts';

export const SAMPLE_URL = '/samples/sample-inventory.json';

let generation = 0;

export async function loadSource(source: LoadSource, label: string): Promise<void> {
  const mine = ++generation;
  const store = useAppStore.getState();
  store.startLoading(label);
  let last = 0;
  const result = await loadInventoryOffThread(source, (p) => {
    const t = performance.now();
    if (mine !== generation || (p.stage === 'reading' && t - last < 50)) return;
    last = t;
    useAppStore.getState().setProgress(p);
  });
  if (mine !== generation) return;
  useAppStore.getState().finishLoading(result);
}

export function loadFiles(files: readonly File[]): Promise<void> {
  const json = files.filter((f) => f.size >= 0);
  const label = json.length === 1 ? json[0]!.name : `${json.length} files`;
  return loadSource({ kind: 'files', files: json }, label);
}

export function loadUrl(url: string): Promise<void> {
  return loadSource({ kind: 'url', url }, url);
}
