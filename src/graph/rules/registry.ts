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
import { cutVerifier, verifyFindingCuts } from './true-cut.ts';
import type { CutVerifier } from './true-cut.ts';
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

/** Where `evaluateRules` is: one step per rule and pass (worst-case mode runs the rules twice). */
export interface RuleProgress {
  /** `strict` for the inventory as given; `worst-case` for the pass over the graph with unknown facts filled in. */
  readonly pass: 'strict' | 'worst-case';
  readonly rule: Rule;
  /** 1-based step and the number of steps in all (rules × passes). */
  readonly step: number;
  readonly steps: number;
  /** Findings this rule added (worst-case pass: only those not already found strictly). */
  readonly findings: number;
}

export interface EvaluateOptions {
  /** Called after each rule (and pass) with the counts so far. */
  readonly onProgress?: (progress: RuleProgress) => void;
  /**
   * Each rule's findings as soon as that rule is done, cuts attached, before ranking (`rank` is set only on
   * the final list). Worst-case pass: only the new, assumed findings.
   */
  readonly onFindings?: (rule: Rule, findings: readonly Finding[], pass: 'strict' | 'worst-case') => void;
  /** Checked before each rule; when aborted, evaluation stops with the signal's reason (an AbortError). */
  readonly signal?: AbortSignal;
}

/** One rule's findings with the cheapest cut and its alternative attached (§6.2). */
function evaluateRule(context: RuleContext, rule: Rule, verifier?: CutVerifier): Finding[] {
  const kindOf = (id: string) => {
    const j = context.graph.index.edgeIndex.get(id);
    return j === undefined ? '' : context.graph.edges[j]!.kind;
  };
  const found = rule.evaluate(context).map((f) => {
    const cut = f.legs ? findingCut(f.legs, kindOf) : undefined;
    return cut ? { ...f, cut } : f;
  });
  // every cut a true cut (true-cut.ts); inferred facts the evidence rests on (../inferred-facts.ts)
  return withInferredEvidence(context.graph, verifier ? verifyFindingCuts(verifier, rule, found) : found);
}

function abortIfAsked(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw signal.reason instanceof Error ? signal.reason : new DOMException('rule evaluation aborted', 'AbortError');
}

/**
 * The engine, one rule at a time: yields after each rule (and pass) with its findings, so a caller can
 * report progress, show findings early, give the event loop a turn and stop (by not asking for more, or
 * through `signal`). The last step carries `ranked`, the same list `evaluateRules` returns.
 *
 * @example for (const step of evaluateRulesSteps({ graph, mode: 'strict' })) if (step.ranked) use(step.ranked);
 */
export function* evaluateRulesSteps(
  context: RuleContext,
  rules: readonly Rule[] = RULES,
  signal?: AbortSignal,
): Generator<RuleProgress & { readonly added: readonly Finding[]; readonly ranked?: readonly Finding[] }, void, void> {
  const worst = context.mode === 'worst-case';
  const steps = rules.length * (worst ? 2 : 1);
  const strictContext: RuleContext = { ...context, mode: 'strict' };
  const strict: Finding[] = [];
  const verifier = context.verifyCuts ? cutVerifier(context, worst ? completeGraph(context.graph).graph : undefined) : undefined;
  let step = 0;
  for (const rule of rules) {
    abortIfAsked(signal);
    const found = evaluateRule(strictContext, rule, verifier);
    for (const f of found) strict.push(f);
    step++;
    yield { pass: 'strict', rule, step, steps, findings: found.length, added: found, ...(step === steps ? { ranked: rankFindings(strict) } : {}) };
  }
  if (!worst) return;
  const completed = completeGraph(context.graph);
  const known = new Set(strict.map((f) => `${f.rule}|${f.node}`));
  const extra: Finding[] = [];
  const completedContext: RuleContext = { ...context, graph: completed.graph, mode: 'strict' };
  for (const rule of rules) {
    abortIfAsked(signal);
    const added: Finding[] = [];
    // One finding per (rule, node): what strict mode found, then the first the completed graph gives.
    const fresh: Finding[] = [];
    for (const f of evaluateRule(completedContext, rule)) {
      const key = `${f.rule}|${f.node}`;
      if (known.has(key)) continue;
      known.add(key);
      fresh.push(f);
    }
    for (const f of verifier ? verifyFindingCuts(verifier, rule, fresh) : fresh) {
      let assumed = f.evidence.nodes.flatMap((id) => completed.assumed.get(id) ?? []);
      if (assumed.length === 0) assumed = [...completed.assumed.values()].flat().slice(0, 5);
      added.push({ ...f, title: `${f.title} (assumed)`, assumed: [...new Set(assumed)] });
    }
    for (const f of added) extra.push(f);
    step++;
    yield { pass: 'worst-case', rule, step, steps, findings: added.length, added, ...(step === steps ? { ranked: rankFindings([...strict, ...extra]) } : {}) };
  }
}

/**
 * Runs every registered rule (or the given ones); findings ranked by severity and context. `options` give
 * progress per rule, each rule's findings as they are ready, and cancellation (see EvaluateOptions).
 */
export function evaluateRules(context: RuleContext, rules: readonly Rule[] = RULES, options: EvaluateOptions = {}): Finding[] {
  let ranked: readonly Finding[] = [];
  for (const step of evaluateRulesSteps(context, rules, options.signal)) {
    options.onFindings?.(step.rule, step.added, step.pass);
    options.onProgress?.({ pass: step.pass, rule: step.rule, step: step.step, steps: step.steps, findings: step.findings });
    if (step.ranked) ranked = step.ranked;
  }
  return ranked as Finding[];
}

/**
 * The engine as an async iterator, for a worker or a UI: each step is one rule's findings (and progress);
 * between steps it awaits `pause()` (say, a zero-delay timer, so messages such as a cancel get through; the
 * core reads no clock itself) and stops with an AbortError once `signal` is aborted.
 *
 * @example for await (const step of evaluateRulesAsync(ctx, { signal, pause: () => new Promise((r) => setTimeout(r)) })) post(step);
 */
export async function* evaluateRulesAsync(
  context: RuleContext,
  options: { readonly rules?: readonly Rule[]; readonly signal?: AbortSignal; readonly pause?: () => Promise<void> } = {},
): AsyncGenerator<RuleProgress & { readonly added: readonly Finding[]; readonly ranked?: readonly Finding[] }, void, void> {
  for (const step of evaluateRulesSteps(context, options.rules ?? RULES, options.signal)) {
    yield step;
    if (options.pause) await options.pause();
    abortIfAsked(options.signal);
  }
}
