/**
 * BloodHound OpenGraph payloads (`{metadata?, graph: {nodes, edges}}`) and extension schemas
 * (`{schema, node_kinds, relationship_kinds}`), per anchors.md §c.
 */
import { ISSUE_CODES, quote } from '../model/issues.ts';
import type { NodeKind } from '../model/node-kinds.ts';

import type { DocBuilder } from './builder.ts';
import { arr, emailKey, isObj, isSecretName, keysOf, looksLikeToken, own, ptr, rec, str, urlKey } from './util.ts';
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
 * Copies OpenGraph properties, dropping nothing but redacting values under secret-like names (a
 * `password` property must not travel into the inventory).
 */
export function safeProperties(props: unknown, b: DocBuilder, at: string): Record<string, unknown> {
  const out = rec();
  for (const key of keysOf(props)) {
    const value = (props as Obj)[key];
    const secretKey = isSecretName(key) && !/certificate|^(has|is|require|last|created|expir|count|num)/i.test(key);
    const strings = typeof value === 'string' ? [value] : Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
    if (secretKey && strings.some((v) => v !== '')) {
      for (const v of strings) if (v !== '') b.secrets.add(v);
      out[key] = '[redacted]';
      b.warn(ISSUE_CODES.INVALID_FIELD, `${at}/${key}`, `property ${quote(key)} looks like a secret; its value was not imported`);
    } else if (typeof value === 'string' && looksLikeToken(value) && /^(gh[pousr]_|github_pat_|glpat-|sk-|xox[abposr]-|AKIA|ASIA|AIza|eyJ)/.test(value)) {
      // a well-known credential shape under any name
      b.secrets.add(value);
      out[key] = '[redacted]';
      b.warn(ISSUE_CODES.INVALID_FIELD, `${at}/${key}`, `property ${quote(key)} holds a credential-shaped value; it was not imported`);
    } else out[key] = value;
  }
  return out;
}

interface OgNode {
  id: string;
  kinds: string[];
  props: Record<string, unknown>;
  /** Set when the payload was written by Pathlight's exporter: the original id and kind. */
  plId?: string;
  plKind?: NodeKind;
}

const PL_KINDS = new Set<string>(['human', 'nhi', 'group', 'credential', 'ai_agent', 'model', 'ai_gateway', 'mcp_server', 'tool', 'vector_store', 'memory_store', 'data_store', 'saas_app', 'cloud_resource', 'external', 'package', 'config_file', 'client_ui', 'other']);

