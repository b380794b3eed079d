/**
 * BloodHound OpenGraph payloads (`{metadata?, graph: {nodes, edges}}`) and extension schemas
 * (`{schema, node_kinds, relationship_kinds}`), per anchors.md §c.
 */
import { ISSUE_CODES, quote } from '../model/issues.ts';
import type { NodeKind } from '../model/node-kinds.ts';

import type { DocBuilder } from './builder.ts';
import { OG_RESERVED_EDGE, OG_RESERVED_NODE, PL_META_FIELDS } from './export-opengraph.ts';
import { isSecretValueFor, redactionMarker } from './secrets.ts';
import { arr, emailKey, isObj, keysOf, own, ptr, rec, str, urlKey } from './util.ts';
import type { Obj } from './util.ts';

export function isOpenGraph(json: unknown): boolean {
  const graph = own(json, 'graph');
  return isObj(graph) && (Array.isArray(own(graph, 'nodes')) || Array.isArray(own(graph, 'edges')));
}

export function isOpenGraphSchema(json: unknown): boolean {
  return isObj(own(json, 'schema')) && (Array.isArray(own(json, 'relationship_kinds')) || Array.isArray(own(json, 'node_kinds')));
}

/** Traversability of relationship kinds from one or more extension schemas. */
export type TraversalTable = Map<string, boolean>;

export function readSchema(json: unknown, b: DocBuilder, table: TraversalTable): void {
  arr(own(json, 'relationship_kinds')).forEach((rk, i) => {
    const name = str(own(rk, 'name'));
    if (!name) {
      b.warn(ISSUE_CODES.INVALID_EDGE, ptr('relationship_kinds', i, 'name'), 'relationship kind without a name; ignored');
      return;
    }
    table.set(name, own(rk, 'is_traversable') === true);
  });
}

// ---------------------------------------------------------------------------------------------------------
// Kind mapping

/** Exact kinds from common collectors (GitHound, SnowHound, AzureHound, SharpHound, openhound-okta, AIHound-style). */
const EXACT_KINDS: Readonly<Record<string, NodeKind>> = {
  // GitHound
  GH_User: 'human',
  GH_Organization: 'saas_app',
  GH_Enterprise: 'saas_app',
  GH_Team: 'group',
  GH_OrgRole: 'group',
  GH_TeamRole: 'group',
  GH_RepoRole: 'group',
  GH_Repository: 'data_store',
  GH_Branch: 'data_store',
  GH_Environment: 'other',
  GH_Workflow: 'cloud_resource',
  GH_App: 'nhi',
  GH_AppInstallation: 'nhi',
  GH_PersonalAccessToken: 'credential',
  GH_PersonalAccessTokenRequest: 'credential',
  GH_OrgSecret: 'credential',
  GH_RepoSecret: 'credential',
  GH_EnvironmentSecret: 'credential',
  GH_SecretScanningAlert: 'other',
  GH_SamlIdentityProvider: 'saas_app',
  GH_ExternalIdentity: 'other',
  // SnowHound
  SNOW_User: 'human',
  SNOW_Role: 'group',
  SNOW_Account: 'saas_app',
  SNOW_Database: 'data_store',
  SNOW_Schema: 'data_store',
  SNOW_Table: 'data_store',
  SNOW_Stage: 'data_store',
  SNOW_Warehouse: 'cloud_resource',
  SNOW_Integration: 'nhi',
  // AzureHound
  AZUser: 'human',
  AZGroup: 'group',
  AZRole: 'group',
  AZServicePrincipal: 'nhi',
  AZApp: 'nhi',
  AZManagedIdentity: 'nhi',
  AZTenant: 'saas_app',
  AZSubscription: 'other',
  AZResourceGroup: 'other',
  AZManagementGroup: 'other',
  AZKeyVault: 'data_store',
  AZStorageAccount: 'data_store',
  AZStorageContainer: 'data_store',
  AZVM: 'cloud_resource',
  AZVMScaleSet: 'cloud_resource',
  AZFunctionApp: 'cloud_resource',
  AZWebApp: 'cloud_resource',
  AZLogicApp: 'cloud_resource',
  AZAutomationAccount: 'cloud_resource',
  AZContainerRegistry: 'data_store',
  AZManagedCluster: 'cloud_resource',
  AZDevice: 'cloud_resource',
  AZFederatedIdentityCredential: 'credential',
  // SharpHound (AD)
  User: 'human',
  Group: 'group',
  Computer: 'cloud_resource',
  Domain: 'other',
  GPO: 'other',
  OU: 'other',
  Container: 'other',
  // openhound-okta
  Okta_User: 'human',
  Okta_Group: 'group',
  Okta_Application: 'saas_app',
  Okta_ApiServiceIntegration: 'nhi',
  Okta_ApiToken: 'credential',
  Okta_ClientSecret: 'credential',
  Okta_JWK: 'credential',
  Okta_Role: 'group',
  Okta_CustomRole: 'group',
  Okta_Organization: 'saas_app',
  Okta_IdentityProvider: 'saas_app',
  Okta_Device: 'cloud_resource',
  Okta_AuthorizationServer: 'saas_app',
  Okta_Agent: 'nhi',
  // AgentHound (adithyan-ak/AgentHound ingest format, read through agenthound.ts)
  ConfigFile: 'config_file',
  AgentInstance: 'ai_agent',
  MCPServer: 'mcp_server',
  MCPTool: 'tool',
  MCPResource: 'data_store',
  MCPPrompt: 'other',
  A2AAgent: 'ai_agent',
  A2ASkill: 'tool',
  Identity: 'nhi',
  Credential: 'credential',
  Host: 'cloud_resource',
};

