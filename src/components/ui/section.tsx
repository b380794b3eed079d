/** A titled panel section; when `region` is set it is a named landmark a screen reader can jump to. */
import type { ReactElement, ReactNode } from 'react';

export function Section({
  title,
  region,
  actions,
  children,
  className = '',
}: {
  title: string;
  region?: boolean;
  actions?: ReactNode;
  children: ReactNode;
  className?: string;
}): ReactElement {
  const body = (
    <>
      <header className="flex items-center justify-between gap-2 px-4 pt-3 pb-2">
        <h2 className="text-[11px] font-semibold tracking-[0.08em] uppercase text-muted">{title}</h2>
        {actions}
      </header>
      <div className="px-4 pb-4">{children}</div>
    </>
  );
  return region ? (
    <section aria-label={title} className={`border-b border-line ${className}`}>
      {body}
    </section>
  ) : (
    <div className={`border-b border-line ${className}`}>{body}</div>
  );
}

export function Badge({ children, tone = 'neutral', className = '' }: { children: ReactNode; tone?: 'neutral' | 'danger' | 'warn' | 'ok' | 'info' | 'accent'; className?: string }): ReactElement {
  const tones = {
    neutral: 'bg-raised text-muted',
    danger: 'bg-danger/15 text-danger',
    warn: 'bg-warn/15 text-warn',
    ok: 'bg-ok/15 text-ok',
    info: 'bg-info/15 text-info',
    accent: 'bg-accent/15 text-accent',
  } as const;
  return <span className={`inline-flex items-center gap-1 rounded px-1.5 py-px text-2xs font-medium ${tones[tone]} ${className}`}>{children}</span>;
}
