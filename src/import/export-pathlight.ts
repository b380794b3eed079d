/**
 * Writes an Inventory back as a Pathlight v1 document. Every node and edge is written with the fields it
 * was read with (unknown fields included), in the same order, so reading the output again gives the same
 * nodes, edges and edge ids.
 */
import type { Inventory } from '../model/types.ts';

export function toPathlightDocument(inventory: Inventory): Record<string, unknown> {
  const doc: Record<string, unknown> = { format: 'pathlight-inventory', version: 1 };
  if (inventory.meta.generatedAt !== undefined) doc.generatedAt = inventory.meta.generatedAt;
  if (inventory.meta.source !== undefined) doc.source = { ...inventory.meta.source };
  for (const key of Object.keys(inventory.meta.extra)) if (!(key in doc)) doc[key] = inventory.meta.extra[key];
  doc.nodes = inventory.nodes.map((n) => ({ ...n.fields }));
  doc.edges = inventory.edges.map((e) => {
    const out: Record<string, unknown> = { ...e.fields };
    // A derived id is written out so an edge keeps its id even if the file is later split or reordered.
    if (out.id === undefined) out.id = e.id;
    return out;
  });
  return doc;
}
