/**
 * The app's client of a Pathlight server (docs/server-api.md), used only when the app is served by one
 * (`GET /api/info` on its own origin says `name: "pathlight"`). Same origin, so no CORS; the token the user
 * enters is kept in this browser's localStorage and sent only to this origin.
 */
import type { TrendPoint } from '../board/view-models/trend.ts';
import type { Decision, Decisions, DecisionStatus } from '../review/decisions.ts';

export interface ServerInfo {
  readonly name: 'pathlight';
  readonly version: string;
  readonly focusThreshold: number;
  readonly inventoryNeedsToken: boolean;
}

export interface ServerMe {
  readonly name: string;
  readonly role: 'viewer' | 'editor' | 'admin';
}

export interface ServerSnapshot {
  readonly id: number;
  readonly createdAt: string;
  readonly source: string;
  readonly nodes: number;
  readonly edges: number;
  readonly findings: number;
  readonly headline: Omit<TrendPoint, 'label' | 'generatedAt'>;
}

export interface ServerDecision {
  readonly key: string;
  readonly rule: string;
  readonly node: string;
  readonly status: DecisionStatus;
  readonly reason: string;
  readonly author: string;
  readonly decidedAt: string;
}

export class ServerError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

const TOKEN_KEY = 'pathlight.server-token';

export function storedToken(): string | null {
  try {
    return window.localStorage.getItem(TOKEN_KEY);
  } catch {
    return null;
  }
}

export function storeToken(token: string | null): void {
  try {
    if (token) window.localStorage.setItem(TOKEN_KEY, token);
    else window.localStorage.removeItem(TOKEN_KEY);
  } catch {
    // storage unavailable: the token lasts for this page only
  }
}

/** The server this app is served by, or null (a plain static host, a dev server, a file). */
export async function detectServer(): Promise<ServerInfo | null> {
  try {
    const res = await fetch('/api/info', { headers: { Accept: 'application/json' } });
    if (!res.ok) return null;
    const info = (await res.json()) as Partial<ServerInfo> | null;
    if (!info || info.name !== 'pathlight' || typeof info.focusThreshold !== 'number') return null;
    return { name: 'pathlight', version: String(info.version ?? ''), focusThreshold: info.focusThreshold, inventoryNeedsToken: info.inventoryNeedsToken === true };
  } catch {
    return null;
  }
}

export async function api<T>(path: string, token: string, init: RequestInit = {}): Promise<T> {
  const headers = new Headers(init.headers);
  headers.set('Authorization', `Bearer ${token}`);
  if (init.body !== undefined) headers.set('Content-Type', 'application/json');
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    let message = `${res.status} ${res.statusText}`;
    try {
      const body = (await res.json()) as { error?: unknown };
      if (typeof body.error === 'string') message = body.error;
    } catch {
      // not JSON
    }
    throw new ServerError(res.status, message);
  }
  return (res.status === 204 ? undefined : await res.json()) as T;
}

export const fetchMe = (token: string) => api<ServerMe>('/api/me', token);
export const fetchSnapshots = (token: string) => api<ServerSnapshot[]>('/api/snapshots?limit=50', token);
export const fetchDecisions = (token: string) => api<ServerDecision[]>('/api/decisions', token);
export const fetchDiffSummary = (token: string) => api<{ diff: { summary: { text: string }[] } }>('/api/diff', token);

/** The server's decisions as the app's (the key is the same `<rule>␟<node>`). */
export function toAppDecisions(list: readonly ServerDecision[]): Decisions {
  const out: Record<string, Decision> = {};
  for (const d of list) out[d.key] = { status: d.status, ...(d.reason ? { reason: d.reason } : {}), decidedAt: d.decidedAt, author: d.author };
  return out;
}

/** Records (or, with null, clears) a decision; the server keeps the reason as one text (the ticket and review date folded in). */
export async function sendDecision(token: string, key: string, decision: Decision | null): Promise<void> {
  const [rule = '', node = ''] = key.split('\u241f');
  if (!decision) {
    await api<void>(`/api/decisions?rule=${encodeURIComponent(rule)}&node=${encodeURIComponent(node)}`, token, { method: 'DELETE' }).catch((err: unknown) => {
      if (!(err instanceof ServerError && err.status === 404)) throw err;
    });
    return;
  }
  const parts = [decision.reason, decision.ticket ? `ticket ${decision.ticket}` : undefined, decision.reviewDate ? `review on ${decision.reviewDate}` : undefined].filter(Boolean);
  await api<ServerDecision>('/api/decisions', token, { method: 'PUT', body: JSON.stringify({ rule, node, status: decision.status, reason: parts.join('; ') }) });
}

/** Trend points from the server's history, oldest first. */
export function trendPoints(snapshots: readonly ServerSnapshot[]): TrendPoint[] {
  return [...snapshots].sort((a, b) => a.id - b.id).map((s) => ({ label: `Snapshot ${s.id} (${s.source})`, generatedAt: s.createdAt, ...s.headline }));
}
