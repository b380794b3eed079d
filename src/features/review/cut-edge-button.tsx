/** "Cut" in an edge's details: switch the edge off as a what-if (or restore it). */
import type { ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import { useReviewStore } from '../../store/review-store.ts';

export function CutEdgeButton({ edge }: { edge: string }): ReactElement {
  const index = useReviewStore((s) => s.cuts.findIndex((c) => 'edge' in c && c.edge === edge));
  const addCuts = useReviewStore((s) => s.addCuts);
  const removeCut = useReviewStore((s) => s.removeCut);
  return (
    <div className="mt-2">
      {index < 0 ? (
        <Button size="sm" onClick={() => addCuts([{ edge }])} title="Switch this edge off and see what it buys (What-if)">
          Cut (what-if)
        </Button>
      ) : (
        <Button size="sm" variant="ghost" onClick={() => removeCut(index)}>
          Restore this edge
        </Button>
      )}
    </div>
  );
}
