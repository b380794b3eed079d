import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { expect } from 'vitest';

import { importInventories } from '../index.ts';
import type { ImportInput } from '../index.ts';
import type { Inventory, InventoryEdge, InventoryNode } from '../../model/types.ts';

export const FIXTURES = join(import.meta.dirname, '..', 'fixtures');

export function fixture(rel: string): ImportInput {
  return { file: rel.split('/').pop()!, text: readFileSync(join(FIXTURES, rel), 'utf8') };
}

export function json(file: string, value: unknown): ImportInput {
  return { file, text: JSON.stringify(value) };
}

export function ok(inputs: readonly ImportInput[]) {
  const r = importInventories(inputs);
  if (!r.ok) throw new Error(`import failed: ${r.errors.map((e) => `${e.file}: ${e.at}: ${e.message}`).join('\n')}`);
  return r;
}

export function node(inv: Inventory, id: string): InventoryNode {
  const n = inv.nodes.find((x) => x.id === id);
  if (!n) throw new Error(`no node ${id}; have ${inv.nodes.map((x) => x.id).slice(0, 50).join(', ')}`);
  return n;
}

export function edge(inv: Inventory, source: string, kind: string, target: string): InventoryEdge {
  const e = inv.edges.find((x) => x.source === source && x.kind === kind && x.target === target);
  if (!e) {
    const near = inv.edges.filter((x) => x.source === source || x.target === target).map((x) => `${x.source} -${x.kind}-> ${x.target}`);
    throw new Error(`no edge ${source} -${kind}-> ${target}; near: ${near.slice(0, 20).join('; ')}`);
  }
  return e;
}

export function noEdge(inv: Inventory, source: string, kind: string, target: string): void {
  expect(inv.edges.some((x) => x.source === source && x.kind === kind && x.target === target)).toBe(false);
}

/** Every node and edge carries provenance `file#/pointer`. */
export function expectProvenance(inv: Inventory): void {
  for (const n of inv.nodes) expect(String(n.fields.provenance), n.id).toMatch(/^[^#]+#(\/.*)?$/);
  for (const e of inv.edges) expect(String(e.fields.provenance), e.id).toMatch(/^[^#]+#(\/.*)?$/);
}

/** Imports inputs that must fail; returns the errors. */
export function failed(inputs: readonly ImportInput[]) {
  const r = importInventories(inputs);
  if (r.ok) throw new Error('import was expected to fail');
  return r.errors;
}
