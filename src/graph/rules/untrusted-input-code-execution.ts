/**
 * R03 — Untrusted input + code-execution tool on a non-isolated host:
 * `U(a) ∧ ∃ t: CODE_EXEC(t) ∧ path(a ─K_TOOL→* t) ∧ ∃ h: t ─executes→ h ∧ (h.sandbox ∈ {none, local}
 *  ∨ h.network_egress ∨ h.credentials_in_env ∨ ∃ path(h ─K_PERM→* r))`.
 */
import { K_PERM_GRANTS, bool, factsFor, str } from './facts.ts';
import { MAX_LEG_WITNESSES, applyModifiers, leg, legOf, makeFinding, nodeNames, nodesOfKind } from './finding.ts';
import { DEFAULT_H, chain } from './traverse.ts';
import type { Finding, Rule, Witness } from './types.ts';

export const untrustedInputCodeExecution: Rule = {
  id: 'untrusted-input-code-execution',
  ref: 'R03',
  name: 'Untrusted input with code execution on a non-isolated host',
  base: 'high',
  tags: ['OWASP LLM05', 'LLM06', 'ASI05', 'T11', 'ATLAS AML.T0053', 'AML.T0051', 'CoSAI riskInsecureIntegratedComponent', 'MAESTRO L3/L4'],
  remediation:
    'Cut the executes edge and re-point the tool at an isolated sandbox (no network, no ambient identity). Or remove the host’s runs_as identity. Or remove the untrusted leg.',
  evaluate(context) {
    const facts = factsFor(context.graph, context.disabledEdges);
    const findings: Finding[] = [];
    for (const a of nodesOfKind(facts, 'ai_agent')) {
      const { U, X } = facts.legs(a);
      if (U.length === 0 || X.length === 0) continue;
      const exec: Witness[] = [];
      const hosts: number[] = [];
      const permWitnesses: Witness[] = [];
      let reachesCrown = false;
      let configSecrets = false;
      let isolated = true;
      for (const hit of X) {
        for (const j of facts.out(hit.target, 'executes')) {
          const h = facts.dst(j);
          const host = facts.node(h);
          const sandbox = str(host, 'sandbox');
          // Does the host's identity reach anything (K_PERM)? Any usable such edge to another node says so.
          const reachesAny = facts.out(h, K_PERM_GRANTS).some((e) => facts.dst(e) !== h);
          const open = sandbox === 'none' || sandbox === 'local' || bool(host, 'networkEgress') === true || bool(host, 'credentialsInEnv') === true || reachesAny;
          if (!open) continue;
          exec.push(chain(hit.witness, facts.edgeWitness(j)));
          hosts.push(h);
          // Sensitive or PROD nodes it reaches, nearest first: the leg keeps its first MAX_LEG_WITNESSES witnesses.
          if (reachesAny && permWitnesses.length < MAX_LEG_WITNESSES) {
            const walker = facts.walker;
            walker.run(h, K_PERM_GRANTS, DEFAULT_H, (r) => {
              if (r === h || !(facts.sensitive[r] || facts.prod[r])) return false;
              reachesCrown = true;
              permWitnesses.push(walker.witness(r));
              return permWitnesses.length >= MAX_LEG_WITNESSES;
            });
          }
          // The host stores credentials in plaintext config (directly, or through a config file it holds).
          for (const s of facts.out(h, 'stores')) {
            const c = facts.dst(s);
            const plain = (i: number) => facts.kinds[i] === 'credential' && ['config_plaintext', 'args_inline', 'headers_inline'].includes(str(facts.node(i), 'storage') ?? '');
            if (plain(c) || (facts.kinds[c] === 'config_file' && facts.out(c, 'stores').some((k) => facts.kinds[facts.dst(k)] === 'credential'))) configSecrets = true;
          }
          if (!(sandbox === 'remote_isolated' && bool(host, 'networkEgress') === false && bool(host, 'credentialsInEnv') !== true && facts.out(h, 'uses_credential').length === 0 && !reachesCrown)) isolated = false;
        }
      }
      if (exec.length === 0) continue;
      const { severity, modifiers } = applyModifiers(
        'high',
        [reachesCrown && 'the host reaches sensitive or production resources through its identity', configSecrets && 'the host stores credentials in configuration files'],
        [isolated && 'every host is a remote isolated sandbox without egress or credentials'],
      );
      const toolNames = X.filter((h) => exec.some((w) => w.nodes.includes(facts.node(h.target).id))).map((h) => h.target);
      findings.push(
        makeFinding(this, facts, {
          node: a,
          severity,
          modifiers,
          zeroClick: U.some((h) => h.zeroClick),
          title: `${facts.name(a)} reads ${nodeNames(facts, U.map((h) => h.target))} and can run code with ${nodeNames(facts, toolNames)} on ${nodeNames(facts, hosts)}`,
          legs: [
            legOf('untrusted input', 'untrusted', U),
            leg('code execution', 'exec', exec),
            ...(permWitnesses.length > 0 ? [leg('host identity reach', 'target', permWitnesses, true)] : []),
          ],
        }),
      );
    }
    return findings;
  },
};
