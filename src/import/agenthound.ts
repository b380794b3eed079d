/**
 * AgentHound's ingest format (`{meta: {type: "agenthound-ingest", version, collector…}, graph: {nodes, edges}}`,
 * adithyan-ak/AgentHound `sdk/ingest`): OpenGraph-like nodes (`id`, `kinds`, `properties`) and edges that name
 * their ends directly (`source`, `target`, `source_kind`, `target_kind`). The edges are rewritten as OpenGraph
 * id matchers and the payload read by the OpenGraph importer, so every node and edge keeps its kind, id and
 * properties; `observation_domains` and `property_semantics` are kept as properties. Kinds map through
 * opengraph.ts (`MCPServer` → mcp_server, `AgentInstance` → ai_agent, `TRUSTS_SERVER` → connects_to…).
 */
import { ISSUE_CODES } from '../model/issues.ts';

import type { DocBuilder } from './builder.ts';
import { importOpenGraph } from './opengraph.ts';
import type { TraversalTable } from './opengraph.ts';
import { arr, isObj, own, rec, str } from './util.ts';

export function isAgentHound(json: unknown): boolean {
  if (!isObj(json) || !isObj(own(json, 'graph'))) return false;
  if (own(own(json, 'meta'), 'type') === 'agenthound-ingest') return true;
  const edges = arr(own(own(json, 'graph'), 'edges'));
  return edges.length > 0 && edges.every((e) => isObj(e) && typeof own(e, 'source') === 'string' && typeof own(e, 'target') === 'string' && own(e, 'start') === undefined);
}

const EXTRA_NODE = ['observation_domains', 'property_semantics'];
const EXTRA_EDGE = ['observation_domains', 'observation_semantics'];

export function importAgentHound(json: unknown, b: DocBuilder, traversal: TraversalTable): void {
  const meta = own(json, 'meta');
  const version = own(meta, 'version');
  if (typeof version === 'number' && version > 1) b.warn(ISSUE_CODES.INVALID_FIELD, '/meta/version', `AgentHound ingest version ${version} is newer than the one Pathlight knows (1); read as version 1`);
  const graph = own(json, 'graph');
  const nodes = arr(own(graph, 'nodes')).map((n) => {
    if (!isObj(n)) return n;
    const props = rec();
    const given = own(n, 'properties');
    if (isObj(given)) for (const k of Object.keys(given)) props[k] = given[k];
    for (const k of EXTRA_NODE) if (own(n, k) !== undefined && !(k in props)) props[k] = own(n, k);
    return { id: own(n, 'id'), kinds: own(n, 'kinds'), properties: props };
  });
  const edges = arr(own(graph, 'edges')).map((e) => {
    if (!isObj(e)) return e;
    const props = rec();
    const given = own(e, 'properties');
    if (isObj(given)) for (const k of Object.keys(given)) props[k] = given[k];
    for (const k of EXTRA_EDGE) if (own(e, k) !== undefined && !(k in props)) props[k] = own(e, k);
    const end = (id: unknown, kind: unknown) => ({ match_by: 'id', value: id, ...(str(kind) ? { kind } : {}) });
    return { kind: own(e, 'kind'), start: end(own(e, 'source'), own(e, 'source_kind')), end: end(own(e, 'target'), own(e, 'target_kind')), properties: props };
  });
  importOpenGraph({ graph: { nodes, edges } }, b, traversal);
}
