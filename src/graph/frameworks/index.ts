/**
 * Framework references and lifecycle/risk lenses of findings, read from the pinned data (editions.ts,
 * mapping.ts). Findings of a rule the mapping does not know fall back to the framework codes among their
 * tags (LLM ids read as the 2025 edition, ASI ids as the agentic 2026 list, AML ids as ATLAS).
 */
import { EDITIONS, EDITION_IDS, qualifiedId } from './editions.ts';
import type { EditionId } from './editions.ts';
import { RULE_MAPPINGS } from './mapping.ts';
import type { LifecycleStage, RiskCategory } from './mapping.ts';

export * from './editions.ts';
export * from './mapping.ts';

export interface FrameworkRef {
  readonly edition: EditionId;
  /** The id within the edition (`LLM03`, `AML.T0110.000`, `2.9`, `A.6.2.6`). */
  readonly id: string;
  /** The id as the edition writes it (`LLM03:2026`). */
  readonly qualified: string;
  readonly title: string | null;
}

const TAG_PATTERNS: readonly [EditionId, RegExp][] = [
  ['owasp-llm-2025', /^(?:OWASP\s+)?(LLM(?:0[1-9]|10))$/],
  ['owasp-agentic-2026', /^(?:OWASP\s+)?(ASI(?:0[1-9]|10))$/],
  ['mitre-atlas-2026.07', /^(?:(?:MITRE\s+)?ATLAS\s+)?(AML\.T\d{4}(?:\.\d{3})?)$/],
];

function ref(edition: EditionId, id: string): FrameworkRef {
  return { edition, id, qualified: qualifiedId(edition, id), title: EDITIONS[edition].entries[id] ?? null };
}

/** Every framework id a finding maps to, in edition order (EDITION_IDS), each once. */
export function findingFrameworks(f: { readonly rule: string; readonly tags?: readonly string[] }): FrameworkRef[] {
  const mapping = RULE_MAPPINGS[f.rule];
  const out: FrameworkRef[] = [];
  if (mapping) {
    for (const edition of EDITION_IDS) for (const id of mapping.frameworks[edition] ?? []) out.push(ref(edition, id));
    return out;
  }
  const seen = new Set<string>();
  for (const raw of f.tags ?? []) {
    const tag = raw.trim();
    for (const [edition, re] of TAG_PATTERNS) {
      const m = re.exec(tag);
      if (m && !seen.has(`${edition} ${m[1]}`)) {
        seen.add(`${edition} ${m[1]}`);
        out.push(ref(edition, m[1]!));
      }
    }
  }
  return out.sort((a, b) => EDITION_IDS.indexOf(a.edition) - EDITION_IDS.indexOf(b.edition));
}

/** The ids of one edition a finding maps to. */
export function findingFrameworkIds(f: { readonly rule: string; readonly tags?: readonly string[] }, edition: EditionId): string[] {
  return findingFrameworks(f)
    .filter((r) => r.edition === edition)
    .map((r) => r.id);
}

export interface FindingLenses {
  readonly lifecycle: LifecycleStage;
  readonly riskCategory: RiskCategory;
}

/** The lifecycle stage and enterprise risk category of a finding, or null for a rule the mapping does not know. */
export function findingLenses(f: { readonly rule: string }): FindingLenses | null {
  const m = RULE_MAPPINGS[f.rule];
  return m ? { lifecycle: m.lifecycle, riskCategory: m.riskCategory } : null;
}

export function isEditionId(value: string): value is EditionId {
  return (EDITION_IDS as readonly string[]).includes(value);
}

/** A tag that names the edition with the id: `LLM03:2026`, `MCP03:2025 (beta)`, `MITRE ATLAS v2026.07 AML.T0110.000`, `NIST AI 600-1 §2.9`, `ISO/IEC 42001 A.6.2.6`. */
export function editionTag(r: FrameworkRef): string {
  const e = EDITIONS[r.edition];
  switch (e.family) {
    case 'owasp-llm':
    case 'owasp-agentic':
      return `OWASP ${r.qualified}`;
    case 'owasp-mcp':
      return `OWASP ${r.qualified} (beta)`;
    case 'mitre-atlas':
      return `MITRE ATLAS ${e.version} ${r.id}`;
    default:
      return r.qualified;
  }
}
