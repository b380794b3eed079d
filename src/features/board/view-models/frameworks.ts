/**
 * Framework references carried by findings' tags, read back into three families: OWASP Top 10 for LLM
 * Applications (2025), OWASP Top 10 for Agentic Applications (2026) and MITRE ATLAS techniques.
 *
 * Rule tags are written as in the catalog, with the family prefix on the first item of a run only
 * (`['OWASP LLM01', 'LLM02', 'ASI01', 'ATLAS AML.T0051.001', 'AML.T0085']`), so codes are recognised by
 * their own shape, not by the prefix.
 */

export const FRAMEWORKS = ['owasp-llm', 'owasp-agentic', 'mitre-atlas'] as const;
export type FrameworkId = (typeof FRAMEWORKS)[number];

export const FRAMEWORK_NAMES: Record<FrameworkId, string> = {
  'owasp-llm': 'OWASP Top 10 for LLM Applications',
  'owasp-agentic': 'OWASP Top 10 for Agentic Applications',
  'mitre-atlas': 'MITRE ATLAS',
};

export const FRAMEWORK_SHORT: Record<FrameworkId, string> = {
  'owasp-llm': 'OWASP LLM',
  'owasp-agentic': 'OWASP Agentic',
  'mitre-atlas': 'MITRE ATLAS',
};

const LLM: Record<string, string> = {
  LLM01: 'Prompt injection',
  LLM02: 'Sensitive information disclosure',
  LLM03: 'Supply chain',
  LLM04: 'Data and model poisoning',
  LLM05: 'Improper output handling',
  LLM06: 'Excessive agency',
  LLM07: 'System prompt leakage',
  LLM08: 'Vector and embedding weaknesses',
  LLM09: 'Misinformation',
  LLM10: 'Unbounded consumption',
};

const ASI: Record<string, string> = {
  ASI01: 'Agent goal hijack',
  ASI02: 'Tool misuse and exploitation',
  ASI03: 'Identity and privilege abuse',
  ASI04: 'Agentic supply chain vulnerabilities',
  ASI05: 'Unexpected code execution',
  ASI06: 'Memory and context poisoning',
  ASI07: 'Insecure inter-agent communication',
  ASI08: 'Cascading failures',
  ASI09: 'Human-agent trust exploitation',
  ASI10: 'Rogue agents',
};

/** ATLAS technique names as the rule catalog quotes them; other ids are shown bare. */
const ATLAS: Record<string, string> = {
  'AML.T0010': 'AI supply chain compromise',
  'AML.T0012': 'Valid accounts',
  'AML.T0034.002': 'Agentic resource consumption',
  'AML.T0049': 'Exploit public-facing application',
  'AML.T0051.001': 'Indirect prompt injection',
  'AML.T0055': 'Unsecured credentials',
  'AML.T0070': 'RAG poisoning',
  'AML.T0071': 'False RAG entry injection',
  'AML.T0077': 'LLM response rendering',
  'AML.T0080': 'AI agent context poisoning',
  'AML.T0082': 'RAG credential harvesting',
  'AML.T0083': 'Credentials from AI agent configuration',
  'AML.T0085': 'Data from AI services',
  'AML.T0085.000': 'Data from AI services: RAG databases',
  'AML.T0086': 'Exfiltration via AI agent tool invocation',
  'AML.T0093': 'Prompt infiltration via public-facing application',
  'AML.T0098': 'AI agent tool credential harvesting',
  'AML.T0099': 'AI agent tool data poisoning',
  'AML.T0101': 'Data destruction via AI agent tool invocation',
  'AML.T0104': 'Publish poisoned AI agent tool',
  'AML.T0109': 'AI supply chain rug pull',
  'AML.T0110': 'AI agent tool poisoning',
};

export interface FrameworkCode {
  readonly framework: FrameworkId;
  readonly code: string;
}

const PATTERNS: readonly [FrameworkId, RegExp][] = [
  ['owasp-llm', /^(?:OWASP\s+)?(LLM(?:0[1-9]|10))$/],
  ['owasp-agentic', /^(?:OWASP\s+)?(ASI(?:0[1-9]|10))$/],
  ['mitre-atlas', /^(?:(?:MITRE\s+)?ATLAS\s+)?(AML\.T\d{4}(?:\.\d{3})?)$/],
];

/** The framework codes among a finding's tags, each once, in tag order; other tags are ignored. */
export function frameworkCodes(tags: readonly string[] | undefined): FrameworkCode[] {
  const out: FrameworkCode[] = [];
  const seen = new Set<string>();
  for (const raw of tags ?? []) {
    const tag = raw.trim();
    for (const [framework, re] of PATTERNS) {
      const m = re.exec(tag);
      if (m && !seen.has(m[1]!)) {
        seen.add(m[1]!);
        out.push({ framework, code: m[1]! });
      }
    }
  }
  return out;
}

/** A readable name for a code, or null when we do not know one. */
export function codeName(code: string): string | null {
  return LLM[code] ?? ASI[code] ?? ATLAS[code] ?? null;
}
