import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { buildGraph } from '../graph/build-graph.ts';
import { computeReach } from '../graph/reach.ts';
import type { Inventory } from '../model/types.ts';

import { FIXTURES, edge, fixture, json, node, ok } from './test/helpers.ts';

const A = '123456789012';
const text = (file: string, t: string) => ({ file, text: t });
// fake key material, assembled at run time
const KEY_ID = ['AKIA', 'Z7QW3RTY', 'UIOPASDF'].join('');
const SECRET = ['wJalrXUtnFEMI', 'K7MDENGbPxRfiCY', 'ZSECRETKEYxyz'].join('/');

const awsConfig = text(
  '.aws/config',
  `[default]\nregion = us-east-1\n\n[profile dev]\nrole_arn = arn:aws:iam::${A}:role/exfiller\nsource_profile = base\n\n[profile admin]\nsso_session = corp\nsso_account_id = ${A}\nsso_role_name = AdministratorAccess\n\n[sso-session corp]\nsso_start_url = https://corp.awsapps.com/start\nsso_region = us-east-1\n`,
);
const awsCredentials = text('.aws/credentials', `[base]\naws_access_key_id = ${KEY_ID}\naws_secret_access_key = ${SECRET}\n`);
const mcp = json('claude_desktop_config.json', {
  mcpServers: {
    aws: { command: 'uvx', args: ['awslabs.aws-api-mcp-server@latest'], env: { AWS_PROFILE: 'dev', AWS_REGION: 'us-east-1' } },
    keys: { command: 'node', args: ['s3.js'], env: { AWS_ACCESS_KEY_ID: KEY_ID, AWS_SECRET_ACCESS_KEY: SECRET } },
    github: { command: 'npx', args: ['-y', '@modelcontextprotocol/server-github@2025.4.8'] },
    remote: { type: 'http', url: 'https://agents.example.com/a2a/support' },
  },
});
const cloudmapper = () => {
  const dir = join(FIXTURES, 'aws-cloudmapper-demo');
  return readdirSync(dir).filter((f) => f.endsWith('.json')).map((f) => fixture(`aws-cloudmapper-demo/${f}`));
};
const reachOf = (inv: Inventory, id: string) => new Set(computeReach(buildGraph(inv), id).toEntries().map((e) => e.id));

describe('~/.aws/config and ~/.aws/credentials', () => {
  const r = ok([awsConfig, awsCredentials]);
  const inv = r.inventory;

  it('are recognised by content and map profiles, role_arn, source_profile and SSO', () => {
    expect(r.reports.map((x) => x.format)).toEqual(['aws-config', 'aws-config']);
    expect(node(inv, 'aws-profile:dev').fields).toMatchObject({ subtype: 'aws_profile', profile: 'dev' });
    expect(edge(inv, 'aws-profile:dev', 'can_assume', `arn:aws:iam::${A}:role/exfiller`).fields.provenance).toBe('.aws/config#/profile dev/role_arn');
    edge(inv, 'aws-profile:base', 'can_assume', 'aws-profile:dev');
    expect(node(inv, `aws-sso:${A}:AdministratorAccess`).fields).toMatchObject({ ssoStartUrl: 'https://corp.awsapps.com/start' });
  });

  it('keeps the access key only as fingerprints, never the key id, secret or token', () => {
    const cred = inv.nodes.find((n) => n.kind === 'credential')!;
    expect(cred.fields).toMatchObject({ credType: 'aws_access_key', keyKind: 'long_term' });
    expect(String(cred.fields.accessKeyIdFingerprint)).toMatch(/^hmac-sha256:[0-9a-f]{32}$/);
    const all = JSON.stringify(inv);
    expect(all).not.toContain(KEY_ID);
    expect(all).not.toContain(SECRET);
  });

  it('an INI file without AWS settings is not mistaken for one', () => {
    expect(() => ok([text('settings.ini', '[section]\nname = value\n')])).toThrow(/settings\.ini/);
  });
});