/** AgentHound's relationship kinds (UPPER_SNAKE), by meaning. */
const EXACT_EDGE_KINDS: Readonly<Record<string, string>> = {
  TRUSTS_SERVER: 'connects_to',
  PROVIDES_TOOL: 'provides',
  PROVIDES_RESOURCE: 'provides',
  PROVIDES_PROMPT: 'provides',
  ADVERTISES_SKILL: 'has_tool',
  DELEGATES_TO: 'delegates_to',
  AUTHENTICATES_WITH: 'authenticates_as',
  USES_CREDENTIAL: 'uses_credential',
  EXPOSES_CREDENTIAL: 'stores',
  RUNS_ON: 'deployed_on',
  CONFIGURED_IN: 'depends_on',
  CAN_INVOKE: 'can_invoke',
};

/** Suffix rules (after a `Prefix_` namespace) for kinds not in the exact table. Order matters. */
const SUFFIX_RULES: readonly [RegExp, NodeKind][] = [
  [/(MCPServer|McpServer|MCP)$/i, 'mcp_server'],
  [/(Agent|AIAgent|Assistant|Copilot|Chatbot|AIIntegration)$/i, 'ai_agent'],
  [/(VectorStore|VectorIndex|KnowledgeBase|Embedding(s|Index)?)$/i, 'vector_store'],
  [/(Memory|MemoryStore)$/i, 'memory_store'],
  [/(Model|LLM|ModelDeployment|FoundationModel)$/i, 'model'],
  [/(Gateway|LLMProxy|AIGateway)$/i, 'ai_gateway'],
  [/(Tool|Function Tool|Skill|Action)$/i, 'tool'],
  [/(ApiKey|APIKey|Token|Secret|Credential|Password|Certificate|AccessKey|PAT|KeyCredential)$/i, 'credential'],
  [/(ServiceAccount|ServicePrincipal|ManagedIdentity|Principal|App|Application|Bot|Client|OAuthClient|Integration|Installation|IAMRole|AWSRole)$/i, 'nhi'],
  [/(User|Person|Member|Employee|Identity|Account)$/i, 'human'],
  [/(Group|Team|Role)$/i, 'group'],
  [/(DataStore|Repository|Repo|Bucket|Database|Table|Schema|Drive|Mailbox|Channel|Wiki|Vault|Share|Folder|File|Dataset|Blob|Storage)$/i, 'data_store'],
  [/(Organization|Org|Tenant|Enterprise|Workspace|SaaS|Site|Instance)$/i, 'saas_app'],
  [/(Computer|Host|VM|Server|Container|Cluster|Function|Lambda|Workflow|Pipeline|Runner|Notebook|Endpoint)$/i, 'cloud_resource'],
  [/(External|Internet|Anonymous|Public)$/i, 'external'],
];

