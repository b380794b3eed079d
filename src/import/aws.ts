/**
 * AWS: `aws iam get-account-authorization-details` (users, groups, roles, managed and inline policies,
 * trust policies) and companion CLI outputs (S3, Secrets Manager, Lambda, EC2, RDS, Redshift, resource
 * policies, STS caller identity, credential report).
 */
import { ISSUE_CODES, quote } from '../model/issues.ts';
import type { NodeKind } from '../model/node-kinds.ts';

import { writePrivescEdges } from './aws-privesc.ts';
import type { Grant, PrivescPrincipal } from './aws-privesc.ts';
import type { DocBuilder } from './builder.ts';
import { arr, isObj, isSecretName, lookup, own, ptr, sha256Hex, str, strList } from './util.ts';
import type { Obj } from './util.ts';

const AUTH_KEYS = ['UserDetailList', 'GroupDetailList', 'RoleDetailList', 'Policies'];

export function isAwsAuthDetails(json: unknown): boolean {
  if (!isObj(json)) return false;
  const present = AUTH_KEYS.filter((k) => own(json, k) !== undefined);
  if (!present.some((k) => Array.isArray(own(json, k)))) return false;
  if (present.length >= 2) return true;
  // one list only (`--filter Role`, a later page): the rest must be paging fields and the items IAM objects
  const rest = Object.keys(json).filter((k) => !AUTH_KEYS.includes(k) && !['IsTruncated', 'Marker', 'ResponseMetadata'].includes(k));
  const items = arr(own(json, present[0]!));
  return rest.length === 0 && items.length > 0 && items.every((x) => str(own(x, 'Arn'))?.startsWith('arn:') === true && (own(x, 'RoleName') ?? own(x, 'UserName') ?? own(x, 'GroupName') ?? own(x, 'PolicyVersionList')) !== undefined);
}

/** Managed policies (default versions) of several authorization-details files, so paged output joins up. */
export type ManagedPolicies = Map<string, { doc: Obj; pointer: string; file: string }>;

export function collectManagedPolicies(json: unknown, file: string, into: ManagedPolicies, b?: DocBuilder): void {
  arr(own(json, 'Policies')).forEach((p, i) => {
    const arn = str(own(p, 'Arn'));
    if (!arn) {
      b?.warn(ISSUE_CODES.INVALID_FIELD, ptr('Policies', i, 'Arn'), 'policy without an Arn; ignored');
      return;
    }
    const def = str(own(p, 'DefaultVersionId'));
    const versions = arr(own(p, 'PolicyVersionList'));
    let vi = versions.findIndex((v) => own(v, 'IsDefaultVersion') === true);
    if (vi < 0 && def) vi = versions.findIndex((v) => own(v, 'VersionId') === def);
    if (vi < 0 && versions.length === 1) vi = 0;
    const doc = vi >= 0 ? readDocument(own(versions[vi], 'Document')) : undefined;
    if (!doc) {
      b?.warn(ISSUE_CODES.INVALID_FIELD, ptr('Policies', i, 'PolicyVersionList'), `policy ${quote(arn)} has no readable default version; its permissions are unknown`);
      return;
    }
    if (!into.has(arn)) into.set(arn, { doc, pointer: ptr('Policies', i, 'PolicyVersionList', vi, 'Document'), file });
  });
}

export function isAwsResources(json: unknown): boolean {
  if (!isObj(json)) return false;
  return (
    Array.isArray(own(json, 'Buckets')) ||
    Array.isArray(own(json, 'SecretList')) ||
    (Array.isArray(own(json, 'Functions')) && arr(own(json, 'Functions')).some((f) => str(own(f, 'FunctionArn')))) ||
    Array.isArray(own(json, 'Reservations')) ||
    Array.isArray(own(json, 'DBInstances')) ||
    (Array.isArray(own(json, 'Clusters')) && arr(own(json, 'Clusters')).some((c) => str(own(c, 'ClusterIdentifier')))) ||
    (typeof own(json, 'Policy') === 'string' && /Statement/.test(own(json, 'Policy') as string)) ||
    (str(own(json, 'ARN'))?.startsWith('arn:aws') === true && str(own(json, 'Name')) !== undefined) ||
    (str(own(json, 'Arn'))?.startsWith('arn:') === true && str(own(json, 'Account')) !== undefined && own(json, 'UserId') !== undefined) ||
    (typeof own(json, 'Content') === 'string' && /^user,arn,/.test(own(json, 'Content') as string)) ||
    (typeof own(json, 'Content') === 'string' && own(json, 'ReportFormat') === 'text/csv') ||
    isObj(own(json, 'SummaryMap')) ||
    isGenericAwsOutput(json)
  );
}

/** Keys the importer reads specifically; any other AWS CLI output goes through the generic ARN walk. */
const KNOWN_OUTPUT_KEYS = new Set(['Buckets', 'Owner', 'SecretList', 'Functions', 'Reservations', 'DBInstances', 'Clusters', 'Policy', 'ARN', 'Name', 'Account', 'Arn', 'UserId', 'Content', 'ReportFormat', 'GeneratedTime', 'SummaryMap', 'RevisionId', 'ResourcePolicy']);
const PAGING_KEYS = /^(NextToken|nextToken|Marker|NextMarker|IsTruncated|ResponseMetadata|MaxItems|MaxResults)$/;

/**
 * Other AWS CLI output (`iam list-roles`, `sns list-topics`, `ec2 describe-vpcs`, `ecs list-clusters`…):
 * top-level keys in AWS's casing (`Roles`, `Topics`, `clusterArns`) holding lists.
 */
function isGenericAwsOutput(json: unknown): boolean {
  if (!isObj(json)) return false;
  const keys = Object.keys(json).filter((k) => !PAGING_KEYS.test(k));
  if (keys.length === 0 || keys.length > 6) return false;
  const pascal = (k: string) => /^[A-Z][A-Za-z0-9]*$/.test(k);
  if (!keys.every((k) => pascal(k) || /^[a-z][A-Za-z0-9]*(Arns|Urls|Names|Ids)$/.test(k))) return false;
  const lists = keys.filter((k) => Array.isArray(json[k]));
  if (lists.length === 0) return false;
  // the items look like AWS objects (PascalCase fields) or ARNs / ids
  return lists.every((k) =>
    arr(json[k])
      .slice(0, 5)
      .every((item) => (typeof item === 'string' ? true : isObj(item) && Object.keys(item).length > 0 && Object.keys(item).every(pascal))),
  );
}

