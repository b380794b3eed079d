/**
 * Inferred facts: what an export does not state but its own arguments, URLs, tokens and catalog entries show.
 * Runs once on the merged documents (after merge.ts, before validation). Every fact it derives is written to the
 * node's `inferred` list as `{field, value, confidence, because, source}`:
 *
 * - `confidence: "inferred-high"`: the evidence leaves little doubt (`~/.ssh` holds SSH keys, a database named
 *   `customers` holds personal data, a GitHub PAT reads the holder's private repositories). The field is also set
 *   on the node when the export did not state it, so strict mode uses it.
 * - `confidence: "inferred-low"`: plausible, not shown (a folder that looks like a code checkout, a server's own
 *   MCP tool annotations). Only listed; worst-case mode applies it (`src/graph/inferred-facts.ts`).
 * - A field the export states is never overwritten; its confidence is `stated` (no `inferred` entry).
 *
 * MCP ToolAnnotations (`readOnlyHint`, `destructiveHint`, `openWorldHint`) are claims by the server: they become
 * low-confidence facts, and a tool whose annotation contradicts what its catalog entry, capabilities or name show
 * gets `annotationContradictions` and a located warning.
 */
import { ISSUE_CODES } from '../model/issues.ts';

import type { MergedDoc } from './merge.ts';
import { rec } from './util.ts';

export type Confidence = 'stated' | 'inferred-high' | 'inferred-low';

export interface InferredFact {
  readonly field: string;
  readonly value: unknown;
  readonly confidence: Exclude<Confidence, 'stated'>;
  /** One sentence: why (the argument, URL, scope or catalog entry). */
  readonly because: string;
  /** Where the evidence is (`file#/json/pointer`), when known. */
  readonly source?: string;
}

type Rec = Record<string, unknown>;

const SENS_RANK: Readonly<Record<string, number>> = { public: 0, internal: 1, confidential: 2, restricted: 3 };

/** Adds a fact to a node; applies a high-confidence one to an unstated field (the most severe sensitivity wins). */
function addFact(node: Rec, stated: ReadonlySet<string>, fact: InferredFact): void {
  const list = (Array.isArray(node.inferred) ? node.inferred : []) as InferredFact[];
  if (stated.has(fact.field)) return; // the export said so: keep it, do not second-guess
  if (list.some((f) => f.field === fact.field && JSON.stringify(f.value) === JSON.stringify(fact.value) && f.confidence === fact.confidence)) return;
  node.inferred = [...list, fact];
  if (fact.confidence !== 'inferred-high') return;
  const have = node[fact.field];
  if (have === undefined) node[fact.field] = fact.value;
  else if (fact.field === 'sensitivity' && (SENS_RANK[String(fact.value)] ?? 0) > (SENS_RANK[String(have)] ?? 0)) node[fact.field] = fact.value;
  else if (Array.isArray(have) && Array.isArray(fact.value)) node[fact.field] = [...new Set([...(have as unknown[]), ...(fact.value as unknown[])])];
}

// ---------------------------------------------------------------------------------------------------------
// Filesystem roots

interface PathClass {
  readonly sensitivity: 'confidential' | 'restricted';
  readonly confidence: 'inferred-high' | 'inferred-low';
  readonly dataClasses: readonly string[];
  readonly secrets: boolean;
  readonly because: string;
}

const SECRET_DIRS: readonly [RegExp, string][] = [
  [/(^|\/)\.ssh(\/|$)/, 'SSH private keys'],
  [/(^|\/)\.aws(\/|$)/, 'AWS access keys (~/.aws/credentials)'],
  [/(^|\/)\.gnupg(\/|$)/, 'GnuPG private keys'],
  [/(^|\/)\.kube(\/|$)/, 'Kubernetes cluster credentials (kubeconfig)'],
  [/(^|\/)\.docker(\/|$)/, 'container registry credentials'],
  [/(^|\/)\.config\/gcloud(\/|$)/, 'Google Cloud credentials'],
  [/(^|\/)\.azure(\/|$)/, 'Azure CLI tokens'],
  [/(^|\/)\.password-store(\/|$)/, 'a password store'],
  [/(^|\/)(\.netrc|\.pgpass|\.git-credentials|\.npmrc|\.pypirc)$/, 'saved passwords and tokens'],
  [/(^|\/)\.env$/, 'environment secrets'],
  [/(^|\/)id_(rsa|ed25519|ecdsa|dsa)$/, 'an SSH private key'],
];

