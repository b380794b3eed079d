/**
 * AWS IAM privilege escalation, PMapper-grade: the published escalation primitives become edges whose
 * provenance is the statement that grants them (and `privesc` names the primitive), and `Action: "*"` on
 * `Resource: "*"` (or any way to give oneself that) makes a principal admin of its account, which reaches
 * every principal of the account through the account node `aws-all:*:<account>`.
 *
 * Sources: nccgroup/PMapper (`principalmapper/graphing/*_edges.py`, `analysis/find_risks.py`: admin checks,
 * IAM, STS, Lambda, EC2, CloudFormation, CodeBuild, SageMaker, Glue, ECS/Data Pipeline edges), Rhino Security
 * Labs "AWS IAM Privilege Escalation Methods" (the 21 methods) and Bishop Fox iam-vulnerable. The list and what
 * is approximated (conditions, permissions boundaries, SCPs, Deny, resource policies) is in README.md.
 */
import type { DocBuilder } from './builder.ts';

/** One Allow statement as the privilege analysis needs it. */
export interface Grant {
  readonly principal: string;
  readonly account: string;
  /** Action patterns (`iam:Create*`, `*`), or every action but `notActions`. */
  readonly actions: readonly string[];
  readonly notActions: readonly string[];
  readonly resources: readonly string[];
  /** `NotResource`: every resource but these. */
  readonly notResources: readonly string[];
  readonly pointer: string;
  /** The file the statement is in when it is not the builder's own (a managed policy on another page). */
  readonly file: string | undefined;
  readonly policy: string;
  readonly conditional: boolean;
}

export interface PrivescPrincipal {
  readonly arn: string;
  readonly type: 'user' | 'group' | 'role';
  readonly name: string;
  readonly account: string;
  /** Groups of a user (ARNs). */
  readonly groups: readonly string[];
  /** Trust policy entries of a role: principal ARNs, `arn:aws:iam::<acct>:root`, `*`, service names. */
  readonly trusted: ReadonlySet<string>;
  /** Managed policy ARNs attached to it. */
  readonly attached: readonly string[];
}

const reCache = new Map<string, RegExp>();
function glob(pattern: string): RegExp {
  let r = reCache.get(pattern);
  if (!r) {
    r = new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
    if (reCache.size > 5000) reCache.clear();
    reCache.set(pattern, r);
  }
  return r;
}

/** Policy variables: `${aws:username}` is the caller's own name; any other variable could be anything. */
function resolveVars(pattern: string, self: PrivescPrincipal | undefined): string {
  if (!pattern.includes('${')) return pattern;
  return pattern.replace(/\$\{([^}]*)\}/g, (_m, v: string) => (/^aws:username$/i.test(v) && self?.type === 'user' ? self.name : '*'));
}

function actionAllowed(g: Grant, action: string): boolean {
  if (g.notActions.length > 0) return !g.notActions.some((p) => glob(p).test(action));
  return g.actions.some((p) => glob(p).test(action));
}

function resourceAllowed(g: Grant, resource: string, self: PrivescPrincipal | undefined): boolean {
  const match = (p: string) => p === '*' || glob(resolveVars(p, self)).test(resource);
  if (g.notResources.length > 0) return !g.notResources.some(match);
  return g.resources.some(match);
}

/** A statement is unconditional admin: every action on every resource. */
function isAdminGrant(g: Grant): boolean {
  return g.notActions.length === 0 && g.notResources.length === 0 && g.actions.includes('*') && g.resources.includes('*');
}

export interface PrivescEdge {
  readonly source: string;
  readonly target: string;
  readonly kind: 'can_assume' | 'has_permission';
  readonly primitive: string;
  readonly awsActions: readonly string[];
  readonly grants: readonly Grant[];
  readonly explanation: string;
}

