/**
 * Seeded random inventories rich in the properties the rules read (caps, exposure, trust, sensitivity,
 * vulnerabilities, credential storage…), with edges mostly between the endpoint kinds the format names.
 * For agreement tests (optimized facts against a straightforward reference) and the recorded-findings check;
 * small sizes fire every rule somewhere, larger ones stress the shared facts.
 */
import { rng } from '../test-helpers.ts';
import type { EdgeSpec, NodeSpec } from '../test-helpers.ts';

type R = () => number;
const pick = <T>(r: R, items: readonly T[]): T => items[Math.floor(r() * items.length)]!;
const maybe = (r: R, p: number): boolean => r() < p;
const subset = <T>(r: R, items: readonly T[], p: number): T[] => items.filter(() => r() < p);

const KINDS = [
  ['human', 8], ['nhi', 8], ['group', 2], ['credential', 8], ['ai_agent', 10], ['model', 3], ['ai_gateway', 1], ['mcp_server', 5],
  ['tool', 10], ['vector_store', 4], ['memory_store', 3], ['data_store', 12], ['saas_app', 4], ['cloud_resource', 6], ['external', 4],
  ['package', 3], ['config_file', 2], ['client_ui', 2],
] as const;

/** Edge kinds with typical endpoints (format §3) and a relative share. */
const EDGES: readonly (readonly [string, readonly string[], readonly string[], number])[] = [
  ['can_invoke', ['human', 'nhi', 'external', 'ai_agent'], ['ai_agent'], 4],
  ['delegates_to', ['ai_agent'], ['ai_agent'], 3],
  ['connects_to', ['ai_agent'], ['mcp_server', 'saas_app', 'ai_agent'], 5],
  ['provides', ['mcp_server'], ['tool'], 5],
  ['has_tool', ['ai_agent'], ['tool'], 6],
  ['executes', ['tool'], ['cloud_resource'], 3],
  ['runs_as', ['ai_agent', 'mcp_server', 'tool', 'cloud_resource'], ['nhi'], 4],
  ['uses_credential', ['ai_agent', 'mcp_server', 'tool', 'saas_app', 'cloud_resource'], ['credential'], 5],
  ['authenticates_as', ['credential'], ['nhi', 'human', 'model', 'ai_gateway'], 4],
  ['can_assume', ['nhi', 'human'], ['nhi'], 2],
  ['member_of', ['human', 'nhi'], ['group'], 2],
  ['deployed_on', ['ai_agent', 'mcp_server', 'model'], ['cloud_resource'], 3],
  ['has_permission', ['nhi', 'human', 'group'], ['data_store', 'saas_app', 'vector_store', 'cloud_resource', 'nhi', 'credential', 'memory_store'], 8],
  ['reads', ['tool', 'ai_agent', 'nhi', 'human'], ['data_store', 'saas_app', 'vector_store', 'external'], 7],
  ['retrieves', ['ai_agent'], ['vector_store'], 3],
  ['indexes', ['vector_store'], ['data_store', 'external'], 3],
  ['remembers', ['ai_agent'], ['memory_store'], 2],
  ['writes', ['tool', 'nhi', 'human', 'external', 'ai_agent'], ['data_store', 'saas_app', 'vector_store', 'memory_store', 'external'], 5],
  ['sends', ['tool'], ['external'], 2],
  ['uses_model', ['ai_agent'], ['model', 'ai_gateway'], 3],
  ['routes_to', ['ai_gateway'], ['model'], 1],
  ['stores', ['data_store', 'saas_app', 'config_file', 'cloud_resource'], ['credential'], 5],
  ['depends_on', ['mcp_server', 'ai_agent'], ['package'], 2],
  ['renders_to', ['ai_agent'], ['client_ui'], 2],
  ['grants', ['credential'], ['model'], 0.5],
];

const CAPS = ['untrusted_content', 'private_data', 'external_send', 'destructive', 'financial', 'code_exec', 'file_read', 'file_write', 'network_fetch', 'identity_admin'];

