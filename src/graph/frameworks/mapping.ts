/**
 * Which framework ids, lifecycle stage and enterprise risk category each rule maps to: data, one entry per
 * rule of the catalog (R01–R19). Ids must exist in the edition's `entries` (editions.ts); a test checks it.
 *
 * The OWASP LLM 2025, Agentic, ATLAS and NIST ids follow the catalog's tags (shared/docs/toxic-rules.md);
 * the 2026 LLM ids are the 2025 ones renumbered per the 2026 edition; OWASP MCP and ISO/IEC 42001 are
 * Pathlight's own reading of which entry a finding is evidence against.
 */
import type { EditionId } from './editions.ts';

/** Where in the AI lifecycle the weakness sits. */
export const LIFECYCLE_STAGES = ['data', 'training-fine-tuning', 'deployment', 'runtime', 'infrastructure', 'governance'] as const;
export type LifecycleStage = (typeof LIFECYCLE_STAGES)[number];

export const LIFECYCLE_LABELS: Readonly<Record<LifecycleStage, string>> = {
  data: 'Data',
  'training-fine-tuning': 'Training and fine-tuning',
  deployment: 'Deployment',
  runtime: 'Runtime',
  infrastructure: 'Infrastructure',
  governance: 'Governance',
};

/** The enterprise AI risk categories security leaders report against. */
export const RISK_CATEGORIES = ['misuse-emergent-behaviour', 'ai-in-operation', 'ai-development-infrastructure', 'ai-supply-chain', 'readiness-oversight'] as const;
export type RiskCategory = (typeof RISK_CATEGORIES)[number];

export const RISK_CATEGORY_LABELS: Readonly<Record<RiskCategory, string>> = {
  'misuse-emergent-behaviour': 'Misuse and emergent behaviour',
  'ai-in-operation': 'AI in operation',
  'ai-development-infrastructure': 'AI development and infrastructure',
  'ai-supply-chain': 'The AI supply chain',
  'readiness-oversight': 'Readiness and oversight',
};

export interface RuleMapping {
  readonly frameworks: Readonly<Partial<Record<EditionId, readonly string[]>>>;
  readonly lifecycle: LifecycleStage;
  readonly riskCategory: RiskCategory;
}

/** OWASP LLM 2025 id → its 2026 id (the 2026 edition's renumbering; LLM07 became the broader LLM08). */
export const LLM_2025_TO_2026: Readonly<Record<string, string>> = {
  LLM01: 'LLM01',
  LLM02: 'LLM02',
  LLM03: 'LLM04',
  LLM04: 'LLM05',
  LLM05: 'LLM10',
  LLM06: 'LLM03',
  LLM07: 'LLM08',
  LLM08: 'LLM09',
  LLM09: 'LLM07',
  LLM10: 'LLM06',
};

const llm = (...ids: string[]) => ({ 'owasp-llm-2025': ids, 'owasp-llm-2026': ids.map((id) => LLM_2025_TO_2026[id]!) });

