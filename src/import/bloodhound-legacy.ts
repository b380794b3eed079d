/**
 * SharpHound (`{data: [...], meta: {type, version}}`, one object type per file) and AzureHound
 * (`{data: [{kind, data}], meta: {type: "azure"}}`) collector output.
 */
import { ISSUE_CODES, quote } from '../model/issues.ts';
import type { NodeKind } from '../model/node-kinds.ts';

import type { DocBuilder } from './builder.ts';
import { safeProperties } from './opengraph.ts';
import { arr, emailKey, isObj, lookup, own, str, strList, urlKey } from './util.ts';

/** The object list: `data` (SharpHound v4+) or the key named by `meta.type` (v3: `{"users": [...]}`). */
function sharpHoundList(json: unknown): unknown[] | undefined {
  const type = own(own(json, 'meta'), 'type');
  if (Array.isArray(own(json, 'data'))) return own(json, 'data') as unknown[];
  if (typeof type === 'string' && Array.isArray(own(json, type))) return own(json, type) as unknown[];
  return undefined;
}

export function isSharpHound(json: unknown): boolean {
  const meta = own(json, 'meta');
  return isObj(meta) && typeof own(meta, 'type') === 'string' && own(meta, 'type') !== 'azure' && sharpHoundList(json) !== undefined;
}

export function isAzureHound(json: unknown): boolean {
  const meta = own(json, 'meta');
  if (isObj(meta) && own(meta, 'type') === 'azure') return true;
  const data = own(json, 'data');
  return Array.isArray(data) && data.length > 0 && data.every((d) => typeof own(d, 'kind') === 'string' && /^AZ/.test(own(d, 'kind') as string) && isObj(own(d, 'data')));
}

const TYPE_KIND: Readonly<Record<string, NodeKind>> = {
  users: 'human',
  groups: 'group',
  computers: 'cloud_resource',
  domains: 'other',
  gpos: 'other',
  ous: 'other',
  containers: 'other',
  certtemplates: 'other',
  enterprisecas: 'other',
  aiacas: 'other',
  rootcas: 'other',
  ntauthstores: 'other',
};

const PRINCIPAL_KIND: Readonly<Record<string, NodeKind>> = { User: 'human', Group: 'group', Computer: 'cloud_resource' };

/** Well-known relative ids, for naming principals a file references but does not describe. */
const WELL_KNOWN: Readonly<Record<string, string>> = {
  'S-1-5-32-544': 'Administrators',
  'S-1-5-32-548': 'Account Operators',
  'S-1-5-32-549': 'Server Operators',
  'S-1-5-32-550': 'Print Operators',
  'S-1-5-32-551': 'Backup Operators',
  'S-1-5-20': 'Network Service',
  'S-1-5-18': 'Local System',
  'S-1-5-9': 'Enterprise Domain Controllers',
  'S-1-5-11': 'Authenticated Users',
  'S-1-1-0': 'Everyone',
  '-512': 'Domain Admins',
  '-513': 'Domain Users',
  '-514': 'Domain Guests',
  '-515': 'Domain Computers',
  '-516': 'Domain Controllers',
  '-517': 'Cert Publishers',
  '-518': 'Schema Admins',
  '-519': 'Enterprise Admins',
  '-520': 'Group Policy Creator Owners',
  '-526': 'Key Admins',
  '-527': 'Enterprise Key Admins',
};

function wellKnownName(sid: string): string | undefined {
  for (const [suffix, name] of Object.entries(WELL_KNOWN)) if (suffix.startsWith('S-') ? sid.endsWith(suffix) : sid.endsWith(suffix)) return name;
  return undefined;
}

/** AD rights that hand over the object (BloodHound treats them as traversable attack edges). */
const CONTROL = /^(GenericAll|GenericWrite|WriteDacl|WriteOwner|Owns|OwnsLimitedRights|WriteOwnerLimitedRights|AllExtendedRights|ForceChangePassword|AddMember|AddSelf|AddKeyCredentialLink|WriteSPN|WriteAccountRestrictions|AddAllowedToAct|ReadLAPSPassword|ReadGMSAPassword|DCSync|GetChanges|GetChangesAll|SyncLAPSPassword|WriteGPLink|ManageCA|ManageCertificates|Enroll)$/;

