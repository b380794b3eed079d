/**
 * MCP client configurations: Claude Desktop / Cursor / Claude Code / Windsurf / Gemini (`mcpServers`),
 * `~/.claude.json` (`projects[*].mcpServers`), VS Code (`servers` + `inputs`, or settings `mcp.servers`),
 * gateway / proxy configs with tool filters, and single-server descriptors (`{name, command, args, env}`).
 *
 * No secret value ever leaves this module: literal secrets become credential nodes named by their variable
 * and a SHA-256 fingerprint prefix, and the launch line / URL keep a `<redacted:…>` marker instead.
 */
import { ISSUE_CODES, quote } from '../model/issues.ts';

import type { DocBuilder } from './builder.ts';
import { annotationCaps, findCatalog, heuristicCaps } from './catalog.ts';
import { redactSecrets } from './secrets.ts';
import type { CatalogEntry } from './catalog.ts';
import {
  arr,
  baseName,
  fingerprint,
  hostOf,
  isObj,
  isPlaceholder,
  isPrivateHost,
  isSecretName,
  keysOf,
  looksLikeToken,
  own,
  parseRef,
  ptr,
  redactText,
  redactUrl,
  refsIn,
  str,
  strList,
  urlKey,
} from './util.ts';
import type { Obj } from './util.ts';

function looksLikeServerMap(v: unknown): boolean {
  if (!isObj(v)) return false;
  const vals = Object.values(v);
  return vals.length === 0 || vals.some((s) => isObj(s) && (own(s, 'command') !== undefined || own(s, 'url') !== undefined || own(s, 'httpUrl') !== undefined || own(s, 'serverUrl') !== undefined || own(s, 'type') !== undefined));
}

/** Augment Code keeps its servers in VS Code's settings.json: `"augment.advanced": {"mcpServers": …}` (a map or a list of `{name, …}`), or nested `augment.advanced`. */
function augmentServers(json: unknown): { map: unknown; base: string } | undefined {
  const flat = own(json, 'augment.advanced');
  if (isObj(flat) && own(flat, 'mcpServers') !== undefined) return { map: own(flat, 'mcpServers'), base: `${ptr('augment.advanced')}/mcpServers` };
  const nested = own(own(json, 'augment'), 'advanced');
  if (isObj(nested) && own(nested, 'mcpServers') !== undefined) return { map: own(nested, 'mcpServers'), base: '/augment/advanced/mcpServers' };
  return undefined;
}

export function isMcpConfig(json: unknown): boolean {
  if (!isObj(json)) return false;
  if (augmentServers(json)) return true;
  if (own(json, 'mcpServers') !== undefined && !Array.isArray(json)) return true;
  if (isObj(own(json, 'mcp_servers'))) return true;
  if (isObj(own(json, 'context_servers'))) return true;
  if (looksLikeServerMap(own(json, 'servers')) && (own(json, 'inputs') !== undefined || Object.keys(own(json, 'servers') as Obj).length > 0)) return true;
  if (isObj(own(own(json, 'mcp'), 'servers'))) return true;
  // VS Code settings.json with an (empty) "mcp" section
  if (isObj(own(json, 'mcp')) && Object.keys(json).some((k) => /^[a-z]+\.[A-Za-z.]+$/.test(k) || k === 'mcp')) return true;
  if (isObj(own(json, 'projects')) && Object.values(own(json, 'projects') as Obj).some((p) => isObj(own(p, 'mcpServers')))) return true;
  // A single-server descriptor: {name?, command, args?, env?} or {url, transport/type}
  if (typeof own(json, 'command') === 'string' && (Array.isArray(own(json, 'args')) || isObj(own(json, 'env')) || str(own(json, 'name')))) return true;
  return false;
}

interface Client {
  name: string;
  agentType: string;
  framework: string;
}

