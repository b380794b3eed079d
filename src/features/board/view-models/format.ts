/** Number and date wording shared by the board page and its Markdown export, so both say the same. */
import type { Confidence } from './board-model.ts';

export function percent(share: number): string {
  if (share > 0 && share < 0.01) return '<1%';
  return `${Math.round(share * 100)}%`;
}

export function shrinkPercent(before: number, after: number): string {
  return before === 0 ? '0%' : percent((before - after) / before);
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** `2026-11-20T08:00:00Z` → `20 Nov 2026` (UTC, so every reader sees the same date). */
export function formatDate(iso: string | null): string {
  if (!iso) return 'unknown date';
  const t = Date.parse(iso);
  if (Number.isNaN(t)) return iso;
  const d = new Date(t);
  return `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
}

export function ageText(snapshot: Confidence['snapshot']): string {
  if (snapshot.ageDays === null) return snapshot.generatedAt ? 'date unreadable' : 'not stated';
  if (snapshot.ageDays === 0) return 'taken today';
  return `${snapshot.ageDays} ${snapshot.ageDays === 1 ? 'day' : 'days'} old`;
}

export const FRESHNESS_TEXT: Record<Confidence['snapshot']['freshness'], string> = {
  fresh: 'fresh (a week old or less)',
  aging: 'ageing (one to four weeks old)',
  stale: 'stale (over a month old)',
  unknown: 'of unknown age',
};

export const LEVEL_TEXT: Record<Confidence['level'], string> = {
  high: 'High confidence',
  medium: 'Medium confidence',
  low: 'Low confidence',
};
