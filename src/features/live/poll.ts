/**
 * One poll of a live inventory URL (docs/live-api.md, section 2.2), with no React in it: conditional GET
 * with the last accepted ETag, optional bearer token, a timeout, and every failure turned into one plain
 * sentence. The token is sent, never echoed into a message.
 */

export const POLL_TIMEOUT_MS = 15_000;
export const MAX_BODY_BYTES = 512 * 1024 * 1024;
export const MAX_BACKOFF_MS = 5 * 60_000;
export const DEFAULT_INTERVAL_S = 30;

export type PollOutcome =
  | { readonly kind: 'not-modified'; readonly etag: string | null }
  | { readonly kind: 'body'; readonly text: string; readonly etag: string | null };

/** A failure to show as is. `transient` ones (5xx, 429, network, timeout) are simply retried later. */
export class PollError extends Error {
  constructor(
    message: string,
    readonly status: number | null,
    readonly transient: boolean,
  ) {
    super(message);
    this.name = 'PollError';
  }
}

export interface PollRequest {
  readonly url: string;
  readonly token: string | null;
  readonly etag: string | null;
  readonly timeoutMs?: number;
  /** Aborts the request (react-query's signal). */
  readonly signal?: AbortSignal;
  readonly fetchImpl?: typeof fetch;
}

const STATUS_TEXT: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  408: 'Request Timeout',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

/** "503 Service Unavailable: injected failure"; the server's `{"error"}` cut to 200 characters. */
export function describeHttpError(status: number, statusText: string, body: string, token: string | null): string {
  const name = statusText.trim() || STATUS_TEXT[status] || 'Error';
  let detail = '';
  try {
    const parsed = JSON.parse(body) as unknown;
    if (parsed && typeof parsed === 'object' && typeof (parsed as { error?: unknown }).error === 'string') detail = (parsed as { error: string }).error;
  } catch {
    // not JSON: no detail
  }
  detail = detail.replace(/\s+/g, ' ').trim();
  if (token && detail.includes(token)) detail = detail.split(token).join('••••');
  if (detail.length > 200) detail = `${detail.slice(0, 199)}…`;
  const hint = status === 401 ? 'check the token' : status === 403 ? 'the server refused access' : status === 404 ? 'check the URL' : '';
  return [`${status} ${name}`, hint, detail].filter(Boolean).join(': ');
}

/** Milliseconds until the next poll: the interval, doubled per consecutive failure, at most 5 minutes. */
export function nextPollDelay(intervalS: number, failures: number): number {
  const base = Math.max(2, intervalS) * 1000;
  if (failures <= 0) return base;
  return Math.min(MAX_BACKOFF_MS, base * 2 ** Math.min(failures, 20));
}

/** Checks a URL typed into the Connect dialog; returns a sentence when it cannot be polled. */
export function checkSourceUrl(raw: string, pageProtocol: string): string | null {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    return 'Enter a full URL, such as http://127.0.0.1:8787/inventory.';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Only http and https URLs can be polled.';
  if (url.username || url.password) return 'Put credentials in the token field, not in the URL.';
  const loopback = url.hostname === 'localhost' || url.hostname === '[::1]' || /^127(\.\d{1,3}){3}$/.test(url.hostname);
  if (pageProtocol === 'https:' && url.protocol === 'http:' && !loopback) return 'This page is served over https, so the browser blocks plain http URLs (except localhost).';
  return null;
}

const seconds = (ms: number): string => String(Number((ms / 1000).toFixed(2)));

export async function pollOnce(req: PollRequest): Promise<PollOutcome> {
  const doFetch = req.fetchImpl ?? fetch;
  const headers: Record<string, string> = {};
  if (req.etag) headers['If-None-Match'] = req.etag;
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  const timeoutMs = req.timeoutMs ?? POLL_TIMEOUT_MS;
  const controller = new AbortController();
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);
  const onAbort = (): void => controller.abort();
  req.signal?.addEventListener('abort', onAbort);
  try {
    let response: Response;
    try {
      response = await doFetch(req.url, { cache: 'no-store', headers, signal: controller.signal, credentials: 'omit' });
    } catch {
      if (timedOut) throw new PollError(`timed out after ${seconds(timeoutMs)} s`, null, true);
      if (req.signal?.aborted) throw new PollError('cancelled', null, true);
      throw new PollError('network error or CORS refused', null, true);
    }
    const etag = response.headers.get('ETag');
    if (response.status === 304) return { kind: 'not-modified', etag: etag ?? req.etag };
    let text: string;
    try {
      const length = Number(response.headers.get('Content-Length'));
      if (length > MAX_BODY_BYTES) throw new PollError('the inventory is larger than 512 MB; the app refuses it', response.status, false);
      text = await response.text();
    } catch (err) {
      if (err instanceof PollError) throw err;
      if (timedOut) throw new PollError(`timed out after ${seconds(timeoutMs)} s`, null, true);
      throw new PollError('the connection broke while reading the inventory', null, true);
    }
    if (!response.ok) {
      const transient = response.status >= 500 || response.status === 429 || response.status === 408;
      throw new PollError(describeHttpError(response.status, response.statusText, text, req.token), response.status, transient);
    }
    return { kind: 'body', text, etag };
  } finally {
    clearTimeout(timer);
    req.signal?.removeEventListener('abort', onAbort);
  }
}
