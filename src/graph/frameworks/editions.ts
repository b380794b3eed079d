/**
 * The framework editions Pathlight maps its findings to, pinned, as data: each edition's ids and titles and
 * where they were checked. `mapping.ts` says which ids each rule maps to; `index.ts` reads both.
 *
 * Only ids confirmed in a published source are listed. Where an edition's wording or numbering could only be
 * confirmed from secondary sources, `notes` says so.
 */

export const EDITION_IDS = ['owasp-llm-2025', 'owasp-llm-2026', 'owasp-agentic-2026', 'owasp-mcp-2025-beta', 'mitre-atlas-2026.07', 'nist-ai-600-1', 'iso-42001-2023'] as const;
export type EditionId = (typeof EDITION_IDS)[number];

/** The framework family an edition belongs to (two editions of one list share a family). */
export type FrameworkFamily = 'owasp-llm' | 'owasp-agentic' | 'owasp-mcp' | 'mitre-atlas' | 'nist-ai-600-1' | 'iso-42001';

export interface Edition {
  readonly id: EditionId;
  readonly family: FrameworkFamily;
  /** Full name with the edition. */
  readonly name: string;
  /** Short label for columns and tags. */
  readonly short: string;
  /** The edition or release as its publisher names it. */
  readonly version: string;
  readonly status: 'final' | 'beta';
  readonly published: string;
  /** Ids and titles of the edition, in the publisher's order. */
  readonly entries: Readonly<Record<string, string>>;
  readonly sources: readonly string[];
  readonly notes?: string;
}

