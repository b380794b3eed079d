import { readdirSync } from 'node:fs';
import { join } from 'node:path';

import { describe, expect, it } from 'vitest';

import { classifyAction } from './aws.ts';
import { detectFormat } from './index.ts';
import { FIXTURES, edge, expectProvenance, failed, fixture, json, node, noEdge, ok } from './test/helpers.ts';

const ACCT = '012345678901';
const arn = (r: string) => `arn:aws:iam::${ACCT}:${r}`;

describe('AWS get-account-authorization-details (cloudsplaining example)', () => {
  const r = ok([fixture('aws-iam/example-authz-details.json')]);
  const inv = r.inventory;

  it('maps users, groups and roles with their kinds', () => {
    expect(r.reports[0]).toMatchObject({ format: 'aws-iam' });
    expect(inv.nodes.filter((n) => n.fields.awsType === 'user').map((n) => n.name).sort()).toEqual(['biden', 'obama', 'userwithlotsofpermissions']);
    expect(inv.nodes.filter((n) => n.kind === 'group').map((n) => n.name).sort()).toEqual(['admin', 'biden']);
    expect(inv.nodes.filter((n) => n.fields.awsType === 'role').map((n) => n.name).sort()).toEqual(['MyOtherRole', 'MyRole', 'OverprivilegedEC2']);
    expect(node(inv, arn('user/obama')).kind).toBe('human');
    expect(node(inv, arn('role/MyRole')).kind).toBe('nhi');
    expectProvenance(inv);
  });

  it('turns group membership and trust policies into member_of and can_assume', () => {
    edge(inv, arn('user/obama'), 'member_of', arn('group/admin'));
    edge(inv, arn('user/biden'), 'member_of', arn('group/biden'));
    const ssm = edge(inv, 'aws-service:ssm.amazonaws.com', 'can_assume', arn('role/MyRole'));
    expect(ssm.fields.provenance).toMatch(/^example-authz-details\.json#\/RoleDetailList\/\d\/AssumeRolePolicyDocument\/Statement\/0$/);
    edge(inv, 'aws-service:ec2.amazonaws.com', 'can_assume', arn('role/OverprivilegedEC2'));
    expect(node(inv, 'aws-service:ec2.amazonaws.com').kind).toBe('external');
    noEdge(inv, 'aws-service:ec2.amazonaws.com', 'can_assume', arn('role/MyRole'));
  });

  it('reads the default policy version and maps AdministratorAccess to admin on the account', () => {
    const e = edge(inv, arn('group/admin'), 'has_permission', `aws-all:*:${ACCT}`);
    expect(e.fields.actions).toEqual(['admin']);
    expect(e.grants).toBe(7);
    expect(String(e.fields.provenance)).toMatch(/^example-authz-details\.json#\/Policies\/\d+\/PolicyVersionList\/\d+\/Document\/Statement/);
  });

  it('maps read-only wildcards to read and keeps the raw actions', () => {
    const reads = inv.edges.filter((e) => e.kind === 'has_permission' && Array.isArray(e.fields.awsActions) && (e.fields.awsActions as string[]).every((a) => /^[a-z0-9-]+:(Get|List|Describe)/.test(a)));
    expect(reads.length).toBeGreaterThan(0);
    for (const e of reads) expect(e.fields.actions).toEqual(['read']);
  });
});

describe('classifyAction', () => {
  it.each([
    ['*', ['admin']],
    ['s3:*', ['admin']],
    ['s3:Get*', ['read']],
    ['s3:GetObject', ['read']],
    ['s3:PutObject', ['write']],
    ['s3:DeleteBucket', ['delete']],
    ['iam:PassRole', ['admin']],
    ['iam:CreateAccessKey', ['admin']],
    ['iam:ListUsers', ['read']],
    ['lambda:InvokeFunction', ['invoke']],
    ['s3:*Object', ['read', 'write']],
  ])('%s → %j', (action, expected) => {
    expect(classifyAction(action)).toEqual(expected);
  });
});

describe('cloudmapper demo account: IAM plus companion files', () => {
  const dir = join(FIXTURES, 'aws-cloudmapper-demo');
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const r = ok(files.map((f) => fixture(`aws-cloudmapper-demo/${f}`)));
  const inv = r.inventory;
  const A = '123456789012';

  it('recognises every file of the folder', () => {
    expect(r.reports).toHaveLength(13);
    expect(r.reports.find((x) => x.file === 'iam-get-account-authorization-details.json')!.format).toBe('aws-iam');
    for (const rep of r.reports.filter((x) => x.file !== 'iam-get-account-authorization-details.json')) expect(rep.format).toBe('aws-resources');
    expectProvenance(inv);
  });

  it('knows who can assume which role', () => {
    const anyone = edge(inv, 'aws:anyone', 'can_assume', `arn:aws:iam::${A}:role/bad_role`);
    expect(anyone.traversable).toBe(true);
    expect(node(inv, 'aws:anyone').kind).toBe('external');
    edge(inv, 'aws-service:ec2.amazonaws.com', 'can_assume', `arn:aws:iam::${A}:role/exfiller`);
    edge(inv, 'aws-service:lambda.amazonaws.com', 'can_assume', `arn:aws:iam::${A}:role/service-role/level1`);
    edge(inv, 'aws-service:ecs-tasks.amazonaws.com', 'can_assume', `arn:aws:iam::${A}:role/level3`);
    noEdge(inv, 'aws:anyone', 'can_assume', `arn:aws:iam::${A}:role/exfiller`);
  });

  it('joins wildcard permissions to the buckets, databases and functions the companion files list', () => {
    const bucket = 'arn:aws:s3:::cloudmapper_demo';
    expect(node(inv, bucket)).toMatchObject({ kind: 'data_store', name: 'cloudmapper_demo' });
    const ex = edge(inv, `arn:aws:iam::${A}:role/exfiller`, 'has_permission', bucket);
    expect(ex.fields.actions).toEqual(['admin']);
    expect(ex.fields.viaPattern).toBe(`aws-all:s3:${A}`);
    expect(edge(inv, `arn:aws:iam::${A}:role/level3`, 'has_permission', bucket).fields.actions).toEqual(['read']);
    edge(inv, `arn:aws:iam::${A}:role/bad_role`, 'has_permission', 'arn:aws:rds:us-east-1:123456789012:db:securitymonkey');
    // the bucket policy makes the bucket world-readable
    expect(edge(inv, 'aws:anyone', 'has_permission', bucket).fields.actions).toEqual(['read']);
    // one bucket node, described by s3-list-buckets and referenced by policies
    expect(inv.nodes.filter((n) => n.id === bucket)).toHaveLength(1);
    expect(node(inv, bucket).fields.provenanceAll).toEqual(expect.arrayContaining(['s3-list-buckets.json#/Buckets/0']));
  });

  it('adds Lambda, EC2, RDS, Redshift, secrets and the credential report', () => {
    const fn = 'arn:aws:lambda:us-east-1:123456789012:function:invpclambda';
    expect(node(inv, fn).kind).toBe('cloud_resource');
    edge(inv, fn, 'runs_as', `arn:aws:iam::${A}:role/service-role/invpclambda`);
    expect(node(inv, `arn:aws:ec2:us-east-1:${A}:instance/i-00000000000000000`)).toMatchObject({ name: 'Bastion' });
    expect(node(inv, `arn:aws:ec2:us-east-1:${A}:instance/i-00000000000000000`).fields.exposure).toBe('public');
    expect(node(inv, 'aws:redshift:cluster/redshift-cluster-1').fields.exposure).toBe('public');
    const secret = node(inv, 'arn:aws:secretsmanager:us-east-1:0123456789012:secret:demo-secret-lfUPRe');
    expect(secret.fields).toMatchObject({ containsSecrets: true, sensitivity: 'restricted' });
    edge(inv, `cred:aws-access-key:arn:aws:iam::${A}:user/user#2`, 'authenticates_as', `arn:aws:iam::${A}:user/user`);
    expect(node(inv, `arn:aws:iam::${A}:user/user`).fields.mfa).toBe(false);
  });

  it('a role reached from the internet reaches the data (end to end through parseInventories)', () => {
    const e = edge(inv, `arn:aws:iam::${A}:role/bad_role`, 'has_permission', 'arn:aws:s3:::cloudmapper_demo');
    expect(e.grants).toBe(7);
  });
});

describe('identity-side sts:AssumeRole, Deny and conditions', () => {
  const doc = {
    UserDetailList: [
      {
        UserName: 'dev',
        Arn: 'arn:aws:iam::111122223333:user/dev',
        GroupList: [],
        AttachedManagedPolicies: [],
        UserPolicyList: [
          {
            PolicyName: 'assume',
            PolicyDocument: {
              Statement: [
                { Effect: 'Allow', Action: 'sts:AssumeRole', Resource: 'arn:aws:iam::111122223333:role/deploy-*' },
                { Effect: 'Deny', Action: 's3:*', Resource: '*' },
                { Effect: 'Allow', NotAction: 'iam:*', Resource: '*' },
              ],
            },
          },
        ],
      },
    ],
    GroupDetailList: [],
    RoleDetailList: [
      {
        RoleName: 'deploy-prod',
        Arn: 'arn:aws:iam::111122223333:role/deploy-prod',
        AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] })),
        RolePolicyList: [{ PolicyName: 'p', PolicyDocument: { Statement: { Effect: 'Allow', Action: ['s3:GetObject'], Resource: 'arn:aws:s3:::prod-data/*', Condition: { Bool: { 'aws:SecureTransport': 'true' } } } } }],
        AttachedManagedPolicies: [{ PolicyName: 'Gone', PolicyArn: 'arn:aws:iam::111122223333:policy/Gone' }],
      },
      {
        RoleName: 'other',
        Arn: 'arn:aws:iam::111122223333:role/other',
        AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: '444455556666', Federated: 'arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com' }, Action: ['sts:AssumeRole', 'sts:AssumeRoleWithWebIdentity'] }] },
      },
    ],
    Policies: [],
  };
  const inv = ok([json('authz.json', doc)]).inventory;

  it('joins sts:AssumeRole in an identity policy with a trust policy that trusts the account', () => {
    const e = edge(inv, 'arn:aws:iam::111122223333:user/dev', 'can_assume', 'arn:aws:iam::111122223333:role/deploy-prod');
    expect(e.fields.via).toBe('identity_policy');
    noEdge(inv, 'arn:aws:iam::111122223333:user/dev', 'can_assume', 'arn:aws:iam::111122223333:role/other');
    edge(inv, 'arn:aws:iam::111122223333:root', 'can_assume', 'arn:aws:iam::111122223333:role/deploy-prod');
  });

  it('cross-account roots and federated principals are external', () => {
    const root = node(inv, 'arn:aws:iam::444455556666:root');
    expect(root.kind).toBe('external');
    expect(root.fields.crossAccount).toBe(true);
    const fed = node(inv, 'federated:arn:aws:iam::111122223333:oidc-provider/token.actions.githubusercontent.com');
    expect(fed.kind).toBe('external');
    edge(inv, fed.id, 'can_assume', 'arn:aws:iam::111122223333:role/other');
  });

  it('NotAction is widened to every action (admin on the account)', () => {
    expect(edge(inv, 'arn:aws:iam::111122223333:user/dev', 'has_permission', 'aws-all:*:111122223333').fields.actions).toEqual(['admin']);
  });

  it('S3 object ARNs become their bucket; conditions are kept as a flag', () => {
    const e = edge(inv, 'arn:aws:iam::111122223333:role/deploy-prod', 'has_permission', 'arn:aws:s3:::prod-data');
    expect(e.fields.actions).toEqual(['read']);
    expect(e.fields.conditional).toBe(true);
  });

  it('warns about Deny and missing managed policies, with places', () => {
    expect(inv.warnings).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ file: 'authz.json', at: '/UserDetailList/0/UserPolicyList/0/PolicyDocument/Statement/1', message: expect.stringMatching(/Deny/) }),
        expect.objectContaining({ at: '/RoleDetailList/0/AttachedManagedPolicies/0', message: expect.stringMatching(/not in the file/) }),
        expect.objectContaining({ at: '/UserDetailList/0/UserPolicyList/0/PolicyDocument/Statement/2/NotAction', message: expect.stringMatching(/^approximation: NotAction/) }),
      ]),
    );
  });
});

