/** A review decision on a finding as the review store keeps it (features/review/decisions.ts reads and writes them). Types only. */
export type DecisionStatus = 'accepted' | 'mitigated' | 'false-positive';

export interface Decision {
  readonly status: DecisionStatus;
  /** Why the risk is accepted, or any note. */
  readonly reason?: string;
  /** ISO date (YYYY-MM-DD) when an accepted risk is reviewed again. */
  readonly reviewDate?: string;
  /** Ticket reference of the mitigation. */
  readonly ticket?: string;
  /** ISO timestamp of the decision. */
  readonly decidedAt: string;
  /** Who decided: set for decisions shared through a Pathlight server (the token's name). */
  readonly author?: string;
}

/** Finding key → decision. The key is `<rule>␟<node>`, stable across reloads of the same inventory. */
export type Decisions = Readonly<Record<string, Decision>>;