/** Walks the lists of any AWS CLI output for ARNs: each becomes a resource node (IAM ones the principal). */
function genericAwsOutput(b: DocBuilder, o: Obj): number {
  let found = 0;
  for (const key of Object.keys(o)) {
    if (KNOWN_OUTPUT_KEYS.has(key) || PAGING_KEYS.test(key)) continue;
    arr(o[key]).forEach((item, i) => {
      const at = ptr(key, i);
      if (typeof item === 'string') {
        if (item.startsWith('arn:')) {
          resourceNode(b, item, at);
          found++;
        }
        return;
      }
      if (!isObj(item)) return;
      // the item's own ARN: `Arn`, `<Singular>Arn` (Topics → TopicArn, Keys → KeyArn), else an ARN field that
      // does not name something else (a role, policy, key, network…)
      const singular = key.replace(/ies$/, 'y').replace(/s$/, '');
      const isArn = (k: string) => typeof item[k] === 'string' && (item[k] as string).startsWith('arn:');
      const arnKey =
        ['Arn', 'ARN', `${singular}Arn`, `${singular}ARN`].find((k) => Object.prototype.hasOwnProperty.call(item, k) && isArn(k)) ??
        Object.keys(item).find((k) => /Arn$/.test(k) && isArn(k) && !/Role|Policy|Kms|Key|Subnet|Vpc|Owner|Source|Target|Parent/.test(k.replace(/Arn$/, '')));
      const arnText = arnKey ? (item[arnKey] as string) : undefined;
      if (!arnText) return;
      const parsed = parseArn(arnText);
      const name = Object.keys(item).find((k) => /Name$/.test(k) && typeof item[k] === 'string');
      const id = resourceNode(b, arnText, at);
      found++;
      const node = b.nodes.get(id);
      if (node && node.stub && parsed?.service !== 'iam') {
        // described here, not just referenced
        node.stub = false;
        delete node.fields.stub;
        if (name) node.fields.name = item[name];
        node.fields.provenance = b.prov(at);
      }
      if (parsed?.service === 'iam') {
        const n = b.nodes.get(id);
        if (n && n.stub) {
          n.stub = false;
          delete n.fields.stub;
          if (name) n.fields.name = item[name];
        }
        const trust = readDocument(own(item, 'AssumeRolePolicyDocument'));
        if (trust) trustPolicy(b, arnText, parsed.account, trust, `${at}/AssumeRolePolicyDocument`, new Set());
      }
      // a role the resource runs as (Lambda-, ECS-, SageMaker-style outputs)
      const role = str(own(item, 'RoleArn')) ?? str(own(item, 'ExecutionRoleArn')) ?? str(own(item, 'TaskRoleArn')) ?? str(own(item, 'Role'));
      if (role?.startsWith('arn:') && parsed?.service !== 'iam') b.edge(id, 'runs_as', principalRef(b, role, at), at);
    });
  }
  return found;
}

// ---------------------------------------------------------------------------------------------------------
// ARNs and resources

interface Arn {
  partition: string;
  service: string;
  region: string;
  account: string;
  resource: string;
}

export function parseArn(arn: string): Arn | undefined {
  const m = /^arn:([^:]*):([^:]*):([^:]*):([^:]*):(.*)$/.exec(arn);
  if (!m) return undefined;
  return { partition: m[1]!, service: m[2]!, region: m[3]!, account: m[4]!, resource: m[5]! };
}

const SERVICE_KIND: Readonly<Record<string, [NodeKind, string]>> = {
  s3: ['data_store', 's3_bucket'],
  dynamodb: ['data_store', 'dynamodb_table'],
  rds: ['data_store', 'rds_database'],
  'rds-db': ['data_store', 'rds_database'],
  redshift: ['data_store', 'redshift_cluster'],
  secretsmanager: ['data_store', 'secrets_manager_secret'],
  ssm: ['data_store', 'ssm_parameter'],
  ecr: ['data_store', 'container_registry'],
  sqs: ['data_store', 'queue'],
  sns: ['data_store', 'topic'],
  logs: ['data_store', 'log_group'],
  glacier: ['data_store', 'archive'],
  es: ['data_store', 'search_domain'],
  kinesis: ['data_store', 'stream'],
  codecommit: ['data_store', 'repository'],
  lambda: ['cloud_resource', 'lambda_function'],
  ec2: ['cloud_resource', 'ec2'],
  ecs: ['cloud_resource', 'ecs'],
  eks: ['cloud_resource', 'eks_cluster'],
  kms: ['cloud_resource', 'kms_key'],
  sagemaker: ['cloud_resource', 'sagemaker'],
  bedrock: ['model', 'bedrock'],
  iam: ['nhi', 'iam'],
  sts: ['nhi', 'sts'],
};

function kindForService(service: string): [NodeKind, string] {
  return lookup(SERVICE_KIND, service) ?? ['cloud_resource', service || 'aws'];
}

/** A resource ARN from a policy, normalised to the thing it names (S3 objects → their bucket). */
function resourceNode(b: DocBuilder, arnText: string, pointer: string): string {
  const arn = parseArn(arnText);
  if (!arn) return b.node(`aws-resource:${arnText}`, 'other', arnText, pointer, { awsResource: arnText, stub: undefined });
  let id = arnText;
  if (arn.service === 's3') {
    const bucket = arn.resource.split('/')[0]!;
    id = `arn:${arn.partition}:s3:::${bucket}`;
    if (arn.resource.includes('/')) {
      // objects inside a bucket: the bucket is the data store
    }
  }
  if (arn.service === 'iam') return principalRef(b, id, pointer);
  const [kind, type] = kindForService(arn.service);
  const wildcard = /[*?]/.test(id);
  const name = wildcard ? `${arn.service} resources matching ${id}` : resourceName(arn, id);
  const fields: Record<string, unknown> = { arn: id, awsService: arn.service, ...(kind === 'data_store' ? { storeType: type } : kind === 'cloud_resource' ? { resourceType: type } : {}) };
  if (wildcard) fields.awsResourcePattern = id;
  if (arn.service === 'secretsmanager') Object.assign(fields, { containsSecrets: true, dataClasses: ['secrets'] });
  return b.node(id, kind, name, pointer, fields, { keys: [`arn:${id}`], stub: !wildcard });
}