/** Maps an OpenGraph kind to a Pathlight node kind; `other` when nothing fits. */
export function mapNodeKind(kind: string): NodeKind {
  if (Object.prototype.hasOwnProperty.call(EXACT_KINDS, kind)) return EXACT_KINDS[kind]!;
  const bare = kind.replace(/^[A-Za-z0-9]+_/, '');
  for (const [re, k] of SUFFIX_RULES) if (re.test(bare)) return k;
  return 'other';
}

/** Maps an OpenGraph edge kind to a Pathlight edge kind and, for `has_permission`, its actions. */
export function mapEdgeKind(kind: string): { kind: string; actions?: string[] } {
  if (Object.prototype.hasOwnProperty.call(EXACT_EDGE_KINDS, kind)) return { kind: EXACT_EDGE_KINDS[kind]! };
  // UPPER_SNAKE kinds read like their CamelCase form (HAS_MEMBER → HasMember)
  if (/^[A-Z0-9]+(_[A-Z0-9]+)+$/.test(kind)) kind = kind.toLowerCase().replace(/(^|_)([a-z0-9])/g, (_m, _s: string, c: string) => c.toUpperCase());
  const bare = kind.replace(/^[A-Za-z0-9]+_/, '');
  if (/^(MemberOf|HasMember|InGroup)$/i.test(bare)) return { kind: 'member_of' };
  if (/^(CanAssume|AssumeRole|CanAssumeRole|CanImpersonate|Impersonate|HasRole|AZHasRole)$/i.test(bare) || /^AZ(HasRole)$/.test(kind)) return { kind: 'can_assume' };
  if (/^(RunsAs|ExecutesAs|HasIdentity)$/i.test(bare)) return { kind: 'runs_as' };
  if (/^(UsesCredential|HasCredential|HasSecret|HasKey)$/i.test(bare)) return { kind: 'uses_credential' };
  if (/^(AuthenticatesAs|MapsToUser|SyncedTo|SyncedToUser|MapsTo)$/i.test(bare)) return { kind: 'authenticates_as' };
  if (/^(CanInvoke|Invokes|CanRun)$/i.test(bare)) return { kind: 'can_invoke' };
  if (/^(ConnectsTo|HasToolAccess|UsesTool|HasMCP)$/i.test(bare)) return { kind: 'connects_to' };
  if (/^(Provides|ProvidesTool|ExposesTool)$/i.test(bare)) return { kind: 'provides' };
  if (/^(UsesModel)$/i.test(bare)) return { kind: 'uses_model' };
  if (/^(Stores|ContainsSecret|StoresCredential)$/i.test(bare)) return { kind: 'stores' };
  if (/^(CanRead|Reads|ReadAccess|Read)$/i.test(bare)) return { kind: 'reads' };
  if (/^(CanWrite|Writes|WriteAccess|Write)$/i.test(bare)) return { kind: 'writes' };
  if (/(Owner|Owns|Admin|GenericAll|FullControl|Control|ResetPassword|ForceChangePassword|WriteDacl|WriteOwner|AddMember|AddSelf|AddKeyCredentialLink|AllExtendedRights|Contributor|Administers|Manage)/i.test(bare))
    return { kind: 'has_permission', actions: ['admin'] };
  if (/(Write|Push|Edit|Create|Update|Delete|Modify|Add|Set|Merge)/i.test(bare)) return { kind: 'has_permission', actions: ['write'] };
  if (/(Read|Pull|View|List|Get|Query|Clone)/i.test(bare)) return { kind: 'has_permission', actions: ['read'] };
  return { kind: 'has_permission', actions: ['admin'] };
}