function vulns(r: R): unknown[] {
  return Array.from({ length: 1 + Math.floor(r() * 2) }, (_, i) => ({
    id: `CVE-${i}`,
    ...(maybe(r, 0.8) ? { severity: pick(r, ['low', 'medium', 'high', 'critical']) } : { cvss: Math.floor(r() * 10) }),
    ...(maybe(r, 0.3) ? { kev: true } : {}),
    ...(maybe(r, 0.3) ? { rce: true } : {}),
    ...(maybe(r, 0.4) ? { cvssAv: pick(r, ['N', 'L']) } : {}),
    ...(maybe(r, 0.2) ? { vex: 'not_affected' } : {}),
  }));
}

function fieldsOf(r: R, kind: string, ids: readonly string[]): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (maybe(r, 0.2)) f.env = 'prod';
  if (maybe(r, 0.12)) f.trust = pick(r, ['untrusted', 'external', 'anonymous', 'unknown', 'third_party_unvetted', 'trusted']);
  if (maybe(r, 0.5)) f.owner = maybe(r, 0.5) && ids.length > 0 ? pick(r, ids) : 'team-x';
  if (maybe(r, 0.1)) f.status = pick(r, ['active', 'decommissioned', 'offboarded', 'inactive']);
  if (maybe(r, 0.1)) f.lastSeenDays = Math.floor(r() * 200);
  if (maybe(r, 0.1)) f.sanctioned = !maybe(r, 0.7);
  if (maybe(r, 0.05)) f.critical = true;
  switch (kind) {
    case 'ai_agent':
      if (maybe(r, 0.35)) f.exposure = pick(r, ['internal', 'public', 'anonymous', 'authenticated_external', 'org_network']);
      if (maybe(r, 0.2)) f.rendersMarkdownMedia = true;
      if (maybe(r, 0.2)) f.mediaAllowlist = pick(r, ['none', 'broad', 'strict']);
      if (maybe(r, 0.2)) f.autonomy = pick(r, ['auto', 'hitl_all', 'hitl_sensitive']);
      if (maybe(r, 0.2)) f.authMode = pick(r, ['service_identity', 'end_user_delegated']);
      if (maybe(r, 0.15)) f.protocol = 'a2a';
      if (maybe(r, 0.1)) f.a2aSecuritySchemes = maybe(r, 0.5) ? [] : ['oauth'];
      if (maybe(r, 0.2)) f.host = pick(r, ['laptop-1', 'laptop-2']);
      if (maybe(r, 0.1)) f.perCallAuthorization = true;
      if (maybe(r, 0.1)) f.auth = 'none';
      if (maybe(r, 0.1)) f.bind = '0.0.0.0';
      break;
    case 'tool':
      if (maybe(r, 0.8)) f.caps = subset(r, CAPS, 0.18);
      if (maybe(r, 0.2)) f.requiresApproval = maybe(r, 0.5);
      if (maybe(r, 0.15)) f.pathScope = [pick(r, ['~/', '/etc', '~/.cursor'])];
      if (maybe(r, 0.1)) f.generic = true;
      if (maybe(r, 0.1)) f.toolType = pick(r, ['http', 'sql', 'cloud_api', 'search']);
      if (maybe(r, 0.1)) f.idempotentHint = true;
      if (maybe(r, 0.1)) f.destructiveHint = false;
      if (maybe(r, 0.1)) f.recoverable = true;
      if (maybe(r, 0.1)) f.egressAllowlist = true;
      break;
    case 'client_ui':
      if (maybe(r, 0.6)) f.autoFetchMedia = true;
      if (maybe(r, 0.5)) f.mediaAllowlist = pick(r, ['none', 'broad', 'strict']);
      if (maybe(r, 0.2)) f.allowlistedProxies = ['proxy'];
      break;
    case 'mcp_server':
      if (maybe(r, 0.5)) f.transport = pick(r, ['stdio', 'http', 'sse', 'streamable-http']);
      if (maybe(r, 0.3)) f.auth = pick(r, ['none', 'oauth', 'static_header']);
      if (maybe(r, 0.2)) f.tls = maybe(r, 0.5);
      if (maybe(r, 0.1)) f.bind = '0.0.0.0';
      if (maybe(r, 0.3)) f.exposure = pick(r, ['public', 'org_network', 'internal']);
      if (maybe(r, 0.3)) f.publisherVerified = maybe(r, 0.4);
      if (maybe(r, 0.3)) f.versionPinned = maybe(r, 0.4);
      if (maybe(r, 0.2)) f.findings = [pick(r, ['mcpscan:E001', 'mcp-scan:W003', 'mcpscan:W009'])];
      if (maybe(r, 0.1)) f.descriptionsPinned = true;
      if (maybe(r, 0.15)) f.vulns = vulns(r);
      break;
    case 'credential':
      if (maybe(r, 0.5)) f.storage = pick(r, ['vault', 'env_ref', 'config_plaintext', 'args_inline', 'headers_inline', 'bucket_object']);
      if (maybe(r, 0.3)) f.exposure = pick(r, ['private', 'public_repo', 'client_bundle', 'logs', 'chat']);
      if (maybe(r, 0.4)) f.expiresAt = '2027-01-01';
      if (maybe(r, 0.2)) f.ageDays = Math.floor(r() * 300);
      if (maybe(r, 0.5)) f.status = pick(r, ['active', 'active', 'revoked']);
      if (maybe(r, 0.5)) f.credType = pick(r, ['oauth_refresh', 'api_key', 'pat', 'password']);
      if (maybe(r, 0.3)) f.scopes = subset(r, ['read', 'write', 'offline_access', 'admin', 'mail.read'], 0.4);
      if (maybe(r, 0.1)) f.isPlaceholder = true;
      if (maybe(r, 0.3)) f.host = pick(r, ['laptop-1', 'laptop-2']);
      if (maybe(r, 0.2)) f.location = pick(r, ['~/.cursor/mcp.json', '/etc/app.env']);
      break;
    case 'cloud_resource':
      if (maybe(r, 0.5)) f.sandbox = pick(r, ['none', 'local', 'container', 'vm', 'remote_isolated']);
      if (maybe(r, 0.3)) f.networkEgress = maybe(r, 0.5);
      if (maybe(r, 0.2)) f.credentialsInEnv = true;
      if (maybe(r, 0.3)) f.exposure = 'public';
      if (maybe(r, 0.3)) f.vulns = vulns(r);
      if (maybe(r, 0.2)) f.host = pick(r, ['laptop-1', 'laptop-2']);
      break;
    case 'package':
      if (maybe(r, 0.6)) f.vulns = vulns(r);
      break;
    case 'model':
      if (maybe(r, 0.4)) f.jurisdiction = pick(r, ['EU', 'US', 'CN']);
      if (maybe(r, 0.2)) f.approved = false;
      if (maybe(r, 0.2)) f.dataRetention = pick(r, ['none', 'training_allowed']);
      if (maybe(r, 0.2)) f.dpa = false;
      if (maybe(r, 0.2)) f.hosting = 'self_hosted';
      if (maybe(r, 0.3)) f.quotaLimit = 100;
      if (maybe(r, 0.2)) f.budgetAlert = false;
      if (maybe(r, 0.2)) f.exposure = 'public';
      if (maybe(r, 0.2)) f.vulns = vulns(r);
      break;
    case 'ai_gateway':
      if (maybe(r, 0.5)) f.guardrails = ['pii_redaction'];
      if (maybe(r, 0.5)) f.enforced = true;
      if (maybe(r, 0.2)) f.providerAccount = true;
      break;
    case 'data_store':
    case 'vector_store':
    case 'memory_store':
    case 'saas_app':
      if (maybe(r, 0.55)) f.sensitivity = pick(r, ['public', 'internal', 'confidential', 'restricted']);
      if (maybe(r, 0.15)) f.exposure = pick(r, ['public_write', 'external_inbound', 'public_read', 'private']);
      if (maybe(r, 0.08)) f.contentTrust = pick(r, ['untrusted', 'unknown']);
      if (maybe(r, 0.25)) f.scope = pick(r, ['shared', 'global', 'user', 'session', 'per_user']);
      if (maybe(r, 0.25)) f.dataClasses = subset(r, ['PII', 'PHI', 'PCI', 'secrets'], 0.4);
      if (maybe(r, 0.2)) f.jurisdiction = pick(r, ['EU', 'US']);
      if (maybe(r, 0.1)) f.allowedJurisdictions = ['EU'];
      if (maybe(r, 0.2)) f.permissionTrimming = maybe(r, 0.5);
      if (maybe(r, 0.1)) f.containsSecrets = true;
      if (kind === 'saas_app' && maybe(r, 0.35)) f.category = pick(r, ['ai', 'crm', 'chat']);
      if (kind === 'saas_app' && maybe(r, 0.2)) f.vendorAssessed = false;
      if (maybe(r, 0.05)) f.external = true;
      break;
    case 'external':
      if (maybe(r, 0.5)) f.subtype = pick(r, ['internet', 'inbound_email', 'public_issues', 'partner_api']);
      if (maybe(r, 0.3)) f.external = true;
      if (maybe(r, 0.2)) f.exposure = 'public_read';
      break;
    case 'config_file':
      if (maybe(r, 0.5)) f.path = pick(r, ['~/.cursor/mcp.json', '.mcp.json']);
      if (maybe(r, 0.5)) f.host = pick(r, ['laptop-1', 'laptop-2']);
      if (maybe(r, 0.3)) f.inRepo = true;
      if (maybe(r, 0.2)) f.exposure = 'public_repo';
      break;
    case 'human':
    case 'nhi':
      if (maybe(r, 0.2)) f.privileged = true;
      break;
  }
  return f;
}

