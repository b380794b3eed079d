/**
 * `pathlight serve`: the HTTP API (Fastify) over the store, and the built app when there is one.
 * Every route declares the least role it needs (`public`, `inventory`, `viewer`, `editor`, `admin`) and one
 * hook checks it before anything else runs; a route without a declared role is refused.
 * The route list and shapes are documented in docs/server-api.md.
 */
import { existsSync } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { gunzip } from 'node:zlib';

import Fastify from 'fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';

import { buildGraph } from '../graph/build-graph.ts';
import { diffInventories } from '../graph/diff.ts';
import { SEVERITIES } from '../graph/rules/types.ts';
import type { Finding, Severity } from '../graph/rules/types.ts';
import type { ReachSummary } from '../graph/summary.ts';
import type { InventoryIssue } from '../model/issues.ts';

import type { Db } from './db.ts';
import { DECISION_STATUSES, clearDecision, decisionMap, findingKey, listDecisions, setDecision } from './decisions.ts';
import type { DecisionStatus, SharedDecision } from './decisions.ts';
import { FocusError, LiveGraph } from './focus.ts';
import { PushRejected, getSnapshotMeta, getSnapshotPart, gunzipJson, listAudit, listSnapshots, loadSnapshotInventory, prepareSnapshot, storeSnapshot, audit } from './snapshots.ts';
import type { SnapshotMeta, StoreHooks } from './snapshots.ts';
import { ROLE_RANK, createToken, findToken, isRole, listTokens, revokeToken } from './tokens.ts';
import type { Role, TokenInfo } from './tokens.ts';

const gunzipAsync = promisify(gunzip);

export const SERVER_VERSION = '0.1.0';

export interface ServerOptions {
  readonly db: Db;
  readonly port?: number;
  readonly host?: string;
  /** CORS origins allowed; none (the default) means no CORS headers at all. */
  readonly allowOrigins?: readonly string[];
  /** Largest push body (bytes); default 256 MB. */
  readonly maxPushBytes?: number;
  /** Requests per minute per token (or per address without one); default 1200. */
  readonly rateLimit?: number;
  /** `/inventory` without a token: allowed only on a loopback address unless this is set. */
  readonly requireTokenForInventory?: boolean;
  /** The built app (`dist/`); served at `/` when it exists. */
  readonly appDir?: string;
  /** Estates above this many nodes are explored through the focused endpoints (`/api/info` tells the app). */
  readonly focusThreshold?: number;
  readonly log?: (line: string) => void;
  readonly hooks?: StoreHooks;
}

export interface RunningServer {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  /** The latest snapshot as held in memory (for tests and benches). */
  latest(): LiveGraph | undefined;
  close(): Promise<void>;
}

type Need = 'public' | 'inventory' | Role;

declare module 'fastify' {
  interface FastifyContextConfig {
    need?: Need;
  }
  interface FastifyRequest {
    token?: TokenInfo;
  }
}

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase().replace(/^\[|\]$/g, '');
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** If-None-Match matches (weak comparison, RFC 9110 §13.1.2): `*`, or any listed tag equal up to `W/`. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => strip(t) === strip(etag));
}

const MIME: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.wasm': 'application/wasm',
  '.md': 'text/markdown; charset=utf-8',
  '.zip': 'application/zip',
};

class HttpError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(message);
  }
}

/** Parses a whole number query parameter within [min, max]. */
function intParam(value: unknown, name: string, min: number, max: number, fallback?: number): number | undefined {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string' || !/^\d{1,9}$/.test(value) || Number(value) < min || Number(value) > max) {
    throw new HttpError(400, `${name} must be a whole number from ${min} to ${max}`);
  }
  return Number(value);
}

function stringParam(value: unknown, name: string, max = 4096): string | undefined {
  if (value === undefined) return undefined;
  if (typeof value !== 'string' || value === '' || value.length > max) throw new HttpError(400, `${name} must be a non-empty string of at most ${max} characters`);
  return value;
}