describe('hostile AWS input', () => {
  it('a wrong shape is a located error, not a crash', () => {
    expect(failed([json('bad.json', { UserDetailList: {}, RoleDetailList: [] })])[0]).toMatchObject({ file: 'bad.json', at: '/UserDetailList', message: 'expected a list' });
  });

  it('skips junk elements with warnings', () => {
    const r = ok([json('junk.json', { UserDetailList: [null, 3, { UserName: '__proto__', Arn: '__proto__' }], RoleDetailList: [{ RoleName: 'x' }], GroupDetailList: [], Policies: [{}] })]);
    expect(r.inventory.nodes.map((n) => n.id)).toEqual(['__proto__']);
    expect(({} as Record<string, unknown>).UserName).toBeUndefined();
    expect(r.reports[0]!.warnings.length).toBeGreaterThanOrEqual(3);
  });

  it('detects the format', () => {
    expect(detectFormat('x.json', { RoleDetailList: [], Policies: [] })).toBe('aws-iam');
    expect(detectFormat('x.json', { Buckets: [] })).toBe('aws-resources');
  });
});

describe('paged and filtered authorization details', () => {
  it('a role on one page joins the managed policy defined on another; provenance names the policy file', () => {
    const page1 = { RoleDetailList: [{ RoleName: 'ci', Arn: 'arn:aws:iam::111122223333:role/ci', AssumeRolePolicyDocument: { Statement: [] }, AttachedManagedPolicies: [{ PolicyName: 'BuildArtifacts', PolicyArn: 'arn:aws:iam::111122223333:policy/BuildArtifacts' }] }], IsTruncated: true, Marker: 'abc' };
    const page2 = { Policies: [{ PolicyName: 'BuildArtifacts', Arn: 'arn:aws:iam::111122223333:policy/BuildArtifacts', DefaultVersionId: 'v2', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: false, Document: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] } }, { VersionId: 'v2', IsDefaultVersion: true, Document: { Statement: [{ Effect: 'Allow', Action: 's3:PutObject', Resource: 'arn:aws:s3:::artifacts/*' }] } }] }], IsTruncated: false };
    const r = ok([json('page1.json', page1), json('page2.json', page2)]);
    expect(r.reports.map((x) => x.format)).toEqual(['aws-iam', 'aws-iam']);
    const e = edge(r.inventory, 'arn:aws:iam::111122223333:role/ci', 'has_permission', 'arn:aws:s3:::artifacts');
    expect(e.fields.actions).toEqual(['write']);
    expect(e.fields.provenance).toBe('page2.json#/Policies/0/PolicyVersionList/1/Document/Statement/0');
    // the non-default version (Action "*") is not applied
    expect(r.inventory.nodes.some((n) => n.id === 'aws-all:*:111122223333')).toBe(false);
  });
});