export const EDITIONS: Readonly<Record<EditionId, Edition>> = {
  'owasp-llm-2025': {
    id: 'owasp-llm-2025',
    family: 'owasp-llm',
    name: 'OWASP Top 10 for LLM Applications 2025',
    short: 'OWASP LLM 2025',
    version: '2025',
    status: 'final',
    published: '2024-11',
    entries: {
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
    },
    sources: ['https://genai.owasp.org/llm-top-10/', 'https://github.com/GenAI-Security-Project/GenAI-LLM-Top10 (2025 release)'],
  },
  'owasp-llm-2026': {
    id: 'owasp-llm-2026',
    family: 'owasp-llm',
    name: 'OWASP Top 10 for LLM Applications 2026',
    short: 'OWASP LLM 2026',
    version: '2026',
    status: 'final',
    published: '2026-08-04',
    entries: {
      LLM01: 'Prompt injection',
      LLM02: 'Sensitive information disclosure',
      LLM03: 'Excessive agency',
      LLM04: 'Supply chain',
      LLM05: 'Data and model poisoning',
      LLM06: 'Unbounded consumption',
      LLM07: 'Misinformation',
      LLM08: 'Hidden context exposure',
      LLM09: 'Vector and embedding weaknesses',
      LLM10: 'Improper output handling',
    },
    sources: [
      'https://genai.owasp.org/resource/owasp-genai-llm-top-10-2026/',
      'https://github.com/GenAI-Security-Project/GenAI-LLM-Top10/blob/main/2026/README.md (final list, LLM01:2026–LLM10:2026)',
    ],
    notes:
      'The 2026 edition renumbered the list (LLM06:2025 Excessive agency is LLM03:2026, LLM03 Supply chain is LLM04, LLM04 poisoning is LLM05, LLM10 Unbounded consumption is LLM06, LLM09 Misinformation is LLM07, LLM08 Vector and embedding is LLM09, LLM05 Improper output handling is LLM10) and replaced LLM07:2025 System prompt leakage with the broader LLM08:2026 Hidden context exposure.',
  },
  'owasp-agentic-2026': {
    id: 'owasp-agentic-2026',
    family: 'owasp-agentic',
    name: 'OWASP Top 10 for Agentic Applications 2026',
    short: 'OWASP Agentic 2026',
    version: '2026 (v1.0, December 2025)',
    status: 'final',
    published: '2025-12',
    entries: {
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
    },
    sources: ['https://genai.owasp.org/resource/owasp-top-10-for-agentic-applications-for-2026/', 'OWASP-Top-10-for-Agentic-Applications-2026-v1.0.pdf (OWASP GenAI Security Project, Agentic Security Initiative)'],
  },
  'owasp-mcp-2025-beta': {
    id: 'owasp-mcp-2025-beta',
    family: 'owasp-mcp',
    name: 'OWASP MCP Top 10 (2025, beta)',
    short: 'OWASP MCP (beta)',
    version: '2025 beta (v0.1)',
    status: 'beta',
    published: '2025',
    entries: {
      MCP01: 'Token mismanagement and secret exposure',
      MCP02: 'Privilege escalation via scope creep',
      MCP03: 'Tool poisoning',
      MCP04: 'Software supply chain attacks and dependency tampering',
      MCP05: 'Command injection and execution',
      MCP06: 'Intent flow subversion',
      MCP07: 'Insufficient authentication and authorization',
      MCP08: 'Lack of audit and telemetry',
      MCP09: 'Shadow MCP servers',
      MCP10: 'Context injection and over-sharing',
    },
    sources: ['https://owasp.org/www-project-mcp-top-10/', 'https://github.com/OWASP/www-project-mcp-top-10'],
    notes:
      'A beta ("Phase 3, beta release and pilot testing"); ids and titles may change before a final release. MCP06 is titled "Intent flow subversion" in the project\'s pages and "Prompt injection via contextual payloads" in some derived material; the id is the same. Titles checked against secondary sources that quote the project (the project page itself was not readable here).',
  },
  'mitre-atlas-2026.07': {
    id: 'mitre-atlas-2026.07',
    family: 'mitre-atlas',
    name: 'MITRE ATLAS (data v2026.07)',
    short: 'MITRE ATLAS v2026.07',
    version: 'v2026.07',
    status: 'final',
    published: '2026-08-07',
    entries: {
      'AML.T0010': 'AI supply chain compromise',
      'AML.T0010.005': 'AI supply chain compromise: AI agent tool',
      'AML.T0012': 'Valid accounts',
      'AML.T0034.002': 'Cost harvesting: agentic resource consumption',
      'AML.T0049': 'Exploit public-facing application',
      'AML.T0051': 'LLM prompt injection',
      'AML.T0051.001': 'LLM prompt injection: indirect',
      'AML.T0053': 'AI agent tool invocation',
      'AML.T0055': 'Unsecured credentials',
      'AML.T0057': 'LLM data leakage',
      'AML.T0064': 'Gather RAG-indexed targets',
      'AML.T0070': 'RAG poisoning',
      'AML.T0071': 'False RAG entry injection',
      'AML.T0077': 'LLM response rendering',
      'AML.T0080': 'AI agent context poisoning',
      'AML.T0082': 'RAG credential harvesting',
      'AML.T0083': 'Credentials from AI agent configuration',
      'AML.T0085': 'Data from AI services',
      'AML.T0085.000': 'Data from AI services: RAG databases',
      'AML.T0085.001': 'Data from AI services: AI agent tools',
      'AML.T0086': 'Exfiltration via AI agent tool invocation',
      'AML.T0093': 'Prompt infiltration via public-facing application',
      'AML.T0098': 'AI agent tool credential harvesting',
      'AML.T0099': 'AI agent tool data poisoning',
      'AML.T0101': 'Data destruction via AI agent tool invocation',
      'AML.T0109': 'AI supply chain rug pull',
      'AML.T0110': 'AI agent tool poisoning',
      'AML.T0110.000': 'AI agent tool poisoning: definition and instructions',
      'AML.T0110.001': 'AI agent tool poisoning: implementation',
      'AML.T0110.002': 'AI agent tool poisoning: runtime response',
      'AML.T0115.002': 'Publish poisoned AI artifacts: AI agent tools',
    },
    sources: [
      'https://github.com/mitre-atlas/atlas-data/releases/tag/v2026.07',
      'https://github.com/mitre-atlas/atlas-data data/techniques.yaml (ids and names checked at release 5.6.1, 2026-05-05)',
      'https://atlas.mitre.org/techniques/',
    ],
    notes:
      'Ids listed are the ones the rules use. Every id but the AML.T0110 sub-techniques and AML.T0115.002 was checked in the ATLAS data file at 5.6.1; v2026.07 added the three AI agent tool poisoning sub-techniques AML.T0110.000–.002 and moved "Publish Poisoned AI Agent Tool" (AML.T0104) to AML.T0115.002, both confirmed from the v2026.07 release notes and material quoting that release. Later ATLAS releases (v2026.08, v2026.09) add techniques not used here.',
  },
  'nist-ai-600-1': {
    id: 'nist-ai-600-1',
    family: 'nist-ai-600-1',
    name: 'NIST AI 600-1, Generative AI Profile (July 2024)',
    short: 'NIST AI 600-1',
    version: 'July 2024',
    status: 'final',
    published: '2024-07-26',
    entries: {
      '2.1': 'CBRN information or capabilities',
      '2.2': 'Confabulation',
      '2.3': 'Dangerous, violent, or hateful content',
      '2.4': 'Data privacy',
      '2.5': 'Environmental impacts',
      '2.6': 'Harmful bias and homogenization',
      '2.7': 'Human-AI configuration',
      '2.8': 'Information integrity',
      '2.9': 'Information security',
      '2.10': 'Intellectual property',
      '2.11': 'Obscene, degrading, and/or abusive content',
      '2.12': 'Value chain and component integration',
    },
    sources: ['https://doi.org/10.6028/NIST.AI.600-1', 'https://nvlpubs.nist.gov/nistpubs/ai/NIST.AI.600-1.pdf (section 2, the twelve GAI risks)'],
    notes: 'NIST names the twelve risks, not codes: the ids here are their section numbers in the profile (2.1–2.12).',
  },
  'iso-42001-2023': {
    id: 'iso-42001-2023',
    family: 'iso-42001',
    name: 'ISO/IEC 42001:2023 Annex A',
    short: 'ISO/IEC 42001',
    version: '2023',
    status: 'final',
    published: '2023-12',
    entries: {
      'A.2.2': 'AI policy',
      'A.3.2': 'AI roles and responsibilities',
      'A.3.3': 'Reporting of concerns',
      'A.4.3': 'Data resources',
      'A.4.4': 'Tooling resources',
      'A.4.5': 'System and computing resources',
      'A.5.2': 'AI system impact assessment process',
      'A.6.1.3': 'Processes for responsible AI system design and development',
      'A.6.2.4': 'AI system verification and validation',
      'A.6.2.5': 'AI system deployment',
      'A.6.2.6': 'AI system operation and monitoring',
      'A.6.2.8': 'AI system recording of event logs',
      'A.7.2': 'Data for development and enhancement of AI system',
      'A.7.5': 'Data provenance',
      'A.8.2': 'System documentation and information for users',
      'A.9.2': 'Processes for responsible use of AI systems',
      'A.9.4': 'Intended use of the AI system',
      'A.10.2': 'Allocating responsibilities',
      'A.10.3': 'Suppliers',
    },
    sources: ['https://www.iso.org/standard/81230.html'],
    notes:
      'The standard is not freely published: control numbers and titles (A.2–A.10, 38 controls) were checked against several secondary sources that list Annex A, which agree on these numbers; the titles are as those sources give them. Only the controls the rules map to are listed.',
  },
};

/** The id as the edition writes it: `LLM01:2026`, `ASI01:2026`, `AML.T0110.000`, `NIST AI 600-1 §2.9`, `A.6.2.6`. */
export function qualifiedId(edition: EditionId, id: string): string {
  switch (EDITIONS[edition].family) {
    case 'owasp-llm':
    case 'owasp-agentic':
      return `${id}:${EDITIONS[edition].version.slice(0, 4)}`;
    case 'owasp-mcp':
      return `${id}:2025`;
    case 'nist-ai-600-1':
      return `NIST AI 600-1 §${id}`;
    case 'iso-42001':
      return `ISO/IEC 42001 ${id}`;
    default:
      return id;
  }
}
