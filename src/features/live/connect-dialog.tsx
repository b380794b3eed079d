/** The Connect dialog: URL, optional bearer token (memory only) and poll interval. A native modal dialog. */
import { useEffect, useId, useRef, useState } from 'react';
import type { FormEvent, ReactElement } from 'react';

import { Button } from '../../components/ui/button.tsx';
import { MIN_INTERVAL_S } from '../../lib/url-state.ts';
import { useLiveStore } from '../../store/live-store.ts';

import { connectLive, disconnectLive } from './live-session.ts';
import { DEFAULT_INTERVAL_S, checkSourceUrl } from './poll.ts';

function ConnectForm({ onDone }: { onDone(): void }): ReactElement {
  const connection = useLiveStore((s) => s.connection);
  const currentToken = useLiveStore((s) => s.token);
  const [url, setUrl] = useState(connection?.url ?? '');
  const [token, setToken] = useState(currentToken ?? '');
  const [interval, setIntervalText] = useState(String(connection?.intervalS ?? DEFAULT_INTERVAL_S));
  const [error, setError] = useState<string | null>(null);
  const id = useId();

  const submit = (e: FormEvent): void => {
    e.preventDefault();
    const problem = checkSourceUrl(url, window.location.protocol);
    if (problem) {
      setError(problem);
      return;
    }
    const n = Math.floor(Number(interval));
    const seconds = Number.isFinite(n) ? Math.max(MIN_INTERVAL_S, n) : DEFAULT_INTERVAL_S;
    connectLive(new URL(url.trim()).href, seconds, token.trim() === '' ? null : token.trim());
    onDone();
  };

  const field = 'mt-1 block h-9 w-full rounded-md border border-line-strong bg-panel-2 px-2.5 text-[13px] text-fg placeholder:text-faint';
  return (
    <form onSubmit={submit} noValidate>
      <header className="border-b border-line px-5 py-4">
        <h2 id={`${id}-title`} className="text-base font-semibold">
          Connect to a live inventory
        </h2>
        <p className="mt-1 text-xs text-muted">
          Pathlight polls the URL, keeps the last good inventory on screen, and lists what changed after each refresh.
        </p>
      </header>
      <div className="space-y-4 px-5 py-4">
        <label className="block text-xs font-medium">
          Inventory URL
          <input
            className={field}
            type="url"
            name="url"
            required
            spellCheck={false}
            placeholder="http://127.0.0.1:8787/inventory"
            value={url}
            onChange={(e) => {
              setUrl(e.target.value);
              setError(null);
            }}
            aria-invalid={error !== null}
            aria-describedby={error ? `${id}-error` : undefined}
          />
        </label>
        {error ? (
          <p id={`${id}-error`} role="alert" className="-mt-2 text-xs text-danger">
            {error}
          </p>
        ) : null}
        <label className="block text-xs font-medium">
          Bearer token <span className="font-normal text-muted">(optional)</span>
          <input
            className={field}
            type="password"
            name="token"
            autoComplete="off"
            spellCheck={false}
            value={token}
            onChange={(e) => setToken(e.target.value)}
            aria-describedby={`${id}-token-help`}
          />
          <span id={`${id}-token-help`} className="mt-1 block font-normal text-2xs text-muted">
            Kept in memory only: never saved, never put in the link, never logged. Reloading the page forgets it.
          </span>
        </label>
        <label className="block text-xs font-medium">
          Poll every (seconds)
          <input
            className={`${field} w-28`}
            type="number"
            name="interval"
            min={MIN_INTERVAL_S}
            step={1}
            value={interval}
            onChange={(e) => setIntervalText(e.target.value)}
            aria-describedby={`${id}-interval-help`}
          />
          <span id={`${id}-interval-help`} className="mt-1 block font-normal text-2xs text-muted">
            At least {MIN_INTERVAL_S} s. Polling pauses while the tab is hidden and backs off while the server fails.
          </span>
        </label>
      </div>
      <footer className="flex items-center gap-2 border-t border-line px-5 py-3">
        {connection ? (
          <Button
            variant="danger"
            onClick={() => {
              disconnectLive();
              onDone();
            }}
          >
            Disconnect
          </Button>
        ) : null}
        <span className="ml-auto" />
        <Button variant="ghost" onClick={onDone}>
          Cancel
        </Button>
        <Button variant="primary" type="submit">
          Connect
        </Button>
      </footer>
    </form>
  );
}

export function ConnectDialog(): ReactElement {
  const open = useLiveStore((s) => s.connectOpen);
  const setOpen = useLiveStore((s) => s.setConnectOpen);
  const ref = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      if (typeof d.showModal === 'function') d.showModal();
      else d.setAttribute('open', '');
    } else if (!open && d.open) {
      if (typeof d.close === 'function') d.close();
      else d.removeAttribute('open');
    }
  }, [open]);
  return (
    <dialog
      ref={ref}
      aria-label="Connect to a live inventory"
      onClose={() => setOpen(false)}
      onCancel={() => setOpen(false)}
      className="m-auto w-[32rem] max-w-[calc(100vw-2rem)] rounded-xl border border-line-strong bg-panel p-0 text-fg shadow-2xl backdrop:bg-black/55"
    >
      {open ? <ConnectForm onDone={() => setOpen(false)} /> : null}
    </dialog>
  );
}
