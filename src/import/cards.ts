/**
 * A2A agent cards (v1.0 `supportedInterfaces`, v0.3 `url` + `securitySchemes`/`security`, early
 * `authentication`), and MCP server cards / server-side tool manifests (`{name, tools[], transport?}`).
 */
import { ISSUE_CODES } from '../model/issues.ts';

import type { DocBuilder } from './builder.ts';
import { annotationCaps, heuristicCaps } from './catalog.ts';
import { arr, hostOf, isObj, isPrivateHost, keysOf, own, safeUrl, str, strList, urlKey } from './util.ts';

export function isA2aCard(json: unknown): boolean {
  if (!isObj(json) || !str(own(json, 'name'))) return false;
  if (Array.isArray(own(json, 'supportedInterfaces'))) return true;
  if (Array.isArray(own(json, 'skills')) && (own(json, 'url') !== undefined || isObj(own(json, 'capabilities')) || own(json, 'defaultInputModes') !== undefined)) return true;
  if (Array.isArray(own(json, 'skills')) && arr(own(json, 'skills')).some((s) => own(s, 'tags') !== undefined || own(s, 'examples') !== undefined || own(s, 'inputModes') !== undefined)) return true;
  return str(own(json, 'url')) !== undefined && isObj(own(json, 'capabilities')) && (own(json, 'protocolVersion') !== undefined || own(json, 'defaultInputModes') !== undefined);
}

export function isMcpServerCard(json: unknown): boolean {
  if (!isObj(json) || !Array.isArray(own(json, 'tools'))) return false;
  if (!str(own(json, 'name')) && !str(own(own(own(json, 'metadata'), 'serverInfo'), 'name'))) return false;
  return arr(own(json, 'tools')).every((t) => isObj(t) && str(own(t, 'name')) !== undefined);
}

export function importA2aCard(json: unknown, b: DocBuilder): void {
  const card = json as Record<string, unknown>;
  const name = str(own(card, 'name'))!;
  const urls: string[] = [];
  const top = str(own(card, 'url'));
  if (top) urls.push(top);
  for (const i of arr(own(card, 'supportedInterfaces'))) if (str(own(i, 'url'))) urls.push(str(own(i, 'url'))!);
  for (const i of arr(own(card, 'additionalInterfaces'))) if (str(own(i, 'url'))) urls.push(str(own(i, 'url'))!);
  for (let i = 0; i < urls.length; i++) urls[i] = safeUrl(b, urls[i]!);
  const host = urls.map(hostOf).find((h) => h !== undefined);
  const schemes = [...keysOf(own(card, 'securitySchemes')), ...strList(own(own(card, 'authentication'), 'schemes'))];
  const requirements = [...arr(own(card, 'security')), ...arr(own(card, 'securityRequirements'))];
  const unauthenticated = schemes.length === 0 && requirements.length === 0;
  const exposure = host === undefined ? undefined : isPrivateHost(host) ? 'internal' : unauthenticated ? 'public' : 'authenticated_external';
  const signed = arr(own(card, 'signatures')).length > 0;
  const agent = b.node(`a2a:${urls[0] ? (urlKey(urls[0]) ?? name) : name}`, 'ai_agent', name, '', {
    protocol: 'a2a',
    agentType: 'a2a_agent',
    description: str(own(card, 'description')),
    version: str(own(card, 'version')),
    protocolVersion: str(own(card, 'protocolVersion')) ?? str(own(arr(own(card, 'supportedInterfaces'))[0], 'protocolVersion')),
    provider: str(own(own(card, 'provider'), 'organization')),
    url: urls[0],
    host,
    exposure,
    a2aSecuritySchemes: schemes,
    signed,
    pushNotifications: own(own(card, 'capabilities'), 'pushNotifications') === true || undefined,
  }, { keys: urls.map(urlKey) });
  if (!signed) b.warn(ISSUE_CODES.INVALID_FIELD, '/signatures', 'the agent card is not signed (A2A clients SHOULD verify a card signature)');
  if (unauthenticated && host !== undefined && !isPrivateHost(host)) {
    const ext = b.node('external:internet', 'external', 'The internet', '', { subtype: 'internet' });
    b.edge(ext, 'can_invoke', agent, '', { auth: 'none' });
  }
  arr(own(card, 'skills')).forEach((s, i) => {
    const sname = str(own(s, 'name')) ?? str(own(s, 'id'));
    if (!sname) {
      b.warn(ISSUE_CODES.INVALID_NODE, `/skills/${i}`, 'skill without a name or id; ignored');
      return;
    }
    const description = str(own(s, 'description'));
    const tags = strList(own(s, 'tags'));
    const tid = b.node(`tool:${agent}:${str(own(s, 'id')) ?? sname}`, 'tool', sname, `/skills/${i}`, {
      caps: heuristicCaps(sname, `${description ?? ''} ${tags.join(' ')}`),
      capsSource: 'heuristic',
      confidence: 'low',
      description,
      tags: tags.length > 0 ? tags : undefined,
    });
    b.edge(agent, 'has_tool', tid, `/skills/${i}`);
  });
}

