/**
 * The board's charts, in plain SVG. Severity is told by pattern and by a printed number, never by colour
 * alone: critical solid, high hatched, medium dotted, low outlined. They read the same in grey-scale print.
 */
import type { ReactElement } from 'react';

import type { Severity } from '../../graph/index.ts';

import type { SeverityCounts } from './view-models/board-model.ts';
import { SEVERITY_ORDER } from './view-models/board-model.ts';

export const SEVERITY_FILL: Record<Severity, string> = {
  critical: 'url(#pl-sev-critical)',
  high: 'url(#pl-sev-high)',
  medium: 'url(#pl-sev-medium)',
  low: 'url(#pl-sev-low)',
};

export const SEVERITY_LABEL: Record<Severity, string> = { critical: 'Critical', high: 'High', medium: 'Medium', low: 'Low' };

/** Pattern definitions, rendered once per page (zero-sized, not display:none, so the patterns resolve). */
export function ChartDefs(): ReactElement {
  return (
    <svg width="0" height="0" aria-hidden="true" focusable="false" style={{ position: 'absolute' }}>
      <defs>
        <pattern id="pl-sev-critical" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="var(--danger)" />
        </pattern>
        <pattern id="pl-sev-high" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="5" height="5" fill="var(--panel)" />
          <rect width="2.6" height="5" fill="var(--warn)" />
        </pattern>
        <pattern id="pl-sev-medium" width="5" height="5" patternUnits="userSpaceOnUse">
          <rect width="5" height="5" fill="var(--panel)" />
          <circle cx="2.5" cy="2.5" r="1.2" fill="var(--info)" />
        </pattern>
        <pattern id="pl-sev-low" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="var(--panel)" />
        </pattern>
        <pattern id="pl-solid" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="var(--fg)" />
        </pattern>
        <pattern id="pl-hatch" width="5" height="5" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="5" height="5" fill="var(--panel)" />
          <rect width="2" height="5" fill="var(--muted)" />
        </pattern>
        <pattern id="pl-known" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="var(--line-strong)" />
        </pattern>
        <pattern id="pl-empty" width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="var(--panel)" />
        </pattern>
      </defs>
    </svg>
  );
}

/** A small legend swatch drawn with the same pattern as the bars. */
export function Swatch({ fill, stroke = 'var(--line-strong)' }: { fill: string; stroke?: string }): ReactElement {
  return (
    <svg width="12" height="12" aria-hidden="true" className="inline-block shrink-0 align-[-1px]">
      <rect x="0.5" y="0.5" width="11" height="11" rx="2" fill={fill} stroke={stroke} />
    </svg>
  );
}

export interface Segment {
  readonly value: number;
  readonly fill: string;
  readonly label: string;
}

/**
 * One horizontal bar split into segments, scaled to `max` (defaults to the sum). The title and the
 * accessible name spell every value out.
 */
export function StackedBar({ segments, max, height = 10, label }: { segments: readonly Segment[]; max?: number; height?: number; label: string }): ReactElement {
  const total = segments.reduce((s, x) => s + x.value, 0);
  const scale = max ?? total;
  const widths = segments.map((s) => (scale > 0 && s.value > 0 ? (s.value / scale) * 100 : 0));
  const starts = widths.map((_, i) => widths.slice(0, i).reduce((a, b) => a + b, 0));
  return (
    <svg viewBox={`0 0 100 ${height}`} preserveAspectRatio="none" width="100%" height={height} role="img" aria-label={label} className="block overflow-visible">
      <rect x="0" y="0" width="100" height={height} rx="2" fill="var(--raised)" />
      {segments.map((s, i) =>
        widths[i]! > 0 ? (
          <rect key={s.label} x={starts[i]} y="0" width={widths[i]} height={height} fill={s.fill} stroke="var(--line-strong)" strokeWidth="0.6" vectorEffect="non-scaling-stroke">
            <title>{`${s.label}: ${s.value}`}</title>
          </rect>
        ) : null,
      )}
    </svg>
  );
}

export function severitySegments(c: SeverityCounts): Segment[] {
  return SEVERITY_ORDER.map((s) => ({ value: c[s], fill: SEVERITY_FILL[s], label: SEVERITY_LABEL[s] }));
}

/** "3 critical, 1 high". */
export function severityText(c: SeverityCounts): string {
  const parts = SEVERITY_ORDER.filter((s) => c[s] > 0).map((s) => `${c[s]} ${s}`);
  return parts.length ? parts.join(', ') : 'none';
}

/** A share as a ring with the percentage printed in the middle. */
export function Ring({ share, size = 64, label }: { share: number; size?: number; label: string }): ReactElement {
  const r = 26;
  const c = 2 * Math.PI * r;
  const on = Math.max(0, Math.min(1, share)) * c;
  return (
    <svg viewBox="0 0 64 64" width={size} height={size} role="img" aria-label={label} className="shrink-0">
      <circle cx="32" cy="32" r={r} fill="none" stroke="var(--raised)" strokeWidth="9" />
      <circle
        cx="32"
        cy="32"
        r={r}
        fill="none"
        stroke="var(--danger)"
        strokeWidth="9"
        strokeDasharray={`${on} ${c - on}`}
        transform="rotate(-90 32 32)"
        strokeLinecap="butt"
      />
    </svg>
  );
}
