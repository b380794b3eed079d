/**
 * The reference server of the live inventory API (docs/live-api.md), for demos and tests. Node's http
 * module only, no framework.
 *
 *   npm run serve:inventory -- DIR [--port 8787] [--host 127.0.0.1] [--token T] [--fail-next N]
 *                                  [--allow-origin ORIGIN[,ORIGIN...]]
 *
 * - `GET /inventory` serves the newest file of DIR (by modification time, looked up again on every request,
 *   so a changed or added file is served without a restart) with a strong ETag (SHA-256 of the bytes),
 *   `Cache-Control: no-cache`, and `304 Not Modified` when `If-None-Match` names the current ETag.
 * - CORS on every API response; `OPTIONS` preflight → 204.
 * - `--token T` (or PATHLIGHT_SERVE_TOKEN) requires `Authorization: Bearer T` on /inventory (401 otherwise).
 * - `GET /health` → 200 `{"status":"ok"}`, never needs the token.
 * - Test hooks: `--fail-next N` makes the next N inventory responses 500; `POST /control` queues faults
 *   (500s, malformed bodies, slow answers) for the UI's error handling tests. See `Fault` below.
 * - Listens on loopback addresses only, and answers only requests whose Host is a loopback name (a
 *   DNS-rebinding guard).
 */
