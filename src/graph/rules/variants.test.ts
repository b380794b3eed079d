/** Other shapes the catalog's predicates allow: sinks, sources and tools reached through different edge kinds. */
import { describe, expect, it } from 'vitest';

import { fired, findings, findingsOf, n } from './test-kit.ts';
import type { EdgeSpec } from './test-kit.ts';

describe('predicate variants', () => {
  it('R01: a tool that sends to an external node flagged external is a sink; an unflagged external node is not', () => {
    const nodes = [n('ai_agent:a'), n('external:web'), n('data_store:d', { sensitivity: 'restricted' }), n('tool:post'), n('external:paste', { external: true })];
    const edges: EdgeSpec[] = [['ai_agent:a', 'reads', 'external:web'], ['ai_agent:a', 'reads', 'data_store:d'], ['ai_agent:a', 'has_tool', 'tool:post'], ['tool:post', 'sends', 'external:paste']];
    expect(findingsOf('lethal-trifecta', nodes, edges).map((f) => f.node)).toEqual(['ai_agent:a']);
    const unflagged = nodes.map((x) => (typeof x !== 'string' && x.id === 'external:paste' ? n('external:paste') : x));
    expect(findingsOf('lethal-trifecta', unflagged, edges)).toEqual([]);
  });

  it('R01: untrusted input through an MCP server’s tool, private data through a connected SaaS app', () => {
    const nodes = [
      n('ai_agent:a'),
      n('mcp_server:browser', { trust: 'trusted' }),
      n('tool:browse'),
      n('external:web'),
      n('saas_app:crm', { sensitivity: 'confidential' }),
      n('tool:mail', { caps: ['external_send'] }),
    ];
    const edges: EdgeSpec[] = [
      ['ai_agent:a', 'connects_to', 'mcp_server:browser'],
      ['mcp_server:browser', 'provides', 'tool:browse'],
      ['tool:browse', 'reads', 'external:web'],
      ['ai_agent:a', 'connects_to', 'saas_app:crm'],
      ['ai_agent:a', 'has_tool', 'tool:mail'],
    ];
    const [f] = findingsOf('lethal-trifecta', nodes, edges);
    expect(f!.legs![0]!.edges).toEqual(['ai_agent:a|connects_to|mcp_server:browser', 'mcp_server:browser|provides|tool:browse', 'tool:browse|reads|external:web']);
  });

  it('U: an anonymous human invoking the agent is untrusted input; an internal one is not', () => {
    const edges: EdgeSpec[] = [['human:visitor', 'can_invoke', 'ai_agent:a'], ['ai_agent:a', 'has_tool', 'tool:del']];
    expect(fired(findings([n('ai_agent:a'), n('human:visitor', { trust: 'anonymous' }), n('tool:del', { caps: ['destructive'] })], edges))).toEqual([
      'untrusted-input-destructive-action@ai_agent:a',
    ]);
    expect(findings([n('ai_agent:a'), n('human:visitor', { trust: 'internal' }), n('tool:del', { caps: ['destructive'] })], edges)).toEqual([]);
  });

  it('R13: an agent holding a plaintext model key with no expiry or quota', () => {
    const nodes = [n('ai_agent:a'), n('credential:k', { storage: 'config_plaintext' }), n('model:m')];
    const edges: EdgeSpec[] = [['ai_agent:a', 'uses_credential', 'credential:k'], ['credential:k', 'authenticates_as', 'model:m']];
    expect(findingsOf('unbounded-ai-key', nodes, edges).map((f) => `${f.node}:${f.severity}`).sort()).toEqual(['ai_agent:a:medium', 'model:m:medium']);
  });

  it('R19: upper-case severities and numeric CVSS scores count', () => {
    const edges: EdgeSpec[] = [['mcp_server:s', 'depends_on', 'package:p'], ['mcp_server:s', 'uses_credential', 'credential:c']];
    expect(findingsOf('vulnerable-ai-component-with-secrets', [n('mcp_server:s'), n('package:p', { vulns: [{ severity: 'HIGH' }] }), n('credential:c')], edges)).toHaveLength(1);
    expect(findingsOf('vulnerable-ai-component-with-secrets', [n('mcp_server:s'), n('package:p', { vulns: [{ cvss: 8.1 }] }), n('credential:c')], edges)).toHaveLength(1);
    expect(findingsOf('vulnerable-ai-component-with-secrets', [n('mcp_server:s'), n('package:p', { vulns: [{ cvss: 5 }] }), n('credential:c')], edges)).toEqual([]);
  });

  it('R08: mcp-scan codes with or without a prefix', () => {
    const edges: EdgeSpec[] = [['ai_agent:a', 'connects_to', 'mcp_server:x'], ['ai_agent:a', 'connects_to', 'mcp_server:y'], ['mcp_server:y', 'provides', 'tool:send']];
    for (const code of ['E001', 'mcpscan:E003', 'mcp-scan:W003']) {
      expect(findingsOf('unvetted-mcp-beside-sensitive-tools', [n('ai_agent:a'), n('mcp_server:x', { findings: [code] }), n('mcp_server:y'), n('tool:send', { caps: ['external_send'] })], edges)).toHaveLength(1);
    }
    expect(findingsOf('unvetted-mcp-beside-sensitive-tools', [n('ai_agent:a'), n('mcp_server:x', { findings: ['W002'] }), n('mcp_server:y'), n('tool:send', { caps: ['external_send'] })], edges)).toEqual([]);
  });
});
