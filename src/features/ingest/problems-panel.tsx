/** The Problems panel: every error and warning of the last load, with its place (`file: edges[3].target`). */
import { useEffect, useRef, useState } from 'react';
import type { ReactElement } from 'react';

import { Icon } from '../../components/ui/icons.tsx';
import { plural } from '../../lib/format.ts';
import type { Problem } from '../../workers/analysis-protocol.ts';

const PAGE = 200;

export function problemPlace(p: Problem): string {
  const place = p.at === '$' ? '' : p.at;
  return [p.file, place].filter(Boolean).join(': ');
}

export function ProblemList({ problems }: { problems: readonly Problem[] }): ReactElement {
  const [shown, setShown] = useState(PAGE);
  const ordered = [...problems.filter((p) => p.severity === 'error'), ...problems.filter((p) => p.severity === 'warning')];
  return (
    <>
      <ul className="divide-y divide-line" aria-label="Problems list">
        {ordered.slice(0, shown).map((p, i) => (
          <li key={i} className="flex gap-2.5 px-4 py-2">
            <span className={`mt-0.5 shrink-0 ${p.severity === 'error' ? 'text-danger' : 'text-warn'}`}>
              <Icon name="alert" size={14} />
              <span className="sr-only">{p.severity}</span>
            </span>
            <div className="min-w-0 text-xs">
              <p className="break-words text-fg">{p.message}</p>
              <p className="mt-0.5 flex flex-wrap gap-x-2 font-mono text-2xs text-muted">
                {problemPlace(p) ? <span className="break-all">{problemPlace(p)}</span> : null}
                <span className="text-faint">{p.code}</span>
              </p>
            </div>
          </li>
        ))}
      </ul>
      {ordered.length > shown ? (
        <button type="button" className="m-3 cursor-pointer text-xs text-muted underline" onClick={() => setShown((s) => s + PAGE)}>
          Show more ({ordered.length - shown} left)
        </button>
      ) : null}
    </>
  );
}

export function ProblemsDrawer({ problems, label, onClose }: { problems: readonly Problem[]; label: string | null; onClose(): void }): ReactElement {
  const errors = problems.filter((p) => p.severity === 'error').length;
  const warnings = problems.length - errors;
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    close.current?.focus();
    const onKey = (e: KeyboardEvent): void => {
      if (e.key === 'Escape') onClose();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onClose]);
  return (
    <section aria-label="Problems" className="absolute top-0 right-0 z-30 flex h-full w-[30rem] max-w-full flex-col border-l border-line-strong bg-panel shadow-2xl">
      <header className="flex items-center justify-between border-b border-line px-4 py-3">
        <div>
          <h2 className="text-sm font-semibold">Problems</h2>
          <p className="text-xs text-muted">
            {label ? `${label}: ` : ''}
            {plural(errors, 'error')}, {plural(warnings, 'warning')}
          </p>
        </div>
        <button ref={close} type="button" aria-label="Close problems" onClick={onClose} className="flex h-8 w-8 cursor-pointer items-center justify-center rounded-md text-muted hover:bg-raised hover:text-fg">
          <Icon name="close" />
        </button>
      </header>
      <div className="min-h-0 flex-1 overflow-y-auto">
        {problems.length ? <ProblemList problems={problems} /> : <p className="p-4 text-xs text-muted">No problems: every node and edge was read.</p>}
      </div>
    </section>
  );
}
