/**
 * Okta Management API responses, one endpoint per file (`/api/v1/users`, `/groups`, `/apps`,
 * `/apps/{id}/users`, `/api-tokens`, `/iam/roles`, `/idps`, …). Each element is classified by its shape,
 * not by the file name, so renamed files still import; the file name only helps detection.
 */
import { ISSUE_CODES } from '../model/issues.ts';

import type { DocBuilder } from './builder.ts';
import { baseName, emailKey, isObj, isPlaceholder, own, safeUrl, str, strList } from './util.ts';

const OKTA_FILES = new Set([
  'users', 'groups', 'group_members', 'applications', 'apps', 'application_users', 'app_users', 'group_apps', 'api_tokens',
  'api_services', 'client_secrets', 'app_jwks', 'custom_roles', 'custom_role_permissions', 'idps', 'organization',
  'auth_servers', 'policies', 'realms', 'resource_sets', 'devices', 'agent_pools', 'roles', 'role_assignments',
]);

type Shape = 'user' | 'app_user' | 'group' | 'app' | 'api_token' | 'api_service' | 'client_secret' | 'jwk' | 'role' | 'permission' | 'idp' | 'org' | 'auth_server' | 'device' | 'agent_pool' | 'realm' | 'resource_set' | 'policy';

function shapeOf(x: unknown): Shape | undefined {
  if (!isObj(x)) return undefined;
  if (own(x, 'scope') !== undefined && own(x, 'syncState') !== undefined) return 'app_user';
  if (str(own(own(x, 'profile'), 'login'))) return 'user';
  if (own(x, 'objectClass') !== undefined || (own(x, 'type') === 'OKTA_GROUP' || own(x, 'type') === 'APP_GROUP' || own(x, 'type') === 'BUILT_IN')) return 'group';
  if (str(own(x, 'signOnMode'))) return 'app';
  if (str(own(x, 'tokenWindow')) || (str(own(x, 'userId')) && str(own(x, 'clientName')))) return 'api_token';
  if (Array.isArray(own(x, 'grantedScopes'))) return 'api_service';
  if (own(x, 'client_secret') !== undefined || own(x, 'secret_hash') !== undefined) return 'client_secret';
  if (str(own(x, 'kty'))) return 'jwk';
  if (isObj(own(x, 'protocol')) && str(own(x, 'type'))) return 'idp';
  if (str(own(x, 'subdomain')) && own(x, 'companyName') !== undefined) return 'org';
  if (Array.isArray(own(x, 'audiences')) && str(own(x, 'issuer'))) return 'auth_server';
  if (own(x, 'resourceType') === 'UDDevice' || isObj(own(x, 'profile')) && str(own(own(x, 'profile'), 'platform'))) return 'device';
  if (own(x, 'agents') !== undefined && str(own(x, 'operationalStatus'))) return 'agent_pool';
  if (isObj(own(x, 'profile')) && own(own(x, 'profile'), 'realmType') !== undefined) return 'realm';
  if (str(own(x, 'label')) && /^okta\./.test(str(own(x, 'label'))!)) return 'permission';
  if (str(own(x, 'label')) && /\/iam\/roles\//.test(JSON.stringify(own(x, '_links') ?? ''))) return 'role';
  if (str(own(x, 'label')) && /resource-sets/.test(JSON.stringify(own(x, '_links') ?? ''))) return 'resource_set';
  if (str(own(x, 'type')) && isObj(own(x, 'settings')) && own(x, 'priority') !== undefined) return 'policy';
  return undefined;
}

/** Unwraps `{roles: […]}`, `{permissions: […]}`, `{jwks: {keys: […]}}` and single objects into a list. */
function elements(json: unknown): { items: readonly unknown[]; base: string } {
  if (Array.isArray(json)) return { items: json, base: '' };
  for (const k of ['roles', 'permissions', 'value', 'items']) if (Array.isArray(own(json, k))) return { items: own(json, k) as unknown[], base: `/${k}` };
  if (Array.isArray(own(own(json, 'jwks'), 'keys'))) return { items: own(own(json, 'jwks'), 'keys') as unknown[], base: '/jwks/keys' };
  return { items: [json], base: '' };
}

export function isOkta(file: string, json: unknown): boolean {
  const name = baseName(file).replace(/\.json$/i, '').toLowerCase();
  const { items } = elements(json);
  if (items.length === 0) return OKTA_FILES.has(name) && Array.isArray(json);
  const shapes = items.map(shapeOf);
  const text = JSON.stringify(items[0]).slice(0, 4000);
  const oktaish = /okta|\/api\/v1\/|"_links"/.test(text);
  if (OKTA_FILES.has(name)) return oktaish && shapes.some((s) => s !== undefined);
  return oktaish && shapes.every((s) => s !== undefined);
}

/** The id in an Okta link (`…/apps/0oa1…/credentials/…` → `0oa1…`). */
function linkedId(links: unknown, segment: string): string | undefined {
  const text = JSON.stringify(links ?? '');
  const m = new RegExp(`/${segment}/([A-Za-z0-9_{}-]+)`).exec(text);
  return m?.[1];
}

const ORG = 'okta-org';

/** The Okta tenant; a stub until organization.json describes it. */
function org(b: DocBuilder, at: string, stub = true): string {
  return b.node(ORG, 'saas_app', 'Okta organization', at, { vendor: 'Okta', category: 'identity', adminCapable: true }, { stub });
}

function scopeAccess(scope: string): string {
  if (/\.manage$|\.create$|\.delete$|\.update$|\.write$|^okta\.[a-z]+\.(lifecycle|appAssignment)/i.test(scope) || /admin|\.ioa\./i.test(scope)) return /\.read$/.test(scope) ? 'read' : 'admin';
  if (/\.read$/i.test(scope)) return 'read';
  return 'write';
}

export function importOkta(json: unknown, b: DocBuilder): void {
  const { items, base } = elements(json);
  let unknown = 0;
  items.forEach((x, i) => {
    const at = `${base}/${i}`;
    const shape = shapeOf(x);
    if (!shape || !isObj(x)) {
      unknown++;
      return;
    }
    const id = str(own(x, 'id'));
    switch (shape) {
      case 'user':
      case 'app_user': {
        const profile = own(x, 'profile');
        const login = str(own(profile, 'login')) ?? str(own(own(x, 'credentials'), 'userName'));
        const email = str(own(profile, 'email'));
        const uid = id ?? login ?? `user ${i}`;
        const display = str(own(profile, 'displayName')) ?? ([str(own(profile, 'firstName')), str(own(profile, 'lastName'))].filter(Boolean).join(' ') || login || uid);
        const status = str(own(x, 'status')) ?? str(own(own(own(x, '_embedded'), 'user'), 'status'));
        const nid = b.node(`okta-user:${uid}`, 'human', display, at, {
          oktaId: uid,
          login,
          email,
          status: status === 'DEPROVISIONED' || status === 'SUSPENDED' ? 'inactive' : status === undefined ? undefined : 'active',
          oktaStatus: status,
          lastLogin: str(own(x, 'lastLogin')),
        }, { keys: [login ? emailKey(login, 'okta') : undefined, email ? emailKey(email, 'okta') : undefined] });
        if (shape === 'app_user') {
          const app = linkedId(own(x, '_links'), 'apps');
          if (app) {
            const aid = b.node(`okta-app:${app}`, 'saas_app', app, `${at}/_links/app`, { oktaId: app }, { stub: true });
            b.edge(nid, 'has_permission', aid, at, { actions: ['read', 'write'], assignment: 'okta_app', appScope: str(own(x, 'scope')) });
          }
        }
        break;
      }
      case 'group': {
        const gid = id ?? `group ${i}`;
        b.node(`okta-group:${gid}`, 'group', str(own(own(x, 'profile'), 'name')) ?? gid, at, { oktaId: gid, groupType: str(own(x, 'type')), description: str(own(own(x, 'profile'), 'description')) });
        break;
      }
      case 'app': {
        const aid = id ?? `app ${i}`;
        const settings = own(own(x, 'settings'), 'app');
        const urls = ['url', 'authURL', 'loginUrl', 'baseUrl'].map((k) => str(own(settings, k))).filter((u): u is string => u !== undefined && /^https?:/.test(u))
          .map((u) => safeUrl(b, u));
        b.node(`okta-app:${aid}`, 'saas_app', str(own(x, 'label')) ?? str(own(x, 'name')) ?? aid, at, {
          oktaId: aid,
          appName: str(own(x, 'name')),
          signOnMode: str(own(x, 'signOnMode')),
          status: own(x, 'status') === 'ACTIVE' ? 'active' : 'inactive',
          appUrls: urls.length > 0 ? urls : undefined,
          // Stored app passwords (BASIC_AUTH, SWA) mean Okta holds the app's credentials for users.
          sharedCredentials: /BASIC_AUTH|BROWSER_PLUGIN|SECURE_PASSWORD_STORE|AUTO_LOGIN/.test(str(own(x, 'signOnMode')) ?? '') || undefined,
        });
        const secret = own(own(own(x, 'credentials'), 'oauthClient'), 'client_secret');
        if (typeof secret === 'string') b.secrets.add(secret);
        break;
      }
      case 'api_token': {
        const tid = id ?? `token ${i}`;
        const cid = b.node(`okta-token:${tid}`, 'credential', str(own(x, 'name')) ?? tid, at, {
          credType: 'okta_api_token',
          storage: 'vault',
          createdAt: str(own(x, 'created')),
          expiresAt: str(own(x, 'expiresAt')),
          tokenWindow: str(own(x, 'tokenWindow')),
          network: str(own(own(x, 'network'), 'connection')),
          clientName: str(own(x, 'clientName')),
        });
        const user = str(own(x, 'userId'));
        if (user) {
          const uid = b.has(`okta-user:${user}`) ? `okta-user:${user}` : b.node(`okta-user:${user}`, 'human', user, `${at}/userId`, { oktaId: user }, { stub: true });
          b.edge(cid, 'authenticates_as', uid, `${at}/userId`);
        }
        break;
      }
      case 'api_service': {
        const sid = id ?? `service ${i}`;
        const scopes = strList(own(x, 'grantedScopes'));
        const nid = b.node(`okta-app:${sid}`, 'nhi', str(own(x, 'name')) ?? sid, at, { oktaId: sid, subtype: 'oauth_client', integrationType: str(own(x, 'type')), scopes });
        const access = [...new Set(scopes.map(scopeAccess))];
        if (access.length > 0) b.edge(nid, 'has_permission', org(b, at), `${at}/grantedScopes`, { actions: access.includes('admin') ? ['admin'] : access, scopes });
        break;
      }
      case 'client_secret': {
        const sid = id ?? `secret ${i}`;
        const value = own(x, 'client_secret');
        if (typeof value === 'string' && value !== '') b.secrets.add(value);
        const app = linkedId(own(x, '_links'), 'apps');
        const cid = b.node(`okta-secret:${sid}`, 'credential', `client secret ${sid}`, at, {
          credType: 'oauth_client_secret',
          storage: 'vault',
          status: own(x, 'status') === 'ACTIVE' ? 'active' : 'inactive',
          createdAt: str(own(x, 'created')),
          valueElided: typeof value === 'string' ? isPlaceholder(value) : undefined,
        });
        if (app) b.edge(cid, 'authenticates_as', b.node(`okta-app:${app}`, 'nhi', app, `${at}/_links`, { oktaId: app, subtype: 'oauth_client' }, { stub: true }), at);
        break;
      }
      case 'jwk': {
        const kid = id ?? str(own(x, 'kid')) ?? `key ${i}`;
        const app = linkedId(own(x, '_links'), 'apps');
        const cid = b.node(`okta-jwk:${kid}`, 'credential', `JWK ${str(own(x, 'kid')) ?? kid}`, at, { credType: 'jwk_public_key', kid: str(own(x, 'kid')), status: own(x, 'status') === 'ACTIVE' ? 'active' : 'inactive', storage: 'vault' });
        if (app) b.edge(cid, 'authenticates_as', b.node(`okta-app:${app}`, 'nhi', app, `${at}/_links`, { oktaId: app, subtype: 'oauth_client' }, { stub: true }), at);
        break;
      }
      case 'role': {
        const rid = id ?? `role ${i}`;
        b.node(`okta-role:${rid}`, 'group', str(own(x, 'label')) ?? rid, at, { oktaId: rid, subtype: 'admin_role', description: str(own(x, 'description')), privileged: true });
        break;
      }
      case 'permission': {
        const label = str(own(x, 'label'))!;
        const role = linkedId(own(x, '_links'), 'roles');
        if (!role) break;
        const rid = b.node(`okta-role:${role}`, 'group', role, `${at}/_links/role`, { oktaId: role, subtype: 'admin_role' }, { stub: true });
        const n = b.nodes.get(rid)!;
        n.fields.permissions = [...new Set([...((n.fields.permissions as string[] | undefined) ?? []), label])];
        b.edge(rid, 'has_permission', org(b, at), at, { actions: [scopeAccess(label)], oktaPermissions: [label] });
        break;
      }
      case 'idp': {
        const iid = id ?? `idp ${i}`;
        const secret = own(own(own(own(x, 'protocol'), 'credentials'), 'client'), 'client_secret');
        if (typeof secret === 'string' && secret !== '') b.secrets.add(secret);
        const provisioning = str(own(own(own(x, 'policy'), 'provisioning'), 'action'));
        const idp = b.node(`okta-idp:${iid}`, 'external', str(own(x, 'name')) ?? iid, at, {
          subtype: 'identity_provider',
          idpType: str(own(x, 'type')),
          protocol: str(own(own(x, 'protocol'), 'type')),
          status: own(x, 'status') === 'ACTIVE' ? 'active' : 'inactive',
          provisioning,
          clientSecretPlaceholder: typeof secret === 'string' ? isPlaceholder(secret) : undefined,
        });
        // An IdP that provisions users automatically can create and sign in Okta users.
        if (provisioning === 'AUTO' && own(x, 'status') === 'ACTIVE') b.edge(idp, 'authenticates_as', org(b, at), at, { via: 'jit_provisioning', traversable: false });
        break;
      }
      case 'org': {
        const sub = str(own(x, 'subdomain'))!;
        const onode = b.node(ORG, 'saas_app', str(own(x, 'companyName')) ?? sub, at, { vendor: 'Okta', category: 'identity', adminCapable: true });
        const n = b.nodes.get(onode)!;
        n.fields.subdomain = sub;
        n.fields.oktaId = id;
        n.keys.add(`url:https://${sub.toLowerCase()}.okta.com`);
        break;
      }
      case 'auth_server': {
        const aid = id ?? `authz ${i}`;
        b.node(`okta-authz:${aid}`, 'saas_app', str(own(x, 'name')) ?? aid, at, { oktaId: aid, category: 'identity', audiences: strList(own(x, 'audiences')), issuerMode: str(own(x, 'issuerMode')) });
        break;
      }
      case 'device': {
        const did = id ?? `device ${i}`;
        b.node(`okta-device:${did}`, 'cloud_resource', str(own(own(x, 'profile'), 'displayName')) ?? did, at, { resourceType: 'device', platform: str(own(own(x, 'profile'), 'platform')), oktaStatus: str(own(x, 'status')) });
        break;
      }
      case 'agent_pool': {
        const pid = id ?? `pool ${i}`;
        b.node(`okta-agent-pool:${pid}`, 'nhi', str(own(x, 'name')) ?? pid, at, { subtype: 'directory_agent', poolType: str(own(x, 'type')), operationalStatus: str(own(x, 'operationalStatus')) });
        break;
      }
      case 'realm':
      case 'resource_set':
      case 'policy':
        b.warn(ISSUE_CODES.INVALID_FIELD, at, `Okta ${shape.replace('_', ' ')} objects carry no access path Pathlight models; not imported`);
        break;
    }
  });
  if (unknown > 0) b.warn(ISSUE_CODES.INVALID_FIELD, base || '$', `${unknown} element(s) not recognised as an Okta object; ignored`);
}
