import { describe, expect, it } from 'vitest';

import { buildGraph } from '../../../graph/index.ts';
import { parseInventory } from '../../../model/index.ts';
import { smallEstateGraph } from '../../../test/small-estate.ts';

import { parseQuery, searchIndex, searchNodes, toSearchIndex } from './search.ts';

function graphOf(nodes: readonly Record<string, unknown>[]) {
  const parsed = parseInventory({
    file: 't.json',
    json: { format: 'pathlight-inventory', version: 1, generatedAt: '2026-11-20T10:00:00Z', source: { name: 't' }, nodes, edges: [] },
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed));
  return buildGraph(parsed.inventory);
}

describe('search with kind prefixes', () => {
  const graph = smallEstateGraph();
  const index = toSearchIndex(graph);
  const ids = (q: string) => searchNodes(index, q, 50).map((i) => graph.nodes[i]!.id);

  it('kind:credential keeps exactly the credentials', () => {
    const want = graph.nodes.filter((n) => n.kind === 'credential').map((n) => n.id).sort();
    expect(want.length).toBeGreaterThan(0);
    expect(ids('kind:credential').sort()).toEqual(want);
    expect(ids('KIND:Credential').sort()).toEqual(want);
  });

  it('agent: keeps AI agents and matches the rest of the word', () => {
    const agents = graph.nodes.filter((n) => n.kind === 'ai_agent').map((n) => n.id).sort();
    expect(ids('agent:').sort()).toEqual(agents);
    expect(ids('agent:fin')).toEqual(['agent:finance']);
    // An id typed whole still finds itself first.
    expect(ids('agent:support')[0]).toBe('agent:support');
  });

  it('several kinds with commas, and kind words combine with text', () => {
    expect(new Set(ids('kind:tool,mcp').map((id) => graph.nodes[graph.index.nodeIndex.get(id)!]!.kind))).toEqual(new Set(['tool', 'mcp_server']));
    expect(ids('kind:data_store ledger')).toEqual(['ds:ledger']);
  });

  it('crown: keeps crown jewels only', () => {
    const crown = ids('crown:');
    expect(crown).toEqual(expect.arrayContaining(['ds:ledger', 'ds:crm']));
    expect(crown).not.toContain('tool:email');
    expect(ids('crown:ledger')).toEqual(['ds:ledger']);
    expect(ids('is:crown').sort()).toEqual(crown.sort());
  });

  it('an unknown kind keeps no node rather than every node', () => {
    expect(ids('kind:nonsense')).toEqual([]);
  });

  it('counts all matches beyond the limit', () => {
    const r = searchIndex(index, 'kind:data_store', 1);
    expect(r.hits).toHaveLength(1);
    expect(r.total).toBe(graph.nodes.filter((n) => n.kind === 'data_store').length);
  });

  it('parses filters and plain words', () => {
    const q = parseQuery('kind:tool  okta');
    expect(q.terms).toHaveLength(2);
    expect(q.terms[0]!.filter?.kinds).toEqual(new Set(['tool']));
    expect(q.terms[1]!.filter).toBeNull();
  });
});

describe('search ranking', () => {
  it('ranks the exact name first, then a crown jewel above tools of the same tier', () => {
    const graph = graphOf([
      { id: 'tool:okta-lookup', kind: 'tool', name: 'okta lookup' },
      { id: 'tool:okta-reset', kind: 'tool', name: 'okta reset' },
      { id: 'saas:okta-prod', kind: 'saas_app', name: 'okta prod tenant', critical: true },
      { id: 'saas:okta', kind: 'saas_app', name: 'Okta' },
    ]);
    const index = toSearchIndex(graph);
    const ids = searchNodes(index, 'okta').map((i) => graph.nodes[i]!.id);
    expect(ids[0]).toBe('saas:okta');
    expect(ids[1]).toBe('saas:okta-prod');
  });

  it('ranks AI integrations up within a tier, never above a better match', () => {
    const graph = graphOf([
      { id: 'tool:triage', kind: 'tool', name: 'triage helper' },
      { id: 'agent:triage', kind: 'ai_agent', name: 'triage bot' },
      { id: 'ds:triage', kind: 'data_store', name: 'triage' },
    ]);
    const index = toSearchIndex(graph);
    const ids = searchNodes(index, 'triage').map((i) => graph.nodes[i]!.id);
    expect(ids).toEqual(['ds:triage', 'agent:triage', 'tool:triage']);
  });
});

describe('search over the built-in sample', () => {
  it('"okta" puts the crown-jewel Okta tenant above the Okta tools; "kind:credential" finds the Okta token', async () => {
    const { readFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const text = readFileSync(join(import.meta.dirname, '../../../../public/samples/sample-inventory.json'), 'utf8');
    const parsed = parseInventory({ file: 'sample-inventory.json', text });
    if (!parsed.ok) throw new Error('sample does not parse');
    const graph = buildGraph(parsed.inventory);
    const index = toSearchIndex(graph);
    const ids = (q: string) => searchNodes(index, q, 50).map((i) => graph.nodes[i]!.id);
    const okta = ids('okta');
    expect(okta[0]).toBe('saas:okta');
    const firstTool = okta.findIndex((id) => id.startsWith('tool:'));
    expect(firstTool).toBeGreaterThan(0);
    expect(ids('kind:credential okta')).toEqual(['cred:okta-api-token-helpdesk']);
    expect(ids('crown:okta')).toEqual(['saas:okta']);
  });
});
