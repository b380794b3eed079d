/**
 * R09 — Plaintext credentials in agent/MCP configuration reachable by a steerable agent:
 * `c.kind == credential ∧ c.storage ∈ {config_plaintext, args_inline, headers_inline} ∧ c.is_placeholder != true
 *  ∧ (c.exposure == public_repo ∨ ∃ a: a.kind == ai_agent ∧ a.host == c.host ∧ U(a)
 *     ∧ ∃ t: path(a ─K_TOOL→* t) ∧ (CODE_EXEC(t) ∨ ('file_read' ∈ t.caps ∧ t.path_scope covers c.location)))`.
 * Hosts: a node's own `host`, or for a credential the `host` of a config_file that stores it; for an agent,
 * also the cloud_resource it is deployed_on (its id or `host`).
 */
import { K_TOOL, absent, ageDays, bool, factsFor, hasAnyAction, list, str } from './facts.ts';
import type { RuleFacts } from './facts.ts';
import { applyModifiers, leg, legOf, makeFinding, nodesOfKind } from './finding.ts';
import { reversed } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

const PLAINTEXT = new Set(['config_plaintext', 'args_inline', 'headers_inline']);
const BROAD_SCOPE = /(^|[:\s])(\*|admin|all|full|repo$|repo:all|write:all|owner|root)/i;

function hostsOfCredential(facts: RuleFacts, c: number): { hosts: Set<string>; location?: string; files: number[] } {
  const hosts = new Set<string>();
  const files: number[] = [];
  const own = str(facts.node(c), 'host');
  if (own) hosts.add(own);
  let location = str(facts.node(c), 'location') ?? str(facts.node(c), 'path');
  for (const j of facts.in(c, 'stores')) {
    const f = facts.src(j);
    files.push(j);
    const fh = str(facts.node(f), 'host');
    if (fh) hosts.add(fh);
    if (facts.kinds[f] === 'cloud_resource') hosts.add(facts.node(f).id);
    location ??= str(facts.node(f), 'path');
  }
  return { hosts, ...(location !== undefined ? { location } : {}), files };
}

function hostsOfAgent(facts: RuleFacts, a: number): Set<string> {
  const hosts = new Set<string>();
  const own = str(facts.node(a), 'host');
  if (own) hosts.add(own);
  for (const j of facts.out(a, 'deployed_on')) {
    const h = facts.dst(j);
    hosts.add(facts.node(h).id);
    const hh = str(facts.node(h), 'host');
    if (hh) hosts.add(hh);
  }
  return hosts;
}

/** Does a path scope cover a location? Absent scope = unscoped (covers everything); prefix or `*` glob match. */
export function scopeCovers(scopes: readonly string[], location: string | undefined): boolean {
  if (scopes.length === 0) return true;
  if (location === undefined) return scopes.some((s) => s === '*' || s === '/' || s === '**');
  const norm = (p: string) => p.replace(/\\/g, '/');
  const loc = norm(location);
  return scopes.some((raw) => {
    const s = norm(raw);
    if (s === '*' || s === '**' || s === '/') return true;
    if (s.includes('*')) {
      const escape = (part: string) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&');
      const re = new RegExp(`^${s.split('**').map((seg) => seg.split('*').map(escape).join('[^/]*')).join('.*')}`);
      return re.test(loc);
    }
    return loc === s || loc.startsWith(s.endsWith('/') ? s : `${s}/`) || (s === '~' && loc.startsWith('~'));
  });
}

