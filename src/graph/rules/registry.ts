/**
 * The rule registry. Adding a rule means one file under rules/ and one line here.
 *
 * `evaluateRules` runs every rule (strict by default; worst-case adds "assumed" findings), attaches the
 * cheapest cut and its alternative to each finding (§6.2), and ranks them (§6.1, see scoring/rank.ts).
 */
import { withInferredEvidence } from '../inferred-facts.ts';
import { rankFindings } from '../scoring/rank.ts';

import { credentialPivotChain } from './credential-pivot-chain.ts';
import { delegationConfusedDeputy } from './delegation-confused-deputy.ts';
import { exposedVulnerableAiWorkload } from './exposed-vulnerable-ai-workload.ts';
import { lethalTrifecta } from './lethal-trifecta.ts';
import { findingCut } from './min-cut.ts';
import { orphanedAiIdentity } from './orphaned-ai-identity.ts';
import { overprivilegedAiIdentity } from './overprivileged-ai-identity.ts';
import { plaintextSecretInAgentConfig } from './plaintext-secret-in-agent-config.ts';
import { publicBotConfidentialRetrieval } from './public-bot-confidential-retrieval.ts';
import { regulatedDataToUnapprovedModel } from './regulated-data-to-unapproved-model.ts';
import { renderingExfiltration } from './rendering-exfiltration.ts';
import { retrievalPoisoning } from './retrieval-poisoning.ts';
import { shadowAiOauthGrant } from './shadow-ai-oauth-grant.ts';
import { sharedCredentialAcrossTrust } from './shared-credential-across-trust.ts';
import type { Finding, Rule, RuleContext } from './types.ts';
import { unauthenticatedRemoteAgent } from './unauthenticated-remote-agent.ts';
import { unboundedAiKey } from './unbounded-ai-key.ts';
import { untrustedInputCodeExecution } from './untrusted-input-code-execution.ts';
import { untrustedInputDestructiveAction } from './untrusted-input-destructive-action.ts';
import { unvettedMcpBesideSensitiveTools } from './unvetted-mcp-beside-sensitive-tools.ts';
import { vulnerableAiComponentWithSecrets } from './vulnerable-ai-component-with-secrets.ts';
import { completeGraph } from './worst-case.ts';

/** The catalog, R01–R19, in catalog order. */
export const RULES: readonly Rule[] = [
  lethalTrifecta,
  untrustedInputDestructiveAction,
  untrustedInputCodeExecution,
  renderingExfiltration,
  publicBotConfidentialRetrieval,
  retrievalPoisoning,
  delegationConfusedDeputy,
  unvettedMcpBesideSensitiveTools,
  plaintextSecretInAgentConfig,
  overprivilegedAiIdentity,
  credentialPivotChain,
  exposedVulnerableAiWorkload,
  unboundedAiKey,
  shadowAiOauthGrant,
  orphanedAiIdentity,
  regulatedDataToUnapprovedModel,
  unauthenticatedRemoteAgent,
  sharedCredentialAcrossTrust,
  vulnerableAiComponentWithSecrets,
];

export const RULES_BY_ID: ReadonlyMap<string, Rule> = new Map(RULES.map((r) => [r.id, r]));

function runAll(context: RuleContext, rules: readonly Rule[]): Finding[] {
  const kindOf = (id: string) => {
    const j = context.graph.index.edgeIndex.get(id);
    return j === undefined ? '' : context.graph.edges[j]!.kind;
  };
  return rules.flatMap((rule) =>
    rule.evaluate(context).map((f) => {
      const cut = f.legs ? findingCut(f.legs, kindOf) : undefined;
      return cut ? { ...f, cut } : f;
    }),
  );
}

/** Runs every registered rule (or the given ones); findings ranked by severity and context. */
export function evaluateRules(context: RuleContext, rules: readonly Rule[] = RULES): Finding[] {
  const strict = runAll({ ...context, mode: 'strict' }, rules);
  if (context.mode !== 'worst-case') return withInferredEvidence(context.graph, rankFindings(strict));
  const completed = completeGraph(context.graph);
  const known = new Set(strict.map((f) => `${f.rule}|${f.node}`));
  const extra: Finding[] = [];
  for (const f of runAll({ ...context, graph: completed.graph, mode: 'strict' }, rules)) {
    if (known.has(`${f.rule}|${f.node}`)) continue;
    known.add(`${f.rule}|${f.node}`);
    let assumed = f.evidence.nodes.flatMap((id) => completed.assumed.get(id) ?? []);
    if (assumed.length === 0) assumed = [...completed.assumed.values()].flat().slice(0, 5);
    extra.push({ ...f, title: `${f.title} (assumed)`, assumed: [...new Set(assumed)] });
  }
  return withInferredEvidence(context.graph, rankFindings([...strict, ...extra]));
}
