import { describe, expect, it } from 'vitest';

import { buildGraph } from '../graph/build-graph.ts';
import { computeReach } from '../graph/reach.ts';
import type { Inventory } from '../model/types.ts';

import { edge, fixture, json, node, noEdge, ok } from './test/helpers.ts';

const reachOf = (inv: Inventory, id: string) => new Set(computeReach(buildGraph(inv), id).toEntries().map((e) => e.id));

describe('privilege escalation on the cloudsplaining example (hand-checked principals)', () => {
  const inv = ok([fixture('aws-iam/example-authz-details.json')]).inventory;
  const A = '012345678901';
  const arn = (r: string) => `arn:aws:iam::${A}:${r}`;
  const principals = inv.nodes.filter((n) => /:(user|role|group)\//.test(n.id)).map((n) => n.id);
  // By hand: obama holds AdministratorAccess (and is in group admin); userwithlotsofpermissions is in group admin;
  // OverprivilegedEC2 may iam:CreateAccessKey on "*", so it can become obama. biden (Lambda full access: PassRole +
  // lambda:*, but no role here trusts Lambda), MyRole and MyOtherRole (PassRole + AssociateIamInstanceProfile, no
  // RunInstances) are not admins.
  const admins = [arn('user/obama'), arn('user/userwithlotsofpermissions'), arn('group/admin'), arn('role/OverprivilegedEC2')];
  const notAdmins = [arn('user/biden'), arn('group/biden'), arn('role/MyRole'), arn('role/MyOtherRole')];

  it.each(admins)('%s reaches every principal of its account', (id) => {
    const reach = reachOf(inv, id);
    expect(reach.has(`aws-all:*:${A}`)).toBe(true);
    expect(principals.filter((p) => p !== id && !reach.has(p))).toEqual([]);
  });

  it.each(notAdmins)('%s is not an admin', (id) => {
    const reach = reachOf(inv, id);
    expect(reach.has(`aws-all:*:${A}`)).toBe(false);
    expect(reach.has(arn('user/obama'))).toBe(false);
  });

  it('an admin reaches more than a limited user', () => {
    expect(reachOf(inv, arn('user/obama')).size).toBeGreaterThan(reachOf(inv, arn('user/biden')).size);
  });

  it('CreateAccessKey on "*" is an edge to each user with the granting statement as evidence', () => {
    for (const u of ['obama', 'biden', 'userwithlotsofpermissions']) {
      const e = edge(inv, arn('role/OverprivilegedEC2'), 'has_permission', arn(`user/${u}`));
      expect(e.fields.privesc).toBe('iam:CreateAccessKey');
      expect(e.fields.actions).toEqual(['admin']);
      expect(String(e.fields.provenance)).toMatch(/^example-authz-details\.json#\/RoleDetailList\/2\/RolePolicyList\/0\/PolicyDocument\/Statement\/0$/);
      expect(String(e.fields.because)).toContain(u);
    }
    expect(node(inv, arn('user/obama')).fields.accountAdmin).toBe(true);
    expect(node(inv, arn('user/biden')).fields.accountAdmin).toBeUndefined();
  });
});

const A = '111122223333';
const p = (r: string) => `arn:aws:iam::${A}:${r}`;
const stmt = (Action: string | string[], Resource: string | string[] = '*', extra: Record<string, unknown> = {}) => ({ Effect: 'Allow', Action, Resource, ...extra });
const user = (name: string, statements: unknown[], more: Record<string, unknown> = {}) => ({
  UserName: name,
  Arn: p(`user/${name}`),
  UserPolicyList: statements.length > 0 ? [{ PolicyName: `${name}-inline`, PolicyDocument: { Version: '2012-10-17', Statement: statements } }] : [],
  GroupList: [],
  AttachedManagedPolicies: [],
  ...more,
});
const role = (name: string, trust: unknown, statements: unknown[] = []) => ({
  RoleName: name,
  Arn: p(`role/${name}`),
  AssumeRolePolicyDocument: { Version: '2012-10-17', Statement: [{ Effect: 'Allow', Principal: trust, Action: 'sts:AssumeRole' }] },
  RolePolicyList: statements.length > 0 ? [{ PolicyName: `${name}-inline`, PolicyDocument: { Statement: statements } }] : [],
  AttachedManagedPolicies: [],
});
const gaad = (users: unknown[], roles: unknown[], groups: unknown[] = [], policies: unknown[] = []) =>
  json('gaad.json', { UserDetailList: users, RoleDetailList: roles, GroupDetailList: groups, Policies: policies });

describe('escalation primitives', () => {
  it('iam:PassRole with a code-running service reaches roles that trust the service, not others', () => {
    const inv = ok([
      gaad(
        [user('dev', [stmt('iam:PassRole'), stmt(['lambda:CreateFunction', 'lambda:InvokeFunction'])]), user('nolambda', [stmt('iam:PassRole')])],
        [role('fnrole', { Service: 'lambda.amazonaws.com' }, [stmt('s3:*')]), role('ec2role', { Service: 'ec2.amazonaws.com' })],
      ),
    ]).inventory;
    const e = edge(inv, p('user/dev'), 'can_assume', p('role/fnrole'));
    expect(e.fields.privesc).toBe('iam:PassRole+Lambda');
    expect(e.fields.awsActions).toEqual(['iam:PassRole', 'lambda:CreateFunction', 'lambda:InvokeFunction']);
    noEdge(inv, p('user/dev'), 'can_assume', p('role/ec2role'));
    noEdge(inv, p('user/nolambda'), 'can_assume', p('role/fnrole'));
  });

  it('PassRole limited to one role ARN passes only that role', () => {
    const inv = ok([
      gaad(
        [user('ops', [stmt('iam:PassRole', p('role/a')), stmt('ec2:RunInstances')])],
        [role('a', { Service: 'ec2.amazonaws.com' }), role('b', { Service: 'ec2.amazonaws.com' })],
      ),
    ]).inventory;
    expect(edge(inv, p('user/ops'), 'can_assume', p('role/a')).fields.privesc).toBe('iam:PassRole+EC2');
    noEdge(inv, p('user/ops'), 'can_assume', p('role/b'));
  });

  it('self-escalation (AttachUserPolicy on ${aws:username}) makes the user admin; on someone else it does not', () => {
    const inv = ok([
      gaad([user('self', [stmt('iam:AttachUserPolicy', `arn:aws:iam::${A}:user/\${aws:username}`)]), user('other', [stmt('iam:AttachUserPolicy', p('user/self'))])], []),
    ]).inventory;
    expect(edge(inv, p('user/self'), 'has_permission', `aws-all:*:${A}`).fields.privesc).toBe('iam:AttachUserPolicy');
    expect(reachOf(inv, p('user/self')).has(p('user/other'))).toBe(true);
    // other may change self's policies but cannot act as self: no escalation edge of its own
    expect(inv.edges.some((e) => e.source === p('user/other') && e.fields.privesc !== undefined)).toBe(false);
    noEdge(inv, p('user/other'), 'has_permission', `aws-all:*:${A}`);
  });

  it('CreatePolicyVersion on an attached customer policy, AddUserToGroup and UpdateAssumeRolePolicy', () => {
    const pol = `arn:aws:iam::${A}:policy/mine`;
    const inv = ok([
      gaad(
        [
          user('v', [stmt('iam:CreatePolicyVersion', pol)], { AttachedManagedPolicies: [{ PolicyName: 'mine', PolicyArn: pol }] }),
          user('g', [stmt('iam:AddUserToGroup', p('group/admins'))]),
          user('t', [stmt(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], p('role/locked'))]),
        ],
        [role('locked', { Service: 'ec2.amazonaws.com' })],
        [{ GroupName: 'admins', Arn: p('group/admins'), GroupPolicyList: [], AttachedManagedPolicies: [{ PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' }] }],
        [{ PolicyName: 'mine', Arn: pol, DefaultVersionId: 'v1', PolicyVersionList: [{ VersionId: 'v1', IsDefaultVersion: true, Document: { Statement: [stmt('s3:GetObject', 'arn:aws:s3:::x/*')] } }] }],
      ),
    ]).inventory;
    expect(edge(inv, p('user/v'), 'has_permission', `aws-all:*:${A}`).fields.privesc).toBe('iam:CreatePolicyVersion');
    expect(edge(inv, p('user/g'), 'has_permission', p('group/admins')).fields.privesc).toBe('iam:AddUserToGroup');
    expect(reachOf(inv, p('user/g')).has(`aws-all:*:${A}`)).toBe(true);
    expect(edge(inv, p('user/t'), 'can_assume', p('role/locked')).fields.privesc).toBe('iam:UpdateAssumeRolePolicy');
  });

  it('Deny is not subtracted (the grant stays, with a located approximation) and NotAction excludes what it names', () => {
    const r = ok([gaad([user('pu', [{ Effect: 'Allow', NotAction: ['iam:*'], Resource: '*' }])], [role('r', { Service: 'lambda.amazonaws.com' })])]);
    // PowerUser-style: lambda yes, but no iam:PassRole, so no escalation into the role
    noEdge(r.inventory, p('user/pu'), 'can_assume', p('role/r'));
    expect(r.inventory.edges.some((e) => e.source === p('user/pu') && e.fields.privesc !== undefined)).toBe(false);
  });

  it('a file with no principals and a 13-digit account id are named in warnings', () => {
    const empty = ok([json('empty-gaad.json', { UserDetailList: [], GroupDetailList: [], RoleDetailList: [], Policies: [] })]);
    const w = empty.reports[0]!.warnings.find((x) => /no users, groups or roles/.test(x.message));
    expect(w).toMatchObject({ file: 'empty-gaad.json', at: '/UserDetailList' });
    const bad = ok([json('bad.json', { UserDetailList: [{ UserName: 'x', Arn: 'arn:aws:iam::1234567890123:user/x', GroupList: [] }], RoleDetailList: [role('r', { AWS: '1234567890123' })], GroupDetailList: [], Policies: [] })]);
    const msgs = bad.reports[0]!.warnings.filter((x) => /not an AWS account id/.test(x.message));
    expect(msgs.map((m) => m.at)).toEqual(expect.arrayContaining(['/UserDetailList/0/Arn', '/RoleDetailList/0/AssumeRolePolicyDocument/Statement/0/Principal/AWS']));
    expect(bad.inventory.edges.some((e) => e.target.endsWith('role/r') && e.kind === 'can_assume' && e.source.includes('1234567890123'))).toBe(false);
  });
});