/**
 * Copies OpenGraph properties unchanged, except values that are secrets: a property whose name says secret
 * (`password`, `token`, `clientSecret`…) and whose value is not a date, an enum word, a principal, a name or
 * a placeholder (secrets.ts decides by the value). Only that value is replaced by its `<redacted:…>` marker,
 * with a warning naming the property; metadata such as `credentialName`, `authMethod`, `token_last_used_at`
 * or `auth: "none"` is kept. Secrets elsewhere in the text (token shapes in a description) are cut out by the
 * scrub pass after conversion.
 */
export function safeProperties(props: unknown, b: DocBuilder, at: string): Record<string, unknown> {
  const out = rec();
  for (const key of keysOf(props)) {
    const value = (props as Obj)[key];
    const one = (v: unknown): unknown => {
      if (typeof v !== 'string' || !isSecretValueFor(key, v, false)) return v;
      const scheme = /^(Bearer|Basic|Token|Digest)\s+/i.exec(v.trim());
      const bare = scheme ? v.trim().slice(scheme[0].length) : v;
      b.secrets.add(bare);
      return `${scheme ? scheme[0] : ''}${redactionMarker(bare)}`;
    };
    const next = Array.isArray(value) ? value.map(one) : one(value);
    if (Array.isArray(value) ? (next as unknown[]).some((v, i) => v !== value[i]) : next !== value) {
      b.warn(ISSUE_CODES.SECRET_REDACTED, `${at}/${key}`, `property ${quote(key)} holds a secret; its value was redacted (the rest of the element is kept)`);
    }
    out[key] = next;
  }
  return out;
}

/** The system an account of this OpenGraph kind lives in, for scoping email join keys (`GH_User` → `gh`). */
export function systemOfKind(kind: string | undefined): string {
  if (!kind) return 'og';
  const m = /^([A-Za-z0-9]+)_/.exec(kind);
  if (m) return m[1]!.toLowerCase();
  if (/^AZ[A-Z]/.test(kind)) return 'az';
  if (/^(User|Group|Computer|Domain|GPO|OU|Container|CertTemplate|EnterpriseCA|RootCA|AIACA|NTAuthStore|IssuancePolicy)$/.test(kind)) return 'ad';
  return 'og';
}

/** JSON with object keys sorted, so two equal property maps give the same text. */
function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObj(value)) return `{${Object.keys(value).sort().map((k) => `${JSON.stringify(k)}:${canonical(value[k])}`).join(',')}}`;
  return JSON.stringify(value) ?? 'null';
}

interface OgNode {
  id: string;
  /** The node's own kinds, in order (the payload's `metadata.source_kind` is kept apart). */
  kinds: string[];
  props: Record<string, unknown>;
  /** Set when the payload was written by Pathlight's exporter: the original id and kind. */
  plId?: string;
  plKind?: NodeKind;
}

const PL_KINDS = new Set<string>(['human', 'nhi', 'group', 'credential', 'ai_agent', 'model', 'ai_gateway', 'mcp_server', 'tool', 'vector_store', 'memory_store', 'data_store', 'saas_app', 'cloud_resource', 'external', 'package', 'config_file', 'client_ui', 'other']);

/** Kinds Pathlight's exporter adds (`PL_Human`…): not the node's own. */
const isPlKind = (k: string) => /^PL_[A-Za-z]+$/.test(k);

/** Property names the inventory format reserves: kept under an `og_` prefix. */
const RESERVED_NODE_PROPS = OG_RESERVED_NODE;

/**
 * Reads back what Pathlight's exporter wrote (export-opengraph.ts): nested values written as JSON text and
 * named in `pathlight_json`, Pathlight's notes on an OpenGraph element as `pathlight_<field>`, and, for an
 * element that came from OpenGraph, its own reserved properties (`name`, `id`…) as `og_<name>` again.
 */