import { createHash, timingSafeEqual } from 'node:crypto';
import { readFile, readdir, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * A fault queued for the next inventory responses.
 * - `error`: answer `status` (default 500) with a JSON error body.
 * - `malformed`: 200 with a truncated JSON body and a fresh ETag.
 * - `invalid`: 200 with well-formed JSON that is not an inventory, and a fresh ETag.
 * - `slow`: wait `delayMs` (default 10000) and then answer normally.
 * - `redirect`: answer `status` (default 302) with `Location: location` (another port, host or path): the
 *   app must not follow it.
 * - `huge`: 200 with a chunked body of `bytes` bytes (default 600 MB) and no Content-Length: the app must
 *   stop reading at its cap, counting what arrives.
 */
export interface Fault {
  readonly mode: 'error' | 'malformed' | 'invalid' | 'slow' | 'redirect' | 'huge';
  readonly status?: number;
  readonly delayMs?: number;
  readonly location?: string;
  readonly bytes?: number;
}

export interface ServeOptions {
  readonly dir: string;
  /** 0 picks a free port (default 8787). */
  readonly port?: number;
  /** A loopback address: 127.0.0.1 (default), ::1, localhost or any 127.x.y.z. */
  readonly host?: string;
  /** When set, /inventory and /control require `Authorization: Bearer <token>`. */
  readonly token?: string;
  /** The next N inventory responses are 500s. */
  readonly failNext?: number;
  /** Origins allowed by CORS; default any (`*`). */
  readonly allowOrigins?: readonly string[];
  /** One line per request (method, path, status); never headers. */
  readonly log?: (line: string) => void;
}

export interface InventoryServer {
  readonly url: string;
  readonly port: number;
  readonly host: string;
  readonly dir: string;
  /** Queues faults (the same as POST /control). */
  inject(fault: Fault, count?: number): void;
  /** Drops the faults still queued. */
  clearFaults(): void;
  close(): Promise<void>;
}

export class ServeUsageError extends Error {}

/** The `huge` fault: a chunked JSON-looking body of `total` bytes, written as the client takes it. */
async function streamHuge(res: ServerResponse, total: number, head: boolean): Promise<void> {
  res.statusCode = 200;
  res.setHeader('Content-Type', 'application/json; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  if (head) {
    res.end();
    return;
  }
  const prefix = Buffer.from('{"format":"pathlight-inventory","version":1,"nodes":[],"edges":[],"padding":"');
  const chunk = Buffer.alloc(256 * 1024, 0x61);
  const write = (buf: Buffer): Promise<void> | undefined => {
    if (res.write(buf)) return undefined;
    return new Promise<void>((done) => {
      const go = () => {
        res.off('drain', go);
        res.off('close', go);
        done();
      };
      res.on('drain', go);
      res.on('close', go);
    });
  };
  await write(prefix);
  for (let sent = prefix.length; sent < total; ) {
    if (res.destroyed) break;
    const part = total - sent >= chunk.length ? chunk : chunk.subarray(0, total - sent);
    sent += part.length;
    const wait = write(part);
    if (wait) await wait;
  }
  if (!res.destroyed) res.end();
}

const IGNORED = /(^\.|~$|\.(tmp|part|swp|crdownload)$)/i;

export function isLoopbackHost(host: string): boolean {
  const h = host.toLowerCase();
  return h === 'localhost' || h === '::1' || h === '[::1]' || /^127(\.\d{1,3}){3}$/.test(h);
}

/** The newest regular file of `dir` (ties: the greatest name); dotfiles and temp files are skipped. */
export async function newestFile(dir: string): Promise<{ path: string; name: string; mtimeMs: number } | undefined> {
  let best: { path: string; name: string; mtimeMs: number } | undefined;
  for (const name of await readdir(dir)) {
    if (IGNORED.test(name)) continue;
    const path = join(dir, name);
    let info;
    try {
      info = await stat(path);
    } catch {
      continue; // removed between readdir and stat
    }
    if (!info.isFile()) continue;
    if (!best || info.mtimeMs > best.mtimeMs || (info.mtimeMs === best.mtimeMs && name > best.name)) best = { path, name, mtimeMs: info.mtimeMs };
  }
  return best;
}

export function etagOf(body: Buffer): string {
  return `"sha256-${createHash('sha256').update(body).digest('base64url')}"`;
}

/** If-None-Match matches (weak comparison, RFC 9110 §13.1.2): `*`, or any listed tag equal up to `W/`. */
export function noneMatch(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  if (header.trim() === '*') return true;
  const strip = (t: string) => t.trim().replace(/^W\//, '');
  return header.split(',').some((t) => strip(t) === strip(etag));
}

function sameSecret(given: string, expected: string): boolean {
  const a = createHash('sha256').update(given).digest();
  const b = createHash('sha256').update(expected).digest();
  return timingSafeEqual(a, b);
}

const MALFORMED_BODY = '{"format": "pathlight-inventory", "version": 1, "nodes": [{"id": "agent:x", "kind": "ai_ag';
const INVALID_BODY = '{"hello": "this is JSON, but not an inventory"}\n';

export async function startInventoryServer(options: ServeOptions): Promise<InventoryServer> {
  const dir = resolve(options.dir);
  const host = options.host ?? '127.0.0.1';
  if (!isLoopbackHost(host)) throw new ServeUsageError(`--host ${host}: only loopback addresses are allowed (127.0.0.1, ::1, localhost)`);
  const info = await stat(dir).catch(() => undefined);
  if (!info?.isDirectory()) throw new ServeUsageError(`${options.dir}: not a directory`);
  const log = options.log ?? (() => {});
  const faults: Fault[] = [];
  for (let i = 0; i < (options.failNext ?? 0); i++) faults.push({ mode: 'error', status: 500 });
  const timers = new Set<NodeJS.Timeout>();
  let faultCounter = 0;

  const cors = (req: IncomingMessage, res: ServerResponse) => {
    const origin = req.headers.origin;
    if (options.allowOrigins && options.allowOrigins.length > 0) {
      if (origin !== undefined && options.allowOrigins.includes(origin)) res.setHeader('Access-Control-Allow-Origin', origin);
      res.setHeader('Vary', 'Origin');
    } else {
      res.setHeader('Access-Control-Allow-Origin', '*');
    }
    res.setHeader('Access-Control-Allow-Headers', 'Authorization, If-None-Match');
    res.setHeader('Access-Control-Allow-Methods', 'GET, HEAD, OPTIONS');
    res.setHeader('Access-Control-Expose-Headers', 'ETag');
    res.setHeader('Access-Control-Max-Age', '600');
  };

  const json = (res: ServerResponse, status: number, body: unknown, head = false) => {
    const text = `${JSON.stringify(body)}\n`;
    res.statusCode = status;
    res.setHeader('Content-Type', 'application/json; charset=utf-8');
    res.setHeader('Content-Length', Buffer.byteLength(text));
    res.end(head ? undefined : text);
  };

  const authorized = (req: IncomingMessage) => {
    if (options.token === undefined) return true;
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    return match !== null && sameSecret(match[1]!, options.token);
  };

  const serveInventory = async (req: IncomingMessage, res: ServerResponse, head: boolean) => {
    const fault = faults.shift();
    if (fault?.mode === 'slow') {
      await new Promise<void>((done) => {
        const t = setTimeout(() => {
          timers.delete(t);
          done();
        }, fault.delayMs ?? 10_000);
        timers.add(t);
      });
      if (res.destroyed) return;
    } else if (fault?.mode === 'redirect') {
      res.statusCode = fault.status ?? 302;
      res.setHeader('Location', fault.location ?? '/inventory');
      res.setHeader('Content-Length', 0);
      res.end();
      return;
    } else if (fault?.mode === 'huge') {
      await streamHuge(res, fault.bytes ?? 600 * 1024 * 1024, head);
      return;
    } else if (fault?.mode === 'error') {
      json(res, fault.status ?? 500, { error: 'injected failure (serve-inventory test hook)' }, head);
      return;
    } else if (fault?.mode === 'malformed' || fault?.mode === 'invalid') {
      const body = fault.mode === 'malformed' ? MALFORMED_BODY : INVALID_BODY;
      res.statusCode = 200;
      res.setHeader('Content-Type', 'application/json; charset=utf-8');
      res.setHeader('Cache-Control', 'no-cache');
      res.setHeader('ETag', `"fault-${++faultCounter}"`);
      res.setHeader('Content-Length', Buffer.byteLength(body));
      res.end(head ? undefined : body);
      return;
    }
    const file = await newestFile(dir);
    if (!file) {
      json(res, 404, { error: 'no inventory file in the served folder yet' }, head);
      return;
    }
    let body: Buffer;
    try {
      body = await readFile(file.path);
    } catch {
      json(res, 503, { error: 'the inventory file could not be read; try again' }, head);
      return;
    }
    const etag = etagOf(body);
    res.setHeader('ETag', etag);
    res.setHeader('Cache-Control', 'no-cache');
    res.setHeader('Last-Modified', new Date(file.mtimeMs).toUTCString());
    if (noneMatch(req.headers['if-none-match'], etag)) {
      res.statusCode = 304;
      res.end();
      return;
    }
    res.statusCode = 200;
    res.setHeader('Content-Type', extname(file.name).toLowerCase() === '.json' ? 'application/json; charset=utf-8' : 'text/plain; charset=utf-8');
    res.setHeader('Content-Length', body.length);
    res.end(head ? undefined : body);
  };

  const control = async (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'GET') {
      json(res, 200, { queued: faults });
      return;
    }
    if (req.method !== 'POST') {
      res.setHeader('Allow', 'GET, POST');
      json(res, 405, { error: 'use POST /control' });
      return;
    }
    const chunks: Buffer[] = [];
    let size = 0;
    for await (const chunk of req as AsyncIterable<Buffer>) {
      size += chunk.length;
      if (size > 16_384) {
        json(res, 413, { error: 'control body too large' });
        return;
      }
      chunks.push(chunk);
    }
    let body: { mode?: unknown; count?: unknown; status?: unknown; delayMs?: unknown; location?: unknown; bytes?: unknown };
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}') as typeof body;
    } catch {
      json(res, 400, { error: 'control body must be JSON: {"mode": "error"|"malformed"|"invalid"|"slow"|"reset", "count"?, "status"?, "delayMs"?}' });
      return;
    }
    if (body.mode === 'reset') {
      faults.length = 0;
      json(res, 200, { queued: faults });
      return;
    }
    const modes = ['error', 'malformed', 'invalid', 'slow', 'redirect', 'huge'];
    const count = body.count === undefined ? 1 : body.count;
    const okInt = (v: unknown, min: number, max: number) => v === undefined || (Number.isInteger(v) && (v as number) >= min && (v as number) <= max);
    if (typeof body.mode !== 'string' || !modes.includes(body.mode) || !okInt(count, 1, 1000) || !okInt(body.status, 300, 599) || !okInt(body.delayMs, 0, 600_000) || !okInt(body.bytes, 1, 2 ** 32) || (body.location !== undefined && (typeof body.location !== 'string' || body.location.length > 2000))) {
      json(res, 400, { error: `mode must be one of ${modes.join(', ')}, reset; count 1-1000; status 300-599; delayMs 0-600000; bytes 1-2^32; location a URL` });
      return;
    }
    const fault: Fault = {
      mode: body.mode as Fault['mode'],
      ...(body.status !== undefined ? { status: body.status as number } : {}),
      ...(body.delayMs !== undefined ? { delayMs: body.delayMs as number } : {}),
      ...(body.location !== undefined ? { location: body.location as string } : {}),
      ...(body.bytes !== undefined ? { bytes: body.bytes as number } : {}),
    };
    for (let i = 0; i < (count as number); i++) faults.push(fault);
    json(res, 200, { queued: faults });
  };

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname;
    const hostHeader = req.headers.host ?? '';
    const hostName = hostHeader.startsWith('[') ? hostHeader.slice(0, hostHeader.indexOf(']') + 1) : hostHeader.replace(/:\d+$/, '');
    if (!isLoopbackHost(hostName)) {
      json(res, 403, { error: 'this server answers only requests addressed to a loopback host' });
      return;
    }
    if (path === '/control') {
      if (!authorized(req)) {
        res.setHeader('WWW-Authenticate', 'Bearer');
        json(res, 401, { error: 'missing or wrong bearer token' });
        return;
      }
      await control(req, res);
      return;
    }
    if (path !== '/inventory' && path !== '/health') {
      json(res, 404, { error: 'not found; the inventory is at /inventory' });
      return;
    }
    cors(req, res);
    if (req.method === 'OPTIONS') {
      res.statusCode = 204;
      res.end();
      return;
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.setHeader('Allow', 'GET, HEAD, OPTIONS');
      json(res, 405, { error: `${req.method} is not allowed here` });
      return;
    }
    const head = req.method === 'HEAD';
    if (path === '/health') {
      res.setHeader('Cache-Control', 'no-store');
      json(res, 200, { status: 'ok' }, head);
      return;
    }
    if (!authorized(req)) {
      res.setHeader('WWW-Authenticate', 'Bearer');
      json(res, 401, { error: 'missing or wrong bearer token' }, head);
      return;
    }
    await serveInventory(req, res, head);
  };

  const server: Server = createServer((req, res) => {
    // The path only: a query string could carry something secret that should not reach a log.
    res.on('finish', () => log(`${req.method} ${new URL(req.url ?? '/', 'http://localhost').pathname} ${res.statusCode}`));
    handle(req, res).catch((err: unknown) => {
      if (!res.headersSent) json(res, 500, { error: 'internal error' });
      else res.destroy();
      log(`error: ${err instanceof Error ? err.message : String(err)}`);
    });
  });

  await new Promise<void>((done, fail) => {
    server.once('error', fail);
    server.listen(options.port ?? 8787, host === 'localhost' ? '127.0.0.1' : host.replace(/^\[|\]$/g, ''), () => {
      server.off('error', fail);
      done();
    });
  });
  const address = server.address() as AddressInfo;
  const urlHost = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  return {
    url: `http://${urlHost}:${address.port}/inventory`,
    port: address.port,
    host: address.address,
    dir,
    inject(fault, count = 1) {
      for (let i = 0; i < count; i++) faults.push(fault);
    },
    clearFaults() {
      faults.length = 0;
    },
    close() {
      for (const t of timers) clearTimeout(t);
      timers.clear();
      return new Promise<void>((done) => {
        server.close(() => done());
        server.closeAllConnections();
      });
    },
  };
}

