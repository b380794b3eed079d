import { describe, expect, it } from 'vitest';

import { RULES } from '../rules/registry.ts';

import { EDITIONS, EDITION_IDS, LLM_2025_TO_2026, RULE_MAPPINGS, findingFrameworks, findingLenses } from './index.ts';

describe('framework mapping data', () => {
  it('maps every registered rule, and only to ids its edition lists', () => {
    for (const rule of RULES) {
      const m = RULE_MAPPINGS[rule.id];
      expect(m, rule.id).toBeDefined();
      for (const edition of EDITION_IDS) {
        for (const id of m!.frameworks[edition] ?? []) expect(EDITIONS[edition].entries[id], `${rule.id} ${edition} ${id}`).toBeDefined();
      }
    }
    expect(Object.keys(RULE_MAPPINGS).sort()).toEqual(RULES.map((r) => r.id).sort());
  });

  it('keeps the catalog tags: every OWASP LLM, ASI and ATLAS code a rule is tagged with is in its 2025 / agentic / ATLAS mapping, except ATLAS ids the 2026.07 release moved', () => {
    const moved: Record<string, string> = { 'AML.T0104': 'AML.T0115.002' };
    for (const rule of RULES) {
      const m = RULE_MAPPINGS[rule.id]!;
      for (const raw of rule.tags ?? []) {
        const code = /(LLM\d\d|ASI\d\d|AML\.T\d{4}(?:\.\d{3})?)$/.exec(raw.trim())?.[1];
        if (!code) continue;
        const edition = code.startsWith('LLM') ? 'owasp-llm-2025' : code.startsWith('ASI') ? 'owasp-agentic-2026' : 'mitre-atlas-2026.07';
        expect(m.frameworks[edition], `${rule.id} ${code}`).toContain(moved[code] ?? code);
      }
    }
  });

  it('derives the 2026 LLM ids by the edition renumbering (titles match across editions)', () => {
    for (const [old, now] of Object.entries(LLM_2025_TO_2026)) {
      if (old === 'LLM07') continue; // system prompt leakage became the broader hidden context exposure
      expect(EDITIONS['owasp-llm-2026'].entries[now]).toBe(EDITIONS['owasp-llm-2025'].entries[old]);
    }
    const excessive = findingFrameworks({ rule: 'overprivileged-ai-identity' });
    expect(excessive.find((r) => r.edition === 'owasp-llm-2025')?.qualified).toBe('LLM06:2025');
    expect(excessive.find((r) => r.edition === 'owasp-llm-2026')?.qualified).toBe('LLM03:2026');
  });

  it('marks the MCP Top 10 as beta and pins ATLAS with its release, including the tool poisoning sub-techniques', () => {
    expect(EDITIONS['owasp-mcp-2025-beta'].status).toBe('beta');
    expect(EDITIONS['mitre-atlas-2026.07'].version).toBe('v2026.07');
    const ids = findingFrameworks({ rule: 'unvetted-mcp-beside-sensitive-tools' }).map((r) => r.id);
    expect(ids).toEqual(expect.arrayContaining(['AML.T0110.000', 'AML.T0110.001', 'AML.T0110.002', 'MCP03']));
    for (const e of EDITION_IDS) expect(EDITIONS[e].sources.length).toBeGreaterThan(0);
  });

  it('gives every rule a lifecycle stage and a risk category; unknown rules fall back to their tags', () => {
    for (const rule of RULES) expect(findingLenses({ rule: rule.id })).not.toBeNull();
    expect(findingLenses({ rule: 'custom' })).toBeNull();
    const refs = findingFrameworks({ rule: 'custom', tags: ['OWASP LLM01', 'ASI02', 'ATLAS AML.T0051', 'T3'] });
    expect(refs.map((r) => r.qualified)).toEqual(['LLM01:2025', 'ASI02:2026', 'AML.T0051']);
  });
});