export const plaintextSecretInAgentConfig: Rule = {
  id: 'plaintext-secret-in-agent-config',
  ref: 'R09',
  name: 'Plaintext secret in agent configuration',
  base: 'medium',
  tags: ['OWASP LLM02', 'ASI03', 'T3', 'ATLAS AML.T0083', 'AML.T0098', 'AML.T0055', 'OWASP NHI2', 'NHI7', 'mcp-scan W007/W008', 'MAESTRO L4/L6'],
  remediation:
    'Cut the config file’s stores edge: reference the secret (${env:VAR}, ${input:…}, bearer_token_env_var) or use a vault. Narrow the file-read tool’s scope to exclude config directories. Rotate the credential.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    // Agents by host (an agent's hosts do not depend on the credential), in index order.
    const agentsOnHost = new Map<string, number[]>();
    for (const a of nodesOfKind(facts, 'ai_agent')) {
      for (const h of hostsOfAgent(facts, a)) {
        const onHost = agentsOnHost.get(h);
        if (onHost) onHost.push(a);
        else agentsOnHost.set(h, [a]);
      }
    }
    for (const c of nodesOfKind(facts, 'credential')) {
      const cred = facts.node(c);
      if (!PLAINTEXT.has(str(cred, 'storage') ?? '') || bool(cred, 'isPlaceholder') === true) continue;
      const { hosts, location, files } = hostsOfCredential(facts, c);
      const storeWitnesses = files.map((j) => reversed(facts.edgeWitness(j))); // credential ← config file
      const publicRepo = str(cred, 'exposure') === 'public_repo';
      // Severity (shared by every finding on this credential).
      const age = ageDays(cred, 'ageDays', 'createdAt', context.now) ?? ageDays(cred, 'ageDays', 'lastRotated', context.now);
      const adminBehind = facts.out(c, 'authenticates_as').some((j) =>
        facts.out(facts.dst(j), 'has_permission').some((p) => {
          const r = facts.dst(p);
          return hasAnyAction(facts.edge(p), ['admin']) && (facts.prod[r] === 1 || facts.kinds[r] === 'saas_app');
        }),
      );
      const raises = [
        list(cred, 'scopes').some((s) => BROAD_SCOPE.test(s)) && 'the credential’s scopes are broad',
        absent(cred, 'expiresAt') && age !== undefined && age > 90 && 'the credential never expires and is older than 90 days',
      ];
      const critical = [adminBehind && 'the credential authenticates as an identity with admin on production or a SaaS tenant', publicRepo && 'the credential sits in a public repository'].filter(
        (r): r is string => typeof r === 'string',
      );
      const mod = applyModifiers('medium', raises);
      const severity = critical.length > 0 ? 'critical' : mod.severity;
      const modifiers = [...mod.modifiers, ...critical.map((r) => `raised to critical: ${r}`)];

      const emitted = new Set<number>();
      const onHosts = new Set<number>();
      for (const h of hosts) for (const a of agentsOnHost.get(h) ?? []) onHosts.add(a);
      for (const a of [...onHosts].sort((p, q) => p - q)) {
        const { U } = facts.legs(a);
        if (U.length === 0) continue;
        const tree = facts.tree(a, K_TOOL);
        const readers: Witness[] = [];
        for (const t of tree.order) {
          const tool = facts.node(t);
          if (facts.codeExec[t] || (list(tool, 'caps').includes('file_read') && scopeCovers(list(tool, 'pathScope'), location))) {
            readers.push(facts.witness(tree, t));
          }
        }
        if (readers.length === 0) continue;
        emitted.add(a);
        findings.push(
          makeFinding(this, facts, {
            node: a,
            severity,
            modifiers,
            zeroClick: U.some((h) => h.zeroClick),
            title: `${facts.name(a)} reads untrusted content and can read files on the host where ${facts.name(c)} sits in plaintext configuration`,
            legs: [legOf('untrusted input', 'untrusted', U), leg('file read or code execution', 'exec', readers), leg('plaintext secret', 'target', storeWitnesses.length > 0 ? storeWitnesses : [facts.nodeWitness(c)])],
          }),
        );
      }
      if (publicRepo) {
        // The AI nodes that use the leaked credential; the credential itself when none is inventoried.
        const users = facts.in(c, 'uses_credential').filter((j) => ['ai_agent', 'mcp_server'].includes(facts.kinds[facts.src(j)]!) && !emitted.has(facts.src(j)));
        const owners = users.length > 0 ? users.map((j) => ({ node: facts.src(j), w: facts.edgeWitness(j) })) : emitted.size === 0 ? [{ node: c, w: facts.nodeWitness(c) }] : [];
        for (const o of owners) {
          findings.push(
            makeFinding(this, facts, {
              node: o.node,
              severity,
              modifiers,
              zeroClick: true,
              title: `${facts.name(c)}${o.node !== c ? `, used by ${facts.name(o.node)},` : ''} is stored in plaintext in a configuration file in a public repository`,
              legs: [leg('plaintext secret in a public repository', 'target', storeWitnesses.length > 0 ? storeWitnesses : [facts.nodeWitness(c)]), ...(o.node !== c ? [leg('used by', 'entry', [o.w], true)] : [])],
            }),
          );
        }
      }
    }
    return findings;
  },
};
