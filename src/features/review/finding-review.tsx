/** Review controls on a finding card: apply its suggested cut, walk it hop by hop, and record a decision. */
import { useState } from 'react';
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import type { InventoryGraph } from '../../graph/build-graph.ts';
import type { Finding } from '../../graph/rules/types.ts';
import { useReviewStore } from '../../store/review-store.ts';

import { DECISION_LABELS, describeDecision, findingKey } from './decisions.ts';
import type { DecisionStatus } from './decisions.ts';
import { walkFinding } from './walk-actions.ts';

const INPUT = 'mt-1 block w-full rounded border border-line bg-panel px-2 py-1 text-xs text-fg';

function DecisionForm({ finding, onDone }: { finding: Finding; onDone: () => void }): ReactElement {
  const key = findingKey(finding);
  const existing = useReviewStore((s) => s.decisions[key]);
  const decide = useReviewStore((s) => s.decide);
  const [status, setStatus] = useState<DecisionStatus>(existing?.status ?? 'accepted');
  const [reason, setReason] = useState(existing?.reason ?? '');
  const [reviewDate, setReviewDate] = useState(existing?.reviewDate ?? '');
  const [ticket, setTicket] = useState(existing?.ticket ?? '');
  return (
    <form
      className="mt-2 rounded border border-line p-2 text-xs"
      aria-label="Decision"
      onSubmit={(e) => {
        e.preventDefault();
        decide(key, {
          status,
          ...(reason.trim() ? { reason: reason.trim() } : {}),
          ...(status === 'accepted' && reviewDate ? { reviewDate } : {}),
          ...(status === 'mitigated' && ticket.trim() ? { ticket: ticket.trim() } : {}),
          decidedAt: new Date().toISOString(),
        });
        onDone();
      }}
    >
      <fieldset className="m-0 flex flex-wrap gap-3 border-0 p-0">
        <legend className="sr-only">Decision</legend>
        {(Object.keys(DECISION_LABELS) as DecisionStatus[]).map((s) => (
          <label key={s} className="flex items-center gap-1">
            <input type="radio" name={`decision-${key}`} checked={status === s} onChange={() => setStatus(s)} className="accent-[var(--accent)]" />
            {DECISION_LABELS[s]}
          </label>
        ))}
      </fieldset>
      <label className="mt-2 block text-muted">
        {status === 'accepted' ? 'Reason' : 'Note'}
        <input className={INPUT} value={reason} onChange={(e) => setReason(e.target.value)} required={status === 'accepted'} />
      </label>
      {status === 'accepted' ? (
        <label className="mt-2 block text-muted">
          Review date
          <input className={INPUT} type="date" value={reviewDate} onChange={(e) => setReviewDate(e.target.value)} required />
        </label>
      ) : null}
      {status === 'mitigated' ? (
        <label className="mt-2 block text-muted">
          Ticket
          <input className={INPUT} value={ticket} onChange={(e) => setTicket(e.target.value)} placeholder="SEC-123" required />
        </label>
      ) : null}
      <div className="mt-2 flex gap-2">
        <Button size="sm" variant="primary" type="submit">
          Save decision
        </Button>
        {existing ? (
          <Button
            size="sm"
            variant="ghost"
            onClick={() => {
              decide(key, null);
              onDone();
            }}
          >
            Reopen
          </Button>
        ) : null}
        <Button size="sm" variant="ghost" onClick={onDone}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

export function FindingReview({ finding, graph }: { finding: Finding; graph: InventoryGraph }): ReactElement {
  const decision = useReviewStore((s) => s.decisions[findingKey(finding)]);
  const cuts = useReviewStore((s) => s.cuts);
  const addCuts = useReviewStore((s) => s.addCuts);
  // In the store, not the card: applying a cut moves the card to "Resolved" (a new element) with the form open.
  const deciding = useReviewStore((s) => s.deciding === findingKey(finding));
  const setDeciding = (open: boolean): void => useReviewStore.getState().setDeciding(open ? findingKey(finding) : null);
  const resolved = useReviewStore((s) => s.resolvedByCuts.has(findingKey(finding)));
  const cutEdges = finding.cut?.edges ?? [];
  const applied = cutEdges.length > 0 && cutEdges.every((e) => cuts.some((c) => 'edge' in c && c.edge === e));
  return (
    <div className="mt-2">
      {resolved ? (
        <p className="mb-1.5 rounded bg-ok/15 px-2 py-1 text-2xs text-ok" data-testid="finding-resolved">
          Resolved by the what-if cuts
        </p>
      ) : null}
      {decision ? (
        <p className="mb-1.5 rounded bg-raised px-2 py-1 text-2xs text-fg" data-testid="finding-decision">
          Decision: {describeDecision(decision)}
        </p>
      ) : null}
      <div className="flex flex-wrap gap-1.5">
        {cutEdges.length > 0 ? (
          <Button
            size="sm"
            disabled={applied}
            onClick={() =>
              addCuts(
                cutEdges.map((edge) => ({ edge, reason: `Suggested cut for “${finding.title}”: breaks leg ${finding.cut!.leg}.` })),
                finding.node,
              )
            }
          >
            {applied ? 'Cut applied' : 'Apply cut'}
          </Button>
        ) : null}
        <Button size="sm" icon="route" onClick={() => walkFinding(graph, finding)}>
          Walk through
        </Button>
        <Button size="sm" variant="ghost" aria-expanded={deciding} onClick={() => setDeciding(!deciding)}>
          {decision ? 'Change decision' : 'Decide'}
        </Button>
      </div>
      {deciding ? <DecisionForm finding={finding} onDone={() => setDeciding(false)} /> : null}
    </div>
  );
}
