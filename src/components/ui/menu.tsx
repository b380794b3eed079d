/**
 * A menu at a point of the page (WAI-ARIA menu pattern): `role="menu"` with `menuitem`s, the first item
 * focused on opening, ↑/↓ (wrapping), Home/End and a typed letter move between items, Enter or Space choose
 * one, Escape or Tab close it and give the focus back to where it was, and a press outside closes it. It is
 * placed at the point and moved (or flipped) so it stays whole inside the viewport. Domain-free.
 */
import { useEffect, useId, useLayoutEffect, useRef, useState } from 'react';
import type { KeyboardEvent as ReactKeyboardEvent, ReactElement } from 'react';

export interface MenuItem {
  readonly key: string;
  readonly label: string;
  /** A short note after the label (not part of its accessible name). */
  readonly note?: string;
  readonly onSelect: () => void;
}

export type MenuEntry = MenuItem | 'separator';

export interface MenuProps {
  /** The menu's accessible name. */
  readonly label: string;
  /** What the menu is about, shown above the items (and read as the menu's description). */
  readonly title?: string;
  readonly items: readonly MenuEntry[];
  /** Where it opens, in viewport pixels. */
  readonly at: { readonly x: number; readonly y: number };
  /** The menu asks to close: after a choice, Escape, Tab, a press outside or the window resizing. */
  readonly onClose: () => void;
}

const MARGIN = 8;

/** The menu's top-left corner: at the point, or flipped to the other side of it, then kept inside the viewport. */
export function placeMenu(at: { x: number; y: number }, size: { width: number; height: number }, viewport: { width: number; height: number }): { left: number; top: number } {
  const fit = (p: number, len: number, room: number): number => {
    let start = p + 2;
    if (start + len > room - MARGIN) start = p - len - 2;
    return Math.max(MARGIN, Math.min(start, room - MARGIN - len));
  };
  return { left: fit(at.x, size.width, viewport.width), top: fit(at.y, size.height, viewport.height) };
}

export function Menu({ label, title, items, at, onClose }: MenuProps): ReactElement {
  const box = useRef<HTMLDivElement>(null);
  const list = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const [pos, setPos] = useState<{ left: number; top: number } | null>(null);
  // The focus goes back where it was when the menu closes by key or by a choice.
  const [returnTo] = useState<HTMLElement | null>(() => (typeof document !== 'undefined' && document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const onCloseRef = useRef(onClose);
  useLayoutEffect(() => {
    onCloseRef.current = onClose;
  });

  useLayoutEffect(() => {
    const el = box.current;
    if (!el) return;
    const r = el.getBoundingClientRect();
    // oxlint-disable-next-line react/set-state-in-layout-effect -- measured before paint so the menu never shows outside the viewport
    setPos(placeMenu(at, { width: r.width, height: r.height }, { width: window.innerWidth, height: window.innerHeight }));
  }, [at]);

  const itemEls = (): HTMLElement[] => [...(list.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  const placed = pos !== null;
  useEffect(() => {
    if (placed) list.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus({ preventScroll: true });
  }, [placed, list]);

  useEffect(() => {
    const onDown = (e: PointerEvent): void => {
      if (box.current && !box.current.contains(e.target as Node)) onCloseRef.current();
    };
    const onResize = (): void => onCloseRef.current();
    window.addEventListener('pointerdown', onDown, true);
    window.addEventListener('resize', onResize);
    return () => {
      window.removeEventListener('pointerdown', onDown, true);
      window.removeEventListener('resize', onResize);
    };
  }, []);

  const giveBack = (): void => {
    if (returnTo?.isConnected) returnTo.focus({ preventScroll: true });
  };
  const close = (): void => {
    giveBack();
    onCloseRef.current();
  };
  const choose = (item: MenuItem): void => {
    // The focus goes back first, so an action that moves it (opening a drawer) has the last word.
    close();
    item.onSelect();
  };

  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>): void => {
    const els = itemEls();
    const i = els.indexOf(document.activeElement as HTMLElement);
    const go = (k: number): void => {
      e.preventDefault();
      els[(k + els.length) % els.length]?.focus();
    };
    if (e.key === 'ArrowDown') go(i + 1);
    else if (e.key === 'ArrowUp') go(i < 0 ? els.length - 1 : i - 1);
    else if (e.key === 'Home') go(0);
    else if (e.key === 'End') go(els.length - 1);
    else if (e.key === 'Escape' || e.key === 'Tab') {
      e.preventDefault();
      e.stopPropagation();
      close();
    } else if (e.key.length === 1 && /\S/.test(e.key) && !e.ctrlKey && !e.metaKey && !e.altKey) {
      // A typed letter moves to the next item starting with it.
      const ch = e.key.toLowerCase();
      for (let k = 1; k <= els.length; k++) {
        const el = els[(i + k) % els.length]!;
        if ((el.dataset.label ?? '').toLowerCase().startsWith(ch)) {
          go((i + k) % els.length);
          break;
        }
      }
    }
  };

  return (
    <div
      ref={box}
      className="no-print fixed z-50 min-w-56 max-w-80 rounded-md border border-line-strong bg-panel p-1 text-xs text-fg shadow-xl"
      style={pos ? { left: pos.left, top: pos.top } : { left: at.x, top: at.y, visibility: 'hidden' }}
      data-menu-at={pos ? `${Math.round(pos.left)},${Math.round(pos.top)}` : undefined}
    >
      {title ? (
        <p id={titleId} className="truncate px-2 pt-1 pb-1.5 text-2xs text-muted" title={title}>
          {title}
        </p>
      ) : null}
      <div ref={list} role="menu" tabIndex={-1} aria-label={label} {...(title ? { 'aria-describedby': titleId } : {})} onKeyDown={onKeyDown}>
        {items.map((item, k) =>
          item === 'separator' ? (
            <hr key={`sep${k}`} className="my-1 h-px border-0 bg-line" />
          ) : (
            <button
              key={item.key}
              type="button"
              role="menuitem"
              tabIndex={-1}
              data-label={item.label}
              onClick={() => choose(item)}
              className="flex w-full cursor-pointer items-center gap-3 rounded px-2 py-1.5 text-left outline-none hover:bg-raised focus:bg-raised focus-visible:ring-2 focus-visible:ring-accent"
            >
              <span className="flex-1">{item.label}</span>
              {item.note ? (
                <span aria-hidden="true" className="text-2xs text-muted">
                  {item.note}
                </span>
              ) : null}
            </button>
          ),
        )}
      </div>
    </div>
  );
}
