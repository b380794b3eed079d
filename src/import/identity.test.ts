import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { FIXTURES, edge, expectProvenance, fixture, json, node, ok } from './test/helpers.ts';

describe('Okta Management API export', () => {
  const files = readdirSync(join(FIXTURES, 'okta-api/api')).filter((f) => f.endsWith('.json'));
  const r = ok(files.map((f) => fixture(`okta-api/api/${f}`)));
  const inv = r.inventory;

  it('recognises all twenty files', () => {
    expect(files).toHaveLength(20);
    expect(r.reports.every((x) => x.format === 'okta')).toBe(true);
    expectProvenance(inv);
  });

  it('maps users, groups, apps and admin roles', () => {
    const alice = node(inv, 'okta-user:00u118oQYT4TBTemp0g4');
    expect(alice).toMatchObject({ kind: 'human', name: 'Alice Smith' });
    expect(alice.fields).toMatchObject({ login: 'alice.smith@example.com', status: 'active' });
    // users.json and group_members.json describe the same user: one node, both places kept
    expect(alice.fields.provenanceAll).toEqual(['group_members.json#/0', 'users.json#/0']);
    expect(node(inv, 'okta-group:00g1emaKYZTWRYYRRTSK')).toMatchObject({ kind: 'group', name: 'West Coast users' });
    expect(node(inv, 'okta-app:0oa1gjh63g214q0Hq0g4')).toMatchObject({ kind: 'saas_app', name: 'Custom Saml 2.0 App' });
    expect(node(inv, 'okta-app:0oafwvZDWJKVLDCUWUAC').fields.sharedCredentials).toBe(true);
    const role = node(inv, 'okta-role:cr0Yq6IJxGIr0ouum0g3');
    expect(role).toMatchObject({ kind: 'group', name: 'UserCreator' });
    expect(role.fields.permissions).toEqual(expect.arrayContaining(['okta.users.create', 'okta.users.read']));
    expect(edge(inv, role.id, 'has_permission', 'okta-org').fields.actions).toEqual(['admin']);
    expect(node(inv, 'okta-org').name).toBe('example-integrator-1234545');
  });

  it('API tokens act as their user; API services hold their granted scopes', () => {
    edge(inv, 'okta-token:00Tabcdefg1234567890', 'authenticates_as', 'okta-user:00uabcdefg1234567890');
    expect(node(inv, 'okta-token:00Tabcdefg1234567890').fields).toMatchObject({ credType: 'okta_api_token', tokenWindow: 'P30D' });
    const svc = node(inv, 'okta-app:0oa72lrepvp4WqEET1d9');
    expect(svc.fields.scopes).toEqual(['okta.logs.read', 'okta.groups.read', 'okta.users.read']);
    expect(edge(inv, svc.id, 'has_permission', 'okta-org').fields.actions).toEqual(['read']);
    edge(inv, 'okta-user:00u1dnq5S0CfjlkpABCD', 'has_permission', 'okta-app:0oajiqIRNXPPJBNZMGYL');
  });

  it('client secrets are credentials of their app, and no secret value is copied', () => {
    edge(inv, 'okta-secret:ocs2f4zrZbs8nUa7p0g4', 'authenticates_as', 'okta-app:0oa1nkheCuDn82XVI0g4');
    expect(node(inv, 'okta-secret:ocs2f4zrZbs8nUa7p0g4').fields.valueElided).toBe(true);
    const out = JSON.stringify({ inv, reports: r.reports });
    for (const s of ['DRUFXGF9XbLn......a3x3POBiIxDreBCdZuFs5B', 'HAGDTYU9XbLnS......3xasFDDwecdZuFs5B', 'yk4SVx4sUWVJVbHt6M-UPA', 'your-client-secret']) expect(out).not.toContain(s);
  });

  it('identity providers are external', () => {
    const idps = inv.nodes.filter((n) => n.id.startsWith('okta-idp:'));
    expect(idps).toHaveLength(7);
    expect(idps.every((n) => n.kind === 'external')).toBe(true);
  });
});