export function importServerCard(json: unknown, b: DocBuilder): void {
  const card = json as Record<string, unknown>;
  // a server signature (initialize + tools/list, as mcp-scan stores them) names itself in serverInfo
  const name = str(own(card, 'name')) ?? str(own(own(own(card, 'metadata'), 'serverInfo'), 'name'))!;
  const repo = str(own(card, 'repository')) ?? str(own(own(card, 'repository'), 'url'));
  const repoName = repo?.replace(/\/+$/, '').split('/').pop()?.replace(/\.git$/, '');
  const transports = strList(own(card, 'transport')).length > 0 ? strList(own(card, 'transport')) : strList(own(card, 'transports'));
  const authType = str(own(own(card, 'authentication'), 'type'));
  const remotes = arr(own(card, 'remotes'))
    .map((r) => str(own(r, 'url')))
    .filter((u): u is string => u !== undefined)
    .map((u) => safeUrl(b, u));
  const sid = b.node(`mcp-card:${name}`, 'mcp_server', name, '', {
    serverName: name,
    description: str(own(card, 'description')),
    version: str(own(card, 'version')) ?? str(own(own(own(card, 'metadata'), 'serverInfo'), 'version')),
    protocolVersion: str(own(own(card, 'metadata'), 'protocolVersion')),
    transport: transports[0],
    transports: transports.length > 0 ? transports : undefined,
    publisher: str(own(own(card, 'publisher'), 'name')),
    repository: repo,
    auth: authType ? (/oauth/i.test(authType) ? 'oauth' : /none/i.test(authType) ? 'none' : 'static_header') : undefined,
    remote: remotes.length > 0 || transports.some((t) => /http|sse/i.test(t)) ? true : undefined,
    toolsKnown: true,
  }, { keys: [`mcp-name:${name.toLowerCase()}`, repoName ? `mcp-name:${repoName.toLowerCase()}` : undefined, repo ? urlKey(repo) : undefined, ...remotes.map(urlKey)] });
  arr(own(card, 'tools')).forEach((t, i) => {
    const tname = str(own(t, 'name'))!;
    const description = str(own(t, 'description'));
    const ann = annotationCaps(own(t, 'annotations'));
    const tid = b.node(`tool:mcp-card:${name}:${tname}`, 'tool', tname, `/tools/${i}`, {
      caps: [...new Set([...(ann ?? []), ...heuristicCaps(tname, description)])],
      capsSource: ann ? 'annotations+heuristic' : 'heuristic',
      confidence: 'low',
      description,
      annotations: isObj(own(t, 'annotations')) ? own(t, 'annotations') : undefined,
    }, { keys: [repoName ? `mcp-tool:${repoName.toLowerCase()}:${tname}` : undefined, `mcp-tool:${name.toLowerCase()}:${tname}`] });
    b.edge(sid, 'provides', tid, `/tools/${i}`);
  });
}