function resourceName(arn: Arn, id: string): string {
  if (arn.service === 's3') return parseArn(id)!.resource;
  const r = arn.resource.replace(/^[a-z-]+[:/]/, '');
  return r || id;
}

/** A node for an IAM principal ARN (role, user, group, root), created as a stub when not described here. */
function principalRef(b: DocBuilder, arnText: string, pointer: string): string {
  const arn = parseArn(arnText);
  const res = arn?.resource ?? '';
  if (b.has(arnText)) return arnText;
  if (/[*?]/.test(arnText)) {
    return b.node(arnText, 'nhi', `IAM principals matching ${arnText}`, pointer, { arn: arnText, awsService: 'iam', awsResourcePattern: arnText });
  }
  if (res === 'root') return accountRoot(b, arn!.account, undefined, pointer);
  const type = res.split('/')[0];
  const kind: NodeKind = type === 'user' ? 'human' : type === 'group' ? 'group' : 'nhi';
  const name = res.split('/').pop() || arnText;
  return b.node(arnText, kind, name, pointer, { arn: arnText, awsType: type }, { keys: [`arn:${arnText}`], stub: true });
}

function accountRoot(b: DocBuilder, account: string, relativeTo: string | undefined, pointer: string): string {
  const id = `arn:aws:iam::${account}:root`;
  const cross = relativeTo !== undefined && relativeTo !== account;
  if (cross || b.has(id) === false) {
    return b.node(id, cross ? 'external' : 'nhi', `AWS account ${account} (root)`, pointer, {
      arn: id,
      subtype: cross ? 'aws_account' : 'aws_account_root',
      awsAccount: account,
      ...(cross ? { crossAccount: true } : {}),
    }, { keys: [`arn:${id}`] });
  }
  return id;
}

// ---------------------------------------------------------------------------------------------------------
// Actions

export type Access = 'admin' | 'read' | 'write' | 'delete' | 'invoke';

const READ_VERB = /^(Get|List|Describe|Head|Search|Query|Scan|Select|BatchGet|Lookup|View|Download|Read|Retrieve|Decrypt|Export|Filter|Check|Validate|Estimate|Preview|Detect|Verify|Discover|Poll|Receive|Subscribe)/;
const ADMIN_SERVICES = new Set(['iam', 'sts', 'organizations', 'sso', 'identitystore', 'cognito-idp']);

/** Maps one IAM action (`s3:GetObject`, `s3:Get*`, `*`) to the access it grants. */
export function classifyAction(action: string): Access[] {
  if (action === '*') return ['admin'];
  const i = action.indexOf(':');
  const service = (i >= 0 ? action.slice(0, i) : action).toLowerCase();
  const verb = i >= 0 ? action.slice(i + 1) : '*';
  if (verb === '*') return ['admin'];
  if (verb.startsWith('*') || verb.startsWith('?')) return ['read', 'write'];
  if (/^(Invoke|Execute|StartExecution|RunTask|SendCommand|StartSession|Connect)/.test(verb)) return ['invoke'];
  if (READ_VERB.test(verb)) return ['read'];
  if (ADMIN_SERVICES.has(service) || /^PassRole/.test(verb)) return ['admin'];
  if (/^Delete|^Terminate|^Remove|^Purge|^Destroy/.test(verb)) return ['delete'];
  return ['write'];
}

function serviceOf(action: string): string {
  if (action === '*') return '*';
  const i = action.indexOf(':');
  return (i >= 0 ? action.slice(0, i) : action).toLowerCase();
}

function globRegex(pattern: string): RegExp {
  return new RegExp(`^${pattern.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*').replace(/\?/g, '.')}$`, 'i');
}

function matchGlob(pattern: string, value: string): boolean {
  return globRegex(pattern).test(value);
}

function actionMatches(pattern: string, action: string): boolean {
  return matchGlob(pattern, action);
}

// ---------------------------------------------------------------------------------------------------------
// Policy documents

