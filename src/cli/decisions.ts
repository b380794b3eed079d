/**
 * `--decisions FILE`: the review decisions the app exports (`pathlight-decisions` v1, read with the app's own
 * parser). An accepted risk or a false positive marks its finding suppressed, with the reason, so it does not
 * fail the run; an accepted risk whose review date has passed has expired and suppresses nothing. Mitigated
 * findings stay open (the fix is claimed, not verified).
 */
import { readFile } from 'node:fs/promises';

import type { Finding } from '../graph/rules/types.ts';
import { DECISION_LABELS, findingKey, parseDecisions } from '../features/review/decisions.ts';
import type { Decision, Decisions } from '../features/review/decisions.ts';

export interface Suppression {
  readonly status: 'accepted' | 'false-positive';
  readonly reason?: string;
  readonly reviewDate?: string;
  readonly decidedAt: string;
}

/** What a decision does to one finding. */
export type DecisionEffect =
  | { readonly kind: 'suppressed'; readonly suppression: Suppression }
  | { readonly kind: 'expired'; readonly decision: Decision }
  | { readonly kind: 'mitigated'; readonly decision: Decision };

export interface LoadedDecisions {
  readonly file: string;
  readonly decisions: Decisions;
  readonly inventory: string | null;
  readonly skipped: number;
}

export class DecisionsInputError extends Error {}

export async function loadDecisions(file: string): Promise<LoadedDecisions> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new DecisionsInputError(`${file}: cannot read: ${code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
  }
  try {
    const parsed = parseDecisions(text);
    return { file, ...parsed };
  } catch (err) {
    throw new DecisionsInputError(`${file}: ${(err as Error).message} (expected the decisions file the app exports: {"format": "pathlight-decisions", "version": 1, "decisions": [...]})`);
  }
}

/** Today as YYYY-MM-DD (UTC) for `now` ms. */
export const isoDay = (now: number) => new Date(now).toISOString().slice(0, 10);

/** The effect of the decisions on each finding (absent: no decision), by finding index. */
export function applyDecisions(findings: readonly Finding[], decisions: Decisions, now: number): Map<number, DecisionEffect> {
  const today = isoDay(now);
  const out = new Map<number, DecisionEffect>();
  findings.forEach((f, i) => {
    const d = Object.prototype.hasOwnProperty.call(decisions, findingKey(f)) ? decisions[findingKey(f)] : undefined;
    if (!d) return;
    if (d.status === 'mitigated') {
      out.set(i, { kind: 'mitigated', decision: d });
      return;
    }
    if (d.reviewDate !== undefined && d.reviewDate < today) {
      out.set(i, { kind: 'expired', decision: d });
      return;
    }
    out.set(i, {
      kind: 'suppressed',
      suppression: { status: d.status, ...(d.reason ? { reason: d.reason } : {}), ...(d.reviewDate ? { reviewDate: d.reviewDate } : {}), decidedAt: d.decidedAt },
    });
  });
  return out;
}

/** "Accepted risk (review 2027-01-31): vendor fix pending". */
export function describeSuppression(s: Suppression): string {
  const head = `${DECISION_LABELS[s.status]}${s.status === 'accepted' && s.reviewDate ? ` (review ${s.reviewDate})` : ''}`;
  return s.reason ? `${head}: ${s.reason}` : head;
}
