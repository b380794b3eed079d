/**
 * Joins across domains, never guesses: after merge.ts has folded nodes with the same id or join key, this links
 * what is provably connected, each with its proof on the edge (`join`, `because`, `provenance` of both ends) and
 * one record in the import report (`ImportResult.joins`, and each involved file's report):
 *
 * - an MCP server whose env names `AWS_PROFILE` / `AWS_DEFAULT_PROFILE` (or whose launch says `--profile X`)
 *   `runs_as` that profile of an imported `~/.aws/config`; `AWS_ROLE_ARN` → `runs_as` that role; an access key id
 *   in its env is the same credential node as the same key id in `~/.aws/credentials` (same fingerprint id);
 * - a credential whose fingerprint appears in two files is one credential (reported);
 * - accounts of one person across IdP, SaaS and cloud collectors (the same e-mail or UPN on distinct account
 *   nodes) → one `person:<email>` node that `can_assume` each account (each account kept as it was);
 * - an A2A card and an MCP server or agent of the same URL (folded by merge.ts on `url:` keys: reported);
 * - a CycloneDX component with an MCP server's package name and version → the server `depends_on` it;
 * - an IAM Identity Center profile (`aws-sso:<account>:<permission set>`) → the `AWSReservedSSO_<set>_…` role of
 *   that account; an account admin node (`aws-all:*:<account>`) → every principal of that account in any file.
 */
import { fingerprint } from './fingerprint.ts';
import { parseConnectionString } from './infer.ts';
import type { MergedDoc } from './merge.ts';
import { rec } from './util.ts';

export interface JoinRecord {
  /** `aws-profile`, `aws-role-arn`, `same-credential`, `same-person`, `same-url`, `bom-package`, `aws-sso-role`, `account-admin`. */
  readonly kind: string;
  readonly from: string;
  readonly to: string;
  /** The edge added (`source|kind|target`), or none when the join is a fold merge.ts already made. */
  readonly edge?: string;
  readonly because: string;
  /** The files both ends come from. */
  readonly files: readonly string[];
}

type Rec = Record<string, unknown>;

