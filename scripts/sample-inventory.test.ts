/**
 * The built-in sample inventory: it loads cleanly, covers the whole format, and each story's key reach holds
 * under the spec's reach semantics (section 4 of inventory-format.md). Stories: public/samples/README.md.
 */
import { readFileSync } from 'node:fs';

import { describe, expect, it } from 'vitest';

import { EDGE_KINDS, NODE_KINDS, parseInventory } from '../src/model/index.ts';
import type { Inventory } from '../src/model/index.ts';
import { buildGraph, computeReach, evaluateRules, summarizeAiNodes } from '../src/graph/index.ts';

import { SAMPLE_PATH, sampleText } from './build-sample.ts';

const text = readFileSync(SAMPLE_PATH, 'utf8');
const parsed = parseInventory({ file: 'sample-inventory.json', text });

function inventory(): Inventory {
  if (!parsed.ok) throw new Error(parsed.errors.map((e) => `${e.at}: ${e.message}`).join('\n'));
  return parsed.inventory;
}

const graph = buildGraph(inventory());

/** Reach from `source` as `{ id: access }`. */
function reachOf(source: string): Record<string, string> {
  return Object.fromEntries(computeReach(graph, source).toEntries(false).map((e) => [e.id, e.access]));
}

describe('sample inventory: the document', () => {
  it('is exactly what scripts/build-sample.ts writes (regenerate with `npx tsx scripts/build-sample.ts`)', () => {
    expect(text).toBe(sampleText());
  });

  it('parses with no errors and no warnings', () => {
    expect(parsed.ok ? [] : parsed.errors).toEqual([]);
    expect(inventory().warnings).toEqual([]);
    const doc = JSON.parse(text) as Record<string, unknown>;
    expect(doc.format).toBe('pathlight-inventory');
    expect(doc.version).toBe(1);
    expect(doc.generatedAt).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(doc.source).toMatchObject({ name: expect.any(String), collector: expect.any(String) });
  });

  it('has 150 to 300 nodes, every node kind of the spec and every edge kind', () => {
    const inv = inventory();
    expect(inv.nodes.length).toBeGreaterThanOrEqual(150);
    expect(inv.nodes.length).toBeLessThanOrEqual(300);
    expect(new Set(inv.nodes.map((n) => n.kind))).toEqual(new Set(NODE_KINDS.filter((k) => k !== 'other')));
    expect(new Set(inv.edges.map((e) => e.kind))).toEqual(new Set(EDGE_KINDS));
    expect(graph.edges.length).toBe(inv.edges.length);
  });

  it('carries the details a real export has: owners, environments, crown jewels, preserved extras', () => {
    const inv = inventory();
    const field = (id: string, key: string) => inv.nodes.find((n) => n.id === id)?.fields[key];
    expect(field('human:marcus-webb', 'status')).toBe('offboarded');
    expect(field('model:gemini-flash-free', 'dataRetention')).toBe('training_allowed');
    expect(field('saas:ai-notetaker', 'sanctioned')).toBe(false);
    expect(field('cred:sfdc-admin-token', 'storage')).toBe('bucket_object');
    expect(field('cred:github-pat-ci-bot', 'storage')).toBe('config_plaintext');
    expect(field('ds:ap-inbox', 'exposure')).toBe('external_inbound');
    expect(field('tool:send-email', 'caps')).toContain('external_send');
    expect(field('tool:web-fetch', 'caps')).toEqual(expect.arrayContaining(['network_fetch', 'untrusted_content']));
    expect(new Set(inv.nodes.map((n) => n.fields.env).filter(Boolean))).toEqual(new Set(['prod', 'staging', 'dev']));
    expect(inv.nodes.filter((n) => n.fields.critical === true).length).toBeGreaterThan(5);
    expect(inv.nodes.some((n) => 'costCenter' in n.fields && 'provenance' in n.fields)).toBe(true);
    // Every AI agent and MCP server has an owner, and owners that name a node name an existing one.
    const ids = new Set(inv.nodes.map((n) => n.id));
    const unowned = inv.nodes.filter((n) => (n.kind === 'ai_agent' || n.kind === 'mcp_server') && !n.fields.owner).map((n) => n.id);
    expect(unowned).toEqual([]);
    const danglingOwners = inv.nodes
      .map((n) => n.fields.owner)
      .filter((o): o is string => typeof o === 'string' && /^(human|group|nhi):/.test(o) && !ids.has(o));
    expect(danglingOwners).toEqual([]);
  });
});