function restoreWritten(props: Record<string, unknown>, fromOg: boolean, reserved: ReadonlySet<string>): Record<string, unknown> {
  const list = props.pathlight_json;
  delete props.pathlight_json;
  if (Array.isArray(list)) {
    for (const k of list) {
      if (typeof k !== 'string' || typeof props[k] !== 'string') continue;
      try {
        props[k] = JSON.parse(props[k] as string) as unknown;
      } catch {
        // left as text
      }
    }
  }
  const nulls = props.pathlight_nulls;
  delete props.pathlight_nulls;
  if (Array.isArray(nulls)) for (const k of nulls) if (typeof k === 'string' && !(k in props)) props[k] = null;
  const out = rec();
  for (const k of Object.keys(props)) {
    const meta = /^pathlight_(.+)$/.exec(k);
    if (meta && PL_META_FIELDS.has(meta[1]!)) out[meta[1]!] = props[k];
    else if (fromOg && reserved.has(k)) out[`og_${k}`] = props[k];
    else out[k] = props[k];
  }
  return out;
}

export function importOpenGraph(json: unknown, b: DocBuilder, traversal: TraversalTable, base = ''): void {
  const graph = own(json, 'graph');
  const sourceKind = str(own(own(json, 'metadata'), 'source_kind'));
  const fromPathlight = sourceKind === 'Pathlight';
  const nodesRaw = own(graph, 'nodes');
  const edgesRaw = own(graph, 'edges');
  if (nodesRaw !== undefined && !Array.isArray(nodesRaw)) b.error(ISSUE_CODES.NOT_AN_INVENTORY, `${base}/graph/nodes`, 'expected a list of nodes');
  if (edgesRaw !== undefined && !Array.isArray(edgesRaw)) b.error(ISSUE_CODES.NOT_AN_INVENTORY, `${base}/graph/edges`, 'expected a list of edges');

  const byId = new Map<string, OgNode>();
  const all: OgNode[] = [];
  arr(nodesRaw).forEach((raw, i) => {
    const at = `${base}${ptr('graph', 'nodes', i)}`;
    if (!isObj(raw)) {
      b.error(ISSUE_CODES.INVALID_NODE, at, 'expected a node object');
      return;
    }
    const idRaw = own(raw, 'id');
    const id = typeof idRaw === 'number' ? String(idRaw) : str(idRaw);
    if (id === undefined) {
      b.error(ISSUE_CODES.INVALID_NODE, `${at}/id`, 'node id is required (a non-empty string)');
      return;
    }
    const kindsRaw = own(raw, 'kinds');
    if (kindsRaw !== undefined && !Array.isArray(kindsRaw)) {
      b.error(ISSUE_CODES.INVALID_NODE, `${at}/kinds`, 'expected a list of kind names');
      return;
    }
    const kinds = arr(kindsRaw).filter((k): k is string => typeof k === 'string');
    if (byId.has(id)) {
      b.warn(ISSUE_CODES.DUPLICATE_NODE_ID, `${at}/id`, `duplicate node id ${quote(id)}; its kinds and properties are merged into the first`);
    }
    const propsRaw = own(raw, 'properties');
    if (propsRaw !== undefined && propsRaw !== null && !isObj(propsRaw)) {
      b.warn(ISSUE_CODES.INVALID_FIELD, `${at}/properties`, 'properties is not an object; ignored');
    }
    let props = safeProperties(isObj(propsRaw) ? propsRaw : {}, b, `${at}/properties`);
    const node: OgNode = byId.get(id) ?? { id, kinds: [], props: rec() };
    const plKind = typeof props.pathlight_kind === 'string' && PL_KINDS.has(props.pathlight_kind) ? (props.pathlight_kind as NodeKind) : undefined;
    const written = fromPathlight || plKind !== undefined;
    if (typeof props.pathlight_id === 'string' && props.pathlight_id !== '') node.plId = props.pathlight_id;
    if (plKind) node.plKind = plKind;
    delete props.pathlight_id;
    delete props.pathlight_kind;
    if (written) {
      const fromOg = typeof props.pathlight_ogKind === 'string' || typeof props.pathlight_name === 'string';
      const displayName = props.pathlight_name;
      delete props.pathlight_name;
      props = restoreWritten(props, fromOg, OG_RESERVED_NODE);
      if (typeof displayName === 'string') props.pathlight_name = displayName;
    }
    if ('pl_objectid' in props) {
      props.objectid = props.pl_objectid;
      delete props.pl_objectid;
    }
    const ownKinds = written ? kinds.filter((k) => !isPlKind(k) && k !== 'Pathlight') : kinds;
    for (const k of ownKinds) if (!node.kinds.includes(k)) node.kinds.push(k);
    for (const k of Object.keys(props)) if (!(k in node.props)) node.props[k] = props[k];
    if (!byId.has(id)) {
      byId.set(id, node);
      all.push(node);
    }
    addNode(b, node, at, false, fromPathlight ? undefined : sourceKind);
  });

  // Property matchers: an index per property key (built on first use) instead of a scan per edge.
  const indexes = new Map<string, Map<string, OgNode[]>>();
  const norm = (v: unknown) => (typeof v === 'string' ? `s:${v.toLowerCase()}` : `${typeof v}:${String(v)}`);
  const indexFor = (key: string) => {
    let idx = indexes.get(key);
    if (!idx) {
      idx = new Map();
      for (const n of all) {
        const v = key === 'objectid' || key === 'id' ? n.id : n.props[key];
        if (v === undefined || v === null || typeof v === 'object') continue;
        const k = norm(v);
        const list = idx.get(k);
        if (list) list.push(n);
        else idx.set(k, [n]);
      }
      indexes.set(key, idx);
    }
    return idx;
  };
  const findByProps = (matchers: { key: string; value: unknown }[], kind: string | undefined): OgNode[] => {
    const [first, ...rest] = matchers;
    const candidates = indexFor(first!.key).get(norm(first!.value)) ?? [];
    return candidates.filter((n) => (kind === undefined || n.kinds.includes(kind) || kind === sourceKind) && rest.every((m) => (indexFor(m.key).get(norm(m.value)) ?? []).includes(n)));
  };

  arr(edgesRaw).forEach((raw, i) => {
    const at = `${base}${ptr('graph', 'edges', i)}`;
    if (!isObj(raw)) {
      b.error(ISSUE_CODES.INVALID_EDGE, at, 'expected an edge object');
      return;
    }
    const kind = str(own(raw, 'kind'));
    if (kind === undefined) {
      b.error(ISSUE_CODES.INVALID_EDGE, `${at}/kind`, 'edge kind is required');
      return;
    }
    const ends: string[][] = [];
    for (const side of ['start', 'end'] as const) {
      const m = own(raw, side);
      if (!isObj(m)) {
        const keys = Object.keys(raw).slice(0, 6).map((k) => JSON.stringify(k)).join(', ');
        b.error(ISSUE_CODES.INVALID_EDGE, `${at}/${side}`, `expected an endpoint matcher object ({"value": "<node id>"}); this edge (keys ${keys}) has neither "start"/"end" matchers (OpenGraph) nor "source"/"target" (AgentHound)`);
        return;
      }
      const matchBy = str(own(m, 'match_by')) ?? 'id';
      const filterKind = str(own(m, 'kind'));
      if (matchBy === 'id') {
        const vRaw = own(m, 'value');
        const value = typeof vRaw === 'number' ? String(vRaw) : str(vRaw);
        if (value === undefined) {
          b.error(ISSUE_CODES.INVALID_EDGE, `${at}/${side}/value`, 'an id matcher needs a string value');
          return;
        }
        if (!byId.has(value)) {
          // Not in this file: a stub with that id, so another file holding the node can fill it in.
          if (!b.has(value)) {
            b.warn(ISSUE_CODES.MISSING_ENDPOINT, `${at}/${side}`, `no node with id ${quote(value)} in this file; a stub node stands in for it`);
          }
          stub(b, value, filterKind, at, rec());
        }
        ends.push([byId.get(value)?.plId ?? value]);
      } else if (matchBy === 'property' || matchBy === 'name') {
        let matchers: { key: string; value: unknown }[];
        if (matchBy === 'name') {
          const value = own(m, 'value');
          if (typeof value !== 'string' || value === '') {
            b.error(ISSUE_CODES.INVALID_EDGE, `${at}/${side}/value`, 'a name matcher needs a string value');
            return;
          }
          matchers = [{ key: 'name', value }];
        } else {
          const pm = own(m, 'property_matchers');
          matchers = arr(pm)
            .filter(isObj)
            .map((x) => ({ key: str(own(x, 'key')) ?? '', value: own(x, 'value'), op: own(x, 'operator') }))
            .filter((x) => x.key !== '' && (x.op === undefined || x.op === 'equals'));
          if (matchers.length === 0 || matchers.length !== arr(pm).length) {
            b.error(ISSUE_CODES.INVALID_EDGE, `${at}/${side}/property_matchers`, 'expected at least one {key, operator: "equals", value} matcher');
            return;
          }
        }
        const found = findByProps(matchers, filterKind);
        if (found.length === 0) {
          const desc = matchers.map((x) => `${x.key}=${String(x.value)}`).join('&');
          const id = `og-match:${filterKind ?? '*'}:${desc}`;
          if (!b.has(id)) {
            b.warn(ISSUE_CODES.MISSING_ENDPOINT, `${at}/${side}`, `no node ${filterKind ? `of kind ${quote(filterKind)} ` : ''}with ${quote(desc)} in this file; a stub node stands in for it`);
          }
          const props = rec();
          for (const x of matchers) props[x.key] = x.value;
          stub(b, id, filterKind, at, props);
          ends.push([id]);
        } else {
          if (found.length > 1) b.warn(ISSUE_CODES.INVALID_FIELD, `${at}/${side}`, `the ${side} matcher matches ${found.length} nodes; one edge to each`);
          ends.push(found.map((n) => n.plId ?? n.id));
        }
      } else {
        b.error(ISSUE_CODES.INVALID_EDGE, `${at}/${side}/match_by`, `unknown match_by ${quote(matchBy)} (expected "id", "property" or "name")`);
        return;
      }
    }
    const propsRaw = own(raw, 'properties');
    let props = safeProperties(isObj(propsRaw) ? propsRaw : {}, b, `${at}/properties`);
    const distinct = `${kind}\u0000${canonical(props)}`;
    b.edgesIn.set(kind, (b.edgesIn.get(kind) ?? 0) + 1);
    const given = props.traversable;
    const traversable = typeof given === 'boolean' ? given : traversal.has(kind) ? traversal.get(kind)! : true;
    const traversableFrom = typeof given === 'boolean' ? undefined : traversal.has(kind) ? 'schema' : 'default';
    delete props.traversable;
    const plEdgeKind = typeof props.pathlight_kind === 'string' ? props.pathlight_kind : undefined;
    const plEdgeId = typeof props.pathlight_edge_id === 'string' ? props.pathlight_edge_id : undefined;
    const written = fromPathlight || plEdgeKind !== undefined;
    delete props.pathlight_kind;
    delete props.pathlight_edge_id;
    const fromPl = written && /^PL_/.test(kind);
    let ogKind = kind;
    if (written) {
      const plTraversable = props.pathlight_traversable;
      delete props.pathlight_traversable;
      if (typeof props.pathlight_ogKind === 'string') ogKind = props.pathlight_ogKind;
      delete props.pathlight_ogKind;
      props = restoreWritten(props, !fromPl, OG_RESERVED_EDGE);
      if (typeof given === 'boolean') props.traversable = given;
      else if (plTraversable === false) props.traversable = false;
    } else {
      for (const k of OG_RESERVED_EDGE) {
        if (k in props) {
          props[`og_${k}`] = props[k];
          delete props[k];
        }
      }
    }
    const mapped = plEdgeKind ? { kind: plEdgeKind, actions: undefined } : mapEdgeKind(kind);
    for (const s of ends[0]!) {
      for (const t of ends[1]!) {
        b.edge(
          s,
          mapped.kind,
          t,
          at,
          {
            ...props,
            ...(fromPl ? {} : { ogKind }),
            ...(plEdgeId && ends[0]!.length === 1 && ends[1]!.length === 1 ? { id: plEdgeId } : {}),
            ...(mapped.actions && props.actions === undefined ? { actions: mapped.actions } : {}),
            ...(written ? {} : traversable ? (traversableFrom === undefined ? { traversable: true } : {}) : { traversable: false }),
            ...(written || traversableFrom === undefined ? {} : { traversableFrom }),
          },
          { distinct },
        );
      }
    }
  });
}

