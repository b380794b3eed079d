/**
 * The board's two lenses on the findings: lifecycle stage and enterprise risk category (the data is
 * graph/frameworks/mapping.ts). Every stage and category is listed, with zero when nothing falls there, so
 * the sections read the same from one estate to the next.
 */
import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, RISK_CATEGORIES, RISK_CATEGORY_LABELS, findingLenses } from '../../../graph/frameworks/index.ts';
import type { Finding, Severity } from '../../../graph/index.ts';

export interface LensFinding {
  readonly rule: string;
  readonly node: string;
  readonly title: string;
  readonly severity: Severity;
}

export interface LensRow {
  readonly id: string;
  readonly label: string;
  readonly findings: Readonly<Record<Severity, number>>;
  readonly total: number;
  /** The findings in this stage or category, in the order given (the board's rank order). */
  readonly items: readonly LensFinding[];
}

export interface BoardLenses {
  readonly lifecycle: readonly LensRow[];
  readonly riskCategory: readonly LensRow[];
  /** Findings of rules the mapping does not know (neither lens applies). */
  readonly unmapped: number;
}

function rows(ids: readonly string[], labels: Readonly<Record<string, string>>, findings: readonly Finding[], key: (f: Finding) => string | undefined): LensRow[] {
  return ids.map((id) => {
    const items = findings.filter((f) => key(f) === id);
    const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
    for (const f of items) counts[f.severity]++;
    return { id, label: labels[id]!, findings: counts, total: items.length, items: items.map((f) => ({ rule: f.rule, node: f.node, title: f.title, severity: f.severity })) };
  });
}

export function boardLenses(findings: readonly Finding[]): BoardLenses {
  return {
    lifecycle: rows(LIFECYCLE_STAGES, LIFECYCLE_LABELS, findings, (f) => findingLenses(f)?.lifecycle),
    riskCategory: rows(RISK_CATEGORIES, RISK_CATEGORY_LABELS, findings, (f) => findingLenses(f)?.riskCategory),
    unmapped: findings.filter((f) => findingLenses(f) === null).length,
  };
}
