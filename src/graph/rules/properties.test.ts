/**
 * Properties over random inventories: the engine never throws, findings are well-formed (contract fields,
 * evidence ids that exist, witnesses that walk real edges, cuts inside the evidence), the output is
 * deterministic, and worst-case mode only adds findings.
 */
import { describe, expect, it } from 'vitest';

import { graphFrom } from '../test-helpers.ts';

import { evaluateRules } from './registry.ts';
import type { EdgeSpec, NodeSpec } from './test-kit.ts';
import { SEVERITIES } from './types.ts';

const KINDS = ['ai_agent', 'mcp_server', 'tool', 'data_store', 'vector_store', 'memory_store', 'saas_app', 'external', 'human', 'nhi', 'credential', 'cloud_resource', 'model', 'ai_gateway', 'package', 'config_file', 'client_ui'];
const EDGE_KINDS = ['can_invoke', 'delegates_to', 'connects_to', 'provides', 'has_tool', 'executes', 'runs_as', 'uses_credential', 'authenticates_as', 'can_assume', 'member_of', 'deployed_on', 'has_permission', 'reads', 'retrieves', 'indexes', 'remembers', 'writes', 'sends', 'uses_model', 'routes_to', 'stores', 'depends_on', 'renders_to', 'grants'];
const CAPS = ['untrusted_content', 'private_data', 'external_send', 'destructive', 'financial', 'code_exec', 'file_read', 'file_write', 'network_fetch', 'identity_admin'];

function random(seed: number): { nodes: NodeSpec[]; edges: EdgeSpec[] } {
  let s = seed;
  const rnd = () => ((s = (s * 1103515245 + 12345) & 0x7fffffff) / 0x7fffffff);
  const pick = <T,>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;
  const maybe = (p: number, v: unknown) => (rnd() < p ? v : undefined);
  const count = 8 + Math.floor(rnd() * 25);
  const nodes: NodeSpec[] = [];
  for (let i = 0; i < count; i++) {
    const kind = pick(KINDS);
    const fields: Record<string, unknown> = {
      sensitivity: maybe(0.4, pick(['public', 'internal', 'confidential', 'restricted'])),
      trust: maybe(0.2, pick(['untrusted', 'external', 'anonymous', 'unknown', 'third_party_unvetted', 'trusted'])),
      exposure: maybe(0.3, pick(['public', 'anonymous', 'org_network', 'public_write', 'external_inbound', 'public_repo', 'client_bundle'])),
      caps: maybe(0.6, CAPS.filter(() => rnd() < 0.25)),
      env: maybe(0.2, 'prod'),
      requiresApproval: maybe(0.3, rnd() < 0.5),
      sandbox: maybe(0.3, pick(['none', 'local', 'container', 'remote_isolated'])),
      storage: maybe(0.3, pick(['config_plaintext', 'vault', 'args_inline'])),
      status: maybe(0.3, pick(['active', 'decommissioned', 'offboarded'])),
      owner: maybe(0.5, 'someone'),
      vulns: maybe(0.2, [{ id: 'CVE', severity: pick(['low', 'high', 'critical']), kev: rnd() < 0.3, cvssAv: 'N' }]),
      transport: maybe(0.3, 'http'),
      auth: maybe(0.3, 'none'),
      protocol: maybe(0.1, 'a2a'),
      category: maybe(0.3, 'ai'),
      sanctioned: maybe(0.3, rnd() < 0.5),
      versionPinned: maybe(0.3, rnd() < 0.5),
      rendersMarkdownMedia: maybe(0.2, true),
      autoFetchMedia: maybe(0.2, true),
      mediaAllowlist: maybe(0.3, pick(['none', 'broad', 'strict'])),
      dataClasses: maybe(0.3, ['PII']),
      jurisdiction: maybe(0.2, pick(['EU', 'US'])),
      credType: maybe(0.3, pick(['pat', 'oauth_refresh', 'password'])),
      host: maybe(0.3, 'h1'),
      scope: maybe(0.3, pick(['shared', 'user'])),
      // wrong types must be tolerated
      external: maybe(0.1, 'yes'),
      pathScope: maybe(0.1, 42),
    };
    for (const k of Object.keys(fields)) if (fields[k] === undefined) delete fields[k];
    nodes.push({ id: `${kind}:${i}`, kind, ...fields });
  }
  const edges: EdgeSpec[] = [];
  const m = count * 2 + Math.floor(rnd() * count * 4);
  for (let j = 0; j < m; j++) {
    const a = pick(nodes) as { id: string };
    const b = pick(nodes) as { id: string };
    edges.push([a.id, pick(EDGE_KINDS), b.id, rnd() < 0.2 ? { actions: [pick(['read', 'write', 'delete', 'admin', 'list'])] } : {}]);
  }
  return { nodes, edges };
}

describe('engine properties on random inventories', () => {
  it('never throws; findings are well-formed, deterministic, and worst-case only adds', () => {
    let total = 0;
    let totalWorst = 0;
    const rules = new Set<string>();
    for (let seed = 1; seed <= 150; seed++) {
      const { nodes, edges } = random(seed);
      const graph = graphFrom(nodes, edges);
      const strict = evaluateRules({ graph, mode: 'strict' });
      total += strict.length;
      expect(evaluateRules({ graph, mode: 'strict' })).toEqual(strict);
      const worst = evaluateRules({ graph, mode: 'worst-case' });
      totalWorst += worst.length;
      for (const f of worst) rules.add(f.rule);
      const key = (f: { rule: string; node: string }) => `${f.rule}@${f.node}`;
      expect(new Set(worst.map(key))).toEqual(new Set([...worst.map(key)]));
      for (const f of strict) expect(worst.map(key)).toContain(key(f));
      for (const f of worst) {
        expect(SEVERITIES).toContain(f.severity);
        expect(graph.index.nodeIndex.has(f.node)).toBe(true);
        expect(f.title.length).toBeGreaterThan(10);
        for (const id of f.evidence.nodes) expect(graph.index.nodeIndex.has(id)).toBe(true);
        for (const id of f.evidence.edges) expect(graph.index.edgeIndex.has(id)).toBe(true);
        for (const leg of f.legs ?? []) {
          for (const w of leg.witnesses) {
            expect(w.nodes.length).toBe(w.edges.length + 1);
            w.edges.forEach((id, k) => {
              const e = graph.edges[graph.index.edgeIndex.get(id)!]!;
              const ends = [e.source, e.target].sort();
              expect([w.nodes[k], w.nodes[k + 1]].sort()).toEqual(ends);
            });
          }
        }
        for (const id of f.cut?.edges ?? []) expect(f.evidence.edges).toContain(id);
        expect(f.assumed === undefined || f.assumed.length > 0).toBe(true);
      }
      expect(worst.map((f) => f.rank)).toEqual(worst.map((_, i) => i + 1));
    }
    // the generator does exercise the rules
    expect(total).toBeGreaterThan(5);
    expect(totalWorst).toBeGreaterThan(total);
    expect(rules.size).toBeGreaterThan(8);
  }, 120_000);
});
