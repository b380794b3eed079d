/**
 * One poll of a live inventory URL (docs/live-api.md, section 2.2), with no React in it: conditional GET
 * with the last accepted ETag, optional bearer token, a timeout, and every failure turned into one plain
 * sentence. The token is sent, never echoed into a message. The request itself is src/lib/live-url.ts.
 */
import { MAX_SOURCE_BYTES, SOURCE_TIME_BUDGET_MS, SourceFetchError, checkSourceUrl as checkUrl, fetchSource } from '../../lib/live-url.ts';
import type { SourceResponse } from '../../lib/live-url.ts';

export const POLL_TIMEOUT_MS = SOURCE_TIME_BUDGET_MS;
export const MAX_BODY_BYTES = MAX_SOURCE_BYTES;
export const MAX_BACKOFF_MS = 5 * 60_000;
export const DEFAULT_INTERVAL_S = 30;

export type PollOutcome =
  | { readonly kind: 'not-modified'; readonly etag: string | null }
  | { readonly kind: 'body'; readonly text: string; readonly bytes: Uint8Array; readonly etag: string | null };

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
  readonly maxBytes?: number;
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

/** Checks a URL typed into the Connect dialog; returns a sentence when it cannot be polled (src/lib/live-url.ts). */
export function checkSourceUrl(raw: string, pageProtocol: string): string | null {
  const check = checkUrl(raw, pageProtocol);
  return check.ok ? null : check.message;
}

export async function pollOnce(req: PollRequest): Promise<PollOutcome> {
  const headers: Record<string, string> = {};
  if (req.etag) headers['If-None-Match'] = req.etag;
  if (req.token) headers.Authorization = `Bearer ${req.token}`;
  let response: SourceResponse;
  try {
    // No redirects followed, the byte cap counted as the body streams in, one time budget for it all.
    response = await fetchSource(req.url, {
      headers,
      timeoutMs: req.timeoutMs ?? POLL_TIMEOUT_MS,
      maxBytes: req.maxBytes ?? MAX_BODY_BYTES,
      ...(req.signal ? { signal: req.signal } : {}),
      ...(req.fetchImpl ? { fetchImpl: req.fetchImpl } : {}),
    });
  } catch (err) {
    if (err instanceof SourceFetchError) throw new PollError(err.message, err.status, err.transient);
    throw new PollError('network error or CORS refused', null, true);
  }
  const etag = response.headers.get('ETag');
  if (response.status === 304) return { kind: 'not-modified', etag: etag ?? req.etag };
  if (!response.ok) {
    const transient = response.status >= 500 || response.status === 429 || response.status === 408;
    const text = new TextDecoder().decode(response.bytes.subarray(0, 64 * 1024));
    throw new PollError(describeHttpError(response.status, response.statusText, text, req.token), response.status, transient);
  }
  return { kind: 'body', text: new TextDecoder().decode(response.bytes), bytes: response.bytes, etag };
}