describe('SharpHound users (ESC1.LOCAL)', () => {
  const r = ok([fixture('sharphound-azurehound/sharphound_v6_users_ESC1.LOCAL.json')]);
  const inv = r.inventory;
  const D = 'S-1-5-21-909015691-3030120388-2582151266';

  it('imports the 14 users and stubs the groups they reference, with warnings', () => {
    expect(r.reports[0]!.format).toBe('sharphound');
    const users = inv.nodes.filter((n) => n.fields.adType === 'users');
    expect(users).toHaveLength(14);
    expect(node(inv, `${D}-1104`)).toMatchObject({ name: 'SHARPHOUND@ESC1.LOCAL' });
    const da = node(inv, `${D}-512`);
    expect(da).toMatchObject({ kind: 'group', name: 'Domain Admins' });
    expect(da.fields).toMatchObject({ stub: true, privileged: true });
    expect(r.reports[0]!.warnings.some((w) => w.code === 'MISSING_ENDPOINT' && w.message.includes(`${D}-512`))).toBe(true);
    expectProvenance(inv);
  });

  it('control ACEs become admin permissions; primary groups become membership', () => {
    const owns = edge(inv, `${D}-512`, 'has_permission', `${D}-1104`);
    expect(owns.fields.actions).toEqual(['admin']);
    // one edge per right, as BloodHound has them
    const rights = inv.edges.filter((e) => e.source === `${D}-512` && e.target === `${D}-1104`).flatMap((e) => e.fields.adRights as string[]);
    expect(rights).toEqual(expect.arrayContaining(['Owns', 'GenericAll']));
    edge(inv, `${D}-1104`, 'member_of', `${D}-513`);
    edge(inv, 'ESC1.LOCAL-S-1-5-32-544', 'has_permission', `${D}-1104`);
  });
});

describe('AzureHound federated identity credentials', () => {
  const r = ok([fixture('sharphound-azurehound/azurehound_federated_identity_credentials.json')]);
  const inv = r.inventory;

  it('a GitHub Actions subject can assume the Entra app it is trusted by', () => {
    const sub = 'fic-subject:https://token.actions.githubusercontent.com|repo:SpecterTst/oidc-actions-test-1:ref:refs/heads/prod';
    const e = edge(inv, sub, 'can_assume', 'az-app:e9577faa-1c62-48a8-92f7-668164336fc3');
    expect(e.fields.ficName).toBe('ProdBranch');
    expect(node(inv, sub).kind).toBe('external');
    expect(node(inv, 'az-app:e9577faa-1c62-48a8-92f7-668164336fc3').kind).toBe('nhi');
  });

  it('flags the wildcard subjects', () => {
    const wild = inv.nodes.filter((n) => n.fields.wildcardSubject === true);
    expect(wild.map((n) => n.name).sort()).toEqual(['repo:SpecterTst/oidc-actions-test-1:*', 'repo:SpecterTst/oidc-actions-test-2:*']);
    expect(r.reports[0]!.warnings.some((w) => /wildcard subject/.test(w.message))).toBe(true);
  });
});

