/**
 * The analysis worker: reads, validates, builds and analyses inventories, and lays out what the explorer
 * draws, so the page never freezes. It imports only model/, graph/ and its own helpers; Cytoscape is
 * imported lazily (headless, for fcose) and never touches the DOM here.
 */
import { expose } from 'comlink';

import type { AnalysisApi, DiffInput, LayoutInput, LoadProgress, LoadSource } from './analysis-protocol.ts';
import { loadInventory } from './load-inventory.ts';

const api: AnalysisApi = {
  load(source: LoadSource, onProgress?: (p: LoadProgress) => void) {
    return loadInventory(source, (p) => void onProgress?.(p), true);
  },
  async layoutForce(input: LayoutInput) {
    const { runFcose } = await import('./fcose-layout.ts');
    return runFcose(input);
  },
  async diff(old: DiffInput, next: DiffInput) {
    const { diffInventories } = await import('../graph/diff.ts');
    return diffInventories(old, next);
  },
};

expose(api);
