/**
 * Shared decisions on findings (accepted, mitigated, false positive), keyed like the app's own decisions by
 * `<rule>␟<node>`, so a decision holds for every snapshot whose finding has the same rule and node. Every
 * change writes an audit entry (who, when, before and after) in the same transaction.
 */
import type { Db, Sql } from './db.ts';
import { audit } from './snapshots.ts';
import { iso } from './tokens.ts';

export const DECISION_STATUSES = ['accepted', 'mitigated', 'false-positive'] as const;
export type DecisionStatus = (typeof DECISION_STATUSES)[number];

export interface SharedDecision {
  readonly key: string;
  readonly rule: string;
  readonly node: string;
  readonly status: DecisionStatus;
  readonly reason: string;
  readonly author: string;
  readonly decidedAt: string;
}

export const findingKey = (f: { readonly rule: string; readonly node: string }): string => `${f.rule}\u241f${f.node}`;

interface Row {
  finding_key: string;
  rule: string;
  node: string;
  status: DecisionStatus;
  reason: string;
  author: string;
  decided_at: unknown;
}

const toDecision = (r: Row): SharedDecision => ({
  key: r.finding_key,
  rule: r.rule,
  node: r.node,
  status: r.status,
  reason: r.reason,
  author: r.author,
  decidedAt: iso(r.decided_at),
});

export async function listDecisions(sql: Sql): Promise<SharedDecision[]> {
  const rows = await sql.query<Row>('SELECT finding_key, rule, node, status, reason, author, decided_at FROM decisions ORDER BY decided_at DESC, finding_key');
  return rows.map(toDecision);
}

export async function decisionMap(sql: Sql): Promise<Map<string, SharedDecision>> {
  return new Map((await listDecisions(sql)).map((d) => [d.key, d]));
}

export async function setDecision(
  db: Db,
  input: { readonly rule: string; readonly node: string; readonly status: DecisionStatus; readonly reason: string },
  author: string,
): Promise<SharedDecision> {
  const key = findingKey(input);
  return db.transaction(async (tx) => {
    const before = await tx.query<Row>('SELECT finding_key, rule, node, status, reason, author, decided_at FROM decisions WHERE finding_key = $1 FOR UPDATE', [key]);
    const rows = await tx.query<Row>(
      `INSERT INTO decisions (finding_key, rule, node, status, reason, author, decided_at) VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (finding_key) DO UPDATE SET status = EXCLUDED.status, reason = EXCLUDED.reason, author = EXCLUDED.author, decided_at = EXCLUDED.decided_at
       RETURNING finding_key, rule, node, status, reason, author, decided_at`,
      [key, input.rule, input.node, input.status, input.reason, author, new Date()],
    );
    const after = toDecision(rows[0]!);
    await audit(tx, author, 'decision.set', key, {
      rule: input.rule,
      node: input.node,
      before: before[0] ? { status: before[0].status, reason: before[0].reason, author: before[0].author } : null,
      after: { status: after.status, reason: after.reason },
    });
    return after;
  });
}

export async function clearDecision(db: Db, rule: string, node: string, author: string): Promise<boolean> {
  const key = findingKey({ rule, node });
  return db.transaction(async (tx) => {
    const rows = await tx.query<Row>('DELETE FROM decisions WHERE finding_key = $1 RETURNING finding_key, rule, node, status, reason, author, decided_at', [key]);
    if (rows.length === 0) return false;
    await audit(tx, author, 'decision.clear', key, { rule, node, before: { status: rows[0]!.status, reason: rows[0]!.reason, author: rows[0]!.author } });
    return true;
  });
}