function edgeFields(r: R, kind: string): Record<string, unknown> {
  const f: Record<string, unknown> = {};
  if (kind === 'has_permission') {
    if (maybe(r, 0.75)) f.actions = subset(r, ['read', 'write', 'delete', 'admin', 'invoke', 'list'], 0.3);
    if (maybe(r, 0.1)) f.scope = '*';
    if (maybe(r, 0.1)) f.unused = true;
  }
  if (kind === 'delegates_to') {
    if (maybe(r, 0.3)) f.auth = 'none';
    if (maybe(r, 0.3)) f.identityPropagation = true;
  }
  if (maybe(r, 0.03)) f.traversable = false;
  return f;
}

/** A seeded inventory of `n` nodes and about `n × density` edges, as `graphFrom` specs. */
export function fuzzInventory(seed: number, n: number, density = 2.5): { nodes: NodeSpec[]; edges: EdgeSpec[] } {
  const r = rng(seed);
  const total = KINDS.reduce((s, [, w]) => s + w, 0);
  const byKind = new Map<string, string[]>();
  const ids: string[] = [];
  const kinds: string[] = [];
  for (let i = 0; i < n; i++) {
    let u = r() * total;
    let kind: string = KINDS[0][0];
    for (const [k, w] of KINDS) {
      if (u < w) {
        kind = k;
        break;
      }
      u -= w;
    }
    const id = `${kind}:${i}`;
    ids.push(id);
    kinds.push(kind);
    let list = byKind.get(kind);
    if (!list) byKind.set(kind, (list = []));
    list.push(id);
  }
  const nodes: NodeSpec[] = ids.map((id, i) => ({ id, kind: kinds[i]!, ...fieldsOf(r, kinds[i]!, ids) }));
  const edgeTotal = EDGES.reduce((s, e) => s + e[3], 0);
  const edges: EdgeSpec[] = [];
  const m = Math.round(n * density);
  for (let j = 0; j < m; j++) {
    let u = r() * edgeTotal;
    let spec = EDGES[0]!;
    for (const e of EDGES) {
      if (u < e[3]) {
        spec = e;
        break;
      }
      u -= e[3];
    }
    const [kind, from, to] = spec;
    const fromPool = byKind.get(pick(r, from)) ?? ids;
    const toPool = byKind.get(pick(r, to)) ?? ids;
    // Mostly plausible endpoints; sometimes anything, so odd shapes appear too. Skewed towards hubs.
    const s = maybe(r, 0.9) ? fromPool[Math.floor(fromPool.length * r() ** 1.5)]! : pick(r, ids);
    const t = maybe(r, 0.9) ? toPool[Math.floor(toPool.length * r() ** 1.5)]! : pick(r, ids);
    edges.push([s, kind, t, edgeFields(r, kind)]);
  }
  return { nodes, edges };
}