export function importSharpHound(json: unknown, b: DocBuilder): void {
  const type = (own(own(json, 'meta'), 'type') as string).toLowerCase();
  const kind = lookup(TYPE_KIND, type) ?? 'other';
  const data = sharpHoundList(json) ?? [];
  const listKey = Array.isArray(own(json, 'data')) ? 'data' : type;
  const described = new Set<string>();
  for (const o of data) {
    const id = str(own(o, 'ObjectIdentifier')) ?? str(own(own(o, 'Properties'), 'objectid'));
    if (id) described.add(id);
  }
  const warned = new Set<string>();
  const ref = (sid: string, ptype: string | undefined, at: string): string => {
    if (described.has(sid) || b.has(sid)) return sid;
    if (!warned.has(sid)) {
      warned.add(sid);
      b.warn(ISSUE_CODES.MISSING_ENDPOINT, at, `principal ${quote(sid)} is not in this file; a stub node stands in for it`);
    }
    return b.node(sid, lookup(PRINCIPAL_KIND, ptype ?? '') ?? 'other', wellKnownName(sid) ?? sid, at, { objectid: sid, principalType: ptype, ...(wellKnownName(sid) && /Admin|Operators|Controllers/.test(wellKnownName(sid)!) ? { privileged: true } : {}) }, { stub: true, keys: [`sid:${sid}`] });
  };
  data.forEach((o, i) => {
    const at = `/${listKey}/${i}`;
    const id = str(own(o, 'ObjectIdentifier')) ?? str(own(own(o, 'Properties'), 'objectid'));
    if (!id) {
      b.error(ISSUE_CODES.INVALID_NODE, `${at}/ObjectIdentifier`, 'object without an ObjectIdentifier');
      return;
    }
    const props = safeProperties(own(o, 'Properties'), b, `${at}/Properties`);
    const name = typeof props.name === 'string' ? props.name : id;
    delete props.name;
    const spn = Array.isArray(props.serviceprincipalnames) && props.serviceprincipalnames.length > 0;
    b.node(id, kind === 'human' && spn ? 'nhi' : kind, name, at, {
      ...props,
      objectid: id,
      adType: type,
      ...(kind === 'human' && spn ? { subtype: 'service_account' } : {}),
      privileged: props.admincount === true || undefined,
      critical: props.highvalue === true || undefined,
      status: props.enabled === false ? 'inactive' : undefined,
    }, { keys: [`sid:${id}`, typeof props.email === 'string' ? emailKey(props.email, 'ad') : undefined, typeof props.userprincipalname === 'string' ? emailKey(props.userprincipalname, 'ad') : undefined] });
    arr(own(o, 'Aces')).forEach((ace, ai) => {
      const sid = str(own(ace, 'PrincipalSID'));
      const right = str(own(ace, 'RightName'));
      if (!sid || !right) return;
      const aat = `${at}/Aces/${ai}`;
      const src = ref(sid, str(own(ace, 'PrincipalType')), aat);
      const control = CONTROL.test(right);
      // one edge per right, as BloodHound has them (GenericAll and WriteDacl from one principal are two edges)
      b.edgesIn.set(right, (b.edgesIn.get(right) ?? 0) + 1);
      b.edge(src, 'has_permission', id, aat, { actions: [control ? 'admin' : 'write'], adRights: [right], inherited: own(ace, 'IsInherited') === true || undefined }, { distinct: `${right}\u0000${own(ace, 'IsInherited') === true ? 'i' : ''}` });
    });
    const primary = str(own(o, 'PrimaryGroupSID'));
    if (primary) b.edge(id, 'member_of', ref(primary, 'Group', `${at}/PrimaryGroupSID`), `${at}/PrimaryGroupSID`, { primary: true });
    arr(own(o, 'Members')).forEach((m, mi) => {
      const mid = str(own(m, 'ObjectIdentifier'));
      if (mid) b.edge(ref(mid, str(own(m, 'ObjectType')), `${at}/Members/${mi}`), 'member_of', id, `${at}/Members/${mi}`);
    });
    arr(own(o, 'AllowedToDelegate')).forEach((d, di) => {
      const did = str(own(d, 'ObjectIdentifier'));
      if (did) b.edge(id, 'has_permission', ref(did, str(own(d, 'ObjectType')), `${at}/AllowedToDelegate/${di}`), `${at}/AllowedToDelegate/${di}`, { actions: ['admin'], adRights: ['AllowedToDelegate'] });
    });
    // Computers: local administrators and sessions (v3–v6 shapes)
    const results = (v: unknown): readonly unknown[] => (Array.isArray(v) ? v : arr(own(v, 'Results')));
    arr(own(o, 'LocalGroups')).forEach((g, gi) => {
      if (!/^ADMINISTRATORS\b/i.test(str(own(g, 'Name')) ?? '')) return;
      results(g).forEach((m, mi) => {
        const mid = str(own(m, 'ObjectIdentifier'));
        const mat = `${at}/LocalGroups/${gi}/Results/${mi}`;
        if (mid) b.edge(ref(mid, str(own(m, 'ObjectType')), mat), 'has_permission', id, mat, { actions: ['admin'], adRights: ['AdminTo'] });
      });
    });
    results(own(o, 'LocalAdmins')).forEach((m, mi) => {
      const mid = str(own(m, 'ObjectIdentifier')) ?? str(own(m, 'MemberId'));
      const mat = `${at}/LocalAdmins/${mi}`;
      if (mid) b.edge(ref(mid, str(own(m, 'ObjectType')) ?? str(own(m, 'MemberType')), mat), 'has_permission', id, mat, { actions: ['admin'], adRights: ['AdminTo'] });
    });
    for (const key of ['Sessions', 'PrivilegedSessions', 'RegistrySessions']) {
      results(own(o, key)).forEach((sess, si) => {
        const user = str(own(sess, 'UserSID')) ?? str(own(sess, 'UserId'));
        const sat = `${at}/${key}/${si}`;
        // a session leaves the user's credentials on the computer: whoever controls it can act as the user
        if (user) b.edge(id, 'has_permission', ref(user, 'User', sat), sat, { actions: ['admin'], adRights: ['HasSession'] });
      });
    }
    arr(own(o, 'HasSIDHistory')).forEach((h, hi) => {
      const hid = str(own(h, 'ObjectIdentifier'));
      if (hid) b.edge(id, 'can_assume', ref(hid, str(own(h, 'ObjectType')), `${at}/HasSIDHistory/${hi}`), `${at}/HasSIDHistory/${hi}`, { via: 'sid_history' });
    });
  });
}

