/** Top-bar toggles for presenting: meeting mode (larger type, high contrast, collapsible panels) and redact. */
import type { ReactElement } from 'react';

import { useReviewStore } from '../../store/review-store.ts';

const TOGGLE =
  'flex h-8 cursor-pointer items-center gap-1.5 whitespace-nowrap rounded-md border border-line px-2.5 text-xs text-muted hover:bg-raised hover:text-fg aria-pressed:border-accent aria-pressed:text-fg';

export function ReviewToggles(): ReactElement {
  const meeting = useReviewStore((s) => s.meeting);
  const redact = useReviewStore((s) => s.redact);
  const collapsed = useReviewStore((s) => s.panelsCollapsed);
  const setMeeting = useReviewStore((s) => s.setMeeting);
  const setRedact = useReviewStore((s) => s.setRedact);
  const setPanelsCollapsed = useReviewStore((s) => s.setPanelsCollapsed);
  return (
    <div className="flex items-center gap-1.5" data-no-redact="">
      <button type="button" aria-pressed={meeting} onClick={() => setMeeting(!meeting)} className={TOGGLE} title="Larger type and high contrast for a projector">
        Meeting
      </button>
      {meeting ? (
        <button type="button" aria-pressed={collapsed} onClick={() => setPanelsCollapsed(!collapsed)} className={TOGGLE} title="Hide the side panels to give the graph the room">
          <svg aria-hidden="true" className="top-bar-compact-icon" viewBox="0 0 24 24" width={16} height={16} fill="none" stroke="currentColor" strokeWidth={1.8} strokeLinecap="round" strokeLinejoin="round">
            <path d="M3 5h18v14H3z M8 5v14 M16 5v14" />
          </svg>
          <span className="top-bar-compact">{collapsed ? 'Show panels' : 'Hide panels'}</span>
        </button>
      ) : null}
      <button type="button" aria-pressed={redact} onClick={() => setRedact(!redact)} className={TOGGLE} title="Replace every name with a stable pseudonym (kinds and colours kept)">
        Redact
      </button>
    </div>
  );
}
