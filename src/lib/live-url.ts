/**
 * The one gate for every inventory URL the app fetches (the Connect dialog, `?source=` in the address bar, the
 * live poll, a one-time load): which URLs are allowed, and a fetch that never follows a redirect, stops at
 * the byte cap counting what actually arrives (not what `Content-Length` claims), and gives up after a time
 * budget that covers the whole answer, body included. No React, no store: the worker uses it too.
 */

/** Largest inventory body accepted (bytes), counted as it streams in. */
export const MAX_SOURCE_BYTES = 512 * 1024 * 1024;
/** Time for one request, headers and body (ms). */
export const SOURCE_TIME_BUDGET_MS = 15_000;

export type SourceUrlCheck = { readonly ok: true; readonly url: string } | { readonly ok: false; readonly message: string };

const isLoopback = (hostname: string): boolean =>
  hostname === 'localhost' || hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(hostname);

/**
 * Checks an inventory URL. `base` resolves a relative one (the address bar's `?source=samples/x.json`);
 * without it the URL must be absolute (the Connect dialog).
 *
 * @returns the absolute URL, or one sentence saying why it cannot be used.
 */
export function checkSourceUrl(raw: string, pageProtocol: string, base?: string): SourceUrlCheck {
  const text = raw.trim();
  if (text === '') return { ok: false, message: 'Enter a full URL, such as http://127.0.0.1:8787/inventory.' };
  let url: URL;
  try {
    url = base === undefined ? new URL(text) : new URL(text, base);
  } catch {
    return { ok: false, message: 'Enter a full URL, such as http://127.0.0.1:8787/inventory.' };
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    return { ok: false, message: `Only http and https URLs can be loaded (this one is ${url.protocol.replace(/:$/, '')}:).` };
  }
  if (url.username || url.password) return { ok: false, message: 'Put credentials in the token field, not in the URL.' };
  if (pageProtocol === 'https:' && url.protocol === 'http:' && !isLoopback(url.hostname)) {
    return { ok: false, message: 'This page is served over https, so the browser blocks plain http URLs (except localhost).' };
  }
  return { ok: true, url: url.href };
}

/** A failure with one plain sentence; `transient` ones (network, timeout, 5xx) are worth retrying later. */
export class SourceFetchError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'SourceFetchError';
  }
}

export interface SourceRequest {
  readonly headers?: Record<string, string>;
  readonly signal?: AbortSignal;
  readonly timeoutMs?: number;
  readonly maxBytes?: number;
  readonly fetchImpl?: typeof fetch;
  /** Bytes received so far, and the total the server announced (if it did). */
  readonly onProgress?: (loaded: number, total: number | undefined) => void;
}

export interface SourceResponse {
  readonly status: number;
  readonly statusText: string;
  readonly ok: boolean;
  readonly headers: Headers;
  readonly bytes: Uint8Array;
}

const seconds = (ms: number): string => String(Number((ms / 1000).toFixed(2)));
const megabytes = (n: number): string => `${Math.round(n / 1048576)} MB`;

/**
 * GET `url` without following redirects (a 3xx is an error naming where it pointed), reading the body as a
 * stream and stopping as soon as more than `maxBytes` have arrived or `timeoutMs` has passed.
 */
export async function fetchSource(url: string, req: SourceRequest = {}): Promise<SourceResponse> {
  const doFetch = req.fetchImpl ?? fetch;
  const timeoutMs = req.timeoutMs ?? SOURCE_TIME_BUDGET_MS;
  const maxBytes = req.maxBytes ?? MAX_SOURCE_BYTES;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  req.signal?.addEventListener('abort', onAbort);
  const timeout = (): SourceFetchError => new SourceFetchError(`timed out after ${seconds(timeoutMs)} s`, null, true);
  try {
    let response: Response;
    try {
      response = await doFetch(url, { cache: 'no-store', headers: req.headers ?? {}, signal: controller.signal, credentials: 'omit', redirect: 'manual' });
    } catch {
      if (timedOut) throw timeout();
      if (req.signal?.aborted) throw new SourceFetchError('cancelled', null, true);
      throw new SourceFetchError('network error or CORS refused', null, true);
    }
    if (response.type === 'opaqueredirect' || (response.status >= 300 && response.status < 400 && response.status !== 304) || response.redirected) {
      void response.body?.cancel().catch(() => {});
      const to = response.headers.get('Location');
      throw new SourceFetchError(`the server answered with a redirect${to ? ` to ${to.slice(0, 200)}` : ''}; Pathlight does not follow redirects for an inventory URL (use the final URL)`, response.status || null, false);
    }
    const declared = Number(response.headers.get('Content-Length')) || undefined;
    if (declared !== undefined && declared > maxBytes) {
      void response.body?.cancel().catch(() => {});
      throw new SourceFetchError(`the inventory is larger than ${megabytes(maxBytes)}; the app refuses it`, response.status, false);
    }
    let bytes: Uint8Array;
    try {
      bytes = await readCapped(response, maxBytes, declared, req.onProgress);
    } catch (err) {
      if (err instanceof SourceFetchError) throw err;
      if (timedOut) throw timeout();
      if (req.signal?.aborted) throw new SourceFetchError('cancelled', null, true);
      throw new SourceFetchError('the connection broke while reading the inventory', null, true);
    }
    return { status: response.status, statusText: response.statusText, ok: response.ok, headers: response.headers, bytes };
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}

async function readCapped(response: Response, maxBytes: number, declared: number | undefined, onProgress: SourceRequest['onProgress']): Promise<Uint8Array> {
  if (!response.body) {
    const whole = new Uint8Array(await response.arrayBuffer());
    if (whole.byteLength > maxBytes) throw new SourceFetchError(`the inventory is larger than ${megabytes(maxBytes)}; the app refuses it`, response.status, false);
    return whole;
  }
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let loaded = 0;
  let reported = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    loaded += value.byteLength;
    if (loaded > maxBytes) {
      void reader.cancel().catch(() => {});
      throw new SourceFetchError(`the inventory is larger than ${megabytes(maxBytes)} (more arrived than that); the app refuses it`, response.status, false);
    }
    chunks.push(value);
    if (onProgress && loaded - reported > 256 * 1024) {
      reported = loaded;
      onProgress(loaded, declared);
    }
  }
  onProgress?.(loaded, declared);
  if (chunks.length === 1) return chunks[0]!;
  const out = new Uint8Array(loaded);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.byteLength;
  }
  return out;
}