/** Rule id → mapping. */
export const RULE_MAPPINGS: Readonly<Record<string, RuleMapping>> = {
  'lethal-trifecta': {
    frameworks: { ...llm('LLM01', 'LLM02', 'LLM06'), 'owasp-agentic-2026': ['ASI01', 'ASI02'], 'owasp-mcp-2025-beta': ['MCP06', 'MCP10'], 'mitre-atlas-2026.07': ['AML.T0051.001', 'AML.T0085', 'AML.T0086', 'AML.T0057'], 'nist-ai-600-1': ['2.9', '2.4'], 'iso-42001-2023': ['A.6.1.3', 'A.6.2.6', 'A.9.2'] },
    lifecycle: 'runtime',
    riskCategory: 'misuse-emergent-behaviour',
  },
  'untrusted-input-destructive-action': {
    frameworks: { ...llm('LLM06'), 'owasp-agentic-2026': ['ASI02'], 'owasp-mcp-2025-beta': ['MCP06'], 'mitre-atlas-2026.07': ['AML.T0101', 'AML.T0053'], 'nist-ai-600-1': ['2.7'], 'iso-42001-2023': ['A.6.1.3', 'A.9.2'] },
    lifecycle: 'runtime',
    riskCategory: 'misuse-emergent-behaviour',
  },
  'untrusted-input-code-execution': {
    frameworks: { ...llm('LLM05', 'LLM06'), 'owasp-agentic-2026': ['ASI05'], 'owasp-mcp-2025-beta': ['MCP05'], 'mitre-atlas-2026.07': ['AML.T0053', 'AML.T0051'], 'nist-ai-600-1': ['2.9'], 'iso-42001-2023': ['A.4.5', 'A.6.1.3'] },
    lifecycle: 'runtime',
    riskCategory: 'misuse-emergent-behaviour',
  },
  'rendering-exfiltration': {
    frameworks: { ...llm('LLM01', 'LLM02', 'LLM05'), 'owasp-agentic-2026': ['ASI01'], 'owasp-mcp-2025-beta': ['MCP10'], 'mitre-atlas-2026.07': ['AML.T0077', 'AML.T0051.001'], 'nist-ai-600-1': ['2.9'], 'iso-42001-2023': ['A.6.1.3', 'A.6.2.6'] },
    lifecycle: 'runtime',
    riskCategory: 'misuse-emergent-behaviour',
  },
  'public-bot-confidential-retrieval': {
    frameworks: { ...llm('LLM02', 'LLM08', 'LLM07'), 'owasp-agentic-2026': ['ASI01', 'ASI03'], 'owasp-mcp-2025-beta': ['MCP07', 'MCP10'], 'mitre-atlas-2026.07': ['AML.T0085.000', 'AML.T0093', 'AML.T0064'], 'nist-ai-600-1': ['2.4'], 'iso-42001-2023': ['A.4.3', 'A.6.2.5', 'A.9.4'] },
    lifecycle: 'deployment',
    riskCategory: 'ai-in-operation',
  },
  'retrieval-poisoning': {
    frameworks: { ...llm('LLM04', 'LLM08'), 'owasp-agentic-2026': ['ASI06'], 'owasp-mcp-2025-beta': ['MCP06'], 'mitre-atlas-2026.07': ['AML.T0070', 'AML.T0071', 'AML.T0080', 'AML.T0099'], 'nist-ai-600-1': ['2.8', '2.9'], 'iso-42001-2023': ['A.7.2', 'A.7.5'] },
    lifecycle: 'data',
    riskCategory: 'misuse-emergent-behaviour',
  },
  'delegation-confused-deputy': {
    frameworks: { 'owasp-agentic-2026': ['ASI03', 'ASI07', 'ASI10'], 'owasp-mcp-2025-beta': ['MCP07'], 'mitre-atlas-2026.07': ['AML.T0053'], 'nist-ai-600-1': ['2.9'], 'iso-42001-2023': ['A.6.1.3', 'A.10.2'] },
    lifecycle: 'runtime',
    riskCategory: 'misuse-emergent-behaviour',
  },
  'unvetted-mcp-beside-sensitive-tools': {
    frameworks: { ...llm('LLM03'), 'owasp-agentic-2026': ['ASI04'], 'owasp-mcp-2025-beta': ['MCP03', 'MCP04', 'MCP09'], 'mitre-atlas-2026.07': ['AML.T0110', 'AML.T0110.000', 'AML.T0110.001', 'AML.T0110.002', 'AML.T0109', 'AML.T0115.002', 'AML.T0010.005'], 'nist-ai-600-1': ['2.12'], 'iso-42001-2023': ['A.4.4', 'A.10.3'] },
    lifecycle: 'deployment',
    riskCategory: 'ai-supply-chain',
  },
  'plaintext-secret-in-agent-config': {
    frameworks: { ...llm('LLM02'), 'owasp-agentic-2026': ['ASI03'], 'owasp-mcp-2025-beta': ['MCP01'], 'mitre-atlas-2026.07': ['AML.T0083', 'AML.T0098', 'AML.T0055'], 'nist-ai-600-1': ['2.9'], 'iso-42001-2023': ['A.4.5', 'A.6.2.5'] },
    lifecycle: 'deployment',
    riskCategory: 'ai-development-infrastructure',
  },
  'overprivileged-ai-identity': {
    frameworks: { ...llm('LLM06'), 'owasp-agentic-2026': ['ASI03'], 'owasp-mcp-2025-beta': ['MCP02'], 'mitre-atlas-2026.07': ['AML.T0012', 'AML.T0085.001'], 'nist-ai-600-1': ['2.9'], 'iso-42001-2023': ['A.4.5', 'A.3.2'] },
    lifecycle: 'infrastructure',
    riskCategory: 'ai-development-infrastructure',
  },
  'credential-pivot-chain': {
    frameworks: { ...llm('LLM06'), 'owasp-agentic-2026': ['ASI03'], 'owasp-mcp-2025-beta': ['MCP01', 'MCP02'], 'mitre-atlas-2026.07': ['AML.T0055', 'AML.T0082', 'AML.T0098', 'AML.T0012'], 'nist-ai-600-1': ['2.9'], 'iso-42001-2023': ['A.4.5'] },
    lifecycle: 'infrastructure',
    riskCategory: 'ai-development-infrastructure',
  },
  'exposed-vulnerable-ai-workload': {
    frameworks: { ...llm('LLM03'), 'owasp-agentic-2026': ['ASI04', 'ASI05'], 'owasp-mcp-2025-beta': ['MCP05'], 'mitre-atlas-2026.07': ['AML.T0049', 'AML.T0010'], 'nist-ai-600-1': ['2.9', '2.12'], 'iso-42001-2023': ['A.4.5', 'A.6.2.6'] },
    lifecycle: 'infrastructure',
    riskCategory: 'ai-development-infrastructure',
  },
  'unbounded-ai-key': {
    frameworks: { ...llm('LLM10'), 'owasp-agentic-2026': ['ASI03'], 'owasp-mcp-2025-beta': ['MCP01'], 'mitre-atlas-2026.07': ['AML.T0034.002', 'AML.T0012'], 'nist-ai-600-1': ['2.9'], 'iso-42001-2023': ['A.4.5', 'A.6.2.6'] },
    lifecycle: 'infrastructure',
    riskCategory: 'ai-in-operation',
  },
  'shadow-ai-oauth-grant': {
    frameworks: { ...llm('LLM03'), 'owasp-agentic-2026': ['ASI04', 'ASI03'], 'nist-ai-600-1': ['2.12'], 'iso-42001-2023': ['A.10.3', 'A.2.2'] },
    lifecycle: 'governance',
    riskCategory: 'readiness-oversight',
  },
  'orphaned-ai-identity': {
    frameworks: { 'owasp-agentic-2026': ['ASI10', 'ASI03'], 'owasp-mcp-2025-beta': ['MCP09'], 'nist-ai-600-1': ['2.9'], 'iso-42001-2023': ['A.3.2', 'A.6.2.6'] },
    lifecycle: 'governance',
    riskCategory: 'readiness-oversight',
  },
  'regulated-data-to-unapproved-model': {
    frameworks: { ...llm('LLM02'), 'owasp-mcp-2025-beta': ['MCP10'], 'nist-ai-600-1': ['2.4'], 'iso-42001-2023': ['A.7.2', 'A.5.2', 'A.10.3'] },
    lifecycle: 'data',
    riskCategory: 'ai-in-operation',
  },
  'unauthenticated-remote-agent': {
    frameworks: { 'owasp-agentic-2026': ['ASI07', 'ASI03'], 'owasp-mcp-2025-beta': ['MCP07'], 'mitre-atlas-2026.07': ['AML.T0049'], 'nist-ai-600-1': ['2.9'], 'iso-42001-2023': ['A.6.2.5'] },
    lifecycle: 'deployment',
    riskCategory: 'ai-development-infrastructure',
  },
  'shared-credential-across-trust': {
    frameworks: { 'owasp-agentic-2026': ['ASI03'], 'owasp-mcp-2025-beta': ['MCP01', 'MCP02'], 'nist-ai-600-1': ['2.9'], 'iso-42001-2023': ['A.4.5'] },
    lifecycle: 'infrastructure',
    riskCategory: 'ai-development-infrastructure',
  },
  'vulnerable-ai-component-with-secrets': {
    frameworks: { ...llm('LLM03'), 'owasp-agentic-2026': ['ASI04'], 'owasp-mcp-2025-beta': ['MCP04'], 'mitre-atlas-2026.07': ['AML.T0010'], 'nist-ai-600-1': ['2.12'], 'iso-42001-2023': ['A.10.3', 'A.6.2.4'] },
    lifecycle: 'deployment',
    riskCategory: 'ai-supply-chain',
  },
};