/** What a filesystem path an agent can read holds, from the path alone. */
export function classifyPath(raw: string): PathClass | undefined {
  let p = raw.trim().replace(/\\/g, '/').replace(/\/+$/, '');
  if (p === '') p = '/';
  p = p.replace(/^\$\{?(HOME|USERPROFILE)\}?/i, '~').replace(/^%USERPROFILE%/i, '~');
  for (const [re, what] of SECRET_DIRS) {
    if (re.test(p)) return { sensitivity: 'restricted', confidence: 'inferred-high', dataClasses: ['secrets'], secrets: true, because: `${raw} holds ${what}` };
  }
  if (p === '/' || /^[A-Za-z]:$/.test(p)) return { sensitivity: 'restricted', confidence: 'inferred-high', dataClasses: ['secrets', 'personal_documents'], secrets: true, because: `${raw} is the whole filesystem, keys and home folders included` };
  if (p === '~' || /^\/(Users|home)\/[^/]+$/.test(p) || /^[A-Za-z]:\/Users\/[^/]+$/i.test(p) || p === '/root') {
    return { sensitivity: 'restricted', confidence: 'inferred-high', dataClasses: ['secrets', 'personal_documents'], secrets: true, because: `${raw} is a home folder: it holds ~/.ssh, ~/.aws and the user's documents` };
  }
  if (/^\/(Users|home)$/.test(p)) return { sensitivity: 'restricted', confidence: 'inferred-high', dataClasses: ['secrets', 'personal_documents'], secrets: true, because: `${raw} holds every user's home folder` };
  if (/^\/etc(\/|$)/.test(p)) return { sensitivity: 'confidential', confidence: 'inferred-high', dataClasses: ['system_config', 'secrets'], secrets: true, because: `${raw} is system configuration (hosts, service configs, sometimes keys)` };
  if (/(^|\/)(Documents|Desktop|Downloads|OneDrive[^/]*|Dropbox|Google Drive|iCloud Drive|Mobile Documents|My Documents)(\/|$)/i.test(p)) {
    return { sensitivity: 'confidential', confidence: 'inferred-high', dataClasses: ['personal_documents'], secrets: false, because: `${raw} is a personal document folder` };
  }
  if (/(^|\/)(\.git|repos|repositories|src|source|code|projects|workspace|workspaces|git|dev|github|gitlab)(\/|$)/i.test(p)) {
    return { sensitivity: 'confidential', confidence: 'inferred-low', dataClasses: ['source_code'], secrets: false, because: `${raw} looks like source code checkouts (private unless published)` };
  }
  return undefined;
}

// ---------------------------------------------------------------------------------------------------------
// Databases from connection strings

const DB_SCHEMES: Readonly<Record<string, string>> = {
  postgres: 'PostgreSQL',
  postgresql: 'PostgreSQL',
  mysql: 'MySQL',
  mariadb: 'MariaDB',
  mongodb: 'MongoDB',
  'mongodb+srv': 'MongoDB',
  redis: 'Redis',
  rediss: 'Redis',
  sqlserver: 'SQL Server',
  mssql: 'SQL Server',
  clickhouse: 'ClickHouse',
  snowflake: 'Snowflake',
  cockroachdb: 'CockroachDB',
  oracle: 'Oracle',
};

const PERSONAL_DB = /(customer|client|user|account|member|patient|health|medical|billing|payment|card|order|crm|hr|employee|staff|payroll|salary|finance|invoice|subscriber|contact|lead|identity|auth|people|person|student|tenant)/i;
const PROD_DB = /(^|[_\-.])(prod|production|live|main)([_\-.]|$)/i;

export interface DbRef {
  readonly engine: string;
  readonly host: string;
  readonly database: string;
  /** `scheme://host[:port]/db`, without user, password or query. */
  readonly key: string;
}

