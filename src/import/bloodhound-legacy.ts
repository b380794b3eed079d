/**
 * SharpHound (`{data: [...], meta: {type, version}}`, one object type per file) and AzureHound
 * (`{data: [{kind, data}], meta: {type: "azure"}}`) collector output.
 */
import { ISSUE_CODES, quote } from '../model/issues.ts';
import type { NodeKind } from '../model/node-kinds.ts';

import type { DocBuilder } from './builder.ts';
import { safeProperties } from './opengraph.ts';
import { arr, emailKey, isObj, own, str, strList, urlKey } from './util.ts';

export function isSharpHound(json: unknown): boolean {
  const meta = own(json, 'meta');
  return isObj(meta) && typeof own(meta, 'type') === 'string' && own(meta, 'type') !== 'azure' && Array.isArray(own(json, 'data'));
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
  const kind = TYPE_KIND[type] ?? 'other';
  const data = arr(own(json, 'data'));
  const described = new Set<string>();
  for (const o of data) {
    const id = str(own(o, 'ObjectIdentifier'));
    if (id) described.add(id);
  }
  const warned = new Set<string>();
  const ref = (sid: string, ptype: string | undefined, at: string): string => {
    if (described.has(sid) || b.has(sid)) return sid;
    if (!warned.has(sid)) {
      warned.add(sid);
      b.warn(ISSUE_CODES.MISSING_ENDPOINT, at, `principal ${quote(sid)} is not in this file; a stub node stands in for it`);
    }
    return b.node(sid, PRINCIPAL_KIND[ptype ?? ''] ?? 'other', wellKnownName(sid) ?? sid, at, { objectid: sid, principalType: ptype, ...(wellKnownName(sid) && /Admin|Operators|Controllers/.test(wellKnownName(sid)!) ? { privileged: true } : {}) }, { stub: true, keys: [`sid:${sid}`] });
  };
  data.forEach((o, i) => {
    const at = `/data/${i}`;
    const id = str(own(o, 'ObjectIdentifier'));
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
    }, { keys: [`sid:${id}`, typeof props.email === 'string' ? emailKey(props.email) : undefined, typeof props.userprincipalname === 'string' ? emailKey(props.userprincipalname) : undefined] });
    arr(own(o, 'Aces')).forEach((ace, ai) => {
      const sid = str(own(ace, 'PrincipalSID'));
      const right = str(own(ace, 'RightName'));
      if (!sid || !right) return;
      const aat = `${at}/Aces/${ai}`;
      const src = ref(sid, str(own(ace, 'PrincipalType')), aat);
      const control = CONTROL.test(right);
      b.edge(src, 'has_permission', id, aat, { actions: [control ? 'admin' : 'write'], adRights: [right], inherited: own(ace, 'IsInherited') === true || undefined });
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
    arr(own(o, 'HasSIDHistory')).forEach((h, hi) => {
      const hid = str(own(h, 'ObjectIdentifier'));
      if (hid) b.edge(id, 'can_assume', ref(hid, str(own(h, 'ObjectType')), `${at}/HasSIDHistory/${hi}`), `${at}/HasSIDHistory/${hi}`, { via: 'sid_history' });
    });
  });
}

export function importAzureHound(json: unknown, b: DocBuilder): void {
  const skipped = new Map<string, number>();
  const app = (appId: string, at: string, fields: Record<string, unknown> = {}, stub = true) =>
    b.node(`az-app:${appId}`, 'nhi', (fields.name as string | undefined) ?? appId, at, { appId, subtype: 'entra_app', ...fields }, { keys: [`azapp:${appId}`], stub });
  arr(own(json, 'data')).forEach((item, i) => {
    const at = `/data/${i}`;
    const kind = str(own(item, 'kind'));
    const d = own(item, 'data');
    if (!kind || !isObj(d)) {
      b.warn(ISSUE_CODES.INVALID_NODE, at, 'entry without kind and data; ignored');
      return;
    }
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
        const id = str(own(d, 'id'));
        if (!id) break;
        const upn = str(own(d, 'userPrincipalName'));
        b.node(id, 'human', str(own(d, 'displayName')) ?? upn ?? id, at, { objectid: id, userPrincipalName: upn, mail: str(own(d, 'mail')), status: own(d, 'accountEnabled') === false ? 'inactive' : undefined }, { keys: [upn ? emailKey(upn) : undefined, str(own(d, 'mail')) ? emailKey(str(own(d, 'mail'))!) : undefined] });
        break;
      }
      case 'AZGroup': {
        const id = str(own(d, 'id'));
        if (id) b.node(id, 'group', str(own(d, 'displayName')) ?? id, at, { objectid: id, securityEnabled: own(d, 'securityEnabled') });
        break;
      }
      case 'AZServicePrincipal': {
        const id = str(own(d, 'id'));
        if (!id) break;
        const appId = str(own(d, 'appId'));
        b.node(id, 'nhi', str(own(d, 'displayName')) ?? id, at, { objectid: id, appId, subtype: 'service_principal', servicePrincipalType: str(own(d, 'servicePrincipalType')) }, { keys: [appId ? `azapp:${appId}` : undefined] });
        break;
      }
      case 'AZApp': {
        const appId = str(own(d, 'appId'));
        if (appId) app(appId, at, { name: str(own(d, 'displayName')), objectid: str(own(d, 'id')) }, false);
        break;
      }
      case 'AZGroupMember': {
        const gid = str(own(d, 'groupId'));
        arr(own(d, 'members')).forEach((m, mi) => {
          const mid = str(own(own(m, 'member'), 'id'));
          if (gid && mid) {
            if (!b.has(mid)) b.node(mid, 'other', mid, `${at}/data/members/${mi}`, { objectid: mid }, { stub: true });
            if (!b.has(gid)) b.node(gid, 'group', gid, at, { objectid: gid }, { stub: true });
            b.edge(mid, 'member_of', gid, `${at}/data/members/${mi}`);
          }
        });
        break;
      }
      default:
        skipped.set(kind, (skipped.get(kind) ?? 0) + 1);
    }
  });
  for (const [kind, n] of skipped) b.warn(ISSUE_CODES.INVALID_FIELD, '/data', `${n} ${quote(kind)} item(s) are not mapped by this importer`);
}