function readDocument(doc: unknown): Obj | undefined {
  if (isObj(doc)) return doc;
  if (typeof doc === 'string') {
    for (const text of [doc, safeDecode(doc)]) {
      try {
        const v = JSON.parse(text) as unknown;
        if (isObj(v)) return v;
      } catch {
        // try the next form
      }
    }
  }
  return undefined;
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function statementsOf(doc: Obj): { st: Obj; i: number | undefined }[] {
  const s = own(doc, 'Statement');
  if (Array.isArray(s)) return s.map((st, i) => ({ st, i })).filter((x): x is { st: Obj; i: number } => isObj(x.st));
  if (isObj(s)) return [{ st: s, i: undefined }];
  return [];
}

interface AssumeIntent {
  principal: string;
  account: string;
  patterns: string[];
  pointer: string;
}

interface Ctx {
  b: DocBuilder;
  managed: ManagedPolicies;
  assumeIntents: AssumeIntent[];
  /** Every Allow statement per principal, for the privilege-escalation pass (aws-privesc.ts). */
  grants: Grant[];
}

/** Well-known AWS managed policies, used when the file does not include their documents. */
const KNOWN_MANAGED: Readonly<Record<string, Obj>> = {
  AdministratorAccess: { Statement: [{ Effect: 'Allow', Action: '*', Resource: '*' }] },
  PowerUserAccess: { Statement: [{ Effect: 'Allow', NotAction: ['iam:*', 'organizations:*', 'account:*'], Resource: '*' }] },
  ReadOnlyAccess: { Statement: [{ Effect: 'Allow', Action: ['*:Get*', '*:List*', '*:Describe*'], Resource: '*' }] },
  ViewOnlyAccess: { Statement: [{ Effect: 'Allow', Action: ['*:List*', '*:Describe*'], Resource: '*' }] },
};

function applyPolicy(ctx: Ctx, principal: string, account: string, doc: Obj, pointer: string, policyName: string): void {
  const { b } = ctx;
  for (const { st, i } of statementsOf(doc)) {
    const at = i === undefined ? `${pointer}/Statement` : `${pointer}/Statement/${i}`;
    const effect = own(st, 'Effect');
    if (effect === 'Deny') {
      b.approx(at, `Deny statement in ${quote(policyName)} is not subtracted from the allows; ${principal}'s permissions may be overstated`);
      continue;
    }
    if (effect !== 'Allow') {
      b.warn(ISSUE_CODES.INVALID_FIELD, `${at}/Effect`, `statement without Effect "Allow" or "Deny"; ignored`);
      continue;
    }
    let actions = strList(own(st, 'Action'));
    const notActions = strList(own(st, 'NotAction'));
    ctx.grants.push({
      principal,
      account,
      actions,
      notActions,
      resources: strList(own(st, 'Resource')),
      notResources: strList(own(st, 'NotResource')),
      pointer: at,
      file: b.provFile,
      policy: policyName,
      conditional: own(st, 'Condition') !== undefined,
    });
    if (notActions.length > 0) {
      b.approx(`${at}/NotAction`, `NotAction ${quote(notActions.join(', '))} in ${quote(policyName)} is read as "every action" (over-approximation)`);
      actions = ['*'];
    }
    let resources = strList(own(st, 'Resource'));
    if (own(st, 'NotResource') !== undefined) {
      b.approx(`${at}/NotResource`, `NotResource in ${quote(policyName)} is read as "every resource" (over-approximation)`);
      resources = ['*'];
    }
    if (actions.length === 0 || resources.length === 0) continue;
    const conditional = own(st, 'Condition') !== undefined;
    const bySvc = new Map<string, string[]>();
    for (const a of actions) {
      const s = serviceOf(a);
      if (!bySvc.has(s)) bySvc.set(s, []);
      bySvc.get(s)!.push(a);
    }
    const anyAction = bySvc.has('*') || [...bySvc.keys()].some((s) => s.includes('*'));
    for (const resource of resources) {
      const targets: { id: string; acts: string[] }[] = [];
      if (resource === '*') {
        if (anyAction) {
          const id = b.node(`aws-all:*:${account}`, 'cloud_resource', `Every resource in AWS account ${account}`, at, {
            awsService: '*',
            awsAccount: account,
            awsResourcePattern: '*',
            critical: true,
          });
          targets.push({ id, acts: actions });
        } else {
          for (const [svc, acts] of bySvc) {
            const [kind, type] = kindForService(svc);
            const id = b.node(`aws-all:${svc}:${account}`, kind, `All ${svc} resources in AWS account ${account}`, at, {
              awsService: svc,
              awsAccount: account,
              awsResourcePattern: '*',
              ...(kind === 'data_store' ? { storeType: type } : kind === 'cloud_resource' ? { resourceType: type } : {}),
            });
            targets.push({ id, acts });
          }
        }
      } else {
        const arn = parseArn(resource);
        const svc = arn?.service ?? '';
        const matching = actions.filter((a) => serviceOf(a) === svc || serviceOf(a).includes('*'));
        targets.push({ id: resourceNode(b, resource, at), acts: matching.length > 0 ? matching : actions });
      }
      for (const t of targets) {
        const access = [...new Set(t.acts.flatMap(classifyAction))];
        b.edge(principal, 'has_permission', t.id, at, {
          actions: access.includes('admin') ? ['admin'] : access,
          awsActions: t.acts.slice(0, 100),
          policies: [policyName],
          ...(conditional ? { conditional: true } : {}),
        });
      }
    }
    if (actions.some((a) => actionMatches(a, 'sts:AssumeRole'))) {
      ctx.assumeIntents.push({ principal, account, patterns: resources, pointer: at });
    }
  }
}

function attachManaged(ctx: Ctx, principal: string, account: string, list: unknown, pointer: string): void {
  arr(list).forEach((p, i) => {
    const arn = str(own(p, 'PolicyArn'));
    const name = str(own(p, 'PolicyName')) ?? arn ?? 'policy';
    if (!arn) return;
    const found = ctx.managed.get(arn);
    if (found) {
      // a policy from another page of the output keeps that file in its provenance
      ctx.b.provFile = found.file;
      try {
        applyPolicy(ctx, principal, account, found.doc, found.pointer, name);
      } finally {
        ctx.b.provFile = undefined;
      }
      return;
    }
    const known = /^arn:aws[^:]*:iam::aws:policy\/(?:.*\/)?([^/]+)$/.exec(arn)?.[1];
    if (known && lookup(KNOWN_MANAGED, known)) {
      ctx.b.approx(`${pointer}/${i}`, `AWS managed policy ${quote(known)} is not in the file; its well-known permissions are assumed`);
      applyPolicy(ctx, principal, account, lookup(KNOWN_MANAGED, known)!, `${pointer}/${i}`, known);
      return;
    }
    ctx.b.warn(ISSUE_CODES.MISSING_ENDPOINT, `${pointer}/${i}`, `managed policy ${quote(arn)} is not in the file; its permissions are unknown`);
  });
}

function inline(ctx: Ctx, principal: string, account: string, list: unknown, pointer: string): void {
  arr(list).forEach((p, i) => {
    const doc = readDocument(own(p, 'PolicyDocument'));
    const name = str(own(p, 'PolicyName')) ?? `inline ${i}`;
    if (!doc) {
      ctx.b.warn(ISSUE_CODES.INVALID_FIELD, `${pointer}/${i}/PolicyDocument`, 'policy document is not a JSON object; ignored');
      return;
    }
    applyPolicy(ctx, principal, account, doc, `${pointer}/${i}/PolicyDocument`, name);
  });
}

export function importAwsAuthDetails(json: unknown, b: DocBuilder, shared?: ManagedPolicies): void {
  const ctx: Ctx = { b, managed: new Map(), assumeIntents: [], grants: [] };
  const principals: PrivescPrincipal[] = [];
  const attachedOf = (list: unknown) => arr(list).map((p) => str(own(p, 'PolicyArn'))).filter((x): x is string => x !== undefined);
  for (const key of AUTH_KEYS) {
    const v = own(json, key);
    if (v !== undefined && !Array.isArray(v)) b.error(ISSUE_CODES.NOT_AN_INVENTORY, ptr(key), 'expected a list');
  }
  const local: ManagedPolicies = new Map();
  collectManagedPolicies(json, b.file, local, b);
  for (const [arn, p] of local) ctx.managed.set(arn, p);
  for (const [arn, p] of shared ?? []) if (!ctx.managed.has(arn)) ctx.managed.set(arn, p);

  const groupArnByName = new Map<string, string>();
  arr(own(json, 'GroupDetailList')).forEach((g, i) => {
    const at = ptr('GroupDetailList', i);
    const arn = str(own(g, 'Arn'));
    const name = str(own(g, 'GroupName')) ?? arn;
    if (!arn || !name) {
      b.warn(ISSUE_CODES.INVALID_NODE, at, 'group without Arn or GroupName; ignored');
      return;
    }
    groupArnByName.set(name, arn);
    const account = parseArn(arn)?.account ?? '';
    checkAccount(b, account, `${at}/Arn`);
    principals.push({ arn, type: 'group', name, account, groups: [], trusted: new Set(), attached: attachedOf(own(g, 'AttachedManagedPolicies')) });
    b.node(arn, 'group', name, at, { arn, awsType: 'group', awsAccount: account, groupId: str(own(g, 'GroupId')) }, { keys: [`arn:${arn}`] });
    inline(ctx, arn, account, own(g, 'GroupPolicyList'), `${at}/GroupPolicyList`);
    attachManaged(ctx, arn, account, own(g, 'AttachedManagedPolicies'), `${at}/AttachedManagedPolicies`);
  });

  arr(own(json, 'UserDetailList')).forEach((u, i) => {
    const at = ptr('UserDetailList', i);
    const arn = str(own(u, 'Arn'));
    const name = str(own(u, 'UserName')) ?? arn;
    if (!arn || !name) {
      b.warn(ISSUE_CODES.INVALID_NODE, at, 'user without Arn or UserName; ignored');
      return;
    }
    const account = parseArn(arn)?.account ?? '';
    checkAccount(b, account, `${at}/Arn`);
    const userGroups = strList(own(u, 'GroupList')).map((gname) => groupArnByName.get(gname) ?? `arn:aws:iam::${account}:group/${gname}`);
    principals.push({ arn, type: 'user', name, account, groups: userGroups, trusted: new Set(), attached: attachedOf(own(u, 'AttachedManagedPolicies')) });
    b.node(arn, 'human', name, at, {
      arn,
      awsType: 'user',
      awsAccount: account,
      userId: str(own(u, 'UserId')),
      createdAt: str(own(u, 'CreateDate')),
      tags: tagsOf(own(u, 'Tags')),
      permissionsBoundary: str(own(own(u, 'PermissionsBoundary'), 'PermissionsBoundaryArn')),
    }, { keys: [`arn:${arn}`] });
    if (own(u, 'PermissionsBoundary') !== undefined) b.approx(`${at}/PermissionsBoundary`, 'permissions boundaries are recorded but not applied');
    strList(own(u, 'GroupList')).forEach((gname, gi) => {
      const garn = groupArnByName.get(gname) ?? `arn:aws:iam::${account}:group/${gname}`;
      if (!groupArnByName.has(gname)) b.node(garn, 'group', gname, `${at}/GroupList/${gi}`, { arn: garn, awsType: 'group' }, { keys: [`arn:${garn}`], stub: true });
      b.edge(arn, 'member_of', garn, `${at}/GroupList/${gi}`);
    });
    inline(ctx, arn, account, own(u, 'UserPolicyList'), `${at}/UserPolicyList`);
    attachManaged(ctx, arn, account, own(u, 'AttachedManagedPolicies'), `${at}/AttachedManagedPolicies`);
  });

  const roles: { arn: string; account: string; trusted: Set<string> }[] = [];
  arr(own(json, 'RoleDetailList')).forEach((r, i) => {
    const at = ptr('RoleDetailList', i);
    const arn = str(own(r, 'Arn'));
    const name = str(own(r, 'RoleName')) ?? arn;
    if (!arn || !name) {
      b.warn(ISSUE_CODES.INVALID_NODE, at, 'role without Arn or RoleName; ignored');
      return;
    }
    const account = parseArn(arn)?.account ?? '';
    checkAccount(b, account, `${at}/Arn`);
    const profiles = arr(own(r, 'InstanceProfileList')).map((p) => str(own(p, 'Arn'))).filter((x): x is string => !!x);
    b.node(arn, 'nhi', name, at, {
      arn,
      subtype: 'iam_role',
      awsType: 'role',
      awsAccount: account,
      roleId: str(own(r, 'RoleId')),
      path: str(own(r, 'Path')),
      createdAt: str(own(r, 'CreateDate')),
      tags: tagsOf(own(r, 'Tags')),
      instanceProfiles: profiles.length > 0 ? profiles : undefined,
      permissionsBoundary: str(own(own(r, 'PermissionsBoundary'), 'PermissionsBoundaryArn')),
    }, { keys: [`arn:${arn}`, ...profiles.map((p) => `arn:${p}`)] });
    if (own(r, 'PermissionsBoundary') !== undefined) b.approx(`${at}/PermissionsBoundary`, 'permissions boundaries are recorded but not applied');
    const trusted = new Set<string>();
    const trust = readDocument(own(r, 'AssumeRolePolicyDocument'));
    if (trust) trustPolicy(b, arn, account, trust, `${at}/AssumeRolePolicyDocument`, trusted);
    roles.push({ arn, account, trusted });
    principals.push({ arn, type: 'role', name, account, groups: [], trusted, attached: attachedOf(own(r, 'AttachedManagedPolicies')) });
    inline(ctx, arn, account, own(r, 'RolePolicyList'), `${at}/RolePolicyList`);
    attachManaged(ctx, arn, account, own(r, 'AttachedManagedPolicies'), `${at}/AttachedManagedPolicies`);
  });

  // Identity-side sts:AssumeRole meets a trust policy that trusts the caller or the caller's account.
  // Many principals × many roles would be quadratic, so a pattern that opens more than a few roles goes
  // through one hub node per (account, patterns): principal → hub → each role. Reach is the same.
  const HUB_AT = 4;
  const matchCache = new Map<string, { arn: string; account: string; trusted: Set<string> }[]>();
  const hubs = new Map<string, string>();
  const regexes = new Map<string, RegExp>();
  const re = (p: string) => {
    let r = regexes.get(p);
    if (!r) {
      r = globRegex(p);
      regexes.set(p, r);
    }
    return r;
  };
  const trustCache = new Map<string, { viaAccount: { arn: string }[]; inSet: Set<string>; setKey: string }>();
  for (const intent of ctx.assumeIntents) {
    const key = intent.patterns.includes('*') ? '*' : intent.patterns.join('\u0000');
    let matching = matchCache.get(key);
    if (!matching) {
      matching = intent.patterns.includes('*') ? roles : roles.filter((role) => intent.patterns.some((p) => re(p).test(role.arn)));
      matchCache.set(key, matching);
    }
    const tkey = `${key}\u0001${intent.account}`;
    let trust = trustCache.get(tkey);
    if (!trust) {
      const viaAccount = matching.filter((role) => role.trusted.has(`arn:aws:iam::${intent.account}:root`) || role.trusted.has('*'));
      trust = { viaAccount, inSet: new Set(viaAccount.map((r) => r.arn)), setKey: viaAccount.map((r) => r.arn).join('\u0000') };
      trustCache.set(tkey, trust);
    }
    const { viaAccount, inSet, setKey } = trust;
    for (const role of matching) {
      if (role.trusted.has(intent.principal) && role.arn !== intent.principal && !inSet.has(role.arn)) {
        b.edge(intent.principal, 'can_assume', role.arn, intent.pointer, { via: 'identity_policy', awsActions: ['sts:AssumeRole'] });
      }
    }
    if (viaAccount.length < HUB_AT) {
      for (const role of viaAccount) {
        if (role.arn !== intent.principal) b.edge(intent.principal, 'can_assume', role.arn, intent.pointer, { via: 'identity_policy', awsActions: ['sts:AssumeRole'] });
      }
      continue;
    }
    // One hub per distinct set of roles, whatever patterns opened it.
    let hub = hubs.get(setKey);
    if (!hub) {
      hub = `aws-assume:${intent.account}:${sha256Hex(setKey).slice(0, 12)}`;
      hubs.set(setKey, hub);
      b.node(hub, 'nhi', `${viaAccount.length} roles in ${intent.account} that trust the account (sts:AssumeRole)`, intent.pointer, {
        subtype: 'assume_role_hub',
        awsAccount: intent.account,
        rolePatterns: intent.patterns,
        roleCount: viaAccount.length,
      });
      for (const role of viaAccount) b.edge(hub, 'can_assume', role.arn, intent.pointer, { via: 'identity_policy+trust_policy' });
    }
    b.edge(intent.principal, 'can_assume', hub, intent.pointer, { via: 'identity_policy', awsActions: ['sts:AssumeRole'] });
  }

  // Privilege escalation (aws-privesc.ts): admins reach their whole account, escalation primitives are edges.
  writePrivescEdges(b, principals, ctx.grants);
  if (principals.length === 0) {
    const lists = AUTH_KEYS.filter((k) => k !== 'Policies' && own(json, k) !== undefined);
    b.warn(
      ISSUE_CODES.INVALID_FIELD,
      lists.length > 0 ? ptr(lists[0]!) : '',
      `no users, groups or roles in this authorization-details file${arr(own(json, 'Policies')).length > 0 ? ` (only ${arr(own(json, 'Policies')).length} managed policies, kept for the principals of other files)` : ''}: it adds no principals`,
    );
  }
}

/** An AWS account id is exactly 12 digits; anything else (a 13-digit typo) is named, not silently used. */
function checkAccount(b: DocBuilder, account: string, at: string): void {
  if (account === '' || account === 'aws' || /^\d{12}$/.test(account)) return;
  b.warn(ISSUE_CODES.INVALID_FIELD, at, `${quote(account)} is not an AWS account id (12 digits${/^\d+$/.test(account) ? `, this one has ${account.length}` : ''}); the principal is kept but will not join other files of its account`);
}

function tagsOf(tags: unknown): string[] | undefined {
  const out = arr(tags)
    .map((t) => (str(own(t, 'Key')) !== undefined ? `${str(own(t, 'Key'))}=${String(own(t, 'Value') ?? '')}` : undefined))
    .filter((x): x is string => x !== undefined);
  return out.length > 0 ? out : undefined;
}

const ASSUME = /^sts:(AssumeRole|AssumeRoleWithWebIdentity|AssumeRoleWithSAML|\*)$|^\*$/i;

function trustPolicy(b: DocBuilder, roleArn: string, account: string, doc: Obj, pointer: string, trusted: Set<string>): void {
  for (const { st, i } of statementsOf(doc)) {
    const at = i === undefined ? `${pointer}/Statement` : `${pointer}/Statement/${i}`;
    if (own(st, 'Effect') === 'Deny') {
      b.approx(at, 'Deny in a trust policy is not subtracted');
      continue;
    }
    if (own(st, 'Effect') !== 'Allow') continue;
    const actions = strList(own(st, 'Action'));
    if (!actions.some((a) => ASSUME.test(a))) continue;
    const conditional = own(st, 'Condition') !== undefined;
    const principal = own(st, 'Principal');
    const extra = { ...(conditional ? { conditional: true, conditionKeys: conditionKeys(own(st, 'Condition')) } : {}), awsActions: actions };
    if (own(st, 'NotPrincipal') !== undefined) b.approx(`${at}/NotPrincipal`, 'NotPrincipal in a trust policy is not modelled');
    const each = (type: string, values: string[], sub: string) => {
      values.forEach((v, vi) => {
        const pat = `${at}/Principal${sub}${values.length > 1 ? `/${vi}` : ''}`;
        let source: string;
        if (type === 'AWS') {
          if (/^\d+$/.test(v) && v.length !== 12) {
            b.warn(ISSUE_CODES.INVALID_FIELD, pat, `${quote(v)} is not an AWS account id (12 digits, this one has ${v.length}); AWS would refuse this trust policy, so no one is let in by it`);
            return;
          }
          if (v === '*') source = anyone(b, pat);
          else if (/^\d{12}$/.test(v)) source = accountRoot(b, v, account, pat);
          else {
            const parsed = parseArn(v);
            if (parsed?.resource === 'root') source = accountRoot(b, parsed.account, account, pat);
            else {
              source = principalRef(b, v, pat);
              if (parsed && parsed.account !== account) b.nodes.get(source)!.fields.crossAccount = true;
            }
          }
        } else if (type === 'Service') {
          source = b.node(`aws-service:${v}`, 'external', v, pat, { subtype: 'aws_service', awsService: v });
        } else if (type === 'Federated') {
          source = b.node(`federated:${v}`, 'external', v.split('/').pop() || v, pat, { subtype: 'federated_idp', provider: v }, { keys: [v.startsWith('arn:') ? `arn:${v}` : undefined] });
        } else if (type === 'CanonicalUser') {
          source = b.node(`aws-canonical:${v}`, 'external', `canonical user ${v.slice(0, 12)}`, pat, { subtype: 'aws_canonical_user' });
        } else return;
        trusted.add(v === '*' ? '*' : /^\d{12}$/.test(v) ? `arn:aws:iam::${v}:root` : v);
        b.edge(source, 'can_assume', roleArn, at, { ...extra, via: 'trust_policy' });
      });
    };
    if (principal === '*') each('AWS', ['*'], '');
    else if (isObj(principal)) for (const type of Object.keys(principal)) each(type, strList(principal[type]), `/${type}`);
  }
}

function conditionKeys(cond: unknown): string[] {
  const out: string[] = [];
  if (isObj(cond)) for (const op of Object.keys(cond)) for (const k of Object.keys(isObj(cond[op]) ? (cond[op] as Obj) : {})) out.push(`${op}:${k}`);
  return out;
}

function anyone(b: DocBuilder, pointer: string): string {
  return b.node('aws:anyone', 'external', 'Any AWS principal (*)', pointer, { subtype: 'anonymous', trust: 'anonymous' });
}

// ---------------------------------------------------------------------------------------------------------
// Companion files

export function importAwsResources(json: unknown, b: DocBuilder): void {
  const o = json as Obj;
  arr(own(o, 'Buckets')).forEach((bk, i) => {
    const name = str(own(bk, 'Name'));
    if (!name) return;
    const arn = `arn:aws:s3:::${name}`;
    b.node(arn, 'data_store', name, ptr('Buckets', i), { arn, awsService: 's3', storeType: 's3_bucket', createdAt: str(own(bk, 'CreationDate')) }, { keys: [`arn:${arn}`] });
  });
  arr(own(o, 'SecretList')).forEach((s, i) => {
    const arn = str(own(s, 'ARN'));
    if (!arn) return;
    secretNode(b, arn, str(own(s, 'Name')), ptr('SecretList', i), s);
  });
  arr(own(o, 'Functions')).forEach((f, i) => {
    const at = ptr('Functions', i);
    const arn = str(own(f, 'FunctionArn'));
    if (!arn) return;
    const envVars = own(own(f, 'Environment'), 'Variables');
    const names = isObj(envVars) ? Object.keys(envVars) : [];
    const id = b.node(arn, 'cloud_resource', str(own(f, 'FunctionName')) ?? arn, at, {
      arn,
      awsService: 'lambda',
      resourceType: 'lambda_function',
      runtime: str(own(f, 'Runtime')),
      envVars: names.length > 0 ? names : undefined,
      networkEgress: own(own(f, 'VpcConfig'), 'VpcId') ? undefined : true,
    }, { keys: [`arn:${arn}`] });
    const role = str(own(f, 'Role'));
    if (role) b.edge(id, 'runs_as', principalRef(b, role, `${at}/Role`), `${at}/Role`);
    for (const n of names) {
      const v = (envVars as Obj)[n];
      if (typeof v === 'string' && v !== '' && isSecretName(n)) {
        const cred = b.secretCredential(v, `${at}/Environment/Variables/${n}`, { name: n, variable: n, storage: 'config_plaintext', credType: 'env_secret' });
        b.edge(id, 'uses_credential', cred, `${at}/Environment/Variables/${n}`);
        b.nodes.get(id)!.fields.credentialsInEnv = true;
      }
    }
  });
  arr(own(o, 'Reservations')).forEach((r, ri) => {
    const owner = str(own(r, 'OwnerId')) ?? '';
    arr(own(r, 'Instances')).forEach((inst, ii) => {
      const at = ptr('Reservations', ri, 'Instances', ii);
      const iid = str(own(inst, 'InstanceId'));
      if (!iid) return;
      const region = (str(own(own(inst, 'Placement'), 'AvailabilityZone')) ?? '').replace(/[a-z]$/, '');
      const arn = `arn:aws:ec2:${region}:${owner}:instance/${iid}`;
      const nameTag = arr(own(inst, 'Tags')).find((t) => own(t, 'Key') === 'Name');
      const publicIp = str(own(inst, 'PublicIpAddress'));
      const id = b.node(arn, 'cloud_resource', str(own(nameTag, 'Value')) ?? iid, at, {
        arn,
        awsService: 'ec2',
        resourceType: 'ec2_instance',
        instanceId: iid,
        exposure: publicIp ? 'public' : 'internal',
        publicIp,
        state: str(own(own(inst, 'State'), 'Name')),
      }, { keys: [`arn:${arn}`] });
      const profile = str(own(own(inst, 'IamInstanceProfile'), 'Arn'));
      if (profile) {
        const pid = b.node(profile, 'nhi', profile.split('/').pop(), `${at}/IamInstanceProfile`, { arn: profile, awsType: 'instance-profile' }, { keys: [`arn:${profile}`], stub: true });
        b.edge(id, 'runs_as', pid, `${at}/IamInstanceProfile`);
      }
    });
  });
  arr(own(o, 'DBInstances')).forEach((d, i) => {
    const at = ptr('DBInstances', i);
    const arn = str(own(d, 'DBInstanceArn'));
    const ident = str(own(d, 'DBInstanceIdentifier'));
    if (!arn && !ident) return;
    const id = arn ?? `aws:rds:db/${ident}`;
    b.node(id, 'data_store', ident ?? id, at, {
      arn,
      awsService: 'rds',
      storeType: 'rds_database',
      engine: str(own(d, 'Engine')),
      exposure: own(d, 'PubliclyAccessible') === true ? 'public' : 'internal',
      encrypted: own(d, 'StorageEncrypted'),
    }, { keys: [arn ? `arn:${arn}` : undefined] });
  });
  arr(own(o, 'Clusters')).forEach((c, i) => {
    const at = ptr('Clusters', i);
    const ident = str(own(c, 'ClusterIdentifier'));
    if (!ident) return;
    const arn = str(own(c, 'ClusterArn'));
    const id = arn ?? `aws:redshift:cluster/${ident}`;
    b.node(id, 'data_store', ident, at, {
      arn,
      awsService: 'redshift',
      storeType: 'redshift_cluster',
      exposure: own(c, 'PubliclyAccessible') === true ? 'public' : 'internal',
      encrypted: own(c, 'Encrypted'),
    }, { keys: [arn ? `arn:${arn}` : undefined] });
    arr(own(c, 'IamRoles')).forEach((r, ri) => {
      const role = str(own(r, 'IamRoleArn'));
      if (role) b.edge(id, 'runs_as', principalRef(b, role, `${at}/IamRoles/${ri}`), `${at}/IamRoles/${ri}`);
    });
  });
  if (typeof own(o, 'Policy') === 'string') resourcePolicy(b, own(o, 'Policy') as string, '/Policy', undefined);
  const secretArn = str(own(o, 'ARN'));
  if (secretArn?.includes(':secretsmanager:')) {
    secretNode(b, secretArn, str(own(o, 'Name')), '', o);
    if (typeof own(o, 'ResourcePolicy') === 'string') resourcePolicy(b, own(o, 'ResourcePolicy') as string, '/ResourcePolicy', secretArn);
  }
  if (str(own(o, 'Account')) && str(own(o, 'Arn'))) principalRef(b, own(o, 'Arn') as string, '');
  if (typeof own(o, 'Content') === 'string') credentialReport(b, own(o, 'Content') as string);
  if (isObj(own(o, 'SummaryMap'))) {
    b.warn(ISSUE_CODES.INVALID_FIELD, '/SummaryMap', 'an IAM account summary holds counts only; nothing to map into the graph');
  }
  if (Object.keys(o).some((k) => !KNOWN_OUTPUT_KEYS.has(k) && !PAGING_KEYS.test(k))) {
    const found = genericAwsOutput(b, o);
    if (found === 0) b.warn(ISSUE_CODES.INVALID_FIELD, '$', 'AWS output with no ARNs in its lists; nothing to map into the graph');
  }
}

function secretNode(b: DocBuilder, arn: string, name: string | undefined, at: string, s: unknown): string {
  return b.node(arn, 'data_store', name ?? arn, at, {
    arn,
    awsService: 'secretsmanager',
    storeType: 'secrets_manager_secret',
    containsSecrets: true,
    dataClasses: ['secrets'],
    sensitivity: 'restricted',
    tags: tagsOf(own(s, 'Tags')),
    lastRotated: str(own(s, 'LastRotatedDate')),
  }, { keys: [`arn:${arn}`] });
}

function resourcePolicy(b: DocBuilder, text: string, at: string, fallbackResource: string | undefined): void {
  const doc = readDocument(text);
  if (!doc) {
    b.warn(ISSUE_CODES.INVALID_FIELD, at, 'policy is not a JSON document; ignored');
    return;
  }
  for (const { st, i } of statementsOf(doc)) {
    const sat = `${at}${i === undefined ? '' : `/Statement/${i}`}`;
    if (own(st, 'Effect') === 'Deny') {
      b.approx(sat, 'Deny in a resource policy is not subtracted');
      continue;
    }
    if (own(st, 'Effect') !== 'Allow') continue;
    const actions = strList(own(st, 'Action'));
    const resources = strList(own(st, 'Resource'));
    if (resources.length === 0 && fallbackResource) resources.push(fallbackResource);
    const principal = own(st, 'Principal');
    const sources: string[] = [];
    const add = (type: string, v: string) => {
      if (type === 'AWS') {
        if (v === '*') sources.push(anyone(b, sat));
        else if (/^\d{12}$/.test(v)) sources.push(accountRoot(b, v, undefined, sat));
        else sources.push(principalRef(b, v, sat));
      } else if (type === 'Service') sources.push(b.node(`aws-service:${v}`, 'external', v, sat, { subtype: 'aws_service', awsService: v }));
    };
    if (principal === '*') add('AWS', '*');
    else if (isObj(principal)) for (const type of Object.keys(principal)) for (const v of strList(principal[type])) add(type, v);
    const access = [...new Set(actions.flatMap(classifyAction))];
    for (const r of resources) {
      const target = resourceNode(b, r, sat);
      for (const s of sources) {
        b.edge(s, 'has_permission', target, sat, {
          actions: access.includes('admin') ? ['admin'] : access,
          awsActions: actions,
          via: 'resource_policy',
          ...(own(st, 'Condition') !== undefined ? { conditional: true } : {}),
        });
      }
    }
  }
}

function credentialReport(b: DocBuilder, content: string): void {
  let text = content;
  if (!/^user,/.test(text)) {
    try {
      text = atob(text);
    } catch {
      b.warn(ISSUE_CODES.INVALID_FIELD, '/Content', 'credential report is neither CSV nor base64 CSV; ignored');
      return;
    }
  }
  const lines = text.split(/\r?\n/).filter((l) => l !== '');
  const header = (lines[0] ?? '').split(',');
  const col = (row: string[], name: string) => row[header.indexOf(name)];
  lines.slice(1).forEach((line, i) => {
    const row = line.split(',');
    const arn = col(row, 'arn');
    if (!arn) return;
    const at = `/Content/row${i + 1}`;
    const user = col(row, 'user') ?? arn;
    const isRoot = user === '<root_account>';
    const id = isRoot
      ? b.node(arn, 'nhi', `AWS account ${parseArn(arn)?.account ?? ''} (root)`, at, { arn, subtype: 'aws_account_root', awsAccount: parseArn(arn)?.account, privileged: true, mfa: col(row, 'mfa_active') === 'true' }, { keys: [`arn:${arn}`] })
      : b.node(arn, 'human', user, at, { arn, awsType: 'user', mfa: col(row, 'mfa_active') === 'true', passwordEnabled: col(row, 'password_enabled') === 'true' }, { keys: [`arn:${arn}`] });
    for (const n of [1, 2]) {
      if (col(row, `access_key_${n}_active`) !== 'true') continue;
      const rotated = col(row, `access_key_${n}_last_rotated`);
      const used = col(row, `access_key_${n}_last_used_date`);
      const cid = b.node(`cred:aws-access-key:${arn}#${n}`, 'credential', `${user} access key ${n}`, at, {
        credType: 'aws_access_key',
        lastRotated: rotated && rotated !== 'N/A' ? rotated : undefined,
        lastUsed: used && used !== 'N/A' ? used : undefined,
      });
      b.edge(cid, 'authenticates_as', id, at);
    }
  });
}
