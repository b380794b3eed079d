/**
 * The facts the importers inferred about a node (src/import/infer.ts): field, value, confidence and why, with
 * where the evidence is. Fields without an entry here are as the export stated them. Text only, never HTML.
 */
import type { ReactElement } from 'react';

import { fieldText } from '../../lib/format.ts';

interface Fact {
  field: string;
  value: unknown;
  confidence: string;
  because: string;
  source?: string;
}

function factsOf(fields: Readonly<Record<string, unknown>>): Fact[] {
  const list = fields['inferred'];
  if (!Array.isArray(list)) return [];
  return list.flatMap((f): Fact[] => {
    if (!f || typeof f !== 'object') return [];
    const r = f as Record<string, unknown>;
    if (typeof r.field !== 'string' || typeof r.confidence !== 'string') return [];
    return [{ field: r.field, value: r.value, confidence: r.confidence, because: typeof r.because === 'string' ? r.because : '', ...(typeof r.source === 'string' ? { source: r.source } : {}) }];
  });
}

export function InferredFacts({ fields }: { fields: Readonly<Record<string, unknown>> }): ReactElement | null {
  const facts = factsOf(fields);
  const contradictions = Array.isArray(fields['annotationContradictions']) ? (fields['annotationContradictions'] as unknown[]).map((c) => fieldText(c)) : [];
  if (facts.length === 0 && contradictions.length === 0) return null;
  return (
    <>
      <h3 className="mt-3 mb-1.5 text-xs font-medium text-muted">Inferred facts</h3>
      <ul aria-label="Inferred facts" className="space-y-1.5 text-xs">
        {facts.map((f, i) => (
          <li key={`${f.field}-${i}`}>
            <span className="font-medium">{f.field}</span> = {fieldText(f.value)}{' '}
            <span className={`rounded px-1 text-[10px] ${f.confidence === 'inferred-high' ? 'bg-warn/15 text-warn' : 'bg-info/15 text-info'}`}>{f.confidence}</span>
            <p className="text-muted">{f.because}</p>
            {f.source ? <p className="break-all font-mono text-2xs text-faint">{f.source}</p> : null}
          </li>
        ))}
        {contradictions.map((c) => (
          <li key={c} className="text-danger">
            annotation contradicted: {c}
          </li>
        ))}
      </ul>
    </>
  );
}