/** Reads a connection string (secrets already redacted or not: user info and query are dropped). */
export function parseConnectionString(text: string): DbRef | undefined {
  const m = /\b([a-z][a-z0-9+]*):\/\/(?:[^@/\s]*@)?([^/\s?#:]+|\[[^\]]+\])(?::(\d+))?(?:\/([^\s?#;]*))?/i.exec(text);
  if (!m) {
    const file = /(?:^|\s|=)([^\s=]+\.(?:sqlite3?|db))\b/i.exec(text);
    return file ? { engine: 'SQLite', host: 'local file', database: file[1]!.split('/').pop()!, key: `sqlite://${file[1]!}` } : undefined;
  }
  const scheme = m[1]!.toLowerCase();
  const engine = DB_SCHEMES[scheme];
  if (!engine) return undefined;
  const host = m[2]!.toLowerCase();
  const database = decodeURIComponentSafe((m[4] ?? '').split('/')[0]!) || (scheme.startsWith('redis') ? '0' : '');
  return { engine, host, database, key: `${scheme.replace(/ql$/, '').replace('postgres', 'postgresql')}://${host}${m[3] ? `:${m[3]}` : ''}/${database}` };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

// ---------------------------------------------------------------------------------------------------------
// SaaS reached with a token

const SAAS: readonly { re: RegExp; vendor: string; what: string; credTypes: RegExp; scopes?: RegExp; publicOnly?: RegExp }[] = [
  { re: /github/i, vendor: 'GitHub', what: "the token holder's private repositories, issues and pull requests", credTypes: /github|pat|token|oauth/i, scopes: /^(repo|read:org|admin:|write:|workflow|user)/i, publicOnly: /^public_repo$/i },
  { re: /gitlab/i, vendor: 'GitLab', what: "the token holder's private projects", credTypes: /gitlab|glpat|pat|token|oauth/i, scopes: /^(api|read_api|read_repository|write_repository)$/i },
  { re: /atlassian|jira|confluence|bitbucket/i, vendor: 'Atlassian', what: 'Jira issues and Confluence pages the account can see', credTypes: /token|api_key|oauth|pat/i, scopes: /read:(jira|confluence)|write:|offline_access/i },
  { re: /google|gmail|gdrive|google-drive|workspace/i, vendor: 'Google', what: 'the mailbox and drive of the account', credTypes: /oauth|token|api_key|refresh/i, scopes: /gmail|mail\.google|drive|documents|calendar|contacts/i },
  { re: /microsoft|outlook|onedrive|sharepoint|office|graph|teams|m365/i, vendor: 'Microsoft', what: 'the mailbox, OneDrive and SharePoint sites of the account', credTypes: /oauth|token|api_key|client_secret|refresh/i, scopes: /Mail\.|Files\.|Sites\.|Chat\.|User\.Read/i },
  { re: /slack/i, vendor: 'Slack', what: 'channels and direct messages the token can read', credTypes: /slack|token|oauth/i, scopes: /(channels|groups|im|mpim):history|files:read/i },
  { re: /notion/i, vendor: 'Notion', what: 'workspace pages shared with the integration', credTypes: /token|api_key|oauth|secret/i },
  { re: /linear/i, vendor: 'Linear', what: 'issues of the workspace', credTypes: /token|api_key|oauth/i },
  { re: /salesforce|hubspot/i, vendor: 'CRM', what: 'customer records', credTypes: /token|api_key|oauth|secret/i },
];

// ---------------------------------------------------------------------------------------------------------
// Tools: ways out, untrusted input, annotations

const WAY_OUT = /\b(send|post|reply|email|e-mail|mail|message|publish|webhook|upload|share|tweet|notify|comment|slack|navigate|browse|fetch|http|request|open url|screenshot)\b/;
const UNTRUSTED_IN = /\b(fetch|scrape|crawl|browse|navigate|web search|search web|search the web|google search|read email|read mail|get email|inbox|get issue|list issues|read issue|issue comments|get comments|rss|url|webpage|web page)\b/;
const WRITES = /\b(write|create|update|edit|delete|remove|drop|insert|upsert|put|post|send|push|merge|move|rename|set|add|patch|execute|run|apply|deploy|publish|upload)\b/;

const norm = (s: string) => s.toLowerCase().replace(/[_\-./]/g, ' ');

function str(v: unknown): string | undefined {
  return typeof v === 'string' ? v : undefined;
}

function strs(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : [];
}

// ---------------------------------------------------------------------------------------------------------

/**
 * Derives the facts above on merged documents, in place. New nodes (a database named by a connection string)
 * and their edges are added to the document of the node that names them.
 */
export function inferFacts(docs: readonly MergedDoc[]): void {
  const nodes = new Map<string, { node: Rec; doc: MergedDoc }>();
  for (const d of docs) for (const n of d.nodes) nodes.set(n.id as string, { node: n, doc: d });
  const stated = new Map<string, Set<string>>();
  const statedOf = (n: Rec) => {
    let s = stated.get(n.id as string);
    if (!s) {
      s = new Set(Object.keys(n).filter((k) => n[k] !== undefined && k !== 'inferred'));
      stated.set(n.id as string, s);
    }
    return s;
  };
  const fact = (n: Rec, f: InferredFact) => addFact(n, statedOf(n), f);
  const out = new Map<string, Rec[]>();
  const inn = new Map<string, Rec[]>();
  for (const d of docs) {
    for (const e of d.edges) {
      const s = e.source as string;
      const t = e.target as string;
      if (!out.has(s)) out.set(s, []);
      out.get(s)!.push(e);
      if (!inn.has(t)) inn.set(t, []);
      inn.get(t)!.push(e);
    }
  }
  const targets = (id: string, kind: string) => (out.get(id) ?? []).filter((e) => e.kind === kind).map((e) => nodes.get(e.target as string)?.node).filter((x): x is Rec => x !== undefined);
  const sources = (id: string, kind: string) => (inn.get(id) ?? []).filter((e) => e.kind === kind).map((e) => nodes.get(e.source as string)?.node).filter((x): x is Rec => x !== undefined);
  // Statements are seen before inference writes anything.
  for (const { node } of nodes.values()) statedOf(node);

  // 1. Filesystem roots.
  for (const { node } of nodes.values()) {
    if (node.kind !== 'data_store') continue;
    const path = str(node.path) ?? (node.storeType === 'filesystem_path' ? str(node.name) : undefined);
    if (!path) continue;
    const c = classifyPath(path);
    if (!c) continue;
    const source = str(node.provenance);
    fact(node, { field: 'sensitivity', value: c.sensitivity, confidence: c.confidence, because: c.because, ...(source ? { source } : {}) });
    fact(node, { field: 'dataClasses', value: [...c.dataClasses], confidence: c.confidence, because: c.because, ...(source ? { source } : {}) });
    if (c.secrets) {
      fact(node, { field: 'containsSecrets', value: true, confidence: c.confidence, because: c.because, ...(source ? { source } : {}) });
      if (c.sensitivity === 'restricted') fact(node, { field: 'critical', value: true, confidence: c.confidence, because: `${c.because}: a crown jewel`, ...(source ? { source } : {}) });
    }
  }

  // 2. Databases named by an MCP server's launch line or URL.
  for (const { node, doc } of [...nodes.values()]) {
    if (node.kind !== 'mcp_server') continue;
    const texts = [str(node.launch), str(node.url), ...strs(node.args), ...strs(node.connectionTargets)].filter((x): x is string => x !== undefined);
    let db: DbRef | undefined;
    for (const t of texts) {
      db = parseConnectionString(t);
      if (db) break;
    }
    if (!db) continue;
    const id = `db:${db.key}`;
    const source = str(node.provenance);
    const because = `the launch of MCP server ${String(node.name ?? node.id)} names ${db.engine} database ${JSON.stringify(db.database || '(default)')} on ${db.host}`;
    let dbNode = nodes.get(id)?.node;
    if (!dbNode) {
      dbNode = rec();
      dbNode.id = id;
      dbNode.kind = 'data_store';
      dbNode.name = `${db.database || db.engine} (${db.engine} on ${db.host})`;
      dbNode.storeType = 'database';
      dbNode.engine = db.engine;
      dbNode.database = db.database;
      dbNode.host = db.host;
      if (source) dbNode.provenance = source;
      dbNode.inferredNode = { confidence: 'inferred-high', because, ...(source ? { source } : {}) };
      doc.nodes.push(dbNode);
      nodes.set(id, { node: dbNode, doc });
      statedOf(dbNode).clear();
    }
    if (PERSONAL_DB.test(db.database)) {
      fact(dbNode, { field: 'sensitivity', value: 'confidential', confidence: 'inferred-high', because: `database ${JSON.stringify(db.database)} is named for personal or business records`, ...(source ? { source } : {}) });
      fact(dbNode, { field: 'dataClasses', value: ['PII'], confidence: 'inferred-high', because: `database ${JSON.stringify(db.database)} is named for records about people`, ...(source ? { source } : {}) });
    } else {
      fact(dbNode, { field: 'sensitivity', value: 'confidential', confidence: 'inferred-low', because: `${db.engine} database ${JSON.stringify(db.database || '(default)')}: application data, classification unknown`, ...(source ? { source } : {}) });
    }
    if (PROD_DB.test(db.database) || PROD_DB.test(db.host)) fact(dbNode, { field: 'env', value: 'prod', confidence: 'inferred-low', because: `the database or host name says production`, ...(source ? { source } : {}) });
    // The server's tools read (and, when they write, write) the database.
    for (const tool of targets(node.id as string, 'provides')) {
      const caps = strs(tool.caps);
      const name = norm(String(tool.name ?? ''));
      const reads = caps.includes('private_data') || caps.includes('file_read') || /\b(query|select|read|list|describe|get|search)\b/.test(name);
      const writes = caps.includes('destructive') || caps.includes('file_write') || /\b(execute|insert|update|delete|write|drop|create|alter)\b/.test(name);
      const add = (kind: string) => {
        const key = `${String(tool.id)}\u0000${kind}\u0000${id}`;
        if ((out.get(tool.id as string) ?? []).some((e) => `${String(e.source)}\u0000${String(e.kind)}\u0000${String(e.target)}` === key)) return;
        const e = rec();
        e.source = tool.id;
        e.target = id;
        e.kind = kind;
        if (source) e.provenance = source;
        e.inferred = { confidence: 'inferred-high', because };
        doc.edges.push(e);
        if (!out.has(tool.id as string)) out.set(tool.id as string, []);
        out.get(tool.id as string)!.push(e);
      };
      if (reads) add('reads');
      if (writes) add('writes');
    }
  }

  // 3. SaaS data reached with a token (or OAuth scopes) through an MCP server's tools.
  for (const { node } of nodes.values()) {
    if (node.kind !== 'saas_app' && node.kind !== 'data_store') continue;
    const label = `${String(node.id)} ${String(node.name ?? '')} ${String(node.vendor ?? '')}`;
    const saas = SAAS.find((s) => s.re.test(label));
    if (!saas) continue;
    // tools reading it → their servers → credentials they use
    const servers = new Set<Rec>();
    for (const tool of sources(node.id as string, 'reads')) for (const srv of sources(tool.id as string, 'provides')) servers.add(srv);
    for (const srv of sources(node.id as string, 'reads')) if (srv.kind === 'mcp_server' || srv.kind === 'ai_agent') servers.add(srv);
    let best: InferredFact | undefined;
    for (const srv of servers) {
      for (const cred of targets(srv.id as string, 'uses_credential')) {
        if (cred.isPlaceholder === true) continue;
        const type = String(cred.credType ?? '');
        const scopes = strs(cred.scopes);
        const variable = String(cred.variable ?? cred.name ?? 'a credential');
        const source = str(cred.provenance);
        if (scopes.length > 0 && saas.publicOnly && scopes.every((s) => saas.publicOnly!.test(s))) continue;
        const scoped = saas.scopes && scopes.some((s) => saas.scopes!.test(s));
        const literal = cred.storage !== 'env_ref' && cred.storage !== 'input_prompt';
        if (!saas.credTypes.test(type) && !saas.credTypes.test(variable) && !scoped) continue;
        const confidence = scoped || literal ? 'inferred-high' : 'inferred-low';
        const f: InferredFact = {
          field: 'sensitivity',
          value: 'confidential',
          confidence,
          because: `${variable}${scopes.length > 0 ? ` (scopes ${scopes.join(', ')})` : ''} used by ${String(srv.name ?? srv.id)} reads ${saas.what}`,
          ...(source ? { source } : {}),
        };
        if (!best || (best.confidence === 'inferred-low' && confidence === 'inferred-high')) best = f;
      }
    }
    if (best) fact(node, best);
  }

  // 4. Tools: ways out and untrusted input the catalog does not state; annotations as claims.
  for (const { node, doc } of nodes.values()) {
    if (node.kind !== 'tool') continue;
    const caps = strs(node.caps);
    const text = norm(`${String(node.name ?? '')} ${String(node.description ?? '')}`);
    const source = str(node.provenance);
    const s = source ? { source } : {};
    if (!caps.includes('external_send') && WAY_OUT.test(text)) {
      fact(node, { field: 'caps', value: ['external_send'], confidence: 'inferred-low', because: `the tool's name or description says it sends or fetches outside (${String(node.name)})`, ...s });
    }
    if (!caps.includes('untrusted_content') && UNTRUSTED_IN.test(text)) {
      fact(node, { field: 'caps', value: ['untrusted_content'], confidence: 'inferred-low', because: `the tool's name or description says it reads web pages, search results, mail or issues (${String(node.name)})`, ...s });
    }
    const ann = node.annotations;
    if (ann && typeof ann === 'object' && !Array.isArray(ann)) {
      const a = ann as Rec;
      const contradictions: string[] = [];
      const why = (h: string) => `the server's own ${h} annotation (a claim, not verified)`;
      if (typeof a.readOnlyHint === 'boolean') {
        fact(node, { field: 'readOnly', value: a.readOnlyHint, confidence: 'inferred-low', because: why('readOnlyHint'), ...s });
        const writesCaps = caps.filter((c) => c === 'file_write' || c === 'destructive' || c === 'external_send' || c === 'code_exec' || c === 'identity_admin' || c === 'financial');
        if (a.readOnlyHint === true && (writesCaps.length > 0 || WRITES.test(text))) {
          contradictions.push(`readOnlyHint is true but the tool ${writesCaps.length > 0 ? `has ${writesCaps.join(', ')} (${String(node.capsSource ?? 'caps')})` : `is named or described as writing (${String(node.name)})`}`);
        }
      }
      if (typeof a.destructiveHint === 'boolean') {
        fact(node, { field: 'destructiveHint', value: a.destructiveHint, confidence: 'inferred-low', because: why('destructiveHint'), ...s });
        if (a.destructiveHint === false && (caps.includes('destructive') && node.capsSource !== 'annotations+heuristic' ? true : /\b(delete|drop|destroy|remove|truncate|purge|wipe)\b/.test(text))) {
          contradictions.push(`destructiveHint is false but the tool ${caps.includes('destructive') ? 'is destructive per its capabilities' : 'is named or described as deleting'}`);
        }
      }
      if (typeof a.openWorldHint === 'boolean') {
        fact(node, { field: 'openWorld', value: a.openWorldHint, confidence: 'inferred-low', because: why('openWorldHint'), ...s });
        if (a.openWorldHint === false && (caps.includes('network_fetch') || caps.includes('external_send') || /\b(fetch|http|url|web|browse|email|send)\b/.test(text))) {
          contradictions.push('openWorldHint is false but the tool reaches outside (fetch, web, e-mail or sending)');
        }
      }
      if (contradictions.length > 0) {
        node.annotationContradictions = contradictions;
        const at = source?.includes('#') ? source.slice(source.indexOf('#') + 1) : '';
        doc.builder.warn(ISSUE_CODES.INVALID_FIELD, at, `tool ${JSON.stringify(String(node.name ?? node.id))}: its annotations contradict what it does: ${contradictions.join('; ')}`);
      }
    }
  }
}
