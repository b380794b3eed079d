/**
 * Inferred facts in the analysis (the importers write them, src/import/infer.ts): a node's `inferred` list holds
 * `{field, value, confidence, because, source}`. High-confidence facts are already applied to the node's fields
 * (strict mode sees them); low-confidence ones are applied only in worst-case mode (`lowConfidenceFills`).
 * `withInferredEvidence` copies the facts of every node a finding's evidence touches onto the finding, with the
 * legs they support, so a reviewer sees which parts of a finding rest on inference.
 */
import type { InventoryNode } from '../model/types.ts';

import type { InventoryGraph } from './build-graph.ts';
import type { Finding, FindingInferredFact } from './rules/types.ts';

interface RawFact {
  field: string;
  value: unknown;
  confidence: string;
  because: string;
  source?: string;
}

export function inferredFactsOf(node: InventoryNode): RawFact[] {
  const list = node.fields['inferred'];
  if (!Array.isArray(list)) return [];
  const out: RawFact[] = [];
  for (const f of list) {
    if (!f || typeof f !== 'object') continue;
    const r = f as Record<string, unknown>;
    if (typeof r.field !== 'string' || typeof r.confidence !== 'string') continue;
    out.push({ field: r.field, value: r.value, confidence: r.confidence, because: typeof r.because === 'string' ? r.because : '', ...(typeof r.source === 'string' ? { source: r.source } : {}) });
  }
  return out;
}

/**
 * Worst-case mode: the low-confidence facts of a node whose field the node does not have (list fields are
 * unioned), written into `fill`, each with a line for `assumed`.
 */
export function lowConfidenceFills(node: InventoryNode, fill: Record<string, unknown>, why: string[]): void {
  for (const f of inferredFactsOf(node)) {
    if (f.confidence !== 'inferred-low') continue;
    const have = fill[f.field] ?? node.fields[f.field];
    if (Array.isArray(f.value)) {
      const base = Array.isArray(have) ? (have as unknown[]) : [];
      const merged = [...new Set([...base, ...(f.value as unknown[])])];
      if (merged.length === base.length) continue;
      fill[f.field] = merged;
    } else if (have === undefined) {
      fill[f.field] = f.value;
    } else continue;
    why.push(`${f.field} of ${JSON.stringify(node.name)} is inferred with low confidence: ${f.because}`);
  }
}

/** The findings with `inferred` listing the inferred facts their evidence rests on (unchanged when there are none). */
const hasFacts = new WeakMap<InventoryGraph, boolean>();

export function withInferredEvidence(graph: InventoryGraph, findings: Finding[]): Finding[] {
  if (findings.length === 0) return findings;
  let any = hasFacts.get(graph);
  if (any === undefined) {
    any = graph.nodes.some((n) => Array.isArray(n.fields['inferred']));
    hasFacts.set(graph, any);
  }
  if (!any) return findings;
  return findings.map((f) => {
    const facts: FindingInferredFact[] = [];
    for (const id of f.evidence.nodes) {
      const i = graph.index.nodeIndex.get(id);
      if (i === undefined) continue;
      const raw = inferredFactsOf(graph.nodes[i]!);
      if (raw.length === 0) continue;
      const legs = (f.legs ?? []).filter((l) => l.nodes.includes(id)).map((l) => l.name);
      for (const r of raw) facts.push({ node: id, ...r, confidence: r.confidence as FindingInferredFact['confidence'], ...(legs.length > 0 ? { legs } : {}) });
    }
    return facts.length > 0 ? { ...f, inferred: facts } : f;
  });
}
