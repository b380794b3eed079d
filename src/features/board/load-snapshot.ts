/**
 * "Compare with an earlier or later snapshot…": the other file is read by the same analysis worker and the
 * same importers as every load (any format `importInventories` accepts: Pathlight, OpenGraph, MCP configs,
 * AWS IAM, …), then released from the session; the board keeps the inventory, its findings and a graph.
 */
import { buildGraph } from '../../graph/index.ts';
import { loadInventoryOffThread, releaseFromSession } from '../../workers/analysis-client.ts';

import type { SnapshotSide } from './view-models/trend.ts';

export type SnapshotLoad = { readonly ok: true; readonly label: string; readonly side: SnapshotSide } | { readonly ok: false; readonly message: string };

export async function loadSnapshot(file: File): Promise<SnapshotLoad> {
  const result = await loadInventoryOffThread({ kind: 'files', files: [file] }, () => {});
  if (!result.ok) {
    if (result.cancelled) return { ok: false, message: `${file.name} was not read (cancelled).` };
    const first = result.problems[0];
    return { ok: false, message: `${file.name} could not be read: ${first?.message ?? 'not an inventory in a format Pathlight reads'}.` };
  }
  // The board compares on the page; the session need not keep it.
  releaseFromSession(result);
  return { ok: true, label: file.name, side: { inventory: result.inventory, graph: buildGraph(result.inventory), findings: result.findings } };
}