/** Non-secret AWS settings of an MCP server's env, for the join (mcp.ts keeps env names only otherwise). */
export function awsEnvHints(env: unknown): { awsProfile?: string; awsRoleArn?: string; awsRegion?: string; accessKeyIdFingerprint?: string; connectionTargets?: string[] } {
  if (!env || typeof env !== 'object' || Array.isArray(env)) return {};
  const e = env as Record<string, unknown>;
  const plain = (k: string) => {
    const v = e[k];
    return typeof v === 'string' && v.trim() !== '' && !/^\$|^\$\{|<|your|xxx/i.test(v.trim()) && v.length <= 200 ? v.trim() : undefined;
  };
  const profile = plain('AWS_PROFILE') ?? plain('AWS_DEFAULT_PROFILE');
  const role = plain('AWS_ROLE_ARN');
  const region = plain('AWS_REGION') ?? plain('AWS_DEFAULT_REGION');
  const keyId = plain('AWS_ACCESS_KEY_ID');
  // database connection strings in env values, without user, password or query (for infer.ts)
  const targets: string[] = [];
  for (const k of Object.keys(e)) {
    const v = e[k];
    if (typeof v !== 'string' || v.length > 2000) continue;
    const db = parseConnectionString(v);
    if (db && db.engine !== 'SQLite') targets.push(db.key);
  }
  return {
    ...(targets.length > 0 ? { connectionTargets: [...new Set(targets)] } : {}),
    ...(keyId && /^(AKIA|ASIA)[A-Z0-9]{12,}$/.test(keyId) ? { accessKeyIdFingerprint: fingerprint(keyId) } : {}),
    ...(profile && /^[A-Za-z0-9_.@+=,-]+$/.test(profile) ? { awsProfile: profile } : {}),
    ...(role && /^arn:aws[a-z-]*:iam::\d{12}:role\//.test(role) ? { awsRoleArn: role } : {}),
    ...(region && /^[a-z]{2}(-[a-z]+)+-\d$/.test(region) ? { awsRegion: region } : {}),
  };
}

const fileOf = (n: Rec | undefined): string[] => {
  if (!n) return [];
  const all = Array.isArray(n.provenanceAll) ? (n.provenanceAll as unknown[]) : [n.provenance];
  return [...new Set(all.filter((p): p is string => typeof p === 'string').map((p) => p.slice(0, p.indexOf('#') >= 0 ? p.indexOf('#') : p.length)))];
};

export function joinAcrossDomains(docs: readonly MergedDoc[]): JoinRecord[] {
  const nodes = new Map<string, { node: Rec; doc: MergedDoc }>();
  for (const d of docs) for (const n of d.nodes) nodes.set(n.id as string, { node: n, doc: d });
  const edgeKeys = new Set<string>();
  for (const d of docs) for (const e of d.edges) edgeKeys.add(`${String(e.source)}|${String(e.kind)}|${String(e.target)}`);
  const out: JoinRecord[] = [];
  const addEdge = (doc: MergedDoc, source: string, kind: string, target: string, join: string, because: string, fields: Rec = {}): string | undefined => {
    const key = `${source}|${kind}|${target}`;
    if (edgeKeys.has(key) || source === target) return undefined;
    edgeKeys.add(key);
    const e = rec();
    e.source = source;
    e.target = target;
    e.kind = kind;
    e.join = join;
    e.because = because;
    const s = nodes.get(source)?.node;
    const t = nodes.get(target)?.node;
    const provs = [s?.provenance, t?.provenance].filter((p): p is string => typeof p === 'string');
    if (provs[0]) e.provenance = provs[0];
    if (provs.length > 1) e.provenanceAll = provs;
    Object.assign(e, fields);
    doc.edges.push(e);
    return key;
  };
  const record = (kind: string, from: string, to: string, because: string, edge?: string) =>
    out.push({ kind, from, to, ...(edge ? { edge } : {}), because, files: [...new Set([...fileOf(nodes.get(from)?.node), ...fileOf(nodes.get(to)?.node)])] });

  // 1. MCP servers and AWS profiles / roles.
  for (const { node, doc } of nodes.values()) {
    if (node.kind !== 'mcp_server' && node.kind !== 'ai_agent') continue;
    const launchProfile = typeof node.launch === 'string' ? /(?:^|\s)--profile[= ](\S+)/.exec(node.launch)?.[1] : undefined;
    const profile = typeof node.awsProfile === 'string' ? node.awsProfile : launchProfile;
    if (profile) {
      const target = nodes.get(`aws-profile:${profile}`);
      if (target && target.node.stub !== true) {
        const because = `${typeof node.awsProfile === 'string' ? `env AWS_PROFILE=${profile}` : `launch argument --profile ${profile}`} of ${String(node.name ?? node.id)} names profile ${profile}, defined in ${fileOf(target.node).join(', ')}`;
        const edge = addEdge(doc, node.id as string, 'runs_as', target.node.id as string, 'aws-profile', because);
        record('aws-profile', node.id as string, target.node.id as string, because, edge);
      }
    }
    if (typeof node.awsRoleArn === 'string') {
      const target = nodes.get(node.awsRoleArn);
      if (target) {
        const because = `env AWS_ROLE_ARN of ${String(node.name ?? node.id)} names role ${node.awsRoleArn}`;
        const edge = addEdge(doc, node.id as string, 'runs_as', node.awsRoleArn, 'aws-role-arn', because);
        record('aws-role-arn', node.id as string, node.awsRoleArn, because, edge);
      }
    }
  }

  // 1b. An access key id in an MCP server's env is the credential of that key id in ~/.aws/credentials.
  const byKeyId = new Map<string, Rec>();
  for (const { node } of nodes.values()) if (node.kind === 'credential' && typeof node.accessKeyIdFingerprint === 'string') byKeyId.set(node.accessKeyIdFingerprint, node);
  for (const { node, doc } of nodes.values()) {
    if (node.kind === 'credential' || typeof node.accessKeyIdFingerprint !== 'string') continue;
    const cred = byKeyId.get(node.accessKeyIdFingerprint);
    if (!cred) continue;
    const because = `the access key id in the env of ${String(node.name ?? node.id)} has fingerprint ${node.accessKeyIdFingerprint}, the key of ${String(cred.name ?? cred.id)}`;
    const edge = addEdge(doc, node.id as string, 'uses_credential', cred.id as string, 'same-credential', because);
    record('same-credential', node.id as string, cred.id as string, because, edge);
  }

  // 2. One credential seen in several files (same fingerprint id), and 4. same URL folds.
  for (const { node } of nodes.values()) {
    const files = fileOf(node);
    if (files.length < 2) continue;
    if (node.kind === 'credential' && typeof node.fingerprint === 'string') {
      record('same-credential', node.id as string, node.id as string, `fingerprint ${node.fingerprint} appears in ${files.join(' and ')}: one credential`);
    } else if ((node.kind === 'ai_agent' || node.kind === 'mcp_server') && typeof node.url === 'string') {
      record('same-url', node.id as string, node.id as string, `${files.join(' and ')} describe the same endpoint ${node.url}`);
    }
  }

  // 3. One person across collectors.
  const byEmail = new Map<string, { id: string; field: string }[]>();
  for (const { node } of nodes.values()) {
    if (node.kind !== 'human' && node.kind !== 'nhi') continue;
    if (node.subtype === 'person') continue;
    for (const { field, value } of emailsOf(node)) {
      const list = byEmail.get(value) ?? [];
      if (!list.some((x) => x.id === node.id)) list.push({ id: node.id as string, field });
      byEmail.set(value, list);
    }
  }
  for (const [email, accounts] of byEmail) {
    if (accounts.length < 2) continue;
    // across collectors: the accounts come from at least two files (one export listing a mail twice is not a join)
    if (new Set(accounts.flatMap((a) => fileOf(nodes.get(a.id)!.node).slice(0, 1))).size < 2) continue;
    const first = nodes.get(accounts[0]!.id)!;
    const personId = `person:${email}`;
    if (!nodes.has(personId)) {
      const p = rec();
      p.id = personId;
      p.kind = 'human';
      p.name = email;
      p.subtype = 'person';
      p.email = email;
      p.join = 'same-person';
      p.because = `${accounts.length} accounts share the e-mail or UPN ${email}`;
      if (typeof first.node.provenance === 'string') p.provenance = first.node.provenance;
      first.doc.nodes.push(p);
      nodes.set(personId, { node: p, doc: first.doc });
    }
    for (const a of accounts) {
      const because = `${a.field} of ${String(nodes.get(a.id)!.node.name ?? a.id)} is ${email}`;
      const edge = addEdge(first.doc, personId, 'can_assume', a.id, 'same-person', because);
      record('same-person', personId, a.id, because, edge);
    }
  }

  // 5. CycloneDX components with an MCP server's package and version.
  const packages = new Map<string, string[]>();
  for (const { node } of nodes.values()) {
    if (node.kind !== 'package' || typeof node.version !== 'string') continue;
    for (const name of packageNames(node)) {
      const k = `${name}@${node.version}`;
      packages.set(k, [...(packages.get(k) ?? []), node.id as string]);
    }
  }
  if (packages.size > 0) {
    for (const { node, doc } of nodes.values()) {
      if (node.kind !== 'mcp_server' || typeof node.package !== 'string') continue;
      const version = serverVersion(node);
      if (!version) continue; // an unpinned server could be any version: no join
      for (const pkg of packages.get(`${node.package.toLowerCase()}@${version}`) ?? []) {
        const because = `${String(node.name ?? node.id)} launches ${node.package}@${version}, the component ${String(nodes.get(pkg)!.node.name ?? pkg)} ${version} of the BOM`;
        const edge = addEdge(doc, node.id as string, 'depends_on', pkg, 'bom-package', because);
        record('bom-package', node.id as string, pkg, because, edge);
      }
    }
  }

  // 6. AWS: Identity Center roles, and account admins over every file's principals.
  const rolesByAccount = new Map<string, Rec[]>();
  const principalsByAccount = new Map<string, Rec[]>();
  for (const { node } of nodes.values()) {
    const arn = typeof node.arn === 'string' ? node.arn : undefined;
    const m = arn ? /^arn:aws[a-z-]*:iam::(\d{12}):(user|role|group)\//.exec(arn) : null;
    if (!m) continue;
    principalsByAccount.set(m[1]!, [...(principalsByAccount.get(m[1]!) ?? []), node]);
    if (m[2] === 'role') rolesByAccount.set(m[1]!, [...(rolesByAccount.get(m[1]!) ?? []), node]);
  }
  for (const { node, doc } of nodes.values()) {
    if (node.subtype !== 'sso_permission_set' || typeof node.awsAccount !== 'string' || typeof node.permissionSet !== 'string') continue;
    const prefix = `AWSReservedSSO_${node.permissionSet}_`;
    for (const role of rolesByAccount.get(node.awsAccount) ?? []) {
      const name = String(role.arn).split('/').pop()!;
      if (!name.startsWith(prefix) || !/^[0-9a-f]{16}$/.test(name.slice(prefix.length))) continue;
      const because = `IAM Identity Center names the role of permission set ${node.permissionSet} in ${node.awsAccount} ${name}`;
      const edge = addEdge(doc, node.id as string, 'can_assume', role.id as string, 'aws-sso-role', because);
      record('aws-sso-role', node.id as string, role.id as string, because, edge);
    }
  }
  for (const { node, doc } of nodes.values()) {
    const m = /^aws-all:\*:(\d{12})$/.exec(String(node.id));
    if (!m) continue;
    let added = 0;
    for (const p of principalsByAccount.get(m[1]!) ?? []) {
      if (addEdge(doc, node.id as string, 'has_permission', p.id as string, 'account-admin', `an admin of account ${m[1]} can act as any of its principals`, { actions: ['admin'], via: 'account_admin' })) added++;
    }
    if (added > 0) record('account-admin', node.id as string, node.id as string, `the admin node of account ${m[1]} now controls ${added} principals described in other files`);
  }
  return out;
}

function emailsOf(node: Rec): { field: string; value: string }[] {
  const out: { field: string; value: string }[] = [];
  const isEmail = (v: unknown): v is string => typeof v === 'string' && /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) && v.length <= 254;
  for (const field of ['email', 'mail', 'userPrincipalName', 'upn', 'login', 'userprincipalname']) {
    const v = node[field];
    if (isEmail(v)) out.push({ field, value: v.toLowerCase() });
  }
  if (Array.isArray(node.tags)) {
    for (const t of node.tags) {
      const m = typeof t === 'string' ? /^(email|e-mail|mail|upn)=(.+)$/i.exec(t) : null;
      if (m && isEmail(m[2])) out.push({ field: `tag ${m[1]}`, value: m[2].toLowerCase() });
    }
  }
  return out.filter((x, i) => out.findIndex((y) => y.value === x.value) === i);
}

function packageNames(node: Rec): string[] {
  const out = new Set<string>();
  if (typeof node.name === 'string') out.add(node.name.toLowerCase());
  if (typeof node.purl === 'string') {
    const m = /^pkg:[^/]+\/(.+?)@/.exec(node.purl);
    if (m) out.add(decodeURIComponentSafe(m[1]!).toLowerCase());
  }
  return [...out];
}

function serverVersion(node: Rec): string | undefined {
  if (node.versionPinned !== true || typeof node.launch !== 'string' || typeof node.package !== 'string') return undefined;
  const pkg = node.package.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const m = new RegExp(`${pkg}(?:@|==|:)v?([0-9][^\\s@,]*)`, 'i').exec(node.launch);
  return m?.[1];
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