describe('joins across domains', () => {
  const r = ok([...cloudmapper(), awsConfig, awsCredentials, mcp, fixture('cyclonedx/saasbom-apigateway-microservices-datastores.bom.json')]);
  const inv = r.inventory;
  const client = inv.nodes.find((n) => n.kind === 'ai_agent' && String(n.id).includes('claude_desktop_config.json'))!;

  it('an MCP server with AWS_PROFILE=dev runs as that profile, so the client reaches the role and its bucket', () => {
    const e = edge(inv, 'mcp:claude_desktop_config.json:aws', 'runs_as', 'aws-profile:dev');
    expect(e.fields).toMatchObject({ join: 'aws-profile' });
    expect(String(e.fields.because)).toContain('AWS_PROFILE=dev');
    const reach = reachOf(inv, client.id);
    expect(reach.has(`arn:aws:iam::${A}:role/exfiller`)).toBe(true);
    expect(reach.has('arn:aws:s3:::cloudmapper_demo')).toBe(true);
    const j = r.joins.find((x) => x.kind === 'aws-profile')!;
    expect(j.files).toEqual(expect.arrayContaining(['claude_desktop_config.json', '.aws/config']));
    expect(r.reports.find((x) => x.file === '.aws/config')!.joins!.some((x) => x.kind === 'aws-profile')).toBe(true);
  });

  it('the same access key in the MCP env and in ~/.aws/credentials is one credential', () => {
    const creds = inv.nodes.filter((n) => n.kind === 'credential' && n.fields.accessKeyIdFingerprint !== undefined);
    expect(creds).toHaveLength(1);
    expect(inv.edges.some((e) => e.source === 'mcp:claude_desktop_config.json:keys' && e.kind === 'uses_credential' && e.target === creds[0]!.id)).toBe(true);
    expect(r.joins.filter((x) => x.kind === 'same-credential').length).toBeGreaterThan(0);
  });

  it('never guesses: an unpinned server does not join a BOM component, the cloud account does not join the SaaSBOM', () => {
    expect(r.joins.some((x) => x.kind === 'bom-package')).toBe(false);
    expect(r.joins.every((x) => x.because.length > 0 && x.files.length > 0)).toBe(true);
  });
});

describe('more joins', () => {
  it('a CycloneDX component with the server package and version: depends_on with the proof', () => {
    const bom = json('bom.json', {
      bomFormat: 'CycloneDX',
      specVersion: '1.6',
      components: [{ type: 'library', name: '@modelcontextprotocol/server-github', version: '2025.4.8', purl: 'pkg:npm/%40modelcontextprotocol/server-github@2025.4.8', 'bom-ref': 'gh' }],
    });
    const r = ok([mcp, bom]);
    const j = r.joins.find((x) => x.kind === 'bom-package')!;
    expect(j.from).toBe('mcp:claude_desktop_config.json:github');
    expect(edge(r.inventory, j.from, 'depends_on', j.to).fields.join).toBe('bom-package');
  });

  it('accounts of one person across collectors are linked to one person node, each account kept', () => {
    const gaad = json('gaad.json', {
      UserDetailList: [{ UserName: 'alice', Arn: `arn:aws:iam::${A}:user/alice`, GroupList: [], Tags: [{ Key: 'email', Value: 'Alice.Smith@Example.com' }] }],
      GroupDetailList: [],
      RoleDetailList: [],
      Policies: [],
    });
    const r = ok([gaad, fixture('okta-api/api/users.json')]);
    const person = node(r.inventory, 'person:alice.smith@example.com');
    expect(person.kind).toBe('human');
    const targets = r.inventory.edges.filter((e) => e.source === person.id && e.kind === 'can_assume').map((e) => e.target);
    expect(targets).toContain(`arn:aws:iam::${A}:user/alice`);
    expect(targets.length).toBe(2);
  });

  it('an IAM Identity Center profile reaches the AWSReservedSSO role of its permission set', () => {
    const role = `arn:aws:iam::${A}:role/aws-reserved/sso.amazonaws.com/AWSReservedSSO_AdministratorAccess_0123456789abcdef`;
    const gaad = json('gaad.json', {
      UserDetailList: [],
      GroupDetailList: [],
      RoleDetailList: [{ RoleName: 'AWSReservedSSO_AdministratorAccess_0123456789abcdef', Arn: role, RolePolicyList: [], AttachedManagedPolicies: [] }],
      Policies: [],
    });
    const r = ok([awsConfig, gaad]);
    expect(edge(r.inventory, `aws-sso:${A}:AdministratorAccess`, 'can_assume', role).fields.join).toBe('aws-sso-role');
  });
});