describe('scale: many principals that may assume many roles', () => {
  it('goes through one hub node instead of principals × roles edges', () => {
    const roles = Array.from({ length: 60 }, (_, i) => ({
      RoleName: `r${i}`,
      Arn: `arn:aws:iam::111122223333:role/r${i}`,
      AssumeRolePolicyDocument: { Statement: [{ Effect: 'Allow', Principal: { AWS: 'arn:aws:iam::111122223333:root' }, Action: 'sts:AssumeRole' }] },
      RolePolicyList: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sts:AssumeRole', Resource: '*' }] } }],
    }));
    const inv = ok([json('many.json', { RoleDetailList: roles, UserDetailList: [], GroupDetailList: [], Policies: [] })]).inventory;
    const hubs = inv.nodes.filter((n) => n.fields.subtype === 'assume_role_hub');
    expect(hubs).toHaveLength(1);
    expect(hubs[0]!.fields.roleCount).toBe(60);
    edge(inv, 'arn:aws:iam::111122223333:role/r7', 'can_assume', hubs[0]!.id);
    edge(inv, hubs[0]!.id, 'can_assume', 'arn:aws:iam::111122223333:role/r42');
    expect(inv.edges.filter((e) => e.kind === 'can_assume').length).toBeLessThan(200);
  });
});