function addNode(b: DocBuilder, n: OgNode, at: string, isStub: boolean, sourceKind?: string): void {
  const primary = n.kinds[0];
  let kind: NodeKind = primary ? mapNodeKind(primary) : 'other';
  if (kind === 'other') for (const k of n.kinds.slice(1)) if (mapNodeKind(k) !== 'other') kind = mapNodeKind(k);
  if (kind === 'other' && sourceKind && mapNodeKind(sourceKind) !== 'other') kind = mapNodeKind(sourceKind);
  if (n.plKind) {
    // Written by Pathlight: restore exactly what was exported.
    const fields = rec();
    for (const k of Object.keys(n.props)) if (k !== 'name' && k !== 'original_kind' && k !== 'pathlight_name') fields[k] = n.props[k];
    if (n.kinds.length > 0) {
      fields.kinds = [...n.kinds];
      if (fields.ogKind === undefined) fields.ogKind = n.kinds[0];
    }
    if (n.plKind === 'other' && typeof n.props.original_kind === 'string') fields.originalKind = n.props.original_kind;
    const name = str(n.props.pathlight_name) ?? str(n.props.name) ?? n.plId ?? n.id;
    b.node(n.plId ?? n.id, n.plKind, name, at, fields, { keys: [`og:${n.id}`], stub: isStub });
    return;
  }
  const props = n.props;
  const name = str(props.displayname) ?? str(props.name) ?? n.id;
  const fields = rec();
  for (const k of Object.keys(props)) {
    if (RESERVED_NODE_PROPS.has(k)) fields[`og_${k}`] = props[k];
    else fields[k] = props[k];
  }
  if (primary) fields.ogKind = primary;
  // BloodHound adds the payload's source kind to every node; so does Pathlight (kept apart for the export)
  const kinds = sourceKind && !n.kinds.includes(sourceKind) ? [...n.kinds, sourceKind] : [...n.kinds];
  if (kinds.length > 0) fields.kinds = kinds;
  if (sourceKind && !n.kinds.includes(sourceKind)) fields.ogSourceKind = sourceKind;
  if (kind === 'other' && primary) fields.originalKind = primary;
  const system = systemOfKind(primary ?? sourceKind);
  const keys: (string | undefined)[] = [`og:${n.id}`];
  for (const p of ['email', 'userprincipalname', 'login', 'name', 'mail']) {
    const v = props[p];
    if (typeof v === 'string') keys.push(emailKey(v, system));
  }
  for (const p of ['arn', 'objectid']) if (typeof props[p] === 'string' && /^arn:/.test(props[p] as string)) keys.push(`arn:${props[p] as string}`);
  for (const p of ['url', 'endpoint', 'server_url', 'serverurl']) if (typeof props[p] === 'string') keys.push(urlKey(props[p] as string));
  if (/^arn:/.test(n.id)) keys.push(`arn:${n.id}`);
  b.node(n.plId ?? n.id, kind, name, at, fields, { keys, stub: isStub });
}

function stub(b: DocBuilder, id: string, kind: string | undefined, at: string, props: Record<string, unknown>): void {
  addNode(b, { id, kinds: kind ? [kind] : [], props }, at, true);
}