export const USAGE = `Usage: serve-inventory DIR [--port N] [--host 127.0.0.1] [--token T] [--fail-next N] [--allow-origin ORIGIN[,ORIGIN...]]
  Serves the newest file of DIR at http://HOST:PORT/inventory (ETag, If-None-Match → 304, CORS).
  --port N           Port (default 8787; 0 picks a free one).
  --host H           Loopback address to listen on (default 127.0.0.1; ::1 and localhost also allowed).
  --token T          Require "Authorization: Bearer T" (or set PATHLIGHT_SERVE_TOKEN).
  --fail-next N      Answer the next N inventory requests with 500 (test hook; see also POST /control).
  --allow-origin O   Only these CORS origins (comma-separated); default any origin (*).
`;

/** Parses the command line into ServeOptions; throws ServeUsageError with one line on bad usage. */
export function parseServeArgs(argv: readonly string[], env: Readonly<Record<string, string | undefined>> = {}): ServeOptions {
  let dir: string | undefined;
  const values = new Map<string, string>();
  const names = new Set(['port', 'host', 'token', 'fail-next', 'allow-origin']);
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq >= 0 ? arg.slice(2, eq) : arg.slice(2);
      if (!names.has(name)) throw new ServeUsageError(`unknown option ${arg}`);
      const value = eq >= 0 ? arg.slice(eq + 1) : argv[++i];
      if (value === undefined || value === '') throw new ServeUsageError(`--${name} needs a value`);
      values.set(name, value);
    } else if (dir === undefined) {
      dir = arg;
    } else {
      throw new ServeUsageError(`one folder only (got ${JSON.stringify(dir)} and ${JSON.stringify(arg)})`);
    }
  }
  if (dir === undefined) throw new ServeUsageError('which folder? serve-inventory DIR');
  const int = (name: string, max: number) => {
    const v = values.get(name);
    if (v === undefined) return undefined;
    if (!/^\d+$/.test(v) || Number(v) > max) throw new ServeUsageError(`--${name} must be a whole number from 0 to ${max} (got ${JSON.stringify(v)})`);
    return Number(v);
  };
  const port = int('port', 65535);
  const failNext = int('fail-next', 1000);
  const host = values.get('host');
  if (host !== undefined && !isLoopbackHost(host)) throw new ServeUsageError(`--host ${host}: only loopback addresses are allowed (127.0.0.1, ::1, localhost)`);
  const token = values.get('token') ?? (env.PATHLIGHT_SERVE_TOKEN || undefined);
  const origins = values.get('allow-origin')?.split(',').map((o) => o.trim()).filter((o) => o !== '');
  return {
    dir,
    ...(port !== undefined ? { port } : {}),
    ...(host !== undefined ? { host } : {}),
    ...(token !== undefined ? { token } : {}),
    ...(failNext !== undefined ? { failNext } : {}),
    ...(origins && origins.length > 0 ? { allowOrigins: origins } : {}),
  };
}

async function main(): Promise<void> {
  let options: ServeOptions;
  try {
    options = parseServeArgs(process.argv.slice(2), process.env);
  } catch (err) {
    process.stderr.write(`serve-inventory: ${(err as Error).message}\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  let server: InventoryServer;
  try {
    server = await startInventoryServer({ ...options, log: (line) => process.stderr.write(`${line}\n`) });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    const why = code === 'EADDRINUSE' ? `port ${options.port ?? 8787} is in use (try --port 0)` : (err as Error).message;
    process.stderr.write(`serve-inventory: ${why}\n`);
    process.exitCode = 2;
    return;
  }
  process.stdout.write(`serving ${options.dir} at ${server.url}\n`);
  const stop = () => {
    void server.close().then(() => process.exit(0));
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
