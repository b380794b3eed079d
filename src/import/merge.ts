/**
 * Joins what several imported files say about the same account or resource. Two nodes are the same when
 * they have the same id or share a stable join key (`arn:…`, `email:<system>:…`, `url:…`, `og:…`); the first
 * one seen keeps its id, later ones are folded into it (fields filled in, lists unioned, every provenance kept
 * in `provenanceAll`), and edges are rewritten to the surviving id. A stub (an edge end no file described)
 * takes the kind and name of the real node when one turns up.
 *
 * Only the same account seen twice merges: email keys are scoped by the system the account lives in (an
 * Okta user and a GitHub user of one person stay two nodes), and two nodes one file describes under
 * different ids never merge by key (three Snowflake logins sharing an email stay three). Every merge of a
 * described node or an edge from another file is a located warning (NODES_MERGED, DUPLICATE_EDGE).
 */
import type { BuiltEdge, BuiltNode, DocBuilder } from './builder.ts';
import { edgeKey, mergeFields, normaliseActions } from './builder.ts';
import { ISSUE_CODES, quote } from '../model/issues.ts';
import { rec } from './util.ts';

export interface MergedDoc {
  readonly builder: DocBuilder;
  readonly nodes: Record<string, unknown>[];
  readonly edges: Record<string, unknown>[];
}

export function mergeBuilders(builders: readonly DocBuilder[]): MergedDoc[] {
  const canonical = new Map<string, BuiltNode>();
  const byKey = new Map<string, string>();
  const owner = new Map<string, number>();
  const keptNodes: BuiltNode[][] = builders.map(() => []);
  const alias = new Map<string, string>();

  // Described nodes first, then stubs: a thing some file describes keeps its own id and kind.
  for (const pass of [false, true]) builders.forEach((b, bi) => {
    for (const node of b.nodes.values()) {
      if (node.stub !== pass) continue;
      let targetId: string | undefined = canonical.has(node.id) ? node.id : undefined;
      let via: string | undefined;
      if (targetId === undefined) {
        for (const k of node.keys) {
          const t = byKey.get(k);
          if (t === undefined) continue;
          // two things one file describes under different ids are two things
          if (!node.stub && !canonical.get(t)!.stub && owner.get(t) === bi) continue;
          targetId = t;
          via = k;
          break;
        }
      }
      if (targetId === undefined) {
        const copy: BuiltNode = { id: node.id, kind: node.kind, fields: node.fields, keys: new Set(node.keys), stub: node.stub };
        canonical.set(node.id, copy);
        owner.set(node.id, bi);
        keptNodes[bi]!.push(copy);
        for (const k of node.keys) if (!byKey.has(k)) byKey.set(k, node.id);
        continue;
      }
      const into = canonical.get(targetId)!;
      if (node.id !== targetId) alias.set(`${bi}\u0000${node.id}`, targetId);
      if (!node.stub && !into.stub && owner.get(targetId) !== bi) {
        const at = String(node.fields.provenance ?? '').replace(/^[^#]*#/, '') || '$';
        const first = builders[owner.get(targetId)!]!.file;
        b.warn(
          ISSUE_CODES.NODES_MERGED,
          at,
          node.id === targetId
            ? `node ${quote(node.id)} is also described by ${quote(first)}; the two descriptions are one node`
            : `node ${quote(node.id)} is the same ${via?.startsWith('email:') ? 'account' : 'thing'} as ${quote(targetId)} of ${quote(first)} (same ${via?.split(':')[0] ?? 'key'}); merged into it`,
        );
      }
      foldInto(into, node);
      for (const k of node.keys) if (!byKey.has(k)) byKey.set(k, targetId);
    }
  });

  const seenEdges = new Map<string, Record<string, unknown>>();
  return builders.map((b, bi) => {
    const edges: Record<string, unknown>[] = [];
    for (const e of b.edges) {
      const source = alias.get(`${bi}\u0000${e.source}`) ?? e.source;
      const target = alias.get(`${bi}\u0000${e.target}`) ?? e.target;
      const key = edgeKey(source, e, target);
      const existing = seenEdges.get(key);
      if (existing) {
        const at = String(e.fields.provenance ?? '').replace(/^[^#]*#/, '') || '$';
        b.warn(ISSUE_CODES.DUPLICATE_EDGE, at, `the same ${quote(e.kind)} edge from ${quote(source)} to ${quote(target)} is in ${quote(String(existing.provenance ?? '').replace(/#.*$/, ''))}; kept once`);
        foldEdge(existing, e);
        continue;
      }
      const out = toEdge(e, source, target);
      seenEdges.set(key, out);
      edges.push(out);
    }
    return { builder: b, nodes: keptNodes[bi]!.map(toNode), edges };
  });
}

function foldInto(into: BuiltNode, node: BuiltNode): void {
  const all = (into.fields.provenanceAll as string[] | undefined) ?? [into.fields.provenance as string];
  const incoming = (node.fields.provenanceAll as string[] | undefined) ?? [node.fields.provenance as string];
  for (const p of incoming) if (!all.includes(p)) all.push(p);
  if (into.stub && !node.stub) {
    into.stub = false;
    into.kind = node.kind;
    delete into.fields.stub;
    if (node.fields.name !== undefined) into.fields.name = node.fields.name;
    into.fields.provenance = node.fields.provenance;
  } else if (into.kind === 'other' && node.kind !== 'other') {
    into.kind = node.kind;
  }
  const f = rec();
  for (const k of Object.keys(node.fields)) if (k !== 'provenance' && k !== 'provenanceAll' && k !== 'stub') f[k] = node.fields[k];
  mergeFields(into.fields, f);
  if (all.length > 1) into.fields.provenanceAll = all;
  for (const k of node.keys) into.keys.add(k);
}

function foldEdge(into: Record<string, unknown>, e: BuiltEdge): void {
  const all = (into.provenanceAll as string[] | undefined) ?? [into.provenance as string];
  const incoming = (e.fields.provenanceAll as string[] | undefined) ?? [e.fields.provenance as string];
  for (const p of incoming) if (!all.includes(p)) all.push(p);
  const f = rec();
  for (const k of Object.keys(e.fields)) if (k !== 'provenance' && k !== 'provenanceAll') f[k] = e.fields[k];
  mergeFields(into, f);
  normaliseActions(into);
  if (all.length > 1) into.provenanceAll = all;
}

function toNode(n: BuiltNode): Record<string, unknown> {
  const out = rec();
  out.id = n.id;
  // An unmapped kind goes out as the original kind, so the parser keeps it as `other` with the original
  // preserved in `kind` (and says so in one warning).
  out.kind = n.kind === 'other' && typeof n.fields.originalKind === 'string' && n.fields.originalKind !== '' ? n.fields.originalKind : n.kind;
  for (const k of Object.keys(n.fields)) if (k !== 'id' && k !== 'kind' && k !== 'originalKind') out[k] = n.fields[k];
  return out;
}

function toEdge(e: BuiltEdge, source: string, target: string): Record<string, unknown> {
  const out = rec();
  out.source = source;
  out.target = target;
  out.kind = e.kind;
  if (typeof e.fields.id === 'string' && e.fields.id !== '') out.id = e.fields.id;
  for (const k of Object.keys(e.fields)) if (k !== 'source' && k !== 'target' && k !== 'kind' && k !== 'id') out[k] = e.fields[k];
  return out;
}
