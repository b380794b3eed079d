/**
 * `~/.aws/config` and `~/.aws/credentials` (INI), recognised by content: `[default]`, `[profile x]` or
 * `[x]` sections with AWS keys (`region`, `role_arn`, `source_profile`, `sso_*`, `aws_access_key_id`…).
 *
 * - Each profile → `nhi` `aws-profile:<name>` (`subtype: aws_profile`); the same profile in config and
 *   credentials is one node.
 * - `role_arn` → the profile `can_assume` that role (a stub joined by ARN with the authorization details);
 *   `source_profile` → the source profile `can_assume` this one (its credentials are the ones used);
 *   `credential_source`, `web_identity_token_file`, `credential_process` are recorded.
 * - `sso_account_id` + `sso_role_name` (or an `sso_session`) → `can_assume` an SSO permission-set role
 *   `aws-sso:<account>:<role>`, which joins.ts links to the `AWSReservedSSO_<role>_…` role of that account.
 * - `aws_access_key_id` → a credential identified only by the key id's fingerprint (the same id an MCP config
 *   holding that key id gets, so both are one credential); the key id itself, `aws_secret_access_key` and
 *   `aws_session_token` are never kept.
 */
import { ISSUE_CODES } from '../model/issues.ts';

import type { DocBuilder } from './builder.ts';
import { fingerprint } from './fingerprint.ts';
import { isObj, own } from './util.ts';

const AWS_KEYS = /^(region|output|role_arn|source_profile|credential_source|external_id|mfa_serial|role_session_name|duration_seconds|web_identity_token_file|credential_process|sso_start_url|sso_region|sso_account_id|sso_role_name|sso_session|sso_registration_scopes|aws_access_key_id|aws_secret_access_key|aws_session_token|ca_bundle|endpoint_url|cli_pager|retry_mode|max_attempts|s3|services)$/i;

export interface IniSection {
  readonly header: string;
  readonly line: number;
  readonly values: Record<string, { value: string; line: number }>;
}

/** The marker the reader wraps parsed INI in, so `detectFormat` sees it as an object. */
export const AWS_INI = '__awsIni';