/** Entra directory roles that control the tenant (role template ids). */
const PRIVILEGED_ROLE_TEMPLATES = new Set([
  '62e90394-69f5-4237-9190-012177145e10', // Global Administrator
  'e8611ab8-c189-46e8-94e1-60213ab1f814', // Privileged Role Administrator
  '7be44c8a-adaf-4e2a-84d6-ab2649e08a13', // Privileged Authentication Administrator
  '9b895d92-2cd3-44c7-9d02-a6ac2d5ea5c3', // Application Administrator
  '158c047a-c907-4556-b7ef-446551a6b5f7', // Cloud Application Administrator
  'fe930be7-5e62-47db-91af-98c3a49a38b1', // User Administrator
  '729827e3-9c14-49f7-bb1b-9608f156bbb8', // Helpdesk Administrator
  '966707d0-3269-4727-9be2-8c3a10f19b9d', // Password Administrator
  'fdd7a751-b60b-444a-984c-02652fe8fa1c', // Groups Administrator
]);

const AZ_RESOURCE: Readonly<Record<string, [NodeKind, string]>> = {
  AZTenant: ['saas_app', 'tenant'],
  AZKeyVault: ['data_store', 'key_vault'],
  AZStorageAccount: ['data_store', 'storage_account'],
  AZContainerRegistry: ['data_store', 'container_registry'],
  AZVM: ['cloud_resource', 'vm'],
  AZVMScaleSet: ['cloud_resource', 'vm_scale_set'],
  AZDevice: ['cloud_resource', 'device'],
  AZFunctionApp: ['cloud_resource', 'function_app'],
  AZWebApp: ['cloud_resource', 'web_app'],
  AZLogicApp: ['cloud_resource', 'logic_app'],
  AZAutomationAccount: ['cloud_resource', 'automation_account'],
  AZManagedCluster: ['cloud_resource', 'aks_cluster'],
  AZSubscription: ['other', 'subscription'],
  AZResourceGroup: ['other', 'resource_group'],
  AZManagementGroup: ['other', 'management_group'],
};