describe('sample inventory: the stories hold under the reach semantics', () => {
  it('1. the public support bot reads the staff-only case notes through its index, and borrows the billing agent', () => {
    const r = reachOf('agent:support-bot');
    expect(r['vs:support-kb']).toBe('read');
    expect(r['ds:case-notes']).toBe('read');
    expect(r['ext:website-visitors']).toBeUndefined();
    expect(r['agent:billing-agent']).toBe('control');
    expect(r['tool:issue-refund']).toBe('control');
    expect(r['ds:billing-db']).toBe('read');
    expect(r['saas:stripe']).toBe('write');
    // Anyone on the internet controls the bot, so the case notes are exposed to them.
    expect(reachOf('ext:website-visitors')['ds:case-notes']).toBe('read');
  });

  it('2. the AI service role reads the bucket, the token in it, and through it Salesforce production as admin', () => {
    const role = reachOf('nhi:role-ai-service');
    expect(role['ds:s3-revops-artifacts']).toBe('read');
    expect(role['cred:sfdc-admin-token']).toBe('control');
    expect(role['nhi:sfdc-integration-admin']).toBe('control');
    expect(role['saas:salesforce']).toBe('control');
    expect(role['nhi:role-analytics-reader']).toBe('control');
    expect(role['ds:redshift-analytics']).toBe('read');
    const agent = computeReach(graph, 'agent:revops-forecaster');
    const entries = Object.fromEntries(agent.toEntries().map((e) => [e.id, e]));
    expect(entries['saas:salesforce']).toMatchObject({
      access: 'control',
      hops: 5,
      path: [
        'agent:revops-forecaster|runs_as|nhi:role-ai-service',
        'nhi:role-ai-service|has_permission|ds:s3-revops-artifacts',
        'ds:s3-revops-artifacts|stores|cred:sfdc-admin-token',
        'cred:sfdc-admin-token|authenticates_as|nhi:sfdc-integration-admin',
        'nhi:sfdc-integration-admin|has_permission|saas:salesforce',
      ],
    });
  });

  it('3. the finance agent reads the inbound AP mailbox and the quarterly reports, and can mail anyone', () => {
    const r = reachOf('agent:finance-agent');
    expect(r['ds:ap-inbox']).toBe('read-write');
    expect(r['ds:quarterly-reports']).toBe('read');
    expect(r['ext:any-email-recipient']).toBe('write');
    // An outside sender can write into what the agent reads, but gains no pivot from writing.
    expect(reachOf('ext:inbound-email')).toEqual({ 'ds:ap-inbox': 'write', 'ds:exchange-mailboxes': 'write' });
  });

  it('4. the unsanctioned note-taker reads the corporate drive through its OAuth grant', () => {
    expect(reachOf('saas:ai-notetaker')).toMatchObject({
      'cred:notetaker-oauth-grant': 'control',
      'nhi:oauth-app-meetscribe': 'control',
      'ds:sharepoint-drive': 'read',
      'saas:m365': 'read',
    });
  });

  it('5. the coding agent reads the web and the plaintext config, holds the CI bot token, and can write the infra repo', () => {
    const r = reachOf('agent:coding-agent');
    expect(r['ext:internet']).toBe('read');
    expect(r['cfg:priya-mcp-json']).toBe('read');
    expect(r['cred:github-pat-ci-bot']).toBe('control');
    expect(r['nhi:gh-ci-bot']).toBe('control');
    expect(r['ds:repo-infra']).toBe('read-write');
    expect(r['cloud:ws-priya-mbp']).toBe('control');
    expect(r['human:priya-raman']).toBe('control');
    // The release agent holds the same token.
    expect(reachOf('agent:release-agent')['nhi:gh-ci-bot']).toBe('control');
  });

  it('6. web research poisons the shared memory the sales assistant reads; the research role writes the data lake', () => {
    const research = reachOf('agent:research-agent');
    expect(research['mem:account-insights']).toBe('write');
    expect(research['ds:s3-data-lake']).toBe('read-write');
    expect(research['cloud:research-notebook']).toBe('control');
    const sales = reachOf('agent:sales-assistant');
    expect(sales['mem:account-insights']).toBe('read-write');
    expect(sales['saas:salesforce']).toBe('read');
  });

  it('7-10. copilot, helpdesk and the out-of-policy model calls', () => {
    expect(reachOf('agent:workspace-copilot')).toMatchObject({ 'ds:exchange-mailboxes': 'read', 'ds:sharepoint-drive': 'read' });
    expect(reachOf('agent:it-helpdesk')).toMatchObject({ 'tool:okta-reset-mfa': 'control', 'saas:okta': 'write' });
    expect(reachOf('agent:people-assistant')).toMatchObject({ 'ds:hris-eu': 'read', 'model:gpt-4o-us': 'write' });
    expect(reachOf('agent:campaign-writer')).toMatchObject({ 'ds:webinar-leads': 'read', 'model:gemini-flash-free': 'write' });
    expect(reachOf('agent:analyst-copilot')).toMatchObject({ 'mcp:sheets-helper': 'control', 'ds:snowflake-warehouse': 'read' });
  });

  it('11-14. orphaned key, leaked widget key, exposed Ray cluster, unauthenticated docs MCP', () => {
    expect(reachOf('agent:contract-summarizer')).toMatchObject({ 'cred:docusign-api-key': 'control', 'saas:docusign': 'read' });
    expect(reachOf('agent:www-ask-widget')).toMatchObject({ 'cred:openai-key-www': 'control', 'nhi:openai-project-www': 'control' });
    // The key sits in a public bucket: reading the bucket is holding the key.
    expect(reachOf('ds:www-static-assets')).toMatchObject({ 'cred:openai-key-www': 'control', 'model:gpt-4o-mini': 'control' });
    expect(reachOf('cloud:ray-training')).toMatchObject({ 'ds:s3-training-data': 'read', 'ds:s3-model-weights': 'read-write' });
    expect(reachOf('mcp:eng-docs-search')).toMatchObject({ 'ds:confluence-eng': 'read' });
  });

  it('keeps the revoked grant switched off: Marcus reaches DocuSign only through his stale group membership', () => {
    const r = computeReach(graph, 'human:marcus-webb');
    const docusign = r.toEntries().find((e) => e.id === 'saas:docusign');
    expect(docusign).toMatchObject({ access: 'read-write', path: ['human:marcus-webb|member_of|group:legal', 'group:legal|has_permission|saas:docusign'] });
  });

  it('summarises every AI integration, the coding agent and the support bot among the widest', () => {
    const summaries = summarizeAiNodes(graph);
    const top = summaries.slice(0, 3).map((s) => s.node);
    expect(top).toContain('agent:coding-agent');
    expect(top).toContain('agent:support-bot');
    expect(summaries.find((s) => s.node === 'agent:support-bot')!.crownJewels).toBeGreaterThanOrEqual(3);
  });
});