/** Services that run code as a role passed to them, and the calls that make them do it (any one set). */
const PASSROLE_SERVICES: readonly { service: string; label: string; needs: readonly (readonly string[])[] }[] = [
  { service: 'lambda.amazonaws.com', label: 'Lambda', needs: [['lambda:CreateFunction', 'lambda:InvokeFunction'], ['lambda:CreateFunction', 'lambda:CreateEventSourceMapping'], ['lambda:UpdateFunctionConfiguration', 'lambda:InvokeFunction']] },
  { service: 'ec2.amazonaws.com', label: 'EC2', needs: [['ec2:RunInstances']] },
  { service: 'ecs-tasks.amazonaws.com', label: 'ECS', needs: [['ecs:RegisterTaskDefinition', 'ecs:RunTask'], ['ecs:RegisterTaskDefinition', 'ecs:StartTask'], ['ecs:RegisterTaskDefinition', 'ecs:CreateService']] },
  { service: 'cloudformation.amazonaws.com', label: 'CloudFormation', needs: [['cloudformation:CreateStack'], ['cloudformation:UpdateStack'], ['cloudformation:CreateChangeSet', 'cloudformation:ExecuteChangeSet']] },
  { service: 'glue.amazonaws.com', label: 'Glue', needs: [['glue:CreateDevEndpoint'], ['glue:UpdateDevEndpoint'], ['glue:CreateJob', 'glue:StartJobRun']] },
  { service: 'sagemaker.amazonaws.com', label: 'SageMaker', needs: [['sagemaker:CreateNotebookInstance'], ['sagemaker:CreateTrainingJob'], ['sagemaker:CreateProcessingJob']] },
  { service: 'codebuild.amazonaws.com', label: 'CodeBuild', needs: [['codebuild:CreateProject', 'codebuild:StartBuild'], ['codebuild:UpdateProject', 'codebuild:StartBuild']] },
  { service: 'datapipeline.amazonaws.com', label: 'Data Pipeline', needs: [['datapipeline:CreatePipeline', 'datapipeline:PutPipelineDefinition', 'datapipeline:ActivatePipeline']] },
  { service: 'states.amazonaws.com', label: 'Step Functions', needs: [['states:CreateStateMachine', 'states:StartExecution']] },
  { service: 'apprunner.amazonaws.com', label: 'App Runner', needs: [['apprunner:CreateService']] },
];

/**
 * The escalation edges of every principal described in one authorization-details file. Pure: the caller
 * writes them into its builder (`writePrivescEdges`).
 */