function requireString(value: unknown, name: string, max = 4096): string {
  const s = stringParam(value, name, max);
  if (s === undefined) throw new HttpError(400, `${name} is required`);
  return s;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/g;
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_NEWLINES = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const printable = (s: string, max: number) => s.replace(CONTROL, ' ').trim().slice(0, max);

const issueJson = (i: InventoryIssue) => ({ code: i.code, at: i.at, message: i.message, ...(i.file !== undefined ? { file: i.file } : {}) });

/** A token bucket per key: `perMinute` requests a minute, bursts up to the same number. */
class RateLimiter {
  private readonly buckets = new Map<string, { tokens: number; at: number }>();
  constructor(private readonly perMinute: number) {}
  take(key: string, now = Date.now()): number {
    let b = this.buckets.get(key);
    if (!b) {
      if (this.buckets.size > 10_000) this.buckets.clear();
      b = { tokens: this.perMinute, at: now };
      this.buckets.set(key, b);
    }
    b.tokens = Math.min(this.perMinute, b.tokens + ((now - b.at) * this.perMinute) / 60_000);
    b.at = now;
    if (b.tokens >= 1) {
      b.tokens -= 1;
      return 0;
    }
    return Math.ceil(((1 - b.tokens) * 60_000) / this.perMinute / 1000);
  }
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const { db } = options;
  const host = options.host ?? '127.0.0.1';
  const loopback = isLoopbackHost(host);
  const maxPushBytes = options.maxPushBytes ?? 256 * 1024 * 1024;
  const limiter = new RateLimiter(options.rateLimit ?? 1200);
  const allowOrigins = new Set(options.allowOrigins ?? []);
  const log = options.log ?? (() => {});
  const focusThreshold = options.focusThreshold ?? 50_000;
  const appDir = options.appDir && existsSync(join(options.appDir, 'index.html')) ? resolve(options.appDir) : undefined;

  // ---- the latest snapshot, in memory --------------------------------------------------------------
  let live: LiveGraph | undefined;
  let liveBody: { id: number; etag: string; gz: Buffer } | undefined;
  let loading: Promise<void> | undefined;

  const loadLive = async (meta: SnapshotMeta) => {
    const inventory = await loadSnapshotInventory(db, meta.id);
    const [findings, summary, gz] = await Promise.all([
      getSnapshotPart(db, meta.id, 'findings_gz').then((b) => gunzipJson<Finding[]>(b!)),
      getSnapshotPart(db, meta.id, 'summary_gz').then((b) => gunzipJson<ReachSummary[]>(b!)),
      getSnapshotPart(db, meta.id, 'inventory_gz'),
    ]);
    if (!inventory || !gz) return;
    if (live && live.meta.id > meta.id) return;
    live = new LiveGraph(meta, buildGraph(inventory), findings, summary);
    liveBody = { id: meta.id, etag: meta.etag, gz };
  };

  /** Brings the in-memory latest up to date when another process (sharing a PostgreSQL) pushed. */
  const refresh = async (): Promise<void> => {
    const rows = await db.query<{ id: number; etag: string }>('SELECT id, etag FROM snapshots ORDER BY id DESC LIMIT 1');
    const head = rows[0];
    if (!head || (liveBody && liveBody.id >= head.id)) return;
    if (!loading) {
      loading = (async () => {
        const meta = await getSnapshotMeta(db, head.id);
        if (meta) await loadLive(meta);
      })().finally(() => {
        loading = undefined;
      });
    }
    await loading;
  };

  const requireLive = async (): Promise<LiveGraph> => {
    await refresh();
    if (!live) throw new HttpError(404, 'no snapshot yet: push an inventory first (pathlight push FILE --to URL --token T)');
    return live;
  };

  await refresh();

  // ---- tokens ---------------------------------------------------------------------------------------
  const tokenCache = new Map<string, { info: TokenInfo | undefined; at: number }>();
  const lookupToken = async (token: string): Promise<TokenInfo | undefined> => {
    const hit = tokenCache.get(token);
    if (hit && Date.now() - hit.at < 5_000) return hit.info;
    const info = await findToken(db, token);
    if (tokenCache.size > 1000) tokenCache.clear();
    tokenCache.set(token, { info, at: Date.now() });
    return info;
  };

  // ---- pushes, one at a time ------------------------------------------------------------------------
  let pushTail: Promise<unknown> = Promise.resolve();
  const serialPush = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = pushTail.then(fn, fn);
    pushTail = next.catch(() => {});
    return next;
  };

  const app = Fastify({
    bodyLimit: 1024 * 1024,
    connectionTimeout: 0,
    requestTimeout: 10 * 60_000,
    keepAliveTimeout: 5_000,
    return503OnClosing: true,
    logger: false,
    routerOptions: { maxParamLength: 2000 },
  });

  const fail = (reply: FastifyReply, status: number, message: string, extra: Record<string, unknown> = {}) =>
    reply.code(status).type('application/json; charset=utf-8').send({ error: message, ...extra });

  app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, _req, reply) => {
    if (err instanceof HttpError) return fail(reply, err.status, err.message, err.extra);
    if (err instanceof FocusError) return fail(reply, err.status, err.message);
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return fail(reply, 413, `the body is larger than this server accepts here`);
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) return fail(reply, err.statusCode, err.message);
    log(`error: ${err.message}`);
    return fail(reply, 500, 'internal error');
  });

  app.setNotFoundHandler(async (req, reply) => {
    const path = req.url.split('?')[0] ?? '/';
    // The app's front door opens the server's latest snapshot, followed live (docs/live-api.md).
    // An estate above the focus threshold opens the server explorer instead (it does not fit a browser).
    if (req.method === 'GET' && appDir && req.url === '/') {
      await refresh().catch(() => undefined);
      return reply.redirect(live && live.meta.nodes > focusThreshold ? '/?focus=server' : '/?source=%2Finventory&interval=10', 302);
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && appDir && !path.startsWith('/api/')) {
      const file = await staticFile(appDir, path);
      if (file) {
        reply.header('Cache-Control', file.immutable ? 'public, max-age=31536000, immutable' : 'no-cache');
        return reply.type(file.type).send(file.body);
      }
    }
    if (req.method === 'OPTIONS') return reply.code(204).send();
    return fail(reply, 404, appDir || path.startsWith('/api/') ? `not found: ${req.method} ${printable(path, 200)}` : 'not found; the app is served only after `npm run build` (the API is at /api/, the live inventory at /inventory)');
  });

  app.addHook('onRequest', async (req, reply) => {
    const started = process.hrtime.bigint();
    reply.raw.on('finish', () => log(`${req.method} ${printable(req.url.split('?')[0] ?? '/', 200)} ${reply.statusCode} ${(Number(process.hrtime.bigint() - started) / 1e6).toFixed(1)} ms`));
    // DNS rebinding: a server on a loopback address answers only requests addressed to a loopback name.
    if (loopback) {
      const hostHeader = req.headers.host ?? '';
      const name = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
      if (!isLoopbackHost(name)) return fail(reply, 403, 'this server answers only requests addressed to a loopback host');
    }
    const origin = req.headers.origin;
    if (origin !== undefined && allowOrigins.has(origin)) {
      reply.header('Access-Control-Allow-Origin', origin);
      reply.header('Vary', 'Origin');
      reply.header('Access-Control-Allow-Headers', 'Authorization, If-None-Match, Content-Type, X-Pathlight-Files, X-Pathlight-Source');
      reply.header('Access-Control-Allow-Methods', 'GET, HEAD, POST, PUT, DELETE, OPTIONS');
      reply.header('Access-Control-Expose-Headers', 'ETag');
      reply.header('Access-Control-Max-Age', '600');
    }
    if (req.method === 'OPTIONS') return reply.code(204).send();

    const need = req.routeOptions.config.need;
    const header = req.headers.authorization;
    let token: TokenInfo | undefined;
    if (header !== undefined) {
      const match = /^Bearer\s+(\S{1,200})\s*$/i.exec(header);
      token = match ? await lookupToken(match[1]!) : undefined;
      if (!token && need !== 'public') {
        reply.header('WWW-Authenticate', 'Bearer error="invalid_token"');
        return fail(reply, 401, 'unknown or revoked token');
      }
    }
    const wait = limiter.take(token ? `t:${token.id}` : `a:${req.ip}`);
    if (wait > 0) {
      reply.header('Retry-After', String(wait));
      return fail(reply, 429, `too many requests; retry in ${wait} s`);
    }
    if (need === undefined) {
      // Unknown routes (the app's files, 404s) fall through to the not-found handler, which serves no data.
      if (req.routeOptions.url === undefined) return;
      return fail(reply, 403, 'this route declares no access rule');
    }
    if (need === 'public') return;
    if (need === 'inventory' && !token && loopback && !options.requireTokenForInventory) return;
    if (!token) {
      reply.header('WWW-Authenticate', 'Bearer');
      return fail(reply, 401, 'a bearer token is required (Authorization: Bearer <token>; pathlight token create)');
    }
    req.token = token;
    const least: Role = need === 'inventory' ? 'viewer' : need;
    if (ROLE_RANK[token.role] < ROLE_RANK[least]) return fail(reply, 403, `this needs the ${least} role; this token is a ${token.role} token`);
  });

  const actor = (req: FastifyRequest) => req.token?.name ?? 'anonymous';

  // ---- public --------------------------------------------------------------------------------------
  app.get('/health', { config: { need: 'public' } }, async (_req, reply) => {
    reply.header('Cache-Control', 'no-store');
    return { status: 'ok' };
  });
  app.get('/api/info', { config: { need: 'public' } }, async (_req, reply) => {
    reply.header('Cache-Control', 'no-store');
    return {
      name: 'pathlight',
      version: SERVER_VERSION,
      database: db.kind,
      inventory: '/inventory',
      focusThreshold,
      inventoryNeedsToken: !(loopback && !options.requireTokenForInventory),
    };
  });

  app.get('/api/me', { config: { need: 'viewer' } }, async (req) => ({ name: req.token!.name, role: req.token!.role }));

  // ---- the live inventory (docs/live-api.md) --------------------------------------------------------
  app.get('/inventory', { config: { need: 'inventory' } }, async (req, reply) => {
    reply.header('Cache-Control', 'no-cache');
    await refresh();
    const body = liveBody;
    if (!body) return fail(reply.header('Cache-Control', 'no-store'), 404, 'no snapshot yet: push an inventory first');
    reply.header('ETag', body.etag);
    if (noneMatch(req.headers['if-none-match'], body.etag)) return reply.code(304).send();
    reply.type('application/json; charset=utf-8');
    if (/\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''))) {
      reply.header('Content-Encoding', 'gzip');
      reply.header('Vary', 'Accept-Encoding');
      return reply.send(body.gz);
    }
    return reply.send(await gunzipAsync(body.gz));
  });

  // ---- snapshots ------------------------------------------------------------------------------------
  const snapshotId = (value: unknown): number | 'latest' => {
    if (value === 'latest') return 'latest';
    return intParam(value, 'snapshot id', 1, 2_000_000_000)!;
  };
  const metaOr404 = async (value: unknown): Promise<SnapshotMeta> => {
    const meta = await getSnapshotMeta(db, snapshotId(value));
    if (!meta) throw new HttpError(404, value === 'latest' ? 'no snapshot yet' : `no snapshot ${printable(String(value), 40)}`);
    return meta;
  };
  const withDecisions = (findings: readonly Finding[], decisions: ReadonlyMap<string, SharedDecision>) =>
    findings.map((f) => {
      const d = decisions.get(findingKey(f));
      return d ? { ...f, decision: d } : f;
    });

  app.get('/api/snapshots', { config: { need: 'viewer' } }, async (req) => {
    const q = req.query as Record<string, unknown>;
    const limit = intParam(q.limit, 'limit', 1, 10_000, 1000)!;
    const before = intParam(q.before, 'before', 1, 2_000_000_000);
    return listSnapshots(db, limit, before);
  });

  app.get('/api/snapshots/:id', { config: { need: 'viewer' } }, async (req) => {
    const meta = await metaOr404((req.params as { id: string }).id);
    const q = req.query as Record<string, unknown>;
    const withInventory = q.inventory !== 'false' && q.inventory !== '0';
    const [findings, summary, warnings, decisions, inventory] = await Promise.all([
      getSnapshotPart(db, meta.id, 'findings_gz').then((b) => gunzipJson<Finding[]>(b!)),
      getSnapshotPart(db, meta.id, 'summary_gz').then((b) => gunzipJson<ReachSummary[]>(b!)),
      getSnapshotPart(db, meta.id, 'warnings_gz').then((b) => gunzipJson<InventoryIssue[]>(b!)),
      decisionMap(db),
      withInventory ? getSnapshotPart(db, meta.id, 'inventory_gz').then((b) => gunzipJson<unknown>(b!)) : Promise.resolve(undefined),
    ]);
    return { ...meta, findingsList: withDecisions(findings, decisions), summary, warningsList: warnings.map(issueJson), ...(withInventory ? { inventory } : {}) };
  });

  app.get('/api/snapshots/:id/inventory', { config: { need: 'viewer' } }, async (req, reply) => {
    const meta = await metaOr404((req.params as { id: string }).id);
    reply.header('ETag', meta.etag).header('Cache-Control', 'no-cache');
    if (noneMatch(req.headers['if-none-match'], meta.etag)) return reply.code(304).send();
    const gz = await getSnapshotPart(db, meta.id, 'inventory_gz');
    reply.type('application/json; charset=utf-8');
    if (/\bgzip\b/i.test(String(req.headers['accept-encoding'] ?? ''))) return reply.header('Content-Encoding', 'gzip').header('Vary', 'Accept-Encoding').send(gz);
    return reply.send(await gunzipAsync(gz!));
  });

  // The push: raw bytes of one file in any format the importers know (the CLI merges several files first).
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', { parseAs: 'buffer', bodyLimit: maxPushBytes }, (_req, body, done) => done(null, body));
    scope.post('/api/snapshots', { config: { need: 'editor' }, bodyLimit: maxPushBytes }, async (req, reply) => {
      const body = req.body as Buffer | undefined;
      if (!body || body.length === 0) throw new HttpError(400, 'the push is empty: send an inventory file as the request body');
      const filesHeader = String(req.headers['x-pathlight-files'] ?? '');
      let files: string[];
      try {
        files = filesHeader === '' ? ['inventory'] : filesHeader.split(',').map((f) => printable(decodeURIComponent(f), 200)).filter((f) => f !== '').slice(0, 100);
      } catch {
        throw new HttpError(400, 'X-Pathlight-Files must be comma-separated, URI-encoded file names');
      }
      if (files.length === 0) files = ['inventory'];
      const q = req.query as Record<string, unknown>;
      const sourceRaw = q.source ?? req.headers['x-pathlight-source'];
      const source = typeof sourceRaw === 'string' && sourceRaw !== '' ? printable(decodeURIComponentSafe(sourceRaw), 200) : files.join(', ');
      return serialPush(async () => {
        let prepared;
        try {
          prepared = await prepareSnapshot([{ file: files.join(', '), bytes: new Uint8Array(body.buffer, body.byteOffset, body.byteLength) }], Date.now());
        } catch (err) {
          if (err instanceof PushRejected) {
            const first = err.issues[0];
            const where = first ? `${first.file ? `${first.file}: ` : ''}${first.at === '$' ? '' : `${first.at}: `}${first.message}` : err.message;
            throw new HttpError(400, `${where}${err.issues.length > 1 ? ` (and ${err.issues.length - 1} more)` : ''}; nothing was stored`, { errors: err.issues.slice(0, 100).map(issueJson) });
          }
          throw err;
        }
        const meta = await storeSnapshot(db, prepared, { source, pushedBy: actor(req) }, options.hooks);
        if (!live || live.meta.id < meta.id) {
          live = new LiveGraph(meta, prepared.graph, prepared.findings, prepared.summary);
          liveBody = { id: meta.id, etag: meta.etag, gz: prepared.inventoryGz };
        }
        return reply.code(201).send({ ...meta, warningsList: prepared.warnings.slice(0, 100).map(issueJson) });
      });
    });
  });

  app.get('/api/diff', { config: { need: 'viewer' } }, async (req) => {
    const q = req.query as Record<string, unknown>;
    const to = await metaOr404(q.to ?? 'latest');
    let from: SnapshotMeta;
    if (q.from === undefined) {
      const older = await listSnapshots(db, 1, to.id);
      if (!older[0]) throw new HttpError(404, `snapshot ${to.id} is the first one: there is nothing to compare it with`);
      from = older[0];
    } else from = await metaOr404(q.from);
    const [oldInv, newInv, oldFindings, newFindings] = await Promise.all([
      loadSnapshotInventory(db, from.id),
      loadSnapshotInventory(db, to.id),
      getSnapshotPart(db, from.id, 'findings_gz').then((b) => gunzipJson<Finding[]>(b!)),
      getSnapshotPart(db, to.id, 'findings_gz').then((b) => gunzipJson<Finding[]>(b!)),
    ]);
    const diff = diffInventories({ inventory: oldInv!, findings: oldFindings }, { inventory: newInv!, findings: newFindings });
    return { from: from.id, to: to.id, fromCreatedAt: from.createdAt, toCreatedAt: to.createdAt, diff };
  });

  // ---- decisions and audit --------------------------------------------------------------------------
  app.get('/api/decisions', { config: { need: 'viewer' } }, async () => listDecisions(db));

  app.put('/api/decisions', { config: { need: 'editor' } }, async (req) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (typeof b !== 'object' || Array.isArray(b)) throw new HttpError(400, 'the body must be a JSON object {rule, node, status, reason}');
    const rule = requireString(b.rule, 'rule', 200);
    const node = requireString(b.node, 'node', 2000);
    if (typeof b.status !== 'string' || !(DECISION_STATUSES as readonly string[]).includes(b.status)) throw new HttpError(400, `status must be one of ${DECISION_STATUSES.join(', ')}`);
    const reason = b.reason === undefined ? '' : typeof b.reason === 'string' && b.reason.length <= 4000 ? b.reason.replace(CONTROL_BUT_NEWLINES, '') : null;
    if (reason === null) throw new HttpError(400, 'reason must be a string of at most 4000 characters');
    return setDecision(db, { rule, node, status: b.status as DecisionStatus, reason }, actor(req));
  });

  app.delete('/api/decisions', { config: { need: 'editor' } }, async (req, reply) => {
    const q = req.query as Record<string, unknown>;
    const rule = requireString(q.rule, 'rule', 200);
    const node = requireString(q.node, 'node', 2000);
    if (!(await clearDecision(db, rule, node, actor(req)))) throw new HttpError(404, 'no decision on this finding');
    return reply.code(204).send();
  });

  app.get('/api/audit', { config: { need: 'viewer' } }, async (req) => {
    const q = req.query as Record<string, unknown>;
    return listAudit(db, intParam(q.limit, 'limit', 1, 10_000, 200)!, intParam(q.before, 'before', 1, 2_000_000_000));
  });

  // ---- tokens (admin) ----------------------------------------------------------------------------------
  app.get('/api/tokens', { config: { need: 'admin' } }, async () => listTokens(db));
  app.post('/api/tokens', { config: { need: 'admin' } }, async (req, reply) => {
    const b = (req.body ?? {}) as Record<string, unknown>;
    if (!isRole(b.role)) throw new HttpError(400, 'role must be one of viewer, editor, admin');
    const name = b.name === undefined ? undefined : requireString(b.name, 'name', 64);
    const created = await db.transaction(async (tx) => {
      const c = await createToken(tx, b.role as Role, name);
      await audit(tx, actor(req), 'token.create', `token:${c.info.id}`, { role: c.info.role, name: c.info.name });
      return c;
    });
    return reply.code(201).send({ token: created.token, ...created.info });
  });
  app.delete('/api/tokens/:id', { config: { need: 'admin' } }, async (req, reply) => {
    const id = (req.params as { id: string }).id;
    if (!(await revokeToken(db, id))) throw new HttpError(404, 'no such token (or already revoked)');
    tokenCache.clear();
    await audit(db, actor(req), 'token.revoke', `token:${printable(id, 40)}`, {});
    return reply.code(204).send();
  });

  // ---- focused queries on the latest graph ---------------------------------------------------------
  const hopsOf = (q: Record<string, unknown>) => intParam(q.hops, 'hops', 0, 1000);
  const limitOf = (q: Record<string, unknown>, fallback: number) => intParam(q.limit, 'limit', 1, 20_000, fallback)!;
  app.get('/api/graph', { config: { need: 'viewer' } }, async () => {
    const g = await requireLive();
    return { snapshot: g.meta.id, createdAt: g.meta.createdAt, nodes: g.graph.nodes.length, edges: g.graph.edges.length, findings: g.findings.length, focusThreshold, aiIntegrations: g.summary.length };
  });
  app.get('/api/graph/summary', { config: { need: 'viewer' } }, async (req) => {
    const g = await requireLive();
    const q = req.query as Record<string, unknown>;
    const offset = intParam(q.offset, 'offset', 0, 100_000_000, 0)!;
    const limit = limitOf(q, 100);
    return { snapshot: g.meta.id, total: g.summary.length, offset, items: g.summary.slice(offset, offset + limit) };
  });
  app.get('/api/graph/node', { config: { need: 'viewer' } }, async (req) => {
    const g = await requireLive();
    return { snapshot: g.meta.id, ...g.node(requireString((req.query as Record<string, unknown>).id, 'id')) };
  });
  app.get('/api/graph/radius', { config: { need: 'viewer' } }, async (req) => {
    const g = await requireLive();
    const q = req.query as Record<string, unknown>;
    return g.radius(requireString(q.node, 'node'), hopsOf(q), limitOf(q, 500));
  });
  app.get('/api/graph/exposure', { config: { need: 'viewer' } }, async (req) => {
    const g = await requireLive();
    const q = req.query as Record<string, unknown>;
    return g.exposure(requireString(q.node, 'node'), hopsOf(q), limitOf(q, 500));
  });
  app.get('/api/graph/path', { config: { need: 'viewer' } }, async (req) => {
    const g = await requireLive();
    const q = req.query as Record<string, unknown>;
    return g.path(requireString(q.from, 'from'), requireString(q.to, 'to'), hopsOf(q));
  });
  app.get('/api/graph/findings', { config: { need: 'viewer' } }, async (req) => {
    const g = await requireLive();
    const q = req.query as Record<string, unknown>;
    const severity = q.severity === undefined ? undefined : (SEVERITIES as readonly string[]).includes(String(q.severity)) ? (q.severity as Severity) : null;
    if (severity === null) throw new HttpError(400, `severity must be one of ${SEVERITIES.join(', ')}`);
    const page = g.findingsPage(
      { ...(severity ? { severity } : {}), ...(q.rule !== undefined ? { rule: requireString(q.rule, 'rule', 200) } : {}), ...(q.node !== undefined ? { node: requireString(q.node, 'node') } : {}) },
      intParam(q.offset, 'offset', 0, 100_000_000, 0)!,
      limitOf(q, 50),
    );
    return { ...page, items: withDecisions(page.items, await decisionMap(db)) };
  });
  app.get('/api/graph/context', { config: { need: 'viewer' } }, async (req) => {
    const g = await requireLive();
    const q = req.query as Record<string, unknown>;
    return g.context(requireString(q.node, 'node'), limitOf(q, 25));
  });
  app.get('/api/graph/search', { config: { need: 'viewer' } }, async (req) => {
    const g = await requireLive();
    const q = req.query as Record<string, unknown>;
    return g.search(requireString(q.q, 'q', 200), limitOf(q, 20));
  });

  await app.listen({ port: options.port ?? 8080, host: host === 'localhost' ? '127.0.0.1' : host.replace(/^\[|\]$/g, '') });
  const address = app.server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  let closed = false;
  return {
    url: `http://${urlHost}:${address.port}`,
    port: address.port,
    host: address.address,
    latest: () => live,
    async close() {
      if (closed) return;
      closed = true;
      await app.close();
    },
  };
}

function decodeURIComponentSafe(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

/** A file of the built app, or undefined; never outside `root`. Unknown paths get index.html (client routing). */
async function staticFile(root: string, urlPath: string): Promise<{ body: Buffer; type: string; immutable: boolean } | undefined> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\u0000')) return undefined;
  const rel = normalize(decoded).replace(/^([/\\])+/, '');
  const full = resolve(root, rel === '' ? 'index.html' : rel);
  if (full !== root && !full.startsWith(root + sep)) return undefined;
  const info = await stat(full).catch(() => undefined);
  const path = info?.isFile() ? full : extname(rel) === '' ? join(root, 'index.html') : undefined;
  if (!path) return undefined;
  return { body: await readFile(path), type: MIME[extname(path).toLowerCase()] ?? 'application/octet-stream', immutable: path.includes(`${sep}assets${sep}`) };
}
