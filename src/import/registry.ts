/**
 * The official MCP Registry's `server.json` (modelcontextprotocol/registry): the current camelCase schema
 * (`packages[{registryType, identifier, version, transport, runtimeHint, packageArguments,
 * environmentVariables}]`, `remotes[{type, url, headers}]`) and the older snake_case one
 * (`registry_name`, `name`, `environment_variables`, `is_secret`, `version_detail`).
 *
 * One `mcp_server` per file, named by the registry name, with the packages it ships as, the remotes it is
 * reachable at, and the env vars and headers it declares: a declared secret becomes an expected `credential`
 * (`declared: true`, no value) that the server `uses_credential`. Values given in the file (defaults,
 * fixed argument values) are never copied when they are secrets. Joins server cards by name and remotes by URL.
 */
import { ISSUE_CODES, quote } from '../model/issues.ts';

import type { DocBuilder } from './builder.ts';
import { isSecretName, isSecretValueFor } from './secrets.ts';
import { arr, hostOf, isObj, isPrivateHost, own, safeUrl, str, urlKey } from './util.ts';
import type { Obj } from './util.ts';

const pkgList = (json: unknown) => arr(own(json, 'packages')).filter(isObj);
const remoteList = (json: unknown) => arr(own(json, 'remotes')).filter(isObj);

export function isMcpRegistryServer(json: unknown): boolean {
  if (!isObj(json) || typeof own(json, 'name') !== 'string') return false;
  const schema = str(own(json, '$schema')) ?? '';
  if (/modelcontextprotocol\.io\/schema/.test(schema) && /server/.test(schema)) return true;
  const pkgs = pkgList(json);
  const remotes = remoteList(json);
  if (pkgs.some((p) => own(p, 'registryType') !== undefined || own(p, 'registry_name') !== undefined || own(p, 'identifier') !== undefined)) return true;
  if (isObj(own(json, 'version_detail')) && (pkgs.length > 0 || remotes.length > 0)) return true;
  return remotes.length > 0 && remotes.every((r) => typeof own(r, 'url') === 'string' && typeof own(r, 'type') === 'string') && own(json, 'tools') === undefined;
}

interface Declared {
  name: string;
  secret: boolean;
  required: boolean;
  description?: string;
  value?: string;
  pointer: string;
}

function declared(list: unknown, pointer: string): Declared[] {
  const out: Declared[] = [];
  arr(list).forEach((v, i) => {
    const name = str(own(v, 'name'));
    if (!name) return;
    const value = str(own(v, 'value')) ?? str(own(v, 'default'));
    out.push({
      name,
      secret: own(v, 'isSecret') === true || own(v, 'is_secret') === true,
      required: own(v, 'isRequired') === true || own(v, 'is_required') === true,
      description: str(own(v, 'description')),
      value,
      pointer: `${pointer}/${i}`,
    });
  });
  return out;
}