export function privescEdges(principals: readonly PrivescPrincipal[], grants: readonly Grant[]): PrivescEdge[] {
  const byArn = new Map(principals.map((p) => [p.arn, p]));
  const own = new Map<string, Grant[]>();
  for (const g of grants) {
    const list = own.get(g.principal) ?? [];
    list.push(g);
    own.set(g.principal, list);
  }
  /** A user's statements include its groups'. */
  const effective = (p: PrivescPrincipal): Grant[] => [...(own.get(p.arn) ?? []), ...p.groups.flatMap((gr) => own.get(gr) ?? [])];
  const out: PrivescEdge[] = [];
  const roles = principals.filter((p) => p.type === 'role');
  const users = principals.filter((p) => p.type === 'user');
  const groups = principals.filter((p) => p.type === 'group');

  for (const p of principals) {
    const gs = effective(p);
    if (gs.length === 0) continue;
    /** The first statements that allow `action` on `resource`, or undefined. */
    const allows = (action: string, resource: string): Grant | undefined => gs.find((g) => actionAllowed(g, action) && resourceAllowed(g, resource, p));
    const allOf = (actions: readonly string[], resource: string): Grant[] | undefined => {
      // every action of the set on this resource
      const found: Grant[] = [];
      for (const a of actions) {
        const g = allows(a, resource);
        if (!g) return undefined;
        if (!found.includes(g)) found.push(g);
      }
      return found;
    };
    const adminNode = `aws-all:*:${p.account}`;
    const toAdmin = (primitive: string, awsActions: string[], used: Grant[], explanation: string) =>
      out.push({ source: p.arn, target: adminNode, kind: 'has_permission', primitive, awsActions, grants: used, explanation });

    // 1. Admin outright: Action "*" on Resource "*" (its has_permission edge already exists; mark the reason).
    const admin = gs.find(isAdminGrant);
    if (admin) {
      toAdmin('admin', ['*'], [admin], `${p.name} is allowed every action on every resource (${admin.policy})`);
      continue; // everything below is implied
    }
    // 2. Self-escalation: give oneself any permission.
    const selfArn = p.arn;
    if (p.type === 'user') {
      for (const a of ['iam:PutUserPolicy', 'iam:AttachUserPolicy']) {
        const g = allows(a, selfArn);
        if (g) toAdmin(a, [a], [g], `${p.name} can ${a === 'iam:PutUserPolicy' ? 'write an inline policy on' : 'attach any managed policy to'} itself`);
      }
      for (const garn of p.groups) {
        for (const a of ['iam:PutGroupPolicy', 'iam:AttachGroupPolicy']) {
          const g = allows(a, garn);
          if (g) toAdmin(a, [a], [g], `${p.name} can ${a === 'iam:PutGroupPolicy' ? 'write an inline policy on' : 'attach any managed policy to'} its group ${byArn.get(garn)?.name ?? garn}`);
        }
      }
    }
    if (p.type === 'role') {
      for (const a of ['iam:PutRolePolicy', 'iam:AttachRolePolicy']) {
        const g = allows(a, selfArn);
        if (g) toAdmin(a, [a], [g], `${p.name} can ${a === 'iam:PutRolePolicy' ? 'write an inline policy on' : 'attach any managed policy to'} itself`);
      }
    }
    if (p.type === 'group') {
      for (const a of ['iam:PutGroupPolicy', 'iam:AttachGroupPolicy']) {
        const g = allows(a, selfArn);
        if (g) toAdmin(a, [a], [g], `members of ${p.name} can ${a === 'iam:PutGroupPolicy' ? 'write an inline policy on' : 'attach any managed policy to'} the group`);
      }
    }
    const attached = [...p.attached, ...p.groups.flatMap((g) => byArn.get(g)?.attached ?? [])];
    for (const pol of new Set(attached)) {
      if (/^arn:aws[^:]*:iam::aws:policy\//.test(pol)) continue; // AWS managed policies cannot be changed
      const g = allows('iam:CreatePolicyVersion', pol);
      if (g) toAdmin('iam:CreatePolicyVersion', ['iam:CreatePolicyVersion'], [g], `${p.name} can publish a new default version of ${pol.split('/').pop()}, a policy attached to it`);
    }

    // 3. Becoming another principal.
    if (p.type !== 'group') {
      for (const u of users) {
        if (u.arn === p.arn) continue;
        for (const [a, what] of [
          ['iam:CreateAccessKey', 'create an access key for'],
          ['iam:CreateLoginProfile', 'set a console password for'],
          ['iam:UpdateLoginProfile', 'change the console password of'],
        ] as const) {
          const g = allows(a, u.arn);
          if (g) {
            out.push({ source: p.arn, target: u.arn, kind: 'has_permission', primitive: a, awsActions: [a], grants: [g], explanation: `${p.name} can ${what} ${u.name} and sign in as it` });
            break;
          }
        }
      }
      if (p.type === 'user') {
        for (const gr of groups) {
          if (p.groups.includes(gr.arn)) continue;
          const g = allows('iam:AddUserToGroup', gr.arn);
          if (g) out.push({ source: p.arn, target: gr.arn, kind: 'has_permission', primitive: 'iam:AddUserToGroup', awsActions: ['iam:AddUserToGroup'], grants: [g], explanation: `${p.name} can add itself to ${gr.name} and take its permissions` });
        }
      }
      for (const r of roles) {
        if (r.arn === p.arn) continue;
        // UpdateAssumeRolePolicy: rewrite the role's trust to let oneself in (and call sts:AssumeRole).
        const upd = allOf(['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], r.arn);
        if (upd) out.push({ source: p.arn, target: r.arn, kind: 'can_assume', primitive: 'iam:UpdateAssumeRolePolicy', awsActions: ['iam:UpdateAssumeRolePolicy', 'sts:AssumeRole'], grants: upd, explanation: `${p.name} can rewrite the trust policy of ${r.name} and assume it` });
        // Changing the policies of a role one can already assume makes one admin.
        const trusts = r.trusted.has(p.arn) || ((r.trusted.has(`arn:aws:iam::${p.account}:root`) || r.trusted.has('*')) && allows('sts:AssumeRole', r.arn) !== undefined);
        if (trusts) {
          for (const a of ['iam:PutRolePolicy', 'iam:AttachRolePolicy']) {
            const g = allows(a, r.arn);
            if (g) toAdmin(a, [a, 'sts:AssumeRole'], [g], `${p.name} can assume ${r.name} and ${a === 'iam:PutRolePolicy' ? 'write an inline policy on' : 'attach any managed policy to'} it`);
          }
        }
        // PassRole to a service that runs code as the role.
        const pass = allows('iam:PassRole', r.arn);
        if (!pass) continue;
        for (const svc of PASSROLE_SERVICES) {
          if (!r.trusted.has(svc.service)) continue;
          for (const set of svc.needs) {
            const used = allOfAny(gs, set);
            if (!used) continue;
            out.push({
              source: p.arn,
              target: r.arn,
              kind: 'can_assume',
              primitive: `iam:PassRole+${svc.label}`,
              awsActions: ['iam:PassRole', ...set],
              grants: [pass, ...used.filter((g) => g !== pass)],
              explanation: `${p.name} can pass ${r.name} to ${svc.label} (${set.join(', ')}) and run code as it`,
            });
            break;
          }
        }
      }
    }
  }
  return out;
}

/** Every action of `set` allowed on some resource (code-running calls name new resources, so any will do). */
function allOfAny(gs: readonly Grant[], set: readonly string[]): Grant[] | undefined {
  const found: Grant[] = [];
  for (const a of set) {
    const g = gs.find((x) => actionAllowed(x, a) && (x.notResources.length > 0 || x.resources.length > 0));
    if (!g) return undefined;
    if (!found.includes(g)) found.push(g);
  }
  return found;
}

/**
 * Writes the escalation edges into the builder, each pointing (provenance) at the first granting statement,
 * with every granting statement in `provenanceAll`, and links the account node to every principal of the
 * account described here (`via: account_admin`): an admin can become any of them.
 */
export function writePrivescEdges(b: DocBuilder, principals: readonly PrivescPrincipal[], grants: readonly Grant[]): number {
  const edges = privescEdges(principals, grants);
  const adminAccounts = new Map<string, string>();
  for (const e of edges) {
    const first = e.grants[0]!;
    b.provFile = first.file;
    try {
      if (e.target.startsWith('aws-all:*:')) {
        const account = e.target.slice('aws-all:*:'.length);
        b.node(e.target, 'cloud_resource', `Every resource in AWS account ${account}`, first.pointer, { awsService: '*', awsAccount: account, awsResourcePattern: '*', critical: true });
        if (!adminAccounts.has(account)) adminAccounts.set(account, first.pointer);
        b.nodes.get(e.source)!.fields.accountAdmin = true;
      }
      const conditional = e.grants.some((g) => g.conditional);
      b.edge(e.source, e.kind, e.target, first.pointer, {
        ...(e.kind === 'has_permission' ? { actions: ['admin'] } : {}),
        awsActions: [...e.awsActions],
        privesc: e.primitive,
        via: e.primitive === 'admin' ? 'admin_policy' : 'privilege_escalation',
        because: e.explanation,
        policies: [...new Set(e.grants.map((g) => g.policy))],
        ...(conditional ? { conditional: true } : {}),
      });
      for (const g of e.grants.slice(1)) {
        b.provFile = g.file;
        b.edge(e.source, e.kind, e.target, g.pointer, {});
      }
    } finally {
      b.provFile = undefined;
    }
  }
  // The account node controls every principal of the account described here.
  for (const [account, pointer] of adminAccounts) {
    const hub = `aws-all:*:${account}`;
    for (const p of principals) {
      if (p.account !== account) continue;
      b.edge(hub, 'has_permission', p.arn, pointer, { actions: ['admin'], via: 'account_admin', because: `an admin of account ${account} can act as any of its principals` });
    }
  }
  return edges.length;
}