describe('CycloneDX', () => {
  it('SaaSBOM: unauthenticated public gateway, PII data stores, dependency flows', () => {
    const r = ok([fixture('cyclonedx/saasbom-apigateway-microservices-datastores.bom.json')]);
    const inv = r.inventory;
    expect(r.reports[0]).toMatchObject({ format: 'cyclonedx' });
    const gw = node(inv, 'cdx:api-gateway');
    expect(gw).toMatchObject({ kind: 'saas_app', name: 'API Gateway' });
    expect(gw.fields).toMatchObject({ authenticated: false, trustBoundary: true, exposure: 'public', dataClasses: ['PII', 'PIFI', 'Public'], sensitivity: 'confidential' });
    const open = edge(inv, 'external:internet', 'has_permission', 'cdx:api-gateway');
    expect(open.fields).toMatchObject({ actions: ['invoke'], auth: 'none' });
    const pg = node(inv, 'cdx:ms-1-pgsql.example.com');
    expect(pg).toMatchObject({ kind: 'data_store', name: 'Postgres' });
    expect(pg.fields.sensitivity).toBe('confidential');
    edge(inv, 'cdx:ms-1.example.com', 'reads', 'cdx:ms-1-pgsql.example.com');
    edge(inv, 'cdx:ms-1.example.com', 'writes', 'cdx:ms-1-pgsql.example.com');
    edge(inv, 'cdx:api-gateway', 'connects_to', 'cdx:ms-2.example.com');
    edge(inv, 'cdx:acme-application', 'connects_to', 'cdx:api-gateway');
    expect(node(inv, 'cdx:s3-example.amazon.com').fields.sensitivity).toBe('public');
    expectProvenance(inv);
  });

  it('ML-BOM: a machine-learning-model component is a model', () => {
    const inv = ok([fixture('cyclonedx/valid-machine-learning-considerations-env-1.6.json')]).inventory;
    expect(node(inv, 'cdx:huggingface.co-meta-llama-Llama-2-7b')).toMatchObject({ kind: 'model', name: 'Llama-2-7b' });
    expect(node(inv, 'cdx:huggingface.co-meta-llama-Llama-2-7b').fields).toMatchObject({ provider: 'Hugging Face', modelId: 'meta-llama/Llama-2-7b' });
  });

  it('datasets, data components, dependencies and VEX', () => {
    const bom = {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      metadata: { component: { 'bom-ref': 'app', type: 'application', name: 'Support bot' } },
      components: [
        { 'bom-ref': 'm', type: 'machine-learning-model', name: 'clf', modelCard: { modelParameters: { datasets: [{ type: 'dataset', name: 'Tickets', classification: 'PII', contents: { url: 'https://data.example.com/tickets' } }] } } },
        { 'bom-ref': 'cfg', type: 'data', name: 'my-configs', data: [{ type: 'configuration', name: '.env' }] },
        { 'bom-ref': 'lib', type: 'library', name: 'langchain', purl: 'pkg:pypi/langchain@0.1.0' },
      ],
      dependencies: [{ ref: 'app', dependsOn: ['m', 'lib', 'nope'] }],
      vulnerabilities: [{ id: 'CVE-2023-36258', ratings: [{ severity: 'critical' }], analysis: { state: 'not_affected' }, affects: [{ ref: 'lib' }] }],
    };
    const r = ok([json('bom.json', bom)]);
    const inv = r.inventory;
    expect(node(inv, 'cdx:m/dataset/Tickets').fields).toMatchObject({ sensitivity: 'confidential', dataClasses: ['PII'] });
    expect(node(inv, 'cdx:cfg').fields.secretsCandidate).toBe(true);
    edge(inv, 'cdx:app', 'uses_model', 'cdx:m');
    expect(edge(inv, 'cdx:app', 'depends_on', 'cdx:lib').traversable).toBe(false);
    expect(node(inv, 'cdx:lib').fields).toMatchObject({ ecosystem: 'pypi', vulns: [expect.objectContaining({ id: 'CVE-2023-36258', notAffected: true })] });
    expect(r.reports[0]!.warnings).toEqual([expect.objectContaining({ code: 'MISSING_ENDPOINT', at: '/dependencies/0/dependsOn/2' })]);
  });
});

describe('MCP server card and tool manifest (credential-manager-mcp)', () => {
  it('the card and the manifest describe one server with five tools', () => {
    const r = ok([fixture('cards/credential-manager-mcp__server-card.json'), fixture('cards/credential-manager-mcp__mcp-manifest.json')]);
    const inv = r.inventory;
    expect(r.reports.map((x) => x.format)).toEqual(['mcp-server-card', 'mcp-server-card']);
    const servers = inv.nodes.filter((n) => n.kind === 'mcp_server');
    expect(servers).toHaveLength(1);
    expect(servers[0]!.fields).toMatchObject({ publisher: 'MEOK AI Labs', auth: 'static_header', transports: ['stdio', 'streamable-http'] });
    const tools = inv.nodes.filter((n) => n.kind === 'tool');
    expect(tools.map((t) => t.name).sort()).toEqual(['audit_credential_usage', 'issue_credential', 'list_credentials', 'revoke_credential', 'verify_credential']);
    expect(node(inv, 'tool:mcp-card:credential-manager:revoke_credential').fields.caps).toEqual(expect.arrayContaining(['destructive', 'identity_admin']));
    for (const t of tools) edge(inv, servers[0]!.id, 'provides', t.id);
  });
});