export function importMcpRegistryServer(json: unknown, b: DocBuilder): void {
  const doc = json as Obj;
  const name = str(own(doc, 'name'))!;
  const version = str(own(doc, 'version')) ?? str(own(own(doc, 'version_detail'), 'version'));
  const namespace = name.includes('/') ? name.slice(0, name.indexOf('/')) : undefined;
  const repoUrl = str(own(own(doc, 'repository'), 'url'));

  const packages = pkgList(doc).map((p, i) => {
    const registry = str(own(p, 'registryType')) ?? str(own(p, 'registry_name'));
    const identifier = str(own(p, 'identifier')) ?? str(own(p, 'name'));
    const v = str(own(p, 'version'));
    const transport = str(own(own(p, 'transport'), 'type')) ?? (typeof own(p, 'transport') === 'string' ? (own(p, 'transport') as string) : undefined);
    return { registry, identifier, version: v, transport, runtime: str(own(p, 'runtimeHint')) ?? str(own(p, 'runtime_hint')), pointer: `/packages/${i}`, raw: p };
  });
  const remotes = remoteList(doc).map((r, i) => ({ type: str(own(r, 'type')), url: str(own(r, 'url')), pointer: `/remotes/${i}`, raw: r }));

  const envs = packages.flatMap((p) => declared(own(p.raw, 'environmentVariables') ?? own(p.raw, 'environment_variables'), `${p.pointer}/${own(p.raw, 'environmentVariables') !== undefined ? 'environmentVariables' : 'environment_variables'}`));
  const headers = remotes.flatMap((r) => declared(own(r.raw, 'headers'), `${r.pointer}/headers`));
  // fixed argument values: kept unless they are secrets (a token as a default)
  const args = packages.flatMap((p) =>
    ['packageArguments', 'package_arguments', 'runtimeArguments', 'runtime_arguments'].flatMap((k) =>
      arr(own(p.raw, k)).filter(isObj).map((a, i) => ({ name: str(own(a, 'name')) ?? str(own(a, 'valueHint')) ?? str(own(a, 'value_hint')) ?? `${k}[${i}]`, value: str(own(a, 'value')) ?? str(own(a, 'default')), pointer: `${p.pointer}/${k}/${i}` })),
    ),
  );

  const first = packages[0];
  const remote = remotes.find((r) => r.url);
  const url = remote?.url ? safeUrl(b, remote.url) : undefined;
  const host = remote?.url ? hostOf(remote.url.replace(/\{[^}]*\}/g, 'x')) : undefined;
  const isPublic = host !== undefined && !isPrivateHost(host);
  const pinned = first?.version !== undefined ? /^v?\d/.test(first.version) && !/[\^~*x]|latest/i.test(first.version) : undefined;
  const secretHeader = headers.some((h) => h.secret || /^(authorization|x-api-key|api-key)$/i.test(h.name));

  const sid = b.node(
    `mcp-registry:${name}`,
    'mcp_server',
    str(own(doc, 'title')) ?? name,
    '',
    {
      serverName: name,
      registryName: name,
      publisherNamespace: namespace,
      description: str(own(doc, 'description')),
      version,
      repository: repoUrl,
      websiteUrl: str(own(doc, 'websiteUrl')),
      packages: packages.length > 0 ? packages.map((p) => [p.registry, p.identifier, p.version].filter(Boolean).join(':')) : undefined,
      package: first?.identifier,
      registryType: first?.registry,
      versionPinned: pinned,
      runtimeHint: first?.runtime,
      transport: first?.transport ?? (remote?.type === 'streamable-http' ? 'streamable-http' : remote?.type),
      remote: remote !== undefined,
      url,
      host,
      exposure: remote && isPublic ? 'public' : undefined,
      auth: remote ? (secretHeader ? 'static_header' : 'none') : undefined,
      envVars: envs.length > 0 ? envs.map((e) => e.name) : undefined,
      headerNames: headers.length > 0 ? headers.map((h) => h.name) : undefined,
      arguments: args.length > 0 ? args.map((a) => a.name) : undefined,
      toolsKnown: false,
    },
    { keys: [`mcp-name:${name.toLowerCase()}`, repoUrl ? urlKey(repoUrl) : undefined, ...remotes.map((r) => (r.url ? urlKey(r.url) : undefined))] },
  );
  if (packages.length === 0 && remotes.length === 0) b.warn(ISSUE_CODES.INVALID_FIELD, '$', 'server.json declares neither packages nor remotes; how the server runs is not known');

  for (const d of [...envs.map((e) => ({ ...e, header: false })), ...headers.map((h) => ({ ...h, header: true }))]) {
    if (d.value !== undefined && (d.secret || isSecretValueFor(d.name, d.value, true))) {
      b.secrets.add(d.value);
      b.warn(ISSUE_CODES.SECRET_REDACTED, d.pointer, `${d.header ? 'header' : 'variable'} ${quote(d.name)} is declared with a secret value; the value was not imported`);
    }
    if (!d.secret && !isSecretName(d.name)) continue;
    const cid = b.node(`cred:declared:${name}:${d.name}`, 'credential', d.name, d.pointer, {
      variable: d.name,
      declared: true,
      required: d.required,
      description: d.description,
      storage: d.header ? 'headers_inline' : 'env_ref',
      credType: d.header ? 'header' : 'env_secret',
    });
    b.edge(sid, 'uses_credential', cid, d.pointer);
  }
  for (const a of args) {
    if (a.value !== undefined && isSecretValueFor(a.name.replace(/^-+/, ''), a.value, true)) {
      b.secrets.add(a.value);
      b.warn(ISSUE_CODES.SECRET_REDACTED, a.pointer, `argument ${quote(a.name)} has a secret value; the value was not imported`);
    }
  }
}