describe('inherited keys in hostile input', () => {
  it('a service, policy or object type named like an Object property is just a name', () => {
    const doc = {
      RoleDetailList: [
        {
          RoleName: 'r',
          Arn: 'arn:aws:iam::1:role/r',
          RolePolicyList: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'constructor:Get', Resource: 'arn:aws:constructor:::x' }] } }],
          AttachedManagedPolicies: [{ PolicyArn: 'arn:aws:iam::aws:policy/constructor' }],
        },
      ],
      Policies: [],
    };
    const inv = ok([json('c.json', doc)]).inventory;
    expect(node(inv, 'arn:aws:constructor:::x').kind).toBe('cloud_resource');
    const sh = ok([json('s.json', { meta: { type: 'constructor', version: 6 }, data: [{ ObjectIdentifier: 'S-1', Properties: {}, Aces: [{ PrincipalSID: 'S-2', PrincipalType: 'toString', RightName: 'GenericAll' }] }] })]).inventory;
    expect(node(sh, 'S-1').kind).toBe('other');
    expect(node(sh, 'S-2').kind).toBe('other');
  });
});

describe('encodings', () => {
  it('reads UTF-16LE with a byte-order mark (PowerShell redirect) and UTF-8 with a BOM', () => {
    const text = JSON.stringify({ Buckets: [{ Name: 'utf16-bucket' }] });
    const le = new Uint8Array(2 + text.length * 2);
    le[0] = 0xff;
    le[1] = 0xfe;
    for (let i = 0; i < text.length; i++) le[2 + i * 2] = text.charCodeAt(i);
    expect(node(ok([{ file: 'b.json', bytes: le }]).inventory, 'arn:aws:s3:::utf16-bucket').kind).toBe('data_store');
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(text)]);
    expect(ok([{ file: 'c.json', bytes: bom }]).inventory.nodes).toHaveLength(1);
  });
});

