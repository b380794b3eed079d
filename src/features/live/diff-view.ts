/**
 * The presentation model of one diff: every id resolved to a name while both inventories are at hand (so a
 * history entry still names things after the inventory it came from is gone), lists capped for reading,
 * and the marks the graph draws. Pure; names are attacker-controlled text and are only ever rendered as text.
 */
import type { FieldChange, InventoryDiff } from '../../graph/diff.ts';
import type { Severity } from '../../graph/rules/types.ts';
import { NODE_KIND_LABELS } from '../../model/node-kinds.ts';
import type { NodeKind } from '../../model/node-kinds.ts';
import type { Inventory } from '../../model/types.ts';
import type { Capped, DiffView, FieldLine, FindingLine, NamedEdge, NamedNode } from '../../store/drift-types.ts';

/** Most items listed per group; the rest are counted ("and 12 more"). */
export const LIST_CAP = 40;

export type { Capped, DiffView, FieldLine, FindingLine, NamedEdge, NamedNode, ReachLine } from '../../store/drift-types.ts';


function cap<T>(all: readonly T[], limit = LIST_CAP): Capped<T> {
  return all.length <= limit ? { items: all, more: 0 } : { items: all.slice(0, limit), more: all.length - limit };
}

function kindLabel(kind: string): string {
  const known = (NODE_KIND_LABELS as Partial<Record<string, string>>)[kind as NodeKind];
  if (known === undefined) return kind.replace(/_/g, ' ');
  // "Data store" → "data store", but "AI agent" stays.
  return /^[A-Z][a-z]/.test(known) ? known[0]!.toLowerCase() + known.slice(1) : known;
}

/** A field value, short and on one line. */
export function formatValue(value: unknown, max = 60): string {
  let text: string;
  if (typeof value === 'string') text = value;
  else if (value === undefined) text = '—';
  else {
    try {
      text = JSON.stringify(value) ?? String(value);
    } catch {
      text = String(value);
    }
  }
  text = text.replace(/\s+/g, ' ').trim();
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

export function fieldLine(change: FieldChange): FieldLine {
  const hasOld = 'old' in change;
  const hasNew = 'new' in change;
  const text = hasOld && hasNew ? `${formatValue(change.old)} → ${formatValue(change.new)}` : hasNew ? `set to ${formatValue(change.new)}` : `removed (was ${formatValue(change.old)})`;
  return { field: change.field, text };
}

function plural(n: number, one: string, many = `${one}s`): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

/**
 * Resolves a diff for display. `next` is the inventory after the change; removed elements are named from
 * the diff's ghosts (the old inventory's names).
 */
export function presentDiff(diff: InventoryDiff, next: Inventory): DiffView {
  const nodeInfo = new Map<string, { name: string; kind: string }>();
  for (const g of diff.ghosts.nodes) nodeInfo.set(g.id, { name: g.name, kind: g.kind });
  for (const n of next.nodes) nodeInfo.set(n.id, { name: n.name, kind: n.kind });
  const edgeInfo = new Map<string, { source: string; target: string; kind: string }>();
  for (const g of diff.ghosts.edges) edgeInfo.set(g.id, g);
  for (const e of next.edges) edgeInfo.set(e.id, e);

  const node = (id: string): NamedNode => {
    const info = nodeInfo.get(id);
    return { id, name: info?.name ?? id, kind: kindLabel(info?.kind ?? 'other') };
  };
  const nameOf = (id: string): string => nodeInfo.get(id)?.name ?? id;
  const edge = (id: string): NamedEdge => {
    const info = edgeInfo.get(id);
    if (!info) return { id, label: id, kind: '' };
    return { id, label: `${nameOf(info.source)} → ${nameOf(info.target)}`, kind: info.kind };
  };
  const finding = (f: { rule: string; ruleRef?: string; node: string; title: string }, severity: Severity, from?: Severity): FindingLine => ({
    key: `${f.rule}|${f.node}`,
    title: f.title,
    ...(f.ruleRef !== undefined ? { ruleRef: f.ruleRef } : {}),
    nodeName: nameOf(f.node),
    severity,
    ...(from !== undefined ? { from } : {}),
  });

  const counts = {
    nodesAdded: diff.nodes.added.length,
    nodesRemoved: diff.nodes.removed.length,
    nodesChanged: diff.nodes.changed.length,
    edgesAdded: diff.edges.added.length,
    edgesRemoved: diff.edges.removed.length,
    edgesChanged: diff.edges.changed.length,
    findingsNew: diff.findings.new.length,
    findingsResolved: diff.findings.resolved.length,
    crownJewelsGained: new Set(diff.reach.flatMap((r) => r.crownJewelsGained)).size,
  };
  const parts: string[] = [];
  if (counts.findingsNew) parts.push(plural(counts.findingsNew, 'new finding'));
  if (counts.crownJewelsGained) parts.push(`${plural(counts.crownJewelsGained, 'crown jewel')} newly reachable`);
  if (counts.nodesAdded) parts.push(`${plural(counts.nodesAdded, 'node')} added`);
  if (counts.nodesRemoved) parts.push(`${plural(counts.nodesRemoved, 'node')} removed`);
  if (counts.nodesChanged) parts.push(`${plural(counts.nodesChanged, 'node')} changed`);
  if (counts.edgesAdded) parts.push(`${plural(counts.edgesAdded, 'edge')} added`);
  if (counts.edgesRemoved) parts.push(`${plural(counts.edgesRemoved, 'edge')} removed`);
  if (counts.edgesChanged) parts.push(`${plural(counts.edgesChanged, 'edge')} changed`);
  if (counts.findingsResolved) parts.push(plural(counts.findingsResolved, 'finding') + ' resolved');
  const reachOnly = parts.length === 0 && diff.reach.length > 0;
  const headline = diff.empty ? 'No change' : reachOnly ? `${plural(diff.reach.length, 'AI integration')} with a different reach` : parts.join(', ');

  const added = new Set<string>(diff.nodes.added);
  for (const id of diff.edges.added) added.add(`edge\u241f${id}`);

  return {
    empty: diff.empty,
    headline,
    summary: diff.summary.map((s) => ({ kind: s.kind, text: s.text, ...(s.severity !== undefined ? { severity: s.severity } : {}) })),
    nodes: {
      added: cap(diff.nodes.added.map(node)),
      removed: cap(diff.nodes.removed.map(node)),
      changed: cap(diff.nodes.changed.map((c) => ({ ...node(c.id), fields: c.fields.map(fieldLine) }))),
    },
    edges: {
      added: cap(diff.edges.added.map(edge)),
      removed: cap(diff.edges.removed.map(edge)),
      changed: cap(diff.edges.changed.map((c) => ({ ...edge(c.id), fields: c.fields.map(fieldLine) }))),
    },
    reach: cap(
      diff.reach.map((r) => ({
        node: r.node,
        name: r.name,
        before: r.before,
        after: r.after,
        gained: cap(r.gained.map(node), 12),
        lost: cap(r.lost.map(node), 12),
        crownJewelsGained: r.crownJewelsGained.map(node),
        crownJewelsLost: r.crownJewelsLost.map(node),
      })),
      20,
    ),
    findings: {
      new: cap(diff.findings.new.map((f) => finding(f, f.severity))),
      resolved: cap(diff.findings.resolved.map((f) => finding(f, f.severity))),
      changed: cap(diff.findings.changed.map((f) => finding(f, f.new, f.old))),
    },
    counts,
    marks: { added, ghostNodes: diff.ghosts.nodes, ghostEdges: diff.ghosts.edges },
  };
}
