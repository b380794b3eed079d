import { readFileSync } from 'node:fs';

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

import { useAppStore } from '../../store/app-store.ts';
import { useLiveStore } from '../../store/live-store.ts';

import { livePollOptions } from './live-root.tsx';
import { pollLive, resetLiveBaseline } from './live-session.ts';
import { PollError, checkSourceUrl, describeHttpError, nextPollDelay, pollOnce } from './poll.ts';

// The fixtures of the live e2e journey (vitest runs from the repository root).
const V1 = readFileSync('e2e/fixtures/live/v1.json', 'utf8');
const V2 = readFileSync('e2e/fixtures/live/v2.json', 'utf8');

type Call = { url: string; init: RequestInit };

/** A fetch that answers from a queue and records what it was asked. */
function scriptedFetch(answers: (() => Response | Promise<Response>)[]): { fetch: typeof fetch; calls: Call[] } {
  const calls: Call[] = [];
  const fetchImpl = (async (url: string | URL | Request, init?: RequestInit) => {
    calls.push({ url: String(url), init: init ?? {} });
    const next = answers.shift();
    if (!next) throw new Error('no scripted answer left');
    return next();
  }) as typeof fetch;
  return { fetch: fetchImpl, calls };
}

const header = (call: Call | undefined, name: string): string | undefined => (call?.init.headers as Record<string, string> | undefined)?.[name];
const ok = (body: string, etag: string | null): Response => new Response(body, { status: 200, headers: etag ? { ETag: etag } : {} });
const notModified = (etag: string): Response => new Response(null, { status: 304, headers: { ETag: etag } });