export function importOpenGraph(json: unknown, b: DocBuilder, traversal: TraversalTable, base = ''): void {
  const graph = own(json, 'graph');
  const sourceKind = str(own(own(json, 'metadata'), 'source_kind'));
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
    if (sourceKind && !kinds.includes(sourceKind)) kinds.push(sourceKind);
    if (byId.has(id)) {
      b.warn(ISSUE_CODES.DUPLICATE_NODE_ID, `${at}/id`, `duplicate node id ${quote(id)}; its kinds and properties are merged into the first`);
    }
    const propsRaw = own(raw, 'properties');
    if (propsRaw !== undefined && propsRaw !== null && !isObj(propsRaw)) {
      b.warn(ISSUE_CODES.INVALID_FIELD, `${at}/properties`, 'properties is not an object; ignored');
    }
    const props = safeProperties(isObj(propsRaw) ? propsRaw : {}, b, `${at}/properties`);
    const node: OgNode = byId.get(id) ?? { id, kinds: [], props: rec() };
    if (typeof props.pathlight_id === 'string' && props.pathlight_id !== '') node.plId = props.pathlight_id;
    if (typeof props.pathlight_kind === 'string' && PL_KINDS.has(props.pathlight_kind)) node.plKind = props.pathlight_kind as NodeKind;
    delete props.pathlight_id;
    delete props.pathlight_kind;
    if ('pl_objectid' in props) {
      props.objectid = props.pl_objectid;
      delete props.pl_objectid;
    }
    if (sourceKind === 'Pathlight') node.kinds = node.kinds.filter((k) => k !== 'Pathlight');
    for (const k of kinds) if (!node.kinds.includes(k) && !(sourceKind === 'Pathlight' && k === 'Pathlight')) node.kinds.push(k);
    for (const k of Object.keys(props)) if (!(k in node.props)) node.props[k] = props[k];
    if (!byId.has(id)) {
      byId.set(id, node);
      all.push(node);
    }
    addNode(b, node, at, false);
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
    return candidates.filter((n) => (kind === undefined || n.kinds.includes(kind)) && rest.every((m) => (indexFor(m.key).get(norm(m.value)) ?? []).includes(n)));
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
        b.error(ISSUE_CODES.INVALID_EDGE, `${at}/${side}`, `expected an endpoint matcher object ({"value": "<node id>"})`);
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
        } else ends.push(found.map((n) => n.plId ?? n.id));
      } else {
        b.error(ISSUE_CODES.INVALID_EDGE, `${at}/${side}/match_by`, `unknown match_by ${quote(matchBy)} (expected "id" or "property")`);
        return;
      }
    }
    const propsRaw = own(raw, 'properties');
    const props = safeProperties(isObj(propsRaw) ? propsRaw : {}, b, `${at}/properties`);
    const given = props.traversable;
    const traversable = typeof given === 'boolean' ? given : traversal.has(kind) ? traversal.get(kind)! : true;
    delete props.traversable;
    const plEdgeKind = typeof props.pathlight_kind === 'string' ? props.pathlight_kind : undefined;
    const plEdgeId = typeof props.pathlight_edge_id === 'string' ? props.pathlight_edge_id : undefined;
    delete props.pathlight_kind;
    delete props.pathlight_edge_id;
    for (const k of ['source', 'target', 'kind', 'id', 'actions', 'provenance']) {
      if (k in props) {
        props[`og_${k}`] = props[k];
        delete props[k];
      }
    }
    const mapped = plEdgeKind ? { kind: plEdgeKind, actions: undefined } : mapEdgeKind(kind);
    if (plEdgeKind && Array.isArray(props.og_actions)) {
      props.actions = props.og_actions;
      delete props.og_actions;
    }
    for (const s of ends[0]!) {
      for (const t of ends[1]!) {
        b.edge(s, mapped.kind, t, at, {
          ...props,
          ...(plEdgeKind ? {} : { ogKind: kind }),
          ...(plEdgeId && ends[0]!.length === 1 && ends[1]!.length === 1 ? { id: plEdgeId } : {}),
          ...(mapped.actions ? { actions: mapped.actions } : {}),
          ...(traversable ? {} : { traversable: false }),
        });
      }
    }
  });
}

function addNode(b: DocBuilder, n: OgNode, at: string, isStub: boolean): void {
  const primary = n.kinds[0];
  let kind: NodeKind = primary ? mapNodeKind(primary) : 'other';
  if (kind === 'other') for (const k of n.kinds.slice(1)) if (mapNodeKind(k) !== 'other') kind = mapNodeKind(k);
  if (n.plKind) {
    // Written by Pathlight: restore exactly what was exported.
    const fields = rec();
    for (const k of Object.keys(n.props)) if (k !== 'name' && k !== 'original_kind') fields[k] = n.props[k];
    if (n.plKind === 'other' && typeof n.props.original_kind === 'string') fields.originalKind = n.props.original_kind;
    b.node(n.plId ?? n.id, n.plKind, str(n.props.name) ?? n.plId ?? n.id, at, fields, { keys: [`og:${n.id}`], stub: isStub });
    return;
  }
  const props = n.props;
  const name = str(props.displayname) ?? str(props.name) ?? n.id;
  const fields = rec();
  for (const k of Object.keys(props)) {
    if (k === 'name' || k === 'kind' || k === 'id' || k === 'provenance') fields[`og_${k}`] = props[k];
    else fields[k] = props[k];
  }
  if (primary) fields.ogKind = primary;
  fields.kinds = [...n.kinds];
  if (kind === 'other' && primary) fields.originalKind = primary;
  const keys: (string | undefined)[] = [`og:${n.id}`];
  for (const p of ['email', 'userprincipalname', 'login', 'name', 'mail']) {
    const v = props[p];
    if (typeof v === 'string') keys.push(emailKey(v));
  }
  for (const p of ['arn', 'objectid']) if (typeof props[p] === 'string' && /^arn:/.test(props[p] as string)) keys.push(`arn:${props[p] as string}`);
  for (const p of ['url', 'endpoint', 'server_url', 'serverurl']) if (typeof props[p] === 'string') keys.push(urlKey(props[p] as string));
  if (/^arn:/.test(n.id)) keys.push(`arn:${n.id}`);
  b.node(n.plId ?? n.id, kind, name, at, fields, { keys, stub: isStub });
}

function stub(b: DocBuilder, id: string, kind: string | undefined, at: string, props: Record<string, unknown>): void {
  addNode(b, { id, kinds: kind ? [kind] : [], props }, at, true);
}