describe('A2A agent cards', () => {
  it('v0.3 card without security: public, invocable by anyone, skills as tools, unsigned', () => {
    const card = {
      name: 'Research Assistant',
      description: 'Finds papers',
      url: 'https://research.example.com/a2a',
      protocolVersion: '0.3.0',
      capabilities: { streaming: true, pushNotifications: true },
      defaultInputModes: ['text/plain'],
      skills: [{ id: 'search', name: 'Web search', description: 'Search the web and fetch pages', tags: ['web'] }],
    };
    const r = ok([json('agent-card.json', card)]);
    const inv = r.inventory;
    const agent = node(inv, 'a2a:url:https://research.example.com/a2a');
    expect(agent.fields).toMatchObject({ protocol: 'a2a', exposure: 'public', signed: false, pushNotifications: true, a2aSecuritySchemes: [] });
    expect(edge(inv, 'external:internet', 'can_invoke', agent.id).fields.auth).toBe('none');
    const tool = node(inv, `tool:${agent.id}:search`);
    expect(tool.fields.caps).toEqual(expect.arrayContaining(['untrusted_content', 'network_fetch']));
    expect(r.reports[0]!.warnings.some((w) => /not signed/.test(w.message))).toBe(true);
  });

  it('v1.0 card with security requirements is not anonymous', () => {
    const card = {
      name: 'Route planner',
      supportedInterfaces: [{ url: 'https://georoute-agent.example.com/a2a/v1', protocolBinding: 'JSONRPC', protocolVersion: '1.0' }],
      securitySchemes: { google: { openIdConnectSecurityScheme: { openIdConnectUrl: 'https://accounts.google.com/.well-known/openid-configuration' } } },
      securityRequirements: [{ schemes: { google: { list: ['openid'] } } }],
      skills: [],
      signatures: [{ protected: 'x', signature: 'y' }],
    };
    const inv = ok([json('card.json', card)]).inventory;
    const agent = node(inv, 'a2a:url:https://georoute-agent.example.com/a2a/v1');
    expect(agent.fields).toMatchObject({ exposure: 'authenticated_external', signed: true, a2aSecuritySchemes: ['google'], protocolVersion: '1.0' });
    expect(inv.edges).toHaveLength(0);
  });
});

describe('AzureHound: directory roles, owners, members (synthetic, AzureHound envelope)', () => {
  const GA = '62e90394-69f5-4237-9190-012177145e10';
  const doc = {
    meta: { type: 'azure', version: 5, count: 7 },
    data: [
      { kind: 'AZUser', data: { id: 'AAAA-1', userPrincipalName: 'Alice.Smith@example.com', displayName: 'Alice' } },
      { kind: 'AZServicePrincipal', data: { id: 'sp-1', appId: 'APP-1', displayName: 'ci-bot', servicePrincipalType: 'Application' } },
      { kind: 'AZRole', data: { id: 'role-ga', templateId: GA, displayName: 'Global Administrator' } },
      { kind: 'AZRoleAssignment', data: { roleDefinitionId: GA, roleAssignments: [{ principalId: 'sp-1', roleDefinitionId: GA, directoryScopeId: '/' }] } },
      { kind: 'AZAppOwner', data: { appId: 'APP-1', owners: [{ owner: { id: 'aaaa-1' } }] } },
      { kind: 'AZGroupMember', data: { groupId: 'g-1', members: [{ member: { id: 'aaaa-1' } }] } },
      { kind: 'AZKeyVault', data: { id: 'kv-1', name: 'prod-kv' } },
      { kind: 'AZSomethingNew', data: { id: 'x' } },
    ],
  };
  const r = ok([json('azurehound.json', doc), fixture('okta-api/api/users.json')]);
  const inv = r.inventory;

  it('role assignments join the role by template id; privileged roles are crown jewels', () => {
    const role = node(inv, 'az-role:role-ga');
    expect(role.fields).toMatchObject({ privileged: true, critical: true });
    edge(inv, 'sp-1', 'member_of', 'az-role:role-ga');
  });

  it('app owners control the app (and its service principal by appId); an Entra user and the Okta user of one person stay two accounts', () => {
    expect(node(inv, 'sp-1').fields.appId).toBe('app-1');
    // the AZApp stub for APP-1 folds into the service principal that has that appId
    edge(inv, 'aaaa-1', 'has_permission', 'sp-1');
    expect(inv.nodes.some((n) => n.id === 'az-app:app-1')).toBe(false);
    const alice = node(inv, 'aaaa-1');
    expect(alice.fields.login).toBeUndefined();
    expect(node(inv, 'okta-user:00u118oQYT4TBTemp0g4').fields.login).toBe('alice.smith@example.com');
    edge(inv, 'aaaa-1', 'member_of', 'g-1');
    expect(node(inv, 'kv-1').fields).toMatchObject({ containsSecrets: true, storeType: 'key_vault' });
    expect(r.reports[0]!.warnings.some((w) => /AZSomethingNew/.test(w.message))).toBe(true);
  });
});

