/**
 * The Findings view's lens filter: lifecycle stage and enterprise risk category (data in
 * graph/frameworks/mapping.ts), each a select listing how many findings fall in each.
 */
import type { ReactElement } from 'react';

import { LIFECYCLE_LABELS, LIFECYCLE_STAGES, RISK_CATEGORIES, RISK_CATEGORY_LABELS, findingLenses } from '../../graph/frameworks/index.ts';
import type { LifecycleStage, RiskCategory } from '../../graph/frameworks/index.ts';
import type { Finding } from '../../graph/index.ts';

export interface LensFilterValue {
  readonly lifecycle: LifecycleStage | '';
  readonly riskCategory: RiskCategory | '';
}

export const NO_LENS_FILTER: LensFilterValue = { lifecycle: '', riskCategory: '' };

export function matchesLens(f: Pick<Finding, 'rule'>, v: LensFilterValue): boolean {
  if (v.lifecycle === '' && v.riskCategory === '') return true;
  const l = findingLenses(f);
  if (!l) return false;
  return (v.lifecycle === '' || l.lifecycle === v.lifecycle) && (v.riskCategory === '' || l.riskCategory === v.riskCategory);
}

const SELECT = 'h-7 max-w-56 rounded-md border border-line bg-panel px-1.5 text-xs text-fg';

export function LensFilter({ findings, value, onChange }: { findings: readonly Finding[]; value: LensFilterValue; onChange: (v: LensFilterValue) => void }): ReactElement {
  const count = (pick: (f: Finding) => string | undefined, id: string) => findings.filter((f) => pick(f) === id).length;
  const stage = (f: Finding) => findingLenses(f)?.lifecycle;
  const category = (f: Finding) => findingLenses(f)?.riskCategory;
  return (
    <>
      <label className="flex items-center gap-1.5 text-xs text-muted">
        Lifecycle
        <select aria-label="Lifecycle stage" value={value.lifecycle} onChange={(e) => onChange({ ...value, lifecycle: e.target.value as LifecycleStage | '' })} className={SELECT}>
          <option value="">All stages</option>
          {LIFECYCLE_STAGES.map((s) => (
            <option key={s} value={s}>
              {LIFECYCLE_LABELS[s]} · {count(stage, s)}
            </option>
          ))}
        </select>
      </label>
      <label className="flex items-center gap-1.5 text-xs text-muted">
        Risk category
        <select aria-label="Risk category" value={value.riskCategory} onChange={(e) => onChange({ ...value, riskCategory: e.target.value as RiskCategory | '' })} className={SELECT}>
          <option value="">All categories</option>
          {RISK_CATEGORIES.map((c) => (
            <option key={c} value={c}>
              {RISK_CATEGORY_LABELS[c]} · {count(category, c)}
            </option>
          ))}
        </select>
      </label>
    </>
  );
}