/** Where each rule is meant to fire (public/samples/README.md); a finding anywhere else is an accident. */
const EXPECTED_FINDINGS: Record<string, readonly string[]> = {
  'lethal-trifecta': ['agent:finance-agent'],
  'untrusted-input-destructive-action': ['agent:it-helpdesk'],
  'untrusted-input-code-execution': ['agent:coding-agent', 'agent:research-agent'],
  'rendering-exfiltration': ['agent:workspace-copilot'],
  'public-bot-confidential-retrieval': ['agent:support-bot'],
  'retrieval-poisoning': ['agent:sales-assistant', 'agent:finance-agent', 'agent:workspace-copilot'],
  'delegation-confused-deputy': ['agent:support-bot', 'agent:billing-agent'],
  'unvetted-mcp-beside-sensitive-tools': ['agent:analyst-copilot'],
  'plaintext-secret-in-agent-config': ['agent:coding-agent', 'cred:github-pat-ci-bot'],
  'overprivileged-ai-identity': ['agent:research-agent', 'agent:coding-agent'],
  'credential-pivot-chain': ['agent:revops-forecaster', 'nhi:role-ai-service'],
  'exposed-vulnerable-ai-workload': ['model:nw-llama-ft', 'cloud:ray-training'],
  'unbounded-ai-key': ['agent:www-ask-widget', 'cred:openai-key-www', 'nhi:openai-project-www'],
  'shadow-ai-oauth-grant': ['saas:ai-notetaker'],
  'orphaned-ai-identity': ['agent:contract-summarizer'],
  'regulated-data-to-unapproved-model': ['agent:people-assistant', 'agent:campaign-writer'],
  'unauthenticated-remote-agent': ['mcp:eng-docs-search'],
  'shared-credential-across-trust': ['agent:coding-agent', 'agent:release-agent'],
  'vulnerable-ai-component-with-secrets': ['agent:research-agent'],
};

describe('sample inventory: the toxic-combination rules', () => {
  const findings = evaluateRules({ graph, mode: 'strict' });

  it('fires every rule of the catalog at least once', () => {
    expect(new Set(findings.map((f) => f.rule))).toEqual(new Set(Object.keys(EXPECTED_FINDINGS)));
  });

  it('fires no rule by accident', () => {
    const unexpected = findings.filter((f) => !EXPECTED_FINDINGS[f.rule]?.includes(f.node)).map((f) => `${f.rule} on ${f.node}`);
    expect(unexpected).toEqual([]);
  });
});