describe('other AWS CLI outputs', () => {
  it('iam list-roles brings roles with their trust; list-topics and ecs list-clusters bring resources; describe-vpcs is accepted', () => {
    const roles = {
      Roles: [
        {
          Path: '/',
          RoleName: 'etl',
          RoleId: 'AROA1',
          Arn: 'arn:aws:iam::111122223333:role/etl',
          AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify({ Statement: [{ Effect: 'Allow', Principal: { Service: 'glue.amazonaws.com' }, Action: 'sts:AssumeRole' }] })),
        },
      ],
      IsTruncated: false,
    };
    const topics = { Topics: [{ TopicArn: 'arn:aws:sns:us-east-1:111122223333:alerts' }] };
    const ecs = { clusterArns: ['arn:aws:ecs:us-east-1:111122223333:cluster/prod'] };
    const vpcs = { Vpcs: [{ VpcId: 'vpc-1', CidrBlock: '10.0.0.0/16', OwnerId: '111122223333' }] };
    const keys = { Keys: [{ KeyId: 'k1', KeyArn: 'arn:aws:kms:us-east-1:111122223333:key/k1' }] };
    const r = ok([json('iam-list-roles.json', roles), json('sns-list-topics.json', topics), json('ecs-list-clusters.json', ecs), json('ec2-describe-vpcs.json', vpcs), json('kms-list-keys.json', keys)]);
    expect(r.reports.map((x) => x.format)).toEqual(['aws-resources', 'aws-resources', 'aws-resources', 'aws-resources', 'aws-resources']);
    expect(node(r.inventory, 'arn:aws:kms:us-east-1:111122223333:key/k1').fields.resourceType).toBe('kms_key');
    const inv = r.inventory;
    expect(node(inv, 'arn:aws:iam::111122223333:role/etl')).toMatchObject({ kind: 'nhi', name: 'etl' });
    edge(inv, 'aws-service:glue.amazonaws.com', 'can_assume', 'arn:aws:iam::111122223333:role/etl');
    expect(node(inv, 'arn:aws:sns:us-east-1:111122223333:alerts').kind).toBe('data_store');
    expect(node(inv, 'arn:aws:ecs:us-east-1:111122223333:cluster/prod').kind).toBe('cloud_resource');
    expect(r.reports[3]!.warnings[0]!.message).toMatch(/no ARNs/);
  });

  it('a wildcard grant reaches a topic another file lists', () => {
    const authz = { RoleDetailList: [{ RoleName: 'r', Arn: 'arn:aws:iam::111122223333:role/r', RolePolicyList: [{ PolicyName: 'p', PolicyDocument: { Statement: [{ Effect: 'Allow', Action: 'sns:Publish', Resource: '*' }] } }] }], Policies: [] };
    const inv = ok([json('authz.json', authz), json('topics.json', { Topics: [{ TopicArn: 'arn:aws:sns:us-east-1:111122223333:alerts' }] })]).inventory;
    expect(edge(inv, 'arn:aws:iam::111122223333:role/r', 'has_permission', 'arn:aws:sns:us-east-1:111122223333:alerts').fields.actions).toEqual(['write']);
  });
});