export function importAzureHound(json: unknown, b: DocBuilder): void {
  const skipped = new Map<string, number>();
  const lower = (v: string | undefined) => v?.toLowerCase();
  const app = (appId: string, at: string, fields: Record<string, unknown> = {}, stub = true) =>
    b.node(`az-app:${appId.toLowerCase()}`, 'nhi', (fields.name as string | undefined) ?? appId, at, { appId, subtype: 'entra_app', ...fields }, { keys: [`azapp:${appId.toLowerCase()}`], stub });
  const obj = (id: string, at: string) => (b.has(id) ? id : b.node(id, 'other', id, at, { objectid: id }, { stub: true, keys: [`azobj:${id}`] }));
  const role = (rid: string, at: string) => {
    const id = `az-role:${rid.toLowerCase()}`;
    return b.has(id) ? id : b.node(id, 'group', rid, at, { roleId: rid, subtype: 'directory_role' }, { stub: true, keys: [`azrole:${rid.toLowerCase()}`] });
  };
  arr(own(json, 'data')).forEach((item, i) => {
    const at = `/data/${i}`;
    const kind = str(own(item, 'kind'));
    const d = own(item, 'data');
    if (!kind || !isObj(d)) {
      b.warn(ISSUE_CODES.INVALID_NODE, at, 'entry without kind and data; ignored');
      return;
    }
    const id = lower(str(own(d, 'id')));
    switch (kind) {
      case 'AZFederatedIdentityCredential': {
        const appId = str(own(d, 'appId'));
        arr(own(d, 'fics')).forEach((f, fi) => {
          const fat = `${at}/data/fics/${fi}`;
          const fic = own(f, 'fic');
          const target = str(own(f, 'appId')) ?? appId;
          const issuer = str(own(fic, 'issuer'));
          const subject = str(own(fic, 'subject'));
          if (!target || !issuer || !subject) {
            b.warn(ISSUE_CODES.INVALID_FIELD, fat, 'federated credential without appId, issuer or subject; ignored');
            return;
          }
          const aid = app(target, fat);
          const iss = b.node(`oidc-issuer:${issuer}`, 'external', issuer, `${fat}/fic/issuer`, { subtype: 'oidc_issuer', issuer }, { keys: [urlKey(issuer)] });
          const wildcard = /\*/.test(subject);
          const sub = b.node(`fic-subject:${issuer}|${subject}`, 'external', subject, `${fat}/fic/subject`, { subtype: 'federated_subject', issuer, subject, wildcardSubject: wildcard || undefined });
          b.edge(iss, 'can_invoke', sub, `${fat}/fic/issuer`, { traversable: false, relation: 'issues_tokens_for' });
          b.edge(sub, 'can_assume', aid, fat, { via: 'federated_identity_credential', ficName: str(own(fic, 'name')), audiences: strList(own(fic, 'audiences')) });
          if (wildcard) b.warn(ISSUE_CODES.INVALID_FIELD, `${fat}/fic/subject`, `federated credential ${quote(str(own(fic, 'name')) ?? '')} trusts a wildcard subject ${quote(subject)}`);
        });
        break;
      }
      case 'AZUser': {
        if (!id) break;
        const upn = str(own(d, 'userPrincipalName'));
        const mail = str(own(d, 'mail'));
        b.node(id, 'human', str(own(d, 'displayName')) ?? upn ?? id, at, {
          objectid: id,
          userPrincipalName: upn,
          mail,
          userType: str(own(d, 'userType')),
          onPremisesSecurityIdentifier: str(own(d, 'onPremisesSecurityIdentifier')),
          status: own(d, 'accountEnabled') === false ? 'inactive' : undefined,
        }, { keys: [`azobj:${id}`, upn ? emailKey(upn, 'az') : undefined, mail ? emailKey(mail, 'az') : undefined] });
        // A user synced from Active Directory: whoever controls the AD account controls this one.
        const sid = str(own(d, 'onPremisesSecurityIdentifier'));
        if (sid) {
          const ad = b.has(sid) ? sid : b.node(sid, 'human', sid, `${at}/data/onPremisesSecurityIdentifier`, { objectid: sid }, { stub: true, keys: [`sid:${sid}`] });
          b.edge(ad, 'can_assume', id, `${at}/data/onPremisesSecurityIdentifier`, { via: 'directory_sync' });
        }
        break;
      }
      case 'AZGroup': {
        if (id) b.node(id, 'group', str(own(d, 'displayName')) ?? id, at, { objectid: id, securityEnabled: own(d, 'securityEnabled'), isAssignableToRole: own(d, 'isAssignableToRole') }, { keys: [`azobj:${id}`] });
        break;
      }
      case 'AZServicePrincipal': {
        if (!id) break;
        const appId = lower(str(own(d, 'appId')));
        const spType = str(own(d, 'servicePrincipalType'));
        b.node(id, 'nhi', str(own(d, 'displayName')) ?? id, at, { objectid: id, appId, subtype: spType === 'ManagedIdentity' ? 'managed_identity' : 'service_principal', servicePrincipalType: spType }, { keys: [`azobj:${id}`, appId ? `azapp:${appId}` : undefined] });
        break;
      }
      case 'AZApp': {
        const appId = str(own(d, 'appId'));
        if (appId) app(appId, at, { name: str(own(d, 'displayName')), objectid: id }, false);
        break;
      }
      case 'AZRole': {
        if (!id) break;
        const template = lower(str(own(d, 'templateId')) ?? str(own(d, 'roleTemplateId')));
        b.node(`az-role:${id}`, 'group', str(own(d, 'displayName')) ?? id, at, {
          roleId: id,
          templateId: template,
          subtype: 'directory_role',
          privileged: PRIVILEGED_ROLE_TEMPLATES.has(template ?? id) || undefined,
          critical: PRIVILEGED_ROLE_TEMPLATES.has(template ?? id) || undefined,
        }, { keys: [`azrole:${id}`, template ? `azrole:${template}` : undefined] });
        break;
      }
      case 'AZRoleAssignment': {
        const list = Array.isArray(own(d, 'roleAssignments')) ? arr(own(d, 'roleAssignments')) : [d];
        list.forEach((a, ai) => {
          const principal = lower(str(own(a, 'principalId')));
          const rid = str(own(a, 'roleDefinitionId')) ?? str(own(d, 'roleDefinitionId'));
          const aat = Array.isArray(own(d, 'roleAssignments')) ? `${at}/data/roleAssignments/${ai}` : `${at}/data`;
          if (!principal || !rid) return;
          b.edge(obj(principal, aat), 'member_of', role(rid, aat), aat, { via: 'role_assignment', scope: str(own(a, 'directoryScopeId')) ?? str(own(a, 'scope')) });
        });
        break;
      }
      case 'AZGroupMember': {
        const gid = lower(str(own(d, 'groupId')));
        arr(own(d, 'members')).forEach((m, mi) => {
          const mid = lower(str(own(own(m, 'member'), 'id')));
          const mat = `${at}/data/members/${mi}`;
          if (gid && mid) b.edge(obj(mid, mat), 'member_of', b.has(gid) ? gid : b.node(gid, 'group', gid, at, { objectid: gid }, { stub: true, keys: [`azobj:${gid}`] }), mat);
        });
        break;
      }
      case 'AZAppRoleAssignment': {
        const principal = lower(str(own(d, 'principalId')));
        const resource = lower(str(own(d, 'resourceId')));
        if (principal && resource) b.edge(obj(principal, at), 'has_permission', obj(resource, at), at, { actions: ['read', 'write'], appRoleId: str(own(d, 'appRoleId')) });
        break;
      }
      default: {
        const ownerTarget = /Owner$/.test(kind)
          ? lower(str(own(d, 'servicePrincipalId')) ?? str(own(d, 'groupId')) ?? str(own(d, 'deviceId')) ?? str(own(d, 'keyVaultId')) ?? str(own(d, 'vmId')) ?? str(own(d, 'resourceId')))
          : undefined;
        if (kind === 'AZAppOwner' && str(own(d, 'appId'))) {
          const target = app(str(own(d, 'appId'))!, at);
          arr(own(d, 'owners')).forEach((o, oi) => {
            const oid = lower(str(own(own(o, 'owner'), 'id')));
            if (oid) b.edge(obj(oid, `${at}/data/owners/${oi}`), 'has_permission', target, `${at}/data/owners/${oi}`, { actions: ['admin'], azRights: ['Owner'] });
          });
        } else if (ownerTarget) {
          const target = obj(ownerTarget, at);
          arr(own(d, 'owners')).forEach((o, oi) => {
            const oid = lower(str(own(own(o, 'owner'), 'id')));
            if (oid) b.edge(obj(oid, `${at}/data/owners/${oi}`), 'has_permission', target, `${at}/data/owners/${oi}`, { actions: ['admin'], azRights: ['Owner'] });
          });
        } else if (lookup(AZ_RESOURCE, kind) && id) {
          const [nk, type] = lookup(AZ_RESOURCE, kind)!;
          b.node(id, nk, str(own(d, 'displayName')) ?? str(own(d, 'name')) ?? id, at, {
            objectid: id,
            ...(nk === 'data_store' ? { storeType: type } : nk === 'cloud_resource' ? { resourceType: type } : nk === 'saas_app' ? { category: 'identity', vendor: 'Microsoft' } : {}),
            ...(kind === 'AZKeyVault' ? { containsSecrets: true, dataClasses: ['secrets'] } : {}),
            ...(nk === 'other' ? { originalKind: kind } : {}),
          }, { keys: [`azobj:${id}`] });
        } else skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
      }
    }
  });
  for (const [kind, n] of skipped) b.warn(ISSUE_CODES.INVALID_FIELD, '/data', `${n} ${quote(kind)} item(s) are not mapped by this importer`);
}
