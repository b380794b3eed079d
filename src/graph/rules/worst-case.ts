/**
 * Worst-case mode (§6.3): unknown facts count as true. We fill the facts an inventory commonly leaves out
 * with their worst value, evaluate the rules on that completed graph, and keep the findings strict mode does
 * not have, each marked `assumed` with the missing facts on its evidence that would confirm or dismiss it.
 *
 * Filled facts (only when the property is absent):
 * - data_store / vector_store / memory_store / saas_app without `sensitivity` → `confidential` ("classify X");
 * - a store with `contentTrust: "unknown"` → `untrusted` ("inventory the writers of X");
 * - mcp_server without `trust` → `unknown`, without `versionPinned` → `false` ("import mcp-scan for X");
 * - remote mcp_server (http, sse, streamable-http) without `auth` → `none`;
 * - ai_agent with `protocol: "a2a"` without `a2aSecuritySchemes` → none declared;
 * - tool without `caps` → every capability of the format's list ("label the tool, e.g. import mcp-scan");
 * - cloud_resource without `sandbox` → `none`;
 * - credential without `status` → `active`.
 */
import type { InventoryNode } from '../../model/types.ts';
import { buildGraph } from '../build-graph.ts';
import type { InventoryGraph } from '../build-graph.ts';

import { lowConfidenceFills } from '../inferred-facts.ts';

import { DATA, absent, field, str } from './facts.ts';

export interface CompletedGraph {
  readonly graph: InventoryGraph;
  /** Node id → the missing facts assumed on it. */
  readonly assumed: ReadonlyMap<string, readonly string[]>;
}

const cache = new WeakMap<InventoryGraph, CompletedGraph>();
const ALL_CAPS = ['untrusted_content', 'private_data', 'external_send', 'destructive', 'financial', 'code_exec', 'file_read', 'file_write', 'network_fetch', 'identity_admin'];

export function completeGraph(graph: InventoryGraph): CompletedGraph {
  const hit = cache.get(graph);
  if (hit) return hit;
  const assumed = new Map<string, string[]>();
  const nodes: InventoryNode[] = graph.nodes.map((node) => {
    const fill: Record<string, unknown> = {};
    const why: string[] = [];
    const q = JSON.stringify(node.name);
    if (DATA.has(node.kind) && absent(node, 'sensitivity')) {
      fill['sensitivity'] = 'confidential';
      why.push(`sensitivity of ${q} is unknown: classify it`);
    }
    if (DATA.has(node.kind) && str(node, 'contentTrust') === 'unknown') {
      fill['contentTrust'] = 'untrusted';
      why.push(`writers of ${q} are not inventoried: list who can write to it`);
    }
    if (node.kind === 'mcp_server') {
      if (absent(node, 'trust')) {
        fill['trust'] = 'unknown';
        why.push(`trust of MCP server ${q} is unknown: import an mcp-scan result for it`);
      }
      if (absent(node, 'versionPinned')) {
        fill['versionPinned'] = false;
        why.push(`whether MCP server ${q} is version-pinned is unknown`);
      }
      const transport = str(node, 'transport');
      if ((transport === 'http' || transport === 'sse' || transport === 'streamable-http') && absent(node, 'auth')) {
        fill['auth'] = 'none';
        why.push(`authentication of MCP server ${q} is unknown`);
      }
    }
    if (node.kind === 'ai_agent' && str(node, 'protocol') === 'a2a' && field(node, 'a2aSecuritySchemes') === undefined) {
      fill['a2aSecuritySchemes'] = [];
      why.push(`A2A security schemes of ${q} are unknown: fetch its agent card`);
    }
    if (node.kind === 'tool' && field(node, 'caps') === undefined) {
      fill['caps'] = [...ALL_CAPS];
      why.push(`capabilities of tool ${q} are unknown: label it (import mcp-scan or annotate caps)`);
    }
    if (node.kind === 'cloud_resource' && absent(node, 'sandbox')) {
      fill['sandbox'] = 'none';
      why.push(`isolation (sandbox) of ${q} is unknown`);
    }
    if (node.kind === 'credential' && absent(node, 'status')) {
      fill['status'] = 'active';
      why.push(`whether credential ${q} is still active is unknown`);
    }
    lowConfidenceFills(node, fill, why); // facts inferred with low confidence (src/import/infer.ts)
    if (why.length === 0) return node;
    assumed.set(node.id, why);
    const fields = Object.assign(Object.create(null) as Record<string, unknown>, node.fields, fill);
    return { ...node, fields };
  });
  const completed: CompletedGraph = { graph: buildGraph({ nodes, edges: graph.edges }), assumed };
  cache.set(graph, completed);
  return completed;
}