/** Parses INI text when it looks like an AWS CLI config or credentials file; undefined otherwise. */
export function parseAwsIni(text: string): { sections: IniSection[] } | undefined {
  const sections: IniSection[] = [];
  let current: IniSection | undefined;
  let awsKeys = 0;
  let lastKey: string | undefined;
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i]!;
    const line = raw.replace(/^\uFEFF/, '');
    if (/^\s*([#;].*)?$/.test(line)) continue;
    const header = /^\s*\[\s*([^\]]+?)\s*\]\s*$/.exec(line);
    if (header) {
      current = { header: header[1]!, line: i + 1, values: Object.create(null) as IniSection['values'] };
      sections.push(current);
      lastKey = undefined;
      continue;
    }
    const kv = /^(\s*)([A-Za-z0-9_.-]+)\s*=\s*(.*?)\s*$/.exec(line);
    if (kv && current) {
      // an indented key under a key with an empty value is a nested setting (`s3 =\n  max_concurrent_requests = 2`)
      if (kv[1]!.length > 0 && lastKey !== undefined && current.values[lastKey]?.value === '') continue;
      const key = kv[2]!.toLowerCase();
      current.values[key] = { value: kv[3]!.replace(/\s+[#;].*$/, ''), line: i + 1 };
      lastKey = key;
      if (AWS_KEYS.test(key)) awsKeys++;
      continue;
    }
    if (/^\s+\S/.test(line) && current) continue; // continuation of a nested setting
    return undefined; // not INI
  }
  if (sections.length === 0 || awsKeys === 0) return undefined;
  if (!sections.some((s) => /^(default|profile\s+.+|sso-session\s+.+|services\s+.+|[A-Za-z0-9_.@+=,-]+)$/.test(s.header))) return undefined;
  return { sections };
}

export function isAwsIni(json: unknown): boolean {
  return isObj(json) && isObj(own(json, AWS_INI));
}

export function importAwsIni(json: unknown, b: DocBuilder): void {
  const { sections } = own(json, AWS_INI) as { sections: IniSection[] };
  const isConfig = sections.some((s) => /^profile\s|^sso-session\s/.test(s.header)) || /config$/i.test(b.file);
  const fileNode = b.node(`config:${b.file}`, 'config_file', b.file.split(/[\\/]/).pop() ?? b.file, '', { path: b.file, awsFile: isConfig ? 'config' : 'credentials' });
  const ssoSessions = new Map<string, IniSection>();
  for (const s of sections) {
    const m = /^sso-session\s+(.+)$/.exec(s.header);
    if (m) ssoSessions.set(m[1]!.trim(), s);
  }
  const profileId = (name: string) => `aws-profile:${name}`;
  let profiles = 0;
  for (const s of sections) {
    if (/^(sso-session|services)\s/.test(s.header)) continue;
    const name = s.header === 'default' ? 'default' : (/^profile\s+(.+)$/.exec(s.header)?.[1] ?? s.header).trim();
    const at = `/${s.header.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    const v = (k: string) => s.values[k]?.value;
    const lineOf = (k: string) => `${at}/${k}`;
    profiles++;
    const id = b.node(profileId(name), 'nhi', `AWS profile ${name}`, at, {
      subtype: 'aws_profile',
      profile: name,
      region: v('region') || undefined,
      credentialSource: v('credential_source') || undefined,
      credentialProcess: v('credential_process') ? true : undefined,
      webIdentityTokenFile: v('web_identity_token_file') || undefined,
      mfaSerial: v('mfa_serial') || undefined,
    }, { keys: [`aws-profile:${name}`] });
    const role = v('role_arn');
    if (role) {
      if (/^arn:aws[a-z-]*:iam::\d{12}:role\/.+/.test(role)) {
        const roleName = role.split('/').pop()!;
        b.node(role, 'nhi', roleName, lineOf('role_arn'), { arn: role, awsType: 'role', awsAccount: role.split(':')[4] }, { keys: [`arn:${role}`], stub: true });
        b.edge(id, 'can_assume', role, lineOf('role_arn'), { via: 'aws_config_role_arn', because: `profile ${name} assumes ${role} (role_arn)`, ...(v('mfa_serial') ? { mfaRequired: true } : {}) });
      } else {
        b.warn(ISSUE_CODES.INVALID_FIELD, lineOf('role_arn'), `role_arn ${JSON.stringify(role.slice(0, 120))} of profile ${JSON.stringify(name)} is not an IAM role ARN (arn:aws:iam::<12-digit account>:role/…); ignored`);
      }
    }
    const source = v('source_profile');
    if (source) {
      b.node(profileId(source), 'nhi', `AWS profile ${source}`, lineOf('source_profile'), { subtype: 'aws_profile', profile: source }, { keys: [`aws-profile:${source}`], stub: true });
      b.edge(profileId(source), 'can_assume', id, lineOf('source_profile'), { via: 'aws_config_source_profile', because: `profile ${name} takes its credentials from profile ${source}` });
    }
    const session = v('sso_session');
    const ssoAccount = v('sso_account_id');
    const ssoRole = v('sso_role_name');
    if (ssoAccount && ssoRole) {
      if (!/^\d{12}$/.test(ssoAccount)) {
        b.warn(ISSUE_CODES.INVALID_FIELD, lineOf('sso_account_id'), `sso_account_id ${JSON.stringify(ssoAccount.slice(0, 40))} of profile ${JSON.stringify(name)} is not a 12-digit AWS account id; ignored`);
      } else {
        const startUrl = v('sso_start_url') ?? (session ? ssoSessions.get(session)?.values['sso_start_url']?.value : undefined);
        const sso = b.node(`aws-sso:${ssoAccount}:${ssoRole}`, 'nhi', `${ssoRole} (IAM Identity Center, ${ssoAccount})`, lineOf('sso_role_name'), {
          subtype: 'sso_permission_set',
          awsAccount: ssoAccount,
          permissionSet: ssoRole,
          ssoStartUrl: startUrl,
        }, { keys: [`aws-sso:${ssoAccount}:${ssoRole}`] });
        b.edge(id, 'can_assume', sso, lineOf('sso_role_name'), { via: 'aws_config_sso', because: `profile ${name} signs in through IAM Identity Center as ${ssoRole} in ${ssoAccount}` });
      }
    }
    const keyId = v('aws_access_key_id');
    const secret = v('aws_secret_access_key');
    if (keyId || secret) {
      if (keyId) b.secrets.add(keyId);
      if (v('aws_session_token')) b.secrets.add(v('aws_session_token')!);
      // the secret identifies the credential (so an MCP config holding the same secret is the same node); the key
      // id is kept only as a fingerprint, for configs that name the key id alone
      const cred = b.secretCredential(secret ?? keyId!, lineOf(secret ? 'aws_secret_access_key' : 'aws_access_key_id'), {
        ...(keyId ? { accessKeyIdFingerprint: fingerprint(keyId) } : {}),
        name: `access key of profile ${name}`,
        credType: 'aws_access_key',
        storage: 'config_plaintext',
        variable: 'aws_access_key_id',
        keyKind: keyId === undefined ? undefined : /^ASIA/.test(keyId) ? 'temporary' : /^AKIA/.test(keyId) ? 'long_term' : undefined,
        ...(v('aws_session_token') ? { sessionToken: true } : {}),
        exposure: 'private',
      });
      b.edge(id, 'uses_credential', cred, lineOf(secret ? 'aws_secret_access_key' : 'aws_access_key_id'));
      b.edge(fileNode, 'stores', cred, lineOf(secret ? 'aws_secret_access_key' : 'aws_access_key_id'));
    }
  }
  if (profiles === 0) b.warn(ISSUE_CODES.INVALID_FIELD, '', 'no profiles in this AWS config/credentials file');
}