describe('pollOnce', () => {
  it('sends the last ETag and the token, never caches, and reads 304 as no change', async () => {
    const { fetch, calls } = scriptedFetch([() => notModified('"a"')]);
    const out = await pollOnce({ url: 'http://127.0.0.1:9/inventory', token: 's3cret', etag: '"a"', fetchImpl: fetch });
    expect(out).toEqual({ kind: 'not-modified', etag: '"a"' });
    expect(calls[0]!.init.cache).toBe('no-store');
    expect(header(calls[0], 'If-None-Match')).toBe('"a"');
    expect(header(calls[0], 'Authorization')).toBe('Bearer s3cret');
  });

  it('sends neither header when there is no ETag or token yet, and returns a 200 body with its ETag', async () => {
    const { fetch, calls } = scriptedFetch([() => ok('{"x":1}', '"b"')]);
    const out = await pollOnce({ url: 'http://h/i', token: null, etag: null, fetchImpl: fetch });
    expect(out).toMatchObject({ kind: 'body', text: '{"x":1}', etag: '"b"' });
    expect(header(calls[0], 'If-None-Match')).toBeUndefined();
    expect(header(calls[0], 'Authorization')).toBeUndefined();
  });

  it('turns a non-2xx into one plain sentence with the server error, and never repeats the token', async () => {
    const { fetch } = scriptedFetch([
      () => new Response('{"error":"maintenance window"}', { status: 503, statusText: 'Service Unavailable' }),
      () => new Response('{"error":"bad token s3cret"}', { status: 401 }),
    ]);
    const first = await pollOnce({ url: 'http://h/i', token: 's3cret', etag: null, fetchImpl: fetch }).catch((e: unknown) => e);
    expect(first).toBeInstanceOf(PollError);
    expect((first as PollError).message).toBe('503 Service Unavailable: maintenance window');
    expect((first as PollError).transient).toBe(true);
    const second = (await pollOnce({ url: 'http://h/i', token: 's3cret', etag: null, fetchImpl: fetch }).catch((e: unknown) => e)) as PollError;
    expect(second.message).toBe('401 Unauthorized: check the token: bad token ••••');
    expect(second.message).not.toContain('s3cret');
    expect(second.transient).toBe(false);
  });

  it('reports network failures and timeouts plainly', async () => {
    const refused = (() => Promise.reject(new TypeError('Failed to fetch'))) as unknown as typeof fetch;
    await expect(pollOnce({ url: 'http://h/i', token: null, etag: null, fetchImpl: refused })).rejects.toThrow('network error or CORS refused');
    const hanging = ((_u: string, init: RequestInit) =>
      new Promise<Response>((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError'))))) as unknown as typeof fetch;
    await expect(pollOnce({ url: 'http://h/i', token: null, etag: null, fetchImpl: hanging, timeoutMs: 30 })).rejects.toThrow('timed out after 0.03 s');
  });

  it('cuts a long server error to 200 characters', () => {
    const text = describeHttpError(500, '', JSON.stringify({ error: 'x'.repeat(500) }), null);
    expect(text.startsWith('500 Internal Server Error: ')).toBe(true);
    expect(text.length).toBeLessThanOrEqual('500 Internal Server Error: '.length + 200);
  });
});

describe('back-off and URLs', () => {
  it('doubles the interval per consecutive failure, up to 5 minutes, and resets on success', () => {
    expect(nextPollDelay(2, 0)).toBe(2000);
    expect(nextPollDelay(2, 1)).toBe(4000);
    expect(nextPollDelay(2, 3)).toBe(16_000);
    expect(nextPollDelay(30, 10)).toBe(300_000);
    expect(nextPollDelay(1, 0)).toBe(2000);
  });

  it('the polling query backs off with the failures, pauses in the background and polls when the tab returns', () => {
    const connection = { url: 'http://127.0.0.1:9/inventory', intervalS: 5, serial: 3 };
    const calm = livePollOptions(connection, 0);
    expect(calm.refetchInterval).toBe(5000);
    expect(calm.refetchIntervalInBackground).toBe(false);
    expect(calm.refetchOnWindowFocus).toBe('always');
    expect(livePollOptions(connection, 2).refetchInterval).toBe(20_000);
    expect(livePollOptions(connection, 2).queryKey).toEqual(calm.queryKey);
  });

  it('checks URLs typed into Connect', () => {
    expect(checkSourceUrl('http://127.0.0.1:8787/inventory', 'https:')).toBeNull();
    expect(checkSourceUrl('http://cmdb.example/inventory', 'https:')).toMatch(/blocks plain http/);
    expect(checkSourceUrl('ftp://x/y', 'http:')).toMatch(/http and https/);
    expect(checkSourceUrl('https://user:pw@x/y', 'https:')).toMatch(/token field/);
    expect(checkSourceUrl('inventory.json', 'http:')).toMatch(/full URL/);
  });
});

describe('pollLive: one poll end to end (main-thread analysis, scripted server)', () => {
  beforeEach(() => {
    resetLiveBaseline();
    useLiveStore.setState({ history: [], panelOpen: false, panelDismissed: false, unseen: 0 });
    useLiveStore.getState().connect('http://127.0.0.1:9/inventory', 2, 'tok');
    vi.spyOn(console, 'warn').mockImplementation(() => {});
  });
  afterEach(() => {
    useLiveStore.getState().disconnect();
    vi.restoreAllMocks();
  });

  it('accepts, validates with the ETag, survives a malformed body, and records the drift named', async () => {
    const { fetch, calls } = scriptedFetch([
      () => ok(V1, '"v1"'),
      () => notModified('"v1"'),
      () => ok('{"format": "pathlight-inventory", "nodes": [', '"fault-1"'),
      () => notModified('"v1"'),
      () => ok(V2, '"v2"'),
      () => ok(V2, '"v2"'),
    ]);
    expect(await pollLive(undefined, fetch)).toBe('first');
    expect(useAppStore.getState().status).toBe('ready');
    const firstDataset = useAppStore.getState().dataset;
    expect(firstDataset?.inventory.nodes.some((n) => n.id === 'ds:wiki')).toBe(true);
    expect(useLiveStore.getState()).toMatchObject({ status: 'live', etag: '"v1"', failures: 0 });

    expect(await pollLive(undefined, fetch)).toBe('unchanged');
    expect(header(calls[1], 'If-None-Match')).toBe('"v1"');
    expect(header(calls[1], 'Authorization')).toBe('Bearer tok');

    await expect(pollLive(undefined, fetch)).rejects.toThrow(/the server sent an inventory that cannot be read/);
    const failed = useLiveStore.getState();
    expect(failed.status).toBe('error');
    expect(failed.failures).toBe(1);
    expect(failed.etag).toBe('"v1"');
    expect(useAppStore.getState().dataset).toBe(firstDataset);
    expect(failed.error).not.toContain('tok');

    // The bad body's ETag was not kept: the next poll still sends the last good one.
    expect(await pollLive(undefined, fetch)).toBe('unchanged');
    expect(header(calls[3], 'If-None-Match')).toBe('"v1"');
    expect(useLiveStore.getState()).toMatchObject({ status: 'live', failures: 0, error: null });

    expect(await pollLive(undefined, fetch)).toBe('changed');
    const live = useLiveStore.getState();
    expect(live.etag).toBe('"v2"');
    expect(live.history).toHaveLength(1);
    const view = live.history[0]!.view;
    expect(view.nodes.added.items.map((n) => n.name)).toEqual(['Payroll helper bot', 'payroll-sa']);
    expect(view.nodes.removed.items.map((n) => n.name)).toEqual(['Team wiki']);
    expect(live.marks.added.has('agent:payroll-helper')).toBe(true);
    expect(live.marks.ghostNodes.map((g) => g.id)).toEqual(['ds:wiki']);
    expect(live.panelOpen).toBe(true);
    expect(useAppStore.getState().dataset?.inventory.nodes.some((n) => n.id === 'agent:payroll-helper')).toBe(true);

    // A server that ignores If-None-Match: the same ETag again is no change, and no new history entry.
    expect(await pollLive(undefined, fetch)).toBe('unchanged');
    expect(useLiveStore.getState().history).toHaveLength(1);
  });

  it('a first load that fails leaves the app on its error state with the message', async () => {
    const { fetch } = scriptedFetch([() => new Response('{"error":"down"}', { status: 503 })]);
    await expect(pollLive(undefined, fetch)).rejects.toThrow('503 Service Unavailable: down');
    expect(useAppStore.getState().status).toBe('error');
    expect(useAppStore.getState().loadError?.problems[0]?.message).toBe('503 Service Unavailable: down');
    expect(useLiveStore.getState().lastSuccessAt).toBeNull();
  });
});
