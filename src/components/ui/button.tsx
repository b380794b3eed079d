/** Buttons of the design system: primary, default, ghost and icon-only (which must be given a name). */
import type { ButtonHTMLAttributes, ReactElement, ReactNode } from 'react';

import { Icon } from './icons.tsx';
import type { IconName } from './icons.tsx';

type Variant = 'primary' | 'default' | 'ghost' | 'danger';

const VARIANTS: Record<Variant, string> = {
  primary: 'bg-accent text-accent-fg hover:brightness-110 border border-transparent font-semibold',
  default: 'bg-raised text-fg border border-line-strong hover:border-faint',
  ghost: 'bg-transparent text-muted border border-transparent hover:text-fg hover:bg-raised',
  danger: 'bg-transparent text-danger border border-danger/40 hover:bg-danger/10',
};

export interface ButtonProps extends ButtonHTMLAttributes<HTMLButtonElement> {
  variant?: Variant;
  icon?: IconName;
  size?: 'sm' | 'md';
  children?: ReactNode;
}

export function Button({ variant = 'default', icon, size = 'md', className = '', children, type = 'button', ...rest }: ButtonProps): ReactElement {
  const sizing = size === 'sm' ? 'h-7 px-2 text-xs gap-1' : 'h-8 px-3 text-[13px] gap-1.5';
  return (
    <button
      type={type}
      className={`inline-flex items-center justify-center rounded-md whitespace-nowrap transition-colors disabled:opacity-45 disabled:pointer-events-none cursor-pointer ${sizing} ${VARIANTS[variant]} ${className}`}
      {...rest}
    >
      {icon ? <Icon name={icon} size={size === 'sm' ? 14 : 16} /> : null}
      {children}
    </button>
  );
}

export function IconButton({ label, icon, className = '', pressed, ...rest }: { label: string; icon: IconName; pressed?: boolean } & ButtonHTMLAttributes<HTMLButtonElement>): ReactElement {
  return (
    <button
      type="button"
      aria-label={label}
      title={label}
      {...(pressed !== undefined ? { 'aria-pressed': pressed } : {})}
      className={`inline-flex h-8 w-8 items-center justify-center rounded-md text-muted hover:text-fg hover:bg-raised cursor-pointer aria-pressed:bg-raised aria-pressed:text-fg ${className}`}
      {...rest}
    >
      <Icon name={icon} />
    </button>
  );
}