describe('SharpHound computers: local admins and sessions (synthetic)', () => {
  const doc = {
    meta: { type: 'computers', version: 6, count: 1, methods: 0 },
    data: [
      {
        ObjectIdentifier: 'S-1-5-21-1-2-3-1000',
        Properties: { name: 'WS01.CORP.LOCAL', enabled: true },
        Aces: [],
        LocalGroups: [{ Name: 'ADMINISTRATORS@WS01.CORP.LOCAL', Results: [{ ObjectIdentifier: 'S-1-5-21-1-2-3-512', ObjectType: 'Group' }] }],
        Sessions: { Collected: true, Results: [{ UserSID: 'S-1-5-21-1-2-3-1105', ComputerSID: 'S-1-5-21-1-2-3-1000' }] },
      },
    ],
  };
  const inv = ok([json('computers.json', doc)]).inventory;

  it('maps admins to control of the computer and sessions to control of the user', () => {
    expect(node(inv, 'S-1-5-21-1-2-3-1000').kind).toBe('cloud_resource');
    expect(edge(inv, 'S-1-5-21-1-2-3-512', 'has_permission', 'S-1-5-21-1-2-3-1000').fields.adRights).toEqual(['AdminTo']);
    expect(edge(inv, 'S-1-5-21-1-2-3-1000', 'has_permission', 'S-1-5-21-1-2-3-1105').fields.adRights).toEqual(['HasSession']);
  });
});

describe('hybrid identities', () => {
  it('an Entra user synced from AD is assumable from the AD user of the SharpHound file', () => {
    const az = { meta: { type: 'azure' }, data: [{ kind: 'AZUser', data: { id: 'u-1', userPrincipalName: 'jones@esc1.local', onPremisesSecurityIdentifier: 'S-1-5-21-909015691-3030120388-2582151266-1105' } }] };
    const inv = ok([fixture('sharphound-azurehound/sharphound_v6_users_ESC1.LOCAL.json'), json('az.json', az)]).inventory;
    const e = edge(inv, 'S-1-5-21-909015691-3030120388-2582151266-1105', 'can_assume', 'u-1');
    expect(e.fields.via).toBe('directory_sync');
    expect(node(inv, 'S-1-5-21-909015691-3030120388-2582151266-1105').name).toBe('JONES@ESC1.LOCAL');
    expect(node(inv, 'S-1-5-21-909015691-3030120388-2582151266-1105').fields.stub).toBeUndefined();
  });
});

describe('older collector shapes', () => {
  it('SharpHound v3 keeps the objects under the type name', () => {
    const doc = { users: [{ Properties: { name: 'BOB@CORP.LOCAL', objectid: 'S-1-5-21-1-1105' }, Aces: [], PrimaryGroupSid: null }], meta: { count: 1, type: 'users', version: 3 } };
    const r = ok([json('users.json', doc)]);
    expect(r.reports[0]!.format).toBe('sharphound');
    expect(node(r.inventory, 'S-1-5-21-1-1105')).toMatchObject({ kind: 'human', name: 'BOB@CORP.LOCAL' });
    expect(node(r.inventory, 'S-1-5-21-1-1105').fields.provenance).toBe('users.json#/users/0');
  });

  it('an A2A card with only a name and tagged skills is still a card', () => {
    const r = ok([json('agent.json', { name: 'Facts agent', description: 'Facts', skills: [{ id: 'facts', name: 'Facts', description: 'Tells facts', tags: ['facts'] }] })]);
    expect(r.reports[0]!.format).toBe('a2a-card');
    expect(node(r.inventory, 'a2a:Facts agent').fields.protocol).toBe('a2a');
  });
});