function clientOf(file: string, json: Obj): Client {
  const f = file.replace(/\\/g, '/').toLowerCase();
  const base = baseName(f);
  if (base === 'claude_desktop_config.json' || f.includes('/claude/')) return { name: 'Claude Desktop', agentType: 'assistant', framework: 'claude-desktop' };
  if (base === '.claude.json' || base.endsWith('.mcp.json') || base === '.mcp.json' || f.includes('.claude/')) return { name: 'Claude Code', agentType: 'coding_agent', framework: 'claude-code' };
  if (augmentServers(json) || f.includes('.augment/')) return { name: 'Augment Code', agentType: 'coding_agent', framework: 'augment' };
  if (f.includes('.cursor/') || base.includes('cursor')) return { name: 'Cursor', agentType: 'coding_agent', framework: 'cursor' };
  if (f.includes('windsurf') || base === 'mcp_config.json') return { name: 'Windsurf', agentType: 'coding_agent', framework: 'windsurf' };
  if (f.includes('.gemini/') || isObj(own(json, 'mcp')) && own(own(json, 'mcp'), 'servers') === undefined) return { name: 'Gemini CLI', agentType: 'coding_agent', framework: 'gemini-cli' };
  if (/(^|\/)zed\//.test(f) || own(json, 'context_servers') !== undefined) return { name: 'Zed', agentType: 'coding_agent', framework: 'zed' };
  if (f.includes('cline')) return { name: 'Cline', agentType: 'coding_agent', framework: 'cline' };
  if (f.includes('.vscode/') || base.includes('vscode') || own(json, 'servers') !== undefined || isObj(own(json, 'mcp'))) return { name: 'VS Code', agentType: 'coding_agent', framework: 'vscode' };
  if (f.includes('.kiro/')) return { name: 'Kiro', agentType: 'coding_agent', framework: 'kiro' };
  if (f.includes('.codex/') || base.endsWith('.toml') || own(json, 'mcp_servers') !== undefined) return { name: 'Codex CLI', agentType: 'coding_agent', framework: 'codex' };
  return { name: 'MCP client', agentType: 'assistant', framework: 'mcp-client' };
}

/** The config file and the AI client it configures. */
function clientNodes(b: DocBuilder, path: string, doc: Obj, pointer: string): Ctx {
  const client = clientOf(path, doc);
  const fileName = baseName(path);
  const configId = b.node(`config:${path}`, 'config_file', fileName, pointer, {
    path,
    inRepo: /(^|\/)(\.vscode|\.cursor|\.gemini|\.kiro)\/|(^|\/)\.mcp\.json$/.test(path.replace(/\\/g, '/')) || undefined,
    client: client.name,
  });
  const agentId = b.node(`agent:${client.framework}:${path}`, 'ai_agent', `${client.name} (${fileName})`, pointer, {
    agentType: client.agentType,
    framework: client.framework,
  });
  const inputs = new Map<string, Obj>();
  arr(own(doc, 'inputs')).forEach((inp) => {
    const id = str(own(inp, 'id'));
    if (id && isObj(inp)) inputs.set(id, inp);
  });
  return { agentId, configId, inputs, client, path };
}

export function importMcpConfig(json: unknown, b: DocBuilder): void {
  const doc = json as Obj;
  const ctx = clientNodes(b, b.file, doc, '');
  const { agentId } = ctx;
  const fileName = baseName(b.file);

  const seen = new Set<string>();
  const readMap = (map: unknown, base: string, scope: string | undefined) => {
    if (map === undefined) return;
    if (Array.isArray(map) && base.includes('augment')) {
      // Augment's list form: [{name, command, args, env} | {name, url}]
      map.forEach((entry, i) => {
        const at = `${base}/${i}`;
        if (!isObj(entry)) {
          b.error(ISSUE_CODES.INVALID_NODE, at, `server ${i} is not an object`);
          return;
        }
        server(b, ctx, str(own(entry, 'name')) ?? `server ${i}`, entry, at, scope, seen);
      });
      return;
    }
    if (!isObj(map)) {
      b.error(ISSUE_CODES.NOT_AN_INVENTORY, base || '$', `expected an object mapping server names to server entries, got ${Array.isArray(map) ? 'a list' : typeof map}`);
      return;
    }
    for (const name of Object.keys(map)) {
      const entry = map[name];
      const at = `${base}${ptr(name)}`;
      if (!isObj(entry)) {
        b.error(ISSUE_CODES.INVALID_NODE, at, `server ${quote(name)} is not an object`);
        continue;
      }
      server(b, ctx, name, entry, at, scope, seen);
    }
  };

  readMap(own(doc, 'mcpServers'), '/mcpServers', undefined);
  const augment = augmentServers(doc);
  if (augment) readMap(augment.map, augment.base, undefined);
  readMap(own(doc, 'mcp_servers'), '/mcp_servers', undefined);
  readMap(own(doc, 'context_servers'), '/context_servers', undefined);
  readMap(own(doc, 'servers'), '/servers', undefined);
  readMap(own(own(doc, 'mcp'), 'servers'), '/mcp/servers', undefined);
  for (const proj of keysOf(own(doc, 'projects'))) {
    readMap(own(own(own(doc, 'projects'), proj), 'mcpServers'), `/projects${ptr(proj)}/mcpServers`, proj);
  }
  if (typeof own(doc, 'command') === 'string' || typeof own(doc, 'url') === 'string') {
    server(b, ctx, str(own(doc, 'name')) ?? fileName.replace(/\.json$/i, ''), doc, '', undefined, seen);
  }
  // Gemini-style allow / exclude lists at the top level
  const excluded = strList(own(own(doc, 'mcp'), 'excluded'));
  for (const name of excluded) {
    const id = [...b.nodes.values()].find((n) => n.kind === 'mcp_server' && n.fields.serverName === name)?.id;
    if (id) b.nodes.get(id)!.fields.status = 'inactive';
  }
  if (![...b.nodes.values()].some((n) => n.kind === 'mcp_server')) b.warn(ISSUE_CODES.INVALID_FIELD, '$', 'no MCP servers are configured in this file');
  const approval = str(own(doc, 'approval_policy'));
  if (approval === 'never') b.nodes.get(agentId)!.fields.autonomy = 'auto';
  const sandbox = str(own(doc, 'sandbox_mode'));
  if (sandbox) b.nodes.get(agentId)!.fields.sandbox = sandbox === 'danger-full-access' ? 'none' : sandbox === 'workspace-write' || sandbox === 'read-only' ? 'local' : sandbox;
}

interface Ctx {
  agentId: string;
  configId: string;
  inputs: Map<string, Obj>;
  client: Client;
  /** The configuration file's path (the imported file, or the path an mcp-scan report names). */
  path: string;
}

/** Tools an mcp-scan report listed for one server, with its labels. */
interface Scanned {
  tools: readonly unknown[];
  labels: readonly unknown[];
  /** Index of the first tool among the labelled entities (prompts and resources come first). */
  offset: number;
  pointer: string;
}

const LAUNCHERS = /^(npx|npm|pnpm|pnpx|yarn|bunx|bun|deno|node|uv|uvx|pipx|python3?|py|docker|podman|java|go|cargo|dotnet|ruby|php|sh|bash|zsh|cmd|powershell|pwsh)(\.exe|\.cmd)?$/i;

interface Launch {
  pkg?: string;
  pinned?: boolean;
}

/** Package and pinning from a launch command (npx, uvx, bunx, pnpm dlx, docker run…). */
export function launchInfo(command: string, args: readonly string[]): Launch {
  const cmd = baseName(command).toLowerCase().replace(/\.(exe|cmd)$/, '');
  const firstPositional = (list: readonly string[], valueFlags: RegExp = /^$/) => {
    for (let i = 0; i < list.length; i++) {
      const a = list[i]!;
      if (a.startsWith('-')) {
        if (valueFlags.test(a) && !a.includes('=')) i++;
        continue;
      }
      return a;
    }
    return undefined;
  };
  if (['npx', 'bunx', 'pnpx'].includes(cmd) || (['pnpm', 'yarn', 'bun', 'npm'].includes(cmd) && ['dlx', 'x', 'exec'].includes(args[0] ?? ''))) {
    const rest = ['npx', 'bunx', 'pnpx'].includes(cmd) ? args : args.slice(1);
    const spec = firstPositional(rest, /^(-p|--package)$/);
    if (!spec) return {};
    const m = /^(@[^/@]+\/[^@]+|[^@]+)(?:@(.+))?$/.exec(spec);
    if (!m) return { pkg: spec };
    const v = m[2];
    return { pkg: m[1]!, pinned: v !== undefined && /^v?\d/.test(v) && !/[\^~*x]/.test(v) };
  }
  if (cmd === 'uvx' || (cmd === 'uv' && args[0] === 'tool' && args[1] === 'run') || cmd === 'pipx') {
    const rest = cmd === 'uvx' ? args : cmd === 'pipx' ? args.slice(1) : args.slice(2);
    const fromIdx = rest.indexOf('--from');
    const spec = fromIdx >= 0 ? rest[fromIdx + 1] : firstPositional(rest, /^(--python|-p|--with)$/);
    if (!spec) return {};
    const m = /^([A-Za-z0-9_.\-[\]]+?)(?:(==|@)(.+))?$/.exec(spec);
    if (!m) return { pkg: spec };
    return { pkg: m[1]!.replace(/\[.*\]$/, ''), pinned: m[2] !== undefined && /^\d/.test(m[3] ?? '') };
  }
  if (cmd === 'docker' || cmd === 'podman') {
    const runIdx = args.indexOf('run');
    if (runIdx < 0) return {};
    const image = firstPositional(args.slice(runIdx + 1), /^(-e|--env|-v|--volume|--name|--network|-p|--publish|--mount|-w|--workdir|--user|-u|--entrypoint|--env-file|--platform|--label|-l|--cpus|--memory|-m)$/);
    if (!image) return {};
    const digest = image.includes('@sha256:');
    const m = /^(.*?)(?::([^/:]+))?$/.exec(image.split('@')[0]!);
    const tag = m?.[2];
    return { pkg: m?.[1] ?? image, pinned: digest || (tag !== undefined && tag !== 'latest') };
  }
  return {};
}

interface SecretSite {
  name: string;
  value: string;
  pointer: string;
  storage: string;
  isHeader?: boolean;
  /** Found in a place that only ever holds a secret (URL password, auth header argument). */
  certain?: boolean;
  /** Where in the entry it sits when that is not obvious from the storage (`url`). */
  foundIn?: string;
}

function server(b: DocBuilder, ctx: Ctx, name: string, entry: Obj, at: string, scope: string | undefined, seen: Set<string>, scanned?: Scanned): string {
  // Zed: "command": {"path", "args", "env"}
  const cmdObj = isObj(own(entry, 'command')) ? (own(entry, 'command') as Obj) : undefined;
  if (cmdObj) entry = { ...entry, command: own(cmdObj, 'path') ?? own(cmdObj, 'command'), args: own(cmdObj, 'args') ?? own(entry, 'args'), env: own(cmdObj, 'env') ?? own(entry, 'env') };
  let command = str(own(entry, 'command'));
  let args = arr(own(entry, 'args')).map((a) => (typeof a === 'string' ? a : String(a)));
  if (command && /\s/.test(command.trim())) {
    // "command": "npx -y @scope/pkg --token x" or "uv run python": split it like a shell would (no quoting
    // rules) when it starts with a known launcher; "/Applications/My App/server" stays one path.
    const words = command.trim().split(/\s+/);
    if (LAUNCHERS.test(baseName(words[0]!)) || args.length === 0 && !/^([A-Za-z]:\\|\/|~)/.test(command)) {
      command = words[0];
      args = [...words.slice(1), ...args];
    }
  }
  const rawUrl = str(own(entry, 'url')) ?? str(own(entry, 'httpUrl')) ?? str(own(entry, 'serverUrl')) ?? str(own(entry, 'server_url'));
  let type = str(own(entry, 'type')) ?? str(own(entry, 'transport'));
  if (!command && !rawUrl && type !== 'skill') {
    b.warn(ISSUE_CODES.INVALID_NODE, at, `server ${quote(name)} has neither a command nor a url; kept with unknown launch`);
  }
  if (!type) type = rawUrl ? (own(entry, 'httpUrl') !== undefined ? 'http' : /\/sse\/?([?#]|$)/.test(rawUrl) ? 'sse' : 'http') : 'stdio';
  const transport = type === 'local' ? 'stdio' : type === 'remote' ? 'http' : type;

  const sites: SecretSite[] = [];
  const secretValues = new Map<string, string>();
  const redact = (label: string, value: string): string => {
    const fp = fingerprint(value);
    secretValues.set(value, label);
    return `<redacted:${fp}>`;
  };

  // env
  const env = own(entry, 'env');
  const envNames = keysOf(env);
  for (const n of envNames) {
    const v = (env as Obj)[n];
    if (typeof v !== 'string') continue;
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(v.trim()) && !isSecretName(n)) {
      // a connection string or URL: only the secrets inside it are credentials
      redactUrl(v.trim(), (k, value) => {
        sites.push({ name: `${n}:${k}`, value, pointer: `${at}/env${ptr(n)}`, storage: 'config_plaintext', certain: true });
        return '';
      });
      continue;
    }
    sites.push({ name: n, value: v, pointer: `${at}/env${ptr(n)}`, storage: 'config_plaintext' });
  }
  // headers (Codex: http_headers literal, env_http_headers {header: ENV_VAR}, bearer_token_env_var)
  const headersKey = own(entry, 'headers') !== undefined ? 'headers' : 'http_headers';
  const headers = own(entry, headersKey);
  const headerNames = keysOf(headers);
  for (const h of headerNames) {
    const v = (headers as Obj)[h];
    if (typeof v === 'string') sites.push({ name: h, value: v, pointer: `${at}/${headersKey}${ptr(h)}`, storage: 'headers_inline', isHeader: true });
  }
  const envHeaders = own(entry, 'env_http_headers');
  for (const h of keysOf(envHeaders)) {
    const v = (envHeaders as Obj)[h];
    if (typeof v === 'string') {
      headerNames.push(h);
      sites.push({ name: h, value: `\${${v}}`, pointer: `${at}/env_http_headers${ptr(h)}`, storage: 'headers_inline', isHeader: true });
    }
  }
  const bearerVar = str(own(entry, 'bearer_token_env_var'));
  if (bearerVar) {
    headerNames.push('Authorization');
    sites.push({ name: 'Authorization', value: `Bearer \${${bearerVar}}`, pointer: `${at}/bearer_token_env_var`, storage: 'headers_inline', isHeader: true });
  }
  for (const v of strList(own(entry, 'env_vars'))) envNames.push(v);
  // args: --flag=value, --flag value, KEY=value (docker -e), bare tokens, URLs
  const shownArgs: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const p = `${at}/args/${i}`;
    const eq = /^(--?[A-Za-z0-9_-]+)=(.*)$/.exec(a) ?? /^([A-Za-z_][A-Za-z0-9_]*)=(.+)$/.exec(a);
    if (eq && isSecretName(eq[1]!.replace(/^-+/, '')) && !parseRef(eq[2]!)) {
      const v = eq[2]!;
      sites.push({ name: eq[1]!.replace(/^-+/, ''), value: v, pointer: p, storage: 'args_inline' });
      shownArgs.push(`${eq[1]}=${isPlaceholder(v) ? '<placeholder>' : redact(eq[1]!, v)}`);
      continue;
    }
    const prev = args[i - 1];
    if (prev && /^--?[A-Za-z0-9_-]+$/.test(prev) && isSecretName(prev.replace(/^-+/, '')) && !parseRef(a) && !a.startsWith('-')) {
      sites.push({ name: prev.replace(/^-+/, ''), value: a, pointer: p, storage: 'args_inline' });
      shownArgs.push(isPlaceholder(a) ? '<placeholder>' : redact(prev, a));
      continue;
    }
    if (/^[a-z][a-z0-9+.-]*:\/\//i.test(a)) {
      shownArgs.push(
        redactUrl(a, (k, v) => {
          sites.push({ name: k, value: v, pointer: p, storage: 'args_inline', certain: true });
          return isPlaceholder(v) ? '<placeholder>' : redact(k, v);
        }),
      );
      continue;
    }
    if (looksLikeToken(a) && !/^[@./~]|[/\\]/.test(a)) {
      sites.push({ name: `arg${i}`, value: a, pointer: p, storage: 'args_inline', certain: true });
      shownArgs.push(redact(`arg${i}`, a));
      continue;
    }
    for (const r of refsIn(a)) sites.push({ name: r.name, value: r.kind === 'input_prompt' ? `\${input:${r.name}}` : `\${${r.name}}`, pointer: p, storage: 'args_inline' });
    shownArgs.push(
      redactText(a, (k, v) => {
        sites.push({ name: k, value: v, pointer: p, storage: 'args_inline', certain: true });
        return redact(k, v);
      }),
    );
  }
  // url
  let url: string | undefined;
  if (rawUrl) {
    url = redactUrl(rawUrl, (k, v) => {
      sites.push({ name: k, value: v, pointer: `${at}/url`, storage: 'config_plaintext', certain: true, foundIn: 'url' });
      return isPlaceholder(v) ? '<placeholder>' : redact(k, v);
    });
    for (const r of refsIn(rawUrl)) sites.push({ name: r.name, value: r.kind === 'input_prompt' ? `\${input:${r.name}}` : `\${${r.name}}`, pointer: `${at}/url`, storage: 'config_plaintext', foundIn: 'url' });
  }
  // What the rules above do not take apart (a whole command line left unsplit because it starts with an
  // absolute or Windows path, a token in a URL fragment) is still searched by value: each secret found is a
  // credential of the server, and only its span is redacted.
  const bySpans = (text: string, pointer: string, foundIn?: string): string => {
    const r = redactSecrets(text, { strict: true });
    r.values.forEach((v, i) => {
      sites.push({ name: r.reasons[i]!.replace(/^value of -*/, ''), value: v, pointer, storage: foundIn === 'url' ? 'config_plaintext' : 'args_inline', certain: true, foundIn });
      secretValues.set(v, r.reasons[i]!);
    });
    return r.text;
  };
  if (url) url = bySpans(url, `${at}/url`, 'url');
  if (command) command = bySpans(command, `${at}/command`);
  const host = rawUrl ? hostOf(rawUrl) : undefined;
  const remote = rawUrl !== undefined && host !== undefined && !isPrivateHost(host);
  const launch = command ? [command, ...shownArgs].join(' ') : undefined;
  const info = command ? launchInfo(command, args) : {};
  const catalog = findCatalog(info.pkg, host, name);

  const key = rawUrl ? urlKey(rawUrl) : undefined;
  let sid = `mcp:${ctx.path}${scope ? `:${scope}` : ''}:${name}`;
  if (seen.has(sid)) sid = `${sid}#${seen.size}`;
  seen.add(sid);
  const disabled = own(entry, 'disabled') === true || own(entry, 'enabled') === false;
  const authHeader = headerNames.some((h) => /^(authorization|x-api-key|api-key|x-auth-token)$/i.test(h) || isSecretName(h));
  const oauth = isObj(own(entry, 'oauth')) || isObj(own(entry, 'auth'));
  b.node(sid, 'mcp_server', name, at, {
    serverName: name,
    transport,
    launch,
    package: info.pkg,
    versionPinned: info.pinned,
    remote: rawUrl ? remote : false,
    url,
    host,
    exposure: remote ? 'public' : undefined,
    auth: rawUrl ? (authHeader || sites.some((s) => s.foundIn === 'url') ? 'static_header' : oauth ? 'oauth' : 'none') : undefined,
    tls: rawUrl ? /^https:|^wss:/i.test(rawUrl) : undefined,
    envVars: envNames.length > 0 ? envNames : undefined,
    headerNames: headerNames.length > 0 ? headerNames : undefined,
    cwd: str(own(entry, 'cwd')), // secrets in it: the scrub pass (scrub.ts)
    scope,
    status: disabled ? 'inactive' : undefined,
    catalog: catalog?.id,
    toolsKnown: catalog !== undefined || Array.isArray(own(entry, 'capabilities')) || Array.isArray(own(entry, 'tools')) || (scanned !== undefined && scanned.tools.length > 0),
    scannedBy: scanned ? 'mcp-scan' : undefined,
    trustBypassesConfirmation: own(entry, 'trust') === true || undefined,
    description: str(own(entry, 'description')), // secrets in it: the scrub pass (scrub.ts)
  }, { keys: [key] });
  b.edge(ctx.agentId, 'connects_to', sid, at);
  if (own(entry, 'trust') === true) b.nodes.get(ctx.agentId)!.fields.autonomy = 'auto';

  // credentials
  for (const site of sites) credential(b, ctx, sid, site);
  for (const [value] of secretValues) b.secrets.add(value);

  // tools
  tools(b, ctx, sid, name, entry, at, catalog, args, command, scanned);
  return sid;
}

function credential(b: DocBuilder, ctx: Ctx, serverId: string, site: SecretSite): void {
  const ref = parseRef(site.value);
  const headerAuth = site.isHeader === true && (/^(authorization|proxy-authorization|x-api-key|api-key|x-auth-token|cookie)$/i.test(site.name) || isSecretName(site.name));
  const secretish = site.certain === true || isSecretName(site.name) || headerAuth;
  if (ref) {
    if (!secretish && !isSecretName(ref.name)) return;
    if (ref.kind === 'input_prompt') {
      const input = ctx.inputs.get(ref.name);
      const id = b.node(`cred:input:${b.file}:${ref.name}`, 'credential', str(own(input, 'description')) ?? ref.name, site.pointer, {
        storage: 'input_prompt',
        variable: ref.name,
        promptedSecret: own(input, 'password') === true || undefined,
      });
      b.edge(serverId, 'uses_credential', id, site.pointer);
      return;
    }
    const id = b.node(`cred:env:${ref.name}`, 'credential', ref.name, site.pointer, { storage: 'env_ref', variable: ref.name });
    b.edge(serverId, 'uses_credential', id, site.pointer);
    return;
  }
  for (const r of refsIn(site.value)) {
    if (!secretish && !isSecretName(r.name)) continue;
    const id = r.kind === 'input_prompt'
      ? b.node(`cred:input:${b.file}:${r.name}`, 'credential', r.name, site.pointer, { storage: 'input_prompt', variable: r.name })
      : b.node(`cred:env:${r.name}`, 'credential', r.name, site.pointer, { storage: 'env_ref', variable: r.name });
    b.edge(serverId, 'uses_credential', id, site.pointer);
  }
  if (refsIn(site.value).length > 0) return;
  const bare = site.value.replace(/^(Bearer|Basic|token|Token)\s+/, '').trim();
  if (isPlaceholder(bare) || isPlaceholder(site.value)) {
    if (!secretish) return;
    const id = b.node(`cred:placeholder:${serverId}:${site.name}`, 'credential', `${site.name} (placeholder)`, site.pointer, {
      storage: site.storage,
      variable: site.name,
      isPlaceholder: true,
    });
    b.edge(serverId, 'uses_credential', id, site.pointer);
    return;
  }
  if (!secretish && !looksLikeToken(bare)) return;
  b.secrets.add(site.value);
  b.secrets.add(bare);
  b.warn(ISSUE_CODES.SECRET_REDACTED, site.pointer, `${site.isHeader ? 'header' : site.storage === 'args_inline' ? 'argument' : site.foundIn === 'url' ? 'URL part' : 'value'} ${quote(site.name.slice(0, 60))} holds a secret: kept only as a credential fingerprint, redacted where it appeared`);
  const id = b.secretCredential(bare, site.pointer, {
    name: site.name,
    variable: site.name,
    storage: site.storage,
    foundIn: site.foundIn,
    credType: credTypeOf(site.name, bare),
    exposure: 'private',
  });
  const n = b.nodes.get(id)!;
  const vars = (n.fields.usedBy as string[] | undefined) ?? [];
  if (!vars.includes(site.name)) n.fields.usedBy = [...vars, site.name];
  b.edge(serverId, 'uses_credential', id, site.pointer);
  b.edge(ctx.configId, 'stores', id, site.pointer);
}

function credTypeOf(name: string, value: string): string {
  if (/^gh[pousr]_|^github_pat_/.test(value)) return 'github_pat';
  if (/^sk-ant-/.test(value)) return 'anthropic_api_key';
  if (/^sk-/.test(value)) return 'openai_api_key';
  if (/^xox/.test(value)) return 'slack_token';
  if (/^(AKIA|ASIA)/.test(value)) return 'aws_access_key';
  if (/password|passwd|pwd/i.test(name)) return 'password';
  if (/token|pat/i.test(name)) return 'token';
  return 'api_key';
}

function tools(b: DocBuilder, ctx: Ctx, serverId: string, serverName: string, entry: Obj, at: string, catalog: CatalogEntry | undefined, args: readonly string[], command: string | undefined, scanned?: Scanned): void {
  // Tool filters: Gemini includeTools/excludeTools, Codex enabled_tools/disabled_tools, mcp-proxy toolFilter,
  // allowedTools/allowed_tools; autoApprove/alwaysAllow lists skip confirmation.
  const include = new Set([...strList(own(entry, 'includeTools')), ...strList(own(entry, 'enabled_tools')), ...strList(own(entry, 'allowedTools')), ...strList(own(entry, 'allowed_tools'))]);
  const exclude = new Set([...strList(own(entry, 'excludeTools')), ...strList(own(entry, 'disabled_tools')), ...strList(own(entry, 'disabledTools'))]);
  const filter = own(own(entry, 'options'), 'toolFilter') ?? own(entry, 'toolFilter');
  if (isObj(filter)) {
    const list = strList(own(filter, 'list'));
    if (/^(allow|include)/i.test(str(own(filter, 'mode')) ?? '')) for (const t of list) include.add(t);
    else for (const t of list) exclude.add(t);
  }
  const autoApprove = new Set([...strList(own(entry, 'autoApprove')), ...strList(own(entry, 'alwaysAllow'))]);
  const allowed = (t: string) => (include.size === 0 || include.has(t)) && !exclude.has(t);

  const list: { name: string; caps: string[]; source: string; description?: string; pointer: string; annotations?: unknown }[] = [];
  if (scanned && scanned.tools.length > 0) {
    // What the server really listed (tools/list) beats the catalog; labels (§3.4 step 1) beat everything.
    scanned.tools.forEach((t, i) => {
      const tname = str(own(t, 'name'));
      if (!tname || list.some((x) => x.name === tname)) return;
      const description = str(own(t, 'description'));
      const label = scanned.labels[scanned.offset + i] ?? scanned.labels[i];
      const fromLabels = labelCaps(label);
      const ann = annotationCaps(own(t, 'annotations'));
      const caps = fromLabels ?? [...new Set([...(ann ?? []), ...heuristicCaps(tname, description)])];
      list.push({ name: tname, caps, source: fromLabels ? 'mcp-scan-labels' : ann ? 'annotations+heuristic' : 'heuristic', description, pointer: `${scanned.pointer}/${i}`, annotations: own(t, 'annotations') });
    });
  } else if (catalog) for (const t of catalog.tools) list.push({ name: t.name, caps: [...t.caps], source: 'catalog', pointer: at });
  const declared = arr(own(entry, 'tools')).length > 0 ? own(entry, 'tools') : own(entry, 'capabilities');
  arr(declared).forEach((t, i) => {
    const tname = typeof t === 'string' ? t : str(own(t, 'name'));
    if (!tname || list.some((x) => x.name === tname)) return;
    const description = str(own(t, 'description'));
    const ann = annotationCaps(own(t, 'annotations'));
    const caps = [...new Set([...(ann ?? []), ...heuristicCaps(tname, description)])];
    const key = own(entry, 'tools') === declared ? 'tools' : 'capabilities';
    list.push({ name: tname, caps, source: ann ? 'annotations+heuristic' : 'heuristic', description, pointer: `${at}/${key}/${i}`, annotations: own(t, 'annotations') });
  });
  if (list.length === 0 && include.size > 0) for (const t of include) list.push({ name: t, caps: heuristicCaps(t), source: 'heuristic', pointer: at });

  const paths = catalog?.id === 'filesystem' ? args.filter((a) => /^(\/|~|[A-Za-z]:[\\/]|\.{1,2}\/)/.test(a)) : [];
  for (const p of paths) {
    const idx = args.indexOf(p);
    b.node(`path:${p}`, 'data_store', p, `${at}/args/${idx}`, { storeType: 'filesystem_path', path: p });
  }
  let reach: string | undefined;
  if (catalog?.reaches) {
    reach = b.node(catalog.reaches.id, catalog.reaches.kind, catalog.reaches.name, at, catalog.reaches.kind === 'external' ? { subtype: 'internet' } : { vendor: catalog.title });
  }
  const readOnly = own(own(entry, 'settings'), 'readOnly') === true;
  for (const t of list) {
    if (!allowed(t.name)) continue;
    if (readOnly && t.caps.includes('file_write')) continue;
    const tid = b.node(`tool:${serverId}:${t.name}`, 'tool', t.name, t.pointer, {
      caps: t.caps,
      capsSource: t.source,
      confidence: t.source === 'catalog' || t.source === 'mcp-scan-labels' ? undefined : 'low',
      description: t.description,
      requiresApproval: autoApprove.has(t.name) ? false : undefined,
      pathScope: paths.length > 0 ? paths : undefined,
      server: serverName,
      annotations: isObj(t.annotations) ? t.annotations : undefined, // claims the analysis checks (infer.ts)
    });
    b.edge(serverId, 'provides', tid, t.pointer);
    for (const p of paths) {
      if (t.caps.includes('file_read')) b.edge(tid, 'reads', `path:${p}`, t.pointer);
      if (t.caps.includes('file_write')) b.edge(tid, 'writes', `path:${p}`, t.pointer);
    }
    if (reach) {
      if (t.caps.includes('untrusted_content') || t.caps.includes('private_data')) b.edge(tid, 'reads', reach, t.pointer);
      if (t.caps.includes('external_send')) b.edge(tid, catalog?.reaches?.kind === 'external' ? 'sends' : 'writes', reach, t.pointer);
    }
  }
  if (command && /^(bash|sh|zsh|cmd|powershell|pwsh)$/i.test(baseName(command))) {
    b.approx(at, `server ${quote(serverName)} is launched through a shell; its real package is not known`);
  }
}

/** mcp-scan labels (`is_public_sink`, `destructive`, `untrusted_content`, `private_data`; scores or booleans). */
function labelCaps(label: unknown): string[] | undefined {
  if (!isObj(label)) return undefined;
  const on = (k: string) => {
    const v = own(label, k);
    return v === true || (typeof v === 'number' && v >= 0.5);
  };
  const caps: string[] = [];
  if (on('untrusted_content') || on('untrusted_output')) caps.push('untrusted_content');
  if (on('private_data')) caps.push('private_data');
  if (on('is_public_sink') || on('public_sink')) caps.push('external_send');
  if (on('destructive')) caps.push('destructive');
  return caps;
}

// ---------------------------------------------------------------------------------------------------------
// mcp-scan --json output: {<config path>: ScanPathResult} (or a list of them)

function scanResults(json: unknown): [string, Obj, string][] {
  const out: [string, Obj, string][] = [];
  // mcp-scan and its successor Snyk Agent Scan (`servers` may be null when the config could not be read;
  // a server may be a skill, `{type: "skill", path}`, or carry only its signature)
  const isResult = (v: unknown): v is Obj =>
    isObj(v) &&
    ((Array.isArray(own(v, 'servers')) && arr(own(v, 'servers')).every((x) => isObj(x) && (isObj(own(x, 'server')) || isObj(own(x, 'signature'))))) ||
      (own(v, 'servers') === null && typeof own(v, 'path') === 'string' && (Array.isArray(own(v, 'issues')) || own(v, 'error') !== undefined)));
  if (isResult(json) && typeof own(json, 'path') === 'string') out.push([own(json, 'path') as string, json, '']);
  else if (Array.isArray(json)) json.forEach((v, i) => isResult(v) && out.push([str(own(v, 'path')) ?? `scan ${i}`, v, `/${i}`]));
  else if (isObj(json)) for (const k of Object.keys(json)) if (isResult(json[k])) out.push([str(own(json[k], 'path')) ?? k, json[k] as Obj, ptr(k)]);
  return out;
}

export function isMcpScan(json: unknown): boolean {
  const results = scanResults(json);
  return results.length > 0 && (Array.isArray(json) ? results.length === json.length : !isObj(json) || typeof own(json, 'path') === 'string' || results.length === Object.keys(json).length);
}

export function importMcpScan(json: unknown, b: DocBuilder): void {
  for (const [path, result, base] of scanResults(json)) {
    const ctx = clientNodes(b, path, {}, base);
    const name = str(own(result, 'client'));
    if (name) b.nodes.get(ctx.agentId)!.fields.scanClient = name;
    const pathError = own(result, 'error');
    if (pathError !== undefined && pathError !== null) b.warn(ISSUE_CODES.INVALID_FIELD, `${base}/error`, `the scanner could not read ${quote(path)}${str(own(pathError, 'message')) ? `: ${String(own(pathError, 'message')).slice(0, 200)}` : ''}`);
    if (own(result, 'servers') === null) b.warn(ISSUE_CODES.INVALID_FIELD, `${base}/servers`, `no servers were discovered in ${quote(path)} (the scanner could not parse it)`);
    const labels = arr(own(result, 'labels'));
    const seen = new Set<string>();
    // Agent Scan names the config each server came from (one client may flatten several files)
    const contexts = new Map<string, Ctx>([[path, ctx]]);
    const ctxFor = (p: string | undefined, at: string): Ctx => {
      if (!p) return ctx;
      let c = contexts.get(p);
      if (!c) {
        c = clientNodes(b, p, {}, at);
        if (name) b.nodes.get(c.agentId)!.fields.scanClient = name;
        contexts.set(p, c);
      }
      return c;
    };
    const serverIds: (string | undefined)[] = [];
    const entityOffsets: number[] = [];
    arr(own(result, 'servers')).forEach((srv, i) => {
      const at = `${base}/servers/${i}`;
      const entry = (isObj(own(srv, 'server')) ? own(srv, 'server') : {}) as Obj;
      const sname = str(own(srv, 'name')) ?? `server ${i}`;
      const sig = own(srv, 'signature');
      const prompts = arr(own(sig, 'prompts') ?? own(srv, 'prompts'));
      const resources = arr(own(sig, 'resources') ?? own(srv, 'resources'));
      const toolList = own(sig, 'tools') !== undefined ? own(sig, 'tools') : own(srv, 'tools');
      const toolPointer = own(sig, 'tools') !== undefined ? `${at}/signature/tools` : `${at}/tools`;
      const templates = arr(own(sig, 'resource_templates'));
      entityOffsets[i] = prompts.length + resources.length + templates.length;
      serverIds[i] = server(b, ctxFor(str(own(srv, 'config_path')), at), sname, entry, `${at}/server`, undefined, seen, {
        tools: arr(toolList),
        labels: arr(labels[i]),
        offset: arr(labels[i]).length === prompts.length + resources.length + templates.length + arr(toolList).length ? prompts.length + resources.length + templates.length : 0,
        pointer: toolPointer,
      });
      const error = own(srv, 'error');
      if (error !== undefined && error !== null) b.warn(ISSUE_CODES.INVALID_FIELD, `${at}/error`, `mcp-scan could not scan server ${quote(sname)}; its tools are unknown`);
    });
    // Issues become findings where they point: a tool (server index, entity index), a server (index, null),
    // or the client (no reference)
    arr(own(result, 'issues')).forEach((iss, i) => {
      const code = str(own(iss, 'code'));
      const at = `${base}/issues/${i}`;
      if (!code) {
        b.warn(ISSUE_CODES.INVALID_FIELD, at, 'an issue without a code; ignored');
        return;
      }
      const ref = arr(own(iss, 'reference'));
      const si = typeof ref[0] === 'number' ? ref[0] : undefined;
      const ei = typeof ref[1] === 'number' ? ref[1] : undefined;
      const sid = si !== undefined ? serverIds[si] : undefined;
      let target = sid === undefined ? ctx.agentId : sid;
      let entity: string | undefined;
      if (sid !== undefined && ei !== undefined) {
        const srv = arr(own(result, 'servers'))[si!];
        const sig = own(srv, 'signature');
        const ents = [...arr(own(sig, 'prompts')), ...arr(own(sig, 'resources')), ...arr(own(sig, 'resource_templates')), ...arr(own(sig, 'tools'))];
        entity = str(own(ents[ei], 'name'));
        const tool = ei >= (entityOffsets[si!] ?? 0) && entity ? `tool:${sid}:${entity}` : undefined;
        if (tool && b.nodes.has(tool)) target = tool;
      }
      if (si !== undefined && sid === undefined) b.warn(ISSUE_CODES.MISSING_ENDPOINT, `${at}/reference`, `issue ${quote(code)} names server ${si}, which is not in the report; attached to the client`);
      const node = b.nodes.get(target)!;
      const findings = (node.fields.findings as unknown[] | undefined) ?? [];
      const extra = own(iss, 'extra_data');
      findings.push({ source: 'mcp-scan', code, message: str(own(iss, 'message')), entity, extra: isObj(extra) ? extra : undefined, provenance: b.prov(at) });
      node.fields.findings = findings;
    });
  }
}
