/**
 * The engine's progress, streaming and cancellation API (`evaluateRules` options, `evaluateRulesSteps`,
 * `evaluateRulesAsync`): the same findings as a plain run, handed over rule by rule, and a clean stop.
 */
import { describe, expect, it } from 'vitest';

import { rankFindings } from '../scoring/rank.ts';
import { graphFrom } from '../test-helpers.ts';

import { fuzzInventory } from './fuzz-inventory.ts';
import { RULES, evaluateRules, evaluateRulesAsync, evaluateRulesSteps } from './registry.ts';
import type { RuleProgress } from './registry.ts';
import type { Finding } from './types.ts';

const estate = () => {
  const { nodes, edges } = fuzzInventory(7, 200, 2.6);
  return graphFrom(nodes, edges);
};

describe('rule engine API', () => {
  for (const mode of ['strict', 'worst-case'] as const) {
    it(`reports every rule once, hands over each rule's findings, and ends with the plain result (${mode})`, () => {
      const plain = evaluateRules({ graph: estate(), mode });
      const progress: RuleProgress[] = [];
      const handed: Finding[] = [];
      const rulesSeen: string[] = [];
      const result = evaluateRules({ graph: estate(), mode }, RULES, {
        onProgress: (p) => progress.push(p),
        onFindings: (rule, found) => {
          rulesSeen.push(rule.id);
          for (const f of found) handed.push(f);
        },
      });
      expect(JSON.stringify(result)).toBe(JSON.stringify(plain));
      const passes = mode === 'worst-case' ? 2 : 1;
      expect(progress.map((p) => p.step)).toEqual(Array.from({ length: RULES.length * passes }, (_, i) => i + 1));
      expect(progress.every((p) => p.steps === RULES.length * passes)).toBe(true);
      expect(rulesSeen).toEqual(Array.from({ length: passes }, () => RULES.map((r) => r.id)).flat());
      expect(progress.reduce((sum, p) => sum + p.findings, 0)).toBe(plain.length);
      // the findings handed over, ranked, are the result
      expect(JSON.stringify(rankFindings(handed))).toBe(JSON.stringify(plain));
      expect(plain.length).toBeGreaterThan(0);
    });
  }

  it('stops with an AbortError when the signal is aborted, after the rule that was running', () => {
    const controller = new AbortController();
    const ran: string[] = [];
    expect(() =>
      evaluateRules({ graph: estate(), mode: 'strict' }, RULES, {
        onProgress: (p) => {
          ran.push(p.rule.id);
          if (p.step === 3) controller.abort();
        },
        signal: controller.signal,
      }),
    ).toThrow(expect.objectContaining({ name: 'AbortError' }));
    expect(ran).toEqual(RULES.slice(0, 3).map((r) => r.id));
  });

  it('as an async iterator: pauses between rules, ends with the ranked list, and cancels', async () => {
    const plain = evaluateRules({ graph: estate(), mode: 'strict' });
    let pauses = 0;
    let ranked: readonly Finding[] | undefined;
    for await (const step of evaluateRulesAsync({ graph: estate(), mode: 'strict' }, { pause: async () => void pauses++ })) {
      if (step.ranked) ranked = step.ranked;
    }
    expect(pauses).toBe(RULES.length);
    expect(JSON.stringify(ranked)).toBe(JSON.stringify(plain));

    const controller = new AbortController();
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const step of evaluateRulesAsync({ graph: estate(), mode: 'strict' }, { signal: controller.signal, pause: async () => {
          if (seen.length === 2) controller.abort(new DOMException('user left', 'AbortError'));
        } })) seen.push(step.step);
      })(),
    ).rejects.toMatchObject({ name: 'AbortError', message: 'user left' });
    expect(seen).toEqual([1, 2]);
    // the generator form can simply be left
    const first = evaluateRulesSteps({ graph: estate(), mode: 'strict' }).next();
    expect(first.value).toMatchObject({ step: 1, pass: 'strict', rule: RULES[0] });
  });
});
